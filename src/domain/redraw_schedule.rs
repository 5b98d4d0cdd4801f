//! When a live run redraws next: often enough to animate, never just before the caller resumes.

/// Runs with more tasks than this redraw every `LARGE_RUN_REDRAW_MS` instead of every frame: each of
/// their redraws costs milliseconds, and that time is taken from the timers being measured.
pub const LARGE_RUN_TASKS: usize = 1_000;
pub const LARGE_RUN_REDRAW_MS: f64 = 100.0;

/// No redraw of a large run starts this close before its predicted resume: one there would push the
/// last timers, and with them the figure the user came to read, late by the redraw's cost.
pub const RESUME_GUARD_MS: f64 = 40.0;

/// How long after `elapsed_ms` into a large run its next redraw should come, given when the
/// simulator predicts its caller resumes. Normally `LARGE_RUN_REDRAW_MS`; a redraw that would fall
/// in the guard window around the predicted resume is moved to just after it.
pub fn large_run_redraw_delay_ms(elapsed_ms: f64, predicted_resume_ms: f64) -> f64 {
    let next = elapsed_ms + LARGE_RUN_REDRAW_MS;
    let guarded = (predicted_resume_ms - RESUME_GUARD_MS)..(predicted_resume_ms + RESUME_GUARD_MS);
    if guarded.contains(&next) {
        guarded.end - elapsed_ms
    } else {
        LARGE_RUN_REDRAW_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_from_the_resume_redraws_keep_their_pace() {
        assert_eq!(large_run_redraw_delay_ms(0.0, 2000.0), LARGE_RUN_REDRAW_MS);
        assert_eq!(
            large_run_redraw_delay_ms(1800.0, 2000.0),
            LARGE_RUN_REDRAW_MS
        );
        assert_eq!(
            large_run_redraw_delay_ms(2100.0, 2000.0),
            LARGE_RUN_REDRAW_MS
        );
    }

    #[test]
    fn a_redraw_due_just_before_the_resume_waits_until_just_after_it() {
        let delay = large_run_redraw_delay_ms(1890.0, 2000.0);
        assert_eq!(1890.0 + delay, 2000.0 + RESUME_GUARD_MS);
    }

    #[test]
    fn a_redraw_due_just_after_the_resume_also_waits_for_the_guard() {
        let delay = large_run_redraw_delay_ms(1920.0, 2000.0);
        assert_eq!(1920.0 + delay, 2000.0 + RESUME_GUARD_MS);
    }

    #[test]
    fn the_wait_is_never_longer_than_two_guards_and_a_redraw() {
        for elapsed in (0..3000).map(f64::from) {
            let delay = large_run_redraw_delay_ms(elapsed, 2000.0);
            assert!(
                delay > 0.0 && delay <= LARGE_RUN_REDRAW_MS + 2.0 * RESUME_GUARD_MS,
                "{elapsed}: {delay}"
            );
        }
    }
}
