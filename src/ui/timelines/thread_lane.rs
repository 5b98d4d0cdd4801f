//! Under a run's task lanes, the thread or threads over time: blocked by CPU-bound work, or free, with
//! a tick at each instant a continuation ran. Read from the run's events, like the bars above it.

use yew::prelude::*;

use crate::domain::basics::decimal::{fixed, time_label};
use crate::domain::explain::moment::{blocked_spans, moment_events, thread_rows};
use crate::domain::model::language::Language;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::{Span, Timeline};
use crate::domain::semantics::blocking::caller_blocked_span;
use crate::domain::semantics::profile::profile;
use crate::domain::semantics::runtime_model::{runtime_model, Threads};

/// What held the threads, in words, for a screen reader.
fn summary(scenario: &Scenario, blocked: &[(u32, Span)], caller_block: Option<Span>) -> String {
    let summary = if blocked.is_empty() {
        "never blocked: every task awaits a timer, which holds no thread".to_owned()
    } else {
        blocked
            .iter()
            .map(|(task, span)| {
                format!(
                    "blocked by {} from {} to {}",
                    scenario.label_of(*task),
                    time_label(span.start_ms),
                    time_label(span.end_ms)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    match caller_block {
        Some(span) => format!(
            "{summary}; the caller's own thread blocked from {} to {}",
            time_label(span.start_ms),
            time_label(span.end_ms)
        ),
        None => summary,
    }
}

/// Each row, named, with what held it and when: the blocking work, labelled with its task, and
/// the caller's own blocking call, on the loop's one thread or beside a pool on a thread of its
/// own (a console's main thread, a UI thread).
fn named_rows(
    scenario: &Scenario,
    language: Language,
    rows: Vec<Vec<(u32, Span)>>,
    caller_block: Option<Span>,
) -> Vec<(String, Vec<(Span, String)>)> {
    let pool = runtime_model(language).threads == Threads::Pool;
    let row_count = rows.len();
    let mut rows: Vec<(String, Vec<(Span, String)>)> = rows
        .into_iter()
        .enumerate()
        .map(|(index, row)| {
            let name = match (pool, row_count) {
                (true, 1) => "a thread".to_owned(),
                (true, _) => format!("thread {}", index + 1),
                (false, _) => profile(language).thread.to_owned(),
            };
            let held = row
                .into_iter()
                .map(|(task, span)| (span, scenario.label_of(task)));
            (name, held.collect())
        })
        .collect();
    if let Some(span) = caller_block {
        let held = (span, "caller blocked".to_owned());
        match rows.first_mut() {
            Some((_, first)) if !pool => first.push(held),
            _ => rows.push(("caller's thread".to_owned(), vec![held])),
        }
    }
    rows
}

/// The lane for `timeline`, a run of `scenario`, up to `now_ms` on an axis `axis_end_ms` long. A
/// function, not a component: it always renders with its timeline, and a component of its own would
/// cost the page's wasm about a kilobyte.
pub fn thread_lane(
    scenario: &Scenario,
    timeline: &Timeline,
    now_ms: f64,
    axis_end_ms: f64,
) -> Html {
    let language = timeline.language;
    let end = axis_end_ms.max(1.0);
    let at = |ms: f64| fixed((ms / end).clamp(0.0, 1.0), 5);
    let events = moment_events(timeline);
    let blocked = blocked_spans(scenario, &events, now_ms);
    let rows = thread_rows(language, &blocked);
    let pool = runtime_model(language).threads == Threads::Pool;
    let mut instants: Vec<f64> = events
        .iter()
        .map(|event| event.at_ms)
        .take_while(|&at_ms| at_ms <= now_ms)
        .collect();
    instants.dedup();
    let caller_block = caller_blocked_span(scenario, timeline, &blocked, now_ms);
    let summary = summary(scenario, &blocked, caller_block);
    let rows = named_rows(scenario, language, rows, caller_block);
    let rows = rows.into_iter().enumerate().map(|(index, (name, held))| {
        // A tick where each continuation ran: on the loop's one thread, or on a pool's first row,
        // since any free pool thread runs them. Then what held the thread.
        let ticks = instants
            .iter()
            .filter(|_| index == 0)
            .map(|&ms| ("thread-tick", format!("--at:{}", at(ms)), String::new()));
        let blocks = held.into_iter().map(|(span, text)| {
            let style = format!("--from:{};--to:{}", at(span.start_ms), at(span.end_ms));
            ("bar bar-blocked", style, text)
        });
        let marks = ticks
            .chain(blocks)
            .map(|(class, style, text)| html! { <span {class} {style}>{text}</span> });
        html! {
            <li class="lane thread-row">
                <span class="lane-label">{name}</span>
                <span class="track">{ for marks }</span>
            </li>
        }
    });
    let title = if pool {
        "The thread pool".to_owned()
    } else {
        format!("The {}", profile(language).thread)
    };
    html! {
        <div class="thread-lane" role="group" aria-label={format!("{title}: {summary}")}>
            <ol class="lanes" aria-hidden="true">{ for rows }</ol>
        </div>
    }
}
