//! The image writer's side of its Web Worker: it draws the GIF and PNG downloads. Its rasterizer,
//! fonts and encoders are larger than the rest of the page, so they live in a wasm of their own
//! (`src/bin/images.rs`) that the page fetches only when one of those downloads is asked for. Drawing
//! in a worker keeps the page answering while a GIF encodes. The page asks it as it asks the writer,
//! with `writer::write_export`.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsValue;

use crate::domain::pictures::export::Export;

use super::workers;
use super::writer::{compared_runs_from, garbled};

/// The worker's answer to one request.
fn answer(request: &Array) -> Array {
    let id = request.get(0);
    let export = request
        .get(3)
        .as_f64()
        .and_then(|code| Export::from_code(code as u8));
    let drawn = export
        .zip(compared_runs_from(request))
        .and_then(|(export, runs)| export.draw(&runs));
    match drawn {
        Some(Ok(bytes)) => Array::of2(&id, &Uint8Array::from(&bytes[..])),
        Some(Err(reason)) => Array::of3(&id, &JsValue::UNDEFINED, &JsValue::from_str(&reason)),
        None => garbled(&id),
    }
}

/// The worker's side: answer every request.
pub fn serve() {
    workers::serve(answer);
}
