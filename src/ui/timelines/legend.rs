//! The timeline's legend: each outcome's glyph, colour and words, from the one outcome table. A plain
//! function, not a component: it has no state, and each component costs the wasm its own lifecycle code.

use yew::prelude::*;

use crate::domain::look::outcome_style::{outcome_style, LEGEND};

pub fn legend() -> Html {
    html! {
        <ul class="legend" aria-label="Legend">
            { for LEGEND.iter().map(|&outcome| {
                let style = outcome_style(outcome);
                html! {
                    <li>
                        <span class={format!("swatch bar-{}", outcome.name())}>{style.symbol}</span>
                        {style.legend_text()}
                    </li>
                }
            }) }
        </ul>
    }
}
