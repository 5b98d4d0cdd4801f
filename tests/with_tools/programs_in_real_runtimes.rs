//! The generated programs of a hand-picked set (ten scenarios in every mode, three with a
//! deadline, three with a caller that blocks on its tasks), run in the real runtimes (node, python3, Mono, cargo with tokio), tell the same story
//! as the simulator, judged as `scripts/differential` judges its random scenarios. Where a runtime
//! disagrees, the runtime is right and the simulator changes.

use std::path::Path;
use std::sync::Mutex;

use async_playground::differential::runtimes::{
    judged_with_reruns, run_cases, Case, ProgramOutput, RERUNS,
};
use async_playground::differential::verdict::{disagreements, labels_of, semaphore_cancel_race};
use async_playground::differential::words::word_disagreements;
use async_playground::domain::basics::named_choice::NamedChoice;
use async_playground::domain::link::url_codec::decode;
use async_playground::domain::model::language::Language;
use async_playground::domain::model::mode::Mode;
use async_playground::domain::model::scenario::Scenario;
use async_playground::domain::programs::program_log::ProgramLog;
use async_playground::domain::simulator::simulate;

/// Short delays, tens of milliseconds apart, with failures; each runs in every mode.
const SCENARIOS: [(&str, &str); 10] = [
    ("one_failure", "tasks=fast:40,db:100:100,slow:220,mid:160"),
    ("all_fail", "tasks=a:40:100,b:100:100,c:160:100"),
    ("no_failure", "tasks=a:60,b:20,c:140"),
    ("blocking", "tasks=io:40,parse:90:cpu,late:150:100,tail:260"),
    (
        "deadline",
        "tasks=fast:40,db:100:100,slow:220,mid:160&timeout=130",
    ),
    (
        "deadline_blocking",
        "tasks=io:40,parse:90:cpu,late:150:100,tail:260&timeout=200",
    ),
    // The deadline passes while blocking work holds the loop, or in C# the caller's thread.
    (
        "deadline_while_blocked",
        "tasks=a:10,b:60:cpu,c:100&timeout=30",
    ),
    // The caller blocks: `.Result` on a UI thread, a spin, `block_on`, `asyncio.run` in the loop.
    (
        "blocked",
        "tasks=fast:40,parse:30:cpu,db:100:100,now:0&wait=block&context=ui",
    ),
    // A deadline frees C#'s UI thread; nothing frees the others.
    (
        "blocked_deadline",
        "tasks=fast:40,parse:30:cpu,db:100:100,slow:220&wait=block&context=ui&timeout=190",
    ),
    // ConfigureAwait(false) and tokio's multi-thread runtime: the blocked thread holds only itself.
    (
        "blocked_elsewhere",
        "tasks=fast:40,parse:30:cpu,db:100:100,slow:220&wait=block&context=ui&configure_await=false&runtime=multi_thread",
    ),
];

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for (name, query) in SCENARIOS {
        for &mode in Mode::ALL {
            let mut scenario = decode(query).scenario;
            scenario.mode = mode;
            scenario.limit = 2;
            if !mode.caller_waits() {
                // The same program as a script, which ends as its caller moves on.
                cases.push(Case {
                    name: format!("{name}_{}_exit", mode.url_name()),
                    scenario: Scenario {
                        program_exits: true,
                        ..scenario.clone()
                    },
                });
            }
            cases.push(Case {
                name: format!("{name}_{}", mode.url_name()),
                scenario,
            });
        }
    }
    cases
}

/// The test harness runs tests on parallel threads, but a runtime sharing these two cores with
/// another one (or with the cargo build of the tokio programs) starts its timers late: Mono, which
/// compiles each method on first call, once ended a 40 ms task after a 100 ms one that way.
static ONE_RUNTIME_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Run every case in `language`, one program at a time so timings are not distorted, and require
/// each log to tell the simulator's story, on the first run or on one of its reruns alone.
fn check_language(language: Language) {
    // A poisoned lock only means another language's check failed; this one still runs alone.
    let _alone = ONE_RUNTIME_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let cases = cases();
    let work_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("programs");
    let outputs = run_cases(language, &cases, &work_dir, 1);
    let mut failures = Vec::new();
    for (case, output) in cases.iter().zip(outputs) {
        // A C# pool whose token is cancelled with tasks queued at its semaphore races its freed
        // slots against the token's callbacks: the harness's named allowance applies here too.
        let judge = |output: ProgramOutput| match output {
            Ok(text) => {
                let predicted = simulate(&case.scenario, language);
                let (labels, log) = (labels_of(&case.scenario), ProgramLog::parse(&text));
                let mut found = disagreements(&predicted, &labels, &log);
                if found.is_empty() {
                    found = word_disagreements(&case.scenario, &predicted, &labels, &log);
                }
                let raced = semaphore_cancel_race(&predicted, &labels, &log).is_some();
                if raced {
                    Vec::new()
                } else {
                    found
                }
            }
            Err(error) => vec![error],
        };
        let (problems, agreed_on_a_rerun) =
            judged_with_reruns(language, case, output, &work_dir, RERUNS, judge);
        if !problems.is_empty() && !agreed_on_a_rerun {
            failures.push(format!(
                "{} in {language}:\n  {}",
                case.name,
                problems.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn javascript_programs_run_in_node_as_predicted() {
    check_language(Language::JavaScript);
}

#[test]
fn python_programs_run_in_python3_as_predicted() {
    check_language(Language::Python);
}

#[test]
fn csharp_programs_run_in_mono_as_predicted() {
    check_language(Language::CSharp);
}

#[test]
fn rust_programs_run_with_tokio_as_predicted() {
    check_language(Language::Rust);
}
