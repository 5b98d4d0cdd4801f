//! The code panel: the program shows at once as plain text, and highlighted in a task of its own, so
//! the page's first render carries no thousands of token spans.

use std::rc::Rc;
use std::time::Duration;

use async_playground::domain::language::Language;
use async_playground::domain::scenario::Scenario;
use async_playground::ui::code_panel::{CodePanel, CodePanelProps};
use wasm_bindgen_test::wasm_bindgen_test;
use yew::Callback;

use crate::support::fresh_root;

#[wasm_bindgen_test]
async fn the_program_is_plain_text_first_then_the_same_text_highlighted() {
    let root = fresh_root();
    let props = CodePanelProps {
        scenario: Rc::new(Scenario::default()),
        language: Language::Rust,
        on_language: Callback::noop(),
    };
    yew::Renderer::<CodePanel>::with_root_and_props(root.clone(), props).render();
    yew::platform::time::sleep(Duration::ZERO).await;

    let code = root
        .query_selector("pre.code code")
        .unwrap()
        .expect("a code block");
    let plain = code.text_content().unwrap();
    assert!(
        plain.contains("join_all"),
        "the program is there before highlighting"
    );
    assert_eq!(
        code.query_selector_all("span").unwrap().length(),
        0,
        "no token spans in the first render"
    );

    let mut waited = 0;
    while code.query_selector("span.tok-keyword").unwrap().is_none() {
        assert!(waited < 500, "the highlighting never came");
        yew::platform::time::sleep(Duration::from_millis(10)).await;
        waited += 1;
    }
    assert_eq!(
        code.text_content().unwrap(),
        plain,
        "highlighting changes no character"
    );
}
