//! The caller that blocks its thread on its tasks instead of awaiting them: the call refuses at
//! once, holds the continuations posted to the blocked thread, stops the timers only that thread
//! drives, or stops the whole loop; and the watchdog that ends a run that would never end.

use std::collections::VecDeque;

use super::engine::Engine;
use super::step::Step;
use super::task_lifecycle::Phase;
use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::timeline::Received;
use crate::domain::semantics::blocking::{blocked_call, watchdog_ms, COOP_BUDGET};
use crate::domain::semantics::runtime_model::Hop;

impl Engine<'_> {
    /// Before the caller's code runs: a UI thread is busy with it, then blocked, so what is posted
    /// to it waits; a blocked tokio thread drives no timer from the start (its futures are lazy).
    pub(super) fn caller_begins_blocking(&mut self, language: Language) {
        let scenario = self.scenario;
        self.thread.blocking = blocked_call(scenario.caller, scenario.mode, language);
        match self.thread.blocking {
            BlockedCall::ContinuationsWaitForTheThread => self.thread.held = Some(VecDeque::new()),
            BlockedCall::TimersStop => self.clock.timers_stopped = true,
            _ => {}
        }
    }

    /// `asyncio.run` inside a running loop raises before its coroutine runs: the caller receives
    /// the error now and no task is ever created. Says whether it did.
    pub(super) fn blocking_call_raises(&mut self) -> bool {
        if self.thread.blocking != BlockedCall::Raises {
            return false;
        }
        self.tasks.starting_stopped = true;
        self.caller.decided = Some(Received::Raised);
        self.resume_caller();
        true
    }

    /// The caller reaches its blocking call. A spin holds the loop's only thread, so nothing else
    /// runs until the watchdog ends it: says whether the program ended there.
    pub(super) fn caller_reaches_its_blocking_call(&mut self) -> bool {
        let spins = self.thread.blocking == BlockedCall::LoopStops;
        if spins {
            self.watchdog_ends_the_run();
        }
        spins
    }

    /// How many tasks the caller's own code starts before it reaches its wait. A pool of k workers
    /// starts k; a worker that finishes its first task at once takes the next only in a microtask,
    /// which never runs while a spin holds the thread. Elsewhere the caller starts them all.
    pub(super) fn tasks_the_callers_code_starts(&self) -> u32 {
        let count = self.task_count();
        if self.thread.blocking == BlockedCall::LoopStops && self.scenario.mode == Mode::Buffered {
            self.scenario.concurrency().min(count)
        } else {
            count
        }
    }

    /// A continuation posted to the blocked caller's thread waits there. Says whether `step` did.
    pub(super) fn held_for_the_callers_thread(&mut self, step: Step) -> bool {
        let posted = matches!(step, Step::Continue(_) | Step::SlotGranted(_));
        match &mut self.thread.held {
            Some(held) if posted => {
                held.push_back(step);
                true
            }
            _ => false,
        }
    }

    /// A timer ended and its waiter polls it: says whether the blocked call lets it see that. Past
    /// the cooperative budget, no timer ends for the blocked call again.
    pub(super) fn timer_end_seen(&mut self) -> bool {
        if self.thread.blocking != BlockedCall::BudgetRunsOut || self.caller.resume.is_some() {
            return true;
        }
        let spent = &mut self.thread.budget_spent;
        *spent += 1;
        *spent <= COOP_BUDGET
    }

    /// The blocking call returned, so the caller's thread is free: what was posted to it runs now,
    /// in the order it was posted, and what is posted from now on runs as it comes.
    pub(super) fn callers_thread_is_free(&mut self) {
        for step in self.thread.held.take().into_iter().flatten() {
            self.clock.queue(Hop::Queued, step);
        }
    }

    /// After the loop has run out of work: a caller still blocked never resumes, and the watchdog
    /// ends the program at its time (or as the blocking work that outlasted it ends).
    pub(super) fn watchdog_checks_the_caller(&mut self) {
        if self.thread.blocking.can_hang() && self.caller.resume.is_none() {
            self.watchdog_ends_the_run();
        }
    }

    /// The watchdog reports that the caller never resumed and ends the program at its time (or
    /// as the blocking work that outlasted it ends): every task not done stops where it is,
    /// unobserved.
    fn watchdog_ends_the_run(&mut self) {
        self.clock.now = self.clock.now.max(u64::from(watchdog_ms(self.scenario)));
        self.caller.decided = Some(Received::NeverResumed);
        self.resume_caller();
        let now = self.clock.now;
        for task in 0..self.task_count() {
            if self.tasks[task].phase != Phase::Done {
                let order = self.next_log_order();
                self.tasks.stop_unobserved(task, now, order);
            }
        }
        self.clock.clear();
        self.thread.held = None;
    }
}
