//! Sleeps that share one underlying timer when it fires at most a millisecond after their own deadline,
//! as tokio's timer wheel shares a tick: a burst of ten thousand sleeps sets a few thousand
//! `setTimeout`s instead of ten thousand, and no sleep ends early.
//!
//! Why: in Chromium one `setTimeout` costs about 3 µs, plus a wasm-bindgen closure for each. A
//! 10,000-task `join_all` spent most of its start-up setting timers, and since tasks start in order,
//! a late start is a late end. The backend is a trait so the sharing rules are tested natively.
//!
//! A timer that fires also fires every other timer already due, as tokio's driver ends every expired
//! wait in one turn: after blocking work, the waits that ended meanwhile wake together, and a
//! combinator polls them in its own order, not in the order the browser runs its callbacks.

use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

/// One-shot timers as the platform gives them; dropping a handle must cancel its timer.
pub trait OneShotTimers: 'static {
    type Handle: 'static;

    /// Milliseconds since a fixed origin, on the same clock the timers use.
    fn now_ms(&self) -> f64;
    /// Call `fire` once, `ms` milliseconds from now, unless the handle is dropped first.
    fn set(&self, ms: u32, fire: Box<dyn FnOnce()>) -> Self::Handle;
}

/// How late a shared timer may fire for a sleep, past that sleep's own deadline. Platform timers take
/// whole milliseconds, so this is the least lateness that lets sleeps set a moment apart share.
const SHARE_WITHIN_MS: u32 = 1;

/// Below this many live sleeps each new timer is exact, so small runs (the 10 × 500 ms classic) are
/// as punctual as plain `setTimeout`; above it new timers fire [`SHARE_WITHIN_MS`] late, so the
/// sleeps set in the next millisecond with the same deadline can share them.
const SHARE_FROM_LIVE_SLEEPS: u32 = 256;

/// The newest timer firing in each whole millisecond, so a new sleep looks in two places only. It is
/// direct-mapped, not a hash map, to keep the wasm small: a timer whose millisecond lands on a taken
/// slot evicts the one there, which only costs a chance to share.
type Registry<H> = RefCell<Vec<Option<(u64, Weak<SharedTimer<H>>)>>>;

/// More slots than milliseconds in a run's usual spread of deadlines.
const REGISTRY_SLOTS: u64 = 4096;

fn slot_of(fire_ms: u64) -> usize {
    (fire_ms % REGISTRY_SLOTS) as usize
}

/// Live timers by when they fire, as (microseconds, set order): one turn fires all that are due.
type DueQueue<H> = RefCell<BinaryHeap<Reverse<(u64, u64, WeakTimer<H>)>>>;

/// A weak timer handle that the heap can hold: ordered by nothing, since (when, set order) is unique.
struct WeakTimer<H>(Weak<SharedTimer<H>>);

impl<H> PartialEq for WeakTimer<H> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl<H> Eq for WeakTimer<H> {}
impl<H> PartialOrd for WeakTimer<H> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<H> Ord for WeakTimer<H> {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

/// Hands out sleeps, reusing a live timer whenever it fires in `[deadline, deadline + 1 ms]`.
pub struct SharedTimers<B: OneShotTimers> {
    backend: Rc<B>,
    by_fire_ms: Rc<Registry<B::Handle>>,
    due: Rc<DueQueue<B::Handle>>,
    live_sleeps: Rc<Cell<u32>>,
    timers_set: Cell<u64>,
}

impl<B: OneShotTimers> SharedTimers<B> {
    pub fn new(backend: B) -> Self {
        let by_fire_ms = Rc::new(RefCell::new(vec![None; REGISTRY_SLOTS as usize]));
        SharedTimers {
            backend: Rc::new(backend),
            by_fire_ms,
            due: Rc::default(),
            live_sleeps: Rc::default(),
            timers_set: Cell::new(0),
        }
    }

    pub fn now_ms(&self) -> f64 {
        self.backend.now_ms()
    }

    /// Sleeps neither finished nor dropped. When it is 0 no platform timer is left either: each one
    /// is owned by the sleeps waiting on it.
    pub fn live_sleeps(&self) -> u32 {
        self.live_sleeps.get()
    }

    /// Platform timers set so far: how much sharing saved.
    pub fn timers_set(&self) -> u64 {
        self.timers_set.get()
    }

    /// A future that resolves no earlier than `ms` from now, and at most a millisecond after a timer
    /// of its own would.
    pub fn sleep(&self, ms: u32) -> SharedSleep<B::Handle> {
        let deadline = self.backend.now_ms() + f64::from(ms);
        let timer = self.shareable(deadline).unwrap_or_else(|| {
            let late_ms = if self.live_sleeps.get() >= SHARE_FROM_LIVE_SLEEPS {
                SHARE_WITHIN_MS
            } else {
                0
            };
            self.set(ms.saturating_add(late_ms), deadline + f64::from(late_ms))
        });
        let slot = {
            let mut wakers = timer.wakers.borrow_mut();
            wakers.push(None);
            wakers.len() - 1
        };
        self.live_sleeps.set(self.live_sleeps.get() + 1);
        SharedSleep {
            timer,
            slot,
            live_sleeps: self.live_sleeps.clone(),
            counted: true,
        }
    }

    fn shareable(&self, deadline: f64) -> Option<Rc<SharedTimer<B::Handle>>> {
        let registry = self.by_fire_ms.borrow();
        let first_ms = deadline.floor() as u64;
        [first_ms, first_ms + 1].iter().find_map(|ms| {
            let (key, timer) = registry[slot_of(*ms)].as_ref()?;
            let timer = timer.upgrade().filter(|_| key == ms)?;
            let fits = !timer.fired.get()
                && timer.fire_at_ms >= deadline
                && timer.fire_at_ms <= deadline + f64::from(SHARE_WITHIN_MS);
            fits.then_some(timer)
        })
    }

    fn set(&self, ms: u32, fire_at_ms: f64) -> Rc<SharedTimer<B::Handle>> {
        let timer = Rc::new(SharedTimer {
            fire_at_ms,
            fired: Cell::new(false),
            wakers: RefCell::default(),
            handle: RefCell::new(None),
            registry: Rc::downgrade(&self.by_fire_ms),
        });
        let set_order = self.timers_set.get();
        self.due.borrow_mut().push(Reverse((
            micros(fire_at_ms),
            set_order,
            WeakTimer(Rc::downgrade(&timer)),
        )));
        let (backend, due) = (Rc::downgrade(&self.backend), Rc::downgrade(&self.due));
        let handle = self.backend.set(
            ms,
            Box::new(move || {
                let (Some(backend), Some(due)) = (backend.upgrade(), due.upgrade()) else {
                    return;
                };
                // This timer is due by its own reckoning even if the clock reads a hair earlier.
                fire_due(&due, micros(backend.now_ms().max(fire_at_ms)));
            }),
        );
        *timer.handle.borrow_mut() = Some(handle);
        // A newer timer in the same millisecond takes the older one's place: sleeps asked for later
        // have later deadlines, so the later timer is the one they can share.
        let fire_ms = timer.fire_ms();
        self.by_fire_ms.borrow_mut()[slot_of(fire_ms)] = Some((fire_ms, Rc::downgrade(&timer)));
        self.timers_set.set(self.timers_set.get() + 1);
        timer
    }
}

fn micros(ms: f64) -> u64 {
    (ms.max(0.0) * 1000.0).round() as u64
}

/// Fire every live timer due by `now_us`, in due order; timers already fired or dropped are skipped.
fn fire_due<H>(due: &DueQueue<H>, now_us: u64) {
    loop {
        let next = {
            let mut queue = due.borrow_mut();
            match queue.peek() {
                Some(Reverse((at, _, _))) if *at <= now_us => queue.pop(),
                _ => None,
            }
        };
        let Some(Reverse((_, _, WeakTimer(timer)))) = next else {
            return;
        };
        if let Some(timer) = timer.upgrade() {
            timer.fire();
        }
    }
}

/// One platform timer and the sleeps waiting on it. Dropped with its last sleep, which cancels it.
struct SharedTimer<H> {
    fire_at_ms: f64,
    fired: Cell<bool>,
    /// One slot per sleep, filled when that sleep is polled and emptied when it is dropped.
    wakers: RefCell<Vec<Option<Waker>>>,
    handle: RefCell<Option<H>>,
    registry: Weak<Registry<H>>,
}

impl<H> SharedTimer<H> {
    /// The whole millisecond it fires in: its key in the registry.
    fn fire_ms(&self) -> u64 {
        self.fire_at_ms.floor() as u64
    }

    fn fire(&self) {
        if self.fired.replace(true) {
            return;
        }
        self.unregister();
        let wakers = std::mem::take(&mut *self.wakers.borrow_mut());
        wakers.into_iter().flatten().for_each(Waker::wake);
    }

    /// Forget this timer in the registry, unless a newer timer has taken its place there.
    fn unregister(&self) {
        let Some(registry) = self.registry.upgrade() else {
            return;
        };
        let Ok(mut registry) = registry.try_borrow_mut() else {
            return;
        };
        // While `self` is being dropped its entry no longer upgrades, hence the pointer comparison.
        let slot = &mut registry[slot_of(self.fire_ms())];
        if slot
            .as_ref()
            .is_some_and(|(_, entry)| std::ptr::eq(entry.as_ptr(), self))
        {
            *slot = None;
        }
    }
}

impl<H> Drop for SharedTimer<H> {
    fn drop(&mut self) {
        self.unregister();
    }
}

/// Resolves when its shared timer fires; dropping the last sleep on a timer cancels the timer.
pub struct SharedSleep<H> {
    timer: Rc<SharedTimer<H>>,
    slot: usize,
    live_sleeps: Rc<Cell<u32>>,
    counted: bool,
}

impl<H> SharedSleep<H> {
    fn uncount(&mut self) {
        if std::mem::take(&mut self.counted) {
            self.live_sleeps.set(self.live_sleeps.get() - 1);
        }
    }
}

impl<H> Future for SharedSleep<H> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.timer.fired.get() {
            self.uncount();
            return Poll::Ready(());
        }
        let mut wakers = self.timer.wakers.borrow_mut();
        match &mut wakers[self.slot] {
            Some(waker) if waker.will_wake(cx.waker()) => {}
            slot => *slot = Some(cx.waker().clone()),
        }
        Poll::Pending
    }
}

impl<H> Drop for SharedSleep<H> {
    fn drop(&mut self) {
        self.uncount();
        if let Some(slot) = self.timer.wakers.borrow_mut().get_mut(self.slot) {
            *slot = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::task::noop_waker_ref;

    /// A timer set on the fake: when it is due, and its callback until it fires.
    type FakeTimer = (f64, Option<Box<dyn FnOnce()>>);

    /// Time that moves only when told to, and timers that fire only when told to.
    #[derive(Clone, Default)]
    struct FakeTimers {
        now: Rc<Cell<f64>>,
        set: Rc<RefCell<Vec<FakeTimer>>>,
        cancelled: Rc<Cell<u32>>,
    }

    struct FakeHandle {
        cancelled: Rc<Cell<u32>>,
        fired: Rc<Cell<bool>>,
    }

    impl Drop for FakeHandle {
        fn drop(&mut self) {
            if !self.fired.get() {
                self.cancelled.set(self.cancelled.get() + 1);
            }
        }
    }

    impl OneShotTimers for FakeTimers {
        type Handle = FakeHandle;

        fn now_ms(&self) -> f64 {
            self.now.get()
        }

        fn set(&self, ms: u32, fire: Box<dyn FnOnce()>) -> Self::Handle {
            let fired = Rc::new(Cell::new(false));
            let flag = fired.clone();
            self.set.borrow_mut().push((
                self.now.get() + f64::from(ms),
                Some(Box::new(move || {
                    flag.set(true);
                    fire();
                })),
            ));
            FakeHandle {
                cancelled: self.cancelled.clone(),
                fired,
            }
        }
    }

    impl FakeTimers {
        /// Fire every timer due by `at_ms`, earliest first, moving time there.
        fn advance_to(&self, at_ms: f64) {
            loop {
                let next = {
                    let set = self.set.borrow();
                    set.iter()
                        .enumerate()
                        .filter(|(_, (due, fire))| fire.is_some() && *due <= at_ms)
                        .min_by(|a, b| a.1 .0.total_cmp(&b.1 .0))
                        .map(|(index, (due, _))| (index, *due))
                };
                let Some((index, due)) = next else { break };
                self.now.set(due);
                let fire = self.set.borrow_mut()[index].1.take();
                fire.expect("chosen because it had not fired")();
            }
            self.now.set(at_ms);
        }
    }

    fn is_ready(sleep: &mut SharedSleep<FakeHandle>) -> bool {
        Pin::new(sleep)
            .poll(&mut Context::from_waker(noop_waker_ref()))
            .is_ready()
    }

    /// `count` sleeps with seeded delays from 100 to 2000 ms, started `spacing_ms` apart, each with its deadline.
    fn burst(
        fake: &FakeTimers,
        timers: &SharedTimers<FakeTimers>,
        count: u32,
        spacing_ms: f64,
    ) -> Vec<(f64, SharedSleep<FakeHandle>)> {
        use rand_core::RngCore;
        let mut rng = rand_pcg::Pcg32::new(7, 0);
        (0..count)
            .map(|index| {
                fake.now.set(f64::from(index) * spacing_ms);
                let delay = 100 + rng.next_u32() % 1901;
                (fake.now.get() + f64::from(delay), timers.sleep(delay))
            })
            .collect()
    }

    #[test]
    fn a_sleep_shares_a_live_timer_that_fires_within_a_millisecond_after_its_deadline() {
        let fake = FakeTimers::default();
        let timers = SharedTimers::new(fake.clone());
        let _first = timers.sleep(500); // fires at 500
        fake.now.set(0.4);
        let _second = timers.sleep(500); // due at 500.4: the first timer would end it early
        assert_eq!(timers.timers_set(), 2);
        fake.now.set(0.6);
        let third = timers.sleep(499); // due at 499.6: the second timer is 0.8 ms late, within bounds
        assert_eq!(timers.timers_set(), 2);
        assert_eq!(third.timer.fire_at_ms, 500.4);
    }

    #[test]
    fn the_first_timer_to_fire_after_blocking_work_ends_every_wait_already_over() {
        let fake = FakeTimers::default();
        let timers = SharedTimers::new(fake.clone());
        let mut early = timers.sleep(10);
        let mut later = timers.sleep(20);
        let mut not_yet = timers.sleep(40);
        // Blocking work held the thread until 25 ms; the browser now runs the 10 ms callback alone.
        fake.now.set(25.0);
        let fire_early = fake.set.borrow_mut()[0].1.take().expect("set");
        fire_early();
        assert!(is_ready(&mut early));
        assert!(
            is_ready(&mut later),
            "due at 20 ms: it ends in the same turn"
        );
        assert!(!is_ready(&mut not_yet));
        // Its own callback finds it done and changes nothing.
        fake.advance_to(30.0);
        assert!(!is_ready(&mut not_yet));
        fake.advance_to(40.0);
        assert!(is_ready(&mut not_yet));
    }

    #[test]
    fn a_small_burst_gets_exact_timers() {
        let fake = FakeTimers::default();
        let timers = SharedTimers::new(fake.clone());
        let sleeps: Vec<_> = (0..10u32)
            .map(|index| {
                fake.now.set(f64::from(index) * 0.01);
                (fake.now.get() + 500.0, timers.sleep(500))
            })
            .collect();
        assert_eq!(timers.timers_set(), 10);
        assert!(sleeps
            .iter()
            .all(|(deadline, sleep)| sleep.timer.fire_at_ms == *deadline));
    }

    #[test]
    fn a_large_burst_shares_timers_and_no_sleep_ends_early_or_over_a_millisecond_late() {
        let fake = FakeTimers::default();
        let timers = SharedTimers::new(fake.clone());
        // Like the 10,000-task run: 10,000 deadlines over two seconds, set 1.5 µs apart.
        let mut sleeps = burst(&fake, &timers, 10_000, 0.0015);
        assert!(
            timers.timers_set() < 4_000,
            "set {} timers for 10,000 sleeps",
            timers.timers_set()
        );
        assert_eq!(timers.live_sleeps(), 10_000);
        let mut now = 0.0;
        while !sleeps.is_empty() {
            now += 0.25;
            fake.advance_to(now);
            sleeps.retain_mut(|(deadline, sleep)| {
                let ready = is_ready(sleep);
                if ready {
                    assert!(now >= *deadline, "a sleep due at {deadline} ended at {now}");
                    assert!(
                        sleep.timer.fire_at_ms <= *deadline + 1.0,
                        "a sleep due at {deadline} waited on a timer firing at {}",
                        sleep.timer.fire_at_ms
                    );
                } else {
                    assert!(now < sleep.timer.fire_at_ms);
                }
                !ready
            });
        }
        assert_eq!(timers.live_sleeps(), 0);
        assert!(timers.by_fire_ms.borrow().iter().all(Option::is_none));
    }

    #[test]
    fn firing_wakes_every_sleep_on_the_timer_and_forgets_the_timer() {
        let fake = FakeTimers::default();
        let timers = SharedTimers::new(fake.clone());
        let mut first = timers.sleep(10);
        fake.now.set(0.5);
        let mut second = timers.sleep(9);
        assert_eq!(timers.timers_set(), 1);
        assert!(!is_ready(&mut first) && !is_ready(&mut second));
        fake.advance_to(10.0);
        assert!(is_ready(&mut first) && is_ready(&mut second));
        assert_eq!(timers.live_sleeps(), 0);
        assert!(timers.by_fire_ms.borrow().iter().all(Option::is_none));
        // A later sleep due in the same millisecond gets a fresh timer, not the fired one.
        let _third = timers.sleep(0);
        assert_eq!(timers.timers_set(), 2);
    }

    #[test]
    fn dropping_every_sleep_on_a_timer_cancels_it_and_dropping_one_does_not() {
        let fake = FakeTimers::default();
        let timers = SharedTimers::new(fake.clone());
        let first = timers.sleep(10);
        fake.now.set(0.5);
        let mut second = timers.sleep(9);
        drop(first);
        assert_eq!((fake.cancelled.get(), timers.live_sleeps()), (0, 1));
        fake.advance_to(10.0);
        assert!(is_ready(&mut second));

        let sleeps = burst(&fake, &timers, 1_000, 0.01);
        let set = timers.timers_set() - 1;
        drop(sleeps);
        assert_eq!(
            u64::from(fake.cancelled.get()),
            set,
            "every timer of the burst is cancelled"
        );
        assert_eq!(timers.live_sleeps(), 0);
        assert!(
            timers.by_fire_ms.borrow().iter().all(Option::is_none),
            "a cancelled timer must not stay registered"
        );
    }
}
