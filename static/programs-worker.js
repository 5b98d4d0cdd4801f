// The program writer's Web Worker (see src/runtime/program_worker.rs): load the wasm-bindgen glue Trunk
// built from src/bin/programs.rs, then its wasm, whose start function begins answering requests.
importScripts("./programs.js");
wasm_bindgen({ module_or_path: "./programs_bg.wasm" });
