//! One run drawn as lanes on a time axis: a bar per task that grows live, its outcome shown by colour
//! and by glyph, a marker where the caller resumed and a cursor at "now". Past `MAX_LABELLED_LANES` tasks
//! the canvas view takes over.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::decimal::{fixed, time_label};
use crate::domain::outcome_style::outcome_style;
use crate::domain::scenario::Scenario;
use crate::domain::timeline::{Outcome, Received, Timeline};
use crate::domain::timeline_layout::{bars_at, retried_bars_at, ticks, MAX_LABELLED_LANES};

use super::class_list::class_list;
use super::thread_lane::thread_lane;
use super::timeline_canvas::TimelineCanvas;

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
    let deadline_unreached = props
        .scenario
        .deadline_ms()
        .map(f64::from)
        .filter(|&deadline| !timed_out && deadline <= end);

    let body = if props.timeline.tasks.len() > MAX_LABELLED_LANES {
        html! { <TimelineCanvas scenario={props.scenario.clone()} timeline={props.timeline.clone()} now_ms={props.now_ms} axis_end_ms={end} /> }
    } else {
        let bars = bars_at(&props.timeline, props.now_ms);
        let lanes = props.timeline.tasks.iter().zip(bars).enumerate().map(|(index, (task, bar))| {
            let label = props.scenario.label_of(index as u32);
            let bar_html = bar.map(|bar| {
                let lateness = match &props.predicted {
                    Some(predicted) => predicted.tasks.get(index).and_then(|p| p.span).filter(|_| bar.outcome != Outcome::Running).map(|p| {
                        let delta = bar.end_ms - p.end_ms;
                        format!("ended {} {} the prediction", time_label(delta.abs()), if delta >= 0.0 { "after" } else { "before" })
                    }),
                    None => task.lateness_ms().filter(|late| *late >= 1.0 && bar.outcome != Outcome::Running).map(|late| format!("{} late against plan", time_label(late))),
                };
                let mut description = describe_bar(&label, bar.start_ms, bar.end_ms, bar.outcome, lateness);
                match task.retried_attempts().len() {
                    0 => {}
                    1 => description.push_str(", after 1 failed attempt"),
                    retried => description.push_str(&format!(", after {retried} failed attempts")),
                }
                let style = format!("--from:{};--to:{}", fixed(at(bar.start_ms, end), 5), fixed(at(bar.end_ms, end), 5));
                html! {
                    <button type="button" class={format!("bar bar-{}", bar.outcome.name())} {style} aria-label={description.clone()}>
                        <span class="bar-symbol" aria-hidden="true">{outcome_style(bar.outcome).symbol}</span>
                        <span class="bar-tip" aria-hidden="true">{description}</span>
                    </button>
                }
            });
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
                    <div class="marker marker-now" style={format!("--at:{}", fixed(at(props.now_ms, end), 5))} aria-hidden="true"></div>
                }
            </div>
        </figure>
    }
}
