//! A problem found in a scenario or a scenario URL, tied to the field it concerns so the UI can show
//! the message beside that field.

use std::fmt;

/// Which part of a task a problem concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskPart {
    Label,
    Delay,
    FailPercent,
    Kind,
    /// The whole item, e.g. one that could not be split into parts.
    Item,
}

/// The place a [`Problem`] concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The task list as a whole (empty, too long, unreadable).
    Tasks,
    /// One task (0-based `index`) and the part of it that is wrong.
    Task {
        index: u32,
        part: TaskPart,
    },
    Mode,
    Limit,
    Seed,
    /// The caller's deadline (`timeout`).
    Timeout,
    /// How failed attempts are tried again (`retries`, `backoff`).
    Retries,
    /// How and where the caller waits (`wait`, `context`, `configure_await`, `runtime`).
    Caller,
    /// A display parameter of the URL (`lang`, `theme`, `embed`, `autorun`, `v`).
    Display(&'static str),
    /// The URL as a whole, e.g. one over the length limit.
    Url,
}

/// A message a user understands, and where it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub message: String,
}

impl Problem {
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        Problem {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
