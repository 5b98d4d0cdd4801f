//! C# (tasks on .NET): its idioms for each mode and how they behave, and its words.

use super::{AllFailedWords, Counted, ErrorText, Idiom, Profile, ProgramWords, TokenRules};
use crate::domain::model::caller_setup::{CallerContext, WayToWait};
use crate::domain::model::mode::Mode;
use crate::domain::semantics::behaviour::cell;
use crate::domain::semantics::behaviour::FailureReport::*;
use crate::domain::semantics::behaviour::Leftovers::*;
use crate::domain::semantics::behaviour::ResumeRule::*;

pub const PROFILE: Profile = Profile {
    idioms: [
        Idiom {
            mode: Mode::Sequential,
            short: "foreach … await",
            semantics: cell(
                "foreach (var work in jobs) await work()",
                FirstFailure,
                Cancelled,
                FirstError,
            ),
        },
        Idiom {
            mode: Mode::JoinAll,
            short: "Task.WhenAll",
            semantics: cell("Task.WhenAll", AllSettled, Cancelled, AggregateException),
        },
        Idiom {
            mode: Mode::AllSettled,
            short: "WhenAll + Status",
            semantics: cell(
                "Task.WhenAll in a try/catch, then each task's Status",
                AllSettled,
                Cancelled,
                ResultsList,
            ),
        },
        Idiom {
            mode: Mode::TryJoinAll,
            short: "WhenAll + cancel",
            semantics: cell(
                "Task.WhenAll with a CancellationTokenSource cancelled on the first fault",
                AllSettled,
                Cancelled,
                FirstError,
            ),
        },
        Idiom {
            mode: Mode::Select,
            short: "Task.WhenAny",
            semantics: cell("Task.WhenAny", FirstSettled, KeepRunning, FirstError),
        },
        Idiom {
            mode: Mode::SelectOk,
            short: "WhenAny loop",
            semantics: cell(
                "a Task.WhenAny loop that skips faulted tasks",
                FirstSuccess,
                KeepRunning,
                AllFailed,
            )
            .in_the_callers_own_loop(),
        },
        Idiom {
            mode: Mode::Buffered,
            short: "SemaphoreSlim",
            semantics: cell(
                "SemaphoreSlim(k) around each call, then Task.WhenAll",
                AllSettled,
                Cancelled,
                AggregateException,
            ),
        },
        Idiom {
            mode: Mode::FireAndForget,
            short: "_ = Work()",
            semantics: cell(
                "_ = Work(job), a discarded Task",
                AtOnce,
                Detached,
                Unobserved,
            ),
        },
    ],
    thread: "thread",
    ways_to_wait: &[
        WayToWait::AWAIT,
        WayToWait {
            name: ".Result on a console or pool thread",
            context: Some(CallerContext::Pool),
            ..WayToWait::BLOCK
        },
        WayToWait {
            name: ".Result on a UI thread",
            context: Some(CallerContext::Ui),
            configure_await: Some(true),
            ..WayToWait::BLOCK
        },
        WayToWait {
            name: ".Result on a UI thread, ConfigureAwait(false)",
            context: Some(CallerContext::Ui),
            configure_await: Some(false),
            ..WayToWait::BLOCK
        },
    ],
    error: ErrorText {
        before: "Exception: ",
        after: " failed",
    },
    failed_verb: "threw",
    deadline_gave_up: "Task.Delay won Task.WhenAny and the token was cancelled",
    lost_failures: Counted::new("exception went unobserved", "exceptions went unobserved"),
    all_failed: AllFailedWords::Group {
        verb: "threw",
        group: "an AggregateException",
        each: Counted::new("exception", "exceptions"),
    },
    settled_ok: Counted::new("ran to completion", "ran to completion"),
    settled_failed: Counted::new("faulted", "faulted"),
    resumes_after_a_failure: "in its catch block",
    blocked_in: "blocked in .Result on",
};

pub const PROGRAM_WORDS: ProgramWords = ProgramWords {
    notes: [
    (
        Mode::Sequential,
        "Each task is created inside the loop, so only one exists at a time; the first exception leaves the loop.",
    ),
    (
        Mode::JoinAll,
        "Waits for every task, then throws the first exception; the task's AggregateException holds all of them.",
    ),
    (
        Mode::AllSettled,
        "WhenAll still throws once all are done; catching that, every task is finished and its status says how.",
    ),
    (
        Mode::TryJoinAll,
        "The first failure cancels a shared token: waits that watch it stop, blocking work runs on, and WhenAll waits for both.",
    ),
    (
        Mode::Select,
        "Returns the first task to finish, even a faulted one, without throwing; the others keep running.",
    ),
    (
        Mode::SelectOk,
        "No built-in: loop over WhenAny, dropping faulted tasks; the losers keep running.",
    ),
    (
        Mode::Buffered,
        "All tasks exist at once, but only k get past the semaphore; WhenAll still waits for all.",
    ),
    (
        Mode::FireAndForget,
        "Its exception goes unobserved (in an async void method it would crash the process). When Main returns, the process ends under its tasks.",
    ),
    ],
    eagerness: "Tasks are hot: calling the async method starts it at once.",
    tokens: TokenRules {
        keywords: &["async", "await", "base", "bool", "break", "catch", "class", "default", "else", "false", "finally", "foreach", "get", "if", "in", "int", "new", "null", "public", "return", "static", "string", "throw", "true", "try", "using", "var", "void", "while",],
        line_comment: "//",
        single_quoted_strings: false,
    },
};
