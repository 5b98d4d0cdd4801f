//! Pure model of async concurrency scenarios, and everything computed from it: no browser crate may
//! be imported below this module, so it compiles natively for the CLI, the harness and fast tests.
//!
//! Its folders are layers, lowest first; each may import only the folders below it (the table is in
//! `docs/architecture.md`, and `tests/in_process/tidy.rs` keeps it).

pub mod basics;
pub mod explain;
pub mod link;
pub mod look;
pub mod model;
pub mod page;
pub mod pictures;
pub mod programs;
pub mod semantics;
pub mod simulator;
