//! The comparison's figures: how long the caller waited one after another and in the chosen mode,
//! and how many times faster that is. A caller that gave up at its deadline has no speed-up to
//! claim: it shows how much got done by then instead; one that fired and forgot waited for nothing.
//! The page and the static first paint both say them, in the words of [`comparison_phrases`].

use crate::domain::basics::decimal::{fixed, grouped, time_label};
use crate::domain::explain::timeline_title::idiom_name;
use crate::domain::model::mode::Mode;
use crate::domain::model::timeline::{Outcome, Received, Timeline};

/// The figures, as text: `5.01 s` one after another, `501 ms` with the mode, `10.0× faster`.
pub struct SpeedUp {
    pub sequential: String,
    /// After "one after another": how much got done if that caller gave up, else empty.
    pub sequential_note: String,
    pub concurrent: String,
    /// After "with {mode}": the same for the chosen mode.
    pub concurrent_note: String,
    /// `10.0× faster`, when there is a speed-up to claim.
    pub faster: Option<String>,
}

/// How much got done by the time a caller gave up at its deadline, if it did; that it never
/// resumed, or that its call refused, if so.
fn gave_up(timeline: &Timeline) -> String {
    match timeline.resume.received {
        Received::TimedOut => {
            let done = timeline.count(Outcome::Ok) + timeline.count(Outcome::Error);
            format!(
                " (gave up, {} of {} done)",
                grouped(done),
                grouped(timeline.tasks.len())
            )
        }
        Received::NeverResumed => " (never resumed)".to_owned(),
        Received::Raised => " (the call raised)".to_owned(),
        _ => String::new(),
    }
}

pub fn speed_up(concurrent: &Timeline, sequential: &Timeline, mode: Mode) -> SpeedUp {
    let (sequential_note, concurrent_note) = (gave_up(sequential), gave_up(concurrent));
    let claims = sequential_note.is_empty() && concurrent_note.is_empty() && mode.caller_waits();
    let ratio = sequential.resume.at_ms / concurrent.resume.at_ms.max(1.0);
    SpeedUp {
        sequential: time_label(sequential.resume.at_ms),
        sequential_note,
        concurrent: time_label(concurrent.resume.at_ms),
        concurrent_note,
        faster: claims.then(|| format!("{}× faster", fixed(ratio, 1))),
    }
}

/// One piece of the comparison's sentence, for whoever marks it up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phrase {
    Words(String),
    /// A time the reader compares: set apart.
    Figure(String),
    /// The speed-up claimed: stressed.
    Claim(String),
}

/// The comparison as a sentence in pieces: "5.01 s one after another · 501 ms with join_all · 10.0×
/// faster", the mode named by the concurrent run's language (`Promise.all` in JavaScript). The page and the first paint mark the pieces up their own way, and say the same words.
pub fn comparison_phrases(concurrent: &Timeline, sequential: &Timeline, mode: Mode) -> Vec<Phrase> {
    let figures = speed_up(concurrent, sequential, mode);
    let mut phrases = vec![
        Phrase::Figure(figures.sequential),
        Phrase::Words(format!(" one after another{} · ", figures.sequential_note)),
        Phrase::Figure(figures.concurrent),
        Phrase::Words(format!(
            " with {}{}",
            idiom_name(mode, concurrent.language),
            figures.concurrent_note
        )),
    ];
    if let Some(faster) = figures.faster {
        phrases.push(Phrase::Words(" · ".to_owned()));
        phrases.push(Phrase::Claim(faster));
    }
    phrases
}
