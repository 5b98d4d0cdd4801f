//! The program writer: Trunk builds this binary to a second wasm that the page runs in a Web Worker,
//! so the four program generators load only when the code panel needs them.

#[cfg(target_arch = "wasm32")]
fn main() {
    async_playground::runtime::program_worker::serve();
}

/// Natively there is no page and no worker; the `asyncplay` CLI writes programs instead.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("programs is the page's Web Worker: serve the app with `scripts/serve` (see README.md), or run `asyncplay --format program`.");
    std::process::exit(2);
}
