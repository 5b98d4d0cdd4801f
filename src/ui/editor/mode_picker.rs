//! The eight ways to await: each with a line saying what it does and each language's call for it,
//! plus K for `buffered`, and for fire and forget whether the program ends with the caller.

use yew::prelude::*;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::MAX_TASKS;
use crate::domain::page::playground_state::Action;
use crate::domain::semantics::profile::profile;

use crate::ui::widgets::class_list::class_list;
use crate::ui::widgets::form_events::on_input_text;

pub struct ModePickerProps {
    pub mode: Mode,
    pub limit: u32,
    pub program_exits: bool,
    /// The editor's changes, each an action on the playground's state.
    pub on_edit: Callback<Action>,
}

/// A function, not a component: it has no state, and each component costs the page's wasm most of
/// a kilobyte.
pub fn mode_picker(props: &ModePickerProps) -> Html {
    let on_limit_input = {
        let on_edit = props.on_edit.clone();
        on_input_text(move |text| {
            if let Ok(limit) = text.trim().parse::<u32>() {
                on_edit.emit(Action::SetLimit(limit.clamp(1, MAX_TASKS)));
            }
        })
    };
    let on_exits_change = {
        let (on_edit, exits) = (props.on_edit.clone(), props.program_exits);
        Callback::from(move |_: Event| on_edit.emit(Action::SetProgramExits(!exits)))
    };
    html! {
        <fieldset class="mode-picker">
            <legend>{"How the caller awaits"}</legend>
            { for Mode::ALL.iter().map(|&mode| {
                let on_edit = props.on_edit.clone();
                let id = format!("mode-{}", mode.url_name());
                let calls = Language::ALL.iter().map(|&l| profile(l).idiom(mode).short).collect::<Vec<_>>().join(" / ");
                html! {
                    <div class={class_list("mode-option", &[(mode == props.mode, "selected")])}>
                        <input type="radio" name="mode" id={id.clone()} value={mode.url_name()}
                            checked={mode == props.mode}
                            onchange={Callback::from(move |_| on_edit.emit(Action::SetMode(mode)))} />
                        <label for={id}>
                            <span class="mode-title">{mode.title()}</span>
                            <span class="mode-summary">{mode.summary()}</span>
                            <code class="mode-calls">{calls}</code>
                        </label>
                    </div>
                }
            }) }
            if props.mode == Mode::Buffered {
                <label class="limit-field">
                    {"K, tasks at a time"}
                    <input type="number" min="1" max={MAX_TASKS.to_string()} value={props.limit.to_string()} oninput={on_limit_input} />
                </label>
            }
            if !props.mode.caller_waits() {
                <label class="exit-field">
                    <input type="checkbox" checked={props.program_exits} onchange={on_exits_change} />
                    {"The program ends as the caller moves on (a script), rather than living on (a server)"}
                </label>
            }
        </fieldset>
    }
}
