//! Ready-to-paste embed code for the current scenario, with every display option an embed has, and a
//! live preview of what readers will see.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::comparison::Comparison;
use crate::domain::embed_code::{embed_code, MARKDOWN_IMAGE_FILE};
use crate::domain::language::Language;
use crate::domain::named_choice::NamedChoice;
use crate::domain::scenario::Scenario;
use crate::domain::url_codec::{DisplayOptions, Theme};
use crate::runtime::page::copy_text;

use super::form_events::{keep_text_in, on_select};
use super::share_controls::share_link;

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    pub scenario: Rc<Scenario>,
    pub display: DisplayOptions,
}

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

/// A callback that changes one of the embed's options by `apply`.
fn update<T: 'static>(
    options: &UseStateHandle<DisplayOptions>,
    apply: fn(&mut DisplayOptions, T),
) -> Callback<T> {
    let options = options.clone();
    Callback::from(move |value: T| {
        let mut next = *options;
        apply(&mut next, value);
        options.set(next);
    })
}

#[component]
pub fn EmbedDialog(props: &EmbedDialogProps) -> Html {
    let width = use_state(|| "720".to_owned());
    let height = use_state(|| "420".to_owned());
    let options = use_state(|| DisplayOptions {
        embed: true,
        autorun: true,
        ..props.display
    });
    let status = use_state(String::new);

    let display = *options;
    let page_display = DisplayOptions {
        embed: false,
        autorun: false,
        code: false,
        ..display
    };
    let title = format!(
        "Async Playground: {} tasks {} {}",
        props.scenario.tasks.len(),
        props.scenario.mode.caller_verb(),
        props.scenario.mode
    );
    let pixels =
        |text: &str, least: u32| text.trim().parse::<u32>().map_or(least, |px| px.max(least));
    let (frame_width, frame_height) = (pixels(&width, 280), pixels(&height, 200));
    let links = share_link(&props.scenario, &display)
        .and_then(|embed| Ok((embed, share_link(&props.scenario, &page_display)?)));

    let toggle_autorun = update(&options, |o, _: Event| o.autorun = !o.autorun);
    let toggle_code = update(&options, |o, _: Event| o.code = !o.code);
    let on_compare = update(&options, |o, compare| o.compare = compare);
    let on_language = update(&options, |o, language| o.language = language);
    let on_theme = update(&options, |o, theme| o.theme = theme);

    html! {
        <section id="embed-dialog" class="embed-dialog" aria-labelledby="embed-title">
            <h3 id="embed-title" class="subheading">{"Embed this scenario"}</h3>
            <div class="embed-options">
                { choice_select("Beside it", display.compare, Comparison::display_name, on_compare) }
                { choice_select("Language", display.language, Language::display_name, on_language) }
                { choice_select("Theme", display.theme, Theme::url_name, on_theme) }
                <label class="check"><input type="checkbox" checked={display.autorun} onchange={toggle_autorun} />{"Run when scrolled into view"}</label>
                <label class="check"><input type="checkbox" checked={display.code} onchange={toggle_code} />{"Show the code"}</label>
                <label>{"Width"}<input type="number" min="280" value={(*width).clone()} oninput={keep_text_in(&width)} /></label>
                <label>{"Height"}<input type="number" min="200" value={(*height).clone()} oninput={keep_text_in(&height)} /></label>
            </div>
            { match links {
                Ok((embed_link, page_link)) => {
                    let code = embed_code(&embed_link, &page_link, &title, frame_width, frame_height);
                    html! {
                        <>
                            { snippet_box("HTML", &code.iframe, 3, &status) }
                            { snippet_box("Height script", &code.height_script, 6, &status) }
                            <p class="note">{"Optional: paste it once per page, and each embed's frame takes the height of its content."}</p>
                            { snippet_box("Markdown", &code.markdown, 2, &status) }
                            <p class="note">{format!("For READMEs and sites that strip iframes: Download animated SVG saves {MARKDOWN_IMAGE_FILE}, which plays as an image. Put it beside the page.")}</p>
                            <p class="status" role="status">{(*status).clone()}</p>
                            <p class="note">{"Preview: what readers will see."}</p>
                            <iframe class="embed-preview" src={embed_link} title={format!("Preview: {title}")}
                                width={frame_width.to_string()} height={frame_height.to_string()} loading="lazy"></iframe>
                        </>
                    }
                }
                Err(reason) => html! { <p class="warning">{reason}</p> },
            } }
        </section>
    }
}
