//! Escaping user text (labels) for HTML, SVG and XML, in content and in attribute values, so that a
//! label holding markup always stays text. The one escaper every export and the embed snippet use.

/// The entity for a character that would start markup in HTML, XML or Markdown.
pub fn markup_entity(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        _ => None,
    }
}

/// `text` escaped for HTML or XML content and attribute values.
pub fn markup_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match markup_entity(c) {
            Some(entity) => out.push_str(entity),
            // Not allowed in XML 1.0 at all.
            None if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_become_entities_and_controls_are_replaced() {
        assert_eq!(
            markup_text("<a href=\"x\">'&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\u{fffd}"
        );
    }
}
