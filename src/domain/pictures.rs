//! Pictures: SVG, animated SVG, GIF, PNG, cards, Markdown, the Chrome trace, the first paint and the
//! embed code: every way a run leaves the page.
//!
//! Imports: `programs`, `explain`, `look`, `link`, `simulator`, `semantics`, `model`, `basics`.

pub mod card;
pub mod embed_code;
pub mod export;
pub mod first_paint;
pub mod image_export;
pub mod raster;
pub mod svg_bars;
pub mod svg_export;
pub mod svg_plot;
pub mod svg_words;
