//! Whether the task that first rendered a component is over: what lies below the answer renders in a
//! task of its own, so that on a slow phone no single task blocks the page for long.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// `false` in the first render, `true` from the render a zero-delay timer asks for just after.
#[hook]
pub fn use_after_first_task() -> bool {
    let later = use_state(|| false);
    {
        let later = later.clone();
        use_effect_with((), move |()| {
            let timer = Timeout::new(0, move || later.set(true));
            // Unmounted first: the timer is cleared, and no update reaches a component that is gone.
            move || drop(timer)
        });
    }
    *later
}
