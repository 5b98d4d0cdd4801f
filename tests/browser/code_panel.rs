//! The code panel gets its program from the program writer, a Web Worker. The test page has no such
//! worker, which is the case to prove here: the panel says why it has no program instead of waiting
//! forever or going blank. The written program itself is proven in the e2e tests on the real build.

use std::rc::Rc;
use std::time::Duration;

use async_playground::domain::language::Language;
use async_playground::domain::scenario::Scenario;
use async_playground::ui::code_panel::{CodePanel, CodePanelProps};
use wasm_bindgen_test::wasm_bindgen_test;
use yew::Callback;

use crate::support::fresh_root;

#[wasm_bindgen_test]
async fn without_its_worker_the_panel_says_it_could_not_write_the_program() {
    let root = fresh_root();
    let props = CodePanelProps {
        scenario: Rc::new(Scenario::default()),
        language: Language::Rust,
        on_language: Callback::noop(),
    };
    yew::Renderer::<CodePanel>::with_root_and_props(root.clone(), props).render();
    yew::platform::time::sleep(Duration::ZERO).await;
    // The panel asks for its program once it is in view; earlier tests' roots sit above this one.
    root.scroll_into_view();
    let status = || {
        root.query_selector(".code-actions .status")
            .unwrap()
            .expect("a status line")
            .text_content()
            .unwrap()
    };
    assert_eq!(status(), "Writing the program…");

    let mut waited = 0;
    while !status().starts_with("Could not write the program") {
        assert!(waited < 500, "still waiting: {}", status());
        yew::platform::time::sleep(Duration::from_millis(10)).await;
        waited += 1;
    }
    let copy = root
        .query_selector(".code-actions button")
        .unwrap()
        .expect("a copy button");
    assert!(copy.has_attribute("disabled"), "nothing to copy");
}
