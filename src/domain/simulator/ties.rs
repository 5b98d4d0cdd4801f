//! Ties that a real runtime settles by a race, taken another way: the variants of
//! [`simulate_tie_order`](super::simulate_tie_order). This file is the whole of that machinery; the
//! page's wasm compiles it to the one order that variant 0 takes.

use std::collections::VecDeque;

use rand_core::RngCore;
use rand_pcg::Pcg32;

use super::step::DueTimer;
use crate::domain::semantics::runtime_model::{Hop, Iteration, RuntimeModel, Threads, TimerOrder};

/// Whether this build can take ties another way. Only the native harness asks for a variant; the
/// page's wasm leaves their code out, a few kB of every reader's download.
const VARIANTS: bool = cfg!(not(target_arch = "wasm32"));

/// How many drawn orders of tied timers the harness tries, after the systematic variants. Each is
/// simulated only for a case that disagrees, so many cost little.
pub const TIE_ORDERS: u32 = 128;

/// How this run takes its ties, and what ties it met.
pub(super) struct Ties {
    /// The order ties are taken in: node's lists across durations, a pool's wake-ups, asyncio's cuts.
    order: Option<Pcg32>,
    /// How far to rotate a tie of pool wake-ups.
    rotation: u32,
    largest: u32,
    /// How far past now a timer may be due and still fire.
    pub(super) seen_late_ms: u64,
    /// Split the first batch of timers larger than this.
    split_batch_after: Option<usize>,
    /// Timers held back from a split batch: none fires until the loop is idle.
    pub(super) held_until_idle: bool,
    /// node: timers of different durations fell due in the same millisecond.
    cross_duration_tie_met: bool,
}

impl Ties {
    /// The ties of `variant` under `model`, which a pool's variants change: there a woken task runs
    /// its continuation at once, one tied wake-up at a time.
    pub(super) fn for_variant(variant: u32, model: &mut RuntimeModel) -> Self {
        let mut ties = Ties {
            order: None,
            rotation: 0,
            largest: 1,
            seen_late_ms: 0,
            split_batch_after: None,
            held_until_idle: false,
            cross_duration_tie_met: false,
        };
        let variant = if VARIANTS { variant } else { 0 };
        if variant == 0 {
            return ties;
        }
        let drawn_order = || Some(Pcg32::new(u64::from(variant), 0));
        if model.threads == Threads::Pool {
            model.timer_wakes_task = Hop::Inline;
            match variant.checked_sub(TIE_ORDERS + 1) {
                Some(rotation) => ties.rotation = rotation,
                None => ties.order = drawn_order(),
            }
        }
        if model.timer_order == TimerOrder::PerDuration {
            match variant {
                1 => ties.seen_late_ms = 1,
                _ => ties.order = drawn_order(),
            }
        }
        if model.iteration == Iteration::Snapshot {
            match variant.checked_sub(TIE_ORDERS) {
                Some(first_held) if first_held > 0 => {
                    ties.split_batch_after = Some(first_held as usize)
                }
                _ => ties.order = drawn_order(),
            }
        }
        ties
    }

    /// How many variants a run that met these ties has (see
    /// [`tie_variants`](super::tie_variants)).
    pub(super) fn variants(&self, model: &RuntimeModel) -> u32 {
        if model.timer_order == TimerOrder::PerDuration {
            return 2 + if self.cross_duration_tie_met {
                TIE_ORDERS
            } else {
                0
            };
        }
        match (self.largest, model.threads) {
            (0 | 1, _) => 1,
            (tie, Threads::Pool) => 1 + TIE_ORDERS + tie,
            (tie, Threads::OneLoop) => TIE_ORDERS + tie,
        }
    }

    /// Whether the batch being taken stops after `taken` timers: the rest of it was set a moment
    /// later than these, past this iteration.
    pub(super) fn cuts_batch_at(&mut self, taken: usize) -> bool {
        if !VARIANTS || self.split_batch_after != Some(taken) {
            return false;
        }
        self.split_batch_after = None;
        self.held_until_idle = true;
        true
    }

    /// asyncio, in a drawn variant: half the time, a batch of timers is cut after a drawn one (early
    /// in the batch as often as anywhere), and the timers from there go back to wait until the loop
    /// is idle, as timers set later than the loop's snapshot (in real time, within the same
    /// millisecond) do. Where the batch is cut, if it is.
    pub(super) fn drawn_cut(&mut self, batch: usize, model: &RuntimeModel) -> Option<usize> {
        if !VARIANTS || model.iteration != Iteration::Snapshot || batch < 2 {
            return None;
        }
        let order = self.order.as_mut()?;
        if order.next_u32() % 2 == 0 {
            return None;
        }
        // Half the cuts fall after one of the first three timers: in a real run the timers set a
        // millisecond early are usually few, those the program set before its logging caught up.
        let places = if order.next_u32() % 2 == 0 {
            (batch - 1).min(3)
        } else {
            batch - 1
        };
        self.held_until_idle = true;
        Some(1 + order.next_u32() as usize % places)
    }

    /// node's timers of different durations that the simulator has due in the same millisecond fall
    /// due a few ms apart in a real run, in an order its lateness decides. Records that the run met
    /// such a tie; in a variant, merges each tie's lists in an order drawn from the variant, each
    /// list still in the order its timers were set.
    pub(super) fn merge_across_durations(&mut self, due_now: &mut [DueTimer], tied_dues: Vec<u64>) {
        if self.cross_duration_tie_met && self.order.is_none() {
            return;
        }
        if tied_dues.is_empty() {
            return;
        }
        self.cross_duration_tie_met = true;
        let Some(order) = self.order.as_mut().filter(|_| VARIANTS) else {
            return;
        };
        for due in tied_dues {
            let positions: Vec<usize> = (0..due_now.len())
                .filter(|&i| due_now[i].0 == due)
                .collect();
            let mut lists: Vec<VecDeque<DueTimer>> = Vec::new();
            for &i in &positions {
                match lists.iter_mut().find(|list| list[0].1 == due_now[i].1) {
                    Some(list) => list.push_back(due_now[i]),
                    None => lists.push(VecDeque::from([due_now[i]])),
                }
            }
            if order.next_u32() % 2 == 0 {
                shuffle(&mut lists, order);
                let whole_lists = lists.into_iter().flatten();
                for (&position, timer) in positions.iter().zip(whole_lists) {
                    due_now[position] = timer;
                }
                continue;
            }
            for &position in &positions {
                let open: Vec<usize> = (0..lists.len()).filter(|&l| !lists[l].is_empty()).collect();
                let list = open[order.next_u32() as usize % open.len()];
                due_now[position] = lists[list].pop_front().expect("an open list");
            }
        }
    }

    /// Records the size of a tie, and on a pool takes its wake-ups in the variant's order: they run
    /// on different threads at once, so which goes first is a race.
    pub(super) fn order_batch(&mut self, due_now: &mut [DueTimer], model: &RuntimeModel) {
        if model.iteration == Iteration::Snapshot {
            self.largest = self.largest.max(due_now.len() as u32);
        }
        if model.threads == Threads::Pool && due_now.len() > 1 {
            self.largest = self.largest.max(due_now.len() as u32);
            match self.order.as_mut().filter(|_| VARIANTS) {
                Some(order) => shuffle(due_now, order),
                None => {
                    let rotation = self.rotation as usize % due_now.len();
                    due_now.rotate_left(rotation);
                }
            }
        }
    }
}

/// The due times, in order, at which timers of more than one duration fall due. `due_now` is in the
/// order its timers fell due, so each due time's timers stand together: one pass finds them.
pub(super) fn dues_of_more_than_one_duration(due_now: &[DueTimer]) -> Vec<u64> {
    due_now
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|same_due| same_due.iter().any(|timer| timer.1 != same_due[0].1))
        .map(|same_due| same_due[0].0)
        .collect()
}

/// Fisher and Yates's shuffle, drawing from `order`.
fn shuffle<T>(items: &mut [T], order: &mut Pcg32) {
    for last in (1..items.len()).rev() {
        items.swap(last, order.next_u32() as usize % (last + 1));
    }
}
