//! A self-contained SVG of one or more timelines on one time axis, for pages that cannot embed the
//! app (a GitHub README strips iframes): the same lanes, outcome colours and glyphs as the page,
//! with `<title>` and `<desc>`. The animated kind plays the run with CSS alone, so it moves inside
//! an `<img>`, where scripts never run.

use std::fmt::Write as _;

use crate::domain::basics::decimal::{counted, fixed, time_label, trimmed, Fixed};
use crate::domain::basics::markup::markup_text;
use crate::domain::explain::narration::describe;
use crate::domain::explain::speed_up::speed_up;
use crate::domain::explain::timeline_title::{awaited_title, heading, idiom_name};
use crate::domain::link::url_codec::encode;
use crate::domain::look::outcome_style::{outcome_style, LEGEND, SURFACE, TEXT, TEXT_MUTED, TRACK};
use crate::domain::look::timeline_layout::{pack_lanes, ticks, MAX_LABELLED_LANES};
use crate::domain::model::comparison::{Comparison, ExportedRun};
use crate::domain::model::display::ColourScheme;
use crate::domain::model::display::DisplayOptions;
use crate::domain::model::timeline::{Outcome, Received, Timeline};
use crate::domain::semantics::blocking::shown_deadline_ms;

/// The colours of one scheme besides the outcomes' (those are in `outcome_style`): the page's own.
struct Palette {
    background: &'static str,
    text: &'static str,
    muted: &'static str,
    track: &'static str,
}

const WIDTH: f64 = 960.0;
const LABEL_WIDTH: f64 = 150.0;
const PLOT_WIDTH: f64 = WIDTH - LABEL_WIDTH - 16.0;
const LANE: f64 = 22.0;
/// From the top of a timeline's panel to its first lane.
const TOP: f64 = 56.0;
/// Below several panels' shared title, where the first panel starts.
const FIRST_PANEL: f64 = 28.0;
/// From one panel's last lane to the next panel, past its marker label and its sentence.
const PANEL_GAP: f64 = 48.0;

/// The width every picture is laid out at; `--width` scales the whole picture from it.
pub const DEFAULT_WIDTH: u32 = WIDTH as u32;

/// Whether the picture stands still or plays the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    Still,
    /// Plays the run, holds the end, and loops; under `prefers-reduced-motion`, the end alone.
    Animated,
}

/// What one drawing shows: for a browser, the end of the run or the whole playback as CSS; for a
/// rasterizer, one layer a GIF's frames are cut from.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Showing {
    End,
    Playback,
    Raster(RasterLayer),
}

/// A picture a rasterizer cuts frames from: the run's bars and markers all drawn or none (or every
/// bar as still running), and the sentences and marker labels of the callers that resumed by
/// `said_by_ms`. A frame is the drawn layer left of the playhead and the undrawn one right of it,
/// with the running layer over each bar the playhead is crossing; the layer with everything is the
/// still picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RasterLayer {
    pub drawn: bool,
    /// Every bar drawn as running, as a live run draws it before it ends.
    pub running: bool,
    pub said_by_ms: f64,
}

impl RasterLayer {
    /// The end of the run: everything drawn and said.
    pub const END: RasterLayer = RasterLayer {
        drawn: true,
        running: false,
        said_by_ms: f64::INFINITY,
    };
}

/// Where a bar is drawn, at the default width, and when its task's attempt ends: until then an
/// animation draws it as running.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BarBox {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub end_ms: f64,
}

/// Every bar of `runs` (failed attempts included) with its place and end.
pub fn bar_boxes(runs: &[ExportedRun]) -> Vec<BarBox> {
    let plots = plots_of(runs, end_ms(runs));
    let mut boxes = Vec::new();
    for (run, plot) in runs.iter().zip(&plots) {
        for index in 0..run.timeline.tasks.len() {
            boxes.extend(
                bar_shapes(&run.timeline, index, plot)
                    .into_iter()
                    .map(|shape| shape.place),
            );
        }
    }
    boxes
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

/// What several runs of one scenario compare: each language, or the chosen mode and one after
/// another. A link to them says so with `compare=`.
pub fn comparison_of(runs: &[ExportedRun]) -> Comparison {
    match runs {
        [] | [_] => Comparison::None,
        [first, rest @ ..]
            if rest
                .iter()
                .any(|r| r.timeline.language != first.timeline.language) =>
        {
            Comparison::Languages
        }
        _ => Comparison::Sequential,
    }
}

/// The link that opens `runs` again: the first run's scenario, language and comparison.
pub fn runs_link(runs: &[ExportedRun]) -> String {
    runs.first().map_or_else(String::new, |first| {
        encode(
            &first.scenario,
            &DisplayOptions {
                language: first.timeline.language,
                compare: comparison_of(runs),
                ..DisplayOptions::default()
            },
        )
    })
}

/// A coordinate to a tenth of a pixel, more than any screen shows.
fn px(coordinate: f64) -> Fixed {
    fixed(coordinate, 1)
}

/// A solid colour, or the stripes defined for a striped outcome.
fn fill_of(scheme: ColourScheme, outcome: Outcome) -> String {
    let style = outcome_style(outcome);
    if style.striped {
        format!("url(#{})", outcome.name())
    } else {
        style.colour.in_scheme(scheme).to_owned()
    }
}

/// Where one timeline's things go in the picture.
struct Plot {
    /// The shared axis's end.
    end_ms: f64,
    /// The top of this timeline's panel.
    origin: f64,
    /// Each task's lane: its own when labelled, else packed.
    lanes: Vec<u32>,
    lane_height: f64,
    labelled: bool,
    bottom: f64,
}

impl Plot {
    fn of(timeline: &Timeline, end_ms: f64, origin: f64) -> Self {
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
            end_ms,
            origin,
            lanes,
            lane_height,
            labelled,
            bottom: origin + TOP + f64::from(lane_count) * lane_height,
        }
    }

    fn top(&self) -> f64 {
        self.origin + TOP
    }

    fn x(&self, ms: f64) -> f64 {
        LABEL_WIDTH + ms / self.end_ms * PLOT_WIDTH
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

/// Where the shared time axis of `runs` ends.
fn end_ms(runs: &[ExportedRun]) -> f64 {
    runs.iter()
        .map(|run| run.timeline.totals().last_end_ms)
        .fold(1.0, f64::max)
}

fn palette_of(scheme: ColourScheme) -> Palette {
    Palette {
        background: SURFACE.in_scheme(scheme),
        text: TEXT.in_scheme(scheme),
        muted: TEXT_MUTED.in_scheme(scheme),
        track: TRACK.in_scheme(scheme),
    }
}

/// Every colour a picture in `scheme` is drawn with, as `#rrggbb`: the palette's, each outcome's,
/// and the glyphs' ink. A GIF's palette holds each of them exactly.
pub fn scheme_colours(scheme: ColourScheme) -> Vec<&'static str> {
    let palette = &palette_of(scheme);
    let mut colours = vec![
        palette.background,
        palette.text,
        palette.muted,
        palette.track,
        GLYPH_INK,
    ];
    colours.extend(
        LEGEND
            .iter()
            .map(|&o| outcome_style(o).colour.in_scheme(scheme)),
    );
    colours
}

/// The glyph drawn on a bar, dark on every outcome's colour in both schemes.
const GLYPH_INK: &str = "#111827";

/// The SVG of `runs` stacked on one time axis, in `scheme`'s colours, still or playing, at the
/// default width.
pub fn runs_svg(runs: &[ExportedRun], scheme: ColourScheme, motion: Motion) -> String {
    sized_runs_svg(runs, scheme, motion, DEFAULT_WIDTH)
}

/// [`runs_svg`], `width` pixels wide; the height keeps the picture's proportions.
pub fn sized_runs_svg(
    runs: &[ExportedRun],
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
pub fn raster_svg(runs: &[ExportedRun], scheme: ColourScheme, layer: RasterLayer) -> String {
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

const PLAYHEAD_THICKNESS: f64 = 2.0;

/// Each run's place in the picture, stacked on one axis ending at `end_ms`.
fn plots_of(runs: &[ExportedRun], end_ms: f64) -> Vec<Plot> {
    let mut origin = if runs.len() > 1 { FIRST_PANEL } else { 0.0 };
    runs.iter()
        .map(|run| {
            let plot = Plot::of(&run.timeline, end_ms, origin);
            origin = plot.bottom + PANEL_GAP;
            plot
        })
        .collect()
}

fn draw(runs: &[ExportedRun], scheme: ColourScheme, showing: Showing, width: u32) -> String {
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
        if runs.len() > 1 {
            let _ = writeln!(
                svg,
                r#"<text x="16" y="{}" font-size="13" font-weight="600" fill="{}">{}</text>"#,
                px(plot.origin + 24.0),
                palette.text,
                markup_text(&panel_heading(run))
            );
        }
        axis(&mut svg, palette, plot);
        lane_labels(&mut svg, run, palette, plot);
    }
    // What the run draws over time; an animation reveals it as the playhead passes.
    let drawn = match showing {
        Showing::End => "<g>\n",
        Showing::Playback => "<g clip-path=\"url(#so-far)\">\n",
        Showing::Raster(layer) if layer.drawn => "<g>\n",
        Showing::Raster(_) => "<g display=\"none\">\n",
    };
    svg.push_str(drawn);
    // A bar is drawn as running until its end, then in its outcome, as the page draws a live run:
    // an animation covers each outcome with a running bar that vanishes at its end (hidden by its
    // own attribute, so the still end shows with the animation off); a rasterizer draws the running
    // layer apart, for the bars the playhead is crossing.
    let running_layer = matches!(showing, Showing::Raster(layer) if layer.running);
    for (run, plot) in runs.iter().zip(&plots) {
        for index in 0..run.timeline.tasks.len() {
            let shapes = bar_shapes(&run.timeline, index, plot);
            if !running_layer {
                let outcome = run.timeline.tasks[index].outcome;
                task_bars(&mut svg, outcome, &shapes, scheme, plot);
            }
            for shape in &shapes {
                match showing {
                    Showing::Playback => {
                        let step = appearance_step(playback.percent(shape.place.end_ms));
                        running_bar(
                            &mut svg,
                            shape,
                            scheme,
                            &format!(" class=\"r{step}\" opacity=\"0\""),
                        );
                    }
                    _ if running_layer => running_bar(&mut svg, shape, scheme, ""),
                    _ => {}
                }
            }
        }
        marker_lines(&mut svg, run, palette, plot);
    }
    svg.push_str("</g>\n");
    // The animation moves the playhead from its place at the run's end.
    if showing == Showing::Playback {
        let place = playhead_place(runs, scheme);
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
    for (index, ((plot, sentence), run)) in plots.iter().zip(&sentences).zip(runs).enumerate() {
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
    // Hung is keyed only where a task hung: only a blocked caller leaves one.
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
    svg
}

/// A timeline's heading among several: its mode and language, and the deadline if it has one.
fn panel_heading(run: &ExportedRun) -> String {
    format!("{}{}", run.heading(), run.deadline_note())
}

/// The picture's title: the tasks, how the caller awaits them and in which language, and what the
/// timelines beside them compare, with the speed-up the page's header states.
fn title(runs: &[ExportedRun]) -> String {
    let Some(first) = runs.first() else {
        return "Async Playground".to_owned();
    };
    let (tasks, mode) = (first.timeline.tasks.len(), first.timeline.mode);
    let awaited = awaited_title(tasks, mode, first.timeline.language);
    let deadline = first.deadline_note();
    match comparison_of(runs) {
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
pub fn runs_description(runs: &[ExportedRun]) -> String {
    let sentences: Vec<String> = runs
        .iter()
        .map(|run| describe(&run.scenario, &run.timeline))
        .collect();
    format!("{}. {}", title(runs), sentences.join(" "))
}

/// The root element, its title and description (each result in words, and the link), the stripes and
/// the background.
fn header(
    runs: &[ExportedRun],
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

/// The height of a picture laid out `view_height` high at the default width, drawn `width` wide.
fn scaled_height(view_height: u32, width: u32) -> u32 {
    (f64::from(view_height) * f64::from(width) / WIDTH)
        .round()
        .max(1.0) as u32
}

/// The time axis: a faint line and a label per tick.
fn axis(svg: &mut String, palette: &Palette, plot: &Plot) {
    for tick in ticks(plot.end_ms, 6) {
        let x = plot.x(tick);
        let _ = writeln!(
            svg,
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" stroke-opacity=\"0.25\"/><text x=\"{0}\" y=\"{4}\" fill=\"{3}\" text-anchor=\"{6}\">{5}</text>",
            px(x), px(plot.top() - 4.0), px(plot.bottom), palette.muted, px(plot.top() - 10.0), markup_text(&time_label(tick)),
            // Ticks at the right edge are anchored inward so their labels stay in the picture.
            if x > WIDTH - 40.0 { "end" } else { "middle" }
        );
    }
}

/// Each task's label and track, when lanes are labelled.
fn lane_labels(svg: &mut String, run: &ExportedRun, palette: &Palette, plot: &Plot) {
    if !plot.labelled {
        return;
    }
    for index in 0..run.timeline.tasks.len() {
        let y = plot.top() + f64::from(plot.lanes[index]) * plot.lane_height;
        let full = run
            .scenario
            .tasks
            .get(index)
            .map_or_else(String::new, |t| t.display_label(index as u32));
        // The label column is narrow: long labels are cut, and the bar's tooltip keeps the whole one.
        let label: String = if full.chars().count() > 20 {
            full.chars().take(19).chain(['…']).collect()
        } else {
            full
        };
        let _ = writeln!(
            svg,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/><text x=\"16\" y=\"{}\" fill=\"{}\">{}</text>",
            px(LABEL_WIDTH), px(y + 2.0), px(PLOT_WIDTH), px(plot.lane_height - 4.0), palette.track, px(y + plot.lane_height * 0.68), palette.text, markup_text(&label)
        );
    }
}

/// One bar of a task: a failed attempt that was tried again (thin, as on the page), or its own.
struct BarShape {
    place: BarBox,
    start_ms: f64,
    retried: bool,
}

/// The bars of task `index`: its failed attempts, then its own.
fn bar_shapes(timeline: &Timeline, index: usize, plot: &Plot) -> Vec<BarShape> {
    let task = &timeline.tasks[index];
    let Some(span) = task.span else {
        return Vec::new();
    };
    let y = plot.top() + f64::from(plot.lanes[index]) * plot.lane_height;
    let (inset, bar_height) = if plot.labelled {
        (3.0, plot.lane_height - 6.0)
    } else {
        (0.0, (plot.lane_height - 0.5).max(0.75))
    };
    let shape = |start_ms: f64, end_ms: f64, retried: bool| {
        let left = plot.x(start_ms);
        let (top, height) = if retried {
            (y + inset + bar_height / 3.0, bar_height / 3.0)
        } else {
            (y + inset, bar_height)
        };
        BarShape {
            place: BarBox {
                left,
                right: left + (plot.x(end_ms) - left).max(2.0),
                top,
                bottom: top + height,
                end_ms,
            },
            start_ms,
            retried,
        }
    };
    let mut shapes: Vec<BarShape> = task
        .retried_attempts()
        .iter()
        .map(|attempt| shape(attempt.start_ms, attempt.end_ms, true))
        .collect();
    shapes.push(shape(
        task.bar_start_ms().unwrap_or(span.start_ms),
        span.end_ms,
        false,
    ));
    shapes
}

/// A bar as it looks while its task runs, with `attributes` of its own.
fn running_bar(svg: &mut String, shape: &BarShape, scheme: ColourScheme, attributes: &str) {
    let BarBox {
        left,
        right,
        top,
        bottom,
        ..
    } = shape.place;
    let _ = writeln!(
        svg,
        "<rect{attributes} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"1\" fill=\"{}\"/>",
        px(left),
        px(top),
        px(right - left),
        px(bottom - top),
        fill_of(scheme, Outcome::Running)
    );
}

/// One task's `shapes` in their outcomes, each with a tooltip, the last with its glyph.
fn task_bars(
    svg: &mut String,
    outcome: Outcome,
    shapes: &[BarShape],
    scheme: ColourScheme,
    plot: &Plot,
) {
    for shape in shapes {
        let BarBox {
            left,
            right,
            top,
            bottom,
            end_ms,
        } = shape.place;
        let (fill, words, rounding) = if shape.retried {
            (Outcome::Error, "attempt failed", "1")
        } else {
            (outcome, outcome.name(), "2")
        };
        let tip = format!(
            "{} to {}, {words}",
            time_label(shape.start_ms),
            time_label(end_ms)
        );
        let glyph = if !shape.retried && plot.labelled && right - left > 14.0 {
            format!(
                "<text x=\"{}\" y=\"{}\" fill=\"{GLYPH_INK}\" font-weight=\"700\" font-size=\"11\" text-anchor=\"end\">{}</text>",
                px(right - 3.0),
                px(top - 3.0 + plot.lane_height * 0.68),
                outcome_style(outcome).symbol
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            svg,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{rounding}\" fill=\"{}\"><title>{}</title></rect>{glyph}",
            px(left),
            px(top),
            px(right - left),
            px(bottom - top),
            fill_of(scheme, fill),
            markup_text(&tip)
        );
    }
}

/// The run's markers: the dashed line where the caller resumed, labelled with the time (where it
/// gave up at its deadline, the label says so), and a dotted one for a deadline the caller beat, if
/// it is on the axis. Each as (when, dashes, label).
fn markers(run: &ExportedRun, plot: &Plot) -> Vec<(f64, &'static str, String)> {
    let timeline = &run.timeline;
    let at = time_label(timeline.resume.at_ms);
    let words = timeline.resume.received.marker_words();
    let mut markers = vec![(timeline.resume.at_ms, "5 3", format!("{words} at {at}"))];
    if timeline.resume.received != Received::TimedOut {
        let deadline = shown_deadline_ms(&run.scenario, &timeline.resume.received)
            .map(f64::from)
            .filter(|&d| d <= plot.end_ms);
        markers.extend(deadline.map(|d| (d, "2 3", format!("deadline {}", time_label(d)))));
    }
    markers
}

/// The markers' lines, which the playhead reveals as it passes.
fn marker_lines(svg: &mut String, run: &ExportedRun, palette: &Palette, plot: &Plot) {
    for (at_ms, dashes, _) in markers(run, plot) {
        let _ = writeln!(
            svg,
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"2\" stroke-dasharray=\"{dashes}\"/>",
            px(plot.x(at_ms)),
            px(plot.top() - 2.0),
            px(plot.bottom + 4.0),
            palette.text,
        );
    }
}

/// The markers' labels, which show whole once the caller of run `index` has resumed, as its
/// sentence does.
fn marker_labels(
    svg: &mut String,
    run: &ExportedRun,
    palette: &Palette,
    plot: &Plot,
    index: usize,
) {
    for (at_ms, _, text) in markers(run, plot) {
        let x = plot.x(at_ms);
        let near_the_right = x > WIDTH * 0.75;
        let _ = writeln!(
            svg,
            "<text class=\"said{index}\" x=\"{}\" y=\"{}\" fill=\"{}\" font-weight=\"600\" text-anchor=\"{}\">{}</text>",
            px(x + if near_the_right { -4.0 } else { 4.0 }),
            px(plot.bottom + 18.0),
            palette.text,
            if near_the_right { "end" } else { "start" },
            markup_text(&text)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::basics::named_choice::NamedChoice;
    use crate::domain::model::language::Language;
    use crate::domain::model::mode::Mode;
    use crate::domain::model::scenario::Scenario;
    use crate::domain::model::scenario::TaskSpec;

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
        assert_eq!(comparison_of(&sequential), Comparison::Sequential);
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
