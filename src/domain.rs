//! Pure model of async concurrency scenarios: no browser crate may be imported below this module.

pub mod language;
pub mod named_choice;
pub mod mode;
