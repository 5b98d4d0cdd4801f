//! Links and messages: the scenario URL grammar (read and written, every bad part named) and the flat
//! form in which a run crosses to the writer worker.
//!
//! Imports: `model`, `basics`.

pub mod flat_timeline;
pub mod task_list;
pub mod url_codec;
