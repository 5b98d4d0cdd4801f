//! What each of the caller's steps does across the rooms: its code up to the await (setting its
//! deadline, creating the tasks, on a pool one after another on its own thread), attaching to the
//! tasks, hearing of each as it ends, and resuming; and a caller that blocks its thread instead of
//! awaiting. The caller's state is its room's (`caller.rs`), its thread's is `callers_thread.rs`.

use super::caller::Caller;
use super::engine::Engine;
use super::step::Step;
use super::tasks::Phase;
use crate::domain::basics::ascending::ascending;
use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::mode::Mode;
use crate::domain::model::timeline::{Received, Resume};
use crate::domain::semantics::behaviour::{Leftovers, ResumeRule};
use crate::domain::semantics::runtime_model::{Cancellation, Hop, Threads};

impl Engine<'_> {
    /// The caller's code up to its await: it sets its deadline, if it has one (every program does so
    /// before it creates the tasks), then creates the tasks (or, one after another, the first).
    pub(super) fn caller_starts(&mut self) {
        let (scenario, model) = (self.setting.scenario, self.setting.model);
        if let Some(timeout) = scenario.deadline_ms() {
            let timer = model.timer_ms(u64::from(timeout));
            self.clock.set_timer(timer, Step::DeadlineFired);
        }
        if scenario.mode == Mode::Sequential {
            self.caller.attached = true;
            self.thread.runs_the_loop = model.threads == Threads::Pool;
            self.execute(Step::Begin(0));
            self.caller_reaches_its_blocking_call();
            return;
        }
        self.caller.attached = model.combinator_starts_tasks;
        match model.threads {
            Threads::Pool => self.execute(Step::CallerCreates(0)),
            Threads::OneLoop => {
                let started = self
                    .thread
                    .tasks_the_callers_code_starts(scenario, self.setting.task_count());
                for task in 0..started {
                    self.hop(self.setting.model.task_start, Step::Begin(task));
                }
                self.attach();
            }
        }
    }

    /// On a thread pool, the caller's thread creates the tasks in order; blocking work at a task's
    /// start holds the caller there, so the tasks after it are created only once it returns.
    pub(super) fn caller_creates(&mut self, first: u32) {
        for task in first..self.setting.task_count() {
            self.thread.creates(task);
            self.execute(Step::Begin(task));
            if self.thread.blocked_in_creation() {
                return;
            }
        }
        self.attach();
    }

    /// The awaiting party starts listening; it hears at once of the tasks already done, in input order.
    pub(super) fn attach(&mut self) {
        self.caller.free_at = self.clock.now;
        if self.setting.rules.resume == ResumeRule::AtOnce {
            // Fire and forget: the caller goes on at once; a script's end follows as the runtime
            // hands the caller's end on.
            self.caller.decided = Some(Received::Started);
            self.resume_caller();
            if self.setting.scenario.program_exits {
                self.hop(self.setting.model.done_reaches_waiter, Step::MainReturns);
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
        let done = ascending(std::mem::take(
            &mut self.caller.deliveries.done_before_attach,
        ));
        for task in done {
            self.hop(self.setting.model.done_reaches_waiter, Step::Notice(task));
        }
    }

    /// The task ended: whoever listens to it is told.
    pub(super) fn task_done(&mut self, task: u32) {
        let failed = !self.tasks[task].cancelled && self.setting.fails(task);
        if failed && self.caller.fails_fast(&self.setting) {
            self.hop(self.setting.model.done_reaches_waiter, Step::FailFast);
        }
        if self.caller.attached {
            self.hop(self.setting.model.done_reaches_waiter, Step::Notice(task));
        } else {
            self.caller.deliveries.done_before_attach.push(task);
        }
    }

    /// Whoever awaits `task` hears that it is done, and may decide that the caller resumes.
    pub(super) fn notice(&mut self, task: u32) {
        if self.caller.decided.is_some() {
            self.abandoned_loop_goes_on(task);
            return;
        }
        if self.setting.rules.callers_own_loop {
            // The completion waits for the caller; one wake-up reads every completion delivered
            // before the caller runs.
            let deliveries = &mut self.caller.deliveries;
            deliveries.delivered.push_back(task);
            if !deliveries.woken {
                deliveries.woken = true;
                self.hop(self.setting.model.done_reaches_waiter, Step::CallerWakes);
            }
            return;
        }
        if let Some(received) = self.hear(task) {
            self.caller.decided = Some(received);
            self.hop(self.setting.model.done_reaches_waiter, Step::ResumeCaller);
        }
    }

    /// After a deadline, cooperative cancellation abandons the caller's one-by-one loop rather than
    /// stopping it: a task that ends by itself, ok, lets the loop create the next, which meets the
    /// cancelled token at its first wait (or, blocking, runs). A cancelled or failed one ends it.
    fn abandoned_loop_goes_on(&mut self, task: u32) {
        let cooperative_after_deadline = self.setting.model.cancellation
            == Cancellation::Cooperative
            && self.caller.decided == Some(Received::TimedOut);
        let ended_ok = !self.tasks[task].cancelled && !self.setting.fails(task);
        let next = task + 1;
        if self.setting.scenario.mode == Mode::Sequential
            && cooperative_after_deadline
            && ended_ok
            && next < self.setting.task_count()
        {
            self.execute(Step::Begin(next));
        }
    }

    /// The caller's own loop runs: it reads the completions delivered so far, in order, and resumes
    /// at once if one of them decides; else it waits for the next delivery.
    pub(super) fn caller_wakes(&mut self) {
        self.caller.deliveries.woken = false;
        if self.caller.decided.is_some() {
            // The deadline passed while the caller was being woken: this step is where it gives up.
            self.resume_caller();
            return;
        }
        while let Some(task) = self.caller.deliveries.delivered.pop_front() {
            if let Some(received) = self.hear(task) {
                self.caller.decided = Some(received);
                self.caller.deliveries.delivered.clear();
                self.resume_caller();
                return;
            }
        }
    }

    /// The awaiting party takes in that `task` is done: what it received, if that lets the caller go on.
    fn hear(&mut self, task: u32) -> Option<Received> {
        let failed = self.caller.takes_in(task, &self.tasks, &self.setting);
        if self.setting.scenario.mode == Mode::Sequential {
            self.sequential_goes_on(task, failed);
            return None;
        }
        self.caller
            .decision(task, failed, &self.tasks, &self.setting)
    }

    /// One after another: the caller's loop ends at a failure, or starts the next task.
    fn sequential_goes_on(&mut self, task: u32, failed: bool) {
        let next = task + 1;
        let received = if failed {
            Some(Received::Error { task })
        } else if next == self.setting.task_count() {
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

    /// The caller goes on with what it decided on, once: the tasks left over meet the idiom's fate.
    pub(super) fn resume_caller(&mut self) {
        let Some(received) = self.caller.decided.clone() else {
            return;
        };
        if std::mem::take(&mut self.caller.after_the_deadline.cancel_at_callers_step) {
            self.cancel_the_rest();
        }
        if self.caller.resume.is_some() {
            return;
        }
        let received = Caller::takes(received, &self.tasks, &self.setting);
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
        if self.setting.rules.leftovers == Leftovers::Cancelled && !timed_out_or_never {
            self.tasks.starting_stopped = true;
            if self.setting.model.cancellation == Cancellation::Drop {
                for task in 0..self.setting.task_count() {
                    if matches!(self.tasks[task].phase, Phase::Waiting | Phase::Woken) {
                        self.drop_task(task);
                    }
                }
            }
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
        let gives_up = self.thread.hands_back();
        if gives_up {
            self.deadline_passes();
        }
        gives_up
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
    fn caller_reaches_its_blocking_call(&mut self) -> bool {
        let spins = self.thread.blocking == BlockedCall::LoopStops;
        if spins {
            self.watchdog_ends_the_run();
        }
        spins
    }

    /// A timer ended and its waiter polls it: says whether the blocked call lets it see that.
    pub(super) fn timer_end_seen(&mut self) -> bool {
        let resumed = self.caller.resume.is_some();
        self.thread.sees_a_timer_end(resumed)
    }

    /// The blocking call returned, so the caller's thread is free: what was posted to it runs now,
    /// in the order it was posted, and what is posted from now on runs as it comes.
    fn callers_thread_is_free(&mut self) {
        for step in self.thread.let_go() {
            self.clock.queue(Hop::Queued, step);
        }
    }
}
