//! The page: Yew components (views with state or hooks) and plain view functions, one per file, with
//! the state in a reducer and runs behind `use_run`.
//!
//! Its folders: `widgets`, `hooks`, `editor`, `timelines` and `share`; the files beside them lay the
//! page out. The import table is in `docs/architecture.md`.

pub mod app;
pub mod editor;
pub mod embed_layout;
pub mod full_layout;
pub mod hooks;
pub mod run_controls;
pub mod share;
pub mod shortcuts_help;
pub mod timelines;
pub mod widgets;
