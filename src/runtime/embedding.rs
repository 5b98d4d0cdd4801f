//! Living inside someone else's page: tell the host how tall the content is, and notice when the
//! iframe scrolls into view (off-screen cross-origin iframes have their timers throttled, so an embed
//! must not run before it is seen).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::pictures::embed_code::HEIGHT_MESSAGE;

/// Keeps an observer alive; dropping it stops observing.
pub struct Observation {
    disconnect: Box<dyn Fn()>,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Observation {
    fn drop(&mut self) {
        (self.disconnect)();
    }
}

/// Post `{type, height}` to the parent window whenever the content's height changes, growing or
/// shrinking. `None` when the page is not in a frame (or the browser lacks ResizeObserver).
///
/// The body is measured, not the document: the document is never shorter than the frame, so a
/// height read from it could only grow. An embedded body has no minimum height (see
/// [`set_embedded`](crate::runtime::page::set_embedded)).
pub fn report_height_to_parent() -> Option<Observation> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    if parent == window {
        return None;
    }
    let body = window.document()?.body()?;
    let measured = body.clone();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        let height = measured.get_bounding_client_rect().height().ceil();
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
        // Any host may embed us, and the height is no secret.
        let _ = parent.post_message(&message, "*");
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&body);
    Some(Observation {
        disconnect: Box::new(move || observer.disconnect()),
        _callback: callback,
    })
}

/// Call `on_visible` once, the first time `element` is at least partly in view.
pub fn when_first_visible(
    element: &web_sys::Element,
    on_visible: impl FnOnce() + 'static,
) -> Option<Observation> {
    let mut on_visible = Some(on_visible);
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let visible = entries.iter().any(|entry| {
            entry
                .dyn_into::<web_sys::IntersectionObserverEntry>()
                .is_ok_and(|entry| entry.is_intersecting())
        });
        if visible {
            if let Some(on_visible) = on_visible.take() {
                on_visible();
            }
        }
    });
    let observer = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    Some(Observation {
        disconnect: Box::new(move || observer.disconnect()),
        _callback: callback,
    })
}
