//! `asyncplay`: the native command-line tool. It simulates a scenario URL and prints its timeline as
//! a text table, Chrome trace JSON or a Markdown table, using the same domain code as the page.

use std::process::ExitCode;

use async_playground::domain::export::{chrome_trace, markdown_table, text_table, RunSource};
use async_playground::domain::language::Language;
use async_playground::domain::named_choice::NamedChoice;
use async_playground::domain::outcome_style::ColourScheme;
use async_playground::domain::simulator::simulate;
use async_playground::domain::snippets::program;
use async_playground::domain::svg_export::timeline_svg;
use async_playground::domain::url_codec::decode;

const USAGE: &str = "\
usage: asyncplay [--lang rust|csharp|js|python] [--format table|trace|markdown|program|svg] '<scenario URL or query string>'

Simulates the scenario on one event loop and prints its timeline.
  --lang    whose await semantics to use (default: the URL's lang=, else rust)
  --format  table (default), trace (Chrome Trace Event JSON, opens in Perfetto), markdown,
            program (a complete program in that language that runs the scenario for real),
            svg (the timeline as a self-contained image; dark when the URL says theme=dark)
Example: asyncplay --lang js 'tasks=fetch:500,db:300:100,10x200&mode=join_all'
Exit status: 0 for a valid scenario, 2 for a bad scenario or bad arguments (messages on stderr).";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Trace,
    Markdown,
    Program,
    Svg,
}

struct Arguments {
    language: Option<Language>,
    format: Format,
    url: String,
}

fn parse_arguments(mut args: impl Iterator<Item = String>) -> Result<Option<Arguments>, String> {
    let mut language = None;
    let mut format = Format::Table;
    let mut url = None;
    while let Some(arg) = args.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline_value
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--lang" => {
                language =
                    Some(Language::from_url_name(&value("--lang")?).map_err(|e| e.to_string())?);
            }
            "--format" => {
                format = match value("--format")?.as_str() {
                    "table" => Format::Table,
                    "trace" => Format::Trace,
                    "markdown" => Format::Markdown,
                    "program" => Format::Program,
                    "svg" => Format::Svg,
                    other => {
                        return Err(format!(
                            "format \"{other}\" is not one of table, trace, markdown, program, svg"
                        ))
                    }
                };
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            _ if url.is_some() => {
                return Err("give one scenario URL (quote it: it contains &)".to_owned())
            }
            _ => url = Some(arg),
        }
    }
    let url = url.ok_or("missing the scenario URL or query string")?;
    Ok(Some(Arguments {
        language,
        format,
        url,
    }))
}

fn main() -> ExitCode {
    let arguments = match parse_arguments(std::env::args().skip(1)) {
        Ok(Some(arguments)) => arguments,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("asyncplay: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let decoded = decode(&arguments.url);
    if !decoded.problems.is_empty() {
        for problem in &decoded.problems {
            eprintln!("asyncplay: {problem}");
        }
        return ExitCode::from(2);
    }
    let language = arguments.language.unwrap_or(decoded.display.language);
    let timeline = simulate(&decoded.scenario, language);
    let output = match arguments.format {
        Format::Table => text_table(&decoded.scenario, &timeline),
        Format::Trace => chrome_trace(&decoded.scenario, &timeline, RunSource::Simulated),
        Format::Markdown => markdown_table(&decoded.scenario, &timeline),
        Format::Program => program(&decoded.scenario, language),
        Format::Svg => timeline_svg(
            &decoded.scenario,
            &timeline,
            decoded
                .display
                .theme
                .fixed_scheme()
                .unwrap_or(ColourScheme::Light),
        ),
    };
    print!("{output}");
    ExitCode::SUCCESS
}
