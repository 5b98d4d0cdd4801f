//! The record of one run, simulated or real: each task's span and outcome, and when and with what the
//! awaiting caller resumed.

use crate::domain::basics::ascending::ascending;
use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;

/// How a task ended, as far as the caller is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Ok,
    Error,
    /// Stopped before it finished because the caller dropped or cancelled it.
    Cancelled,
    /// Still running when the caller stopped waiting; it ran on, unobserved.
    Abandoned,
    /// Never started: an earlier failure ended the loop or the caller cancelled the queue.
    NotStarted,
    /// Started and not yet finished: only seen while a live run is in progress.
    Running,
    /// Started and never finished because nobody could finish it: the caller blocked the thread
    /// the task needed (its continuation waits for it, its timer never fires, its poll is
    /// refused), until the watchdog ended the program. Nobody moved on, unlike [`Outcome::Abandoned`].
    Hung,
}

impl Outcome {
    /// Every outcome, in a fixed order (the flat form numbers them by it).
    pub const ALL: [Outcome; 7] = [
        Outcome::Ok,
        Outcome::Error,
        Outcome::Cancelled,
        Outcome::Abandoned,
        Outcome::NotStarted,
        Outcome::Running,
        Outcome::Hung,
    ];

    /// The name used in exports (the trace's `args.outcome`), logs and the `bar-…` CSS class.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Error => "error",
            Outcome::Cancelled => "cancelled",
            Outcome::Abandoned => "abandoned",
            Outcome::NotStarted => "not_started",
            Outcome::Running => "running",
            Outcome::Hung => "hung",
        }
    }
}

/// When a task ran, in milliseconds since the run started. Real runs have fractional milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub start_ms: f64,
    pub end_ms: f64,
}

/// One task's part in a run.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRun {
    /// `None` when the task never started.
    pub span: Option<Span>,
    pub outcome: Outcome,
    /// The delay the task was given (after any range draw).
    pub delay_ms: u32,
    /// Whether the seeded draw made this task fail. An abandoned task keeps its draw here.
    pub fails: bool,
    /// Each attempt, when the task tried more than once; every one but the last failed. A task
    /// cancelled in the backoff before a retry ends after its last attempt, in that wait. Empty
    /// for a task that made one attempt, which is its whole span.
    pub attempts: Vec<Span>,
    /// It was cancelled in the backoff after its last attempt, which failed.
    pub ended_in_backoff: bool,
}

impl TaskRun {
    /// How much later than planned the task's last attempt ended: timers fire late, and blocking
    /// work delays them more.
    pub fn lateness_ms(&self) -> Option<f64> {
        let last_start = self.last_attempt_start_ms()?;
        self.span
            .map(|span| (span.end_ms - last_start - f64::from(self.delay_ms)).max(0.0))
    }

    /// When the task's last attempt began (its start, unless it retried).
    pub fn last_attempt_start_ms(&self) -> Option<f64> {
        match self.attempts.last() {
            Some(attempt) => Some(attempt.start_ms),
            None => self.span.map(|span| span.start_ms),
        }
    }

    /// When the task's last attempt was due to end, had nothing made it late.
    pub fn planned_end_ms(&self) -> Option<f64> {
        self.last_attempt_start_ms()
            .map(|start| start + f64::from(self.delay_ms))
    }

    /// The attempts that failed and were to be tried again: all but the last, or all of them
    /// when the task ended in the backoff after the last.
    pub fn retried_attempts(&self) -> &[Span] {
        let tried_again = self
            .attempts
            .len()
            .saturating_sub(usize::from(!self.ended_in_backoff));
        &self.attempts[..tried_again]
    }

    /// Where the task's own bar begins when it is drawn: its start, or after failed attempts (which
    /// are bars of their own) its last attempt, or the backoff it was cancelled in.
    pub fn bar_start_ms(&self) -> Option<f64> {
        match (self.attempts.last(), self.ended_in_backoff) {
            (Some(last), true) => Some(last.end_ms),
            _ => self.last_attempt_start_ms(),
        }
    }

    /// How many attempts the task began.
    pub fn attempt_count(&self) -> usize {
        match (self.span, self.attempts.len()) {
            (None, _) => 0,
            (Some(_), 0) => 1,
            (Some(_), attempts) => attempts,
        }
    }
}

/// What the awaiting caller got back, in terms every language has a word for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Received {
    /// Every task succeeded and the caller has all the values.
    AllOk,
    /// A list holding each task's result, failures included (indices of the failed ones).
    Results { failed: Vec<u32> },
    /// The first failure propagated (`Err`, an exception, a rejection).
    Error { task: u32 },
    /// C# `WhenAll`: threw the first exception in task order; the AggregateException holds `all`.
    AggregateException { first: u32, all: Vec<u32> },
    /// Python `TaskGroup`: an ExceptionGroup of these failures.
    ExceptionGroup { tasks: Vec<u32> },
    /// The first task to settle, which may have failed.
    First { task: u32, failed: bool },
    /// The first task to succeed.
    FirstSuccess { task: u32 },
    /// Every task failed.
    AllFailed { tasks: Vec<u32> },
    /// The caller's deadline passed first: it stopped waiting (`Elapsed`, `TimeoutError`, the
    /// deadline won the race) and holds no result.
    TimedOut,
    /// The caller started the tasks and moved on without waiting: it holds nothing.
    Started,
    /// The caller blocked its thread on the tasks and never got them back: a deadlock or a hang,
    /// ended by the watchdog at this resume's time.
    NeverResumed,
    /// The caller's blocking call refused at once, before any task ran (`asyncio.run` inside a
    /// running loop raises `RuntimeError`).
    Raised,
}

impl Received {
    /// What the resume marker says of how the caller goes on: "caller resumes", "caller never
    /// resumes".
    pub fn marker_words(&self) -> &'static str {
        match self {
            Received::TimedOut => "deadline: caller gives up",
            Received::Started => "caller moves on",
            Received::NeverResumed => "caller never resumes",
            Received::Raised => "blocking call raises",
            _ => "caller resumes",
        }
    }

    /// The same once it has happened, before its time: "caller resumed at".
    pub fn past_words(&self) -> &'static str {
        match self {
            Received::TimedOut => "caller gave up at",
            Received::Started => "caller moved on at",
            Received::NeverResumed => "caller never resumed; watchdog at",
            Received::Raised => "blocking call raised at",
            _ => "caller resumed at",
        }
    }

    /// A results list with the tasks in `failed` (any order) as the errors: [`Received::AllOk`] when
    /// there are none.
    pub fn results(failed: Vec<u32>) -> Received {
        let failed = ascending(failed);
        if failed.is_empty() {
            Received::AllOk
        } else {
            Received::Results { failed }
        }
    }
}

/// When the caller resumed, and with what.
#[derive(Clone, Debug, PartialEq)]
pub struct Resume {
    pub at_ms: f64,
    pub received: Received,
}

/// One run of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub mode: Mode,
    pub language: Language,
    /// What the caller's blocking call did to the run: the narration, the moment view and the
    /// tooltips read why tasks hung here rather than work it out again.
    pub blocked: BlockedCall,
    /// In task order.
    pub tasks: Vec<TaskRun>,
    pub resume: Resume,
}

/// Figures that summarise a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Totals {
    /// When the caller resumed: what the user waited.
    pub resumed_at_ms: f64,
    /// When the last task stopped, abandoned ones included.
    pub last_end_ms: f64,
    /// What running every task one after another would take.
    pub sum_of_delays_ms: f64,
    pub longest_delay_ms: f64,
}

impl Timeline {
    pub fn totals(&self) -> Totals {
        let last_end_ms = self
            .tasks
            .iter()
            .filter_map(|task| task.span.map(|span| span.end_ms))
            .fold(self.resume.at_ms, f64::max);
        Totals {
            resumed_at_ms: self.resume.at_ms,
            last_end_ms,
            sum_of_delays_ms: self.tasks.iter().map(|task| f64::from(task.delay_ms)).sum(),
            longest_delay_ms: self
                .tasks
                .iter()
                .map(|task| task.delay_ms)
                .max()
                .map_or(0.0, f64::from),
        }
    }

    /// How many tasks ended with `outcome`.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.tasks
            .iter()
            .filter(|task| task.outcome == outcome)
            .count()
    }
}

/// One of every kind of [`Received`], naming tasks 0 to 2 only, for tests that go through them all.
#[cfg(test)]
pub(crate) fn every_kind_of_received() -> Vec<Received> {
    vec![
        Received::AllOk,
        Received::Results { failed: vec![1, 2] },
        Received::Results { failed: vec![] },
        Received::Error { task: 2 },
        Received::AggregateException {
            first: 1,
            all: vec![1, 2],
        },
        Received::ExceptionGroup { tasks: vec![0] },
        Received::First {
            task: 0,
            failed: false,
        },
        Received::First {
            task: 1,
            failed: true,
        },
        Received::FirstSuccess { task: 2 },
        Received::AllFailed {
            tasks: vec![0, 1, 2],
        },
        Received::TimedOut,
        Received::Started,
        Received::NeverResumed,
        Received::Raised,
    ]
}
