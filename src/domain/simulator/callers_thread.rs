//! The caller's own thread, as a room: on a thread pool it creates the tasks one after another, and
//! blocking work at a task's start holds it there; a deadline that passes meanwhile acts only once
//! the caller awaits. A caller that blocks this thread instead of awaiting holds what is posted to
//! it, or spends the runtime's budget. What the caller's steps do across the rooms is in
//! `caller_steps.rs`.

use std::collections::VecDeque;

use super::step::Step;
use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::semantics::blocking::COOP_BUDGET;

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
    held: Option<VecDeque<Step>>,
    /// Timers the blocked call has seen end, against the runtime's cooperative budget.
    budget_spent: u32,
}

impl CallersThread {
    /// The thread of a caller whose blocking call does `blocking`: a UI thread is busy with the
    /// caller's code, then blocked, so what is posted to it waits.
    pub(super) fn for_call(blocking: BlockedCall) -> Self {
        let held = (blocking == BlockedCall::ContinuationsWaitForTheThread).then(VecDeque::new);
        CallersThread {
            blocking,
            held,
            ..CallersThread::default()
        }
    }

    /// The caller's thread creates `task`.
    pub(super) fn creates(&mut self, task: u32) {
        self.next_to_create = task + 1;
    }

    /// Blocking work begins in `task`: if the caller's thread is creating it (the caller not yet
    /// awaiting), the work holds the caller there.
    pub(super) fn blocking_work_begins(&mut self, task: u32, caller_awaits: bool) {
        if self.next_to_create == task + 1 && !caller_awaits {
            self.blocked_in = Some(task);
        }
    }

    /// Blocking work in `task` ends: says whether it held the caller's thread, which is free now.
    pub(super) fn blocking_work_ends(&mut self, task: u32) -> bool {
        let held_the_caller = self.blocked_in == Some(task);
        if held_the_caller {
            self.blocked_in = None;
        }
        held_the_caller
    }

    /// Whether blocking work holds the caller's thread while it creates the tasks.
    pub(super) fn blocked_in_creation(&self) -> bool {
        self.blocked_in.is_some()
    }

    /// A continuation posted to the blocked caller's thread waits there. Says whether `step` did.
    pub(super) fn holds(&mut self, step: Step) -> bool {
        let posted = matches!(step, Step::Continue(_) | Step::SlotGranted(_));
        match &mut self.held {
            Some(held) if posted => {
                held.push_back(step);
                true
            }
            _ => false,
        }
    }

    /// Post `step` behind what the blocked thread holds, if it holds anything: says whether it did.
    pub(super) fn posts_behind_the_held(&mut self, step: Step) -> bool {
        match &mut self.held {
            Some(held) => {
                held.push_back(step);
                true
            }
            None => false,
        }
    }

    /// A timer ended and its waiter polls it: says whether a blocked call that spends the runtime's
    /// budget still sees it (past the budget, no timer ends for it again, until `caller_resumed`).
    pub(super) fn sees_a_timer_end(&mut self, caller_resumed: bool) -> bool {
        if self.blocking != BlockedCall::BudgetRunsOut || caller_resumed {
            return true;
        }
        self.budget_spent += 1;
        self.budget_spent <= COOP_BUDGET
    }

    /// The blocking call returned, or the program ended: what was held for the thread, in the
    /// order it was posted; from now on nothing is held.
    pub(super) fn let_go(&mut self) -> VecDeque<Step> {
        self.held.take().unwrap_or_default()
    }

    /// A loop running on the caller's thread returns to the caller: says whether a deadline that
    /// passed meanwhile makes the caller give up now.
    pub(super) fn hands_back(&mut self) -> bool {
        std::mem::take(&mut self.runs_the_loop)
            && std::mem::take(&mut self.deadline_passed_while_creating)
    }

    /// How many tasks the caller's own code starts before it reaches its wait. A pool of k workers
    /// starts k; a worker that finishes its first task at once takes the next only in a microtask,
    /// which never runs while a spin holds the thread. Elsewhere the caller starts them all.
    pub(super) fn tasks_the_callers_code_starts(&self, scenario: &Scenario, count: u32) -> u32 {
        if self.blocking == BlockedCall::LoopStops && scenario.mode == Mode::Buffered {
            scenario.concurrency().min(count)
        } else {
            count
        }
    }
}
