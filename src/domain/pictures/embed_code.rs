//! What the Embed dialog hands a blogger: the iframe, the script that fits it to its content, and a
//! Markdown image for pages that strip iframes, linking to the live scenario.

use crate::domain::basics::markup::markup_text;

/// The message type an embed posts to its host page with its content's height.
pub const HEIGHT_MESSAGE: &str = "async-playground:height";

/// The file name the Markdown snippet expects the exported SVG under, beside the README.
pub const MARKDOWN_IMAGE_FILE: &str = "async-playground.svg";

/// The three snippets, ready to paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedCode {
    pub iframe: String,
    /// Optional: without it the frame keeps the height it was given.
    pub height_script: String,
    pub markdown: String,
}

/// The snippets for an embed of `embed_link` (a link with `embed=1`) and its full-page twin
/// `page_link`, in a frame `width` by `height` px, named `title` for screen readers.
pub fn embed_code(
    embed_link: &str,
    page_link: &str,
    title: &str,
    width: u32,
    height: u32,
) -> EmbedCode {
    let iframe = format!(
        r#"<iframe src="{}" width="{width}" height="{height}" title="{}" loading="lazy" style="border:0;max-width:100%"></iframe>"#,
        markup_text(embed_link),
        markup_text(title)
    );
    let height_script = height_script();
    let markdown = format!(
        "[![{}]({MARKDOWN_IMAGE_FILE})]({})",
        markdown_text(title),
        markdown_link(page_link)
    );
    EmbedCode {
        iframe,
        height_script,
        markdown,
    }
}

/// The script a host page pastes once so that each embed's frame takes the height of its content.
/// Matching the message's source to a frame fits each of several embeds on one page.
pub fn height_script() -> String {
    format!(
        r#"<script>
  addEventListener("message", (event) => {{
    if (event.data?.type !== "{HEIGHT_MESSAGE}") return;
    for (const frame of document.querySelectorAll("iframe"))
      if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";
  }});
</script>"#
    )
}

/// `text` safe inside a Markdown image's alt text: brackets and backslashes escaped.
pub fn markdown_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// `link` safe as a Markdown link target: the characters that would end it percent-encoded.
pub fn markdown_link(link: &str) -> String {
    link.replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iframe_escapes_its_link_and_title_and_keeps_its_size() {
        let code = embed_code(
            "https://x.test/?tasks=a:1&mode=join_all&embed=1",
            "https://x.test/?tasks=a:1&mode=join_all",
            "10 \"calls\" <awaited>",
            720,
            420,
        );
        assert_eq!(
            code.iframe,
            r#"<iframe src="https://x.test/?tasks=a:1&amp;mode=join_all&amp;embed=1" width="720" height="420" title="10 &quot;calls&quot; &lt;awaited&gt;" loading="lazy" style="border:0;max-width:100%"></iframe>"#
        );
    }

    #[test]
    fn the_height_script_listens_for_the_embeds_own_message() {
        let code = embed_code("https://x.test/?embed=1", "https://x.test/", "t", 1, 1);
        assert!(code
            .height_script
            .contains(r#"event.data?.type !== "async-playground:height""#));
        assert!(code
            .height_script
            .contains("frame.contentWindow === event.source"));
        assert!(
            code.height_script.starts_with("<script>") && code.height_script.ends_with("</script>")
        );
    }

    #[test]
    fn the_markdown_links_the_exported_image_to_the_live_scenario() {
        let code = embed_code(
            "https://x.test/?embed=1",
            "https://x.test/?tasks=fetch(1):500",
            "Async Playground: [10 tasks]",
            720,
            420,
        );
        assert_eq!(
            code.markdown,
            r"[![Async Playground: \[10 tasks\]](async-playground.svg)](https://x.test/?tasks=fetch%281%29:500)"
        );
    }
}
