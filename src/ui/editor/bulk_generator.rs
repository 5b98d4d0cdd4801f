//! Replace every task by N generated ones: a fixed delay or a range, a failure rate, I/O or CPU.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::link::task_list::{parse_delay, parse_fail_percent};
use crate::domain::model::scenario::{TaskKind, MAX_TASKS};
use crate::domain::page::playground_state::Action;

use crate::ui::editor::kind_select::{kind_select, SelectPlace};

/// The form's control named `name`.
fn control<T: JsCast>(form: &Element, name: &str) -> Option<T> {
    let control = form.query_selector(&format!("[name={name}]")).ok()??;
    Some(control.unchecked_into())
}

/// What the field `name` reads as. When it does not, the field carries the reason, and the browser
/// says it beside the field and keeps the form from being sent until it is edited.
fn read<T>(form: &Element, name: &str, parse: impl Fn(&str) -> Result<T, String>) -> Option<T> {
    let input: HtmlInputElement = control(form, name)?;
    let parsed = parse(&input.value());
    if let Err(reason) = &parsed {
        input.set_custom_validity(reason);
        input.report_validity();
    }
    parsed.ok()
}

fn parse_count(text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_TASKS).contains(n))
        .ok_or_else(|| format!("count \"{text}\" must be a whole number from 1 to {MAX_TASKS}"))
}

/// A form whose fields keep their own text: the page reads them only when the form is sent, and the
/// browser shows what does not read, so it needs no state (and no component, each of which costs
/// the page's wasm its own lifecycle code).
pub fn bulk_generator(on_edit: &Callback<Action>) -> Html {
    let on_submit = {
        let on_edit = on_edit.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let form: Element = event.target_unchecked_into();
            let kind = control::<HtmlSelectElement>(&form, "kind")
                .and_then(|select| TaskKind::from_url_name(&select.value()).ok());
            let request = (|| {
                let count = read(&form, "count", parse_count)?;
                let delay = read(&form, "delay", parse_delay)?;
                let fail_percent = read(&form, "fail", parse_fail_percent)?;
                Some(Action::Generate {
                    count,
                    delay,
                    fail_percent,
                    kind: kind?,
                })
            })();
            if let Some(request) = request {
                on_edit.emit(request);
            }
        })
    };
    // A reason given on sending holds only until the field is edited.
    let on_input = Callback::from(|event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        input.set_custom_validity("");
    });
    let place = SelectPlace {
        name: Some("kind".into()),
        ..SelectPlace::default()
    };
    html! {
        <form class="bulk-generator" onsubmit={on_submit} oninput={on_input} aria-labelledby="bulk-title">
            <h3 id="bulk-title" class="subheading">{"Generate many tasks"}</h3>
            <div class="task-fields">
                <label class="field"><span class="field-name">{"How many"}</span>
                    <input name="count" type="number" min="1" max={MAX_TASKS.to_string()} value="100" required=true /></label>
                <label class="field"><span class="field-name">{"Delay (ms or range)"}</span>
                    <input name="delay" type="text" value="100-2000" required=true /></label>
                <label class="field"><span class="field-name">{"Fails %"}</span>
                    <input name="fail" type="number" min="0" max="100" value="5" required=true /></label>
                <label class="field"><span class="field-name">{"Kind"}</span>
                    { kind_select(TaskKind::Io, Callback::noop(), place) }</label>
            </div>
            <button type="submit">{"Replace all tasks"}</button>
        </form>
    }
}
