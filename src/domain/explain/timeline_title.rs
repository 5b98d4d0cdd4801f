//! Every timeline's title, wherever it is drawn (the page, its first paint, the exports), and the
//! one spelling of where a timeline comes from: predicted, a real run, or the simulation played live.

use crate::domain::basics::decimal::counted;
use crate::domain::explain::narration::headline;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::Timeline;
use crate::domain::semantics::blocking::runs_for_real_in_the_page;
use crate::domain::semantics::profile::profile;

/// Where a timeline on screen comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Predicted,
    /// Run for real on the page's event loop.
    RealRun,
    /// The simulation played in real time: a browser tab cannot run C# or Python.
    SimulatedLive,
}

impl Origin {
    /// What pressing Run makes of a run of `scenario` in `language`.
    pub fn of_run(scenario: &Scenario, language: Language) -> Origin {
        if runs_for_real_in_the_page(scenario, language) {
            Origin::RealRun
        } else {
            Origin::SimulatedLive
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Origin::Predicted => "predicted",
            Origin::RealRun => "real run",
            Origin::SimulatedLive => "simulated live",
        }
    }
}

/// The name of `mode` in `language`: its own idiom, `Task.WhenAll` in C# and `Promise.all` in
/// JavaScript where Rust says `join_all`. Every title names a language's run by it.
pub fn idiom_name(mode: Mode, language: Language) -> &'static str {
    profile(language).idiom(mode).short
}

/// A run's heading among several: "Promise.all in JavaScript".
pub fn heading(mode: Mode, language: Language) -> String {
    format!(
        "{} in {}",
        idiom_name(mode, language),
        language.display_name()
    )
}

/// What a scenario's tasks and caller do, for a picture's or a frame's title: "5 tasks awaited
/// with Promise.all in JavaScript".
pub fn awaited_title(tasks: usize, mode: Mode, language: Language) -> String {
    format!(
        "{} {} {}",
        counted(tasks, "task", "tasks"),
        mode.caller_verb(),
        heading(mode, language)
    )
}

/// A timeline's title. Among languages compared, once the run is over, the language and what its
/// caller received: "Rust: join_all resumed at 501 ms with every result (real run)". Otherwise its
/// mode and where it comes from: "join_all: predicted" (one language is the page's), or "join_all in
/// Rust: real run".
pub fn timeline_title(
    scenario: &Scenario,
    timeline: &Timeline,
    origin: Origin,
    among_languages: bool,
) -> String {
    let label = origin.label();
    if among_languages {
        let language = timeline.language.display_name();
        return format!("{language}: {} ({label})", headline(scenario, timeline));
    }
    match origin {
        Origin::Predicted => format!("{}: {label}", idiom_name(scenario.mode, timeline.language)),
        _ => format!("{}: {label}", heading(scenario.mode, timeline.language)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::simulator::simulate;

    #[test]
    fn each_title_names_its_origin() {
        let scenario = Scenario::default();
        let timeline = simulate(&scenario, Language::CSharp);
        let title = |origin, among| timeline_title(&scenario, &timeline, origin, among);
        // A C# run is named by C#'s idiom, not by Rust's join_all.
        assert_eq!(title(Origin::Predicted, false), "Task.WhenAll: predicted");
        assert_eq!(
            title(
                Origin::of_run(&Scenario::default(), Language::CSharp),
                false
            ),
            "Task.WhenAll in C#: simulated live"
        );
        assert!(title(Origin::RealRun, true).starts_with("C#: "));
        assert!(title(Origin::RealRun, true).ends_with(" (real run)"));
    }
}
