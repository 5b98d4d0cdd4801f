//! The words of an SVG picture: its title (with a comparison's speed-up), header, panel headings and description, lines squeezed to fit, and the link that opens the runs again.

use crate::domain::basics::decimal::{counted, time_label};
use crate::domain::basics::markup::markup_text;
use crate::domain::explain::narration::describe;
use crate::domain::explain::speed_up::speed_up;
use crate::domain::explain::timeline_title::{awaited_title, heading, idiom_name};
use crate::domain::link::url_codec::encode;
use crate::domain::look::outcome_style::outcome_style;
use crate::domain::model::comparison::{ComparedRuns, Comparison, ExportedRun};
use crate::domain::model::display::ColourScheme;
use crate::domain::model::display::DisplayOptions;
use crate::domain::model::timeline::Outcome;
use crate::domain::pictures::svg_plot::{
    px, scaled_height, Palette, Showing, DEFAULT_WIDTH, WIDTH,
};

impl ExportedRun {
    /// The run's heading among several: its mode and language.
    pub fn heading(&self) -> String {
        heading(self.timeline.mode, self.timeline.language)
    }

    /// ", for at most …" when the caller has a deadline.
    fn deadline_note(&self) -> String {
        self.scenario
            .deadline_ms()
            .map(|ms| format!(", for at most {}", time_label(f64::from(ms))))
            .unwrap_or_default()
    }
}

/// The link that opens `runs` again: the first run's scenario and language, and the comparison.
pub fn runs_link(runs: &ComparedRuns) -> String {
    runs.first().map_or_else(String::new, |first| {
        encode(
            &first.scenario,
            &DisplayOptions {
                language: first.timeline.language,
                compare: runs.comparison,
                ..DisplayOptions::default()
            },
        )
    })
}

/// A timeline's heading among several: its mode and language, and the deadline if it has one.
pub(crate) fn panel_heading(run: &ExportedRun) -> String {
    format!("{}{}", run.heading(), run.deadline_note())
}

/// The picture's title: the tasks, how the caller awaits them and in which language, and what the
/// timelines beside them compare, with the speed-up the page's header states.
pub(crate) fn title(runs: &ComparedRuns) -> String {
    let Some(first) = runs.first() else {
        return "Async Playground".to_owned();
    };
    let (tasks, mode) = (first.timeline.tasks.len(), first.timeline.mode);
    let awaited = awaited_title(tasks, mode, first.timeline.language);
    let deadline = first.deadline_note();
    match runs.comparison {
        Comparison::None => format!("Async Playground: {awaited}{deadline}"),
        Comparison::Sequential => {
            let beside = runs.get(1).map_or_else(String::new, |sequential| {
                let figures = speed_up(&first.timeline, &sequential.timeline, mode);
                let against = format!(
                    "{}{} against {} one after another{}",
                    figures.concurrent,
                    figures.concurrent_note,
                    figures.sequential,
                    figures.sequential_note
                );
                match figures.faster {
                    Some(faster) => format!(": {faster} ({against})"),
                    None => format!(": {against}"),
                }
            });
            format!("Async Playground: {awaited}{deadline}{beside}")
        }
        Comparison::Languages => {
            let idioms: Vec<&str> = runs
                .iter()
                .map(|run| idiom_name(mode, run.timeline.language))
                .collect();
            format!(
                "Async Playground: {} {} {}{deadline}",
                counted(tasks, "task", "tasks"),
                mode.caller_verb(),
                idioms.join(" / ")
            )
        }
    }
}

/// The picture in words, for alt text: its title, then what each caller received.
pub fn runs_description(runs: &ComparedRuns) -> String {
    let sentences: Vec<String> = runs
        .iter()
        .map(|run| describe(&run.scenario, &run.timeline))
        .collect();
    format!("{}. {}", title(runs), sentences.join(" "))
}

/// The root element, its title and description (each result in words, and the link), the stripes and
/// the background.
pub(crate) fn header(
    runs: &ComparedRuns,
    scheme: ColourScheme,
    palette: &Palette,
    bottom: f64,
    sentences: &[String],
    showing: Showing,
    width: u32,
) -> String {
    let stripes = |outcome| outcome_style(outcome).colour.in_scheme(scheme);
    // Whole pixels, so a canvas can be sized from the attributes.
    let view_height = (bottom + 64.0).ceil() as u32;
    let height = scaled_height(view_height, width);
    let view_width = DEFAULT_WIDTH;
    // A rasterizer draws shapes without anti-aliasing, so their pixels keep the scheme's colours.
    let rendering = match showing {
        Showing::Raster(_) => r#" shape-rendering="crispEdges""#,
        Showing::End | Showing::Playback => "",
    };
    let title = title(runs);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view_width} {view_height}" width="{width}" height="{height}" role="img" aria-labelledby="title desc" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12"{rendering}>
<title id="title">{}</title>
<desc id="desc">{} Scenario: ?{}</desc>
<defs>
<pattern id="cancelled" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(135)"><rect width="7" height="7" fill="{}" opacity="0.25"/><rect width="4" height="7" fill="{}"/></pattern>
<pattern id="abandoned" width="9" height="9" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="9" height="9" fill="{}" opacity="0.45"/><rect width="5" height="9" fill="{}"/></pattern>
<pattern id="hung" width="9" height="9" patternUnits="userSpaceOnUse"><rect width="9" height="9" fill="{}" opacity="0.45"/><rect width="5" height="9" fill="{}"/></pattern>
</defs>
<rect width="100%" height="100%" fill="{}"/>
<text x="16" y="24" font-size="15" font-weight="600" fill="{}"{}>{}</text>
"#,
        markup_text(&title),
        markup_text(&sentences.join(" ")),
        markup_text(&runs_link(runs)),
        stripes(Outcome::Cancelled),
        stripes(Outcome::Cancelled),
        stripes(Outcome::Abandoned),
        stripes(Outcome::Abandoned),
        stripes(Outcome::Hung),
        stripes(Outcome::Hung),
        palette.background,
        palette.text,
        fitted(&title, 15.0),
        markup_text(&title),
    )
}

/// For a line of `text` at `font_size` that may not fit between the picture's margins: the
/// attributes that squeeze it to fit, so that no sentence is cut at the edge, whatever the font.
/// Empty for a line that fits. The estimate is generous (DejaVu Sans, the rasterizer's font, is
/// among the widest), so a line near the limit is squeezed a little rather than cut.
pub fn fitted(text: &str, font_size: f64) -> String {
    const EM_PER_CHAR: f64 = 0.62;
    let room = WIDTH - 32.0;
    let estimate = text.chars().count() as f64 * font_size * EM_PER_CHAR;
    if estimate <= room {
        return String::new();
    }
    format!(
        " textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
        px(room)
    )
}
