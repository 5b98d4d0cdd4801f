// The image writer's Web Worker (see src/runtime/image_writer.rs): load the wasm-bindgen glue Trunk
// built from src/bin/images.rs, then its wasm, whose start function begins answering requests.
importScripts("./images.js");
wasm_bindgen({ module_or_path: "./images_bg.wasm" });
