//! Run, Compare and Reset, with their keyboard shortcuts, and what Run sets beside the chosen mode.

use yew::prelude::*;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::comparison::Comparison;

use super::shortcuts_help::{shortcuts_help, ShortcutsHelpProps};
use crate::ui::widgets::form_events::on_select;

#[derive(PartialEq, Clone)]
pub struct RunControlsProps {
    pub live: bool,
    pub has_session: bool,
    pub on_run: Callback<()>,
    pub on_compare: Callback<()>,
    pub on_reset: Callback<()>,
    pub comparison: Comparison,
    pub on_comparison: Callback<Comparison>,
    pub help_open: bool,
    pub on_help: Callback<bool>,
}

/// A function, not a component: it has no state, and each component costs the page's wasm most of
/// a kilobyte.
pub fn run_controls(props: &RunControlsProps) -> Html {
    let emit = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    html! {
        <div class="run-controls">
            <button type="button" class="primary" onclick={emit(&props.on_run)} aria-keyshortcuts="r">
                { if props.live { "Run again" } else { "Run" } }
            </button>
            <button type="button" onclick={emit(&props.on_compare)} aria-keyshortcuts="c">
                {"Compare with one after another"}
            </button>
            <button type="button" onclick={emit(&props.on_reset)} disabled={!props.has_session} aria-keyshortcuts="x">
                {"Reset"}
            </button>
            <label class="compare-choice">{"Beside it: "}
                <select onchange={on_select(props.on_comparison.clone(), |name| Comparison::from_url_name(name).ok())}>
                    { for Comparison::ALL.iter().map(|&choice| html! {
                        <option value={choice.url_name()} selected={choice == props.comparison}>{choice.display_name()}</option>
                    }) }
                </select>
            </label>
            { shortcuts_help(&ShortcutsHelpProps { open: props.help_open, on_toggle: props.on_help.clone() }) }
        </div>
    }
}
