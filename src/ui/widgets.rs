//! Widgets: the small pieces every view uses (a titled panel, a class list, form callbacks).
//!
//! Imports: `domain`.

pub mod class_list;
pub mod form_events;
pub mod panel;
