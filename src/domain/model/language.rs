//! The four languages whose await semantics and code the playground shows side by side.

use std::fmt;

use crate::domain::basics::named_choice::NamedChoice;

/// A language whose failure semantics and idioms the playground models.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Language {
    #[default]
    Rust,
    CSharp,
    JavaScript,
    Python,
}

impl NamedChoice for Language {
    const PARAMETER: &'static str = "lang";
    const ALL: &'static [Language] = &[
        Language::Rust,
        Language::CSharp,
        Language::JavaScript,
        Language::Python,
    ];

    fn url_name(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::CSharp => "csharp",
            Language::JavaScript => "js",
            Language::Python => "python",
        }
    }
}

impl Language {
    /// The name people read on a tab.
    pub fn display_name(self) -> &'static str {
        match self {
            Language::Rust => "Rust",
            Language::CSharp => "C#",
            Language::JavaScript => "JavaScript",
            Language::Python => "Python",
        }
    }

    /// Whether the page can run this language for real: Rust compiles to its wasm, and JavaScript is
    /// the browser's own. A browser tab runs neither C# nor Python, so the page plays their
    /// simulation in real time instead.
    pub fn runs_in_the_page(self) -> bool {
        matches!(self, Language::Rust | Language::JavaScript)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_parses_back_from_its_url_name() {
        for &language in Language::ALL {
            assert_eq!(Language::from_url_name(language.url_name()), Ok(language));
        }
    }

    #[test]
    fn unknown_language_names_the_bad_value() {
        let message = Language::from_url_name("go").unwrap_err().to_string();
        assert_eq!(
            message,
            "lang \"go\" is not one of rust, csharp, js, python"
        );
    }
}
