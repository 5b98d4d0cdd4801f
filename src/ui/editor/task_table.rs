//! The task list as rows of groups: 10,000 identical tasks are one row, and at most `MAX_ROWS` rows are
//! ever drawn, so the editor stays responsive at any size.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::basics::decimal::{counted, time_label};
use crate::domain::model::draws::draw_all;
use crate::domain::model::problem::Field;
use crate::domain::model::scenario::{Scenario, MAX_TASKS};
use crate::domain::model::task_groups::group_tasks;
use crate::domain::page::playground_state::Action;

use crate::ui::editor::task_row::TaskRow;

/// Rows beyond this are summarised, not drawn.
pub const MAX_ROWS: usize = 100;

#[derive(Properties, PartialEq)]
pub struct TaskTableProps {
    pub scenario: Rc<Scenario>,
    /// The editor's changes, each an action on the playground's state.
    pub on_edit: Callback<Action>,
}

#[component]
pub fn TaskTable(props: &TaskTableProps) -> Html {
    let groups = group_tasks(&props.scenario.tasks);
    let problems = props.scenario.validate();
    let group_of = |task: u32| {
        groups
            .iter()
            .position(|g| (g.first_task..g.first_task + g.count).contains(&task))
    };
    let row_problems = |row: usize| -> Vec<String> {
        problems
            .iter()
            .filter(
                |p| matches!(p.field, Field::Task { index, .. } if group_of(index) == Some(row)),
            )
            .map(|p| p.message.clone())
            .collect()
    };
    let draws = draw_all(&props.scenario);
    let total: f64 = draws.iter().map(|d| f64::from(d.delay_ms)).sum();
    let longest = draws.iter().map(|d| d.delay_ms).max().unwrap_or(0);
    let failing = draws.iter().filter(|d| d.fails).count();
    let add = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(Action::AddTask))
    };
    let last = groups.len().saturating_sub(1);
    html! {
        <div class="task-table">
            <p class="task-summary">
                {format!("{} · {} · one after another {} · longest {} · {} will fail with this seed",
                    counted(props.scenario.tasks.len(), "task", "tasks"), counted(groups.len(), "row", "rows"), time_label(total), time_label(f64::from(longest)), failing)}
            </p>
            <div class="task-row task-head" aria-hidden="true">
                <span>{"Label"}</span><span>{"×"}</span><span>{"Delay ms"}</span><span>{"Fail %"}</span><span>{"Kind"}</span><span></span>
            </div>
            <ol class="task-rows" aria-label="Tasks">
                { for groups.iter().take(MAX_ROWS).enumerate().map(|(row, group)| html! {
                    <TaskRow key={row} index={row} group={group.clone()} problems={row_problems(row)}
                        is_first={row == 0} is_last={row == last}
                        on_edit={props.on_edit.clone()} />
                }) }
            </ol>
            if groups.len() > MAX_ROWS {
                <p class="note">{format!("{} more rows are not shown. Edit them through the link, or replace them all with the generator below.", groups.len() - MAX_ROWS)}</p>
            }
            <button type="button" onclick={add} disabled={props.scenario.task_count() >= MAX_TASKS}>{"Add a task"}</button>
        </div>
    }
}
