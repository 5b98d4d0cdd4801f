//! The words of a link preview card: a headline a thumbnail about 500 px wide can still read (the
//! figures, in large type) and a line under it, above the timeline that fills the rest.

use crate::domain::basics::decimal::{counted, time_label};
use crate::domain::explain::speed_up::speed_up;
use crate::domain::explain::timeline_title::idiom_name;
use crate::domain::look::outcome_style::outcome_style;
use crate::domain::model::comparison::ComparedRuns;
use crate::domain::model::comparison::Comparison;
use crate::domain::model::timeline::{Outcome, Received, Timeline};

/// A card's headline and the line under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardWords {
    pub headline: String,
    pub subline: String,
}

/// The words of the card of `runs`: beside one after another, the speed-up; a run alone, what its
/// caller got and when, and how its tasks ended.
pub fn card_words(runs: &ComparedRuns) -> CardWords {
    let Some(first) = runs.first() else {
        return CardWords {
            headline: "Async Playground".to_owned(),
            subline: String::new(),
        };
    };
    let timeline = &first.timeline;
    let idiom = idiom_name(timeline.mode, timeline.language);
    let tasks = format!(
        "{} in {}",
        counted(timeline.tasks.len(), "task", "tasks"),
        timeline.language.display_name()
    );
    match (runs.comparison, runs.get(1)) {
        (Comparison::Sequential, Some(sequential)) => {
            let figures = speed_up(timeline, &sequential.timeline, timeline.mode);
            let against = format!(
                "{}{} with {idiom} · {} one after another{}",
                figures.concurrent,
                figures.concurrent_note,
                figures.sequential,
                figures.sequential_note
            );
            CardWords {
                headline: match figures.faster {
                    Some(faster) => format!("{idiom}: {faster}"),
                    None => format!("{idiom}{}", verdict(timeline)),
                },
                subline: format!("{tasks}: {against}"),
            }
        }
        // A call that raised before any task ran: the idiom never ran, the call is the point.
        _ if timeline.resume.received == Received::Raised => CardWords {
            headline: "The blocking call raises at once".to_owned(),
            subline: format!("{tasks}: {}", ended(timeline)),
        },
        _ => CardWords {
            headline: format!("{idiom}{}", verdict(timeline)),
            subline: format!("{tasks}: {}", ended(timeline)),
        },
    }
}

/// What the caller got and when, after the idiom's name: " failed at 200 ms", " never resumes".
fn verdict(timeline: &Timeline) -> String {
    let at = time_label(timeline.resume.at_ms);
    match &timeline.resume.received {
        Received::AllOk => format!(" succeeded at {at}"),
        Received::Results { .. } => format!(" finished at {at}"),
        Received::Error { .. }
        | Received::AggregateException { .. }
        | Received::ExceptionGroup { .. }
        | Received::AllFailed { .. } => format!(" failed at {at}"),
        Received::First { .. } | Received::FirstSuccess { .. } => format!(" resumed at {at}"),
        Received::TimedOut => format!(" gave up at {at}"),
        Received::Started => ": the caller moves on at once".to_owned(),
        Received::NeverResumed => ": the caller never resumes".to_owned(),
        Received::Raised => ": the blocking call raises at once".to_owned(),
    }
}

/// How the tasks ended, each outcome counted: "2 ok, 1 failed".
fn ended(timeline: &Timeline) -> String {
    Outcome::ALL
        .iter()
        .map(|&outcome| (outcome, timeline.count(outcome)))
        .filter(|&(_, count)| count > 0)
        .map(|(outcome, count)| format!("{count} {}", outcome_style(outcome).words))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::link::url_codec::decode;
    use crate::domain::simulator::predicted_runs;

    fn words(query: &str) -> CardWords {
        let decoded = decode(query);
        card_words(&predicted_runs(
            &decoded.scenario,
            decoded.display.language,
            decoded.display.compare,
        ))
    }

    #[test]
    fn the_home_card_says_the_point() {
        assert_eq!(
            words("tasks=10x500&mode=join_all&compare=sequential"),
            CardWords {
                headline: "join_all: 10.0× faster".to_owned(),
                subline: "10 tasks in Rust: 501 ms with join_all · 5.01 s one after another"
                    .to_owned(),
            }
        );
    }

    #[test]
    fn a_run_alone_says_what_its_caller_got_and_how_its_tasks_ended() {
        let deadlock =
            words("tasks=load:300,save:200&mode=join_all&wait=block&context=ui&lang=csharp");
        assert_eq!(deadlock.headline, "Task.WhenAll: the caller never resumes");
        assert_eq!(deadlock.subline, "2 tasks in C#: 2 hung");
        let failure = words("tasks=a:400,b:200:100,c:300&mode=join_all&lang=js");
        assert_eq!(failure.headline, "Promise.all failed at 200 ms");
        assert_eq!(
            failure.subline,
            "3 tasks in JavaScript: 1 failed, 2 abandoned"
        );
    }
}
