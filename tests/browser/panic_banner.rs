//! A panic becomes a visible alert, and its message is shown as text even when it quotes markup.

use async_playground::runtime::panic_banner::{self, BANNER_ID};
use wasm_bindgen_test::wasm_bindgen_test;

fn banner() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    document.get_element_by_id(BANNER_ID).expect("banner shown")
}

#[wasm_bindgen_test]
fn banner_is_an_alert_with_the_message() {
    panic_banner::show("index out of bounds");
    let banner = banner();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(banner
        .text_content()
        .unwrap()
        .contains("index out of bounds"));
}

#[wasm_bindgen_test]
fn markup_in_the_message_stays_text() {
    panic_banner::show("label <img src=x onerror=alert(1)> failed");
    let banner = banner();
    assert_eq!(
        banner.child_element_count(),
        0,
        "the message must not become elements"
    );
    assert!(banner
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
}

#[wasm_bindgen_test]
fn a_second_panic_reuses_the_banner() {
    panic_banner::show("first");
    panic_banner::show("second");
    let document = web_sys::window().unwrap().document().unwrap();
    let banners = document
        .query_selector_all(&format!("#{BANNER_ID}"))
        .unwrap();
    assert_eq!(banners.length(), 1);
    assert!(banner().text_content().unwrap().contains("second"));
}
