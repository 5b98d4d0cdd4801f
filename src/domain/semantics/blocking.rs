//! How the caller waits for its tasks: awaiting them, or blocking its thread on them with the
//! language's blocking call (`.Result`, `futures::executor::block_on`, `asyncio.run`, a spin), and
//! where that thread runs. What blocking does to a run depends on the language and on the thread:
//! [`blocked_call`] says which of a few things happens, and the simulator reads only that.

use crate::domain::model::caller_setup::{
    BlockedCall, CallerContext, CallerSetup, RustRuntime, Wait,
};
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::{Delay, Scenario};
use crate::domain::model::timeline::{Received, Span, Timeline};

/// How many timers a caller blocked inside tokio's multi-thread runtime sees end: tokio's
/// cooperative budget per poll of a task, which the blocked call never hands back.
pub const COOP_BUDGET: u32 = 128;

/// The watchdog never ends a hang sooner than this (see [`watchdog_ms`]).
pub const LEAST_WATCHDOG_MS: u32 = 1_000;

/// Whether `scenario`'s caller blocks its thread on the tasks: it does so only when it waits for
/// them.
pub fn caller_blocks(scenario: &Scenario) -> bool {
    scenario.caller.blocks_in(scenario.mode)
}

/// Whether pressing Run runs `scenario` in `language` for real in the page. Only Rust and
/// JavaScript run in a page, and the page's WebAssembly cannot block a thread: a Rust caller that
/// blocks plays its simulation instead, while JavaScript's spin really spins.
pub fn runs_for_real_in_the_page(scenario: &Scenario, language: Language) -> bool {
    language.runs_in_the_page() && (language == Language::JavaScript || !caller_blocks(scenario))
}

/// What the caller's blocking call does in `language`, for a caller set up as `setup` awaiting
/// with `mode`.
pub fn blocked_call(setup: CallerSetup, mode: Mode, language: Language) -> BlockedCall {
    if !setup.blocks_in(mode) {
        return BlockedCall::None;
    }
    match language {
        Language::CSharp if setup.context == CallerContext::Ui && setup.configure_await => {
            BlockedCall::ContinuationsWaitForTheThread
        }
        Language::Rust if setup.runtime == RustRuntime::CurrentThread => BlockedCall::TimersStop,
        Language::Rust => BlockedCall::BudgetRunsOut,
        Language::CSharp => BlockedCall::HoldsItsThread,
        Language::JavaScript => BlockedCall::LoopStops,
        Language::Python => BlockedCall::Raises,
    }
}

/// What became of a caller that blocked and never got its tasks back, or whose call refused, in
/// the narration's words: the cycle that holds it, and when the watchdog ended it. A refusal is
/// quoted in the runtime's own message, the words a reader searches for.
pub fn blocked_sentence(blocked: BlockedCall, call: &str, at: &str) -> String {
    let cycle = match blocked {
        BlockedCall::ContinuationsWaitForTheThread => {
            "Deadlock: the UI thread waits for the tasks; their continuations wait for the UI thread"
        }
        BlockedCall::TimersStop => "block_on holds the only thread that drives tokio's timers",
        BlockedCall::BudgetRunsOut => {
            "block_on spent tokio's budget of 128 timers, which only the runtime refills"
        }
        BlockedCall::LoopStops => "The spin holds the only thread, so nothing settles",
        BlockedCall::Raises => {
            return format!(
                "asyncio.run raised at {at}: \"RuntimeError: asyncio.run() cannot be called from a running event loop\", so no task ran"
            )
        }
        BlockedCall::None | BlockedCall::HoldsItsThread => "The caller blocked",
    };
    format!("{cycle}. {call} never finished; the watchdog ended it at {at}")
}

/// Why a task of a run whose caller blocked with `blocked` hung, for the tooltip, the moment view
/// and the narration: what it waited for that the blocked thread kept from it. `None` where no
/// task can hang.
pub fn hung_reason(blocked: BlockedCall) -> Option<&'static str> {
    match blocked {
        BlockedCall::ContinuationsWaitForTheThread => {
            Some("timer due, its continuation waits for the blocked UI thread")
        }
        BlockedCall::TimersStop => {
            Some("timer never fired: block_on holds the thread that drives tokio's timers")
        }
        BlockedCall::BudgetRunsOut => Some("poll refused: tokio's budget of 128 is spent"),
        BlockedCall::LoopStops => Some("timer never fired: the spin holds the only thread"),
        BlockedCall::None | BlockedCall::HoldsItsThread | BlockedCall::Raises => None,
    }
}

/// The deadline a run of `scenario` shows, if the caller armed one that could fire: a caller whose
/// blocking call refused never armed it, and one that never resumed never saw it (its timer never
/// fired, or its continuation waited for the blocked thread like every other).
pub fn shown_deadline_ms(scenario: &Scenario, received: &Received) -> Option<u32> {
    let blocked_before_it = matches!(received, Received::NeverResumed | Received::Raised);
    scenario.deadline_ms().filter(|_| !blocked_before_it)
}

/// When a blocking caller's call held its thread, as far as `timeline` shows it up to `now_ms`: from
/// the end of the blocking work that ran as the caller created its tasks (`blocked_work`, by start),
/// or from the start, to the caller's resumption. `None` if the caller awaits, or its call refused.
pub fn caller_blocked_span(
    scenario: &Scenario,
    timeline: &Timeline,
    blocked_work: &[(u32, Span)],
    now_ms: f64,
) -> Option<Span> {
    let refused = timeline.resume.received == Received::Raised;
    if !caller_blocks(scenario) || refused {
        return None;
    }
    let mut from = 0.0_f64;
    for (_, span) in blocked_work {
        if span.start_ms <= from + 0.5 {
            from = from.max(span.end_ms);
        }
    }
    let to = timeline.resume.at_ms.min(now_ms);
    (to > from).then_some(Span {
        start_ms: from,
        end_ms: to,
    })
}

/// When a run that hangs is ended: twice what every task of `scenario` would take one after
/// another, every attempt and backoff included, and at least [`LEAST_WATCHDOG_MS`]. Nothing in a
/// run can finish later than that (tasks one after another on one thread are the slowest any
/// mode runs them), so the watchdog only ever ends a real hang. The timelines, the programs'
/// watchdogs and the harness all use this one time.
pub fn watchdog_ms(scenario: &Scenario) -> u32 {
    let retry = scenario.retry;
    let backoffs: u64 = (1..=retry.retries)
        .map(|k| u64::from(retry.wait_before_retry_ms(k)))
        .sum();
    let one_after_another: u64 = scenario
        .tasks
        .iter()
        .map(|task| {
            let delay = match task.delay {
                Delay::Fixed(ms) => ms,
                Delay::Range { max, .. } => max,
            };
            u64::from(delay) * (u64::from(retry.retries) + 1) + backoffs
        })
        .sum();
    u32::try_from(one_after_another.saturating_mul(2))
        .unwrap_or(u32::MAX)
        .max(LEAST_WATCHDOG_MS)
}

/// Why parts of `setup` mean nothing for `mode` in `language`, one sentence each, for the page to
/// show beside the controls instead of ignoring them silently.
pub fn choices_without_effect(
    setup: CallerSetup,
    mode: Mode,
    language: Language,
) -> Vec<&'static str> {
    let awaits = !setup.blocks_in(mode);
    let csharp = language == Language::CSharp;
    let rust = language == Language::Rust;
    [
        (
            setup.wait == Wait::Block && !mode.caller_waits(),
            "Fire and forget has nothing to block on.",
        ),
        (
            setup.context == CallerContext::Ui && !csharp,
            "The context is C#'s: it changes nothing here.",
        ),
        (
            !setup.configure_await && !csharp,
            "ConfigureAwait is C#'s: it changes nothing here.",
        ),
        (
            !setup.configure_await && csharp && setup.context == CallerContext::Pool,
            "ConfigureAwait(false) needs a SynchronizationContext to change anything.",
        ),
        (
            setup.runtime == RustRuntime::MultiThread && !rust,
            "The runtime is tokio's: it changes nothing here.",
        ),
        (
            awaits
                && ((csharp && setup.context == CallerContext::Ui)
                    || (rust && setup.runtime == RustRuntime::MultiThread)),
            "Where the caller runs matters only when it blocks.",
        ),
    ]
    .into_iter()
    .filter_map(|(applies, note)| applies.then_some(note))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::scenario::{RetryPolicy, TaskSpec};

    fn blocking() -> CallerSetup {
        CallerSetup {
            wait: Wait::Block,
            ..CallerSetup::default()
        }
    }

    #[test]
    fn each_language_blocks_in_its_own_way() {
        let ui = CallerSetup {
            context: CallerContext::Ui,
            ..blocking()
        };
        let outcome = |setup, language| blocked_call(setup, Mode::JoinAll, language);
        assert_eq!(
            outcome(ui, Language::CSharp),
            BlockedCall::ContinuationsWaitForTheThread
        );
        let configured = CallerSetup {
            configure_await: false,
            ..ui
        };
        assert_eq!(
            outcome(configured, Language::CSharp),
            BlockedCall::HoldsItsThread
        );
        assert_eq!(
            outcome(blocking(), Language::CSharp),
            BlockedCall::HoldsItsThread
        );
        assert_eq!(outcome(blocking(), Language::Rust), BlockedCall::TimersStop);
        let multi = CallerSetup {
            runtime: RustRuntime::MultiThread,
            ..blocking()
        };
        assert_eq!(outcome(multi, Language::Rust), BlockedCall::BudgetRunsOut);
        assert_eq!(
            outcome(blocking(), Language::JavaScript),
            BlockedCall::LoopStops
        );
        assert_eq!(outcome(blocking(), Language::Python), BlockedCall::Raises);
        assert_eq!(
            outcome(CallerSetup::default(), Language::Python),
            BlockedCall::None
        );
        assert_eq!(
            blocked_call(blocking(), Mode::FireAndForget, Language::CSharp),
            BlockedCall::None
        );
    }

    #[test]
    fn the_watchdog_is_twice_every_task_one_after_another_with_every_attempt_and_at_least_a_second()
    {
        let mut scenario = Scenario {
            tasks: vec![TaskSpec::io(None, 300), TaskSpec::io(None, 800)],
            ..Scenario::default()
        };
        assert_eq!(watchdog_ms(&scenario), 2_200);
        scenario.retry = RetryPolicy {
            retries: 2,
            backoff_ms: 100,
        };
        // Three attempts of each, and waits of 100 and 200 ms between them.
        assert_eq!(watchdog_ms(&scenario), 2 * (3 * 300 + 300 + 3 * 800 + 300));
        scenario.tasks = vec![TaskSpec::io(None, 10)];
        scenario.retry = RetryPolicy::default();
        assert_eq!(watchdog_ms(&scenario), LEAST_WATCHDOG_MS);
    }

    #[test]
    fn a_choice_that_means_nothing_says_so() {
        let ui = CallerSetup {
            context: CallerContext::Ui,
            configure_await: false,
            runtime: RustRuntime::MultiThread,
            ..blocking()
        };
        assert_eq!(
            choices_without_effect(ui, Mode::JoinAll, Language::Python).len(),
            3
        );
        assert_eq!(
            choices_without_effect(ui, Mode::JoinAll, Language::CSharp).len(),
            1
        );
        assert!(
            choices_without_effect(blocking(), Mode::FireAndForget, Language::Rust)[0]
                .contains("nothing to block on")
        );
        assert!(
            choices_without_effect(CallerSetup::default(), Mode::JoinAll, Language::Rust)
                .is_empty()
        );
    }
}
