//! The tasks' lifecycle: a task starts (after a pool slot, if it needs one), works by blocking or
//! by waiting on a timer, fails and retries after its backoff, and ends ok, failed or cancelled, or
//! hangs under a caller that blocked the thread it needed.

use std::collections::VecDeque;
use std::ops::{Index, IndexMut};

use super::engine::Engine;
use super::step::Step;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::{Scenario, TaskKind};
use crate::domain::model::timeline::{Outcome, Received, Span, TaskRun};
use crate::domain::semantics::behaviour::Leftovers;
use crate::domain::semantics::runtime_model::{Hop, Threads, ZeroWait};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Phase {
    /// Not created yet, or created and waiting for its first step or a pool slot.
    NotStarted,
    /// Waiting on its timer.
    Waiting,
    /// Its wait is over, or it yielded: its next step is queued.
    Woken,
    /// Blocking work on a pool thread.
    Blocking,
    Done,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct TaskState {
    pub(super) phase: Phase,
    pub(super) start: Option<u64>,
    pub(super) end: u64,
    /// Where the task's end falls among the log's lines; compared with the caller's resumption.
    pub(super) end_order: u64,
    pub(super) cancelled: bool,
    /// A cancellation is due at the task's next step.
    pub(super) must_cancel: bool,
    /// The attempt under way, from 1.
    attempt: u8,
    attempt_start: u64,
    /// Its wait is the backoff before a retry, not its work.
    backing_off: bool,
    /// After a failed attempt, its retry loop has gone on to the backoff (and logged the retry).
    retry_loop_resumed: bool,
    /// The program ended before its retry loop went on after a failed attempt: that failure is the
    /// last thing it did.
    stopped_before_retrying: bool,
    /// When it last registered with the cancellation token, in registration order: as it began a
    /// wait, or joined the queue for a pool slot.
    pub(super) registered: u64,
}

/// Every task's state, and what the tasks share: the pool's slots and whether any more may start.
pub(super) struct Tasks {
    states: Vec<TaskState>,
    /// The tasks that ended failed by themselves, in the order they ended.
    pub(super) ended_failed: Vec<u32>,
    /// Per task, the attempts that failed and were tried again, as (start, end); empty, not a list
    /// of empty lists, without retries, so that a million tasks cost nothing more.
    retried_attempts: Vec<Vec<(u64, u64)>>,
    free_slots: u32,
    slot_queue: VecDeque<u32>,
    /// No more tasks start: the loop ended at a failure, or the caller dropped the rest.
    pub(super) starting_stopped: bool,
    /// C#-style cooperative cancellation has been requested: waits created from now on stop at once.
    pub(super) token_cancelled: bool,
    /// Registrations with the cancellation token so far.
    registrations: u64,
    /// A freed slot's next task starts only after the step under way (a token's callbacks are
    /// running, and the semaphore completes its waiter on the pool).
    pub(super) grants_deferred: bool,
}

impl Tasks {
    pub(super) fn new(scenario: &Scenario, count: u32) -> Self {
        let fresh = TaskState {
            phase: Phase::NotStarted,
            start: None,
            end: 0,
            end_order: 0,
            cancelled: false,
            must_cancel: false,
            attempt: 1,
            attempt_start: 0,
            backing_off: false,
            retry_loop_resumed: false,
            stopped_before_retrying: false,
            registered: 0,
        };
        let count = count as usize;
        Tasks {
            states: vec![fresh; count],
            ended_failed: Vec::new(),
            retried_attempts: match scenario.retry.retries {
                0 => Vec::new(),
                _ => vec![Vec::new(); count],
            },
            free_slots: scenario.concurrency(),
            slot_queue: VecDeque::new(),
            starting_stopped: false,
            token_cancelled: false,
            registrations: 0,
            grants_deferred: false,
        }
    }

    /// The program ends under `task` at `end` (the `order`-th line of its log): a task that
    /// started stops there, unobserved; one that never started stays so. A task whose retry loop
    /// had not gone on after a failed attempt ends with that failure, as its log does.
    pub(super) fn stop_unobserved(&mut self, task: u32, end: u64, order: u64) {
        let index = task as usize;
        let state = &mut self.states[index];
        state.phase = Phase::Done;
        if state.start.is_none() {
            return;
        }
        if state.backing_off && !state.retry_loop_resumed {
            if let Some((attempt_start, attempt_end)) = self.retried_attempts[index].pop() {
                state.attempt -= 1;
                state.attempt_start = attempt_start;
                state.end = attempt_end;
            }
            state.backing_off = false;
            state.stopped_before_retrying = true;
            return;
        }
        state.end = end;
        state.end_order = order;
    }

    /// How many registrations with the cancellation token there have been.
    pub(super) fn registrations(&self) -> usize {
        self.registrations as usize
    }

    /// `task` registers with the cancellation token: it begins a wait, or queues for a slot.
    fn register(&mut self, task: u32) {
        self.registrations += 1;
        self[task].registered = self.registrations;
    }

    /// Whether some task has not ended yet.
    pub(super) fn any_not_done(&self) -> bool {
        self.states.iter().any(|task| task.phase != Phase::Done)
    }

    /// The first task, in input order, that has ended.
    pub(super) fn first_done(&self) -> Option<u32> {
        (0..self.states.len() as u32).find(|&task| self[task].phase == Phase::Done)
    }
}

impl Index<u32> for Tasks {
    type Output = TaskState;

    fn index(&self, task: u32) -> &TaskState {
        &self.states[task as usize]
    }
}

impl IndexMut<u32> for Tasks {
    fn index_mut(&mut self, task: u32) -> &mut TaskState {
        &mut self.states[task as usize]
    }
}

impl Engine<'_> {
    pub(super) fn first_step(&mut self, task: u32) {
        if self.tasks[task].phase != Phase::NotStarted {
            return;
        }
        if self.tasks.starting_stopped || self.tasks[task].must_cancel {
            // Dropped before its first poll, or cancelled before its first step: it never starts.
            self.tasks[task].phase = Phase::Done;
            self.tasks[task].cancelled = true;
            if self.tasks[task].must_cancel {
                self.hop(self.model.done_reaches_waiter, Step::Notice(task));
            }
            return;
        }
        if self.scenario.mode == Mode::Buffered {
            if self.tasks.token_cancelled {
                // The semaphore's wait watches the token: cancelled already, it throws at once.
                self.never_starts(task);
                return;
            }
            if self.tasks.free_slots == 0 || !self.tasks.slot_queue.is_empty() {
                self.tasks.slot_queue.push_back(task);
                self.tasks.register(task);
                return;
            }
            self.tasks.free_slots -= 1;
        }
        self.begin_work(task);
    }

    /// A task that waits for a pool slot with a token, cancelled: it ends there, never started.
    pub(super) fn never_starts(&mut self, task: u32) {
        self.tasks[task].phase = Phase::Done;
        self.tasks[task].cancelled = true;
        self.task_done(task);
    }

    /// A cancelled wait for a pool slot: a task still queued leaves the queue and never starts;
    /// one a freed slot already reached goes on.
    pub(super) fn slot_wait_cancelled(&mut self, task: u32) {
        let queue = &mut self.tasks.slot_queue;
        let position = queue.iter().position(|&queued| queued == task);
        if position.and_then(|at| queue.remove(at)).is_some() {
            self.never_starts(task);
        }
    }

    /// The task got a pool slot after waiting for one; cancelled meanwhile, it never starts.
    pub(super) fn slot_granted(&mut self, task: u32) {
        if self.tasks[task].must_cancel {
            self.tasks[task].phase = Phase::Done;
            self.tasks[task].cancelled = true;
        } else {
            self.begin_work(task);
        }
    }

    /// The task logs its start and begins its first attempt.
    fn begin_work(&mut self, task: u32) {
        self.tasks[task].start = Some(self.clock.now);
        self.begin_attempt(task);
    }

    /// One attempt at the task's work: blocking, a timer, or nothing to wait for.
    fn begin_attempt(&mut self, task: u32) {
        let index = task as usize;
        self.tasks[task].attempt_start = self.clock.now;
        let delay = u64::from(self.draws[index].delay_ms);
        match self.scenario.tasks[index].kind {
            TaskKind::Cpu => match self.model.threads {
                Threads::OneLoop => {
                    self.clock.now += delay;
                    self.finish(task);
                }
                Threads::Pool => self.blocks_a_pool_thread(task, delay),
            },
            TaskKind::Io => self.wait(task, delay),
        }
    }

    pub(super) fn timer_fired(&mut self, task: u32) {
        if self.tasks[task].phase == Phase::Waiting {
            self.tasks[task].phase = Phase::Woken;
            self.hop(self.model.timer_wakes_task, Step::Continue(task));
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
        let state = self.tasks[task];
        if state.phase == Phase::Woken {
            self.tasks[task].retry_loop_resumed = true;
            let wait = self.scenario.retry.wait_before_retry_ms(state.attempt - 1);
            self.wait(task, u64::from(wait));
        }
    }

    /// The task awaits a timer of `delay` ms: its work, or the backoff before a retry.
    fn wait(&mut self, task: u32, delay: u64) {
        if self.tasks.token_cancelled {
            // Task.Delay with a cancelled token is cancelled before it waits.
            self.tasks[task].phase = Phase::Woken;
            self.end_cancelled(task);
            return;
        }
        self.tasks[task].phase = Phase::Waiting;
        self.tasks.register(task);
        match (delay, self.model.zero_wait) {
            (0, ZeroWait::Completed) => {
                self.tasks[task].phase = Phase::Woken;
                self.wait_over(task);
            }
            (0, ZeroWait::Yield) => {
                self.tasks[task].phase = Phase::Woken;
                self.hop(Hop::Queued, Step::Continue(task));
                self.loop_hands_back_the_callers_thread();
            }
            _ => {
                self.clock
                    .set_timer(self.model.timer_ms(delay), Step::Fired(task));
                self.loop_hands_back_the_callers_thread();
            }
        }
    }

    /// The task goes on after its wait: its attempt is over, or its backoff, and it tries again.
    fn wait_over(&mut self, task: u32) {
        if std::mem::take(&mut self.tasks[task].backing_off) {
            self.begin_attempt(task);
        } else {
            self.finish(task);
        }
    }

    /// A failed attempt with a retry left: the task keeps it on record and waits its backoff.
    fn retries(&mut self, task: u32) -> bool {
        let index = task as usize;
        let now = self.clock.now;
        let state = &mut self.tasks.states[index];
        // Every attempt before the drawn number of attempts fails.
        if state.attempt >= self.draws[index].attempts {
            return false;
        }
        self.tasks.retried_attempts[index].push((state.attempt_start, now));
        state.attempt += 1;
        state.backing_off = true;
        state.retry_loop_resumed = false;
        state.phase = Phase::Woken;
        self.hop(self.model.retry_loop_resumes, Step::Backoff(task));
        true
    }

    /// The task's attempt ends by itself: it tries again, or the task ends, ok or failed.
    pub(super) fn finish(&mut self, task: u32) {
        if self.retries(task) {
            return;
        }
        self.tasks[task].phase = Phase::Done;
        self.tasks[task].end = self.clock.now;
        self.tasks[task].end_order = self.next_log_order();
        if self.fails(task) {
            self.tasks.ended_failed.push(task);
            if self.model.unobserved_failure_ends_program
                && self.rules.leftovers == Leftovers::Detached
            {
                self.hop(Hop::Microtask, Step::ProgramDies);
            }
        }
        self.release_slot();
        self.task_done(task);
    }

    /// The task ends by a cancellation: it stops where it waited, and whoever listens hears of it.
    pub(super) fn end_cancelled(&mut self, task: u32) {
        let now = self.clock.now;
        let started = self.tasks[task].start.unwrap_or(now);
        self.stop(task, now.max(started));
        self.release_slot();
        self.task_done(task);
    }

    /// Drop a task where it waits: it ends now, cancelled, and nobody hears of it.
    pub(super) fn drop_task(&mut self, task: u32) {
        self.stop(task, self.clock.now);
    }

    fn stop(&mut self, task: u32, end: u64) {
        let state = &mut self.tasks[task];
        state.phase = Phase::Done;
        state.cancelled = true;
        state.end = end;
    }

    /// A finished task frees its pool slot: the next task waiting for one gets it, else it is free.
    fn release_slot(&mut self) {
        if self.scenario.mode != Mode::Buffered {
            return;
        }
        match self.tasks.slot_queue.pop_front() {
            Some(next) if !self.tasks.starting_stopped => {
                let hop = if self.tasks.grants_deferred {
                    Hop::Queued
                } else {
                    self.model.freed_slot_starts_next
                };
                self.hop(hop, Step::SlotGranted(next));
            }
            _ => self.tasks.free_slots += 1,
        }
    }

    /// What a task that ended after the caller resumed is: abandoned where the caller moved on;
    /// hung where the watchdog found the caller still blocked, since nobody moved on; its own
    /// outcome where the caller detached its tasks.
    fn ended_unobserved(&self) -> Option<Outcome> {
        match &self.caller.resume {
            Some(resume) if resume.received == Received::NeverResumed => Some(Outcome::Hung),
            _ if self.rules.leftovers == Leftovers::Detached => None,
            _ => Some(Outcome::Abandoned),
        }
    }

    /// Each task as it ran: its span, its attempts and its outcome.
    pub(super) fn task_runs(&self) -> Vec<TaskRun> {
        let tasks = &self.tasks;
        let unobserved = self.ended_unobserved();
        tasks
            .states
            .iter()
            .zip(self.draws)
            .enumerate()
            .map(|(index, (state, draw))| {
                let retried = tasks
                    .retried_attempts
                    .get(index)
                    .map_or(&[][..], Vec::as_slice);
                let span = state.start.map(|start| Span {
                    start_ms: start as f64,
                    end_ms: state.end as f64,
                });
                let outcome = match (span, state.cancelled) {
                    (None, _) => Outcome::NotStarted,
                    (Some(_), true) => Outcome::Cancelled,
                    (Some(_), false) if state.stopped_before_retrying => Outcome::Error,
                    (Some(_), false) if state.end_order > self.caller.resume_order => {
                        unobserved.unwrap_or(own_outcome(draw.fails))
                    }
                    (Some(_), false) => own_outcome(draw.fails),
                };
                TaskRun {
                    span,
                    outcome,
                    delay_ms: draw.delay_ms,
                    fails: draw.fails,
                    attempts: attempt_spans(state, retried),
                    ended_in_backoff: state.backing_off,
                }
            })
            .collect()
    }
}

/// Every attempt of a task that retried: those it retried, then the last one unless the task ended
/// in the backoff before it. Empty for a task that made one attempt.
fn attempt_spans(state: &TaskState, retried: &[(u64, u64)]) -> Vec<Span> {
    if retried.is_empty() {
        return Vec::new();
    }
    let last = (!state.backing_off).then_some((state.attempt_start, state.end));
    retried
        .iter()
        .copied()
        .chain(last)
        .map(|(start, end)| Span {
            start_ms: start as f64,
            end_ms: end as f64,
        })
        .collect()
}

/// How a task that ended on its own, observed, ended: by its draw.
fn own_outcome(fails: bool) -> Outcome {
    if fails {
        Outcome::Error
    } else {
        Outcome::Ok
    }
}
