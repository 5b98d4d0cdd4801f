//! A number typed in the editor beside the task table (the deadline, the retries, the backoff). Text
//! that does not read stays in the field with the reason beside it, and the scenario keeps its last
//! good value.

use yew::prelude::*;

use crate::ui::widgets::class_list::class_list;
use crate::ui::widgets::form_events::on_input_text;

/// Text typed in a field that does not read, and why; `None` while the field shows the scenario's value.
pub type Draft = Option<(String, String)>;

pub struct NumberFieldProps {
    /// The input's id; the message's is this with `-error`.
    pub id: &'static str,
    pub label: &'static str,
    pub placeholder: &'static str,
    /// The scenario's value, as the field shows it.
    pub value: String,
    /// Applies what was typed; says why it does not read, if it does not.
    pub apply: Callback<String, Option<String>>,
}

/// The field, its draft kept in `draft`, a state of the layout's: a function rather than a component
/// of its own, as each component costs the page's wasm its own lifecycle code.
pub fn number_field(props: NumberFieldProps, draft: &UseStateHandle<Draft>) -> Html {
    let on_input = {
        let (draft, apply) = (draft.clone(), props.apply);
        on_input_text(move |text| match apply.emit(text.clone()) {
            None => draft.set(None),
            Some(reason) => draft.set(Some((text, reason))),
        })
    };
    let value = draft.as_ref().map_or(props.value, |(text, _)| text.clone());
    let error_id = format!("{}-error", props.id);
    html! {
        <div class={class_list("number-field", &[(draft.is_some(), "has-error")])}>
            <label>
                {props.label}
                <input id={props.id} type="number" min="0"
                    placeholder={props.placeholder} {value} oninput={on_input}
                    aria-invalid={draft.is_some().then_some("true")}
                    aria-describedby={draft.is_some().then_some(error_id.clone())} />
            </label>
            if let Some((_, reason)) = &**draft {
                <p id={error_id} class="field-errors">{reason.clone()}</p>
            }
        </div>
    }
}
