//! The scenario as a complete program in each language, highlighted from the generator's own tokens,
//! with a copy button and a note on what this language does differently.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::domain::language::Language;
use crate::domain::named_choice::NamedChoice;
use crate::domain::scenario::Scenario;
use crate::domain::semantics::semantics;
use crate::domain::snippets::program;
use crate::domain::snippets::tokens::tokenize;
use crate::runtime::page::copy_text;

/// Longer programs are shown cut short; Copy still gives the whole program.
pub const MAX_SHOWN_LINES: usize = 300;

/// Whether creating a task already starts it, per language.
fn eagerness(language: Language) -> &'static str {
    match language {
        Language::Rust => "Futures are lazy: creating one runs nothing until it is polled.",
        Language::CSharp => "Tasks are hot: calling the async method starts it at once.",
        Language::JavaScript => "Promises are eager: creating one starts the work at once.",
        Language::Python => {
            "Coroutines run when awaited; asyncio.create_task schedules one at once."
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct CodePanelProps {
    pub scenario: Rc<Scenario>,
    pub language: Language,
    pub on_language: Callback<Language>,
}

#[component]
pub fn CodePanel(props: &CodePanelProps) -> Html {
    let code = use_memo(
        (props.scenario.clone(), props.language),
        |(scenario, language)| program(scenario, *language),
    );
    let shown = use_memo(code.clone(), |code| {
        let lines: Vec<&str> = code.lines().collect();
        let cut = lines.len() > MAX_SHOWN_LINES;
        let text = if cut {
            lines[..MAX_SHOWN_LINES].join("\n")
        } else {
            code.to_string()
        };
        (text, cut.then(|| lines.len() - MAX_SHOWN_LINES))
    });
    // Thousands of token spans were most of the page's first render, one long task while it loads.
    // The first render shows the program as plain text, laid out the same, and the highlighting
    // follows in a task of its own.
    let highlight = use_state(|| false);
    {
        let highlight = highlight.clone();
        use_effect_with((), move |_| {
            let pending = Timeout::new(0, move || highlight.set(true));
            move || drop(pending)
        });
    }
    let tokens = use_memo(
        (shown.clone(), props.language, *highlight),
        |(shown, language, highlight)| highlight.then(|| tokenize(&shown.0, *language)),
    );
    let copied = use_state(|| None::<String>);
    let copy = {
        let (code, copied) = (code.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let (code, copied) = (Rc::clone(&code), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(match copy_text(&code).await {
                    Ok(()) => "Copied.".to_owned(),
                    Err(reason) => format!("Could not copy: {reason}"),
                }));
            });
        })
    };
    let cell = semantics(props.scenario.mode, props.language);
    let (text, hidden_lines) = &*shown;
    html! {
        <div class="code-panel">
            <div class="tabs" role="tablist" aria-label="Language">
                { for Language::ALL.iter().map(|&language| {
                    let on_language = props.on_language.clone();
                    let selected = language == props.language;
                    html! {
                        <button type="button" role="tab" id={format!("tab-{}", language.url_name())}
                            aria-selected={selected.to_string()} aria-controls="code-tabpanel" tabindex={if selected { "0" } else { "-1" }}
                            onclick={Callback::from(move |_| on_language.emit(language))}>
                            {language.display_name()}
                        </button>
                    }
                }) }
            </div>
            <div id="code-tabpanel" role="tabpanel" aria-labelledby={format!("tab-{}", props.language.url_name())}>
                <p class="code-note"><strong>{cell.call}</strong>{": "}{cell.note}{" "}{eagerness(props.language)}</p>
                <div class="code-actions">
                    <button type="button" onclick={copy}>{format!("Copy {} program", props.language.display_name())}</button>
                    <span class="status" role="status">{ (*copied).clone().unwrap_or_default() }</span>
                </div>
                <pre class="code" tabindex="0" aria-label={format!("{} program", props.language.display_name())}><code>
                    if let Some(tokens) = &*tokens {
                        { for tokens.iter().map(|token| html! { <span class={token.kind.css_class()}>{token.text.clone()}</span> }) }
                    } else {
                        { text.clone() }
                    }
                </code></pre>
                if let Some(hidden) = hidden_lines {
                    <p class="note">{format!("{hidden} more lines are not shown; Copy gives the whole program.")}</p>
                }
            </div>
        </div>
    }
}
