//! Each language's profile: its idiom for every mode with how that idiom behaves (checked against
//! the real runtimes by `scripts/differential`), and every word the page and the programs use for
//! it. One file per language (`profile/rust.rs`, ...); a fifth language's words are one more file
//! and one more arm in [`profile`] and [`program_words`].
//!
//! The words split in two by who reads them: [`Profile`], which the page's wasm carries, and
//! [`ProgramWords`] (notes, token rules), which only the writer reads, so the page's first load
//! carries none of that text.

mod csharp;
mod javascript;
mod python;
mod rust;

use crate::domain::basics::decimal::counted;
use crate::domain::model::caller_setup::WayToWait;
use crate::domain::model::language::Language;
use crate::domain::model::mode::Mode;
use crate::domain::semantics::behaviour::Semantics;

/// A phrase that reads right for every count: "1 exception was never retrieved", "2 exceptions were
/// never retrieved".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    pub one: &'static str,
    pub many: &'static str,
}

impl Counted {
    pub const fn new(one: &'static str, many: &'static str) -> Self {
        Counted { one, many }
    }

    /// "3 exceptions": the count, then the phrase that fits it.
    pub fn of(self, count: usize) -> String {
        counted(count, self.one, self.many)
    }
}

/// How the language writes a task's error: the words around the task's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorText {
    pub before: &'static str,
    pub after: &'static str,
}

/// What a caller gets when every task of a first-success wait failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllFailedWords {
    /// The last error alone stands for all (`select_ok`).
    LastError,
    /// One error holds them all: "rejected with an AggregateError of 3 errors".
    Group {
        verb: &'static str,
        group: &'static str,
        each: Counted,
    },
}

/// The language's idiom for one mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Idiom {
    pub mode: Mode,
    /// The idiom's name in a few characters, for the mode picker (`join_all`, `Task.WhenAll`, ...).
    pub short: &'static str,
    pub semantics: Semantics,
}

/// What the page knows of a language.
#[derive(Debug, PartialEq, Eq)]
pub struct Profile {
    /// One per mode, in [`Mode::ALL`]'s order.
    pub idioms: [Idiom; 8],
    /// What the language's code runs on, as its own docs name it.
    pub thread: &'static str,
    /// The ways the caller's thread may wait, as the editor offers them; the first awaits.
    pub ways_to_wait: &'static [WayToWait],
    /// The error the generated programs throw for a failing task.
    pub error: ErrorText,
    /// How a failed call hands its error over: "rejected with".
    pub failed_verb: &'static str,
    /// What happens in the program when the caller's deadline passes first.
    pub deadline_gave_up: &'static str,
    /// The failures of tasks nobody awaited.
    pub lost_failures: Counted,
    pub all_failed: AllFailedWords,
    /// What an all-settled caller holds of the tasks that succeeded, and of those that failed.
    pub settled_ok: Counted,
    pub settled_failed: Counted,
    /// Where the caller's code goes on when what it awaited failed: "in its catch block".
    pub resumes_after_a_failure: &'static str,
    /// Where a caller that blocks on its tasks waits, before what it waits on: "blocked in .Result on".
    pub blocked_in: &'static str,
}

impl Profile {
    pub fn idiom(&self, mode: Mode) -> &Idiom {
        self.idioms
            .iter()
            .find(|idiom| idiom.mode == mode)
            .expect("every profile has an idiom for every mode; a test checks it")
    }

    /// The language's error for the task labelled `label`; the generated programs throw the same.
    pub fn error_text(&self, label: &str) -> String {
        format!("{}{label}{}", self.error.before, self.error.after)
    }
}

/// How the code panel highlights the language's programs.
#[derive(Debug, PartialEq, Eq)]
pub struct TokenRules {
    pub keywords: &'static [&'static str],
    pub line_comment: &'static str,
    /// Whether `'` opens a string, as in Python, rather than a character or nothing.
    pub single_quoted_strings: bool,
}

/// What only the writer knows of a language: the code panel's notes and its highlighting.
#[derive(Debug, PartialEq, Eq)]
pub struct ProgramWords {
    /// The one thing worth knowing about each mode's idiom.
    pub notes: [(Mode, &'static str); 8],
    /// Whether creating a task already starts it.
    pub eagerness: &'static str,
    pub tokens: TokenRules,
}

impl ProgramWords {
    pub fn note(&self, mode: Mode) -> &'static str {
        self.notes
            .iter()
            .find(|(of, _)| *of == mode)
            .map_or("", |(_, note)| note)
    }
}

pub fn profile(language: Language) -> &'static Profile {
    match language {
        Language::Rust => &rust::PROFILE,
        Language::CSharp => &csharp::PROFILE,
        Language::JavaScript => &javascript::PROFILE,
        Language::Python => &python::PROFILE,
    }
}

pub fn program_words(language: Language) -> &'static ProgramWords {
    match language {
        Language::Rust => &rust::PROGRAM_WORDS,
        Language::CSharp => &csharp::PROGRAM_WORDS,
        Language::JavaScript => &javascript::PROGRAM_WORDS,
        Language::Python => &python::PROGRAM_WORDS,
    }
}

/// The semantics of `mode` awaited in `language`.
pub fn semantics(mode: Mode, language: Language) -> Semantics {
    profile(language).idiom(mode).semantics
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::basics::named_choice::NamedChoice;

    #[test]
    fn every_profile_has_each_mode_once_in_order_with_a_note() {
        for &language in Language::ALL {
            let modes: Vec<Mode> = profile(language).idioms.iter().map(|i| i.mode).collect();
            assert_eq!(modes, Mode::ALL, "{language}");
            let noted: Vec<Mode> = program_words(language).notes.iter().map(|n| n.0).collect();
            assert_eq!(noted, Mode::ALL, "{language}");
            for &mode in Mode::ALL {
                assert!(
                    !program_words(language).note(mode).is_empty(),
                    "{mode} {language}"
                );
            }
        }
    }

    #[test]
    fn counted_phrases_read_right_for_one_and_many() {
        let lost = profile(Language::Python).lost_failures;
        assert_eq!(lost.of(1), "1 exception was never retrieved");
        assert_eq!(lost.of(2), "2 exceptions were never retrieved");
        assert_eq!(
            profile(Language::Rust).error_text("db"),
            "Err(\"db failed\")"
        );
    }
}
