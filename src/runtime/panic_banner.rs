//! A panic hook that shows the error on the page, so a bug reads as a message rather than a frozen screen.

use std::panic::{self, PanicHookInfo};

use wasm_bindgen::JsValue;

/// The element id of the banner, so tests and styles can find it.
pub const BANNER_ID: &str = "panic-banner";

/// Replace the default hook: log to the console as before, then put a visible alert on the page.
pub fn install() {
    panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        show(&message);
    }));
}

/// Show `message` in an alert banner at the top of the page. The text goes in as text, never as HTML,
/// because a panic message can quote user input such as a task label.
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let banner = match document.get_element_by_id(BANNER_ID) {
        Some(existing) => existing,
        None => {
            let Ok(created) = document.create_element("div") else {
                return;
            };
            created.set_id(BANNER_ID);
            let _ = created.set_attribute("role", "alert");
            let _ = body.prepend_with_node_1(&created);
            created
        }
    };
    banner.set_text_content(Some(&format!(
        "Async Playground hit a bug and stopped: {message}. Reloading the page usually recovers; \
         please report this message."
    )));
}
