//! The Rust program: tokio's single-threaded runtime (one event loop, as in a browser) with the
//! `futures` combinators.

use super::{fill, quoted, Job};
use crate::domain::mode::Mode;

const TEMPLATE: &str = r#"// {{TITLE}}
// Cargo.toml: tokio = { version = "1", features = ["macros", "rt", "time"] }, futures = "0.3"
use std::time::{Duration, Instant};
{{IMPORTS}}
struct Job {
    label: &'static str,
    ms: u64,
    fails: bool,
    cpu: bool,
}

const JOBS: &[Job] = &[
{{JOBS}}];

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

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
{{MAIN}}
    println!("total {} ms", start.elapsed().as_millis());
}
"#;

fn job_line(job: &Job) -> String {
    format!(
        "    Job {{ label: {}, ms: {}, fails: {}, cpu: {} }},\n",
        quoted(&job.label),
        job.ms,
        job.fails,
        job.cpu
    )
}

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

/// The body of `main` for `mode`, and the `use` lines it needs.
fn main_body(mode: Mode, limit: u32) -> (String, &'static str) {
    let futures = "    let futures: Vec<_> = JOBS.iter().map(|job| work(start, job)).collect();\n";
    match mode {
        Mode::Sequential => (
            r#"    // Each future is created and awaited in turn; `?`-style early exit ends the loop.
    for job in JOBS {
        if let Err(label) = work(start, job).await {
            log(start, &format!("resume error {label}"));
            println!("total {} ms", start.elapsed().as_millis());
            return;
        }
    }
    log(start, "resume ok");"#
                .to_owned(),
            "",
        ),
        Mode::JoinAll => (
            format!("{futures}    // Waits for every future; nothing is cancelled.\n    let results = join_all(futures).await;\n{REPORT_RESULTS}"),
            "\nuse futures::future::join_all;\n",
        ),
        Mode::TryJoinAll => (
            format!(
                "{futures}    // Returns at the first Err and drops (cancels) the other futures.\n    match try_join_all(futures).await {{\n        Ok(_) => log(start, \"resume ok\"),\n        Err(label) => log(start, &format!(\"resume error {{label}}\")),\n    }}"
            ),
            "\nuse futures::future::try_join_all;\n",
        ),
        Mode::Select => (
            format!(
                "{futures}    // Resumes with the first future to finish; the rest come back still pending.\n    let (result, _index, rest) = select_all(futures.into_iter().map(Box::pin)).await;\n    match result {{\n        Ok(label) => log(start, &format!(\"resume first ok {{label}}\")),\n        Err(label) => log(start, &format!(\"resume first error {{label}}\")),\n    }}\n    drop(rest); // dropping the losers cancels them"
            ),
            "\nuse futures::future::select_all;\n",
        ),
        Mode::SelectOk => (
            format!(
                "{futures}    // Resumes with the first Ok; Err only when every future fails.\n    match select_ok(futures.into_iter().map(Box::pin)).await {{\n        Ok((label, rest)) => {{\n            log(start, &format!(\"resume first_success {{label}}\"));\n            drop(rest); // dropping the losers cancels them\n        }}\n        Err(_) => log(start, \"resume all_failed\"),\n    }}"
            ),
            "\nuse futures::future::select_ok;\n",
        ),
        Mode::Buffered => (
            format!(
                "{futures}    // At most {limit} futures are polled at once.\n    let results: Vec<_> = stream::iter(futures).buffer_unordered({limit}).collect().await;\n{REPORT_RESULTS}"
            ),
            "\nuse futures::stream::{self, StreamExt};\n",
        ),
    }
}

pub fn program(mode: Mode, jobs: &[Job], limit: u32) -> String {
    let (main, imports) = main_body(mode, limit);
    let title = format!(
        "{} tasks awaited with {}",
        jobs.len(),
        crate::domain::semantics::semantics(mode, crate::domain::language::Language::Rust).call
    );
    let job_lines: String = jobs.iter().map(job_line).collect();
    fill(
        TEMPLATE,
        &[
            ("TITLE", &title),
            ("IMPORTS", imports),
            ("JOBS", &job_lines),
            ("MAIN", &main),
        ],
    )
}
