//! Sharing: the link, the embed dialog, the exports and the program in each language.
//!
//! Imports: `hooks`, `widgets`, `domain`, `runtime`.

pub mod embed_dialog;
pub mod share_controls;
pub mod share_link;
