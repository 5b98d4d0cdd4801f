//! Both ends of the writer, a Web Worker that writes the page's text: each scenario's program in four
//! languages, highlighted, and the downloads (SVG, Chrome trace, Markdown).
//!
//! The program generators, the highlighter and the exports are a seventh of the page's wasm, and
//! nothing needs them before the code panel comes into view or a download is asked for. So they live
//! in a second wasm (`src/bin/writer.rs`), which the page starts only then. Being a worker also keeps
//! the writing off the page's thread.
//!
//! A request is `[id, scenario query, language]` for a program, with `[…, export code, timeline]`
//! added for a download, and then `scenario query, timeline` again for each further run of a
//! comparison. The answer is `[id, text, kinds, lengths, hidden lines, note, spots, regions]` (the
//! flat form of [`WrittenProgram`]), `[id, text]` for a download, or `[id, undefined, reason]`. The
//! worker says `"ready"` first: messages sent before its wasm has set a listener would be dropped.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Float64Array, Uint32Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

use crate::domain::export::Export;
use crate::domain::flat_timeline;
use crate::domain::language::Language;
use crate::domain::named_choice::NamedChoice;
use crate::domain::scenario::Scenario;
use crate::domain::snippets::regions::Region;
use crate::domain::snippets::spots::ProgramSpots;
use crate::domain::snippets::written::WrittenProgram;
use crate::domain::svg_export::ExportedRun;
use crate::domain::timeline::Timeline;
use crate::domain::url_codec::{decode_any_length, encode, DisplayOptions};

/// The worker's script (`static/writer-worker.js`), relative to the page.
const WORKER_SCRIPT: &str = "./writer-worker.js";
const READY: &str = "ready";

/// The worker's answer to one request.
fn answer(request: &Array) -> Array {
    let id = request.get(0);
    let scenario = decode_any_length(&request.get(1).as_string().unwrap_or_default()).scenario;
    let language = request
        .get(2)
        .as_string()
        .and_then(|name| Language::from_url_name(&name).ok())
        .unwrap_or_default();
    let Some(code) = request.get(3).as_f64() else {
        let written = WrittenProgram::write(&scenario, language);
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
    let timeline_at =
        |index| flat_timeline::from_numbers(&Float64Array::new(&request.get(index)).to_vec());
    let first = timeline_at(4).map(|timeline| ExportedRun { scenario, timeline });
    let further = (5..request.length()).step_by(2).map(|index| {
        let scenario = decode_any_length(&request.get(index).as_string()?).scenario;
        let timeline = timeline_at(index + 1)?;
        Some(ExportedRun { scenario, timeline })
    });
    let runs: Option<Vec<ExportedRun>> = std::iter::once(first).chain(further).collect();
    match (export, runs) {
        (Some(export), Some(runs)) => Array::of2(&id, &JsValue::from_str(&export.write(&runs))),
        _ => Array::of3(
            &id,
            &JsValue::UNDEFINED,
            &JsValue::from_str("the page sent the writer a garbled request"),
        ),
    }
}

/// The worker's side: answer every request, then say it is ready for them.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_request = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let _ = replies.post_message(&answer(&Array::from(&event.data())));
    });
    scope.set_onmessage(Some(on_request.as_ref().unchecked_ref()));
    // The worker lives as long as the page, and so does its one listener.
    on_request.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

type OnAnswer = Box<dyn FnOnce(Result<Array, String>)>;

/// The page's side: one worker, started by the first request.
struct Writer {
    worker: Worker,
    ready: bool,
    /// Requests made before the worker was ready, in order.
    queued: Vec<Array>,
    /// Who waits for each request's answer, by request id.
    waiting: Vec<(u32, OnAnswer)>,
    next_id: u32,
    _on_answer: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static WRITER: RefCell<Option<Writer>> = const { RefCell::new(None) };
}

fn on_answer(event: MessageEvent) {
    let data = event.data();
    if data.as_string().as_deref() == Some(READY) {
        WRITER.with_borrow_mut(|writer| {
            if let Some(writer) = writer {
                writer.ready = true;
                for request in writer.queued.drain(..) {
                    let _ = writer.worker.post_message(&request);
                }
            }
        });
        return;
    }
    let answer = Array::from(&data);
    let Some(id) = answer.get(0).as_f64() else {
        return;
    };
    let waiting = WRITER.with_borrow_mut(|writer| {
        let waiting = &mut writer.as_mut()?.waiting;
        let index = waiting
            .iter()
            .position(|(waiting_id, _)| f64::from(*waiting_id) == id)?;
        Some(waiting.swap_remove(index).1)
    });
    if let Some(on_answer) = waiting {
        on_answer(if answer.get(1).is_undefined() {
            Err(answer.get(2).as_string().unwrap_or_default())
        } else {
            Ok(answer)
        });
    }
}

fn start_writer() -> Result<Writer, String> {
    let worker = Worker::new(WORKER_SCRIPT).map_err(|error| {
        error
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.message()))
            .unwrap_or_else(|| "the browser refused to start a worker".to_owned())
    })?;
    let on_answer = Closure::<dyn FnMut(MessageEvent)>::new(on_answer);
    // A worker that cannot load fails every request, now and later, rather than leaving them waiting.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_: web_sys::Event| {
        let failed = WRITER.with_borrow_mut(|writer| writer.take());
        if let Some(writer) = failed {
            writer.worker.terminate();
            for (_, on_answer) in writer.waiting {
                on_answer(Err("the writer could not start".to_owned()));
            }
        }
    });
    worker.set_onmessage(Some(on_answer.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Writer {
        worker,
        ready: false,
        queued: Vec::new(),
        waiting: Vec::new(),
        next_id: 0,
        _on_answer: on_answer,
        _on_error: on_error,
    })
}

/// Send `request` (whose first element the id fills) to the worker, starting it if need be.
fn ask(request: Array, on_answer: OnAnswer) {
    let started = WRITER.with_borrow_mut(|slot| match slot {
        Some(_) => Ok(()),
        empty => start_writer().map(|writer| *empty = Some(writer)),
    });
    if let Err(reason) = started {
        return on_answer(Err(reason));
    }
    WRITER.with_borrow_mut(|slot| {
        let Some(writer) = slot else {
            return;
        };
        let id = writer.next_id;
        writer.next_id = writer.next_id.wrapping_add(1);
        request.set(0, JsValue::from(id));
        if writer.ready {
            let _ = writer.worker.post_message(&request);
        } else {
            writer.queued.push(request);
        }
        writer.waiting.push((id, on_answer));
    });
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
    ask(request_for(scenario, language), Box::new(on_answer));
}

/// Ask for `export` of `runs`, each a timeline and the scenario it is a run of; `on_written`
/// receives its text.
pub fn write_export(
    export: Export,
    runs: &[(Rc<Scenario>, Rc<Timeline>)],
    on_written: impl FnOnce(Result<String, String>) + 'static,
) {
    let Some((scenario, timeline)) = runs.first() else {
        return on_written(Err("there is no run to export".to_owned()));
    };
    let numbers =
        |timeline: &Timeline| Float64Array::from(&flat_timeline::to_numbers(timeline)[..]);
    let request = request_for(scenario, timeline.language);
    request.push(&JsValue::from(export.code()));
    request.push(&numbers(timeline));
    for (scenario, timeline) in &runs[1..] {
        request.push(&scenario_query(scenario));
        request.push(&numbers(timeline));
    }
    let on_answer = move |answer: Result<Array, String>| {
        on_written(answer.map(|answer| answer.get(1).as_string().unwrap_or_default()))
    };
    ask(request, Box::new(on_answer));
}
