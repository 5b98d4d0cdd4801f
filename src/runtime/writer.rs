//! Both ends of the writer, a Web Worker that writes the page's text: each scenario's program in four
//! languages, highlighted, and the downloads (SVG, Chrome trace, Markdown).
//!
//! The program generators, the highlighter and the exports are a seventh of the page's wasm, and
//! nothing needs them before the code panel comes into view or a download is asked for. So they live
//! in a second wasm (`src/bin/writer.rs`), which the page starts only then. Being a worker also keeps
//! the writing off the page's thread.
//!
//! In the workers' protocol (`workers`), a request is `[id, preset index]` for a preset's lesson (the
//! page carries none), `[id, scenario query, language]` for a program,
//! with `[…, export code, comparison]` and then `scenario query, timeline` for each run (a comparison
//! has several) added for a download. The answer is `[id, text, kinds, lengths, hidden lines, note, spots, regions]` (the
//! flat form of [`WrittenProgram`]), `[id, text]` for a download,.

use std::rc::Rc;

use js_sys::{Array, Float64Array, Uint32Array, Uint8Array};
use wasm_bindgen::JsValue;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::link::flat_timeline;
use crate::domain::link::url_codec::{decode_any_length, encode};
use crate::domain::model::comparison::{ComparedRuns, Comparison, ExportedRun};
use crate::domain::model::display::DisplayOptions;
use crate::domain::model::language::Language;
use crate::domain::model::presets::LESSONS;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::Timeline;
use crate::domain::pictures::export::Export;
use crate::domain::programs::snippets::regions::Region;
use crate::domain::programs::snippets::spots::ProgramSpots;
use crate::domain::programs::snippets::written::WrittenProgram;

use super::workers::{self, ask, WorkerScript};

/// The worker's answer to one request.
fn answer(request: &Array) -> Array {
    let id = request.get(0);
    if let Some(preset) = request.get(1).as_f64() {
        let lesson = LESSONS.get(preset as usize).copied().unwrap_or_default();
        return Array::of2(&id, &JsValue::from_str(lesson));
    }
    let language = request
        .get(2)
        .as_string()
        .and_then(|name| Language::from_url_name(&name).ok())
        .unwrap_or_default();
    let Some(code) = request.get(3).as_f64() else {
        let query = request.get(1).as_string().unwrap_or_default();
        let written = WrittenProgram::write(&decode_any_length(&query).scenario, language);
        let (kinds, lengths) = written.token_codes();
        let answer = Array::of5(
            &id,
            &JsValue::from_str(&written.text),
            &Uint8Array::from(&kinds[..]),
            &Uint32Array::from(&lengths[..]),
            &JsValue::from(written.hidden_lines as u32),
        );
        answer.push(&JsValue::from_str(&written.note));
        answer.push(&Uint32Array::from(&written.spots.to_numbers()[..]));
        answer.push(&Uint32Array::from(
            &Region::to_numbers(&written.regions)[..],
        ));
        return answer;
    };
    let export = Export::from_code(code as u8);
    match (export, compared_runs_from(request)) {
        (Some(export), Some(runs)) => match export.write(&runs) {
            Some(text) => Array::of2(&id, &JsValue::from_str(&text)),
            None => garbled(&id),
        },
        _ => garbled(&id),
    }
}

/// Where a download's request names its comparison: after its id, scenario, language and export code.
const COMPARISON_AT: u32 = 4;

/// The answer to a request a worker cannot read.
pub(crate) fn garbled(id: &JsValue) -> Array {
    Array::of3(
        id,
        &JsValue::UNDEFINED,
        &JsValue::from_str("the page sent the worker a garbled request"),
    )
}

/// The runs a download's request carries, with the comparison that made them: each run's scenario,
/// as its own link, then its timeline as numbers.
pub(crate) fn compared_runs_from(request: &Array) -> Option<ComparedRuns> {
    let comparison = Comparison::from_url_name(&request.get(COMPARISON_AT).as_string()?).ok()?;
    let runs = (COMPARISON_AT + 1..request.length())
        .step_by(2)
        .map(|index| {
            let scenario = decode_any_length(&request.get(index).as_string()?).scenario;
            let numbers = Float64Array::new(&request.get(index + 1)).to_vec();
            let timeline = flat_timeline::from_numbers(&numbers)?;
            Some(ExportedRun { scenario, timeline })
        })
        .collect::<Option<_>>()?;
    Some(ComparedRuns { comparison, runs })
}

/// Add `runs`, made by `comparison`, to `request` in the form [`compared_runs_from`] reads.
fn push_runs(request: &Array, comparison: Comparison, runs: &[(Rc<Scenario>, Rc<Timeline>)]) {
    request.push(&JsValue::from_str(comparison.url_name()));
    for (scenario, timeline) in runs {
        request.push(&scenario_query(scenario));
        request.push(&Float64Array::from(
            &flat_timeline::to_numbers(timeline)[..],
        ));
    }
}

/// The worker's side: answer every request.
pub fn serve() {
    workers::serve(answer);
}

/// The request's common part: a slot for the id, the scenario as its own link (which reads back as
/// itself), and the language.
fn request_for(scenario: &Scenario, language: Language) -> Array {
    Array::of3(
        &JsValue::UNDEFINED,
        &scenario_query(scenario),
        &JsValue::from_str(language.url_name()),
    )
}

/// The scenario as its own link, which reads back as itself.
fn scenario_query(scenario: &Scenario) -> JsValue {
    JsValue::from_str(&encode(scenario, &DisplayOptions::default()))
}

/// Ask for the program for `scenario` in `language`; `on_written` receives it, or why there is none.
pub fn write_program(
    scenario: &Scenario,
    language: Language,
    on_written: impl FnOnce(Result<WrittenProgram, String>) + 'static,
) {
    let on_answer = move |answer: Result<Array, String>| {
        on_written(answer.and_then(|answer| {
            WrittenProgram::from_codes(
                answer.get(1).as_string().unwrap_or_default(),
                &Uint8Array::new(&answer.get(2)).to_vec(),
                &Uint32Array::new(&answer.get(3)).to_vec(),
                answer.get(4).as_f64().unwrap_or(0.0) as usize,
                answer.get(5).as_string().unwrap_or_default(),
                ProgramSpots::from_numbers(&Uint32Array::new(&answer.get(6)).to_vec()),
                Region::from_numbers(&Uint32Array::new(&answer.get(7)).to_vec()),
            )
            .ok_or_else(|| "the writer sent a garbled answer".to_owned())
        }))
    };
    ask(
        WorkerScript::Writer,
        request_for(scenario, language),
        Box::new(on_answer),
    );
}

/// Ask for the lesson of preset `preset` (its index in the presets); `on_written` receives it, or
/// nothing if the writer could not be asked.
pub fn write_lesson(preset: usize, on_written: impl FnOnce(Option<String>) + 'static) {
    let request = Array::of2(&JsValue::UNDEFINED, &JsValue::from(preset as u32));
    let on_answer = move |answer: Result<Array, String>| {
        on_written(answer.ok().and_then(|answer| answer.get(1).as_string()));
    };
    ask(WorkerScript::Writer, request, Box::new(on_answer));
}

/// Ask for `export` of `runs`, each a timeline and the scenario it is a run of, made by
/// `comparison`; `on_written` receives the file, text or bytes. Pictures made of pixels go to the
/// image writer, everything else to the writer.
pub fn write_export(
    export: Export,
    comparison: Comparison,
    runs: &[(Rc<Scenario>, Rc<Timeline>)],
    on_written: impl FnOnce(Result<JsValue, String>) + 'static,
) {
    let Some((scenario, timeline)) = runs.first() else {
        return on_written(Err("there is no run to export".to_owned()));
    };
    let request = request_for(scenario, timeline.language);
    request.push(&JsValue::from(export.code()));
    push_runs(&request, comparison, runs);
    let script = if export.is_pixels() {
        WorkerScript::Images
    } else {
        WorkerScript::Writer
    };
    let on_answer = move |answer: Result<Array, String>| on_written(answer.map(|a| a.get(1)));
    ask(script, request, Box::new(on_answer));
}
