//! The image writer: Trunk builds this binary to a third wasm that the page runs in a Web Worker, so
//! the rasterizer, its fonts and the GIF and PNG encoders load only when one of those downloads is
//! asked for.

#![warn(clippy::too_many_lines)]

#[cfg(target_arch = "wasm32")]
fn main() {
    async_playground::runtime::image_writer::serve();
}

/// Natively there is no page and no worker; the `asyncplay` CLI draws pictures instead.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("images is the page's Web Worker: serve the app with `scripts/serve` (see README.md), or run `asyncplay --format gif`.");
    std::process::exit(2);
}
