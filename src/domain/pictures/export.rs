//! Exports of a run, or of the runs of a comparison, for places that cannot embed the page: SVG,
//! still or animated, Chrome trace JSON (a contract, see `docs/trace.md`), a Markdown results table, and a
//! plain-text table for terminals.

use std::rc::Rc;

use crate::domain::basics::decimal::{fixed, time_label};
use crate::domain::basics::markup::markup_entity;
use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::explain::narration::describe;
use crate::domain::explain::quiz::{quiz, to_text};
use crate::domain::explain::timeline_title::Origin;
use crate::domain::look::outcome_style::outcome_style;
use crate::domain::model::comparison::{ComparedRuns, Comparison, ExportedRun};
use crate::domain::model::display::ColourScheme;
use crate::domain::model::language::Language;
use crate::domain::model::scenario::{Scenario, TaskKind};
use crate::domain::model::timeline::{Outcome, Received, Timeline};
use crate::domain::pictures::image_export::ImageFormat;
use crate::domain::pictures::svg_export::{runs_svg, Motion};
use crate::domain::pictures::svg_plot::DEFAULT_WIDTH;
use crate::domain::pictures::svg_words::runs_link;
use crate::domain::programs::snippets::quoted_with;
use crate::domain::semantics::blocking::shown_deadline_ms;

/// What the exports show: the latest finished session (each run of a comparison), or the
/// prediction when nothing has run.
#[derive(Clone, PartialEq)]
pub struct ExportSource {
    /// What made the runs: a link to them says so, and pictures headed by a speed-up need it.
    pub comparison: Comparison,
    /// Each timeline, with the scenario it is a run of.
    pub runs: Vec<(Rc<Scenario>, Rc<Timeline>)>,
    pub source: RunSource,
}

/// Whether timelines were predicted or come from pressing Run; recorded in the trace's metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunSource {
    Simulated,
    Real,
}

impl RunSource {
    /// What the trace calls the timeline of `language` from this source: pressing Run runs only Rust
    /// and JavaScript for real, and plays the others' simulation live.
    fn trace_name(self, scenario: &Scenario, language: Language) -> &'static str {
        // The trace's own spelling, which the trace format documents.
        match self.origin(scenario, language) {
            Origin::Predicted => "simulated",
            Origin::RealRun => "real",
            Origin::SimulatedLive => "simulated live",
        }
    }

    /// Where a timeline of `scenario` in `language` from this source comes from.
    pub fn origin(self, scenario: &Scenario, language: Language) -> Origin {
        match self {
            RunSource::Simulated => Origin::Predicted,
            RunSource::Real => Origin::of_run(scenario, language),
        }
    }
}

/// A file the page offers for download, each written by one of the page's workers: the text ones by
/// the writer, the pictures made of pixels by the image writer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Svg(ColourScheme, Motion),
    /// A GIF or PNG (never an SVG, a text export).
    Pixels(ImageFormat, ColourScheme),
    Trace(RunSource),
    Markdown,
    /// Not a file: the questions `predict=1` asks about the first run, in `quiz::to_text`'s form.
    Quiz,
}

impl Export {
    const ALL: [Export; 12] = [
        Export::Svg(ColourScheme::Light, Motion::Still),
        Export::Svg(ColourScheme::Dark, Motion::Still),
        Export::Svg(ColourScheme::Light, Motion::Animated),
        Export::Svg(ColourScheme::Dark, Motion::Animated),
        Export::Pixels(ImageFormat::Gif, ColourScheme::Light),
        Export::Pixels(ImageFormat::Gif, ColourScheme::Dark),
        Export::Pixels(ImageFormat::Png, ColourScheme::Light),
        Export::Pixels(ImageFormat::Png, ColourScheme::Dark),
        Export::Trace(RunSource::Simulated),
        Export::Trace(RunSource::Real),
        Export::Markdown,
        Export::Quiz,
    ];

    /// This export as one byte, for the message that asks the worker for it.
    pub fn code(self) -> u8 {
        Self::ALL
            .iter()
            .position(|&export| export == self)
            .unwrap_or(0) as u8
    }

    /// The export whose [`Export::code`] is `code`.
    pub fn from_code(code: u8) -> Option<Export> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// The file's text for `runs`, one run or each run of a comparison; `None` for pictures made of
    /// pixels, which [`Export::draw`] makes.
    pub fn write(self, runs: &ComparedRuns) -> Option<String> {
        Some(match self {
            Export::Svg(scheme, motion) => runs_svg(runs, scheme, motion),
            Export::Pixels(..) => return None,
            Export::Trace(source) => chrome_trace(runs, source),
            Export::Markdown => markdown_tables(runs),
            Export::Quiz => runs
                .first()
                .map(|run| to_text(&quiz(&run.scenario, run.timeline.language)))
                .unwrap_or_default(),
        })
    }

    /// Whether it is a picture made of pixels, which only the image writer can draw.
    pub fn is_pixels(self) -> bool {
        matches!(self, Export::Pixels(..))
    }

    /// The picture of `runs`, for pictures made of pixels: the GIF at the SVG's width, the PNG at
    /// twice it, for screens with twice the pixels.
    pub fn draw(self, runs: &ComparedRuns) -> Option<Result<Vec<u8>, String>> {
        let Export::Pixels(format, scheme) = self else {
            return None;
        };
        let width = match format {
            ImageFormat::Png => 2 * DEFAULT_WIDTH,
            _ => DEFAULT_WIDTH,
        };
        Some(format.write(runs, scheme, width))
    }
}

/// A JSON string literal. `<` and `>` are escaped too, so a label holding markup stays inert even
/// if someone pastes the trace into an HTML page.
pub fn json_string(text: &str) -> String {
    quoted_with(text, |c| match c {
        '<' => Some("\\u003c".to_owned()),
        '>' => Some("\\u003e".to_owned()),
        c if (c as u32) < 0x20 => Some(format!("\\u{:04x}", c as u32)),
        _ => None,
    })
}

fn microseconds(ms: f64) -> i64 {
    (ms * 1000.0).round() as i64
}

/// Chrome Trace Event Format JSON: one process per run (a comparison has several), labelled with what
/// made its timeline, with one complete event (`ph: "X"`) per started task on its own track,
/// `args.outcome` one of ok, error, cancelled, abandoned; an instant event (`ph: "i"`) where the
/// caller resumes, and one at its deadline, if it has one. Opens in Perfetto and chrome://tracing.
pub fn chrome_trace(runs: &ComparedRuns, source: RunSource) -> String {
    let labels: Vec<&str> = runs
        .iter()
        .map(|run| source.trace_name(&run.scenario, run.timeline.language))
        .collect();
    let mut events = Vec::new();
    for (run_index, (run, label)) in runs.iter().zip(&labels).enumerate() {
        run_events(&mut events, run, run_index + 1, label);
    }
    // A comparison of languages run for real holds real runs and simulated ones.
    let first = labels.first().copied().unwrap_or_default();
    let source = if labels.iter().all(|&label| label == first) {
        first
    } else {
        "mixed"
    };
    let (mode, language) = runs.first().map_or(("", ""), |run| {
        (
            run.timeline.mode.url_name(),
            run.timeline.language.url_name(),
        )
    });
    format!(
        "{{\"traceEvents\":[\n{}\n],\"displayTimeUnit\":\"ms\",\"otherData\":{{\"scenario\":{},\"mode\":\"{mode}\",\"language\":\"{language}\",\"source\":\"{source}\"}}}}\n",
        events.join(",\n"),
        json_string(&runs_link(runs)),
    )
}

/// The trace events of `run`, as process `pid`, labelled `label`.
fn run_events(events: &mut Vec<String>, run: &ExportedRun, pid: usize, label: &str) {
    let (scenario, timeline) = (&run.scenario, &run.timeline);
    events.push(format!(
        r#"{{"name":"process_name","ph":"M","pid":{pid},"tid":0,"args":{{"name":{}}}}}"#,
        json_string(&format!("{} ({})", timeline.mode, timeline.language))
    ));
    events.push(format!(
        r#"{{"name":"process_labels","ph":"M","pid":{pid},"tid":0,"args":{{"labels":"{label}"}}}}"#
    ));
    for (index, (task, spec)) in timeline.tasks.iter().zip(&scenario.tasks).enumerate() {
        let Some(span) = task.span else { continue };
        let name = json_string(&spec.display_label(index as u32));
        let kind = spec.kind.url_name();
        let event = |start_ms: f64, end_ms: f64, outcome: &str, extra: String| {
            format!(
                r#"{{"name":{name},"cat":"task","ph":"X","ts":{},"dur":{},"pid":{pid},"tid":{},"args":{{"outcome":"{outcome}","task":{index},"kind":"{kind}","delay_ms":{}{extra}}}}}"#,
                microseconds(start_ms),
                microseconds(end_ms - start_ms),
                index + 1,
                task.delay_ms,
            )
        };
        // A task that retried: one event per attempt, the failed ones first; one cancelled in the
        // backoff after its last attempt ends with an event for that wait.
        let retried = task.retried_attempts();
        for (number, attempt) in retried.iter().enumerate() {
            let extra = format!(r#","attempt":{}"#, number + 1);
            events.push(event(attempt.start_ms, attempt.end_ms, "error", extra));
        }
        let outcome = task.outcome.name();
        events.push(match (retried.last(), task.ended_in_backoff) {
            (None, _) => event(span.start_ms, span.end_ms, outcome, String::new()),
            (Some(last), true) => event(
                last.end_ms,
                span.end_ms,
                outcome,
                r#","wait":true"#.to_owned(),
            ),
            (Some(_), false) => {
                let start_ms = task.last_attempt_start_ms().unwrap_or(span.start_ms);
                let extra = format!(r#","attempt":{}"#, retried.len() + 1);
                event(start_ms, span.end_ms, outcome, extra)
            }
        });
    }
    if let Some(timeout_ms) = shown_deadline_ms(scenario, &timeline.resume.received) {
        events.push(format!(
            r#"{{"name":"deadline","cat":"caller","ph":"i","s":"g","ts":{},"pid":{pid},"tid":0,"args":{{"timeout_ms":{timeout_ms}}}}}"#,
            microseconds(f64::from(timeout_ms)),
        ));
    }
    // A caller the watchdog found still blocked did not resume: the instant says so.
    let instant = match timeline.resume.received {
        Received::NeverResumed => Received::NeverResumed.marker_words(),
        _ => "caller resumes",
    };
    events.push(format!(
        r#"{{"name":"{instant}","cat":"caller","ph":"i","s":"g","ts":{},"pid":{pid},"tid":0,"args":{{"received":{}}}}}"#,
        microseconds(timeline.resume.at_ms),
        json_string(&describe(scenario, timeline)),
    ));
}

/// Escape text for a Markdown table cell: pipes and emphasis characters lose their meaning and markup
/// becomes entities, so a label is shown exactly as typed.
pub fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '<' | '>' => out.push_str(markup_entity(c).unwrap_or_default()),
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn span_cells(timeline: &Timeline, index: usize) -> (String, String) {
    match timeline.tasks[index].span {
        Some(span) => (
            fixed(span.start_ms, 0).to_string(),
            fixed(span.end_ms, 0).to_string(),
        ),
        None => ("-".to_owned(), "-".to_owned()),
    }
}

fn outcome_word(outcome: Outcome) -> &'static str {
    outcome_style(outcome).words
}

/// Markdown results for a blog post: a table per run, each under a heading when there are several.
pub fn markdown_tables(runs: &[ExportedRun]) -> String {
    tables(runs, markdown_table, |run| {
        format!("### {}", markdown_cell(&run.heading()))
    })
}

/// A plain-text table per run, each under a heading when there are several.
pub fn text_tables(runs: &[ExportedRun]) -> String {
    tables(runs, text_table, ExportedRun::heading)
}

/// `table` of each run, under its `heading` when there are several.
fn tables(
    runs: &[ExportedRun],
    table: fn(&Scenario, &Timeline) -> String,
    heading: fn(&ExportedRun) -> String,
) -> String {
    match runs {
        [run] => table(&run.scenario, &run.timeline),
        _ => runs
            .iter()
            .map(|run| {
                format!(
                    "{}\n\n{}",
                    heading(run),
                    table(&run.scenario, &run.timeline)
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A Markdown results table for a blog post, followed by the one-sentence result.
pub fn markdown_table(scenario: &Scenario, timeline: &Timeline) -> String {
    let mut out =
        String::from("| # | task | kind | delay (ms) | start (ms) | end (ms) | outcome |\n");
    out.push_str("|---:|---|---|---:|---:|---:|---|\n");
    for (index, (run, spec)) in timeline.tasks.iter().zip(&scenario.tasks).enumerate() {
        let (start, end) = span_cells(timeline, index);
        let kind = if spec.kind == TaskKind::Cpu {
            "CPU"
        } else {
            "I/O"
        };
        out.push_str(&format!(
            "| {} | {} | {kind} | {} | {start} | {end} | {} |\n",
            index + 1,
            markdown_cell(&spec.display_label(index as u32)),
            run.delay_ms,
            outcome_word(run.outcome),
        ));
    }
    out.push_str(&format!(
        "\n**Result:** {}\n",
        markdown_cell(&describe(scenario, timeline))
    ));
    out
}

/// A plain-text table with a bar per task on a shared time axis, for terminals.
pub fn text_table(scenario: &Scenario, timeline: &Timeline) -> String {
    const BAR_WIDTH: f64 = 40.0;
    let totals = timeline.totals();
    let scale = if totals.last_end_ms > 0.0 {
        BAR_WIDTH / totals.last_end_ms
    } else {
        0.0
    };
    let labels: Vec<String> = (0..scenario.tasks.len())
        .map(|index| {
            scenario.tasks[index]
                .display_label(index as u32)
                .chars()
                .filter(|c| !c.is_control())
                .collect()
        })
        .collect();
    let label_width = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 24);
    let mut out = format!(
        "{:<label_width$}  {:>8}  {:>8}  {:<11}  timeline (0 to {} ms)\n",
        "task",
        "start",
        "end",
        "outcome",
        fixed(totals.last_end_ms, 0)
    );
    for (index, run) in timeline.tasks.iter().enumerate() {
        let (start, end) = span_cells(timeline, index);
        let bar = run.span.map_or_else(String::new, |span| {
            let from = (span.start_ms * scale).round() as usize;
            let to = ((span.end_ms * scale).round() as usize).max(from + 1);
            format!("{}{}", " ".repeat(from), "#".repeat(to - from))
        });
        let label: String = labels[index].chars().take(label_width).collect();
        out.push_str(&format!(
            "{label:<label_width$}  {start:>8}  {end:>8}  {:<11}  {bar}\n",
            outcome_word(run.outcome)
        ));
    }
    out.push_str(&format!(
        "\n{}\nTotal {}; one after another would take {}.\n",
        describe(scenario, timeline),
        time_label(totals.resumed_at_ms),
        time_label(totals.sum_of_delays_ms)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::comparison::Comparison;
    use crate::domain::simulator::predicted_runs;

    fn compared(comparison: Comparison) -> ComparedRuns {
        predicted_runs(&Scenario::default(), Language::JavaScript, comparison)
    }

    #[test]
    fn a_comparison_exports_every_run() {
        let runs = compared(Comparison::Languages);
        let trace = chrome_trace(&runs, RunSource::Simulated);
        assert_eq!(trace.matches(r#""name":"process_name""#).count(), 4);
        assert_eq!(trace.matches(r#""name":"caller resumes""#).count(), 4);
        assert!(trace.contains(r#""pid":4,"#) && !trace.contains(r#""pid":5,"#));
        assert!(trace.contains(r#""source":"simulated"}"#));
        let markdown = markdown_tables(&compared(Comparison::Sequential));
        assert_eq!(markdown.matches("### ").count(), 2);
        assert_eq!(markdown.matches("**Result:**").count(), 2);
        let one = compared(Comparison::None);
        assert!(!markdown_tables(&one).contains("### "));
        assert_eq!(
            text_tables(&one),
            text_table(&one[0].scenario, &one[0].timeline)
        );
    }

    #[test]
    fn a_trace_of_languages_run_for_real_says_which_runs_were_simulated_live() {
        let trace = chrome_trace(&compared(Comparison::Languages), RunSource::Real);
        let label = |pid: usize| {
            let labels = format!(
                r#""name":"process_labels","ph":"M","pid":{pid},"tid":0,"args":{{"labels":""#
            );
            let at = trace.find(&labels).map(|at| at + labels.len());
            at.and_then(|at| trace[at..].split('"').next())
        };
        let languages: Vec<_> = compared(Comparison::Languages)
            .iter()
            .map(|run| run.timeline.language)
            .collect();
        for (index, language) in languages.into_iter().enumerate() {
            let expected = match language {
                Language::Rust | Language::JavaScript => "real",
                Language::CSharp | Language::Python => "simulated live",
            };
            assert_eq!(label(index + 1), Some(expected), "{language}");
        }
        assert!(trace.contains(r#""source":"mixed"}"#));
        let alone = predicted_runs(&Scenario::default(), Language::CSharp, Comparison::None);
        assert!(chrome_trace(&alone, RunSource::Real).contains(r#""source":"simulated live"}"#));
    }

    fn trace_of(link: &str, language: Language) -> String {
        let scenario: Scenario = link.parse().unwrap();
        chrome_trace(
            &predicted_runs(&scenario, language, Comparison::None),
            RunSource::Simulated,
        )
    }

    /// A caller whose blocking call raised armed no deadline, and one that never resumed never saw
    /// its deadline: neither trace draws one. A run that got its result draws it as before.
    #[test]
    fn a_trace_draws_a_deadline_only_where_one_could_fire() {
        let blocked = "tasks=a:300,b:100&mode=join_all&wait=block&timeout=150";
        for language in [Language::Python, Language::JavaScript, Language::Rust] {
            let trace = trace_of(blocked, language);
            assert!(!trace.contains(r#""name":"deadline""#), "{language}");
        }
        let awaited = trace_of(
            "tasks=a:300,b:100&mode=join_all&timeout=150",
            Language::Rust,
        );
        assert!(awaited.contains(r#""name":"deadline""#));
    }

    /// The watchdog's end is no resumption, and the tasks it stopped hung.
    #[test]
    fn a_deadlocks_trace_says_the_caller_never_resumes_and_its_tasks_hung() {
        let trace = trace_of(
            "tasks=a:200&mode=join_all&wait=block&context=ui",
            Language::CSharp,
        );
        assert!(trace.contains(r#""name":"caller never resumes""#));
        assert!(!trace.contains(r#""name":"caller resumes""#));
        assert!(trace.contains(r#""outcome":"hung""#));
    }

    #[test]
    fn every_export_reads_back_from_its_code() {
        for export in Export::ALL {
            assert_eq!(Export::from_code(export.code()), Some(export));
        }
        assert_eq!(Export::from_code(Export::ALL.len() as u8), None);
    }

    #[test]
    fn json_strings_escape_quotes_controls_and_markup() {
        assert_eq!(
            json_string("a\"b\\c\n<i>\u{1}🚀"),
            r#""a\"b\\c\n\u003ci\u003e\u0001🚀""#
        );
    }

    #[test]
    fn markdown_cells_keep_labels_literal() {
        assert_eq!(
            markdown_cell("a|b <img> *x* [l](u) &"),
            r"a\|b &lt;img&gt; \*x\* \[l\](u) &amp;"
        );
    }
}
