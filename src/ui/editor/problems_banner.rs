//! What was wrong with the link the page was opened with: each bad part named, the rest kept.

use yew::prelude::*;

use crate::domain::model::problem::Problem;

pub struct ProblemsBannerProps {
    pub problems: Vec<Problem>,
    pub on_dismiss: Callback<()>,
}

/// A function, not a component: it has no state, and each component costs the page's wasm most of
/// a kilobyte.
pub fn problems_banner(props: &ProblemsBannerProps) -> Html {
    if props.problems.is_empty() {
        return html! {};
    }
    let dismiss = {
        let on_dismiss = props.on_dismiss.clone();
        Callback::from(move |_: MouseEvent| on_dismiss.emit(()))
    };
    html! {
        <div class="problems-banner" role="alert">
            <p class="problems-title">{"Parts of this link could not be used; the playground kept everything else:"}</p>
            <ul>{ for props.problems.iter().map(|problem| html! { <li>{problem.message.clone()}</li> }) }</ul>
            <button type="button" class="ghost" onclick={dismiss}>{"Dismiss"}</button>
        </div>
    }
}
