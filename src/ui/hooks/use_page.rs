//! `use_page`: what the app asks of the page around it: the theme, the keyboard's shortcuts, the
//! address bar kept current,
//! an autorun once the page (or the iframe) is first in view, an embed's height reported to the
//! page that frames it, each kind of run rehearsed before it is first run, and a live run's motion
//! pinned to its clock after each redraw.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::domain::link::url_codec::{encode, MAX_URL_CHARS};

use crate::domain::model::display::DisplayOptions;
use crate::domain::model::scenario::Scenario;
use crate::domain::page::playground_state::{Action, PlaygroundState};
use crate::domain::semantics::blocking::caller_blocks;
use crate::runtime::embedding::{report_height_to_parent, when_first_visible};
use crate::runtime::live_motion::pin_live_motion;
use crate::runtime::page::{replace_query, set_embedded, set_theme};
use crate::runtime::writer::write_lesson;

use crate::ui::hooks::use_run::RunController;
use crate::ui::hooks::use_shortcuts::{listen_for_shortcuts, ShortcutTarget};

/// Typing in a field should not flood the history API: the address bar is written this long after
/// the scenario last changed.
const ADDRESS_DEBOUNCE_MS: u32 = 250;

/// The address bar, which always holds the current scenario, so copying it shares it.
#[derive(Default)]
struct AddressBar {
    /// The query it was last asked to show.
    shown: String,
    /// The write waiting out the debounce; replacing it cancels it.
    pending: Option<Timeout>,
}

impl AddressBar {
    /// Write `scenario` and `display` into the address bar with `history.replaceState`, debounced,
    /// unless it already shows them (a render that changed neither, such as a frame of a replay).
    fn follow(&mut self, scenario: &Scenario, display: DisplayOptions) {
        let query = encode(scenario, &display);
        if query == self.shown {
            return;
        }
        self.shown.clone_from(&query);
        self.pending = (query.len() <= MAX_URL_CHARS)
            .then(|| Timeout::new(ADDRESS_DEBOUNCE_MS, move || replace_query(&query)));
    }
}

#[hook]
pub fn use_page(
    state: &UseReducerHandle<PlaygroundState>,
    runs: &RunController,
    root: &NodeRef,
    shortcuts: &ShortcutTarget,
) {
    // The theme, autorun and embed come from the link the page opened with, and nothing changes
    // them: set up after the app first renders, and kept for the page's life. The rest follows
    // each render, from one effect: every hook costs the page's wasm most of a kilobyte.
    let kept = use_mut_ref(|| None);
    let address = use_mut_ref(AddressBar::default);
    let (runs, state, root, shortcuts) =
        (runs.clone(), state.clone(), root.clone(), shortcuts.clone());
    use_effect(move || {
        let display = state.display;
        address.borrow_mut().follow(&state.scenario, display);
        // Each kind of run is rehearsed before it is first run (a rehearsal is cheap to skip).
        runs.rehearse(&state.scenario, display.language);
        if runs.is_live() {
            if let Some(document) = web_sys::window().and_then(|window| window.document()) {
                pin_live_motion(&document);
            }
        }
        let mut kept = kept.borrow_mut();
        if kept.is_some() {
            return;
        }
        set_theme(display.theme);
        set_embedded(display.embed);
        // A link to a preset shows its lesson, which the writer hands over.
        if let Some((preset, None)) = &state.lesson {
            ask_for_the_lesson(*preset, &state.dispatcher().into());
        }
        let height_reports = display.embed.then(report_height_to_parent).flatten();
        // autorun=1: hidden iframes are throttled, so the run waits until it can be seen. An embed
        // never starts a blocking caller by itself: on Android a cross-site iframe may share the
        // host page's thread, which a spin would hold.
        let autoruns = display.autorun && !(display.embed && caller_blocks(&state.scenario));
        let autorun = match (autoruns, root.cast::<web_sys::Element>()) {
            (true, Some(element)) => {
                let run = move || runs.run(&state.scenario, display.language, display.compare);
                when_first_visible(&element, run)
            }
            _ => None,
        };
        *kept = Some((height_reports, autorun, listen_for_shortcuts(shortcuts)));
    });
}

/// Ask the writer for preset `preset`'s lesson, which arrives as an action on the state.
pub fn ask_for_the_lesson(preset: usize, on_edit: &Callback<Action>) {
    let on_edit = on_edit.clone();
    write_lesson(preset, move |text| {
        if let Some(text) = text {
            on_edit.emit(Action::LessonArrived(preset, text.into()));
        }
    });
}
