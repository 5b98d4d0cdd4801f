//! Seeded random draws for each task: whether each attempt fails, and its delay when a range was given.
//!
//! Every draw depends only on (seed, task index, attempt), through a PCG stream per task, so editing
//! one task never reshuffles the others, and wasm32 and native builds draw identical numbers (u64/u32
//! only).

use rand_core::RngCore;
use rand_pcg::Pcg32;

use crate::domain::model::scenario::{Delay, Scenario, TaskSpec};

/// What the dice decided for one task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskDraw {
    /// The length of each attempt.
    pub delay_ms: u32,
    /// The task ends failed: its last attempt failed.
    pub fails: bool,
    /// How many attempts it makes, 1 to the retries + 1: every attempt before the last failed.
    pub attempts: u8,
}

impl TaskDraw {
    /// Whether attempt `attempt` (1-based) fails.
    pub fn attempt_fails(self, attempt: u8) -> bool {
        attempt < self.attempts || self.fails
    }
}

/// Where a task's retry rolls begin in its stream: after the first attempt's roll and the slot of
/// its delay draw, so that a fixed or drawn delay leaves the retries' outcomes alone.
const FIRST_RETRY_ROLL: u64 = 2;

/// The generator for one task: the seed picks the state, the task index picks the stream.
fn task_rng(seed: u64, index: u32) -> Pcg32 {
    Pcg32::new(seed, u64::from(index))
}

/// A number in `0..bound` without modulo bias worth noticing (Lemire's multiply-shift).
fn below(rng: &mut Pcg32, bound: u32) -> u32 {
    ((u64::from(rng.next_u32()) * u64::from(bound)) >> 32) as u32
}

/// The draw for the task at `index`, which may retry a failed attempt `retries` times. The failure
/// roll comes first so that changing a task's delay range never flips its outcome; each retry's roll
/// has its own place in the stream, so changing the number of retries never changes an earlier one.
pub fn draw_task(seed: u64, index: u32, task: &TaskSpec, retries: u8) -> TaskDraw {
    let mut rng = task_rng(seed, index);
    let rolls_a_failure = |rng: &mut Pcg32| below(rng, 100) < u32::from(task.fail_percent);
    let mut fails = rolls_a_failure(&mut rng);
    let mut attempts = 1;
    if fails && retries > 0 {
        let mut retry_rolls = task_rng(seed, index);
        retry_rolls.advance(FIRST_RETRY_ROLL);
        while fails && attempts <= retries {
            attempts += 1;
            fails = rolls_a_failure(&mut retry_rolls);
        }
    }
    let delay_ms = match task.delay {
        Delay::Fixed(ms) => ms,
        Delay::Range { min, max } if min >= max => min,
        Delay::Range { min, max } => {
            let span = u64::from(max - min) + 1;
            min + ((u64::from(rng.next_u32()) * span) >> 32) as u32
        }
    };
    TaskDraw {
        delay_ms,
        fails,
        attempts,
    }
}

/// Draws for every task of `scenario`, in task order.
pub fn draw_all(scenario: &Scenario) -> Vec<TaskDraw> {
    scenario
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| draw_task(scenario.seed, index as u32, task, scenario.retry.retries))
        .collect()
}

/// Draws recorded once, which native and wasm32 builds must both reproduce: a change here would
/// change the outcomes behind every shared link. Public only for the browser tests.
#[doc(hidden)]
pub mod pinned {
    use super::draw_task;
    use crate::domain::model::scenario::{Delay, TaskSpec};

    /// Four tasks' (delay, fails) under seed 42, then their attempts with three retries.
    pub type Sample = ([(u32, bool); 4], [u8; 4]);

    pub const SEED_42: Sample = (
        [(756, true), (897, true), (304, false), (227, true)],
        [2, 3, 1, 2],
    );

    /// The same draws made anew, for the platform this runs on.
    pub fn sample() -> Sample {
        let task = TaskSpec::io(None, 0)
            .lasting(Delay::Range { min: 0, max: 1000 })
            .failing(50);
        (
            std::array::from_fn(|i| {
                let draw = draw_task(42, i as u32, &task, 0);
                (draw.delay_ms, draw.fails)
            }),
            std::array::from_fn(|i| draw_task(42, i as u32, &task, 3).attempts),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::scenario::TaskSpec;

    #[test]
    fn zero_and_hundred_percent_are_certain() {
        for index in 0..200 {
            assert!(!draw_task(7, index, &TaskSpec::io(None, 1), 0).fails);
            assert!(draw_task(7, index, &TaskSpec::io(None, 1).failing(100), 0).fails);
        }
    }

    #[test]
    fn failure_rate_is_roughly_honoured() {
        let task = TaskSpec::io(None, 1).failing(25);
        let failures = (0..10_000)
            .filter(|&i| draw_task(99, i, &task, 0).fails)
            .count();
        assert!(
            (2_200..2_800).contains(&failures),
            "{failures} of 10000 failed at 25%"
        );
    }

    #[test]
    fn range_draws_stay_inside_the_bounds_and_vary() {
        let task = TaskSpec {
            delay: Delay::Range {
                min: 1000,
                max: 5000,
            },
            ..TaskSpec::io(None, 0)
        };
        let delays: Vec<u32> = (0..500)
            .map(|i| draw_task(3, i, &task, 0).delay_ms)
            .collect();
        assert!(delays.iter().all(|d| (1000..=5000).contains(d)));
        assert!(delays.iter().any(|&d| d < 2000) && delays.iter().any(|&d| d > 4000));
    }

    #[test]
    fn editing_one_task_leaves_the_others_draws_alone() {
        let mut scenario = Scenario {
            tasks: vec![TaskSpec::io(None, 100).failing(50); 20],
            ..Scenario::default()
        };
        let before = draw_all(&scenario);
        scenario.tasks[7] = TaskSpec::io(Some("edited"), 900).failing(90);
        let after = draw_all(&scenario);
        for index in (0..20).filter(|&i| i != 7) {
            assert_eq!(before[index], after[index], "task {index} changed");
        }
    }

    #[test]
    fn draws_are_pinned() {
        assert_eq!(pinned::sample(), pinned::SEED_42);
    }

    #[test]
    fn each_retry_has_its_own_roll_whatever_the_delay_and_the_number_of_retries() {
        let fixed = TaskSpec::io(None, 100).failing(60);
        let ranged = TaskSpec {
            delay: Delay::Range { min: 0, max: 900 },
            ..fixed.clone()
        };
        for index in 0..300 {
            let most = draw_task(5, index, &fixed, 10);
            assert_eq!(draw_task(5, index, &ranged, 10).attempts, most.attempts);
            for retries in 0..10 {
                let fewer = draw_task(5, index, &fixed, retries);
                // The same rolls, cut short: attempts agree up to the smaller number of retries.
                assert_eq!(fewer.attempts, most.attempts.min(retries + 1), "{index}");
                assert_eq!(fewer.fails, most.attempts > retries + 1 || most.fails);
            }
        }
        let retried: Vec<u8> = (0..300)
            .map(|index| draw_task(5, index, &fixed, 10).attempts)
            .collect();
        assert!(retried.contains(&1) && retried.contains(&2) && retried.iter().any(|&a| a > 3));
    }

    #[test]
    fn a_task_that_always_fails_uses_every_retry() {
        let draw = draw_task(1, 0, &TaskSpec::io(None, 5).failing(100), 3);
        assert_eq!((draw.attempts, draw.fails), (4, true));
        assert!((1..=4).all(|attempt| draw.attempt_fails(attempt)));
        let draw = draw_task(1, 0, &TaskSpec::io(None, 5), 3);
        assert_eq!((draw.attempts, draw.fails), (1, false));
        assert!(!draw.attempt_fails(1));
    }
}
