//! The root component: the state, the runs, the replay and the prediction, handed to the full page
//! or to the embed layout with the timelines both show.

use yew::prelude::*;

use crate::domain::link::url_codec::decode;
use crate::domain::model::comparison::Comparison;
use crate::domain::page::playground_state::PlaygroundState;
use crate::runtime::page::location_search;

use super::embed_layout::{embed_layout, EmbedLayoutProps};
use super::full_layout::{full_layout, use_editor, Editor, FullLayoutProps};
use crate::ui::hooks::use_page::use_page;
use crate::ui::hooks::use_quiz::use_quiz;
use crate::ui::hooks::use_replay::use_replay;
use crate::ui::hooks::use_run::use_run;
use crate::ui::hooks::use_run_commands::use_run_commands;
use crate::ui::timelines::code_panel::CodePanel;
use crate::ui::timelines::moment_view::CursorMoment;
use crate::ui::timelines::predict_quiz::questions_first;
use crate::ui::timelines::prediction::{predictions, Prediction};
use crate::ui::timelines::session_timelines::{
    cursor_moment, follow_finished, replay_position, session_timelines,
};

/// The code panel, which follows the replay's cursor only while it shows the program of the run
/// replayed.
fn code_panel(state: &PlaygroundState, editor: &Editor, cursor: Option<&CursorMoment>) -> Html {
    let display = state.display;
    let cursor = cursor.cloned().filter(|cursor| {
        cursor.timeline.language == display.language && *cursor.scenario == *state.scenario
    });
    html! {
        <CodePanel scenario={state.scenario.clone()} language={display.language} on_language={editor.on_language()} {cursor} />
    }
}

/// What the prediction's headline tells the reader to do next.
fn next_step(embed: bool, comparison: Comparison) -> &'static str {
    match (embed, comparison) {
        (true, _) => "Press Run to see it happen.",
        (false, Comparison::None) => "Press Compare to run both for real.",
        (false, Comparison::Sequential) => "Press Run to run both for real.",
        (false, Comparison::Languages) => "Press Run to run them one language after another.",
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| PlaygroundState::from_url(decode(&location_search())));
    let replay = use_replay();
    let (runs, root) = (use_run(follow_finished(&replay)), use_node_ref());
    let help_open = use_state(|| false);
    // An embed's code opens with `code=1`, and the reader toggles it.
    let code_open = use_state(|| state.display.code);
    let display = state.display;
    let prediction = use_memo(
        (state.scenario.clone(), display.language, display.compare),
        |(scenario, language, comparison)| Prediction::of(scenario, *language, *comparison),
    );
    let questions = use_quiz(
        display
            .predict
            .then(|| (prediction.scenario.clone(), prediction.chosen.clone())),
    );
    let commands = use_run_commands(&state, &runs, &replay, &help_open);
    use_page(&state, &runs, &root, &commands.shortcuts);
    let editor = use_editor(&state);
    // Built once per render: a view of a 10,000-task run is not cheap, and a live run renders often.
    let session = runs.view();

    let t = replay_position(session.as_ref(), &replay);
    let cursor = cursor_moment(session.as_ref(), t);
    let code = code_panel(&state, &editor, cursor.as_ref());
    let has_session = session.is_some();
    let mut runs_shown = session_timelines(session.as_ref(), &replay, t, cursor.as_ref());
    if display.predict {
        let revealed = session.as_ref().is_some_and(|session| session.done());
        runs_shown = questions_first(questions.as_ref(), revealed, &commands.on_run, runs_shown);
    }
    let next_step = next_step(display.embed, display.compare);
    let timelines = runs_shown.unwrap_or_else(|| predictions(&prediction, next_step));
    if display.embed {
        return embed_layout(&EmbedLayoutProps {
            scenario: state.scenario.clone(),
            display,
            timelines,
            has_session,
            commands,
            replay,
            runs,
            root,
            code,
            code_open,
        });
    }
    let export = prediction.export_source(session.as_ref(), display.compare);
    let live = runs.is_live();
    full_layout(&FullLayoutProps {
        state,
        timelines,
        export,
        commands,
        live,
        has_session,
        help_open,
        root,
        code,
        editor,
    })
}
