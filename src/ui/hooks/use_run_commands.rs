//! `use_run_commands`: what starts, compares and resets runs, for the buttons and for the keyboard
//! shortcuts, whose commands this hook also answers.

use yew::prelude::*;

use crate::domain::model::comparison::Comparison;
use crate::domain::page::playground_state::PlaygroundState;
use crate::domain::page::shortcuts::Command;

use crate::ui::hooks::use_replay::ReplayController;
use crate::ui::hooks::use_run::RunController;
use crate::ui::hooks::use_shortcuts::{use_shortcuts, ShortcutTarget};

/// The page's commands on its runs.
#[derive(Clone, PartialEq)]
pub struct RunCommands {
    /// Runs the comparison the page shows.
    pub on_run: Callback<()>,
    /// Runs the scenario beside one after another, whatever the page compares.
    pub on_compare: Callback<()>,
    pub on_reset: Callback<()>,
    /// Where the keyboard's shortcuts go (`use_page` listens for them).
    pub shortcuts: ShortcutTarget,
}

#[hook]
pub fn use_run_commands(
    state: &UseReducerHandle<PlaygroundState>,
    runs: &RunController,
    replay: &ReplayController,
    help_open: &UseStateHandle<bool>,
) -> RunCommands {
    let run_comparing = |comparison: Option<Comparison>| {
        let (runs, state) = (runs.clone(), state.clone());
        Callback::from(move |()| {
            let display = state.display;
            let comparison = comparison.unwrap_or(display.compare);
            runs.run(&state.scenario, display.language, comparison)
        })
    };
    let (on_run, on_compare) = (
        run_comparing(None),
        run_comparing(Some(Comparison::Sequential)),
    );
    let on_reset = {
        let runs = runs.clone();
        Callback::from(move |()| runs.reset())
    };
    let shortcuts = use_shortcuts({
        let (on_run, on_compare, on_reset) = (on_run.clone(), on_compare.clone(), on_reset.clone());
        let (replay, help_open) = (replay.clone(), help_open.clone());
        Callback::from(move |command| match command {
            Command::Run => on_run.emit(()),
            Command::Compare => on_compare.emit(()),
            Command::Reset => on_reset.emit(()),
            Command::TogglePlay => replay.toggle(),
            Command::Step(towards) => replay.step(towards),
            Command::SeekStart => replay.seek(0.0),
            Command::SeekEnd => replay.seek(replay.end()),
            Command::ChangeSpeed(towards) => replay.change_speed(towards),
            Command::ToggleHelp => help_open.set(!*help_open),
            Command::CloseHelp => help_open.set(false),
        })
    });
    RunCommands {
        on_run,
        on_compare,
        on_reset,
        shortcuts,
    }
}
