//! `asyncplay render`: a Markdown file with each `asyncplay` block replaced by its picture, linked
//! to the live scenario, as `mmdc -i in.md -o out.md` does for mermaid. Every block is read and drawn
//! before anything is written, so a bad block leaves no file and no broken image behind.

use std::fmt::Write as _;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::pictures::embed_code::{markdown_link, markdown_text};
use crate::domain::pictures::image_export::ImageFormat;

use super::blocks::{blocks, read_block, Block, BlockScenario};

/// How blocks become pictures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureOptions {
    pub image: ImageFormat,
    pub width: u32,
    /// The live playground's address; each picture links to its scenario there.
    pub link: String,
}

/// One block's picture: its file's name and bytes, and what the Markdown says of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub alt: String,
    /// The live scenario.
    pub href: String,
    /// The same with `embed=1`, for an iframe.
    pub embed_href: String,
}

/// FNV-1a, 64 bits: the same on every machine and Rust release, so file names stay put and golden
/// values keep.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `base?query`, whether or not the base ends with `/`.
fn link_to(base: &str, query: &str) -> String {
    format!("{}?{query}", base.trim_end_matches('?'))
}

/// The picture of a scenario.
pub fn picture(scenario: &BlockScenario, options: &PictureOptions) -> Result<Picture, String> {
    let bytes = options
        .image
        .write(&scenario.runs, scenario.scheme(), options.width)?;
    let file_name = format!(
        "asyncplay-{:016x}.{}",
        stable_hash(&bytes),
        options.image.extension()
    );
    Ok(Picture {
        file_name,
        bytes,
        alt: scenario.description.clone(),
        href: link_to(&options.link, &scenario.canonical_query),
        embed_href: link_to(
            &options.link,
            &format!("{}&embed=1", scenario.canonical_query),
        ),
    })
}

/// Each block of `markdown` with its picture, or every bad block's message, each beginning
/// `FILE:LINE:`, in the decoder's words.
pub fn pictures(
    markdown: &str,
    file: &str,
    options: &PictureOptions,
) -> Result<Vec<(Block, Picture)>, String> {
    let mut drawn = Vec::new();
    let mut problems = Vec::new();
    for block in blocks(markdown) {
        match read_block(&block).and_then(|scenario| picture(&scenario, options)) {
            Ok(picture) => drawn.push((block, picture)),
            Err(problem) => {
                problems.push(format!("{file}:{}: asyncplay block: {problem}", block.line))
            }
        }
    }
    if problems.is_empty() {
        Ok(drawn)
    } else {
        Err(problems.join("\n"))
    }
}

/// `markdown` with each block's span replaced by what `replace` writes for it.
pub fn replace_blocks(
    markdown: &str,
    drawn: &[(Block, Picture)],
    mut replace: impl FnMut(&Picture) -> String,
) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut copied = 0;
    for (block, picture) in drawn {
        out.push_str(&markdown[copied..block.span.start]);
        let _ = writeln!(out, "{}", replace(picture));
        copied = block.span.end;
    }
    out.push_str(&markdown[copied..]);
    out
}

/// Where `to` is, seen from the folder `from`: both made absolute, then `..` up to their common part.
pub fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let (from, to) = (absolute(from), absolute(to));
    let (from, to) = (normal_components(&from), normal_components(&to));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path: PathBuf = from[common..]
        .iter()
        .map(|_| Component::ParentDir)
        .collect();
    path.extend(&to[common..]);
    path
}

/// `path`'s parts with every `.` dropped and every `..` taken back.
fn normal_components(path: &Path) -> Vec<Component<'_>> {
    let mut parts = Vec::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                parts.pop();
            }
            Component::CurDir => {}
            other => parts.push(other),
        }
    }
    parts
}

/// A path as a URL path: forward slashes, whatever the platform.
pub fn url_path(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Write `bytes` as `path` unless it already holds them: names come from content, so a rerun
/// touches nothing that did not change.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if fs::read(path).is_ok_and(|existing| existing == bytes) {
        return Ok(());
    }
    fs::write(path, bytes).map_err(|error| format!("could not write {}: {error}", path.display()))
}

/// `asyncplay render INPUT -o OUTPUT --assets DIR --link BASE_URL`.
pub fn render_file(
    input: &Path,
    output: &Path,
    assets: &Path,
    options: &PictureOptions,
) -> Result<usize, String> {
    let markdown = fs::read_to_string(input)
        .map_err(|error| format!("could not read {}: {error}", input.display()))?;
    let drawn = pictures(&markdown, &input.display().to_string(), options)?;
    fs::create_dir_all(assets)
        .map_err(|error| format!("could not make {}: {error}", assets.display()))?;
    let output_folder = output.parent().unwrap_or(Path::new("."));
    let assets_href = url_path(&relative_path(output_folder, assets));
    for (_, picture) in &drawn {
        write_if_changed(&assets.join(&picture.file_name), &picture.bytes)?;
    }
    let rendered = replace_blocks(&markdown, &drawn, |picture| {
        let source = if assets_href.is_empty() {
            picture.file_name.clone()
        } else {
            format!("{assets_href}/{}", picture.file_name)
        };
        format!(
            "[![{}]({})]({})",
            markdown_text(&picture.alt),
            markdown_link(&source),
            markdown_link(&picture.href)
        )
    });
    write_if_changed(output, rendered.as_bytes())?;
    Ok(drawn.len())
}

/// The names `--image` takes, for help texts.
pub fn image_names() -> String {
    let names: Vec<&str> = ImageFormat::ALL.iter().map(|f| f.url_name()).collect();
    names.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_to_the_common_folder() {
        assert_eq!(
            relative_path(Path::new("/a/docs"), Path::new("/a/img/x")),
            PathBuf::from("../img/x")
        );
        assert_eq!(
            relative_path(Path::new("/a"), Path::new("/a")),
            PathBuf::new()
        );
        assert_eq!(url_path(Path::new("../img")), "../img");
    }

    #[test]
    fn the_hash_is_fixed_for_good() {
        // FNV-1a's published test value for "a".
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn blocks_become_linked_pictures_and_the_rest_stays() {
        let markdown = "Before\n\n```asyncplay\ntasks=a:100,b:50\nmode=join_all\n```\n\n```rust\nfn main() {}\n```\nAfter\n";
        let options = PictureOptions {
            image: ImageFormat::Svg,
            width: 960,
            link: "https://example.org/play/".to_owned(),
        };
        let drawn = pictures(markdown, "in.md", &options).unwrap();
        let out = replace_blocks(markdown, &drawn, |p| {
            format!("[{}]({})", p.file_name, p.href)
        });
        assert!(out.starts_with("Before\n\n[asyncplay-"), "{out}");
        assert!(
            out.contains(".svg](https://example.org/play/?tasks=a:100,b:50&mode=join_all"),
            "{out}"
        );
        assert!(
            out.ends_with("\n\n```rust\nfn main() {}\n```\nAfter\n"),
            "{out}"
        );
    }

    #[test]
    fn every_bad_block_is_named_by_file_and_line() {
        let markdown =
            "```asyncplay\ntasks=a:1\n```\n\n```asyncplay\nmode=nope\n```\n\n```asyncplay\n```\n";
        let options = PictureOptions {
            image: ImageFormat::Png,
            width: 400,
            link: "https://example.org/".to_owned(),
        };
        let error = pictures(markdown, "docs/x.md", &options).unwrap_err();
        let lines: Vec<&str> = error.lines().collect();
        assert_eq!(lines.len(), 2, "{error}");
        assert!(
            lines[0].starts_with("docs/x.md:5: asyncplay block: mode \"nope\" is not one of"),
            "{error}"
        );
        assert!(
            lines[1].starts_with("docs/x.md:9: asyncplay block: the block is empty"),
            "{error}"
        );
    }
}
