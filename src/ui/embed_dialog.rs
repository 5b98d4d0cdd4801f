//! Ready-to-paste iframe HTML for the current scenario, with a live preview of what readers will see.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::markup::markup_text;
use crate::domain::scenario::Scenario;
use crate::domain::url_codec::DisplayOptions;
use crate::runtime::page::copy_text;

use super::form_events::keep_text_in;
use super::share_controls::share_link;

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    pub scenario: Rc<Scenario>,
    pub display: DisplayOptions,
}

#[component]
pub fn EmbedDialog(props: &EmbedDialogProps) -> Html {
    let width = use_state(|| "720".to_owned());
    let height = use_state(|| "420".to_owned());
    let autorun = use_state(|| true);
    let status = use_state(String::new);

    let display = DisplayOptions {
        embed: true,
        autorun: *autorun,
        ..props.display
    };
    let link = share_link(&props.scenario, &display);
    let title = format!(
        "Async Playground: {} tasks {} {}",
        props.scenario.tasks.len(),
        props.scenario.mode.caller_verb(),
        props.scenario.mode
    );
    let snippet = link.clone().map(|src| {
        format!(
            "<iframe src=\"{}\" width=\"{}\" height=\"{}\" title=\"{}\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
            markup_text(&src), width.trim(), height.trim(), markup_text(&title)
        )
    });

    let toggle_autorun = {
        let autorun = autorun.clone();
        Callback::from(move |_: Event| autorun.set(!*autorun))
    };
    let copy = {
        let (status, snippet) = (status.clone(), snippet.clone());
        Callback::from(move |_: MouseEvent| {
            let (status, snippet) = (status.clone(), snippet.clone());
            wasm_bindgen_futures::spawn_local(async move {
                status.set(match snippet {
                    Ok(text) => copy_text(&text)
                        .await
                        .map_or_else(|reason| reason, |()| "Embed code copied.".to_owned()),
                    Err(reason) => reason,
                });
            });
        })
    };
    html! {
        <section id="embed-dialog" class="embed-dialog" aria-labelledby="embed-title">
            <h3 id="embed-title" class="subheading">{"Embed this scenario"}</h3>
            <div class="embed-options">
                <label>{"Width"}<input type="number" min="280" value={(*width).clone()} oninput={keep_text_in(&width)} /></label>
                <label>{"Height"}<input type="number" min="200" value={(*height).clone()} oninput={keep_text_in(&height)} /></label>
                <label class="check"><input type="checkbox" checked={*autorun} onchange={toggle_autorun} />{"Run when scrolled into view"}</label>
            </div>
            { match &snippet {
                Ok(text) => html! {
                    <>
                        <label class="embed-code">{"HTML to paste"}
                            <textarea readonly=true rows="4" value={text.clone()} />
                        </label>
                        <div class="code-actions">
                            <button type="button" onclick={copy}>{"Copy embed code"}</button>
                            <span class="status" role="status">{(*status).clone()}</span>
                        </div>
                        <p class="note">{"Preview: what readers will see."}</p>
                        <iframe class="embed-preview" src={link.clone().unwrap_or_default()} title={format!("Preview: {title}")}
                            width={(*width).clone()} height={(*height).clone()} loading="lazy"></iframe>
                    </>
                },
                Err(reason) => html! { <p class="warning">{reason.clone()}</p> },
            } }
        </section>
    }
}
