//! proptest strategies for scenarios, shared by the property test files.

use async_playground::domain::basics::named_choice::NamedChoice;
use async_playground::domain::model::caller_setup::{
    CallerContext, CallerSetup, RustRuntime, Wait,
};
use async_playground::domain::model::mode::Mode;
use async_playground::domain::model::scenario::{
    Delay, RetryPolicy, Scenario, TaskKind, TaskSpec, MAX_RETRIES, MAX_TASKS, MAX_TIMEOUT_MS,
};
use proptest::prelude::*;

pub fn label() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        // A letter, then anything printable: markup, quotes, separators and emoji included.
        // Inner spaces only, because a trailing space is invalid and would make cases rejects.
        "[a-zA-Zé]([a-zA-Z0-9 _<>\"'&=+%#?,:/🚀-]{0,11}[a-zA-Z0-9_<>\"'&=+%#?,:/🚀-])?"
            .prop_map(Some),
    ]
}

pub fn delay(max_ms: u32) -> impl Strategy<Value = Delay> {
    prop_oneof![
        3 => (0..=max_ms).prop_map(Delay::Fixed),
        1 => (0..=max_ms, 0..=max_ms).prop_map(|(a, b)| Delay::Range { min: a.min(b), max: a.max(b) }),
    ]
}

pub fn task(max_ms: u32) -> impl Strategy<Value = TaskSpec> {
    (
        label(),
        delay(max_ms),
        prop_oneof![Just(0u8), 0..=100u8],
        prop_oneof![3 => Just(TaskKind::Io), 1 => Just(TaskKind::Cpu)],
    )
        .prop_map(|(label, delay, fail_percent, kind)| TaskSpec {
            label,
            delay,
            fail_percent,
            kind,
        })
}

pub fn mode() -> impl Strategy<Value = Mode> {
    proptest::sample::select(Mode::ALL.to_vec())
}

/// A valid scenario of up to `max_tasks` tasks.
pub fn scenario(max_tasks: usize, max_ms: u32) -> impl Strategy<Value = Scenario> {
    (
        proptest::collection::vec(task(max_ms), 1..=max_tasks),
        mode(),
        any::<u64>(),
        // A limit may exceed the number of tasks: every task then starts at once.
        prop_oneof![4 => 1..=64u32, 1 => 1..=MAX_TASKS],
        // A deadline, in a third of the cases, anywhere from 1 ms to past every task's end.
        prop_oneof![2 => Just(None), 1 => (1..=(max_ms * 2).min(MAX_TIMEOUT_MS)).prop_map(Some)],
        // Retries in a third of the cases, the backoff from none to past a task's length.
        prop_oneof![
            2 => Just(RetryPolicy::default()),
            1 => (1..=MAX_RETRIES, 0..=max_ms.min(1000))
                .prop_map(|(retries, backoff_ms)| RetryPolicy { retries, backoff_ms }),
        ],
        // Whether a fire-and-forget program ends with its caller; other modes keep it, unused.
        any::<bool>(),
        caller_setup(),
    )
        .prop_map(
            |(tasks, mode, seed, limit, timeout_ms, retry, program_exits, caller)| Scenario {
                tasks,
                mode,
                limit,
                seed,
                timeout_ms,
                retry,
                program_exits,
                caller,
            },
        )
}

/// How the caller waits: awaiting in three cases of four, else blocking on any thread.
pub fn caller_setup() -> impl Strategy<Value = CallerSetup> {
    prop_oneof![
        3 => Just(CallerSetup::default()),
        1 => (
            proptest::sample::select(vec![CallerContext::Pool, CallerContext::Ui]),
            any::<bool>(),
            proptest::sample::select(vec![RustRuntime::CurrentThread, RustRuntime::MultiThread]),
        )
            .prop_map(|(context, configure_await, runtime)| CallerSetup {
                wait: Wait::Block,
                context,
                configure_await,
                runtime,
            }),
    ]
}
