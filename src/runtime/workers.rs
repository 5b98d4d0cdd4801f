//! The page's Web Workers and how it talks to them: the writer (programs and text downloads,
//! `src/bin/writer.rs`) and the image writer (GIF and PNG, `src/bin/images.rs`). Each loads on its
//! first request, so neither counts in the page's first load.
//!
//! Both speak one protocol. A worker says `"ready"` first: messages sent before its wasm has set a
//! listener would be dropped. A request is an array whose first element is its id; the answer is
//! `[id, …]`, or `[id, undefined, reason]`. The image writer ends once it has nothing left to do,
//! which gives back the memory its pictures took; the next request starts it again.

use std::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

const READY: &str = "ready";

/// One of the page's workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerScript {
    Writer,
    Images,
}

impl WorkerScript {
    /// The worker's script, relative to the page (`static/writer-worker.js`, `static/images-worker.js`).
    fn path(self) -> &'static str {
        match self {
            WorkerScript::Writer => "./writer-worker.js",
            WorkerScript::Images => "./images-worker.js",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// The worker's side: answer every request with `answer`, then say it is ready for them.
pub fn serve(answer: fn(&Array) -> Array) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_request = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let _ = replies.post_message(&answer(&Array::from(&event.data())));
    });
    scope.set_onmessage(Some(on_request.as_ref().unchecked_ref()));
    // The worker lives until the page ends it, and so does its one listener.
    on_request.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

type OnAnswer = Box<dyn FnOnce(Result<Array, String>)>;

/// The page's side of one worker, started by its first request.
struct Connection {
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
    static CONNECTIONS: RefCell<[Option<Connection>; 2]> = const { RefCell::new([None, None]) };
}

fn on_message(script: WorkerScript, event: MessageEvent) {
    let data = event.data();
    if data.as_string().as_deref() == Some(READY) {
        CONNECTIONS.with_borrow_mut(|connections| {
            if let Some(connection) = &mut connections[script.slot()] {
                connection.ready = true;
                for request in connection.queued.drain(..) {
                    let _ = connection.worker.post_message(&request);
                }
            }
        });
        return;
    }
    let answer = Array::from(&data);
    let Some(id) = answer.get(0).as_f64() else {
        return;
    };
    if answer.get(1).is_null() {
        return;
    }
    let waiting = CONNECTIONS.with_borrow_mut(|connections| {
        let slot = &mut connections[script.slot()];
        let waiting = &mut slot.as_mut()?.waiting;
        let index = waiting
            .iter()
            .position(|(waiting_id, _)| f64::from(*waiting_id) == id)?;
        let (_, on_answer) = waiting.swap_remove(index);
        if script == WorkerScript::Images && waiting.is_empty() {
            if let Some(idle) = slot.take() {
                idle.worker.terminate();
            }
        }
        Some(on_answer)
    });
    if let Some(on_answer) = waiting {
        on_answer(if answer.get(1).is_undefined() {
            Err(answer.get(2).as_string().unwrap_or_default())
        } else {
            Ok(answer)
        });
    }
}

fn connect(script: WorkerScript) -> Result<Connection, String> {
    let worker = Worker::new(script.path()).map_err(|error| {
        error
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.message()))
            .unwrap_or_else(|| "the browser refused to start a worker".to_owned())
    })?;
    let on_answer = Closure::<dyn FnMut(MessageEvent)>::new(move |event| on_message(script, event));
    // A worker that cannot load fails every request, now and later, rather than leaving them waiting.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        let failed = CONNECTIONS.with_borrow_mut(|connections| connections[script.slot()].take());
        if let Some(connection) = failed {
            connection.worker.terminate();
            for (_, on_answer) in connection.waiting {
                on_answer(Err("the worker could not start".to_owned()));
            }
        }
    });
    worker.set_onmessage(Some(on_answer.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Connection {
        worker,
        ready: false,
        queued: Vec::new(),
        waiting: Vec::new(),
        next_id: 0,
        _on_answer: on_answer,
        _on_error: on_error,
    })
}

/// Send `request` (whose first element the id fills) to `script`'s worker, starting it if need be.
pub fn ask(script: WorkerScript, request: Array, on_answer: OnAnswer) {
    let started =
        CONNECTIONS.with_borrow_mut(|connections| match &mut connections[script.slot()] {
            Some(_) => Ok(()),
            empty => connect(script).map(|connection| *empty = Some(connection)),
        });
    if let Err(reason) = started {
        return on_answer(Err(reason));
    }
    CONNECTIONS.with_borrow_mut(|connections| {
        let Some(connection) = &mut connections[script.slot()] else {
            return;
        };
        let id = connection.next_id;
        connection.next_id = connection.next_id.wrapping_add(1);
        request.set(0, JsValue::from(id));
        if connection.ready {
            let _ = connection.worker.post_message(&request);
        } else {
            connection.queued.push(request);
        }
        connection.waiting.push((id, on_answer));
    });
}
