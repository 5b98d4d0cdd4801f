//! The caller's deadline (`timeout=MS`): empty for none. A value out of range stays in the field,
//! with the reason beside it, and the scenario keeps its last good deadline.

use yew::prelude::*;

use crate::domain::scenario::MAX_TIMEOUT_MS;
use crate::domain::url_codec::parse_timeout;

use super::form_events::on_input_text;

#[derive(Properties, PartialEq)]
pub struct DeadlineFieldProps {
    pub timeout_ms: Option<u32>,
    pub on_timeout: Callback<Option<u32>>,
}

#[component]
pub fn DeadlineField(props: &DeadlineFieldProps) -> Html {
    // Text that does not read as a deadline, with the reason.
    let draft = use_state(|| None::<(String, String)>);
    let on_input = {
        let (draft, on_timeout) = (draft.clone(), props.on_timeout.clone());
        on_input_text(move |text| match parse_timeout(&text) {
            Ok(timeout) => {
                draft.set(None);
                on_timeout.emit(timeout);
            }
            Err(reason) => draft.set(Some((text, reason))),
        })
    };
    let value = draft.as_ref().map_or_else(
        || {
            props
                .timeout_ms
                .map(|ms| ms.to_string())
                .unwrap_or_default()
        },
        |(text, _)| text.clone(),
    );
    html! {
        <div class={classes!("deadline-field", draft.is_some().then_some("has-error"))}>
            <label>
                {"Stop waiting after (ms)"}
                <input id="deadline" type="number" min="1" max={MAX_TIMEOUT_MS.to_string()} placeholder="no deadline"
                    {value} oninput={on_input} aria-invalid={draft.is_some().then_some("true")}
                    aria-describedby={draft.is_some().then_some("deadline-error")} />
            </label>
            if let Some((_, reason)) = &*draft {
                <p id="deadline-error" class="field-errors">{reason.clone()}</p>
            }
        </div>
    }
}
