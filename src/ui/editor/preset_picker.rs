//! Ready-made scenarios, each with the one thing it teaches, which the writer hands over when it is
//! shown: the page's own load carries no lesson.

use std::rc::Rc;
use web_sys::HtmlSelectElement;

use yew::prelude::*;

use crate::domain::model::presets::PRESETS;
use crate::domain::page::playground_state::Action;
use crate::ui::hooks::use_page::ask_for_the_lesson;

pub struct PresetPickerProps {
    /// The lesson shown, once the writer has handed it over.
    pub lesson: Option<Rc<str>>,
    /// Loading a preset ends the runs of the scenario it replaces.
    pub on_reset: Callback<()>,
    pub on_edit: Callback<Action>,
}

/// A function, not a component: it has no state, and each component costs the page's wasm most of
/// a kilobyte.
#[inline(always)]
pub fn preset_picker(props: &PresetPickerProps) -> Html {
    let on_change = {
        let (on_reset, on_edit) = (props.on_reset.clone(), props.on_edit.clone());
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(index) = select.value().parse::<usize>() {
                on_reset.emit(());
                on_edit.emit(Action::LoadPreset(index));
                ask_for_the_lesson(index, &on_edit);
            }
            select.set_value("");
        })
    };
    html! {
        <div class="preset-picker">
            <label for="preset">{"Start from a preset"}</label>
            <select id="preset" onchange={on_change}>
                <option value="" selected=true>{"Choose a scenario…"}</option>
                { for PRESETS.iter().enumerate().map(|(index, preset)| html! {
                    <option value={index.to_string()}>{preset.name}</option>
                }) }
            </select>
            if let Some(lesson) = &props.lesson {
                <p class="lesson">{lesson.to_string()}</p>
            }
        </div>
    }
}
