//! `use_replay`: the playhead of a finished run: play and pause, scrub, speed from 0.25× to 4×, and
//! stepping from event to event. Animated by `requestAnimationFrame` only while playing.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub const SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 4.0];

struct Inner {
    t: f64,
    end: f64,
    /// Distinct event times, for stepping.
    times: Vec<f64>,
    playing: bool,
    speed: f64,
    /// Which run this playhead belongs to; a new one starts at its end, fully drawn.
    owner: Option<u64>,
    last_frame_ms: Option<f64>,
}

#[derive(Clone)]
pub struct ReplayController {
    inner: Rc<RefCell<Inner>>,
    rerender: Callback<()>,
}

impl PartialEq for ReplayController {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl ReplayController {
    /// Follow the finished run `owner`; called on every render with what is on screen.
    pub fn follow(&self, owner: u64, end: f64, times: Vec<f64>) {
        let mut inner = self.inner.borrow_mut();
        if inner.owner != Some(owner) {
            inner.owner = Some(owner);
            inner.t = end;
            inner.playing = false;
        }
        inner.end = end;
        inner.times = times;
    }

    pub fn t(&self) -> f64 {
        self.inner.borrow().t
    }
    pub fn end(&self) -> f64 {
        self.inner.borrow().end
    }
    pub fn playing(&self) -> bool {
        self.inner.borrow().playing
    }
    pub fn speed(&self) -> f64 {
        self.inner.borrow().speed
    }

    pub fn toggle(&self) {
        let start = {
            let mut inner = self.inner.borrow_mut();
            if inner.playing {
                inner.playing = false;
                false
            } else {
                if inner.t >= inner.end {
                    inner.t = 0.0; // play again from the start
                }
                inner.playing = true;
                inner.last_frame_ms = None;
                true
            }
        };
        if start {
            self.next_frame();
        }
        self.rerender.emit(());
    }

    pub fn seek(&self, t: f64) {
        {
            let mut inner = self.inner.borrow_mut();
            // Not `clamp`: with a bound known only at run time it asserts, and its message would link
            // the float formatter into the wasm for a case (end = NaN) that cannot happen.
            inner.t = t.max(0.0).min(inner.end);
        }
        self.rerender.emit(());
    }

    /// Jump to the next (`forward`) or previous event.
    pub fn step(&self, forward: bool) {
        let target = {
            let inner = self.inner.borrow();
            let t = inner.t;
            if forward {
                inner
                    .times
                    .iter()
                    .copied()
                    .find(|&time| time > t + 1e-6)
                    .unwrap_or(inner.end)
            } else {
                inner
                    .times
                    .iter()
                    .copied()
                    .rev()
                    .find(|&time| time < t - 1e-6)
                    .unwrap_or(0.0)
            }
        };
        self.inner.borrow_mut().playing = false;
        self.seek(target);
    }

    pub fn set_speed(&self, speed: f64) {
        self.inner.borrow_mut().speed = speed.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1]);
        self.rerender.emit(());
    }

    /// One step along SPEEDS.
    pub fn change_speed(&self, faster: bool) {
        let current = self.speed();
        let position = SPEEDS.iter().position(|&s| s >= current).unwrap_or(2);
        let next = if faster {
            (position + 1).min(SPEEDS.len() - 1)
        } else {
            position.saturating_sub(1)
        };
        self.set_speed(SPEEDS[next]);
    }

    fn next_frame(&self) {
        let controller = self.clone();
        let on_frame = Closure::once_into_js(move |timestamp: f64| {
            let keep_going = {
                let mut inner = controller.inner.borrow_mut();
                if !inner.playing {
                    return;
                }
                if let Some(last) = inner.last_frame_ms {
                    inner.t = (inner.t + (timestamp - last) * inner.speed).min(inner.end);
                }
                inner.last_frame_ms = Some(timestamp);
                if inner.t >= inner.end {
                    inner.playing = false;
                }
                inner.playing
            };
            controller.rerender.emit(());
            if keep_going {
                controller.next_frame();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(on_frame.unchecked_ref());
        }
    }
}

#[hook]
pub fn use_replay() -> ReplayController {
    let inner = (*use_memo((), |_| {
        Rc::new(RefCell::new(Inner {
            t: 0.0,
            end: 0.0,
            times: Vec::new(),
            playing: false,
            speed: 1.0,
            owner: None,
            last_frame_ms: None,
        }))
    }))
    .clone();
    let force = use_force_update();
    ReplayController {
        inner,
        rerender: Callback::from(move |()| force.force_update()),
    }
}
