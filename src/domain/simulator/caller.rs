//! The caller's room: what it has heard of its tasks, what it decided on, and when it resumed; and
//! the rules by which hearing of a task lets it go on, and with what. What the caller's steps do
//! across the rooms is in `caller_steps.rs`.

use std::collections::VecDeque;

use super::setting::Setting;
use super::tasks::{Phase, Tasks};
use crate::domain::basics::ascending::ascending;
use crate::domain::model::mode::Mode;
use crate::domain::model::timeline::{Outcome, Received, Resume};
use crate::domain::semantics::behaviour::{FailureReport, Leftovers, ResumeRule};
use crate::domain::semantics::runtime_model::{Cancellation, RuntimeModel};

pub(super) struct Caller {
    /// The awaiting party listens: tasks done before then are heard of, in input order, when it starts.
    pub(super) attached: bool,
    /// When the caller reached its await: it cannot resume before.
    pub(super) free_at: u64,
    pub(super) deliveries: Deliveries,
    tally: Tally,
    pub(super) decided: Option<Received>,
    pub(super) resume: Option<Resume>,
    /// Where the caller's resumption falls among the log's lines.
    pub(super) resume_order: u64,
    /// How many failures the fail-fast listeners have heard of: the first cancels the rest.
    pub(super) failures_seen_by_fail_fast: u32,
    pub(super) after_the_deadline: AfterTheDeadline,
}

/// Completions that reached the caller and that it has not read yet.
#[derive(Default)]
pub(super) struct Deliveries {
    /// Tasks done before the awaiting party listened: it hears of them, in input order, then.
    pub(super) done_before_attach: Vec<u32>,
    /// Completions delivered to the caller's own loop and not yet read by it.
    pub(super) delivered: VecDeque<u32>,
    /// The caller's own loop has been woken and will read `delivered`.
    pub(super) woken: bool,
}

/// What the awaiting party has taken in so far.
struct Tally {
    noticed: u32,
    /// Failed tasks in the order the awaiting party heard of them.
    failures: Vec<u32>,
    /// Results handed over in input order (a fail-fast join past the model's threshold): how many.
    delivered_prefix: u32,
    in_input_order: bool,
}

/// What the caller's deadline left to do.
#[derive(Default)]
pub(super) struct AfterTheDeadline {
    /// The deadline cancelled the tasks still running, and the next completion heard decides
    /// (see [`Semantics::deadline_waits_for_the_next_completion`](crate::domain::semantics::behaviour::Semantics)).
    pub(super) open: bool,
    /// The deadline passed, and the caller cancels the tasks itself when it next runs.
    pub(super) cancel_at_callers_step: bool,
}

impl Caller {
    pub(super) fn new(mode: Mode, model: &RuntimeModel, count: u32) -> Self {
        Caller {
            attached: false,
            free_at: 0,
            deliveries: Deliveries::default(),
            tally: Tally {
                noticed: 0,
                failures: Vec::new(),
                delivered_prefix: 0,
                in_input_order: hands_over_in_input_order(mode, model, count),
            },
            decided: None,
            resume: None,
            resume_order: u64::MAX,
            failures_seen_by_fail_fast: 0,
            after_the_deadline: AfterTheDeadline::default(),
        }
    }

    /// Whether a failure reaches the caller through a listener attached to each task from its
    /// creation (a wrapper, a done callback), which cancels the rest; dropping futures instead
    /// happens when the caller resumes.
    pub(super) fn fails_fast(&self, setting: &Setting) -> bool {
        setting.scenario.mode == Mode::TryJoinAll
            && !self.tally.in_input_order
            && setting.model.cancellation != Cancellation::Drop
    }

    /// The awaiting party takes in that `task` ended: says whether it failed (a cancelled task did
    /// not).
    pub(super) fn takes_in(&mut self, task: u32, tasks: &Tasks, setting: &Setting) -> bool {
        let failed = !tasks[task].cancelled && setting.fails(task);
        self.tally.noticed += 1;
        if failed {
            self.tally.failures.push(task);
        }
        failed
    }

    /// What the caller receives now that it has heard of `task`, which `failed` or not (not one
    /// after another), if that lets it go on.
    pub(super) fn decision(
        &mut self,
        task: u32,
        failed: bool,
        tasks: &Tasks,
        setting: &Setting,
    ) -> Option<Received> {
        let cancelled = tasks[task].cancelled;
        if self.after_the_deadline.open {
            let all_heard = self.tally.noticed == setting.task_count();
            return if failed {
                Some(Received::Error { task })
            } else if cancelled || all_heard {
                Some(Received::TimedOut)
            } else {
                None
            };
        }
        if self.tally.in_input_order {
            self.decide_in_input_order(tasks, setting)
        } else {
            self.decide(task, failed, !cancelled && !failed, setting)
        }
    }

    /// Whether hearing of `task` lets the caller resume, and with what.
    fn decide(
        &self,
        task: u32,
        failed: bool,
        succeeded: bool,
        setting: &Setting,
    ) -> Option<Received> {
        let all_heard = self.tally.noticed == setting.task_count();
        match setting.rules.resume {
            ResumeRule::AllSettled if all_heard => Some(self.all_settled_result(setting)),
            ResumeRule::AllSettled => None,
            ResumeRule::FirstFailure if failed => Some(Received::Error { task }),
            ResumeRule::FirstFailure if all_heard => Some(Received::AllOk),
            ResumeRule::FirstFailure => None,
            ResumeRule::FirstSettled => Some(Received::First { task, failed }),
            ResumeRule::FirstSuccess if succeeded => Some(Received::FirstSuccess { task }),
            ResumeRule::FirstSuccess if all_heard => Some(Received::AllFailed {
                tasks: self.tally.failures.clone(),
            }),
            ResumeRule::FirstSuccess | ResumeRule::AtOnce => None,
        }
    }

    /// `FuturesOrdered`: results are handed over while the next one in input order is done; the first
    /// failure handed over ends the wait.
    fn decide_in_input_order(&mut self, tasks: &Tasks, setting: &Setting) -> Option<Received> {
        let count = setting.task_count();
        while self.tally.delivered_prefix < count
            && tasks[self.tally.delivered_prefix].phase == Phase::Done
        {
            let next = self.tally.delivered_prefix;
            self.tally.delivered_prefix += 1;
            if setting.fails(next) && !tasks[next].cancelled {
                return Some(Received::Error { task: next });
            }
        }
        (self.tally.delivered_prefix == count).then_some(Received::AllOk)
    }

    fn all_settled_result(&self, setting: &Setting) -> Received {
        let failures = &self.tally.failures;
        if failures.is_empty() {
            return Received::AllOk;
        }
        let in_task_order = ascending(failures.iter().copied());
        match setting.rules.failure {
            FailureReport::AggregateException => Received::AggregateException {
                first: in_task_order[0],
                all: in_task_order,
            },
            FailureReport::ExceptionGroup => Received::ExceptionGroup {
                tasks: failures.clone(),
            },
            FailureReport::FirstError => Received::Error {
                task: in_task_order[0],
            },
            _ => Received::Results {
                failed: in_task_order,
            },
        }
    }

    /// What the caller's code holds once it resumes with `received`.
    pub(super) fn takes(received: Received, tasks: &Tasks, setting: &Setting) -> Received {
        match (received, setting.rules.failure) {
            // A group raises every failure it heard of before its tasks were all done, in place of
            // the cancellation the deadline sent it: they are those that ended, in the order they did.
            (Received::TimedOut, FailureReport::ExceptionGroup)
                if !tasks.ended_failed.is_empty() =>
            {
                Received::ExceptionGroup {
                    tasks: tasks.ended_failed.clone(),
                }
            }
            // asyncio.wait hands back the done set; the caller takes its first task in input order.
            (Received::First { .. }, FailureReport::DoneSet) => {
                let task = tasks.first_done().unwrap_or(0);
                Received::First {
                    task,
                    failed: !tasks[task].cancelled && setting.fails(task),
                }
            }
            (received, _) => received,
        }
    }

    /// What a task that ended after the caller resumed is: abandoned where the caller moved on;
    /// hung where the watchdog found the caller still blocked, since nobody moved on; its own
    /// outcome where the caller detached its tasks.
    pub(super) fn unobserved_end(&self, leftovers: Leftovers) -> Option<Outcome> {
        match &self.resume {
            Some(resume) if resume.received == Received::NeverResumed => Some(Outcome::Hung),
            _ if leftovers == Leftovers::Detached => None,
            _ => Some(Outcome::Abandoned),
        }
    }

    /// The caller's resumption, or, if it never resumed, the end of the run at `now`.
    pub(super) fn resume_or_now(&self, now: u64) -> Resume {
        self.resume.clone().unwrap_or(Resume {
            at_ms: now as f64,
            received: Received::AllOk,
        })
    }
}

/// Whether `count` futures are past the model's threshold, where its joins keep them in a pool
/// (`FuturesOrdered`) instead of a fixed list.
fn past_the_join_threshold(model: &RuntimeModel, count: u32) -> bool {
    model
        .in_input_order_above
        .is_some_and(|threshold| count > threshold)
}

/// A fail-fast join over more futures than the model's threshold hands results over in input order.
fn hands_over_in_input_order(mode: Mode, model: &RuntimeModel, count: u32) -> bool {
    mode == Mode::TryJoinAll && past_the_join_threshold(model, count)
}

/// Whether the combinator polls a fixed list of futures, in input order, rather than a pool.
pub(super) fn polls_a_fixed_list(mode: Mode, model: &RuntimeModel, count: u32) -> bool {
    let pooled_join = matches!(mode, Mode::JoinAll | Mode::AllSettled | Mode::TryJoinAll)
        && past_the_join_threshold(model, count);
    !matches!(mode, Mode::Buffered | Mode::FireAndForget) && !pooled_join
}
