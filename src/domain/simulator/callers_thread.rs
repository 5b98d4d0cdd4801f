//! The caller's code up to its await, and on a thread pool the caller's own thread: it creates the
//! tasks one after another, blocking work at a task's start holds it there, and a deadline that
//! passes meanwhile acts only once the caller awaits.

use std::collections::VecDeque;

use super::engine::Engine;
use super::step::Step;
use super::task_lifecycle::Phase;
use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::mode::Mode;
use crate::domain::semantics::runtime_model::Threads;

#[derive(Default)]
pub(super) struct CallersThread {
    /// The task the caller's thread is blocked in while creating tasks.
    blocked_in: Option<u32>,
    /// The next task the caller's thread will create.
    next_to_create: u32,
    /// The caller's deadline passed before it began to await.
    pub(super) deadline_passed_while_creating: bool,
    /// One after another: the caller's own thread runs the loop (a hot task runs synchronously
    /// until its first await) until a task truly waits; only then does the caller reach the
    /// `Task.WhenAny` that watches its deadline.
    pub(super) runs_the_loop: bool,
    /// What the caller's blocking call does to the run, if the caller blocks.
    pub(super) blocking: BlockedCall,
    /// Continuations posted to the caller's thread while its blocking call holds it, in the order
    /// they were posted; `None` once nothing is held (or never was).
    pub(super) held: Option<VecDeque<Step>>,
    /// Timers the blocked call has seen end, against the runtime's cooperative budget.
    pub(super) budget_spent: u32,
}

impl Engine<'_> {
    /// The caller's code up to its await: it sets its deadline, if it has one (every program does so
    /// before it creates the tasks), then creates the tasks (or, one after another, the first).
    pub(super) fn caller_starts(&mut self) {
        if let Some(timeout) = self.scenario.deadline_ms() {
            let timer = self.model.timer_ms(u64::from(timeout));
            self.clock.set_timer(timer, Step::DeadlineFired);
        }
        if self.scenario.mode == Mode::Sequential {
            self.caller.attached = true;
            self.thread.runs_the_loop = self.model.threads == Threads::Pool;
            self.execute(Step::Begin(0));
            self.caller_reaches_its_blocking_call();
            return;
        }
        self.caller.attached = self.model.combinator_starts_tasks;
        match self.model.threads {
            Threads::Pool => self.execute(Step::CallerCreates(0)),
            Threads::OneLoop => {
                for task in 0..self.tasks_the_callers_code_starts() {
                    self.hop(self.model.task_start, Step::Begin(task));
                }
                self.attach();
            }
        }
    }

    /// On a thread pool, the caller's thread creates the tasks in order; blocking work at a task's
    /// start holds the caller there, so the tasks after it are created only once it returns.
    pub(super) fn caller_creates(&mut self, first: u32) {
        for task in first..self.task_count() {
            self.thread.next_to_create = task + 1;
            self.execute(Step::Begin(task));
            if self.thread.blocked_in.is_some() {
                return;
            }
        }
        self.attach();
    }

    /// Blocking work holds only the thread it runs on; if that is the caller's thread during
    /// creation, the caller waits for it.
    pub(super) fn blocks_a_pool_thread(&mut self, task: u32, delay: u64) {
        self.tasks[task].phase = Phase::Blocking;
        if self.thread.next_to_create == task + 1 && !self.caller.attached {
            self.thread.blocked_in = Some(task);
        }
        self.clock.set_timer(delay, Step::BlockingEnds(task));
    }

    /// Blocking work on a pool thread ends; if it held the caller's thread, the caller goes on
    /// creating tasks.
    pub(super) fn blocking_ends(&mut self, task: u32) {
        let held_the_caller = self.thread.blocked_in == Some(task);
        if held_the_caller {
            self.thread.blocked_in = None;
        }
        self.finish(task);
        // A retry with no backoff may block the caller's thread again.
        if held_the_caller && self.thread.blocked_in.is_none() {
            self.execute(Step::CallerCreates(task + 1));
        }
    }

    /// The deadline reaches the caller. On a pool, one passing while the caller's thread still
    /// creates tasks acts only once the caller awaits it.
    pub(super) fn deadline_reaches_the_caller(&mut self) {
        if !self.caller.attached || self.thread.runs_the_loop {
            self.thread.deadline_passed_while_creating = true;
        } else {
            self.deadline_passes();
        }
    }

    /// A loop running on the caller's thread returns to the caller, as a task first truly waits or
    /// the loop ends. The caller's `Task.WhenAny` is handed the deadline first, so one that passed
    /// meanwhile wins, even over a loop already done: it gives up now. Says whether it did.
    pub(super) fn loop_hands_back_the_callers_thread(&mut self) -> bool {
        let gives_up = std::mem::take(&mut self.thread.runs_the_loop)
            && std::mem::take(&mut self.thread.deadline_passed_while_creating);
        if gives_up {
            self.deadline_passes();
        }
        gives_up
    }
}
