//! A self-contained SVG of a timeline, for pages that cannot embed the app (a GitHub README strips
//! iframes): the same lanes, outcome colours and glyphs as the page, with `<title>` and `<desc>`.

use super::decimal::{fixed, Fixed};
use super::markup::markup_text;
use super::narration::describe;
use super::outcome_style::{outcome_style, ColourScheme};
use super::scenario::Scenario;
use super::timeline::{Outcome, Timeline};
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

/// The SVG of `timeline`, a run of `scenario`, in `scheme`'s colours.
pub fn timeline_svg(scenario: &Scenario, timeline: &Timeline, scheme: ColourScheme) -> String {
    let palette = match scheme {
        ColourScheme::Light => &LIGHT,
        ColourScheme::Dark => &DARK,
    };
    let stripes = |outcome| outcome_style(outcome).colour.in_scheme(scheme);
    let end = timeline.totals().last_end_ms.max(1.0);
    let plot_width = WIDTH - LABEL_WIDTH - 16.0;
    let x = |ms: f64| LABEL_WIDTH + ms / end * plot_width;
    let labelled = timeline.tasks.len() <= MAX_LABELLED_LANES;
    let spans: Vec<Option<(f64, f64)>> = timeline
        .tasks
        .iter()
        .map(|t| t.span.map(|s| (s.start_ms, s.end_ms)))
        .collect();
    let (lanes, lane_count) = if labelled {
        (
            (0..timeline.tasks.len() as u32).collect(),
            timeline.tasks.len() as u32,
        )
    } else {
        pack_lanes(&spans)
    };
    let lane_height = if labelled {
        LANE
    } else {
        (400.0 / f64::from(lane_count.max(1))).clamp(1.0, 12.0)
    };
    let plot_bottom = TOP + f64::from(lane_count) * lane_height;
    let sentence = describe(scenario, timeline);
    // Whole pixels, so the PNG export can size its canvas from the attribute.
    let height = (plot_bottom + 64.0).ceil() as u32;
    let width = WIDTH as u32;
    let title = format!(
        "Async Playground: {} tasks awaited with {} in {}",
        timeline.tasks.len(),
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

    let mut svg = format!(
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
        markup_text(&sentence),
        markup_text(&url),
        stripes(Outcome::Cancelled),
        stripes(Outcome::Cancelled),
        stripes(Outcome::Abandoned),
        stripes(Outcome::Abandoned),
        palette.background,
        palette.text,
        markup_text(&title),
    );
    for tick in ticks(end, 6) {
        svg.push_str(&format!(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" stroke-opacity=\"0.25\"/><text x=\"{0}\" y=\"{4}\" fill=\"{5}\" text-anchor=\"{7}\">{6}</text>\n",
            px(x(tick)), px(TOP - 4.0), px(plot_bottom), palette.muted, px(TOP - 10.0), palette.muted, markup_text(&time_label(tick)),
            // Ticks at the right edge are anchored inward so their labels stay in the picture.
            if x(tick) > WIDTH - 40.0 { "end" } else { "middle" }
        ));
    }
    for (index, task) in timeline.tasks.iter().enumerate() {
        let y = TOP + f64::from(lanes[index]) * lane_height;
        if labelled {
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
                px(LABEL_WIDTH), px(y + 2.0), px(plot_width), px(lane_height - 4.0), palette.track, px(y + lane_height * 0.68), palette.text, markup_text(&label)
            ));
        }
        let Some(span) = task.span else { continue };
        let bar_width = (x(span.end_ms) - x(span.start_ms)).max(2.0);
        let (inset, bar_height) = if labelled {
            (3.0, lane_height - 6.0)
        } else {
            (0.0, (lane_height - 0.5).max(0.75))
        };
        svg.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{}\"><title>{}</title></rect>\n",
            px(x(span.start_ms)), px(y + inset), px(bar_width), px(bar_height), fill_of(scheme, task.outcome), markup_text(&format!("{} to {}, {}", time_label(span.start_ms), time_label(span.end_ms), task.outcome.name()))
        ));
        if labelled && bar_width > 14.0 {
            svg.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" fill=\"#111827\" font-weight=\"700\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
                px(x(span.start_ms) + bar_width - 3.0), px(y + lane_height * 0.68), outcome_style(task.outcome).symbol
            ));
        }
    }
    let resume_x = x(timeline.resume.at_ms);
    svg.push_str(&format!(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/><text x=\"{4}\" y=\"{5}\" fill=\"{3}\" font-weight=\"600\" text-anchor=\"{6}\">caller resumes at {7}</text>\n",
        px(resume_x), px(TOP - 2.0), px(plot_bottom + 4.0), palette.text, px(resume_x + if resume_x > WIDTH * 0.75 { -4.0 } else { 4.0 }), px(plot_bottom + 18.0),
        if resume_x > WIDTH * 0.75 { "end" } else { "start" }, markup_text(&time_label(timeline.resume.at_ms))
    ));
    svg.push_str(&format!(
        "<text x=\"16\" y=\"{}\" fill=\"{}\">{}</text>\n<text x=\"16\" y=\"{}\" fill=\"{}\" font-size=\"11\">✓ ok  ✕ failed  ⊘ cancelled  ↷ abandoned · made with Async Playground</text>\n</svg>\n",
        px(plot_bottom + 40.0), palette.text, markup_text(&sentence), px(plot_bottom + 56.0), palette.muted
    ));
    svg
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
