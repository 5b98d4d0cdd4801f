//! `use_page`: what the app asks of the page around it: the theme, the address bar kept current,
//! an autorun once the page (or the iframe) is first in view, and an embed's height reported to the
//! page that frames it.

use yew::prelude::*;

use crate::domain::blocking::caller_blocks;
use crate::domain::playground_state::PlaygroundState;
use crate::runtime::embedding::{report_height_to_parent, when_first_visible};
use crate::runtime::page::{set_embedded, set_theme};

use super::preset_picker::ask_for_the_lesson;
use super::use_run::RunController;
use super::use_url_sync::use_url_sync;

#[hook]
pub fn use_page(state: &UseReducerHandle<PlaygroundState>, runs: &RunController, root: &NodeRef) {
    use_url_sync(&state.scenario, &state.display);
    // The theme, autorun and embed come from the link the page opened with, and nothing changes
    // them: one effect when the app first renders, which keeps what it starts for the page's life.
    let kept = use_mut_ref(|| (None, None));
    let (runs, state, root) = (runs.clone(), state.clone(), root.clone());
    use_effect_with((), move |()| {
        let display = state.display;
        set_theme(display.theme);
        set_embedded(display.embed);
        // A link to a preset shows its lesson, which the writer hands over.
        if let Some((preset, None)) = &state.lesson {
            ask_for_the_lesson(*preset, &state.dispatcher().into());
        }
        let mut kept = kept.borrow_mut();
        if display.embed {
            kept.0 = report_height_to_parent();
        }
        // autorun=1: hidden iframes are throttled, so the run waits until it can be seen. An embed
        // never starts a blocking caller by itself: on Android a cross-site iframe may share the
        // host page's thread, which a spin would hold.
        let autoruns = display.autorun && !(display.embed && caller_blocks(&state.scenario));
        if let (true, Some(element)) = (autoruns, root.cast::<web_sys::Element>()) {
            let run = move || runs.run(&state.scenario, display.language, display.compare);
            kept.1 = when_first_visible(&element, run);
        }
    });
}
