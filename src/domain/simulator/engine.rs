//! The engine: the scenario, the rules it is run by, and the rooms of the simulation (the event
//! loop, the ties, the tasks, the caller and its thread), with the loop that runs steps and the one
//! place that says which room each step belongs to.

use super::caller::{polls_a_fixed_list, Caller};
use super::callers_thread::CallersThread;
use super::event_loop::EventLoop;
use super::step::Step;
use super::task_lifecycle::Tasks;
use super::ties::Ties;
use crate::domain::model::draws::TaskDraw;
use crate::domain::model::language::Language;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::Received;
use crate::domain::semantics::behaviour::{ResumeRule, Semantics};
use crate::domain::semantics::profile::semantics;
use crate::domain::semantics::runtime_model::{runtime_model, Hop, Iteration, RuntimeModel};

pub(super) struct Engine<'a> {
    pub(super) scenario: &'a Scenario,
    pub(super) draws: &'a [TaskDraw],
    pub(super) rules: Semantics,
    pub(super) model: RuntimeModel,
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
        let mut engine = Engine {
            scenario,
            draws,
            rules: semantics(scenario.mode, language),
            model,
            clock: EventLoop::new(polls_a_fixed_list(scenario.mode, &model, count)),
            ties,
            tasks: Tasks::new(scenario, count),
            caller: Caller::new(scenario.mode, &model, count),
            thread: CallersThread::default(),
            log_order: 0,
        };
        engine.caller_begins_blocking(language);
        engine
    }

    pub(super) fn task_count(&self) -> u32 {
        self.draws.len() as u32
    }

    pub(super) fn fails(&self, task: u32) -> bool {
        self.draws[task as usize].fails
    }

    pub(super) fn next_log_order(&mut self) -> u64 {
        self.log_order += 1;
        self.log_order
    }

    /// How many ways of taking its ties this run has (see [`super::tie_variants`]).
    pub(super) fn tie_variants(&self) -> u32 {
        self.ties.variants(&self.model)
    }

    pub(super) fn run(&mut self) {
        if self.blocking_call_raises() {
            return;
        }
        if self.task_count() == 0 {
            self.caller.decided = Some(match self.rules.resume {
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
                if !self.clock.advance_to_next_timer(self.model.threads) {
                    self.watchdog_checks_the_caller();
                    break;
                }
            }
            self.clock.fire_due_timers(&self.model, &mut self.ties);
            let steps = match self.model.iteration {
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
        if self.held_for_the_callers_thread(step) {
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
                self.hop(self.model.deadline_acts, Step::Deadline);
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
