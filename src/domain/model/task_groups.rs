//! Runs of identical unlabelled tasks as one group (`10x500`), so a 10,000-task scenario edits as a few
//! rows and writes as a short URL.

use crate::domain::model::scenario::TaskSpec;

/// `count` consecutive copies of `spec`. Labelled tasks are always a group of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskGroup {
    pub spec: TaskSpec,
    pub count: u32,
    /// Index of the group's first task in the scenario.
    pub first_task: u32,
}

/// Group consecutive identical unlabelled tasks.
pub fn group_tasks(tasks: &[TaskSpec]) -> Vec<TaskGroup> {
    let mut groups: Vec<TaskGroup> = Vec::new();
    for (index, task) in tasks.iter().enumerate() {
        match groups.last_mut() {
            Some(group) if task.label.is_none() && group.spec == *task => group.count += 1,
            _ => groups.push(TaskGroup {
                spec: task.clone(),
                count: 1,
                first_task: index as u32,
            }),
        }
    }
    groups
}

/// The tasks the groups stand for, in order.
pub fn expand_groups(groups: &[TaskGroup]) -> Vec<TaskSpec> {
    groups
        .iter()
        .flat_map(|group| std::iter::repeat_n(group.spec.clone(), group.count as usize))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_unlabelled_runs_fold_and_labelled_tasks_stand_alone() {
        let tasks = vec![
            TaskSpec::io(None, 500),
            TaskSpec::io(None, 500),
            TaskSpec::io(Some("a"), 500),
            TaskSpec::io(Some("a"), 500),
            TaskSpec::io(None, 500),
            TaskSpec::io(None, 20).cpu(),
        ];
        let groups = group_tasks(&tasks);
        let shape: Vec<(u32, u32)> = groups.iter().map(|g| (g.count, g.first_task)).collect();
        assert_eq!(shape, [(2, 0), (1, 2), (1, 3), (1, 4), (1, 5)]);
        assert_eq!(expand_groups(&groups), tasks);
    }

    #[test]
    fn ten_thousand_identical_tasks_are_one_group() {
        let groups = group_tasks(&vec![TaskSpec::io(None, 100); 10_000]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].count, 10_000);
    }
}
