//! One sentence saying what the caller received, in the chosen language's own terms:
//! "Promise.all rejected at 200 ms with Error: db failed; 1 task kept running."

use crate::domain::basics::decimal::{counted, grouped, time_label};
use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::{Outcome, Received, Timeline};
use crate::domain::semantics::blocking::{blocked_sentence, hung_reason};
use crate::domain::semantics::profile::semantics;
use crate::domain::semantics::profile::{profile, AllFailedWords};

/// The sentence for `timeline`, a run of `scenario`.
pub fn describe(scenario: &Scenario, timeline: &Timeline) -> String {
    let headline = headline(scenario, timeline);
    let aftermath = aftermath(timeline, timeline.blocked);
    if aftermath.is_empty() {
        format!("{headline}.")
    } else {
        format!("{headline}; {}.", aftermath.join(", "))
    }
}

/// What the caller received, and when, in the language's words: the idiom's name first.
pub fn headline(scenario: &Scenario, timeline: &Timeline) -> String {
    let words = profile(timeline.language);
    let call = semantics(timeline.mode, timeline.language).call;
    let at = time_label(timeline.resume.at_ms);
    let label = |task: u32| scenario.label_of(task);
    let error = |task: u32| words.error_text(&label(task));
    let failed_verb = words.failed_verb;
    // What an all-settled caller holds, when it holds anything: a caller whose deadline passed,
    // or that never got its tasks back, holds no list.
    let holds_the_list = !matches!(
        timeline.resume.received,
        Received::TimedOut | Received::NeverResumed | Received::Raised
    );
    if timeline.mode == Mode::AllSettled && holds_the_list {
        return format!(
            "{call}: at {at} the caller holds {}",
            settled_counts(timeline)
        );
    }
    match &timeline.resume.received {
        Received::AllOk => every_result(call, &at, timeline.tasks.len()),
        Received::Results { failed } => format!(
            "{call} finished at {at} with {} results, {} of them errors",
            grouped(timeline.tasks.len()),
            grouped(failed.len())
        ),
        Received::Error { task } => format!("{call} {failed_verb} {} at {at}", error(*task)),
        Received::AggregateException { first, all } => format!(
            "{call} threw {} at {at}, after every task had finished; its AggregateException holds {}",
            error(*first),
            counted(all.len(), "exception", "exceptions")
        ),
        Received::ExceptionGroup { tasks } => format!(
            "{call} raised an ExceptionGroup ({}) at {at}",
            tasks.iter().map(|&t| error(t)).collect::<Vec<_>>().join(", ")
        ),
        Received::First { task, failed: false } => format!("{call} resumed at {at} with {}, which succeeded", label(*task)),
        Received::First { task, failed: true } => {
            format!("{call} resumed at {at} with {}, which failed: {}", label(*task), error(*task))
        }
        Received::FirstSuccess { task } => format!("{call} resumed at {at} with the result of {}", label(*task)),
        Received::TimedOut => {
            let deadline = time_label(f64::from(scenario.deadline_ms().unwrap_or_default()));
            let gave_up = words.deadline_gave_up;
            format!("The {deadline} deadline passed before {call} finished: {gave_up} at {at}")
        }
        Received::Started => moved_on(call, &at, timeline),
        Received::NeverResumed | Received::Raised => blocked_sentence(timeline.blocked, call, &at),
        Received::AllFailed { tasks } => {
            let last = *tasks.last().unwrap_or(&0);
            match words.all_failed {
                AllFailedWords::LastError => format!("{call} {failed_verb} the last error, {}, at {at}: every task failed", error(last)),
                AllFailedWords::Group { verb, group, each } => format!("{call} {verb} {group} of {} at {at}", each.of(tasks.len())),
            }
        }
    }
}

/// A caller that received every result: "join_all finished at 501 ms with all 10 results".
fn every_result(call: &str, at: &str, count: usize) -> String {
    let all = match count {
        1 => return format!("{call} finished at {at} with its one result"),
        2 => "both".to_owned(),
        _ => format!("all {}", grouped(count)),
    };
    format!("{call} finished at {at} with {all} results")
}

/// A caller that fired and forgot its tasks, and the failures nobody will hear of.
fn moved_on(call: &str, at: &str, timeline: &Timeline) -> String {
    let moved_on = format!("{call}: the caller moved on at {at}, holding nothing");
    match timeline.count(Outcome::Error) {
        0 => moved_on,
        failures => {
            let lost = profile(timeline.language).lost_failures.of(failures);
            format!("{moved_on}; {lost}")
        }
    }
}

/// What an all-settled caller holds, in the language's words: "3 fulfilled, 1 rejected".
fn settled_counts(timeline: &Timeline) -> String {
    let failed = match &timeline.resume.received {
        Received::Results { failed } => failed.len(),
        _ => 0,
    };
    let succeeded = timeline.tasks.len() - failed.min(timeline.tasks.len());
    let words = profile(timeline.language);
    format!(
        "{}, {}",
        words.settled_ok.of(succeeded),
        words.settled_failed.of(failed)
    )
}

/// What became of the tasks the caller did not wait for: "2 tasks kept running, 1 task was cancelled",
/// those that hung under a caller that blocked, and how many failed attempts were tried again.
fn aftermath(timeline: &Timeline, blocked: BlockedCall) -> Vec<String> {
    let retried: usize = timeline
        .tasks
        .iter()
        .map(|task| task.retried_attempts().len())
        .sum();
    let retries = (retried > 0).then(|| {
        counted(
            retried,
            "failed attempt was retried",
            "failed attempts were retried",
        )
    });
    COUNTED_PHRASES
        .into_iter()
        .filter_map(|(outcome, one, many)| {
            let count = timeline.count(outcome);
            let said = (count > 0).then(|| counted(count, one, many))?;
            // A hung task says why it hung.
            Some(
                match hung_reason(blocked).filter(|_| outcome == Outcome::Hung) {
                    Some(reason) => format!("{said} ({reason})"),
                    None => said,
                },
            )
        })
        .chain(retries)
        .collect()
}

/// How a sentence counts the tasks the caller did not hear end, for one task and for several, in
/// the order it says them. The harness reads sentences back by the same phrases.
pub const COUNTED_PHRASES: [(Outcome, &str, &str); 4] = [
    (
        Outcome::Abandoned,
        "task kept running",
        "tasks kept running",
    ),
    (
        Outcome::Cancelled,
        "task was cancelled",
        "tasks were cancelled",
    ),
    (
        Outcome::NotStarted,
        "task never started",
        "tasks never started",
    ),
    (Outcome::Hung, "task hung", "tasks hung"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::basics::named_choice::NamedChoice;
    use crate::domain::model::language::Language;
    use crate::domain::simulator::simulate;

    fn one_failure(mode: Mode) -> Scenario {
        let link = "tasks=fast:100,db:312:100,slow:500,slower:600&limit=2&seed=1";
        format!("{link}&mode={}", mode.url_name()).parse().unwrap()
    }

    fn sentence(mode: Mode, language: Language) -> String {
        let scenario = one_failure(mode);
        describe(&scenario, &simulate(&scenario, language))
    }

    #[test]
    fn one_result_is_not_all_1_results() {
        let one: Scenario = "tasks=a:100&mode=join_all".parse().unwrap();
        assert_eq!(
            describe(&one, &simulate(&one, Language::Rust)),
            "futures::future::join_all finished at 101 ms with its one result."
        );
    }

    #[test]
    fn two_results_are_both_results() {
        let two: Scenario = "tasks=a:100,b:300&mode=join_all".parse().unwrap();
        assert_eq!(
            describe(&two, &simulate(&two, Language::CSharp)),
            "Task.WhenAll finished at 300 ms with both results."
        );
    }

    /// A caller that blocked and never got its tasks back holds nothing, whatever its mode would
    /// have handed it: the sentence says what held it, and that the tasks hung.
    #[test]
    fn a_blocked_all_settled_caller_claims_no_results() {
        let link = "tasks=a:300,b:100:100,c:200&mode=all_settled&wait=block&context=ui";
        let scenario: Scenario = link.parse().unwrap();
        let said = |language| describe(&scenario, &simulate(&scenario, language));
        assert_eq!(
            said(Language::JavaScript),
            "The spin holds the only thread, so nothing settles. Promise.allSettled never finished; \
             the watchdog ended it at 1.2 s; 3 tasks hung (timer never fired: the spin holds the \
             only thread)."
        );
        assert_eq!(
            said(Language::CSharp),
            "Deadlock: the UI thread waits for the tasks; their continuations wait for the UI \
             thread. Task.WhenAll in a try/catch, then each task's Status never finished; the \
             watchdog ended it at 1.2 s; 3 tasks hung (timer due, its continuation waits for the \
             blocked UI thread)."
        );
        assert_eq!(
            said(Language::Python),
            "asyncio.run raised at 0 ms: \"RuntimeError: asyncio.run() cannot be called from a \
             running event loop\", so no task ran; 3 tasks never started."
        );
        for language in [Language::JavaScript, Language::CSharp, Language::Python] {
            assert!(!said(language).contains("holds 3"), "{language}");
        }
    }

    #[test]
    fn promise_all_says_it_rejected_while_others_ran_on() {
        assert_eq!(
            sentence(Mode::JoinAll, Language::JavaScript),
            "Promise.all rejected with Error: db failed at 312 ms; 2 tasks kept running."
        );
    }

    #[test]
    fn each_language_names_its_own_failure() {
        assert_eq!(
            sentence(Mode::JoinAll, Language::CSharp),
            "Task.WhenAll threw Exception: db failed at 600 ms, after every task had finished; \
             its AggregateException holds 1 exception."
        );
        assert_eq!(
            sentence(Mode::JoinAll, Language::Rust),
            "futures::future::join_all finished at 601 ms with 4 results, 1 of them errors."
        );
        assert_eq!(
            sentence(Mode::TryJoinAll, Language::Python),
            "asyncio.TaskGroup raised an ExceptionGroup (RuntimeError: db failed) at 312 ms; 2 tasks were cancelled."
        );
        assert_eq!(
            sentence(Mode::Sequential, Language::Rust),
            "for f in futures { f.await? } returned Err(\"db failed\") at 414 ms; 2 tasks never started."
        );
    }

    #[test]
    fn a_timeout_says_how_each_language_gave_up_and_what_became_of_the_tasks() {
        let sentence = |language| {
            let scenario = Scenario {
                timeout_ms: Some(400),
                ..one_failure(Mode::AllSettled)
            };
            describe(&scenario, &simulate(&scenario, language))
        };
        assert_eq!(
            sentence(Language::Rust),
            "The 400 ms deadline passed before futures::future::join_all over Results finished: \
             tokio::time::timeout returned Err(Elapsed) at 401 ms; 2 tasks were cancelled."
        );
        assert_eq!(
            sentence(Language::Python),
            "The 400 ms deadline passed before asyncio.gather(..., return_exceptions=True) finished: \
             asyncio.timeout raised TimeoutError at 400 ms; 2 tasks were cancelled."
        );
    }

    /// Each expected sentence of `mode` on the one-failure scenario, per language.
    fn assert_sentences(mode: Mode, expected: &[(Language, &str)]) {
        for (language, sentence_expected) in expected {
            assert_eq!(sentence(mode, *language), *sentence_expected, "{language}");
        }
    }

    #[test]
    fn fire_and_forget_says_what_became_of_the_failure_nobody_awaited() {
        assert_sentences(
            Mode::FireAndForget,
            &[
                (
                    Language::Python,
                    "asyncio.create_task, kept in a set, never awaited: the caller moved on at \
                     0 ms, holding nothing; 1 exception was never retrieved.",
                ),
                (
                    Language::JavaScript,
                    "work(job) without await: the caller moved on at 0 ms, holding nothing; \
                     1 rejection went unhandled; 2 tasks were cancelled.",
                ),
            ],
        );
    }

    #[test]
    fn all_settled_says_what_the_caller_holds_in_each_languages_words() {
        assert_sentences(
            Mode::AllSettled,
            &[
                (
                    Language::JavaScript,
                    "Promise.allSettled: at 600 ms the caller holds 3 fulfilled, 1 rejected.",
                ),
                (
                    Language::Python,
                    "asyncio.gather(..., return_exceptions=True): at 600 ms the caller holds \
                     3 results, 1 exception.",
                ),
                (
                    Language::CSharp,
                    "Task.WhenAll in a try/catch, then each task's Status: at 600 ms the caller \
                     holds 3 ran to completion, 1 faulted.",
                ),
                (
                    Language::Rust,
                    "futures::future::join_all over Results: at 601 ms the caller holds 3 Ok, \
                     1 Err.",
                ),
            ],
        );
    }
}
