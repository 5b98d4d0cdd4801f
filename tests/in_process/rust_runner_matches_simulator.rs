//! The real Rust runner, driven natively by a virtual clock, produces exactly the timeline the simulator
//! predicts for Rust: same spans, outcomes and resume point. Cancellation silences a run and leaves
//! no timer behind.

use std::cell::RefCell;
use std::rc::Rc;

use async_playground::domain::model::caller_setup::CallerSetup;
use async_playground::domain::model::draws::draw_all;
use async_playground::domain::model::language::Language;
use async_playground::domain::model::run_event::{EventKind, RunEvent, RunRecorder};
use async_playground::domain::model::scenario::{Scenario, TaskSpec};
use async_playground::domain::model::timeline::{Outcome, Timeline};
use async_playground::domain::simulator::simulate;
use async_playground::runtime::clock::{Clock, VirtualClock};
use async_playground::runtime::reporter::Reporter;
use async_playground::runtime::rust_runner::run_rust;
use futures::executor::LocalPool;
use futures::future::{AbortHandle, Abortable};
use futures::task::LocalSpawnExt;
use proptest::prelude::*;

struct VirtualRun {
    clock: VirtualClock,
    pool: LocalPool,
    events: Rc<RefCell<Vec<RunEvent>>>,
    reporter: Reporter<VirtualClock>,
    abort: AbortHandle,
}

fn start(scenario: &Scenario) -> VirtualRun {
    let clock = VirtualClock::new();
    let events: Rc<RefCell<Vec<RunEvent>>> = Rc::default();
    let sink = {
        let events = events.clone();
        Rc::new(move |event: RunEvent| events.borrow_mut().push(event))
    };
    let reporter = Reporter::new(clock.clone(), 7, sink);
    let (abort, registration) = AbortHandle::new_pair();
    let pool = LocalPool::new();
    let (scenario, task_reporter) = (scenario.clone(), reporter.clone());
    let run = Abortable::new(
        async move { run_rust(&scenario, task_reporter).await },
        registration,
    );
    pool.spawner()
        .spawn_local(async move {
            let _ = run.await;
        })
        .unwrap();
    VirtualRun {
        clock,
        pool,
        events,
        reporter,
        abort,
    }
}

fn run_to_end(scenario: &Scenario) -> (Timeline, VirtualRun) {
    let mut run = start(scenario);
    run.pool.run_until_stalled();
    while run.clock.fire_next() {
        run.pool.run_until_stalled();
    }
    let mut recorder = RunRecorder::new(7, scenario.mode, Language::Rust, draw_all(scenario));
    for event in run.events.borrow().iter() {
        recorder.apply(event);
    }
    assert!(recorder.done, "the run reports Done");
    (recorder.timeline(), run)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn real_rust_combinators_match_the_prediction(scenario in crate::strategies::scenario(60, 3000)) {
        // The page's runner only awaits: wasm cannot block a thread, so a blocking caller's run
        // is simulated live instead.
        let scenario = Scenario { caller: CallerSetup::default(), ..scenario };
        let (real, run) = run_to_end(&scenario);
        prop_assert_eq!(real, simulate(&scenario, Language::Rust));
        prop_assert_eq!(run.clock.live_timers(), 0);
    }
}

#[test]
fn try_join_all_cancels_the_others_at_the_first_error() {
    let scenario: Scenario = "tasks=a:100,db:50:100,c:300&mode=try_join_all"
        .parse()
        .unwrap();
    let (timeline, run) = run_to_end(&scenario);
    let outcomes: Vec<_> = timeline.tasks.iter().map(|t| t.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Cancelled, Outcome::Error, Outcome::Cancelled]
    );
    let kinds: Vec<_> = run.events.borrow().iter().map(|e| e.kind.clone()).collect();
    assert!(
        kinds.contains(&EventKind::TaskCancelled { task: 2 }),
        "{kinds:?}"
    );
}

#[test]
fn cancelling_mid_run_emits_nothing_more_and_leaves_no_timer() {
    let scenario = Scenario {
        tasks: vec![TaskSpec::io(None, 100); 5],
        ..Scenario::default()
    };
    let mut run = start(&scenario);
    run.pool.run_until_stalled();
    assert_eq!(run.clock.live_timers(), 5);
    let before = run.events.borrow().len();
    assert_eq!(before, 5, "five starts");

    // What Reset does: silence first, then abort, so dropping the futures reports nothing.
    run.reporter.silence();
    run.abort.abort();
    run.pool.run_until_stalled();
    while run.clock.fire_next() {
        run.pool.run_until_stalled();
    }
    assert_eq!(
        run.events.borrow().len(),
        before,
        "no event after cancelling"
    );
    assert_eq!(run.clock.live_timers(), 0, "every timer was dropped");
    assert_eq!(run.clock.now_ms(), 0.0, "no timer fired");
}
