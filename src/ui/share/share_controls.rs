//! Sharing without a server: the link, an embed, and exports for pages that cannot embed (SVG, PNG,
//! Chrome trace, Markdown). Each control's name says what it gives.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::domain::model::display::ColourScheme;
use crate::domain::model::display::DisplayOptions;
use crate::domain::model::scenario::Scenario;
use crate::domain::pictures::embed_code::MARKDOWN_IMAGE_FILE;
use crate::domain::pictures::export::{Export, ExportSource, RunSource};
use crate::domain::pictures::image_export::ImageFormat;
use crate::domain::pictures::svg_export::Motion;
use crate::runtime::page::{copy_text, download_file};
use crate::runtime::writer::write_export;

use crate::ui::share::embed_dialog::{embed_dialog, EmbedChoices};
use crate::ui::share::share_link::share_link;

#[derive(Properties, PartialEq)]
pub struct ShareControlsProps {
    pub scenario: Rc<Scenario>,
    pub display: DisplayOptions,
    pub export: ExportSource,
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

/// What the status says while a download is written.
const WRITING: &str = "Writing…";

/// Each download the page offers.
#[derive(Clone, Copy, PartialEq)]
enum Download {
    Svg,
    AnimatedSvg,
    Gif,
    Png,
    Trace,
    Markdown,
}

impl Download {
    const ALL: [Download; 6] = [
        Download::Svg,
        Download::AnimatedSvg,
        Download::Gif,
        Download::Png,
        Download::Trace,
        Download::Markdown,
    ];

    fn button(self) -> &'static str {
        match self {
            Download::Svg => "Download SVG",
            Download::AnimatedSvg => "Download animated SVG",
            Download::Gif => "Download GIF",
            Download::Png => "Download PNG",
            Download::Trace => "Download trace (JSON)",
            Download::Markdown => "Download results (Markdown)",
        }
    }

    fn file(self) -> &'static str {
        match self {
            Download::Svg => "async-playground-timeline.svg",
            // The name the Embed dialog's Markdown snippet expects beside a README.
            Download::AnimatedSvg => MARKDOWN_IMAGE_FILE,
            Download::Gif => "async-playground-timeline.gif",
            Download::Png => "async-playground-timeline.png",
            Download::Trace => "async-playground-trace.json",
            Download::Markdown => "async-playground-results.md",
        }
    }

    fn saved(self) -> &'static str {
        match self {
            Download::Svg => "SVG saved.",
            Download::AnimatedSvg => "Animated SVG saved: it plays in an <img>, a README included.",
            Download::Gif => "GIF saved.",
            Download::Png => "PNG saved.",
            Download::Trace => "Trace saved: open it in Perfetto or chrome://tracing.",
            Download::Markdown => "Markdown table saved.",
        }
    }

    /// What the workers write for it, the pictures in `scheme`.
    fn export(self, source: &ExportSource, scheme: ColourScheme) -> Export {
        match self {
            Download::AnimatedSvg => Export::Svg(scheme, Motion::Animated),
            Download::Gif => Export::Pixels(ImageFormat::Gif, scheme),
            Download::Png => Export::Pixels(ImageFormat::Png, scheme),
            Download::Trace => Export::Trace(source.source),
            Download::Markdown => Export::Markdown,
            _ => Export::Svg(scheme, Motion::Still),
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Download::Gif => "image/gif",
            Download::Png => "image/png",
            Download::Trace => "application/json",
            Download::Markdown => "text/markdown",
            _ => "image/svg+xml",
        }
    }
}

/// Say in the status line what came of a copy or a download.
fn report(status: &UseStateHandle<String>, result: Result<(), String>, done: &str) {
    status.set(match result {
        Ok(()) => done.to_owned(),
        Err(reason) => reason,
    });
}

#[component]
pub fn ShareControls(props: &ShareControlsProps) -> Html {
    let status = use_state(String::new);

    // The Embed dialog's choices while it is open.
    let embed = use_state(|| None::<EmbedChoices>);
    let run_source = match props.export.source {
        RunSource::Real => "real run",
        RunSource::Simulated => "prediction",
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
    let download = |download: Download| {
        let (status, export, display) = (status.clone(), props.export.clone(), props.display);
        Callback::from(move |_: MouseEvent| {
            status.set(WRITING.to_owned());
            let what = download.export(&export, colour_scheme(&display));
            let report_to = status.clone();
            let save = move |file: Result<JsValue, String>| {
                let saved = file
                    .map_err(|reason| format!("Could not write the file: {reason}."))
                    .and_then(|file| download_file(download.file(), download.mime(), &file));
                report(&report_to, saved, download.saved());
            };
            // Pictures made of pixels take a while: a bar shows how far they are.
            write_export(what, export.comparison, &export.runs, save);
        })
    };
    let toggle_embed = {
        let (embed, display) = (embed.clone(), props.display);
        Callback::from(move |_: MouseEvent| {
            embed.set(embed.is_none().then(|| EmbedChoices::of(display)))
        })
    };
    html! {
        <div class="share-controls">
            <div class="share-buttons" role="group" aria-label={format!("Share and export the {run_source}")}>
                <button type="button" onclick={copy_link}>{"Copy link"}</button>
                <button type="button" onclick={toggle_embed} aria-expanded={embed.is_some().to_string()} aria-controls="embed-dialog">{"Embed…"}</button>
                { for Download::ALL.map(|each| html! {
                    <button type="button" onclick={download(each)}>{each.button()}</button>
                }) }
            </div>
            // A GIF takes seconds to draw: a bar moves until the file is saved.
            if *status == WRITING {
                <progress class="writing" aria-label="Writing the file"></progress>
            }
            <p class="status" role="status">{(*status).clone()}</p>
            { embed_dialog(&props.scenario, &embed, &status) }
        </div>
    }
}
