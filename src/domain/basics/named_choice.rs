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
        let names = Self::ALL.iter().map(|value| value.url_name()).collect();
        chosen(Self::PARAMETER, name, names).map(|index| Self::ALL[index])
    }
}

/// Where `name` stands among `choices`, or the error that says it is none of them. Not generic,
/// so the page's wasm holds it once for every kind of choice.
fn chosen(
    parameter: &'static str,
    name: &str,
    choices: Vec<&'static str>,
) -> Result<usize, UnknownChoice> {
    choices
        .iter()
        .position(|&choice| choice == name)
        .ok_or_else(|| UnknownChoice {
            parameter,
            value: name.to_owned(),
            choices,
        })
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
