//! Async Playground: make async concurrency visible by running tasks for real on the browser's event loop.
//!
//! The crate is layered so that arrows point one way, `ui -> runtime -> domain`:
//! - [`domain`] is pure Rust with no browser crate, tested natively and shared with the CLI;
//! - `runtime` talks to the browser (clock, timers, panic reporting);
//! - `ui` holds the Yew components.
//!
//! `runtime` and `ui` exist only on `wasm32`, where the browser crates are.

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod runtime;

#[cfg(target_arch = "wasm32")]
pub mod ui;
