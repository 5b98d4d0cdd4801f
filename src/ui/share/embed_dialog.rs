//! Ready-to-paste embed code for the current scenario, with every display option an embed has, and a
//! live preview of what readers will see.

use yew::prelude::*;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::explain::timeline_title::heading;
use crate::domain::link::url_codec::decode;
use crate::domain::model::comparison::Comparison;
use crate::domain::model::display::{DisplayOptions, Theme};
use crate::domain::model::language::Language;
use crate::domain::model::presets::PRESETS;
use crate::domain::model::scenario::Scenario;
use crate::domain::pictures::embed_code::{embed_code, MARKDOWN_IMAGE_FILE};
use crate::runtime::page::copy_text;

use crate::ui::share::share_link::share_link;
use crate::ui::widgets::form_events::{on_input_text, on_select};

/// A `<select>` over every value of a [`NamedChoice`], shown by `name`.
fn choice_select<T: NamedChoice>(
    label: &'static str,
    chosen: T,
    name: fn(T) -> &'static str,
    on_choice: Callback<T>,
) -> Html {
    html! {
        <label>{label}
            <select onchange={on_select(on_choice, |value| T::from_url_name(value).ok())}>
                { for T::ALL.iter().map(|&choice| html! {
                    <option value={choice.url_name()} selected={choice == chosen}>{name(choice)}</option>
                }) }
            </select>
        </label>
    }
}

/// A read-only snippet with its own copy button. (Its label is not lowercased for the button:
/// `to_lowercase` links Unicode's case tables, a twentieth of the page.)
fn snippet_box(
    label: &'static str,
    text: &str,
    rows: u32,
    status: &UseStateHandle<String>,
) -> Html {
    let copy = {
        let (status, text) = (status.clone(), text.to_owned());
        Callback::from(move |_: MouseEvent| {
            let (status, text) = (status.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let copied = copy_text(&text).await;
                status.set(copied.map_or_else(|reason| reason, |()| format!("{label} copied.")));
            });
        })
    };
    html! {
        <div class="embed-code">
            <label>{label}<textarea readonly=true rows={rows.to_string()} value={text.to_owned()} /></label>
            <div class="code-actions"><button type="button" onclick={copy}>{format!("Copy {label}")}</button></div>
        </div>
    }
}

/// What the author chooses in the dialog: the embed's display options and its frame's size, as typed.
#[derive(Clone, PartialEq)]
pub struct EmbedChoices {
    options: DisplayOptions,
    width: String,
    height: String,
}

impl EmbedChoices {
    /// An embed of the page as it is now displayed, which runs when scrolled into view.
    pub fn of(display: DisplayOptions) -> Self {
        Self {
            options: DisplayOptions {
                embed: true,
                autorun: true,
                ..display
            },
            width: "720".to_owned(),
            height: "420".to_owned(),
        }
    }
}

/// A callback that changes the open dialog's choices by `apply`.
fn update<T: 'static>(
    dialog: &UseStateHandle<Option<EmbedChoices>>,
    apply: fn(&mut EmbedChoices, T),
) -> Callback<T> {
    let dialog = dialog.clone();
    Callback::from(move |value: T| {
        if let Some(mut next) = (*dialog).clone() {
            apply(&mut next, value);
            dialog.set(Some(next));
        }
    })
}

/// The embedded frame's title and size.
struct Frame<'a> {
    title: &'a str,
    width: u32,
    height: u32,
}

/// The code to paste (HTML, the height script, Markdown for where iframes are stripped), and a
/// preview of the frame.
#[inline(always)]
fn embed_snippets(
    scenario: &Scenario,
    embed_link: &str,
    page_link: &str,
    frame: &Frame,
    status: &UseStateHandle<String>,
) -> Html {
    let Frame {
        title,
        width,
        height,
    } = *frame;
    let code = embed_code(embed_link, page_link, title, width, height);
    // A preset has a page of its own in the gallery, beside the app: a link that previews itself.
    let gallery = PRESETS
        .iter()
        .find(|preset| decode(preset.query).scenario == *scenario)
        .map(|preset| format!("p/{}/", preset.slug));
    html! {
        <>
            if let Some(gallery) = gallery {
                <p class="note">{"This preset has a page of its own, whose link shows a preview card: "}<a href={gallery}>{"its gallery page"}</a></p>
            }
            { snippet_box("HTML", &code.iframe, 3, status) }
            { snippet_box("Height script", &code.height_script, 6, status) }
            <p class="note">{"Optional: paste it once per page, and each embed's frame takes the height of its content."}</p>
            { snippet_box("Markdown", &code.markdown, 2, status) }
            <p class="note">{format!("For READMEs and sites that strip iframes: Download animated SVG saves {MARKDOWN_IMAGE_FILE}, which plays as an image. Put it beside the page.")}</p>
            <p class="note">{"Preview: what readers will see."}</p>
            <iframe class="embed-preview" src={embed_link.to_owned()} title={format!("Preview: {title}")}
                width={width.to_string()} height={height.to_string()} loading="lazy"></iframe>
        </>
    }
}

/// The dialog while `dialog` holds its choices; copies report in `status`. A function over state the
/// share controls own, not a component: each component costs the page's wasm its own lifecycle code.
// Inlined into ShareControls, its one caller: compiled apart, it costs the page 0.4 kB gzip.
#[inline(always)]
pub fn embed_dialog(
    scenario: &Scenario,
    dialog: &UseStateHandle<Option<EmbedChoices>>,
    status: &UseStateHandle<String>,
) -> Html {
    let Some(choices) = dialog.as_ref() else {
        return Html::default();
    };
    let display = choices.options;
    let page_display = DisplayOptions {
        embed: false,
        autorun: false,
        code: false,
        ..display
    };
    let title = format!(
        "Async Playground: {} tasks {} {}",
        scenario.tasks.len(),
        scenario.mode.caller_verb(),
        heading(scenario.mode, display.language)
    );
    let pixels =
        |text: &str, least: u32| text.trim().parse::<u32>().map_or(least, |px| px.max(least));
    let (frame_width, frame_height) = (pixels(&choices.width, 280), pixels(&choices.height, 200));
    let links = share_link(scenario, &display)
        .and_then(|embed| Ok((embed, share_link(scenario, &page_display)?)));

    let toggle_autorun = update(dialog, |c, _: Event| c.options.autorun = !c.options.autorun);
    let toggle_code = update(dialog, |c, _: Event| c.options.code = !c.options.code);
    let toggle_predict = update(dialog, |c, _: Event| c.options.predict = !c.options.predict);
    let on_compare = update(dialog, |c, compare| c.options.compare = compare);
    let on_language = update(dialog, |c, language| c.options.language = language);
    let on_theme = update(dialog, |c, theme| c.options.theme = theme);
    let on_width = update(dialog, |c, width| c.width = width);
    let on_height = update(dialog, |c, height| c.height = height);

    html! {
        <section id="embed-dialog" class="embed-dialog" aria-labelledby="embed-title">
            <h3 id="embed-title" class="subheading">{"Embed this scenario"}</h3>
            <div class="embed-options">
                { choice_select("Beside it", display.compare, Comparison::display_name, on_compare) }
                { choice_select("Language", display.language, Language::display_name, on_language) }
                { choice_select("Theme", display.theme, Theme::url_name, on_theme) }
                <label class="check"><input type="checkbox" checked={display.autorun} onchange={toggle_autorun} />{"Run when scrolled into view"}</label>
                <label class="check"><input type="checkbox" checked={display.code} onchange={toggle_code} />{"Show the code"}</label>
                <label class="check"><input type="checkbox" checked={display.predict} onchange={toggle_predict} />{"Ask readers to predict first"}</label>
                <label>{"Width"}<input type="number" min="280" value={choices.width.clone()} oninput={on_input_text(move |text| on_width.emit(text))} /></label>
                <label>{"Height"}<input type="number" min="200" value={choices.height.clone()} oninput={on_input_text(move |text| on_height.emit(text))} /></label>
            </div>
            { match links {
                Ok((embed_link, page_link)) => {
                    let frame = Frame { title: &title, width: frame_width, height: frame_height };
                    embed_snippets(scenario, &embed_link, &page_link, &frame, status)
                }
                Err(reason) => html! { <p class="warning">{reason}</p> },
            } }
        </section>
    }
}
