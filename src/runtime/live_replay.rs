//! Plays a simulated run's events in real time, for languages a browser tab cannot run (C#, Python),
//! so their timelines animate like real runs while the UI says they are simulations.

use crate::domain::model::run_event::RunEvent;

use super::clock::Clock;
use super::reporter::Reporter;

/// Report each of `events` when its time comes, at the time the simulation gave it: the timeline
/// of a simulation played live is the simulation's, and only its pace is the clock's.
pub async fn replay<C: Clock>(events: Vec<RunEvent>, reporter: Reporter<C>) {
    for event in events {
        // Rounded up: a timer of whole milliseconds, cut short, would show an event on screen
        // before its time.
        let wait_ms = (event.at_ms - reporter.elapsed_ms()).max(0.0).ceil();
        if wait_ms >= 1.0 {
            reporter.clock.sleep(wait_ms as u32).await;
        }
        reporter.report_at(event.at_ms, event.kind);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use futures::future::{ready, Ready};

    use super::*;
    use crate::domain::model::run_event::EventKind;

    /// A clock that reads fractions of a millisecond and whose timers fire exactly on time; the
    /// test's sink makes each report cost time, as a page's rendering does.
    #[derive(Clone)]
    struct ExactClock {
        now: Rc<Cell<f64>>,
    }

    impl Clock for ExactClock {
        type Sleep = Ready<()>;

        fn now_ms(&self) -> f64 {
            self.now.get()
        }

        fn sleep(&self, ms: u32) -> Ready<()> {
            self.block_for(ms);
            ready(())
        }

        fn block_for(&self, ms: u32) {
            self.now.set(self.now.get() + f64::from(ms));
        }

        fn live_timers(&self) -> u32 {
            0
        }
    }

    #[test]
    fn events_keep_their_simulated_times_and_none_comes_early() {
        let now = Rc::new(Cell::new(0.0));
        let reported: Rc<RefCell<Vec<(RunEvent, f64)>>> = Rc::default();
        let sink = {
            let (reported, now) = (reported.clone(), now.clone());
            Rc::new(move |event: RunEvent| {
                reported.borrow_mut().push((event, now.get()));
                // Drawing what was reported costs the page 1.4 ms.
                now.set(now.get() + 1.4);
            })
        };
        let event = |at_ms: f64, task: u32| RunEvent {
            run: 1,
            at_ms,
            kind: EventKind::TaskStarted { task },
        };
        let planned = vec![
            event(0.0, 0),
            event(300.0, 1),
            event(1000.0, 2),
            event(1000.0, 3),
        ];
        let reporter = Reporter::new(ExactClock { now }, 1, sink);
        futures::executor::block_on(replay(planned.clone(), reporter));
        let reported = reported.borrow();
        let events: Vec<RunEvent> = reported.iter().map(|(event, _)| event.clone()).collect();
        assert_eq!(
            events, planned,
            "the simulation's times, though each report costs 1.4 ms"
        );
        for (plan, (_, shown_at)) in planned.iter().zip(reported.iter()) {
            assert!(*shown_at >= plan.at_ms, "{plan:?} shown at {shown_at}");
        }
    }
}
