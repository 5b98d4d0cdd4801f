//! What the page shows before anything has run: the simulator's prediction of the scenario, beside
//! the same tasks one after another or under each language, and what the exports take from it.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::explain::timeline_title::{timeline_title, Origin};
use crate::domain::look::timeline_layout::shared_axis_end;
use crate::domain::model::comparison::Comparison;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::Timeline;
use crate::domain::pictures::export::RunSource;
use crate::domain::simulator::{predicted_runs, simulate};

use crate::domain::pictures::export::ExportSource;
use crate::ui::hooks::use_run::SessionView;
use crate::ui::timelines::speed_up::speed_up;
use crate::ui::timelines::timeline_view::{timeline_view, TimelineViewProps};

/// What the simulator predicts for the scenario and what is set beside it: the same tasks one after
/// another (shown even before Compare is chosen, unless the caller waits for nothing or already
/// waits one after another), or each language. Computed once per scenario and language, not once
/// per render.
#[derive(PartialEq)]
pub struct Prediction {
    pub scenario: Rc<Scenario>,
    pub chosen: Rc<Timeline>,
    /// What the shown runs compare: `compare=`, or one after another where that says nothing.
    shown_beside: Comparison,
    /// Each run `shown_beside` makes, as [`predicted_runs`] gives them.
    shown: Vec<(Rc<Scenario>, Rc<Timeline>)>,
}

impl Prediction {
    pub fn of(scenario: &Rc<Scenario>, language: Language, comparison: Comparison) -> Self {
        let concurrent = scenario.mode != Mode::Sequential && scenario.mode.caller_waits();
        let shown_beside = match comparison {
            Comparison::None if concurrent => Comparison::Sequential,
            comparison => comparison,
        };
        let shown: Vec<_> = predicted_runs(scenario, language, shown_beside)
            .runs
            .into_iter()
            .map(|run| (Rc::new(run.scenario), Rc::new(run.timeline)))
            .collect();
        let chosen = shown
            .iter()
            .find(|(shown, timeline)| **shown == **scenario && timeline.language == language)
            .map_or_else(
                || Rc::new(simulate(scenario, language)),
                |(_, timeline)| Rc::clone(timeline),
            );
        Prediction {
            scenario: Rc::clone(scenario),
            chosen,
            shown_beside,
            shown,
        }
    }

    /// What exports show: every run of the latest finished session, else the prediction's runs
    /// that `comparison` makes, so that a download holds what the CLI writes for the same link.
    pub fn export_source(
        &self,
        session: Option<&SessionView>,
        comparison: Comparison,
    ) -> ExportSource {
        if let Some(session) = session.filter(|session| session.done() && !session.runs.is_empty())
        {
            return ExportSource {
                comparison: session.comparison,
                runs: session
                    .runs
                    .iter()
                    .map(|run| (Rc::clone(&run.scenario), Rc::clone(&run.timeline)))
                    .collect(),
                source: RunSource::Real,
            };
        }
        let runs = if comparison == self.shown_beside {
            self.shown.clone()
        } else {
            vec![(Rc::clone(&self.scenario), Rc::clone(&self.chosen))]
        };
        ExportSource {
            comparison,
            runs,
            source: RunSource::Simulated,
        }
    }
}

/// One predicted timeline on the axis the predictions share.
fn predicted_view(
    scenario: &Rc<Scenario>,
    timeline: &Rc<Timeline>,
    among_languages: bool,
    end: f64,
) -> Html {
    timeline_view(&TimelineViewProps {
        title: timeline_title(scenario, timeline, Origin::Predicted, among_languages),
        scenario: Rc::clone(scenario),
        now_ms: timeline.totals().last_end_ms,
        axis_end_ms: end,
        timeline: Rc::clone(timeline),
        predicted: None,
        show_cursor: false,
        live_since_ms: None,
        caller_resumed: true,
    })
}

/// The prediction under each language's semantics, on one time axis.
fn language_predictions(prediction: &Prediction, next_step: &'static str) -> Html {
    let scenario = &prediction.scenario;
    let timelines: Vec<&Timeline> = prediction.shown.iter().map(|(_, t)| &**t).collect();
    let end = shared_axis_end(&timelines);
    html! {
        <>
            <p class="speed-up prediction">
                {"Predicted: the same tasks "}{scenario.mode.caller_verb()}{" "}{scenario.mode}{" in each language. "}{next_step}
            </p>
            { for prediction.shown.iter().map(|(scenario, timeline)| predicted_view(scenario, timeline, true, end)) }
        </>
    }
}

/// The timelines shown when nothing has run yet: the prediction of this scenario, beside the same
/// tasks one after another, so the difference is visible the moment the page opens.
pub fn predictions(prediction: &Prediction, next_step: &'static str) -> Html {
    if prediction.shown_beside == Comparison::Languages {
        return language_predictions(prediction, next_step);
    }
    let shown = &prediction.shown;
    let end = shared_axis_end(&shown.iter().map(|(_, t)| &**t).collect::<Vec<_>>());
    let headline = match shown.as_slice() {
        [(scenario, concurrent), (_, sequential)] => html! {
            <p class="speed-up prediction" elementtiming="comparison">
                {"Predicted: "}{speed_up(concurrent, sequential, scenario.mode)}{". "}
                {next_step}
            </p>
        },
        _ => html! {},
    };
    html! {
        <>
            { headline }
            { for shown.iter().map(|(scenario, timeline)| predicted_view(scenario, timeline, false, end)) }
        </>
    }
}
