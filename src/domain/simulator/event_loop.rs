//! The event loop: its clock, its timers in the order they fall due, and the queues of runnable
//! steps. Of the scenario it knows nothing; the runtime model says how a batch of due timers fires.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use super::step::{DueTimer, Step};
use super::ties::{dues_of_more_than_one_duration, Ties};
use crate::domain::basics::ascending::ascending;
use crate::domain::semantics::runtime_model::{Hop, RuntimeModel, Threads, TimerOrder};

pub(super) struct EventLoop {
    pub(super) now: u64,
    /// Timers as (due, sequence, duration, step): ties fire in the order they were set.
    timers: BinaryHeap<Reverse<(u64, u64, u64, Step)>>,
    timer_sequence: u64,
    ready: VecDeque<Step>,
    microtasks: VecDeque<Step>,
    /// Steps that run once nothing else is runnable at this moment ([`Hop::Last`]).
    last: VecDeque<Step>,
    /// The tasks' wake-ups due together run in input order: a combinator polls a fixed list of
    /// futures, and the model polls such a list in order.
    wakes_in_input_order: bool,
    /// Nothing drives the timers any more: the one thread that could is blocked (tokio's
    /// current-thread runtime under `block_on`). Timers set from then on never fire.
    pub(super) timers_stopped: bool,
}

impl EventLoop {
    pub(super) fn new(wakes_in_input_order: bool) -> Self {
        EventLoop {
            now: 0,
            timers: BinaryHeap::new(),
            timer_sequence: 0,
            ready: VecDeque::new(),
            microtasks: VecDeque::new(),
            last: VecDeque::new(),
            wakes_in_input_order,
            timers_stopped: false,
        }
    }

    pub(super) fn set_timer(&mut self, duration: u64, step: Step) {
        if self.timers_stopped {
            return;
        }
        self.timer_sequence += 1;
        self.timers.push(Reverse((
            self.now + duration,
            self.timer_sequence,
            duration,
            step,
        )));
    }

    /// Queue `step` where `hop` says. The engine runs an inline step itself; queued here, it would
    /// run behind what is already runnable.
    pub(super) fn queue(&mut self, hop: Hop, step: Step) {
        match hop {
            Hop::Microtask => self.microtasks.push_back(step),
            Hop::Inline | Hop::Queued => self.ready.push_back(step),
            Hop::Last => self.last.push_back(step),
        }
    }

    pub(super) fn next_microtask(&mut self) -> Option<Step> {
        self.microtasks.pop_front()
    }

    pub(super) fn next_ready(&mut self) -> Option<Step> {
        self.ready.pop_front()
    }

    pub(super) fn ready_count(&self) -> usize {
        self.ready.len()
    }

    pub(super) fn nothing_ready(&self) -> bool {
        self.ready.is_empty()
    }

    pub(super) fn next_last(&mut self) -> Option<Step> {
        self.last.pop_front()
    }

    /// Move the clock to the next timer; false when none is left.
    pub(super) fn advance_to_next_timer(&mut self, threads: Threads) -> bool {
        let Some(Reverse((due, ..))) = self.timers.peek() else {
            return false;
        };
        // On one loop a timer cannot fire while the thread is busy; a pool has a free thread.
        self.now = match threads {
            Threads::OneLoop => self.now.max(*due),
            Threads::Pool => *due,
        };
        true
    }

    /// Nothing of the program runs again.
    pub(super) fn clear(&mut self) {
        self.timers.clear();
        self.ready.clear();
        self.microtasks.clear();
        self.last.clear();
    }

    /// Move every timer due by now into the runnable queue, behind what is already there, in the
    /// order the model (and the variant's ties) fire a batch.
    pub(super) fn fire_due_timers(&mut self, model: &RuntimeModel, ties: &mut Ties) {
        if ties.held_until_idle {
            return;
        }
        let mut due_now = self.take_due(model, ties);
        if model.timer_order == TimerOrder::PolledInInputOrder && self.wakes_in_input_order {
            due_now = wakes_in_input_order(&due_now);
        }
        let one_duration = due_now.windows(2).all(|pair| pair[0].1 == pair[1].1);
        if model.timer_order == TimerOrder::PerDuration && !one_duration {
            // Read while the batch is in the order its timers fell due, each due time's together.
            let tied_dues = dues_of_more_than_one_duration(&due_now);
            in_whole_lists_per_duration(&mut due_now);
            ties.merge_across_durations(&mut due_now, tied_dues);
        }
        ties.order_batch(&mut due_now, model);
        self.ready
            .extend(due_now.into_iter().map(|(_, _, step)| step));
    }

    /// The timers due now, in the order they fell due, less any the variant's ties hold back.
    fn take_due(&mut self, model: &RuntimeModel, ties: &mut Ties) -> Vec<DueTimer> {
        let mut due_now = Vec::new();
        let mut sequences = Vec::new();
        while let Some(&Reverse((due, sequence, duration, step))) = self.timers.peek() {
            let is_due = match model.threads {
                Threads::OneLoop => due <= self.now + ties.seen_late_ms,
                Threads::Pool => due == self.now,
            };
            if !is_due || ties.cuts_batch_at(due_now.len()) {
                break;
            }
            self.timers.pop();
            due_now.push((due, duration, step));
            sequences.push(sequence);
        }
        if let Some(first_held) = ties.drawn_cut(due_now.len(), model) {
            for ((due, duration, step), &sequence) in
                due_now.drain(first_held..).zip(&sequences[first_held..])
            {
                self.timers.push(Reverse((due, sequence, duration, step)));
            }
        }
        due_now
    }
}

/// The tasks' wake-ups in input order, then anything else as it fell due.
fn wakes_in_input_order(due_now: &[DueTimer]) -> Vec<DueTimer> {
    let woken = ascending(due_now.iter().filter_map(|&(_, _, step)| match step {
        Step::Fired(task) => Some(task),
        _ => None,
    }));
    let others = due_now
        .iter()
        .copied()
        .filter(|&(_, _, step)| !matches!(step, Step::Fired(_)));
    woken
        .into_iter()
        .map(|task| (0, 0, Step::Fired(task)))
        .chain(others)
        .collect()
}

/// Each duration's list fires whole, the lists in the order their first timers fell due. A batch
/// can hold a million timers but few durations: each timer finds its list by a binary search of the
/// durations met so far (a search, not a hash map, which would be one more map in the page's wasm).
fn in_whole_lists_per_duration(due_now: &mut Vec<DueTimer>) {
    let mut lists: Vec<Vec<DueTimer>> = Vec::new();
    let mut list_of_duration: Vec<(u64, usize)> = Vec::new();
    for timer in due_now.drain(..) {
        let list = list_index(&mut list_of_duration, timer.1, || {
            lists.push(Vec::new());
            lists.len() - 1
        });
        lists[list].push(timer);
    }
    // Timers of one duration fall due in the order they were set, so each list is in order.
    due_now.extend(lists.into_iter().flatten());
}

/// The index that `key` maps to in `sorted` (kept sorted by key), added by `new_index` the first time.
fn list_index(
    sorted: &mut Vec<(u64, usize)>,
    key: u64,
    new_index: impl FnOnce() -> usize,
) -> usize {
    match sorted.binary_search_by_key(&key, |&(of, _)| of) {
        Ok(at) => sorted[at].1,
        Err(at) => {
            let index = new_index();
            sorted.insert(at, (key, index));
            index
        }
    }
}
