//! Typed tokens of the generated programs, for syntax highlighting without a highlighter library:
//! we only ever lex code we generated, so a small lexer per language is enough.

use crate::domain::model::language::Language;
use crate::domain::semantics::profile::program_words;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Keyword,
    /// A name followed by `(`: a call or a definition.
    Function,
    /// A name starting with a capital letter: a type or a class.
    Type,
    String,
    Number,
    Comment,
    /// Everything else: names, punctuation, spaces and newlines.
    Plain,
}

impl TokenKind {
    const ALL: [TokenKind; 7] = [
        TokenKind::Keyword,
        TokenKind::Function,
        TokenKind::Type,
        TokenKind::String,
        TokenKind::Number,
        TokenKind::Comment,
        TokenKind::Plain,
    ];

    /// This kind as one byte, for [`super::written::WrittenProgram`]'s flat form.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The kind whose [`TokenKind::code`] is `code`.
    pub fn from_code(code: u8) -> Option<TokenKind> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// The CSS class that colours this kind.
    pub fn css_class(self) -> &'static str {
        match self {
            TokenKind::Keyword => "tok-keyword",
            TokenKind::Function => "tok-function",
            TokenKind::Type => "tok-type",
            TokenKind::String => "tok-string",
            TokenKind::Number => "tok-number",
            TokenKind::Comment => "tok-comment",
            TokenKind::Plain => "tok-plain",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
}

/// Where the string literal whose opening `quote` is at `open` ends: after the matching unescaped
/// quote, or at the line's end, for safety.
fn string_end(chars: &[char], open: usize, quote: char) -> usize {
    let mut end = open + 1;
    while end < chars.len() && chars[end] != quote && chars[end] != '\n' {
        end += if chars[end] == '\\' { 2 } else { 1 };
    }
    (end + 1).min(chars.len())
}

/// The first index from `from` whose character `keep` refuses.
fn end_of_run(chars: &[char], from: usize, keep: impl Fn(char) -> bool) -> usize {
    chars[from.min(chars.len())..]
        .iter()
        .position(|&c| !keep(c))
        .map_or(chars.len(), |offset| from + offset)
}

/// What a name is: a keyword, a call, a type, or plain.
fn word_kind(word: &str, followed_by: Option<char>, language: Language) -> TokenKind {
    if program_words(language).tokens.keywords.contains(&word) {
        TokenKind::Keyword
    } else if followed_by == Some('(') {
        TokenKind::Function
    } else if word.starts_with(|c: char| c.is_uppercase()) {
        TokenKind::Type
    } else {
        TokenKind::Plain
    }
}

/// Split `code` (generated for `language`) into tokens whose texts concatenate back to `code`.
pub fn tokenize(code: &str, language: Language) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens: Vec<Token> = Vec::new();
    let mut push = |kind: TokenKind, range: std::ops::Range<usize>| {
        let text: String = chars[range].iter().collect();
        match tokens.last_mut() {
            Some(last) if last.kind == kind && kind == TokenKind::Plain => {
                last.text.push_str(&text)
            }
            _ => tokens.push(Token { kind, text }),
        }
    };
    let rules = &program_words(language).tokens;
    let line_comment: Vec<char> = rules.line_comment.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (kind, end) = if chars[i..].starts_with(&line_comment) {
            (TokenKind::Comment, end_of_run(&chars, i, |c| c != '\n'))
        } else if c == '"' || c == '`' || (c == '\'' && rules.single_quoted_strings) {
            (TokenKind::String, string_end(&chars, i, c))
        } else if c.is_ascii_digit() {
            let end = end_of_run(&chars, i, |c| {
                c.is_ascii_alphanumeric() || c == '_' || c == '.'
            });
            (TokenKind::Number, end)
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            // The first character is taken whatever it is, so a lone `$` still moves on.
            let end = end_of_run(&chars, i + 1, |c| c.is_alphanumeric() || c == '_');
            let word: String = chars[i..end].iter().collect();
            let next = chars.get(end).copied();
            if matches!(word.as_str(), "f" | "$") && next == Some('"') {
                // Python f-strings and C# $-strings: the prefix belongs to the string that follows.
                (TokenKind::String, string_end(&chars, end, '"'))
            } else {
                (word_kind(&word, next, language), end)
            }
        } else {
            (TokenKind::Plain, i + 1)
        };
        push(kind, i..end);
        i = end;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(code: &str, language: Language) -> Vec<(TokenKind, String)> {
        tokenize(code, language)
            .into_iter()
            .filter(|t| t.kind != TokenKind::Plain)
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn every_kind_reads_back_from_its_code() {
        for kind in TokenKind::ALL {
            assert_eq!(TokenKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(TokenKind::from_code(TokenKind::ALL.len() as u8), None);
    }

    #[test]
    fn tokens_concatenate_back_to_the_code() {
        let code = "let x = \"a \\\"q\\\"\"; // note\nlog(start, 42)\n";
        let joined: String = tokenize(code, Language::Rust)
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(joined, code);
    }

    #[test]
    fn each_language_has_its_comments_strings_and_keywords() {
        assert_eq!(
            kinds("await work(job) # later", Language::Python),
            [
                (TokenKind::Keyword, "await".into()),
                (TokenKind::Function, "work".into()),
                (TokenKind::Comment, "# later".into())
            ]
        );
        assert_eq!(
            kinds("log(f\"resume {x}\")", Language::Python),
            [
                (TokenKind::Function, "log".into()),
                (TokenKind::String, "f\"resume {x}\"".into())
            ]
        );
        assert_eq!(
            kinds("Log($\"ok {job.Label}\");", Language::CSharp),
            [
                (TokenKind::Function, "Log".into()),
                (TokenKind::String, "$\"ok {job.Label}\"".into())
            ]
        );
        assert_eq!(
            kinds("const t = `${ms} ms`;", Language::JavaScript)[1],
            (TokenKind::String, "`${ms} ms`".into())
        );
    }
}
