//! Browser tests: runtime/ and ui/ inside a real page in headless Chromium (`wasm-bindgen-test`).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod app_shell;
mod draws;
mod panic_banner;
mod runners;
mod support;
mod writer;
