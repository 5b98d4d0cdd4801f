//! `asyncplay` fenced blocks in Markdown: where they are, and the scenario each holds. A block holds
//! a scenario URL's query string, whole or one parameter per line, as a mermaid block holds a
//! diagram. Code fences of other languages are skipped whole, so an `asyncplay` block quoted inside
//! one stays text.

use std::ops::Range;

use crate::domain::link::url_codec::{decode, encode, DecodedUrl};
use crate::domain::model::comparison::ComparedRuns;
use crate::domain::model::display::ColourScheme;
use crate::domain::pictures::svg_words::runs_description;
use crate::domain::simulator::predicted_runs;

/// The fence's info word that marks a block as ours.
pub const INFO: &str = "asyncplay";

/// One `asyncplay` block of a Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The line of its opening fence, counting from 1.
    pub line: usize,
    /// Its bytes in the text, fences included, up to the end of the closing fence's line.
    pub span: Range<usize>,
    /// What it holds, its lines joined as one query.
    pub query: String,
}

/// A fence: its character, how many of them, and the first word after them.
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let mark = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = rest.len() - rest.trim_start_matches(mark).len();
    (length >= 3).then(|| {
        let info = rest[length..].split_whitespace().next().unwrap_or("");
        (mark, length, info)
    })
}

/// Every `asyncplay` block of `markdown`, in order. An unclosed fence runs to the end of the text,
/// as CommonMark reads it.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut found = Vec::new();
    // The fence that opened the block we are in: its mark, length, and whether it is ours.
    let mut open: Option<(char, usize, Option<Block>)> = None;
    let mut offset = 0;
    for (index, line) in markdown.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        match (&mut open, fence(text)) {
            (None, Some((mark, length, info))) => {
                let ours = (info == INFO).then(|| Block {
                    line: index + 1,
                    span: start..offset,
                    query: String::new(),
                });
                open = Some((mark, length, ours));
            }
            (None, None) => {}
            (Some((mark, length, ours)), fenced) => {
                let closes = fenced
                    .is_some_and(|(m, l, info)| m == *mark && l >= *length && info.is_empty());
                if let Some(block) = ours {
                    block.span.end = offset;
                    if !closes {
                        add_line(&mut block.query, text);
                    }
                }
                if closes {
                    if let Some((_, _, Some(block))) = open.take() {
                        found.push(block);
                    }
                }
            }
        }
    }
    if let Some((_, _, Some(block))) = open {
        found.push(block);
    }
    found
}

/// Add one line of a block to its query: blank lines are skipped, a leading `?` or `&` dropped.
fn add_line(query: &mut String, line: &str) {
    let part = line.trim().trim_start_matches(['?', '&']);
    if part.is_empty() {
        return;
    }
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(part);
}

/// A block read as a scenario: the runs it draws, its canonical link's query, and its alt text.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockScenario {
    pub decoded: DecodedUrl,
    pub runs: ComparedRuns,
    /// The query that opens the same scenario, as the app writes it.
    pub canonical_query: String,
    pub description: String,
}

impl BlockScenario {
    /// The scheme the block's `theme=` fixes, else light.
    pub fn scheme(&self) -> ColourScheme {
        self.decoded
            .display
            .theme
            .fixed_scheme()
            .unwrap_or(ColourScheme::Light)
    }
}

/// What `block` holds, or why it holds no scenario, in the URL decoder's own words.
pub fn read_block(block: &Block) -> Result<BlockScenario, String> {
    if block.query.is_empty() {
        return Err(
            "the block is empty: write a scenario such as tasks=10x500&mode=join_all".to_owned(),
        );
    }
    let decoded = decode(&block.query);
    if !decoded.problems.is_empty() {
        let problems: Vec<String> = decoded.problems.iter().map(ToString::to_string).collect();
        return Err(problems.join("; "));
    }
    let runs = predicted_runs(
        &decoded.scenario,
        decoded.display.language,
        decoded.display.compare,
    );
    Ok(BlockScenario {
        canonical_query: encode(&decoded.scenario, &decoded.display),
        description: runs_description(&runs),
        runs,
        decoded,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_found_with_their_lines_and_queries() {
        let text = "# Title\n\n```asyncplay\ntasks=10x500\nmode=join_all\n\n```\n\ntext\n~~~~ asyncplay\n?tasks=a:1\n~~~~\n";
        let found = blocks(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].line, 3);
        assert_eq!(found[0].query, "tasks=10x500&mode=join_all");
        assert_eq!(
            &text[found[0].span.clone()],
            "```asyncplay\ntasks=10x500\nmode=join_all\n\n```\n"
        );
        assert_eq!(found[1].line, 10);
        assert_eq!(found[1].query, "tasks=a:1");
    }

    #[test]
    fn blocks_inside_other_fences_stay_text() {
        let text = "````markdown\n```asyncplay\ntasks=1\n```\n````\n```rust\nlet x = 1;\n```\n";
        assert!(blocks(text).is_empty());
    }

    #[test]
    fn a_shorter_or_other_fence_does_not_close_a_block() {
        let text = "````asyncplay\ntasks=a:1\n```\n~~~~\nmode=select\n````\nafter\n";
        let found = blocks(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].query, "tasks=a:1&```&~~~~&mode=select");
    }

    #[test]
    fn an_unclosed_block_runs_to_the_end() {
        let found = blocks("```asyncplay\ntasks=a:1");
        assert_eq!(found[0].query, "tasks=a:1");
        assert_eq!(found[0].span, 0..22);
    }

    #[test]
    fn a_bad_block_says_what_is_wrong_in_the_decoders_words() {
        let block = |query: &str| Block {
            line: 1,
            span: 0..0,
            query: query.to_owned(),
        };
        let error = read_block(&block("tasks=db:3oo&mode=nope")).unwrap_err();
        assert!(error.contains("delay \"3oo\" is not a number"), "{error}");
        assert!(error.contains("mode \"nope\" is not one of"), "{error}");
        assert!(read_block(&block("")).unwrap_err().contains("empty"));
        let good = read_block(&block("tasks=10x500&mode=join_all&compare=sequential")).unwrap();
        assert_eq!(good.runs.len(), 2);
        assert!(good.canonical_query.contains("compare=sequential"));
        assert!(
            good.description.starts_with("Async Playground: 10 tasks"),
            "{}",
            good.description
        );
    }
}
