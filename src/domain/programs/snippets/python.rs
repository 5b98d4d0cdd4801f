//! The Python program: asyncio on Python 3.11+ (TaskGroup, `except*`).

use super::{indented, AwaitCode, Generator, Markers};
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;

const TEMPLATE: &str = r#"# {{TITLE}}
# Run with: python3 program.py (Python 3.11 or later)
{{FOLD imports}}
import asyncio
import time
{{END}}

{{FOLD jobs}}
JOBS = [  # label, ms, fails, cpu
{{JOBS}}]
{{END}}

{{FOLD helpers}}
start = time.perf_counter()


def log(line):
    print(f"{round((time.perf_counter() - start) * 1000)} {line}", flush=True)


class JobFailed(RuntimeError):
    def __init__(self, label):
        super().__init__(f"{label} failed")
        self.label = label
{{END}}


{{FOLD task}}
async def work(label, ms, fails, cpu):
    # A coroutine runs only when awaited; asyncio.create_task schedules it at once.
    log(f"start {label}")
    try:
        if cpu:
            # Blocking work holds the event loop: no other task runs meanwhile.
            # Move it off the loop with loop.run_in_executor (or asyncio.to_thread).
            time.sleep(ms / 1000)
        else:
            await asyncio.sleep(ms / 1000)
    except asyncio.CancelledError:
        log(f"cancelled {label}")
        raise
    if fails:
        log(f"fail {label}")
        raise JobFailed(label)
    log(f"ok {label}")
    return label
{{END}}


async def main():
{{IDIOM}}
{{MAIN}}
{{END}}
    print(f"total {round((time.perf_counter() - start) * 1000)} ms", flush=True)
{{AFTER}}

asyncio.run(main())
"#;

/// gather raises the first exception at once; the other tasks are not cancelled.
const GATHER: &str = r#"    try:
        await asyncio.gather(*tasks)
        log("resume ok")
    except JobFailed as error:
        log(f"resume error {error.label}")"#;

/// Waits for tasks nobody awaits any more, so the log shows them finishing (and their errors are retrieved).
const WAIT_FOR_THE_REST: &str = r#"    # Nobody awaits the other tasks now, but they keep running; wait here only so the log shows it.
    await asyncio.gather(*tasks, return_exceptions=True)"#;

/// One after another: bare coroutines awaited in turn.
const SEQUENTIAL: &str = r#"    # Awaiting bare coroutines one by one: each starts only when the previous one is done.
    try:
        for job in JOBS:
            await work(*job)
        log("resume ok")
    except JobFailed as error:
        log(f"resume error {error.label}")"#;

/// gather with `return_exceptions`, after the tasks are created.
const ALL_SETTLED: &str = r#"    # Exceptions come back as values, in input order, once every task is done.
    results = await asyncio.gather(*tasks, return_exceptions=True)
    failed = [job[0] for job, result in zip(JOBS, results) if isinstance(result, Exception)]
    log(f"resume results failed={','.join(failed)}" if failed else "resume ok")"#;

/// A TaskGroup, which creates the tasks itself.
const TASK_GROUP: &str = r#"    # The first failure cancels the rest of the group; then an ExceptionGroup is raised.
    try:
        async with asyncio.TaskGroup() as group:
            for job in JOBS:
                group.create_task(work(*job))
        log("resume ok")
    except* JobFailed as errors:
        log(f"resume group {','.join(error.label for error in errors.exceptions)}")"#;

/// asyncio.wait for the first completion, after the tasks are created.
const FIRST_COMPLETED: &str = r#"    # Returns at the first completion; pending tasks keep running unless cancelled.
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    first = next(task for task in tasks if task in done)
    label = JOBS[tasks.index(first)][0]
    if first.exception():
        log(f"resume first error {label}")
    else:
        log(f"resume first ok {label}")"#;

/// as_completed, skipping failures, after the tasks are created.
const FIRST_SUCCESS: &str = r#"    # Take results in completion order and skip failures.
    winner = None
    for next_done in asyncio.as_completed(tasks):
        try:
            winner = await next_done
            break
        except JobFailed:
            continue
    log(f"resume first_success {winner}" if winner else "resume all_failed")"#;

/// Tasks nobody awaits, each held in a set until it is done.
const FIRE_AND_FORGET: &str = r#"    # Nobody awaits these tasks. The loop keeps only weak references to tasks, so, as the
    # asyncio docs advise, a set holds each one until it is done.
    running = set()
    for job in JOBS:
        task = asyncio.create_task(work(*job))
        running.add(task)
        task.add_done_callback(running.discard)
    log("resume started")"#;

/// After fire and forget, a program that lives on, as a server would.
const LIVES_ON: &str = r#"    # A server would go on serving here. This program waits for its tasks without retrieving
    # their results, so a failure is only logged: "Task exception was never retrieved".
    if running:
        await asyncio.wait(running)"#;

/// The code of `main` that awaits the tasks as the scenario's mode does, and what follows it.
fn main_body(scenario: &Scenario) -> (String, &'static str) {
    let tasks = "    tasks = [asyncio.create_task(work(*job)) for job in JOBS]\n";
    match scenario.mode {
        Mode::Sequential => (SEQUENTIAL.to_owned(), ""),
        Mode::JoinAll => (
            format!(
                r#"{tasks}    # The first exception propagates at once; the other tasks are not cancelled.
{GATHER}"#
            ),
            WAIT_FOR_THE_REST,
        ),
        Mode::AllSettled => (format!("{tasks}{ALL_SETTLED}"), ""),
        Mode::TryJoinAll => (TASK_GROUP.to_owned(), ""),
        Mode::Select => (format!("{tasks}{FIRST_COMPLETED}"), WAIT_FOR_THE_REST),
        Mode::SelectOk => (format!("{tasks}{FIRST_SUCCESS}"), WAIT_FOR_THE_REST),
        Mode::Buffered => (semaphore_body(scenario.concurrency()), WAIT_FOR_THE_REST),
        Mode::FireAndForget if scenario.program_exits => (
            FIRE_AND_FORGET.to_owned(),
            "    # main returns here, and asyncio.run cancels every task still pending.",
        ),
        Mode::FireAndForget => (FIRE_AND_FORGET.to_owned(), LIVES_ON),
    }
}

/// At most `limit` tasks at once, past a semaphore.
fn semaphore_body(limit: u32) -> String {
    format!(
        r#"    # At most {limit} tasks get past the semaphore at once.
    semaphore = asyncio.Semaphore({limit})

    async def limited(job):
        async with semaphore:
            return await work(*job)

    tasks = [asyncio.create_task(limited(job)) for job in JOBS]
    # gather raises at the first exception; the queued tasks still take the semaphore and run.
{GATHER}"#
    )
}

/// Retries: `work` becomes one attempt, told whether it fails, inside a retry loop named `work`.
const RETRY_EDITS: &[(&str, &str)] = &[
    (
        "JOBS = [  # label, ms, fails, cpu",
        "JOBS = [  # label, ms, fails (how many attempts fail), cpu",
    ),
    (
        "async def work(label, ms, fails, cpu):",
        "async def attempt(label, ms, fails, cpu):",
    ),
    (
        "async def main():",
        r#"RETRIES = {{RETRIES}}
BACKOFF_MS = {{BACKOFF_MS}}


async def work(label, ms, fails, cpu):
    # A failed attempt is tried again after BACKOFF_MS, then twice as long each time, up to RETRIES times.
    for retry in range(RETRIES):
        try:
            return await attempt(label, ms, retry < fails, cpu)
        except JobFailed:
            log(f"retry {label}")
        try:
            await asyncio.sleep(BACKOFF_MS * 2**retry / 1000)
        except asyncio.CancelledError:
            log(f"cancelled {label}")
            raise
    return await attempt(label, ms, RETRIES < fails, cpu)


async def main():"#,
    ),
];

pub struct Python;

impl Generator for Python {
    const LANGUAGE: Language = Language::Python;

    const TEMPLATE: &'static str = TEMPLATE;
    const JOB: &'static str = "    ({{LABEL}}, {{MS}}, {{FAILS}}, {{CPU}}),\n";
    const BOOLEANS: [&'static str; 2] = ["False", "True"];
    const RETRY_EDITS: &'static [(&'static str, &'static str)] = RETRY_EDITS;
    const MARKERS: Markers = Markers {
        waits: "await asyncio.sleep(ms / 1000)",
        blocks: "time.sleep(ms / 1000)",
        backs_off: "await asyncio.sleep(BACKOFF_MS",
        caller_blocks: "asyncio.run(coroutine)",
    };

    fn await_code(scenario: &Scenario) -> AwaitCode {
        let (main, after) = main_body(scenario);
        AwaitCode::new(main).then(after)
    }

    fn with_deadline(code: AwaitCode, timeout_ms: u32) -> AwaitCode {
        // gather and TaskGroup cancel their tasks when the timeout cancels them; asyncio.wait and
        // as_completed do not, so the caller cancels whatever it created itself.
        let cancel_the_tasks = if code.main.contains("    tasks = ") {
            "\n        for task in tasks:\n            task.cancel()"
        } else {
            ""
        };
        let main = format!(
            r#"    # The caller stops waiting after {timeout_ms} ms: asyncio.timeout cancels what it wraps.
    try:
        async with asyncio.timeout({timeout_ms} / 1000):
{}
    except TimeoutError:{cancel_the_tasks}
        log("resume timeout")"#,
            indented(&code.main, 8)
        );
        AwaitCode::new(main).then(code.after)
    }

    fn with_blocking_call(code: AwaitCode, _scenario: &Scenario, _watchdog_ms: u32) -> AwaitCode {
        let main = format!(
            r#"    async def run_jobs():
{}

    # The caller blocks instead of awaiting: asyncio.run would run the coroutine to its end on
    # a loop of its own, but this thread's loop is already running, so it raises at once and the
    # coroutine never runs.
    coroutine = run_jobs()
    try:
        asyncio.run(coroutine)
    except RuntimeError:  # asyncio.run() cannot be called from a running event loop
        coroutine.close()
        log("resume raised")"#,
            indented(&code.main, 4)
        );
        AwaitCode::new(main)
    }
}
