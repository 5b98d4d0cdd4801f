//! Numbers as people read them, and as decimal text without the standard library's float formatter:
//! `{:.1}` on an `f64` links Grisu, Dragon4 and their tables into the wasm, several kilobytes that
//! every reader downloads, while everything this app prints is a few digits after the point.

use std::fmt;

/// The largest number of decimals [`fixed`] writes; more would overflow its integer arithmetic.
const MAX_PLACES: u8 = 6;

/// `value` rounded to `places` decimals (at most 6), as `format!("{value:.places$}")` writes it except
/// on exact ties, which round away from zero here and to even there. Not-a-number and infinities,
/// which no timeline holds, are written as `0`.
pub fn fixed(value: f64, places: u8) -> Fixed {
    Fixed {
        value,
        places: places.min(MAX_PLACES),
        trim: false,
    }
}

/// Like [`fixed`], without trailing zeros or a trailing point: `1.5`, `2`, `0.25`.
pub fn trimmed(value: f64, places: u8) -> Fixed {
    Fixed {
        value,
        places: places.min(MAX_PLACES),
        trim: true,
    }
}

/// A number ready to be written; see [`fixed`] and [`trimmed`].
#[derive(Clone, Copy, Debug)]
pub struct Fixed {
    value: f64,
    places: u8,
    trim: bool,
}

impl fmt::Display for Fixed {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = 10u64.pow(u32::from(self.places));
        let value = if self.value.is_finite() {
            self.value
        } else {
            0.0
        };
        // Saturates above 1.8e19, far beyond any time or coordinate drawn here.
        let scaled = (value.abs() * scale as f64).round() as u64;
        if value < 0.0 && scaled != 0 {
            out.write_str("-")?;
        }
        write!(out, "{}", scaled / scale)?;
        let mut fraction = scaled % scale;
        let mut places = usize::from(self.places);
        if self.trim {
            while places > 0 && fraction % 10 == 0 {
                fraction /= 10;
                places -= 1;
            }
        }
        if places > 0 {
            write!(out, ".{fraction:0places$}")?;
        }
        Ok(())
    }
}

/// `count` with a comma between each group of three digits, as English writes it: `10,000`.
pub fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// `count` and its noun, `one` or `many`: `1 task`, `10,000 tasks`.
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(count), if count == 1 { one } else { many })
}

/// A time for people: `750 ms`, `1.5 s`, `12 s`, then in the units a clock uses, rounded to the
/// smaller one: `2 min 5 s`, `2 h 55 min` (not `10501.48 s`).
pub fn time_label(ms: f64) -> String {
    const SECOND: f64 = 1000.0;
    const MINUTE: f64 = 60.0 * SECOND;
    const HOUR: f64 = 60.0 * MINUTE;
    // Whole numbers from here on: a float `%` links `fmod` into the wasm.
    let two_units = |big: &str, small: &str, small_ms: f64| {
        let total = (ms.abs() / small_ms).round() as u64;
        let (whole, rest) = (total / 60, total % 60);
        let sign = if ms < 0.0 { "-" } else { "" };
        if rest == 0 {
            format!("{sign}{whole} {big}")
        } else {
            format!("{sign}{whole} {big} {rest} {small}")
        }
    };
    // Each unit takes over where the one below would round up to it (59.996 s is `1 min`).
    match ms.abs() {
        magnitude if magnitude < SECOND - 0.5 => format!("{} ms", fixed(ms, 0)),
        magnitude if magnitude < MINUTE - 5.0 => format!("{} s", trimmed(ms / SECOND, 2)),
        magnitude if magnitude < HOUR - SECOND / 2.0 => two_units("min", "s", SECOND),
        _ => two_units("h", "min", MINUTE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_the_units_a_clock_uses() {
        assert_eq!(time_label(750.0), "750 ms");
        assert_eq!(time_label(1500.0), "1.5 s");
        assert_eq!(time_label(12000.0), "12 s");
        assert_eq!(time_label(59_994.0), "59.99 s");
        assert_eq!(time_label(60_000.0), "1 min");
        assert_eq!(time_label(125_400.0), "2 min 5 s");
        assert_eq!(time_label(3_599_000.0), "59 min 59 s");
        assert_eq!(time_label(3_599_700.0), "1 h");
        assert_eq!(time_label(10_501_480.0), "2 h 55 min");
        assert_eq!(time_label(-90_000.0), "-1 min 30 s");
    }

    #[test]
    fn large_counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(10_000), "10,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(counted(1, "task", "tasks"), "1 task");
        assert_eq!(counted(10_000, "task", "tasks"), "10,000 tasks");
    }

    #[test]
    fn writes_what_people_read() {
        assert_eq!(fixed(500.66, 1).to_string(), "500.7");
        assert_eq!(fixed(0.0, 5).to_string(), "0.00000");
        assert_eq!(fixed(-0.04, 1).to_string(), "0.0", "no negative zero");
        assert_eq!(fixed(-12.345, 2).to_string(), "-12.35");
        assert_eq!(fixed(1999.6, 0).to_string(), "2000");
        assert_eq!(trimmed(0.25, 2).to_string(), "0.25");
        assert_eq!(trimmed(1.5, 2).to_string(), "1.5");
        assert_eq!(trimmed(4.0, 2).to_string(), "4");
        assert_eq!(trimmed(12.004, 2).to_string(), "12");
        assert_eq!(fixed(f64::NAN, 1).to_string(), "0.0");
        assert_eq!(fixed(1.0, 200).to_string(), "1.000000");
    }

    /// proptest is a native dev-dependency; the wasm32 test build skips this part.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Agrees with `{:.N}` except where the exact value sits on a tie the two round differently.
            #[test]
            fn agrees_with_the_standard_formatter(value in -1.0e7f64..1.0e7, places in 0u8..=5) {
                let ours = fixed(value, places).to_string();
                let standard = format!("{value:.*}", usize::from(places));
                let scaled = value.abs() * 10f64.powi(i32::from(places));
                let near_tie = (scaled.fract() - 0.5).abs() < 1e-6;
                // `{:.N}` keeps the sign of a value that rounds to zero; `fixed` writes plain 0.
                let standard = if standard.trim_start_matches(['-', '0', '.']).is_empty() { standard.trim_start_matches('-').to_owned() } else { standard };
                prop_assert!(ours == standard || near_tie, "{value} to {places} places: {ours} against {standard}");
            }
        }
    }
}
