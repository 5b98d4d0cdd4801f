//! Running generated programs in the real runtimes: node, python3, Mono (`mcs` + `mono`) and cargo
//! with tokio. Compiled languages are built once per batch: every C# program goes into its own
//! namespace of one assembly, every Rust program into its own module of one binary, and a small
//! dispatcher picks the case by name, so a batch of hundreds of cases pays for one compile.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::programs::snippets::{csharp, program};

/// No generated program runs this long; one that does has hung.
const PROGRAM_TIME_LIMIT: Duration = Duration::from_secs(60);
/// Building a batch of compiled programs may take minutes on a 2-core machine.
const BUILD_TIME_LIMIT: Duration = Duration::from_secs(20 * 60);
/// Compiled languages build this many cases at a time: a larger batch compiles slower than linearly.
const BATCH: usize = 150;

/// One scenario to run, named so that the name is an identifier in every language (`case_17`).
#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub scenario: Scenario,
}

/// What one program printed, or why it could not run.
pub type ProgramOutput = Result<String, String>;

/// How many times a case that disagrees runs again, alone, before its disagreement counts. A shared
/// machine can stall a program for a fifth of a second, which reads as a late resume or as two ends
/// run together; a real difference in semantics comes back on every run.
pub const RERUNS: u32 = 2;

/// What `judge` finds wrong with `case`'s run; when it finds something, the case runs again alone, up
/// to `reruns` times, until a run has nothing wrong. Returns the problems of the first run, and
/// whether a rerun agreed; a case that never agreed is still wrong.
pub fn judged_with_reruns(
    language: Language,
    case: &Case,
    output: ProgramOutput,
    work_dir: &Path,
    reruns: u32,
    judge: impl Fn(ProgramOutput) -> Vec<String>,
) -> (Vec<String>, bool) {
    let problems = judge(output);
    if problems.is_empty() {
        return (problems, false);
    }
    let agreed_later = (0..reruns).any(|_| {
        let again = run_cases(language, std::slice::from_ref(case), work_dir, 1);
        again
            .into_iter()
            .next()
            .is_some_and(|output| judge(output).is_empty())
    });
    (problems, agreed_later)
}

/// Run every case's program in `language`, at most `parallel` programs at a time, and return their
/// outputs in case order. `work_dir` holds the sources and builds (kept, so reruns build less).
pub fn run_cases(
    language: Language,
    cases: &[Case],
    work_dir: &Path,
    parallel: usize,
) -> Vec<ProgramOutput> {
    cases
        .chunks(BATCH)
        .flat_map(|batch| run_batch(language, batch, work_dir, parallel))
        .collect()
}

fn run_batch(
    language: Language,
    cases: &[Case],
    work_dir: &Path,
    parallel: usize,
) -> Vec<ProgramOutput> {
    let dir = work_dir.join(language.url_name());
    if let Err(error) = fs::create_dir_all(&dir) {
        return cases
            .iter()
            .map(|_| Err(format!("cannot create {}: {error}", dir.display())))
            .collect();
    }
    let launcher: Box<dyn Fn(&Case) -> Command + Sync> = match language {
        Language::JavaScript => interpreted(&dir, cases, "mjs", "node"),
        Language::Python => interpreted(&dir, cases, "py", "python3"),
        Language::CSharp => match build_csharp(&dir, cases) {
            Ok(exe) => Box::new(move |case: &Case| {
                let mut command = Command::new("mono");
                command.arg(&exe).arg(&case.name);
                command
            }),
            Err(error) => return cases.iter().map(|_| Err(error.clone())).collect(),
        },
        Language::Rust => match build_rust(&dir, cases) {
            Ok(binary) => Box::new(move |case: &Case| {
                let mut command = Command::new(&binary);
                command.arg(&case.name);
                command
            }),
            Err(error) => return cases.iter().map(|_| Err(error.clone())).collect(),
        },
    };
    run_in_parallel(cases, parallel, |case| {
        // node ends a fire-and-forget program at its first unhandled rejection, exiting with 1:
        // that exit is the behaviour under test, so its log is judged like any other. Mono aborts
        // its threads when a script's Main returns, and reports an unhandled exception if that
        // catches its timer thread at work; the log is complete by then.
        let scenario = &case.scenario;
        let exit = match (language, scenario.mode, scenario.program_exits) {
            (Language::JavaScript, Mode::FireAndForget, _) => Exit::Any,
            (Language::CSharp, Mode::FireAndForget, true) => Exit::Any,
            _ => Exit::Success,
        };
        run_program(launcher(case).current_dir(&dir), PROGRAM_TIME_LIMIT, exit)
    })
}

/// Each case's program in a file of its own, started by `interpreter`.
fn interpreted(
    dir: &Path,
    cases: &[Case],
    extension: &str,
    interpreter: &'static str,
) -> Box<dyn Fn(&Case) -> Command + Sync> {
    let language = if extension == "py" {
        Language::Python
    } else {
        Language::JavaScript
    };
    for case in cases {
        let path = dir.join(format!("{}.{extension}", case.name));
        write_if_changed(&path, &program(&case.scenario, language));
    }
    let extension = extension.to_owned();
    Box::new(move |case: &Case| {
        let mut command = Command::new(interpreter);
        command.arg(format!("{}.{extension}", case.name));
        command
    })
}

/// One assembly holding every case's Mono program in a namespace named after the case.
fn build_csharp(dir: &Path, cases: &[Case]) -> Result<PathBuf, String> {
    let mut source = String::new();
    for case in cases {
        let scenario = &case.scenario;
        let body = csharp::mono_program(scenario);
        source.push_str(&format!("namespace {}\n{{\n{body}\n}}\n", case.name));
    }
    source.push_str(
        r#"static class Dispatch
{
    static void Main(string[] args)
    {
        var flags = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static;
        System.Type.GetType(args[0] + ".Program").GetMethod("Main", flags).Invoke(null, null);
    }
}
"#,
    );
    let changed = write_if_changed(&dir.join("batch.cs"), &source);
    let exe = dir.join("batch.exe");
    if changed || !exe.exists() {
        let mut mcs = Command::new("mcs");
        mcs.args(["-nologo", "-main:Dispatch", "-out:batch.exe", "batch.cs"])
            .current_dir(dir);
        run_program(&mut mcs, BUILD_TIME_LIMIT, Exit::Success)
            .map_err(|error| format!("mcs could not build the batch: {error}"))?;
    }
    Ok(exe)
}

/// One binary holding every case's tokio program in a module named after the case.
fn build_rust(dir: &Path, cases: &[Case]) -> Result<PathBuf, String> {
    let template = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("program_runner");
    for file in ["Cargo.toml", "Cargo.lock"] {
        let text = fs::read_to_string(template.join(file))
            .map_err(|e| format!("cannot read {file}: {e}"))?;
        write_if_changed(&dir.join(file), &text);
    }
    let mut source = String::from("#![allow(warnings)]\n");
    let mut dispatch = String::new();
    for case in cases {
        // `main` must be reachable from the dispatcher; nothing else in the program changes.
        let text = program(&case.scenario, Language::Rust).replacen(
            "async fn main()",
            "pub async fn main()",
            1,
        );
        source.push_str(&format!("mod {} {{\n{text}\n}}\n", case.name));
        dispatch.push_str(&format!("        \"{0}\" => {0}::main(),\n", case.name));
    }
    source.push_str(&format!(
        "fn main() {{\n    match std::env::args().nth(1).as_deref().unwrap_or(\"\") {{\n{dispatch}        other => panic!(\"no case {{other}}\"),\n    }}\n}}\n"
    ));
    fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    write_if_changed(&dir.join("src").join("main.rs"), &source);
    run_program(
        Command::new(env!("CARGO"))
            .args(["build", "--release", "--quiet"])
            .current_dir(dir),
        BUILD_TIME_LIMIT,
        Exit::Success,
    )
    .map_err(|error| format!("cargo could not build the batch: {error}"))?;
    Ok(dir.join("target").join("release").join("program-runner"))
}

/// Write `text` to `path` unless it already holds it (so builds see no change); says whether it wrote.
fn write_if_changed(path: &Path, text: &str) -> bool {
    if fs::read_to_string(path).ok().as_deref() == Some(text) {
        return false;
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    true
}

/// Which exit statuses leave a program's output to be judged.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Exit {
    Success,
    Any,
}

/// Run `command` to its end (or `time_limit`) and return its standard output.
fn run_program(command: &mut Command, time_limit: Duration, exit: Exit) -> ProgramOutput {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let error_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if started.elapsed() > time_limit => {
                let _ = child.kill();
                break Err(format!(
                    "{command:?} ran over {} s and was killed",
                    time_limit.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(error) => break Err(format!("waiting for {command:?}: {error}")),
        }
    };
    let output = reader.join().unwrap_or_default();
    let errors = error_reader.join().unwrap_or_default();
    match status? {
        status if status.success() || exit == Exit::Any => Ok(output),
        status => Err(format!(
            "{command:?} exited with {status}:\n{output}\n{errors}"
        )),
    }
}

/// `run` over `items` on up to `parallel` threads, results in item order.
fn run_in_parallel<T: Sync, R: Send>(
    items: &[T],
    parallel: usize,
    run: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..parallel.max(1) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(item) = items.get(index) else { break };
                let result = run(item);
                results.lock().unwrap_or_else(|p| p.into_inner())[index] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}
