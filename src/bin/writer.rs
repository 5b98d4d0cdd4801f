//! The writer: Trunk builds this binary to a second wasm that the page runs in a Web Worker, so the
//! program generators and the exports load only when the code panel or a download needs them.

#![warn(clippy::too_many_lines)]

#[cfg(target_arch = "wasm32")]
fn main() {
    async_playground::runtime::writer::serve();
}

/// Natively there is no page and no worker; the `asyncplay` CLI writes programs instead.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("writer is the page's Web Worker: serve the app with `scripts/serve` (see README.md), or run `asyncplay --format program`.");
    std::process::exit(2);
}
