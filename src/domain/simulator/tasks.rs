//! The tasks' room: each task's state as it starts (after a pool slot, if it needs one), works,
//! fails and retries after its backoff, and ends ok, failed or cancelled, or hangs under a caller
//! that blocked the thread it needed; and what the tasks share, the pool's slots and the
//! cancellation token. What each step does across the rooms is in `task_steps.rs`.

use std::collections::VecDeque;
use std::ops::{Index, IndexMut};

use super::setting::Setting;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::{Outcome, Span, TaskRun};

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

/// What a task's first step finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Admission {
    /// It has begun already (a second `Begin` for it).
    AlreadyUnderWay,
    /// It never starts; `heard` when a cancellation stopped it, whose end the awaiting party hears of.
    NeverStarts {
        heard: bool,
    },
    /// It would wait for a pool slot with a token already cancelled: it ends there at once.
    TokenAlreadyCancelled,
    /// It waits in the queue for a pool slot.
    Queued,
    Begins,
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
    pub(super) attempt: u8,
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
    pub(super) fn register(&mut self, task: u32) {
        self.registrations += 1;
        self[task].registered = self.registrations;
    }

    /// `task`'s first step: whether it begins now, waits for a pool slot (`buffered`), or never
    /// starts.
    pub(super) fn admit(&mut self, task: u32, buffered: bool) -> Admission {
        if self[task].phase != Phase::NotStarted {
            return Admission::AlreadyUnderWay;
        }
        if self.starting_stopped || self[task].must_cancel {
            // Dropped before its first poll, or cancelled before its first step: it never starts.
            let heard = self[task].must_cancel;
            self.never_started(task);
            return Admission::NeverStarts { heard };
        }
        if buffered {
            if self.token_cancelled {
                return Admission::TokenAlreadyCancelled;
            }
            if self.free_slots == 0 || !self.slot_queue.is_empty() {
                self.slot_queue.push_back(task);
                self.register(task);
                return Admission::Queued;
            }
            self.free_slots -= 1;
        }
        Admission::Begins
    }

    /// `task` ends without having started, cancelled.
    pub(super) fn never_started(&mut self, task: u32) {
        self[task].phase = Phase::Done;
        self[task].cancelled = true;
    }

    /// `task` leaves the queue for a pool slot; says whether it was still in it.
    pub(super) fn leave_the_queue(&mut self, task: u32) -> bool {
        let queue = &mut self.slot_queue;
        let position = queue.iter().position(|&queued| queued == task);
        position.and_then(|at| queue.remove(at)).is_some()
    }

    /// A finished task frees its pool slot: the next task waiting for one, which gets it, if the
    /// tasks may still start; else the slot is free.
    pub(super) fn free_a_slot(&mut self) -> Option<u32> {
        match self.slot_queue.pop_front() {
            Some(next) if !self.starting_stopped => Some(next),
            _ => {
                self.free_slots += 1;
                None
            }
        }
    }

    /// `task` logs its start at `now`.
    pub(super) fn starts(&mut self, task: u32, now: u64) {
        self[task].start = Some(now);
    }

    /// `task` begins an attempt at `now`.
    pub(super) fn attempt_begins(&mut self, task: u32, now: u64) {
        self[task].attempt_start = now;
    }

    /// `task` waits on its timer, registered with the cancellation token.
    pub(super) fn waits(&mut self, task: u32) {
        self[task].phase = Phase::Waiting;
        self.register(task);
    }

    /// `task`'s wait is over, or it yielded: its next step is queued.
    pub(super) fn woken(&mut self, task: u32) {
        self[task].phase = Phase::Woken;
    }

    /// `task`'s timer fired: says whether it was waiting on it (not dropped or cancelled meanwhile).
    pub(super) fn timer_wakes(&mut self, task: u32) -> bool {
        let waiting = self[task].phase == Phase::Waiting;
        if waiting {
            self.woken(task);
        }
        waiting
    }

    /// `task` does blocking work on a pool thread.
    pub(super) fn blocks(&mut self, task: u32) {
        self[task].phase = Phase::Blocking;
    }

    /// After a failed attempt, `task`'s retry loop goes on to the backoff: the attempt it will
    /// make next, if it is still woken (not dropped meanwhile).
    pub(super) fn retry_loop_resumes(&mut self, task: u32) -> Option<u8> {
        let state = &mut self[task];
        if state.phase != Phase::Woken {
            return None;
        }
        state.retry_loop_resumed = true;
        Some(state.attempt)
    }

    /// `task`'s wait is over: says whether it was the backoff before a retry (else its work).
    pub(super) fn backoff_over(&mut self, task: u32) -> bool {
        std::mem::take(&mut self[task].backing_off)
    }

    /// `task`'s attempt failed at `now` with `attempts` drawn: says whether it tries again, kept on
    /// record, after its backoff.
    pub(super) fn retries(&mut self, task: u32, now: u64, attempts: u8) -> bool {
        let index = task as usize;
        let state = &mut self.states[index];
        // Every attempt before the drawn number of attempts fails.
        if state.attempt >= attempts {
            return false;
        }
        self.retried_attempts[index].push((state.attempt_start, now));
        state.attempt += 1;
        state.backing_off = true;
        state.retry_loop_resumed = false;
        state.phase = Phase::Woken;
        true
    }

    /// `task` ends by itself at `now`, the `order`-th line of the log, failed or not.
    pub(super) fn ends(&mut self, task: u32, now: u64, order: u64, failed: bool) {
        let state = &mut self[task];
        state.phase = Phase::Done;
        state.end = now;
        state.end_order = order;
        if failed {
            self.ended_failed.push(task);
        }
    }

    /// A cancellation reaches `task` at its next step, if it has one to come: says whether that
    /// step must be queued now (it was waiting on its timer, which the cancellation ends).
    pub(super) fn cancel_at_next_step(&mut self, task: u32) -> bool {
        let state = &mut self[task];
        match state.phase {
            Phase::Waiting => {
                state.phase = Phase::Woken;
                state.must_cancel = true;
                true
            }
            Phase::Woken | Phase::NotStarted => {
                state.must_cancel = true;
                false
            }
            Phase::Blocking | Phase::Done => false,
        }
    }

    /// `task` stops at `end`, cancelled.
    pub(super) fn stop(&mut self, task: u32, end: u64) {
        let state = &mut self[task];
        state.phase = Phase::Done;
        state.cancelled = true;
        state.end = end;
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

impl Tasks {
    /// Each task as it ran: its span, its attempts and its outcome. A task that ended after the
    /// caller resumed (its end later in the log than `resume_order`) is `unobserved` if that says
    /// what it is, else its own outcome.
    pub(super) fn runs(
        &self,
        setting: &Setting,
        resume_order: u64,
        unobserved: Option<Outcome>,
    ) -> Vec<TaskRun> {
        self.states
            .iter()
            .zip(setting.draws)
            .enumerate()
            .map(|(index, (state, draw))| {
                let retried = self
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
                    (Some(_), false) if state.end_order > resume_order => {
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
