//! How each language's runtime schedules the code around an `await`: one entry per language, which
//! the simulator reads. Each field was checked against the real runtime (node, CPython 3.11, Mono,
//! tokio's current-thread runtime) by `scripts/differential`. A fifth language needs one entry here,
//! plus its real runner and its program generator; the simulator itself does not name languages.

use crate::domain::model::language::Language;

/// Where a piece of code runs, relative to the code that made it runnable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hop {
    /// At once, as part of the same step (a C# continuation on a pool thread, a Rust poll).
    Inline,
    /// In the microtask checkpoint that follows the current step, before any timer (JS promise
    /// reactions).
    Microtask,
    /// Queued behind everything already runnable (asyncio's `call_soon`, a future woken inside a poll).
    Queued,
    /// Once nothing else is runnable at this moment: tokio's `timeout` polls the future it wraps, and
    /// so every future woken with its deadline, before the deadline itself.
    Last,
}

/// How the loop takes what is runnable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Iteration {
    /// An iteration runs only what was queued when it began; what those steps queue waits for the next
    /// iteration, behind the timers that fall due (asyncio's `_run_once`).
    Snapshot,
    /// A poll keeps going until nothing is runnable (a tokio task polling its futures).
    UntilIdle,
}

/// Which threads run continuations, and so what blocking work holds up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threads {
    /// One event loop: blocking work holds every task, and timers fire late behind it.
    OneLoop,
    /// Continuations run on a thread pool (a C# console program): blocking work holds only its own
    /// thread, and the caller creates its tasks on its own thread, one after another.
    Pool,
}

/// What a wait of 0 ms does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZeroWait {
    /// It is a timer like any other, of at least this many ms (node clamps `setTimeout(f, 0)` to 1;
    /// tokio's `sleep(ZERO)` is a timer of 0 ms, which [`RuntimeModel::deadlines_round_up`] makes
    /// wait for the next millisecond tick).
    Timer { at_least_ms: u64 },
    /// It gives up the loop for one step (`asyncio.sleep(0)`).
    Yield,
    /// It is already complete and the code goes on without waiting (`Task.Delay(0)`).
    Completed,
}

/// How tasks are stopped when the caller gives up on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cancellation {
    /// Dropping a future stops it wherever it waits, at once (Rust).
    Drop,
    /// An abort signal clears each pending timer at once (JS `AbortController`).
    Signal,
    /// `task.cancel()` throws `CancelledError` into the task at its next step (asyncio); a task whose
    /// wait already ended but has not run again is cancelled too, and one not yet started never starts.
    AtNextStep,
    /// Only waits that watch the token stop (`Task.Delay(ms, token)`); blocking work runs to its end,
    /// and a task created after the cancel stops at its first wait (C#).
    Cooperative,
}

/// In which order the timers due when the loop looks at them fire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerOrder {
    /// By due time; timers due together in the order they were set.
    Due,
    /// By due time, but the waits that one turn of the loop finds ended complete in input order: a
    /// combinator over a fixed list (`join_all`, `select_ok`, ...) polls every future in order each
    /// time its task wakes. A pool (`FuturesUnordered`, so `buffer_unordered` and the joins past
    /// [`RuntimeModel::in_input_order_above`] futures) polls in the order they were woken.
    PolledInInputOrder,
    /// node keeps one list per duration: the list whose first timer fell due earliest fires every due
    /// timer it holds, in the order they were set, before the next list. After blocking work, a 1 ms
    /// timer set late can fire before a 90 ms timer that fell due long before it.
    PerDuration,
}

/// What a program's end does to the tasks it fired and forgot, when its `main` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtExit {
    /// They stop where they are: tokio drops them with its runtime (those never polled never
    /// start), and a C# process ends under them.
    Stop,
    /// Each is cancelled at its next step, and the loop runs until they have all ended
    /// (`asyncio.run`). Its done callback runs after the steps already queued, so each task created
    /// has taken its first step.
    Cancel,
    /// The program lives on while a timer is pending, so they run to their end (node).
    WaitForTimers,
}

/// One language's runtime, as the simulator needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuntimeModel {
    pub threads: Threads,
    pub iteration: Iteration,
    /// Whether combinators start their tasks themselves, inside their own poll, and so see a task that
    /// finishes there at once (lazy futures). Otherwise the caller creates every task first, and the
    /// combinator hears of those already done, in input order, when it is awaited.
    pub combinator_starts_tasks: bool,
    /// From creating a task to its first step.
    pub task_start: Hop,
    /// From a timer firing to the waiting task going on. Queued on a pool: timers that fire together
    /// complete together, on threads of their own, before any of their continuations can cancel them.
    pub timer_wakes_task: Hop,
    /// From a task finishing to whoever awaits it: the combinator, or the caller.
    pub done_reaches_waiter: Hop,
    /// From a task freeing its slot in a pool of K to the next task starting (`buffer_unordered`
    /// polls the new future behind those already woken; a semaphore wakes its next waiter).
    pub freed_slot_starts_next: Hop,
    pub zero_wait: ZeroWait,
    pub timer_order: TimerOrder,
    /// Timers count whole milliseconds and round each deadline up, while the clock always reads a
    /// moment into its millisecond: a timer fires only once the clock has passed the millisecond it
    /// fell due in, so a wait of d ms begun at t ends at t + d + 1. A timer due in the millisecond
    /// blocking work ends therefore fires together with the waits of 0 ms begun then (tokio).
    pub deadlines_round_up: bool,
    pub cancellation: Cancellation,
    /// From the caller's deadline timer firing to the caller giving up: asyncio's timeout cancels in
    /// the timer's own callback, and a JS timer callback settles the race at once; tokio's `timeout`
    /// sees it only after the future it wraps has run everything woken with it, and a C#
    /// `Task.Delay` completes on a pool thread like any task's.
    pub deadline_acts: Hop,
    /// Past this many futures, a join keeps them in a pool (`futures`' `join_all` and `try_join_all`
    /// switch to `FuturesOrdered` past 30): a fail-fast join then hands results over in input order,
    /// so a failure reaches the caller only once every task before it has finished.
    pub in_input_order_above: Option<u32>,
    /// From a failed attempt to its task's retry loop going on to the backoff: a JS `async` loop
    /// resumes after its `await` in a microtask, so blocking work that fails as the caller creates
    /// its tasks sets its backoff timer only once the caller's own code is done; elsewhere the loop
    /// goes on at once.
    pub retry_loop_resumes: Hop,
    pub at_exit: AtExit,
    /// A failure nobody handles ends the program once the step it happened in is over, with its
    /// microtasks (node's default for an unhandled rejection); elsewhere it is only lost or logged.
    pub unobserved_failure_ends_program: bool,
}

impl RuntimeModel {
    /// How long a timer of `ms` takes to fire on an idle loop, in the runtime's own reckoning.
    pub fn timer_ms(&self, ms: u64) -> u64 {
        let least = match self.zero_wait {
            ZeroWait::Timer { at_least_ms } => at_least_ms,
            ZeroWait::Yield | ZeroWait::Completed => 0,
        };
        ms.max(least) + u64::from(self.deadlines_round_up)
    }
}

/// The model of tokio's current-thread runtime, polling futures.
const TOKIO: RuntimeModel = RuntimeModel {
    threads: Threads::OneLoop,
    iteration: Iteration::UntilIdle,
    combinator_starts_tasks: true,
    task_start: Hop::Queued,
    timer_wakes_task: Hop::Queued,
    done_reaches_waiter: Hop::Inline,
    zero_wait: ZeroWait::Timer { at_least_ms: 0 },
    timer_order: TimerOrder::PolledInInputOrder,
    deadlines_round_up: true,
    freed_slot_starts_next: Hop::Queued,
    cancellation: Cancellation::Drop,
    deadline_acts: Hop::Last,
    in_input_order_above: Some(30),
    retry_loop_resumes: Hop::Inline,
    at_exit: AtExit::Stop,
    unobserved_failure_ends_program: false,
};

/// The model of .NET's (Mono's) thread pool, continuations running inline.
const DOTNET_POOL: RuntimeModel = RuntimeModel {
    threads: Threads::Pool,
    iteration: Iteration::UntilIdle,
    combinator_starts_tasks: false,
    task_start: Hop::Inline,
    timer_wakes_task: Hop::Queued,
    done_reaches_waiter: Hop::Inline,
    zero_wait: ZeroWait::Completed,
    timer_order: TimerOrder::Due,
    deadlines_round_up: false,
    freed_slot_starts_next: Hop::Inline,
    cancellation: Cancellation::Cooperative,
    deadline_acts: Hop::Queued,
    in_input_order_above: None,
    retry_loop_resumes: Hop::Inline,
    at_exit: AtExit::Stop,
    unobserved_failure_ends_program: false,
};

/// The model of node's event loop, promise reactions as microtasks.
const NODE: RuntimeModel = RuntimeModel {
    threads: Threads::OneLoop,
    iteration: Iteration::UntilIdle,
    combinator_starts_tasks: false,
    task_start: Hop::Inline,
    timer_wakes_task: Hop::Inline,
    done_reaches_waiter: Hop::Microtask,
    zero_wait: ZeroWait::Timer { at_least_ms: 1 },
    timer_order: TimerOrder::PerDuration,
    deadlines_round_up: false,
    freed_slot_starts_next: Hop::Microtask,
    cancellation: Cancellation::Signal,
    deadline_acts: Hop::Inline,
    in_input_order_above: None,
    retry_loop_resumes: Hop::Microtask,
    at_exit: AtExit::WaitForTimers,
    unobserved_failure_ends_program: true,
};

/// The model of an asyncio event loop, one iteration at a time.
const ASYNCIO: RuntimeModel = RuntimeModel {
    threads: Threads::OneLoop,
    iteration: Iteration::Snapshot,
    combinator_starts_tasks: false,
    task_start: Hop::Queued,
    timer_wakes_task: Hop::Queued,
    done_reaches_waiter: Hop::Queued,
    zero_wait: ZeroWait::Yield,
    timer_order: TimerOrder::Due,
    deadlines_round_up: false,
    freed_slot_starts_next: Hop::Queued,
    cancellation: Cancellation::AtNextStep,
    deadline_acts: Hop::Inline,
    in_input_order_above: None,
    retry_loop_resumes: Hop::Inline,
    at_exit: AtExit::Cancel,
    unobserved_failure_ends_program: false,
};

/// The runtime model of `language`.
pub fn runtime_model(language: Language) -> RuntimeModel {
    match language {
        Language::Rust => TOKIO,
        Language::CSharp => DOTNET_POOL,
        Language::JavaScript => NODE,
        Language::Python => ASYNCIO,
    }
}
