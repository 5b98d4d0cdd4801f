//! The editor: the task table, the way the caller awaits, the language, the presets and what was wrong
//! with the link.
//!
//! Imports: `widgets`, `domain`.

pub mod bulk_generator;
pub mod caller_picker;
pub mod kind_select;
pub mod language_switch;
pub mod mode_picker;
pub mod number_field;
pub mod preset_picker;
pub mod problems_banner;
pub mod task_row;
pub mod task_table;
