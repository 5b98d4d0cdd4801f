//! What each of a task's steps does across the rooms: it starts (after a pool slot, if it needs
//! one), works by blocking or by waiting on a timer, retries after its backoff, and ends ok, failed
//! or cancelled, and whoever listens hears of it. The tasks' state is their room's (`tasks.rs`).

use super::engine::Engine;
use super::step::Step;
use super::tasks::{Admission, Phase};
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::TaskKind;
use crate::domain::semantics::behaviour::Leftovers;
use crate::domain::semantics::runtime_model::{Hop, Threads, ZeroWait};

impl Engine<'_> {
    pub(super) fn first_step(&mut self, task: u32) {
        let buffered = self.setting.scenario.mode == Mode::Buffered;
        match self.tasks.admit(task, buffered) {
            Admission::NeverStarts { heard: true } => {
                self.hop(self.setting.model.done_reaches_waiter, Step::Notice(task));
            }
            // The semaphore's wait watches the token: cancelled already, it throws at once.
            Admission::TokenAlreadyCancelled => self.never_starts(task),
            Admission::Begins => self.begin_work(task),
            Admission::AlreadyUnderWay | Admission::NeverStarts { heard: false } => {}
            Admission::Queued => {}
        }
    }

    /// A task that waits for a pool slot with a token, cancelled: it ends there, never started.
    pub(super) fn never_starts(&mut self, task: u32) {
        self.tasks.never_started(task);
        self.task_done(task);
    }

    /// A cancelled wait for a pool slot: a task still queued leaves the queue and never starts;
    /// one a freed slot already reached goes on.
    pub(super) fn slot_wait_cancelled(&mut self, task: u32) {
        if self.tasks.leave_the_queue(task) {
            self.never_starts(task);
        }
    }

    /// The task got a pool slot after waiting for one; cancelled meanwhile, it never starts.
    pub(super) fn slot_granted(&mut self, task: u32) {
        if self.tasks[task].must_cancel {
            self.tasks.never_started(task);
        } else {
            self.begin_work(task);
        }
    }

    /// The task logs its start and begins its first attempt.
    fn begin_work(&mut self, task: u32) {
        self.tasks.starts(task, self.clock.now);
        self.begin_attempt(task);
    }

    /// One attempt at the task's work: blocking, a timer, or nothing to wait for.
    fn begin_attempt(&mut self, task: u32) {
        let index = task as usize;
        self.tasks.attempt_begins(task, self.clock.now);
        let delay = u64::from(self.setting.draws[index].delay_ms);
        match self.setting.scenario.tasks[index].kind {
            TaskKind::Cpu => match self.setting.model.threads {
                Threads::OneLoop => {
                    self.clock.now += delay;
                    self.finish(task);
                }
                Threads::Pool => self.blocks_a_pool_thread(task, delay),
            },
            TaskKind::Io => self.wait(task, delay),
        }
    }

    /// Blocking work holds only the thread it runs on; if that is the caller's thread during
    /// creation, the caller waits for it.
    fn blocks_a_pool_thread(&mut self, task: u32, delay: u64) {
        self.tasks.blocks(task);
        self.thread.blocking_work_begins(task, self.caller.attached);
        self.clock.set_timer(delay, Step::BlockingEnds(task));
    }

    /// Blocking work on a pool thread ends; if it held the caller's thread, the caller goes on
    /// creating tasks.
    pub(super) fn blocking_ends(&mut self, task: u32) {
        let held_the_caller = self.thread.blocking_work_ends(task);
        self.finish(task);
        // A retry with no backoff may block the caller's thread again.
        if held_the_caller && !self.thread.blocked_in_creation() {
            self.execute(Step::CallerCreates(task + 1));
        }
    }

    pub(super) fn timer_fired(&mut self, task: u32) {
        if self.tasks.timer_wakes(task) {
            self.hop(self.setting.model.timer_wakes_task, Step::Continue(task));
        }
    }

    /// The task goes on after its wait: it finishes, or meets a cancellation.
    pub(super) fn goes_on_after_its_wait(&mut self, task: u32) {
        let state = self.tasks[task];
        if state.phase != Phase::Woken {
            return; // dropped or cancelled meanwhile
        }
        if state.must_cancel {
            self.end_cancelled(task);
        } else if self.timer_end_seen() {
            self.wait_over(task);
        }
    }

    /// The task's retry loop waits the backoff before its next attempt.
    pub(super) fn backs_off(&mut self, task: u32) {
        if let Some(attempt) = self.tasks.retry_loop_resumes(task) {
            let wait = self
                .setting
                .scenario
                .retry
                .wait_before_retry_ms(attempt - 1);
            self.wait(task, u64::from(wait));
        }
    }

    /// The task awaits a timer of `delay` ms: its work, or the backoff before a retry.
    fn wait(&mut self, task: u32, delay: u64) {
        if self.tasks.token_cancelled {
            // Task.Delay with a cancelled token is cancelled before it waits.
            self.tasks.woken(task);
            self.end_cancelled(task);
            return;
        }
        self.tasks.waits(task);
        match (delay, self.setting.model.zero_wait) {
            (0, ZeroWait::Completed) => {
                self.tasks.woken(task);
                self.wait_over(task);
            }
            (0, ZeroWait::Yield) => {
                self.tasks.woken(task);
                self.hop(Hop::Queued, Step::Continue(task));
                self.loop_hands_back_the_callers_thread();
            }
            _ => {
                let timer = self.setting.model.timer_ms(delay);
                self.clock.set_timer(timer, Step::Fired(task));
                self.loop_hands_back_the_callers_thread();
            }
        }
    }

    /// The task goes on after its wait: its attempt is over, or its backoff, and it tries again.
    fn wait_over(&mut self, task: u32) {
        if self.tasks.backoff_over(task) {
            self.begin_attempt(task);
        } else {
            self.finish(task);
        }
    }

    /// The task's attempt ends by itself: it tries again, or the task ends, ok or failed.
    pub(super) fn finish(&mut self, task: u32) {
        let attempts = self.setting.draws[task as usize].attempts;
        if self.tasks.retries(task, self.clock.now, attempts) {
            self.hop(self.setting.model.retry_loop_resumes, Step::Backoff(task));
            return;
        }
        let order = self.next_log_order();
        let failed = self.setting.fails(task);
        self.tasks.ends(task, self.clock.now, order, failed);
        let unobserved_failure_ends_program = self.setting.model.unobserved_failure_ends_program
            && self.setting.rules.leftovers == Leftovers::Detached;
        if failed && unobserved_failure_ends_program {
            self.hop(Hop::Microtask, Step::ProgramDies);
        }
        self.release_slot();
        self.task_done(task);
    }

    /// The task ends by a cancellation: it stops where it waited, and whoever listens hears of it.
    pub(super) fn end_cancelled(&mut self, task: u32) {
        let now = self.clock.now;
        let started = self.tasks[task].start.unwrap_or(now);
        self.tasks.stop(task, now.max(started));
        self.release_slot();
        self.task_done(task);
    }

    /// Drop a task where it waits: it ends now, cancelled, and nobody hears of it.
    pub(super) fn drop_task(&mut self, task: u32) {
        self.tasks.stop(task, self.clock.now);
    }

    /// A finished task frees its pool slot: the next task waiting for one gets it, else it is free.
    fn release_slot(&mut self) {
        if self.setting.scenario.mode != Mode::Buffered {
            return;
        }
        if let Some(next) = self.tasks.free_a_slot() {
            let hop = if self.tasks.grants_deferred {
                Hop::Queued
            } else {
                self.setting.model.freed_slot_starts_next
            };
            self.hop(hop, Step::SlotGranted(next));
        }
    }
}
