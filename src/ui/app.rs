//! The root component: the state, the runs, the replay and the shortcuts, handed to the full page
//! or to the embed layout, with the timelines both show.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::comparison::Comparison;
use crate::domain::export::RunSource;
use crate::domain::first_paint::predicted_title;
use crate::domain::language::Language;
use crate::domain::mode::Mode;
use crate::domain::moment::{moment_at, moment_events};
use crate::domain::named_choice::NamedChoice;
use crate::domain::narration::headline;
use crate::domain::playground_state::{Action, PlaygroundState};
use crate::domain::scenario::Scenario;
use crate::domain::shortcuts::Command;
use crate::domain::simulator::simulate;
use crate::domain::timeline::Timeline;
use crate::domain::timeline_layout::{event_times, shared_axis_end, MAX_LABELLED_LANES};
use crate::domain::url_codec::{decode, DisplayOptions};
use crate::runtime::embedding::{report_height_to_parent, when_first_visible};
use crate::runtime::page::{location_search, set_embedded, set_theme};

use super::code_panel::CodePanel;
use super::embed_layout::{embed_layout, EmbedLayoutProps};
use super::full_layout::FullLayout;
use super::moment_view::{moment_view, CursorMoment};
use super::predict_quiz::predict_quiz;
use super::replay_controls::{replay_controls, ReplayControlsProps};
use super::results::{results, ResultsProps};
use super::run_controls::RunControlsProps;
use super::share_controls::ExportSource;
use super::speed_up::speed_up;
use super::timeline_view::{timeline_view, TimelineViewProps};
use super::use_quiz::use_quiz;
use super::use_replay::{use_replay, ReplayController};
use super::use_run::{use_run, SessionView};
use super::use_shortcuts::use_shortcuts;
use super::use_url_sync::use_url_sync;

/// What the simulator predicts for the scenario and, unless it already is one or its caller waits
/// for nothing, for the same tasks one after another. Computed once per scenario and language, not
/// once per render.
#[derive(PartialEq)]
struct Prediction {
    scenario: Rc<Scenario>,
    chosen: Rc<Timeline>,
    sequential: Option<(Rc<Scenario>, Rc<Timeline>)>,
    /// With `compare=languages`, the scenario under each language's semantics; else empty.
    languages: Vec<Rc<Timeline>>,
}

fn predict(scenario: &Rc<Scenario>, language: Language, comparison: Comparison) -> Prediction {
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

/// A timeline's title in a comparison of languages: the language, its idiom and what the caller
/// received, then where the timeline comes from.
fn language_title(scenario: &Scenario, timeline: &Timeline, source: &str) -> String {
    format!(
        "{}: {} ({source})",
        timeline.language.display_name(),
        headline(scenario, timeline)
    )
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
            { for prediction.languages.iter().map(|timeline| html! {
                { timeline_view(&TimelineViewProps {
                    title: language_title(scenario, timeline, "predicted"),
                    scenario: Rc::clone(scenario),
                    now_ms: timeline.totals().last_end_ms,
                    axis_end_ms: end,
                    timeline: Rc::clone(timeline),
                    predicted: None,
                    show_cursor: false,
                    caller_resumed: true,
                }) }
            }) }
        </>
    }
}

/// The timelines shown when nothing has run yet: the prediction of this scenario, beside the same
/// tasks one after another, so the difference is visible the moment the page opens.
fn predictions(prediction: &Prediction, next_step: &'static str) -> Html {
    if !prediction.languages.is_empty() {
        return language_predictions(prediction, next_step);
    }
    let scenario = &prediction.scenario;
    let mut shown = vec![(
        predicted_title(scenario.mode),
        Rc::clone(scenario),
        Rc::clone(&prediction.chosen),
    )];
    if let Some((sequential, timeline)) = &prediction.sequential {
        shown.push((
            predicted_title(sequential.mode),
            Rc::clone(sequential),
            Rc::clone(timeline),
        ));
    }
    let end = shared_axis_end(&shown.iter().map(|(_, _, t)| &**t).collect::<Vec<_>>());
    let headline = match shown.as_slice() {
        [(_, _, concurrent), (_, _, sequential)] => html! {
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
            { for shown.into_iter().map(|(title, scenario, timeline)| html! {
                { timeline_view(&TimelineViewProps {
                    title,
                    scenario,
                    now_ms: timeline.totals().last_end_ms,
                    axis_end_ms: end,
                    timeline,
                    predicted: None,
                    show_cursor: false,
                    caller_resumed: true,
                }) }
            }) }
        </>
    }
}

/// Where the replay's playhead is: following the finished session `session`, or at the end of a
/// session still running.
fn replay_position(session: Option<&SessionView>, replay: &ReplayController) -> f64 {
    let Some(session) = session.filter(|session| session.done()) else {
        return f64::INFINITY;
    };
    let times = session
        .runs
        .iter()
        .flat_map(|run| event_times(&run.timeline))
        .collect();
    replay.follow(session.id, session_axis_end(session), times);
    replay.t()
}

fn session_axis_end(session: &SessionView) -> f64 {
    let timelines: Vec<&Timeline> = session.runs.iter().map(|run| &*run.predicted).collect();
    shared_axis_end(&timelines).max(session.runs.iter().map(|r| r.now_ms).fold(0.0, f64::max))
}

fn session_timelines(
    session: Option<&SessionView>,
    replay: &ReplayController,
    cursor: Option<&CursorMoment>,
) -> Option<Html> {
    let session = session?;
    let end = session_axis_end(session);
    let done = session.done();
    let t = if done { replay.t() } else { f64::INFINITY };
    let title = |run: &super::use_run::RunView| {
        let kind = match run.engine {
            crate::runtime::run_handle::Engine::SimulatedLive => "simulated live",
            _ => "real run",
        };
        match session.comparison {
            Comparison::Languages if run.done => language_title(&run.scenario, &run.timeline, kind),
            _ => format!(
                "{} in {}: {kind}",
                run.scenario.mode,
                run.language.display_name()
            ),
        }
    };
    Some(html! {
        <>
            { results(&ResultsProps { runs: session.runs.clone(), speed_up: session.comparison == Comparison::Sequential }) }
            { for session.runs.iter().map(|run| html! {
                { timeline_view(&TimelineViewProps {
                    title: title(run),
                    scenario: run.scenario.clone(),
                    timeline: run.timeline.clone(),
                    predicted: Some(Rc::clone(&run.predicted)),
                    now_ms: run.now_ms.min(t),
                    axis_end_ms: end,
                    show_cursor: !done || replay.t() < end,
                    caller_resumed: run.resumed,
                }) }
            }) }
            if let Some((scenario, language)) = session.waiting.first() {
                <p class="note">{ match session.comparison {
                    Comparison::Languages => format!("Next: the same tasks in {}.", language.display_name()),
                    _ if scenario.mode == Mode::Sequential => "Next: the same tasks one after another.".to_owned(),
                    _ => format!("Next: {}.", scenario.mode),
                } }</p>
            }
            if done {
                { replay_controls(&ReplayControlsProps { replay: replay.clone(), t }) }
                { cursor.map(moment_view).unwrap_or_default() }
            }
        </>
    })
}

/// The instant at the replay cursor of the session's first run, the mode and language the page is
/// about; `None` while it runs, and for runs too large to list (their moments would cost each frame).
fn cursor_moment(session: Option<&SessionView>, t: f64) -> Option<CursorMoment> {
    let run = session.filter(|session| session.done())?.runs.first()?;
    if run.timeline.tasks.len() > MAX_LABELLED_LANES {
        return None;
    }
    let moment = moment_at(
        &run.scenario,
        &run.timeline,
        &moment_events(&run.timeline),
        t,
    );
    Some(CursorMoment {
        scenario: run.scenario.clone(),
        timeline: run.timeline.clone(),
        moment: Rc::new(moment),
    })
}

/// What exports show: every run of the latest finished session, else the prediction, with the
/// timelines its comparison sets beside it.
fn export_source(
    session: Option<&SessionView>,
    prediction: &Prediction,
    comparison: Comparison,
) -> ExportSource {
    if let Some(session) = session.filter(|session| session.done() && !session.runs.is_empty()) {
        return ExportSource {
            runs: session
                .runs
                .iter()
                .map(|run| (Rc::clone(&run.scenario), Rc::clone(&run.timeline)))
                .collect(),
            source: RunSource::Real,
        };
    }
    let chosen = (
        Rc::clone(&prediction.scenario),
        Rc::clone(&prediction.chosen),
    );
    let runs = match (comparison, &prediction.sequential) {
        (Comparison::Languages, _) => prediction
            .languages
            .iter()
            .map(|timeline| (Rc::clone(&prediction.scenario), Rc::clone(timeline)))
            .collect(),
        (Comparison::Sequential, Some(sequential)) => vec![chosen, sequential.clone()],
        _ => vec![chosen],
    };
    ExportSource {
        runs,
        source: RunSource::Simulated,
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| PlaygroundState::from_url(decode(&location_search())));
    let runs = use_run();
    let replay = use_replay();
    let help_open = use_state(|| false);
    // An embed's code opens with `code=1`, and the reader toggles it.
    let code_open = use_state(|| state.display.code);
    let language = state.display.language;
    // Built once per render: a view of a 10,000-task run is not cheap, and a live run renders often.
    let session = runs.view();
    let prediction = use_memo(
        (state.scenario.clone(), language, state.display.compare),
        |(scenario, language, comparison)| predict(scenario, *language, *comparison),
    );

    let predicting = state.display.predict;
    let questions = use_quiz(predicting.then(|| {
        (
            Rc::clone(&prediction.scenario),
            Rc::clone(&prediction.chosen),
        )
    }));
    use_effect_with(state.display.theme, |theme| set_theme(*theme));
    let embed = state.display.embed;
    // An embed keeps the link its author wrote; the full app keeps the address bar current.
    let shown_display = if embed {
        DisplayOptions {
            embed: true,
            ..state.display
        }
    } else {
        state.display
    };
    use_url_sync(&state.scenario, &shown_display);
    let root = use_node_ref();

    // `None` runs the comparison the page shows; `Compare` runs beside one after another regardless.
    let run_comparing = |comparison: Option<Comparison>| {
        let (runs, state) = (runs.clone(), state.clone());
        Callback::from(move |()| {
            let display = state.display;
            let comparison = comparison.unwrap_or(display.compare);
            runs.run(&state.scenario, display.language, comparison)
        })
    };
    let on_run = run_comparing(None);
    let on_compare = run_comparing(Some(Comparison::Sequential));
    let on_reset = {
        let runs = runs.clone();
        Callback::from(move |()| runs.reset())
    };
    let on_help = {
        let help_open = help_open.clone();
        Callback::from(move |open| help_open.set(open))
    };
    use_shortcuts({
        let (on_run, on_compare, on_reset, replay, help_open) = (
            on_run.clone(),
            on_compare.clone(),
            on_reset.clone(),
            replay.clone(),
            help_open.clone(),
        );
        Callback::from(move |command| match command {
            Command::Run => on_run.emit(()),
            Command::Compare => on_compare.emit(()),
            Command::Reset => on_reset.emit(()),
            Command::TogglePlay => replay.toggle(),
            Command::Step(towards) => replay.step(towards),
            Command::SeekStart => replay.seek(0.0),
            Command::SeekEnd => replay.seek(replay.end()),
            Command::ChangeSpeed(towards) => replay.change_speed(towards),
            Command::ToggleHelp => help_open.set(!*help_open),
            Command::CloseHelp => help_open.set(false),
        })
    });
    let on_preset = use_callback(
        (state.dispatcher(), runs.clone()),
        |index, (dispatcher, runs)| {
            runs.reset();
            dispatcher.dispatch(Action::LoadPreset(index))
        },
    );
    let on_comparison = use_callback(state.dispatcher(), |comparison, dispatcher| {
        dispatcher.dispatch(Action::SetComparison(comparison))
    });
    let on_language = use_callback(state.dispatcher(), |language, dispatcher| {
        dispatcher.dispatch(Action::SetLanguage(language))
    });

    {
        // autorun=1: run once the page (or the iframe) is first in view; hidden iframes are throttled.
        let (runs, state, root) = (runs.clone(), state.clone(), root.clone());
        let observation = use_mut_ref(|| None);
        use_effect_with(state.display.autorun, move |autorun| {
            if *autorun {
                if let Some(element) = root.cast::<web_sys::Element>() {
                    let display = state.display;
                    let run = move || runs.run(&state.scenario, display.language, display.compare);
                    *observation.borrow_mut() = when_first_visible(&element, run);
                }
            }
        });
    }
    {
        let reporter = use_mut_ref(|| None);
        use_effect_with(embed, move |embed| {
            set_embedded(*embed);
            if *embed {
                *reporter.borrow_mut() = report_height_to_parent();
            }
        });
    }

    let cursor = cursor_moment(session.as_ref(), replay_position(session.as_ref(), &replay));
    // The code panel follows the cursor only while it shows the program of the run replayed.
    let code_cursor = cursor.clone().filter(|cursor| {
        cursor.timeline.language == language && *cursor.scenario == *state.scenario
    });
    let code = html! {
        <CodePanel scenario={state.scenario.clone()} {language} on_language={on_language.clone()} cursor={code_cursor} />
    };
    let mut session_view = session_timelines(session.as_ref(), &replay, cursor.as_ref());
    let has_session = session_view.is_some();
    // Predicting first, the reader sees the questions in place of the prediction, then beside the run.
    // With nothing to ask (every runtime would agree), the prediction shows as usual.
    if predicting
        && questions
            .as_ref()
            .is_none_or(|questions| !questions.is_empty())
    {
        let revealed = session.as_ref().is_some_and(|session| session.done());
        let quiz = match questions {
            Some(questions) => {
                // A new set of questions is a new form: nothing picked, no radio left checked.
                predict_quiz(
                    Rc::as_ptr(&questions) as usize,
                    &questions,
                    revealed,
                    &on_run,
                )
            }
            None => html! { <p class="note" role="status">{"Writing the questions…"}</p> },
        };
        session_view = Some(html! {
            <>
                { quiz }
                { session_view.unwrap_or_default() }
            </>
        });
    }
    if embed {
        let on_toggle_code = {
            let code_open = code_open.clone();
            Callback::from(move |()| code_open.set(!*code_open))
        };
        let on_replay_toggle = {
            let (replay, runs) = (replay.clone(), runs.clone());
            Callback::from(move |()| {
                if runs.view().is_some_and(|s| s.done()) {
                    replay.toggle();
                }
            })
        };
        let timelines =
            session_view.unwrap_or_else(|| predictions(&prediction, "Press Run to see it happen."));
        return html! {
            { embed_layout(&EmbedLayoutProps {
                scenario: state.scenario.clone(),
                display: state.display,
                timelines,
                has_session,
                on_run,
                on_replay_toggle,
                root,
                code: code.clone(),
                code_open: *code_open,
                on_toggle_code,
            }) }
        };
    }
    let export = export_source(session.as_ref(), &prediction, state.display.compare);
    let next_step = match state.display.compare {
        Comparison::None => "Press Compare to run both for real.",
        Comparison::Sequential => "Press Run to run both for real.",
        Comparison::Languages => "Press Run to run them one language after another.",
    };
    let timelines = session_view.unwrap_or_else(|| predictions(&prediction, next_step));
    let controls = RunControlsProps {
        live: runs.is_live(),
        has_session,
        on_run,
        on_compare,
        on_reset,
        comparison: state.display.compare,
        on_comparison,
        help_open: *help_open,
        on_help,
    };
    html! {
        <FullLayout {state} {timelines} {export} {controls} {on_preset} {root} {code} />
    }
}
