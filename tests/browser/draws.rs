//! Seeded draws in wasm32 equal the native ones, so a shared link fails the same tasks everywhere.

use async_playground::domain::model::draws::pinned;
use async_playground::domain::model::language::Language;
use async_playground::domain::model::mode::Mode;
use async_playground::domain::model::scenario::Scenario;
use async_playground::domain::simulator::simulate;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn draws_match_the_values_pinned_natively() {
    assert_eq!(pinned::sample(), pinned::SEED_42);
}

#[wasm_bindgen_test]
fn the_simulator_gives_the_canonical_totals_in_wasm() {
    // tokio's timers end a millisecond after they are due.
    let mut scenario = Scenario::default();
    assert_eq!(simulate(&scenario, Language::Rust).resume.at_ms, 501.0);
    scenario.mode = Mode::Sequential;
    assert_eq!(simulate(&scenario, Language::Rust).resume.at_ms, 5010.0);
}
