//! Seeded draws in wasm32 equal the native ones, so a shared link fails the same tasks everywhere.

use async_playground::domain::draws::draw_task;
use async_playground::domain::language::Language;
use async_playground::domain::mode::Mode;
use async_playground::domain::scenario::{Delay, Scenario, TaskSpec};
use async_playground::domain::simulator::simulate;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn draws_match_the_values_pinned_natively() {
    // The same literal values as PINNED_SEED_42 in src/domain/draws.rs, which native tests check.
    let task = TaskSpec {
        delay: Delay::Range { min: 0, max: 1000 },
        ..TaskSpec::io(None, 0)
    }
    .failing(50);
    let draws: Vec<(u32, bool)> = (0..4)
        .map(|i| draw_task(42, i, &task, 0))
        .map(|d| (d.delay_ms, d.fails))
        .collect();
    assert_eq!(draws, [(756, true), (897, true), (304, false), (227, true)]);
    let attempts: Vec<u8> = (0..4)
        .map(|i| draw_task(42, i, &task, 3).attempts)
        .collect();
    assert_eq!(attempts, [2, 3, 1, 2]);
}

#[wasm_bindgen_test]
fn the_simulator_gives_the_canonical_totals_in_wasm() {
    // tokio's timers end a millisecond after they are due.
    let mut scenario = Scenario::default();
    assert_eq!(simulate(&scenario, Language::Rust).resume.at_ms, 501.0);
    scenario.mode = Mode::Sequential;
    assert_eq!(simulate(&scenario, Language::Rust).resume.at_ms, 5010.0);
}
