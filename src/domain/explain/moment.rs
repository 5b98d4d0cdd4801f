//! One instant of a run, read from the same events the timeline is recorded from: what just
//! happened, in a sentence, and what each participant is doing (the caller, every task, the thread).
//! The replay's caption, the thread lane and the code panel's highlight all come from here, so none
//! of them can disagree with the bars.

use crate::domain::basics::decimal::time_label;
use crate::domain::explain::narration::headline;
use crate::domain::look::timeline_layout::pack_lanes;
use crate::domain::model::caller_setup::BlockedCall;
use crate::domain::model::draws::TaskDraw;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::model::run_event::{events_of, EventKind, RunEvent, RunRecorder};
use crate::domain::model::scenario::{Scenario, TaskKind};
use crate::domain::model::timeline::{Outcome, Received, Span, Timeline};
use crate::domain::semantics::blocking::{caller_blocks, hung_reason};
use crate::domain::semantics::profile::profile;
use crate::domain::semantics::profile::semantics;
use crate::domain::semantics::runtime_model::{runtime_model, Threads};

/// What a task is doing at the instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskState {
    NotStarted,
    /// Awaiting its timer: it holds no thread.
    Waiting,
    /// Its timer has fallen due, but the thread is held by blocking work, so it cannot resume yet.
    Ready,
    /// CPU-bound work holding its thread.
    Blocking,
    /// Between a failed attempt and its retry.
    BackingOff,
    Ended(Outcome),
}

impl TaskState {
    /// It still has work to do: it started and has not ended.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            TaskState::Waiting | TaskState::Ready | TaskState::Blocking | TaskState::BackingOff
        )
    }
}

/// Where the caller is at the instant.
#[derive(Clone, Debug, PartialEq)]
pub enum CallerState {
    /// Suspended in its await; with [`Mode::Sequential`], on the task it awaits.
    Awaiting { task: Option<u32> },
    /// Holding its thread in the language's blocking call on the tasks (`.Result`, `block_on`, a
    /// spin), not awaiting: the thread can run nothing else.
    Blocked,
    /// It resumed (or moved on) with this, at `at_ms`.
    Resumed { at_ms: f64, received: Received },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    /// When the latest event at or before the instant happened; 0 before the first.
    pub at_ms: f64,
    /// What happened then, in a sentence: "300 ms: db fails. Promise.all rejected with …".
    pub caption: String,
    pub caller: CallerState,
    /// In task order.
    pub tasks: Vec<TaskState>,
}

/// The events the moments of `timeline` are read from: [`events_of`] it, so a replay of a real run
/// reads its measured events and a prediction the simulator's.
pub fn moment_events(timeline: &Timeline) -> Vec<RunEvent> {
    events_of(timeline, 0)
}

/// Each task's state as `recorder` has it.
fn task_states(scenario: &Scenario, recorder: &RunRecorder) -> Vec<TaskState> {
    let kinds: Vec<TaskKind> = scenario.tasks.iter().map(|task| task.kind).collect();
    recorder
        .tasks
        .iter()
        .enumerate()
        .map(|(index, live)| match (live.start_ms, live.outcome) {
            (None, _) => TaskState::NotStarted,
            (Some(_), Some(outcome)) => TaskState::Ended(outcome),
            (Some(_), None) if live.attempt_start_ms.is_none() => TaskState::BackingOff,
            (Some(_), None) if kinds.get(index) == Some(&TaskKind::Cpu) => TaskState::Blocking,
            (Some(_), None) => TaskState::Waiting,
        })
        .collect()
}

/// A waiting task whose timer fell due by `t_ms` while its thread was held is ready, not waiting.
fn mark_the_due_ready(tasks: &mut [TaskState], recorder: &RunRecorder, t_ms: f64) {
    let attempts = recorder.tasks.iter().zip(&recorder.draws);
    for (state, (live, draw)) in tasks.iter_mut().zip(attempts) {
        let due_ms = live
            .attempt_start_ms
            .map(|start| start + f64::from(draw.delay_ms));
        if *state == TaskState::Waiting && due_ms.is_some_and(|due_ms| due_ms <= t_ms) {
            *state = TaskState::Ready;
        }
    }
}

/// The instant `t_ms` of `timeline`, a run of `scenario`, from its `events` ([`moment_events`]).
pub fn moment_at(
    scenario: &Scenario,
    timeline: &Timeline,
    events: &[RunEvent],
    t_ms: f64,
) -> Moment {
    let draws = timeline
        .tasks
        .iter()
        .map(|task| TaskDraw {
            delay_ms: task.delay_ms,
            fails: task.fails,
            attempts: 1,
        })
        .collect();
    let mut recorder = RunRecorder::new(0, timeline.mode, timeline.language, draws);
    recorder.blocked = timeline.blocked;
    let mut latest: Vec<&EventKind> = Vec::new();
    let mut at_ms = 0.0_f64;
    for event in events.iter().take_while(|event| event.at_ms <= t_ms) {
        if event.kind == EventKind::Done {
            continue;
        }
        // Events in one shown millisecond are one moment: a real run's ends that fall due together
        // come a fraction of a millisecond apart, and the caption names them all.
        if event.at_ms.round() > at_ms.round() || latest.is_empty() {
            latest.clear();
            at_ms = event.at_ms;
        }
        latest.push(&event.kind);
        recorder.apply(event);
    }
    let mut tasks = task_states(scenario, &recorder);
    // On one loop, a timer that fell due while blocking work holds the thread waits for it; so does
    // one whose continuation needs the thread a blocked caller holds (a UI thread, a spinning loop).
    let one_loop = runtime_model(timeline.language).threads == Threads::OneLoop;
    let held_by_the_caller = recorder.resume.is_none()
        && matches!(
            timeline.blocked,
            BlockedCall::ContinuationsWaitForTheThread | BlockedCall::LoopStops
        );
    // Blocking work holds the loop's one thread: a task's, or the caller's own code creating them.
    let blocking_work_runs = one_loop && tasks.contains(&TaskState::Blocking);
    if blocking_work_runs || held_by_the_caller {
        mark_the_due_ready(&mut tasks, &recorder, t_ms);
    }
    // A caller that blocks holds its thread in its call once its own code (blocking work that ran
    // as it created the tasks, on that thread) is done.
    let caller = match &recorder.resume {
        Some(resume) => CallerState::Resumed {
            at_ms: resume.at_ms,
            received: resume.received.clone(),
        },
        None if caller_blocks(scenario) && !blocking_work_runs => CallerState::Blocked,
        None => CallerState::Awaiting {
            task: (timeline.mode == Mode::Sequential)
                .then(|| tasks.iter().position(|state| state.is_live()))
                .flatten()
                .map(|index| index as u32),
        },
    };
    let caption = caption(scenario, timeline, &latest, at_ms, &tasks);
    Moment {
        at_ms,
        caption,
        caller,
        tasks,
    }
}

/// Blocking work over time, from the events: each attempt of a CPU-bound task holds a thread from
/// its start to its end, as `(task, span)`, cut at `until_ms` while it is still under way.
pub fn blocked_spans(scenario: &Scenario, events: &[RunEvent], until_ms: f64) -> Vec<(u32, Span)> {
    let is_cpu =
        |task: u32| scenario.tasks.get(task as usize).map(|spec| spec.kind) == Some(TaskKind::Cpu);
    let mut open: Vec<(u32, f64)> = Vec::new();
    let mut spans = Vec::new();
    for event in events.iter().take_while(|event| event.at_ms <= until_ms) {
        match event.kind {
            EventKind::TaskStarted { task } if is_cpu(task) => open.push((task, event.at_ms)),
            EventKind::AttemptFailed { task }
            | EventKind::TaskFinished { task, .. }
            | EventKind::TaskCancelled { task } => {
                if let Some(index) = open.iter().position(|&(open_task, _)| open_task == task) {
                    let (_, start_ms) = open.swap_remove(index);
                    spans.push((
                        task,
                        Span {
                            start_ms,
                            end_ms: event.at_ms,
                        },
                    ));
                }
            }
            _ => {}
        }
    }
    spans.extend(open.into_iter().map(|(task, start_ms)| {
        (
            task,
            Span {
                start_ms,
                end_ms: until_ms.max(start_ms),
            },
        )
    }));
    spans
}

/// The threads that blocking work held, each a row of `(task, span)`: one row on a single event
/// loop; on a thread pool, as many as were blocked at once.
pub fn thread_rows(language: Language, blocked: &[(u32, Span)]) -> Vec<Vec<(u32, Span)>> {
    if runtime_model(language).threads == Threads::OneLoop {
        return vec![blocked.to_vec()];
    }
    let spans: Vec<Option<(f64, f64)>> = blocked
        .iter()
        .map(|(_, span)| Some((span.start_ms, span.end_ms)))
        .collect();
    let (rows_of, row_count) = pack_lanes(&spans);
    let mut rows = vec![Vec::new(); (row_count as usize).max(1)];
    for (row, blocked) in rows_of.into_iter().zip(blocked) {
        rows[row as usize].push(*blocked);
    }
    rows
}

/// A list of names as a reader says it: "a", "a and b", "a, b and c", "a, b, c and 7 more".
pub fn listed(labels: &[String]) -> String {
    const SHOWN: usize = 3;
    match labels {
        [] => String::new(),
        [one] => one.clone(),
        _ if labels.len() <= SHOWN => {
            let (last, rest) = labels.split_last().unwrap_or((&labels[0], &[]));
            format!("{} and {last}", rest.join(", "))
        }
        _ => format!(
            "{} and {} more",
            labels[..SHOWN].join(", "),
            labels.len() - SHOWN
        ),
    }
}

/// `text` without the first `part` in it. Bytes compared, not a substring searched: the page's wasm
/// then carries no substring search, nor the panic messages that come with it.
fn without(text: &str, part: &str) -> String {
    let found = text
        .as_bytes()
        .windows(part.len().max(1))
        .position(|bytes| bytes == part.as_bytes());
    let cut = found.and_then(|at| Some(text.get(..at)?.to_owned() + text.get(at + part.len()..)?));
    cut.unwrap_or_else(|| text.to_owned())
}

/// "starts" for one, "start" for several.
fn verb(count: usize, one: &str, many: &str) -> String {
    if count == 1 { one } else { many }.to_owned()
}

/// The labels of the tasks each kind of event of the moment befell.
#[derive(Default)]
struct Happened {
    started: Vec<String>,
    retried: Vec<String>,
    succeeded: Vec<String>,
    failed: Vec<String>,
    cancelled: Vec<String>,
    stuck: Vec<String>,
}

impl Happened {
    fn of(scenario: &Scenario, latest: &[&EventKind]) -> Self {
        let mut happened = Happened::default();
        for kind in latest {
            let (list, task) = match **kind {
                EventKind::TaskStarted { task } => (&mut happened.started, task),
                EventKind::AttemptFailed { task } => (&mut happened.retried, task),
                EventKind::TaskFinished {
                    task,
                    failed: false,
                } => (&mut happened.succeeded, task),
                EventKind::TaskFinished { task, failed: true } => (&mut happened.failed, task),
                EventKind::TaskCancelled { task } => (&mut happened.cancelled, task),
                EventKind::TaskStuck { task } => (&mut happened.stuck, task),
                _ => continue,
            };
            list.push(scenario.label_of(task));
        }
        happened
    }
}

/// "a and b succeed", or nothing for no task.
fn sentence(labels: Vec<String>, one: &str, many: &str) -> Option<String> {
    (!labels.is_empty()).then(|| format!("{} {}", listed(&labels), verb(labels.len(), one, many)))
}

impl Happened {
    /// What the tasks did, in sentences: those that retry, succeed, fail, start and hang (each
    /// hung task says why). Under a caller the watchdog `stopped`, the tasks it stops end no way
    /// of their own.
    fn sentences(self, stopped: bool, blocked: BlockedCall) -> Vec<String> {
        let (succeeded, failed) = if stopped {
            (Vec::new(), Vec::new())
        } else {
            (self.succeeded, self.failed)
        };
        [
            sentence(
                self.retried,
                "fails and will try again",
                "fail and will try again",
            ),
            sentence(succeeded, "succeeds", "succeed"),
            sentence(failed, "fails", "fail"),
            sentence(self.started, "starts", "start"),
            sentence(self.stuck, "hangs", "hang")
                .zip(hung_reason(blocked))
                .map(|(hang, reason)| format!("{hang} ({reason})")),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

fn caption(
    scenario: &Scenario,
    timeline: &Timeline,
    latest: &[&EventKind],
    at_ms: f64,
    tasks: &[TaskState],
) -> String {
    let mut happened = Happened::of(scenario, latest);
    let cancelled = std::mem::take(&mut happened.cancelled);
    // The watchdog ends a program whose caller never resumed.
    let stopped =
        timeline.resume.received == Received::NeverResumed && at_ms >= timeline.resume.at_ms;
    let resumed = latest
        .iter()
        .any(|kind| matches!(kind, EventKind::CallerResumed { .. }));
    // What the tasks did, then the caller's resumption, then what that did to the rest.
    let mut parts = happened.sentences(stopped, timeline.blocked);
    if latest.is_empty() {
        parts.push("the caller starts the tasks".to_owned());
    }
    let mut caption = time_label(at_ms) + ":";
    if !parts.is_empty() {
        caption.push_str(&format!(" {}.", parts.join("; ")));
    }
    if resumed {
        // The caption opens with the time already.
        let at = format!(" at {}", time_label(at_ms));
        let headline = without(&headline(scenario, timeline), &at);
        caption.push_str(&format!(" {headline}; {}.", resumes_where(timeline)));
    }
    if let Some(cancelled) = sentence(cancelled, "is cancelled", "are cancelled") {
        caption.push_str(&format!(" {cancelled}."));
    }
    if resumed {
        let still_running: Vec<String> = tasks
            .iter()
            .enumerate()
            .filter(|(_, state)| state.is_live())
            .map(|(index, _)| scenario.label_of(index as u32))
            .collect();
        let (one, many) = if stopped {
            ("never finishes", "never finish")
        } else {
            ("keeps running", "keep running")
        };
        if let Some(running) = sentence(still_running, one, many) {
            caption.push_str(&format!(" {running}."));
        }
    }
    caption
}

/// Where the caller's code goes on, when that is not simply the next line: the catch block when what
/// it awaited threw.
fn resumed_in(timeline: &Timeline) -> Option<&'static str> {
    let threw = matches!(
        timeline.resume.received,
        Received::Error { .. }
            | Received::AggregateException { .. }
            | Received::ExceptionGroup { .. }
            | Received::AllFailed { .. }
            | Received::TimedOut
    );
    threw.then(|| profile(timeline.language).resumes_after_a_failure)
}

/// "the caller resumes in its catch block", "the caller moves on".
fn resumes_where(timeline: &Timeline) -> String {
    match resumed_in(timeline) {
        _ if timeline.resume.received == Received::Started => "the caller moves on".to_owned(),
        _ if timeline.resume.received == Received::NeverResumed => {
            "the caller never resumes".to_owned()
        }
        _ if timeline.resume.received == Received::Raised => {
            "the caller gets the error at once".to_owned()
        }
        Some(place) => format!("the caller resumes {place}"),
        None => "the caller resumes".to_owned(),
    }
}

/// What the caller is waiting in, in the language's words: "Promise.all of 4 tasks".
pub fn awaiting_text(scenario: &Scenario, timeline: &Timeline, caller: &CallerState) -> String {
    match caller {
        CallerState::Awaiting { task: Some(task) } => {
            format!(
                "awaiting {} ({} of {})",
                scenario.label_of(*task),
                task + 1,
                timeline.tasks.len()
            )
        }
        CallerState::Awaiting { task: None } | CallerState::Blocked => format!(
            "{} {} of {} tasks",
            match caller {
                CallerState::Blocked => profile(timeline.language).blocked_in,
                _ => "awaiting",
            },
            semantics(timeline.mode, timeline.language).call,
            timeline.tasks.len()
        ),
        CallerState::Resumed { at_ms, received } => {
            let at = time_label(*at_ms);
            match resumed_in(timeline) {
                _ if *received == Received::Started => format!("moved on at {at}"),
                _ if *received == Received::NeverResumed => {
                    format!("never resumed; watchdog at {at}")
                }
                _ if *received == Received::Raised => format!("the call raised at {at}"),
                Some(place) => format!("resumed at {at}, {place}"),
                None => format!("resumed at {at}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::simulator::simulate;

    fn moment(link: &str, language: Language, t_ms: f64) -> Moment {
        let scenario: Scenario = link.parse().unwrap();
        let timeline = simulate(&scenario, language);
        moment_at(&scenario, &timeline, &moment_events(&timeline), t_ms)
    }

    const ONE_FAILS: &str = "tasks=fetch:500,db:300:100,parse:200:cpu&mode=join_all";

    /// The `.Result` deadlock, stepped event by event: the caller is blocked, not awaiting; each
    /// task's getting stuck is a step of its own; the watchdog's end is no resumption.
    #[test]
    fn a_deadlock_reads_as_a_blocked_caller_and_tasks_that_hang_one_by_one() {
        let link = "tasks=load:300,save:200&mode=join_all&wait=block&context=ui";
        let scenario: Scenario = link.parse().unwrap();
        let timeline = simulate(&scenario, Language::CSharp);
        let events = moment_events(&timeline);
        let times = crate::domain::look::timeline_layout::event_times(&timeline);
        assert_eq!(times, [0.0, 200.0, 300.0, 1000.0]);
        let at = |t_ms| moment_at(&scenario, &timeline, &events, t_ms);
        let state = |t_ms| awaiting_text(&scenario, &timeline, &at(t_ms).caller);
        assert_eq!(at(350.0).caller, CallerState::Blocked);
        assert_eq!(
            state(350.0),
            "blocked in .Result on Task.WhenAll of 2 tasks"
        );
        assert_eq!(
            at(250.0).caption,
            "200 ms: save hangs (timer due, its continuation waits for the blocked UI thread)."
        );
        assert_eq!(at(350.0).tasks, [TaskState::Ready, TaskState::Ready]);
        assert_eq!(state(1000.0), "never resumed; watchdog at 1 s");
        assert!(at(1000.0).caption.contains("the caller never resumes"));
        assert_eq!(
            at(1000.0).tasks,
            [
                TaskState::Ended(Outcome::Hung),
                TaskState::Ended(Outcome::Hung)
            ]
        );
    }

    /// A real run's ten ends due together come a fraction of a millisecond apart: one caption.
    #[test]
    fn ends_within_one_shown_millisecond_are_one_moment() {
        let scenario = Scenario::default();
        let mut timeline = simulate(&scenario, Language::JavaScript);
        for (index, task) in timeline.tasks.iter_mut().enumerate() {
            if let Some(span) = task.span.as_mut() {
                span.end_ms += 0.04 * index as f64;
            }
        }
        timeline.resume.at_ms += 0.4;
        let moment = moment_at(&scenario, &timeline, &moment_events(&timeline), 600.0);
        assert!(
            moment
                .caption
                .starts_with("500 ms: task1, task2, task3 and 7 more succeed."),
            "{}",
            moment.caption
        );
    }

    #[test]
    fn the_caption_says_what_happened_and_who_keeps_running() {
        let at = |t_ms| moment(ONE_FAILS, Language::JavaScript, t_ms);
        assert_eq!(at(0.0).caption, "0 ms: fetch, db and parse start.");
        assert_eq!(at(250.0).caption, "200 ms: parse succeeds.");
        assert_eq!(
            at(300.0).caption,
            "300 ms: db fails. Promise.all rejected with Error: db failed; \
             the caller resumes in its catch block. fetch keeps running."
        );
        assert_eq!(at(600.0).caption, "500 ms: fetch succeeds.");
    }

    #[test]
    fn a_deadline_is_told_before_what_it_cancelled() {
        let link = "tasks=a:1000&mode=join_all&timeout=400";
        let moment = moment(link, Language::Python, 1e9);
        assert_eq!(
            moment.caption,
            "400 ms: The 400 ms deadline passed before asyncio.gather finished: asyncio.timeout \
             raised TimeoutError; the caller resumes in its except block. a is cancelled."
        );
    }

    #[test]
    fn the_state_shows_what_waits_and_what_holds_the_thread() {
        let early = moment(ONE_FAILS, Language::Python, 100.0);
        assert_eq!(
            early.tasks,
            [TaskState::Waiting, TaskState::Waiting, TaskState::Blocking]
        );
        assert_eq!(early.caller, CallerState::Awaiting { task: None });
        // parse blocks the only thread from 0 to 200 ms; fetch's 150 ms timer falls due meanwhile.
        let held = moment(
            "tasks=fetch:150,parse:200:cpu&mode=join_all",
            Language::Python,
            180.0,
        );
        assert_eq!(held.tasks, [TaskState::Ready, TaskState::Blocking]);
        // On C#'s thread pool the blocking work holds only its own thread.
        let pool = moment(
            "tasks=fetch:150,parse:200:cpu&mode=join_all",
            Language::CSharp,
            180.0,
        );
        assert_eq!(pool.tasks[0], TaskState::Ended(Outcome::Ok));
    }

    #[test]
    fn a_sequential_caller_awaits_one_task_at_a_time() {
        let scenario: Scenario = "tasks=a:100,b:100&mode=sequential".parse().unwrap();
        let timeline = simulate(&scenario, Language::Rust);
        let events = moment_events(&timeline);
        let second = moment_at(&scenario, &timeline, &events, 150.0);
        assert_eq!(second.caller, CallerState::Awaiting { task: Some(1) });
        assert_eq!(
            awaiting_text(&scenario, &timeline, &second.caller),
            "awaiting b (2 of 2)"
        );
        let end = moment_at(&scenario, &timeline, &events, 1e9);
        assert_eq!(
            awaiting_text(&scenario, &timeline, &end.caller),
            "resumed at 202 ms"
        );
    }

    #[test]
    fn names_are_listed_as_a_reader_says_them() {
        let labels: Vec<String> = ["a", "b", "c", "d", "e"].map(str::to_owned).to_vec();
        assert_eq!(listed(&labels[..1]), "a");
        assert_eq!(listed(&labels[..2]), "a and b");
        assert_eq!(listed(&labels[..3]), "a, b and c");
        assert_eq!(listed(&labels), "a, b, c and 2 more");
    }
}
