//! What the caller received, in the chosen language's words, with totals, the speed-up of a
//! comparison, and why a run's numbers may be off (a hidden tab, a simulated language).

use yew::prelude::*;

use crate::domain::explain::narration::describe;

use crate::ui::hooks::use_run::RunView;
use crate::ui::timelines::speed_up::speed_up;

pub struct ResultsProps {
    pub runs: Vec<RunView>,
    /// The runs are a mode and the same tasks one after another: say how much faster the first was.
    pub speed_up: bool,
}

/// A function, not a component: it has no state, and each component costs the page's wasm most of
/// a kilobyte.
pub fn results(props: &ResultsProps) -> Html {
    if props.runs.is_empty() {
        return html! {};
    }
    // One note per way of running: a comparison of languages mixes real runs and simulated ones.
    let mut engine_notes: Vec<String> = Vec::new();
    for run in &props.runs {
        let note = run.engine.description(run.language);
        if !engine_notes.contains(&note) {
            engine_notes.push(note);
        }
    }
    let sentences = props.runs.iter().filter(|run| run.done).map(|run| {
        html! { <p class="result-sentence">{describe(&run.scenario, &run.timeline)}</p> }
    });
    let speed_up = match (props.speed_up, props.runs.first(), props.runs.get(1)) {
        (true, Some(concurrent), Some(sequential)) if concurrent.done && sequential.done => {
            Some(html! {
                <p class="speed-up" aria-live="polite">
                    {speed_up(&concurrent.timeline, &sequential.timeline, concurrent.scenario.mode)}
                </p>
            })
        }
        _ => None,
    };
    html! {
        <section class="results" aria-label="Results" aria-live="polite">
            { speed_up.unwrap_or_default() }
            { for sentences }
            { for engine_notes.into_iter().map(|note| html! { <p class="engine-note">{note}</p> }) }
            if props.runs.iter().any(|run| run.throttled) {
                <p class="warning" role="status">
                    {"The page was hidden during this run, so the browser throttled its timers (to about once a second): its times are longer than the tasks' delays. Run it again with the tab visible."}
                </p>
            }
        </section>
    }
}
