//! Enums that appear in URLs by name (`mode=join_all`, `lang=js`), parsed with one helpful error.

use std::fmt;

/// A closed set of values, each with the one name URLs and the CLI use for it.
pub trait NamedChoice: Copy + PartialEq + 'static {
    /// The URL parameter these values fill, for error messages (`mode`, `lang`).
    const PARAMETER: &'static str;
    /// Every value, in display order.
    const ALL: &'static [Self];

    fn url_name(self) -> &'static str;

    /// The value called `name`, or an error that names the bad value and lists the good ones.
    fn from_url_name(name: &str) -> Result<Self, UnknownChoice> {
        Self::ALL
            .iter()
            .copied()
            .find(|value| value.url_name() == name)
            .ok_or_else(|| UnknownChoice {
                parameter: Self::PARAMETER,
                value: name.to_owned(),
                choices: Self::ALL.iter().map(|value| value.url_name()).collect(),
            })
    }
}

/// A name that is none of a [`NamedChoice`]'s values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownChoice {
    pub parameter: &'static str,
    pub value: String,
    pub choices: Vec<&'static str>,
}

impl fmt::Display for UnknownChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} \"{}\" is not one of {}",
            self.parameter,
            self.value,
            self.choices.join(", ")
        )
    }
}

impl std::error::Error for UnknownChoice {}
