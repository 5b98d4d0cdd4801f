//! `use_written_program`: the program for the scenario, asked of the program writer once the panel at
//! `panel` first comes into view, and again on every change. An answer for a scenario or language the
//! panel has moved on from never reaches the screen.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::domain::model::language::Language;
use crate::domain::model::scenario::Scenario;
use crate::domain::programs::snippets::written::WrittenProgram;
use crate::runtime::embedding::when_first_visible;
use crate::runtime::writer::write_program;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramState {
    /// The latest program written; it stays shown while the next one is written.
    pub written: Option<Rc<WrittenProgram>>,
    /// Whether `written` is for an older scenario or language than the panel's.
    pub writing: bool,
    pub failure: Option<String>,
}

#[hook]
pub fn use_written_program(
    scenario: &Rc<Scenario>,
    language: Language,
    panel: &NodeRef,
) -> ProgramState {
    let seen = use_state(|| false);
    let state = use_state(|| ProgramState {
        writing: true,
        ..ProgramState::default()
    });
    {
        // One effect for both steps: until the panel is seen, it watches for that (and the program
        // waits); once seen, it asks the writer for each scenario and language in turn.
        let (state, seen_handle, panel) = (state.clone(), seen.clone(), panel.clone());
        use_effect_with(
            (scenario.clone(), language, *seen),
            move |(scenario, language, seen)| {
                let current = Rc::new(Cell::new(true));
                let mut observation = None;
                if *seen {
                    state.set(ProgramState {
                        writing: true,
                        ..(*state).clone()
                    });
                    let still_current = current.clone();
                    write_program(scenario, *language, move |answer| {
                        if still_current.get() {
                            state.set(match answer {
                                Ok(written) => ProgramState {
                                    written: Some(Rc::new(written)),
                                    writing: false,
                                    failure: None,
                                },
                                Err(reason) => ProgramState {
                                    written: None,
                                    writing: false,
                                    failure: Some(reason),
                                },
                            });
                        }
                    });
                } else {
                    observation = panel.cast::<web_sys::Element>().and_then(|element| {
                        when_first_visible(&element, move || seen_handle.set(true))
                    });
                }
                move || {
                    current.set(false);
                    drop(observation);
                }
            },
        );
    }
    (*state).clone()
}
