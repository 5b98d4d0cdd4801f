//! The I/O-or-CPU choice of a task, shared by the task table and the bulk generator. A plain function,
//! not a component: it has no state, and each component costs the wasm its own lifecycle code.

use yew::prelude::*;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::scenario::TaskKind;

use crate::ui::widgets::form_events::on_select;

/// Where the select sits: its id, class and accessible name, when no visible `<label>` wraps it.
#[derive(Default)]
pub struct SelectPlace {
    pub id: Option<AttrValue>,
    /// For a form that reads its fields when it is sent.
    pub name: Option<AttrValue>,
    pub class: Option<AttrValue>,
    pub aria_label: Option<AttrValue>,
}

pub fn kind_select(kind: TaskKind, on_change: Callback<TaskKind>, place: SelectPlace) -> Html {
    let onchange = on_select(on_change, |name| TaskKind::from_url_name(name).ok());
    html! {
        <select id={place.id} name={place.name} class={place.class} {onchange} aria-label={place.aria_label}>
            { for TaskKind::ALL.iter().map(|&choice| html! {
                <option value={choice.url_name()} selected={choice == kind}>{choice.display_name()}</option>
            }) }
        </select>
    }
}
