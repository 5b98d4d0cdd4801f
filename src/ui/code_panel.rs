//! The scenario as a complete program in each language, highlighted from the generator's own tokens,
//! with a copy button and a note on what this language does differently. The program comes from the
//! writer worker (`runtime::writer`) once the panel is in view.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::language::Language;
use crate::domain::named_choice::NamedChoice;
use crate::domain::scenario::Scenario;
use crate::domain::semantics::semantics;
use crate::runtime::page::copy_text;

use super::use_written_program::use_written_program;

#[derive(Properties, PartialEq)]
pub struct CodePanelProps {
    pub scenario: Rc<Scenario>,
    pub language: Language,
    pub on_language: Callback<Language>,
}

#[component]
pub fn CodePanel(props: &CodePanelProps) -> Html {
    let panel = use_node_ref();
    let program = use_written_program(&props.scenario, props.language, &panel);
    let copied = use_state(|| None::<String>);
    let copy = {
        let (written, copied) = (program.written.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(written) = written.clone() else {
                return;
            };
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(match copy_text(&written.text).await {
                    Ok(()) => "Copied.".to_owned(),
                    Err(reason) => format!("Could not copy: {reason}"),
                }));
            });
        })
    };
    let call = semantics(props.scenario.mode, props.language).call;
    let note = program
        .written
        .as_ref()
        .map(|written| format!(": {}", written.note));
    let status = match (&program.failure, program.written.is_none()) {
        (Some(reason), _) => format!("Could not write the program: {reason}."),
        (None, true) => "Writing the program…".to_owned(),
        (None, false) => (*copied).clone().unwrap_or_default(),
    };
    html! {
        <div class="code-panel" ref={panel}>
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
                <p class="code-note"><strong>{call}</strong>{note}</p>
                <div class="code-actions">
                    <button type="button" onclick={copy} disabled={program.written.is_none()}>{format!("Copy {} program", props.language.display_name())}</button>
                    <span class="status" role="status">{status}</span>
                </div>
                <pre class="code" role="region" tabindex="0" aria-label={format!("{} program", props.language.display_name())} aria-busy={program.writing.to_string()}><code>
                    if let Some(written) = &program.written {
                        { for written.shown_tokens().map(|(kind, text)| html! { <span class={kind.css_class()}>{text}</span> }) }
                    }
                </code></pre>
                if let Some(hidden) = program.written.as_ref().map(|written| written.hidden_lines).filter(|&hidden| hidden > 0) {
                    <p class="note">{format!("{hidden} more lines are not shown; Copy gives the whole program.")}</p>
                }
            </div>
        </div>
    }
}
