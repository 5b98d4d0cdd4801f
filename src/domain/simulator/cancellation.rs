//! What stops tasks: a fail-fast listener's first failure, the caller's deadline, the end of the
//! program, and the watchdog that ends a run whose caller would never resume. Each cancels as the
//! language's cancellation allows.

use super::engine::Engine;
use super::step::Step;
use super::tasks::Phase;
use crate::domain::model::timeline::Received;
use crate::domain::semantics::blocking::watchdog_ms;
use crate::domain::semantics::runtime_model::{AtExit, Cancellation, Hop};

impl Engine<'_> {
    /// Fail fast: the listener attached to a task hears that it failed; the first such cancels the rest.
    pub(super) fn fail_fast_hears_a_failure(&mut self) {
        self.caller.failures_seen_by_fail_fast += 1;
        if self.caller.failures_seen_by_fail_fast == 1 {
            self.cancel_the_rest();
        }
    }

    /// The caller that fired and forgot its tasks returns: the program's end stops, cancels or
    /// spares what still runs.
    pub(super) fn main_returns(&mut self) {
        match self.setting.model.at_exit {
            AtExit::Stop => self.program_dies(),
            AtExit::Cancel => self.cancel_the_rest(),
            AtExit::WaitForTimers => {}
        }
    }

    /// The tasks not done stop, as the language's cancellation allows.
    pub(super) fn cancel_the_rest(&mut self) {
        match self.setting.model.cancellation {
            Cancellation::Drop | Cancellation::Signal => {
                self.tasks.starting_stopped = true;
                for task in 0..self.setting.task_count() {
                    if matches!(self.tasks[task].phase, Phase::Waiting | Phase::Woken) {
                        self.drop_task(task);
                    }
                }
            }
            Cancellation::AtNextStep => {
                for task in 0..self.setting.task_count() {
                    if self.tasks.cancel_at_next_step(task) {
                        self.hop(Hop::Queued, Step::Continue(task));
                    }
                }
            }
            Cancellation::Cooperative => {
                // Tasks are still created, with a cancelled token.
                self.tasks.token_cancelled = true;
                self.token_callbacks_run();
            }
        }
    }

    /// .NET runs a cancelled token's callbacks on the cancelling thread, last registered first. A
    /// wait's callback cancels its task at once, whose freed slot goes to the task at the head of
    /// the queue; the semaphore completes that one on the pool, after the callbacks, and it starts
    /// to meet the cancelled token. A task still queued when its own callback runs is cancelled
    /// where it queues, and never starts (seen on Mono, differential seed 7, case 106).
    fn token_callbacks_run(&mut self) {
        // Each registration is numbered as it is made, so the tasks fall into their order without
        // a sort (which would add a sort's code to the page for this one list).
        let mut by_registration = vec![None; self.tasks.registrations() + 1];
        for task in 0..self.setting.task_count() {
            let state = &self.tasks[task];
            let registered = state.phase == Phase::Waiting
                || state.phase == Phase::NotStarted && state.registered > 0;
            if registered {
                by_registration[state.registered as usize] = Some(task);
            }
        }
        self.tasks.grants_deferred = true;
        let mut deferred = false;
        for task in by_registration.into_iter().rev().flatten() {
            if self.tasks[task].phase == Phase::Waiting {
                self.tasks.woken(task);
                self.end_cancelled(task);
            } else if self.thread.posts_behind_the_held(Step::WaitCancelled(task)) {
                // Cancelled on a UI thread, the semaphore's callback cannot run there: it goes to
                // the pool, while the freed UI thread first runs the continuations held for it. One
                // that releases the gate hands the slot to the head of the queue, which starts and
                // meets the cancelled token (seen on Mono in 7 of 10 runs; 3 of 10 the pool took
                // the head's wait out first and the next one started, 2 of 10 none did).
                deferred = true;
            } else {
                self.slot_wait_cancelled(task);
            }
        }
        // A slot freed before the deferred callbacks ran is granted after them: the grant is
        // posted to the UI thread too.
        self.tasks.grants_deferred = deferred;
    }

    /// The caller's deadline: unless it has resumed, it stops waiting now, and what it waited for is
    /// cancelled as the language allows. A result that has reached the caller but not yet woken it
    /// wins everywhere except in asyncio, whose timeout cancels the caller's own task at its next step.
    pub(super) fn deadline_passes(&mut self) {
        let result_wins = self.caller.decided.is_some()
            && self.setting.model.cancellation != Cancellation::AtNextStep;
        if self.caller.resume.is_some() || result_wins {
            return;
        }
        let already_waking = self.caller.decided.is_some();
        if self.setting.rules.deadline_waits_for_the_next_completion
            && !already_waking
            && self.tasks.any_not_done()
        {
            // Only a cancel that stops a task keeps the wait open; with every task done, the
            // cancel reaches the caller itself, which gives up whatever it is then handed.
            self.cancel_the_rest();
            self.caller.after_the_deadline.open = true;
            return;
        }
        self.caller.decided = Some(Received::TimedOut);
        if self.setting.rules.deadline_cancels_at_callers_step {
            // The caller's next step cancels them: one already queued (a completion woke it), or
            // the one the cancel that reaches it queues now.
            self.caller.after_the_deadline.cancel_at_callers_step = true;
            if !already_waking && !self.caller.deliveries.woken {
                self.hop(Hop::Queued, Step::ResumeCaller);
            }
            return;
        }
        self.cancel_the_rest();
        if !already_waking {
            self.hop(self.setting.model.done_reaches_waiter, Step::ResumeCaller);
        }
    }

    /// The program ends under its tasks (a process exits, a runtime is dropped): each task not done
    /// stops where it is, one never started never will, and nothing of the program runs again.
    pub(super) fn program_dies(&mut self) {
        for task in 0..self.setting.task_count() {
            if self.tasks[task].phase != Phase::Done {
                self.drop_task(task);
            }
        }
        self.clock.clear();
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
    pub(super) fn watchdog_ends_the_run(&mut self) {
        let watchdog = u64::from(watchdog_ms(self.setting.scenario));
        self.clock.now = self.clock.now.max(watchdog);
        self.caller.decided = Some(Received::NeverResumed);
        self.resume_caller();
        let now = self.clock.now;
        for task in 0..self.setting.task_count() {
            if self.tasks[task].phase != Phase::Done {
                let order = self.next_log_order();
                self.tasks.stop_unobserved(task, now, order);
            }
        }
        self.clock.clear();
        self.thread.let_go();
    }
}
