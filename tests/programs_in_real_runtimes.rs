//! The generated programs, run in the real runtimes (node, python3, Mono's mcs + mono, cargo with
//! tokio), tell the same story as the simulator: the same task outcomes, the same thing received by
//! the caller, the same completion order wherever predicted ends differ by 30 ms or more, and a resume
//! time within a tolerance. Where a runtime disagrees, the runtime is right and the simulator changes.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use async_playground::domain::language::Language;
use async_playground::domain::mode::Mode;
use async_playground::domain::named_choice::NamedChoice;
use async_playground::domain::scenario::Scenario;
use async_playground::domain::simulator::simulate;
use async_playground::domain::snippets::{csharp, jobs, parse_log, program, ProgramLog};
use async_playground::domain::timeline::{Outcome, Received, Timeline};
use async_playground::domain::url_codec::decode;

/// Short delays, tens of milliseconds apart, with failures; each runs in every mode.
const SCENARIOS: [(&str, &str); 4] = [
    ("one_failure", "tasks=fast:40,db:100:100,slow:220,mid:160"),
    ("all_fail", "tasks=a:40:100,b:100:100,c:160:100"),
    ("no_failure", "tasks=a:60,b:20,c:140"),
    ("blocking", "tasks=io:40,parse:90:cpu,late:150:100,tail:260"),
];

/// Generous: these machines are shared. The check is that the program resumes where predicted, not how fast.
fn tolerance_ms(predicted: f64) -> f64 {
    60.0 + predicted * 0.25
}

/// Runs one program at a time, so timings are not distorted by the others.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn work_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("programs")
        .join(name);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("could not start {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn cases() -> Vec<(String, Scenario)> {
    let mut cases = Vec::new();
    for (name, query) in SCENARIOS {
        for &mode in Mode::ALL {
            let mut scenario = decode(query).scenario;
            scenario.mode = mode;
            scenario.limit = 2;
            cases.push((format!("{name}_{}", mode.url_name()), scenario));
        }
    }
    cases
}

/// What the log says became of each task. An end printed after the caller resumed is an abandoned
/// task; a start with no end (still running when the program exited) is one too.
fn outcomes_from_log(log: &ProgramLog, labels: &[String]) -> Vec<Outcome> {
    let before_resume = log.task_lines_before_resume.unwrap_or(usize::MAX);
    labels
        .iter()
        .map(|label| {
            let mut lines = log
                .task_lines
                .iter()
                .enumerate()
                .filter(|(_, line)| &line.2 == label)
                .peekable();
            if lines.peek().is_none() {
                return Outcome::NotStarted;
            }
            match lines.rfind(|(_, line)| line.1 != "start") {
                None => Outcome::Abandoned,
                Some((_, line)) if line.1 == "cancelled" => Outcome::Cancelled,
                Some((position, _)) if position >= before_resume => Outcome::Abandoned,
                Some((_, line)) if line.1 == "fail" => Outcome::Error,
                Some(_) => Outcome::Ok,
            }
        })
        .collect()
}

fn expected_resume(received: &Received, labels: &[String]) -> String {
    let name = |task: &u32| labels[*task as usize].clone();
    let names = |tasks: &[u32]| tasks.iter().map(name).collect::<Vec<_>>().join(",");
    match received {
        Received::AllOk => "ok".to_owned(),
        Received::Results { failed } => format!("results failed={}", names(failed)),
        Received::Error { task } => format!("error {}", name(task)),
        Received::AggregateException { first, all } => {
            format!("aggregate {} count={}", name(first), all.len())
        }
        Received::ExceptionGroup { tasks } => format!("group {}", names(tasks)),
        Received::First { task, failed } => format!(
            "first {} {}",
            if *failed { "error" } else { "ok" },
            name(task)
        ),
        Received::FirstSuccess { task } => format!("first_success {}", name(task)),
        Received::AllFailed { .. } => "all_failed".to_owned(),
    }
}

fn check(case: &str, language: Language, scenario: &Scenario, output: &str) {
    let log = parse_log(output);
    let labels: Vec<String> = jobs(scenario).into_iter().map(|job| job.label).collect();
    let predicted: Timeline = simulate(scenario, language);
    let context = format!("{case} in {language}:\n{output}");

    let (resume_ms, resume_text) = log
        .resume
        .clone()
        .unwrap_or_else(|| panic!("no resume line: {context}"));
    assert_eq!(
        resume_text,
        expected_resume(&predicted.resume.received, &labels),
        "{context}"
    );
    let predicted_outcomes: Vec<Outcome> = predicted.tasks.iter().map(|t| t.outcome).collect();
    assert_eq!(
        outcomes_from_log(&log, &labels),
        predicted_outcomes,
        "{context}"
    );
    let slack = tolerance_ms(predicted.resume.at_ms);
    assert!(
        (resume_ms - predicted.resume.at_ms).abs() <= slack,
        "resumed at {resume_ms} ms, predicted {}: {context}",
        predicted.resume.at_ms
    );
    assert!(log.total_ms.is_some(), "no total line: {context}");

    // Completion order, wherever the prediction separates two ends by 30 ms or more.
    let end_of = |label: &str| {
        log.task_lines
            .iter()
            .rev()
            .find(|l| l.2 == label && l.1 != "start")
            .map(|l| l.0)
    };
    for (i, a) in predicted.tasks.iter().enumerate() {
        for (j, b) in predicted.tasks.iter().enumerate() {
            if let (Some(sa), Some(sb), Some(ra), Some(rb)) =
                (a.span, b.span, end_of(&labels[i]), end_of(&labels[j]))
            {
                if sa.end_ms + 30.0 <= sb.end_ms {
                    assert!(
                        ra <= rb,
                        "{} should end before {}: {context}",
                        labels[i],
                        labels[j]
                    );
                }
            }
        }
    }
}

fn check_language(language: Language, run_program: impl Fn(&str, &Scenario) -> String) {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for (case, scenario) in cases() {
        let output = run_program(&case, &scenario);
        check(&case, language, &scenario, &output);
    }
}

/// Check `language`'s programs, each written to one file that `interpreter` runs as it is.
fn check_interpreted(language: Language, file_name: &str, interpreter: &str) {
    check_language(language, |case, scenario| {
        let dir = work_dir(&format!("{}_{case}", language.url_name()));
        fs::write(dir.join(file_name), program(scenario, language)).unwrap();
        run(Command::new(interpreter).arg(file_name).current_dir(&dir))
    });
}

#[test]
fn javascript_programs_run_in_node_as_predicted() {
    check_interpreted(Language::JavaScript, "program.mjs", "node");
}

#[test]
fn python_programs_run_in_python3_as_predicted() {
    check_interpreted(Language::Python, "program.py", "python3");
}

#[test]
fn csharp_programs_run_in_mono_as_predicted() {
    check_language(Language::CSharp, |case, scenario| {
        let dir = work_dir(&format!("cs_{case}"));
        let jobs = jobs(scenario);
        fs::write(
            dir.join("program.cs"),
            csharp::mono_program(scenario.mode, &jobs, scenario.concurrency()),
        )
        .unwrap();
        run(Command::new("mcs")
            .args(["-nologo", "-out:program.exe", "program.cs"])
            .current_dir(&dir));
        run(Command::new("mono").arg("program.exe").current_dir(&dir))
    });
}

#[test]
fn rust_programs_run_with_tokio_as_predicted() {
    // One cached cargo project: every program is a binary, built together once.
    let project = Path::new(env!("CARGO_TARGET_TMPDIR")).join("program-runner");
    let bin_dir = project.join("src").join("bin");
    fs::create_dir_all(&bin_dir).unwrap();
    let template = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("program_runner");
    for file in ["Cargo.toml", "Cargo.lock"] {
        if template.join(file).exists() {
            fs::copy(template.join(file), project.join(file)).unwrap();
        }
    }
    let cases = cases();
    let mut written = HashMap::new();
    for (case, scenario) in &cases {
        let path = bin_dir.join(format!("{case}.rs"));
        let text = program(scenario, Language::Rust);
        // Rewrite only what changed, so cargo rebuilds only those binaries.
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            fs::write(&path, &text).unwrap();
        }
        written.insert(case.clone(), path);
    }
    run(Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bins"])
        .current_dir(&project));
    check_language(Language::Rust, |case, _| {
        run(&mut Command::new(
            project.join("target").join("release").join(case),
        ))
    });
}
