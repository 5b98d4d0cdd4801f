//! A deterministic discrete-event simulation of how a runtime runs the scenario's tasks, in virtual
//! milliseconds. The semantics table says what the caller's idiom does (when it resumes, what becomes
//! of the tasks left over, how failures reach it); the runtime model says how the language schedules
//! the code around each `await` (`runtime_model.rs`). The simulator reads both and never names a
//! language.
//!
//! The loop holds timers, a queue of runnable steps and a microtask queue. Each step is one of: a
//! task's first step (it logs its start, then blocks the thread, waits on a timer, or finishes), a
//! fired timer, a task going on after its wait (it finishes, or sees a cancellation), the awaiting
//! party hearing that a task is done, the caller going on after its await, and the caller's deadline.
//! The model decides where each of these runs: at once, as a microtask, queued behind what is
//! already runnable, or once nothing else is (tokio's `timeout` and its deadline), and whether an
//! iteration runs only what was queued when it began (asyncio), so that, for example, tasks whose
//! timers fire together with a failing one finish before `gather` hears of the failure.
//! With one loop, blocking work holds every task and timers fire late behind it; with a thread pool
//! it holds only its own thread, and the caller creates its tasks one after another on its own.
//! A task's outcome follows the order in which its end and the caller's resumption happen, as in
//! a program's log. A caller that fires and forgets its tasks goes on as soon as it has created
//! them; the end of its program (a script's `main` returning, node's exit at a rejection nobody
//! handles) then stops, cancels or spares what still runs, as the runtime model says.
//! Cost: O(n log n) in the number of tasks.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use rand_core::RngCore;
use rand_pcg::Pcg32;
use rustc_hash::FxHashMap;

use super::draws::{draw_all, TaskDraw};
use super::language::Language;
use super::mode::Mode;
use super::runtime_model::{
    runtime_model, AtExit, Cancellation, Hop, Iteration, RuntimeModel, Threads, TimerOrder,
    ZeroWait,
};
use super::scenario::{Scenario, TaskKind};
use super::semantics::{semantics, FailureReport, Leftovers, ResumeRule, Semantics};
use super::timeline::{Outcome, Received, Resume, Span, TaskRun, Timeline};

/// Predict the run of `scenario` awaited the way `language` does it. The scenario should be valid
/// (see [`Scenario::validate`]); an empty one resumes at once with nothing.
pub fn simulate(scenario: &Scenario, language: Language) -> Timeline {
    simulate_tie_order(scenario, language, 0)
}

/// The same prediction with a tie that the real runtime settles by a race taken another way.
/// Variant 0 is [`simulate`]. `scripts/differential` accepts the other variants, and says so.
/// - On a thread pool, wake-ups due in the same millisecond run on different threads at once, so
///   which goes first, and whether one's continuation (a cancel, say) reaches the others before they
///   complete, is a race. Variant `v` > 0 runs the tied continuations one at a time: for `v` up to
///   [`TIE_ORDERS`] each tie in an order drawn from `v` (ties at different moments go their own
///   ways), above it every tie rotated by `v - TIE_ORDERS - 1` places.
/// - node's timers have millisecond resolution, and the code between the loop's turns costs time:
///   a timer set in the millisecond the loop turns to its timers may already count as due (after
///   blocking work, that decides which duration's list fires first). Variant 1 sees every timer due
///   within the next millisecond as due. Timers of different durations due in the same millisecond
///   fall due a few ms apart in a real run, in an order its lateness decides: variants 2 and up
///   order each such tie's lists as drawn from the variant number: whole lists one after another
///   (node fires a list whole while its timers are due), or interleaved (a list whose later timers
///   are not due yet waits behind the others).
/// - asyncio takes the timers due when an iteration begins, to the nanosecond, while the simulator
///   counts whole milliseconds and the program's own steps (its logging above all) cost time: timers
///   due in one millisecond but set over more than one real millisecond fire in two iterations, the
///   later ones only once the loop has nothing else to run. Variants up to [`TIE_ORDERS`] cut
///   batches at drawn places; variant `TIE_ORDERS + k` fires the first `k` timers of the first
///   larger batch, and the rest once the loop is idle.
pub fn simulate_tie_order(scenario: &Scenario, language: Language, variant: u32) -> Timeline {
    let variant = if VARIANTS { variant } else { 0 };
    let draws = draw_all(scenario);
    let mut model = runtime_model(language);
    if variant > 0 && model.threads == Threads::Pool {
        model.timer_wakes_task = Hop::Inline;
    }
    let mut engine = Engine::new(scenario, &draws, semantics(scenario.mode, language), model);
    let drawn_order = || Some(Pcg32::new(u64::from(variant), 0));
    if model.threads == Threads::Pool && variant > 0 {
        match variant.checked_sub(TIE_ORDERS + 1) {
            Some(rotation) => engine.tie_rotation = rotation,
            None => engine.tie_order = drawn_order(),
        }
    }
    if variant == 1 && model.timer_order == TimerOrder::PerDuration {
        engine.timers_seen_late_ms = 1;
    }
    if variant > 1 && model.timer_order == TimerOrder::PerDuration {
        engine.tie_order = drawn_order();
    }
    if variant > 0 && model.iteration == Iteration::Snapshot {
        match variant.checked_sub(TIE_ORDERS) {
            Some(first_held) if first_held > 0 => {
                engine.split_batch_after = Some(first_held as usize)
            }
            _ => engine.tie_order = drawn_order(),
        }
    }
    engine.run();
    Timeline {
        mode: scenario.mode,
        language,
        tasks: engine.task_runs(),
        resume: engine.resume_or_now(),
    }
}

/// How many variants [`simulate_tie_order`] has for `scenario`: 1 where no timers tie; on an asyncio
/// loop as many as the largest number of timers that fall due together; on a pool [`TIE_ORDERS`]
/// more than that, plus one; for node's timers 2, and [`TIE_ORDERS`] more where timers of different
/// durations tie.
pub fn tie_variants(scenario: &Scenario, language: Language) -> u32 {
    let model = runtime_model(language);
    let draws = draw_all(scenario);
    let mut engine = Engine::new(scenario, &draws, semantics(scenario.mode, language), model);
    engine.run();
    if model.timer_order == TimerOrder::PerDuration {
        return 2 + if engine.cross_duration_tie_met {
            TIE_ORDERS
        } else {
            0
        };
    }
    match (engine.largest_tie, model.threads) {
        (0 | 1, _) => 1,
        (tie, Threads::Pool) => 1 + TIE_ORDERS + tie,
        (tie, Threads::OneLoop) => TIE_ORDERS + tie,
    }
}

/// Whether this build can take ties another way. Only the native harness asks for a variant; the
/// page's wasm leaves their code out, a few kB of every reader's download.
const VARIANTS: bool = cfg!(not(target_arch = "wasm32"));

/// How many drawn orders of tied timers the harness tries, after the systematic variants. Each is
/// simulated only for a case that disagrees, so many cost little.
pub const TIE_ORDERS: u32 = 128;

/// Fisher and Yates's shuffle, drawing from `order`.
fn shuffle<T>(items: &mut [T], order: &mut Pcg32) {
    for last in (1..items.len()).rev() {
        items.swap(last, order.next_u32() as usize % (last + 1));
    }
}

/// One runnable piece of the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    /// The task's first step: it takes a pool slot if it needs one, logs its start and begins its work.
    Begin(u32),
    /// The task's timer fired.
    Fired(u32),
    /// The task goes on after its wait: it finishes, or meets a cancellation.
    Continue(u32),
    /// Blocking work on a pool thread ends.
    BlockingEnds(u32),
    /// The task got a pool slot after waiting for one.
    SlotGranted(u32),
    /// Whoever awaits the task hears that it is done.
    Notice(u32),
    /// The caller's own loop over completions wakes and reads every completion delivered to it.
    CallerWakes,
    /// Fail fast: the listener attached to a task when it was created hears that it failed.
    FailFast,
    /// The caller goes on after its await.
    ResumeCaller,
    /// On a thread pool: the caller's thread creates the task (after blocking work, it goes on here).
    CallerCreates(u32),
    /// The caller's deadline timer fired.
    DeadlineFired,
    /// The deadline reaches the caller: unless it has resumed, it stops waiting.
    Deadline,
    /// The caller that fired and forgot its tasks returns, and the program with it.
    MainReturns,
    /// The program ends under its tasks (see [`Engine::program_dies`]).
    ProgramDies,
    /// The task's retry loop, told its attempt failed, waits the backoff before the next.
    Backoff(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
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
struct TaskState {
    phase: Phase,
    start: Option<u64>,
    end: u64,
    /// Where the task's end falls among the log's lines; compared with the caller's resumption.
    end_order: u64,
    cancelled: bool,
    /// A cancellation is due at the task's next step.
    must_cancel: bool,
    /// The attempt under way, from 1.
    attempt: u8,
    attempt_start: u64,
    /// Its wait is the backoff before a retry, not its work.
    backing_off: bool,
}

struct Engine<'a> {
    scenario: &'a Scenario,
    draws: &'a [TaskDraw],
    rules: Semantics,
    model: RuntimeModel,
    now: u64,
    /// Timers as (due, sequence, duration, step): ties fire in the order they were set.
    timers: BinaryHeap<Reverse<(u64, u64, u64, Step)>>,
    timer_sequence: u64,
    ready: VecDeque<Step>,
    microtasks: VecDeque<Step>,
    /// Steps that run once nothing else is runnable at this moment ([`Hop::Last`]).
    last: VecDeque<Step>,
    tasks: Vec<TaskState>,
    /// The tasks that ended failed by themselves, in the order they ended.
    ended_failed: Vec<u32>,
    /// Per task, the attempts that failed and were tried again, as (start, end); empty, not a list
    /// of empty lists, without retries, so that a million tasks cost nothing more.
    retried_attempts: Vec<Vec<(u64, u64)>>,
    /// Counts the log lines that matter for outcomes: task ends and the caller's resumption.
    log_order: u64,
    /// The awaiting party listens: tasks done before then are heard of, in input order, when it starts.
    attached: bool,
    done_before_attach: Vec<u32>,
    /// On a thread pool: the task the caller's thread is blocked in while creating tasks.
    caller_blocked_in: Option<u32>,
    /// On a thread pool: the next task the caller's thread will create.
    next_to_create: u32,
    /// The caller's deadline passed before it began to await.
    deadline_passed_while_creating: bool,
    /// One after another on a thread pool: the caller's own thread runs the loop (a hot task runs
    /// synchronously until its first await) until a task truly waits; only then does the caller
    /// reach the `Task.WhenAny` that watches its deadline.
    loop_on_callers_thread: bool,
    /// The deadline passed, and the caller cancels the tasks itself when it next runs.
    cancel_at_callers_step: bool,
    /// The deadline cancelled the tasks still running, and the next completion heard decides
    /// (see [`Semantics::deadline_waits_for_the_next_completion`]).
    open_after_the_deadline: bool,
    /// When the caller reached its await: it cannot resume before.
    caller_free_at: u64,
    free_slots: u32,
    slot_queue: VecDeque<u32>,
    /// No more tasks start: the loop ended at a failure, or the caller dropped the rest.
    starting_stopped: bool,
    /// C#-style cooperative cancellation has been requested: waits created from now on stop at once.
    token_cancelled: bool,
    noticed: u32,
    /// Failed tasks in the order the awaiting party heard of them.
    failures: Vec<u32>,
    /// Results handed over in input order (a fail-fast join past the model's threshold): how many.
    delivered_prefix: u32,
    in_input_order: bool,
    /// Completions delivered to the caller's own loop and not yet read by it.
    delivered: VecDeque<u32>,
    /// The caller's own loop has been woken and will read `delivered`.
    caller_woken: bool,
    decided: Option<Received>,
    resume: Option<Resume>,
    resume_order: u64,
    /// How many failures the fail-fast listeners have heard of: the first cancels the rest.
    failures_seen_by_fail_fast: u32,
    /// How far to rotate a tie of pool wake-ups (see [`simulate_tie_order`]).
    tie_rotation: u32,
    largest_tie: u32,
    /// How far past now a timer may be due and still fire (see [`simulate_tie_order`]).
    timers_seen_late_ms: u64,
    /// Split the first batch of timers larger than this (see [`simulate_tie_order`]).
    split_batch_after: Option<usize>,
    /// Timers held back from a split batch: none fires until the loop is idle.
    timers_held_until_idle: bool,
    /// node: timers of different durations fell due in the same millisecond.
    cross_duration_tie_met: bool,
    /// The order ties are taken in: node's lists across durations, a pool's wake-ups (see
    /// [`simulate_tie_order`]).
    tie_order: Option<Pcg32>,
}

impl<'a> Engine<'a> {
    fn new(
        scenario: &'a Scenario,
        draws: &'a [TaskDraw],
        rules: Semantics,
        model: RuntimeModel,
    ) -> Self {
        let count = draws.len() as u32;
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
        };
        Engine {
            scenario,
            draws,
            rules,
            model,
            now: 0,
            timers: BinaryHeap::new(),
            timer_sequence: 0,
            ready: VecDeque::new(),
            microtasks: VecDeque::new(),
            last: VecDeque::new(),
            tasks: vec![fresh; draws.len()],
            ended_failed: Vec::new(),
            retried_attempts: match scenario.retry.retries {
                0 => Vec::new(),
                _ => vec![Vec::new(); draws.len()],
            },
            log_order: 0,
            attached: false,
            done_before_attach: Vec::new(),
            caller_blocked_in: None,
            loop_on_callers_thread: false,
            next_to_create: 0,
            deadline_passed_while_creating: false,
            cancel_at_callers_step: false,
            open_after_the_deadline: false,
            caller_free_at: 0,
            free_slots: scenario.concurrency(),
            slot_queue: VecDeque::new(),
            starting_stopped: false,
            token_cancelled: false,
            noticed: 0,
            failures: Vec::new(),
            delivered_prefix: 0,
            in_input_order: scenario.mode == Mode::TryJoinAll
                && model
                    .in_input_order_above
                    .is_some_and(|threshold| count > threshold),
            delivered: VecDeque::new(),
            caller_woken: false,
            decided: None,
            resume: None,
            resume_order: u64::MAX,
            failures_seen_by_fail_fast: 0,
            tie_rotation: 0,
            largest_tie: 1,
            timers_seen_late_ms: 0,
            split_batch_after: None,
            timers_held_until_idle: false,
            cross_duration_tie_met: false,
            tie_order: None,
        }
    }

    fn task_count(&self) -> u32 {
        self.draws.len() as u32
    }

    fn fails(&self, task: u32) -> bool {
        self.draws[task as usize].fails
    }

    fn next_log_order(&mut self) -> u64 {
        self.log_order += 1;
        self.log_order
    }

    fn run(&mut self) {
        if self.task_count() == 0 {
            self.decided = Some(match self.rules.resume {
                ResumeRule::AtOnce => Received::Started,
                _ => Received::AllOk,
            });
            self.resume_caller();
            return;
        }
        self.caller_starts();
        self.drain_microtasks();
        loop {
            if self.ready.is_empty() {
                self.timers_held_until_idle = false;
                if let Some(step) = self.last.pop_front() {
                    self.execute(step);
                    self.drain_microtasks();
                    continue;
                }
                let Some(Reverse((due, ..))) = self.timers.peek() else {
                    break;
                };
                // On one loop a timer cannot fire while the thread is busy; a pool has a free thread.
                self.now = match self.model.threads {
                    Threads::OneLoop => self.now.max(*due),
                    Threads::Pool => *due,
                };
            }
            self.fire_due_timers();
            let steps = match self.model.iteration {
                Iteration::Snapshot => self.ready.len(),
                Iteration::UntilIdle => usize::MAX,
            };
            for _ in 0..steps {
                let Some(step) = self.ready.pop_front() else {
                    break;
                };
                self.execute(step);
                self.drain_microtasks();
            }
        }
    }

    /// Move every timer due by now into the runnable queue, behind what is already there.
    fn fire_due_timers(&mut self) {
        if self.timers_held_until_idle {
            return;
        }
        let mut due_now = Vec::new();
        let mut sequences = Vec::new();
        while let Some(&Reverse((due, sequence, duration, step))) = self.timers.peek() {
            let is_due = match self.model.threads {
                Threads::OneLoop => due <= self.now + self.timers_seen_late_ms,
                Threads::Pool => due == self.now,
            };
            if !is_due {
                break;
            }
            if VARIANTS && self.split_batch_after == Some(due_now.len()) {
                // The rest of this batch was set a moment later than these, past this iteration.
                self.split_batch_after = None;
                self.timers_held_until_idle = true;
                break;
            }
            self.timers.pop();
            due_now.push((due, duration, step));
            sequences.push(sequence);
        }
        self.split_at_a_drawn_timer(&mut due_now, &sequences);
        if self.model.timer_order == TimerOrder::PolledInInputOrder && self.polls_a_fixed_list() {
            // The tasks' wake-ups in input order, then anything else as it fell due. (Sorting bare
            // indices reuses the one sort of `u32`s the wasm already holds.)
            let mut woken: Vec<u32> = due_now
                .iter()
                .filter_map(|&(_, _, step)| match step {
                    Step::Fired(task) => Some(task),
                    _ => None,
                })
                .collect();
            woken.sort_unstable();
            let others = due_now
                .iter()
                .copied()
                .filter(|&(_, _, step)| !matches!(step, Step::Fired(_)));
            due_now = woken
                .into_iter()
                .map(|task| (0, 0, Step::Fired(task)))
                .chain(others)
                .collect();
        }
        let one_duration = due_now.windows(2).all(|pair| pair[0].1 == pair[1].1);
        if self.model.timer_order == TimerOrder::PerDuration && !one_duration {
            // Each duration's list fires whole, the lists in the order their first timers fell due;
            // buckets keep this linear, since one batch can hold a million timers.
            let mut list_of_duration: FxHashMap<u64, usize> = FxHashMap::default();
            let mut lists: Vec<Vec<(u64, u64, Step)>> = Vec::new();
            for timer in due_now.drain(..) {
                let list = *list_of_duration.entry(timer.1).or_insert_with(|| {
                    lists.push(Vec::new());
                    lists.len() - 1
                });
                lists[list].push(timer);
            }
            // Timers of one duration fall due in the order they were set, so each list is in order.
            due_now.extend(lists.into_iter().flatten());
            if !self.cross_duration_tie_met || self.tie_order.is_some() {
                self.merge_ties_across_durations(&mut due_now);
            }
        }
        if self.model.iteration == Iteration::Snapshot {
            self.largest_tie = self.largest_tie.max(due_now.len() as u32);
        }
        if self.model.threads == Threads::Pool && due_now.len() > 1 {
            self.largest_tie = self.largest_tie.max(due_now.len() as u32);
            match self.tie_order.as_mut().filter(|_| VARIANTS) {
                Some(order) => shuffle(&mut due_now, order),
                None => {
                    let rotation = self.tie_rotation as usize % due_now.len();
                    due_now.rotate_left(rotation);
                }
            }
        }
        self.ready
            .extend(due_now.into_iter().map(|(_, _, step)| step));
    }

    /// asyncio, in a drawn variant of [`simulate_tie_order`]: half the time, a batch of timers is cut
    /// after a drawn one (early in the batch as often as anywhere), and the rest go back to wait until the loop is idle, as timers set later
    /// than the loop's snapshot (in real time, within the same millisecond) do.
    fn split_at_a_drawn_timer(&mut self, due_now: &mut Vec<(u64, u64, Step)>, sequences: &[u64]) {
        if !VARIANTS || self.model.iteration != Iteration::Snapshot || due_now.len() < 2 {
            return;
        }
        let Some(order) = self.tie_order.as_mut() else {
            return;
        };
        if order.next_u32() % 2 == 0 {
            return;
        }
        // Half the cuts fall after one of the first three timers: in a real run the timers set a
        // millisecond early are usually few, those the program set before its logging caught up.
        let places = if order.next_u32() % 2 == 0 {
            (due_now.len() - 1).min(3)
        } else {
            due_now.len() - 1
        };
        let first_held = 1 + order.next_u32() as usize % places;
        for ((due, duration, step), &sequence) in
            due_now.drain(first_held..).zip(&sequences[first_held..])
        {
            self.timers.push(Reverse((due, sequence, duration, step)));
        }
        self.timers_held_until_idle = true;
    }

    /// node's timers of different durations that the simulator has due in the same millisecond fall
    /// due a few ms apart in a real run, in an order its lateness decides. Records that the run met
    /// such a tie; in a variant of [`simulate_tie_order`], merges each tie's lists in an order drawn
    /// from the variant, each list still in the order its timers were set.
    fn merge_ties_across_durations(&mut self, due_now: &mut [(u64, u64, Step)]) {
        // Each due time, the first duration due then, and whether another was; found through a map
        // of the same type as `fire_due_timers`'s, which the page's wasm then carries once.
        let mut index_of_due: FxHashMap<u64, usize> = FxHashMap::default();
        let mut dues: Vec<(u64, u64, bool)> = Vec::new();
        for &(due, duration, _) in due_now.iter() {
            let index = *index_of_due.entry(due).or_insert_with(|| {
                dues.push((due, duration, false));
                dues.len() - 1
            });
            dues[index].2 |= dues[index].1 != duration;
        }
        let mut tied_dues: Vec<u64> = dues
            .iter()
            .filter(|&&(_, _, mixed)| mixed)
            .map(|&(due, _, _)| due)
            .collect();
        if tied_dues.is_empty() {
            return;
        }
        self.cross_duration_tie_met = true;
        let Some(order) = self.tie_order.as_mut().filter(|_| VARIANTS) else {
            return;
        };
        tied_dues.sort_unstable();
        for due in tied_dues {
            let positions: Vec<usize> = (0..due_now.len())
                .filter(|&i| due_now[i].0 == due)
                .collect();
            let mut lists: Vec<VecDeque<(u64, u64, Step)>> = Vec::new();
            for &i in &positions {
                match lists.iter_mut().find(|list| list[0].1 == due_now[i].1) {
                    Some(list) => list.push_back(due_now[i]),
                    None => lists.push(VecDeque::from([due_now[i]])),
                }
            }
            if order.next_u32() % 2 == 0 {
                shuffle(&mut lists, order);
                let whole_lists = lists.into_iter().flatten();
                for (&position, timer) in positions.iter().zip(whole_lists) {
                    due_now[position] = timer;
                }
                continue;
            }
            for &position in &positions {
                let open: Vec<usize> = (0..lists.len()).filter(|&l| !lists[l].is_empty()).collect();
                let list = open[order.next_u32() as usize % open.len()];
                due_now[position] = lists[list].pop_front().expect("an open list");
            }
        }
    }

    /// Whether the combinator polls a fixed list of futures, in input order, rather than a pool.
    fn polls_a_fixed_list(&self) -> bool {
        let pooled_join = matches!(
            self.scenario.mode,
            Mode::JoinAll | Mode::AllSettled | Mode::TryJoinAll
        ) && self
            .model
            .in_input_order_above
            .is_some_and(|threshold| self.task_count() > threshold);
        !matches!(self.scenario.mode, Mode::Buffered | Mode::FireAndForget) && !pooled_join
    }

    fn drain_microtasks(&mut self) {
        while let Some(step) = self.microtasks.pop_front() {
            self.execute(step);
        }
    }

    fn hop(&mut self, hop: Hop, step: Step) {
        match hop {
            Hop::Inline => self.execute(step),
            Hop::Microtask => self.microtasks.push_back(step),
            Hop::Queued => self.ready.push_back(step),
            Hop::Last => self.last.push_back(step),
        }
    }

    fn set_timer(&mut self, duration: u64, step: Step) {
        self.timer_sequence += 1;
        self.timers.push(Reverse((
            self.now + duration,
            self.timer_sequence,
            duration,
            step,
        )));
    }

    /// The caller's code up to its await: it sets its deadline, if it has one (every program does so
    /// before it creates the tasks), then creates the tasks (or, one after another, the first).
    fn caller_starts(&mut self) {
        if let Some(timeout) = self.scenario.deadline_ms() {
            let timer = self.model.timer_ms(u64::from(timeout));
            self.set_timer(timer, Step::DeadlineFired);
        }
        if self.scenario.mode == Mode::Sequential {
            self.attached = true;
            self.loop_on_callers_thread = self.model.threads == Threads::Pool;
            self.execute(Step::Begin(0));
            return;
        }
        self.attached = self.model.combinator_starts_tasks;
        match self.model.threads {
            Threads::Pool => self.execute(Step::CallerCreates(0)),
            Threads::OneLoop => {
                for task in 0..self.task_count() {
                    self.hop(self.model.task_start, Step::Begin(task));
                }
                self.attach();
            }
        }
    }

    /// The awaiting party starts listening; it hears at once of the tasks already done, in input order.
    fn attach(&mut self) {
        self.caller_free_at = self.now;
        if self.rules.resume == ResumeRule::AtOnce {
            // Fire and forget: the caller goes on at once; a script's end follows as the runtime
            // hands the caller's end on.
            self.decided = Some(Received::Started);
            self.resume_caller();
            if self.scenario.program_exits {
                self.hop(self.model.done_reaches_waiter, Step::MainReturns);
            }
            return;
        }
        if self.attached {
            return;
        }
        self.attached = true;
        if std::mem::take(&mut self.deadline_passed_while_creating) {
            // The deadline is the first task the caller's `WhenAny` is handed, so it wins over
            // tasks that finished meanwhile.
            self.deadline_passes();
        }
        let mut done = std::mem::take(&mut self.done_before_attach);
        done.sort_unstable();
        for task in done {
            self.hop(self.model.done_reaches_waiter, Step::Notice(task));
        }
    }

    fn execute(&mut self, step: Step) {
        match step {
            Step::CallerCreates(task) => self.caller_creates(task),
            Step::Begin(task) => self.first_step(task),
            Step::SlotGranted(task) if self.tasks[task as usize].must_cancel => {
                // Cancelled while it waited for a slot: it never starts.
                self.tasks[task as usize].phase = Phase::Done;
                self.tasks[task as usize].cancelled = true;
            }
            Step::SlotGranted(task) => self.begin_work(task),
            Step::Fired(task) => {
                if self.tasks[task as usize].phase == Phase::Waiting {
                    self.tasks[task as usize].phase = Phase::Woken;
                    self.hop(self.model.timer_wakes_task, Step::Continue(task));
                }
            }
            Step::Continue(task) => {
                let state = self.tasks[task as usize];
                if state.phase != Phase::Woken {
                    return; // dropped or cancelled meanwhile
                }
                if state.must_cancel {
                    self.end_cancelled(task);
                } else {
                    self.wait_over(task);
                }
            }
            Step::BlockingEnds(task) => {
                let held_the_caller = self.caller_blocked_in == Some(task);
                if held_the_caller {
                    self.caller_blocked_in = None;
                }
                self.finish(task);
                // A retry with no backoff may block the caller's thread again.
                if held_the_caller && self.caller_blocked_in.is_none() {
                    self.execute(Step::CallerCreates(task + 1));
                }
            }
            Step::Notice(task) => self.notice(task),
            Step::CallerWakes => self.caller_wakes(),
            Step::FailFast => {
                self.failures_seen_by_fail_fast += 1;
                if self.failures_seen_by_fail_fast == 1 {
                    self.cancel_the_rest();
                }
            }
            Step::ResumeCaller => self.resume_caller(),
            Step::DeadlineFired => self.hop(self.model.deadline_acts, Step::Deadline),
            // On a pool, a deadline passing while the caller's thread still creates tasks acts only
            // once the caller awaits it.
            Step::Deadline if !self.attached || self.loop_on_callers_thread => {
                self.deadline_passed_while_creating = true;
            }
            Step::Deadline => self.deadline_passes(),
            Step::MainReturns => match self.model.at_exit {
                AtExit::Stop => self.program_dies(),
                AtExit::Cancel => self.cancel_the_rest(),
                AtExit::WaitForTimers => {}
            },
            Step::ProgramDies => self.program_dies(),
            Step::Backoff(task) => {
                let state = self.tasks[task as usize];
                if state.phase == Phase::Woken {
                    let wait = self.scenario.retry.wait_before_retry_ms(state.attempt - 1);
                    self.wait(task, u64::from(wait));
                }
            }
        }
    }

    /// On a thread pool, the caller's thread creates the tasks in order; blocking work at a task's
    /// start holds the caller there, so the tasks after it are created only once it returns.
    fn caller_creates(&mut self, first: u32) {
        for task in first..self.task_count() {
            self.next_to_create = task + 1;
            self.execute(Step::Begin(task));
            if self.caller_blocked_in.is_some() {
                return;
            }
        }
        self.attach();
    }

    fn first_step(&mut self, task: u32) {
        let index = task as usize;
        if self.tasks[index].phase != Phase::NotStarted {
            return;
        }
        if self.starting_stopped || self.tasks[index].must_cancel {
            // Dropped before its first poll, or cancelled before its first step: it never starts.
            self.tasks[index].phase = Phase::Done;
            self.tasks[index].cancelled = true;
            if self.tasks[index].must_cancel {
                self.hop(self.model.done_reaches_waiter, Step::Notice(task));
            }
            return;
        }
        if self.scenario.mode == Mode::Buffered {
            if self.free_slots == 0 || !self.slot_queue.is_empty() {
                self.slot_queue.push_back(task);
                return;
            }
            self.free_slots -= 1;
        }
        self.begin_work(task);
    }

    /// The task logs its start and begins its first attempt.
    fn begin_work(&mut self, task: u32) {
        self.tasks[task as usize].start = Some(self.now);
        self.begin_attempt(task);
    }

    /// One attempt at the task's work: blocking, a timer, or nothing to wait for.
    fn begin_attempt(&mut self, task: u32) {
        let index = task as usize;
        self.tasks[index].attempt_start = self.now;
        let delay = u64::from(self.draws[index].delay_ms);
        match self.scenario.tasks[index].kind {
            TaskKind::Cpu => match self.model.threads {
                Threads::OneLoop => {
                    self.now += delay;
                    self.finish(task);
                }
                Threads::Pool => {
                    // Blocking work holds only the thread it runs on; if that is the caller's thread
                    // during creation, the caller waits for it.
                    self.tasks[index].phase = Phase::Blocking;
                    if self.next_to_create == task + 1 && !self.attached {
                        self.caller_blocked_in = Some(task);
                    }
                    self.set_timer(delay, Step::BlockingEnds(task));
                }
            },
            TaskKind::Io => self.wait(task, delay),
        }
    }

    /// The task awaits a timer of `delay` ms: its work, or the backoff before a retry.
    fn wait(&mut self, task: u32, delay: u64) {
        let index = task as usize;
        if self.token_cancelled {
            // Task.Delay with a cancelled token is cancelled before it waits.
            self.tasks[index].phase = Phase::Woken;
            self.end_cancelled(task);
            return;
        }
        self.tasks[index].phase = Phase::Waiting;
        match (delay, self.model.zero_wait) {
            (0, ZeroWait::Completed) => {
                self.tasks[index].phase = Phase::Woken;
                self.wait_over(task);
            }
            (0, ZeroWait::Yield) => {
                self.tasks[index].phase = Phase::Woken;
                self.hop(Hop::Queued, Step::Continue(task));
                self.loop_hands_back_the_callers_thread();
            }
            _ => {
                self.set_timer(self.model.timer_ms(delay), Step::Fired(task));
                self.loop_hands_back_the_callers_thread();
            }
        }
    }

    /// A loop running on the caller's thread returns to the caller, as a task first truly waits or
    /// the loop ends. The caller's `Task.WhenAny` is handed the deadline first, so one that passed
    /// meanwhile wins, even over a loop already done: it gives up now. Says whether it did.
    fn loop_hands_back_the_callers_thread(&mut self) -> bool {
        let gives_up = std::mem::take(&mut self.loop_on_callers_thread)
            && std::mem::take(&mut self.deadline_passed_while_creating);
        if gives_up {
            self.deadline_passes();
        }
        gives_up
    }

    /// The task goes on after its wait: its attempt is over, or its backoff, and it tries again.
    fn wait_over(&mut self, task: u32) {
        let state = &mut self.tasks[task as usize];
        if std::mem::take(&mut state.backing_off) {
            self.begin_attempt(task);
        } else {
            self.finish(task);
        }
    }

    /// A failed attempt with a retry left: the task keeps it on record and waits its backoff.
    fn retries(&mut self, task: u32) -> bool {
        let index = task as usize;
        let state = &mut self.tasks[index];
        // Every attempt before the drawn number of attempts fails.
        if state.attempt >= self.draws[index].attempts {
            return false;
        }
        self.retried_attempts[index].push((state.attempt_start, self.now));
        state.attempt += 1;
        state.backing_off = true;
        state.phase = Phase::Woken;
        self.hop(self.model.retry_loop_resumes, Step::Backoff(task));
        true
    }

    /// The task's attempt ends by itself: it tries again, or the task ends, ok or failed.
    fn finish(&mut self, task: u32) {
        if self.retries(task) {
            return;
        }
        let index = task as usize;
        self.tasks[index].phase = Phase::Done;
        self.tasks[index].end = self.now;
        self.tasks[index].end_order = self.next_log_order();
        if self.fails(task) {
            self.ended_failed.push(task);
            if self.model.unobserved_failure_ends_program
                && self.rules.leftovers == Leftovers::Detached
            {
                self.hop(Hop::Microtask, Step::ProgramDies);
            }
        }
        self.release_slot();
        self.task_done(task);
    }

    /// The task ends by a cancellation: it stops where it waited.
    fn end_cancelled(&mut self, task: u32) {
        let index = task as usize;
        self.tasks[index].phase = Phase::Done;
        self.tasks[index].cancelled = true;
        self.tasks[index].end = self.now.max(self.tasks[index].start.unwrap_or(self.now));
        self.release_slot();
        self.task_done(task);
    }

    /// A finished task frees its pool slot: the next task waiting for one gets it, else it is free.
    fn release_slot(&mut self) {
        if self.scenario.mode != Mode::Buffered {
            return;
        }
        match self.slot_queue.pop_front() {
            Some(next) if !self.starting_stopped => {
                self.hop(self.model.freed_slot_starts_next, Step::SlotGranted(next));
            }
            _ => self.free_slots += 1,
        }
    }

    fn task_done(&mut self, task: u32) {
        // Fail fast listens to each task from its creation (a wrapper, a done callback); dropping
        // futures instead happens when the caller resumes.
        let fails_fast = self.scenario.mode == Mode::TryJoinAll
            && !self.in_input_order
            && self.model.cancellation != Cancellation::Drop;
        if fails_fast && !self.tasks[task as usize].cancelled && self.fails(task) {
            self.hop(self.model.done_reaches_waiter, Step::FailFast);
        }
        if self.attached {
            self.hop(self.model.done_reaches_waiter, Step::Notice(task));
        } else {
            self.done_before_attach.push(task);
        }
    }

    /// Whoever awaits `task` hears that it is done, and may decide that the caller resumes.
    fn notice(&mut self, task: u32) {
        if self.decided.is_some() {
            self.abandoned_loop_goes_on(task);
            return;
        }
        if self.rules.callers_own_loop {
            // The completion waits for the caller; one wake-up reads every completion delivered
            // before the caller runs.
            self.delivered.push_back(task);
            if !self.caller_woken {
                self.caller_woken = true;
                self.hop(self.model.done_reaches_waiter, Step::CallerWakes);
            }
            return;
        }
        if let Some(received) = self.hear(task) {
            self.decided = Some(received);
            self.hop(self.model.done_reaches_waiter, Step::ResumeCaller);
        }
    }

    /// After a deadline, cooperative cancellation abandons the caller's one-by-one loop rather than
    /// stopping it: a task that ends by itself, ok, lets the loop create the next, which meets the
    /// cancelled token at its first wait (or, blocking, runs). A cancelled or failed one ends it.
    fn abandoned_loop_goes_on(&mut self, task: u32) {
        let cooperative_after_deadline = self.model.cancellation == Cancellation::Cooperative
            && self.decided == Some(Received::TimedOut);
        let ended_ok = !self.tasks[task as usize].cancelled && !self.fails(task);
        let next = task + 1;
        if self.scenario.mode == Mode::Sequential
            && cooperative_after_deadline
            && ended_ok
            && next < self.task_count()
        {
            self.execute(Step::Begin(next));
        }
    }

    /// The caller's own loop runs: it reads the completions delivered so far, in order, and resumes
    /// at once if one of them decides; else it waits for the next delivery.
    fn caller_wakes(&mut self) {
        self.caller_woken = false;
        if self.decided.is_some() {
            // The deadline passed while the caller was being woken: this step is where it gives up.
            self.resume_caller();
            return;
        }
        while let Some(task) = self.delivered.pop_front() {
            if let Some(received) = self.hear(task) {
                self.decided = Some(received);
                self.delivered.clear();
                self.resume_caller();
                return;
            }
        }
    }

    /// The awaiting party takes in that `task` is done: what it received, if that lets the caller go on.
    fn hear(&mut self, task: u32) -> Option<Received> {
        self.noticed += 1;
        let state = self.tasks[task as usize];
        let failed = !state.cancelled && self.fails(task);
        let succeeded = !state.cancelled && !failed;
        if failed {
            self.failures.push(task);
        }
        if self.scenario.mode == Mode::Sequential {
            self.sequential_goes_on(task, failed);
            return None;
        }
        if self.open_after_the_deadline {
            let all_heard = self.noticed == self.task_count();
            return if failed {
                Some(Received::Error { task })
            } else if state.cancelled || all_heard {
                Some(Received::TimedOut)
            } else {
                None
            };
        }
        if self.in_input_order {
            self.decide_in_input_order(task)
        } else {
            self.decide(task, failed, succeeded)
        }
    }

    /// One after another: the caller's loop ends at a failure, or starts the next task.
    fn sequential_goes_on(&mut self, task: u32, failed: bool) {
        let next = task + 1;
        let received = if failed {
            Some(Received::Error { task })
        } else if next == self.task_count() {
            Some(Received::AllOk)
        } else {
            self.execute(Step::Begin(next));
            None
        };
        if let Some(received) = received {
            self.starting_stopped = true;
            if self.loop_hands_back_the_callers_thread() {
                return;
            }
            self.decided = Some(received);
            self.resume_caller();
        }
    }

    /// Whether hearing of `task` lets the caller resume, and with what.
    fn decide(&mut self, task: u32, failed: bool, succeeded: bool) -> Option<Received> {
        let all_heard = self.noticed == self.task_count();
        match self.rules.resume {
            ResumeRule::AllSettled if all_heard => Some(self.all_settled_result()),
            ResumeRule::AllSettled => None,
            ResumeRule::FirstFailure if failed => Some(Received::Error { task }),
            ResumeRule::FirstFailure if all_heard => Some(Received::AllOk),
            ResumeRule::FirstFailure => None,
            ResumeRule::FirstSettled => Some(Received::First { task, failed }),
            ResumeRule::FirstSuccess if succeeded => Some(Received::FirstSuccess { task }),
            ResumeRule::FirstSuccess if all_heard => Some(Received::AllFailed {
                tasks: self.failures.clone(),
            }),
            ResumeRule::FirstSuccess | ResumeRule::AtOnce => None,
        }
    }

    /// `FuturesOrdered`: results are handed over while the next one in input order is done; the first
    /// failure handed over ends the wait.
    fn decide_in_input_order(&mut self, _task: u32) -> Option<Received> {
        while self.delivered_prefix < self.task_count()
            && self.tasks[self.delivered_prefix as usize].phase == Phase::Done
        {
            let next = self.delivered_prefix;
            self.delivered_prefix += 1;
            if self.fails(next) && !self.tasks[next as usize].cancelled {
                return Some(Received::Error { task: next });
            }
        }
        (self.delivered_prefix == self.task_count()).then_some(Received::AllOk)
    }

    /// What a task group hands on when a deadline reached it: the failures of the tasks that ended
    /// before they could be cancelled, in the order they ended, or else the timeout.
    fn failures_before_the_group_ends(&self) -> Received {
        if self.ended_failed.is_empty() {
            return Received::TimedOut;
        }
        Received::ExceptionGroup {
            tasks: self.ended_failed.clone(),
        }
    }

    fn all_settled_result(&self) -> Received {
        if self.failures.is_empty() {
            return Received::AllOk;
        }
        let mut in_task_order = self.failures.clone();
        in_task_order.sort_unstable();
        match self.rules.failure {
            FailureReport::AggregateException => Received::AggregateException {
                first: in_task_order[0],
                all: in_task_order,
            },
            FailureReport::ExceptionGroup => Received::ExceptionGroup {
                tasks: self.failures.clone(),
            },
            FailureReport::FirstError => Received::Error {
                task: in_task_order[0],
            },
            _ => Received::Results {
                failed: in_task_order,
            },
        }
    }

    /// Fail fast: the first failure stops the other tasks, as the language's cancellation allows.
    fn cancel_the_rest(&mut self) {
        match self.model.cancellation {
            Cancellation::Drop | Cancellation::Signal => {
                self.starting_stopped = true;
                for task in 0..self.task_count() {
                    if self.tasks[task as usize].phase == Phase::Waiting
                        || self.tasks[task as usize].phase == Phase::Woken
                    {
                        self.drop_task(task);
                    }
                }
            }
            Cancellation::AtNextStep => {
                for task in 0..self.task_count() {
                    let state = &mut self.tasks[task as usize];
                    match state.phase {
                        Phase::Waiting => {
                            state.phase = Phase::Woken;
                            state.must_cancel = true;
                            self.hop(Hop::Queued, Step::Continue(task));
                        }
                        Phase::Woken | Phase::NotStarted => state.must_cancel = true,
                        Phase::Blocking | Phase::Done => {}
                    }
                }
            }
            Cancellation::Cooperative => {
                // Tasks are still created, with a cancelled token.
                self.token_cancelled = true;
                for task in 0..self.task_count() {
                    if self.tasks[task as usize].phase == Phase::Waiting {
                        self.tasks[task as usize].phase = Phase::Woken;
                        self.end_cancelled(task);
                    }
                }
            }
        }
    }

    /// The caller's deadline: unless it has resumed, it stops waiting now, and what it waited for is
    /// cancelled as the language allows. A result that has reached the caller but not yet woken it
    /// wins everywhere except in asyncio, whose timeout cancels the caller's own task at its next step.
    fn deadline_passes(&mut self) {
        let result_wins =
            self.decided.is_some() && self.model.cancellation != Cancellation::AtNextStep;
        if self.resume.is_some() || result_wins {
            return;
        }
        let already_waking = self.decided.is_some();
        let some_task_runs_on = self.tasks.iter().any(|task| task.phase != Phase::Done);
        if self.rules.deadline_waits_for_the_next_completion && !already_waking && some_task_runs_on
        {
            // Only a cancel that stops a task keeps the wait open; with every task done, the
            // cancel reaches the caller itself, which gives up whatever it is then handed.
            self.cancel_the_rest();
            self.open_after_the_deadline = true;
            return;
        }
        self.decided = Some(Received::TimedOut);
        if self.rules.deadline_cancels_at_callers_step {
            // The caller's next step cancels them: one already queued (a completion woke it), or
            // the one the cancel that reaches it queues now.
            self.cancel_at_callers_step = true;
            if !already_waking && !self.caller_woken {
                self.hop(Hop::Queued, Step::ResumeCaller);
            }
            return;
        }
        self.cancel_the_rest();
        if !already_waking {
            self.hop(self.model.done_reaches_waiter, Step::ResumeCaller);
        }
    }

    /// The program ends under its tasks (a process exits, a runtime is dropped): each task not done
    /// stops where it is, one never started never will, and nothing of the program runs again.
    fn program_dies(&mut self) {
        for task in 0..self.task_count() {
            if self.tasks[task as usize].phase != Phase::Done {
                self.drop_task(task);
            }
        }
        self.timers.clear();
        self.ready.clear();
        self.microtasks.clear();
        self.last.clear();
    }

    /// Drop a task where it waits: it ends now, cancelled, and nobody hears of it.
    fn drop_task(&mut self, task: u32) {
        let index = task as usize;
        self.tasks[index].phase = Phase::Done;
        self.tasks[index].cancelled = true;
        self.tasks[index].end = self.now;
    }

    fn resume_caller(&mut self) {
        let Some(received) = self.decided.clone() else {
            return;
        };
        if std::mem::take(&mut self.cancel_at_callers_step) {
            self.cancel_the_rest();
        }
        if self.resume.is_some() {
            return;
        }
        let received = match (received, self.rules.failure) {
            // A group raises every failure it heard of before its tasks were all done, in place of
            // the cancellation the deadline sent it.
            (Received::TimedOut, FailureReport::ExceptionGroup) => {
                self.failures_before_the_group_ends()
            }
            // asyncio.wait hands back the done set; the caller takes its first task in input order.
            (Received::First { .. }, FailureReport::DoneSet) => {
                let task = (0..self.task_count())
                    .find(|&t| self.tasks[t as usize].phase == Phase::Done)
                    .unwrap_or(0);
                Received::First {
                    task,
                    failed: !self.tasks[task as usize].cancelled && self.fails(task),
                }
            }
            (received, _) => received,
        };
        let at = self.now.max(self.caller_free_at);
        self.resume = Some(Resume {
            at_ms: at as f64,
            received,
        });
        self.resume_order = self.next_log_order();
        // At a deadline the language's own cancellation has already run; a C# semaphore's waiters,
        // say, still get their turn and stop at their first wait.
        let timed_out = self.decided == Some(Received::TimedOut);
        if self.rules.leftovers == Leftovers::Cancelled && !timed_out {
            self.starting_stopped = true;
            if self.model.cancellation == Cancellation::Drop {
                for task in 0..self.task_count() {
                    if matches!(
                        self.tasks[task as usize].phase,
                        Phase::Waiting | Phase::Woken
                    ) {
                        self.drop_task(task);
                    }
                }
            }
        }
    }

    fn resume_or_now(&self) -> Resume {
        self.resume.clone().unwrap_or(Resume {
            at_ms: self.now as f64,
            received: Received::AllOk,
        })
    }

    fn task_runs(&self) -> Vec<TaskRun> {
        self.tasks
            .iter()
            .zip(self.draws)
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
                    (Some(_), false)
                        if state.end_order > self.resume_order
                            && self.rules.leftovers != Leftovers::Detached =>
                    {
                        Outcome::Abandoned
                    }
                    (Some(_), false) if draw.fails => Outcome::Error,
                    (Some(_), false) => Outcome::Ok,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::named_choice::NamedChoice;
    use crate::domain::scenario::{RetryPolicy, TaskSpec};

    fn scenario(tasks: Vec<TaskSpec>, mode: Mode) -> Scenario {
        Scenario {
            tasks,
            mode,
            limit: 3,
            seed: 1,
            timeout_ms: None,
            retry: RetryPolicy::default(),
            program_exits: false,
        }
    }

    fn outcomes(timeline: &Timeline) -> Vec<Outcome> {
        timeline.tasks.iter().map(|task| task.outcome).collect()
    }

    /// How long a timer of `ms` takes in `language` (tokio's ends a millisecond after its due one).
    fn timer(language: Language, ms: u64) -> f64 {
        runtime_model(language).timer_ms(ms) as f64
    }

    #[test]
    fn ten_calls_of_500_ms_take_ten_timers_one_by_one_and_one_together() {
        let mut canonical = Scenario::default();
        for &language in Language::ALL {
            canonical.mode = Mode::Sequential;
            assert_eq!(
                simulate(&canonical, language).resume.at_ms,
                10.0 * timer(language, 500),
                "{language}"
            );
            canonical.mode = Mode::JoinAll;
            assert_eq!(
                simulate(&canonical, language).resume.at_ms,
                timer(language, 500),
                "{language}"
            );
        }
        assert_eq!(timer(Language::Rust, 500), 501.0, "tokio rounds up");
        assert_eq!(timer(Language::JavaScript, 500), 500.0);
    }

    /// The classic asyncio worker-pool example: 20 jobs of 1-5 s on 3 workers, scheduled by hand.
    #[test]
    fn worker_pool_of_three_matches_a_hand_computed_schedule() {
        let delays =
            [3, 1, 4, 1, 5, 2, 2, 3, 5, 1, 4, 2, 3, 1, 5, 2, 4, 3, 1, 2].map(|s: u32| s * 1000);
        let tasks = delays.iter().map(|&d| TaskSpec::io(None, d)).collect();
        let timeline = simulate(&scenario(tasks, Mode::Buffered), Language::Python);
        // Workers free at: each job goes to the worker that frees first (ties by start order).
        // t=0: j0(3) j1(1) j2(4); t=1: j3(1) ->2; t=2: j4(5) ->7; t=3: j5(2) ->5; t=4: j6(2) ->6;
        // t=5: j7(3) ->8; t=6: j8(5) ->11; t=7: j9(1) ->8; t=8: j10(4) ->12, j11(2) ->10;
        // t=10: j12(3) ->13; t=11: j13(1) ->12; t=12: j14(5) ->17, j15(2) ->14; t=13: j16(4) ->17;
        // t=14: j17(3) ->17; t=17: j18(1) ->18, j19(2) ->19, and the last worker idles.
        let expected_starts = [
            0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 10, 11, 12, 12, 13, 14, 17, 17,
        ];
        let starts: Vec<u32> = timeline
            .tasks
            .iter()
            .map(|t| (t.span.unwrap().start_ms / 1000.0) as u32)
            .collect();
        assert_eq!(starts, expected_starts);
        assert_eq!(timeline.resume.at_ms, 19_000.0);
    }

    #[test]
    fn cpu_bound_work_makes_a_due_timer_fire_late() {
        let tasks = vec![
            TaskSpec::io(Some("io"), 100),
            TaskSpec::io(Some("parse"), 300).cpu(),
        ];
        let timeline = simulate(&scenario(tasks, Mode::JoinAll), Language::JavaScript);
        let io = &timeline.tasks[0];
        assert_eq!(
            io.span,
            Some(Span {
                start_ms: 0.0,
                end_ms: 300.0
            })
        );
        assert_eq!(io.lateness_ms(), Some(200.0));
        assert_eq!(timeline.resume.at_ms, 300.0);
    }

    #[test]
    fn a_cpu_task_started_first_delays_the_start_of_the_next() {
        let tasks = vec![
            TaskSpec::io(Some("parse"), 200).cpu(),
            TaskSpec::io(Some("io"), 100),
        ];
        let timeline = simulate(&scenario(tasks, Mode::JoinAll), Language::Rust);
        assert_eq!(
            timeline.tasks[1].span,
            Some(Span {
                start_ms: 200.0,
                end_ms: 301.0
            })
        );
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
        assert_eq!(
            (rust.resume.at_ms, outcomes(&rust)),
            (501.0, vec![Ok, Error, Ok])
        );
        assert_eq!(rust.resume.received, Received::Results { failed: vec![1] });

        let csharp = simulate(&s, Language::CSharp);
        assert_eq!(
            (csharp.resume.at_ms, outcomes(&csharp)),
            (500.0, vec![Ok, Error, Ok])
        );
        assert_eq!(
            csharp.resume.received,
            Received::AggregateException {
                first: 1,
                all: vec![1]
            }
        );

        for language in [Language::JavaScript, Language::Python] {
            let timeline = simulate(&s, language);
            assert_eq!(timeline.resume.at_ms, 200.0, "{language}");
            assert_eq!(timeline.resume.received, Received::Error { task: 1 });
            assert_eq!(
                outcomes(&timeline),
                vec![Ok, Error, Abandoned],
                "{language}"
            );
            assert_eq!(
                timeline.tasks[2].span.unwrap().end_ms,
                500.0,
                "abandoned tasks run on"
            );
        }
    }

    #[test]
    fn try_join_all_cancels_the_rest_at_the_first_error() {
        let s = scenario(one_failure(), Mode::TryJoinAll);
        for &language in Language::ALL {
            let timeline = simulate(&s, language);
            assert_eq!(timeline.resume.at_ms, timer(language, 200), "{language}");
            assert_eq!(
                outcomes(&timeline),
                vec![Outcome::Ok, Outcome::Error, Outcome::Cancelled]
            );
            assert_eq!(timeline.tasks[2].span.unwrap().end_ms, timer(language, 200));
        }
        let python = simulate(&s, Language::Python);
        assert_eq!(
            python.resume.received,
            Received::ExceptionGroup { tasks: vec![1] }
        );
    }

    #[test]
    fn sequential_stops_at_the_first_failure_and_never_starts_the_rest() {
        let timeline = simulate(&scenario(one_failure(), Mode::Sequential), Language::CSharp);
        assert_eq!(timeline.resume.at_ms, 300.0);
        assert_eq!(
            outcomes(&timeline),
            vec![Outcome::Ok, Outcome::Error, Outcome::NotStarted]
        );
        assert_eq!(timeline.tasks[2].span, None);
    }

    #[test]
    fn select_resumes_with_the_first_to_settle_even_a_failure() {
        let tasks = vec![
            TaskSpec::io(Some("slow"), 300),
            TaskSpec::io(Some("bad"), 50).failing(100),
        ];
        let s = scenario(tasks, Mode::Select);
        let rust = simulate(&s, Language::Rust);
        assert_eq!(
            rust.resume.received,
            Received::First {
                task: 1,
                failed: true
            }
        );
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
        let timeline = simulate(
            &scenario(tasks.clone(), Mode::SelectOk),
            Language::JavaScript,
        );
        assert_eq!(
            (timeline.resume.at_ms, timeline.resume.received),
            (80.0, Received::FirstSuccess { task: 1 })
        );
        let all_fail: Vec<_> = tasks.into_iter().map(|t| t.failing(100)).collect();
        let timeline = simulate(&scenario(all_fail, Mode::SelectOk), Language::Rust);
        assert_eq!(timeline.resume.at_ms, 121.0);
        assert_eq!(
            timeline.resume.received,
            Received::AllFailed {
                tasks: vec![0, 1, 2]
            }
        );
    }

    #[test]
    fn python_gather_with_a_semaphore_keeps_starting_queued_tasks_after_raising() {
        let mut tasks = vec![TaskSpec::io(Some("bad"), 10).failing(100)];
        tasks.extend(vec![TaskSpec::io(None, 100); 4]);
        let s = Scenario {
            limit: 2,
            ..scenario(tasks, Mode::Buffered)
        };
        let timeline = simulate(&s, Language::Python);
        assert_eq!(timeline.resume.at_ms, 10.0);
        assert_eq!(timeline.count(Outcome::Abandoned), 4);
        assert_eq!(
            timeline.tasks[4].span.unwrap().start_ms,
            110.0,
            "queued work still starts"
        );
    }

    /// Every cell of the semantics table on one scenario: fast (100 ms), db (200 ms, always fails),
    /// slow (500 ms), with K = 2 for buffered. Worked out by hand from the semantics in `docs/semantics.md`;
    /// each of tokio's timers ends a millisecond after it is due.
    #[test]
    fn every_mode_and_language_pair_on_one_failing_scenario() {
        use Language::*;
        use Outcome::{Abandoned as A, Cancelled as C, Error as E, NotStarted as N, Ok as O};
        let expected: [(Mode, Language, f64, [Outcome; 3]); 24] = [
            (Mode::Sequential, Rust, 302.0, [O, E, N]),
            (Mode::Sequential, CSharp, 300.0, [O, E, N]),
            (Mode::Sequential, JavaScript, 300.0, [O, E, N]),
            (Mode::Sequential, Python, 300.0, [O, E, N]),
            (Mode::JoinAll, Rust, 501.0, [O, E, O]),
            (Mode::JoinAll, CSharp, 500.0, [O, E, O]),
            (Mode::JoinAll, JavaScript, 200.0, [O, E, A]),
            (Mode::JoinAll, Python, 200.0, [O, E, A]),
            (Mode::TryJoinAll, Rust, 201.0, [O, E, C]),
            (Mode::TryJoinAll, CSharp, 200.0, [O, E, C]),
            (Mode::TryJoinAll, JavaScript, 200.0, [O, E, C]),
            (Mode::TryJoinAll, Python, 200.0, [O, E, C]),
            (Mode::Select, Rust, 101.0, [O, C, C]),
            (Mode::Select, CSharp, 100.0, [O, A, A]),
            (Mode::Select, JavaScript, 100.0, [O, A, A]),
            (Mode::Select, Python, 100.0, [O, A, A]),
            (Mode::SelectOk, Rust, 101.0, [O, C, C]),
            (Mode::SelectOk, CSharp, 100.0, [O, A, A]),
            (Mode::SelectOk, JavaScript, 100.0, [O, A, A]),
            (Mode::SelectOk, Python, 100.0, [O, A, A]),
            (Mode::Buffered, Rust, 602.0, [O, E, O]),
            (Mode::Buffered, CSharp, 600.0, [O, E, O]),
            (Mode::Buffered, JavaScript, 600.0, [O, E, O]),
            (Mode::Buffered, Python, 200.0, [O, E, A]),
        ];
        for (mode, language, resumed_at, outcome) in expected {
            let s = Scenario {
                limit: 2,
                ..scenario(one_failure(), mode)
            };
            let timeline = simulate(&s, language);
            assert_eq!(
                (timeline.resume.at_ms, outcomes(&timeline)),
                (resumed_at, outcome.to_vec()),
                "{mode} {language}"
            );
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
        assert_eq!(
            rust.resume,
            Resume {
                at_ms: 50.0,
                received: Received::First {
                    task: 1,
                    failed: false
                }
            }
        );
        assert_eq!(
            outcomes(&rust),
            vec![Outcome::Cancelled, Outcome::Ok, Outcome::NotStarted]
        );
        // JavaScript creates every promise first; the race settles in the microtask after.
        let js = simulate(&s, Language::JavaScript);
        assert_eq!(
            js.resume.received,
            Received::First {
                task: 1,
                failed: false
            }
        );
        assert_eq!(
            outcomes(&js),
            vec![Outcome::Abandoned, Outcome::Ok, Outcome::Abandoned]
        );
    }

    #[test]
    fn rust_try_join_all_over_more_than_30_futures_reports_failures_in_input_order() {
        let mut tasks = vec![TaskSpec::io(None, 500); 31];
        tasks[30] = TaskSpec::io(Some("db"), 100).failing(100);
        let timeline = simulate(&scenario(tasks.clone(), Mode::TryJoinAll), Language::Rust);
        assert_eq!(
            timeline.resume,
            Resume {
                at_ms: 501.0,
                received: Received::Error { task: 30 }
            }
        );
        assert_eq!(timeline.count(Outcome::Ok), 30);
        // Thirty futures or fewer: the small path fails fast.
        tasks.remove(0);
        let small = simulate(&scenario(tasks, Mode::TryJoinAll), Language::Rust);
        assert_eq!(small.resume.at_ms, 101.0);
        assert_eq!(small.count(Outcome::Cancelled), 29);
    }

    #[test]
    fn csharp_timers_complete_on_time_while_the_caller_blocks() {
        let tasks = vec![
            TaskSpec::io(Some("io"), 40),
            TaskSpec::io(Some("parse"), 90).cpu(),
            TaskSpec::io(Some("late"), 150),
        ];
        let select = simulate(&scenario(tasks.clone(), Mode::Select), Language::CSharp);
        // io finished at 40 on a pool thread; the caller awaits WhenAny only after parse, at 90.
        assert_eq!(
            select.resume,
            Resume {
                at_ms: 90.0,
                received: Received::First {
                    task: 0,
                    failed: false
                }
            }
        );
        assert_eq!(
            select.tasks[0].span,
            Some(Span {
                start_ms: 0.0,
                end_ms: 40.0
            })
        );
        assert_eq!(
            select.tasks[2].span,
            Some(Span {
                start_ms: 90.0,
                end_ms: 240.0
            }),
            "created after parse"
        );
        assert_eq!(
            select.tasks[1].outcome,
            Outcome::Ok,
            "parse ended before the caller got to its await"
        );
        // On one event loop the same timer fires late, after the blocking work.
        let js = simulate(&scenario(tasks, Mode::Select), Language::JavaScript);
        assert_eq!(
            js.tasks[0].span,
            Some(Span {
                start_ms: 0.0,
                end_ms: 90.0
            })
        );
    }

    /// Family 1 of the truth issue: asyncio hears of a failure through done callbacks queued behind
    /// the steps of the tasks whose timers fired in the same iteration, so those finish first.
    #[test]
    fn python_tasks_ending_with_a_failing_one_finish_before_the_caller_resumes() {
        let mut tasks = vec![TaskSpec::io(None, 500); 10];
        tasks[3] = TaskSpec::io(Some("db"), 500).failing(100);
        let expected: Vec<Outcome> = (0..10)
            .map(|i| if i == 3 { Outcome::Error } else { Outcome::Ok })
            .collect();

        let gather = simulate(&scenario(tasks.clone(), Mode::JoinAll), Language::Python);
        assert_eq!(
            gather.resume,
            Resume {
                at_ms: 500.0,
                received: Received::Error { task: 3 }
            }
        );
        assert_eq!(outcomes(&gather), expected, "gather");

        let group = simulate(&scenario(tasks.clone(), Mode::TryJoinAll), Language::Python);
        assert_eq!(
            group.resume,
            Resume {
                at_ms: 500.0,
                received: Received::ExceptionGroup { tasks: vec![3] }
            }
        );
        assert_eq!(
            outcomes(&group),
            expected,
            "TaskGroup cancels nobody: all were done"
        );

        let wait = simulate(&scenario(tasks.clone(), Mode::Select), Language::Python);
        assert_eq!(
            wait.resume.received,
            Received::First {
                task: 0,
                failed: false
            },
            "the done set, in input order"
        );
        assert_eq!(outcomes(&wait), expected);

        // JavaScript's microtasks run after each timer: the caller resumes before the later ties.
        let js = simulate(&scenario(tasks, Mode::JoinAll), Language::JavaScript);
        assert_eq!(js.count(Outcome::Abandoned), 6);
    }

    /// `asyncio.as_completed` is the caller's own loop: woken by the first completion, it reads every
    /// completion delivered before it ran, so a success that ended one step behind a failure is taken
    /// at once, before the timers that fired meanwhile wake their tasks.
    #[test]
    fn python_as_completed_takes_every_completion_delivered_before_it_woke() {
        let tasks = vec![
            TaskSpec::io(Some("quick"), 0),
            TaskSpec::io(Some("timer"), 30),
            TaskSpec::io(Some("blocking"), 90).cpu().failing(100),
        ];
        let run = simulate(&scenario(tasks, Mode::SelectOk), Language::Python);
        assert_eq!(
            run.resume,
            Resume {
                at_ms: 90.0,
                received: Received::FirstSuccess { task: 0 }
            }
        );
        assert_eq!(
            outcomes(&run),
            vec![Outcome::Ok, Outcome::Abandoned, Outcome::Error],
            "the timer's task logs its end after the caller resumed"
        );
    }

    /// node keeps a timer list per duration and fires a due list whole: after blocking work, the
    /// 1 ms list (its first timer due at 1 ms) fires a timer set at 30 ms before the 20 ms list's
    /// timer that fell due at 20 ms. Checked in node: `Promise.all` rejects with the later one.
    #[test]
    fn node_fires_every_due_timer_of_one_duration_before_the_next_duration() {
        let tasks = vec![
            TaskSpec::io(Some("a"), 0),
            TaskSpec::io(Some("b"), 20).failing(100),
            TaskSpec::io(Some("x"), 30).cpu(),
            TaskSpec::io(Some("y"), 0).failing(100),
            TaskSpec::io(Some("z"), 60).cpu(),
        ];
        let run = simulate(&scenario(tasks, Mode::JoinAll), Language::JavaScript);
        assert_eq!(
            run.resume,
            Resume {
                at_ms: 90.0,
                received: Received::Error { task: 3 }
            }
        );
    }

    /// tokio fires every timer that ended during blocking work in one turn, and `try_join_all` then
    /// polls its futures in input order: the first failure in input order wins, and a 0 ms wait
    /// that ended long before it but stands later in the list is dropped.
    #[test]
    fn rust_combinators_take_the_waits_that_ended_together_in_input_order() {
        let tasks = vec![
            TaskSpec::io(Some("a"), 60).failing(100),
            TaskSpec::io(Some("b"), 0),
            TaskSpec::io(Some("c"), 90).cpu(),
        ];
        let run = simulate(&scenario(tasks, Mode::TryJoinAll), Language::Rust);
        assert_eq!(run.resume.received, Received::Error { task: 0 });
        assert_eq!(
            outcomes(&run),
            vec![Outcome::Error, Outcome::Cancelled, Outcome::Ok]
        );
    }

    /// tokio rounds deadlines up to whole milliseconds, and blocking work ends a moment into its last
    /// one: a 60 ms timer has not expired when 60 ms of blocking work ends, and a wait of 0 ms begun
    /// at the start expired long before, so `select_ok` returns it and drops the other.
    #[test]
    fn rust_a_timer_due_as_blocking_work_ends_fires_a_turn_later() {
        let tasks = vec![
            TaskSpec::io(Some("a"), 60),
            TaskSpec::io(Some("b"), 0),
            TaskSpec::io(Some("c"), 60).cpu().failing(100),
        ];
        let run = simulate(&scenario(tasks, Mode::SelectOk), Language::Rust);
        assert_eq!(run.resume.received, Received::FirstSuccess { task: 1 });
        assert_eq!(
            outcomes(&run),
            vec![Outcome::Cancelled, Outcome::Ok, Outcome::Error]
        );
    }

    /// Seed 5, case 1528: tokio's clock reads a moment into its millisecond and its timers round up,
    /// so a 90 ms wait begun at the start and a backoff of 0 ms begun as 90 ms of blocking work ends
    /// fire on the same tick (91). `select_ok` polls in input order: the wait's task fails and begins
    /// its backoff, then the blocking task's retry holds the thread to the end, so the first task
    /// never begins a second attempt.
    #[test]
    fn rust_a_timer_due_as_blocking_work_ends_fires_with_the_zero_waits_begun_then() {
        // This seed draws one failed attempt for each task.
        let case = "tasks=90:50,90:50:cpu&mode=select_ok&retries=3&backoff=0&seed=3715709232";
        let run = simulate(
            &crate::domain::url_codec::decode(case).scenario,
            Language::Rust,
        );
        assert_eq!(attempts(&run.tasks[0]), [(0.0, 91.0)]);
        assert_eq!(attempts(&run.tasks[1]), [(0.0, 90.0), (91.0, 181.0)]);
        assert_eq!(run.resume.received, Received::FirstSuccess { task: 1 });
        assert_eq!(run.tasks[0].outcome, Outcome::Cancelled);
    }

    /// Family 2: .NET cancellation is cooperative. Blocking work never looks at the token, so it runs
    /// to its end with its own outcome; a `Task.Delay(ms, token)` created after the cancel stops at once.
    #[test]
    fn csharp_blocking_work_runs_on_through_a_cancellation() {
        let tasks = vec![
            TaskSpec::io(Some("db"), 50).failing(100),
            TaskSpec::io(Some("parse"), 200).cpu(),
            TaskSpec::io(Some("late"), 100),
        ];
        let timeline = simulate(&scenario(tasks, Mode::TryJoinAll), Language::CSharp);
        assert_eq!(
            timeline.tasks[1].span,
            Some(Span {
                start_ms: 0.0,
                end_ms: 200.0
            })
        );
        assert_eq!(
            timeline.tasks[1].outcome,
            Outcome::Ok,
            "not cancelled: it never checked the token"
        );
        assert_eq!(
            timeline.tasks[2].span,
            Some(Span {
                start_ms: 200.0,
                end_ms: 200.0
            })
        );
        assert_eq!(
            timeline.tasks[2].outcome,
            Outcome::Cancelled,
            "created with a cancelled token"
        );
        assert_eq!(
            timeline.resume,
            Resume {
                at_ms: 200.0,
                received: Received::Error { task: 0 }
            }
        );
    }

    /// Family 3: hot tasks start on the caller's thread, so a job that blocks at its start holds back
    /// the creation of every later job, even when a pool slot is free earlier.
    #[test]
    fn csharp_caller_creates_later_tasks_only_after_a_blocking_start() {
        let tasks = vec![
            TaskSpec::io(Some("a"), 50),
            TaskSpec::io(Some("parse"), 100).cpu(),
            TaskSpec::io(Some("b"), 50),
            TaskSpec::io(Some("c"), 10),
        ];
        let s = Scenario {
            limit: 2,
            ..scenario(tasks, Mode::Buffered)
        };
        let timeline = simulate(&s, Language::CSharp);
        let starts: Vec<f64> = timeline
            .tasks
            .iter()
            .map(|t| t.span.unwrap().start_ms)
            .collect();
        assert_eq!(
            starts,
            vec![0.0, 0.0, 100.0, 100.0],
            "a's slot is free at 50, but b is created at 100"
        );
        assert_eq!(timeline.resume.at_ms, 150.0);
    }

    /// Every program sets its deadline before its tasks. A wait ending in the deadline's millisecond
    /// finishes in Rust (`timeout` polls the future it wraps first) and is cancelled in node and
    /// asyncio, whose deadline timer fires first.
    #[test]
    fn a_wait_ending_at_the_deadline_finishes_in_rust_and_is_cancelled_in_js_and_python() {
        let s = Scenario {
            timeout_ms: Some(100),
            ..scenario(
                vec![TaskSpec::io(Some("a"), 50), TaskSpec::io(Some("b"), 100)],
                Mode::JoinAll,
            )
        };
        let rust = simulate(&s, Language::Rust);
        assert_eq!(outcomes(&rust), [Outcome::Ok, Outcome::Ok]);
        assert_eq!(rust.resume.received, Received::AllOk);
        for language in [Language::JavaScript, Language::Python] {
            let timeline = simulate(&s, language);
            assert_eq!(
                outcomes(&timeline),
                [Outcome::Ok, Outcome::Cancelled],
                "{language}"
            );
            assert_eq!(timeline.resume.received, Received::TimedOut, "{language}");
            assert_eq!(timeline.resume.at_ms, 100.0, "{language}");
        }
    }

    /// Blocking work holds the loop past the deadline; then a task that only yields finishes in the
    /// iteration where the deadline's callback, due since 30 ms, runs. In asyncio every task is done
    /// and the gather's result is on its way to the caller, yet the callback cancels the caller's own
    /// task, which wins at its next step: a timeout with nothing left to cancel (checked in
    /// CPython 3.11). In node the yielding task is a 1 ms timer set after the deadline's: cancelled.
    #[test]
    fn python_a_result_that_has_not_woken_the_caller_loses_to_the_deadline() {
        let s = Scenario {
            timeout_ms: Some(30),
            ..scenario(
                vec![
                    TaskSpec::io(Some("b"), 60).cpu(),
                    TaskSpec::io(Some("a"), 0),
                ],
                Mode::JoinAll,
            )
        };
        let python = simulate(&s, Language::Python);
        assert_eq!(outcomes(&python), [Outcome::Ok, Outcome::Ok]);
        assert_eq!(python.resume.received, Received::TimedOut);
        assert_eq!(python.resume.at_ms, 60.0);
        let js = simulate(&s, Language::JavaScript);
        assert_eq!(outcomes(&js), [Outcome::Ok, Outcome::Cancelled]);
        assert_eq!(js.resume.received, Received::TimedOut);
    }

    fn blocked_past_the_deadline(mode: Mode) -> Scenario {
        Scenario {
            timeout_ms: Some(30),
            ..scenario(
                vec![
                    TaskSpec::io(Some("a"), 10),
                    TaskSpec::io(Some("b"), 60).cpu(),
                    TaskSpec::io(Some("c"), 100),
                ],
                mode,
            )
        }
    }

    /// On a C# pool the caller's thread creates the tasks; blocking work at a task's start holds it
    /// past the deadline. The deadline acts when the caller awaits, and wins: `WhenAny` is handed it
    /// first. Tasks created before then run unwatched by the (not yet cancelled) token.
    #[test]
    fn csharp_a_deadline_passing_while_the_caller_creates_tasks_acts_when_it_awaits() {
        let timeline = simulate(&blocked_past_the_deadline(Mode::JoinAll), Language::CSharp);
        assert_eq!(timeline.resume.received, Received::TimedOut);
        assert_eq!(timeline.resume.at_ms, 60.0);
        assert_eq!(
            outcomes(&timeline),
            [Outcome::Ok, Outcome::Ok, Outcome::Cancelled]
        );
    }

    /// The deadline passes while blocking work holds the loop. `gather` cancels its children in
    /// the deadline's own callback, so `a`, whose wait ended meanwhile, is cancelled; a `TaskGroup`
    /// cancels them only when the caller next runs, after `a` has finished (both seen in CPython).
    #[test]
    fn python_taskgroup_cancels_at_the_callers_step_and_gather_at_once() {
        use Outcome::*;
        let gather = simulate(&blocked_past_the_deadline(Mode::JoinAll), Language::Python);
        assert_eq!(outcomes(&gather), [Cancelled, Ok, Cancelled]);
        let group = simulate(
            &blocked_past_the_deadline(Mode::TryJoinAll),
            Language::Python,
        );
        assert_eq!(outcomes(&group), [Ok, Ok, Cancelled]);
        assert_eq!(group.resume.received, Received::TimedOut);
    }

    /// Seed 5, case 595: backoffs of 60 and 30 ms fall due together at 270 ms, and blocking work
    /// follows the first to fire. node, a few ms late at every step of a fresh program, may fire
    /// either list first; the harness accepts the other orders only as a named race.
    #[test]
    fn node_timers_of_different_durations_due_together_fire_in_an_order_lateness_decides() {
        let case = "tasks=90:100:cpu,150:100,0:100,150:100,2x0:100&mode=try_join_all&retries=3&backoff=30&seed=3191005327";
        let backoffs = crate::domain::url_codec::decode(case).scenario;
        let js = Language::JavaScript;
        assert_eq!(tie_variants(&backoffs, js), 2 + TIE_ORDERS);
        let attempts_of_task2 =
            |variant| simulate_tie_order(&backoffs, js, variant).tasks[1].attempt_count();
        assert_eq!(
            attempts_of_task2(0),
            2,
            "the 60 ms list first: blocking work holds task2"
        );
        assert!(
            (2..2 + TIE_ORDERS).any(|variant| attempts_of_task2(variant) == 3),
            "the 30 ms list first: task2 tries again before the blocking work"
        );
        let one_duration = scenario(vec![TaskSpec::io(None, 100); 3], Mode::JoinAll);
        assert_eq!(tie_variants(&one_duration, js), 2);
    }

    /// Seed 7, case 144: task4's and task7's backoffs tie at 30 ms and their last attempts fail
    /// together at 90 ms, on the thread pool. Whichever continuation runs first cancels the other,
    /// and the two ties need not go the same way; rotating every tie alike flips the second back.
    #[test]
    fn csharp_ties_at_different_moments_go_their_own_ways_on_the_pool() {
        let case = "tasks=2x0:50,120:50,0:50,210,0,0:100,210,120&mode=try_join_all&retries=2&backoff=30&seed=910524950";
        let backoffs = crate::domain::url_codec::decode(case).scenario;
        let csharp = Language::CSharp;
        assert_eq!(
            simulate(&backoffs, csharp).resume.received,
            Received::Error { task: 3 }
        );
        let task7_first = |variant| {
            simulate_tie_order(&backoffs, csharp, variant)
                .resume
                .received
                == Received::Error { task: 6 }
        };
        let variants = tie_variants(&backoffs, csharp);
        assert!(variants > TIE_ORDERS);
        assert!((1..=TIE_ORDERS).any(task7_first));
    }

    /// asyncio takes the timers due as an iteration begins, to the nanosecond. Three 500 ms waits
    /// tie in the simulator's whole milliseconds, and all end before `gather` raises (family 1);
    /// a real program that set them more than a millisecond apart (its own logging costs time) may
    /// fire the later ones an iteration after the caller resumed. The harness accepts that only as
    /// a named race: variant 1 fires the first timer alone (seed 6, case 547; seed 5, case 1321).
    #[test]
    fn python_timers_due_together_may_fire_in_two_iterations_as_a_named_race() {
        use Outcome::*;
        let tasks = vec![
            TaskSpec::io(Some("db"), 500).failing(100),
            TaskSpec::io(Some("a"), 500),
            TaskSpec::io(Some("b"), 500),
        ];
        let s = scenario(tasks, Mode::JoinAll);
        assert_eq!(outcomes(&simulate(&s, Language::Python)), [Error, Ok, Ok]);
        assert_eq!(tie_variants(&s, Language::Python), TIE_ORDERS + 3);
        let split = simulate_tie_order(&s, Language::Python, TIE_ORDERS + 1);
        assert_eq!(outcomes(&split), [Error, Abandoned, Abandoned]);
        assert_eq!(split.resume.received, Received::Error { task: 0 });
        let two_first = simulate_tie_order(&s, Language::Python, TIE_ORDERS + 2);
        assert_eq!(outcomes(&two_first), [Error, Ok, Abandoned]);
    }

    /// A failure on its way when the deadline passes: `a` fails in the loop iteration where the
    /// deadline's callback runs, just before it. `gather` cancels only `c`, still waiting, and stays
    /// open, so `a`'s done callback, queued first, raises its error; a `TaskGroup` raises every
    /// failure it hears of before its tasks are done. Either way the timeout never reaches the
    /// caller (seed 4, cases 106 and 920 of the differential harness, in CPython 3.11).
    #[test]
    fn python_a_failure_on_its_way_beats_the_deadline() {
        use Outcome::*;
        let failing_on_its_way = |mode| Scenario {
            tasks: vec![
                TaskSpec::io(Some("a"), 0).failing(100),
                TaskSpec::io(Some("b"), 60).cpu(),
                TaskSpec::io(Some("c"), 100),
            ],
            ..blocked_past_the_deadline(mode)
        };
        let gather = simulate(&failing_on_its_way(Mode::JoinAll), Language::Python);
        assert_eq!(outcomes(&gather), [Error, Ok, Cancelled]);
        assert_eq!(gather.resume.received, Received::Error { task: 0 });
        let group = simulate(&failing_on_its_way(Mode::TryJoinAll), Language::Python);
        assert_eq!(outcomes(&group), [Error, Ok, Cancelled]);
        assert_eq!(
            group.resume.received,
            Received::ExceptionGroup { tasks: vec![0] }
        );
        let settled = simulate(&failing_on_its_way(Mode::AllSettled), Language::Python);
        assert_eq!(settled.resume.received, Received::TimedOut);
    }

    fn retrying(retries: u8, backoff_ms: u32, tasks: Vec<TaskSpec>, mode: Mode) -> Scenario {
        Scenario {
            retry: RetryPolicy {
                retries,
                backoff_ms,
            },
            ..scenario(tasks, mode)
        }
    }

    fn attempts(run: &TaskRun) -> Vec<(f64, f64)> {
        run.attempts
            .iter()
            .map(|a| (a.start_ms, a.end_ms))
            .collect()
    }

    /// A task that always fails makes every attempt, waiting 50, then 100 ms before its retries;
    /// the caller hears of it only when the last attempt fails.
    #[test]
    fn a_failed_attempt_waits_its_doubling_backoff_then_tries_again() {
        let tasks = vec![
            TaskSpec::io(Some("flaky"), 100).failing(100),
            TaskSpec::io(Some("ok"), 200),
        ];
        for &language in Language::ALL {
            let timeline = simulate(&retrying(2, 50, tasks.clone(), Mode::JoinAll), language);
            let flaky = &timeline.tasks[0];
            let [work, first_backoff, second_backoff] =
                [100, 50, 100].map(|ms| timer(language, ms));
            let second = work + first_backoff;
            let third = second + work + second_backoff;
            assert_eq!(
                attempts(flaky),
                [(0.0, work), (second, second + work), (third, third + work)],
                "{language}"
            );
            assert_eq!(flaky.outcome, Outcome::Error, "{language}");
            assert!(timeline.tasks[1].attempts.is_empty(), "{language}");
            assert_eq!(timeline.resume.at_ms, third + work, "{language}");
        }
    }

    /// A fail-fast caller that gives up at a deadline cancels a task in its backoff: its last span
    /// is that wait, after its one failed attempt.
    #[test]
    fn a_deadline_cancels_a_task_waiting_to_retry() {
        let scenario = Scenario {
            timeout_ms: Some(120),
            ..retrying(
                3,
                100,
                vec![TaskSpec::io(Some("flaky"), 50).failing(100)],
                Mode::TryJoinAll,
            )
        };
        for &language in Language::ALL {
            let timeline = simulate(&scenario, language);
            let flaky = &timeline.tasks[0];
            assert_eq!(attempts(flaky), [(0.0, timer(language, 50))], "{language}");
            assert_eq!(flaky.outcome, Outcome::Cancelled, "{language}");
            assert_eq!(
                flaky.span.unwrap().end_ms,
                timer(language, 120),
                "{language}"
            );
            assert_eq!(timeline.resume.received, Received::TimedOut, "{language}");
        }
    }

    /// One after another in C#, the caller's own thread runs the loop until a task first truly
    /// waits: blocking work retried with no backoff never waits, so the deadline is seen only when
    /// the loop ends or first waits (differential seed 8, cases 1914 and 1596).
    #[test]
    fn csharp_a_loop_that_never_waits_keeps_the_caller_from_its_deadline() {
        let never_waits = crate::domain::url_codec::decode(
            "tasks=60:100:cpu&mode=sequential&timeout=120&retries=3&backoff=0&seed=2007640271",
        )
        .scenario;
        let timeline = simulate(&never_waits, Language::CSharp);
        assert_eq!(timeline.tasks[0].attempt_count(), 4);
        assert_eq!(timeline.tasks[0].outcome, Outcome::Error);
        assert_eq!(timeline.resume.received, Received::TimedOut);
        assert_eq!(timeline.resume.at_ms, 240.0);
        let then_waits = crate::domain::url_codec::decode(
            "tasks=60:cpu,30,20&mode=sequential&timeout=50&seed=1",
        )
        .scenario;
        let timeline = simulate(&then_waits, Language::CSharp);
        assert_eq!(
            outcomes(&timeline),
            [Outcome::Ok, Outcome::Cancelled, Outcome::NotStarted]
        );
        assert_eq!(timeline.resume.at_ms, 60.0);
        assert_eq!(timeline.resume.received, Received::TimedOut);
        // On one loop the deadline's timer waits for the blocking work, and acts as it ends.
        let js = simulate(&then_waits, Language::JavaScript);
        assert_eq!(js.resume.received, Received::TimedOut);
    }

    /// Cooperative cancellation abandons a C# loop rather than stopping it: the blocking task runs
    /// on past the deadline, and the loop then creates the next task, which meets the cancelled
    /// token at its first wait (seen in Mono).
    #[test]
    fn csharp_an_abandoned_loop_starts_its_next_task_after_the_deadline() {
        use Outcome::*;
        let timeline = simulate(
            &blocked_past_the_deadline(Mode::Sequential),
            Language::CSharp,
        );
        assert_eq!(outcomes(&timeline), [Ok, Abandoned, Cancelled]);
        assert_eq!(timeline.tasks[2].span.map(|span| span.start_ms), Some(70.0));
        assert_eq!(timeline.resume.at_ms, 30.0);
    }

    /// A C# pool of one behind a `SemaphoreSlim`: the deadline cancels the waiting task, which
    /// frees the semaphore, and the tasks still waiting for it get their turn one after another,
    /// blocking work running on and each wait stopping at once (differential seed 4, case 38).
    #[test]
    fn csharp_semaphore_waiters_still_take_their_turn_after_a_deadline() {
        use Outcome::*;
        let s = Scenario {
            limit: 1,
            timeout_ms: Some(330),
            ..scenario(
                vec![
                    TaskSpec::io(Some("a"), 0),
                    TaskSpec::io(Some("b"), 210),
                    TaskSpec::io(Some("c"), 210),
                    TaskSpec::io(Some("d"), 60).cpu(),
                    TaskSpec::io(Some("e"), 0),
                ],
                Mode::Buffered,
            )
        };
        let timeline = simulate(&s, Language::CSharp);
        assert_eq!(
            outcomes(&timeline),
            [Ok, Ok, Cancelled, Abandoned, Cancelled]
        );
        assert_eq!(
            timeline.tasks[4].span.map(|span| span.start_ms),
            Some(390.0)
        );
    }

    /// Family 4: a pool larger than the work runs everything at once, in every language.
    #[test]
    fn a_limit_above_the_number_of_tasks_starts_every_task_at_once() {
        let s = Scenario {
            limit: 9,
            ..scenario(one_failure(), Mode::Buffered)
        };
        for &language in Language::ALL {
            let timeline = simulate(&s, language);
            assert!(
                timeline
                    .tasks
                    .iter()
                    .all(|t| t.span.unwrap().start_ms == 0.0),
                "{language}"
            );
        }
    }

    #[test]
    fn empty_scenario_resumes_at_once() {
        let timeline = simulate(&scenario(vec![], Mode::JoinAll), Language::Rust);
        assert_eq!(
            timeline.resume,
            Resume {
                at_ms: 0.0,
                received: Received::AllOk
            }
        );
    }

    /// The tasks of the ten-line programs run in node 20 and CPython 3.11 to check fire and forget.
    fn forgotten(program_exits: bool) -> Scenario {
        Scenario {
            program_exits,
            ..scenario(
                vec![
                    TaskSpec::io(Some("a"), 100),
                    TaskSpec::io(Some("b"), 50).failing(100).cpu(),
                    TaskSpec::io(Some("c"), 0),
                    TaskSpec::io(Some("d"), 30).cpu(),
                ],
                Mode::FireAndForget,
            )
        }
    }

    #[test]
    fn fire_and_forget_at_a_scripts_end_in_each_language() {
        use Outcome::*;
        let run = |language| simulate(&forgotten(true), language);
        let rust = run(Language::Rust);
        assert_eq!(
            outcomes(&rust),
            vec![NotStarted; 4],
            "tokio drops them unpolled"
        );
        assert_eq!(rust.resume.received, Received::Started);
        assert_eq!(rust.resume.at_ms, 0.0);
        // The caller's thread runs b and d to their end; the process ends under a at 80 ms.
        let csharp = run(Language::CSharp);
        assert_eq!(outcomes(&csharp), vec![Cancelled, Error, Ok, Ok]);
        assert_eq!(csharp.resume.at_ms, 80.0);
        assert_eq!(csharp.tasks[0].span.unwrap().end_ms, 80.0);
        // Every task takes its first step before asyncio.run cancels the pending ones.
        let python = run(Language::Python);
        assert_eq!(outcomes(&python), vec![Cancelled, Error, Cancelled, Ok]);
        assert_eq!(python.resume.at_ms, 0.0);
        assert_eq!(python.tasks[0].span.unwrap().end_ms, 80.0);
        // node waits for its timers, but b's rejection, unhandled, ends it once the script is done.
        let javascript = run(Language::JavaScript);
        assert_eq!(outcomes(&javascript), vec![Cancelled, Error, Cancelled, Ok]);
        assert_eq!(javascript.tasks[2].span.unwrap().end_ms, 80.0);
    }

    #[test]
    fn node_ends_the_program_at_the_first_unhandled_rejection() {
        use Outcome::*;
        let s = scenario(
            vec![
                TaskSpec::io(Some("a"), 100).failing(100),
                TaskSpec::io(Some("b"), 100),
                TaskSpec::io(Some("c"), 101),
            ],
            Mode::FireAndForget,
        );
        // b's timer is due with a's, in the same list, and still never fires.
        let javascript = simulate(&s, Language::JavaScript);
        assert_eq!(outcomes(&javascript), vec![Error, Cancelled, Cancelled]);
        assert_eq!(javascript.tasks[1].span.unwrap().end_ms, 100.0);
        // Elsewhere the failure is lost or logged, and every task ends by itself: none is abandoned.
        for language in [Language::Rust, Language::CSharp, Language::Python] {
            let timeline = simulate(&s, language);
            assert_eq!(outcomes(&timeline), vec![Error, Ok, Ok], "{language}");
            assert_eq!(timeline.resume.received, Received::Started, "{language}");
        }
        assert_eq!(
            outcomes(&simulate(&forgotten(false), Language::Python)),
            vec![Ok, Error, Ok, Ok]
        );
    }

    #[test]
    fn javascript_a_retry_loop_sets_its_backoff_after_the_callers_own_code() {
        // a blocks while the caller creates b, and fails; its loop sets the 60 ms backoff only after
        // b's 60 ms timer, so in node's list for 60 ms b fires first, before a blocks again.
        let s = retrying(
            1,
            60,
            vec![
                TaskSpec::io(Some("a"), 90).failing(100).cpu(),
                TaskSpec::io(Some("b"), 60),
            ],
            Mode::JoinAll,
        );
        let javascript = simulate(&s, Language::JavaScript);
        assert_eq!(javascript.tasks[1].span.unwrap().end_ms, 150.0);
        assert_eq!(
            attempts(&javascript.tasks[0]),
            vec![(0.0, 90.0), (150.0, 240.0)]
        );
    }
}
