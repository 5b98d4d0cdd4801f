//! The real clock: `performance.now()`, gloo timers shared between sleeps due in the same millisecond
//! (cleared when their last sleep is dropped), and busy-waiting for CPU work.

use std::rc::Rc;

use gloo_timers::callback::Timeout;

use super::clock::Clock;
use super::shared_timers::{OneShotTimers, SharedSleep, SharedTimers};

/// gloo's `setTimeout`, on the clock of `performance.now()`.
struct GlooTimers {
    performance: web_sys::Performance,
}

impl OneShotTimers for GlooTimers {
    type Handle = Timeout;

    fn now_ms(&self) -> f64 {
        self.performance.now()
    }

    fn set(&self, ms: u32, fire: Box<dyn FnOnce()>) -> Timeout {
        Timeout::new(ms, fire)
    }
}

/// The browser's clock. Its live-sleep count lets tests prove a cancelled run leaves no timer behind.
#[derive(Clone)]
pub struct BrowserClock {
    timers: Rc<SharedTimers<GlooTimers>>,
}

impl BrowserClock {
    /// `None` outside a window (a worker without `performance`, say).
    pub fn new() -> Option<Self> {
        let performance = web_sys::window()?.performance()?;
        Some(BrowserClock {
            timers: Rc::new(SharedTimers::new(GlooTimers { performance })),
        })
    }
}

impl Clock for BrowserClock {
    type Sleep = SharedSleep<Timeout>;

    fn now_ms(&self) -> f64 {
        self.timers.now_ms()
    }

    fn sleep(&self, ms: u32) -> SharedSleep<Timeout> {
        self.timers.sleep(ms)
    }

    /// Spin on `performance.now()`: this is the point, it blocks the thread like real CPU work.
    fn block_for(&self, ms: u32) {
        let until = self.now_ms() + f64::from(ms);
        while self.now_ms() < until {}
    }

    fn live_timers(&self) -> u32 {
        self.timers.live_sleeps()
    }
}
