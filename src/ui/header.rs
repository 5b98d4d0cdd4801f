//! The page header: the product's name and what it is for, in one line.

use yew::prelude::*;

#[component]
pub fn Header() -> Html {
    html! {
        <header class="site-header">
            <a class="skip-link" href="#main">{"Skip to the playground"}</a>
            <div class="brand">
                <img class="brand-mark" src="favicon.svg" alt="" width="28" height="28" />
                <h1 class="brand-name">{"Async Playground"}</h1>
            </div>
            <p class="tagline">
                {"See "}<code>{"join_all"}</code>{", "}<code>{"Task.WhenAll"}</code>{", "}
                <code>{"Promise.all"}</code>{" and "}<code>{"asyncio.gather"}</code>
                {" run for real on your browser's event loop."}
            </p>
        </header>
    }
}
