//! A deterministic discrete-event simulation of how a runtime runs the scenario's tasks, in virtual
//! milliseconds. The semantics table says what the caller's idiom does (when it resumes, what becomes
//! of the tasks left over, how failures reach it); the runtime model says how the language schedules
//! the code around each `await` (`runtime_model.rs`). The simulator reads both and never names a
//! language.
//!
//! The loop holds timers, a queue of runnable steps and a microtask queue. Each step is one of: a
//! task's first step (it logs its start, then blocks the thread, waits on a timer, or finishes), a
//! fired timer, a task going on after its wait (it finishes, or sees a cancellation), the awaiting
//! party hearing that a task is done, the caller going on after its await, and the caller's deadline.
//! The model decides where each of these runs: at once, as a microtask, queued behind what is
//! already runnable, or once nothing else is (tokio's `timeout` and its deadline), and whether an
//! iteration runs only what was queued when it began (asyncio), so that, for example, tasks whose
//! timers fire together with a failing one finish before `gather` hears of the failure.
//! With one loop, blocking work holds every task and timers fire late behind it; with a thread pool
//! it holds only its own thread, and the caller creates its tasks one after another on its own.
//! A task's outcome follows the order in which its end and the caller's resumption happen, as in
//! a program's log. A caller that fires and forgets its tasks goes on as soon as it has created
//! them; the end of its program (a script's `main` returning, node's exit at a rejection nobody
//! handles) then stops, cancels or spares what still runs, as the runtime model says.
//! Cost: O(n log n) in the number of tasks.
//!
//! The engine (`engine.rs`) holds the setting (`setting.rs`: the scenario, the draws, the semantics
//! and the model, which no room changes) and the rooms, each owning its state: the event loop, the
//! ties a real runtime settles by a race (native only), the tasks (`tasks.rs`), the caller
//! (`caller.rs`) and the caller's own thread with its blocking call (`callers_thread.rs`). A room is
//! called with `&mut` to itself and the setting, and imports no other room's steps and never the
//! engine. What a step does across rooms is written in three places: a task's steps
//! (`task_steps.rs`), the caller's (`caller_steps.rs`), and what stops tasks (`cancellation.rs`).

mod caller;
mod caller_steps;
mod callers_thread;
mod cancellation;
mod engine;
mod event_loop;
mod setting;
mod step;
mod task_steps;
mod tasks;
#[cfg(test)]
mod tests;
mod ties;

use crate::domain::model::comparison::{compared_runs, ComparedRuns, Comparison, ExportedRun};
use crate::domain::model::draws::draw_all;
use crate::domain::model::language::Language;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::Timeline;
use engine::Engine;
pub use ties::TIE_ORDERS;

/// Predict the run of `scenario` awaited the way `language` does it. The scenario should be valid
/// (see [`Scenario::validate`]); an empty one resumes at once with nothing.
pub fn simulate(scenario: &Scenario, language: Language) -> Timeline {
    simulate_tie_order(scenario, language, 0)
}

/// Each run `comparison` makes of `scenario`, as the simulator predicts it: what the page shows and
/// exports before anything has run, the CLI, the static first paint and the gallery all draw.
pub fn predicted_runs(
    scenario: &Scenario,
    language: Language,
    comparison: Comparison,
) -> ComparedRuns {
    let runs = compared_runs(scenario, language, comparison)
        .into_iter()
        .map(|(scenario, language)| ExportedRun {
            timeline: simulate(&scenario, language),
            scenario,
        })
        .collect();
    ComparedRuns { comparison, runs }
}

/// The same prediction with a tie that the real runtime settles by a race taken another way.
/// Variant 0 is [`simulate`]. `scripts/differential` accepts the other variants, and says so.
/// - On a thread pool, wake-ups due in the same millisecond run on different threads at once, so
///   which goes first, and whether one's continuation (a cancel, say) reaches the others before they
///   complete, is a race. Variant `v` > 0 runs the tied continuations one at a time: for `v` up to
///   [`TIE_ORDERS`] each tie in an order drawn from `v` (ties at different moments go their own
///   ways), above it every tie rotated by `v - TIE_ORDERS - 1` places.
/// - node's timers have millisecond resolution, and the code between the loop's turns costs time:
///   a timer set in the millisecond the loop turns to its timers may already count as due (after
///   blocking work, that decides which duration's list fires first). Variant 1 sees every timer due
///   within the next millisecond as due. Timers of different durations due in the same millisecond
///   fall due a few ms apart in a real run, in an order its lateness decides: variants 2 and up
///   order each such tie's lists as drawn from the variant number: whole lists one after another
///   (node fires a list whole while its timers are due), or interleaved (a list whose later timers
///   are not due yet waits behind the others).
/// - asyncio takes the timers due when an iteration begins, to the nanosecond, while the simulator
///   counts whole milliseconds and the program's own steps (its logging above all) cost time: timers
///   due in one millisecond but set over more than one real millisecond fire in two iterations, the
///   later ones only once the loop has nothing else to run. Variants up to [`TIE_ORDERS`] cut
///   batches at drawn places; variant `TIE_ORDERS + k` fires the first `k` timers of the first
///   larger batch, and the rest once the loop is idle.
pub fn simulate_tie_order(scenario: &Scenario, language: Language, variant: u32) -> Timeline {
    let draws = draw_all(scenario);
    let mut engine = Engine::new(scenario, &draws, language, variant);
    engine.run();
    Timeline {
        mode: scenario.mode,
        language,
        blocked: engine.thread.blocking,
        tasks: engine.task_runs(),
        resume: engine.resume_or_now(),
    }
}

/// How many variants [`simulate_tie_order`] has for `scenario`: 1 where no timers tie; on an asyncio
/// loop as many as the largest number of timers that fall due together; on a pool [`TIE_ORDERS`]
/// more than that, plus one; for node's timers 2, and [`TIE_ORDERS`] more where timers of different
/// durations tie.
pub fn tie_variants(scenario: &Scenario, language: Language) -> u32 {
    let draws = draw_all(scenario);
    let mut engine = Engine::new(scenario, &draws, language, 0);
    engine.run();
    engine.tie_variants()
}
