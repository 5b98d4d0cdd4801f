//! Where a run's events go: stamped with the run id and the time since the run began, and silenced the
//! moment the run is cancelled so nothing stale reaches the screen.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::domain::model::run_event::{EventKind, RunEvent, RunId};

use super::clock::Clock;

/// Receives a run's events.
pub type EventSink = Rc<dyn Fn(RunEvent)>;

/// Stamps and forwards events for one run. Cheap to clone: every task holds one.
#[derive(Clone)]
pub struct Reporter<C: Clock> {
    pub clock: C,
    run: RunId,
    origin_ms: f64,
    sink: EventSink,
    silenced: Rc<Cell<bool>>,
    /// Failed tasks in the order they failed, for "every task failed" results.
    failures: Rc<RefCell<Vec<u32>>>,
}

impl<C: Clock> Reporter<C> {
    /// A reporter whose time zero is now.
    pub fn new(clock: C, run: RunId, sink: EventSink) -> Self {
        let origin_ms = clock.now_ms();
        Reporter {
            clock,
            run,
            origin_ms,
            sink,
            silenced: Rc::new(Cell::new(false)),
            failures: Rc::default(),
        }
    }

    pub fn elapsed_ms(&self) -> f64 {
        self.clock.now_ms() - self.origin_ms
    }

    pub fn report(&self, kind: EventKind) {
        self.report_at(self.elapsed_ms(), kind);
    }

    /// Report `kind` as happening `at_ms` after the run began: a simulation played live keeps the
    /// times it predicted, so events it predicts together stay together, whatever the page's
    /// rendering costs between them.
    pub fn report_at(&self, at_ms: f64, kind: EventKind) {
        if self.silenced.get() {
            return;
        }
        if let EventKind::TaskFinished { task, failed: true } = kind {
            self.failures.borrow_mut().push(task);
        }
        (self.sink)(RunEvent {
            run: self.run,
            at_ms,
            kind,
        });
    }

    /// From now on nothing is reported, not even the cancellations that dropping the run causes.
    pub fn silence(&self) {
        self.silenced.set(true);
    }

    /// A handle that silences this reporter, for whoever may cancel the run.
    pub fn silencer(&self) -> Rc<Cell<bool>> {
        self.silenced.clone()
    }

    pub fn failures_so_far(&self) -> Vec<u32> {
        self.failures.borrow().clone()
    }
}
