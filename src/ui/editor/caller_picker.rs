//! How the caller waits: awaiting, or blocking its thread with the language's blocking call, and
//! where that thread runs (C#'s UI thread, tokio's runtime flavour). A choice that means nothing
//! in the language shown stays in the link, with a sentence here saying so, rather than being
//! ignored.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::domain::model::caller_setup::CallerSetup;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::page::playground_state::Action;
use crate::domain::semantics::blocking::choices_without_effect;
use crate::domain::semantics::profile::profile;

/// A function, not a component: it has no state of its own. One select offers the language's
/// ways to wait; each sets its parts of the caller's setup, so a choice made in another language
/// (a UI thread, a runtime flavour) is kept.
pub fn caller_picker(
    setup: CallerSetup,
    mode: Mode,
    language: Language,
    on_edit: &Callback<Action>,
) -> Html {
    let ways = profile(language).ways_to_wait;
    // The last way the setup holds: "await" holds whenever the caller awaits, wherever it runs.
    let chosen = ways.iter().rposition(|way| way.held_by(setup));
    let on_edit = on_edit.clone();
    let onchange = Callback::from(move |event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        let way = select
            .value()
            .parse::<usize>()
            .ok()
            .and_then(|index| ways.get(index));
        if let Some(way) = way {
            on_edit.emit(Action::SetCaller(way.applied_to(setup)));
        }
    });
    html! {
        <div class="caller-picker">
            <label for="caller-wait">{"The caller's thread waits by"}</label>
            <select id="caller-wait" {onchange}>
                { for ways.iter().enumerate().map(|(index, way)| html! {
                    <option value={index.to_string()} selected={chosen == Some(index)}>{way.name}</option>
                }) }
            </select>
            { for choices_without_effect(setup, mode, language).into_iter().map(|note| html! {
                <p class="caller-note">{note}</p>
            }) }
        </div>
    }
}
