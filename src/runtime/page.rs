//! The page around the app: its static header and mount point, the address it was opened at, its theme
//! attribute, and the clipboard.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::model::display::Theme;

/// The page's query string (with its `?`), or "" outside a browser.
pub fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Where the app mounts: `#app` in `index.html`.
pub fn app_root() -> Option<web_sys::Element> {
    document()?.get_element_by_id("app")
}

/// Lay the page out for an iframe or not: the root's `data-embed` has the style sheet show nothing of
/// the static site header but its heading, to screen readers, and the body take its content's height
/// rather than the frame's. `index.html` already guessed it from the URL before the first paint; this
/// is the URL codec's final word.
pub fn set_embedded(embedded: bool) {
    let Some(document) = document() else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = if embedded {
            root.set_attribute("data-embed", "")
        } else {
            root.remove_attribute("data-embed")
        };
    }
}

/// Apply `theme=`: `auto` follows `prefers-color-scheme`, the others override it.
pub fn set_theme(theme: Theme) {
    let Some(root) = document().and_then(|d| d.document_element()) else {
        return;
    };
    let _ = match theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        Theme::Light => root.set_attribute("data-theme", "light"),
        Theme::Dark => root.set_attribute("data-theme", "dark"),
    };
}

/// Put `text` on the clipboard. Fails where the browser refuses (an insecure page, a denied permission).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|error| {
            error
                .as_string()
                .unwrap_or_else(|| "the browser refused access to the clipboard".to_owned())
        })
}

/// The page's address without its query: where shared links point, whatever sub-path it is served from.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| {
            let location = w.location();
            Some(format!(
                "{}{}",
                location.origin().ok()?,
                location.pathname().ok()?
            ))
        })
        .unwrap_or_default()
}

/// Show `query` in the address bar without adding a history entry.
pub fn replace_query(query: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?{query}")),
        );
    }
}

/// Offer `file`, a text or an array of bytes, as a file to save.
pub fn download_file(filename: &str, mime: &str, file: &JsValue) -> Result<(), String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(file);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options)
        .map_err(|_| "could not make a file")?;
    let document = document().ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "could not make a download")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into().ok())
        .ok_or("the browser would not make a link")?;
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
