//! `use_run`: starts, compares and resets real runs, and re-renders at most once per animation frame
//! while one is live, however many events arrive. Events of a reset session are dropped by run id.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::comparison::{compared_runs, Comparison};
use crate::domain::draws::draw_all;
use crate::domain::language::Language;
use crate::domain::redraw_schedule::{
    large_run_redraw_delay_ms, redraw_this_frame, LARGE_RUN_TASKS,
};
use crate::domain::run_event::{EventKind, RunEvent, RunId, RunRecorder};
use crate::domain::scenario::Scenario;
use crate::domain::simulator::simulate;
use crate::domain::timeline::Timeline;
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

    /// Too many tasks to redraw every animation frame (see `LARGE_RUN_TASKS`).
    fn is_large(&self) -> bool {
        self.scenario.tasks.len() > LARGE_RUN_TASKS
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
}

#[derive(Default)]
struct Shared {
    session: RefCell<Option<Session>>,
    next_session: Cell<u64>,
    next_run: Cell<RunId>,
    frame_pending: Cell<bool>,
    /// Animation frames skipped in a row because a timer was about to fall due.
    frames_skipped: Cell<u32>,
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
        self.start_session(compared_runs(scenario, language, comparison), comparison);
    }

    /// Stop whatever runs: no more events, no timers left, nothing on screen.
    pub fn reset(&self) {
        self.reset_quietly();
        self.rerender.emit(());
    }

    fn reset_quietly(&self) {
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
                !session.queued.is_empty() || session.runs.iter().any(|run| !run.recorder.done)
            })
    }

    /// A snapshot for rendering.
    pub fn view(&self) -> Option<SessionView> {
        let session = self.shared.session.borrow();
        let session = session.as_ref()?;
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
                    }
                })
                .collect(),
        })
    }

    fn start_session(&self, runs: Vec<(Scenario, Language)>, comparison: Comparison) {
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
        let recorder = RunRecorder::new(run_id, scenario.mode, language, draw_all(&scenario));
        let started_at_ms = now_ms();
        let handle = start_run(&scenario, language, run_id, sink);
        if let Some(session) = self.shared.session.borrow_mut().as_mut() {
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
        // Queued behind the run's first poll, so its timers are all set before the page renders.
        self.rerender.emit(());
        self.request_frame();
    }

    fn receive(&self, event: RunEvent) {
        let finished = {
            let mut session = self.shared.session.borrow_mut();
            let Some(run) = session
                .as_mut()
                .and_then(|s| s.runs.iter_mut().find(|r| r.recorder.run == event.run))
            else {
                return; // a run of an earlier session: ignore it
            };
            run.recorder.apply(&event);
            event.kind == EventKind::Done
        };
        if finished {
            self.start_next();
            if !self.is_live() {
                if let Some(session) = self.view() {
                    self.on_finished.emit(session);
                }
            }
        }
        self.request_frame();
    }

    /// `look` at the session's latest run, if there is one.
    fn latest_run<T>(&self, look: impl FnOnce(&LiveRun) -> T) -> Option<T> {
        let session = self.shared.session.borrow();
        session.as_ref()?.runs.last().map(look)
    }

    /// For a run in flight big enough that redrawing it every frame would starve its own timers, how
    /// long to wait before the next redraw.
    fn large_run_redraw_delay(&self) -> Option<f64> {
        self.latest_run(|run| {
            run.is_large()
                .then(|| large_run_redraw_delay_ms(run.elapsed_ms(), run.predicted.resume.at_ms))
        })
        .flatten()
    }

    /// Whether this animation frame of a normal run may redraw: not just before one of the run's
    /// timers falls due, which the redraw would make late (see `redraw_this_frame`). A large run is
    /// paced by `large_run_redraw_delay_ms` instead.
    fn frame_may_redraw(&self) -> bool {
        self.latest_run(|run| {
            run.is_large()
                || redraw_this_frame(
                    run.elapsed_ms(),
                    run.recorder.next_timer_ms(&run.scenario),
                    self.shared.frames_skipped.get(),
                )
        })
        .unwrap_or(true)
    }

    /// Re-render soon, once, and keep doing so while a run is live: every animation frame for a normal
    /// run, on `redraw_schedule`'s slower pace for a large one, whose render would otherwise take the
    /// thread from the very timers it is measuring.
    fn request_frame(&self) {
        if self.shared.frame_pending.replace(true) {
            return;
        }
        let controller = self.clone();
        let on_frame = Closure::once_into_js(move || {
            controller.shared.frame_pending.set(false);
            let live = controller.is_live();
            if !live || controller.frame_may_redraw() {
                controller.shared.frames_skipped.set(0);
                controller.rerender.emit(());
            } else {
                let skipped = &controller.shared.frames_skipped;
                skipped.set(skipped.get() + 1);
            }
            if live {
                controller.request_frame();
            }
        });
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(delay_ms) = self.large_run_redraw_delay() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_frame.unchecked_ref(),
                delay_ms.ceil() as i32,
            );
        } else {
            let _ = window.request_animation_frame(on_frame.unchecked_ref());
        }
    }
}

#[hook]
pub fn use_run(on_finished: Callback<SessionView>) -> RunController {
    let shared = (*use_memo((), |_| Rc::new(Shared::default()))).clone();
    let force = use_force_update();
    let rerender = Callback::from(move |()| force.force_update());
    let controller = RunController {
        shared,
        rerender,
        on_finished,
    };
    {
        // Leaving the page (or an embed being removed) cancels the run.
        let controller = controller.clone();
        use_effect_with((), move |_| move || controller.reset_quietly());
    }
    controller
}
