//! Publishing where people write (native only): `asyncplay` fenced blocks in Markdown, turned into
//! pictures linked to the live scenario by `asyncplay render`, or by `asyncplay mdbook` inside an
//! mdBook build.

pub mod blocks;
pub mod gallery;
pub mod mdbook;
pub mod render;
