//! The page inside a blog post's iframe: Run, the timelines, the code on request, and a link to the
//! full app on the same scenario.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::link::url_codec::encode;

use crate::domain::model::display::DisplayOptions;
use crate::domain::model::scenario::Scenario;
use crate::runtime::page::page_address;

use crate::ui::hooks::use_replay::ReplayController;
use crate::ui::hooks::use_run::RunController;
use crate::ui::hooks::use_run_commands::RunCommands;

pub struct EmbedLayoutProps {
    pub scenario: Rc<Scenario>,
    pub display: DisplayOptions,
    /// The prediction, or the runs of the latest session.
    pub timelines: Html,
    pub has_session: bool,
    pub commands: RunCommands,
    /// A click on the timelines plays or pauses the replay of a finished run.
    pub replay: ReplayController,
    pub runs: RunController,
    pub root: NodeRef,
    /// The code panel, shown while open; it opens with `code=1`.
    pub code: Html,
    pub code_open: UseStateHandle<bool>,
}

/// The address of the full app on the same scenario, for "Open in Async Playground".
fn full_app_link(scenario: &Scenario, display: &DisplayOptions) -> String {
    let full = DisplayOptions {
        embed: false,
        autorun: false,
        code: false,
        ..*display
    };
    format!("{}?{}", page_address(), encode(scenario, &full))
}

/// A function, not a component: its one piece of state, whether the code is open, lives in the app,
/// and each component costs the page's wasm most of a kilobyte.
pub fn embed_layout(props: &EmbedLayoutProps) -> Html {
    let code_open = *props.code_open;
    let language = props.display.language;
    let toggle_code = {
        let code_open = props.code_open.clone();
        Callback::from(move |_: MouseEvent| code_open.set(!*code_open))
    };
    let on_run = props.commands.on_run.reform(|_: MouseEvent| ());
    let on_timelines_click = {
        let (replay, runs) = (props.replay.clone(), props.runs.clone());
        Callback::from(move |_: MouseEvent| {
            if runs.view().is_some_and(|session| session.done()) {
                replay.toggle();
            }
        })
    };
    html! {
        <main id="main" class="embed" ref={props.root.clone()}>
            <div class="embed-bar">
                <button type="button" class="primary" onclick={on_run}>
                    { if props.has_session { "Run again" } else { "Run" } }
                </button>
                <button type="button" onclick={toggle_code} aria-expanded={code_open.to_string()}>
                    { if code_open { "Hide code".to_owned() } else { format!("Show {} code", language.display_name()) } }
                </button>
                <a class="open-full" href={full_app_link(&props.scenario, &props.display)} target="_blank" rel="noopener">{"Open in Async Playground ↗"}</a>
            </div>
            <div class="embed-timeline" onclick={on_timelines_click}>
                { props.timelines.clone() }
            </div>
            if code_open {
                { props.code.clone() }
            }
        </main>
    }
}
