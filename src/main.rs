//! The browser app's entry point: Trunk builds this binary to WebAssembly.

#![warn(clippy::too_many_lines)]

#[cfg(target_arch = "wasm32")]
fn main() {
    async_playground::runtime::panic_banner::install();
    // Starting the wasm and the first render are separate tasks, so that on a slow phone neither
    // blocks the page for as long as both would (Lighthouse counts each task's time past 50 ms).
    gloo_timers::callback::Timeout::new(0, || {
        // Into index.html's #app, below its static header; the body itself if the page lacks one.
        match async_playground::runtime::page::app_root() {
            Some(root) => yew::Renderer::<async_playground::ui::app::App>::with_root(root).render(),
            None => yew::Renderer::<async_playground::ui::app::App>::new().render(),
        };
    })
    .forget();
}

/// Natively there is no page to render; say where the app lives instead of failing silently.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("async-playground is a browser app: serve it with `scripts/serve` (see README.md).");
    std::process::exit(2);
}
