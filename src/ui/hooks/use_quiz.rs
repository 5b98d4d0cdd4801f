//! `use_quiz`: the questions `predict=1` asks about a predicted run, written by the writer worker so
//! that the page's own wasm carries none of their making. `None` while they are being written; an
//! answer for a prediction the page has moved on from never reaches the screen.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::domain::explain::quiz::{from_text, Question};
use crate::domain::model::comparison::Comparison;
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::Timeline;
use crate::domain::pictures::export::Export;
use crate::runtime::writer::write_export;

/// The questions about `predicted`, a scenario and its predicted run; none when it is `None`, or
/// when the writer fails (the page then shows the prediction, as without `predict=1`).
#[hook]
pub fn use_quiz(predicted: Option<(Rc<Scenario>, Rc<Timeline>)>) -> Option<Rc<Vec<Question>>> {
    let questions = use_state(|| None);
    {
        let questions = questions.clone();
        use_effect_with(predicted, move |predicted| {
            let current = Rc::new(Cell::new(true));
            questions.set(None);
            if let Some(run) = predicted.clone() {
                let still_current = current.clone();
                let on_written = move |text: Result<JsValue, String>| {
                    if still_current.get() {
                        let text = text.ok().and_then(|text| text.as_string());
                        let written = text.map(|text| from_text(&text)).unwrap_or_default();
                        questions.set(Some(Rc::new(written)));
                    }
                };
                write_export(Export::Quiz, Comparison::None, &[run], on_written);
            }
            move || current.set(false)
        });
    }
    (*questions).clone()
}
