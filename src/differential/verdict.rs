//! Whether a real run's log tells the simulator's story: the same outcome for every task, the same
//! thing received by the caller, the same completion order wherever predicted ends are far enough
//! apart to be ordered on a busy machine, and a resume time within a tolerance.

use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::{Outcome, Received, Span, Timeline};
use crate::domain::programs::program_log::{ProgramLog, ResumeLine, TaskEvent};
use crate::domain::programs::snippets::jobs;

/// Ends predicted at least this far apart must come in that order...
pub const ORDER_GAP_MS: f64 = 25.0;
/// ...and at least this share of the predicted gap apart: two tasks predicted 30 ms apart that end
/// together tell another story, even in the right order. A busy machine delays a timer by a few ms,
/// not by two thirds of the gap.
pub const KEPT_GAP: f64 = 1.0 / 3.0;

/// The share of a predicted gap a real run must keep in `language`. Mono compiles each method on its
/// first call, so the first completion of a C# program comes up to about 70 ms late and may close
/// the gap to the next; there only the order is checked.
fn kept_gap(language: Language) -> f64 {
    match language {
        Language::CSharp => 0.0,
        _ => KEPT_GAP,
    }
}

/// How near a task's end or the caller's resumption a deadline may fall and still race it: closer
/// than this, a busy machine decides which comes first, as it does for two ends ([`ORDER_GAP_MS`]).
/// Mono starts a program's first tasks tens of milliseconds late while it compiles them, so there
/// the window is wider.
pub fn deadline_slack_ms(language: Language) -> u32 {
    match language {
        Language::CSharp => 60,
        _ => ORDER_GAP_MS as u32,
    }
}

/// How far the real resume may be from the predicted one. Generous: these machines are shared, Mono
/// compiles each method on its first call (up to about 100 ms before the first awaits), and a chain
/// of zero-delay waits costs about a millisecond each in tokio. The check is that the program resumes
/// where predicted, not how fast; outcomes, results and order are checked exactly.
pub fn tolerance_ms(predicted_ms: f64) -> f64 {
    120.0 + predicted_ms * 0.25
}

/// The labels the programs print for `scenario`'s tasks, in task order.
pub fn labels_of(scenario: &Scenario) -> Vec<String> {
    jobs(scenario).into_iter().map(|job| job.label).collect()
}

/// What the log says became of each task. An end printed after the caller resumed is an abandoned
/// task; a start with no end (still running when the program exited) is one too, or a hung one
/// when the watchdog found the caller still blocked. A caller that
/// never waited (`mode`) abandons nothing: each task ends as it ends, and one with no end died
/// with the program.
pub fn outcomes_from_log(log: &ProgramLog, labels: &[String], mode: Mode) -> Vec<Outcome> {
    let never_resumed = matches!(log.resume, Some((_, ResumeLine::NeverResumed)));
    let (before_resume, unended) = if never_resumed {
        (usize::MAX, Outcome::Hung)
    } else if mode.caller_waits() {
        let before_resume = log.task_lines_before_resume.unwrap_or(usize::MAX);
        (before_resume, Outcome::Abandoned)
    } else {
        (usize::MAX, Outcome::Cancelled)
    };
    labels
        .iter()
        .map(|label| {
            if !log.task_lines.iter().any(|line| &line.label == label) {
                return Outcome::NotStarted;
            }
            match log.end_of(label) {
                None => unended,
                Some((_, line)) if line.event == TaskEvent::Cancelled => Outcome::Cancelled,
                Some((position, _)) if position >= before_resume => Outcome::Abandoned,
                Some((_, line)) if line.event == TaskEvent::Fail => Outcome::Error,
                Some(_) => Outcome::Ok,
            }
        })
        .collect()
}

/// When the first task that failed by itself ended (infinity when none did): what a fail-fast
/// cancel, or node's exit at an unhandled rejection, follows.
fn first_failure_ms(predicted: &Timeline) -> f64 {
    predicted
        .tasks
        .iter()
        .filter(|task| task.outcome == Outcome::Error)
        .filter_map(|task| task.span.map(|span| span.end_ms))
        .fold(f64::INFINITY, f64::min)
}

/// The explicit allowance for a tie racing a thread pool: a task whose wait ended in the same
/// millisecond as the failure whose fail-fast cancel stopped the others may have completed on its own
/// thread before the cancel reached it, or not; a backoff that ended then may have let its next
/// attempt begin, or not. Says which tasks went the other way, if that alone explains the run.
pub fn pool_cancel_races(
    predicted: &Timeline,
    labels: &[String],
    log: &ProgramLog,
) -> Option<Vec<usize>> {
    let cancel_at = first_failure_ms(predicted);
    let real = outcomes_from_log(log, labels, predicted.mode);
    let mut raced = Vec::new();
    for (index, (task, real)) in predicted.tasks.iter().zip(&real).enumerate() {
        if task.outcome == *real {
            continue;
        }
        let wait_ended_then = task.planned_end_ms().is_some_and(|end| end == cancel_at);
        let either_way = matches!(
            (task.outcome, *real),
            (Outcome::Cancelled, Outcome::Ok | Outcome::Error)
                | (Outcome::Ok | Outcome::Error, Outcome::Cancelled)
        );
        if !(wait_ended_then && either_way) {
            return None;
        }
        raced.push(index);
    }
    let cancelled_in_backoff = backoff_races(predicted, labels, log, cancel_at, &raced)?;
    raced.extend(cancelled_in_backoff);
    let received = log.resume.as_ref().map(|(_, line)| line.clone());
    let received_matches = received
        == Some(ResumeLine::from_received(
            &predicted.resume.received,
            labels,
        ));
    let only_these_differ = disagreements(predicted, labels, log).len() == raced.len();
    (received_matches && only_these_differ && !raced.is_empty()).then_some(raced)
}

/// The explicit allowance for a tie with the caller on a thread pool: tasks whose waits ended in the
/// millisecond the caller resumed complete on other threads at that very moment, so each may log its
/// end before or after the caller resumes, and where the caller takes the first to finish, any of
/// them may be the one it gets. Returns the prediction with the run's choices among those tied tasks,
/// if that alone explains the run.
pub fn pool_first_tie(
    predicted: &Timeline,
    labels: &[String],
    log: &ProgramLog,
) -> Option<Timeline> {
    let at = predicted.resume.at_ms;
    let tied: Vec<usize> = (0..predicted.tasks.len())
        .filter(|&i| {
            predicted.tasks[i]
                .planned_end_ms()
                .is_some_and(|end| end == at)
        })
        .collect();
    if tied.is_empty() {
        return None;
    }
    let real_line = log.resume.as_ref()?.1.clone();
    let taken_instead = tied.iter().map(|&i| i as u32).filter_map(|task| {
        let fails = predicted.tasks[task as usize].fails;
        match predicted.resume.received {
            Received::First { .. } => Some(Received::First {
                task,
                failed: fails,
            }),
            Received::FirstSuccess { .. } if !fails => Some(Received::FirstSuccess { task }),
            _ => None,
        }
    });
    let received = std::iter::once(predicted.resume.received.clone())
        .chain(taken_instead)
        .find(|candidate| ResumeLine::from_received(candidate, labels) == real_line)?;
    let real = outcomes_from_log(log, labels, predicted.mode);
    let mut alternative = predicted.clone();
    alternative.resume.received = received;
    for &i in &tied {
        let own = if predicted.tasks[i].fails {
            Outcome::Error
        } else {
            Outcome::Ok
        };
        if real[i] == own || real[i] == Outcome::Abandoned {
            alternative.tasks[i].outcome = real[i];
        }
    }
    disagreements(&alternative, labels, log)
        .is_empty()
        .then_some(alternative)
}

/// The explicit allowance for a deadline tied with tasks on a thread pool: tasks whose waits ended
/// in the very millisecond the caller gave up complete on their own threads while the deadline's
/// continuation cancels the rest, so each may end with its own outcome before the caller logs that
/// it gave up, after it (abandoned), or be cancelled. Whether that alone explains the run.
pub fn pool_deadline_tie(predicted: &Timeline, labels: &[String], log: &ProgramLog) -> bool {
    if predicted.resume.received != Received::TimedOut {
        return false;
    }
    let at = predicted.resume.at_ms;
    let real = outcomes_from_log(log, labels, predicted.mode);
    let mut alternative = predicted.clone();
    for (task, real) in alternative.tasks.iter_mut().zip(real) {
        let wait_ended_then = task.planned_end_ms().is_some_and(|end| end == at);
        let own = if task.fails {
            Outcome::Error
        } else {
            Outcome::Ok
        };
        let either_way = [own, Outcome::Cancelled, Outcome::Abandoned];
        if wait_ended_then && either_way.contains(&task.outcome) && either_way.contains(&real) {
            task.outcome = real;
        }
    }
    disagreements(&alternative, labels, log).is_empty()
}

/// The explicit allowance for a pool of k whose token is cancelled with tasks queued at its
/// semaphore (C#'s `WaitAsync(token)`): the token's callbacks cancel the queued tasks from the last
/// queued on, while each freed slot hands the head of the queue, on a pool thread, to a task that
/// starts and meets the cancelled token. Where the two meet is a race (seen on Mono, differential
/// seed 7, cases 1257 and 1732). A queued task predicted never to start may have started and been
/// cancelled at the deadline, or the other way round, as long as those that started come first
/// (in any order where the token was cancelled on a UI thread: issue 40's case, 1 of 10 runs).
/// Says which tasks went the other way, if that alone explains the run.
pub fn semaphore_cancel_race(
    predicted: &Timeline,
    labels: &[String],
    log: &ProgramLog,
) -> Option<Vec<usize>> {
    // On a UI thread the callbacks go to the pool, whose threads take the queued waits out in any
    // order: any one queued task may be the one a freed slot reached.
    let in_any_order = predicted.blocked == BlockedCall::ContinuationsWaitForTheThread;
    if predicted.mode != Mode::Buffered || predicted.resume.received != Received::TimedOut {
        return None;
    }
    let at = predicted.resume.at_ms;
    let real = outcomes_from_log(log, labels, predicted.mode);
    let mut alternative = predicted.clone();
    let mut raced = Vec::new();
    let mut a_queued_task_never_started = false;
    for (index, (task, real)) in alternative.tasks.iter_mut().zip(&real).enumerate() {
        let started_at_the_deadline = task.span.is_some_and(|span| span.start_ms == at);
        let queued = task.outcome == Outcome::NotStarted
            || task.outcome == Outcome::Cancelled && started_at_the_deadline;
        if !queued || !matches!(real, Outcome::NotStarted | Outcome::Cancelled) {
            continue;
        }
        if *real == Outcome::NotStarted {
            a_queued_task_never_started = true;
        } else if a_queued_task_never_started && !in_any_order {
            return None;
        }
        if task.outcome != *real {
            raced.push(index);
            task.outcome = *real;
            task.attempts.clear();
            task.span = (*real == Outcome::Cancelled).then_some(Span {
                start_ms: at,
                end_ms: at,
            });
        }
    }
    (!raced.is_empty() && disagreements(&alternative, labels, log).is_empty()).then_some(raced)
}

/// The tasks whose attempts differ from the prediction only as a backoff ending in the millisecond of
/// the cancel that stops them allows: cancelled in that backoff, one attempt fewer, rather than as
/// the next attempt starts (or, for the tasks in `outcome_raced`, ends). None if another difference
/// in attempts remains.
fn backoff_races(
    predicted: &Timeline,
    labels: &[String],
    log: &ProgramLog,
    cancel_at: f64,
    outcome_raced: &[usize],
) -> Option<Vec<usize>> {
    let mut raced = Vec::new();
    for (index, (task, label)) in predicted.tasks.iter().zip(labels).enumerate() {
        let (real, expected) = (log.attempts_of(label), task.attempt_count());
        if real == expected {
            continue;
        }
        let next_attempt_then = task
            .last_attempt_start_ms()
            .is_some_and(|start| (cancel_at - start).abs() <= 1.0);
        let stopped_then = task.outcome == Outcome::Cancelled || outcome_raced.contains(&index);
        if !(stopped_then && real + 1 == expected && next_attempt_then) {
            return None;
        }
        raced.push(index);
    }
    Some(raced)
}

/// The explicit allowance for node's millisecond timers and a retry: a task whose backoff ends in
/// the millisecond before the fail-fast abort that cancels it (timers set a turn apart may fall due a
/// millisecond apart) is cancelled in that backoff, one attempt fewer, or as its next attempt starts.
/// Without a caller waiting, what stops the tasks is node's exit at the first failure nobody handles.
/// Says which tasks went the other way, if that alone explains the difference.
pub fn backoff_abort_race(
    predicted: &Timeline,
    labels: &[String],
    log: &ProgramLog,
) -> Option<Vec<usize>> {
    let abort_at = if predicted.mode.caller_waits() {
        predicted.resume.at_ms
    } else {
        first_failure_ms(predicted)
    };
    let raced = backoff_races(predicted, labels, log, abort_at, &[])?;
    let only_attempts_differ = disagreements(predicted, labels, log).len() == raced.len();
    (only_attempts_differ && !raced.is_empty()).then_some(raced)
}

/// Every way `log` disagrees with `predicted`; empty when they agree.
pub fn disagreements(predicted: &Timeline, labels: &[String], log: &ProgramLog) -> Vec<String> {
    let mut found = Vec::new();
    let Some((resume_ms, received)) = log.resume.clone() else {
        return vec!["the program printed no resume line in the protocol's form".to_owned()];
    };
    let expected = ResumeLine::from_received(&predicted.resume.received, labels);
    if received != expected {
        found.push(format!(
            "the caller received \"{received}\", predicted \"{expected}\""
        ));
    }
    let real_outcomes = outcomes_from_log(log, labels, predicted.mode);
    for (index, (real, task)) in real_outcomes.iter().zip(&predicted.tasks).enumerate() {
        if *real != task.outcome {
            found.push(format!(
                "{} ended {}, predicted {}",
                labels[index],
                real.name(),
                task.outcome.name()
            ));
        }
    }
    for (label, task) in labels.iter().zip(&predicted.tasks) {
        let (real, expected) = (log.attempts_of(label), task.attempt_count());
        if real != expected {
            found.push(format!(
                "{label} began {real} attempts, predicted {expected}"
            ));
        }
    }
    let slack = tolerance_ms(predicted.resume.at_ms);
    if (resume_ms - predicted.resume.at_ms).abs() > slack {
        found.push(format!(
            "the caller resumed at {resume_ms} ms, predicted {} ms (± {slack} ms)",
            predicted.resume.at_ms
        ));
    }
    let end_of = |label: &str| log.end_of(label).map(|(_, line)| line.ms);
    for (i, a) in predicted.tasks.iter().enumerate() {
        for (j, b) in predicted.tasks.iter().enumerate() {
            if let (Some(sa), Some(sb), Some(ra), Some(rb)) =
                (a.span, b.span, end_of(&labels[i]), end_of(&labels[j]))
            {
                let predicted_gap = sb.end_ms - sa.end_ms;
                let kept = predicted_gap * kept_gap(predicted.language);
                if predicted_gap >= ORDER_GAP_MS && (rb - ra < kept || ra > rb) {
                    found.push(format!(
                        "{} ended at {ra} ms and {} at {rb} ms; predicted {} and {}",
                        labels[i], labels[j], sa.end_ms, sb.end_ms
                    ));
                }
            }
        }
    }
    if log.total_ms.is_none() {
        found.push("the program printed no total line".to_owned());
    }
    found
}
