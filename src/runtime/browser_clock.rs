//! The real clock: `performance.now()`, gloo timers (cleared when dropped), and busy-waiting for CPU work.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use gloo_timers::future::TimeoutFuture;

use super::clock::Clock;

/// The browser's clock, counting its live timers so tests can prove a cancelled run leaves none.
#[derive(Clone)]
pub struct BrowserClock {
    performance: web_sys::Performance,
    live: Rc<Cell<u32>>,
}

impl BrowserClock {
    /// `None` outside a window (a worker without `performance`, say).
    pub fn new() -> Option<Self> {
        let performance = web_sys::window()?.performance()?;
        Some(BrowserClock { performance, live: Rc::default() })
    }
}

impl Clock for BrowserClock {
    type Sleep = BrowserSleep;

    fn now_ms(&self) -> f64 {
        self.performance.now()
    }

    fn sleep(&self, ms: u32) -> BrowserSleep {
        self.live.set(self.live.get() + 1);
        BrowserSleep { timer: TimeoutFuture::new(ms), live: self.live.clone(), counted: true }
    }

    /// Spin on `performance.now()`: this is the point, it blocks the thread like real CPU work.
    fn block_for(&self, ms: u32) {
        let until = self.performance.now() + f64::from(ms);
        while self.performance.now() < until {}
    }

    fn live_timers(&self) -> u32 {
        self.live.get()
    }
}

/// A `setTimeout` future; dropping it calls `clearTimeout`.
pub struct BrowserSleep {
    timer: TimeoutFuture,
    live: Rc<Cell<u32>>,
    counted: bool,
}

impl BrowserSleep {
    fn uncount(&mut self) {
        if self.counted {
            self.counted = false;
            self.live.set(self.live.get() - 1);
        }
    }
}

impl Future for BrowserSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let ready = Pin::new(&mut self.timer).poll(cx);
        if ready.is_ready() {
            self.uncount();
        }
        ready
    }
}

impl Drop for BrowserSleep {
    fn drop(&mut self) {
        self.uncount();
    }
}
