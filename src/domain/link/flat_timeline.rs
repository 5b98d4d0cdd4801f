//! A [`Timeline`] as one list of numbers: the form in which a run crosses `postMessage` to the page's
//! writer worker, which draws the exports. Every count, index and code is a small whole number, and
//! `f64` holds those exactly, so one `Float64Array` carries the lot.
//!
//! Layout: `[mode, language, blocked call, resume at, task count, (start, end, outcome, delay, fails, ended in
//! backoff, attempt count, (start, end) per attempt) per task, received…]`. A task that never started has NaN for its
//! start and end; one that made a single attempt has an attempt count of 0. `received` is its variant's
//! code and then its numbers, the task lists running to the end.

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::timeline::{Outcome, Received, Resume, Span, TaskRun, Timeline};

fn index_of<T: PartialEq>(all: &[T], value: &T) -> f64 {
    all.iter().position(|x| x == value).unwrap_or(0) as f64
}

fn tasks(list: &[u32]) -> impl Iterator<Item = f64> + '_ {
    list.iter().map(|&task| f64::from(task))
}

fn received_numbers(received: &Received) -> Vec<f64> {
    let (code, numbers): (f64, Vec<f64>) = match received {
        Received::AllOk => (0.0, vec![]),
        Received::Results { failed } => (1.0, tasks(failed).collect()),
        Received::Error { task } => (2.0, vec![f64::from(*task)]),
        Received::AggregateException { first, all } => (
            3.0,
            std::iter::once(f64::from(*first))
                .chain(tasks(all))
                .collect(),
        ),
        Received::ExceptionGroup { tasks: list } => (4.0, tasks(list).collect()),
        Received::First { task, failed } => (5.0, vec![f64::from(*task), f64::from(*failed)]),
        Received::FirstSuccess { task } => (6.0, vec![f64::from(*task)]),
        Received::AllFailed { tasks: list } => (7.0, tasks(list).collect()),
        Received::TimedOut => (8.0, vec![]),
        Received::Started => (9.0, vec![]),
        Received::NeverResumed => (10.0, vec![]),
        Received::Raised => (11.0, vec![]),
    };
    std::iter::once(code).chain(numbers).collect()
}

/// `timeline` in the flat form.
pub fn to_numbers(timeline: &Timeline) -> Vec<f64> {
    let mut numbers = vec![
        index_of(Mode::ALL, &timeline.mode),
        index_of(Language::ALL, &timeline.language),
        index_of(&BlockedCall::ALL, &timeline.blocked),
        timeline.resume.at_ms,
        timeline.tasks.len() as f64,
    ];
    for task in &timeline.tasks {
        let (start, end) = task
            .span
            .map_or((f64::NAN, f64::NAN), |span| (span.start_ms, span.end_ms));
        numbers.extend([
            start,
            end,
            index_of(&Outcome::ALL, &task.outcome),
            f64::from(task.delay_ms),
            f64::from(u8::from(task.fails)),
            f64::from(u8::from(task.ended_in_backoff)),
            task.attempts.len() as f64,
        ]);
        for attempt in &task.attempts {
            numbers.extend([attempt.start_ms, attempt.end_ms]);
        }
    }
    numbers.extend(received_numbers(&timeline.resume.received));
    numbers
}

/// Reads whole numbers off the flat form, refusing anything else.
struct Reader<'a> {
    numbers: &'a [f64],
}

impl Reader<'_> {
    fn attempts(&mut self) -> Option<Vec<Span>> {
        let count = self.whole()? as usize;
        if count > self.numbers.len() / 2 {
            return None;
        }
        (0..count)
            .map(|_| {
                Some(Span {
                    start_ms: self.time()?,
                    end_ms: self.time()?,
                })
            })
            .collect()
    }

    fn time(&mut self) -> Option<f64> {
        let (&first, rest) = self.numbers.split_first()?;
        self.numbers = rest;
        Some(first)
    }

    fn whole(&mut self) -> Option<u32> {
        let number = self.time()?;
        (number.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&number))
            .then_some(number as u32)
    }

    fn pick<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(self.whole()? as usize).copied()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.whole()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn rest(&mut self) -> Option<Vec<u32>> {
        std::iter::from_fn(|| (!self.numbers.is_empty()).then(|| self.whole())).collect()
    }

    fn received(&mut self) -> Option<Received> {
        let received = match self.whole()? {
            0 => Received::AllOk,
            1 => Received::Results {
                failed: self.rest()?,
            },
            2 => Received::Error {
                task: self.whole()?,
            },
            3 => Received::AggregateException {
                first: self.whole()?,
                all: self.rest()?,
            },
            4 => Received::ExceptionGroup {
                tasks: self.rest()?,
            },
            5 => Received::First {
                task: self.whole()?,
                failed: self.flag()?,
            },
            6 => Received::FirstSuccess {
                task: self.whole()?,
            },
            7 => Received::AllFailed {
                tasks: self.rest()?,
            },
            8 => Received::TimedOut,
            9 => Received::Started,
            10 => Received::NeverResumed,
            11 => Received::Raised,
            _ => return None,
        };
        self.numbers.is_empty().then_some(received)
    }
}

/// The timeline whose flat form is `numbers`; `None` if they are not one, so a garbled message is
/// refused rather than drawn wrong.
pub fn from_numbers(numbers: &[f64]) -> Option<Timeline> {
    let mut reader = Reader { numbers };
    let mode = reader.pick(Mode::ALL)?;
    let language = reader.pick(Language::ALL)?;
    let blocked = reader.pick(&BlockedCall::ALL)?;
    let resumed_at_ms = reader.time()?;
    let count = reader.whole()? as usize;
    if count > reader.numbers.len() / 7 {
        return None;
    }
    let tasks = (0..count)
        .map(|_| {
            let (start_ms, end_ms) = (reader.time()?, reader.time()?);
            Some(TaskRun {
                span: (!start_ms.is_nan() && !end_ms.is_nan()).then_some(Span { start_ms, end_ms }),
                outcome: reader.pick(&Outcome::ALL)?,
                delay_ms: reader.whole()?,
                fails: reader.flag()?,
                ended_in_backoff: reader.flag()?,
                attempts: reader.attempts()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Timeline {
        mode,
        language,
        blocked,
        tasks,
        resume: Resume {
            at_ms: resumed_at_ms,
            received: reader.received()?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::scenario::Scenario;
    use crate::domain::simulator::simulate;

    #[test]
    fn every_simulated_timeline_reads_back_as_itself() {
        // b and c retry, so their attempts cross too.
        let scenario: Scenario = "tasks=a:100,b:30:100,c:60:100,d:200&limit=2&retries=2&backoff=10"
            .parse()
            .unwrap();
        assert!(!simulate(&scenario, Language::Rust).tasks[1]
            .attempts
            .is_empty());
        for &mode in Mode::ALL {
            for &language in Language::ALL {
                let timeline = simulate(
                    &Scenario {
                        mode,
                        ..scenario.clone()
                    },
                    language,
                );
                assert_eq!(
                    from_numbers(&to_numbers(&timeline)).as_ref(),
                    Some(&timeline),
                    "{mode:?} {language:?}"
                );
            }
        }
    }

    #[test]
    fn every_kind_of_received_reads_back_as_itself() {
        let mut timeline = simulate(&Scenario::default(), Language::Rust);
        for received in crate::domain::model::timeline::every_kind_of_received() {
            timeline.resume.received = received;
            timeline.tasks[4].span = None;
            timeline.tasks[4].outcome = Outcome::NotStarted;
            let back = from_numbers(&to_numbers(&timeline));
            assert_eq!(back.as_ref(), Some(&timeline));
        }
    }

    #[test]
    fn garbled_numbers_are_refused() {
        let numbers = to_numbers(&simulate(&Scenario::default(), Language::Python));
        assert_eq!(from_numbers(&[]), None);
        assert_eq!(
            from_numbers(&numbers[..numbers.len() - 1]),
            None,
            "cut short"
        );
        let mut longer = numbers.clone();
        longer.push(1.0);
        assert_eq!(from_numbers(&longer), None, "a number too many");
        let mut fractional = numbers.clone();
        fractional[4] = 2.5;
        assert_eq!(from_numbers(&fractional), None, "a count that is not whole");
        let mut huge = numbers;
        huge[4] = 1e12;
        assert_eq!(from_numbers(&huge), None, "more tasks than numbers");
    }
}
