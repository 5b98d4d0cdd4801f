//! The JavaScript program: promises over `setTimeout`, for Node or a browser console.

use super::{indented, returning_received, AwaitCode, Generator, Markers};
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;

const TEMPLATE: &str = r#"// {{TITLE}}
// Run with: node program.mjs
{{FOLD jobs}}
const jobs = [
{{JOBS}}];
{{END}}

{{FOLD helpers}}
const start = performance.now();
const log = (line) => console.log(`${Math.round(performance.now() - start)} ${line}`);

function blockFor(ms) {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}
{{END}}

{{FOLD task}}
// Promises are eager: calling work() starts the task at once.
function work(job, signal) {
  return new Promise((resolve, reject) => {
    // A job started after the abort never runs.
    if (signal?.aborted) return reject(signal.reason);
    log(`start ${job.label}`);
    let settled = false;
    const settle = () => {
      settled = true;
      if (job.fails) {
        log(`fail ${job.label}`);
        reject(Object.assign(new Error(`${job.label} failed`), { label: job.label }));
      } else {
        log(`ok ${job.label}`);
        resolve(job.label);
      }
    };
    if (job.cpu) {
      // Blocking work holds the only thread: no timer fires meanwhile.
      // Move it to a Web Worker (worker_threads in Node) to keep the loop free.
      blockFor(job.ms);
      settle();
      return;
    }
    const timer = setTimeout(settle, job.ms);
    signal?.addEventListener("abort", () => {
      if (settled) return;
      clearTimeout(timer);
      log(`cancelled ${job.label}`);
      reject(signal.reason);
    });
  });
}
{{END}}

{{IDIOM}}
{{MAIN}}
{{END}}
console.log(`total ${Math.round(performance.now() - start)} ms`);
{{AFTER}}"#;

const REPORT_FAILED: &str = r#"const failedInOrder = jobs.filter((job) => failed.has(job.label)).map((job) => job.label);
log(failedInOrder.length === 0 ? "resume ok" : `resume results failed=${failedInOrder.join(",")}`);"#;

/// One after another: each promise created inside the loop.
const ONE_BY_ONE: &str = r#"// Each promise is created inside the loop, so only one runs at a time.
try {
  for (const job of jobs) await work(job);
  log("resume ok");
} catch (error) {
  log(`resume error ${error.label}`);
}"#;

/// Promise.all, whose rejection leaves the others running.
const PROMISE_ALL: &str = r#"// Rejects at the first rejection; the other promises keep running, unobserved.
try {
  await Promise.all(jobs.map((job) => work(job)));
  log("resume ok");
} catch (error) {
  log(`resume error ${error.label}`);
}"#;

/// Promise.all with a shared signal aborted at the first rejection.
const ABORT_ON_FAILURE: &str = r#"// Promise.all cannot stop the others; aborting a shared signal on the first rejection does.
const controller = new AbortController();
const abortOnFailure = (promise) =>
  promise.catch((error) => {
    controller.abort();
    throw error;
  });
try {
  await Promise.all(jobs.map((job) => abortOnFailure(work(job, controller.signal))));
  log("resume ok");
} catch (error) {
  log(`resume error ${error.label}`);
}"#;

/// Promise.race.
const PROMISE_RACE: &str = r#"// Settles like the first promise to settle; the others keep running.
try {
  const label = await Promise.race(jobs.map((job) => work(job)));
  log(`resume first ok ${label}`);
} catch (error) {
  log(`resume first error ${error.label}`);
}"#;

/// Promise.any.
const PROMISE_ANY: &str = r#"// Fulfils with the first fulfilment; rejects (AggregateError) only when all reject.
try {
  const label = await Promise.any(jobs.map((job) => work(job)));
  log(`resume first_success ${label}`);
} catch {
  log("resume all_failed");
}"#;

/// Promises nobody awaits.
const UNAWAITED: &str = r#"// Nobody awaits these promises. A rejection nobody handles is an unhandledrejection: node
// exits with an error at the first one (a browser only logs it).
for (const job of jobs) work(job);
log("resume started");"#;

/// The code of `main` that awaits the jobs as the scenario's mode does.
fn main_body(scenario: &Scenario) -> String {
    let limit = scenario.concurrency();
    match scenario.mode {
        Mode::Sequential => ONE_BY_ONE.to_owned(),
        Mode::JoinAll => PROMISE_ALL.to_owned(),
        Mode::AllSettled => format!(
            r#"// Never rejects: waits for every promise and describes how each one settled.
const outcomes = await Promise.allSettled(jobs.map((job) => work(job)));
const failed = new Set(jobs.filter((_, index) => outcomes[index].status === "rejected").map((job) => job.label));
{REPORT_FAILED}"#
        ),
        Mode::TryJoinAll => ABORT_ON_FAILURE.to_owned(),
        Mode::Select => PROMISE_RACE.to_owned(),
        Mode::SelectOk => PROMISE_ANY.to_owned(),
        Mode::Buffered => workers_body(limit),
        // The same whether the program is a script or a server: node lives while a timer is pending.
        Mode::FireAndForget => UNAWAITED.to_owned(),
    }
}

/// `limit` workers pulling jobs from a shared queue.
fn workers_body(limit: u32) -> String {
    format!(
        r#"// {limit} workers pull jobs from a shared queue; each records failures and moves on.
const queue = [...jobs];
const failed = new Set();
async function worker() {{
  while (queue.length > 0) {{
    const job = queue.shift();
    try {{
      await work(job);
    }} catch {{
      failed.add(job.label);
    }}
  }}
}}
await Promise.all(Array.from({{ length: {limit} }}, worker));
{REPORT_FAILED}"#
    )
}

/// Retries: `work` becomes one attempt, told whether it fails, inside a retry loop named `work`.
const RETRY_EDITS: &[(&str, &str)] = &[
    (
        "function work(job, signal) {",
        "function attempt(job, fails, signal) {",
    ),
    ("      if (job.fails) {", "      if (fails) {"),
    (
        "{{IDIOM}}\n{{MAIN}}",
        r#"const RETRIES = {{RETRIES}};
const BACKOFF_MS = {{BACKOFF_MS}};

// A failed attempt is tried again after BACKOFF_MS, then twice as long each time, up to RETRIES times.
async function work(job, signal) {
  for (let retry = 0; retry < RETRIES; retry++) {
    try {
      return await attempt(job, retry < job.fails, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      log(`retry ${job.label}`);
    }
    await backoff(BACKOFF_MS * 2 ** retry, job, signal);
  }
  return attempt(job, RETRIES < job.fails, signal);
}

function backoff(ms, job, signal) {
  return new Promise((resolve, reject) => {
    let waited = false;
    const timer = setTimeout(() => {
      waited = true;
      resolve();
    }, ms);
    signal?.addEventListener("abort", () => {
      if (waited) return;
      clearTimeout(timer);
      log(`cancelled ${job.label}`);
      reject(signal.reason);
    });
  });
}

{{IDIOM}}
{{MAIN}}"#,
    ),
];

pub struct JavaScript;

impl Generator for JavaScript {
    const LANGUAGE: Language = Language::JavaScript;

    const TEMPLATE: &'static str = TEMPLATE;
    const JOB: &'static str =
        "  { label: {{LABEL}}, ms: {{MS}}, fails: {{FAILS}}, cpu: {{CPU}} },\n";
    const RETRY_EDITS: &'static [(&'static str, &'static str)] = RETRY_EDITS;
    const MARKERS: Markers = Markers {
        waits: "setTimeout(settle, job.ms)",
        blocks: "blockFor(job.ms)",
        backs_off: "await backoff(",
        caller_blocks: "while (received === undefined",
    };

    fn await_code(scenario: &Scenario) -> AwaitCode {
        AwaitCode::new(main_body(scenario))
    }

    fn with_deadline(code: AwaitCode, timeout_ms: u32) -> AwaitCode {
        // The body hands back what it received instead of logging it, and every job gets the signal;
        // fail-fast's own controller becomes this one, so a failure and the deadline both abort it.
        let body = returning_received(&code.main, "log(")
            .replace("const controller = new AbortController();\n", "")
            .replace("work(job)", "work(job, signal)");
        let main = format!(
            r#"// The caller stops waiting after {timeout_ms} ms: the deadline wins the race, and aborting the
// signal stops the jobs still running.
const controller = new AbortController();
let timer;
const deadline = new Promise((resolve) => {{
  timer = setTimeout(resolve, {timeout_ms}, "timeout");
}});
async function waitForJobs(signal) {{
{}
}}
const received = await Promise.race([deadline, waitForJobs(controller.signal)]);
clearTimeout(timer);
if (received === "timeout") controller.abort();
log(`resume ${{received}}`);"#,
            indented(&body, 2)
        );
        AwaitCode::new(main).then(code.after)
    }

    fn with_blocking_call(code: AwaitCode, _scenario: &Scenario, watchdog_ms: u32) -> AwaitCode {
        // Function declarations are hoisted: the caller's blocking loop reads first.
        let main = format!(
            r#"// The caller blocks instead of awaiting: it spins until the promise settles. The spin holds
// the only thread, so no timer fires and no promise settles while it runs; it gives up at
// {watchdog_ms} ms, as a watchdog would.
let received;
runJobs().then((value) => {{
  received = value;
}});
while (received === undefined && performance.now() - start < {watchdog_ms}) {{}}
log(`resume ${{received ?? "never"}}`);
async function runJobs() {{
{}
}}"#,
            indented(&returning_received(&code.main, "log("), 2)
        );
        AwaitCode::new(main).then(
            "// The spin gave up with the promise still pending: end the program here, as a watchdog\n// would, before the tasks get the thread back.\nprocess.exit(0);\n",
        )
    }
}
