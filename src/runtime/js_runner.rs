//! Runs a scenario on the browser's own promises: `Promise.all`, `race` and `any` over
//! `setTimeout`-backed promises, a `for … await` loop, and a pool of workers, so the JavaScript view
//! shows what the engine really does rather than our model of it.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use futures::channel::oneshot;
use futures::future::join_all;
use futures::FutureExt;
use gloo_timers::callback::Timeout;
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::model::draws::{draw_all, TaskDraw};
use crate::domain::model::mode::Mode;
use crate::domain::model::run_event::EventKind;
use crate::domain::model::scenario::{RetryPolicy, Scenario, TaskKind};
use crate::domain::model::timeline::Received;
use crate::domain::semantics::blocking::{caller_blocks, LEAST_WATCHDOG_MS};

use super::browser_clock::BrowserClock;
use super::clock::Clock;
use super::deadline::within;
use super::reporter::Reporter;

/// A `setTimeout` behind one task's promise, with what is needed to abort it.
struct PendingTimer {
    task: u32,
    handle: Option<i32>,
    reject: Function,
    /// Kept alive until the run ends: dropping a closure while its timer may still fire would trap.
    _callback: Closure<dyn FnMut()>,
}

/// Every timer a JavaScript run set. Dropping it (when a run is reset) clears those still pending.
#[derive(Default)]
pub struct JsTimers {
    timers: RefCell<Vec<PendingTimer>>,
}

impl JsTimers {
    /// Timers set and not yet fired or cleared.
    pub fn live(&self) -> u32 {
        self.timers
            .borrow()
            .iter()
            .filter(|timer| timer.handle.is_some())
            .count() as u32
    }

    fn mark_fired(&self, task: u32) {
        if let Some(timer) = self
            .timers
            .borrow_mut()
            .iter_mut()
            .find(|timer| timer.task == task && timer.handle.is_some())
        {
            timer.handle = None;
        }
    }

    /// What an `AbortController` does for the fail-fast idiom: clear every pending timer and reject its
    /// promise with an `AbortError`.
    /// The program ends under the tasks still waiting: their timers are cleared and each ends
    /// where it is, unobserved (after the caller's resumption, so the run shows it abandoned).
    fn end_pending_unobserved(&self, reporter: &Reporter<BrowserClock>) {
        for timer in self.timers.borrow_mut().iter_mut() {
            if let Some(handle) = timer.handle.take() {
                clear_timeout(handle);
                reporter.report(EventKind::TaskFinished {
                    task: timer.task,
                    failed: false,
                });
            }
        }
    }

    fn abort_pending(&self, reporter: &Reporter<BrowserClock>) {
        let mut timers = self.timers.borrow_mut();
        for timer in timers.iter_mut() {
            if let Some(handle) = timer.handle.take() {
                clear_timeout(handle);
                reporter.report(EventKind::TaskCancelled { task: timer.task });
                let abort = js_sys::Error::new("aborted");
                abort.set_name("AbortError");
                let _ = timer.reject.call1(&JsValue::UNDEFINED, &abort);
            }
        }
    }
}

impl Drop for JsTimers {
    fn drop(&mut self) {
        for timer in self.timers.get_mut() {
            if let Some(handle) = timer.handle.take() {
                clear_timeout(handle);
            }
        }
    }
}

fn clear_timeout(handle: i32) {
    if let Some(window) = web_sys::window() {
        window.clear_timeout_with_handle(handle);
    }
}

/// The task index a rejection carries (`error.task`), set when the promise was rejected.
fn task_of(error: &JsValue) -> u32 {
    Reflect::get(error, &JsValue::from_str("task"))
        .ok()
        .and_then(|v| v.as_f64())
        .map_or(0, |v| v as u32)
}

fn settle(resolve: &Function, reject: &Function, task: u32, fails: bool, label: &str) {
    if fails {
        let error = js_sys::Error::new(&format!("{label} failed"));
        let _ = Reflect::set(&error, &JsValue::from_str("task"), &JsValue::from(task));
        let _ = reject.call1(&JsValue::UNDEFINED, &error);
    } else {
        let _ = resolve.call1(&JsValue::UNDEFINED, &JsValue::from(task));
    }
}

/// One task's attempts: what each needs to run, and to settle the task's promise after the last.
struct TaskAttempts {
    task: u32,
    kind: TaskKind,
    draw: TaskDraw,
    retry: RetryPolicy,
    label: String,
    resolve: Function,
    reject: Function,
    reporter: Reporter<BrowserClock>,
    timers: Weak<JsTimers>,
}

impl TaskAttempts {
    /// Attempt `attempt` (from 1): blocking work, or a timer.
    fn run(self: Rc<Self>, attempt: u8) {
        match self.kind {
            TaskKind::Cpu => {
                self.reporter.clock.block_for(self.draw.delay_ms);
                self.attempt_over(attempt);
            }
            TaskKind::Io => {
                let ms = self.draw.delay_ms;
                let this = self.clone();
                self.after(ms, Box::new(move || this.attempt_over(attempt)));
            }
        }
    }

    /// A failed attempt with a retry left waits its backoff, as the program's retry loop does, and
    /// tries again; the last attempt settles the task's promise.
    fn attempt_over(self: Rc<Self>, attempt: u8) {
        let task = self.task;
        if attempt < self.draw.attempts {
            self.reporter.report(EventKind::AttemptFailed { task });
            // The program's `async` retry loop goes on after its `await` in a microtask: blocking
            // work that fails while the caller creates its jobs sets its backoff timer only after
            // the caller's own code.
            wasm_bindgen_futures::spawn_local(async move {
                let this = self.clone();
                let backoff_ms = self.retry.wait_before_retry_ms(attempt);
                self.after(
                    backoff_ms,
                    Box::new(move || {
                        this.reporter.report(EventKind::TaskStarted { task });
                        this.run(attempt + 1);
                    }),
                );
            });
            return;
        }
        let failed = self.draw.fails;
        self.reporter
            .report(EventKind::TaskFinished { task, failed });
        settle(&self.resolve, &self.reject, task, failed, &self.label);
    }

    /// `then` in `ms`, on a `setTimeout` that the run can abort.
    fn after(&self, ms: u32, then: Box<dyn FnOnce()>) {
        let Some(timers) = self.timers.upgrade() else {
            return;
        };
        let (task, weak) = (self.task, self.timers.clone());
        let mut then = Some(then);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(timers) = weak.upgrade() {
                timers.mark_fired(task);
            }
            if let Some(then) = then.take() {
                then();
            }
        });
        let handle = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    ms.min(i32::MAX as u32) as i32,
                )
                .ok()
        });
        timers.timers.borrow_mut().push(PendingTimer {
            task,
            handle,
            reject: self.reject.clone(),
            _callback: callback,
        });
    }
}

/// One scenario's promises, made on demand: promises are eager, so making one starts the task.
struct PromiseFactory {
    scenario: Scenario,
    draws: Vec<TaskDraw>,
    reporter: Reporter<BrowserClock>,
    timers: Rc<JsTimers>,
    made: RefCell<Vec<Promise>>,
}

impl PromiseFactory {
    fn start(&self, task: u32) -> Promise {
        let index = task as usize;
        let promise = Promise::new(&mut |resolve: Function, reject: Function| {
            self.reporter.report(EventKind::TaskStarted { task });
            Rc::new(TaskAttempts {
                task,
                kind: self.scenario.tasks[index].kind,
                draw: self.draws[index],
                retry: self.scenario.retry,
                label: self.scenario.tasks[index].display_label(task),
                resolve,
                reject,
                reporter: self.reporter.clone(),
                timers: Rc::downgrade(&self.timers),
            })
            .run(1);
        });
        self.made.borrow_mut().push(promise.clone());
        promise
    }

    fn start_all(&self) -> Array {
        (0..self.draws.len() as u32)
            .map(|task| JsValue::from(self.start(task)))
            .collect()
    }
}

/// Run `scenario` with JavaScript promises; finishes with `CallerResumed` and, once every promise
/// made has settled (abandoned ones included), `Done`. A deadline works as the generated program's
/// race: its timer is set before any job starts, and if it fires first the caller stops waiting
/// and aborts every job still pending.
pub async fn run_js(scenario: &Scenario, reporter: Reporter<BrowserClock>, timers: Rc<JsTimers>) {
    let factory = PromiseFactory {
        draws: draw_all(scenario),
        scenario: scenario.clone(),
        reporter: reporter.clone(),
        timers,
        made: RefCell::default(),
    };
    if caller_blocks(scenario) {
        spin_then_give_up(&factory, &reporter);
        return;
    }
    // The timer lives in the deadline future: dropping it (when the run ends or is reset) clears it.
    let deadline = scenario.deadline_ms().map(|ms| {
        let (fire, fired) = oneshot::channel::<()>();
        let timer = Timeout::new(ms, move || {
            let _ = fire.send(());
        });
        fired.map(move |_| drop(timer))
    });
    let waiting = wait_for_promises(&factory);
    let received = match within(waiting, deadline).await {
        Some(received) => received,
        None => {
            factory.timers.abort_pending(&reporter);
            Received::TimedOut
        }
    };
    reporter.report(EventKind::CallerResumed { received });
    // Abandoned promises keep running; the run is over only when every one has settled.
    let made: Array = factory.made.borrow().iter().cloned().collect();
    // Forgotten promises: node ends the program at the first rejection nobody handles, and every
    // job still pending dies with it. (A page only logs an unhandledrejection; this run does as
    // node does, which is what the program and the prediction show.)
    if !scenario.mode.caller_waits() && JsFuture::from(Promise::all(&made)).await.is_err() {
        factory.timers.abort_pending(&reporter);
    }
    let _ = JsFuture::from(Promise::all_settled(&made)).await;
    reporter.report(EventKind::Done);
}

/// The page's spin gives up after this long, whatever the program's watchdog would wait: it holds
/// the reader's own page, and in an embed on Android perhaps the host page too.
pub const SPIN_CAP_MS: f64 = LEAST_WATCHDOG_MS as f64;

/// The caller spins on the thread instead of awaiting: it makes its promises (the mode's code up
/// to its first await), then holds the thread until the cap, when it gives up with the promise
/// still pending, and the run ends there as the program's watchdog ends it.
fn spin_then_give_up(factory: &PromiseFactory, reporter: &Reporter<BrowserClock>) {
    let mut waiting = Box::pin(wait_for_promises(factory));
    // One poll runs the caller's code up to its first await; the promise cannot settle before a
    // microtask runs, and none runs while the thread spins.
    let _ = waiting.as_mut().now_or_never();
    while reporter.elapsed_ms() < SPIN_CAP_MS {}
    reporter.report(EventKind::CallerResumed {
        received: Received::NeverResumed,
    });
    factory.timers.end_pending_unobserved(reporter);
    reporter.report(EventKind::Done);
}

/// The caller's await in the scenario's mode, and what it received.
async fn wait_for_promises(factory: &PromiseFactory) -> Received {
    let (scenario, reporter) = (&factory.scenario, &factory.reporter);
    match scenario.mode {
        Mode::Sequential => one_after_another(factory).await,
        Mode::JoinAll | Mode::TryJoinAll => {
            match JsFuture::from(Promise::all(&factory.start_all())).await {
                Ok(_) => Received::AllOk,
                Err(error) => {
                    if scenario.mode == Mode::TryJoinAll {
                        factory.timers.abort_pending(reporter);
                    }
                    Received::Error {
                        task: task_of(&error),
                    }
                }
            }
        }
        Mode::Select => match JsFuture::from(Promise::race(&factory.start_all())).await {
            Ok(value) => Received::First {
                task: value.as_f64().unwrap_or(0.0) as u32,
                failed: false,
            },
            Err(error) => Received::First {
                task: task_of(&error),
                failed: true,
            },
        },
        Mode::SelectOk => match JsFuture::from(Promise::any(&factory.start_all())).await {
            Ok(value) => Received::FirstSuccess {
                task: value.as_f64().unwrap_or(0.0) as u32,
            },
            Err(_) => Received::AllFailed {
                tasks: reporter.failures_so_far(),
            },
        },
        Mode::AllSettled => all_settled(factory).await,
        Mode::Buffered => worker_pool(factory, scenario.concurrency()).await,
        Mode::FireAndForget => {
            factory.start_all();
            Received::Started
        }
    }
}

/// `for (const job of jobs) await work(job)`: the first rejection ends the loop.
async fn one_after_another(factory: &PromiseFactory) -> Received {
    for task in 0..factory.draws.len() as u32 {
        if JsFuture::from(factory.start(task)).await.is_err() {
            return Received::Error { task };
        }
    }
    Received::AllOk
}

/// `workers` workers pulling from a shared queue; each records a result or an error and moves on.
async fn worker_pool(factory: &PromiseFactory, workers: u32) -> Received {
    let count = factory.draws.len() as u32;
    let next = Cell::new(0u32);
    let failed = RefCell::new(Vec::new());
    let worker = || async {
        loop {
            let task = next.get();
            if task >= count {
                break;
            }
            next.set(task + 1);
            if JsFuture::from(factory.start(task)).await.is_err() {
                failed.borrow_mut().push(task);
            }
        }
    };
    join_all((0..workers).map(|_| worker())).await;
    Received::results(failed.into_inner())
}

/// `Promise.allSettled`: never rejects; each outcome says whether its promise was rejected.
async fn all_settled(factory: &PromiseFactory) -> Received {
    let outcomes = JsFuture::from(Promise::all_settled(&factory.start_all()))
        .await
        .map(|outcomes| Array::from(&outcomes))
        .unwrap_or_else(|_| Array::new());
    let rejected = |outcome: &JsValue| {
        Reflect::get(outcome, &JsValue::from_str("status"))
            .ok()
            .and_then(|status| status.as_string())
            .is_some_and(|status| status == "rejected")
    };
    Received::results(
        (0..outcomes.length())
            .filter(|&task| rejected(&outcomes.get(task)))
            .collect(),
    )
}
