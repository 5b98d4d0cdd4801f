//! Python (asyncio): its idioms for each mode and how they behave, and its words.

use super::{AllFailedWords, Counted, ErrorText, Idiom, Profile, ProgramWords, TokenRules};
use crate::domain::model::caller_setup::WayToWait;
use crate::domain::model::mode::Mode;
use crate::domain::semantics::behaviour::cell;
use crate::domain::semantics::behaviour::FailureReport::*;
use crate::domain::semantics::behaviour::Leftovers::*;
use crate::domain::semantics::behaviour::ResumeRule::*;

pub const PROFILE: Profile = Profile {
    idioms: [
        Idiom {
            mode: Mode::Sequential,
            short: "for … await",
            semantics: cell(
                "for work in jobs: await work()",
                FirstFailure,
                Cancelled,
                FirstError,
            ),
        },
        Idiom {
            mode: Mode::JoinAll,
            short: "asyncio.gather",
            semantics: cell("asyncio.gather", FirstFailure, KeepRunning, FirstError)
                .open_until_the_next_completion_at_a_deadline(),
        },
        Idiom {
            mode: Mode::AllSettled,
            short: "gather(return_exceptions)",
            semantics: cell(
                "asyncio.gather(..., return_exceptions=True)",
                AllSettled,
                Cancelled,
                ResultsList,
            ),
        },
        Idiom {
            mode: Mode::TryJoinAll,
            short: "TaskGroup",
            semantics: cell("asyncio.TaskGroup", AllSettled, Cancelled, ExceptionGroup)
                .cancelled_by_the_caller_at_a_deadline(),
        },
        Idiom {
            mode: Mode::Select,
            short: "asyncio.wait",
            semantics: cell(
                "asyncio.wait(tasks, return_when=FIRST_COMPLETED)",
                FirstSettled,
                KeepRunning,
                DoneSet,
            )
            .cancelled_by_the_caller_at_a_deadline(),
        },
        Idiom {
            mode: Mode::SelectOk,
            short: "as_completed",
            semantics: cell(
                "asyncio.as_completed, skipping exceptions",
                FirstSuccess,
                KeepRunning,
                AllFailed,
            )
            .in_the_callers_own_loop()
            .cancelled_by_the_caller_at_a_deadline(),
        },
        Idiom {
            mode: Mode::Buffered,
            short: "Semaphore",
            semantics: cell(
                "asyncio.Semaphore(k) with asyncio.gather",
                FirstFailure,
                KeepRunning,
                FirstError,
            )
            .open_until_the_next_completion_at_a_deadline(),
        },
        Idiom {
            mode: Mode::FireAndForget,
            short: "create_task",
            semantics: cell(
                "asyncio.create_task, kept in a set, never awaited",
                AtOnce,
                Detached,
                Unobserved,
            ),
        },
    ],
    thread: "event loop",
    ways_to_wait: &[
        WayToWait::AWAIT,
        WayToWait {
            name: "asyncio.run inside the running loop",
            ..WayToWait::BLOCK
        },
    ],
    error: ErrorText {
        before: "RuntimeError: ",
        after: " failed",
    },
    failed_verb: "raised",
    deadline_gave_up: "asyncio.timeout raised TimeoutError",
    lost_failures: Counted::new(
        "exception was never retrieved",
        "exceptions were never retrieved",
    ),
    all_failed: AllFailedWords::Group {
        verb: "raised",
        group: "an ExceptionGroup",
        each: Counted::new("exception", "exceptions"),
    },
    settled_ok: Counted::new("result", "results"),
    settled_failed: Counted::new("exception", "exceptions"),
    resumes_after_a_failure: "in its except block",
    blocked_in: "blocked in asyncio.run on",
};

pub const PROGRAM_WORDS: ProgramWords = ProgramWords {
    notes: [
    (
        Mode::Sequential,
        "A bare coroutine runs only when awaited, so this is sequential; the first exception ends the loop.",
    ),
    (
        Mode::JoinAll,
        "The first exception propagates at once; the other tasks are not cancelled and keep running.",
    ),
    (
        Mode::AllSettled,
        "Exceptions come back as values in the results list, in input order, once every task is done.",
    ),
    (
        Mode::TryJoinAll,
        "The first failure cancels the rest of the group; once every task is done, an ExceptionGroup is raised.",
    ),
    (
        Mode::Select,
        "Returns (done, pending) at the first completion; pending tasks keep running unless cancelled.",
    ),
    (
        Mode::SelectOk,
        "Take results in completion order and skip failures; the losers keep running.",
    ),
    (
        Mode::Buffered,
        "gather raises at the first exception, while the remaining tasks keep taking the semaphore and running.",
    ),
    (
        Mode::FireAndForget,
        "A failure is only logged: Task exception was never retrieved. When main returns, asyncio.run cancels every task still pending.",
    ),
    ],
    eagerness: "Coroutines run when awaited; asyncio.create_task schedules one at once.",
    tokens: TokenRules {
        keywords: &["and", "as", "async", "await", "break", "class", "continue", "def", "else", "except", "False", "for", "from", "if", "import", "in", "None", "not", "raise", "return", "True", "try", "while", "with",],
        line_comment: "#",
        single_quoted_strings: true,
    },
};
