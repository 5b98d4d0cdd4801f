//! The steps the event loop runs: each is one piece of a task, of the caller, or of the program.

/// One runnable piece of the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Step {
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
    /// The program ends under its tasks (see `Engine::program_dies`).
    ProgramDies,
    /// The task's retry loop, told its attempt failed, waits the backoff before the next.
    Backoff(u32),
    /// A cancelled token's callback takes the task's wait for a pool slot out of the queue: it
    /// never starts, unless a freed slot reached it first.
    WaitCancelled(u32),
}

/// A timer that fell due, as (due, duration, step).
pub(super) type DueTimer = (u64, u64, Step);
