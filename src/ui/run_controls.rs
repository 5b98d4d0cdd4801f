//! Run, Compare and Reset, with their keyboard shortcuts.

use yew::prelude::*;

use super::shortcuts_help::ShortcutsHelp;

#[derive(Properties, PartialEq, Clone)]
pub struct RunControlsProps {
    pub live: bool,
    pub has_session: bool,
    pub on_run: Callback<()>,
    pub on_compare: Callback<()>,
    pub on_reset: Callback<()>,
    pub help_open: bool,
    pub on_help: Callback<bool>,
}

#[component]
pub fn RunControls(props: &RunControlsProps) -> Html {
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
            <ShortcutsHelp open={props.help_open} on_toggle={props.on_help.clone()} />
        </div>
    }
}
