//! When a live run redraws next: at most four times a second, only when something happened, and
//! never just before a timer falls due or the caller resumes.

/// A live run's page redraws at most this often. Its running bars and its cursor move by themselves
/// (CSS animations the compositor runs, pinned to the run's clock), so a redraw only shows what
/// happened since the last; and every redraw takes the thread from the timers the run is measuring.
pub const LIVE_REDRAW_MS: f64 = 250.0;

/// No redraw starts this close before the predicted resume: one there would push the last timers,
/// and with them the figure the user came to read, late by the redraw's cost.
pub const RESUME_GUARD_MS: f64 = 40.0;

/// No frame redraws this close before one of the run's timers falls due: a redraw holds the thread
/// for milliseconds, and a timer due meanwhile fires late by what is left of it, which the run then
/// measures as its own lateness.
pub const TIMER_GUARD_MS: f64 = 20.0;

/// Nor are more frames than this skipped in a row, so that a run whose timers fall due every few
/// milliseconds still shows what happened.
pub const MOST_FRAMES_SKIPPED: u32 = 3;

/// Whether a live run's animation frame at `elapsed_ms` into the run redraws, given when its next
/// timer falls due (see `RunRecorder::next_timer_ms`) and how many frames in a row it has skipped.
pub fn redraw_this_frame(
    elapsed_ms: f64,
    next_timer_ms: Option<f64>,
    skipped_in_a_row: u32,
) -> bool {
    skipped_in_a_row >= MOST_FRAMES_SKIPPED
        || next_timer_ms.is_none_or(|due_ms| due_ms - elapsed_ms > TIMER_GUARD_MS)
}

/// How long to wait before a live run's next redraw, `since_redraw_ms` after the last one and
/// `elapsed_ms` into the run, given when the simulator predicts its caller resumes: what is left
/// of `LIVE_REDRAW_MS`, or, for a redraw that would fall in the guard window around the predicted
/// resume, until just after it.
pub fn live_redraw_delay_ms(
    since_redraw_ms: f64,
    elapsed_ms: f64,
    predicted_resume_ms: f64,
) -> f64 {
    let wait = (LIVE_REDRAW_MS - since_redraw_ms).max(0.0);
    let guarded = (predicted_resume_ms - RESUME_GUARD_MS)..(predicted_resume_ms + RESUME_GUARD_MS);
    if guarded.contains(&(elapsed_ms + wait)) {
        guarded.end - elapsed_ms
    } else {
        wait
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
    fn redraws_come_at_most_four_times_a_second() {
        assert_eq!(live_redraw_delay_ms(0.0, 100.0, 2000.0), LIVE_REDRAW_MS);
        assert_eq!(live_redraw_delay_ms(100.0, 1000.0, 2000.0), 150.0);
        // Long after the last redraw, the next comes at once.
        assert_eq!(live_redraw_delay_ms(900.0, 1000.0, 2000.0), 0.0);
        assert_eq!(live_redraw_delay_ms(900.0, 2100.0, 2000.0), 0.0);
    }

    #[test]
    fn a_redraw_due_just_before_the_resume_waits_until_just_after_it() {
        let delay = live_redraw_delay_ms(0.0, 1740.0, 2000.0);
        assert_eq!(1740.0 + delay, 2000.0 + RESUME_GUARD_MS);
        let delay = live_redraw_delay_ms(1000.0, 1990.0, 2000.0);
        assert_eq!(1990.0 + delay, 2000.0 + RESUME_GUARD_MS);
    }

    #[test]
    fn the_wait_is_never_longer_than_two_guards_and_a_redraw() {
        for elapsed in (0..3000).map(f64::from) {
            for since in [0.0, 100.0, 400.0] {
                let delay = live_redraw_delay_ms(since, elapsed, 2000.0);
                assert!(
                    (0.0..=LIVE_REDRAW_MS + 2.0 * RESUME_GUARD_MS).contains(&delay),
                    "{elapsed}, {since}: {delay}"
                );
            }
        }
    }
}
