//! The full page: the scenario editor, the timeline with its controls, legend and exports, and the
//! code, as three regions. The editor's callbacks are built here over the reducer's dispatcher.

use yew::prelude::*;

use crate::domain::playground_state::{Action, Direction, PlaygroundState};
use crate::domain::scenario::{Delay, TaskKind, TaskSpec};
use crate::domain::url_codec::{parse_backoff, parse_retries, parse_timeout};

use super::bulk_generator::BulkGenerator;
use super::language_switch::language_switch;
use super::legend::legend;
use super::mode_picker::{mode_picker, ModePickerProps};
use super::number_field::NumberField;
use super::panel::panel;
use super::preset_picker::{preset_picker, PresetPickerProps};
use super::problems_banner::{problems_banner, ProblemsBannerProps};
use super::run_controls::{run_controls, RunControlsProps};
use super::share_controls::{ExportSource, ShareControls};
use super::task_table::TaskTable;

#[derive(Properties)]
pub struct FullLayoutProps {
    pub state: UseReducerHandle<PlaygroundState>,
    /// The prediction, or the runs of the latest session.
    pub timelines: Html,
    pub export: ExportSource,
    pub controls: RunControlsProps,
    /// Loading a preset also resets the runs, which the layout does not own.
    pub on_preset: Callback<usize>,
    pub root: NodeRef,
    /// The code panel, which the embed layout shows too.
    pub code: Html,
}

/// Never equal: the App renders the layout only when something it shows changed (the timelines' Html
/// is new on each of those renders), so a deep comparison would cost code and never save a render.
impl PartialEq for FullLayoutProps {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// `action`, dispatched if the text read as one; else why it did not.
fn dispatched(
    action: Result<Action, String>,
    dispatcher: &UseReducerDispatcher<PlaygroundState>,
) -> Option<String> {
    action.map(|action| dispatcher.dispatch(action)).err()
}

#[component]
pub fn FullLayout(props: &FullLayoutProps) -> Html {
    // Stable callbacks (`use_callback` over the dispatcher, which never changes), so that the editor
    // and the code panel keep equal props and are not re-rendered on every frame of a run.
    let dispatcher = props.state.dispatcher();
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
    let on_program_exits = use_callback(dispatcher.clone(), |exits, d| {
        d.dispatch(Action::SetProgramExits(exits))
    });
    let on_timeout = use_callback(dispatcher.clone(), |text: String, d| {
        dispatched(parse_timeout(&text).map(Action::SetTimeout), d)
    });
    let retry = props.state.scenario.retry;
    let on_retries = use_callback((dispatcher.clone(), retry), |text: String, (d, retry)| {
        dispatched(parse_retries(&text, *retry).map(Action::SetRetry), d)
    });
    let on_backoff = use_callback((dispatcher.clone(), retry), |text: String, (d, retry)| {
        dispatched(parse_backoff(&text, *retry).map(Action::SetRetry), d)
    });
    let on_language = use_callback(dispatcher.clone(), |language, d| {
        d.dispatch(Action::SetLanguage(language))
    });
    let on_dismiss = use_callback(dispatcher, |(), d| d.dispatch(Action::DismissUrlProblems));

    let state = &props.state;
    let scenario = state.scenario.clone();
    let language = state.display.language;
    html! {
        <>
            { problems_banner(&ProblemsBannerProps { problems: state.url_problems.clone(), on_dismiss }) }
            <main id="main" class="workspace" ref={props.root.clone()}>
                { panel("scenario", "Scenario", "editor", html! {
                    <>
                        { preset_picker(&PresetPickerProps { lesson: state.lesson, on_load: props.on_preset.clone() }) }
                        <TaskTable scenario={scenario.clone()} {on_update} {on_remove} {on_duplicate} {on_move} {on_add} />
                        { mode_picker(&ModePickerProps { mode: scenario.mode, limit: scenario.limit, on_mode, on_limit, program_exits: scenario.program_exits, on_program_exits }) }
                        if scenario.mode.caller_waits() {
                            <NumberField id="deadline" label="Stop waiting after (ms)" placeholder="no deadline" value={scenario.timeout_ms.map(|ms| ms.to_string()).unwrap_or_default()} apply={on_timeout} />
                        }
                        <NumberField id="retries" label="Retry a failed task (times)" placeholder="0" value={retry.retries.to_string()} apply={on_retries} />
                        <NumberField id="backoff" label="First wait before a retry (ms)" placeholder="100" value={retry.backoff_ms.to_string()} apply={on_backoff} />
                        <BulkGenerator {on_generate} />
                    </>
                }) }
                { panel("timeline", "Timeline", "timeline", html! {
                    <>
                        <div class="toolbar">
                            { language_switch(language, &on_language) }
                            { run_controls(&props.controls) }
                        </div>
                        { props.timelines.clone() }
                        { legend() }
                        <ShareControls scenario={scenario.clone()} display={state.display} export={props.export.clone()} />
                    </>
                }) }
                { panel("code", "Code", "code", html! {
                    { props.code.clone() }
                }) }
            </main>
        </>
    }
}
