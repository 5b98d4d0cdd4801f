//! One run drawn as lanes on a time axis: a bar per task that grows live, its outcome shown by colour
//! and by glyph, a marker where the caller resumed and a cursor at "now". Past `MAX_LABELLED_LANES` tasks
//! the canvas view takes over.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::basics::decimal::{fixed, time_label};
use crate::domain::look::outcome_style::outcome_style;
use crate::domain::look::timeline_layout::{
    bars_at, retried_bars_at, ticks, BarAt, MAX_LABELLED_LANES,
};
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::{Outcome, Received, Timeline};
use crate::domain::page::redraw_schedule::LIVE_REDRAW_MS;
use crate::domain::semantics::blocking::{hung_reason, shown_deadline_ms};

use crate::ui::timelines::thread_lane::thread_lane;
use crate::ui::timelines::timeline_canvas::TimelineCanvas;
use crate::ui::widgets::class_list::class_list;

/// What [`timeline_view`] draws.
pub struct TimelineViewProps {
    /// What this run is, e.g. "join_all in Rust: real run".
    pub title: String,
    pub scenario: Rc<Scenario>,
    pub timeline: Rc<Timeline>,
    /// The simulator's prediction, for each task's lateness; `None` when the timeline is the prediction.
    pub predicted: Option<Rc<Timeline>>,
    pub now_ms: f64,
    /// The axis length, shared by timelines shown together.
    pub axis_end_ms: f64,
    /// Draw the "now" cursor: during a live run or a replay, not for a static prediction.
    pub show_cursor: bool,
    /// Whether the caller has resumed yet (a live run's timeline has no resume until it happens).
    pub caller_resumed: bool,
    /// While the run is live, `performance.now()` when it started: its running bars and its cursor
    /// then move by themselves, as CSS animations pinned to that clock (`runtime::live_motion`), and
    /// the page redraws only to show what happened.
    pub live_since_ms: Option<f64>,
}

/// A position on the axis as a fraction of its length.
fn at(ms: f64, end: f64) -> f64 {
    if end <= 0.0 {
        0.0
    } else {
        (ms / end).clamp(0.0, 1.0)
    }
}

fn describe_bar(
    label: &str,
    start: f64,
    end: f64,
    outcome: Outcome,
    lateness: Option<String>,
) -> String {
    let mut text = format!(
        "{label}: {} to {}, {}",
        time_label(start),
        time_label(end),
        outcome_style(outcome).description()
    );
    if let Some(lateness) = lateness {
        text.push_str(&format!(", {lateness}"));
    }
    text
}

/// What makes an element of a live run move by itself for `ms`: a CSS animation of that length,
/// which `runtime::live_motion` pins to the run's clock, and, with reduced motion, its steps, one per
/// `LIVE_REDRAW_MS` (as often as the page redraws) instead of a glide.
fn motion(ms: f64) -> String {
    format!(
        ";--grow-ms:{}ms;--steps:{}",
        fixed(ms, 1),
        (ms / LIVE_REDRAW_MS).ceil().max(1.0) as u32
    )
}

/// One lane per task, labelled, with the thread lane under them.
fn labelled_lanes(props: &TimelineViewProps, end: f64) -> Html {
    let bars = bars_at(&props.timeline, props.now_ms);
    let lanes = props.timeline.tasks.iter().zip(bars).enumerate().map(|(index, (task, bar))| {
        let label = props.scenario.label_of(index as u32);
        let bar_html = bar.map(|bar| task_bar(props, index, &label, &bar, end));
        // Failed attempts before the last: drawn, and counted in the main bar's description.
        let retried = retried_bars_at(task, props.now_ms).into_iter().map(|attempt| {
            let style = format!("--from:{};--to:{}", fixed(at(attempt.start_ms, end), 5), fixed(at(attempt.end_ms, end), 5));
            html! { <span class={format!("bar bar-attempt bar-{}", attempt.outcome.name())} {style} aria-hidden="true"></span> }
        });
        html! {
            <li class="lane" key={index}>
                <span class="lane-label" title={label.clone()}>{label}</span>
                <span class="track">{ for retried }{ bar_html.unwrap_or_default() }</span>
            </li>
        }
    });
    html! {
        <>
            <ol class="lanes">{ for lanes }</ol>
            { thread_lane(&props.scenario, &props.timeline, props.now_ms, end) }
        </>
    }
}

/// What a task's bar says to a screen reader and in its tooltip: its span and outcome, how late it
/// was (against the prediction, or its plan), why it hung, and its failed attempts.
fn bar_description(props: &TimelineViewProps, index: usize, label: &str, bar: &BarAt) -> String {
    let task = &props.timeline.tasks[index];
    let lateness = match &props.predicted {
        Some(predicted) => predicted
            .tasks
            .get(index)
            .and_then(|p| p.span)
            .filter(|_| bar.outcome != Outcome::Running)
            .map(|p| {
                let delta = bar.end_ms - p.end_ms;
                format!(
                    "ended {} {} the prediction",
                    time_label(delta.abs()),
                    if delta >= 0.0 { "after" } else { "before" }
                )
            }),
        None => task
            .lateness_ms()
            .filter(|late| *late >= 1.0 && bar.outcome != Outcome::Running)
            .map(|late| format!("{} late against plan", time_label(late))),
    };
    // A hung task says why it hung.
    let lateness = match (bar.outcome, hung_reason(props.timeline.blocked)) {
        (Outcome::Hung, Some(reason)) => Some(reason.to_owned()),
        _ => lateness,
    };
    let mut description = describe_bar(label, bar.start_ms, bar.end_ms, bar.outcome, lateness);
    match task.retried_attempts().len() {
        0 => {}
        1 => description.push_str(", after 1 failed attempt"),
        retried => description.push_str(&format!(", after {retried} failed attempts")),
    }
    description
}

/// A task's bar as it stands at the view's "now".
fn task_bar(props: &TimelineViewProps, index: usize, label: &str, bar: &BarAt, end: f64) -> Html {
    let description = bar_description(props, index, label, bar);
    // A task running in a live run grows by itself, reaching "now" at every instant, up to
    // where the prediction ends it (or now, if later); it holds there until the page
    // redraws with the task's real end.
    let growing = props
        .live_since_ms
        .filter(|_| bar.outcome == Outcome::Running);
    let reach_ms = match growing {
        Some(_) => props
            .predicted
            .as_ref()
            .and_then(|p| p.tasks.get(index)?.span)
            .map_or(end, |span| span.end_ms)
            .max(bar.end_ms),
        None => bar.end_ms,
    };
    let mut style = format!(
        "--from:{};--to:{}",
        fixed(at(bar.start_ms, end), 5),
        fixed(at(reach_ms, end), 5)
    );
    if growing.is_some() {
        style.push_str(&motion(reach_ms - bar.start_ms));
    }
    html! {
        <button type="button" class={class_list(&format!("bar bar-{}", bar.outcome.name()), &[(growing.is_some(), "bar-growing")])} {style}
            data-since={growing.map(|since| fixed(since + bar.start_ms, 3).to_string())} aria-label={description.clone()}>
            <span class="bar-symbol" aria-hidden="true">{outcome_style(bar.outcome).symbol}</span>
            <span class="bar-tip" aria-hidden="true">{description}</span>
        </button>
    }
}

/// The view of one run. A function, not a component: every render of the page changes its "now"
/// anyway, and each component costs the page's wasm most of a kilobyte.
pub fn timeline_view(props: &TimelineViewProps) -> Html {
    let end = props.axis_end_ms.max(1.0);
    let total = time_label(props.timeline.resume.at_ms);
    let resumed = props.caller_resumed && props.timeline.resume.at_ms <= props.now_ms;
    let received = &props.timeline.resume.received;
    let timed_out = *received == Received::TimedOut;
    // A deadline the caller beat is drawn where it would have fallen, if that is on the axis; one that
    // passed is where the caller resumed.
    let deadline_unreached = shown_deadline_ms(&props.scenario, received)
        .map(f64::from)
        .filter(|&deadline| !timed_out && deadline <= end);

    let body = if props.timeline.tasks.len() > MAX_LABELLED_LANES {
        // Live, its running bars reach the axis's end, and the cursor's cover hides what is ahead.
        let drawn_to_ms = if props.live_since_ms.is_some() {
            end
        } else {
            props.now_ms
        };
        html! { <TimelineCanvas scenario={props.scenario.clone()} timeline={props.timeline.clone()} now_ms={drawn_to_ms} axis_end_ms={end} /> }
    } else {
        labelled_lanes(props, end)
    };

    html! {
        <figure class="timeline" data-resumed-ms={resumed.then(|| fixed(props.timeline.resume.at_ms, 1).to_string())}>
            <figcaption class="timeline-title">
                <span>{props.title.clone()}</span>
                <span class="timeline-total">{ if resumed {
                    format!("{} {total}", received.past_words())
                } else {
                    "running…".to_owned()
                } }</span>
            </figcaption>
            <div class="plot">
                <div class="axis" aria-hidden="true">
                    { for ticks(end, 5).into_iter().map(|tick| html! {
                        <span class="tick" style={format!("--at:{}", fixed(at(tick, end), 5))}>{time_label(tick)}</span>
                    }) }
                </div>
                { body }
                if resumed {
                    <div class={class_list("marker marker-resume", &[(at(props.timeline.resume.at_ms, end) > 0.75, "label-left")])}
                        style={format!("--at:{}", fixed(at(props.timeline.resume.at_ms, end), 5))}>
                        <span class="marker-label">{received.marker_words()}</span>
                    </div>
                }
                if let Some(deadline) = deadline_unreached {
                    <div class={class_list("marker marker-deadline", &[(at(deadline, end) > 0.75, "label-left")])}
                        style={format!("--at:{}", fixed(at(deadline, end), 5))}>
                        <span class="marker-label">{format!("deadline {}", time_label(deadline))}</span>
                    </div>
                }
                if props.show_cursor {
                    // In a live run it crosses the whole axis by itself, in `end` ms from the run's start.
                    <div class="marker marker-now" aria-hidden="true"
                        style={match props.live_since_ms { Some(_) => format!("--at:0{}", motion(end)), None => format!("--at:{}", fixed(at(props.now_ms, end), 5)) }}
                        data-since={props.live_since_ms.map(|since| fixed(since, 3).to_string())}></div>
                }
            </div>
        </figure>
    }
}
