//! Timelines: the runs drawn (canvas and SVG lanes, the thread lane), their results, legend, replay
//! controls, the moment under the cursor, the prediction and predict-first.
//!
//! Imports: `hooks`, `widgets`, `domain`, `runtime`.

pub mod code_panel;
pub mod legend;
pub mod moment_view;
pub mod predict_quiz;
pub mod prediction;
pub mod replay_controls;
pub mod results;
pub mod session_timelines;
pub mod speed_up;
pub mod thread_lane;
pub mod timeline_canvas;
pub mod timeline_view;
