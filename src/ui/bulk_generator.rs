//! Replace every task by N generated ones: a fixed delay or a range, a failure rate, I/O or CPU.

use yew::prelude::*;

use crate::domain::scenario::{Delay, TaskKind, MAX_TASKS};
use crate::domain::url_codec::{parse_delay, parse_fail_percent};

use super::form_events::keep_text_in;
use super::kind_select::{kind_select, SelectPlace};

#[derive(Properties, PartialEq)]
pub struct BulkGeneratorProps {
    pub on_generate: Callback<(u32, Delay, u8, TaskKind)>,
}

#[component]
pub fn BulkGenerator(props: &BulkGeneratorProps) -> Html {
    let count = use_state(|| "100".to_owned());
    let delay = use_state(|| "100-2000".to_owned());
    let fail = use_state(|| "5".to_owned());
    let kind = use_state(|| TaskKind::Io);

    let parsed_count = count
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_TASKS).contains(n))
        .ok_or_else(|| {
            format!(
                "count \"{}\" must be a whole number from 1 to {MAX_TASKS}",
                *count
            )
        });
    let parsed_delay = parse_delay(&delay);
    let parsed_fail = parse_fail_percent(&fail);
    let errors: Vec<String> = [
        parsed_count.clone().err(),
        parsed_delay.clone().err(),
        parsed_fail.clone().err(),
    ]
    .into_iter()
    .flatten()
    .collect();

    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |chosen: TaskKind| kind.set(chosen))
    };
    let generate = {
        let on_generate = props.on_generate.clone();
        let kind = *kind;
        let ready = match (parsed_count, parsed_delay, parsed_fail) {
            (Ok(n), Ok(d), Ok(f)) => Some((n, d, f, kind)),
            _ => None,
        };
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let Some(request) = ready {
                on_generate.emit(request);
            }
        })
    };
    html! {
        <form class="bulk-generator" onsubmit={generate} aria-labelledby="bulk-title">
            <h3 id="bulk-title" class="subheading">{"Generate many tasks"}</h3>
            <div class="task-fields">
                <label class="field"><span class="field-name">{"How many"}</span>
                    <input type="number" min="1" max={MAX_TASKS.to_string()} value={(*count).clone()} oninput={keep_text_in(&count)} /></label>
                <label class="field"><span class="field-name">{"Delay (ms or range)"}</span>
                    <input type="text" value={(*delay).clone()} oninput={keep_text_in(&delay)} /></label>
                <label class="field"><span class="field-name">{"Fails %"}</span>
                    <input type="number" min="0" max="100" value={(*fail).clone()} oninput={keep_text_in(&fail)} /></label>
                <label class="field"><span class="field-name">{"Kind"}</span>
                    { kind_select(*kind, on_kind, SelectPlace::default()) }</label>
            </div>
            if !errors.is_empty() {
                <ul class="field-errors">{ for errors.iter().map(|e| html! { <li>{e.clone()}</li> }) }</ul>
            }
            <button type="submit" disabled={!errors.is_empty()}>{"Replace all tasks"}</button>
        </form>
    }
}
