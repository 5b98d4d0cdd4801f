//! Both sides of the runner: a second wasm on the page's own thread that runs scenarios for real,
//! Rust futures and JavaScript promises. Their engines (the runners, their timers, the `futures`
//! combinators) are a twentieth of what the page would load, and nothing needs them before Run is
//! pressed; so they live in `src/bin/runner.rs`, which the page loads with the unseen rehearsal it
//! runs once it has rendered (`RunController::rehearse`), or with its first run. A run
//! crosses the door as the scenario's own link and each event as a list of numbers
//! (`flat_timeline`); a simulation played live (C#, Python, a Rust caller that blocks) the page
//! runs itself.
//!
//! The runner's wasm-bindgen glue (`runner.js`) and `static/runner-page.js`, which starts its wasm,
//! are plain scripts of the page's own origin. Its start function sets `asyncPlaygroundRunner`: a
//! function of (scenario query, language, run id, on event) that returns the run's `cancel`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Float64Array, Function, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::link::flat_timeline::{event_from_numbers, event_to_numbers};
use crate::domain::link::url_codec::{decode_any_length, encode};
use crate::domain::model::display::DisplayOptions;
use crate::domain::model::language::Language;
use crate::domain::model::run_event::{RunEvent, RunId};
use crate::domain::model::scenario::Scenario;

use super::reporter::EventSink;
use super::run_handle::{start_replay, Engine, RunHandle};

/// The global the runner's start function sets.
const RUNNER: &str = "asyncPlaygroundRunner";
/// The event `static/runner-page.js` sends once the runner has started, and the one it sends if
/// it could not.
const STARTED: &str = "asyncplaygroundrunner";
const FAILED: &str = "asyncplaygroundrunnerfailed";

/// The runner's side: offer the page its start function.
pub fn serve() {
    let start = Closure::<dyn FnMut(String, String, f64, Function) -> JsValue>::new(
        |query: String, language: String, run: f64, on_event: Function| {
            let scenario = decode_any_length(&query).scenario;
            let language = Language::from_url_name(&language).unwrap_or_default();
            let sink: EventSink = Rc::new(move |event: RunEvent| {
                let numbers = Float64Array::from(&event_to_numbers(&event)[..]);
                let _ = on_event.call1(&JsValue::NULL, &numbers);
            });
            let handle = super::run_handle::start_run(&scenario, language, run as RunId, sink);
            let handle = RefCell::new(handle);
            Closure::<dyn FnMut()>::new(move || {
                if let Some(mut handle) = handle.borrow_mut().take() {
                    handle.cancel();
                }
            })
            .into_js_value()
        },
    );
    let _ = Reflect::set(
        &js_sys::global(),
        &JsValue::from_str(RUNNER),
        start.as_ref(),
    );
    // The runner lives as long as the page, and so does its start function.
    start.forget();
}

type Waiting = Box<dyn FnOnce(Result<Function, String>)>;

/// Where the runner stands, seen from the page.
enum Door {
    Closed,
    Opening(Vec<Waiting>),
    Open(Function),
    Broken(String),
}

thread_local! {
    static DOOR: RefCell<Door> = const { RefCell::new(Door::Closed) };
}

/// Call `then` with the runner's start function once it has started, or with why it could not.
fn with_runner(then: impl FnOnce(Result<Function, String>) + 'static) {
    let mut then: Option<Waiting> = Some(Box::new(then));
    let mut opening = Ok(());
    let ready = DOOR.with_borrow_mut(|door| match door {
        Door::Open(start) => Some(Ok(start.clone())),
        Door::Broken(reason) => Some(Err(reason.clone())),
        Door::Opening(waiting) => {
            waiting.extend(then.take());
            None
        }
        Door::Closed => {
            *door = Door::Opening(then.take().into_iter().collect());
            opening = open();
            None
        }
    });
    match (ready, then) {
        (Some(result), Some(then)) => then(result),
        _ => {
            if let Err(reason) = opening {
                settle(Err(reason));
            }
        }
    }
}

/// The runner started, or could not: everyone waiting is told, and later callers are told at once.
fn settle(result: Result<Function, String>) {
    let waiting = DOOR.with_borrow_mut(|door| {
        let waiting = match std::mem::replace(door, Door::Closed) {
            Door::Opening(waiting) => waiting,
            _ => Vec::new(),
        };
        *door = match &result {
            Ok(start) => Door::Open(start.clone()),
            Err(reason) => Door::Broken(reason.clone()),
        };
        waiting
    });
    for then in waiting {
        then(result.clone());
    }
}

/// Add the runner's scripts to the page: its glue, then the script that starts its wasm.
fn open() -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let on_started = Closure::once_into_js(move |_: JsValue| {
        let start = Reflect::get(&js_sys::global(), &JsValue::from_str(RUNNER))
            .ok()
            .and_then(|start| start.dyn_into::<Function>().ok());
        settle(start.ok_or_else(|| "the runner started without its start function".to_owned()));
    });
    let on_failed = Closure::once_into_js(move |_: JsValue| {
        settle(Err("the runner could not start".to_owned()));
    });
    let listen = |name: &str, listener: &JsValue| {
        window
            .add_event_listener_with_callback(name, listener.unchecked_ref())
            .map_err(|_| "the page could not listen for the runner".to_owned())
    };
    listen(STARTED, &on_started)?;
    listen(FAILED, &on_failed)?;
    let script = |src: &str| -> Result<web_sys::Element, String> {
        let script = document
            .create_element("script")
            .map_err(|_| "the page could not add the runner")?;
        let _ = script.set_attribute("src", src);
        Ok(script)
    };
    let glue = script("./runner.js")?;
    let starter = script("./runner-page.js")?;
    // The starter needs the glue's `wasm_bindgen`: it goes in once the glue has run.
    let add_starter = Closure::once_into_js(move |_: JsValue| {
        if let Some(body) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.body())
        {
            let _ = body.append_child(&starter);
        }
    });
    let _ = glue.add_event_listener_with_callback("load", add_starter.unchecked_ref());
    let _ = glue.add_event_listener_with_callback("error", on_failed.unchecked_ref());
    document
        .body()
        .ok_or("no body")?
        .append_child(&glue)
        .map_err(|_| "the page could not add the runner")?;
    Ok(())
}

/// A run started through the door. Dropping it cancels the run.
pub struct DoorRun {
    pub engine: Engine,
    started: Rc<RefCell<Started>>,
}

/// A run on the runner: its `cancel`, and the page's listener for its events, kept as long as it.
struct Remote {
    cancel: Function,
    _listener: Closure<dyn FnMut(Float64Array)>,
}

/// What a run through the door has become.
#[derive(Default)]
struct Started {
    cancelled: bool,
    remote: Option<Remote>,
    /// A run the page plays itself: a simulation, or the fallback when the runner could not start.
    local: Option<RunHandle>,
}

impl DoorRun {
    /// Stop the run: nothing more is reported, and it leaves no timer behind.
    pub fn cancel(&mut self) {
        let mut started = self.started.borrow_mut();
        started.cancelled = true;
        if let Some(remote) = started.remote.take() {
            let _ = remote.cancel.call0(&JsValue::NULL);
        }
        if let Some(mut local) = started.local.take() {
            local.cancel();
        }
    }
}

impl Drop for DoorRun {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// Start running `scenario` as `language` does, sending each event (tagged `run`) to `sink`: on the
/// runner for a real run, once it has started; a simulation played live here. Returns `None` only
/// outside a browser window.
pub fn start_run(
    scenario: &Scenario,
    language: Language,
    run: RunId,
    sink: EventSink,
) -> Option<DoorRun> {
    let engine = Engine::for_run(scenario, language);
    let started = Rc::new(RefCell::new(Started::default()));
    if engine == Engine::SimulatedLive {
        started.borrow_mut().local = Some(start_replay(scenario, language, run, sink)?);
        return Some(DoorRun { engine, started });
    }
    let query = encode(scenario, &DisplayOptions::default());
    let (scenario, waiting) = (scenario.clone(), started.clone());
    with_runner(move |runner| {
        let mut started = waiting.borrow_mut();
        if started.cancelled {
            return;
        }
        match runner {
            Ok(start) => {
                let listener =
                    Closure::<dyn FnMut(Float64Array)>::new(move |numbers: Float64Array| {
                        if let Some(event) = event_from_numbers(&numbers.to_vec()) {
                            sink(event);
                        }
                    });
                let cancel = start
                    .call4(
                        &JsValue::NULL,
                        &JsValue::from_str(&query),
                        &JsValue::from_str(language.url_name()),
                        &JsValue::from(run as f64),
                        listener.as_ref(),
                    )
                    .ok()
                    .and_then(|cancel| cancel.dyn_into::<Function>().ok());
                if let Some(cancel) = cancel {
                    started.remote = Some(Remote {
                        cancel,
                        _listener: listener,
                    });
                }
            }
            // Without the runner, the run is the simulation played live, as for C# and Python.
            Err(reason) => {
                web_sys::console::error_1(&JsValue::from_str(&format!(
                    "{reason}: playing the simulation instead"
                )));
                started.local = start_replay(&scenario, language, run, sink);
            }
        }
    });
    Some(DoorRun { engine, started })
}
