//! The browser side: everything that touches `window`, timers or the DOM outside Yew.

pub mod panic_banner;
