//! The look: each outcome's colour, glyph and words, and the geometry of a timeline (lanes, axis,
//! what is under the cursor), shared by the page, the canvas and every picture.
//!
//! Imports: `simulator`, `semantics`, `model`, `basics`.

pub mod outcome_style;
pub mod timeline_layout;
