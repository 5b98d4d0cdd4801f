//! A deterministic discrete-event simulation of one event-loop thread, as in a browser, node or asyncio.
//!
//! I/O tasks wait on timers concurrently; a CPU-bound task holds the thread for its whole delay, so
//! timers that fall due meanwhile fire late. Starting tasks is synchronous (promises, C# tasks and
//! `join_all`'s first poll all run each task up to its first await). A task that finishes without
//! awaiting reports back as a microtask, after the tasks started alongside it and before any timer;
//! in Rust the combinator sees it inside the same poll instead, so `select_all`, `select_ok` and
//! `try_join_all` stop polling, and the futures after it never start. Past 30 futures, Rust's
//! `try_join_all` collects through `FuturesOrdered`, which yields results in input order, so a failure
//! reaches the caller only once every earlier future has finished. A C# console program has no single
//! loop: continuations run on the thread pool, so blocking work delays only the thread it runs on (the
//! caller's, while it creates the tasks) and timers complete on time. Cost: O(n log n) in the number of
//! tasks.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use super::draws::{draw_all, TaskDraw};
use super::language::Language;
use super::mode::Mode;
use super::scenario::{Scenario, TaskKind};
use super::semantics::{semantics, FailureReport, Leftovers, ResumeRule, Semantics};
use super::timeline::{Outcome, Received, Resume, Span, TaskRun, Timeline};

/// Above this many futures, `futures`' `try_join_all` switches to `FuturesOrdered` (`join_all::SMALL`).
pub const RUST_SMALL_JOIN: u32 = 30;

/// Predict the run of `scenario` awaited the way `language` does it. The scenario should be valid
/// (see [`Scenario::validate`]); an empty one resumes at once with nothing.
pub fn simulate(scenario: &Scenario, language: Language) -> Timeline {
    let draws = draw_all(scenario);
    let mut loop_state = EventLoop::new(scenario, &draws, language);
    loop_state.run();
    Timeline {
        mode: scenario.mode,
        language,
        tasks: loop_state.runs,
        resume: loop_state.resume.unwrap_or(Resume { at_ms: 0.0, received: Received::AllOk }),
    }
}

struct EventLoop<'a> {
    scenario: &'a Scenario,
    draws: &'a [TaskDraw],
    rules: Semantics,
    /// Virtual time in ms; it only moves forward.
    now: u64,
    /// Pending timers as (due, sequence, task): ties fire in the order they were set.
    timers: BinaryHeap<Reverse<(u64, u64, u32)>>,
    timer_sequence: u64,
    /// Tasks that finished synchronously and will report back before the next timer.
    microtasks: VecDeque<u32>,
    /// Rust polls: a future that completes during a poll is seen at once, not as a microtask.
    completions_seen_in_poll: bool,
    /// Set while the start loop runs, so completions it observes do not start tasks themselves.
    starting_now: bool,
    /// C#: continuations run on the thread pool, so only the caller's thread is ever blocked.
    thread_pool: bool,
    /// Set while the caller creates the first tasks, synchronously, on its own thread.
    initial_batch: bool,
    /// When the caller's thread finished creating the first tasks and could await them.
    caller_free_at: u64,
    /// Results reach the caller in input order (Rust's `try_join_all` over more than 30 futures).
    results_in_input_order: bool,
    /// With results in input order: how many leading tasks have been handed to the caller.
    delivered_prefix: u32,
    settled_flags: Vec<bool>,
    next_to_start: u32,
    running: u32,
    concurrency: u32,
    /// No more tasks start: the loop ended at a failure, or the caller cancelled the rest.
    starting_stopped: bool,
    start_ms: Vec<u64>,
    /// When blocking work finished, which can be before its completion is observed.
    cpu_end_ms: Vec<u64>,
    runs: Vec<TaskRun>,
    settled: u32,
    succeeded: u32,
    /// Failed tasks in the order they failed.
    failures: Vec<u32>,
    resume: Option<Resume>,
}

impl<'a> EventLoop<'a> {
    fn new(scenario: &'a Scenario, draws: &'a [TaskDraw], language: Language) -> Self {
        let rules = semantics(scenario.mode, language);
        let runs = draws
            .iter()
            .map(|draw| TaskRun { span: None, outcome: Outcome::NotStarted, delay_ms: draw.delay_ms, fails: draw.fails })
            .collect();
        EventLoop {
            scenario,
            draws,
            rules,
            now: 0,
            timers: BinaryHeap::new(),
            timer_sequence: 0,
            microtasks: VecDeque::new(),
            completions_seen_in_poll: language == Language::Rust,
            starting_now: false,
            thread_pool: language == Language::CSharp,
            initial_batch: false,
            caller_free_at: 0,
            results_in_input_order: language == Language::Rust
                && scenario.mode == Mode::TryJoinAll
                && scenario.task_count() > RUST_SMALL_JOIN,
            delivered_prefix: 0,
            settled_flags: vec![false; draws.len()],
            next_to_start: 0,
            running: 0,
            concurrency: scenario.concurrency(),
            starting_stopped: false,
            start_ms: vec![0; draws.len()],
            cpu_end_ms: vec![0; draws.len()],
            runs,
            settled: 0,
            succeeded: 0,
            failures: Vec::new(),
            resume: None,
        }
    }

    fn task_count(&self) -> u32 {
        self.draws.len() as u32
    }

    fn run(&mut self) {
        if self.task_count() == 0 {
            self.resume_caller(Received::AllOk);
            return;
        }
        self.initial_batch = true;
        self.start_while_room();
        self.initial_batch = false;
        self.caller_free_at = self.now;
        self.drain_microtasks();
        while let Some(Reverse((due, _, task))) = self.timers.pop() {
            // On one event loop a timer cannot fire while the thread is busy: it fires when the thread is
            // free again. A thread pool has a free thread at the due time.
            self.now = if self.thread_pool { due } else { self.now.max(due) };
            self.settle(task);
            self.drain_microtasks();
        }
    }

    fn start_while_room(&mut self) {
        if self.starting_now {
            return; // the loop below is already running and will see the room
        }
        self.starting_now = true;
        while !self.starting_stopped && self.running < self.concurrency && self.next_to_start < self.task_count() {
            let task = self.next_to_start;
            self.next_to_start += 1;
            self.start(task);
            if self.completions_seen_in_poll {
                self.drain_microtasks();
            }
        }
        self.starting_now = false;
    }

    fn start(&mut self, task: u32) {
        let index = task as usize;
        self.running += 1;
        self.start_ms[index] = self.now;
        let delay = u64::from(self.draws[index].delay_ms);
        match self.scenario.tasks[index].kind {
            TaskKind::Io => self.set_timer(self.now + delay, task),
            TaskKind::Cpu if self.thread_pool && !self.initial_batch => {
                // Started from a continuation, on a pool thread of its own: it blocks nobody else.
                self.cpu_end_ms[index] = self.now + delay;
                self.set_timer(self.now + delay, task);
            }
            TaskKind::Cpu => {
                // Blocking work: the whole thread, and so every other task, waits for it.
                self.now += delay;
                self.cpu_end_ms[index] = self.now;
                if self.thread_pool {
                    // Finished on the caller's thread; whoever waits on it sees it in time order.
                    self.set_timer(self.now, task);
                } else {
                    self.microtasks.push_back(task);
                }
            }
        }
    }

    fn set_timer(&mut self, due: u64, task: u32) {
        self.timer_sequence += 1;
        self.timers.push(Reverse((due, self.timer_sequence, task)));
    }

    fn drain_microtasks(&mut self) {
        while let Some(task) = self.microtasks.pop_front() {
            self.settle(task);
        }
    }

    fn settle(&mut self, task: u32) {
        let index = task as usize;
        self.running -= 1;
        self.settled += 1;
        let failed = self.draws[index].fails;
        // With a thread pool the caller may resume later than the deciding task settled; whatever
        // finished before it got there is an ordinary result, not an abandoned one.
        let before_caller_resumed = match &self.resume {
            None => true,
            Some(resume) => self.thread_pool && (self.now as f64) <= resume.at_ms,
        };
        let outcome = match (before_caller_resumed, self.rules.leftovers) {
            (true, _) if failed => Outcome::Error,
            (true, _) => Outcome::Ok,
            (false, Leftovers::KeepRunning) => Outcome::Abandoned,
            // Finished its work after the caller had already dropped it: the result goes nowhere.
            (false, Leftovers::Cancelled) => Outcome::Cancelled,
        };
        let end_ms = match self.scenario.tasks[index].kind {
            TaskKind::Io => self.now,
            TaskKind::Cpu => self.cpu_end_ms[index],
        };
        self.runs[index].span = Some(Span { start_ms: self.start_ms[index] as f64, end_ms: end_ms as f64 });
        self.runs[index].outcome = outcome;
        if self.resume.is_none() {
            if failed {
                self.failures.push(task);
            } else {
                self.succeeded += 1;
            }
            if let Some(received) = self.decide(task, failed) {
                self.resume_caller(received);
            }
        }
        self.start_while_room();
    }

    /// Whether settling `task` lets the caller resume, and with what.
    fn decide(&mut self, task: u32, failed: bool) -> Option<Received> {
        if self.results_in_input_order {
            return self.decide_in_input_order(task);
        }
        let all_settled = self.settled == self.task_count();
        match self.rules.resume {
            ResumeRule::AllSettled if all_settled => Some(self.all_settled_result()),
            ResumeRule::AllSettled => None,
            ResumeRule::FirstFailure if failed => Some(match self.rules.failure {
                FailureReport::ExceptionGroup => Received::ExceptionGroup { tasks: vec![task] },
                _ => Received::Error { task },
            }),
            ResumeRule::FirstFailure if all_settled => Some(Received::AllOk),
            ResumeRule::FirstFailure => None,
            ResumeRule::FirstSettled => Some(Received::First { task, failed }),
            ResumeRule::FirstSuccess if !failed => Some(Received::FirstSuccess { task }),
            ResumeRule::FirstSuccess if self.failures.len() as u32 == self.task_count() => {
                Some(Received::AllFailed { tasks: self.failures.clone() })
            }
            ResumeRule::FirstSuccess => None,
        }
    }

    /// `FuturesOrdered`: hand over results while the next one in input order is ready; the first failure
    /// handed over ends the wait.
    fn decide_in_input_order(&mut self, task: u32) -> Option<Received> {
        self.settled_flags[task as usize] = true;
        while self.delivered_prefix < self.task_count() && self.settled_flags[self.delivered_prefix as usize] {
            let next = self.delivered_prefix;
            self.delivered_prefix += 1;
            if self.draws[next as usize].fails {
                return Some(Received::Error { task: next });
            }
        }
        (self.delivered_prefix == self.task_count()).then_some(Received::AllOk)
    }

    fn all_settled_result(&self) -> Received {
        if self.failures.is_empty() {
            return Received::AllOk;
        }
        let mut in_task_order = self.failures.clone();
        in_task_order.sort_unstable();
        match self.rules.failure {
            FailureReport::AggregateException => {
                Received::AggregateException { first: in_task_order[0], all: in_task_order }
            }
            _ => Received::Results { failed: in_task_order },
        }
    }

    fn resume_caller(&mut self, received: Received) {
        // The caller awaits only once it has created the tasks; with a thread pool, that can be later.
        let at = if self.thread_pool { self.now.max(self.caller_free_at) } else { self.now };
        self.resume = Some(Resume { at_ms: at as f64, received });
        if self.rules.leftovers == Leftovers::Cancelled {
            self.cancel_the_rest();
        }
    }

    /// Drop every running task now and start no more. Blocking work cannot be interrupted, but none is
    /// running: the thread is busy resuming the caller.
    fn cancel_the_rest(&mut self) {
        self.starting_stopped = true;
        for Reverse((_, _, task)) in self.timers.drain() {
            let index = task as usize;
            // With a thread pool the cancel can come before the caller created the task; such a task
            // is cancelled the moment it starts (Task.Delay with a cancelled token).
            let end_ms = self.now.max(self.start_ms[index]);
            self.runs[index].span = Some(Span { start_ms: self.start_ms[index] as f64, end_ms: end_ms as f64 });
            self.runs[index].outcome = Outcome::Cancelled;
        }
        self.running = self.microtasks.len() as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::named_choice::NamedChoice;
    use crate::domain::scenario::TaskSpec;

    fn scenario(tasks: Vec<TaskSpec>, mode: Mode) -> Scenario {
        Scenario { tasks, mode, limit: 3, seed: 1 }
    }

    fn outcomes(timeline: &Timeline) -> Vec<Outcome> {
        timeline.tasks.iter().map(|task| task.outcome).collect()
    }

    #[test]
    fn ten_calls_of_500_ms_take_5000_one_by_one_and_500_together() {
        let mut canonical = Scenario::default();
        for &language in Language::ALL {
            canonical.mode = Mode::Sequential;
            assert_eq!(simulate(&canonical, language).resume.at_ms, 5000.0, "{language}");
            canonical.mode = Mode::JoinAll;
            assert_eq!(simulate(&canonical, language).resume.at_ms, 500.0, "{language}");
        }
    }

    /// The classic asyncio worker-pool example: 20 jobs of 1-5 s on 3 workers, scheduled by hand.
    #[test]
    fn worker_pool_of_three_matches_a_hand_computed_schedule() {
        let delays = [3, 1, 4, 1, 5, 2, 2, 3, 5, 1, 4, 2, 3, 1, 5, 2, 4, 3, 1, 2].map(|s: u32| s * 1000);
        let tasks = delays.iter().map(|&d| TaskSpec::io(None, d)).collect();
        let timeline = simulate(&scenario(tasks, Mode::Buffered), Language::Python);
        // Workers free at: each job goes to the worker that frees first (ties by start order).
        // t=0: j0(3) j1(1) j2(4); t=1: j3(1) ->2; t=2: j4(5) ->7; t=3: j5(2) ->5; t=4: j6(2) ->6;
        // t=5: j7(3) ->8; t=6: j8(5) ->11; t=7: j9(1) ->8; t=8: j10(4) ->12, j11(2) ->10;
        // t=10: j12(3) ->13; t=11: j13(1) ->12; t=12: j14(5) ->17, j15(2) ->14; t=13: j16(4) ->17;
        // t=14: j17(3) ->17; t=17: j18(1) ->18, j19(2) ->19, and the last worker idles.
        let expected_starts = [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 10, 11, 12, 12, 13, 14, 17, 17];
        let starts: Vec<u32> =
            timeline.tasks.iter().map(|t| (t.span.unwrap().start_ms / 1000.0) as u32).collect();
        assert_eq!(starts, expected_starts);
        assert_eq!(timeline.resume.at_ms, 19_000.0);
    }

    #[test]
    fn cpu_bound_work_makes_a_due_timer_fire_late() {
        let tasks = vec![TaskSpec::io(Some("io"), 100), TaskSpec::io(Some("parse"), 300).cpu()];
        let timeline = simulate(&scenario(tasks, Mode::JoinAll), Language::JavaScript);
        let io = &timeline.tasks[0];
        assert_eq!(io.span, Some(Span { start_ms: 0.0, end_ms: 300.0 }));
        assert_eq!(io.lateness_ms(), Some(200.0));
        assert_eq!(timeline.resume.at_ms, 300.0);
    }

    #[test]
    fn a_cpu_task_started_first_delays_the_start_of_the_next() {
        let tasks = vec![TaskSpec::io(Some("parse"), 200).cpu(), TaskSpec::io(Some("io"), 100)];
        let timeline = simulate(&scenario(tasks, Mode::JoinAll), Language::Rust);
        assert_eq!(timeline.tasks[1].span, Some(Span { start_ms: 200.0, end_ms: 300.0 }));
    }

    fn one_failure() -> Vec<TaskSpec> {
        vec![
            TaskSpec::io(Some("fast"), 100),
            TaskSpec::io(Some("db"), 200).failing(100),
            TaskSpec::io(Some("slow"), 500),
        ]
    }

    #[test]
    fn one_failure_under_each_languages_wait_for_all() {
        let s = scenario(one_failure(), Mode::JoinAll);
        use Outcome::*;

        let rust = simulate(&s, Language::Rust);
        assert_eq!((rust.resume.at_ms, outcomes(&rust)), (500.0, vec![Ok, Error, Ok]));
        assert_eq!(rust.resume.received, Received::Results { failed: vec![1] });

        let csharp = simulate(&s, Language::CSharp);
        assert_eq!((csharp.resume.at_ms, outcomes(&csharp)), (500.0, vec![Ok, Error, Ok]));
        assert_eq!(csharp.resume.received, Received::AggregateException { first: 1, all: vec![1] });

        for language in [Language::JavaScript, Language::Python] {
            let timeline = simulate(&s, language);
            assert_eq!(timeline.resume.at_ms, 200.0, "{language}");
            assert_eq!(timeline.resume.received, Received::Error { task: 1 });
            assert_eq!(outcomes(&timeline), vec![Ok, Error, Abandoned], "{language}");
            assert_eq!(timeline.tasks[2].span.unwrap().end_ms, 500.0, "abandoned tasks run on");
        }
    }

    #[test]
    fn try_join_all_cancels_the_rest_at_the_first_error() {
        let s = scenario(one_failure(), Mode::TryJoinAll);
        for &language in Language::ALL {
            let timeline = simulate(&s, language);
            assert_eq!(timeline.resume.at_ms, 200.0, "{language}");
            assert_eq!(outcomes(&timeline), vec![Outcome::Ok, Outcome::Error, Outcome::Cancelled]);
            assert_eq!(timeline.tasks[2].span.unwrap().end_ms, 200.0);
        }
        let python = simulate(&s, Language::Python);
        assert_eq!(python.resume.received, Received::ExceptionGroup { tasks: vec![1] });
    }

    #[test]
    fn sequential_stops_at_the_first_failure_and_never_starts_the_rest() {
        let timeline = simulate(&scenario(one_failure(), Mode::Sequential), Language::CSharp);
        assert_eq!(timeline.resume.at_ms, 300.0);
        assert_eq!(outcomes(&timeline), vec![Outcome::Ok, Outcome::Error, Outcome::NotStarted]);
        assert_eq!(timeline.tasks[2].span, None);
    }

    #[test]
    fn select_resumes_with_the_first_to_settle_even_a_failure() {
        let tasks = vec![TaskSpec::io(Some("slow"), 300), TaskSpec::io(Some("bad"), 50).failing(100)];
        let s = scenario(tasks, Mode::Select);
        let rust = simulate(&s, Language::Rust);
        assert_eq!(rust.resume.received, Received::First { task: 1, failed: true });
        assert_eq!(outcomes(&rust), vec![Outcome::Cancelled, Outcome::Error]);
        let js = simulate(&s, Language::JavaScript);
        assert_eq!(outcomes(&js), vec![Outcome::Abandoned, Outcome::Error]);
    }

    #[test]
    fn select_ok_skips_failures_and_reports_when_all_fail() {
        let tasks = vec![
            TaskSpec::io(Some("a"), 50).failing(100),
            TaskSpec::io(Some("b"), 80),
            TaskSpec::io(Some("c"), 120),
        ];
        let timeline = simulate(&scenario(tasks.clone(), Mode::SelectOk), Language::JavaScript);
        assert_eq!((timeline.resume.at_ms, timeline.resume.received), (80.0, Received::FirstSuccess { task: 1 }));
        let all_fail: Vec<_> = tasks.into_iter().map(|t| t.failing(100)).collect();
        let timeline = simulate(&scenario(all_fail, Mode::SelectOk), Language::Rust);
        assert_eq!(timeline.resume.at_ms, 120.0);
        assert_eq!(timeline.resume.received, Received::AllFailed { tasks: vec![0, 1, 2] });
    }

    #[test]
    fn python_gather_with_a_semaphore_keeps_starting_queued_tasks_after_raising() {
        let mut tasks = vec![TaskSpec::io(Some("bad"), 10).failing(100)];
        tasks.extend(vec![TaskSpec::io(None, 100); 4]);
        let s = Scenario { limit: 2, ..scenario(tasks, Mode::Buffered) };
        let timeline = simulate(&s, Language::Python);
        assert_eq!(timeline.resume.at_ms, 10.0);
        assert_eq!(timeline.count(Outcome::Abandoned), 4);
        assert_eq!(timeline.tasks[4].span.unwrap().start_ms, 110.0, "queued work still starts");
    }

    /// Every cell of the semantics table on one scenario: fast (100 ms), db (200 ms, always fails),
    /// slow (500 ms), with K = 2 for buffered. Worked out by hand from SEMANTICS.md.
    #[test]
    fn every_mode_and_language_pair_on_one_failing_scenario() {
        use Language::*;
        use Outcome::{Abandoned as A, Cancelled as C, Error as E, NotStarted as N, Ok as O};
        let expected: [(Mode, Language, f64, [Outcome; 3]); 24] = [
            (Mode::Sequential, Rust, 300.0, [O, E, N]),
            (Mode::Sequential, CSharp, 300.0, [O, E, N]),
            (Mode::Sequential, JavaScript, 300.0, [O, E, N]),
            (Mode::Sequential, Python, 300.0, [O, E, N]),
            (Mode::JoinAll, Rust, 500.0, [O, E, O]),
            (Mode::JoinAll, CSharp, 500.0, [O, E, O]),
            (Mode::JoinAll, JavaScript, 200.0, [O, E, A]),
            (Mode::JoinAll, Python, 200.0, [O, E, A]),
            (Mode::TryJoinAll, Rust, 200.0, [O, E, C]),
            (Mode::TryJoinAll, CSharp, 200.0, [O, E, C]),
            (Mode::TryJoinAll, JavaScript, 200.0, [O, E, C]),
            (Mode::TryJoinAll, Python, 200.0, [O, E, C]),
            (Mode::Select, Rust, 100.0, [O, C, C]),
            (Mode::Select, CSharp, 100.0, [O, A, A]),
            (Mode::Select, JavaScript, 100.0, [O, A, A]),
            (Mode::Select, Python, 100.0, [O, A, A]),
            (Mode::SelectOk, Rust, 100.0, [O, C, C]),
            (Mode::SelectOk, CSharp, 100.0, [O, A, A]),
            (Mode::SelectOk, JavaScript, 100.0, [O, A, A]),
            (Mode::SelectOk, Python, 100.0, [O, A, A]),
            (Mode::Buffered, Rust, 600.0, [O, E, O]),
            (Mode::Buffered, CSharp, 600.0, [O, E, O]),
            (Mode::Buffered, JavaScript, 600.0, [O, E, O]),
            (Mode::Buffered, Python, 200.0, [O, E, A]),
        ];
        for (mode, language, resumed_at, outcome) in expected {
            let s = Scenario { limit: 2, ..scenario(one_failure(), mode) };
            let timeline = simulate(&s, language);
            assert_eq!((timeline.resume.at_ms, outcomes(&timeline)), (resumed_at, outcome.to_vec()), "{mode} {language}");
        }
    }

    #[test]
    fn rust_select_all_stops_polling_at_a_future_that_completes_in_its_first_poll() {
        let tasks = vec![
            TaskSpec::io(Some("io"), 100),
            TaskSpec::io(Some("parse"), 50).cpu(),
            TaskSpec::io(Some("later"), 10),
        ];
        let s = scenario(tasks, Mode::Select);
        let rust = simulate(&s, Language::Rust);
        assert_eq!(rust.resume, Resume { at_ms: 50.0, received: Received::First { task: 1, failed: false } });
        assert_eq!(outcomes(&rust), vec![Outcome::Cancelled, Outcome::Ok, Outcome::NotStarted]);
        // JavaScript creates every promise first; the race settles in the microtask after.
        let js = simulate(&s, Language::JavaScript);
        assert_eq!(js.resume.received, Received::First { task: 1, failed: false });
        assert_eq!(outcomes(&js), vec![Outcome::Abandoned, Outcome::Ok, Outcome::Abandoned]);
    }

    #[test]
    fn rust_try_join_all_over_more_than_30_futures_reports_failures_in_input_order() {
        let mut tasks = vec![TaskSpec::io(None, 500); 31];
        tasks[30] = TaskSpec::io(Some("db"), 100).failing(100);
        let timeline = simulate(&scenario(tasks.clone(), Mode::TryJoinAll), Language::Rust);
        assert_eq!(timeline.resume, Resume { at_ms: 500.0, received: Received::Error { task: 30 } });
        assert_eq!(timeline.count(Outcome::Ok), 30);
        // Thirty futures or fewer: the small path fails fast.
        tasks.remove(0);
        let small = simulate(&scenario(tasks, Mode::TryJoinAll), Language::Rust);
        assert_eq!(small.resume.at_ms, 100.0);
        assert_eq!(small.count(Outcome::Cancelled), 29);
    }

    #[test]
    fn csharp_timers_complete_on_time_while_the_caller_blocks() {
        let tasks = vec![TaskSpec::io(Some("io"), 40), TaskSpec::io(Some("parse"), 90).cpu(), TaskSpec::io(Some("late"), 150)];
        let select = simulate(&scenario(tasks.clone(), Mode::Select), Language::CSharp);
        // io finished at 40 on a pool thread; the caller awaits WhenAny only after parse, at 90.
        assert_eq!(select.resume, Resume { at_ms: 90.0, received: Received::First { task: 0, failed: false } });
        assert_eq!(select.tasks[0].span, Some(Span { start_ms: 0.0, end_ms: 40.0 }));
        assert_eq!(select.tasks[2].span, Some(Span { start_ms: 90.0, end_ms: 240.0 }), "created after parse");
        assert_eq!(select.tasks[1].outcome, Outcome::Ok, "parse ended before the caller got to its await");
        // On one event loop the same timer fires late, after the blocking work.
        let js = simulate(&scenario(tasks, Mode::Select), Language::JavaScript);
        assert_eq!(js.tasks[0].span, Some(Span { start_ms: 0.0, end_ms: 90.0 }));
    }

    #[test]
    fn empty_scenario_resumes_at_once() {
        let timeline = simulate(&scenario(vec![], Mode::JoinAll), Language::Rust);
        assert_eq!(timeline.resume, Resume { at_ms: 0.0, received: Received::AllOk });
    }
}
