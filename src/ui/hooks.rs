//! Hooks: the state's reducer and what drives the page over time (runs, replays, the writer worker,
//! the keyboard, the page around the app).
//!
//! Imports: `domain`, `runtime`.

pub mod state;
pub mod use_page;
pub mod use_quiz;
pub mod use_replay;
pub mod use_run;
pub mod use_run_commands;
pub mod use_shortcuts;
pub mod use_written_program;
