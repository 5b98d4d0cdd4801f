//! Plays a simulated run's events in real time, for languages a browser tab cannot run (C#, Python),
//! so their timelines animate like real runs while the UI says they are simulations.

use crate::domain::model::run_event::RunEvent;

use super::clock::Clock;
use super::reporter::Reporter;

/// Report each of `events` when its time comes.
pub async fn replay<C: Clock>(events: Vec<RunEvent>, reporter: Reporter<C>) {
    for event in events {
        let wait_ms = (event.at_ms - reporter.elapsed_ms()).max(0.0);
        if wait_ms >= 1.0 {
            reporter.clock.sleep(wait_ms as u32).await;
        }
        reporter.report(event.kind);
    }
}
