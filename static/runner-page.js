// The runner (see src/runtime/runner_door.rs), on the page's own thread: the page adds this script
// after the wasm-bindgen glue Trunk built from src/bin/runner.rs, whose `wasm_bindgen` it starts.
// The wasm's start function offers the page its engines; then this says so, or why it could not.
wasm_bindgen({ module_or_path: "./runner_bg.wasm" }).then(
  () => dispatchEvent(new Event("asyncplaygroundrunner")),
  (error) => dispatchEvent(new CustomEvent("asyncplaygroundrunnerfailed", { detail: String(error) })),
);
