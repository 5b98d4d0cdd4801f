//! Callbacks that read a form control's value: one place for the casts every field needs.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// On each keystroke, the input's text.
pub fn on_input_text(on_text: impl Fn(String) + 'static) -> Callback<InputEvent> {
    Callback::from(move |event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        on_text(input.value());
    })
}

/// On a choice, `parse` of the select's value, given to `on_value` when it reads.
pub fn on_select<T: 'static>(
    on_value: Callback<T>,
    parse: impl Fn(&str) -> Option<T> + 'static,
) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        if let Some(value) = parse(&select.value()) {
            on_value.emit(value);
        }
    })
}
