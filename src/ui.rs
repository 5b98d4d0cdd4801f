//! The page: Yew components (views with state or hooks) and plain view functions, one per file, with
//! the state in a reducer and runs behind `use_run`.

pub mod app;
pub mod bulk_generator;
pub mod code_panel;
pub mod embed_dialog;
pub mod embed_layout;
pub mod form_events;
pub mod full_layout;
pub mod kind_select;
pub mod language_switch;
pub mod legend;
pub mod mode_picker;
pub mod moment_view;
pub mod number_field;
pub mod panel;
pub mod predict_quiz;
pub mod preset_picker;
pub mod problems_banner;
pub mod replay_controls;
pub mod results;
pub mod run_controls;
pub mod share_controls;
pub mod shortcuts_help;
pub mod speed_up;
pub mod state;
pub mod task_row;
pub mod task_table;
pub mod thread_lane;
pub mod timeline_canvas;
pub mod timeline_view;
pub mod use_quiz;
pub mod use_replay;
pub mod use_run;
pub mod use_shortcuts;
pub mod use_url_sync;
pub mod use_written_program;
