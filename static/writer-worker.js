// The writer's Web Worker (see src/runtime/writer.rs): load the wasm-bindgen glue Trunk built from
// src/bin/writer.rs, then its wasm, whose start function begins answering requests.
importScripts("./writer.js");
wasm_bindgen({ module_or_path: "./writer_bg.wasm" });
