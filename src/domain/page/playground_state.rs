//! The playground's state and every change a user can make to it, as one reducer (after yew's
//! `function_todomvc`). Pure, so it is tested natively; `src/ui/hooks/state.rs` hands it to Yew. Runs live
//! elsewhere (`use_run`): they change every frame and hold browser handles.

use std::rc::Rc;

use crate::domain::link::url_codec::{decode, DecodedUrl};

use crate::domain::model::caller_setup::CallerSetup;
use crate::domain::model::comparison::Comparison;
use crate::domain::model::display::DisplayOptions;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::presets::{LESSONS, PRESETS};
use crate::domain::model::problem::Problem;
use crate::domain::model::scenario::{
    default_label, Delay, RetryPolicy, Scenario, TaskKind, TaskSpec, MAX_TASKS,
};
use crate::domain::model::task_groups::{expand_groups, group_tasks, TaskGroup};
use crate::domain::semantics::blocking::caller_blocks;

#[derive(Clone, Debug, PartialEq)]
pub struct PlaygroundState {
    /// Shared, so that handing it to components and runs copies no tasks: a scenario can hold 10,000.
    pub scenario: Rc<Scenario>,
    pub display: DisplayOptions,
    /// Problems found in the link the page was opened with, until dismissed.
    pub url_problems: Vec<Problem>,
    /// The preset whose lesson is shown (the one last loaded, until the scenario is edited), and
    /// its text once the writer has handed it over: the page's own load carries no lesson.
    pub lesson: Option<(usize, Option<Rc<str>>)>,
}

impl PlaygroundState {
    /// The lesson shown, once it has arrived.
    pub fn lesson_text(&self) -> Option<Rc<str>> {
        self.lesson.as_ref().and_then(|(_, text)| text.clone())
    }

    /// The state a link describes; whatever was wrong in it is kept to show the user.
    pub fn from_url(decoded: DecodedUrl) -> Self {
        let lesson = PRESETS
            .iter()
            .position(|p| decode(p.query).scenario == decoded.scenario)
            .map(|preset| (preset, carried_lesson(preset)));
        PlaygroundState {
            scenario: Rc::new(decoded.scenario),
            display: decoded.display,
            url_problems: decoded.problems,
            lesson,
        }
    }
}

/// The lesson the page carries itself: only the first preset's, which is the landing page's
/// scenario, so that it shows with the page instead of moving it once it arrives.
fn carried_lesson(preset: usize) -> Option<Rc<str>> {
    (preset == 0).then(|| Rc::from(LESSONS[0]))
}

/// Which way a row moves in the task table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// Everything the UI can ask the state to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetMode(Mode),
    SetLimit(u32),
    /// The caller's deadline; `None` for none.
    SetTimeout(Option<u32>),
    /// How failed attempts are tried again.
    SetRetry(RetryPolicy),
    /// Whether a fire-and-forget program ends as its caller moves on.
    SetProgramExits(bool),
    /// How and where the caller waits.
    SetCaller(CallerSetup),
    SetLanguage(Language),
    /// What the timelines set beside the chosen mode.
    SetComparison(Comparison),
    /// Replace group `group` (see `group_tasks`) by `count` copies of `spec`.
    UpdateGroup {
        group: usize,
        spec: TaskSpec,
        count: u32,
    },
    AddTask,
    RemoveGroup(usize),
    DuplicateGroup(usize),
    MoveGroup {
        group: usize,
        direction: Direction,
    },
    /// The bulk generator: replace every task.
    Generate {
        count: u32,
        delay: Delay,
        fail_percent: u8,
        kind: TaskKind,
    },
    LoadPreset(usize),
    /// The writer handed over the lesson of a preset: shown if that preset's is still wanted.
    LessonArrived(usize, Rc<str>),
    DismissUrlProblems,
}

impl PlaygroundState {
    /// The state after `action`. Takes and returns an `Rc` so that an action that changes nothing
    /// the views show (the language, say) keeps the scenario's identity.
    pub fn apply(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        // Only actions that change the scenario copy it, so the others keep its identity and
        // components showing it are not re-rendered.
        match action {
            Action::SetLanguage(language) => {
                next.display.language = language;
                return Rc::new(next);
            }
            Action::SetComparison(compare) => {
                next.display.compare = compare;
                return Rc::new(next);
            }
            Action::DismissUrlProblems => {
                next.url_problems.clear();
                return Rc::new(next);
            }
            Action::LessonArrived(preset, text) => {
                if let Some((wanted, shown)) = &mut next.lesson {
                    if *wanted == preset {
                        *shown = Some(text);
                    }
                }
                return Rc::new(next);
            }
            _ => {}
        }
        let scenario = Rc::make_mut(&mut next.scenario);
        match action {
            Action::SetMode(mode) => scenario.mode = mode,
            Action::SetLimit(limit) => scenario.limit = limit,
            Action::SetTimeout(timeout_ms) => scenario.timeout_ms = timeout_ms,
            Action::SetRetry(retry) => scenario.retry = retry,
            Action::SetProgramExits(exits) => scenario.program_exits = exits,
            Action::SetCaller(caller) => scenario.caller = caller,
            Action::LoadPreset(index) => {
                if let Some(preset) = PRESETS.get(index) {
                    *scenario = decode(preset.query).scenario;
                    // Each language blocks in its own way, so a blocking preset's lesson is about
                    // one language, and the page shows that one.
                    if caller_blocks(scenario) {
                        next.display.language = preset.language;
                    }
                    next.lesson = Some((index, carried_lesson(index)));
                    return Rc::new(next);
                }
            }
            edit => edit_the_tasks(scenario, edit),
        }
        next.lesson = None;
        // K may exceed the number of tasks (all run at once), so an edit of the tasks never changes it.
        scenario.limit = scenario.limit.clamp(1, MAX_TASKS);
        Rc::new(next)
    }
}

/// Edit the task list as groups, then write it back, capped at the task limit.
fn edit_groups(scenario: &mut Scenario, edit: impl FnOnce(&mut Vec<TaskGroup>)) {
    let mut groups = group_tasks(&scenario.tasks);
    edit(&mut groups);
    let mut tasks = expand_groups(&groups);
    tasks.truncate(MAX_TASKS as usize);
    scenario.tasks = tasks;
}

/// An edit of the task table: a row changed, added, removed, duplicated or moved, or every task
/// generated anew. Other actions leave the tasks as they are.
fn edit_the_tasks(scenario: &mut Scenario, edit: Action) {
    match edit {
        Action::UpdateGroup { group, spec, count } => edit_groups(scenario, |groups| {
            if let Some(target) = groups.get_mut(group) {
                target.spec = spec;
                target.count = count.max(1);
            }
        }),
        Action::AddTask if scenario.task_count() < MAX_TASKS => {
            let label = default_label(scenario.tasks.len() as u32);
            scenario.tasks.push(TaskSpec::io(Some(&label), 500));
        }
        Action::RemoveGroup(group) => edit_groups(scenario, |groups| {
            if groups.len() > 1 && group < groups.len() {
                groups.remove(group);
            }
        }),
        Action::DuplicateGroup(group) => edit_groups(scenario, |groups| {
            if let Some(copy) = groups.get(group).cloned() {
                groups.insert(group + 1, copy);
            }
        }),
        Action::MoveGroup { group, direction } => edit_groups(scenario, |groups| {
            let other = match direction {
                Direction::Up => group.checked_sub(1),
                Direction::Down => Some(group + 1),
            };
            if let Some(other) = other.filter(|&o| o < groups.len() && group < groups.len()) {
                groups.swap(group, other);
            }
        }),
        Action::Generate {
            count,
            delay,
            fail_percent,
            kind,
        } => {
            let spec = TaskSpec {
                label: None,
                delay,
                fail_percent,
                kind,
            };
            scenario.tasks = vec![spec; count.clamp(1, MAX_TASKS) as usize];
        }
        _ => {}
    }
}
