//! The playhead of a finished run's replay: where it is, whether it plays, how fast, and how it steps
//! from event to event. Pure, so it is tested natively; `src/ui/hooks/use_replay.rs` drives it with
//! `requestAnimationFrame` and re-renders.

/// Replay speeds, slowest first.
pub const SPEEDS: [f64; 5] = [0.25, 0.5, 1.0, 2.0, 4.0];

/// Which way a step or a speed change goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Towards {
    /// The previous event, or a slower speed.
    Back,
    /// The next event, or a faster speed.
    On,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Playhead {
    /// Where the playhead is, in the run's milliseconds.
    pub t: f64,
    pub end: f64,
    /// Distinct event times, ascending, for stepping.
    times: Vec<f64>,
    pub playing: bool,
    pub speed: f64,
    /// Which run this playhead belongs to; a new one starts at its end, fully drawn.
    owner: Option<u64>,
    last_frame_ms: Option<f64>,
}

impl Default for Playhead {
    fn default() -> Self {
        Playhead {
            t: 0.0,
            end: 0.0,
            times: Vec::new(),
            playing: false,
            speed: 1.0,
            owner: None,
            last_frame_ms: None,
        }
    }
}

impl Playhead {
    /// Follow the finished run `owner`, which ends at `end` and has events at `times`: a run it did
    /// not follow yet starts at its end, paused.
    pub fn follow(&mut self, owner: u64, end: f64, times: Vec<f64>) {
        if self.owner != Some(owner) {
            self.owner = Some(owner);
            self.t = end;
            self.playing = false;
        }
        self.end = end;
        self.times = times;
    }

    /// Play or pause; playing at the end starts again from the start. Says whether frames must start.
    pub fn toggle(&mut self) -> bool {
        if self.playing {
            self.playing = false;
            return false;
        }
        if self.t >= self.end {
            self.t = 0.0;
        }
        self.playing = true;
        self.last_frame_ms = None;
        true
    }

    pub fn seek(&mut self, t: f64) {
        // Not `clamp`: with a bound known only at run time it asserts, and its message would link the
        // float formatter into the wasm for a case (end = NaN) that cannot happen.
        self.t = t.max(0.0).min(self.end);
    }

    /// Pause, and jump to the next or previous event (the end, or the start, past the last one).
    pub fn step(&mut self, towards: Towards) {
        let t = self.t;
        let target = match towards {
            Towards::On => self
                .times
                .iter()
                .copied()
                .find(|&time| time > t + 1e-6)
                .unwrap_or(self.end),
            Towards::Back => self
                .times
                .iter()
                .copied()
                .rev()
                .find(|&time| time < t - 1e-6)
                .unwrap_or(0.0),
        };
        self.playing = false;
        self.seek(target);
    }

    pub fn set_speed(&mut self, speed: f64) {
        self.speed = speed.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1]);
    }

    /// One step along [`SPEEDS`].
    pub fn change_speed(&mut self, towards: Towards) {
        let position = SPEEDS.iter().position(|&s| s >= self.speed).unwrap_or(2);
        let next = match towards {
            Towards::On => (position + 1).min(SPEEDS.len() - 1),
            Towards::Back => position.saturating_sub(1),
        };
        self.set_speed(SPEEDS[next]);
    }

    /// An animation frame at `timestamp_ms`: move on by the time since the last frame, times the
    /// speed. Says whether to ask for another frame.
    pub fn advance_frame(&mut self, timestamp_ms: f64) -> bool {
        if !self.playing {
            return false;
        }
        if let Some(last) = self.last_frame_ms {
            self.t = (self.t + (timestamp_ms - last) * self.speed).min(self.end);
        }
        self.last_frame_ms = Some(timestamp_ms);
        if self.t >= self.end {
            self.playing = false;
        }
        self.playing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn followed() -> Playhead {
        let mut playhead = Playhead::default();
        playhead.follow(1, 500.0, vec![0.0, 100.0, 300.0, 500.0]);
        playhead
    }

    #[test]
    fn a_new_run_shows_its_end_and_the_same_run_keeps_the_playhead() {
        let mut playhead = followed();
        assert_eq!((playhead.t, playhead.playing), (500.0, false));
        playhead.seek(120.0);
        playhead.follow(1, 500.0, vec![0.0, 500.0]);
        assert_eq!(playhead.t, 120.0);
        playhead.follow(2, 800.0, vec![]);
        assert_eq!(playhead.t, 800.0);
    }

    #[test]
    fn playing_at_the_end_restarts_and_frames_advance_by_speed_until_the_end() {
        let mut playhead = followed();
        assert!(playhead.toggle());
        assert_eq!(playhead.t, 0.0);
        playhead.set_speed(2.0);
        assert!(
            playhead.advance_frame(1000.0),
            "the first frame only sets the clock"
        );
        assert!(playhead.advance_frame(1100.0));
        assert_eq!(playhead.t, 200.0);
        assert!(!playhead.advance_frame(1400.0), "stops at the end");
        assert_eq!((playhead.t, playhead.playing), (500.0, false));
        assert!(!playhead.advance_frame(1500.0));
    }

    #[test]
    fn steps_go_from_event_to_event_and_pause() {
        let mut playhead = followed();
        playhead.seek(150.0);
        playhead.toggle();
        playhead.step(Towards::On);
        assert_eq!((playhead.t, playhead.playing), (300.0, false));
        playhead.step(Towards::Back);
        playhead.step(Towards::Back);
        assert_eq!(playhead.t, 0.0);
        playhead.step(Towards::Back);
        assert_eq!(playhead.t, 0.0, "nothing before the start");
        playhead.seek(9999.0);
        assert_eq!(playhead.t, 500.0, "seeking stays within the run");
    }

    #[test]
    fn speed_moves_one_step_at_a_time_within_the_range() {
        let mut playhead = followed();
        playhead.change_speed(Towards::On);
        playhead.change_speed(Towards::On);
        playhead.change_speed(Towards::On);
        assert_eq!(playhead.speed, 4.0);
        for _ in 0..6 {
            playhead.change_speed(Towards::Back);
        }
        assert_eq!(playhead.speed, 0.25);
        playhead.set_speed(100.0);
        assert_eq!(playhead.speed, 4.0);
    }
}
