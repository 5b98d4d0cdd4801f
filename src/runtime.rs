//! Running scenarios for real, and everything else that touches the browser outside Yew.
//!
//! The runners are generic over [`clock::Clock`], so their logic compiles and is tested natively with a
//! virtual clock; the modules that need a browser exist only on wasm32. The UI uses one door,
//! `run_handle::start_run`, and receives [`crate::domain::model::run_event::RunEvent`]s.

pub mod clock;
pub mod deadline;
pub mod live_replay;
pub mod reporter;
pub mod rust_runner;
pub mod shared_timers;

#[cfg(target_arch = "wasm32")]
pub mod browser_clock;
#[cfg(target_arch = "wasm32")]
pub mod embedding;
#[cfg(target_arch = "wasm32")]
pub mod image_writer;
#[cfg(target_arch = "wasm32")]
pub mod js_runner;
#[cfg(target_arch = "wasm32")]
pub mod live_motion;
#[cfg(target_arch = "wasm32")]
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod panic_banner;
#[cfg(target_arch = "wasm32")]
pub mod run_handle;
#[cfg(target_arch = "wasm32")]
pub mod workers;
#[cfg(target_arch = "wasm32")]
pub mod writer;
