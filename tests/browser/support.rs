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
