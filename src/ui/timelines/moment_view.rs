//! At the replay cursor: a sentence for what just happened, and what each participant is waiting
//! for (the caller, the timers, the tasks held up by the thread).

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::explain::moment::{awaiting_text, CallerState, Moment, TaskState};
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::Timeline;

/// The replay cursor's instant of one run, which the moment view and the code panel both show.
#[derive(Clone, Debug, PartialEq)]
pub struct CursorMoment {
    pub scenario: Rc<Scenario>,
    pub timeline: Rc<Timeline>,
    pub moment: Rc<Moment>,
    /// The run's heading, where a session has several runs: which one the cursor is about.
    pub heading: Option<String>,
}

/// The view of `cursor`, headed by its run's heading among several. A function, not a component:
/// it renders with the replay controls, and a component of its own would cost the page's wasm about
/// a kilobyte.
pub fn moment_view(cursor: &CursorMoment) -> Html {
    let CursorMoment {
        scenario,
        timeline,
        moment,
        heading,
    } = cursor;
    let labelled = |wanted: fn(TaskState) -> bool| -> String {
        let labels: Vec<String> = moment
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, state)| wanted(**state))
            .map(|(index, _)| scenario.label_of(index as u32))
            .collect();
        if labels.is_empty() {
            "none".to_owned()
        } else {
            labels.join(", ")
        }
    };
    let caption = match heading {
        Some(heading) => format!("{heading}: {}", moment.caption),
        None => moment.caption.clone(),
    };
    let rows = [
        ("Caller", awaiting_text(scenario, timeline, &moment.caller)),
        (
            "Timers pending",
            labelled(|s| matches!(s, TaskState::Waiting | TaskState::BackingOff)),
        ),
        (
            "Blocking a thread",
            blocking_a_thread(moment, labelled(|s| s == TaskState::Blocking)),
        ),
        (
            "Due, waiting for the thread",
            labelled(|s| s == TaskState::Ready),
        ),
    ];
    html! {
        <section class="moment" aria-label="At the replay cursor">
            <p class="moment-caption" aria-live="polite">{caption}</p>
            <dl class="moment-state">
                { for rows.into_iter().map(|(term, value)| html! {
                    <div><dt>{term}</dt><dd>{value}</dd></div>
                }) }
            </dl>
        </section>
    }
}

/// Who holds a thread: a caller blocked in its call first, then the tasks' blocking work.
fn blocking_a_thread(moment: &Moment, tasks: String) -> String {
    match (&moment.caller, tasks.as_str()) {
        (CallerState::Blocked, "none") => "the caller".to_owned(),
        (CallerState::Blocked, _) => format!("the caller, {tasks}"),
        _ => tasks,
    }
}
