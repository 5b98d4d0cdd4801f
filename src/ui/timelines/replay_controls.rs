//! Replay of a finished run: play or pause, scrub, step between events, and speed.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::domain::basics::decimal::{fixed, time_label, trimmed};

use crate::domain::page::playhead::{Towards, SPEEDS};

use crate::ui::hooks::use_replay::ReplayController;

pub struct ReplayControlsProps {
    pub replay: ReplayController,
    /// Bumped on every render so the controls show the playhead's latest position.
    pub t: f64,
}

/// A function, not a component: it has no state, and each component costs the page's wasm most of
/// a kilobyte.
pub fn replay_controls(props: &ReplayControlsProps) -> Html {
    let replay = props.replay.clone();
    let (end, playing, speed) = (replay.end(), replay.playing(), replay.speed());
    let click = |action: fn(&ReplayController)| {
        let replay = replay.clone();
        Callback::from(move |_: MouseEvent| action(&replay))
    };
    let on_scrub = {
        let replay = replay.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            // The browser parses the number, so no float parser is linked into the wasm.
            let t = input.value_as_number();
            if t.is_finite() {
                replay.seek(t);
            }
        })
    };
    let on_speed = {
        let replay = replay.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Some(&speed) = usize::try_from(select.selected_index())
                .ok()
                .and_then(|index| SPEEDS.get(index))
            {
                replay.set_speed(speed);
            }
        })
    };
    html! {
        <div class="replay-controls" role="group" aria-label="Replay">
            <button type="button" onclick={click(|r| r.step(Towards::Back))} aria-label="Previous event" aria-keyshortcuts="ArrowLeft">{"←"}</button>
            <button type="button" class="play" onclick={click(ReplayController::toggle)} aria-keyshortcuts="Space">
                { if playing { "Pause" } else { "Replay" } }
            </button>
            <button type="button" onclick={click(|r| r.step(Towards::On))} aria-label="Next event" aria-keyshortcuts="ArrowRight">{"→"}</button>
            <input type="range" class="scrubber" min="0" max={fixed(end, 3).to_string()} step="any" value={fixed(props.t, 3).to_string()}
                aria-label="Replay position" aria-valuetext={format!("{} of {}", time_label(props.t), time_label(end))} oninput={on_scrub} />
            <output class="replay-time">{format!("{} / {}", time_label(props.t), time_label(end))}</output>
            <label class="speed">
                {"Speed"}
                <select onchange={on_speed}>
                    { for SPEEDS.iter().map(|&s| html! {
                        <option value={trimmed(s, 2).to_string()} selected={(s - speed).abs() < 1e-9}>{format!("{}×", trimmed(s, 2))}</option>
                    }) }
                </select>
            </label>
        </div>
    }
}
