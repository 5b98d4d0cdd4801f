//! The harness reads the words: what the page says of a run (its sentence, and the trace's
//! `received` text and instant) must agree with what the real program's log shows. A sentence that
//! claims results the caller never got, or counts tasks the log does not, is a disagreement even
//! when every outcome agrees.

use serde_json::Value;

use super::verdict::outcomes_from_log;
use crate::domain::explain::narration::{describe, COUNTED_PHRASES};
use crate::domain::model::comparison::{ComparedRuns, ExportedRun};
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::{Outcome, Timeline};
use crate::domain::pictures::export::{chrome_trace, RunSource};
use crate::domain::programs::program_log::{ProgramLog, ResumeLine};

/// What is wrong with the words said of `predicted`, a run of `scenario`, against `log`: the
/// sentence, then the trace's `received` text and the name of its caller's instant.
pub fn word_disagreements(
    scenario: &Scenario,
    predicted: &Timeline,
    labels: &[String],
    log: &ProgramLog,
) -> Vec<String> {
    let sentence = describe(scenario, predicted);
    let mut problems = sentence_disagreements(&sentence, scenario.mode, labels, log)
        .into_iter()
        .map(|problem| format!("the sentence \"{sentence}\" {problem}"))
        .collect::<Vec<_>>();
    let run = ComparedRuns::alone(ExportedRun {
        scenario: scenario.clone(),
        timeline: predicted.clone(),
    });
    let trace = chrome_trace(&run, RunSource::Simulated);
    let Some((instant, received)) = caller_instant(&trace) else {
        problems.push("the trace has no caller instant".to_owned());
        return problems;
    };
    problems.extend(
        sentence_disagreements(&received, scenario.mode, labels, log)
            .into_iter()
            .map(|problem| format!("the trace's received text {problem}")),
    );
    let never = matches!(log.resume, Some((_, ResumeLine::NeverResumed)));
    if (instant == "caller never resumes") != never {
        problems.push(format!(
            "the trace names the caller's instant \"{instant}\", but the log's caller {} resumed",
            if never { "never" } else { "did" }
        ));
    }
    problems
}

/// The trace's caller instant: its name and its `received` text.
fn caller_instant(trace: &str) -> Option<(String, String)> {
    let trace: Value = serde_json::from_str(trace).ok()?;
    trace["traceEvents"].as_array()?.iter().find_map(|event| {
        let received = event["args"]["received"].as_str()?;
        Some((event["name"].as_str()?.to_owned(), received.to_owned()))
    })
}

/// What `sentence` claims that `log` does not show: whether the caller resumed, whether its call
/// raised, what an all-settled caller holds, and how many tasks kept running, were cancelled, never
/// started or hung.
fn sentence_disagreements(
    sentence: &str,
    mode: Mode,
    labels: &[String],
    log: &ProgramLog,
) -> Vec<String> {
    let real = outcomes_from_log(log, labels, mode);
    let count = |outcome: Outcome| real.iter().filter(|&&real| real == outcome).count();
    let resume = log.resume.as_ref().map(|(_, line)| line);
    let never = resume == Some(&ResumeLine::NeverResumed);
    let raised = resume == Some(&ResumeLine::Raised);
    let mut problems = Vec::new();
    if sentence.contains("never finished") != never {
        problems.push(format!(
            "says the caller {} resumed; the log's {}",
            if never { "did" } else { "never" },
            if never { "never did" } else { "did" }
        ));
    }
    if sentence.contains("cannot be called from a running event loop") != raised {
        problems.push("disagrees with the log on whether the blocking call raised".to_owned());
    }
    if mode == Mode::AllSettled {
        if let Some((ok, failed)) = numbers_after(sentence, "the caller holds ") {
            if never || raised {
                problems.push(format!(
                    "claims the caller holds {ok} and {failed} results it never got"
                ));
            } else if (ok, failed) != (count(Outcome::Ok), count(Outcome::Error)) {
                problems.push(format!(
                    "claims {ok} succeeded and {failed} failed; the log shows {} and {}",
                    count(Outcome::Ok),
                    count(Outcome::Error)
                ));
            }
        }
    }
    for (outcome, one, many) in COUNTED_PHRASES {
        let claimed = number_before(sentence, one)
            .or_else(|| number_before(sentence, many))
            .unwrap_or(0);
        if claimed != count(outcome) {
            problems.push(format!(
                "counts {claimed} that {}; the log shows {}",
                many.trim_start_matches("tasks "),
                count(outcome)
            ));
        }
    }
    problems
}

/// The whole number written just before `phrase` in `text` ("2 tasks hung" → 2), if `phrase` is
/// there with a number before it.
fn number_before(text: &str, phrase: &str) -> Option<usize> {
    let before = &text[..text.find(&format!(" {phrase}"))?];
    let word = before.rsplit(' ').next()?;
    word.replace(',', "").parse().ok()
}

/// The first two whole numbers after `marker` in `text`: "holds 3 fulfilled, 1 rejected" → (3, 1).
fn numbers_after(text: &str, marker: &str) -> Option<(usize, usize)> {
    let after = &text[text.find(marker)? + marker.len()..];
    let mut numbers = after
        .split(|c: char| !c.is_ascii_digit() && c != ',')
        .map(|word| word.trim_matches(','))
        .filter(|word| !word.is_empty())
        .filter_map(|word| word.replace(',', "").parse().ok());
    Some((numbers.next()?, numbers.next()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::differential::verdict::labels_of;
    use crate::domain::model::language::Language;
    use crate::domain::simulator::simulate;

    fn log(lines: &[&str]) -> ProgramLog {
        ProgramLog::parse(&lines.join("\n"))
    }

    /// Issue 40's first example: the programs print `resume never` (and, in Python, `resume
    /// raised`); the old sentence claimed "3 fulfilled, 0 rejected". Said of a caller that never got
    /// its tasks, a count of results is a disagreement.
    #[test]
    fn a_sentence_that_claims_results_the_caller_never_got_disagrees() {
        let s: Scenario = "tasks=a:300,b:100:100,c:200&mode=all_settled&wait=block&context=ui"
            .parse()
            .unwrap();
        let labels = labels_of(&s);
        let never = log(&["0 start a", "0 start b", "0 start c", "1200 resume never"]);
        let old_words = "Promise.allSettled: at 1.2 s the caller holds 3 fulfilled, 0 rejected; \
                         3 tasks never finished.";
        let problems = sentence_disagreements(old_words, s.mode, &labels, &never);
        assert!(
            problems.iter().any(|p| p.contains("never got")),
            "{problems:?}"
        );
        // The words said now agree with that log, in the sentence and in the trace.
        let predicted = simulate(&s, Language::JavaScript);
        assert_eq!(
            word_disagreements(&s, &predicted, &labels, &never),
            Vec::<String>::new()
        );
    }

    #[test]
    fn counts_are_read_back_and_compared_with_the_log() {
        let s: Scenario = "tasks=a:100,b:50:100,c:300&mode=join_all".parse().unwrap();
        let labels = labels_of(&s);
        let predicted = simulate(&s, Language::JavaScript);
        let real = log(&[
            "0 start a",
            "0 start b",
            "0 start c",
            "50 fail b",
            "50 resume error b",
            "100 ok a",
            "300 ok c",
        ]);
        assert_eq!(
            word_disagreements(&s, &predicted, &labels, &real),
            Vec::<String>::new()
        );
        let one_short = log(&[
            "0 start a",
            "0 start b",
            "50 fail b",
            "50 resume error b",
            "100 ok a",
        ]);
        let problems =
            sentence_disagreements(&describe(&s, &predicted), s.mode, &labels, &one_short);
        assert!(
            problems.iter().any(|p| p.contains("kept running")),
            "{problems:?}"
        );
        assert_eq!(
            number_before("it had 10,000 tasks hung", "tasks hung"),
            Some(10_000)
        );
        assert_eq!(
            numbers_after("at 1 s the caller holds 3 Ok, 1 Err.", "the caller holds "),
            Some((3, 1))
        );
    }
}
