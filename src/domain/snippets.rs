//! Complete, runnable programs for a scenario in Rust, C#, JavaScript and Python, and their syntax
//! tokens for highlighting. Each program fails exactly the tasks the seeded draws fail and prints one
//! log format, the same in every language, which the tests parse to check the program against the
//! simulator:
//!
//! ```text
//! 0 start fetch        a task starts
//! 500 ok fetch         it ends: ok, fail or cancelled
//! 500 resume ok        the caller resumes, and with what (see `ResumeLine`)
//! total 500 ms         how long the caller waited
//! ```

pub mod csharp;
pub mod javascript;
pub mod python;
pub mod rust;
pub mod tokens;

use super::draws::draw_all;
use super::language::Language;
use super::scenario::{Scenario, TaskKind};

/// One task as the programs see it: the seeded draw is baked in, so no program rolls its own dice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub label: String,
    pub ms: u32,
    pub fails: bool,
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
            cpu: spec.kind == TaskKind::Cpu,
        })
        .collect()
}

/// The program for `scenario` in `language`.
pub fn program(scenario: &Scenario, language: Language) -> String {
    let jobs = jobs(scenario);
    let limit = scenario.concurrency();
    match language {
        Language::Rust => rust::program(scenario.mode, &jobs, limit),
        Language::CSharp => csharp::program(scenario.mode, &jobs, limit),
        Language::JavaScript => javascript::program(scenario.mode, &jobs, limit),
        Language::Python => python::program(scenario.mode, &jobs, limit),
    }
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

/// Fill `{{NAME}}` placeholders in a template.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{{{name}}}}}"), value)
        })
}

/// The parsed log of a program: what the tests compare with the simulator.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramLog {
    /// (ms, event, label) for start, ok, fail and cancelled lines, in printed order.
    pub task_lines: Vec<(f64, String, String)>,
    /// (ms, what the caller received, as printed after `resume `).
    pub resume: Option<(f64, String)>,
    /// How many task lines were printed before the resume line: ends printed later are abandoned tasks.
    pub task_lines_before_resume: Option<usize>,
    pub total_ms: Option<f64>,
}

/// Read a program's output; lines that are not part of the format are ignored.
pub fn parse_log(output: &str) -> ProgramLog {
    let mut log = ProgramLog::default();
    for line in output.lines() {
        let mut words = line.trim().splitn(3, ' ');
        let (Some(first), Some(second)) = (words.next(), words.next()) else {
            continue;
        };
        let rest = words.next().unwrap_or("").to_owned();
        if first == "total" {
            log.total_ms = second.parse().ok();
            continue;
        }
        let Ok(ms) = first.parse::<f64>() else {
            continue;
        };
        match second {
            "start" | "ok" | "fail" | "cancelled" => {
                log.task_lines.push((ms, second.to_owned(), rest))
            }
            "resume" => {
                log.resume = Some((ms, rest));
                log.task_lines_before_resume = Some(log.task_lines.len());
            }
            _ => {}
        }
    }
    log
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
    fn logs_parse_into_task_lines_resume_and_total() {
        let log = parse_log(
            "0 start fetch\n12 fail db\nnoise\n500 resume error db\ntotal 500 ms\n600 ok fetch\n",
        );
        assert_eq!(log.task_lines.len(), 3);
        assert_eq!(log.resume, Some((500.0, "error db".to_owned())));
        assert_eq!(log.task_lines_before_resume, Some(2));
        assert_eq!(log.total_ms, Some(500.0));
    }
}
