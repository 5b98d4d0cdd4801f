//! How each language awaits many tasks in each mode: one table, checked against the real runtimes
//! (`scripts/differential`). The simulator, the real runs and the snippets all read it.

use super::language::Language;
use super::mode::Mode;

/// When the awaiting caller gets control back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResumeRule {
    /// Once every task has settled, whatever the outcomes.
    AllSettled,
    /// At the first failure, or once all have succeeded.
    FirstFailure,
    /// At the first task to settle, success or failure.
    FirstSettled,
    /// At the first success, or once all have failed.
    FirstSuccess,
    /// As soon as it has started every task: it waits for nothing.
    AtOnce,
}

/// What becomes of tasks still running (or not yet started) when the caller resumes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Leftovers {
    /// Dropped or cancelled: running tasks stop and queued ones never start.
    Cancelled,
    /// Nobody waits for them, but they run to the end (and queued ones still start): abandoned.
    KeepRunning,
    /// Nobody ever waited for them: each ends ok or failed by itself, unless the program ends first.
    Detached,
}

/// How failures reach the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FailureReport {
    /// A list of per-task results, failures included as values (`Vec<Result>`, `allSettled`).
    ResultsList,
    /// The first failure propagates (`Err`, throw, reject, raise).
    FirstError,
    /// C#'s `WhenAll`: waits, throws the first exception in task order; `.Exception` holds them all.
    AggregateException,
    /// Python's `TaskGroup`: an `ExceptionGroup` of the failures before the rest were cancelled.
    ExceptionGroup,
    /// Everything failed: one error standing for all (`AggregateError`, the last `Err`, ...).
    AllFailed,
    /// `asyncio.wait`: the sets of done and pending tasks when the caller runs again; the caller
    /// takes the first done task in input order, which need not be the first to have finished.
    DoneSet,
    /// Nothing reaches the caller: a failure goes unobserved, or ends the program.
    Unobserved,
}

/// One cell of the table: the idiom a programmer writes for `mode` in `language`, and how it behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Semantics {
    /// The call or idiom, as a reader would recognise it.
    pub call: &'static str,
    pub resume: ResumeRule,
    pub leftovers: Leftovers,
    pub failure: FailureReport,
    /// The caller's own loop takes the completions one at a time (no built-in does it): each
    /// completion is delivered to it, and once woken it reads every completion delivered meanwhile
    /// before it waits again.
    pub callers_own_loop: bool,
    /// At a deadline, the tasks are cancelled by the caller's own next step (a `TaskGroup` leaving
    /// its block, the code after `asyncio.wait`), not by the cancel that reaches the caller, as
    /// `gather` cancels its children at once. Tasks whose wake-up was queued first still finish.
    pub deadline_cancels_at_callers_step: bool,
    /// At a deadline the combinator cancels the tasks still running but stays open: the next
    /// completion it hears decides. A failure that was already on its way is raised; a cancelled
    /// task means the timeout. (`gather` leaves its outer future pending when it cancels children.)
    pub deadline_waits_for_the_next_completion: bool,
}

const fn cell(
    call: &'static str,
    resume: ResumeRule,
    leftovers: Leftovers,
    failure: FailureReport,
) -> Semantics {
    Semantics {
        call,
        resume,
        leftovers,
        failure,
        callers_own_loop: false,
        deadline_cancels_at_callers_step: false,
        deadline_waits_for_the_next_completion: false,
    }
}

impl Semantics {
    /// The same cell, written as the caller's own loop over completions.
    const fn in_the_callers_own_loop(self) -> Self {
        Semantics {
            callers_own_loop: true,
            ..self
        }
    }

    /// The same cell, where the caller itself cancels the tasks after a deadline.
    const fn cancelled_by_the_caller_at_a_deadline(self) -> Self {
        Semantics {
            deadline_cancels_at_callers_step: true,
            ..self
        }
    }

    /// The same cell, where a deadline leaves the wait open until the next completion is heard.
    const fn open_until_the_next_completion_at_a_deadline(self) -> Self {
        Semantics {
            deadline_waits_for_the_next_completion: true,
            ..self
        }
    }
}

use FailureReport::*;
use Leftovers::*;
use ResumeRule::*;

/// Every (mode, language) pair. Order: modes as in [`Mode::ALL`], languages as in [`Language::ALL`].
#[rustfmt::skip]
pub const TABLE: [(Mode, Language, Semantics); 32] = [
    (Mode::Sequential, Language::Rust, cell("for f in futures { f.await? }", FirstFailure, Cancelled, FirstError)),
    (Mode::Sequential, Language::CSharp, cell("foreach (var work in jobs) await work()", FirstFailure, Cancelled, FirstError)),
    (Mode::Sequential, Language::JavaScript, cell("for (const work of jobs) await work()", FirstFailure, Cancelled, FirstError)),
    (Mode::Sequential, Language::Python, cell("for work in jobs: await work()", FirstFailure, Cancelled, FirstError)),

    (Mode::JoinAll, Language::Rust, cell("futures::future::join_all", AllSettled, Cancelled, ResultsList)),
    (Mode::JoinAll, Language::CSharp, cell("Task.WhenAll", AllSettled, Cancelled, AggregateException)),
    (Mode::JoinAll, Language::JavaScript, cell("Promise.all", FirstFailure, KeepRunning, FirstError)),
    (Mode::JoinAll, Language::Python, cell("asyncio.gather", FirstFailure, KeepRunning, FirstError).open_until_the_next_completion_at_a_deadline()),

    (Mode::AllSettled, Language::Rust, cell("futures::future::join_all over Results", AllSettled, Cancelled, ResultsList)),
    (Mode::AllSettled, Language::CSharp, cell("Task.WhenAll in a try/catch, then each task's Status", AllSettled, Cancelled, ResultsList)),
    (Mode::AllSettled, Language::JavaScript, cell("Promise.allSettled", AllSettled, Cancelled, ResultsList)),
    (Mode::AllSettled, Language::Python, cell("asyncio.gather(..., return_exceptions=True)", AllSettled, Cancelled, ResultsList)),

    (Mode::TryJoinAll, Language::Rust, cell("futures::future::try_join_all", FirstFailure, Cancelled, FirstError)),
    (Mode::TryJoinAll, Language::CSharp, cell("Task.WhenAll with a CancellationTokenSource cancelled on the first fault", AllSettled, Cancelled, FirstError)),
    (Mode::TryJoinAll, Language::JavaScript, cell("Promise.all with an AbortController aborted on the first rejection", FirstFailure, Cancelled, FirstError)),
    (Mode::TryJoinAll, Language::Python, cell("asyncio.TaskGroup", AllSettled, Cancelled, ExceptionGroup).cancelled_by_the_caller_at_a_deadline()),

    (Mode::Select, Language::Rust, cell("futures::future::select_all", FirstSettled, Cancelled, FirstError)),
    (Mode::Select, Language::CSharp, cell("Task.WhenAny", FirstSettled, KeepRunning, FirstError)),
    (Mode::Select, Language::JavaScript, cell("Promise.race", FirstSettled, KeepRunning, FirstError)),
    (Mode::Select, Language::Python, cell("asyncio.wait(tasks, return_when=FIRST_COMPLETED)", FirstSettled, KeepRunning, DoneSet).cancelled_by_the_caller_at_a_deadline()),

    (Mode::SelectOk, Language::Rust, cell("futures::future::select_ok", FirstSuccess, Cancelled, AllFailed)),
    (Mode::SelectOk, Language::CSharp, cell("a Task.WhenAny loop that skips faulted tasks", FirstSuccess, KeepRunning, AllFailed).in_the_callers_own_loop()),
    (Mode::SelectOk, Language::JavaScript, cell("Promise.any", FirstSuccess, KeepRunning, AllFailed)),
    (Mode::SelectOk, Language::Python, cell("asyncio.as_completed, skipping exceptions", FirstSuccess, KeepRunning, AllFailed).in_the_callers_own_loop().cancelled_by_the_caller_at_a_deadline()),

    (Mode::Buffered, Language::Rust, cell("futures::stream::iter(..).buffer_unordered(k)", AllSettled, Cancelled, ResultsList)),
    (Mode::Buffered, Language::CSharp, cell("SemaphoreSlim(k) around each call, then Task.WhenAll", AllSettled, Cancelled, AggregateException)),
    (Mode::Buffered, Language::JavaScript, cell("k workers pulling from a shared queue", AllSettled, Cancelled, ResultsList)),
    (Mode::Buffered, Language::Python, cell("asyncio.Semaphore(k) with asyncio.gather", FirstFailure, KeepRunning, FirstError).open_until_the_next_completion_at_a_deadline()),

    (Mode::FireAndForget, Language::Rust, cell("tokio::spawn, dropping the JoinHandle", AtOnce, Detached, Unobserved)),
    (Mode::FireAndForget, Language::CSharp, cell("_ = Work(job), a discarded Task", AtOnce, Detached, Unobserved)),
    (Mode::FireAndForget, Language::JavaScript, cell("work(job) without await", AtOnce, Detached, Unobserved)),
    (Mode::FireAndForget, Language::Python, cell("asyncio.create_task, kept in a set, never awaited", AtOnce, Detached, Unobserved)),
];

/// The one thing worth knowing about each cell of [`TABLE`], in its order. Apart from the table, since
/// only the code panel's note reads them, and it comes from the writer: the page's first load
/// carries none of this text.
const NOTES: [&str; 32] = [
    "Futures are lazy: each starts only when awaited, and `?` ends the loop at the first error.",
    "Each task is created inside the loop, so only one exists at a time; the first exception leaves the loop.",
    "Calling work() inside the loop starts one promise at a time; the first rejection throws out of the loop.",
    "A bare coroutine runs only when awaited, so this is sequential; the first exception ends the loop.",
    "Waits for every future and returns a Vec<Result> in input order; nothing is cancelled.",
    "Waits for every task, then throws the first exception; the task's AggregateException holds all of them.",
    "Rejects at the first rejection, but the other promises keep running: their results are ignored.",
    "The first exception propagates at once; the other tasks are not cancelled and keep running.",
    "A Vec<Result> in input order: each failure is a value to inspect, so nothing is thrown and nothing cancelled.",
    "WhenAll still throws once all are done; catching that, every task is finished and its status says how.",
    "Never rejects: it waits for every promise and fulfils with {status, value | reason} for each.",
    "Exceptions come back as values in the results list, in input order, once every task is done.",
    "Returns the first Err at once and drops (cancels) every other future.",
    "The first failure cancels a shared token: waits that watch it stop, blocking work runs on, and WhenAll waits for both.",
    "Promise.all alone cannot stop the others; aborting a shared signal does.",
    "The first failure cancels the rest of the group; once every task is done, an ExceptionGroup is raised.",
    "Resumes with the first future to finish, ok or error; the rest come back pending and are dropped here.",
    "Returns the first task to finish, even a faulted one, without throwing; the others keep running.",
    "Settles like the first promise to settle; the others keep running.",
    "Returns (done, pending) at the first completion; pending tasks keep running unless cancelled.",
    "Resumes with the first Ok and drops the rest; if every future fails, returns the last Err.",
    "No built-in: loop over WhenAny, dropping faulted tasks; the losers keep running.",
    "Fulfils with the first fulfilment; rejects with an AggregateError only when all reject.",
    "Take results in completion order and skip failures; the losers keep running.",
    "At most k futures are polled at once; collecting the stream yields every Result.",
    "All tasks exist at once, but only k get past the semaphore; WhenAll still waits for all.",
    "Each worker records a result or an error per job and moves on, so the pool finishes every job.",
    "gather raises at the first exception, while the remaining tasks keep taking the semaphore and running.",
    "The task runs detached and its Err is lost. When main returns, the runtime drops every task not yet finished.",
    "Its exception goes unobserved (in an async void method it would crash the process). When Main returns, the process ends under its tasks.",
    "A rejection nobody handles is an unhandledrejection: node exits with an error at the first one (a browser only logs it). node waits for pending timers.",
    "A failure is only logged: Task exception was never retrieved. When main returns, asyncio.run cancels every task still pending.",
];

/// The one thing worth knowing about `mode` awaited in `language`.
pub fn note(mode: Mode, language: Language) -> &'static str {
    TABLE
        .iter()
        .position(|(m, l, _)| *m == mode && *l == language)
        .map_or("", |index| NOTES[index])
}

/// The idiom's name in a few characters, for the mode picker (`join_all` / `Task.WhenAll` / ...).
pub fn short_call(mode: Mode, language: Language) -> &'static str {
    use Language::*;
    match (mode, language) {
        (Mode::Sequential, Rust) => "for … .await",
        (Mode::Sequential, CSharp) => "foreach … await",
        (Mode::Sequential, JavaScript) => "for … await",
        (Mode::Sequential, Python) => "for … await",
        (Mode::JoinAll, Rust) => "join_all",
        (Mode::JoinAll, CSharp) => "Task.WhenAll",
        (Mode::JoinAll, JavaScript) => "Promise.all",
        (Mode::JoinAll, Python) => "asyncio.gather",
        (Mode::AllSettled, Rust) => "join_all → Results",
        (Mode::AllSettled, CSharp) => "WhenAll + Status",
        (Mode::AllSettled, JavaScript) => "Promise.allSettled",
        (Mode::AllSettled, Python) => "gather(return_exceptions)",
        (Mode::TryJoinAll, Rust) => "try_join_all",
        (Mode::TryJoinAll, CSharp) => "WhenAll + cancel",
        (Mode::TryJoinAll, JavaScript) => "Promise.all + abort",
        (Mode::TryJoinAll, Python) => "TaskGroup",
        (Mode::Select, Rust) => "select_all",
        (Mode::Select, CSharp) => "Task.WhenAny",
        (Mode::Select, JavaScript) => "Promise.race",
        (Mode::Select, Python) => "asyncio.wait",
        (Mode::SelectOk, Rust) => "select_ok",
        (Mode::SelectOk, CSharp) => "WhenAny loop",
        (Mode::SelectOk, JavaScript) => "Promise.any",
        (Mode::SelectOk, Python) => "as_completed",
        (Mode::Buffered, Rust) => "buffer_unordered",
        (Mode::Buffered, CSharp) => "SemaphoreSlim",
        (Mode::Buffered, JavaScript) => "worker pool",
        (Mode::Buffered, Python) => "Semaphore",
        (Mode::FireAndForget, Rust) => "tokio::spawn",
        (Mode::FireAndForget, CSharp) => "_ = Work()",
        (Mode::FireAndForget, JavaScript) => "no await",
        (Mode::FireAndForget, Python) => "create_task",
    }
}

/// The semantics of `mode` awaited in `language`.
pub fn semantics(mode: Mode, language: Language) -> Semantics {
    TABLE
        .iter()
        .find(|(m, l, _)| *m == mode && *l == language)
        .map(|(_, _, semantics)| *semantics)
        .expect("TABLE covers every (mode, language) pair; a test checks it")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::named_choice::NamedChoice;

    #[test]
    fn table_holds_each_pair_exactly_once_in_order() {
        let mut expected = Vec::new();
        for &mode in Mode::ALL {
            for &language in Language::ALL {
                expected.push((mode, language));
            }
        }
        let actual: Vec<_> = TABLE.iter().map(|(m, l, _)| (*m, *l)).collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn wait_for_all_differs_by_language_as_documented() {
        let rust = semantics(Mode::JoinAll, Language::Rust);
        assert_eq!((rust.resume, rust.failure), (AllSettled, ResultsList));
        let csharp = semantics(Mode::JoinAll, Language::CSharp);
        assert_eq!(
            (csharp.resume, csharp.failure),
            (AllSettled, AggregateException)
        );
        for language in [Language::JavaScript, Language::Python] {
            let cell = semantics(Mode::JoinAll, language);
            assert_eq!(
                (cell.resume, cell.leftovers),
                (FirstFailure, KeepRunning),
                "{language}"
            );
        }
    }

    #[test]
    fn fail_fast_cancels_the_rest_everywhere_but_only_rust_and_js_resume_at_once() {
        for &language in Language::ALL {
            let cell = semantics(Mode::TryJoinAll, language);
            let resume = if matches!(language, Language::Rust | Language::JavaScript) {
                FirstFailure
            } else {
                AllSettled
            };
            assert_eq!(
                (cell.resume, cell.leftovers),
                (resume, Cancelled),
                "{language}"
            );
        }
        assert_eq!(
            semantics(Mode::TryJoinAll, Language::Python).failure,
            ExceptionGroup
        );
    }

    #[test]
    fn only_rust_cancels_the_losers_of_a_race() {
        for mode in [Mode::Select, Mode::SelectOk] {
            for &language in Language::ALL {
                let expected = if language == Language::Rust {
                    Cancelled
                } else {
                    KeepRunning
                };
                assert_eq!(
                    semantics(mode, language).leftovers,
                    expected,
                    "{mode} {language}"
                );
            }
        }
    }
}
