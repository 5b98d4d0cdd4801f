//! Semantics: how each language's idiom behaves when it awaits many tasks, fails, times out or
//! blocks its caller, checked against the real runtimes. The simulator, the programs and the
//! explanations read these rules; nothing here runs a scenario.
//!
//! Imports: `model`, `basics`.

pub mod behaviour;
pub mod blocking;
pub mod profile;
pub mod runtime_model;
