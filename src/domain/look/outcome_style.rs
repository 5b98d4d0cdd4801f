//! How each outcome is shown, in one table that every view reads: its name in exports and CSS classes,
//! its words for legends and screen readers, a glyph that tells outcomes apart without colour, and its
//! colours in both themes, and the page's own colours that pictures are drawn with. `static/style.css`
//! declares the same colours as `--ok`, `--error`, `--text`, ...; a test below keeps the two equal.

use crate::domain::model::display::ColourScheme;
use crate::domain::model::timeline::Outcome;

/// A colour in the light and the dark theme, and the CSS custom property that holds it on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThemedColour {
    pub css_variable: &'static str,
    pub light: &'static str,
    pub dark: &'static str,
}

impl ThemedColour {
    pub fn in_scheme(self, scheme: ColourScheme) -> &'static str {
        match scheme {
            ColourScheme::Light => self.light,
            ColourScheme::Dark => self.dark,
        }
    }
}

/// How one outcome looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutcomeStyle {
    /// A word or two, for tables and counts.
    pub words: &'static str,
    /// What the outcome means, where the words alone may puzzle a reader.
    pub meaning: Option<&'static str>,
    /// A glyph that tells outcomes apart without colour.
    pub symbol: &'static str,
    pub colour: ThemedColour,
    /// Drawn striped rather than solid, so that it reads as "did not finish normally" in grey scale.
    pub striped: bool,
}

impl OutcomeStyle {
    /// The words with their meaning, for screen readers: "abandoned (still running after …)".
    pub fn description(&self) -> String {
        match self.meaning {
            Some(meaning) => format!("{} ({meaning})", self.words),
            None => self.words.to_owned(),
        }
    }

    /// The words with their meaning, for a legend: "abandoned: still running after …".
    pub fn legend_text(&self) -> String {
        match self.meaning {
            Some(meaning) => format!("{}: {meaning}", self.words),
            None => self.words.to_owned(),
        }
    }
}

impl ThemedColour {
    const fn new(css_variable: &'static str, light: &'static str, dark: &'static str) -> Self {
        ThemedColour {
            css_variable,
            light,
            dark,
        }
    }
}

/// The page's surface, text, muted text and lane tracks, which pictures of a run are drawn with too.
pub const SURFACE: ThemedColour = ThemedColour::new("--surface", "#ffffff", "#171e2a");
pub const TEXT: ThemedColour = ThemedColour::new("--text", "#1a2030", "#e6eaf2");
pub const TEXT_MUTED: ThemedColour = ThemedColour::new("--text-muted", "#4a5468", "#a9b3c4");
pub const TRACK: ThemedColour = ThemedColour::new("--track", "#eef1f6", "#1d2533");

const RUNNING_COLOUR: ThemedColour = ThemedColour {
    css_variable: "--running",
    light: "#3b82f6",
    dark: "#60a5fa",
};

/// The outcomes a finished or running timeline can show, in legend order.
pub const LEGEND: [Outcome; 6] = [
    Outcome::Ok,
    Outcome::Error,
    Outcome::Cancelled,
    Outcome::Abandoned,
    Outcome::Hung,
    Outcome::Running,
];

/// Every outcome's look, in the order of [`index_of`].
static STYLES: [OutcomeStyle; 7] = [
    // Outcome::Ok
    OutcomeStyle {
        words: "ok",
        meaning: None,
        symbol: "✓",
        colour: ThemedColour {
            css_variable: "--ok",
            light: "#2f9e5b",
            dark: "#4cc47e",
        },
        striped: false,
    },
    // Outcome::Error
    OutcomeStyle {
        words: "failed",
        meaning: None,
        symbol: "✕",
        colour: ThemedColour {
            css_variable: "--error",
            light: "#d64545",
            dark: "#ff6b6b",
        },
        striped: false,
    },
    // Outcome::Cancelled
    OutcomeStyle {
        words: "cancelled",
        meaning: None,
        symbol: "⊘",
        colour: ThemedColour {
            css_variable: "--cancelled",
            light: "#8a93a6",
            dark: "#7d879a",
        },
        striped: true,
    },
    // Outcome::Abandoned
    OutcomeStyle {
        words: "abandoned",
        meaning: Some("still running after the caller moved on"),
        symbol: "↷",
        colour: ThemedColour {
            css_variable: "--abandoned",
            light: "#e0a526",
            dark: "#f2c14e",
        },
        striped: true,
    },
    // Outcome::NotStarted
    OutcomeStyle {
        words: "never started",
        meaning: None,
        symbol: "·",
        colour: RUNNING_COLOUR,
        striped: false,
    },
    // Outcome::Running
    OutcomeStyle {
        words: "running",
        meaning: None,
        symbol: "▸",
        colour: RUNNING_COLOUR,
        striped: false,
    },
    // Outcome::Hung
    OutcomeStyle {
        words: "hung",
        meaning: Some("the blocked caller held what it needed"),
        symbol: "∞",
        colour: ThemedColour {
            css_variable: "--hung",
            light: "#a78bfa",
            dark: "#c4b5fd",
        },
        striped: true,
    },
];

/// Where `outcome` sits in [`STYLES`].
const fn index_of(outcome: Outcome) -> usize {
    match outcome {
        Outcome::Ok => 0,
        Outcome::Error => 1,
        Outcome::Cancelled => 2,
        Outcome::Abandoned => 3,
        Outcome::NotStarted => 4,
        Outcome::Running => 5,
        Outcome::Hung => 6,
    }
}

/// How `outcome` is shown. A reference into one static table, so a call site copies nothing.
pub fn outcome_style(outcome: Outcome) -> &'static OutcomeStyle {
    &STYLES[index_of(outcome)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_css_declares_the_same_colours() {
        let css = include_str!("../../../static/style.css");
        let outcomes = Outcome::ALL.map(|outcome| outcome_style(outcome).colour);
        for colour in outcomes.iter().chain(&[SURFACE, TEXT, TEXT_MUTED, TRACK]) {
            let ThemedColour {
                css_variable,
                light,
                dark,
            } = *colour;
            let declaration = format!("{css_variable}: light-dark({light}, {dark});");
            assert!(css.contains(&declaration), "style.css lacks {declaration}");
        }
    }

    #[test]
    fn names_and_glyphs_tell_every_outcome_apart() {
        for (i, a) in Outcome::ALL.iter().enumerate() {
            for b in &Outcome::ALL[i + 1..] {
                assert_ne!(a.name(), b.name());
                let (a, b) = (outcome_style(*a), outcome_style(*b));
                assert_ne!(a.symbol, b.symbol);
                assert_ne!(a.words, b.words);
            }
        }
    }
}
