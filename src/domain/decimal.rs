//! Numbers as decimal text without the standard library's float formatter: `{:.1}` on an `f64` links
//! Grisu, Dragon4 and their tables into the wasm, several kilobytes that every reader downloads, while
//! everything this app prints is a few digits after the point.

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

#[cfg(test)]
mod tests {
    use super::*;

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
