//! Random scenarios from a seed, shaped to reach the corners where the obvious model is wrong: ties,
//! zero delays, blocking work at the start, middle and end, failures at 0 and 100 %, 1 to 60 tasks,
//! every mode, limits from 1 to above the number of tasks, deadlines between and on the tasks' ends,
//! and retries with and without a backoff.

use rand_core::RngCore;
use rand_pcg::Pcg32;

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::caller_setup::{CallerContext, CallerSetup, RustRuntime, Wait};
use crate::domain::model::mode::Mode;
use crate::domain::model::scenario::{
    Delay, RetryPolicy, Scenario, TaskKind, TaskSpec, MAX_RETRIES, MAX_TASKS, MAX_TIMEOUT_MS,
};

/// The longest a scenario may take one task after another, so a case costs about a second per runtime.
const SEQUENTIAL_BUDGET_MS: u32 = 900;
/// Every delay is a multiple of this, so ends that differ at all differ by enough to be ordered.
const DELAY_STEP_MS: u32 = 30;
/// The shortest deadline, in steps: 75 ms off the step, 90 ms on it.
const MIN_DEADLINE_STEPS: u32 = 3;

struct Dice(Pcg32);

impl Dice {
    /// A number in `0..bound`.
    fn below(&mut self, bound: u32) -> u32 {
        ((u64::from(self.0.next_u32()) * u64::from(bound)) >> 32) as u32
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u32) as usize]
    }
}

/// How far the drawn scenarios reach: the harness's, short and on a coarse step so that real
/// runtimes can order what the simulator orders, or every value the link allows, for the property
/// tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// What the differential harness runs in the real runtimes: 1 to 60 tasks on 30 ms steps, one
    /// after another within 900 ms, no labels, deadlines of at least 75 ms.
    RealRuns,
    /// Anything valid, up to `max_tasks` tasks of up to `max_ms` each: labels holding markup,
    /// quotes and emoji, delays drawn from a range, blocking work anywhere, limits up to the
    /// largest, deadlines from 1 ms, every number of retries.
    Anything { max_tasks: u32, max_ms: u32 },
}

/// Case `case` of the harness's run seeded with `seed`: the same pair always gives the same scenario.
pub fn scenario(seed: u64, case: u32) -> Scenario {
    scenario_within(seed, case, Reach::RealRuns)
}

/// Case `case` of the run seeded with `seed`, within `reach`: the one generator of random
/// scenarios, which the harness, the property tests and the seeded tests draw from, so a new field
/// of the scenario is taught to it once. Every draw for [`Reach::RealRuns`] stays where it was, so
/// the harness's cases (named by seed and case in the docs) stay what they were.
pub fn scenario_within(seed: u64, case: u32, reach: Reach) -> Scenario {
    let mut dice = Dice(Pcg32::new(seed, u64::from(case)));
    let waiting_modes: Vec<Mode> = Mode::ALL
        .iter()
        .copied()
        .filter(|mode| mode.caller_waits())
        .collect();
    let mode = dice.pick(&waiting_modes);
    let mut tasks = match reach {
        Reach::RealRuns => tasks_for_real_runs(&mut dice),
        Reach::Anything { max_tasks, max_ms } => any_tasks(&mut dice, max_tasks, max_ms),
    };
    let count = tasks.len() as u32;
    if reach == Reach::RealRuns {
        fit_the_budget(&mut tasks);
    }
    let limit = match reach {
        Reach::RealRuns => 1 + dice.below(count + 3),
        // A limit may exceed the number of tasks: every task then starts at once.
        Reach::Anything { .. } if dice.chance(80) => 1 + dice.below(64),
        Reach::Anything { .. } => 1 + dice.below(MAX_TASKS),
    };
    let seed = u64::from(dice.0.next_u32());
    let timeout_ms = match reach {
        Reach::RealRuns => real_deadline(&mut dice),
        Reach::Anything { max_ms, .. } => dice
            .chance(33)
            .then(|| 1 + dice.below((max_ms * 2).clamp(1, MAX_TIMEOUT_MS))),
    };
    // Retries, drawn after everything else for the same reason; the backoff is on the step too, so
    // a retry ties with other tasks' ends, and fewer and shorter for many tasks, to keep a case short.
    let many = count > 12;
    let retry = match reach {
        Reach::RealRuns if dice.chance(30) => RetryPolicy {
            retries: (1 + dice.below(if many { 2 } else { 3 })) as u8,
            backoff_ms: DELAY_STEP_MS * dice.below(if many { 2 } else { 3 }),
        },
        Reach::Anything { max_ms, .. } if dice.chance(33) => RetryPolicy {
            retries: 1 + dice.below(u32::from(MAX_RETRIES)) as u8,
            backoff_ms: dice.below(max_ms.min(1000) + 1),
        },
        _ => RetryPolicy::default(),
    };
    // Fire and forget, drawn last for the same reason, as often as any other mode; its program
    // is a script that ends at once or a server that lives on. Its caller has no deadline.
    let fire_and_forget = dice.chance(13);
    let program_exits = fire_and_forget && dice.chance(50);
    let caller = caller_setup(&mut dice);
    Scenario {
        tasks,
        mode: if fire_and_forget {
            Mode::FireAndForget
        } else {
            mode
        },
        limit,
        seed,
        timeout_ms,
        retry,
        program_exits,
        caller,
    }
}

/// The harness's tasks: 1 to 60, a few shared delays on the step (ties), zero delays, failures all
/// or nothing or in between, and blocking work at the start, in the middle or at the end.
fn tasks_for_real_runs(dice: &mut Dice) -> Vec<TaskSpec> {
    let count = match dice.below(10) {
        0..=3 => 1 + dice.below(4),
        4..=8 => 4 + dice.below(9),
        _ => 13 + dice.below(48),
    };
    // A few distinct delays shared by many tasks make ties; zero is always among the choices.
    let palette: Vec<u32> = (0..1 + dice.below(4))
        .map(|_| DELAY_STEP_MS * dice.below(9))
        .chain([0])
        .collect();
    let zero_weight = if dice.chance(20) { 50 } else { 10 };
    let fail_style = dice.below(4);
    let mut tasks: Vec<TaskSpec> = (0..count)
        .map(|_| {
            let delay = if dice.chance(zero_weight) {
                0
            } else {
                dice.pick(&palette)
            };
            let fail_percent = match fail_style {
                0 => 0,
                1 => 100,
                2 => dice.pick(&[0, 0, 0, 100]),
                _ => dice.pick(&[0, 50, 100]),
            };
            TaskSpec {
                label: None,
                delay: Delay::Fixed(delay),
                fail_percent,
                kind: TaskKind::Io,
            }
        })
        .collect();
    // Blocking work at the start, in the middle or at the end of the list.
    for position in [0, count / 2, count - 1] {
        if dice.chance(25) {
            let task = &mut tasks[position as usize];
            task.kind = TaskKind::Cpu;
            task.delay = Delay::Fixed(DELAY_STEP_MS * dice.below(4));
        }
    }
    tasks
}

/// Any valid tasks, 1 to `max_tasks` of them, each up to `max_ms`.
fn any_tasks(dice: &mut Dice, max_tasks: u32, max_ms: u32) -> Vec<TaskSpec> {
    (0..1 + dice.below(max_tasks))
        .map(|_| {
            let label = dice.chance(50).then(|| any_label(dice));
            let delay = if dice.chance(25) {
                let (a, b) = (dice.below(max_ms + 1), dice.below(max_ms + 1));
                Delay::Range {
                    min: a.min(b),
                    max: a.max(b),
                }
            } else {
                Delay::Fixed(dice.below(max_ms + 1))
            };
            TaskSpec {
                label,
                delay,
                fail_percent: if dice.chance(50) {
                    0
                } else {
                    dice.below(101) as u8
                },
                kind: if dice.chance(25) {
                    TaskKind::Cpu
                } else {
                    TaskKind::Io
                },
            }
        })
        .collect()
}

/// A label a reader might write, or one made to break a link or a page: a letter, then up to a
/// dozen of anything printable (markup, quotes, separators, emoji), ending on something not a space.
fn any_label(dice: &mut Dice) -> String {
    const FIRST: [char; 5] = ['a', 'Z', 'é', 'q', 'T'];
    const REST: [char; 24] = [
        'a', 'b', 'Z', '0', '9', ' ', '_', '<', '>', '"', '\'', '&', '=', '+', '%', '#', '?', ',',
        ':', '/', '🚀', '-', 'é', 'x',
    ];
    let mut label = String::from(dice.pick(&FIRST));
    for _ in 0..dice.below(13) {
        label.push(dice.pick(&REST));
    }
    label.trim_end().to_owned()
}

/// The harness's deadline, in a third of the cases, drawn after the tasks so that the scenarios of
/// a seed stayed what they were before deadlines existed, apart from the deadline. On the step it
/// ties with the tasks' ends; half a step off, it falls between them. It is at least 75 ms: a
/// shorter one races the program's own start, since Mono spends tens of ms compiling a program's
/// first methods after the deadline is set.
fn real_deadline(dice: &mut Dice) -> Option<u32> {
    dice.chance(35).then(|| {
        let steps = MIN_DEADLINE_STEPS
            + dice.below(SEQUENTIAL_BUDGET_MS / DELAY_STEP_MS + 1 - MIN_DEADLINE_STEPS);
        let off_step = if dice.chance(60) {
            DELAY_STEP_MS / 2
        } else {
            0
        };
        steps * DELAY_STEP_MS - off_step
    })
}

/// How the caller waits, drawn last for the same reason: a quarter of the cases block, each
/// language's way, on every thread it has. The same draw holds for every language, so a case runs
/// a UI thread in C# and a multi-thread runtime in Rust, or neither.
fn caller_setup(dice: &mut Dice) -> CallerSetup {
    if !dice.chance(25) {
        return CallerSetup::default();
    }
    CallerSetup {
        wait: Wait::Block,
        context: dice.pick(&[CallerContext::Pool, CallerContext::Ui, CallerContext::Ui]),
        configure_await: dice.chance(67),
        runtime: dice.pick(&[RustRuntime::CurrentThread, RustRuntime::MultiThread]),
    }
}

/// Scale the delays down, keeping them multiples of the step, until one after another fits the budget.
fn fit_the_budget(tasks: &mut [TaskSpec]) {
    let delay_of = |task: &TaskSpec| match task.delay {
        Delay::Fixed(ms) => ms,
        Delay::Range { max, .. } => max,
    };
    let total: u32 = tasks.iter().map(delay_of).sum();
    if total <= SEQUENTIAL_BUDGET_MS {
        return;
    }
    for task in tasks.iter_mut() {
        let scaled = u64::from(delay_of(task)) * u64::from(SEQUENTIAL_BUDGET_MS) / u64::from(total);
        task.delay = Delay::Fixed(scaled as u32 / DELAY_STEP_MS * DELAY_STEP_MS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_case_give_the_same_scenario() {
        assert_eq!(scenario(7, 3), scenario(7, 3));
        assert_ne!(scenario(7, 3), scenario(7, 4));
    }

    /// The harness's first 2,000 cases of seed 1.
    fn harness_cases() -> Vec<Scenario> {
        (0..2000).map(|case| scenario(1, case)).collect()
    }

    #[test]
    fn scenarios_are_valid_and_fit_the_budget() {
        for scenario in &harness_cases() {
            assert!(scenario.validate().is_empty(), "{scenario:?}");
            let total: u32 = scenario
                .tasks
                .iter()
                .map(|t| {
                    if let Delay::Fixed(ms) = t.delay {
                        ms
                    } else {
                        0
                    }
                })
                .sum();
            assert!(total <= SEQUENTIAL_BUDGET_MS, "{total}");
        }
    }

    #[test]
    fn scenarios_reach_every_corner_of_the_tasks() {
        let scenarios = harness_cases();
        let any = |test: &dyn Fn(&Scenario) -> bool| scenarios.iter().any(test);
        for &mode in Mode::ALL {
            assert!(any(&|s| s.mode == mode), "{mode}");
        }
        assert!(any(&|s| s.tasks.len() == 1) && any(&|s| s.tasks.len() == 60));
        for exits in [false, true] {
            assert!(any(
                &|s| s.mode == Mode::FireAndForget && s.program_exits == exits
            ));
        }
        assert!(any(&|s| s.mode == Mode::Buffered && s.limit == 1));
        assert!(any(
            &|s| s.mode == Mode::Buffered && s.limit as usize > s.tasks.len()
        ));
        assert!(any(&|s| s.tasks.iter().any(|t| t.delay == Delay::Fixed(0))));
        assert!(any(
            &|s| s.tasks.len() > 2 && s.tasks.iter().all(|t| t.fail_percent == 100)
        ));
        assert!(any(&|s| s
            .tasks
            .first()
            .is_some_and(|t| t.kind == TaskKind::Cpu)));
        assert!(any(
            &|s| s.tasks.len() > 2 && s.tasks.last().is_some_and(|t| t.kind == TaskKind::Cpu)
        ));
        assert!(any(
            &|s| s.tasks.len() > 4 && s.tasks[s.tasks.len() / 2].kind == TaskKind::Cpu
        ));
    }

    #[test]
    fn scenarios_reach_every_corner_of_the_caller() {
        let scenarios = harness_cases();
        let any = |test: &dyn Fn(&Scenario) -> bool| scenarios.iter().any(test);
        for &mode in Mode::ALL {
            let on_step = |s: &Scenario| s.timeout_ms.is_some_and(|ms| ms % DELAY_STEP_MS == 0);
            let off_step = |s: &Scenario| s.timeout_ms.is_some_and(|ms| ms % DELAY_STEP_MS != 0);
            assert!(any(&|s| s.mode == mode && on_step(s)), "{mode}");
            assert!(any(&|s| s.mode == mode && off_step(s)), "{mode}");
        }
        assert!(any(&|s| s.timeout_ms.is_none()));
        for &mode in Mode::ALL {
            let blocks = |s: &Scenario| s.caller.wait == Wait::Block && s.mode == mode;
            assert!(any(&|s| blocks(s) && s.timeout_ms.is_some()), "{mode}");
            assert!(any(&|s| blocks(s) && s.retry.retries > 0), "{mode}");
        }
        for context in [CallerContext::Pool, CallerContext::Ui] {
            for configure_await in [false, true] {
                assert!(any(&|s| s.caller.wait == Wait::Block
                    && s.caller.context == context
                    && s.caller.configure_await == configure_await));
            }
        }
        assert!(any(&|s| s.caller.runtime == RustRuntime::MultiThread));
        assert!(scenarios
            .iter()
            .all(|s| s.timeout_ms.is_none_or(|ms| ms >= 75)));
    }

    #[test]
    fn anything_reaches_what_a_link_allows_and_stays_valid() {
        let reach = Reach::Anything {
            max_tasks: 30,
            max_ms: 5000,
        };
        let scenarios: Vec<Scenario> = (0..2000)
            .map(|case| scenario_within(3, case, reach))
            .collect();
        for scenario in &scenarios {
            assert!(scenario.validate().is_empty(), "{scenario:?}");
            assert!((1..=30).contains(&scenario.tasks.len()), "{scenario:?}");
        }
        let any = |test: &dyn Fn(&Scenario) -> bool| scenarios.iter().any(test);
        let any_task = |test: &dyn Fn(&TaskSpec) -> bool| any(&|s| s.tasks.iter().any(test));
        for &mode in Mode::ALL {
            assert!(any(&|s| s.mode == mode), "{mode}");
        }
        assert!(any_task(&|t| t
            .label
            .as_deref()
            .is_some_and(|l| l.contains('<'))));
        assert!(any_task(&|t| t
            .label
            .as_deref()
            .is_some_and(|l| l.contains(' '))));
        assert!(any_task(&|t| t.label.is_none()));
        assert!(any_task(&|t| matches!(t.delay, Delay::Range { .. })));
        assert!(any_task(&|t| t.delay == Delay::Fixed(0)));
        assert!(any_task(
            &|t| t.kind == TaskKind::Cpu && t.delay != Delay::Fixed(0)
        ));
        assert!(any_task(&|t| t.fail_percent % 100 != 0));
        assert!(any(&|s| s.limit > 64) && any(&|s| s.limit == 1));
        assert!(any(&|s| s.timeout_ms.is_some_and(|ms| ms < 75)));
        assert!(any(&|s| s.timeout_ms.is_some_and(|ms| ms > 5000)));
        assert!(any(&|s| s.retry.retries == MAX_RETRIES));
        assert!(any(&|s| s.caller.wait == Wait::Block));
    }
}
