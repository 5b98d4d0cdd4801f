//! `use_page`: what the app asks of the page around it: the theme, the address bar kept current,
//! an autorun once the page (or the iframe) is first in view, and an embed's height reported to the
//! page that frames it.

use yew::prelude::*;

use crate::domain::playground_state::PlaygroundState;
use crate::runtime::embedding::{report_height_to_parent, when_first_visible};
use crate::runtime::page::{set_embedded, set_theme};

use super::use_run::RunController;
use super::use_url_sync::use_url_sync;

#[hook]
pub fn use_page(state: &UseReducerHandle<PlaygroundState>, runs: &RunController, root: &NodeRef) {
    use_effect_with(state.display.theme, |theme| set_theme(*theme));
    use_url_sync(&state.scenario, &state.display);
    {
        // autorun=1: hidden iframes are throttled, so the run waits until it can be seen.
        let (runs, state, root) = (runs.clone(), state.clone(), root.clone());
        let observation = use_mut_ref(|| None);
        use_effect_with(state.display.autorun, move |autorun| {
            if *autorun {
                if let Some(element) = root.cast::<web_sys::Element>() {
                    let display = state.display;
                    let run = move || runs.run(&state.scenario, display.language, display.compare);
                    *observation.borrow_mut() = when_first_visible(&element, run);
                }
            }
        });
    }
    let reporter = use_mut_ref(|| None);
    use_effect_with(state.display.embed, move |embed| {
        set_embedded(*embed);
        if *embed {
            *reporter.borrow_mut() = report_height_to_parent();
        }
    });
}
