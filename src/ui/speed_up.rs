//! The comparison's figures: how long the caller waited one after another and in the chosen mode,
//! and how many times faster that is. A caller that gave up at its deadline has no speed-up to
//! claim: it shows how much got done by then instead; one that fired and forgot waited for nothing.

use yew::prelude::*;

use crate::domain::decimal::{fixed, grouped, time_label};
use crate::domain::mode::Mode;
use crate::domain::timeline::{Outcome, Received, Timeline};

/// How much got done by the time a caller gave up at its deadline, if it did.
fn gave_up(timeline: &Timeline) -> Option<String> {
    (timeline.resume.received == Received::TimedOut).then(|| {
        let done = timeline.count(Outcome::Ok) + timeline.count(Outcome::Error);
        format!(
            " (gave up, {} of {} done)",
            grouped(done),
            grouped(timeline.tasks.len())
        )
    })
}

/// The figures of a comparison, to go inside the caller's paragraph.
pub fn speed_up(concurrent: &Timeline, sequential: &Timeline, mode: Mode) -> Html {
    let (sequential_gave_up, concurrent_gave_up) = (gave_up(sequential), gave_up(concurrent));
    let no_speed_up =
        sequential_gave_up.is_some() || concurrent_gave_up.is_some() || !mode.caller_waits();
    let ratio = sequential.resume.at_ms / concurrent.resume.at_ms.max(1.0);
    html! {
        <>
            <span class="figure">{time_label(sequential.resume.at_ms)}</span>
            {format!(" one after another{} · ", sequential_gave_up.unwrap_or_default())}
            <span class="figure">{time_label(concurrent.resume.at_ms)}</span>
            {format!(" with {mode}{}", concurrent_gave_up.unwrap_or_default())}
            if !no_speed_up {
                {" · "}<strong>{format!("{}× faster", fixed(ratio, 1))}</strong>
            }
        </>
    }
}
