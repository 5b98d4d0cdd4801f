//! A run's lanes in SVG: the axis, the lane labels, each task's bars (and the running bars the animation uncovers), and the caller's markers.

use crate::domain::basics::decimal::time_label;
use crate::domain::basics::markup::markup_text;
use crate::domain::look::outcome_style::outcome_style;
use crate::domain::look::timeline_layout::ticks;
use crate::domain::model::comparison::ExportedRun;
use crate::domain::model::display::ColourScheme;
use crate::domain::model::timeline::{Outcome, Received, Timeline};
use crate::domain::pictures::svg_plot::{
    end_ms, fill_of, plots_of, px, Palette, Plot, GLYPH_INK, LABEL_WIDTH, PLOT_WIDTH, WIDTH,
};
use crate::domain::semantics::blocking::shown_deadline_ms;
use std::fmt::Write as _;

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

/// The time axis: a faint line and a label per tick.
pub(crate) fn axis(svg: &mut String, palette: &Palette, plot: &Plot) {
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
pub(crate) fn lane_labels(svg: &mut String, run: &ExportedRun, palette: &Palette, plot: &Plot) {
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
pub(crate) struct BarShape {
    pub(crate) place: BarBox,
    pub(crate) start_ms: f64,
    pub(crate) retried: bool,
}

/// The bars of task `index`: its failed attempts, then its own.
pub(crate) fn bar_shapes(timeline: &Timeline, index: usize, plot: &Plot) -> Vec<BarShape> {
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
pub(crate) fn running_bar(
    svg: &mut String,
    shape: &BarShape,
    scheme: ColourScheme,
    attributes: &str,
) {
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
pub(crate) fn task_bars(
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
pub(crate) fn markers(run: &ExportedRun, plot: &Plot) -> Vec<(f64, &'static str, String)> {
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
pub(crate) fn marker_lines(svg: &mut String, run: &ExportedRun, palette: &Palette, plot: &Plot) {
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
pub(crate) fn marker_labels(
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
