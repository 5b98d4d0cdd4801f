//! Complete, runnable programs for a scenario in Rust, C#, JavaScript and Python, and their syntax
//! tokens for highlighting. Each program fails exactly the tasks the seeded draws fail and prints the
//! log protocol of `src/domain/programs/program_log.rs`, the same in every language, which the tests parse to
//! check the program against the simulator.

pub mod csharp;
pub mod csharp_context;
pub mod javascript;
pub mod python;
pub mod regions;
pub mod rust;
pub mod spots;
pub mod tokens;
pub mod written;

use self::regions::{take_regions, Region};
use crate::domain::basics::decimal::counted;
use crate::domain::model::draws::draw_all;
use crate::domain::model::language::Language;
use crate::domain::model::scenario::{RetryPolicy, Scenario, TaskKind};
pub(crate) use crate::domain::semantics::blocking::caller_blocks as blocks;
use crate::domain::semantics::blocking::watchdog_ms;
use crate::domain::semantics::profile::semantics;

/// One task as the programs see it: the seeded draw is baked in, so no program rolls its own dice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub label: String,
    pub ms: u32,
    pub fails: bool,
    /// How many of its attempts fail: all of them when it `fails`, else all but the last.
    pub failing_attempts: u8,
    pub cpu: bool,
}

/// The jobs of `scenario`, in task order.
pub fn jobs(scenario: &Scenario) -> Vec<Job> {
    scenario
        .tasks
        .iter()
        .zip(draw_all(scenario))
        .enumerate()
        .map(|(index, (spec, draw))| Job {
            label: spec.display_label(index as u32),
            ms: draw.delay_ms,
            fails: draw.fails,
            failing_attempts: draw.attempts - u8::from(!draw.fails),
            cpu: spec.kind == TaskKind::Cpu,
        })
        .collect()
}

/// The program for `scenario` in `language`.
pub fn program(scenario: &Scenario, language: Language) -> String {
    outlined_program(scenario, language).0
}

/// The program for `scenario` in `language`, and its idiom and scaffolding regions.
pub fn outlined_program(scenario: &Scenario, language: Language) -> (String, Vec<Region>) {
    take_regions(&match language {
        Language::Rust => skeleton::<rust::Rust>(scenario),
        Language::CSharp => skeleton::<csharp::CSharp>(scenario),
        Language::JavaScript => skeleton::<javascript::JavaScript>(scenario),
        Language::Python => skeleton::<python::Python>(scenario),
    })
}

/// The code that awaits the jobs in one mode, and what it needs around it.
pub(crate) struct AwaitCode {
    /// The statements that await the jobs and log what the caller received.
    pub main: String,
    /// The imports those statements need (`use` lines in Rust); empty where none are.
    pub imports: String,
    /// After the total line: waits out the tasks nobody awaits any more, so the log shows them end.
    pub after: String,
}

impl AwaitCode {
    fn new(main: impl Into<String>) -> Self {
        AwaitCode {
            main: main.into(),
            imports: String::new(),
            after: String::new(),
        }
    }

    fn with_imports(self, imports: &str) -> Self {
        AwaitCode {
            imports: imports.to_owned(),
            ..self
        }
    }

    fn then(self, after: impl Into<String>) -> Self {
        AwaitCode {
            after: after.into(),
            ..self
        }
    }
}

/// What one language brings to a program; [`skeleton`] assembles every language's program the same way.
pub(crate) trait Generator {
    const LANGUAGE: Language;
    /// The whole program, with `{{TITLE}}`, `{{IMPORTS}}`, `{{JOBS}}`, `{{MAIN}}` and `{{AFTER}}` to fill,
    /// and the lines that mark its regions (see [`regions`]).
    const TEMPLATE: &'static str;
    /// One job in the program's job list, with `{{LABEL}}`, `{{MS}}`, `{{FAILS}}` and `{{CPU}}` to fill.
    const JOB: &'static str;
    /// How the language writes false and true.
    const BOOLEANS: [&'static str; 2] = ["false", "true"];
    /// With retries, the template's work function becomes one attempt, and a retry loop of the same
    /// name wraps it: each pair replaces its first text in the template with its second, which may
    /// use `{{RETRIES}}` and `{{BACKOFF_MS}}`. The job list's `fails` then counts failing attempts.
    const RETRY_EDITS: &'static [(&'static str, &'static str)];
    /// Text the program writes only on the line where a task awaits its timer, where it blocks its
    /// thread, and where it waits before a retry: the code panel follows a replay by them.
    const MARKERS: Markers;
    /// The code that awaits `scenario`'s jobs in its mode, with no deadline.
    fn await_code(scenario: &Scenario) -> AwaitCode;
    /// `code` run under a deadline of `timeout_ms`: the caller stops waiting then, cancels what the
    /// language lets it cancel, and logs `resume timeout`.
    fn with_deadline(code: AwaitCode, timeout_ms: u32) -> AwaitCode;
    /// `code` run by a caller that blocks its thread on it with the language's blocking call, and
    /// logs what it received, or, where that can hang, a watchdog that ends the program at
    /// `watchdog_ms` and logs `resume never`.
    fn with_blocking_call(code: AwaitCode, scenario: &Scenario, watchdog_ms: u32) -> AwaitCode;
    /// The whole program as `scenario` needs it beyond its code: the runtime it runs on, the
    /// context its caller runs in. Unchanged by default.
    fn finished(program: String, _scenario: &Scenario) -> String {
        program
    }

    /// The code that awaits `scenario`'s jobs, under its deadline if it has one, and blocked on
    /// if the caller blocks.
    fn awaiting(scenario: &Scenario) -> AwaitCode {
        let code = Self::await_code(scenario);
        let code = match scenario.deadline_ms() {
            Some(timeout_ms) => Self::with_deadline(code, timeout_ms),
            None => code,
        };
        if blocks(scenario) {
            Self::with_blocking_call(code, scenario, watchdog_ms(scenario))
        } else {
            code
        }
    }
}

/// See [`Generator::MARKERS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Markers {
    pub waits: &'static str,
    pub blocks: &'static str,
    pub backs_off: &'static str,
    /// The caller's blocking call on its tasks, in a program whose caller blocks.
    pub caller_blocks: &'static str,
}

/// `language`'s [`Generator::MARKERS`].
pub fn markers(language: Language) -> Markers {
    match language {
        Language::Rust => rust::Rust::MARKERS,
        Language::CSharp => csharp::CSharp::MARKERS,
        Language::JavaScript => javascript::JavaScript::MARKERS,
        Language::Python => python::Python::MARKERS,
    }
}

/// `job` as an element of `G`'s job list, under `retry`.
pub(crate) fn job_line<G: Generator>(job: &Job, retry: RetryPolicy) -> String {
    Pieces::of::<G>().job_line(job, retry)
}

/// `template` as it reads under `retry`: unchanged without retries, else with `edits` made (see
/// [`Generator::RETRY_EDITS`]) and the policy's figures filled in.
pub(crate) fn retrying(template: &str, edits: &[(&str, &str)], retry: RetryPolicy) -> String {
    if retry.retries == 0 {
        return template.to_owned();
    }
    let edited = edits.iter().fold(template.to_owned(), |text, (from, to)| {
        text.replacen(from, to, 1)
    });
    fill(
        &edited,
        &[
            ("RETRIES", &retry.retries.to_string()),
            ("BACKOFF_MS", &retry.backoff_ms.to_string()),
        ],
    )
}

/// A generator's pieces as plain values, so that the code assembling a program exists once in the
/// wasm rather than once per language.
struct Pieces {
    language: Language,
    template: &'static str,
    job: &'static str,
    booleans: [&'static str; 2],
    retry_edits: &'static [(&'static str, &'static str)],
}

impl Pieces {
    fn of<G: Generator>() -> Self {
        Pieces {
            language: G::LANGUAGE,
            template: G::TEMPLATE,
            job: G::JOB,
            booleans: G::BOOLEANS,
            retry_edits: G::RETRY_EDITS,
        }
    }

    fn job_line(&self, job: &Job, retry: RetryPolicy) -> String {
        let failing_attempts = job.failing_attempts.to_string();
        let fails = if retry.retries == 0 {
            self.booleans[usize::from(job.fails)]
        } else {
            &failing_attempts
        };
        fill(
            self.job,
            &[
                ("LABEL", &quoted(&job.label)),
                ("MS", &job.ms.to_string()),
                ("FAILS", fails),
                ("CPU", self.booleans[usize::from(job.cpu)]),
            ],
        )
    }

    fn program(&self, scenario: &Scenario, code: AwaitCode) -> String {
        let jobs = jobs(scenario);
        let job_lines: String = jobs
            .iter()
            .map(|job| self.job_line(job, scenario.retry))
            .collect();
        fill(
            &retrying(self.template, self.retry_edits, scenario.retry),
            &[
                ("TITLE", &title(scenario, self.language)),
                ("IMPORTS", &code.imports),
                ("JOBS", &job_lines),
                ("MAIN", &code.main),
                ("AFTER", &code.after),
            ],
        )
    }
}

/// What the first comment line of every program says.
pub(crate) fn title(scenario: &Scenario, language: Language) -> String {
    let call = semantics(scenario.mode, language).call;
    let tasks = counted(scenario.tasks.len(), "task", "tasks");
    let deadline = match scenario.deadline_ms() {
        Some(ms) => format!(", for at most {ms} ms"),
        None => String::new(),
    };
    let RetryPolicy {
        retries,
        backoff_ms,
    } = scenario.retry;
    let retrying = match retries {
        0 => String::new(),
        1 => format!(", each retried once after {backoff_ms} ms"),
        _ => format!(", each retried up to {retries} times after {backoff_ms} ms, doubling"),
    };
    let verb = scenario.mode.caller_verb();
    let ending = match (scenario.mode.caller_waits(), scenario.program_exits) {
        (true, _) => "",
        (false, false) => ", by a caller that lives on",
        (false, true) => ", by a main that returns at once",
    };
    let blocking = if blocks(scenario) {
        ", the caller blocking its thread on them"
    } else {
        ""
    };
    format!("{tasks} {verb} {call}{deadline}{retrying}{ending}{blocking}")
}

/// `G`'s program: its template filled with the title, the jobs and the code that awaits them.
pub(crate) fn skeleton<G: Generator>(scenario: &Scenario) -> String {
    G::finished(
        Pieces::of::<G>().program(scenario, G::awaiting(scenario)),
        scenario,
    )
}

/// `text` with every non-empty line indented by `spaces` more.
pub(crate) fn indented(text: &str, spaces: usize) -> String {
    let pad = " ".repeat(spaces);
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A body that logs what the caller received (`log("resume ok")`, `Log($"resume error {x}")`, a
/// ternary of such strings, with or without the semicolon) turned into one that returns it
/// (`return "ok"`, `return $"error {x}"`), so that a deadline racing the body, or a caller blocking
/// on it, decides what the caller logs. `log_call` is the language's `log(` or `Log(`.
pub(crate) fn returning_received(body: &str, log_call: &str) -> String {
    body.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let statement = trimmed.strip_prefix(log_call).and_then(|rest| {
                let (expression, end) = match rest.strip_suffix(");") {
                    Some(expression) => (expression, ";"),
                    None => (rest.strip_suffix(')')?, ""),
                };
                expression.contains("resume ").then_some((expression, end))
            });
            match statement {
                Some((expression, end)) => {
                    let indent = &line[..line.len() - trimmed.len()];
                    let value = ["\"", "`", "$\""]
                        .iter()
                        .fold(expression.to_owned(), |text, quote| {
                            text.replace(&format!("{quote}resume "), quote)
                        });
                    format!("{indent}return {value}{end}")
                }
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A double-quoted string literal that Rust, C#, JavaScript and Python all read the same way.
pub fn quoted(text: &str) -> String {
    // Validation keeps control characters out of labels; never emit an escape one language lacks.
    quoted_with(text, |c| c.is_control().then(|| '\u{fffd}'.to_string()))
}

/// A double-quoted literal escaping quotes, backslashes and the usual whitespace escapes, plus whatever
/// `extra` decides for the other characters (`None` keeps a character as it is).
pub fn quoted_with(text: &str, extra: impl Fn(char) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => match extra(c) {
                Some(escaped) => out.push_str(&escaped),
                None => out.push(c),
            },
        }
    }
    out.push('"');
    out
}

/// Fill `{{NAME}}` placeholders in a template, in one pass: text filled in is never read again, so
/// a label that spells a placeholder stays as typed.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let value = after.find("}}").and_then(|close| {
            let name = &after[..close];
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings_escape_what_every_language_needs() {
        assert_eq!(quoted(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(quoted("x\u{1}🚀"), "\"x\u{fffd}🚀\"");
    }

    #[test]
    fn resume_logs_become_returns_of_what_the_caller_received() {
        let body = "try {\n  log(\"resume ok\");\n} catch (e) {\n  log(`resume error ${e.label}`);\n}\nlog(n === 0 ? \"resume ok\" : `resume results failed=${x}`);\nlog(\"start\");";
        assert_eq!(
            returning_received(body, "log("),
            "try {\n  return \"ok\";\n} catch (e) {\n  return `error ${e.label}`;\n}\nreturn n === 0 ? \"ok\" : `results failed=${x}`;\nlog(\"start\");"
        );
        assert_eq!(
            returning_received("    Log($\"resume first ok {label}\");", "Log("),
            "    return $\"first ok {label}\";"
        );
    }

    /// A template edited away from what its retry edits expect would silently keep the plain work.
    #[test]
    fn every_retry_edit_finds_its_place_once() {
        fn check<G: Generator>() {
            for (from, _) in G::RETRY_EDITS {
                assert_eq!(
                    G::TEMPLATE.matches(from).count(),
                    1,
                    "{}: {from}",
                    G::LANGUAGE
                );
            }
        }
        check::<rust::Rust>();
        check::<csharp::CSharp>();
        check::<javascript::JavaScript>();
        check::<python::Python>();
        let scenario =
            crate::domain::link::url_codec::decode("tasks=a:10:100&retries=2&backoff=5").scenario;
        for &language in <Language as crate::domain::basics::named_choice::NamedChoice>::ALL {
            let program = program(&scenario, language);
            assert!(program.contains("retry "), "{language}");
            assert!(!program.contains("{{"), "{language}");
        }
        assert!(csharp::mono_program(&scenario).contains("Attempt(job, retry < job.Fails, token)"));
    }

    #[test]
    fn a_label_that_spells_a_placeholder_stays_as_typed() {
        let filled = fill(
            "{{JOBS}} then {{MAIN}} {{OTHER}}",
            &[("JOBS", "\"{{MAIN}}\""), ("MAIN", "main")],
        );
        assert_eq!(filled, "\"{{MAIN}}\" then main {{OTHER}}");
    }

    /// The templates spell the protocol's resume lines by hand: each must print the keyword of every
    /// result its language's combinator can hand the caller.
    #[test]
    fn every_program_prints_the_resume_lines_of_the_protocol() {
        use crate::domain::basics::named_choice::NamedChoice;
        use crate::domain::link::url_codec::decode;
        use crate::domain::model::mode::Mode;
        use crate::domain::programs::program_log::ResumeLine;
        use crate::domain::simulator::simulate;

        for tasks in ["a:10,b:20", "a:10,b:20:100", "a:10:100,b:20:100"] {
            for &mode in Mode::ALL {
                for &language in Language::ALL {
                    let scenario =
                        decode(&format!("tasks={tasks}&mode={}", mode.url_name())).scenario;
                    let labels: Vec<String> =
                        jobs(&scenario).into_iter().map(|j| j.label).collect();
                    let received = simulate(&scenario, language).resume.received;
                    let keyword = ResumeLine::from_received(&received, &labels).keyword();
                    assert!(
                        program(&scenario, language).contains(&format!("resume {keyword}")),
                        "{language} {mode} {tasks}: no \"resume {keyword}\""
                    );
                }
            }
        }
    }

    #[test]
    fn titles_count_right_for_one() {
        let one: Scenario = "tasks=a:100:50&mode=join_all&retries=1&backoff=200"
            .parse()
            .unwrap();
        let title = title(&one, Language::Rust);
        assert!(title.starts_with("1 task awaited with"), "{title}");
        assert!(
            title.ends_with(", each retried once after 200 ms"),
            "{title}"
        );
        let many: Scenario = "tasks=2x100:50&mode=join_all&retries=3".parse().unwrap();
        let title = super::title(&many, Language::Rust);
        assert!(title.starts_with("2 tasks awaited with"), "{title}");
        assert!(
            title.contains("retried up to 3 times after 100 ms, doubling"),
            "{title}"
        );
    }
}
