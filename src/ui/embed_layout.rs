//! The page inside a blog post's iframe: Run, the timelines, the code on request, and a link to the
//! full app on the same scenario.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::scenario::Scenario;
use crate::domain::url_codec::{encode, DisplayOptions};
use crate::runtime::page::page_address;

pub struct EmbedLayoutProps {
    pub scenario: Rc<Scenario>,
    pub display: DisplayOptions,
    /// The prediction, or the runs of the latest session.
    pub timelines: Html,
    pub has_session: bool,
    pub on_run: Callback<()>,
    /// A click on the timelines plays or pauses the replay of a finished run.
    pub on_replay_toggle: Callback<()>,
    pub root: NodeRef,
    /// The code panel, shown while `code_open`; it opens with `code=1`.
    pub code: Html,
    pub code_open: bool,
    pub on_toggle_code: Callback<()>,
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
    let code_open = props.code_open;
    let language = props.display.language;
    let toggle_code = props.on_toggle_code.reform(|_: MouseEvent| ());
    let on_run = props.on_run.reform(|_: MouseEvent| ());
    let on_timelines_click = props.on_replay_toggle.reform(|_: MouseEvent| ());
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
