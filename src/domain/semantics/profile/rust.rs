//! Rust (futures and tokio): its idioms for each mode and how they behave, and its words.

use super::{AllFailedWords, Counted, ErrorText, Idiom, Profile, ProgramWords, TokenRules};
use crate::domain::model::caller_setup::{RustRuntime, WayToWait};
use crate::domain::model::mode::Mode;
use crate::domain::semantics::behaviour::cell;
use crate::domain::semantics::behaviour::FailureReport::*;
use crate::domain::semantics::behaviour::Leftovers::*;
use crate::domain::semantics::behaviour::ResumeRule::*;

pub const PROFILE: Profile = Profile {
    idioms: [
        Idiom {
            mode: Mode::Sequential,
            short: "for … .await",
            semantics: cell(
                "for f in futures { f.await? }",
                FirstFailure,
                Cancelled,
                FirstError,
            ),
        },
        Idiom {
            mode: Mode::JoinAll,
            short: "join_all",
            semantics: cell(
                "futures::future::join_all",
                AllSettled,
                Cancelled,
                ResultsList,
            ),
        },
        Idiom {
            mode: Mode::AllSettled,
            short: "join_all → Results",
            semantics: cell(
                "futures::future::join_all over Results",
                AllSettled,
                Cancelled,
                ResultsList,
            ),
        },
        Idiom {
            mode: Mode::TryJoinAll,
            short: "try_join_all",
            semantics: cell(
                "futures::future::try_join_all",
                FirstFailure,
                Cancelled,
                FirstError,
            ),
        },
        Idiom {
            mode: Mode::Select,
            short: "select_all",
            semantics: cell(
                "futures::future::select_all",
                FirstSettled,
                Cancelled,
                FirstError,
            ),
        },
        Idiom {
            mode: Mode::SelectOk,
            short: "select_ok",
            semantics: cell(
                "futures::future::select_ok",
                FirstSuccess,
                Cancelled,
                AllFailed,
            ),
        },
        Idiom {
            mode: Mode::Buffered,
            short: "buffer_unordered",
            semantics: cell(
                "futures::stream::iter(..).buffer_unordered(k)",
                AllSettled,
                Cancelled,
                ResultsList,
            ),
        },
        Idiom {
            mode: Mode::FireAndForget,
            short: "tokio::spawn",
            semantics: cell(
                "tokio::spawn, dropping the JoinHandle",
                AtOnce,
                Detached,
                Unobserved,
            ),
        },
    ],
    thread: "runtime thread",
    ways_to_wait: &[
        WayToWait::AWAIT,
        WayToWait {
            name: "block_on, current_thread runtime",
            runtime: Some(RustRuntime::CurrentThread),
            ..WayToWait::BLOCK
        },
        WayToWait {
            name: "block_on, multi_thread runtime",
            runtime: Some(RustRuntime::MultiThread),
            ..WayToWait::BLOCK
        },
    ],
    error: ErrorText {
        before: "Err(\"",
        after: " failed\")",
    },
    failed_verb: "returned",
    deadline_gave_up: "tokio::time::timeout returned Err(Elapsed)",
    lost_failures: Counted::new("Err was lost", "Errs were lost"),
    all_failed: AllFailedWords::LastError,
    settled_ok: Counted::new("Ok", "Ok"),
    settled_failed: Counted::new("Err", "Err"),
    resumes_after_a_failure: "with the Err",
    blocked_in: "blocked in block_on on",
};

pub const PROGRAM_WORDS: ProgramWords = ProgramWords {
    notes: [
    (
        Mode::Sequential,
        "Futures are lazy: each starts only when awaited, and `?` ends the loop at the first error.",
    ),
    (
        Mode::JoinAll,
        "Waits for every future and returns a Vec<Result> in input order; nothing is cancelled.",
    ),
    (
        Mode::AllSettled,
        "A Vec<Result> in input order: each failure is a value to inspect, so nothing is thrown and nothing cancelled.",
    ),
    (
        Mode::TryJoinAll,
        "Returns the first Err at once and drops (cancels) every other future.",
    ),
    (
        Mode::Select,
        "Resumes with the first future to finish, ok or error; the rest come back pending and are dropped here.",
    ),
    (
        Mode::SelectOk,
        "Resumes with the first Ok and drops the rest; if every future fails, returns the last Err.",
    ),
    (
        Mode::Buffered,
        "At most k futures are polled at once; collecting the stream yields every Result.",
    ),
    (
        Mode::FireAndForget,
        "The task runs detached and its Err is lost. When main returns, the runtime drops every task not yet finished.",
    ),
    ],
    eagerness: "Futures are lazy: creating one runs nothing until it is polled.",
    tokens: TokenRules {
        keywords: &["as", "async", "await", "break", "const", "continue", "else", "enum", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "move", "mut", "pub", "return", "self", "static", "struct", "true", "use", "while", "Some", "None", "Ok", "Err",],
        line_comment: "//",
        single_quoted_strings: false,
    },
};
