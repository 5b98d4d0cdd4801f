//! The I/O-or-CPU choice of a task, shared by the task table and the bulk generator.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::domain::named_choice::NamedChoice;
use crate::domain::scenario::TaskKind;

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
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(kind) = TaskKind::from_url_name(&select.value()) {
                on_change.emit(kind);
            }
        })
    };
    html! {
        <select id={props.id.clone()} class={props.class.clone()} {onchange} aria-label={props.aria_label.clone()}>
            { for TaskKind::ALL.iter().map(|&kind| html! {
                <option value={kind.url_name()} selected={kind == props.kind}>{kind.display_name()}</option>
            }) }
        </select>
    }
}
