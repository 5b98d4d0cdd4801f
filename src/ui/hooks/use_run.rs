//! `use_run`: starts, compares and resets real runs, and re-renders while one is live only to show
//! what happened, at most four times a second, however many events arrive: the run's bars and cursor
//! move by themselves in between. Events of a reset session are dropped by run id.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::model::comparison::{compared_runs, Comparison};
use crate::domain::model::draws::draw_all;
use crate::domain::model::language::Language;
use crate::domain::model::run_event::{EventKind, RunEvent, RunId, RunRecorder};
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::Timeline;
use crate::domain::page::redraw_schedule::{live_redraw_delay_ms, redraw_this_frame};
use crate::domain::semantics::blocking::caller_blocks;
use crate::domain::simulator::simulate;
use crate::runtime::run_handle::{start_run, Engine, RunHandle};

/// One run of a session, as recorded so far.
pub struct LiveRun {
    pub scenario: Rc<Scenario>,
    pub engine: Engine,
    pub recorder: RunRecorder,
    pub predicted: Rc<Timeline>,
    /// `performance.now()` when it started.
    started_at_ms: f64,
}

impl LiveRun {
    fn elapsed_ms(&self) -> f64 {
        now_ms() - self.started_at_ms
    }
}

/// What the screen shows of one run.
#[derive(Clone, PartialEq)]
pub struct RunView {
    /// Whose semantics it runs under: a comparison of languages holds one run of each.
    pub language: Language,
    // Shared: a live run is viewed every frame, and copying 10,000 tasks each time starves its timers.
    pub scenario: Rc<Scenario>,
    pub engine: Engine,
    pub timeline: Rc<Timeline>,
    pub predicted: Rc<Timeline>,
    pub done: bool,
    /// Whether the caller has resumed yet.
    pub resumed: bool,
    pub throttled: bool,
    /// Milliseconds since the run started (its end, once done).
    pub now_ms: f64,
    /// `performance.now()` when it started: the origin its running bars and cursor are pinned to.
    pub started_at_ms: f64,
}

/// The runs started by one press of Run or Compare.
#[derive(Clone, PartialEq)]
pub struct SessionView {
    pub id: u64,
    pub comparison: Comparison,
    pub runs: Vec<RunView>,
    /// Runs queued behind the current one (a comparison runs one after the other so they never
    /// share the thread), the next first.
    pub waiting: Vec<(Rc<Scenario>, Language)>,
}

impl SessionView {
    pub fn done(&self) -> bool {
        self.waiting.is_empty() && self.runs.iter().all(|run| run.done)
    }
}

struct Session {
    id: u64,
    comparison: Comparison,
    runs: Vec<LiveRun>,
    /// Popped from the back.
    queued: Vec<(Rc<Scenario>, Language)>,
    handle: Option<RunHandle>,
    /// A rehearsal (see `RunController::rehearse`): never shown, and gone when it ends.
    unseen: bool,
}

#[derive(Default)]
struct Shared {
    session: RefCell<Option<Session>>,
    next_session: Cell<u64>,
    next_run: Cell<RunId>,
    /// The wait before the next redraw; dropping it cancels it.
    redraw_timer: RefCell<Option<Timeout>>,
    /// An animation frame has been asked for, to redraw in.
    frame_pending: Cell<bool>,
    /// Something happened that the page has not yet shown.
    changed: Cell<bool>,
    /// `performance.now()` at the latest redraw.
    redrawn_at_ms: Cell<f64>,
    /// Animation frames skipped in a row because a timer was about to fall due.
    frames_skipped: Cell<u32>,
    /// The engines and modes rehearsed, a bit each (see `RunController::rehearse`).
    rehearsed: Cell<u32>,
}

/// The UI's handle on running.
#[derive(Clone)]
pub struct RunController {
    shared: Rc<Shared>,
    rerender: Callback<()>,
    /// Told of each session once its last run is done, in the event that ends it.
    on_finished: Callback<SessionView>,
}

impl PartialEq for RunController {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.shared, &other.shared)
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl RunController {
    /// Run `scenario` for real, replacing any run in flight: with `comparison` beside it, each of
    /// its runs in turn (for real where the page can, Rust and JavaScript; simulated live otherwise).
    pub fn run(&self, scenario: &Scenario, language: Language, comparison: Comparison) {
        self.start_session(
            compared_runs(scenario, language, comparison),
            comparison,
            false,
        );
    }

    /// Stop whatever runs: no more events, no timers left, nothing on screen.
    pub fn reset(&self) {
        self.reset_quietly();
        self.rerender.emit(());
    }

    fn reset_quietly(&self) {
        self.shared.redraw_timer.take();
        if let Some(mut session) = self.shared.session.borrow_mut().take() {
            if let Some(mut handle) = session.handle.take() {
                handle.cancel();
            }
        }
    }

    /// Whether a run is in flight or queued.
    pub fn is_live(&self) -> bool {
        self.shared
            .session
            .borrow()
            .as_ref()
            .is_some_and(|session| {
                !session.unseen
                    && (!session.queued.is_empty()
                        || session.runs.iter().any(|run| !run.recorder.done))
            })
    }

    /// A snapshot for rendering: what has happened is then on its way to the screen.
    pub fn view(&self) -> Option<SessionView> {
        self.shared.changed.set(false);
        self.shared.redrawn_at_ms.set(now_ms());
        let session = self.shared.session.borrow();
        let session = session.as_ref().filter(|session| !session.unseen)?;
        let now = now_ms();
        Some(SessionView {
            id: session.id,
            comparison: session.comparison,
            waiting: session.queued.iter().rev().cloned().collect(),
            runs: session
                .runs
                .iter()
                .map(|run| {
                    let timeline = run.recorder.timeline();
                    let now_ms = if run.recorder.done {
                        timeline.totals().last_end_ms
                    } else {
                        (now - run.started_at_ms).max(run.recorder.latest_ms)
                    };
                    RunView {
                        language: run.recorder.language,
                        scenario: Rc::clone(&run.scenario),
                        engine: run.engine,
                        timeline: Rc::new(timeline),
                        predicted: Rc::clone(&run.predicted),
                        done: run.recorder.done,
                        resumed: run.recorder.resume.is_some(),
                        throttled: run.recorder.throttled,
                        now_ms,
                        started_at_ms: run.started_at_ms,
                    }
                })
                .collect(),
        })
    }

    /// Run `scenario`'s [`Scenario::rehearsal`] unseen, before the page's first run and after a
    /// reset, once per engine and mode: a browser compiles the page's WebAssembly a function at a
    /// time, when it is first called, and on a slow phone compiling the run's code inside its first
    /// real run made that run 3 % late. It runs as a session nobody sees, through the same code as
    /// a real one; a real run that starts meanwhile replaces it. A caller that blocks is not
    /// rehearsed: the JavaScript spin would hold the page for a second.
    pub fn rehearse(&self, scenario: &Scenario, language: Language) {
        // Three engines of at most eight modes fit a `u32`'s bits.
        let key = 1 << (Engine::for_run(scenario, language) as u32 * 8 + scenario.mode as u32);
        if caller_blocks(scenario)
            || self.shared.session.borrow().is_some()
            || self.shared.rehearsed.get() & key != 0
        {
            return;
        }
        self.shared.rehearsed.set(self.shared.rehearsed.get() | key);
        self.start_session(
            vec![(scenario.rehearsal(), language)],
            Comparison::None,
            true,
        );
    }

    fn start_session(&self, runs: Vec<(Scenario, Language)>, comparison: Comparison, unseen: bool) {
        // Quietly: a render queued now would run before the new run's first poll, inside its measured time.
        self.reset_quietly();
        let queued = runs
            .into_iter()
            .rev()
            .map(|(scenario, language)| (Rc::new(scenario), language))
            .collect();
        let id = self.shared.next_session.get() + 1;
        self.shared.next_session.set(id);
        *self.shared.session.borrow_mut() = Some(Session {
            id,
            comparison,
            runs: Vec::new(),
            queued,
            handle: None,
            unseen,
        });
        self.start_next();
    }

    /// Start the next queued run of the current session, if any.
    fn start_next(&self) {
        let (scenario, language) = {
            let mut session = self.shared.session.borrow_mut();
            let Some(session) = session.as_mut() else {
                return;
            };
            let Some(next) = session.queued.pop() else {
                return;
            };
            next
        };
        let run_id = self.shared.next_run.get() + 1;
        self.shared.next_run.set(run_id);
        let controller = self.clone();
        let sink = Rc::new(move |event: RunEvent| controller.receive(event));
        let predicted = Rc::new(simulate(&scenario, language));
        let mut recorder = RunRecorder::new(run_id, scenario.mode, language, draw_all(&scenario));
        // A real run reports its tasks and its caller; how its caller blocked is the scenario's.
        recorder.blocked = predicted.blocked;
        let started_at_ms = now_ms();
        let handle = start_run(&scenario, language, run_id, sink);
        let mut seen = false;
        if let Some(session) = self.shared.session.borrow_mut().as_mut() {
            seen = !session.unseen;
            let engine = handle.as_ref().map_or(Engine::SimulatedLive, |h| h.engine);
            session.runs.push(LiveRun {
                scenario,
                engine,
                recorder,
                predicted,
                started_at_ms,
            });
            session.handle = handle;
        }
        // Queued behind the run's first poll, so its timers are all set before the page renders,
        // and what was on screen goes at once.
        if seen {
            self.rerender.emit(());
        }
    }

    fn receive(&self, event: RunEvent) {
        let (finished, unseen) = {
            let mut session = self.shared.session.borrow_mut();
            let Some(session) = session.as_mut() else {
                return;
            };
            let Some(run) = session
                .runs
                .iter_mut()
                .find(|r| r.recorder.run == event.run)
            else {
                return; // a run of an earlier session: ignore it
            };
            run.recorder.apply(&event);
            (event.kind == EventKind::Done, session.unseen)
        };
        // A rehearsal is never drawn: it ends, leaving nothing.
        if unseen {
            if finished {
                self.reset_quietly();
            }
            return;
        }
        self.shared.changed.set(true);
        if finished {
            self.start_next();
            if !self.is_live() {
                if let Some(session) = self.view() {
                    self.on_finished.emit(session);
                }
            }
        }
        self.request_redraw();
    }

    /// `look` at the session's latest run, if there is one.
    fn latest_run<T>(&self, look: impl FnOnce(&LiveRun) -> T) -> Option<T> {
        let session = self.shared.session.borrow();
        session.as_ref()?.runs.last().map(look)
    }

    /// Whether this animation frame may redraw: not just before one of the run's timers falls due,
    /// which the redraw would make late (see `redraw_this_frame`).
    fn frame_may_redraw(&self) -> bool {
        self.latest_run(|run| {
            redraw_this_frame(
                run.elapsed_ms(),
                run.recorder.next_timer_ms(&run.scenario),
                self.shared.frames_skipped.get(),
            )
        })
        .unwrap_or(true)
    }

    /// Redraw soon, once: at once when the session is over, else on `redraw_schedule`'s pace, at
    /// most four times a second.
    fn request_redraw(&self) {
        let live = self.is_live();
        if (live && self.shared.redraw_timer.borrow().is_some()) || self.shared.frame_pending.get()
        {
            return;
        }
        let since_redraw_ms = now_ms() - self.shared.redrawn_at_ms.get();
        let delay_ms = self
            .latest_run(|run| {
                live_redraw_delay_ms(
                    since_redraw_ms,
                    run.elapsed_ms(),
                    run.predicted.resume.at_ms,
                )
            })
            .filter(|_| live)
            .unwrap_or(0.0);
        let controller = self.clone();
        *self.shared.redraw_timer.borrow_mut() =
            Some(Timeout::new(delay_ms.ceil() as u32, move || {
                controller.shared.redraw_timer.take();
                controller.request_frame();
            }));
    }

    /// Redraw in the next animation frame that `frame_may_redraw`.
    fn request_frame(&self) {
        if self.shared.frame_pending.replace(true) {
            return;
        }
        let controller = self.clone();
        let on_frame = Closure::once_into_js(move || {
            let shared = &controller.shared;
            shared.frame_pending.set(false);
            let live = controller.is_live();
            if live && !controller.frame_may_redraw() {
                shared.frames_skipped.set(shared.frames_skipped.get() + 1);
                controller.request_frame();
                return;
            }
            shared.frames_skipped.set(0);
            if shared.changed.get() || !live {
                controller.rerender.emit(());
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(on_frame.unchecked_ref());
        }
    }
}

#[hook]
pub fn use_run(on_finished: Callback<SessionView>) -> RunController {
    let shared = (*use_memo((), |_| Rc::new(Shared::default()))).clone();
    let force = use_force_update();
    let rerender = Callback::from(move |()| force.force_update());
    // No effect cancels the run when the App goes: the App is the page, and a page that goes (an
    // embed removed, a reader leaving) takes its timers with it.
    RunController {
        shared,
        rerender,
        on_finished,
    }
}
