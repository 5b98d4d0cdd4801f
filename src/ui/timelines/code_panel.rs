//! The scenario as a complete program in each language, highlighted from the generator's own tokens,
//! with a copy button and a note on what this language does differently. The program comes from the
//! writer worker (`runtime::writer`) once the panel is in view.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::basics::decimal::grouped;
use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::language::Language;
use crate::domain::model::scenario::Scenario;
use crate::domain::programs::snippets::regions::RegionKind;
use crate::domain::programs::snippets::spots::Spot;
use crate::domain::programs::snippets::written::WrittenProgram;
use crate::domain::semantics::profile::semantics;
use crate::runtime::page::copy_text;

use crate::ui::hooks::use_written_program::use_written_program;
use crate::ui::timelines::moment_view::CursorMoment;
use crate::ui::widgets::class_list::class_list;

#[derive(Properties, PartialEq)]
pub struct CodePanelProps {
    pub scenario: Rc<Scenario>,
    pub language: Language,
    pub on_language: Callback<Language>,
    /// The replay cursor's instant, whose participants' lines the panel highlights.
    #[prop_or_default]
    pub cursor: Option<CursorMoment>,
}

/// The shown program as lines of highlighted pieces. Each line is marked where the replay's
/// participants stand on it (`aria-current`, and who is there) and where it belongs to the idiom;
/// scaffolding is folded behind a button unless the reader opened its kind or the replay stands in it.
fn program_lines(
    written: &WrittenProgram,
    spots: &[Spot],
    opened: &[RegionKind],
    on_fold: &Callback<RegionKind>,
) -> Html {
    let mut lines: Vec<Vec<Html>> = vec![Vec::new()];
    for (kind, text) in written.shown_tokens() {
        for (index, piece) in text.split('\n').enumerate() {
            if index > 0 {
                lines.push(Vec::new());
            }
            if !piece.is_empty() {
                let piece = html! { <span class={kind.css_class()}>{piece}</span> };
                lines
                    .last_mut()
                    .map(|line| line.push(piece))
                    .unwrap_or_default();
            }
        }
    }
    let region_of = |line: u32| written.regions.iter().find(|region| region.contains(line));
    let folded = |line: u32| {
        region_of(line).is_some_and(|region| {
            region.kind.folds()
                && !opened.contains(&region.kind)
                && !spots.iter().any(|spot| region.contains(spot.line))
        })
    };
    let last = lines.len() - 1;
    lines
        .into_iter()
        .enumerate()
        .map(|(index, pieces)| {
            let line = index as u32;
            let region = region_of(line);
            let fold = region
                .filter(|region| region.first == line && region.kind.folds())
                .map(|region| {
                    let kind = region.kind;
                    let on_fold = on_fold.clone();
                    let hidden = folded(line);
                    let count = grouped(region.count as usize);
                    html! {
                        <span class="code-line"><button type="button" class="fold" aria-expanded={(!hidden).to_string()}
                            onclick={Callback::from(move |_| on_fold.emit(kind))}>
                            {format!("{} {count} lines: {}", if hidden { "▸" } else { "▾" }, kind.contents())}
                        </button>{"\n"}</span>
                    }
                });
            if folded(line) {
                return fold.unwrap_or_default();
            }
            let spot = spots.iter().find(|spot| spot.line == line);
            let idiom = region.is_some_and(|region| region.kind == RegionKind::Idiom);
            let newline = (index < last).then_some("\n");
            html! {
                <>
                    {fold}
                    <span class={class_list("code-line", &[(idiom, "idiom"), (spot.is_some(), "current")])} aria-current={spot.map(|_| "step")}
                        data-who={spot.map(|spot| spot.who.clone())}>{ for pieces }</span>
                    {newline}
                </>
            }
        })
        .collect()
}

#[component]
pub fn CodePanel(props: &CodePanelProps) -> Html {
    let panel = use_node_ref();
    let program = use_written_program(&props.scenario, props.language, &panel);
    // What Copy did, said in the status line; empty until it is pressed.
    let copied = use_state(String::new);
    // The scaffolding the reader opened, by kind, so it stays open in every language.
    let opened = use_state(Vec::<RegionKind>::new);
    let on_fold = fold_toggle(&opened);
    let copy = copy_program(program.written.clone(), &copied);
    // Only a program written for the scenario replayed (not one still being rewritten) follows it.
    let spots = match (&props.cursor, &program.written, program.writing) {
        (Some(cursor), Some(written), false) => written.spots.at(&cursor.scenario, &cursor.moment),
        _ => Vec::new(),
    };
    let code = use_node_ref();
    {
        // Bring the caller's line (else the first highlighted one) into the panel's own view, without
        // scrolling the page: the reader is watching the timeline.
        let code = code.clone();
        use_effect_with(spots.clone(), move |spots| {
            if let (false, Some(pre)) = (spots.is_empty(), code.cast::<web_sys::HtmlElement>()) {
                show_the_callers_line(&pre, spots);
            }
        });
    }
    let call = semantics(props.scenario.mode, props.language).call;
    let note = program
        .written
        .as_ref()
        .map(|written| format!(": {}", written.note));
    let status = match (&program.failure, program.written.is_none()) {
        (Some(reason), _) => format!("Could not write the program: {reason}."),
        (None, true) => "Writing the program…".to_owned(),
        (None, false) => (*copied).clone(),
    };
    html! {
        <div class="code-panel" ref={panel}>
            { language_tabs(props) }
            <div id="code-tabpanel" role="tabpanel" aria-labelledby={format!("tab-{}", props.language.url_name())}>
                <p class="code-note"><strong>{call}</strong>{note}</p>
                <div class="code-actions">
                    <button type="button" onclick={copy} disabled={program.written.is_none()}>{format!("Copy {} program", props.language.display_name())}</button>
                    <span class="status" role="status">{status}</span>
                    // Checked, it gives the code the editor's column (the stylesheet's `:has`), so the
                    // page holds no state for it.
                    <label class="room-toggle"><input type="checkbox" id="code-room" />{" Wide code"}</label>
                </div>
                <p class="note"><span class="idiom-swatch"></span>{"Marked: what changes with how the caller awaits. Folded: what every mode shares."}</p>
                <pre class="code" ref={code.clone()} role="region" tabindex="0" aria-label={format!("{} program", props.language.display_name())} aria-busy={program.writing.to_string()}><code>
                    if let Some(written) = &program.written {
                        { program_lines(written, &spots, &opened, &on_fold) }
                    }
                </code></pre>
                if let Some(hidden) = program.written.as_ref().map(|written| written.hidden_lines).filter(|&hidden| hidden > 0) {
                    <p class="note">{format!("{hidden} more lines are not shown; Copy gives the whole program.")}</p>
                }
            </div>
        </div>
    }
}

/// Open or close the scaffolding of one kind, in every language.
fn fold_toggle(opened: &UseStateHandle<Vec<RegionKind>>) -> Callback<RegionKind> {
    let opened = opened.clone();
    Callback::from(move |kind: RegionKind| {
        let mut now = (*opened).clone();
        match now.iter().position(|&open| open == kind) {
            Some(index) => {
                now.swap_remove(index);
            }
            None => now.push(kind),
        }
        opened.set(now);
    })
}

/// Copy the whole program, and say in the status line whether it worked.
fn copy_program(
    written: Option<Rc<WrittenProgram>>,
    copied: &UseStateHandle<String>,
) -> Callback<MouseEvent> {
    let copied = copied.clone();
    Callback::from(move |_: MouseEvent| {
        let Some(written) = written.clone() else {
            return;
        };
        let copied = copied.clone();
        wasm_bindgen_futures::spawn_local(async move {
            copied.set(match copy_text(&written.text).await {
                Ok(()) => "Copied.".to_owned(),
                Err(reason) => format!("Could not copy: {reason}"),
            });
        });
    })
}

/// Bring the caller's line (else the first highlighted one) into the panel's own view, without
/// scrolling the page: the reader is watching the timeline.
fn show_the_callers_line(pre: &web_sys::HtmlElement, spots: &[Spot]) {
    let caller = spots.iter().any(|spot| spot.who.starts_with("the caller"));
    let wanted = if caller {
        "[data-who^='the caller']"
    } else {
        ".current"
    };
    let shown = pre
        .query_selector(wanted)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(shown) = shown {
        let top = shown.offset_top() - pre.client_height() / 3;
        pre.set_scroll_top(top.max(0));
    }
}

/// A tab for each language; the chosen one is in the tab order.
fn language_tabs(props: &CodePanelProps) -> Html {
    html! {
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
    }
}
