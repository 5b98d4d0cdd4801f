//! The log protocol every generated program prints, one type per line, so the programs, the tests and
//! the differential harness share one definition of it:
//!
//! ```text
//! 0 start fetch        a task starts (each attempt, when it retries)
//! 100 fail db          an attempt ends: ok, fail or cancelled
//! 100 retry db         the failed attempt will be tried again after the backoff
//! 500 resume ok        the caller resumes, and with what (a `ResumeLine`)
//! total 500 ms         how long the caller waited
//! ```

use std::fmt;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::timeline::Received;

/// What a task line says happened to the task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskEvent {
    Start,
    Ok,
    Fail,
    Cancelled,
    Retry,
}

impl NamedChoice for TaskEvent {
    const ALL: &'static [Self] = &[
        Self::Start,
        Self::Ok,
        Self::Fail,
        Self::Cancelled,
        Self::Retry,
    ];
    const PARAMETER: &'static str = "task event";

    fn url_name(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Ok => "ok",
            Self::Fail => "fail",
            Self::Cancelled => "cancelled",
            Self::Retry => "retry",
        }
    }
}

/// `500 ok fetch`: a task started or ended.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskLine {
    pub ms: f64,
    pub event: TaskEvent,
    pub label: String,
}

/// The words that open each form of [`ResumeLine`].
pub const RESUME_KEYWORDS: [&str; 13] = [
    "ok",
    "results failed=",
    "error ",
    "aggregate ",
    "group ",
    "first ok ",
    "first error ",
    "first_success ",
    "all_failed",
    "timeout",
    "started",
    "never",
    "raised",
];

/// What the caller received, as a program prints it after `resume `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResumeLine {
    /// `ok`
    AllOk,
    /// `results failed=a,b`: every result, these failed (`failed=` alone when none did).
    Results { failed: Vec<String> },
    /// `error db`
    Error { label: String },
    /// `aggregate db count=2`: C#'s `AggregateException`, its first exception and how many it holds.
    Aggregate { first: String, count: usize },
    /// `group a,b`: Python's `ExceptionGroup`, in the order it holds them.
    Group { labels: Vec<String> },
    /// `first ok fetch` or `first error db`
    First { failed: bool, label: String },
    /// `first_success fetch`
    FirstSuccess { label: String },
    /// `all_failed`
    AllFailed,
    /// `timeout`: the deadline passed first.
    TimedOut,
    /// `started`: the caller started every task and moved on.
    Started,
    /// `never`: the caller blocked on its tasks and the watchdog found it still blocked.
    NeverResumed,
    /// `raised`: the blocking call refused at once (Python's `RuntimeError`).
    Raised,
}

impl ResumeLine {
    /// The line a program prints when the caller receives `received`; `labels` name the tasks.
    pub fn from_received(received: &Received, labels: &[String]) -> Self {
        let name = |task: &u32| labels[*task as usize].clone();
        let names = |tasks: &[u32]| tasks.iter().map(name).collect();
        match received {
            Received::AllOk => Self::AllOk,
            Received::Results { failed } => Self::Results {
                failed: names(failed),
            },
            Received::Error { task } => Self::Error { label: name(task) },
            Received::AggregateException { first, all } => Self::Aggregate {
                first: name(first),
                count: all.len(),
            },
            Received::ExceptionGroup { tasks } => Self::Group {
                labels: names(tasks),
            },
            Received::First { task, failed } => Self::First {
                failed: *failed,
                label: name(task),
            },
            Received::FirstSuccess { task } => Self::FirstSuccess { label: name(task) },
            Received::AllFailed { .. } => Self::AllFailed,
            Received::TimedOut => Self::TimedOut,
            Received::Started => Self::Started,
            Received::NeverResumed => Self::NeverResumed,
            Received::Raised => Self::Raised,
        }
    }

    /// Which of [`RESUME_KEYWORDS`] opens the line a program prints for `received`: the same as
    /// `from_received(received, labels).keyword_index()`, without naming any task, for the page,
    /// which needs only the keyword (a test keeps the two equal).
    pub fn keyword_index_of(received: &Received) -> usize {
        match received {
            Received::AllOk => 0,
            Received::Results { .. } => 1,
            Received::Error { .. } => 2,
            Received::AggregateException { .. } => 3,
            Received::ExceptionGroup { .. } => 4,
            Received::First { failed, .. } => 5 + usize::from(*failed),
            Received::FirstSuccess { .. } => 7,
            Received::AllFailed { .. } => 8,
            Received::TimedOut => 9,
            Received::Started => 10,
            Received::NeverResumed => 11,
            Received::Raised => 12,
        }
    }

    /// The words that open the line, which each program's template spells out.
    pub fn keyword(&self) -> &'static str {
        RESUME_KEYWORDS[self.keyword_index()]
    }

    /// Which of [`RESUME_KEYWORDS`] opens the line.
    pub fn keyword_index(&self) -> usize {
        match self {
            Self::AllOk => 0,
            Self::Results { .. } => 1,
            Self::Error { .. } => 2,
            Self::Aggregate { .. } => 3,
            Self::Group { .. } => 4,
            Self::First { failed: false, .. } => 5,
            Self::First { failed: true, .. } => 6,
            Self::FirstSuccess { .. } => 7,
            Self::AllFailed => 8,
            Self::TimedOut => 9,
            Self::Started => 10,
            Self::NeverResumed => 11,
            Self::Raised => 12,
        }
    }

    /// Read the words after `resume `; `None` when they are not one of the forms above.
    pub fn parse(text: &str) -> Option<Self> {
        let labels = |list: &str| -> Vec<String> {
            list.split(',')
                .filter(|label| !label.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let line = match text {
            "ok" => Self::AllOk,
            "all_failed" => Self::AllFailed,
            "timeout" => Self::TimedOut,
            "started" => Self::Started,
            "never" => Self::NeverResumed,
            "raised" => Self::Raised,
            _ if text.starts_with("results failed=") => Self::Results {
                failed: labels(&text["results failed=".len()..]),
            },
            _ if text.starts_with("aggregate ") => {
                let (first, count) = text["aggregate ".len()..].rsplit_once(" count=")?;
                Self::Aggregate {
                    first: first.to_owned(),
                    count: count.parse().ok()?,
                }
            }
            _ => {
                let (head, label) = [
                    "error ",
                    "group ",
                    "first ok ",
                    "first error ",
                    "first_success ",
                ]
                .iter()
                .find_map(|head| Some((*head, text.strip_prefix(head)?)))?;
                let label = label.to_owned();
                match head {
                    "error " => Self::Error { label },
                    "group " => Self::Group {
                        labels: labels(&label),
                    },
                    "first ok " => Self::First {
                        failed: false,
                        label,
                    },
                    "first error " => Self::First {
                        failed: true,
                        label,
                    },
                    _ => Self::FirstSuccess { label },
                }
            }
        };
        Some(line)
    }
}

impl fmt::Display for ResumeLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())?;
        match self {
            Self::AllOk
            | Self::AllFailed
            | Self::TimedOut
            | Self::Started
            | Self::NeverResumed
            | Self::Raised => Ok(()),
            Self::Results { failed } => f.write_str(&failed.join(",")),
            Self::Group { labels } => f.write_str(&labels.join(",")),
            Self::Aggregate { first, count } => write!(f, "{first} count={count}"),
            Self::Error { label } | Self::First { label, .. } | Self::FirstSuccess { label } => {
                f.write_str(label)
            }
        }
    }
}

/// One line of a program's log.
#[derive(Clone, Debug, PartialEq)]
pub enum LogLine {
    Task(TaskLine),
    Resume { ms: f64, line: ResumeLine },
    Total { ms: f64 },
}

impl LogLine {
    /// Read one printed line; `None` for anything that is not part of the protocol.
    pub fn parse(text: &str) -> Option<Self> {
        let mut words = text.trim().splitn(3, ' ');
        let (first, second) = (words.next()?, words.next()?);
        let rest = words.next().unwrap_or("");
        if first == "total" {
            return Some(Self::Total {
                ms: second.parse().ok()?,
            });
        }
        let ms = first.parse::<f64>().ok()?;
        if second == "resume" {
            return Some(Self::Resume {
                ms,
                line: ResumeLine::parse(rest)?,
            });
        }
        Some(Self::Task(TaskLine {
            ms,
            event: TaskEvent::from_url_name(second).ok()?,
            label: rest.to_owned(),
        }))
    }
}

impl fmt::Display for LogLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Task(TaskLine { ms, event, label }) => {
                write!(f, "{ms} {} {label}", event.url_name())
            }
            Self::Resume { ms, line } => write!(f, "{ms} resume {line}"),
            Self::Total { ms } => write!(f, "total {ms} ms"),
        }
    }
}

/// A program's parsed output: what the tests compare with the simulator.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramLog {
    /// Every task line, in printed order.
    pub task_lines: Vec<TaskLine>,
    /// When the caller resumed, and with what.
    pub resume: Option<(f64, ResumeLine)>,
    /// How many task lines were printed before the resume line: ends printed later are abandoned tasks.
    pub task_lines_before_resume: Option<usize>,
    pub total_ms: Option<f64>,
}

impl ProgramLog {
    /// Read a program's output; lines that are not part of the protocol are ignored.
    pub fn parse(output: &str) -> Self {
        let mut log = ProgramLog::default();
        for line in output.lines().filter_map(LogLine::parse) {
            match line {
                LogLine::Task(task_line) => log.task_lines.push(task_line),
                LogLine::Resume { ms, line } => {
                    log.resume = Some((ms, line));
                    log.task_lines_before_resume = Some(log.task_lines.len());
                }
                LogLine::Total { ms } => log.total_ms = Some(ms),
            }
        }
        log
    }

    /// The line that ended `label`'s task: its last line, unless that is a start or a retry, which
    /// means the task never ended (a failed attempt followed by `retry` did not end it).
    pub fn end_of(&self, label: &str) -> Option<(usize, &TaskLine)> {
        let (position, line) = self
            .task_lines
            .iter()
            .enumerate()
            .rev()
            .find(|(_, line)| line.label == label)?;
        (!matches!(line.event, TaskEvent::Start | TaskEvent::Retry)).then_some((position, line))
    }

    /// How many attempts `label`'s task began.
    pub fn attempts_of(&self, label: &str) -> usize {
        self.task_lines
            .iter()
            .filter(|line| line.label == label && line.event == TaskEvent::Start)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keyword_of_what_was_received_is_the_keyword_of_its_line() {
        let labels: Vec<String> = ["a", "b", "c"].map(str::to_owned).to_vec();
        for received in crate::domain::model::timeline::every_kind_of_received() {
            assert_eq!(
                ResumeLine::keyword_index_of(&received),
                ResumeLine::from_received(&received, &labels).keyword_index(),
                "{received:?}"
            );
        }
    }

    #[test]
    fn logs_parse_into_task_lines_resume_and_total() {
        let log = ProgramLog::parse(
            "0 start fetch\n12 fail db\nnoise\n500 resume error db\ntotal 500 ms\n600 ok fetch\n",
        );
        assert_eq!(log.task_lines.len(), 3);
        assert_eq!(
            log.resume,
            Some((
                500.0,
                ResumeLine::Error {
                    label: "db".to_owned()
                }
            ))
        );
        assert_eq!(log.task_lines_before_resume, Some(2));
        assert_eq!(log.total_ms, Some(500.0));
        assert_eq!(log.end_of("fetch").map(|(at, _)| at), Some(2));
    }

    #[test]
    fn every_resume_line_reads_back_as_itself() {
        let label = |text: &str| text.to_owned();
        let lines = [
            ResumeLine::AllOk,
            ResumeLine::AllFailed,
            ResumeLine::TimedOut,
            ResumeLine::Results { failed: vec![] },
            ResumeLine::Results {
                failed: vec![label("a b"), label("c")],
            },
            ResumeLine::Error {
                label: label("my db"),
            },
            ResumeLine::Aggregate {
                first: label("x count=1"),
                count: 3,
            },
            ResumeLine::Group {
                labels: vec![label("a"), label("b")],
            },
            ResumeLine::First {
                failed: true,
                label: label("db"),
            },
            ResumeLine::First {
                failed: false,
                label: label("fetch"),
            },
            ResumeLine::FirstSuccess {
                label: label("fetch"),
            },
        ];
        for line in lines {
            let printed = LogLine::Resume {
                ms: 12.0,
                line: line.clone(),
            }
            .to_string();
            assert_eq!(
                LogLine::parse(&printed),
                Some(LogLine::Resume { ms: 12.0, line }),
                "{printed}"
            );
        }
    }

    #[test]
    fn lines_outside_the_protocol_are_not_log_lines() {
        for text in [
            "",
            "noise",
            "12 resume maybe",
            "12 paused fetch",
            "x ok fetch",
        ] {
            assert_eq!(LogLine::parse(text), None, "{text}");
        }
    }
}
