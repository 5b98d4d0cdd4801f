//! Every native test that needs nothing outside this repo, in one crate so the library links once:
//! `cargo test --test in_process` (with `cargo test --lib`) is the inner loop.
#![cfg(not(target_arch = "wasm32"))]

mod cli;

mod link_corpus;
mod playground_state;
mod program_snapshots;
mod rust_runner_matches_simulator;
mod simulator_golden;
mod simulator_properties;
mod strategies;
mod tidy;
mod url_codec_properties;
