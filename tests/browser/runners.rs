//! Real runs on this page's event loop (Rust futures, JavaScript promises, live replays) agree with
//! the simulator; cancelling a run silences it and clears its timers. Delays are scaled down; the
//! assertions are about outcomes and order, never speed.

use std::cell::RefCell;
use std::rc::Rc;

use async_playground::domain::model::draws::draw_all;
use async_playground::domain::model::language::Language;
use async_playground::domain::model::mode::Mode;
use async_playground::domain::model::run_event::{EventKind, RunEvent, RunRecorder};
use async_playground::domain::model::scenario::{RetryPolicy, Scenario, TaskSpec};
use async_playground::domain::model::timeline::{Outcome, Received, Timeline};
use async_playground::domain::simulator::simulate;
use async_playground::runtime::run_handle::{start_run, Engine, RunHandle};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_test::wasm_bindgen_test;

struct Recorded {
    recorder: Rc<RefCell<RunRecorder>>,
    events: Rc<RefCell<Vec<RunEvent>>>,
    handle: RunHandle,
}

fn start(scenario: &Scenario, language: Language) -> Recorded {
    let recorder = Rc::new(RefCell::new(RunRecorder::new(
        1,
        scenario.mode,
        language,
        draw_all(scenario),
    )));
    let events: Rc<RefCell<Vec<RunEvent>>> = Rc::default();
    let sink = {
        let (recorder, events) = (recorder.clone(), events.clone());
        Rc::new(move |event: RunEvent| {
            recorder.borrow_mut().apply(&event);
            events.borrow_mut().push(event);
        })
    };
    let handle = start_run(scenario, language, 1, sink).expect("a browser window");
    Recorded {
        recorder,
        events,
        handle,
    }
}

async fn run_to_done(scenario: &Scenario, language: Language) -> (Timeline, Recorded) {
    let recorded = start(scenario, language);
    for _ in 0..500 {
        if recorded.recorder.borrow().done {
            break;
        }
        TimeoutFuture::new(10).await;
    }
    assert!(recorded.recorder.borrow().done, "the run finished");
    let timeline = recorded.recorder.borrow().timeline();
    (timeline, recorded)
}

fn outcomes(timeline: &Timeline) -> Vec<Outcome> {
    timeline.tasks.iter().map(|task| task.outcome).collect()
}

/// Wherever the prediction has task i ending at least 30 ms before task j, the real run agrees.
fn assert_same_order_where_clear(real: &Timeline, predicted: &Timeline, context: &str) {
    let ends = |t: &Timeline| {
        t.tasks
            .iter()
            .map(|task| task.span.map(|s| s.end_ms))
            .collect::<Vec<_>>()
    };
    let (real_ends, predicted_ends) = (ends(real), ends(predicted));
    for i in 0..predicted_ends.len() {
        for j in 0..predicted_ends.len() {
            if let (Some(pi), Some(pj), Some(ri), Some(rj)) = (
                predicted_ends[i],
                predicted_ends[j],
                real_ends[i],
                real_ends[j],
            ) {
                if pi + 30.0 <= pj {
                    assert!(
                        ri < rj,
                        "{context}: task {i} should end before task {j}: real {ri} vs {rj}"
                    );
                }
            }
        }
    }
}

fn task(label: &str, ms: u32) -> TaskSpec {
    TaskSpec::io(Some(label), ms)
}

/// b fails at 120 ms while a has ended and c and d still run.
fn one_fails_among_four() -> Vec<TaskSpec> {
    vec![
        task("a", 40),
        task("b", 120).failing(100),
        task("c", 200),
        task("d", 80),
    ]
}

fn scenarios() -> Vec<Scenario> {
    let with = |mode, tasks: Vec<TaskSpec>| Scenario {
        tasks,
        mode,
        limit: 2,
        seed: 5,
        timeout_ms: None,
        retry: RetryPolicy::default(),
        program_exits: false,
        caller: Default::default(),
    };
    vec![
        with(
            Mode::Sequential,
            vec![task("a", 40), task("b", 80).failing(100), task("c", 40)],
        ),
        with(Mode::JoinAll, one_fails_among_four()),
        with(Mode::TryJoinAll, one_fails_among_four()),
        with(
            Mode::Select,
            vec![task("a", 160), task("b", 80).failing(100), task("c", 240)],
        ),
        with(
            Mode::SelectOk,
            vec![task("a", 80).failing(100), task("b", 160), task("c", 240)],
        ),
        with(
            Mode::Buffered,
            vec![
                task("a", 40),
                task("b", 120).failing(100),
                task("c", 80),
                task("d", 160),
                task("e", 40),
            ],
        ),
        // JavaScript ends the program at b's unhandled rejection, as node does; Rust runs on.
        with(
            Mode::FireAndForget,
            vec![task("a", 40), task("b", 80).failing(100), task("c", 160)],
        ),
        // A script: tokio drops its tasks unpolled, while node lives on for its timers.
        Scenario {
            program_exits: true,
            ..with(
                Mode::FireAndForget,
                vec![task("a", 40), task("b", 80).failing(100)],
            )
        },
    ]
}

async fn check_language_against_prediction(language: Language) {
    for scenario in scenarios() {
        let context = format!("{} {language}", scenario.mode);
        let (real, recorded) = run_to_done(&scenario, language).await;
        let predicted = simulate(&scenario, language);
        assert_eq!(outcomes(&real), outcomes(&predicted), "{context}");
        assert_eq!(real.resume.received, predicted.resume.received, "{context}");
        assert_same_order_where_clear(&real, &predicted, &context);
        assert_eq!(
            recorded.handle.live_timers(),
            0,
            "{context}: timers left behind"
        );
    }
}

#[wasm_bindgen_test]
async fn rust_futures_match_the_prediction_in_every_mode() {
    check_language_against_prediction(Language::Rust).await;
}

#[wasm_bindgen_test]
async fn javascript_promises_match_the_prediction_in_every_mode() {
    check_language_against_prediction(Language::JavaScript).await;
}

/// A deadline between the tasks' ends, in modes that wait for all, for the first success and for a
/// pool: the real runs give up, cancel what is pending and leave no timer, as predicted.
#[wasm_bindgen_test]
async fn a_deadline_stops_the_real_runs_as_predicted() {
    for mode in [Mode::AllSettled, Mode::SelectOk, Mode::Buffered] {
        let scenario = Scenario {
            tasks: vec![task("a", 40).failing(100), task("b", 120), task("c", 240)],
            mode,
            timeout_ms: Some(80),
            ..Scenario::default()
        };
        for language in [Language::Rust, Language::JavaScript] {
            let context = format!("{mode} {language}");
            let (real, recorded) = run_to_done(&scenario, language).await;
            let predicted = simulate(&scenario, language);
            assert_eq!(real.resume.received, Received::TimedOut, "{context}");
            assert_eq!(outcomes(&real), outcomes(&predicted), "{context}");
            assert!(outcomes(&real).contains(&Outcome::Cancelled), "{context}");
            assert_eq!(
                recorded.handle.live_timers(),
                0,
                "{context}: timers left behind"
            );
        }
    }
}

/// A task that fails its first attempts retries after a doubling backoff, in both real runs: each
/// attempt is reported, the caller hears only of the last, and a deadline in a backoff cancels it.
#[wasm_bindgen_test]
async fn failed_attempts_are_retried_in_the_real_runs_as_predicted() {
    let retrying = |mode, timeout_ms| Scenario {
        tasks: vec![
            task("flaky", 40).failing(100),
            task("b", 60),
            task("c", 30).failing(50),
        ],
        mode,
        timeout_ms,
        retry: RetryPolicy {
            retries: 2,
            backoff_ms: 30,
        },
        program_exits: false,
        caller: Default::default(),
        seed: 9,
        ..Scenario::default()
    };
    for (mode, timeout_ms) in [(Mode::JoinAll, None), (Mode::AllSettled, Some(90))] {
        let scenario = retrying(mode, timeout_ms);
        for language in [Language::Rust, Language::JavaScript] {
            let context = format!("{mode} {language}");
            let (real, recorded) = run_to_done(&scenario, language).await;
            let predicted = simulate(&scenario, language);
            assert_eq!(outcomes(&real), outcomes(&predicted), "{context}");
            assert_eq!(real.resume.received, predicted.resume.received, "{context}");
            let attempts = |timeline: &Timeline| -> Vec<usize> {
                timeline
                    .tasks
                    .iter()
                    .map(|task| task.attempt_count())
                    .collect()
            };
            assert_eq!(attempts(&real), attempts(&predicted), "{context}");
            assert!(attempts(&real)[0] > 1, "{context}: flaky retried");
            assert_eq!(
                recorded.handle.live_timers(),
                0,
                "{context}: timers left behind"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn csharp_and_python_replay_the_simulation_live() {
    for language in [Language::CSharp, Language::Python] {
        let scenario = &scenarios()[1];
        let (real, recorded) = run_to_done(scenario, language).await;
        assert_eq!(recorded.handle.engine, Engine::SimulatedLive);
        assert_eq!(
            outcomes(&real),
            outcomes(&simulate(scenario, language)),
            "{language}"
        );
    }
}

#[wasm_bindgen_test]
async fn join_all_is_really_concurrent() {
    let scenario = Scenario {
        tasks: vec![TaskSpec::io(None, 60); 10],
        ..Scenario::default()
    };
    for language in [Language::Rust, Language::JavaScript] {
        let (real, _) = run_to_done(&scenario, language).await;
        let totals = real.totals();
        assert!(
            totals.resumed_at_ms < totals.sum_of_delays_ms / 2.0,
            "{language}: {} ms is not well under the sum {} ms",
            totals.resumed_at_ms,
            totals.sum_of_delays_ms
        );
    }
}

#[wasm_bindgen_test]
async fn cpu_bound_work_delays_a_concurrent_timer() {
    let scenario = Scenario {
        tasks: vec![task("io", 30), task("parse", 120).cpu()],
        mode: Mode::JoinAll,
        ..Scenario::default()
    };
    for language in [Language::Rust, Language::JavaScript] {
        let (real, _) = run_to_done(&scenario, language).await;
        let io_end = real.tasks[0].span.unwrap().end_ms;
        let parse_end = real.tasks[1].span.unwrap().end_ms;
        assert!(io_end >= parse_end, "{language}: the 30 ms timer fired at {io_end} ms, before blocking work ended at {parse_end} ms");
        assert!(
            real.tasks[0].lateness_ms().unwrap() > 60.0,
            "{language}: the timer was not late"
        );
    }
}

#[wasm_bindgen_test]
async fn cancelling_mid_run_emits_nothing_more_and_clears_every_timer() {
    let scenario = Scenario {
        tasks: vec![TaskSpec::io(None, 200); 5],
        mode: Mode::JoinAll,
        ..Scenario::default()
    };
    for language in [Language::Rust, Language::JavaScript, Language::Python] {
        let mut recorded = start(&scenario, language);
        TimeoutFuture::new(30).await;
        assert!(
            recorded.handle.live_timers() > 0,
            "{language}: timers pending mid-run"
        );
        let seen = recorded.events.borrow().len();
        recorded.handle.cancel();
        TimeoutFuture::new(300).await;
        assert_eq!(
            recorded.events.borrow().len(),
            seen,
            "{language}: events after cancel"
        );
        assert_eq!(
            recorded.handle.live_timers(),
            0,
            "{language}: timers left behind"
        );
        assert!(!recorded.recorder.borrow().done);
    }
}

#[wasm_bindgen_test]
async fn promise_all_rejects_at_the_first_failure_while_the_others_settle_later() {
    let scenario = Scenario {
        tasks: vec![task("a", 200), task("db", 50).failing(100), task("c", 300)],
        mode: Mode::JoinAll,
        ..Scenario::default()
    };
    let (real, recorded) = run_to_done(&scenario, Language::JavaScript).await;
    assert_eq!(real.resume.received, Received::Error { task: 1 });
    let resumed_at = real.resume.at_ms;
    let finished_later: Vec<u32> = recorded
        .events
        .borrow()
        .iter()
        .filter(|event| event.at_ms > resumed_at)
        .filter_map(|event| match event.kind {
            EventKind::TaskFinished { task, .. } => Some(task),
            _ => None,
        })
        .collect();
    assert_eq!(
        finished_later,
        [0, 2],
        "the other promises still settled after the rejection"
    );
    assert_eq!(
        outcomes(&real),
        [Outcome::Abandoned, Outcome::Error, Outcome::Abandoned]
    );
}

/// A JavaScript caller that spins on its promise: the spin holds this page's thread, so the promise
/// cannot settle while it runs; it gives up at the cap with every timer cleared. A Rust caller that
/// blocks is simulated, since WebAssembly here cannot block a thread.
#[wasm_bindgen_test]
async fn a_blocking_caller_spins_in_javascript_and_is_simulated_in_rust() {
    use async_playground::domain::model::caller_setup::{CallerSetup, Wait};
    let scenario = Scenario {
        tasks: vec![task("fetch", 300), task("render", 50).cpu()],
        mode: Mode::JoinAll,
        caller: CallerSetup {
            wait: Wait::Block,
            ..CallerSetup::default()
        },
        ..Scenario::default()
    };
    let (real, recorded) = run_to_done(&scenario, Language::JavaScript).await;
    assert_eq!(recorded.handle.engine, Engine::JsPromises);
    assert_eq!(real.resume.received, Received::NeverResumed);
    assert!(real.resume.at_ms >= 1000.0, "{}", real.resume.at_ms);
    // Nobody moved on: the task the spin kept from its timer hung, as the prediction says.
    assert_eq!(outcomes(&real), [Outcome::Hung, Outcome::Ok]);
    assert_eq!(recorded.handle.live_timers(), 0, "no timer is left behind");
    let (_, rust) = run_to_done(&scenario, Language::Rust).await;
    assert_eq!(rust.handle.engine, Engine::SimulatedLive);
}
