//! The native tests that need tools from outside this repo, installed by `scripts/setup`: the
//! programs run in node, python3, Mono and tokio, and an mdBook built with the preprocessor.
#![cfg(not(target_arch = "wasm32"))]

mod mdbook;
mod programs_in_real_runtimes;
