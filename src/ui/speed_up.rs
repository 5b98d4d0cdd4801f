//! The comparison's figures inside the caller's paragraph, from `domain::speed_up`.

use yew::prelude::*;

use crate::domain::mode::Mode;
use crate::domain::speed_up::SpeedUp;
use crate::domain::timeline::Timeline;

/// The figures of a comparison, to go inside the caller's paragraph.
pub fn speed_up(concurrent: &Timeline, sequential: &Timeline, mode: Mode) -> Html {
    let SpeedUp {
        sequential,
        sequential_note,
        concurrent,
        concurrent_note,
        faster,
    } = crate::domain::speed_up::speed_up(concurrent, sequential, mode);
    html! {
        <>
            <span class="figure">{sequential}</span>
            {format!(" one after another{sequential_note} · ")}
            <span class="figure">{concurrent}</span>
            {format!(" with {mode}{concurrent_note}")}
            if let Some(faster) = faster {
                {" · "}<strong>{faster}</strong>
            }
        </>
    }
}
