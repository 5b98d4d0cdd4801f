//! Helpers for mounting components into a fresh element and reading the result.

use std::time::Duration;

use web_sys::Element;
use yew::BaseComponent;

/// A new, empty element appended to the body, so tests never see each other's DOM.
pub fn fresh_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Mount `C` into a fresh root and wait until Yew has rendered it.
pub async fn render<C>() -> Element
where
    C: BaseComponent,
    C::Properties: Default,
{
    let root = fresh_root();
    yew::Renderer::<C>::with_root(root.clone()).render();
    yew::platform::time::sleep(Duration::ZERO).await;
    root
}

/// Wait until `root` holds `selector` (parts of the app render a task after the first render, and
/// a debug build renders slowly), for at most five seconds.
pub async fn rendered(root: &Element, selector: &str) {
    for _ in 0..500 {
        if root.query_selector(selector).ok().flatten().is_some() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
}
