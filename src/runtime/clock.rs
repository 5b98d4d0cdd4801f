//! The seam between runners and time: the browser's clock and timers in the app, a virtual clock in
//! tests (after rust-playground's `Coordinator<B: Backend>`), so runner logic is tested natively too.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Time and timers as a runner needs them.
pub trait Clock: Clone + 'static {
    /// A timer; dropping it before it fires must cancel it.
    type Sleep: Future<Output = ()> + Unpin + 'static;

    /// Milliseconds since some fixed origin.
    fn now_ms(&self) -> f64;
    /// Resolve after `ms` milliseconds, without holding the thread.
    fn sleep(&self, ms: u32) -> Self::Sleep;
    /// Hold the thread for `ms` milliseconds, as blocking CPU work does.
    fn block_for(&self, ms: u32);
    /// Timers created and neither fired nor dropped: a cancelled run must leave none.
    fn live_timers(&self) -> u32;
}

/// Virtual time that moves only when a test says so: [`VirtualClock::fire_next`] fires the timers of
/// the next turn, and [`Clock::block_for`] advances time at once. Timers due at the same moment fire in
/// the order they were set.
#[derive(Clone, Default)]
pub struct VirtualClock {
    state: Rc<RefCell<VirtualState>>,
}

#[derive(Default)]
struct VirtualState {
    now_ms: u64,
    next_id: u64,
    /// (due, id) of every timer not yet fired or dropped.
    pending: BinaryHeap<Reverse<(u64, u64)>>,
    wakers: HashMap<u64, Waker>,
    fired: Vec<u64>,
    live: u32,
}

impl VirtualClock {
    pub fn new() -> Self {
        Self::default()
    }

    /// One turn of the loop's timers: unless one has already expired, move time on to the first
    /// millisecond after the earliest live timer's, then fire every timer expired by then, in due
    /// order. Waits that ended together wake together, as tokio's driver fires all expired timers at
    /// once, so a combinator then polls them in its own order. Returns `false` when no timer is left.
    ///
    /// As in tokio, deadlines round up to whole milliseconds while the clock reads a moment into
    /// its millisecond: a timer expires once the clock has passed the millisecond it is due in, so a
    /// timer due as blocking work ends fires with the waits of 0 ms begun then.
    pub fn fire_next(&self) -> bool {
        let mut state = self.state.borrow_mut();
        // Forget the timers dropped before they fired, so that time moves only for a live one.
        while let Some(&Reverse((_, id))) = state.pending.peek() {
            if state.wakers.contains_key(&id) {
                break;
            }
            state.pending.pop();
        }
        let Some(&Reverse((earliest, _))) = state.pending.peek() else {
            return false;
        };
        state.now_ms = state.now_ms.max(earliest + 1);
        let mut wakers = Vec::new();
        while let Some(&Reverse((due, id))) = state.pending.peek() {
            if due >= state.now_ms {
                break;
            }
            state.pending.pop();
            let Some(waker) = state.wakers.remove(&id) else {
                continue; // dropped before firing
            };
            state.fired.push(id);
            wakers.push(waker);
        }
        drop(state);
        wakers.into_iter().for_each(Waker::wake);
        true
    }
}

impl Clock for VirtualClock {
    type Sleep = VirtualSleep;

    fn now_ms(&self) -> f64 {
        self.state.borrow().now_ms as f64
    }

    fn sleep(&self, ms: u32) -> VirtualSleep {
        let mut state = self.state.borrow_mut();
        state.next_id += 1;
        state.live += 1;
        let id = state.next_id;
        let due = state.now_ms + u64::from(ms);
        state.pending.push(Reverse((due, id)));
        // A placeholder until first polled, so fire_next can tell a live timer from a dropped one.
        state.wakers.insert(id, futures::task::noop_waker());
        VirtualSleep {
            clock: self.clone(),
            id,
            done: false,
        }
    }

    fn block_for(&self, ms: u32) {
        let mut state = self.state.borrow_mut();
        state.now_ms += u64::from(ms);
    }

    fn live_timers(&self) -> u32 {
        self.state.borrow().live
    }
}

/// A virtual timer. Dropping it unfired cancels it.
pub struct VirtualSleep {
    clock: VirtualClock,
    id: u64,
    done: bool,
}

impl Future for VirtualSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let id = self.id;
        let mut state = self.clock.state.borrow_mut();
        if let Some(position) = state.fired.iter().position(|&fired| fired == id) {
            state.fired.swap_remove(position);
            state.live -= 1;
            drop(state);
            self.done = true;
            return Poll::Ready(());
        }
        state.wakers.insert(id, cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for VirtualSleep {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        let mut state = self.clock.state.borrow_mut();
        state.wakers.remove(&self.id);
        if let Some(position) = state.fired.iter().position(|&fired| fired == self.id) {
            state.fired.swap_remove(position);
        }
        state.live -= 1;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use futures::executor::LocalPool;
    use futures::task::LocalSpawnExt;

    #[test]
    fn timers_fire_in_due_order_and_blocking_work_makes_them_late() {
        let clock = VirtualClock::new();
        let order = Rc::new(RefCell::new(Vec::new()));
        let mut pool = LocalPool::new();
        for (name, ms) in [("b", 20), ("a", 10), ("c", 20)] {
            let (clock, order) = (clock.clone(), order.clone());
            pool.spawner()
                .spawn_local(async move {
                    clock.sleep(ms).await;
                    order.borrow_mut().push((name, clock.now_ms()));
                })
                .unwrap();
        }
        pool.run_until_stalled();
        clock.block_for(15);
        while clock.fire_next() {
            pool.run_until_stalled();
        }
        // Past its millisecond, as tokio's clock has it.
        assert_eq!(*order.borrow(), [("a", 15.0), ("b", 21.0), ("c", 21.0)]);
        assert_eq!(clock.live_timers(), 0);
    }

    #[test]
    fn dropping_a_timer_cancels_it() {
        let clock = VirtualClock::new();
        let timer = clock.sleep(10);
        assert_eq!(clock.live_timers(), 1);
        drop(timer);
        assert_eq!(clock.live_timers(), 0);
        assert!(!clock.fire_next());
    }
}
