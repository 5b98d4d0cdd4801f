//! When a live run redraws next: often enough to animate, never just before a timer falls due or the
//! caller resumes.

/// Runs with more tasks than this redraw every `LARGE_RUN_REDRAW_MS` instead of every frame: each of
/// their redraws costs milliseconds, and that time is taken from the timers being measured.
pub const LARGE_RUN_TASKS: usize = 1_000;
pub const LARGE_RUN_REDRAW_MS: f64 = 100.0;

/// No redraw of a large run starts this close before its predicted resume: one there would push the
/// last timers, and with them the figure the user came to read, late by the redraw's cost.
pub const RESUME_GUARD_MS: f64 = 40.0;

/// No frame of a normal run redraws this close before one of its timers falls due: a redraw holds
/// the thread for milliseconds, and a timer due meanwhile fires late by what is left of it, which
/// the run then measures as its own lateness.
pub const TIMER_GUARD_MS: f64 = 20.0;

/// Nor are more frames than this skipped in a row, so that a run whose timers fall due every few
/// milliseconds still animates.
pub const MOST_FRAMES_SKIPPED: u32 = 3;

/// Whether a normal run's animation frame at `elapsed_ms` into the run redraws, given when its next
/// timer falls due (see `RunRecorder::next_timer_ms`) and how many frames in a row it has skipped.
pub fn redraw_this_frame(
    elapsed_ms: f64,
    next_timer_ms: Option<f64>,
    skipped_in_a_row: u32,
) -> bool {
    skipped_in_a_row >= MOST_FRAMES_SKIPPED
        || next_timer_ms.is_none_or(|due_ms| due_ms - elapsed_ms > TIMER_GUARD_MS)
}

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
    fn a_frame_just_before_a_timer_is_skipped_but_never_more_than_a_few_in_a_row() {
        assert!(redraw_this_frame(100.0, None, 0));
        assert!(redraw_this_frame(100.0, Some(500.0), 0));
        assert!(!redraw_this_frame(490.0, Some(500.0), 0));
        // A timer already late is still to fire: redrawing now would make it later.
        assert!(!redraw_this_frame(503.0, Some(500.0), 1));
        assert!(redraw_this_frame(495.0, Some(500.0), MOST_FRAMES_SKIPPED));
    }

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
