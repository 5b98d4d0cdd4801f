//! JavaScript (promises on node and the browser): its idioms for each mode and how they behave, and its words.

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
                "for (const work of jobs) await work()",
                FirstFailure,
                Cancelled,
                FirstError,
            ),
        },
        Idiom {
            mode: Mode::JoinAll,
            short: "Promise.all",
            semantics: cell("Promise.all", FirstFailure, KeepRunning, FirstError),
        },
        Idiom {
            mode: Mode::AllSettled,
            short: "Promise.allSettled",
            semantics: cell("Promise.allSettled", AllSettled, Cancelled, ResultsList),
        },
        Idiom {
            mode: Mode::TryJoinAll,
            short: "Promise.all + abort",
            semantics: cell(
                "Promise.all with an AbortController aborted on the first rejection",
                FirstFailure,
                Cancelled,
                FirstError,
            ),
        },
        Idiom {
            mode: Mode::Select,
            short: "Promise.race",
            semantics: cell("Promise.race", FirstSettled, KeepRunning, FirstError),
        },
        Idiom {
            mode: Mode::SelectOk,
            short: "Promise.any",
            semantics: cell("Promise.any", FirstSuccess, KeepRunning, AllFailed),
        },
        Idiom {
            mode: Mode::Buffered,
            short: "worker pool",
            semantics: cell(
                "k workers pulling from a shared queue",
                AllSettled,
                Cancelled,
                ResultsList,
            ),
        },
        Idiom {
            mode: Mode::FireAndForget,
            short: "no await",
            semantics: cell("work(job) without await", AtOnce, Detached, Unobserved),
        },
    ],
    thread: "main thread",
    ways_to_wait: &[
        WayToWait::AWAIT,
        WayToWait {
            name: "spin until the promise settles",
            ..WayToWait::BLOCK
        },
    ],
    error: ErrorText {
        before: "Error: ",
        after: " failed",
    },
    failed_verb: "rejected with",
    deadline_gave_up: "the timer won Promise.race and the signal was aborted",
    lost_failures: Counted::new("rejection went unhandled", "rejections went unhandled"),
    all_failed: AllFailedWords::Group {
        verb: "rejected with",
        group: "an AggregateError",
        each: Counted::new("error", "errors"),
    },
    settled_ok: Counted::new("fulfilled", "fulfilled"),
    settled_failed: Counted::new("rejected", "rejected"),
    resumes_after_a_failure: "in its catch block",
    blocked_in: "spinning on",
};

pub const PROGRAM_WORDS: ProgramWords = ProgramWords {
    notes: [
    (
        Mode::Sequential,
        "Calling work() inside the loop starts one promise at a time; the first rejection throws out of the loop.",
    ),
    (
        Mode::JoinAll,
        "Rejects at the first rejection, but the other promises keep running: their results are ignored.",
    ),
    (
        Mode::AllSettled,
        "Never rejects: it waits for every promise and fulfils with {status, value | reason} for each.",
    ),
    (
        Mode::TryJoinAll,
        "Promise.all alone cannot stop the others; aborting a shared signal does.",
    ),
    (
        Mode::Select,
        "Settles like the first promise to settle; the others keep running.",
    ),
    (
        Mode::SelectOk,
        "Fulfils with the first fulfilment; rejects with an AggregateError only when all reject.",
    ),
    (
        Mode::Buffered,
        "Each worker records a result or an error per job and moves on, so the pool finishes every job.",
    ),
    (
        Mode::FireAndForget,
        "A rejection nobody handles is an unhandledrejection: node exits with an error at the first one (a browser only logs it). node waits for pending timers.",
    ),
    ],
    eagerness: "Promises are eager: creating one starts the work at once.",
    tokens: TokenRules {
        keywords: &["async", "await", "break", "catch", "const", "else", "false", "for", "function", "if", "let", "new", "of", "return", "throw", "true", "try", "while",],
        line_comment: "//",
        single_quoted_strings: false,
    },
};
