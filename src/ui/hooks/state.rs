//! Hands the playground's reducer (`src/domain/page/playground_state.rs`) to Yew's `use_reducer`.

use std::rc::Rc;

use yew::Reducible;

use crate::domain::page::playground_state::{Action, PlaygroundState};

impl Reducible for PlaygroundState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        self.apply(action)
    }
}
