//! The browser app's entry point: Trunk builds this binary to WebAssembly.

#[cfg(target_arch = "wasm32")]
fn main() {
    async_playground::runtime::panic_banner::install();
    yew::Renderer::<async_playground::ui::app::App>::new().render();
}

/// Natively there is no page to render; say where the app lives instead of failing silently.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("async-playground is a browser app: serve it with `scripts/dev serve` (see README.md).");
    std::process::exit(2);
}
