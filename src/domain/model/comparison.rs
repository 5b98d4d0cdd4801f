//! What a run is set beside (`compare=` in a link), and the runs each comparison makes of one
//! scenario: the page's Run, its prediction, its exports and the CLI all read them from here.

use std::ops::Deref;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::Timeline;

/// What the timelines set beside the chosen mode: `compare=` in a link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// Nothing is run beside it (before a run, the prediction still shows one after another).
    #[default]
    None,
    /// The same tasks one after another, on one time scale; Run runs both.
    Sequential,
    /// The same scenario under each language's semantics, stacked on one time axis.
    Languages,
}

impl Comparison {
    /// How the page's control names it, after "Beside it:".
    pub fn display_name(self) -> &'static str {
        match self {
            Comparison::None => "nothing",
            Comparison::Sequential => "one after another",
            Comparison::Languages => "each language",
        }
    }
}

impl NamedChoice for Comparison {
    const PARAMETER: &'static str = "compare";
    const ALL: &'static [Comparison] = &[
        Comparison::None,
        Comparison::Sequential,
        Comparison::Languages,
    ];

    fn url_name(self) -> &'static str {
        match self {
            Comparison::None => "none",
            Comparison::Sequential => "sequential",
            Comparison::Languages => "languages",
        }
    }
}

/// The runs `comparison` makes of `scenario` in `language`, in the order they are shown.
/// One after another, the chosen mode comes first (a sequential scenario is set beside `join_all`);
/// each language runs the same scenario under its own semantics.
pub fn compared_runs(
    scenario: &Scenario,
    language: Language,
    comparison: Comparison,
) -> Vec<(Scenario, Language)> {
    match comparison {
        Comparison::None => vec![(scenario.clone(), language)],
        Comparison::Sequential => {
            let concurrent_mode = if scenario.mode == Mode::Sequential {
                Mode::JoinAll
            } else {
                scenario.mode
            };
            let with_mode = |mode| Scenario {
                mode,
                ..scenario.clone()
            };
            vec![
                (with_mode(concurrent_mode), language),
                (with_mode(Mode::Sequential), language),
            ]
        }
        Comparison::Languages => Language::ALL
            .iter()
            .map(|&language| (scenario.clone(), language))
            .collect(),
    }
}

/// One run of a comparison: a timeline, with the scenario it is a run of.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportedRun {
    pub scenario: Scenario,
    pub timeline: Timeline,
}

/// The runs of one comparison, in the order [`compared_runs`] gives them, with the comparison that
/// made them: what every picture, export and link of several runs is drawn from, so none of them
/// has to guess the comparison back from the runs.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparedRuns {
    pub comparison: Comparison,
    pub runs: Vec<ExportedRun>,
}

impl ComparedRuns {
    /// One run, set beside nothing.
    pub fn alone(run: ExportedRun) -> Self {
        ComparedRuns {
            comparison: Comparison::None,
            runs: vec![run],
        }
    }
}

/// Most pictures draw the runs one under another and need nothing more than the list.
impl Deref for ComparedRuns {
    type Target = [ExportedRun];

    fn deref(&self) -> &[ExportedRun] {
        &self.runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_comparison_makes_its_runs() {
        let scenario = Scenario::default();
        assert_eq!(
            compared_runs(&scenario, Language::Python, Comparison::None),
            vec![(scenario.clone(), Language::Python)]
        );
        let sequential = compared_runs(&scenario, Language::CSharp, Comparison::Sequential);
        let modes: Vec<Mode> = sequential.iter().map(|(s, _)| s.mode).collect();
        assert_eq!(modes, [scenario.mode, Mode::Sequential]);
        let one_after_another = Scenario {
            mode: Mode::Sequential,
            ..Scenario::default()
        };
        let set_beside = compared_runs(&one_after_another, Language::Rust, Comparison::Sequential);
        assert_eq!(set_beside[0].0.mode, Mode::JoinAll);
        let languages: Vec<Language> =
            compared_runs(&scenario, Language::Rust, Comparison::Languages)
                .into_iter()
                .map(|(_, language)| language)
                .collect();
        assert_eq!(languages, Language::ALL);
    }
}
