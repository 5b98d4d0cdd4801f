//! The full page: the scenario editor, the timeline with its controls, legend and exports, and the
//! code, as three regions. The editor's callbacks are built here over the reducer's dispatcher.

use yew::prelude::*;

use crate::domain::language::Language;
use crate::domain::mode::Mode;
use crate::domain::playground_state::{Action, Direction, PlaygroundState};
use crate::domain::scenario::{Delay, RetryPolicy, TaskKind, TaskSpec};
use crate::domain::url_codec::{parse_backoff, parse_retries, parse_timeout};

use super::bulk_generator::bulk_generator;
use super::language_switch::language_switch;
use super::legend::legend;
use super::mode_picker::{mode_picker, ModePickerProps};
use super::number_field::{number_field, Draft, NumberFieldProps};
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

/// The editor's callbacks over the reducer's dispatcher. Built together by one memo, not a
/// `use_callback` each: one hook costs the page's wasm a fraction of thirteen, and the callbacks stay
/// equal across renders, so the editor is not re-rendered on every frame of a run.
#[derive(Clone)]
struct EditorCallbacks {
    on_update: Callback<(usize, TaskSpec, u32)>,
    on_remove: Callback<usize>,
    on_duplicate: Callback<usize>,
    on_move: Callback<(usize, Direction)>,
    on_generate: Callback<(u32, Delay, u8, TaskKind)>,
    on_add: Callback<()>,
    on_mode: Callback<Mode>,
    on_limit: Callback<u32>,
    on_program_exits: Callback<bool>,
    on_timeout: Callback<String, Option<String>>,
    on_retries: Callback<String, Option<String>>,
    on_backoff: Callback<String, Option<String>>,
    on_language: Callback<Language>,
    on_dismiss: Callback<()>,
}

impl EditorCallbacks {
    /// The retry fields read their text against `retry`, the policy they change.
    fn new(dispatcher: UseReducerDispatcher<PlaygroundState>, retry: RetryPolicy) -> Self {
        let dispatch = dispatcher.to_callback();
        let parsed = |parse: fn(&str, RetryPolicy) -> Result<Action, String>| {
            let dispatcher = dispatcher.clone();
            Callback::from(move |text: String| dispatched(parse(&text, retry), &dispatcher))
        };
        Self {
            on_update: dispatch.reform(|(group, spec, count)| Action::UpdateGroup {
                group,
                spec,
                count,
            }),
            on_remove: dispatch.reform(Action::RemoveGroup),
            on_duplicate: dispatch.reform(Action::DuplicateGroup),
            on_move: dispatch.reform(|(group, direction)| Action::MoveGroup { group, direction }),
            on_generate: dispatch.reform(|(count, delay, fail_percent, kind)| Action::Generate {
                count,
                delay,
                fail_percent,
                kind,
            }),
            on_add: dispatch.reform(|()| Action::AddTask),
            on_mode: dispatch.reform(Action::SetMode),
            on_limit: dispatch.reform(Action::SetLimit),
            on_program_exits: dispatch.reform(Action::SetProgramExits),
            on_timeout: parsed(|text, _| parse_timeout(text).map(Action::SetTimeout)),
            on_retries: parsed(|text, retry| parse_retries(text, retry).map(Action::SetRetry)),
            on_backoff: parsed(|text, retry| parse_backoff(text, retry).map(Action::SetRetry)),
            on_language: dispatch.reform(Action::SetLanguage),
            on_dismiss: dispatch.reform(|()| Action::DismissUrlProblems),
        }
    }
}

#[component]
pub fn FullLayout(props: &FullLayoutProps) -> Html {
    let retry = props.state.scenario.retry;
    let dispatcher = props.state.dispatcher();
    let callbacks = use_memo(retry, move |retry| EditorCallbacks::new(dispatcher, *retry));
    // What the number fields hold that does not read (a `Draft` each).
    let deadline_draft = use_state(Draft::default);
    let retries_draft = use_state(Draft::default);
    let backoff_draft = use_state(Draft::default);
    let EditorCallbacks {
        on_update,
        on_remove,
        on_duplicate,
        on_move,
        on_generate,
        on_add,
        on_mode,
        on_limit,
        on_program_exits,
        on_timeout,
        on_retries,
        on_backoff,
        on_language,
        on_dismiss,
    } = (*callbacks).clone();

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
                            { number_field(NumberFieldProps { id: "deadline", label: "Stop waiting after (ms)", placeholder: "no deadline", value: scenario.timeout_ms.map(|ms| ms.to_string()).unwrap_or_default(), apply: on_timeout }, &deadline_draft) }
                        }
                        { number_field(NumberFieldProps { id: "retries", label: "Retry a failed task (times)", placeholder: "0", value: retry.retries.to_string(), apply: on_retries }, &retries_draft) }
                        { number_field(NumberFieldProps { id: "backoff", label: "First wait before a retry (ms)", placeholder: "100", value: retry.backoff_ms.to_string(), apply: on_backoff }, &backoff_draft) }
                        { bulk_generator(&on_generate) }
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
