//! The differential harness: random scenarios, each run as the generated program in the real runtimes
//! (node, python3, Mono, tokio) and judged against the simulator's prediction. Native only: it starts
//! processes. `scripts/differential` drives it; `tests/with_tools/programs_in_real_runtimes.rs` shares its runners
//! and its verdict.

pub mod generator;
pub mod runtimes;
pub mod verdict;
pub mod words;
