//! Async Playground: make async concurrency visible by running tasks for real on the browser's event loop.
//!
//! The crate is layered so that arrows point one way, `ui -> runtime -> domain`:
//! - [`domain`] is pure Rust with no browser crate, tested natively and shared with the CLI;
//! - [`runtime`] runs scenarios for real and talks to the browser (clock, timers, panic reporting);
//! - `ui` holds the Yew components;
//! - [`differential`] (native only) runs generated programs in the real runtimes against [`domain`];
//! - [`publish`] (native only) turns `asyncplay` blocks in Markdown and mdBook into pictures.
//!
//! `ui` and the browser-bound parts of `runtime` exist only on `wasm32`, where the browser crates are.

#![warn(clippy::too_many_lines)]

pub mod domain;
pub mod runtime;

#[cfg(not(target_arch = "wasm32"))]
pub mod differential;
#[cfg(not(target_arch = "wasm32"))]
pub mod publish;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Every wasm this crate builds (the page, the writer, the browser tests) allocates with Talc: smaller
/// than Rust's default dlmalloc by 2.7 kB gzip of the page's budget, and faster.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
