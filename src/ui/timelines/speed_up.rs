//! The comparison's sentence inside the caller's paragraph, in the words of `domain::speed_up`.

use yew::prelude::*;

use crate::domain::explain::speed_up::{comparison_phrases, Phrase};
use crate::domain::model::mode::Mode;
use crate::domain::model::timeline::Timeline;

/// The figures of a comparison, to go inside the caller's paragraph.
pub fn speed_up(concurrent: &Timeline, sequential: &Timeline, mode: Mode) -> Html {
    comparison_phrases(concurrent, sequential, mode)
        .into_iter()
        .map(|phrase| match phrase {
            Phrase::Words(words) => html! { {words} },
            Phrase::Figure(figure) => html! { <span class="figure">{figure}</span> },
            Phrase::Claim(claim) => html! { <strong>{claim}</strong> },
        })
        .collect()
}
