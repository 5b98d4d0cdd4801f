//! Explanations: what a run means in words: narration, the moment under the replay cursor, speed-ups,
//! titles and the predict-first quiz.
//!
//! Imports: `look`, `simulator`, `semantics`, `model`, `basics`.

pub mod moment;
pub mod narration;
pub mod quiz;
pub mod speed_up;
pub mod timeline_title;
