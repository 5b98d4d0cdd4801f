//! Geometry of a drawn timeline, shared by the page, the SVG export and replay: readable ticks, what
//! is visible at a moment of a replay, and lane packing for very large runs.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::domain::model::run_event::events_of;
use crate::domain::model::timeline::{Outcome, TaskRun, Timeline};

/// Past this many tasks, lanes are packed and unlabelled (on the page a canvas instead of DOM bars;
/// in the SVG export the same), so that 10,000 tasks stay fast and legible.
pub const MAX_LABELLED_LANES: usize = 200;

/// Steps of an axis in minutes or hours, as a clock divides them: 1, 2, 5, 10, 15 and 30 min, then
/// 1, 2, 3, 6, 12 and 24 h. Past that, whole days by 1, 2 or 5 × 10ⁿ.
const CLOCK_STEPS_MS: [f64; 12] = [
    60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3, 43200e3, 86400e3,
];

/// The smallest step of 1, 2 or 5 × 10ⁿ `unit`s that is at least `raw_step`.
fn decimal_step(raw_step: f64, unit: f64) -> f64 {
    // The largest power of ten up to the step; multiplying keeps the float maths library out of the
    // page's wasm.
    let mut magnitude = unit;
    while magnitude * 10.0 <= raw_step {
        magnitude *= 10.0;
    }
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw_step)
        .unwrap_or(10.0 * magnitude)
}

/// Tick positions (ms) for an axis from 0 to `end_ms`, about `wanted` of them: steps of 1, 2 or 5 ×
/// 10ⁿ ms up to half a minute, then clock steps (see [`CLOCK_STEPS_MS`]), so the labels read
/// `30 min`, `1 h`, not `1 h 23 min`.
pub fn ticks(end_ms: f64, wanted: u32) -> Vec<f64> {
    if end_ms <= 0.0 || !end_ms.is_finite() {
        return vec![0.0];
    }
    let raw_step = end_ms / f64::from(wanted.max(1));
    let step = if raw_step <= 30_000.0 {
        decimal_step(raw_step, 1.0)
    } else {
        CLOCK_STEPS_MS
            .into_iter()
            .find(|s| *s >= raw_step)
            .unwrap_or_else(|| decimal_step(raw_step, CLOCK_STEPS_MS[11]))
    };
    (0..)
        .map(|i| f64::from(i) * step)
        .take_while(|t| *t <= end_ms + 1e-9)
        .collect()
}

/// The axis length that shows every timeline given, so two runs compare on one scale.
pub fn shared_axis_end(timelines: &[&Timeline]) -> f64 {
    timelines
        .iter()
        .map(|t| t.totals().last_end_ms)
        .fold(0.0, f64::max)
        .max(1.0)
}

/// One task as it looks at some moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BarAt {
    pub start_ms: f64,
    pub end_ms: f64,
    /// `Running` until the task's end is reached.
    pub outcome: Outcome,
}

/// What a replay shows at `now_ms`: bars cut at `now_ms`, outcomes only once reached.
pub fn bars_at(timeline: &Timeline, now_ms: f64) -> Vec<Option<BarAt>> {
    timeline
        .tasks
        .iter()
        .map(|task| {
            let span = task.span?;
            // Failed attempts are bars of their own (see `retried_bars_at`).
            let start_ms = task.bar_start_ms()?;
            if start_ms > now_ms {
                return None;
            }
            let finished = span.end_ms <= now_ms && task.outcome != Outcome::Running;
            // A task still running in a live run grows to "now", between its events.
            let end_ms = if task.outcome == Outcome::Running {
                now_ms
            } else {
                span.end_ms.min(now_ms)
            };
            Some(BarAt {
                start_ms,
                end_ms,
                outcome: if finished {
                    task.outcome
                } else {
                    Outcome::Running
                },
            })
        })
        .collect()
}

/// The failed attempts of `task` that had begun by `now_ms`, each a bar of its own: running until
/// its end is reached, then failed.
pub fn retried_bars_at(task: &TaskRun, now_ms: f64) -> Vec<BarAt> {
    task.retried_attempts()
        .iter()
        .filter(|attempt| attempt.start_ms <= now_ms)
        .map(|attempt| BarAt {
            start_ms: attempt.start_ms,
            end_ms: attempt.end_ms.min(now_ms),
            outcome: if attempt.end_ms <= now_ms {
                Outcome::Error
            } else {
                Outcome::Running
            },
        })
        .collect()
}

/// The distinct moments something happens, for stepping a replay event by event.
pub fn event_times(timeline: &Timeline) -> Vec<f64> {
    // The events come in time order.
    let mut times: Vec<f64> = events_of(timeline, 0)
        .iter()
        .map(|event| event.at_ms)
        .collect();
    times.dedup();
    times
}

/// Which of several timelines on one axis the replay cursor at `t_ms` is about: the first whose
/// run still goes on there (a comparison's short run is over long before the one after another),
/// else, past every end (where a finished replay rests), the last run.
pub fn timeline_under_cursor(timelines: &[&Timeline], t_ms: f64) -> usize {
    timelines
        .iter()
        .position(|timeline| t_ms <= timeline.totals().last_end_ms)
        .unwrap_or(timelines.len().saturating_sub(1))
}

/// Lanes for drawing many tasks compactly: tasks that do not overlap share a lane. Greedy by start
/// time, reusing the lane that frees first; O(n log n).
pub fn pack_lanes(spans: &[Option<(f64, f64)>]) -> (Vec<u32>, u32) {
    let micros = |ms: f64| (ms * 1000.0) as i64;
    // (start in µs, task) of every task, the earliest on top: a heap of the same type as the lanes'
    // below, rather than a sort, which would add its own code to the wasm.
    let mut by_start: BinaryHeap<Reverse<(i64, u32)>> = spans
        .iter()
        .enumerate()
        .filter_map(|(index, span)| span.map(|(start, _)| Reverse((micros(start), index as u32))))
        .collect();
    let mut lanes = vec![0u32; spans.len()];
    // (end in µs, lane) of every lane in use; the earliest-freeing lane on top.
    let mut free_at: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();
    let mut lane_count = 0;
    while let Some(Reverse((start_us, index))) = by_start.pop() {
        let index = index as usize;
        let Some((_, end)) = spans[index] else {
            continue;
        };
        let lane = match free_at.peek() {
            Some(Reverse((free, lane))) if *free <= start_us => {
                let lane = *lane;
                free_at.pop();
                lane
            }
            _ => {
                lane_count += 1;
                lane_count - 1
            }
        };
        lanes[index] = lane;
        free_at.push(Reverse((micros(end), lane)));
    }
    (lanes, lane_count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::language::Language;

    use crate::domain::model::scenario::Scenario;
    use crate::domain::simulator::simulate;

    /// In a comparison, scrubbing past the chosen mode's end describes the one after another.
    #[test]
    fn the_cursor_is_about_the_run_still_going_there() {
        let scenario = Scenario::default();
        let together = simulate(&scenario, Language::JavaScript);
        let one_by_one = simulate(
            &Scenario {
                mode: crate::domain::model::mode::Mode::Sequential,
                ..scenario
            },
            Language::JavaScript,
        );
        let runs = [&together, &one_by_one];
        assert_eq!(timeline_under_cursor(&runs, 300.0), 0);
        assert_eq!(timeline_under_cursor(&runs, 1_200.0), 1);
        assert_eq!(timeline_under_cursor(&runs, 3_700.0), 1);
        // Past every end, where a finished replay rests: the last run.
        assert_eq!(timeline_under_cursor(&runs, 99_000.0), 1);
    }

    #[test]
    fn ticks_are_round_and_cover_the_axis() {
        assert_eq!(
            ticks(5000.0, 5),
            [0.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0]
        );
        assert_eq!(ticks(500.0, 5), [0.0, 100.0, 200.0, 300.0, 400.0, 500.0]);
        assert_eq!(ticks(730.0, 4), [0.0, 200.0, 400.0, 600.0]);
        assert_eq!(ticks(0.0, 5), [0.0]);
        // Minutes and hours by the clock's own steps, days by 1, 2 or 5.
        assert_eq!(ticks(12_020_000.0, 4), [0.0, 3600e3, 7200e3, 10800e3]);
        assert_eq!(ticks(300_000.0, 4), [0.0, 120e3, 240e3]);
        assert_eq!(ticks(6e9, 3), [0.0, 50.0 * 86400e3]);
    }

    #[test]
    fn a_replay_shows_only_what_has_happened() {
        let scenario: Scenario = "tasks=a:100,b:300:100&mode=sequential".parse().unwrap();
        let timeline = simulate(&scenario, Language::Rust);
        let at_50 = bars_at(&timeline, 50.0);
        assert_eq!(
            at_50[0],
            Some(BarAt {
                start_ms: 0.0,
                end_ms: 50.0,
                outcome: Outcome::Running
            })
        );
        assert_eq!(at_50[1], None);
        // tokio's timers end a millisecond after they are due.
        let at_end = bars_at(&timeline, 402.0);
        assert_eq!(at_end[1].unwrap().outcome, Outcome::Error);
        assert_eq!(event_times(&timeline), [0.0, 101.0, 402.0]);
    }

    #[test]
    fn lanes_are_shared_by_tasks_that_do_not_overlap() {
        let spans = [
            Some((0.0, 100.0)),
            Some((50.0, 150.0)),
            Some((100.0, 200.0)),
            None,
            Some((150.0, 160.0)),
        ];
        let (lanes, count) = pack_lanes(&spans);
        assert_eq!(count, 2);
        assert_eq!(lanes[0], lanes[2], "the third task reuses the first's lane");
        assert_ne!(lanes[0], lanes[1]);
    }
}
