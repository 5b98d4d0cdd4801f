//! The model: what a scenario is (tasks, modes, languages, the caller's setup, problems, draws,
//! presets), what a run produced (the timeline and its events) and what it is set beside (the
//! comparison). Data and its rules only: nothing here runs, draws or explains.
//!
//! Imports: `basics`.

pub mod caller_setup;
pub mod comparison;
pub mod display;
pub mod draws;
pub mod language;
pub mod mode;
pub mod presets;
pub mod problem;
pub mod run_event;
pub mod scenario;
pub mod task_groups;
pub mod timeline;
