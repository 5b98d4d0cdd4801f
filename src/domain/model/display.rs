//! How the page shows a scenario (the display parameters of a link: `lang`, `compare`, `theme`,
//! `embed`, `code`, `predict`, `autorun`), and the colour schemes pictures are drawn in. None of it
//! changes what runs.

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::model::comparison::Comparison;
use crate::domain::model::language::Language;

/// The two colour schemes something is drawn in (the URL's `theme=auto` resolves to one of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColourScheme {
    Light,
    Dark,
}

/// The page's colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The colour scheme this theme fixes; `None` for `auto`, which follows the reader's setting.
    pub fn fixed_scheme(self) -> Option<ColourScheme> {
        match self {
            Theme::Auto => None,
            Theme::Light => Some(ColourScheme::Light),
            Theme::Dark => Some(ColourScheme::Dark),
        }
    }
}

impl NamedChoice for Theme {
    const PARAMETER: &'static str = "theme";
    const ALL: &'static [Theme] = &[Theme::Auto, Theme::Light, Theme::Dark];

    fn url_name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// How the page shows a scenario: none of this changes what runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DisplayOptions {
    pub language: Language,
    pub compare: Comparison,
    pub autorun: bool,
    /// An embed opens with its code shown.
    pub code: bool,
    /// Ask the reader to predict the run before showing the prediction (`predict=1`).
    pub predict: bool,
    pub embed: bool,
    pub theme: Theme,
}
