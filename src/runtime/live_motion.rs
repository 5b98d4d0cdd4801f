//! Pins the CSS animations of a live run to the run's own clock, so its running bars and its cursor
//! reach "now" at every instant without the page redrawing them.
//!
//! The compositor runs these animations (they move and scale, nothing else), so a live run's drawing
//! costs its thread nothing between redraws. A CSS animation starts when its element is styled, which
//! is whenever the page happened to redraw; each element names in `data-since` the instant, in
//! microseconds of `performance.now()` (the clock of the document's timeline), that its animation
//! stands for, and its start time is set to that.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The value at `path` under `value`, through plain property reads: the Web Animations API is here
/// read and written by name, which keeps its bindings out of the page's wasm.
fn property(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |value, key| {
        Reflect::get(&value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    })
}

/// Set the start time of every animation in the document whose element carries `data-since`,
/// unless it is already there.
pub fn pin_live_motion(document: &web_sys::Document) {
    let Ok(get_animations) = property(document, &["getAnimations"]).dyn_into::<Function>() else {
        return;
    };
    let Ok(animations) = get_animations.call0(document) else {
        return;
    };
    for animation in Array::from(&animations).iter() {
        let since = property(&animation, &["effect", "target", "dataset", "since"]);
        let Some(since_us) = since.as_string().and_then(|text| text.parse::<u64>().ok()) else {
            continue;
        };
        let since_ms = JsValue::from_f64(since_us as f64 / 1000.0);
        if property(&animation, &["startTime"]) != since_ms {
            let _ = Reflect::set(&animation, &JsValue::from_str("startTime"), &since_ms);
        }
    }
}
