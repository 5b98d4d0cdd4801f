//! A program as the code panel shows it: the whole text for Copy, and the tokens of its first lines
//! for highlighting. The page writes programs in a Web Worker, so this type also has a flat form that
//! crosses `postMessage` as one string and two typed arrays.

use super::outlined_program;
use super::regions::Region;
use super::spots::ProgramSpots;
use super::tokens::{tokenize, TokenKind};
use crate::domain::model::language::Language;
use crate::domain::model::scenario::Scenario;
use crate::domain::semantics::profile::program_words;

/// Longer programs are shown cut short; Copy still gives the whole program.
pub const MAX_SHOWN_LINES: usize = 300;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WrittenProgram {
    /// The whole runnable program.
    pub text: String,
    /// Each token's kind and length in bytes, covering the shown lines from the start of `text`.
    tokens: Vec<(TokenKind, u32)>,
    /// How many lines after the shown ones are not shown.
    pub hidden_lines: usize,
    /// What this language does differently here, to show beside the program.
    pub note: String,
    /// The lines a replay highlights.
    pub spots: ProgramSpots,
    /// The idiom to mark and the scaffolding to fold.
    pub regions: Vec<Region>,
}

impl WrittenProgram {
    /// The program for `scenario` in `language`, tokenized up to [`MAX_SHOWN_LINES`].
    pub fn write(scenario: &Scenario, language: Language) -> WrittenProgram {
        let (text, regions) = outlined_program(scenario, language);
        let line_count = text.lines().count();
        let shown_len = text
            .match_indices('\n')
            .nth(MAX_SHOWN_LINES - 1)
            .map_or(text.len(), |(newline, _)| newline);
        let tokens = tokenize(&text[..shown_len], language)
            .into_iter()
            .map(|token| (token.kind, token.text.len() as u32))
            .collect();
        WrittenProgram {
            hidden_lines: line_count.saturating_sub(MAX_SHOWN_LINES),
            tokens,
            note: format!(
                "{} {}",
                program_words(language).note(scenario.mode),
                program_words(language).eagerness
            ),
            spots: ProgramSpots::find(&text, language),
            regions,
            text,
        }
    }

    /// The shown lines as highlighted pieces, in order.
    pub fn shown_tokens(&self) -> impl Iterator<Item = (TokenKind, &str)> {
        self.tokens.iter().scan(0, |start, &(kind, len)| {
            let end = *start + len as usize;
            let piece = self.text.get(*start..end)?;
            *start = end;
            Some((kind, piece))
        })
    }

    /// The flat form: each token's kind as a byte, and its length.
    pub fn token_codes(&self) -> (Vec<u8>, Vec<u32>) {
        self.tokens
            .iter()
            .map(|&(kind, len)| (kind.code(), len))
            .unzip()
    }

    /// Back from the flat form; `None` if the pieces do not fit the text, so a garbled message is
    /// refused rather than shown wrong.
    pub fn from_codes(
        text: String,
        kinds: &[u8],
        lengths: &[u32],
        hidden_lines: usize,
        note: String,
        spots: ProgramSpots,
        regions: Vec<Region>,
    ) -> Option<WrittenProgram> {
        if kinds.len() != lengths.len() {
            return None;
        }
        let mut end = 0usize;
        let mut tokens = Vec::with_capacity(kinds.len());
        for (&code, &len) in kinds.iter().zip(lengths) {
            end = end.checked_add(len as usize)?;
            if !text.is_char_boundary(end) {
                return None;
            }
            tokens.push((TokenKind::from_code(code)?, len));
        }
        (end <= text.len()).then_some(WrittenProgram {
            text,
            tokens,
            hidden_lines,
            note,
            spots,
            regions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::basics::named_choice::NamedChoice;
    use crate::domain::model::scenario::TaskSpec;
    use crate::domain::programs::snippets::regions::RegionKind;

    #[test]
    fn the_shown_tokens_are_the_program_itself() {
        for &language in Language::ALL {
            let written = WrittenProgram::write(&Scenario::default(), language);
            let shown: String = written.shown_tokens().map(|(_, text)| text).collect();
            assert_eq!(shown, written.text, "{language:?}");
            assert_eq!(written.hidden_lines, 0);
            assert!(written
                .shown_tokens()
                .any(|(kind, _)| kind == TokenKind::Keyword));
        }
    }

    #[test]
    fn the_idiom_holds_the_await_and_no_fold_hides_a_line_the_replay_shows() {
        let options = ["", "&timeout=250", "&retries=1", "&exit=1"];
        for &mode in crate::domain::model::mode::Mode::ALL {
            for option in options {
                let link = format!(
                    "tasks=a:300,b:200:100,c:100:cpu&mode={}{option}",
                    mode.url_name()
                );
                let scenario: Scenario = link.parse().unwrap();
                for &language in Language::ALL {
                    let written = WrittenProgram::write(&scenario, language);
                    let kinds: Vec<RegionKind> =
                        written.regions.iter().map(|region| region.kind).collect();
                    for kind in [
                        RegionKind::Idiom,
                        RegionKind::Jobs,
                        RegionKind::Helpers,
                        RegionKind::Task,
                    ] {
                        assert!(kinds.contains(&kind), "{link} {language:?}: no {kind:?}");
                    }
                    let lines = written.spots.to_numbers();
                    let idiom = written
                        .regions
                        .iter()
                        .find(|region| region.kind == RegionKind::Idiom);
                    if lines[3] != u32::MAX {
                        assert!(
                            idiom.is_some_and(|idiom| idiom.contains(lines[3])),
                            "{link} {language:?}"
                        );
                    }
                    // The panel opens a fold the replay stands in; only the task's may hold one.
                    for line in lines.into_iter().filter(|&line| line != u32::MAX) {
                        let folded = written.regions.iter().filter(|region| {
                            region.kind.folds() && region.kind != RegionKind::Task
                        });
                        assert!(
                            !folded.clone().any(|region| region.contains(line)),
                            "{link} {language:?}: line {line}"
                        );
                    }
                    let text: Vec<&str> = written.text.lines().collect();
                    let jobs = written
                        .regions
                        .iter()
                        .find(|region| region.kind == RegionKind::Jobs);
                    let rows = jobs
                        .map(|jobs| &text[jobs.first as usize..(jobs.first + jobs.count) as usize]);
                    assert!(
                        rows.is_some_and(|rows| rows.iter().any(|row| row.contains("\"c\""))),
                        "{link} {language:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_long_program_shows_its_first_lines_and_counts_the_rest() {
        let scenario = Scenario {
            tasks: vec![TaskSpec::io(None, 10); 400],
            ..Scenario::default()
        };
        let written = WrittenProgram::write(&scenario, Language::Python);
        let shown: String = written.shown_tokens().map(|(_, text)| text).collect();
        assert_eq!(shown.lines().count(), MAX_SHOWN_LINES);
        assert!(written.text.starts_with(&shown));
        assert_eq!(
            written.hidden_lines,
            written.text.lines().count() - MAX_SHOWN_LINES
        );
    }

    #[test]
    fn the_flat_form_reads_back_as_itself() {
        let written = WrittenProgram::write(&Scenario::default(), Language::CSharp);
        let (kinds, lengths) = written.token_codes();
        let back = WrittenProgram::from_codes(
            written.text.clone(),
            &kinds,
            &lengths,
            written.hidden_lines,
            written.note.clone(),
            ProgramSpots::from_numbers(&written.spots.to_numbers()),
            Region::from_numbers(&Region::to_numbers(&written.regions)),
        );
        assert_eq!(back.as_ref(), Some(&written));
        assert!(
            written.note.starts_with("Waits for every task"),
            "{}",
            written.note
        );
    }

    #[test]
    fn a_garbled_flat_form_is_refused() {
        let text = "let é = 1;";
        let read = |kinds: &[u8], lengths: &[u32]| {
            let spots = ProgramSpots::default();
            let (note, regions) = (String::new(), Vec::new());
            WrittenProgram::from_codes(text.to_owned(), kinds, lengths, 0, note, spots, regions)
        };
        assert_eq!(read(&[0], &[1, 2]), None);
        assert_eq!(read(&[0], &[99]), None);
        assert_eq!(read(&[200], &[3]), None);
        // Inside the two bytes of `é`.
        assert_eq!(read(&[6], &[5]), None);
    }
}
