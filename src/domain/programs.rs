//! Programs: the scenario as an idiomatic program in Rust, C#, JavaScript and Python, with the spots
//! the replay follows, and the log format those programs print.
//!
//! Imports: `explain`, `link`, `semantics`, `model`, `basics`.

pub mod program_log;
pub mod snippets;
