//! The caller's side of the await: it attaches to the tasks, hears of each as it ends, decides
//! when it may go on and with what, and resumes.

use std::collections::VecDeque;

use super::engine::Engine;
use super::step::Step;
use super::task_lifecycle::Phase;
use crate::domain::basics::ascending::ascending;
use crate::domain::model::mode::Mode;
use crate::domain::model::timeline::{Received, Resume};
use crate::domain::semantics::behaviour::{FailureReport, Leftovers, ResumeRule};
use crate::domain::semantics::runtime_model::{Cancellation, RuntimeModel};

pub(super) struct Caller {
    /// The awaiting party listens: tasks done before then are heard of, in input order, when it starts.
    pub(super) attached: bool,
    done_before_attach: Vec<u32>,
    /// When the caller reached its await: it cannot resume before.
    free_at: u64,
    noticed: u32,
    /// Failed tasks in the order the awaiting party heard of them.
    failures: Vec<u32>,
    /// Results handed over in input order (a fail-fast join past the model's threshold): how many.
    delivered_prefix: u32,
    in_input_order: bool,
    /// Completions delivered to the caller's own loop and not yet read by it.
    delivered: VecDeque<u32>,
    /// The caller's own loop has been woken and will read `delivered`.
    pub(super) woken: bool,
    pub(super) decided: Option<Received>,
    pub(super) resume: Option<Resume>,
    /// Where the caller's resumption falls among the log's lines.
    pub(super) resume_order: u64,
    /// How many failures the fail-fast listeners have heard of: the first cancels the rest.
    pub(super) failures_seen_by_fail_fast: u32,
    /// The deadline cancelled the tasks still running, and the next completion heard decides
    /// (see [`Semantics::deadline_waits_for_the_next_completion`](crate::domain::semantics::behaviour::Semantics)).
    pub(super) open_after_the_deadline: bool,
    /// The deadline passed, and the caller cancels the tasks itself when it next runs.
    pub(super) cancel_at_callers_step: bool,
}

impl Caller {
    pub(super) fn new(mode: Mode, model: &RuntimeModel, count: u32) -> Self {
        Caller {
            attached: false,
            done_before_attach: Vec::new(),
            free_at: 0,
            noticed: 0,
            failures: Vec::new(),
            delivered_prefix: 0,
            in_input_order: hands_over_in_input_order(mode, model, count),
            delivered: VecDeque::new(),
            woken: false,
            decided: None,
            resume: None,
            resume_order: u64::MAX,
            failures_seen_by_fail_fast: 0,
            open_after_the_deadline: false,
            cancel_at_callers_step: false,
        }
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

impl Engine<'_> {
    /// The awaiting party starts listening; it hears at once of the tasks already done, in input order.
    pub(super) fn attach(&mut self) {
        self.caller.free_at = self.clock.now;
        if self.rules.resume == ResumeRule::AtOnce {
            // Fire and forget: the caller goes on at once; a script's end follows as the runtime
            // hands the caller's end on.
            self.caller.decided = Some(Received::Started);
            self.resume_caller();
            if self.scenario.program_exits {
                self.hop(self.model.done_reaches_waiter, Step::MainReturns);
            }
            return;
        }
        if self.caller.attached || self.caller_reaches_its_blocking_call() {
            return;
        }
        self.caller.attached = true;
        if std::mem::take(&mut self.thread.deadline_passed_while_creating) {
            // The deadline is the first task the caller's `WhenAny` is handed, so it wins over
            // tasks that finished meanwhile.
            self.deadline_passes();
        }
        let done = ascending(std::mem::take(&mut self.caller.done_before_attach));
        for task in done {
            self.hop(self.model.done_reaches_waiter, Step::Notice(task));
        }
    }

    /// The task ended: whoever listens to it is told.
    pub(super) fn task_done(&mut self, task: u32) {
        // Fail fast listens to each task from its creation (a wrapper, a done callback); dropping
        // futures instead happens when the caller resumes.
        let fails_fast = self.scenario.mode == Mode::TryJoinAll
            && !self.caller.in_input_order
            && self.model.cancellation != Cancellation::Drop;
        if fails_fast && !self.tasks[task].cancelled && self.fails(task) {
            self.hop(self.model.done_reaches_waiter, Step::FailFast);
        }
        if self.caller.attached {
            self.hop(self.model.done_reaches_waiter, Step::Notice(task));
        } else {
            self.caller.done_before_attach.push(task);
        }
    }

    /// Whoever awaits `task` hears that it is done, and may decide that the caller resumes.
    pub(super) fn notice(&mut self, task: u32) {
        if self.caller.decided.is_some() {
            self.abandoned_loop_goes_on(task);
            return;
        }
        if self.rules.callers_own_loop {
            // The completion waits for the caller; one wake-up reads every completion delivered
            // before the caller runs.
            self.caller.delivered.push_back(task);
            if !self.caller.woken {
                self.caller.woken = true;
                self.hop(self.model.done_reaches_waiter, Step::CallerWakes);
            }
            return;
        }
        if let Some(received) = self.hear(task) {
            self.caller.decided = Some(received);
            self.hop(self.model.done_reaches_waiter, Step::ResumeCaller);
        }
    }

    /// After a deadline, cooperative cancellation abandons the caller's one-by-one loop rather than
    /// stopping it: a task that ends by itself, ok, lets the loop create the next, which meets the
    /// cancelled token at its first wait (or, blocking, runs). A cancelled or failed one ends it.
    fn abandoned_loop_goes_on(&mut self, task: u32) {
        let cooperative_after_deadline = self.model.cancellation == Cancellation::Cooperative
            && self.caller.decided == Some(Received::TimedOut);
        let ended_ok = !self.tasks[task].cancelled && !self.fails(task);
        let next = task + 1;
        if self.scenario.mode == Mode::Sequential
            && cooperative_after_deadline
            && ended_ok
            && next < self.task_count()
        {
            self.execute(Step::Begin(next));
        }
    }

    /// The caller's own loop runs: it reads the completions delivered so far, in order, and resumes
    /// at once if one of them decides; else it waits for the next delivery.
    pub(super) fn caller_wakes(&mut self) {
        self.caller.woken = false;
        if self.caller.decided.is_some() {
            // The deadline passed while the caller was being woken: this step is where it gives up.
            self.resume_caller();
            return;
        }
        while let Some(task) = self.caller.delivered.pop_front() {
            if let Some(received) = self.hear(task) {
                self.caller.decided = Some(received);
                self.caller.delivered.clear();
                self.resume_caller();
                return;
            }
        }
    }

    /// The awaiting party takes in that `task` is done: what it received, if that lets the caller go on.
    fn hear(&mut self, task: u32) -> Option<Received> {
        self.caller.noticed += 1;
        let state = self.tasks[task];
        let failed = !state.cancelled && self.fails(task);
        let succeeded = !state.cancelled && !failed;
        if failed {
            self.caller.failures.push(task);
        }
        if self.scenario.mode == Mode::Sequential {
            self.sequential_goes_on(task, failed);
            return None;
        }
        if self.caller.open_after_the_deadline {
            let all_heard = self.caller.noticed == self.task_count();
            return if failed {
                Some(Received::Error { task })
            } else if state.cancelled || all_heard {
                Some(Received::TimedOut)
            } else {
                None
            };
        }
        if self.caller.in_input_order {
            self.decide_in_input_order()
        } else {
            self.decide(task, failed, succeeded)
        }
    }

    /// One after another: the caller's loop ends at a failure, or starts the next task.
    fn sequential_goes_on(&mut self, task: u32, failed: bool) {
        let next = task + 1;
        let received = if failed {
            Some(Received::Error { task })
        } else if next == self.task_count() {
            Some(Received::AllOk)
        } else {
            self.execute(Step::Begin(next));
            None
        };
        if let Some(received) = received {
            self.tasks.starting_stopped = true;
            if self.loop_hands_back_the_callers_thread() {
                return;
            }
            self.caller.decided = Some(received);
            self.resume_caller();
        }
    }

    /// Whether hearing of `task` lets the caller resume, and with what.
    fn decide(&mut self, task: u32, failed: bool, succeeded: bool) -> Option<Received> {
        let all_heard = self.caller.noticed == self.task_count();
        match self.rules.resume {
            ResumeRule::AllSettled if all_heard => Some(self.all_settled_result()),
            ResumeRule::AllSettled => None,
            ResumeRule::FirstFailure if failed => Some(Received::Error { task }),
            ResumeRule::FirstFailure if all_heard => Some(Received::AllOk),
            ResumeRule::FirstFailure => None,
            ResumeRule::FirstSettled => Some(Received::First { task, failed }),
            ResumeRule::FirstSuccess if succeeded => Some(Received::FirstSuccess { task }),
            ResumeRule::FirstSuccess if all_heard => Some(Received::AllFailed {
                tasks: self.caller.failures.clone(),
            }),
            ResumeRule::FirstSuccess | ResumeRule::AtOnce => None,
        }
    }

    /// `FuturesOrdered`: results are handed over while the next one in input order is done; the first
    /// failure handed over ends the wait.
    fn decide_in_input_order(&mut self) -> Option<Received> {
        while self.caller.delivered_prefix < self.task_count()
            && self.tasks[self.caller.delivered_prefix].phase == Phase::Done
        {
            let next = self.caller.delivered_prefix;
            self.caller.delivered_prefix += 1;
            if self.fails(next) && !self.tasks[next].cancelled {
                return Some(Received::Error { task: next });
            }
        }
        (self.caller.delivered_prefix == self.task_count()).then_some(Received::AllOk)
    }

    fn all_settled_result(&self) -> Received {
        if self.caller.failures.is_empty() {
            return Received::AllOk;
        }
        let in_task_order = ascending(self.caller.failures.iter().copied());
        match self.rules.failure {
            FailureReport::AggregateException => Received::AggregateException {
                first: in_task_order[0],
                all: in_task_order,
            },
            FailureReport::ExceptionGroup => Received::ExceptionGroup {
                tasks: self.caller.failures.clone(),
            },
            FailureReport::FirstError => Received::Error {
                task: in_task_order[0],
            },
            _ => Received::Results {
                failed: in_task_order,
            },
        }
    }

    /// The caller goes on with what it decided on, once: the tasks left over meet the idiom's fate.
    pub(super) fn resume_caller(&mut self) {
        let Some(received) = self.caller.decided.clone() else {
            return;
        };
        if std::mem::take(&mut self.caller.cancel_at_callers_step) {
            self.cancel_the_rest();
        }
        if self.caller.resume.is_some() {
            return;
        }
        let received = self.as_the_caller_takes_it(received);
        let at = self.clock.now.max(self.caller.free_at);
        self.caller.resume = Some(Resume {
            at_ms: at as f64,
            received,
        });
        self.caller.resume_order = self.next_log_order();
        self.callers_thread_is_free();
        // At a deadline the language's own cancellation has already run.
        // A caller that never resumed drops nothing: the program ends under its tasks.
        let timed_out_or_never = matches!(
            self.caller.decided,
            Some(Received::TimedOut | Received::NeverResumed)
        );
        if self.rules.leftovers == Leftovers::Cancelled && !timed_out_or_never {
            self.tasks.starting_stopped = true;
            if self.model.cancellation == Cancellation::Drop {
                for task in 0..self.task_count() {
                    if matches!(self.tasks[task].phase, Phase::Waiting | Phase::Woken) {
                        self.drop_task(task);
                    }
                }
            }
        }
    }

    /// What the caller's code holds once it resumes with `received`.
    fn as_the_caller_takes_it(&self, received: Received) -> Received {
        match (received, self.rules.failure) {
            // A group raises every failure it heard of before its tasks were all done, in place of
            // the cancellation the deadline sent it: they are those that ended, in the order they did.
            (Received::TimedOut, FailureReport::ExceptionGroup)
                if !self.tasks.ended_failed.is_empty() =>
            {
                Received::ExceptionGroup {
                    tasks: self.tasks.ended_failed.clone(),
                }
            }
            // asyncio.wait hands back the done set; the caller takes its first task in input order.
            (Received::First { .. }, FailureReport::DoneSet) => {
                let task = self.tasks.first_done().unwrap_or(0);
                Received::First {
                    task,
                    failed: !self.tasks[task].cancelled && self.fails(task),
                }
            }
            (received, _) => received,
        }
    }

    /// The caller's resumption, or, if it never resumed, the end of the run.
    pub(super) fn resume_or_now(&self) -> Resume {
        self.caller.resume.clone().unwrap_or(Resume {
            at_ms: self.clock.now as f64,
            received: Received::AllOk,
        })
    }
}
