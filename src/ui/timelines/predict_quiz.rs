//! Predict first (`predict=1`): the questions asked before a run, answered with radio buttons; once
//! the run has finished, the right choice is marked and every choice names the runtime whose model
//! it is, so a wrong pick is explained as well as the right one.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::explain::quiz::Question;

/// The form of `questions`. The radios keep their own state and the page reads none of it: the
/// reveal marks every choice, so it need not know which one was picked, and a plain function costs
/// the page's wasm far less than a component with a listener. Give it a `key` that changes with the
/// questions, so new questions start with nothing picked.
pub fn predict_quiz(
    key: usize,
    questions: &[Question],
    revealed: bool,
    on_run: &Callback<()>,
) -> Html {
    let on_submit = on_run.reform(|event: SubmitEvent| event.prevent_default());
    html! {
        <form {key} class="quiz" onsubmit={on_submit} aria-label="Predict first">
            <p>{"Predict first: answer, then run it and see."}</p>
            { for questions.iter().enumerate().map(|(index, question)| html! {
                <fieldset disabled={revealed}>
                    <legend>{question.prompt.clone()}</legend>
                    { for question.choices.iter().enumerate().map(|(choice, answer)| {
                        let right = choice == question.answer;
                        html! {
                            <label class={if revealed && right { "quiz-choice right" } else { "quiz-choice" }}>
                                <input type="radio" name={index.to_string()} required=true />
                                {" "}{answer.text.clone()}
                                if revealed {
                                    <span class="quiz-model">{if right { "✓ the answer: " } else { "" }}{answer.model.clone()}</span>
                                }
                            </label>
                        }
                    }) }
                    if revealed {
                        <p class="quiz-verdict" role="status">{format!("The answer: {}.", question.choices[question.answer].text)}</p>
                    }
                </fieldset>
            }) }
            if !revealed {
                <button type="submit" class="primary">{"Check: run it"}</button>
            }
        </form>
    }
}

/// Predicting first, the reader sees the questions in place of the prediction, then above the run
/// once it starts: `runs`, the session's view, if there is one. With nothing to ask (every runtime
/// would agree), the prediction shows as usual.
pub fn questions_first(
    questions: Option<&Rc<Vec<Question>>>,
    revealed: bool,
    on_run: &Callback<()>,
    runs: Option<Html>,
) -> Option<Html> {
    let quiz = match questions {
        Some(questions) if questions.is_empty() => return runs,
        // A new set of questions is a new form: nothing picked, no radio left checked.
        Some(questions) => {
            predict_quiz(Rc::as_ptr(questions) as usize, questions, revealed, on_run)
        }
        None => html! { <p class="note" role="status">{"Writing the questions…"}</p> },
    };
    Some(html! {
        <>
            { quiz }
            { runs.unwrap_or_default() }
        </>
    })
}
