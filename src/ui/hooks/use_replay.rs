//! `use_replay`: drives the replay's playhead (`src/domain/page/playhead.rs`) with `requestAnimationFrame`,
//! only while it plays, and re-renders on every change.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::page::playhead::{Playhead, Towards};

#[derive(Clone)]
pub struct ReplayController {
    playhead: Rc<RefCell<Playhead>>,
    rerender: Callback<()>,
}

impl PartialEq for ReplayController {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.playhead, &other.playhead)
    }
}

impl ReplayController {
    /// Follow the finished run `owner`, which ends at `end` with events at `times`.
    pub fn follow(&self, owner: u64, end: f64, times: Vec<f64>) {
        self.playhead.borrow_mut().follow(owner, end, times);
    }

    pub fn t(&self) -> f64 {
        self.playhead.borrow().t
    }
    pub fn end(&self) -> f64 {
        self.playhead.borrow().end
    }
    pub fn playing(&self) -> bool {
        self.playhead.borrow().playing
    }
    pub fn speed(&self) -> f64 {
        self.playhead.borrow().speed
    }

    /// Change the playhead, then redraw.
    fn change(&self, edit: impl FnOnce(&mut Playhead)) {
        edit(&mut self.playhead.borrow_mut());
        self.rerender.emit(());
    }

    pub fn toggle(&self) {
        let starts = self.playhead.borrow_mut().toggle();
        if starts {
            self.next_frame();
        }
        self.rerender.emit(());
    }

    pub fn seek(&self, t: f64) {
        self.change(|playhead| playhead.seek(t));
    }

    pub fn step(&self, towards: Towards) {
        self.change(|playhead| playhead.step(towards));
    }

    pub fn set_speed(&self, speed: f64) {
        self.change(|playhead| playhead.set_speed(speed));
    }

    pub fn change_speed(&self, towards: Towards) {
        self.change(|playhead| playhead.change_speed(towards));
    }

    fn next_frame(&self) {
        let controller = self.clone();
        let on_frame = Closure::once_into_js(move |timestamp: f64| {
            if !controller.playhead.borrow().playing {
                return;
            }
            let keep_going = controller.playhead.borrow_mut().advance_frame(timestamp);
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
    let playhead = (*use_memo((), |_| Rc::new(RefCell::new(Playhead::default())))).clone();
    let force = use_force_update();
    ReplayController {
        playhead,
        rerender: Callback::from(move |()| force.force_update()),
    }
}
