//! What the page shows before anything has run: the simulator's prediction of the scenario, beside
//! the same tasks one after another or under each language, and what the exports take from it.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::explain::timeline_title::{timeline_title, Origin};
use crate::domain::look::timeline_layout::shared_axis_end;
use crate::domain::model::comparison::Comparison;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::Timeline;
use crate::domain::pictures::export::RunSource;
use crate::domain::simulator::simulate;

use crate::domain::pictures::export::ExportSource;
use crate::ui::hooks::use_run::SessionView;
use crate::ui::timelines::speed_up::speed_up;
use crate::ui::timelines::timeline_view::{timeline_view, TimelineViewProps};

/// What the simulator predicts for the scenario and, unless it already is one or its caller waits
/// for nothing, for the same tasks one after another. Computed once per scenario and language, not
/// once per render.
#[derive(PartialEq)]
pub struct Prediction {
    pub scenario: Rc<Scenario>,
    pub chosen: Rc<Timeline>,
    sequential: Option<(Rc<Scenario>, Rc<Timeline>)>,
    /// With `compare=languages`, the scenario under each language's semantics; else empty.
    languages: Vec<Rc<Timeline>>,
}

impl Prediction {
    pub fn of(scenario: &Rc<Scenario>, language: Language, comparison: Comparison) -> Self {
        let compared = scenario.mode != Mode::Sequential && scenario.mode.caller_waits();
        let sequential = compared.then(|| {
            let sequential = Scenario {
                mode: Mode::Sequential,
                ..(**scenario).clone()
            };
            let timeline = Rc::new(simulate(&sequential, language));
            (Rc::new(sequential), timeline)
        });
        let languages = match comparison {
            Comparison::Languages => Language::ALL
                .iter()
                .map(|&language| Rc::new(simulate(scenario, language)))
                .collect(),
            Comparison::None | Comparison::Sequential => Vec::new(),
        };
        Prediction {
            scenario: Rc::clone(scenario),
            chosen: Rc::new(simulate(scenario, language)),
            sequential,
            languages,
        }
    }

    /// What exports show: every run of the latest finished session, else the prediction, with the
    /// timelines its comparison sets beside it.
    pub fn export_source(
        &self,
        session: Option<&SessionView>,
        comparison: Comparison,
    ) -> ExportSource {
        if let Some(session) = session.filter(|session| session.done() && !session.runs.is_empty())
        {
            return ExportSource {
                runs: session
                    .runs
                    .iter()
                    .map(|run| (Rc::clone(&run.scenario), Rc::clone(&run.timeline)))
                    .collect(),
                source: RunSource::Real,
            };
        }
        let chosen = (Rc::clone(&self.scenario), Rc::clone(&self.chosen));
        let runs = match (comparison, &self.sequential) {
            (Comparison::Languages, _) => self
                .languages
                .iter()
                .map(|timeline| (Rc::clone(&self.scenario), Rc::clone(timeline)))
                .collect(),
            (Comparison::Sequential, Some(sequential)) => vec![chosen, sequential.clone()],
            _ => vec![chosen],
        };
        ExportSource {
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
    let timelines: Vec<&Timeline> = prediction.languages.iter().map(|t| &**t).collect();
    let end = shared_axis_end(&timelines);
    html! {
        <>
            <p class="speed-up prediction">
                {"Predicted: the same tasks "}{scenario.mode.caller_verb()}{" "}{scenario.mode}{" in each language. "}{next_step}
            </p>
            { for prediction.languages.iter().map(|timeline| predicted_view(scenario, timeline, true, end)) }
        </>
    }
}

/// The timelines shown when nothing has run yet: the prediction of this scenario, beside the same
/// tasks one after another, so the difference is visible the moment the page opens.
pub fn predictions(prediction: &Prediction, next_step: &'static str) -> Html {
    if !prediction.languages.is_empty() {
        return language_predictions(prediction, next_step);
    }
    let chosen = (&prediction.scenario, &prediction.chosen);
    let shown: Vec<(&Rc<Scenario>, &Rc<Timeline>)> = match &prediction.sequential {
        Some((scenario, timeline)) => vec![chosen, (scenario, timeline)],
        None => vec![chosen],
    };
    let end = shared_axis_end(&shown.iter().map(|(_, t)| &***t).collect::<Vec<_>>());
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
