//! Both ends of the program writer, a Web Worker that turns a scenario into a highlighted program.
//!
//! The four program generators and the highlighter are a tenth of the page's wasm, and nothing needs
//! them before the code panel comes into view. So they live in a second wasm (`src/bin/programs.rs`),
//! which the page starts only then. Being a worker also keeps the writing off the page's thread.
//!
//! A request is `[id, scenario query, language]`; the answer is `[id, text, kinds, lengths,
//! hidden lines]`, the flat form of [`WrittenProgram`]. The worker says `"ready"` first: messages
//! sent before its wasm has set a listener would be dropped.

use std::cell::RefCell;

use js_sys::{Array, Uint32Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

use crate::domain::language::Language;
use crate::domain::named_choice::NamedChoice;
use crate::domain::scenario::Scenario;
use crate::domain::snippets::written::WrittenProgram;
use crate::domain::url_codec::{decode_any_length, encode, DisplayOptions};

/// The worker's script (`static/programs-worker.js`), relative to the page.
const WORKER_SCRIPT: &str = "./programs-worker.js";
const READY: &str = "ready";

/// The worker's side: answer every request, then say it is ready for them.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_request = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let request = Array::from(&event.data());
        let query = request.get(1).as_string().unwrap_or_default();
        let language = request
            .get(2)
            .as_string()
            .and_then(|name| Language::from_url_name(&name).ok())
            .unwrap_or_default();
        let written = WrittenProgram::write(&decode_any_length(&query).scenario, language);
        let (kinds, lengths) = written.token_codes();
        let answer = Array::of5(
            &request.get(0),
            &JsValue::from_str(&written.text),
            &Uint8Array::from(&kinds[..]),
            &Uint32Array::from(&lengths[..]),
            &JsValue::from(written.hidden_lines as u32),
        );
        let _ = replies.post_message(&answer);
    });
    scope.set_onmessage(Some(on_request.as_ref().unchecked_ref()));
    // The worker lives as long as the page, and so does its one listener.
    on_request.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

type OnWritten = Box<dyn FnOnce(Result<WrittenProgram, String>)>;

/// The page's side: one worker, started by the first request.
struct Writer {
    worker: Worker,
    ready: bool,
    /// Requests made before the worker was ready, in order.
    queued: Vec<Array>,
    /// Who waits for each request's answer, by request id.
    waiting: Vec<(u32, OnWritten)>,
    next_id: u32,
    _on_answer: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static WRITER: RefCell<Option<Writer>> = const { RefCell::new(None) };
}

fn start_writer() -> Result<Writer, String> {
    let worker = Worker::new(WORKER_SCRIPT).map_err(|error| describe(&error))?;
    let on_answer = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
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
        let written = WrittenProgram::from_codes(
            answer.get(1).as_string().unwrap_or_default(),
            &Uint8Array::new(&answer.get(2)).to_vec(),
            &Uint32Array::new(&answer.get(3)).to_vec(),
            answer.get(4).as_f64().unwrap_or(0.0) as usize,
        )
        .ok_or_else(|| "the program writer sent a garbled answer".to_owned());
        let waiting = WRITER.with_borrow_mut(|writer| {
            let waiting = &mut writer.as_mut()?.waiting;
            let index = waiting
                .iter()
                .position(|(waiting_id, _)| f64::from(*waiting_id) == id)?;
            Some(waiting.swap_remove(index).1)
        });
        if let Some(on_written) = waiting {
            on_written(written);
        }
    });
    // A worker that cannot load fails every request, now and later, rather than leaving them waiting.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_: web_sys::Event| {
        let failed = WRITER.with_borrow_mut(|writer| writer.take());
        if let Some(writer) = failed {
            writer.worker.terminate();
            for (_, on_written) in writer.waiting {
                on_written(Err("the program writer could not start".to_owned()));
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

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .unwrap_or_else(|| "the browser refused to start a worker".to_owned())
}

/// Ask the worker for the program for `scenario` in `language`; `on_written` receives it, or why
/// there is none.
pub fn write_program(
    scenario: &Scenario,
    language: Language,
    on_written: impl FnOnce(Result<WrittenProgram, String>) + 'static,
) {
    // The scenario crosses as its own link, which reads back as itself.
    let query = encode(scenario, &DisplayOptions::default());
    let started = WRITER.with_borrow_mut(|slot| match slot {
        Some(_) => Ok(()),
        empty => start_writer().map(|writer| *empty = Some(writer)),
    });
    if let Err(reason) = started {
        return on_written(Err(reason));
    }
    WRITER.with_borrow_mut(|slot| {
        let Some(writer) = slot else {
            return;
        };
        let id = writer.next_id;
        writer.next_id = writer.next_id.wrapping_add(1);
        let request = Array::of3(
            &JsValue::from(id),
            &JsValue::from_str(&query),
            &JsValue::from_str(language.url_name()),
        );
        if writer.ready {
            let _ = writer.worker.post_message(&request);
        } else {
            writer.queued.push(request);
        }
        writer.waiting.push((id, Box::new(on_written)));
    });
}
