//! The simulator's speed in WebAssembly (run under Node's V8, the engine Chromium uses), 1k to 1M tasks
//! per mode. Not part of the test command: `scripts/bench` runs it with
//! `cargo test --release --target wasm32-unknown-unknown --test wasm_simulator_bench -- --nocapture`
//! and reads the `SIMULATOR_WASM` lines it prints.
#![cfg(target_arch = "wasm32")]

use async_playground::domain::basics::named_choice::NamedChoice;
use async_playground::domain::model::language::Language;
use async_playground::domain::model::mode::Mode;
use async_playground::domain::model::presets::simulator_benchmark;
use async_playground::domain::simulator::simulate;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

fn now_ms() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap();
    let now = js_sys::Reflect::get(&performance, &"now".into()).unwrap();
    js_sys::Function::from(now)
        .call0(&performance)
        .unwrap()
        .as_f64()
        .unwrap()
}

#[wasm_bindgen_test]
fn simulator_speed_in_wasm() {
    for &mode in Mode::ALL {
        for tasks in [1_000usize, 10_000, 100_000, 1_000_000] {
            let scenario = simulator_benchmark(tasks, mode);
            let runs = if tasks >= 100_000 { 3 } else { 11 };
            let mut times: Vec<f64> = (0..runs)
                .map(|_| {
                    let start = now_ms();
                    let timeline = simulate(&scenario, Language::JavaScript);
                    assert_eq!(timeline.tasks.len(), tasks);
                    now_ms() - start
                })
                .collect();
            times.sort_by(f64::total_cmp);
            console_log!(
                "SIMULATOR_WASM {} {} {:.3}",
                mode.url_name(),
                tasks,
                times[times.len() / 2]
            );
        }
    }
}
