//! Ready-made scenarios, each a scenario URL plus one paragraph on what it shows, and the scenario the
//! simulator benchmarks share.

use super::language::Language;
use super::mode::Mode;
use super::scenario::{Delay, RetryPolicy, Scenario, TaskKind, TaskSpec};

/// A named scenario that teaches one thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    /// Its page in the gallery, `p/<slug>/`. Published links point there: a slug never changes.
    pub slug: &'static str,
    /// A scenario query string, decoded like any shared link.
    pub query: &'static str,
    /// The language its gallery page shows it in: the one whose behaviour it is about.
    pub language: Language,
    pub lesson: &'static str,
}

pub const PRESETS: [Preset; 10] = [
    Preset {
        name: "Await in a loop vs all at once: 10 × 500 ms",
        slug: "await-in-a-loop-vs-join-all",
        query: "tasks=10x500&mode=join_all",
        language: Language::Rust,
        lesson: "Ten calls of 500 ms: about 5000 ms one after another, about 500 ms awaited together. Press Compare.",
    },
    Preset {
        name: "Worker pool: 20 jobs on 3 workers",
        slug: "worker-pool-three-at-a-time",
        query: "tasks=20x1000-5000&mode=buffered&limit=3&seed=7",
        language: Language::Rust,
        lesson: "At most three jobs run at once; each worker takes the next job as soon as it is free.",
    },
    Preset {
        name: "One call fails",
        slug: "promise-all-one-failure",
        query: "tasks=users:300,orders:450,db:250:100,billing:600,search:350&mode=join_all",
        language: Language::JavaScript,
        lesson: "db always fails. Switch languages: Rust and C# wait for everything, while Promise.all and asyncio.gather give up at 250 ms and leave the other calls running.",
    },
    Preset {
        name: "Every outcome, even the failures",
        slug: "promise-all-settled-every-outcome",
        query: "tasks=users:300,orders:450,db:250:100,billing:600&mode=all_settled",
        language: Language::JavaScript,
        lesson: "Promise.allSettled and its cousins never throw: the caller waits for all four and holds 3 results and 1 error, to inspect one by one.",
    },
    Preset {
        name: "Stop waiting after 500 ms",
        slug: "asyncio-timeout-stop-waiting",
        query: "tasks=users:300,search:450,report:900,export:1200&mode=join_all&timeout=500",
        language: Language::Python,
        lesson: "The caller gives up at 500 ms with two calls unfinished. Switch languages: tokio drops them, JavaScript aborts them, asyncio.timeout cancels them, and C# cancels only the waits that watch its token.",
    },
    Preset {
        name: "Retry a flaky call with backoff",
        slug: "retry-with-exponential-backoff",
        query: "tasks=flaky:200:60,api:300,db:150:40&mode=join_all&retries=3&seed=8",
        language: Language::CSharp,
        lesson: "A failed attempt waits 100 ms, then 200, then 400, before it tries again: flaky succeeds at its fourth attempt and db at its second, so the caller never sees a failure. Every attempt is its own bar.",
    },
    Preset {
        name: "Fire-and-forget loses the exception",
        slug: "fire-and-forget-loses-the-exception",
        query: "tasks=users:300,audit:200:100,email:500&mode=fire_and_forget",
        language: Language::CSharp,
        lesson: "Nobody awaits these calls, so audit's failure reaches no one. Switch languages: Rust and C# lose it silently, Python logs it when the task is collected, and node exits with an error, killing the calls still running.",
    },
    Preset {
        name: "A script that fires and forgets",
        slug: "script-that-fires-and-forgets",
        query: "tasks=users:300,audit:200:cpu,email:500&mode=fire_and_forget&exit=1",
        language: Language::Rust,
        lesson: "main returns right after starting the calls. Switch languages: tokio drops them before they ever run, the C# process ends under them, asyncio.run cancels them, and node waits for its timers.",
    },
    Preset {
        name: "CPU-bound work blocks the loop",
        slug: "cpu-bound-work-blocks-the-event-loop",
        query: "tasks=api:200,parse:600:cpu,render:100,cache:300&mode=join_all",
        language: Language::JavaScript,
        lesson: "parse blocks the only thread for 600 ms: the timers of the other calls fall due meanwhile and fire late. Awaiting it alongside them gains nothing.",
    },
    Preset {
        name: "Hot vs lazy: why creating the task already starts it",
        slug: "hot-tasks-vs-lazy-futures",
        query: "tasks=5x400&mode=sequential",
        language: Language::CSharp,
        lesson: "Here each task is created inside the loop, so this takes 2000 ms. In C# and JavaScript, creating them all first (tasks.map(work)) already starts them: awaiting one by one then takes 400 ms. Rust futures and Python coroutines are lazy and run only when awaited.",
    },
];

/// The scenario every simulator benchmark uses, natively and in wasm, so their figures compare:
/// delays drawn from 100 to 2000 ms, 5% failures, every tenth task CPU-bound, K = 64. It may exceed
/// the 10,000-task limit of links: benchmarks go to a million.
pub fn simulator_benchmark(tasks: usize, mode: Mode) -> Scenario {
    let task = |index: usize| TaskSpec {
        label: None,
        delay: Delay::Range {
            min: 100,
            max: 2000,
        },
        fail_percent: 5,
        kind: if index % 10 == 0 {
            TaskKind::Cpu
        } else {
            TaskKind::Io
        },
    };
    Scenario {
        tasks: (0..tasks).map(task).collect(),
        mode,
        limit: 64,
        seed: 7,
        timeout_ms: None,
        retry: RetryPolicy::default(),
        program_exits: false,
        caller: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::url_codec::decode;

    #[test]
    fn every_preset_is_a_valid_link() {
        for preset in PRESETS {
            let decoded = decode(preset.query);
            assert!(
                decoded.problems.is_empty(),
                "{}: {:?}",
                preset.name,
                decoded.problems
            );
            assert!(decoded.scenario.validate().is_empty(), "{}", preset.name);
        }
    }

    #[test]
    fn slugs_are_distinct_and_fit_a_path() {
        let mut slugs: Vec<&str> = PRESETS.iter().map(|preset| preset.slug).collect();
        for slug in &slugs {
            assert!(
                slug.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{slug}"
            );
        }
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), PRESETS.len());
    }

    #[test]
    fn the_first_preset_is_the_default_scenario() {
        assert_eq!(
            decode(PRESETS[0].query).scenario,
            crate::domain::scenario::Scenario::default()
        );
    }
}
