//! `asyncplay`: the native command-line tool. It simulates a scenario URL and prints its timeline as
//! a text table, Chrome trace JSON, a Markdown table, a program, an SVG, still or animated, or the
//! page's static first paint, using the same domain code as the page. A URL with `compare=` prints
//! every timeline of the comparison.

use std::process::ExitCode;

use async_playground::domain::comparison::{predicted_runs, Comparison};
use async_playground::domain::export::{chrome_trace, markdown_tables, text_tables, RunSource};
use async_playground::domain::first_paint::first_paint_html;
use async_playground::domain::language::Language;
use async_playground::domain::named_choice::NamedChoice;
use async_playground::domain::outcome_style::ColourScheme;
use async_playground::domain::snippets::program;
use async_playground::domain::svg_export::{runs_svg, Motion};
use async_playground::domain::url_codec::decode;

const USAGE: &str = "\
usage: asyncplay [--lang rust|csharp|js|python] [--format table|trace|markdown|program|svg|animated-svg|first-paint] '<scenario URL or query string>'

Simulates the scenario on one event loop and prints its timeline; with compare= in the URL, each
timeline of the comparison.
  --lang    whose await semantics to use (default: the URL's lang=, else rust)
  --format  table (default), trace (Chrome Trace Event JSON, opens in Perfetto), markdown,
            program (a complete program in that language that runs the scenario for real),
            svg (the timeline as a self-contained image; dark when the URL says theme=dark),
            animated-svg (the same, playing the run with CSS: it moves inside an <img>),
            first-paint (the page's opening comparison as static HTML: the scenario beside the same
            tasks one after another, as the build writes it into index.html)
Example: asyncplay --lang js 'tasks=fetch:500,db:300:100,10x200&mode=join_all'
Exit status: 0 for a valid scenario, 2 for a bad scenario or bad arguments (messages on stderr).";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Trace,
    Markdown,
    Program,
    Svg,
    AnimatedSvg,
    FirstPaint,
}

impl NamedChoice for Format {
    const PARAMETER: &'static str = "format";
    const ALL: &'static [Format] = &[
        Format::Table,
        Format::Trace,
        Format::Markdown,
        Format::Program,
        Format::Svg,
        Format::AnimatedSvg,
        Format::FirstPaint,
    ];

    fn url_name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Trace => "trace",
            Format::Markdown => "markdown",
            Format::Program => "program",
            Format::Svg => "svg",
            Format::AnimatedSvg => "animated-svg",
            Format::FirstPaint => "first-paint",
        }
    }
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
                format = Format::from_url_name(&value("--format")?).map_err(|e| e.to_string())?;
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
    // The first paint is always the comparison the page opens on, beside one after another.
    let comparison = match arguments.format {
        Format::FirstPaint => Comparison::Sequential,
        _ => decoded.display.compare,
    };
    let runs = predicted_runs(&decoded.scenario, language, comparison);
    let scheme = decoded
        .display
        .theme
        .fixed_scheme()
        .unwrap_or(ColourScheme::Light);
    let output = match arguments.format {
        Format::Table => text_tables(&runs),
        Format::Trace => chrome_trace(&runs, RunSource::Simulated),
        Format::Markdown => markdown_tables(&runs),
        Format::Program => program(&decoded.scenario, language),
        Format::Svg => runs_svg(&runs, scheme, Motion::Still),
        Format::AnimatedSvg => runs_svg(&runs, scheme, Motion::Animated),
        Format::FirstPaint => first_paint_html(&runs),
    };
    print!("{output}");
    ExitCode::SUCCESS
}
