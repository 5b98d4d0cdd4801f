//! A self-contained SVG of one or more timelines on one time axis, for pages that cannot embed the
//! app (a GitHub README strips iframes): the same lanes, outcome colours and glyphs as the page,
//! with `<title>` and `<desc>`. The animated kind plays the run with CSS alone, so it moves inside
//! an `<img>`, where scripts never run.

use std::fmt::Write as _;

use crate::domain::basics::decimal::{fixed, trimmed};
use crate::domain::basics::markup::markup_text;
use crate::domain::explain::narration::describe;
use crate::domain::look::outcome_style::{outcome_style, LEGEND};
use crate::domain::model::comparison::{ComparedRuns, ExportedRun};
use crate::domain::model::display::ColourScheme;
use crate::domain::model::timeline::Outcome;
use crate::domain::pictures::svg_bars::{
    axis, bar_boxes, bar_shapes, lane_labels, marker_labels, marker_lines, running_bar, task_bars,
};
use crate::domain::pictures::svg_plot::{
    end_ms, palette_of, plots_of, px, Palette, Plot, RasterLayer, Showing, DEFAULT_WIDTH,
    LABEL_WIDTH, PLAYHEAD_THICKNESS, PLOT_WIDTH, TOP, WIDTH,
};
use crate::domain::pictures::svg_words::{fitted, header, panel_heading};

/// Whether the picture stands still or plays the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    Still,
    /// Plays the run, holds the end, and loops; under `prefers-reduced-motion`, the end alone.
    Animated,
}

/// Where a rasterizer draws the playhead: the time axis's place in the picture, at the default
/// width, and the playhead's colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlayheadPlace {
    left: f64,
    width: f64,
    end_ms: f64,
    pub top: f64,
    pub bottom: f64,
    pub colour: &'static str,
    /// The playhead's stroke width.
    pub thickness: f64,
}

impl PlayheadPlace {
    /// The playhead's x at `ms` of the run.
    pub fn x(&self, ms: f64) -> f64 {
        // Not `clamp`: its bound check formats floats in its panic message, 9 kB of the writer.
        self.left + ms.max(0.0).min(self.end_ms) / self.end_ms * self.width
    }
}

/// How an animated picture spends its time: the run, slowed to at least two seconds, then a hold
/// on its end, then again. The animated SVG and the GIF both keep to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Playback {
    /// The run's end: where the shared time axis stops.
    pub end_ms: f64,
    /// How long the playhead takes to cross the run.
    pub run_s: f64,
    cycle_s: f64,
}

impl Playback {
    /// How long the end holds before the playback starts again.
    pub const HOLD_S: f64 = 2.5;

    /// The playback of `runs`, drawn on one axis.
    pub fn of_runs(runs: &[ExportedRun]) -> Self {
        Self::of(end_ms(runs))
    }

    fn of(end_ms: f64) -> Self {
        let run_s = (end_ms / 1000.0).clamp(2.0, 10.0);
        Playback {
            end_ms,
            run_s,
            cycle_s: run_s + Self::HOLD_S,
        }
    }

    /// The keyframe percentage at which the playback reaches `ms` of the run.
    fn percent(&self, ms: f64) -> f64 {
        ms.min(self.end_ms) / self.end_ms * self.run_s / self.cycle_s * 100.0
    }

    /// The moment of the run the playhead shows `seconds` into the playback.
    pub fn run_ms_at(&self, seconds: f64) -> f64 {
        (seconds / self.run_s).clamp(0.0, 1.0) * self.end_ms
    }
}

/// The SVG of `runs` stacked on one time axis, in `scheme`'s colours, still or playing, at the
/// default width.
pub fn runs_svg(runs: &ComparedRuns, scheme: ColourScheme, motion: Motion) -> String {
    sized_runs_svg(runs, scheme, motion, DEFAULT_WIDTH)
}

/// [`runs_svg`], `width` pixels wide; the height keeps the picture's proportions.
pub fn sized_runs_svg(
    runs: &ComparedRuns,
    scheme: ColourScheme,
    motion: Motion,
    width: u32,
) -> String {
    let showing = match motion {
        Motion::Still => Showing::End,
        Motion::Animated => Showing::Playback,
    };
    draw(runs, scheme, showing, width)
}

/// One layer a rasterizer draws of `runs`, at the default width. Shapes have crisp edges, so the
/// pixels hold the scheme's colours exactly and only text adds shades.
pub fn raster_svg(runs: &ComparedRuns, scheme: ColourScheme, layer: RasterLayer) -> String {
    draw(runs, scheme, Showing::Raster(layer), DEFAULT_WIDTH)
}

/// Where the animated SVG's playhead runs, for a rasterizer to draw it the same.
pub fn playhead_place(runs: &[ExportedRun], scheme: ColourScheme) -> PlayheadPlace {
    let plots = plots_of(runs, end_ms(runs));
    PlayheadPlace {
        left: LABEL_WIDTH,
        width: PLOT_WIDTH,
        end_ms: end_ms(runs),
        top: plots.first().map_or(TOP, Plot::top) - 4.0,
        bottom: plots.last().map_or(TOP, |plot| plot.bottom) + 4.0,
        colour: palette_of(scheme).muted,
        thickness: PLAYHEAD_THICKNESS,
    }
}

fn draw(runs: &ComparedRuns, scheme: ColourScheme, showing: Showing, width: u32) -> String {
    let palette = &palette_of(scheme);
    let end_ms = end_ms(runs);
    let plots = plots_of(runs, end_ms);
    let bottom = plots.last().map_or(TOP, |plot| plot.bottom);
    let sentences: Vec<String> = runs
        .iter()
        .map(|run| describe(&run.scenario, &run.timeline))
        .collect();
    let playback = Playback::of(end_ms);
    let mut svg = header(runs, scheme, palette, bottom, &sentences, showing, width);
    if showing == Showing::Playback {
        animation(&mut svg, runs, &playback, bottom);
    }
    for (run, plot) in runs.iter().zip(&plots) {
        frame(&mut svg, run, palette, plot, runs.len() > 1);
    }
    // What the run draws over time; an animation reveals it as the playhead passes.
    let drawn = match showing {
        Showing::End => "<g>\n",
        Showing::Playback => "<g clip-path=\"url(#so-far)\">\n",
        Showing::Raster(layer) if layer.drawn => "<g>\n",
        Showing::Raster(_) => "<g display=\"none\">\n",
    };
    svg.push_str(drawn);
    for (run, plot) in runs.iter().zip(&plots) {
        run_bars(&mut svg, run, plot, scheme, showing, &playback);
        marker_lines(&mut svg, run, palette, plot);
    }
    svg.push_str("</g>\n");
    // The animation moves the playhead from its place at the run's end.
    if showing == Showing::Playback {
        playhead(&mut svg, &playhead_place(runs, scheme), end_ms);
    }
    for (index, ((plot, sentence), run)) in
        plots.iter().zip(&sentences).zip(runs.iter()).enumerate()
    {
        // A layer before its caller resumes has nothing to say yet; once it has, each sentence and
        // marker label shows whole, never cut at the playhead.
        if matches!(showing, Showing::Raster(layer) if layer.said_by_ms < run.timeline.resume.at_ms)
        {
            continue;
        }
        marker_labels(&mut svg, run, palette, plot, index);
        let _ = writeln!(
            svg,
            r#"<text class="said{index}" x="16" y="{}" fill="{}"{}>{}</text>"#,
            px(plot.bottom + 40.0),
            palette.text,
            fitted(sentence, 12.0),
            markup_text(sentence)
        );
    }
    footer(&mut svg, runs, palette, bottom);
    svg
}

/// A run's frame: its heading among several, its axis and its lanes' labels.
fn frame(svg: &mut String, run: &ExportedRun, palette: &Palette, plot: &Plot, headed: bool) {
    if headed {
        let _ = writeln!(
            svg,
            r#"<text x="16" y="{}" font-size="13" font-weight="600" fill="{}">{}</text>"#,
            px(plot.origin + 24.0),
            palette.text,
            markup_text(&panel_heading(run))
        );
    }
    axis(svg, palette, plot);
    lane_labels(svg, run, palette, plot);
}

/// The playhead, drawn at the run's end, where a picture without motion leaves it.
fn playhead(svg: &mut String, place: &PlayheadPlace, end_ms: f64) {
    let _ = writeln!(
        svg,
        r#"<line class="playhead" x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="{4}"/>"#,
        px(place.x(end_ms)),
        px(place.top),
        px(place.bottom),
        place.colour,
        trimmed(place.thickness, 1),
    );
}

/// The bars of one run: a bar is drawn as running until its end, then in its outcome, as the page
/// draws a live run. An animation covers each outcome with a running bar that vanishes at its end
/// (hidden by its own attribute, so the still end shows with the animation off); a rasterizer draws
/// the running layer apart, for the bars the playhead is crossing.
fn run_bars(
    svg: &mut String,
    run: &ExportedRun,
    plot: &Plot,
    scheme: ColourScheme,
    showing: Showing,
    playback: &Playback,
) {
    let running_layer = matches!(showing, Showing::Raster(layer) if layer.running);
    for index in 0..run.timeline.tasks.len() {
        let shapes = bar_shapes(&run.timeline, index, plot);
        if !running_layer {
            let outcome = run.timeline.tasks[index].outcome;
            task_bars(svg, outcome, &shapes, scheme, plot);
        }
        for shape in &shapes {
            match showing {
                Showing::Playback => {
                    let step = appearance_step(playback.percent(shape.place.end_ms));
                    let hidden = format!(" class=\"r{step}\" opacity=\"0\"");
                    running_bar(svg, shape, scheme, &hidden);
                }
                _ if running_layer => running_bar(svg, shape, scheme, ""),
                _ => {}
            }
        }
    }
}

/// The key to the outcomes shown (hung only where a task hung: only a blocked caller leaves one),
/// and the picture's end.
fn footer(svg: &mut String, runs: &ComparedRuns, palette: &Palette, bottom: f64) {
    let any_hung = runs.iter().any(|run| run.timeline.count(Outcome::Hung) > 0);
    let key: Vec<String> = LEGEND
        .iter()
        .filter(|&&outcome| outcome != Outcome::Running && (outcome != Outcome::Hung || any_hung))
        .map(|&outcome| {
            let style = outcome_style(outcome);
            format!("{} {}", style.symbol, style.words)
        })
        .collect();
    let _ = writeln!(
        svg,
        r#"<text x="16" y="{}" fill="{}" font-size="11">{} · made with Async Playground</text>
</svg>"#,
        px(bottom + 56.0),
        palette.muted,
        key.join("  ")
    );
}

/// The style and clip that play the run: a clip whose right edge is the playhead reveals the bars
/// and markers as it passes, and each sentence appears when its caller resumes. The elements' own
/// attributes are the run's end, so with the animation off (reduced motion) the end is what shows.
fn animation(svg: &mut String, runs: &[ExportedRun], playback: &Playback, bottom: f64) {
    let cycle = fixed(playback.cycle_s, 2);
    let ended_percent = playback.percent(playback.end_ms);
    let (ended, settled) = (fixed(ended_percent, 2), fixed(ended_percent + 0.5, 2));
    let plot_width = px(PLOT_WIDTH);
    let margin = px(WIDTH - LABEL_WIDTH - PLOT_WIDTH);
    let _ = write!(
        svg,
        "<style>\n\
         .playhead{{opacity:0;animation:head {cycle}s linear infinite}}\n\
         #so-far rect{{animation:sweep {cycle}s linear infinite}}\n\
         @keyframes head{{0%{{opacity:1;transform:translateX(-{plot_width}px)}}{ended}%{{opacity:1;transform:translateX(0)}}{settled}%,100%{{opacity:0;transform:translateX(0)}}}}\n\
         @keyframes sweep{{0%{{transform:translateX(-{}px)}}{ended}%{{transform:translateX(-{margin}px)}}{settled}%,100%{{transform:translateX(0)}}}}\n",
        px(WIDTH - LABEL_WIDTH),
    );
    for (index, run) in runs.iter().enumerate() {
        let said = fixed(playback.percent(run.timeline.resume.at_ms), 2);
        let _ = writeln!(
            svg,
            ".said{index}{{animation:said{index} {cycle}s step-end infinite}}\n@keyframes said{index}{{0%{{opacity:0}}{said}%,100%{{opacity:1}}}}"
        );
    }
    // Each bar runs until its end, in steps of a quarter of a percent of the playback.
    let mut steps: Vec<u32> = bar_boxes(runs)
        .iter()
        .map(|bar| appearance_step(playback.percent(bar.end_ms)))
        .collect();
    steps.sort_unstable();
    steps.dedup();
    for step in steps {
        let at = fixed(f64::from(step) / 4.0, 2);
        let _ = writeln!(
            svg,
            ".r{step}{{animation:r{step} {cycle}s step-end infinite}}\n@keyframes r{step}{{0%{{opacity:1}}{at}%,100%{{opacity:0}}}}"
        );
    }
    let _ = writeln!(
        svg,
        r#"@media (prefers-reduced-motion:reduce){{*{{animation:none!important}}}}
</style>
<clipPath id="so-far"><rect x="{}" y="0" width="{}" height="{}"/></clipPath>"#,
        px(-WIDTH),
        px(2.0 * WIDTH),
        px(bottom + 64.0)
    );
}

/// The step (a quarter of a percent of the playback) at which something at `percent` appears.
fn appearance_step(percent: f64) -> u32 {
    (percent * 4.0).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::basics::named_choice::NamedChoice;
    use crate::domain::explain::timeline_title::heading;
    use crate::domain::look::outcome_style::SURFACE;
    use crate::domain::model::comparison::Comparison;
    use crate::domain::model::language::Language;
    use crate::domain::model::mode::Mode;
    use crate::domain::model::scenario::Scenario;
    use crate::domain::model::scenario::TaskSpec;
    use crate::domain::pictures::svg_words::runs_link;

    use crate::domain::simulator::predicted_runs as runs_of;

    fn still(scenario: &Scenario, language: Language, scheme: ColourScheme) -> String {
        runs_svg(
            &runs_of(scenario, language, Comparison::None),
            scheme,
            Motion::Still,
        )
    }

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
        let svg = still(&scenario, Language::JavaScript, ColourScheme::Light);
        assert!(!svg.contains("<i>"), "{svg}");
        assert!(svg.contains(">x&lt;i&gt;&apos;1&apos;&lt;/i&gt;&amp;</text>"));
        assert!(svg.contains("db&quot;q"));
        assert!(svg.contains("<title id=\"title\">") && svg.contains("<desc id=\"desc\">"));
    }

    #[test]
    fn the_dark_palette_is_used_when_asked() {
        let scenario = Scenario::default();
        assert!(still(&scenario, Language::Rust, ColourScheme::Dark).contains(SURFACE.dark));
        assert!(still(&scenario, Language::Rust, ColourScheme::Light).contains(SURFACE.light));
    }

    /// The animated SVG draws each bar running until its end, its outcome appearing then, and
    /// every marker label appears whole when its caller resumes, not cut by the playhead's clip.
    #[test]
    fn an_animation_shows_each_outcome_at_its_end_and_each_label_whole() {
        let scenario: Scenario = "tasks=a:400,b:200:100&mode=join_all".parse().unwrap();
        let runs = runs_of(&scenario, Language::JavaScript, Comparison::None);
        let svg = runs_svg(&runs, ColourScheme::Light, Motion::Animated);
        let playback = Playback::of_runs(&runs);
        let failed_at = appearance_step(playback.percent(200.0));
        let running = outcome_style(Outcome::Running).colour.light;
        let covering = format!("<rect class=\"r{failed_at}\" opacity=\"0\"");
        assert!(svg.contains(&covering), "{svg}");
        let keyframes = format!(
            "@keyframes r{failed_at}{{0%{{opacity:1}}{}%,100%{{opacity:0}}}}",
            fixed(f64::from(failed_at) / 4.0, 2)
        );
        assert!(svg.contains(&keyframes), "{svg}");
        assert_eq!(svg.matches(&format!("fill=\"{running}\"/>")).count(), 2);
        assert!(
            svg.contains("<text class=\"said0\" x=\"")
                && svg.contains(">caller resumes at 200 ms</text>")
        );
        let clipped = &svg[svg.find("clip-path=\"url(#so-far)\">").unwrap()
            ..svg.find("class=\"playhead\"").unwrap()];
        assert!(!clipped.contains("caller resumes at"), "{clipped}");
        // The still picture has no animation and no running underlay.
        let still = runs_svg(&runs, ColourScheme::Light, Motion::Still);
        assert!(!still.contains("class=\"r") && !still.contains(&format!("fill=\"{running}\"/>")));
    }

    #[test]
    fn a_comparison_draws_every_timeline_and_links_back_to_itself() {
        let scenario = Scenario::default();
        let runs = runs_of(&scenario, Language::CSharp, Comparison::Languages);
        let svg = runs_svg(&runs, ColourScheme::Light, Motion::Still);
        for language in Language::ALL {
            let heading = format!("{}</text>", heading(scenario.mode, *language));
            assert!(svg.contains(&heading), "no {heading:?} in {svg}");
        }
        for idiom in [
            "Task.WhenAll in C#",
            "Promise.all in JavaScript",
            "asyncio.gather in Python",
        ] {
            assert!(svg.contains(idiom), "{idiom}");
        }
        assert_eq!(
            svg.matches("stroke-dasharray=\"5 3\"").count(),
            4,
            "a resume marker each"
        );
        assert!(svg.contains("compare=languages"));
        let sequential = runs_of(&scenario, Language::Rust, Comparison::Sequential);
        assert!(runs_link(&sequential).contains("compare=sequential"));
        assert!(
            !runs_link(&runs_of(&scenario, Language::Rust, Comparison::None)).contains("compare")
        );
    }

    #[test]
    fn an_animation_plays_with_css_alone_and_ends_still_under_reduced_motion() {
        let scenario = Scenario::default();
        let runs = runs_of(&scenario, Language::JavaScript, Comparison::Sequential);
        let svg = runs_svg(&runs, ColourScheme::Light, Motion::Animated);
        assert!(!svg.contains("<script"));
        assert!(svg.contains("@keyframes sweep") && svg.contains("clip-path=\"url(#so-far)\""));
        assert!(svg.contains("@keyframes said0") && svg.contains("@keyframes said1"));
        assert!(svg.contains("infinite"), "it loops");
        assert!(svg.contains("prefers-reduced-motion:reduce){*{animation:none!important}}"));
        let still = runs_svg(&runs, ColourScheme::Light, Motion::Still);
        assert!(!still.contains("@keyframes"));
    }

    #[test]
    fn the_playback_slows_short_runs_and_holds_the_end() {
        let short = Playback::of(500.0);
        assert_eq!(short.run_s, 2.0);
        assert_eq!(short.percent(500.0), 2.0 / 4.5 * 100.0);
        assert_eq!(short.percent(250.0), short.percent(500.0) / 2.0);
        assert_eq!(Playback::of(60_000.0).run_s, 10.0);
    }
}
