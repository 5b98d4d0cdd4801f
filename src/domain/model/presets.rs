//! Ready-made scenarios, each a scenario URL plus one paragraph on what it shows, and the scenario the
//! simulator benchmarks share.

use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::{Delay, RetryPolicy, Scenario, TaskKind, TaskSpec};

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
}

impl Preset {
    /// Its name with the language it shows, unless the name says it already: "One call fails
    /// (JavaScript)", but "The .Result deadlock (C#, UI thread)".
    pub fn title(&self) -> String {
        let language = self.language.display_name();
        if self.name.contains(language) {
            self.name.to_owned()
        } else {
            format!("{} ({language})", self.name)
        }
    }
}

pub const PRESETS: [Preset; 15] = [
    Preset {
        name: "Await in a loop vs all at once: 10 × 500 ms",
        slug: "await-in-a-loop-vs-join-all",
        query: "tasks=10x500&mode=join_all",
        language: Language::Rust,
    },
    Preset {
        name: "Worker pool: 20 jobs on 3 workers",
        slug: "worker-pool-three-at-a-time",
        query: "tasks=20x1000-5000&mode=buffered&limit=3&seed=7",
        language: Language::Rust,
    },
    Preset {
        name: "One call fails",
        slug: "promise-all-one-failure",
        query: "tasks=users:300,orders:450,db:250:100,billing:600,search:350&mode=join_all",
        language: Language::JavaScript,
    },
    Preset {
        name: "Every outcome, even the failures",
        slug: "promise-all-settled-every-outcome",
        query: "tasks=users:300,orders:450,db:250:100,billing:600&mode=all_settled",
        language: Language::JavaScript,
    },
    Preset {
        name: "Stop waiting after 500 ms",
        slug: "asyncio-timeout-stop-waiting",
        query: "tasks=users:300,search:450,report:900,export:1200&mode=join_all&timeout=500",
        language: Language::Python,
    },
    Preset {
        name: "Retry a flaky call with backoff",
        slug: "retry-with-exponential-backoff",
        query: "tasks=flaky:200:60,api:300,db:150:40&mode=join_all&retries=3&seed=8",
        language: Language::CSharp,
    },
    Preset {
        name: "Fire-and-forget loses the exception",
        slug: "fire-and-forget-loses-the-exception",
        query: "tasks=users:300,audit:200:100,email:500&mode=fire_and_forget",
        language: Language::CSharp,
    },
    Preset {
        name: "A script that fires and forgets",
        slug: "script-that-fires-and-forgets",
        query: "tasks=users:300,audit:200:cpu,email:500&mode=fire_and_forget&exit=1",
        language: Language::Rust,
    },
    Preset {
        name: "CPU-bound work blocks the loop",
        slug: "cpu-bound-work-blocks-the-event-loop",
        query: "tasks=api:200,parse:600:cpu,render:100,cache:300&mode=join_all",
        language: Language::JavaScript,
    },
    Preset {
        name: "Hot vs lazy: why creating the task already starts it",
        slug: "hot-tasks-vs-lazy-futures",
        query: "tasks=5x400&mode=sequential",
        language: Language::CSharp,
    },
    Preset {
        name: "The .Result deadlock (C#, UI thread)",
        slug: "csharp-result-deadlock-on-the-ui-thread",
        query: "tasks=load:300,save:200&mode=join_all&wait=block&context=ui",
        language: Language::CSharp,
    },
    Preset {
        name: "ConfigureAwait(false) breaks it",
        slug: "configure-await-false-breaks-the-deadlock",
        query: "tasks=load:300,save:200&mode=join_all&wait=block&context=ui&configure_await=false",
        language: Language::CSharp,
    },
    Preset {
        name: "asyncio.run inside a running loop",
        slug: "asyncio-run-inside-a-running-loop",
        query: "tasks=fetch:300,parse:200&mode=join_all&wait=block",
        language: Language::Python,
    },
    Preset {
        name: "block_on inside tokio",
        slug: "block-on-inside-tokio",
        query: "tasks=fetch:300,parse:100:cpu&mode=join_all&wait=block",
        language: Language::Rust,
    },
    Preset {
        name: "Spinning on a promise",
        slug: "spinning-on-a-promise",
        query: "tasks=fetch:300,render:100:cpu&mode=join_all&wait=block",
        language: Language::JavaScript,
    },
];

/// What each preset teaches, in [`PRESETS`]' order: one paragraph. Kept apart from the presets
/// because the page does not carry them (its writer hands one over when it is shown).
pub const LESSONS: [&str; PRESETS.len()] = [
    // await-in-a-loop-vs-join-all
    "Ten calls of 500 ms: about 5000 ms one after another, about 500 ms awaited together. Press Compare.",
    // worker-pool-three-at-a-time
    "At most three jobs run at once; each worker takes the next job as soon as it is free.",
    // promise-all-one-failure
    "db always fails. Switch languages: Rust and C# wait for everything, while Promise.all and asyncio.gather give up at 250 ms and leave the other calls running.",
    // promise-all-settled-every-outcome
    "Promise.allSettled and its cousins never throw: the caller waits for all four and holds 3 results and 1 error, to inspect one by one.",
    // asyncio-timeout-stop-waiting
    "The caller gives up at 500 ms with two calls unfinished. Switch languages: tokio drops them, JavaScript aborts them, asyncio.timeout cancels them, and C# cancels only the waits that watch its token.",
    // retry-with-exponential-backoff
    "A failed attempt waits 100 ms, then 200, then 400, before it tries again: flaky succeeds at its fourth attempt and db at its second, so the caller never sees a failure. Every attempt is its own bar.",
    // fire-and-forget-loses-the-exception
    "Nobody awaits these calls, so audit's failure reaches no one. Switch languages: Rust and C# lose it silently, Python logs it when the task is collected, and node exits with an error, killing the calls still running.",
    // script-that-fires-and-forgets
    "main returns right after starting the calls. Switch languages: tokio drops them before they ever run, the C# process ends under them, asyncio.run cancels them, and node waits for its timers.",
    // cpu-bound-work-blocks-the-event-loop
    "parse blocks the only thread for 600 ms: the timers of the other calls fall due meanwhile and fire late. Awaiting it alongside them gains nothing.",
    // hot-tasks-vs-lazy-futures
    "Here each task is created inside the loop, so this takes 2000 ms. In C# and JavaScript, creating them all first (tasks.map(work)) already starts them: awaiting one by one then takes 400 ms. Rust futures and Python coroutines are lazy and run only when awaited.",
    // csharp-result-deadlock-on-the-ui-thread
    "A UI event handler reads .Result. Each task's await posts its continuation back to the UI thread, which is blocked waiting for the tasks: deadlock.",
    // configure-await-false-breaks-the-deadlock
    "With ConfigureAwait(false) on each await, the continuations run on the pool and .Result returns at 300 ms, the UI frozen meanwhile. Awaiting is the real fix.",
    // asyncio-run-inside-a-running-loop
    "Inside async code, asyncio.run raises RuntimeError at once, as this thread's loop is already running: no task starts.",
    // block-on-inside-tokio
    "block_on holds the only thread that drives tokio's timers, so fetch never wakes; parse, blocking work, ends. Try the multi_thread runtime.",
    // spinning-on-a-promise
    "A loop spinning until Promise.all settles holds the only thread, so nothing settles. Run it: this page spins for real, for 1 s.",
];

/// The lesson of `preset`, one of [`PRESETS`].
pub fn lesson_of(preset: &Preset) -> &'static str {
    PRESETS
        .iter()
        .position(|other| other.slug == preset.slug)
        .map_or("", |index| LESSONS[index])
}

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
    use crate::domain::link::url_codec::decode;

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
    fn a_title_names_its_language_once() {
        let title = |slug: &str| PRESETS.iter().find(|p| p.slug == slug).unwrap().title();
        assert_eq!(
            title("csharp-result-deadlock-on-the-ui-thread"),
            "The .Result deadlock (C#, UI thread)"
        );
        assert_eq!(
            title("promise-all-one-failure"),
            "One call fails (JavaScript)"
        );
    }

    #[test]
    fn scenarios_are_distinct_so_a_link_finds_its_own_lesson() {
        let mut scenarios: Vec<Scenario> =
            PRESETS.iter().map(|p| decode(p.query).scenario).collect();
        scenarios.dedup();
        let count = scenarios.len();
        scenarios.sort_by_key(|scenario| {
            crate::domain::link::url_codec::encode(scenario, &Default::default())
        });
        scenarios.dedup();
        assert_eq!(scenarios.len(), count);
        assert_eq!(count, PRESETS.len());
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
            crate::domain::model::scenario::Scenario::default()
        );
    }
}
