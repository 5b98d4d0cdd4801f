//! Typed tokens of the generated programs, for syntax highlighting without a highlighter library:
//! we only ever lex code we generated, so a small lexer per language is enough.

use crate::domain::language::Language;

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

fn keywords(language: Language) -> &'static [&'static str] {
    match language {
        Language::Rust => &[
            "as", "async", "await", "break", "const", "continue", "else", "enum", "false", "fn",
            "for", "if", "impl", "in", "let", "loop", "match", "move", "mut", "pub", "return",
            "self", "static", "struct", "true", "use", "while", "Some", "None", "Ok", "Err",
        ],
        Language::CSharp => &[
            "async", "await", "base", "bool", "break", "catch", "class", "default", "else",
            "false", "finally", "foreach", "get", "if", "in", "int", "new", "null", "public",
            "return", "static", "string", "throw", "true", "try", "using", "var", "void", "while",
        ],
        Language::JavaScript => &[
            "async", "await", "break", "catch", "const", "else", "false", "for", "function", "if",
            "let", "new", "of", "return", "throw", "true", "try", "while",
        ],
        Language::Python => &[
            "and", "as", "async", "await", "break", "class", "continue", "def", "else", "except",
            "False", "for", "from", "if", "import", "in", "None", "not", "raise", "return", "True",
            "try", "while", "with",
        ],
    }
}

/// Split `code` (generated for `language`) into tokens whose texts concatenate back to `code`.
pub fn tokenize(code: &str, language: Language) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens: Vec<Token> = Vec::new();
    let mut push = |kind: TokenKind, text: String| match tokens.last_mut() {
        Some(last) if last.kind == kind && kind == TokenKind::Plain => last.text.push_str(&text),
        _ => tokens.push(Token { kind, text }),
    };
    let line_comment = if language == Language::Python {
        "#"
    } else {
        "//"
    };
    let comment_chars: Vec<char> = line_comment.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let take_while = |from: usize, keep: &dyn Fn(char) -> bool| {
            let mut end = from;
            while end < chars.len() && keep(chars[end]) {
                end += 1;
            }
            end
        };
        if chars[i..].starts_with(&comment_chars) {
            let end = take_while(i, &|c| c != '\n');
            push(TokenKind::Comment, chars[i..end].iter().collect());
            i = end;
        } else if c == '"' || c == '`' || (c == '\'' && language == Language::Python) {
            // A string runs to the matching unescaped quote (or the line's end, for safety).
            let mut end = i + 1;
            while end < chars.len() && chars[end] != c && chars[end] != '\n' {
                end += if chars[end] == '\\' { 2 } else { 1 };
            }
            let end = (end + 1).min(chars.len());
            push(TokenKind::String, chars[i..end].iter().collect());
            i = end;
        } else if c.is_ascii_digit() {
            let end = take_while(i, &|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
            push(TokenKind::Number, chars[i..end].iter().collect());
            i = end;
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            // The first character is taken whatever it is, so a lone `$` still moves on.
            let end = take_while(i + 1, &|c| c.is_alphanumeric() || c == '_');
            let word: String = chars[i..end].iter().collect();
            // Python f-strings and C# $-strings: the prefix belongs to the string that follows.
            if matches!(word.as_str(), "f" | "$") && chars.get(end) == Some(&'"') {
                let mut close = end + 1;
                while close < chars.len() && chars[close] != '"' && chars[close] != '\n' {
                    close += if chars[close] == '\\' { 2 } else { 1 };
                }
                let close = (close + 1).min(chars.len());
                push(TokenKind::String, chars[i..close].iter().collect());
                i = close;
                continue;
            }
            let kind = if keywords(language).contains(&word.as_str()) {
                TokenKind::Keyword
            } else if chars.get(end) == Some(&'(') {
                TokenKind::Function
            } else if word.starts_with(|c: char| c.is_uppercase()) {
                TokenKind::Type
            } else {
                TokenKind::Plain
            };
            push(kind, word);
            i = end;
        } else {
            push(TokenKind::Plain, c.to_string());
            i += 1;
        }
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
