//! The full page: the scenario editor, the timeline with its controls, legend and exports, and the
//! code, as three regions. The editor's callbacks are built here over the reducer's dispatcher.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::link::url_codec::{parse_backoff, parse_retries, parse_timeout};
use crate::domain::model::comparison::Comparison;
use crate::domain::model::language::Language;
use crate::domain::model::scenario::RetryPolicy;
use crate::domain::page::playground_state::{Action, PlaygroundState};

use super::run_controls::{run_controls, RunControlsProps};
use crate::domain::pictures::export::ExportSource;
use crate::ui::editor::bulk_generator::bulk_generator;
use crate::ui::editor::caller_picker::caller_picker;
use crate::ui::editor::language_switch::language_switch;
use crate::ui::editor::mode_picker::{mode_picker, ModePickerProps};
use crate::ui::editor::number_field::{number_field, Draft, NumberFieldProps};
use crate::ui::editor::preset_picker::{preset_picker, PresetPickerProps};
use crate::ui::editor::problems_banner::{problems_banner, ProblemsBannerProps};
use crate::ui::editor::task_table::TaskTable;
use crate::ui::hooks::use_run_commands::RunCommands;
use crate::ui::share::share_controls::ShareControls;
use crate::ui::timelines::legend::legend;
use crate::ui::widgets::panel::panel;

pub struct FullLayoutProps {
    pub state: UseReducerHandle<PlaygroundState>,
    /// The prediction, or the runs of the latest session.
    pub timelines: Html,
    pub export: ExportSource,
    pub commands: RunCommands,
    /// A run is under way.
    pub live: bool,
    pub has_session: bool,
    /// Whether the shortcuts' help is open; its keys open it too.
    pub help_open: UseStateHandle<bool>,
    pub root: NodeRef,
    /// The code panel, which the embed layout shows too.
    pub code: Html,
    pub editor: Editor,
}

/// `action`, dispatched if the text read as one; else why it did not.
fn dispatched(
    action: Result<Action, String>,
    dispatcher: &UseReducerDispatcher<PlaygroundState>,
) -> Option<String> {
    action.map(|action| dispatcher.dispatch(action)).err()
}

/// The editor's callbacks over the reducer's dispatcher. Built together by one memo, not a
/// `use_callback` each, and equal across renders, so the editor is not re-rendered on every frame of
/// a run. Most controls say what they change as an [`Action`]; the number fields hand over their
/// text, which is read against the retry policy they change.
#[derive(Clone)]
pub struct EditorCallbacks {
    on_edit: Callback<Action>,
    on_timeout: Callback<String, Option<String>>,
    on_retries: Callback<String, Option<String>>,
    on_backoff: Callback<String, Option<String>>,
    on_language: Callback<Language>,
    on_comparison: Callback<Comparison>,
    on_dismiss: Callback<()>,
}

impl EditorCallbacks {
    fn new(dispatcher: UseReducerDispatcher<PlaygroundState>, retry: RetryPolicy) -> Self {
        let on_edit = dispatcher.to_callback();
        let parsed = |parse: fn(&str, RetryPolicy) -> Result<Action, String>| {
            let dispatcher = dispatcher.clone();
            Callback::from(move |text: String| dispatched(parse(&text, retry), &dispatcher))
        };
        Self {
            on_timeout: parsed(|text, _| parse_timeout(text).map(Action::SetTimeout)),
            on_retries: parsed(|text, retry| parse_retries(text, retry).map(Action::SetRetry)),
            on_backoff: parsed(|text, retry| parse_backoff(text, retry).map(Action::SetRetry)),
            on_language: on_edit.reform(Action::SetLanguage),
            on_comparison: on_edit.reform(Action::SetComparison),
            on_dismiss: on_edit.reform(|()| Action::DismissUrlProblems),
            on_edit,
        }
    }
}

/// The editor's callbacks, and what its number fields hold that does not read (a `Draft` each).
pub struct Editor {
    callbacks: Rc<EditorCallbacks>,
    deadline_draft: UseStateHandle<Draft>,
    retries_draft: UseStateHandle<Draft>,
    backoff_draft: UseStateHandle<Draft>,
}

impl Editor {
    /// Also the code panel's language tabs: one callback, equal across renders.
    pub fn on_language(&self) -> Callback<Language> {
        self.callbacks.on_language.clone()
    }
}

/// The editor's state, kept by the App whichever layout it shows: hooks cannot wait for a layout.
#[hook]
pub fn use_editor(state: &UseReducerHandle<PlaygroundState>) -> Editor {
    let dispatcher = state.dispatcher();
    let callbacks = use_memo(state.scenario.retry, move |retry| {
        EditorCallbacks::new(dispatcher, *retry)
    });
    Editor {
        callbacks,
        deadline_draft: use_state(Draft::default),
        retries_draft: use_state(Draft::default),
        backoff_draft: use_state(Draft::default),
    }
}

/// A function, not a component: it renders whenever the App does, so a component would add its
/// lifecycle code to the page's wasm and save no render. Inlined into the App, its one caller, the
/// page's wasm is 0.2 kB smaller (measured).
#[inline(always)]
pub fn full_layout(props: &FullLayoutProps) -> Html {
    let EditorCallbacks {
        on_language,
        on_comparison,
        on_dismiss,
        ..
    } = (*props.editor.callbacks).clone();
    let controls = RunControlsProps {
        live: props.live,
        has_session: props.has_session,
        on_run: props.commands.on_run.clone(),
        on_compare: props.commands.on_compare.clone(),
        on_reset: props.commands.on_reset.clone(),
        comparison: props.state.display.compare,
        on_comparison,
        help_open: *props.help_open,
        on_help: {
            let help_open = props.help_open.clone();
            Callback::from(move |open| help_open.set(open))
        },
    };
    let state = &props.state;
    html! {
        <>
            { problems_banner(&ProblemsBannerProps { problems: state.url_problems.clone(), on_dismiss }) }
            <main id="main" class="workspace" ref={props.root.clone()}>
                { panel("scenario", "Scenario", "editor", scenario_editor(props)) }
                { panel("timeline", "Timeline", "timeline", html! {
                    <>
                        <div class="toolbar">
                            { language_switch(state.display.language, &on_language) }
                            { run_controls(&controls) }
                        </div>
                        { props.timelines.clone() }
                        { legend() }
                        <ShareControls scenario={state.scenario.clone()} display={state.display} export={props.export.clone()} />
                    </>
                }) }
                { panel("code", "Code", "code", html! {
                    { props.code.clone() }
                }) }
            </main>
        </>
    }
}

/// The scenario's editor: the presets, the tasks, how the caller awaits them, its deadline, how
/// it waits, retries, and the generator.
fn scenario_editor(props: &FullLayoutProps) -> Html {
    let Editor {
        callbacks,
        deadline_draft,
        retries_draft,
        backoff_draft,
    } = &props.editor;
    let EditorCallbacks {
        on_edit,
        on_timeout,
        on_retries,
        on_backoff,
        ..
    } = (**callbacks).clone();
    let state = &props.state;
    let scenario = state.scenario.clone();
    let retry = scenario.retry;
    html! {
        <>
            { preset_picker(&PresetPickerProps { lesson: state.lesson_text(), on_reset: props.commands.on_reset.clone(), on_edit: on_edit.clone() }) }
            <TaskTable scenario={scenario.clone()} on_edit={on_edit.clone()} />
            { mode_picker(&ModePickerProps { mode: scenario.mode, limit: scenario.limit, program_exits: scenario.program_exits, on_edit: on_edit.clone() }) }
            if scenario.mode.caller_waits() {
                { number_field(NumberFieldProps { id: "deadline", label: "Stop waiting after (ms)", placeholder: "no deadline", value: scenario.timeout_ms.map(|ms| ms.to_string()).unwrap_or_default(), apply: on_timeout }, deadline_draft) }
            }
            { caller_picker(scenario.caller, scenario.mode, state.display.language, &on_edit) }
            { number_field(NumberFieldProps { id: "retries", label: "Retry a failed task (times)", placeholder: "0", value: retry.retries.to_string(), apply: on_retries }, retries_draft) }
            { number_field(NumberFieldProps { id: "backoff", label: "First wait before a retry (ms)", placeholder: "100", value: retry.backoff_ms.to_string(), apply: on_backoff }, backoff_draft) }
            { bulk_generator(&on_edit) }
        </>
    }
}
