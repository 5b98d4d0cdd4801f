//! A titled region of the page, named for assistive technology by its heading.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// Unique on the page; the heading's id derives from it.
    pub id: AttrValue,
    pub title: AttrValue,
    /// The CSS grid area the panel occupies (`editor`, `timeline`, `code`).
    pub area: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Panel(props: &PanelProps) -> Html {
    let heading_id = format!("{}-heading", props.id);
    html! {
        <section
            id={props.id.clone()}
            class={classes!("panel", format!("area-{}", props.area))}
            aria-labelledby={heading_id.clone()}
        >
            <h2 id={heading_id} class="panel-title">{props.title.clone()}</h2>
            { props.children.clone() }
        </section>
    }
}
