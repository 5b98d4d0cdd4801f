//! Every timeline's title, wherever it is drawn (the page, its first paint, the exports), and the
//! one spelling of where a timeline comes from: predicted, a real run, or the simulation played live.

use super::blocking::runs_for_real_in_the_page;
use super::language::Language;
use super::mode::Mode;
use super::narration::headline;
use super::scenario::Scenario;
use super::timeline::Timeline;

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

/// A run's heading among several: "join_all in Rust".
pub fn heading(mode: Mode, language: Language) -> String {
    format!("{mode} in {}", language.display_name())
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
        Origin::Predicted => format!("{}: {label}", scenario.mode),
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
        let mode = scenario.mode;
        assert_eq!(
            title(Origin::Predicted, false),
            format!("{mode}: predicted")
        );
        assert_eq!(
            title(
                Origin::of_run(&Scenario::default(), Language::CSharp),
                false
            ),
            format!("{mode} in C#: simulated live")
        );
        assert!(title(Origin::RealRun, true).starts_with("C#: "));
        assert!(title(Origin::RealRun, true).ends_with(" (real run)"));
    }
}
