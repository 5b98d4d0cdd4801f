//! The I/O-or-CPU choice of a task, shared by the task table and the bulk generator.

use yew::prelude::*;

use crate::domain::named_choice::NamedChoice;
use crate::domain::scenario::TaskKind;

use super::form_events::on_select;

#[derive(Properties, PartialEq)]
pub struct KindSelectProps {
    pub kind: TaskKind,
    pub on_change: Callback<TaskKind>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    /// Where no visible `<label>` wraps the select.
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
}

#[component]
pub fn KindSelect(props: &KindSelectProps) -> Html {
    let onchange = on_select(props.on_change.clone(), |name| {
        TaskKind::from_url_name(name).ok()
    });
    html! {
        <select id={props.id.clone()} class={props.class.clone()} {onchange} aria-label={props.aria_label.clone()}>
            { for TaskKind::ALL.iter().map(|&kind| html! {
                <option value={kind.url_name()} selected={kind == props.kind}>{kind.display_name()}</option>
            }) }
        </select>
    }
}
