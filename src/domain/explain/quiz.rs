//! Predict first (`predict=1`): the questions a reader answers before a run. The right choice is the
//! simulator's prediction in the chosen language; each wrong one is what another language's
//! semantics, or the same tasks one after another, would do, so every mistake is a model some runtime
//! really follows, and the answer can say which.

use crate::domain::basics::decimal::{grouped, time_label};
use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::explain::moment::listed;
use crate::domain::look::outcome_style::outcome_style;
use crate::domain::model::caller_setup::CallerSetup;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::{Outcome, Received, Timeline};
use crate::domain::semantics::blocking::caller_blocks;
use crate::domain::semantics::profile::profile;
use crate::domain::simulator::simulate;

/// At most this many choices a question: enough for the plausible mistakes, few enough to read.
const MAX_CHOICES: usize = 4;

/// One answer a reader can pick, and whose model of async it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub text: String,
    /// "what Promise.all does in JavaScript": said when a reader picks it and it is wrong.
    pub model: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub prompt: String,
    pub choices: Vec<Choice>,
    /// The index of the right choice.
    pub answer: usize,
}

/// When the caller resumes in `timeline`, and on what.
fn resume_text(scenario: &Scenario, timeline: &Timeline) -> String {
    let at = timeline.resume.at_ms;
    let ended = |outcome: Outcome| matches!(outcome, Outcome::Ok | Outcome::Error);
    let ending = timeline.tasks.iter().enumerate().find(|(_, task)| {
        ended(task.outcome) && task.span.is_some_and(|span| (span.end_ms - at).abs() < 0.5)
    });
    let all_ended = timeline.tasks.iter().all(|task| ended(task.outcome));
    let why = match (&timeline.resume.received, ending) {
        (Received::NeverResumed, _) => {
            return format!("never: the watchdog ends the program at {}", time_label(at));
        }
        (Received::Raised, _) => {
            return "at once, with an error: the blocking call refuses, and no task runs"
                .to_owned();
        }
        (Received::TimedOut, _) => "when its deadline passes".to_owned(),
        (Received::Started, _) => "at once: it does not wait".to_owned(),
        (_, Some(_))
            if all_ended
                && timeline.tasks.len() > 1
                && timeline.totals().last_end_ms <= at + 0.5 =>
        {
            "when the last task ends".to_owned()
        }
        (_, Some((index, task))) => {
            let verb = if task.outcome == Outcome::Error {
                "fails"
            } else {
                "ends"
            };
            format!("when {} {verb}", scenario.label_of(index as u32))
        }
        (_, None) => String::new(),
    };
    format!("at {} {why}", time_label(at)).trim_end().to_owned()
}

/// How every task of `timeline` ends: "ok: fetch and parse; failed: db".
fn outcomes_text(scenario: &Scenario, timeline: &Timeline) -> String {
    let groups: Vec<(Outcome, Vec<String>)> = Outcome::ALL
        .iter()
        .map(|&outcome| {
            let labels = (0..timeline.tasks.len() as u32)
                .filter(|&index| timeline.tasks[index as usize].outcome == outcome)
                .map(|index| scenario.label_of(index))
                .collect();
            (outcome, labels)
        })
        .filter(|(_, labels): &(Outcome, Vec<String>)| !labels.is_empty())
        .collect();
    if let [(outcome, _)] = groups.as_slice() {
        return format!("every task {}", outcome_style(*outcome).words);
    }
    groups
        .iter()
        .map(|(outcome, labels)| {
            let who = if labels.len() > 4 {
                format!("{} tasks", grouped(labels.len()))
            } else {
                listed(labels)
            };
            format!("{}: {who}", outcome_style(*outcome).words)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A question whose choices are `answer_of` each model, ordered by its key; `None` when every model
/// gives the same answer, which would make it no question. Answers whose keys are `alike` are one
/// choice: runtimes whose timers differ by a millisecond give the same answer to a reader.
fn ask(
    prompt: &str,
    models: &[(String, &Timeline)],
    answer_of: impl Fn(&Timeline) -> (f64, String),
    alike: impl Fn(f64, f64) -> bool,
) -> Option<Question> {
    // Each choice with its key and whether it is the right one: the first model's.
    let mut keyed: Vec<(f64, Choice, bool)> = Vec::new();
    for (index, (model, timeline)) in models.iter().enumerate() {
        let (key, text) = answer_of(timeline);
        let same = keyed
            .iter_mut()
            .find(|(other, choice, _)| choice.text == text || alike(*other, key));
        if let Some((_, choice, _)) = same {
            // Runtimes that agree share the choice, and the answer names them all.
            choice.model = format!("{} and {model}", choice.model);
            continue;
        }
        if keyed.len() == MAX_CHOICES {
            continue;
        }
        let at = keyed
            .iter()
            .position(|(other, _, _)| *other > key)
            .unwrap_or(keyed.len());
        let model = model.clone();
        keyed.insert(at, (key, Choice { text, model }, index == 0));
    }
    let answer = keyed.iter().position(|&(_, _, right)| right)?;
    (keyed.len() > 1).then(|| Question {
        prompt: prompt.to_owned(),
        choices: keyed.into_iter().map(|(_, choice, _)| choice).collect(),
        answer,
    })
}

/// The questions to ask before a run of `scenario` in `language`: when the caller resumes (whether
/// it ever does, when it blocks its thread), and how each task ends; a question every model answers
/// alike is left out.
pub fn quiz(scenario: &Scenario, language: Language) -> Vec<Question> {
    let owned = models(scenario, language);
    let models: Vec<(String, &Timeline)> = owned
        .iter()
        .map(|(model, timeline)| (model.clone(), timeline))
        .collect();
    // A caller that blocks may never resume at all, which is the question worth asking first.
    let prompt = if caller_blocks(scenario) {
        "Does the caller ever resume?"
    } else {
        "When does the caller resume?"
    };
    let resume = ask(
        prompt,
        &models,
        |timeline| (timeline.resume.at_ms, resume_text(scenario, timeline)),
        |a, b| (a - b).abs() <= (a.abs() * 0.02).max(5.0),
    );
    let outcomes = ask(
        "How does each task end?",
        &models,
        |timeline| {
            let ok = timeline.count(Outcome::Ok) as f64;
            (-ok, outcomes_text(scenario, timeline))
        },
        |_, _| false,
    );
    resume.into_iter().chain(outcomes).collect()
}

/// The models a reader may bring, each named, with what it predicts: the language's own first
/// (the right answer), each other language's, then the two people bring from elsewhere (one task
/// after another, and the language's plain combinator: join_all, Task.WhenAll, Promise.all,
/// asyncio.gather), and for a caller that blocks, awaiting instead.
fn models(scenario: &Scenario, language: Language) -> Vec<(String, Timeline)> {
    let model_of = |language: Language| {
        let call = profile(language).idiom(scenario.mode).short;
        format!("what {call} does in {}", language.display_name())
    };
    let mut models: Vec<(String, Timeline)> =
        vec![(model_of(language), simulate(scenario, language))];
    models.extend(
        Language::ALL
            .iter()
            .filter(|&&other| other != language)
            .map(|&other| (model_of(other), simulate(scenario, other))),
    );
    let in_mode = |mode: Mode| {
        let differs = scenario.mode != mode && scenario.mode.caller_waits();
        differs.then(|| {
            let scenario = Scenario {
                mode,
                ..scenario.clone()
            };
            simulate(&scenario, language)
        })
    };
    if let Some(timeline) = in_mode(Mode::Sequential) {
        models.push((
            "what awaiting them one after another does".to_owned(),
            timeline,
        ));
    }
    if let Some(timeline) = in_mode(Mode::JoinAll) {
        let call = profile(language).idiom(Mode::JoinAll).short;
        models.push((format!("what {call} does"), timeline));
    }
    if caller_blocks(scenario) {
        let awaiting = Scenario {
            caller: CallerSetup::default(),
            ..scenario.clone()
        };
        models.push((
            "what awaiting them does".to_owned(),
            simulate(&awaiting, language),
        ));
    }
    models
}

/// The questions as text, the form in which they cross from the writer worker to the page: a
/// `? prompt` line, a `= answer` line, then a `text<TAB>model` line a choice. (Labels hold no tabs
/// or line breaks: the URL's validation keeps control characters out of them.)
pub fn to_text(questions: &[Question]) -> String {
    let mut text = String::new();
    for question in questions {
        text += &format!("? {}\n= {}\n", question.prompt, question.answer);
        for choice in &question.choices {
            text += &format!("{}\t{}\n", choice.text, choice.model);
        }
    }
    text
}

/// Back from [`to_text`]; a garbled question (no choices, an answer out of range) is left out.
pub fn from_text(text: &str) -> Vec<Question> {
    let mut questions: Vec<Question> = Vec::new();
    for line in text.lines() {
        if let Some(prompt) = line.strip_prefix("? ") {
            questions.push(Question {
                prompt: prompt.to_owned(),
                choices: Vec::new(),
                answer: usize::MAX,
            });
        } else if let Some(question) = questions.last_mut() {
            if let Some(answer) = line.strip_prefix("= ") {
                question.answer = answer.parse().unwrap_or(usize::MAX);
            } else if let Some((text, model)) = line.split_once('\t') {
                let (text, model) = (text.to_owned(), model.to_owned());
                question.choices.push(Choice { text, model });
            }
        }
    }
    questions.retain(|question| question.answer < question.choices.len());
    questions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiz_of(link: &str, language: Language) -> Vec<Question> {
        quiz(&link.parse().unwrap(), language)
    }

    #[test]
    fn the_right_choice_is_the_prediction_and_a_wrong_one_names_its_runtime() {
        // Promise.all rejects at db's failure while fetch runs on; Rust's join_all waits for all.
        let questions = quiz_of(
            "tasks=fetch:300,db:200:100,parse:100&mode=join_all",
            Language::JavaScript,
        );
        let [resume, outcomes] = questions.as_slice() else {
            panic!("two questions: {questions:#?}");
        };
        let texts = |question: &Question| -> Vec<(String, String)> {
            let choices = question.choices.iter();
            choices.map(|c| (c.text.clone(), c.model.clone())).collect()
        };
        assert_eq!(
            resume.choices[resume.answer].text,
            "at 200 ms when db fails"
        );
        assert_eq!(
            texts(resume)[1..],
            [
                (
                    "at 301 ms when the last task ends".to_owned(),
                    "what join_all does in Rust and what Task.WhenAll does in C#".to_owned()
                ),
                (
                    "at 500 ms when db fails".to_owned(),
                    "what awaiting them one after another does".to_owned()
                ),
            ]
        );
        assert_eq!(
            outcomes.choices[outcomes.answer].text,
            "ok: parse; failed: db; abandoned: fetch"
        );
        assert!(
            texts(outcomes).contains(&(
                "ok: fetch and parse; failed: db".to_owned(),
                "what join_all does in Rust and what Task.WhenAll does in C#".to_owned()
            )),
            "{outcomes:#?}"
        );
        // asyncio.gather rejects as Promise.all does: the answer names both.
        assert_eq!(
            outcomes.choices[outcomes.answer].model,
            "what Promise.all does in JavaScript and what asyncio.gather does in Python"
        );
    }

    #[test]
    fn a_cancelling_mode_is_told_from_the_plain_combinator() {
        let questions = quiz_of(
            "tasks=fetch:300,db:200:100,parse:100&mode=try_join_all",
            Language::Python,
        );
        let outcomes = questions.last().unwrap();
        assert_eq!(
            outcomes.choices[outcomes.answer].text,
            "ok: parse; failed: db; cancelled: fetch"
        );
        assert!(
            outcomes.choices.iter().any(|choice| choice.text
                == "ok: parse; failed: db; abandoned: fetch"
                && choice.model == "what asyncio.gather does"),
            "{outcomes:#?}"
        );
    }

    #[test]
    fn the_text_form_reads_back_as_itself() {
        let questions = quiz_of("tasks=a:300,b:200:100&mode=join_all", Language::CSharp);
        assert!(!questions.is_empty());
        assert_eq!(from_text(&to_text(&questions)), questions);
        assert_eq!(from_text("= 1\nx\ty\n? q\n= 3\na\tb\n? r\nno tab\n"), []);
    }

    #[test]
    fn choices_are_distinct_and_in_order() {
        for &mode in Mode::ALL {
            let link = format!(
                "tasks=a:300,b:200:100,c:100:cpu,d:50&mode={}&timeout=250",
                mode.url_name()
            );
            for &language in Language::ALL {
                for question in quiz_of(&link, language) {
                    let texts: Vec<&str> =
                        question.choices.iter().map(|c| c.text.as_str()).collect();
                    for (index, text) in texts.iter().enumerate() {
                        assert!(
                            !texts[..index].contains(text),
                            "{link} {language:?}: {texts:?}"
                        );
                    }
                    assert!(question.answer < texts.len());
                }
            }
        }
    }

    #[test]
    fn a_question_every_runtime_answers_alike_is_not_asked() {
        // Ten tasks that all succeed: every language ends them all ok; only the resume time differs
        // from one after another (tokio's timers round up to the next millisecond).
        let questions = quiz_of("tasks=10x500&mode=join_all", Language::Rust);
        assert_eq!(questions.len(), 1);
        let texts: Vec<&str> = questions[0]
            .choices
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "at 501 ms when the last task ends",
                "at 5.01 s when the last task ends"
            ]
        );
    }

    #[test]
    fn a_blocking_caller_is_asked_whether_it_ever_resumes() {
        let questions = quiz_of(
            "tasks=load:300,save:200&mode=join_all&wait=block&context=ui",
            Language::CSharp,
        );
        let resume = &questions[0];
        assert_eq!(resume.prompt, "Does the caller ever resume?");
        let right = &resume.choices[resume.answer];
        assert_eq!(right.text, "never: the watchdog ends the program at 1 s");
        let texts: Vec<&str> = resume.choices.iter().map(|c| c.text.as_str()).collect();
        assert!(
            texts.contains(&"at 300 ms when the last task ends"),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"at once, with an error: the blocking call refuses, and no task runs"),
            "{texts:?}"
        );
        // Nobody moved on: the right answer is that every task hung, not that it was abandoned.
        let outcomes = questions.last().unwrap();
        assert_eq!(outcomes.choices[outcomes.answer].text, "every task hung");
    }
}
