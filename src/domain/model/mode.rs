//! How the caller awaits its tasks: the eight await modes the playground compares.

use std::fmt;

use crate::domain::basics::named_choice::NamedChoice;

/// One way of awaiting many tasks. Names follow the scenario URL grammar (`mode=join_all`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Await each task before starting the next.
    Sequential,
    /// Wait for every task, whatever its outcome.
    JoinAll,
    /// Wait for every task and hold every outcome, failures as values: nothing is thrown.
    AllSettled,
    /// Wait for every task, but give up at the first failure.
    TryJoinAll,
    /// Resume with the first task to settle, success or failure.
    Select,
    /// Resume with the first task to succeed.
    SelectOk,
    /// Run at most `limit` tasks at a time.
    Buffered,
    /// Start every task and move on at once: nobody awaits them, or sees how they end.
    FireAndForget,
}

impl NamedChoice for Mode {
    const PARAMETER: &'static str = "mode";
    const ALL: &'static [Mode] = &[
        Mode::Sequential,
        Mode::JoinAll,
        Mode::AllSettled,
        Mode::TryJoinAll,
        Mode::Select,
        Mode::SelectOk,
        Mode::Buffered,
        Mode::FireAndForget,
    ];

    fn url_name(self) -> &'static str {
        match self {
            Mode::Sequential => "sequential",
            Mode::JoinAll => "join_all",
            Mode::AllSettled => "all_settled",
            Mode::TryJoinAll => "try_join_all",
            Mode::Select => "select",
            Mode::SelectOk => "select_ok",
            Mode::Buffered => "buffered",
            Mode::FireAndForget => "fire_and_forget",
        }
    }
}

impl Mode {
    /// Whether the caller waits for its tasks at all: in fire and forget it moves on at once, so
    /// it has no deadline, abandons nothing and hears of no failure.
    pub fn caller_waits(self) -> bool {
        self != Mode::FireAndForget
    }

    /// What the caller does with its tasks, for titles: "3 tasks awaited with join_all".
    pub fn caller_verb(self) -> &'static str {
        if self.caller_waits() {
            "awaited with"
        } else {
            "started with"
        }
    }

    /// What the mode does, in one line for the mode picker.
    pub fn summary(self) -> &'static str {
        match self {
            Mode::Sequential => "One after another: each task starts when the previous one ends.",
            Mode::JoinAll => "Wait for all: start every task, then wait until each has finished.",
            Mode::AllSettled => {
                "Every outcome: wait for all, and hold each task's result or error; nothing is thrown."
            }
            Mode::TryJoinAll => {
                "Fail fast: wait for all, but stop at the first failure and cancel the rest."
            }
            Mode::Select => "First to finish: resume with whichever task settles first, ok or not.",
            Mode::SelectOk => "First success: resume with the first task that succeeds.",
            Mode::Buffered => "At most K at a time: a pool of K workers takes the tasks in turn.",
            Mode::FireAndForget => {
                "Fire and forget: start every task and move on at once; nobody sees how they end."
            }
        }
    }

    /// A short title for buttons and headings.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Sequential => "One after another",
            Mode::JoinAll => "Wait for all",
            Mode::AllSettled => "Every outcome",
            Mode::TryJoinAll => "Fail fast",
            Mode::Select => "First to finish",
            Mode::SelectOk => "First success",
            Mode::Buffered => "At most K at a time",
            Mode::FireAndForget => "Fire and forget",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.url_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mode_parses_back_from_its_url_name() {
        for &mode in Mode::ALL {
            assert_eq!(Mode::from_url_name(mode.url_name()), Ok(mode));
        }
    }

    #[test]
    fn unknown_mode_names_the_bad_value_and_the_choices() {
        let message = Mode::from_url_name("join-all").unwrap_err().to_string();
        assert!(message.contains("\"join-all\""), "{message}");
        assert!(message.contains("join_all"), "{message}");
    }
}
