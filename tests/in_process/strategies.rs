//! The property tests' scenarios: proptest draws a seed and a case, and the one generator of random
//! scenarios (`async_playground::differential::generator`) makes the scenario, so a new field is
//! taught to one place. A failing case is reported as the scenario it drew.

use async_playground::differential::generator::{scenario_within, Reach};
use async_playground::domain::model::scenario::Scenario;
use proptest::prelude::*;

/// A valid scenario of up to `max_tasks` tasks, each up to `max_ms`.
pub fn scenario(max_tasks: u32, max_ms: u32) -> impl Strategy<Value = Scenario> {
    (any::<u64>(), any::<u32>()).prop_map(move |(seed, case)| {
        scenario_within(seed, case, Reach::Anything { max_tasks, max_ms })
    })
}
