//! The scenario a user builds: tasks, the await mode, the concurrency limit and the seed.

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::caller_setup::CallerSetup;
use crate::domain::model::mode::Mode;
use crate::domain::model::problem::{Field, Problem, TaskPart};

/// At most this many tasks, so the page and its URL stay usable.
pub const MAX_TASKS: u32 = 10_000;
/// The longest delay a task may have: ten minutes.
pub const MAX_DELAY_MS: u32 = 600_000;
/// The longest deadline a caller may set: as long as the longest delay.
pub const MAX_TIMEOUT_MS: u32 = MAX_DELAY_MS;
/// At most this many retries per task (`retries=N`).
pub const MAX_RETRIES: u8 = 10;
/// The first wait before a retry when a link sets retries but no backoff.
pub const DEFAULT_BACKOFF_MS: u32 = 100;
/// Labels longer than this are cut short in the UI and rejected by validation.
pub const MAX_LABEL_CHARS: usize = 40;

/// What a task spends its time on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TaskKind {
    /// Awaits a timer: the thread is free meanwhile.
    #[default]
    Io,
    /// Holds the thread for its whole duration, as blocking work does.
    Cpu,
}

impl NamedChoice for TaskKind {
    const PARAMETER: &'static str = "kind";
    const ALL: &'static [TaskKind] = &[TaskKind::Io, TaskKind::Cpu];

    fn url_name(self) -> &'static str {
        match self {
            TaskKind::Io => "io",
            TaskKind::Cpu => "cpu",
        }
    }
}

impl TaskKind {
    /// The name the editor shows.
    pub fn display_name(self) -> &'static str {
        match self {
            TaskKind::Io => "I/O",
            TaskKind::Cpu => "CPU",
        }
    }
}

/// How long a task takes: a fixed number of milliseconds, or a range drawn from the seed per task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Delay {
    Fixed(u32),
    /// Inclusive bounds; the draw for each task depends only on (seed, task index).
    Range {
        min: u32,
        max: u32,
    },
}

/// One task: its label, duration, chance of failing and kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TaskSpec {
    /// `None` for tasks made in bulk (`10x500`); they show as `task 3` and the like.
    pub label: Option<String>,
    pub delay: Delay,
    /// 0 to 100.
    pub fail_percent: u8,
    pub kind: TaskKind,
}

impl TaskSpec {
    /// An I/O task that always succeeds.
    pub fn io(label: Option<&str>, delay_ms: u32) -> Self {
        TaskSpec {
            label: label.map(str::to_owned),
            delay: Delay::Fixed(delay_ms),
            fail_percent: 0,
            kind: TaskKind::Io,
        }
    }

    pub fn lasting(mut self, delay: Delay) -> Self {
        self.delay = delay;
        self
    }

    pub fn failing(mut self, fail_percent: u8) -> Self {
        self.fail_percent = fail_percent;
        self
    }

    pub fn cpu(mut self) -> Self {
        self.kind = TaskKind::Cpu;
        self
    }

    /// What the UI, snippets and exports call the task at `index` (0-based).
    pub fn display_label(&self, index: u32) -> String {
        match &self.label {
            Some(label) => label.clone(),
            None => default_label(index),
        }
    }
}

/// The name of an unlabelled task at `index` (0-based): `task1`, `task2`, ...
pub fn default_label(index: u32) -> String {
    format!("task{}", index + 1)
}

/// Everything that decides a run: the tasks, how they are awaited, and the seed of every random draw.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scenario {
    pub tasks: Vec<TaskSpec>,
    pub mode: Mode,
    /// K for [`Mode::Buffered`]; kept (but unused) for other modes so switching back restores it.
    pub limit: u32,
    pub seed: u64,
    /// The caller stops waiting this many ms after it starts (`timeout=MS`), and what it was waiting
    /// for is cancelled as far as the language allows. `None`: it waits as long as the mode says.
    pub timeout_ms: Option<u32>,
    /// How each task tries again after a failed attempt.
    pub retry: RetryPolicy,
    /// With [`Mode::FireAndForget`], the program ends as soon as the caller moves on (`exit=1`, a
    /// script); otherwise the caller lives on (a server, a UI). Kept, unused, in other modes.
    pub program_exits: bool,
    /// How the caller waits (awaiting, or blocking its thread) and where its thread runs.
    pub caller: CallerSetup,
}

/// How many tasks a [`Scenario::rehearsal`] keeps: enough for each mode's paths (a pool that fills
/// and drains, a failure among successes), few enough to end within a frame or two.
const REHEARSED_TASKS: usize = 8;

/// A failed attempt is tried again up to `retries` times (`retries=N`), waiting
/// `backoff_ms · 2^(k−1)` before retry k (`backoff=MS`). Every task follows the same policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    pub retries: u8,
    pub backoff_ms: u32,
}

impl Default for RetryPolicy {
    /// One attempt per task.
    fn default() -> Self {
        RetryPolicy {
            retries: 0,
            backoff_ms: DEFAULT_BACKOFF_MS,
        }
    }
}

impl RetryPolicy {
    /// The wait before retry `k` (1-based), saturating rather than wrapping for unvalidated input.
    pub fn wait_before_retry_ms(self, k: u8) -> u32 {
        let doubling = 1u32
            .checked_shl(u32::from(k.saturating_sub(1)))
            .unwrap_or(u32::MAX);
        self.backoff_ms.saturating_mul(doubling)
    }

    /// Why this policy cannot be run, if it cannot: too many retries, or a last wait past
    /// [`MAX_DELAY_MS`].
    pub fn problem(self) -> Option<String> {
        if self.retries > MAX_RETRIES {
            return Some(format!(
                "retries {} is over the maximum of {MAX_RETRIES}",
                self.retries
            ));
        }
        let longest = self.wait_before_retry_ms(self.retries);
        (self.retries > 0 && longest > MAX_DELAY_MS).then(|| {
            format!(
                "backoff {} ms doubles to {longest} ms before retry {}, over the maximum of \
                 {MAX_DELAY_MS} ms",
                self.backoff_ms, self.retries
            )
        })
    }
}

impl Default for Scenario {
    /// The canonical case: ten calls of 500 ms awaited with `join_all`.
    fn default() -> Self {
        Scenario {
            tasks: vec![TaskSpec::io(None, 500); 10],
            mode: Mode::JoinAll,
            limit: 3,
            seed: 1,
            timeout_ms: None,
            retry: RetryPolicy::default(),
            program_exits: false,
            caller: CallerSetup::default(),
        }
    }
}

impl Scenario {
    /// What the UI, snippets and exports call task `index`, even one past the end (a timeline that
    /// outlived an edit of its scenario).
    pub fn label_of(&self, index: u32) -> String {
        self.tasks
            .get(index as usize)
            .map_or_else(|| default_label(index), |task| task.display_label(index))
    }

    pub fn task_count(&self) -> u32 {
        // Bounded by MAX_TASKS after validation; saturate rather than wrap for unvalidated input.
        u32::try_from(self.tasks.len()).unwrap_or(u32::MAX)
    }

    /// The caller's deadline: `timeout_ms`, unless the caller waits for nothing (fire and forget).
    pub fn deadline_ms(&self) -> Option<u32> {
        self.timeout_ms.filter(|_| self.mode.caller_waits())
    }

    /// The scenario at once: its first few tasks, each lasting 0 ms and waiting 0 ms before a retry,
    /// which take the code paths the whole scenario takes (its mode, its failures and retries, its
    /// deadline) without taking time. A page rehearses a run with it, unseen, so that the browser has
    /// compiled that code before the first real run needs it.
    pub fn rehearsal(&self) -> Scenario {
        let tasks = self
            .tasks
            .iter()
            .take(REHEARSED_TASKS)
            .map(|task| TaskSpec {
                delay: Delay::Fixed(0),
                ..task.clone()
            });
        Scenario {
            tasks: tasks.collect(),
            retry: RetryPolicy {
                backoff_ms: 0,
                ..self.retry
            },
            ..self.clone()
        }
    }

    /// How many tasks may run at once under this scenario's mode.
    pub fn concurrency(&self) -> u32 {
        match self.mode {
            Mode::Sequential => 1,
            // A pool larger than the work is legal in every language: all the tasks start at once.
            Mode::Buffered => self.limit.max(1),
            _ => self.task_count(),
        }
    }

    /// Every problem with this scenario, each naming the field it concerns. Empty means valid.
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let count = self.tasks.len();
        if count == 0 {
            problems.push(Problem::new(Field::Tasks, "add at least one task"));
        } else if count > MAX_TASKS as usize {
            problems.push(Problem::new(
                Field::Tasks,
                format!("{count} tasks is more than the limit of {MAX_TASKS}"),
            ));
        }
        for (index, task) in self.tasks.iter().enumerate().take(MAX_TASKS as usize) {
            let index = index as u32;
            problems.extend(
                validate_task(task)
                    .into_iter()
                    .map(|(part, message)| Problem::new(Field::Task { index, part }, message)),
            );
        }
        if self.mode == Mode::Buffered && !(1..=MAX_TASKS).contains(&self.limit) {
            problems.push(Problem::new(
                Field::Limit,
                format!("limit {} must be between 1 and {MAX_TASKS}", self.limit),
            ));
        }
        if let Some(problem) = self.timeout_ms.and_then(timeout_problem) {
            problems.push(Problem::new(Field::Timeout, problem));
        }
        if let Some(problem) = self.retry.problem() {
            problems.push(Problem::new(Field::Retries, problem));
        }
        problems
    }
}

/// Why a caller cannot stop waiting after `ms`, if it cannot.
pub fn timeout_problem(ms: u32) -> Option<String> {
    match ms {
        0 => Some(
            "timeout 0 ms would stop waiting before anything starts; it must be at least 1 ms"
                .to_owned(),
        ),
        ms if ms > MAX_TIMEOUT_MS => Some(format!(
            "timeout {ms} ms is over the maximum of {MAX_TIMEOUT_MS} ms"
        )),
        _ => None,
    }
}

/// Problems with one task, as (part, message) pairs.
pub fn validate_task(task: &TaskSpec) -> Vec<(TaskPart, String)> {
    let mut problems = Vec::new();
    if let Some(label) = &task.label {
        if let Some(message) = label_problem(label) {
            problems.push((TaskPart::Label, message));
        }
    }
    match task.delay {
        Delay::Fixed(ms) if ms > MAX_DELAY_MS => problems.push((
            TaskPart::Delay,
            format!("delay {ms} ms is over the maximum of {MAX_DELAY_MS} ms"),
        )),
        Delay::Range { min, max } if min > max => problems.push((
            TaskPart::Delay,
            format!("delay range {min}-{max} ms runs backwards: the minimum is above the maximum"),
        )),
        Delay::Range { max, .. } if max > MAX_DELAY_MS => problems.push((
            TaskPart::Delay,
            format!("delay {max} ms is over the maximum of {MAX_DELAY_MS} ms"),
        )),
        _ => {}
    }
    if task.fail_percent > 100 {
        problems.push((
            TaskPart::FailPercent,
            format!("failure rate {}% is over 100%", task.fail_percent),
        ));
    }
    problems
}

/// Why `label` cannot be a task label, if it cannot. Labels start with a letter so that the URL
/// grammar can tell `fetch:500` (a label) from `500` (a delay).
pub fn label_problem(label: &str) -> Option<String> {
    let mut chars = label.chars();
    match chars.next() {
        None => Some("the label is empty".to_owned()),
        Some(first) if !first.is_alphabetic() => {
            Some(format!("label \"{label}\" must start with a letter"))
        }
        _ if label.chars().count() > MAX_LABEL_CHARS => Some(format!(
            "label \"{label}\" is longer than {MAX_LABEL_CHARS} characters"
        )),
        _ if label.trim_end() != label => Some(format!("label \"{label}\" ends with a space")),
        // Not quoted: the label's own line break or tab would garble the message.
        _ if label.chars().any(char::is_control) => {
            Some("the label contains a control character, such as a tab or a line break".to_owned())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_ten_calls_of_500_ms_with_join_all() {
        let scenario = Scenario::default();
        assert_eq!(scenario.tasks.len(), 10);
        assert!(scenario
            .tasks
            .iter()
            .all(|t| t.delay == Delay::Fixed(500) && t.fail_percent == 0));
        assert_eq!(scenario.mode, Mode::JoinAll);
        assert!(scenario.validate().is_empty());
    }

    #[test]
    fn a_rehearsal_keeps_the_paths_and_drops_the_time() {
        let scenario = Scenario {
            tasks: (0..20)
                .map(|_| {
                    TaskSpec::io(Some("call"), 700).lasting(Delay::Range { min: 100, max: 900 })
                })
                .collect(),
            mode: Mode::Buffered,
            timeout_ms: Some(800),
            retry: RetryPolicy {
                retries: 2,
                backoff_ms: 250,
            },
            ..Scenario::default()
        };
        let rehearsal = scenario.rehearsal();
        assert_eq!(rehearsal.tasks.len(), REHEARSED_TASKS);
        assert!(rehearsal
            .tasks
            .iter()
            .all(|task| task.delay == Delay::Fixed(0) && task.label.as_deref() == Some("call")));
        assert_eq!(
            rehearsal.retry,
            RetryPolicy {
                retries: 2,
                backoff_ms: 0
            }
        );
        assert_eq!(
            (
                rehearsal.mode,
                rehearsal.limit,
                rehearsal.timeout_ms,
                rehearsal.seed
            ),
            (
                scenario.mode,
                scenario.limit,
                scenario.timeout_ms,
                scenario.seed
            )
        );
        assert!(
            rehearsal.validate().is_empty(),
            "{:?}",
            rehearsal.validate()
        );
    }

    #[test]
    fn validation_reports_every_problem_not_just_the_first() {
        let scenario = Scenario {
            tasks: vec![
                TaskSpec::io(Some("9lives"), 700_000),
                TaskSpec::io(Some("ok"), 10).failing(101),
            ],
            mode: Mode::Buffered,
            limit: 0,
            seed: 0,
            timeout_ms: None,
            retry: RetryPolicy::default(),
            program_exits: false,
            caller: Default::default(),
        };
        let problems = scenario.validate();
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 4, "{messages:#?}");
        assert!(messages
            .iter()
            .any(|m| m.contains("must start with a letter")));
        assert!(messages
            .iter()
            .any(|m| m.contains("700000 ms is over the maximum")));
        assert!(messages.iter().any(|m| m.contains("101% is over 100%")));
        assert!(messages
            .iter()
            .any(|m| m.contains("limit 0 must be between 1 and 10000")));
    }

    #[test]
    fn empty_and_oversized_task_lists_are_rejected() {
        let empty = Scenario {
            tasks: vec![],
            ..Scenario::default()
        };
        assert_eq!(empty.validate()[0].field, Field::Tasks);
        let huge = Scenario {
            tasks: vec![TaskSpec::io(None, 1); MAX_TASKS as usize + 1],
            ..Scenario::default()
        };
        assert!(huge.validate()[0]
            .to_string()
            .contains("more than the limit of 10000"));
    }

    #[test]
    fn backwards_range_is_named() {
        let task = TaskSpec {
            delay: Delay::Range { min: 50, max: 10 },
            ..TaskSpec::io(None, 0)
        };
        assert!(validate_task(&task)[0].1.contains("runs backwards"));
    }

    #[test]
    fn labels_may_hold_markup_quotes_and_emoji_after_a_letter() {
        assert_eq!(label_problem("a<b>\"q\"🚀"), None);
        assert!(label_problem("🚀launch").is_some());
        assert!(label_problem("").is_some());
        assert!(label_problem("tab\there").is_some());
        assert!(
            label_problem("trailing ").is_some(),
            "URLs trim items, so the space would be lost"
        );
    }

    #[test]
    fn concurrency_follows_the_mode() {
        let mut scenario = Scenario::default();
        assert_eq!(scenario.concurrency(), 10);
        scenario.mode = Mode::Sequential;
        assert_eq!(scenario.concurrency(), 1);
        scenario.mode = Mode::Buffered;
        assert_eq!(scenario.concurrency(), 3);
    }

    /// Family 4 of the truth issue: node, python3, Mono and tokio all run a pool larger than the work.
    #[test]
    fn a_limit_above_the_number_of_tasks_is_valid_and_means_all_at_once() {
        let scenario = Scenario {
            mode: Mode::Buffered,
            limit: 25,
            ..Scenario::default()
        };
        assert!(scenario.validate().is_empty());
        assert_eq!(scenario.concurrency(), 25);
        let too_big = Scenario {
            limit: MAX_TASKS + 1,
            ..scenario
        };
        assert!(too_big.validate()[0]
            .to_string()
            .contains("must be between 1 and 10000"));
    }
}
