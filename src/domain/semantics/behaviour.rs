//! How an idiom for awaiting many tasks behaves: when the caller resumes, what becomes of the tasks
//! left over, how failures reach it. Each language's profile (`profile.rs`) holds its idiom for
//! every mode with these semantics, checked against the real runtimes (`scripts/differential`); the
//! simulator, the real runs and the snippets all read them from here.

/// When the awaiting caller gets control back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResumeRule {
    /// Once every task has settled, whatever the outcomes.
    AllSettled,
    /// At the first failure, or once all have succeeded.
    FirstFailure,
    /// At the first task to settle, success or failure.
    FirstSettled,
    /// At the first success, or once all have failed.
    FirstSuccess,
    /// As soon as it has started every task: it waits for nothing.
    AtOnce,
}

/// What becomes of tasks still running (or not yet started) when the caller resumes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Leftovers {
    /// Dropped or cancelled: running tasks stop and queued ones never start.
    Cancelled,
    /// Nobody waits for them, but they run to the end (and queued ones still start): abandoned.
    KeepRunning,
    /// Nobody ever waited for them: each ends ok or failed by itself, unless the program ends first.
    Detached,
}

/// How failures reach the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FailureReport {
    /// A list of per-task results, failures included as values (`Vec<Result>`, `allSettled`).
    ResultsList,
    /// The first failure propagates (`Err`, throw, reject, raise).
    FirstError,
    /// C#'s `WhenAll`: waits, throws the first exception in task order; `.Exception` holds them all.
    AggregateException,
    /// Python's `TaskGroup`: an `ExceptionGroup` of the failures before the rest were cancelled.
    ExceptionGroup,
    /// Everything failed: one error standing for all (`AggregateError`, the last `Err`, ...).
    AllFailed,
    /// `asyncio.wait`: the sets of done and pending tasks when the caller runs again; the caller
    /// takes the first done task in input order, which need not be the first to have finished.
    DoneSet,
    /// Nothing reaches the caller: a failure goes unobserved, or ends the program.
    Unobserved,
}

/// One cell of the table: the idiom a programmer writes for `mode` in `language`, and how it behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Semantics {
    /// The call or idiom, as a reader would recognise it.
    pub call: &'static str,
    pub resume: ResumeRule,
    pub leftovers: Leftovers,
    pub failure: FailureReport,
    /// The caller's own loop takes the completions one at a time (no built-in does it): each
    /// completion is delivered to it, and once woken it reads every completion delivered meanwhile
    /// before it waits again.
    pub callers_own_loop: bool,
    /// At a deadline, the tasks are cancelled by the caller's own next step (a `TaskGroup` leaving
    /// its block, the code after `asyncio.wait`), not by the cancel that reaches the caller, as
    /// `gather` cancels its children at once. Tasks whose wake-up was queued first still finish.
    pub deadline_cancels_at_callers_step: bool,
    /// At a deadline the combinator cancels the tasks still running but stays open: the next
    /// completion it hears decides. A failure that was already on its way is raised; a cancelled
    /// task means the timeout. (`gather` leaves its outer future pending when it cancels children.)
    pub deadline_waits_for_the_next_completion: bool,
}

pub(crate) const fn cell(
    call: &'static str,
    resume: ResumeRule,
    leftovers: Leftovers,
    failure: FailureReport,
) -> Semantics {
    Semantics {
        call,
        resume,
        leftovers,
        failure,
        callers_own_loop: false,
        deadline_cancels_at_callers_step: false,
        deadline_waits_for_the_next_completion: false,
    }
}

impl Semantics {
    /// The same cell, written as the caller's own loop over completions.
    pub(crate) const fn in_the_callers_own_loop(self) -> Self {
        Semantics {
            callers_own_loop: true,
            ..self
        }
    }

    /// The same cell, where the caller itself cancels the tasks after a deadline.
    pub(crate) const fn cancelled_by_the_caller_at_a_deadline(self) -> Self {
        Semantics {
            deadline_cancels_at_callers_step: true,
            ..self
        }
    }

    /// The same cell, where a deadline leaves the wait open until the next completion is heard.
    pub(crate) const fn open_until_the_next_completion_at_a_deadline(self) -> Self {
        Semantics {
            deadline_waits_for_the_next_completion: true,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FailureReport::*;
    use super::Leftovers::*;
    use super::ResumeRule::*;
    use crate::domain::basics::named_choice::NamedChoice;
    use crate::domain::model::language::Language;
    use crate::domain::model::mode::Mode;
    use crate::domain::semantics::profile::semantics;

    #[test]
    fn wait_for_all_differs_by_language_as_documented() {
        let rust = semantics(Mode::JoinAll, Language::Rust);
        assert_eq!((rust.resume, rust.failure), (AllSettled, ResultsList));
        let csharp = semantics(Mode::JoinAll, Language::CSharp);
        assert_eq!(
            (csharp.resume, csharp.failure),
            (AllSettled, AggregateException)
        );
        for language in [Language::JavaScript, Language::Python] {
            let cell = semantics(Mode::JoinAll, language);
            assert_eq!(
                (cell.resume, cell.leftovers),
                (FirstFailure, KeepRunning),
                "{language}"
            );
        }
    }

    #[test]
    fn fail_fast_cancels_the_rest_everywhere_but_only_rust_and_js_resume_at_once() {
        for &language in Language::ALL {
            let cell = semantics(Mode::TryJoinAll, language);
            let resume = if matches!(language, Language::Rust | Language::JavaScript) {
                FirstFailure
            } else {
                AllSettled
            };
            assert_eq!(
                (cell.resume, cell.leftovers),
                (resume, Cancelled),
                "{language}"
            );
        }
        assert_eq!(
            semantics(Mode::TryJoinAll, Language::Python).failure,
            ExceptionGroup
        );
    }

    #[test]
    fn only_rust_cancels_the_losers_of_a_race() {
        for mode in [Mode::Select, Mode::SelectOk] {
            for &language in Language::ALL {
                let expected = if language == Language::Rust {
                    Cancelled
                } else {
                    KeepRunning
                };
                assert_eq!(
                    semantics(mode, language).leftovers,
                    expected,
                    "{mode} {language}"
                );
            }
        }
    }
}
