//! The root component: the scenario editor, the timeline with its runs and replay, and the code.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::domain::decimal::fixed;
use crate::domain::export::RunSource;
use crate::domain::language::Language;
use crate::domain::mode::Mode;
use crate::domain::playground_state::{Action, Direction, PlaygroundState};
use crate::domain::playhead::Towards;
use crate::domain::scenario::{Delay, Scenario, TaskKind, TaskSpec};
use crate::domain::simulator::simulate;
use crate::domain::timeline::Timeline;
use crate::domain::timeline_layout::{event_times, shared_axis_end, time_label};
use crate::domain::url_codec::decode;
use crate::domain::url_codec::{encode, DisplayOptions};
use crate::runtime::embedding::{report_height_to_parent, when_first_visible};
use crate::runtime::page::{location_search, page_address, set_site_header_hidden, set_theme};

use super::bulk_generator::BulkGenerator;
use super::code_panel::CodePanel;
use super::language_switch::LanguageSwitch;
use super::legend::Legend;
use super::mode_picker::ModePicker;
use super::panel::Panel;
use super::preset_picker::PresetPicker;
use super::problems_banner::ProblemsBanner;
use super::replay_controls::ReplayControls;
use super::results::Results;
use super::run_controls::RunControls;
use super::share_controls::{ExportSource, ShareControls};
use super::task_table::TaskTable;
use super::timeline_view::TimelineView;
use super::use_replay::{use_replay, ReplayController};
use super::use_run::{use_run, SessionView};
use super::use_url_sync::use_url_sync;

/// Keys typed into a form field belong to the field, not to the shortcuts.
fn typing_in_a_field(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
        })
}

/// What the simulator predicts for the scenario and, unless it already is one, for the same tasks
/// one after another. Computed once per scenario and language, not once per render.
#[derive(PartialEq)]
struct Prediction {
    scenario: Rc<Scenario>,
    chosen: Rc<Timeline>,
    sequential: Option<(Rc<Scenario>, Rc<Timeline>)>,
}

fn predict(scenario: &Rc<Scenario>, language: Language) -> Prediction {
    let sequential = (scenario.mode != Mode::Sequential).then(|| {
        let sequential = Scenario {
            mode: Mode::Sequential,
            ..(**scenario).clone()
        };
        let timeline = Rc::new(simulate(&sequential, language));
        (Rc::new(sequential), timeline)
    });
    Prediction {
        scenario: Rc::clone(scenario),
        chosen: Rc::new(simulate(scenario, language)),
        sequential,
    }
}

/// The timelines shown when nothing has run yet: the prediction of this scenario, beside the same
/// tasks one after another, so the difference is visible the moment the page opens.
fn predictions(prediction: &Prediction, next_step: &'static str) -> Html {
    let scenario = &prediction.scenario;
    let mut shown = vec![(
        format!("{}: predicted", scenario.mode),
        Rc::clone(scenario),
        Rc::clone(&prediction.chosen),
    )];
    if let Some((sequential, timeline)) = &prediction.sequential {
        shown.push((
            "sequential: predicted".to_owned(),
            Rc::clone(sequential),
            Rc::clone(timeline),
        ));
    }
    let end = shared_axis_end(&shown.iter().map(|(_, _, t)| &**t).collect::<Vec<_>>());
    let headline = match shown.as_slice() {
        [(_, _, concurrent), (_, _, sequential)] => html! {
            <p class="speed-up prediction">
                {"Predicted: "}<span class="figure">{time_label(sequential.resume.at_ms)}</span>{" one after another · "}
                <span class="figure">{time_label(concurrent.resume.at_ms)}</span>{format!(" with {} · ", scenario.mode)}
                <strong>{format!("{}× faster", fixed(sequential.resume.at_ms / concurrent.resume.at_ms.max(1.0), 1))}</strong>
                {next_step}
            </p>
        },
        _ => html! {},
    };
    html! {
        <>
            { headline }
            { for shown.into_iter().map(|(title, scenario, timeline)| html! {
                <TimelineView {title} {scenario} now_ms={timeline.totals().last_end_ms} axis_end_ms={end} timeline={timeline} />
            }) }
        </>
    }
}

fn session_timelines(session: Option<&SessionView>, replay: &ReplayController) -> Option<Html> {
    let session = session?;
    let timelines: Vec<&Timeline> = session.runs.iter().map(|run| &*run.predicted).collect();
    let end =
        shared_axis_end(&timelines).max(session.runs.iter().map(|r| r.now_ms).fold(0.0, f64::max));
    let done = session.done();
    let t = if done {
        let times = session
            .runs
            .iter()
            .flat_map(|run| event_times(&run.timeline))
            .collect();
        replay.follow(session.id, end, times);
        replay.t()
    } else {
        f64::INFINITY
    };
    let title = |run: &super::use_run::RunView| {
        let kind = match run.engine {
            crate::runtime::run_handle::Engine::SimulatedLive => "simulated live",
            _ => "real run",
        };
        format!(
            "{} in {}: {kind}",
            run.scenario.mode,
            session.language.display_name()
        )
    };
    Some(html! {
        <>
            <Results runs={session.runs.clone()} compare={session.compare} />
            { for session.runs.iter().map(|run| html! {
                <TimelineView title={title(run)} scenario={run.scenario.clone()} timeline={run.timeline.clone()}
                    predicted={Some(Rc::clone(&run.predicted))} now_ms={run.now_ms.min(t)} axis_end_ms={end}
                    show_cursor={!done || replay.t() < end} caller_resumed={run.resumed} />
            }) }
            if session.waiting > 0 {
                <p class="note">{"Next: the same tasks one after another."}</p>
            }
            if done {
                <ReplayControls replay={replay.clone()} {t} />
            }
        </>
    })
}

/// What exports show: the first run of the latest finished session, else the prediction.
fn export_source(session: Option<&SessionView>, prediction: &Prediction) -> ExportSource {
    match session
        .filter(|session| session.done())
        .and_then(|session| session.runs.first())
    {
        Some(run) => ExportSource {
            scenario: Rc::clone(&run.scenario),
            timeline: Rc::clone(&run.timeline),
            source: RunSource::Real,
        },
        None => ExportSource {
            scenario: Rc::clone(&prediction.scenario),
            timeline: Rc::clone(&prediction.chosen),
            source: RunSource::Simulated,
        },
    }
}

/// The address of the full app on the same scenario, for an embed's "Open in Async Playground".
fn full_app_link(scenario: &Scenario, display: &DisplayOptions) -> String {
    let full = DisplayOptions {
        embed: false,
        autorun: false,
        ..*display
    };
    format!("{}?{}", page_address(), encode(scenario, &full))
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| PlaygroundState::from_url(decode(&location_search())));
    let runs = use_run();
    let replay = use_replay();
    let help_open = use_state(|| false);
    let scenario = state.scenario.clone();
    let language = state.display.language;
    // Built once per render: a view of a 10,000-task run is not cheap, and a live run renders often.
    let session = runs.view();
    let prediction = use_memo((scenario.clone(), language), |(scenario, language)| {
        predict(scenario, *language)
    });

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
    let embed_code_open = use_state(|| false);

    let on_run = {
        let (runs, state) = (runs.clone(), state.clone());
        Callback::from(move |()| runs.run(&state.scenario, state.display.language))
    };
    let on_compare = {
        let (runs, state) = (runs.clone(), state.clone());
        Callback::from(move |()| runs.compare(&state.scenario, state.display.language))
    };
    let on_reset = {
        let runs = runs.clone();
        Callback::from(move |()| runs.reset())
    };

    {
        // Keyboard shortcuts, listed in ShortcutsHelp. Re-registered when their targets change.
        let (on_run, on_compare, on_reset, replay, help_open) = (
            on_run.clone(),
            on_compare.clone(),
            on_reset.clone(),
            replay.clone(),
            help_open.clone(),
        );
        use_effect_with(
            (state.clone(), session.as_ref().map(|s| (s.id, s.done()))),
            move |_| {
                let listener =
                    Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
                        if event.ctrl_key()
                            || event.meta_key()
                            || event.alt_key()
                            || typing_in_a_field(&event)
                        {
                            return;
                        }
                        let handled = match event.key().as_str() {
                            "r" | "R" => {
                                on_run.emit(());
                                true
                            }
                            "c" | "C" => {
                                on_compare.emit(());
                                true
                            }
                            "x" | "X" => {
                                on_reset.emit(());
                                true
                            }
                            " " | "k" | "K" => {
                                let on_button = event
                                    .target()
                                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                    .is_some_and(|e| e.tag_name() == "BUTTON");
                                if !on_button {
                                    replay.toggle();
                                }
                                !on_button
                            }
                            "ArrowLeft" => {
                                replay.step(Towards::Back);
                                true
                            }
                            "ArrowRight" => {
                                replay.step(Towards::On);
                                true
                            }
                            "Home" => {
                                replay.seek(0.0);
                                true
                            }
                            "End" => {
                                replay.seek(replay.end());
                                true
                            }
                            "[" => {
                                replay.change_speed(Towards::Back);
                                true
                            }
                            "]" => {
                                replay.change_speed(Towards::On);
                                true
                            }
                            "?" => {
                                help_open.set(!*help_open);
                                true
                            }
                            "Escape" => {
                                help_open.set(false);
                                false
                            }
                            _ => false,
                        };
                        if handled {
                            event.prevent_default();
                        }
                    });
                let document = web_sys::window().and_then(|w| w.document());
                if let Some(document) = &document {
                    let _ = document.add_event_listener_with_callback(
                        "keydown",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                move || {
                    if let Some(document) = document {
                        let _ = document.remove_event_listener_with_callback(
                            "keydown",
                            listener.as_ref().unchecked_ref(),
                        );
                    }
                }
            },
        );
    }

    // Stable callbacks (`use_callback` over the reducer's dispatcher, which never changes), so that the
    // editor and the code panel keep equal props and are not re-rendered on every frame of a run.
    let dispatcher = state.dispatcher();
    let on_update = use_callback(
        dispatcher.clone(),
        |(group, spec, count): (usize, TaskSpec, u32), d| {
            d.dispatch(Action::UpdateGroup { group, spec, count })
        },
    );
    let on_remove = use_callback(dispatcher.clone(), |group: usize, d| {
        d.dispatch(Action::RemoveGroup(group))
    });
    let on_duplicate = use_callback(dispatcher.clone(), |group: usize, d| {
        d.dispatch(Action::DuplicateGroup(group))
    });
    let on_move = use_callback(
        dispatcher.clone(),
        |(group, direction): (usize, Direction), d| {
            d.dispatch(Action::MoveGroup { group, direction })
        },
    );
    let on_generate = use_callback(
        dispatcher.clone(),
        |(count, delay, fail_percent, kind): (u32, Delay, u8, TaskKind), d| {
            d.dispatch(Action::Generate {
                count,
                delay,
                fail_percent,
                kind,
            })
        },
    );
    let on_add = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::AddTask));
    let on_mode = use_callback(dispatcher.clone(), |mode, d| {
        d.dispatch(Action::SetMode(mode))
    });
    let on_limit = use_callback(dispatcher.clone(), |limit, d| {
        d.dispatch(Action::SetLimit(limit))
    });
    let on_language = use_callback(dispatcher.clone(), |language, d| {
        d.dispatch(Action::SetLanguage(language))
    });
    let on_preset = use_callback((dispatcher.clone(), runs.clone()), |index, (d, runs)| {
        runs.reset();
        d.dispatch(Action::LoadPreset(index))
    });
    let on_dismiss = use_callback(dispatcher, |(), d| d.dispatch(Action::DismissUrlProblems));
    let on_help = {
        let help_open = help_open.clone();
        Callback::from(move |open| help_open.set(open))
    };

    {
        // autorun=1: run once the page (or the iframe) is first in view; hidden iframes are throttled.
        let (runs, state, root) = (runs.clone(), state.clone(), root.clone());
        let observation = use_mut_ref(|| None);
        use_effect_with(state.display.autorun, move |autorun| {
            if *autorun {
                if let Some(element) = root.cast::<web_sys::Element>() {
                    let run = move || runs.run(&state.scenario, state.display.language);
                    *observation.borrow_mut() = when_first_visible(&element, run);
                }
            }
        });
    }
    {
        let reporter = use_mut_ref(|| None);
        use_effect_with(embed, move |embed| {
            set_site_header_hidden(*embed);
            if *embed {
                *reporter.borrow_mut() = report_height_to_parent();
            }
        });
    }

    let session_view = session_timelines(session.as_ref(), &replay);
    let has_session = session_view.is_some();
    if embed {
        let toggle_code = {
            let open = embed_code_open.clone();
            Callback::from(move |_: MouseEvent| open.set(!*open))
        };
        let replay_on_click = {
            let (replay, runs) = (replay.clone(), runs.clone());
            Callback::from(move |_: MouseEvent| {
                if runs.view().is_some_and(|s| s.done()) {
                    replay.toggle();
                }
            })
        };
        return html! {
            <main id="main" class="embed" ref={root}>
                <div class="embed-bar">
                    <button type="button" class="primary" onclick={Callback::from(move |_: MouseEvent| on_run.emit(()))}>
                        { if has_session { "Run again" } else { "Run" } }
                    </button>
                    <button type="button" onclick={toggle_code} aria-expanded={(*embed_code_open).to_string()}>
                        { if *embed_code_open { "Hide code".to_owned() } else { format!("Show {} code", language.display_name()) } }
                    </button>
                    <a class="open-full" href={full_app_link(&state.scenario, &state.display)} target="_blank" rel="noopener">{"Open in Async Playground ↗"}</a>
                </div>
                <div class="embed-timeline" onclick={replay_on_click}>
                    { session_view.unwrap_or_else(|| predictions(&prediction, ". Press Run to see it happen.")) }
                </div>
                if *embed_code_open {
                    <CodePanel scenario={scenario.clone()} {language} {on_language} />
                }
            </main>
        };
    }
    let export = export_source(session.as_ref(), &prediction);
    html! {
        <>
            <ProblemsBanner problems={state.url_problems.clone()} {on_dismiss} />
            <main id="main" class="workspace" ref={root}>
                <Panel id="scenario" title="Scenario" area="editor">
                    <PresetPicker lesson={state.lesson} on_load={on_preset} />
                    <TaskTable scenario={scenario.clone()} {on_update} {on_remove} {on_duplicate} {on_move} {on_add} />
                    <ModePicker mode={scenario.mode} limit={scenario.limit} {on_mode} {on_limit} />
                    <BulkGenerator {on_generate} />
                </Panel>
                <Panel id="timeline" title="Timeline" area="timeline">
                    <div class="toolbar">
                        <LanguageSwitch {language} on_change={on_language.clone()} />
                        <RunControls live={runs.is_live()} {has_session} {on_run} {on_compare} {on_reset}
                            help_open={*help_open} {on_help} />
                    </div>
                    { session_view.unwrap_or_else(|| predictions(&prediction, ". Press Compare to run both for real.")) }
                    <Legend />
                    <ShareControls scenario={scenario.clone()} display={state.display} {export} />
                </Panel>
                <Panel id="code" title="Code" area="code">
                    <CodePanel scenario={scenario.clone()} {language} {on_language} />
                </Panel>
            </main>
        </>
    }
}
