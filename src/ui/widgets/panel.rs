//! A titled region of the page, named for assistive technology by its heading.

use yew::prelude::*;

/// The panel `id` titled `title` in the grid area `area` (`editor`, `timeline`, `code`), holding
/// `children`. A function, not a component: it has no state, and each component costs the page's
/// wasm most of a kilobyte.
pub fn panel(id: &str, title: &str, area: &str, children: Html) -> Html {
    let heading_id = format!("{id}-heading");
    html! {
        <section id={id.to_owned()} class={format!("panel area-{area}")} aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id} class="panel-title">{title.to_owned()}</h2>
            { children }
        </section>
    }
}
