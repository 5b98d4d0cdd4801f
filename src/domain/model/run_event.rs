//! What a run reports as it happens, and the recorder that turns those reports into a [`Timeline`].
//!
//! Real runs (Rust futures, JavaScript promises) and live replays of a simulation all speak this one
//! event stream, so the UI animates them the same way and never reaches into a runner.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::draws::TaskDraw;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::{Scenario, TaskKind};
use crate::domain::model::timeline::{Outcome, Received, Resume, Span, TaskRun, Timeline};

/// Tells one run from the next, so a late event from a cancelled run is recognised and dropped.
pub type RunId = u64;

/// Something that happened in a run, `at_ms` after it started.
#[derive(Clone, Debug, PartialEq)]
pub struct RunEvent {
    pub run: RunId,
    pub at_ms: f64,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// The task began, or began its next attempt.
    TaskStarted {
        task: u32,
    },
    /// An attempt failed, and the task tries again after its backoff.
    AttemptFailed {
        task: u32,
    },
    /// The task's own work ended, successfully or not. After the caller resumed, this is an abandoned task.
    TaskFinished {
        task: u32,
        failed: bool,
    },
    TaskCancelled {
        task: u32,
    },
    /// The task's wait is over, but it cannot go on: the caller blocked the thread it needs. It
    /// hangs from here until the watchdog (nothing runs then, so only a replay has this event).
    TaskStuck {
        task: u32,
    },
    CallerResumed {
        received: Received,
    },
    /// The page was hidden during the run, so the browser throttled its timers.
    Throttled,
    /// Nothing more will happen in this run.
    Done,
}

/// A task as seen so far: `end_ms` and `outcome` stay `None` while it runs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiveTask {
    pub start_ms: Option<f64>,
    pub end_ms: Option<f64>,
    pub outcome: Option<Outcome>,
    /// The attempts that failed and were tried again.
    pub retried: Vec<Span>,
    /// When the attempt under way began; `None` in the backoff before a retry.
    pub attempt_start_ms: Option<f64>,
}

impl LiveTask {
    /// Its attempts as the timeline holds them (see [`TaskRun::attempts`]), the last one up to
    /// the end of `span`.
    fn attempts(&self, span: Option<Span>) -> Vec<Span> {
        if self.retried.is_empty() {
            return Vec::new();
        }
        let last = self
            .attempt_start_ms
            .zip(span)
            .map(|(start_ms, span)| Span {
                start_ms,
                end_ms: span.end_ms,
            });
        self.retried.iter().copied().chain(last).collect()
    }
}

/// Accumulates the events of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunRecorder {
    pub run: RunId,
    pub mode: Mode,
    pub language: Language,
    /// What the caller's blocking call does to the run (see [`Timeline::blocked`]).
    pub blocked: BlockedCall,
    pub tasks: Vec<LiveTask>,
    /// The planned draws, kept to report lateness against plan.
    pub draws: Vec<TaskDraw>,
    pub resume: Option<Resume>,
    pub throttled: bool,
    pub done: bool,
    /// The time of the latest event: the run's "now".
    pub latest_ms: f64,
}

impl RunRecorder {
    pub fn new(run: RunId, mode: Mode, language: Language, draws: Vec<TaskDraw>) -> Self {
        RunRecorder {
            run,
            mode,
            language,
            blocked: BlockedCall::None,
            tasks: vec![LiveTask::default(); draws.len()],
            draws,
            resume: None,
            throttled: false,
            done: false,
            latest_ms: 0.0,
        }
    }

    /// Take in one event. Events of another run are ignored and reported as such (`false`).
    pub fn apply(&mut self, event: &RunEvent) -> bool {
        if event.run != self.run {
            return false;
        }
        self.latest_ms = self.latest_ms.max(event.at_ms);
        match &event.kind {
            EventKind::TaskStarted { task } => {
                if let Some(live) = self.tasks.get_mut(*task as usize) {
                    live.start_ms.get_or_insert(event.at_ms);
                    live.attempt_start_ms = Some(event.at_ms);
                }
            }
            EventKind::AttemptFailed { task } => {
                if let Some(live) = self.tasks.get_mut(*task as usize) {
                    if let Some(start_ms) = live.attempt_start_ms.take() {
                        live.retried.push(Span {
                            start_ms,
                            end_ms: event.at_ms,
                        });
                    }
                }
            }
            EventKind::TaskFinished { task, failed } => {
                let unobserved = self.unobserved_end();
                if let Some(live) = self.tasks.get_mut(*task as usize) {
                    live.end_ms = Some(event.at_ms);
                    live.outcome = Some(match (unobserved, failed) {
                        (Some(outcome), _) => outcome,
                        (None, true) => Outcome::Error,
                        (None, false) => Outcome::Ok,
                    });
                }
            }
            EventKind::TaskCancelled { task } => {
                if let Some(live) = self.tasks.get_mut(*task as usize) {
                    live.end_ms = Some(event.at_ms);
                    live.outcome = Some(Outcome::Cancelled);
                }
            }
            EventKind::CallerResumed { received } => {
                self.resume = Some(Resume {
                    at_ms: event.at_ms,
                    received: received.clone(),
                });
            }
            EventKind::Throttled => self.throttled = true,
            EventKind::TaskStuck { .. } => {}
            EventKind::Done => self.done = true,
        }
        true
    }

    /// When the next of the run's timers falls due, as far as its events show: a task's wait (its
    /// attempt began `delay_ms` earlier), a backoff before a retry, or the caller's deadline. May be
    /// in the past: a timer that is late is still to fire. Blocking work sets no timer.
    pub fn next_timer_ms(&self, scenario: &Scenario) -> Option<f64> {
        let waits = self
            .tasks
            .iter()
            .zip(&self.draws)
            .zip(&scenario.tasks)
            .filter(|((live, _), spec)| live.end_ms.is_none() && spec.kind == TaskKind::Io)
            .filter_map(
                |((live, draw), _)| match (live.attempt_start_ms, live.retried.last()) {
                    (Some(start_ms), _) => Some(start_ms + f64::from(draw.delay_ms)),
                    (None, Some(failed)) => {
                        let retry = u8::try_from(live.retried.len()).unwrap_or(u8::MAX);
                        Some(failed.end_ms + f64::from(scenario.retry.wait_before_retry_ms(retry)))
                    }
                    (None, None) => None,
                },
            );
        let deadline = scenario
            .deadline_ms()
            .filter(|_| self.resume.is_none())
            .map(f64::from);
        waits.chain(deadline).min_by(f64::total_cmp)
    }

    /// The caller waited, and has stopped: a task ending from now on is abandoned. A caller that
    /// fired and forgot its tasks abandons nothing; each ends as it ends.
    fn waited_and_resumed(&self) -> bool {
        self.resume.is_some() && self.mode.caller_waits()
    }

    /// What a task ending from now on is, if the caller no longer hears of it: abandoned once a
    /// caller that waited has moved on, hung once the watchdog found the caller still blocked.
    fn unobserved_end(&self) -> Option<Outcome> {
        match &self.resume {
            Some(resume) if resume.received == Received::NeverResumed => Some(Outcome::Hung),
            _ if self.waited_and_resumed() => Some(Outcome::Abandoned),
            _ => None,
        }
    }

    /// The run as a [`Timeline`]; tasks still running are shown up to the latest event.
    pub fn timeline(&self) -> Timeline {
        let tasks = self
            .tasks
            .iter()
            .zip(&self.draws)
            .map(|(live, draw)| {
                let span = live.start_ms.map(|start_ms| Span {
                    start_ms,
                    end_ms: live.end_ms.unwrap_or(self.latest_ms),
                });
                let outcome = match (live.start_ms, live.outcome) {
                    (None, _) => Outcome::NotStarted,
                    (Some(_), Some(outcome)) => outcome,
                    (Some(_), None) if self.done || self.waited_and_resumed() => {
                        self.unobserved_end().unwrap_or(Outcome::Abandoned)
                    }
                    (Some(_), None) => Outcome::Running,
                };
                TaskRun {
                    span,
                    outcome,
                    delay_ms: draw.delay_ms,
                    fails: draw.fails,
                    attempts: live.attempts(span),
                    ended_in_backoff: !live.retried.is_empty() && live.attempt_start_ms.is_none(),
                }
            })
            .collect();
        Timeline {
            mode: self.mode,
            language: self.language,
            blocked: self.blocked,
            tasks,
            resume: self.resume.clone().unwrap_or(Resume {
                at_ms: self.latest_ms,
                received: Received::AllOk,
            }),
        }
    }
}

/// The events a run following `timeline` would report, in order. Replaying them through a
/// [`RunRecorder`] gives `timeline` back; a live replay of a simulation sends them in real time.
pub fn events_of(timeline: &Timeline, run: RunId) -> Vec<RunEvent> {
    // Each party's events in its own order, as (at, rank, event): a task's attempts and its end,
    // then the caller's resumption. Reversed, so that the next is the last.
    let mut parties: Vec<Vec<(f64, u32, EventKind)>> = timeline
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let mut own = task_events(index as u32, task);
            own.reverse();
            own
        })
        .collect();
    parties.push(vec![(
        timeline.resume.at_ms,
        2,
        EventKind::CallerResumed {
            received: timeline.resume.received.clone(),
        },
    )]);
    // At one instant: starts, then the finishes the caller saw, then its resumption, then whatever
    // it left behind (cancellations, abandoned tasks finishing); among equals, task order. A merge of
    // the parties' lists through a heap of (µs, rank and party), the type `pack_lanes` uses too,
    // where a sort would add a sort's code to the wasm.
    let key = |party: usize, (at_ms, rank, _): &(f64, u32, EventKind)| {
        Reverse(((at_ms * 1000.0) as i64, rank << 24 | party as u32))
    };
    let mut next: BinaryHeap<Reverse<(i64, u32)>> = parties
        .iter()
        .enumerate()
        .filter_map(|(party, events)| events.last().map(|event| key(party, event)))
        .collect();
    let mut events = Vec::with_capacity(timeline.tasks.len() * 2 + 2);
    while let Some(Reverse((_, ranked_party))) = next.pop() {
        let party = (ranked_party & 0xFF_FFFF) as usize;
        let Some((at_ms, _, kind)) = parties[party].pop() else {
            continue;
        };
        if let Some(following) = parties[party].last() {
            next.push(key(party, following));
        }
        events.push(RunEvent { run, at_ms, kind });
    }
    let last_ms = events.last().map_or(0.0, |event| event.at_ms);
    events.push(RunEvent {
        run,
        at_ms: last_ms,
        kind: EventKind::Done,
    });
    events
}

/// `task`'s events in its own order, each with its rank among events at one instant: it starts
/// (and each failed attempt fails and the next begins) at rank 0; it ends at rank 1 if the caller
/// saw it, else at 3, after the caller's resumption.
fn task_events(task_index: u32, task: &TaskRun) -> Vec<(f64, u32, EventKind)> {
    let Some(span) = task.span else {
        return Vec::new();
    };
    let mut own = vec![(
        span.start_ms,
        0,
        EventKind::TaskStarted { task: task_index },
    )];
    for (number, attempt) in task.attempts.iter().enumerate() {
        if number > 0 {
            own.push((
                attempt.start_ms,
                0,
                EventKind::TaskStarted { task: task_index },
            ));
        }
        if number < task.retried_attempts().len() {
            own.push((
                attempt.end_ms,
                0,
                EventKind::AttemptFailed { task: task_index },
            ));
        }
    }
    if let Some(due_ms) = task
        .planned_end_ms()
        .filter(|&due| task.outcome == Outcome::Hung && due < span.end_ms)
    {
        own.push((due_ms, 1, EventKind::TaskStuck { task: task_index }));
    }
    let end = match task.outcome {
        Outcome::Ok | Outcome::Error => (
            1,
            EventKind::TaskFinished {
                task: task_index,
                failed: task.outcome == Outcome::Error,
            },
        ),
        Outcome::Abandoned | Outcome::Hung => (
            3,
            EventKind::TaskFinished {
                task: task_index,
                failed: task.fails,
            },
        ),
        Outcome::Cancelled => (3, EventKind::TaskCancelled { task: task_index }),
        Outcome::NotStarted | Outcome::Running => return own,
    };
    own.push((span.end_ms, end.0, end.1));
    own
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::basics::named_choice::NamedChoice;
    use crate::domain::model::draws::draw_all;
    use crate::domain::model::scenario::{RetryPolicy, Scenario};
    use crate::domain::simulator::simulate;

    fn scenario(mode: Mode) -> Scenario {
        let link = "tasks=fast:100,db:200:100,slow:500,parse:50:cpu&limit=2&seed=3";
        format!("{link}&mode={}", mode.url_name()).parse().unwrap()
    }

    #[test]
    fn recording_the_events_of_a_timeline_gives_it_back() {
        // Without retries, with retries, and with a deadline that cancels a task in its backoff.
        let policies = [
            (RetryPolicy::default(), None),
            (
                RetryPolicy {
                    retries: 2,
                    backoff_ms: 0,
                },
                None,
            ),
            (
                RetryPolicy {
                    retries: 3,
                    backoff_ms: 40,
                },
                Some(220),
            ),
        ];
        for &mode in Mode::ALL {
            for &language in Language::ALL {
                for (retry, timeout_ms) in policies {
                    let scenario = Scenario {
                        retry,
                        program_exits: false,
                        caller: Default::default(),
                        timeout_ms,
                        ..scenario(mode)
                    };
                    let timeline = simulate(&scenario, language);
                    let mut recorder = RunRecorder::new(9, mode, language, draw_all(&scenario));
                    for event in events_of(&timeline, 9) {
                        assert!(recorder.apply(&event));
                    }
                    assert!(recorder.done);
                    assert_eq!(recorder.timeline(), timeline, "{mode} {language} {retry:?}");
                    if timeout_ms.is_some() && mode == Mode::JoinAll && language == Language::Rust {
                        assert!(timeline.tasks[1].ended_in_backoff);
                    }
                }
            }
        }
    }

    #[test]
    fn the_next_timer_is_the_earliest_wait_backoff_or_deadline_still_pending() {
        let scenario = Scenario {
            retry: RetryPolicy {
                retries: 1,
                backoff_ms: 40,
            },
            timeout_ms: Some(450),
            ..scenario(Mode::JoinAll)
        };
        let mut recorder = RunRecorder::new(1, Mode::JoinAll, Language::Rust, draw_all(&scenario));
        let mut apply = |at_ms: f64, kind: EventKind| {
            recorder.apply(&RunEvent {
                run: 1,
                at_ms,
                kind,
            });
            recorder.next_timer_ms(&scenario)
        };
        let delay = |task: usize| f64::from(draw_all(&scenario)[task].delay_ms);
        // Blocking work sets no timer, so only the deadline is pending.
        assert_eq!(apply(0.0, EventKind::TaskStarted { task: 3 }), Some(450.0));
        // The slow task's wait ends after the deadline, the fast one's before it.
        assert_eq!(apply(2.0, EventKind::TaskStarted { task: 2 }), Some(450.0));
        assert_eq!(
            apply(3.0, EventKind::TaskStarted { task: 0 }),
            Some(3.0 + delay(0))
        );
        assert_eq!(
            apply(
                3.0 + delay(0),
                EventKind::TaskFinished {
                    task: 0,
                    failed: false
                }
            ),
            Some(450.0)
        );
        // A failed attempt waits its backoff before retry 1.
        assert_eq!(
            apply(10.0, EventKind::TaskStarted { task: 1 }),
            Some(10.0 + delay(1))
        );
        assert_eq!(
            apply(60.0, EventKind::AttemptFailed { task: 1 }),
            Some(100.0)
        );
        // Once the caller resumes, its deadline is no longer pending.
        apply(70.0, EventKind::TaskCancelled { task: 1 });
        apply(70.0, EventKind::TaskCancelled { task: 2 });
        assert_eq!(
            apply(
                70.0,
                EventKind::CallerResumed {
                    received: Received::AllOk
                }
            ),
            None
        );
    }

    #[test]
    fn events_of_another_run_are_ignored() {
        let scenario = scenario(Mode::JoinAll);
        let mut recorder = RunRecorder::new(2, Mode::JoinAll, Language::Rust, draw_all(&scenario));
        let stale = RunEvent {
            run: 1,
            at_ms: 5.0,
            kind: EventKind::TaskStarted { task: 0 },
        };
        assert!(!recorder.apply(&stale));
        assert_eq!(recorder.tasks[0], LiveTask::default());
    }

    #[test]
    fn a_task_still_running_is_running_until_the_caller_resumes() {
        let scenario = scenario(Mode::JoinAll);
        let mut recorder =
            RunRecorder::new(1, Mode::JoinAll, Language::JavaScript, draw_all(&scenario));
        recorder.apply(&RunEvent {
            run: 1,
            at_ms: 0.0,
            kind: EventKind::TaskStarted { task: 2 },
        });
        recorder.apply(&RunEvent {
            run: 1,
            at_ms: 40.0,
            kind: EventKind::Throttled,
        });
        let timeline = recorder.timeline();
        assert_eq!(timeline.tasks[2].outcome, Outcome::Running);
        assert_eq!(
            timeline.tasks[2].span,
            Some(Span {
                start_ms: 0.0,
                end_ms: 40.0
            })
        );
        assert!(recorder.throttled);
        recorder.apply(&RunEvent {
            run: 1,
            at_ms: 200.0,
            kind: EventKind::CallerResumed {
                received: Received::Error { task: 1 },
            },
        });
        recorder.apply(&RunEvent {
            run: 1,
            at_ms: 500.0,
            kind: EventKind::TaskFinished {
                task: 2,
                failed: false,
            },
        });
        assert_eq!(recorder.timeline().tasks[2].outcome, Outcome::Abandoned);
    }
}
