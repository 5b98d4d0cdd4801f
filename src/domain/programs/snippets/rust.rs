//! The Rust program: tokio's single-threaded runtime (one event loop, as in a browser) with the
//! `futures` combinators.

use super::{blocks, indented, AwaitCode, Generator, Markers};
use crate::domain::model::caller_setup::RustRuntime;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;

const TEMPLATE: &str = r#"// {{TITLE}}
// Cargo.toml: tokio = { version = "1", features = ["macros", "rt", "time"] }, futures = "0.3"
{{FOLD imports}}
use std::time::{Duration, Instant};
{{IMPORTS}}
{{END}}
{{FOLD jobs}}
struct Job {
    label: &'static str,
    ms: u64,
    fails: bool,
    cpu: bool,
}

const JOBS: &[Job] = &[
{{JOBS}}];
{{END}}

{{FOLD helpers}}
fn log(start: Instant, line: &str) {
    println!("{} {line}", start.elapsed().as_millis());
}

/// Dropping a future before it finishes is how Rust cancels it; this guard makes that visible.
struct CancelLog {
    start: Instant,
    label: &'static str,
    finished: bool,
}

impl Drop for CancelLog {
    fn drop(&mut self) {
        if !self.finished {
            log(self.start, &format!("cancelled {}", self.label));
        }
    }
}
{{END}}

{{FOLD task}}
/// Futures are lazy: nothing here runs until the future is polled.
async fn work(start: Instant, job: &'static Job) -> Result<&'static str, &'static str> {
    let mut guard = CancelLog { start, label: job.label, finished: false };
    log(start, &format!("start {}", job.label));
    if job.cpu {
        // Blocking work holds the thread, so nothing else runs meanwhile.
        // Move it off the event loop with tokio::task::spawn_blocking.
        std::thread::sleep(Duration::from_millis(job.ms));
    } else {
        tokio::time::sleep(Duration::from_millis(job.ms)).await;
    }
    guard.finished = true;
    if job.fails {
        log(start, &format!("fail {}", job.label));
        Err(job.label)
    } else {
        log(start, &format!("ok {}", job.label));
        Ok(job.label)
    }
}
{{END}}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
{{IDIOM}}
{{MAIN}}
{{END}}
    println!("total {} ms", start.elapsed().as_millis());
{{AFTER}}}
"#;

/// Prints the failed labels in task order, however the results arrived.
const REPORT_RESULTS: &str = r#"    let failed: Vec<&str> = JOBS
        .iter()
        .filter(|job| results.iter().any(|result| *result == Err(job.label)))
        .map(|job| job.label)
        .collect();
    if failed.is_empty() {
        log(start, "resume ok");
    } else {
        log(start, &format!("resume results failed={}", failed.join(",")));
    }"#;

/// One after another: each future created and awaited in turn.
const ONE_BY_ONE: &str = r#"    // Each future is created and awaited in turn; the first Err ends the loop.
    let mut failure = None;
    for job in JOBS {
        if let Err(label) = work(start, job).await {
            failure = Some(label);
            break;
        }
    }
    match failure {
        None => log(start, "resume ok"),
        Some(label) => log(start, &format!("resume error {label}")),
    }"#;

/// Fire and forget: spawned tasks, detached where the program `exits` (a script), else awaited
/// only so that the log shows how each ends (a server).
fn spawned(exits: bool) -> AwaitCode {
    if exits {
        return AwaitCode::new(
            r#"    // Each spawned task runs on its own; dropping its JoinHandle detaches it, and its Err is lost.
    for job in JOBS {
        tokio::spawn(work(start, job));
    }
    log(start, "resume started");"#,
        )
        .then("    // main returns here, and the runtime drops every task not yet finished: on this\n    // current-thread runtime, none has even been polled.\n");
    }
    AwaitCode::new(
        r#"    // Each spawned task runs on its own; dropping its JoinHandle would detach it.
    let running: Vec<_> = JOBS.iter().map(|job| tokio::spawn(work(start, job))).collect();
    log(start, "resume started");"#,
    )
    .then("    // A server would go on serving here. This program only waits for its tasks so that the log\n    // shows how each ends; it never reads their results, so each Err is lost.\n    for task in running {\n        let _ = task.await;\n    }\n")
}

/// The body of `main` for `scenario`'s mode, with the `use` lines it needs.
fn await_code(scenario: &Scenario) -> AwaitCode {
    let futures = "    let futures: Vec<_> = JOBS.iter().map(|job| work(start, job)).collect();\n";
    let limit = scenario.concurrency();
    match scenario.mode {
        Mode::Sequential => AwaitCode::new(ONE_BY_ONE),
        Mode::JoinAll | Mode::AllSettled => AwaitCode::new(format!(
            r#"{futures}    // Waits for every future; nothing is cancelled.
    let results = join_all(futures).await;
{REPORT_RESULTS}"#
        ))
        .with_imports("\nuse futures::future::join_all;\n"),
        Mode::TryJoinAll => AwaitCode::new(format!(
            r#"{futures}    // Returns at the first Err and drops (cancels) the other futures.
    match try_join_all(futures).await {{
        Ok(_) => log(start, "resume ok"),
        Err(label) => log(start, &format!("resume error {{label}}")),
    }}"#
        ))
        .with_imports("\nuse futures::future::try_join_all;\n"),
        Mode::Select => AwaitCode::new(format!(
            r#"{futures}    // Resumes with the first future to finish; the rest come back still pending.
    let (result, _index, rest) = select_all(futures.into_iter().map(Box::pin)).await;
    match result {{
        Ok(label) => log(start, &format!("resume first ok {{label}}")),
        Err(label) => log(start, &format!("resume first error {{label}}")),
    }}
    drop(rest); // dropping the losers cancels them"#
        ))
        .with_imports("\nuse futures::future::select_all;\n"),
        Mode::SelectOk => AwaitCode::new(format!(
            r#"{futures}    // Resumes with the first Ok; Err only when every future fails.
    match select_ok(futures.into_iter().map(Box::pin)).await {{
        Ok((label, rest)) => {{
            log(start, &format!("resume first_success {{label}}"));
            drop(rest); // dropping the losers cancels them
        }}
        Err(_) => log(start, "resume all_failed"),
    }}"#
        ))
        .with_imports("\nuse futures::future::select_ok;\n"),
        Mode::Buffered => AwaitCode::new(format!(
            r#"{futures}    // At most {limit} futures are polled at once.
    let results: Vec<_> = stream::iter(futures).buffer_unordered({limit}).collect().await;
{REPORT_RESULTS}"#
        ))
        .with_imports("\nuse futures::stream::{self, StreamExt};\n"),
        Mode::FireAndForget => spawned(scenario.program_exits),
    }
}

/// Retries: `work` becomes one attempt, told whether it fails, inside a retry loop named `work`.
const RETRY_EDITS: &[(&str, &str)] = &[
    ("    fails: bool,\n", "    /// How many of its attempts fail.\n    fails: u32,\n"),
    (
        "async fn work(start: Instant, job: &'static Job) -> Result<&'static str, &'static str> {",
        "async fn attempt(start: Instant, job: &'static Job, fails: bool) -> Result<&'static str, &'static str> {",
    ),
    ("    if job.fails {\n", "    if fails {\n"),
    (
        "#[tokio::main",
        r#"const RETRIES: u32 = {{RETRIES}};
const BACKOFF: Duration = Duration::from_millis({{BACKOFF_MS}});

/// A failed attempt is tried again after BACKOFF, then twice as long each time, up to RETRIES times.
async fn work(start: Instant, job: &'static Job) -> Result<&'static str, &'static str> {
    for retry in 0..RETRIES {
        if let Ok(label) = attempt(start, job, retry < job.fails).await {
            return Ok(label);
        }
        log(start, &format!("retry {}", job.label));
        let mut waiting = CancelLog { start, label: job.label, finished: false };
        tokio::time::sleep(BACKOFF * 2u32.pow(retry)).await;
        waiting.finished = true;
    }
    attempt(start, job, RETRIES < job.fails).await
}

#[tokio::main"#,
    ),
];

pub struct Rust;

impl Generator for Rust {
    const LANGUAGE: Language = Language::Rust;

    const TEMPLATE: &'static str = TEMPLATE;
    const JOB: &'static str =
        "    Job { label: {{LABEL}}, ms: {{MS}}, fails: {{FAILS}}, cpu: {{CPU}} },\n";
    const RETRY_EDITS: &'static [(&'static str, &'static str)] = RETRY_EDITS;
    const MARKERS: Markers = Markers {
        waits: "tokio::time::sleep(Duration::from_millis(job.ms))",
        blocks: "std::thread::sleep(",
        backs_off: "tokio::time::sleep(BACKOFF",
        caller_blocks: "futures::executor::block_on(",
    };

    fn await_code(scenario: &Scenario) -> AwaitCode {
        await_code(scenario)
    }

    fn with_deadline(code: AwaitCode, timeout_ms: u32) -> AwaitCode {
        let main = format!(
            r#"    // The caller stops waiting after {timeout_ms} ms: `timeout` then drops the future it wraps,
    // and with it every future inside, which cancels them.
    let waited = timeout(Duration::from_millis({timeout_ms}), async {{
{}
    }})
    .await;
    if waited.is_err() {{
        log(start, "resume timeout");
    }}"#,
            indented(&code.main, 4)
        );
        // External imports sit in a group of their own, below std's.
        let group = if code.imports.is_empty() {
            "\n"
        } else {
            &code.imports
        };
        let imports = format!("{group}use tokio::time::timeout;\n");
        AwaitCode::new(main).with_imports(&imports).then(code.after)
    }

    fn with_blocking_call(code: AwaitCode, _scenario: &Scenario, watchdog_ms: u32) -> AwaitCode {
        // Current-thread: the blocked thread is the one that drives the timers. Multi-thread: each
        // timer the blocked call sees end spends tokio's cooperative budget, which only the runtime's
        // own poll refills, so past 128 of them it waits for good.
        let watchdog = format!(
            r#"    // A caller blocked for good never logs again: this thread reports it and ends the program.
    std::thread::spawn(move || {{
        std::thread::sleep(Duration::from_millis({watchdog_ms}).saturating_sub(start.elapsed()));
        log(start, "resume never");
        println!("total {{}} ms", start.elapsed().as_millis());
        std::process::exit(0);
    }});
"#
        );
        let main = format!(
            r#"{watchdog}    // The caller blocks this thread instead of awaiting: block_on polls the futures right here,
    // and nothing else runs on this thread until they are done.
    futures::executor::block_on(async {{
{}
    }});"#,
            indented(&code.main, 4)
        );
        AwaitCode { main, ..code }
    }

    fn finished(program: String, scenario: &Scenario) -> String {
        if !(blocks(scenario) && scenario.caller.runtime == RustRuntime::MultiThread) {
            return program;
        }
        // Other workers drive the timers while the caller's thread is blocked.
        program
            .replacen(
                "#[tokio::main(flavor = \"current_thread\")]",
                "#[tokio::main(flavor = \"multi_thread\", worker_threads = 2)]",
                1,
            )
            .replacen("\"rt\", ", "\"rt-multi-thread\", ", 1)
    }
}
