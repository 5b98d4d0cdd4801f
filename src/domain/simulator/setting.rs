//! What a run is run by, fixed from its start: the scenario, each task's draw, the semantics of the
//! caller's idiom and the runtime's model. Every room reads it, and none changes it: it is the small
//! context each room is called with.

use crate::domain::model::draws::TaskDraw;
use crate::domain::model::scenario::Scenario;
use crate::domain::semantics::behaviour::Semantics;
use crate::domain::semantics::runtime_model::RuntimeModel;

pub(super) struct Setting<'a> {
    pub(super) scenario: &'a Scenario,
    pub(super) draws: &'a [TaskDraw],
    pub(super) rules: Semantics,
    pub(super) model: RuntimeModel,
}

impl Setting<'_> {
    pub(super) fn task_count(&self) -> u32 {
        self.draws.len() as u32
    }

    /// Whether `task`'s last attempt fails, as drawn.
    pub(super) fn fails(&self, task: u32) -> bool {
        self.draws[task as usize].fails
    }
}
