//! Basics: small pure helpers every layer may use, and nothing else: numbers as people read them,
//! markup escaping, names in links, sorting without the slice sort.
//!
//! Imports: nothing of the crate.

pub mod ascending;
pub mod decimal;
pub mod markup;
pub mod named_choice;
