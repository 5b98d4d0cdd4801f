//! Sharing without a server: the link, an embed, and exports for pages that cannot embed (SVG, PNG,
//! Chrome trace, Markdown). Each control's name says what it gives.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::export::{chrome_trace, markdown_table, RunSource};
use crate::domain::outcome_style::ColourScheme;
use crate::domain::scenario::Scenario;
use crate::domain::svg_export::timeline_svg;
use crate::domain::timeline::Timeline;
use crate::domain::url_codec::{encode, DisplayOptions, MAX_URL_CHARS};
use crate::runtime::page::{copy_text, download_png, download_text, page_address};

use super::embed_dialog::EmbedDialog;

/// What the exports show: the latest finished run, or the prediction when nothing has run.
#[derive(Clone, PartialEq)]
pub struct ExportSource {
    pub scenario: Rc<Scenario>,
    pub timeline: Rc<Timeline>,
    pub source: RunSource,
}

#[derive(Properties, PartialEq)]
pub struct ShareControlsProps {
    pub scenario: Rc<Scenario>,
    pub display: DisplayOptions,
    pub export: ExportSource,
}

/// The shareable address of a scenario, or why it cannot be one.
pub fn share_link(scenario: &Scenario, display: &DisplayOptions) -> Result<String, String> {
    let query = encode(scenario, display);
    if query.len() > MAX_URL_CHARS {
        return Err(format!(
            "This scenario needs a {}-character link, over the {MAX_URL_CHARS} that links can carry. Export it instead.",
            query.len()
        ));
    }
    Ok(format!("{}?{query}", page_address()))
}

/// The scheme the link's theme fixes, else the reader's own.
fn colour_scheme(display: &DisplayOptions) -> ColourScheme {
    display.theme.fixed_scheme().unwrap_or_else(|| {
        let prefers_dark = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|query| query.matches());
        if prefers_dark {
            ColourScheme::Dark
        } else {
            ColourScheme::Light
        }
    })
}

#[component]
pub fn ShareControls(props: &ShareControlsProps) -> Html {
    let status = use_state(String::new);
    let embed_open = use_state(|| false);
    let run_source = match props.export.source {
        RunSource::Real => "real run",
        RunSource::Simulated => "prediction",
    };

    let report = |status: &UseStateHandle<String>, result: Result<(), String>, done: &str| {
        status.set(match result {
            Ok(()) => done.to_owned(),
            Err(reason) => reason,
        })
    };
    let copy_link = {
        let (status, scenario, display) = (status.clone(), props.scenario.clone(), props.display);
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            match share_link(&scenario, &display) {
                Ok(link) => wasm_bindgen_futures::spawn_local(async move {
                    report(&status, copy_text(&link).await, "Link copied.");
                }),
                Err(reason) => status.set(reason),
            }
        })
    };
    let svg_of = |export: &ExportSource, display: &DisplayOptions| {
        timeline_svg(&export.scenario, &export.timeline, colour_scheme(display))
    };
    let download_svg = {
        let (status, export, display) = (status.clone(), props.export.clone(), props.display);
        Callback::from(move |_: MouseEvent| {
            report(
                &status,
                download_text(
                    "async-playground-timeline.svg",
                    "image/svg+xml",
                    &svg_of(&export, &display),
                ),
                "SVG saved.",
            )
        })
    };
    let download_image = {
        let (status, export, display) = (status.clone(), props.export.clone(), props.display);
        Callback::from(move |_: MouseEvent| {
            let (status, svg) = (status.clone(), svg_of(&export, &display));
            let height = svg
                .split("height=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .and_then(|h| h.parse::<u32>().ok())
                .unwrap_or(400);
            wasm_bindgen_futures::spawn_local(async move {
                report(
                    &status,
                    download_png("async-playground-timeline.png", &svg, 960, height).await,
                    "PNG saved.",
                );
            });
        })
    };
    let download_trace = {
        let (status, export) = (status.clone(), props.export.clone());
        Callback::from(move |_: MouseEvent| {
            let trace = chrome_trace(&export.scenario, &export.timeline, export.source);
            report(
                &status,
                download_text("async-playground-trace.json", "application/json", &trace),
                "Trace saved: open it in Perfetto or chrome://tracing.",
            )
        })
    };
    let download_markdown = {
        let (status, export) = (status.clone(), props.export.clone());
        Callback::from(move |_: MouseEvent| {
            let table = markdown_table(&export.scenario, &export.timeline);
            report(
                &status,
                download_text("async-playground-results.md", "text/markdown", &table),
                "Markdown table saved.",
            )
        })
    };
    let toggle_embed = {
        let embed_open = embed_open.clone();
        Callback::from(move |_: MouseEvent| embed_open.set(!*embed_open))
    };
    html! {
        <div class="share-controls">
            <div class="share-buttons" role="group" aria-label={format!("Share and export the {run_source}")}>
                <button type="button" onclick={copy_link}>{"Copy link"}</button>
                <button type="button" onclick={toggle_embed} aria-expanded={(*embed_open).to_string()} aria-controls="embed-dialog">{"Embed…"}</button>
                <button type="button" onclick={download_svg}>{"Download SVG"}</button>
                <button type="button" onclick={download_image}>{"Download PNG"}</button>
                <button type="button" onclick={download_trace}>{"Download trace (JSON)"}</button>
                <button type="button" onclick={download_markdown}>{"Download results (Markdown)"}</button>
            </div>
            <p class="status" role="status">{(*status).clone()}</p>
            if *embed_open {
                <EmbedDialog scenario={props.scenario.clone()} display={props.display} />
            }
        </div>
    }
}
