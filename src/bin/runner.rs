//! The runner: Trunk builds this binary to a wasm that the page loads on its own thread once it is
//! interactive, so the engines that run scenarios for real (Rust futures, JavaScript promises) are
//! not in the page's first load (see `src/runtime/runner_door.rs`).

#![warn(clippy::too_many_lines)]

#[cfg(target_arch = "wasm32")]
fn main() {
    async_playground::runtime::runner_door::serve();
}

/// Natively there is no page to run in; the `asyncplay` CLI simulates instead.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("runner is the page's engine for real runs: serve the app with `scripts/serve` (see README.md), or run `asyncplay`.");
    std::process::exit(2);
}
