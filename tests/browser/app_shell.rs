//! The app shell renders its header and the three named regions later features fill.

use async_playground::ui::app::App;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::render;

#[wasm_bindgen_test]
async fn shell_has_the_product_name_as_its_only_h1() {
    let root = render::<App>().await;
    let headings = root.query_selector_all("h1").unwrap();
    assert_eq!(headings.length(), 1);
    assert_eq!(headings.get(0).unwrap().text_content().unwrap(), "Async Playground");
}

#[wasm_bindgen_test]
async fn each_region_is_a_section_named_by_its_heading() {
    let root = render::<App>().await;
    for (id, title) in [("scenario", "Scenario"), ("timeline", "Timeline"), ("code", "Code")] {
        let section = root
            .query_selector(&format!("section#{id}"))
            .unwrap()
            .unwrap_or_else(|| panic!("no section#{id}"));
        let heading_id = section.get_attribute("aria-labelledby").expect("aria-labelledby");
        let heading = root.query_selector(&format!("#{heading_id}")).unwrap().expect("heading");
        assert_eq!(heading.text_content().unwrap(), title);
    }
}

#[wasm_bindgen_test]
async fn skip_link_targets_the_main_region() {
    let root = render::<App>().await;
    let link = root.query_selector("a.skip-link").unwrap().expect("skip link");
    let target = link.get_attribute("href").unwrap();
    assert_eq!(target, "#main");
    assert!(root.query_selector("main#main").unwrap().is_some());
}
