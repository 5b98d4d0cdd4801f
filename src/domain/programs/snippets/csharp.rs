//! The C# program: modern top-level statements. [`mono_program`] wraps the identical async body in a
//! C# 7 `Main`, because Mono's compiler has neither top-level statements nor async `Main`.

use super::regions::take_regions;
use super::{
    blocks, fill, indented, job_line, jobs, retrying, returning_received, title, AwaitCode,
    Generator, Markers,
};
use crate::domain::model::caller_setup::CallerContext;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::programs::snippets::csharp_context::{with_configure_await_false, UI_THREAD};

macro_rules! usings {
    () => {
        "{{FOLD imports}}
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using static Playground;
{{END}}
"
    };
}

/// The statements of the program; in the shown program they are top-level.
macro_rules! body {
    () => {
        r#"{{FOLD jobs}}
var jobs = new List<Job>
{
{{JOBS}}};
{{END}}

{{IDIOM}}
{{MAIN}}
{{END}}
Console.WriteLine($"total {Clock.ElapsedMilliseconds} ms");
{{AFTER}}"#
    };
}

macro_rules! types {
    () => {
        r#"
static class Playground
{
{{FOLD helpers}}
    public static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Log(string line) => Console.WriteLine($"{Clock.ElapsedMilliseconds} {line}");
{{END}}

{{FOLD task}}
    // Tasks are hot: calling Work starts it, and it runs synchronously until its first await.
    public static async Task<string> Work(Job job, CancellationToken token = default(CancellationToken))
    {
        Log($"start {job.Label}");
        try
        {
            if (job.Cpu)
            {
                // Blocking work holds this thread. Task.Run(() => ...) moves it to the thread pool.
                Thread.Sleep(job.Ms);
            }
            else
            {
                await Task.Delay(job.Ms, token);
            }
        }
        catch (OperationCanceledException)
        {
            Log($"cancelled {job.Label}");
            throw;
        }
        if (job.Fails)
        {
            Log($"fail {job.Label}");
            throw new JobFailed(job.Label);
        }
        Log($"ok {job.Label}");
        return job.Label;
    }
{{END}}
}

{{FOLD helpers}}
class Job
{
    public Job(string label, int ms, bool fails, bool cpu) { Label = label; Ms = ms; Fails = fails; Cpu = cpu; }
    public string Label { get; }
    public int Ms { get; }
    public bool Fails { get; }
    public bool Cpu { get; }
}

class JobFailed : Exception
{
    public JobFailed(string label) : base($"{label} failed") { Label = label; }
    public string Label { get; }
}
{{END}}
"#
    };
}

/// The program as shown: C# 10 top-level statements (`dotnet run`).
const TEMPLATE: &str = concat!(
    "// {{TITLE}}\n// Run with: dotnet run (C# 10 or later)\n",
    usings!(),
    "\n",
    body!(),
    "\n",
    types!()
);

/// WhenAll waits for every task, then throws the first exception; `.Exception` holds them all.
const AWAIT_ALL: &str = r#"var all = Task.WhenAll(tasks);
try
{
    await all;
    Log("resume ok");
}
catch (JobFailed error)
{
    Log($"resume aggregate {error.Label} count={all.Exception.InnerExceptions.Count}");
}"#;

/// `awaited`, then "resume ok"; the first JobFailed it throws is the caller's result instead.
fn first_error_ends_the_wait(awaited: &str) -> String {
    format!(
        r#"try
{{
    {awaited}
    Log("resume ok");
}}
catch (JobFailed error)
{{
    Log($"resume error {{error.Label}}");
}}"#
    )
}

/// Waits for tasks nobody awaits any more, so the log shows them finishing.
const WAIT_FOR_THE_REST: &str = "// Nobody awaits the other tasks now, but they keep running; wait here only so the log shows it.
await Task.WhenAll(tasks.Select(task => task.ContinueWith(_ => { })));";

/// WhenAll caught, then each task's status, after the tasks are created.
const STATUS_OF_EACH: &str = r#"// WhenAll still throws once every task is done; caught, each task's status says how it ended.
try
{
    await Task.WhenAll(tasks);
}
catch (JobFailed)
{
}
var failed = jobs.Where((job, index) => tasks[index].IsFaulted).Select(job => job.Label).ToList();
Log(failed.Count == 0 ? "resume ok" : $"resume results failed={string.Join(",", failed)}");"#;

/// WhenAny, after the tasks are created.
const FIRST_TO_FINISH: &str = r#"// Returns the first task to finish, even a faulted one, without throwing; the others keep running.
var first = await Task.WhenAny(tasks);
var label = jobs[tasks.IndexOf(first)].Label;
Log(first.IsFaulted ? $"resume first error {label}" : $"resume first ok {label}");"#;

/// WhenAny in a loop that drops faulted tasks, after the tasks are created.
const FIRST_SUCCESS: &str = r#"// No built-in first-success: loop over WhenAny, dropping faulted tasks.
var pending = tasks.ToList();
string winner = null;
while (pending.Count > 0 && winner == null)
{
    var done = await Task.WhenAny(pending);
    pending.Remove(done);
    if (done.Status == TaskStatus.RanToCompletion) winner = done.Result;
}
Log(winner != null ? $"resume first_success {winner}" : "resume all_failed");"#;

/// At most `limit` tasks at once, past a semaphore.
fn semaphore_body(limit: u32) -> String {
    format!(
        r#"// Every task exists at once, but only {limit} at a time get past the semaphore.
var gate = new SemaphoreSlim({limit});
Func<Job, Task<string>> limited = async job =>
{{
    await gate.WaitAsync();
    try {{ return await Work(job); }}
    finally {{ gate.Release(); }}
}};
var tasks = jobs.Select(job => limited(job)).ToList();
{AWAIT_ALL}"#
    )
}

/// The code of `Main` that awaits the tasks as the scenario's mode does, and what follows it.
fn main_body(scenario: &Scenario) -> (String, &'static str) {
    let tasks = "var tasks = jobs.Select(job => Work(job)).ToList();\n";
    let limit = scenario.concurrency();
    match scenario.mode {
        Mode::Sequential => (
            format!(
                "// Each task is created inside the loop, so only one exists at a time.\n{}",
                first_error_ends_the_wait("foreach (var job in jobs) await Work(job);")
            ),
            "",
        ),
        Mode::JoinAll => (
            format!(
                r#"{tasks}// Waits for every task, then throws the first exception; .Exception holds them all.
{AWAIT_ALL}"#
            ),
            "",
        ),
        Mode::AllSettled => (format!("{tasks}{STATUS_OF_EACH}"), ""),
        Mode::TryJoinAll => (
            r#"// No fail-fast WhenAll: the first failure cancels a shared token, which stops the other delays.
var cancellation = new CancellationTokenSource();
Func<Task<string>, Task<string>> cancelOthersOnFailure = async task =>
{
    try { return await task; }
    catch (JobFailed) { cancellation.Cancel(); throw; }
};
var tasks = jobs.Select(job => cancelOthersOnFailure(Work(job, cancellation.Token))).ToList();
"#
            .to_owned()
                + &first_error_ends_the_wait("await Task.WhenAll(tasks);"),
            "",
        ),
        Mode::Select => (format!("{tasks}{FIRST_TO_FINISH}"), WAIT_FOR_THE_REST),
        Mode::SelectOk => (format!("{tasks}{FIRST_SUCCESS}"), WAIT_FOR_THE_REST),
        Mode::Buffered => (semaphore_body(limit), ""),
        Mode::FireAndForget if scenario.program_exits => (
            r#"// Discarded tasks: nobody observes their exceptions (an async void method would crash the process).
foreach (var job in jobs) _ = Work(job);
Log("resume started");"#
                .to_owned(),
            "// Main returns here: the process ends, and its tasks with it.",
        ),
        Mode::FireAndForget => (
            format!(
                r#"{tasks}// Nobody awaits these tasks, so nobody observes their exceptions (an async void method would
// crash the process instead).
Log("resume started");"#
            ),
            "// A server would go on serving here. This program waits for its tasks without observing them,
// so that the log shows how each ends.
await Task.WhenAll(tasks.Select(task => task.ContinueWith(_ => { })));",
        ),
    }
}

/// Retries: `Work` becomes one attempt, told whether it fails, inside a retry loop named `Work`.
const RETRY_EDITS: &[(&str, &str)] = &[
    (
        "    public static async Task<string> Work(Job job, CancellationToken token = default(CancellationToken))\n    {\n        Log($\"start",
        "    public static async Task<string> Attempt(Job job, bool fails, CancellationToken token)\n    {\n        Log($\"start",
    ),
    ("        if (job.Fails)\n", "        if (fails)\n"),
    (
        "        return job.Label;\n    }\n{{END}}\n}\n",
        r#"        return job.Label;
    }
{{END}}

    public const int Retries = {{RETRIES}};
    public const int BackoffMs = {{BACKOFF_MS}};

    // A failed attempt is tried again after BackoffMs, then twice as long each time, up to Retries times.
    public static async Task<string> Work(Job job, CancellationToken token = default(CancellationToken))
    {
        for (var retry = 0; retry < Retries; retry++)
        {
            try
            {
                return await Attempt(job, retry < job.Fails, token);
            }
            catch (JobFailed)
            {
                Log($"retry {job.Label}");
            }
            try
            {
                await Task.Delay(BackoffMs << retry, token);
            }
            catch (OperationCanceledException)
            {
                Log($"cancelled {job.Label}");
                throw;
            }
        }
        return await Attempt(job, Retries < job.Fails, token);
    }
}
"#,
    ),
    ("bool fails, bool cpu) { Label", "int fails, bool cpu) { Label"),
    ("    public bool Fails { get; }", "    /// How many of its attempts fail.\n    public int Fails { get; }"),
];

pub struct CSharp;

impl Generator for CSharp {
    const LANGUAGE: Language = Language::CSharp;

    const TEMPLATE: &'static str = TEMPLATE;
    const JOB: &'static str = "    new Job({{LABEL}}, {{MS}}, {{FAILS}}, {{CPU}}),\n";
    const RETRY_EDITS: &'static [(&'static str, &'static str)] = RETRY_EDITS;
    const MARKERS: Markers = Markers {
        waits: "await Task.Delay(job.Ms",
        blocks: "Thread.Sleep(job.Ms)",
        backs_off: "await Task.Delay(BackoffMs",
        caller_blocks: "().Result",
    };

    fn await_code(scenario: &Scenario) -> AwaitCode {
        let (main, after) = main_body(scenario);
        AwaitCode::new(main).then(after)
    }

    fn with_deadline(code: AwaitCode, timeout_ms: u32) -> AwaitCode {
        // The body hands back what it received instead of logging it, and every job gets the token;
        // fail-fast's own token source becomes this one. Tasks the caller waits out after the total
        // live outside the body, so the code after it can still see them.
        let mut body = returning_received(&code.main, "Log(")
            .replace("var cancellation = new CancellationTokenSource();\n", "")
            .replace("Work(job)", "Work(job, token)")
            // A task queued at the semaphore is cancelled where it waits (CA2016: forward the token).
            .replace("gate.WaitAsync()", "gate.WaitAsync(token)");
        let tasks_outside = if code.after.is_empty() {
            ""
        } else {
            body = body.replace("var tasks = ", "tasks = ");
            "List<Task<string>> tasks = null;\n"
        };
        let main = format!(
            r#"// The caller stops waiting after {timeout_ms} ms: the deadline wins Task.WhenAny, and cancelling the
// token stops the jobs that watch it. Blocking work does not watch it, so it runs on.
var deadline = Task.Delay({timeout_ms});
var cancellation = new CancellationTokenSource();
{tasks_outside}Func<CancellationToken, Task<string>> waitForJobs = async token =>
{{
{}
}};
var waiting = waitForJobs(cancellation.Token);
string received = "timeout";
{DEADLINE_RACE}
else cancellation.Cancel();
Log($"resume {{received}}");"#,
            indented(&body, 4)
        );
        let after = if code.after.is_empty() {
            WAIT_FOR_THE_BODY.to_owned()
        } else {
            code.after
        };
        AwaitCode::new(main).then(after)
    }

    fn with_blocking_call(code: AwaitCode, scenario: &Scenario, watchdog_ms: u32) -> AwaitCode {
        let caller = if code.main.contains(DEADLINE_RACE) {
            // The caller blocks on the race itself: WhenAny completes as its Delay does, on a
            // timer thread, so .Result returns at the deadline whatever thread it blocks.
            code.main.replace(
                DEADLINE_RACE,
                "if (Task.WhenAny(deadline, waiting).Result == waiting) received = waiting.Result;",
            )
        } else {
            format!(
                "Func<Task<string>> runJobs = async () =>\n{{\n{}\n}};\nvar result = runJobs().Result;\nLog($\"resume {{result}}\");",
                indented(&returning_received(&code.main, "Log("), 4)
            )
        };
        let main = match (scenario.caller.context, scenario.caller.configure_await) {
            (CallerContext::Ui, configured) => {
                let continuations = if configured {
                    "each await in the tasks posts its\n// continuation back to that thread, which is blocked"
                } else {
                    "ConfigureAwait(false) sends each\n// continuation of the tasks to the pool instead of back to that thread"
                };
                format!(
                    "// A UI event handler: the caller blocks the UI thread on the tasks with .Result, and {continuations}.\nUiThread.Run({watchdog_ms}, () =>\n{{\n{}\n}});",
                    indented(&caller, 4)
                )
            }
            (CallerContext::Pool, _) => format!(
                "// The caller blocks its thread on the tasks with .Result instead of awaiting them; on a\n// console thread their continuations run on the pool, so it holds only its own thread.\n{caller}"
            ),
        };
        AwaitCode::new(main).then(fill(
            STAY_UNTIL_THE_WATCHDOG,
            &[("WATCHDOG_MS", &watchdog_ms.to_string())],
        ))
    }

    fn finished(program: String, scenario: &Scenario) -> String {
        let program = if scenario.caller.configure_await {
            program
        } else {
            with_configure_await_false(&program)
        };
        if blocks(scenario) && scenario.caller.context == CallerContext::Ui {
            format!("{program}{UI_THREAD}")
        } else {
            program
        }
    }
}

/// The line where a caller with a deadline awaits the race between it and the tasks.
const DEADLINE_RACE: &str =
    "if (await Task.WhenAny(deadline, waiting) == waiting) received = await waiting;";

/// After a blocking caller resumes, the tasks it left keep running on their threads; the program
/// stays until the watchdog's time so the log shows how they end.
const STAY_UNTIL_THE_WATCHDOG: &str =
    "// Nobody waits for the tasks left now; stay until the watchdog's time only so the log shows how they end.
Thread.Sleep(Math.Max(0, {{WATCHDOG_MS}} - (int)Clock.ElapsedMilliseconds));";

/// After a deadline, the body winds down as its cancelled tasks end; a console program that returned
/// first would end them unseen.
const WAIT_FOR_THE_BODY: &str =
    "// The cancelled tasks end soon after; wait here only so the log shows it.
await waiting.ContinueWith(_ => { });";

/// The same body inside a C# 7 `Main`, for Mono's `mcs`.
pub fn mono_program(scenario: &Scenario) -> String {
    let code = CSharp::awaiting(scenario);
    let job_lines: String = jobs(scenario)
        .iter()
        .map(|job| job_line::<CSharp>(job, scenario.retry))
        .collect();
    let body = fill(
        body!(),
        &[
            ("JOBS", &job_lines),
            ("MAIN", &code.main),
            ("AFTER", &code.after),
        ],
    );
    let indented = format!("{}\n", indented(&body, 8));
    let (title, usings) = (title(scenario, Language::CSharp), usings!());
    let types = retrying(types!(), CSharp::RETRY_EDITS, scenario.retry);
    let program = format!(
        r#"// {title}
{usings}
static class Program
{{
    static void Main() => RunAsync().GetAwaiter().GetResult();

    static async Task RunAsync()
    {{
{indented}    }}
}}
{types}"#
    );
    take_regions(&CSharp::finished(program, scenario)).0
}
