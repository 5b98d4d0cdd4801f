//! The engine: the setting a run is run by and the rooms of the simulation (the event loop, the
//! ties, the tasks, the caller and its thread), each owning its state, with the loop that runs
//! steps and the one place that says which step does what. A step that crosses rooms is written in
//! `task_steps.rs`, `caller_steps.rs` or `cancellation.rs`; no room imports the engine.

use super::caller::{polls_a_fixed_list, Caller};
use super::callers_thread::CallersThread;
use super::event_loop::EventLoop;
use super::setting::Setting;
use super::step::Step;
use super::tasks::Tasks;
use super::ties::Ties;
use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::draws::TaskDraw;
use crate::domain::model::language::Language;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::{Received, Resume, TaskRun};
use crate::domain::semantics::behaviour::ResumeRule;
use crate::domain::semantics::blocking::blocked_call;
use crate::domain::semantics::profile::semantics;
use crate::domain::semantics::runtime_model::{runtime_model, Hop, Iteration};

pub(super) struct Engine<'a> {
    pub(super) setting: Setting<'a>,
    pub(super) clock: EventLoop,
    pub(super) ties: Ties,
    pub(super) tasks: Tasks,
    pub(super) caller: Caller,
    /// On a thread pool: the caller's own thread while it creates the tasks.
    pub(super) thread: CallersThread,
    /// Counts the log lines that matter for outcomes: task ends and the caller's resumption.
    log_order: u64,
}

impl<'a> Engine<'a> {
    pub(super) fn new(
        scenario: &'a Scenario,
        draws: &'a [TaskDraw],
        language: Language,
        variant: u32,
    ) -> Self {
        let mut model = runtime_model(language);
        let ties = Ties::for_variant(variant, &mut model);
        let count = draws.len() as u32;
        let blocking = blocked_call(scenario.caller, scenario.mode, language);
        let mut clock = EventLoop::new(polls_a_fixed_list(scenario.mode, &model, count));
        // A blocked tokio thread drives no timer from the start (its futures are lazy).
        clock.timers_stopped = blocking == BlockedCall::TimersStop;
        Engine {
            setting: Setting {
                scenario,
                draws,
                rules: semantics(scenario.mode, language),
                model,
            },
            clock,
            ties,
            tasks: Tasks::new(scenario, count),
            caller: Caller::new(scenario.mode, &model, count),
            thread: CallersThread::for_call(blocking),
            log_order: 0,
        }
    }

    pub(super) fn next_log_order(&mut self) -> u64 {
        self.log_order += 1;
        self.log_order
    }

    /// How many ways of taking its ties this run has (see [`super::tie_variants`]).
    pub(super) fn tie_variants(&self) -> u32 {
        self.ties.variants(&self.setting.model)
    }

    /// Each task as it ran.
    pub(super) fn task_runs(&self) -> Vec<TaskRun> {
        let unobserved = self.caller.unobserved_end(self.setting.rules.leftovers);
        self.tasks
            .runs(&self.setting, self.caller.resume_order, unobserved)
    }

    /// The caller's resumption, or, if it never resumed, the end of the run.
    pub(super) fn resume_or_now(&self) -> Resume {
        self.caller.resume_or_now(self.clock.now)
    }

    pub(super) fn run(&mut self) {
        if self.blocking_call_raises() {
            return;
        }
        if self.setting.task_count() == 0 {
            self.caller.decided = Some(match self.setting.rules.resume {
                ResumeRule::AtOnce => Received::Started,
                _ => Received::AllOk,
            });
            self.resume_caller();
            return;
        }
        self.caller_starts();
        self.drain_microtasks();
        loop {
            if self.clock.nothing_ready() {
                self.ties.held_until_idle = false;
                if let Some(step) = self.clock.next_last() {
                    self.execute(step);
                    self.drain_microtasks();
                    continue;
                }
                if !self.clock.advance_to_next_timer(self.setting.model.threads) {
                    self.watchdog_checks_the_caller();
                    break;
                }
            }
            self.clock
                .fire_due_timers(&self.setting.model, &mut self.ties);
            let steps = match self.setting.model.iteration {
                Iteration::Snapshot => self.clock.ready_count(),
                Iteration::UntilIdle => usize::MAX,
            };
            for _ in 0..steps {
                let Some(step) = self.clock.next_ready() else {
                    break;
                };
                self.execute(step);
                self.drain_microtasks();
            }
        }
    }

    pub(super) fn drain_microtasks(&mut self) {
        while let Some(step) = self.clock.next_microtask() {
            self.execute(step);
        }
    }

    /// Run `step` where `hop` says: now, or queued on the event loop.
    pub(super) fn hop(&mut self, hop: Hop, step: Step) {
        match hop {
            Hop::Inline => self.execute(step),
            _ => self.clock.queue(hop, step),
        }
    }

    pub(super) fn execute(&mut self, step: Step) {
        // A continuation posted to the blocked caller's thread waits there.
        if self.thread.holds(step) {
            return;
        }
        match step {
            Step::CallerCreates(task) => self.caller_creates(task),
            Step::Begin(task) => self.first_step(task),
            Step::SlotGranted(task) => self.slot_granted(task),
            Step::Fired(task) => self.timer_fired(task),
            Step::Continue(task) => self.goes_on_after_its_wait(task),
            Step::BlockingEnds(task) => self.blocking_ends(task),
            Step::Notice(task) => self.notice(task),
            Step::CallerWakes => self.caller_wakes(),
            Step::FailFast => self.fail_fast_hears_a_failure(),
            Step::ResumeCaller => self.resume_caller(),
            Step::DeadlineFired if self.timer_end_seen() => {
                self.hop(self.setting.model.deadline_acts, Step::Deadline);
            }
            Step::DeadlineFired => {}
            Step::Deadline => self.deadline_reaches_the_caller(),
            Step::MainReturns => self.main_returns(),
            Step::ProgramDies => self.program_dies(),
            Step::Backoff(task) => self.backs_off(task),
            Step::WaitCancelled(task) => self.slot_wait_cancelled(task),
        }
    }
}
