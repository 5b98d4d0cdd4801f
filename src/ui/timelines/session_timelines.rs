//! The runs of the latest session: their results, a timeline each on one axis, what comes next
//! while a comparison runs, and once it is over the replay's controls and the moment at its cursor.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::explain::moment::{moment_at, moment_events};
use crate::domain::explain::timeline_title::{heading, timeline_title, Origin};
use crate::domain::look::timeline_layout::{
    event_times, shared_axis_end, timeline_under_cursor, MAX_LABELLED_LANES,
};
use crate::domain::model::comparison::Comparison;
use crate::domain::model::mode::Mode;
use crate::domain::model::timeline::Timeline;

use crate::ui::hooks::use_replay::ReplayController;
use crate::ui::hooks::use_run::{RunView, SessionView};
use crate::ui::timelines::moment_view::{moment_view, CursorMoment};
use crate::ui::timelines::replay_controls::{replay_controls, ReplayControlsProps};
use crate::ui::timelines::results::{results, ResultsProps};
use crate::ui::timelines::timeline_view::{timeline_view, TimelineViewProps};

fn session_axis_end(session: &SessionView) -> f64 {
    let timelines: Vec<&Timeline> = session.runs.iter().map(|run| &*run.predicted).collect();
    shared_axis_end(&timelines).max(session.runs.iter().map(|r| r.now_ms).fold(0.0, f64::max))
}

/// What the replay does when a session finishes: it follows it, from its end. Given to `use_run`, so
/// it happens in the event that ends the session; rendering only reads the playhead.
pub fn follow_finished(replay: &ReplayController) -> Callback<SessionView> {
    let replay = replay.clone();
    Callback::from(move |session: SessionView| {
        let times = session
            .runs
            .iter()
            .flat_map(|run| event_times(&run.timeline))
            .collect();
        replay.follow(session.id, session_axis_end(&session), times);
    })
}

/// Where the replay's playhead is: on the finished session, which it follows from the moment it
/// finished (see [`follow_finished`]), or at the end of one still running.
pub fn replay_position(session: Option<&SessionView>, replay: &ReplayController) -> f64 {
    if session.is_some_and(SessionView::done) {
        replay.t()
    } else {
        f64::INFINITY
    }
}

/// The instant at the replay cursor of the run it is about: the first still going there (in a
/// comparison, the one after another once the chosen mode is over), named by its heading among
/// several; `None` while it runs, and for runs too large to list (their moments would cost each
/// frame). The code panel follows it only while it is the run of the program shown.
pub fn cursor_moment(session: Option<&SessionView>, t: f64) -> Option<CursorMoment> {
    let runs = &session.filter(|session| session.done())?.runs;
    let timelines: Vec<&Timeline> = runs.iter().map(|run| &*run.timeline).collect();
    let run = runs.get(timeline_under_cursor(&timelines, t))?;
    if run.timeline.tasks.len() > MAX_LABELLED_LANES {
        return None;
    }
    let moment = moment_at(
        &run.scenario,
        &run.timeline,
        &moment_events(&run.timeline),
        t,
    );
    Some(CursorMoment {
        scenario: run.scenario.clone(),
        timeline: run.timeline.clone(),
        moment: Rc::new(moment),
        heading: (runs.len() > 1).then(|| heading(run.timeline.mode, run.timeline.language)),
    })
}

/// What comes next in a comparison still running.
fn next_run_note(session: &SessionView) -> Html {
    let Some((scenario, language)) = session.waiting.first() else {
        return Html::default();
    };
    let next = match session.comparison {
        Comparison::Languages => format!("Next: the same tasks in {}.", language.display_name()),
        _ if scenario.mode == Mode::Sequential => {
            "Next: the same tasks one after another.".to_owned()
        }
        _ => format!("Next: {}.", scenario.mode),
    };
    html! { <p class="note">{ next }</p> }
}

/// The session's runs, with the replay at `t` (see [`replay_position`]: the end of a run still going).
pub fn session_timelines(
    session: Option<&SessionView>,
    replay: &ReplayController,
    t: f64,
    cursor: Option<&CursorMoment>,
) -> Option<Html> {
    let session = session?;
    let end = session_axis_end(session);
    let done = session.done();
    let run_view = |run: &RunView| {
        let among_languages = session.comparison == Comparison::Languages && run.done;
        timeline_view(&TimelineViewProps {
            title: timeline_title(
                &run.scenario,
                &run.timeline,
                Origin::of_run(&run.scenario, run.language),
                among_languages,
            ),
            scenario: run.scenario.clone(),
            timeline: run.timeline.clone(),
            predicted: Some(Rc::clone(&run.predicted)),
            now_ms: run.now_ms.min(t),
            axis_end_ms: end,
            show_cursor: !done || t < end,
            caller_resumed: run.resumed,
            live_since_ms: (!run.done).then_some(run.started_at_ms),
        })
    };
    Some(html! {
        <>
            { results(&ResultsProps { runs: session.runs.clone(), speed_up: session.comparison == Comparison::Sequential }) }
            { for session.runs.iter().map(run_view) }
            { next_run_note(session) }
            if done {
                { replay_controls(&ReplayControlsProps { replay: replay.clone(), t }) }
                { cursor.map(moment_view).unwrap_or_default() }
            }
        </>
    })
}
