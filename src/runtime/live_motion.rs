//! Pins the CSS animations of a live run to the run's own clock, so its running bars and its cursor
//! reach "now" at every instant without the page redrawing them.
//!
//! The compositor runs these animations (they move and scale, nothing else), so a live run's drawing
//! costs its thread nothing between redraws. A CSS animation starts when its element is styled, which
//! is whenever the page happened to redraw; each element names in `data-since` the instant, in ms of
//! `performance.now()` (the clock of the document's timeline), that its animation stands for, and its
//! start time is set to that.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The value at `path` under `value`, through plain property reads: the Web Animations API is here
/// read and written by name, which keeps its bindings out of the page's wasm.
fn property(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |value, key| {
        Reflect::get(&value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    })
}

/// Set the start time of every animation in the document whose element carries `data-since`. The
/// attribute's text is given as it is: the browser reads a start time from text as a number.
/// Setting an animation's start time to the one it has changes nothing on screen.
pub fn pin_live_motion(document: &web_sys::Document) {
    // A browser without the Web Animations API has no `getAnimations`: the call fails, and the
    // animations start as the page draws them.
    let get_animations: Function = property(document, &["getAnimations"]).unchecked_into();
    let Ok(animations) = get_animations.call0(document) else {
        return;
    };
    for animation in Array::from(&animations).iter() {
        let since = property(&animation, &["effect", "target", "dataset", "since"]);
        if since.is_string() {
            let _ = Reflect::set(&animation, &JsValue::from_str("startTime"), &since);
        }
    }
}
