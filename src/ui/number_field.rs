//! A number typed in the editor beside the task table (the deadline, the retries, the backoff). Text
//! that does not read stays in the field with the reason beside it, and the scenario keeps its last
//! good value.

use yew::prelude::*;

use super::form_events::on_input_text;

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// The input's id; the message's is this with `-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub placeholder: AttrValue,
    /// The scenario's value, as the field shows it.
    pub value: AttrValue,
    /// Applies what was typed; says why it does not read, if it does not.
    pub apply: Callback<String, Option<String>>,
}

#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    // Text that does not read, with the reason.
    let draft = use_state(|| None::<(String, String)>);
    let on_input = {
        let (draft, apply) = (draft.clone(), props.apply.clone());
        on_input_text(move |text| match apply.emit(text.clone()) {
            None => draft.set(None),
            Some(reason) => draft.set(Some((text, reason))),
        })
    };
    let value = draft
        .as_ref()
        .map_or_else(|| props.value.to_string(), |(text, _)| text.clone());
    let error_id = format!("{}-error", props.id);
    html! {
        <div class={classes!("number-field", draft.is_some().then_some("has-error"))}>
            <label>
                {props.label.clone()}
                <input id={props.id.clone()} type="number" min="0"
                    placeholder={props.placeholder.clone()} {value} oninput={on_input}
                    aria-invalid={draft.is_some().then_some("true")}
                    aria-describedby={draft.is_some().then_some(error_id.clone())} />
            </label>
            if let Some((_, reason)) = &*draft {
                <p id={error_id} class="field-errors">{reason.clone()}</p>
            }
        </div>
    }
}
