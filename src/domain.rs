//! Pure model of async concurrency scenarios: no browser crate may be imported below this module.

pub mod decimal;
pub mod draws;
pub mod export;
pub mod language;
pub mod markup;
pub mod mode;
pub mod named_choice;
pub mod narration;
pub mod outcome_style;
pub mod playground_state;
pub mod playhead;
pub mod presets;
pub mod problem;
pub mod program_log;
pub mod redraw_schedule;
pub mod run_event;
pub mod runtime_model;
pub mod scenario;
pub mod semantics;
pub mod simulator;
pub mod snippets;
pub mod svg_export;
pub mod task_groups;
pub mod timeline;
pub mod timeline_layout;
pub mod url_codec;
