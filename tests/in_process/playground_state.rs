//! The playground reducer: every editing action does what the editor promises, within the limits.

use std::rc::Rc;

use async_playground::domain::link::url_codec::decode;
use async_playground::domain::model::comparison::Comparison;
use async_playground::domain::model::language::Language;
use async_playground::domain::model::mode::Mode;
use async_playground::domain::model::presets::LESSONS;
use async_playground::domain::model::scenario::{Delay, Scenario, TaskKind, TaskSpec, MAX_TASKS};
use async_playground::domain::page::playground_state::{Action, Direction, PlaygroundState};

fn state(query: &str) -> Rc<PlaygroundState> {
    Rc::new(PlaygroundState::from_url(decode(query)))
}

fn labels(state: &PlaygroundState) -> Vec<String> {
    state
        .scenario
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| t.display_label(i as u32))
        .collect()
}

#[test]
fn rows_move_duplicate_and_remove_as_groups() {
    let s = state("tasks=a:1,b:2,3x5");
    let s = s.apply(Action::MoveGroup {
        group: 1,
        direction: Direction::Up,
    });
    assert_eq!(labels(&s)[..2], ["b", "a"]);
    let s = s.apply(Action::DuplicateGroup(2));
    assert_eq!(
        s.scenario.tasks.len(),
        2 + 6,
        "the 3×5 group was copied whole"
    );
    let s = s.apply(Action::RemoveGroup(0));
    assert_eq!(labels(&s)[0], "a");
    let s = s.apply(Action::AddTask);
    assert_eq!(s.scenario.tasks.last().unwrap().delay, Delay::Fixed(500));
}

#[test]
fn the_last_row_cannot_be_removed() {
    let s = state("tasks=only:5").apply(Action::RemoveGroup(0));
    assert_eq!(s.scenario.tasks.len(), 1);
}

#[test]
fn updating_a_group_changes_its_count_and_spec() {
    let s = state("tasks=3x5").apply(Action::UpdateGroup {
        group: 0,
        spec: TaskSpec::io(None, 9).cpu(),
        count: 7,
    });
    assert_eq!(s.scenario.tasks, vec![TaskSpec::io(None, 9).cpu(); 7]);
}

#[test]
fn the_generator_replaces_every_task_within_the_limit() {
    let s = state("tasks=a:1").apply(Action::Generate {
        count: MAX_TASKS + 5,
        delay: Delay::Range { min: 10, max: 20 },
        fail_percent: 5,
        kind: TaskKind::Io,
    });
    assert_eq!(s.scenario.tasks.len(), MAX_TASKS as usize);
}

#[test]
fn removing_tasks_keeps_the_limit_the_user_chose() {
    // A limit above the task count is valid (every task starts at once), so
    // shrinking the scenario must not silently rewrite the user's limit.
    let s = state("tasks=5x10&mode=buffered&limit=4").apply(Action::RemoveGroup(0));
    assert_eq!(s.scenario.limit, 4, "one group: nothing removed");
    let s = state("tasks=a:1,b:1,c:1&mode=buffered&limit=3").apply(Action::RemoveGroup(2));
    assert_eq!(s.scenario.tasks.len(), 2);
    assert_eq!(s.scenario.limit, 3);
    assert!(s.url_problems.is_empty(), "{:?}", s.url_problems);
}

#[test]
fn a_preset_loads_its_scenario_and_lesson_and_an_edit_clears_the_lesson() {
    let s = state("").apply(Action::LoadPreset(1));
    assert_eq!(s.scenario.mode, Mode::Buffered);
    assert_eq!(
        s.lesson,
        Some((1, None)),
        "the page carries no lesson but the landing one"
    );
    let arrived = s
        .clone()
        .apply(Action::LessonArrived(1, Rc::from(LESSONS[1])));
    assert_eq!(arrived.lesson_text().as_deref(), Some(LESSONS[1]));
    // A lesson that arrives after the reader moved on to another preset is not shown.
    let moved_on = s
        .apply(Action::LoadPreset(2))
        .apply(Action::LessonArrived(1, Rc::from(LESSONS[1])));
    assert_eq!(moved_on.lesson_text(), None);
    let s = arrived.apply(Action::SetMode(Mode::JoinAll));
    assert_eq!(s.lesson, None);
}

#[test]
fn the_default_page_is_the_first_preset_with_its_lesson() {
    let s = state("");
    assert_eq!(*s.scenario, Scenario::default());
    assert_eq!(s.lesson_text().as_deref(), Some(LESSONS[0]));
}

#[test]
fn choosing_what_is_set_beside_the_mode_keeps_the_scenario_and_reaches_the_link() {
    let before = state("?tasks=10x500&mode=join_all");
    let after = before
        .clone()
        .apply(Action::SetComparison(Comparison::Languages));
    assert!(Rc::ptr_eq(&before.scenario, &after.scenario));
    assert_eq!(after.display.compare, Comparison::Languages);
    assert_eq!(
        state("?tasks=10x500&compare=sequential").display.compare,
        Comparison::Sequential
    );
}

#[test]
fn switching_language_keeps_the_very_same_scenario_so_nothing_that_shows_it_re_renders() {
    let before = state("?tasks=10000x500");
    let after = before.clone().apply(Action::SetLanguage(Language::Python));
    assert!(Rc::ptr_eq(&before.scenario, &after.scenario));
    let edited = after.clone().apply(Action::SetMode(Mode::Sequential));
    assert!(!Rc::ptr_eq(&after.scenario, &edited.scenario));
    assert_eq!(
        before.scenario.mode,
        Mode::JoinAll,
        "editing copies instead of changing the old state"
    );
}
