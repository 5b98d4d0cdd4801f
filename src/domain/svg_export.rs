//! A self-contained SVG of a timeline, for pages that cannot embed the app (a GitHub README strips
//! iframes): the same lanes, outcome colours and glyphs as the page, with `<title>` and `<desc>`.

use super::decimal::{fixed, Fixed};
use super::markup::markup_text;
use super::narration::describe;
use super::outcome_style::{outcome_style, ColourScheme, LEGEND};
use super::scenario::Scenario;
use super::timeline::{Outcome, Received, Timeline};
use super::timeline_layout::{pack_lanes, ticks, time_label, MAX_LABELLED_LANES};
use super::url_codec::{encode, DisplayOptions};

/// The colours of one scheme besides the outcomes' (those are in `outcome_style`); the same values as
/// the page's CSS tokens.
struct Palette {
    background: &'static str,
    text: &'static str,
    muted: &'static str,
    track: &'static str,
}

const LIGHT: Palette = Palette {
    background: "#ffffff",
    text: "#1a2030",
    muted: "#4a5468",
    track: "#eef1f6",
};

const DARK: Palette = Palette {
    background: "#171e2a",
    text: "#e6eaf2",
    muted: "#a9b3c4",
    track: "#1d2533",
};

const WIDTH: f64 = 960.0;
const LABEL_WIDTH: f64 = 150.0;
const LANE: f64 = 22.0;
const TOP: f64 = 56.0;

/// A coordinate to a tenth of a pixel, more than any screen shows.
fn px(coordinate: f64) -> Fixed {
    fixed(coordinate, 1)
}

/// A solid colour, or the stripes defined for a striped outcome.
fn fill_of(scheme: ColourScheme, outcome: Outcome) -> String {
    let style = outcome_style(outcome);
    if style.striped {
        format!("url(#{})", style.name)
    } else {
        style.colour.in_scheme(scheme).to_owned()
    }
}

/// Where things go in the picture.
struct Plot {
    end_ms: f64,
    plot_width: f64,
    /// Each task's lane: its own when labelled, else packed.
    lanes: Vec<u32>,
    lane_height: f64,
    labelled: bool,
    bottom: f64,
}

impl Plot {
    fn of(timeline: &Timeline) -> Self {
        let labelled = timeline.tasks.len() <= MAX_LABELLED_LANES;
        let (lanes, lane_count) = if labelled {
            let count = timeline.tasks.len() as u32;
            ((0..count).collect(), count)
        } else {
            let spans: Vec<Option<(f64, f64)>> = timeline
                .tasks
                .iter()
                .map(|t| t.span.map(|s| (s.start_ms, s.end_ms)))
                .collect();
            pack_lanes(&spans)
        };
        let lane_height = if labelled {
            LANE
        } else {
            (400.0 / f64::from(lane_count.max(1))).clamp(1.0, 12.0)
        };
        Plot {
            end_ms: timeline.totals().last_end_ms.max(1.0),
            plot_width: WIDTH - LABEL_WIDTH - 16.0,
            lanes,
            lane_height,
            labelled,
            bottom: TOP + f64::from(lane_count) * lane_height,
        }
    }

    fn x(&self, ms: f64) -> f64 {
        LABEL_WIDTH + ms / self.end_ms * self.plot_width
    }
}

/// The SVG of `timeline`, a run of `scenario`, in `scheme`'s colours.
pub fn timeline_svg(scenario: &Scenario, timeline: &Timeline, scheme: ColourScheme) -> String {
    let palette = match scheme {
        ColourScheme::Light => &LIGHT,
        ColourScheme::Dark => &DARK,
    };
    let plot = Plot::of(timeline);
    let sentence = describe(scenario, timeline);
    let mut svg = header(scenario, timeline, scheme, palette, &plot, &sentence);
    axis(&mut svg, palette, &plot);
    for index in 0..timeline.tasks.len() {
        task_lane(&mut svg, scenario, timeline, index, scheme, palette, &plot);
    }
    resume_marker(&mut svg, scenario, timeline, palette, &plot);
    let key: Vec<String> = LEGEND[..4]
        .iter()
        .map(|&outcome| {
            let style = outcome_style(outcome);
            format!("{} {}", style.symbol, style.words)
        })
        .collect();
    svg.push_str(&format!(
        "<text x=\"16\" y=\"{}\" fill=\"{}\">{}</text>\n<text x=\"16\" y=\"{}\" fill=\"{}\" font-size=\"11\">{} · made with Async Playground</text>\n</svg>\n",
        px(plot.bottom + 40.0), palette.text, markup_text(&sentence), px(plot.bottom + 56.0), palette.muted, key.join("  ")
    ));
    svg
}

/// The root element, its title and description (the result in words, and the scenario), the stripes,
/// the background and the heading.
fn header(
    scenario: &Scenario,
    timeline: &Timeline,
    scheme: ColourScheme,
    palette: &Palette,
    plot: &Plot,
    sentence: &str,
) -> String {
    let stripes = |outcome| outcome_style(outcome).colour.in_scheme(scheme);
    // Whole pixels, so the PNG export can size its canvas from the attribute.
    let height = (plot.bottom + 64.0).ceil() as u32;
    let width = WIDTH as u32;
    let deadline = scenario
        .deadline_ms()
        .map(|ms| format!(", for at most {ms} ms"))
        .unwrap_or_default();
    let title = format!(
        "Async Playground: {} tasks {} {} in {}{deadline}",
        timeline.tasks.len(),
        timeline.mode.caller_verb(),
        timeline.mode,
        timeline.language.display_name()
    );
    let url = encode(
        scenario,
        &DisplayOptions {
            language: timeline.language,
            ..DisplayOptions::default()
        },
    );
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="title desc" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">
<title id="title">{}</title>
<desc id="desc">{} Scenario: ?{}</desc>
<defs>
<pattern id="cancelled" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(135)"><rect width="7" height="7" fill="{}" opacity="0.25"/><rect width="4" height="7" fill="{}"/></pattern>
<pattern id="abandoned" width="9" height="9" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="9" height="9" fill="{}" opacity="0.45"/><rect width="5" height="9" fill="{}"/></pattern>
</defs>
<rect width="100%" height="100%" fill="{}"/>
<text x="16" y="24" font-size="15" font-weight="600" fill="{}">{}</text>
"#,
        markup_text(&title),
        markup_text(sentence),
        markup_text(&url),
        stripes(Outcome::Cancelled),
        stripes(Outcome::Cancelled),
        stripes(Outcome::Abandoned),
        stripes(Outcome::Abandoned),
        palette.background,
        palette.text,
        markup_text(&title),
    )
}

/// The time axis: a faint line and a label per tick.
fn axis(svg: &mut String, palette: &Palette, plot: &Plot) {
    for tick in ticks(plot.end_ms, 6) {
        let x = plot.x(tick);
        svg.push_str(&format!(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" stroke-opacity=\"0.25\"/><text x=\"{0}\" y=\"{4}\" fill=\"{5}\" text-anchor=\"{7}\">{6}</text>\n",
            px(x), px(TOP - 4.0), px(plot.bottom), palette.muted, px(TOP - 10.0), palette.muted, markup_text(&time_label(tick)),
            // Ticks at the right edge are anchored inward so their labels stay in the picture.
            if x > WIDTH - 40.0 { "end" } else { "middle" }
        ));
    }
}

/// One task: its label and track when lanes are labelled, and its bar with a tooltip and glyph.
fn task_lane(
    svg: &mut String,
    scenario: &Scenario,
    timeline: &Timeline,
    index: usize,
    scheme: ColourScheme,
    palette: &Palette,
    plot: &Plot,
) {
    let task = &timeline.tasks[index];
    let lane_height = plot.lane_height;
    let y = TOP + f64::from(plot.lanes[index]) * lane_height;
    if plot.labelled {
        let full = scenario
            .tasks
            .get(index)
            .map_or_else(String::new, |t| t.display_label(index as u32));
        // The label column is narrow: long labels are cut, and the bar's tooltip keeps the whole one.
        let label: String = if full.chars().count() > 20 {
            full.chars().take(19).chain(['…']).collect()
        } else {
            full
        };
        svg.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/><text x=\"16\" y=\"{}\" fill=\"{}\">{}</text>\n",
            px(LABEL_WIDTH), px(y + 2.0), px(plot.plot_width), px(lane_height - 4.0), palette.track, px(y + lane_height * 0.68), palette.text, markup_text(&label)
        ));
    }
    let Some(span) = task.span else { return };
    let (inset, bar_height) = if plot.labelled {
        (3.0, lane_height - 6.0)
    } else {
        (0.0, (lane_height - 0.5).max(0.75))
    };
    // Failed attempts that were tried again: thin bars of their own, as on the page.
    for attempt in task.retried_attempts() {
        let x = plot.x(attempt.start_ms);
        svg.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"1\" fill=\"{}\"><title>{}</title></rect>\n",
            px(x), px(y + inset + bar_height / 3.0), px((plot.x(attempt.end_ms) - x).max(2.0)), px(bar_height / 3.0), fill_of(scheme, Outcome::Error), markup_text(&format!("{} to {}, attempt failed", time_label(attempt.start_ms), time_label(attempt.end_ms)))
        ));
    }
    let bar_start_ms = task.bar_start_ms().unwrap_or(span.start_ms);
    let start_x = plot.x(bar_start_ms);
    let bar_width = (plot.x(span.end_ms) - start_x).max(2.0);
    svg.push_str(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{}\"><title>{}</title></rect>\n",
        px(start_x), px(y + inset), px(bar_width), px(bar_height), fill_of(scheme, task.outcome), markup_text(&format!("{} to {}, {}", time_label(bar_start_ms), time_label(span.end_ms), task.outcome.name()))
    ));
    if plot.labelled && bar_width > 14.0 {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" fill=\"#111827\" font-weight=\"700\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
            px(start_x + bar_width - 3.0), px(y + lane_height * 0.68), outcome_style(task.outcome).symbol
        ));
    }
}

/// The dashed line where the caller resumed, labelled with the time; where it gave up at its deadline,
/// the label says so. A deadline the caller beat gets a dotted line of its own, if it is on the axis.
fn resume_marker(
    svg: &mut String,
    scenario: &Scenario,
    timeline: &Timeline,
    palette: &Palette,
    plot: &Plot,
) {
    let timed_out = timeline.resume.received == Received::TimedOut;
    let mut marker = |at_ms: f64, dashes: &str, text: String| {
        let x = plot.x(at_ms);
        let near_the_right = x > WIDTH * 0.75;
        svg.push_str(&format!(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"2\" stroke-dasharray=\"{dashes}\"/><text x=\"{4}\" y=\"{5}\" fill=\"{3}\" font-weight=\"600\" text-anchor=\"{6}\">{7}</text>\n",
            px(x), px(TOP - 2.0), px(plot.bottom + 4.0), palette.text, px(x + if near_the_right { -4.0 } else { 4.0 }), px(plot.bottom + 18.0),
            if near_the_right { "end" } else { "start" }, markup_text(&text)
        ));
    };
    let at = time_label(timeline.resume.at_ms);
    if timed_out {
        marker(
            timeline.resume.at_ms,
            "5 3",
            format!("deadline: caller gives up at {at}"),
        );
        return;
    }
    let verb = match timeline.resume.received {
        Received::Started => "moves on",
        _ => "resumes",
    };
    marker(
        timeline.resume.at_ms,
        "5 3",
        format!("caller {verb} at {at}"),
    );
    if let Some(deadline) = scenario
        .deadline_ms()
        .map(f64::from)
        .filter(|&d| d <= plot.end_ms)
    {
        marker(
            deadline,
            "2 3",
            format!("deadline {}", time_label(deadline)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::language::Language;
    use crate::domain::mode::Mode;
    use crate::domain::scenario::TaskSpec;
    use crate::domain::simulator::simulate;

    #[test]
    fn labels_holding_markup_stay_text() {
        let scenario = Scenario {
            tasks: vec![
                TaskSpec::io(Some("x<i>'1'</i>&"), 100),
                TaskSpec::io(Some("db\"q"), 50).failing(100),
            ],
            mode: Mode::JoinAll,
            ..Scenario::default()
        };
        let svg = timeline_svg(
            &scenario,
            &simulate(&scenario, Language::JavaScript),
            ColourScheme::Light,
        );
        assert!(!svg.contains("<i>"), "{svg}");
        assert!(svg.contains(">x&lt;i&gt;&apos;1&apos;&lt;/i&gt;&amp;</text>"));
        assert!(svg.contains("db&quot;q"));
        assert!(svg.contains("<title id=\"title\">") && svg.contains("<desc id=\"desc\">"));
    }

    #[test]
    fn the_dark_palette_is_used_when_asked() {
        let scenario = Scenario::default();
        let timeline = simulate(&scenario, Language::Rust);
        assert!(timeline_svg(&scenario, &timeline, ColourScheme::Dark).contains(DARK.background));
        assert!(timeline_svg(&scenario, &timeline, ColourScheme::Light).contains(LIGHT.background));
    }
}
