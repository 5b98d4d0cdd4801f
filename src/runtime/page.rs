//! The page around the app: the address it was opened at, its theme attribute, and the clipboard.

use wasm_bindgen_futures::JsFuture;

use crate::domain::url_codec::Theme;

/// The page's query string (with its `?`), or "" outside a browser.
pub fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Apply `theme=`: `auto` follows `prefers-color-scheme`, the others override it.
pub fn set_theme(theme: Theme) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
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
    let clipboard = web_sys::window().ok_or("no window")?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(|error| {
        error.as_string().unwrap_or_else(|| "the browser refused access to the clipboard".to_owned())
    })
}
