//! The page's own logic, with no browser crate: its state and reducer, the replay's playhead, when to
//! redraw, and the keyboard shortcuts.
//!
//! Imports: `pictures`, `explain`, `look`, `link`, `simulator`, `semantics`, `model`, `basics`.

pub mod playground_state;
pub mod playhead;
pub mod redraw_schedule;
pub mod shortcuts;
