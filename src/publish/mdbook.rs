//! `asyncplay mdbook`: an mdBook preprocessor, configured as `[preprocessor.asyncplay]` with
//! `command = "asyncplay mdbook"` and `link`, the live playground's address, in `book.toml`. It
//! follows mdBook's protocol: `asyncplay mdbook supports RENDERER` answers by its exit status, and
//! otherwise the book comes as JSON on stdin, `[context, book]`, and goes back on stdout.
//!
//! For the HTML renderer each block becomes the live embed, a lazy iframe, followed by the picture,
//! linked, for readers without JavaScript and for print. For any other renderer it becomes the
//! picture. Pictures go into the book's source tree (`asyncplay/` under `src`), where mdBook copies
//! them from, or inline as `data:` URIs with `inline = true`.
//!
//! The book is walked as plain JSON: every `{"Chapter": {…}}` wherever it sits, which is the shape
//! of mdBook 0.5 (the version `scripts/setup` installs) and of 0.4 alike.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::domain::basics::markup::markup_text;
use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::pictures::embed_code::{
    embed_code, height_script, markdown_link, markdown_text,
};
use crate::domain::pictures::image_export::ImageFormat;
use crate::domain::pictures::svg_plot::DEFAULT_WIDTH;

use super::render::{pictures, replace_blocks, write_if_changed, Picture, PictureOptions};

/// The folder under the book's `src` that pictures are written to.
pub const PICTURE_FOLDER: &str = "asyncplay";

/// Shows the embed on screen with scripts on, the picture otherwise and in print. mdBook's pages
/// give their root the class `js` when scripts run.
const STYLE: &str = "<style>.asyncplay-live{display:none}.js .asyncplay-live{display:block}.js .asyncplay-still{display:none}@media print{.js .asyncplay-live{display:none}.js .asyncplay-still{display:block}}</style>";

/// Every renderer is served: HTML gets embeds, the others pictures.
pub fn supports(_renderer: &str) -> bool {
    true
}

/// What `book.toml` and mdBook's context say about this build.
struct BookSettings {
    pictures: PictureOptions,
    inline: bool,
    html: bool,
    /// The book's `src` folder on disk, which messages name too, so a terminal can open the file.
    source: PathBuf,
}

impl BookSettings {
    fn of(context: &Value) -> Result<Self, String> {
        let config = &context["config"];
        let ours = &config["preprocessor"]["asyncplay"];
        let problem = |what: &str| format!("book.toml: [preprocessor.asyncplay] {what}");
        let link = ours["link"]
            .as_str()
            .filter(|link| !link.is_empty())
            .ok_or_else(|| problem("needs link = \"https://…/\", the live playground's address"))?;
        let image = match ours.get("image") {
            None => ImageFormat::AnimatedSvg,
            Some(name) => ImageFormat::from_url_name(name.as_str().unwrap_or_default())
                .map_err(|error| problem(&error.to_string()))?,
        };
        let width = match ours.get("width") {
            None => DEFAULT_WIDTH,
            Some(width) => width
                .as_u64()
                .and_then(|w| u32::try_from(w).ok())
                .ok_or_else(|| problem("width must be a whole number of pixels"))?,
        };
        let root = PathBuf::from(context["root"].as_str().unwrap_or("."));
        let source_name = config["book"]["src"].as_str().unwrap_or("src");
        Ok(BookSettings {
            pictures: PictureOptions {
                image,
                width,
                link: link.to_owned(),
            },
            inline: ours["inline"].as_bool().unwrap_or(false),
            html: context["renderer"].as_str() == Some("html"),
            source: root.join(source_name),
        })
    }
}

/// Every chapter object of `value`, wherever it sits, deepest last.
fn for_each_chapter(value: &mut Value, visit: &mut impl FnMut(&mut Map<String, Value>)) {
    match value {
        Value::Object(object) => {
            if let Some(Value::Object(chapter)) = object.get_mut("Chapter") {
                visit(chapter);
            }
            for child in object.values_mut() {
                for_each_chapter(child, visit);
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| for_each_chapter(item, visit)),
        _ => {}
    }
}

/// The book mdBook sent, with every block replaced; or every bad block's message.
pub fn preprocess(input: &str) -> Result<String, String> {
    let sent: Value = serde_json::from_str(input)
        .map_err(|error| format!("mdBook sent what is not JSON: {error}"))?;
    let Value::Array(mut pair) = sent else {
        return Err("mdBook sent no [context, book] pair".to_owned());
    };
    let (Some(mut book), Some(context)) = (pair.pop(), pair.pop()) else {
        return Err("mdBook sent no [context, book] pair".to_owned());
    };
    let settings = BookSettings::of(&context)?;
    let mut problems = Vec::new();
    for_each_chapter(&mut book, &mut |chapter| {
        if let Err(problem) = rewrite_chapter(chapter, &settings) {
            problems.push(problem);
        }
    });
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    serde_json::to_string(&book).map_err(|error| format!("could not write the book: {error}"))
}

/// Replace the blocks of one chapter, writing its pictures.
fn rewrite_chapter(
    chapter: &mut Map<String, Value>,
    settings: &BookSettings,
) -> Result<(), String> {
    let Some(content) = chapter.get("content").and_then(Value::as_str) else {
        return Ok(());
    };
    // A chapter's `path` is relative to `src`; a draft has none, and no content to draw.
    let path = chapter
        .get("path")
        .and_then(Value::as_str)
        .map(PathBuf::from)
        .unwrap_or_default();
    let file = settings.source.join(&path).display().to_string();
    let drawn = pictures(content, &file, &settings.pictures)?;
    if drawn.is_empty() {
        return Ok(());
    }
    let sources = picture_sources(&drawn, &path, settings)?;
    let mut next_source = sources.iter();
    let mut first = true;
    let rewritten = replace_blocks(content, &drawn, |picture| {
        let source = next_source.next().cloned().unwrap_or_default();
        if settings.html {
            let head = if std::mem::take(&mut first) {
                page_head()
            } else {
                String::new()
            };
            format!("{head}{}", html_block(picture, &source))
        } else {
            format!(
                "[![{}]({})]({})",
                markdown_text(&picture.alt),
                markdown_link(&source),
                markdown_link(&picture.href)
            )
        }
    });
    chapter.insert("content".to_owned(), Value::String(rewritten));
    Ok(())
}

/// Where each picture is seen from the chapter: a `data:` URI, or its file under `src`, written now.
fn picture_sources(
    drawn: &[(super::blocks::Block, Picture)],
    chapter_path: &Path,
    settings: &BookSettings,
) -> Result<Vec<String>, String> {
    let folder = settings.source.join(PICTURE_FOLDER);
    if !settings.inline {
        std::fs::create_dir_all(&folder)
            .map_err(|error| format!("could not make {}: {error}", folder.display()))?;
    }
    let up = "../".repeat(chapter_path.components().count().saturating_sub(1));
    drawn
        .iter()
        .map(|(_, picture)| {
            if settings.inline {
                let mime = settings.pictures.image.mime();
                let data = base64::engine::general_purpose::STANDARD.encode(&picture.bytes);
                return Ok(format!("data:{mime};base64,{data}"));
            }
            write_if_changed(&folder.join(&picture.file_name), &picture.bytes)?;
            Ok(format!("{up}{PICTURE_FOLDER}/{}", picture.file_name))
        })
        .collect()
}

/// What a chapter with blocks needs once: the style that picks embed or picture, and the script that
/// fits each embed's frame to its content.
fn page_head() -> String {
    format!("{STYLE}\n{}\n\n", height_script().replace('\n', " "))
}

/// The live embed, then the linked picture. One HTML block, without blank lines, so Markdown leaves
/// it whole.
fn html_block(picture: &Picture, source: &str) -> String {
    let code = embed_code(&picture.embed_href, &picture.href, &picture.alt, 720, 420);
    let mut html = String::new();
    let _ = write!(
        html,
        "<figure class=\"asyncplay\">\n<div class=\"asyncplay-live\">{}</div>\n<a class=\"asyncplay-still\" href=\"{}\"><img src=\"{}\" alt=\"{}\" style=\"max-width:100%\"></a>\n</figure>\n",
        code.iframe.replace("width=\"720\"", "width=\"100%\""),
        markup_text(&picture.href),
        markup_text(source),
        markup_text(&picture.alt),
    );
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book_json(root: &Path, renderer: &str, settings: &str, content: &str) -> String {
        let context = format!(
            r#"{{"root":{},"config":{{"book":{{"src":"src"}},"preprocessor":{{"asyncplay":{{{settings}}}}}}},"renderer":"{renderer}","mdbook_version":"0.5.4"}}"#,
            serde_json::to_string(&root.display().to_string()).unwrap()
        );
        let chapter = |path: &str| {
            format!(
                r#"{{"Chapter":{{"name":"x","content":{},"number":null,"sub_items":[],"path":"{path}","source_path":"{path}","parent_names":[]}}}}"#,
                serde_json::to_string(content).unwrap()
            )
        };
        format!(
            r#"[{context},{{"items":[{},"Separator",{{"PartTitle":"p"}}]}}]"#,
            {
                // A nested chapter, as sub_items hold them.
                let mut outer = chapter("intro.md");
                outer = outer.replace(
                    r#""sub_items":[]"#,
                    &format!(r#""sub_items":[{}]"#, chapter("deep/page.md")),
                );
                outer
            }
        )
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("asyncplay-mdbook-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        dir
    }

    #[test]
    fn html_gets_the_embed_then_the_linked_picture_in_every_chapter() {
        let root = scratch("html");
        let input = book_json(
            &root,
            "html",
            r#""link":"https://example.org/play/""#,
            "Intro\n\n```asyncplay\ntasks=a:100\n```\n",
        );
        let out: Value = serde_json::from_str(&preprocess(&input).unwrap()).unwrap();
        let outer = &out["items"][0]["Chapter"];
        let content = outer["content"].as_str().unwrap();
        assert!(content.contains("<iframe src=\"https://example.org/play/?tasks=a:100&amp;mode=join_all&amp;v=1&amp;embed=1\""), "{content}");
        assert!(
            content.contains("<img src=\"asyncplay/asyncplay-"),
            "{content}"
        );
        assert!(content.contains(STYLE));
        let nested = outer["sub_items"][0]["Chapter"]["content"]
            .as_str()
            .unwrap();
        assert!(
            nested.contains("<img src=\"../asyncplay/asyncplay-"),
            "{nested}"
        );
        let written: Vec<_> = std::fs::read_dir(root.join("src/asyncplay"))
            .unwrap()
            .collect();
        assert_eq!(written.len(), 1, "one picture for two equal blocks");
        assert_eq!(out["items"][1], "Separator");
    }

    #[test]
    fn other_renderers_get_the_picture_and_inline_needs_no_file() {
        let root = scratch("inline");
        let input = book_json(
            &root,
            "markdown",
            r#""link":"https://example.org/","inline":true,"image":"png","width":400"#,
            "```asyncplay\ntasks=a:100\n```\n",
        );
        let out: Value = serde_json::from_str(&preprocess(&input).unwrap()).unwrap();
        let content = out["items"][0]["Chapter"]["content"].as_str().unwrap();
        assert!(
            content.starts_with("[![Async Playground: 1 task"),
            "{content}"
        );
        assert!(
            content.contains("](data:image/png;base64,iVBOR"),
            "{content}"
        );
        assert!(!root.join("src/asyncplay").exists());
    }

    #[test]
    fn a_bad_block_or_setting_fails_with_its_place() {
        let root = scratch("bad");
        let input = book_json(
            &root,
            "html",
            r#""link":"https://example.org/""#,
            "\n```asyncplay\nmode=nope\n```\n",
        );
        let error = preprocess(&input).unwrap_err();
        assert!(
            error.contains("src/intro.md:2: asyncplay block: mode \"nope\" is not one of"),
            "{error}"
        );
        assert!(error.contains("src/deep/page.md:2:"), "{error}");
        assert!(
            !root.join("src/asyncplay").exists(),
            "no picture is written for a bad block"
        );
        let no_link = book_json(&root, "html", "", "text");
        assert!(preprocess(&no_link).unwrap_err().contains("needs link ="));
        let bad_image = book_json(&root, "html", r#""link":"x","image":"jpeg""#, "text");
        assert!(preprocess(&bad_image)
            .unwrap_err()
            .contains("image \"jpeg\" is not one of"));
    }
}
