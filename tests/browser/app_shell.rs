//! The app shell renders the three named regions later features fill; the page header is static HTML.

use async_playground::ui::app::App;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{render, rendered};

#[wasm_bindgen_test]
async fn the_app_adds_no_h1_to_the_static_headers_one() {
    let root = render::<App>().await;
    assert_eq!(root.query_selector_all("h1").unwrap().length(), 0);
}

#[wasm_bindgen_test]
async fn each_region_is_a_section_named_by_its_heading() {
    let root = render::<App>().await;
    rendered(&root, "section#code").await;
    for (id, title) in [
        ("scenario", "Scenario"),
        ("timeline", "Timeline"),
        ("code", "Code"),
    ] {
        let section = root
            .query_selector(&format!("section#{id}"))
            .unwrap()
            .unwrap_or_else(|| panic!("no section#{id}"));
        let heading_id = section
            .get_attribute("aria-labelledby")
            .expect("aria-labelledby");
        let heading = root
            .query_selector(&format!("#{heading_id}"))
            .unwrap()
            .expect("heading");
        assert_eq!(heading.text_content().unwrap(), title);
    }
}

#[wasm_bindgen_test]
async fn the_skip_link_target_is_the_apps_main_region() {
    let root = render::<App>().await;
    assert!(
        root.query_selector("main#main").unwrap().is_some(),
        "index.html's skip link points at #main"
    );
}
