//! The one door from the UI into running: start a scenario on the right engine, receive its events,
//! and cancel it. A cancelled run reports nothing more and leaves no timer behind.

use std::cell::Cell;
use std::rc::Rc;

use futures::future::{AbortHandle, Abortable};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::domain::model::language::Language;
use crate::domain::model::run_event::{events_of, EventKind, RunId};
use crate::domain::model::scenario::Scenario;
use crate::domain::semantics::blocking::runs_for_real_in_the_page;
use crate::domain::simulator::simulate;

use super::browser_clock::BrowserClock;
use super::clock::Clock;
use super::js_runner::{run_js, JsTimers};
use super::live_replay::replay;
use super::reporter::{EventSink, Reporter};
use super::rust_runner::run_rust;

/// What actually runs the tasks for a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Rust futures and `futures` combinators on gloo timers, compiled to WebAssembly.
    RustFutures,
    /// The browser's own promises.
    JsPromises,
    /// The simulation played in real time: a browser tab cannot run C# or Python.
    SimulatedLive,
}

impl Engine {
    /// The engine for `scenario` as `language` runs it: a Rust caller that blocks its thread is
    /// simulated, since WebAssembly here cannot block one.
    pub fn for_run(scenario: &Scenario, language: Language) -> Engine {
        match language {
            _ if !runs_for_real_in_the_page(scenario, language) => Engine::SimulatedLive,
            Language::Rust => Engine::RustFutures,
            _ => Engine::JsPromises,
        }
    }

    /// A sentence for the UI saying what the run is.
    pub fn description(self, language: Language) -> String {
        match self {
            Engine::RustFutures => "A real run: Rust futures on this page's event loop.".to_owned(),
            Engine::JsPromises => "A real run: this browser's own JavaScript promises.".to_owned(),
            Engine::SimulatedLive if language.runs_in_the_page() => format!(
                "A thread cannot block in this page's WebAssembly, so this plays the simulation of {language}'s blocking call in real time."
            ),
            Engine::SimulatedLive => format!(
                "{language} cannot run in a browser tab, so this plays the simulation of {language}'s semantics in real time."
            ),
        }
    }
}

/// A run in flight. Dropping it cancels the run.
pub struct RunHandle {
    pub engine: Engine,
    abort: AbortHandle,
    silenced: Rc<Cell<bool>>,
    live_timers: Box<dyn Fn() -> u32>,
    visibility_listener: Option<Closure<dyn FnMut()>>,
}

impl RunHandle {
    /// Stop the run: nothing more is reported, its futures are dropped and their timers cleared.
    pub fn cancel(&mut self) {
        self.silenced.set(true);
        self.abort.abort();
        if let Some(listener) = self.visibility_listener.take() {
            if let Some(document) = web_sys::window().and_then(|window| window.document()) {
                let _ = document.remove_event_listener_with_callback(
                    "visibilitychange",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    }

    /// Timers the run has set that are neither fired nor cleared.
    pub fn live_timers(&self) -> u32 {
        (self.live_timers)()
    }
}

impl Drop for RunHandle {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// Start running `scenario` as `language` does, sending each event (tagged `run`) to `sink`.
/// Returns `None` only outside a browser window.
pub fn start_run(
    scenario: &Scenario,
    language: Language,
    run: RunId,
    sink: EventSink,
) -> Option<RunHandle> {
    let clock = BrowserClock::new()?;
    let reporter = Reporter::new(clock.clone(), run, sink);
    let engine = Engine::for_run(scenario, language);
    let (abort, registration) = AbortHandle::new_pair();
    let scenario = scenario.clone();
    let task_reporter = reporter.clone();

    let live_timers: Box<dyn Fn() -> u32> = match engine {
        Engine::RustFutures => {
            let run = Abortable::new(
                async move { run_rust(&scenario, task_reporter).await },
                registration,
            );
            wasm_bindgen_futures::spawn_local(async move {
                let _ = run.await;
            });
            let clock = clock.clone();
            Box::new(move || clock.live_timers())
        }
        Engine::JsPromises => {
            let timers = Rc::new(JsTimers::default());
            let run_timers = timers.clone();
            let run = Abortable::new(
                async move { run_js(&scenario, task_reporter, run_timers).await },
                registration,
            );
            wasm_bindgen_futures::spawn_local(async move {
                let _ = run.await;
            });
            Box::new(move || timers.live())
        }
        Engine::SimulatedLive => {
            let events = events_of(&simulate(&scenario, language), run);
            let run = Abortable::new(replay(events, task_reporter), registration);
            wasm_bindgen_futures::spawn_local(async move {
                let _ = run.await;
            });
            let clock = clock.clone();
            Box::new(move || clock.live_timers())
        }
    };

    Some(RunHandle {
        engine,
        abort,
        silenced: reporter.silencer(),
        live_timers,
        visibility_listener: watch_visibility(reporter),
    })
}

/// Hidden pages get their timers throttled (to about once a second), so mark such a run as throttled.
fn watch_visibility(reporter: Reporter<BrowserClock>) -> Option<Closure<dyn FnMut()>> {
    let document = web_sys::window()?.document()?;
    if document.hidden() {
        reporter.report(EventKind::Throttled);
    }
    let watched = document.clone();
    let listener = Closure::<dyn FnMut()>::new(move || {
        if watched.hidden() {
            reporter.report(EventKind::Throttled);
        }
    });
    document
        .add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref())
        .ok()?;
    Some(listener)
}
