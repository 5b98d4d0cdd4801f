//! The surface every SVG picture is drawn on: its sizes, its palette in each colour scheme, and the plot that maps a run's time to x.

use crate::domain::basics::decimal::{fixed, Fixed};
use crate::domain::look::outcome_style::{outcome_style, LEGEND, SURFACE, TEXT, TEXT_MUTED, TRACK};
use crate::domain::look::timeline_layout::{pack_lanes, MAX_LABELLED_LANES};
use crate::domain::model::comparison::ExportedRun;
use crate::domain::model::display::ColourScheme;
use crate::domain::model::timeline::{Outcome, Timeline};

/// The colours of one scheme besides the outcomes' (those are in `outcome_style`): the page's own.
pub(crate) struct Palette {
    pub(crate) background: &'static str,
    pub(crate) text: &'static str,
    pub(crate) muted: &'static str,
    pub(crate) track: &'static str,
}

pub(crate) const WIDTH: f64 = 960.0;

pub(crate) const LABEL_WIDTH: f64 = 150.0;

pub(crate) const PLOT_WIDTH: f64 = WIDTH - LABEL_WIDTH - 16.0;

pub(crate) const LANE: f64 = 22.0;

/// From the top of a timeline's panel to its first lane.
pub(crate) const TOP: f64 = 56.0;

/// Below several panels' shared title, where the first panel starts.
pub(crate) const FIRST_PANEL: f64 = 28.0;

/// From one panel's last lane to the next panel, past its marker label and its sentence.
pub(crate) const PANEL_GAP: f64 = 48.0;

/// The width every picture is laid out at; `--width` scales the whole picture from it.
pub const DEFAULT_WIDTH: u32 = WIDTH as u32;

/// A coordinate to a tenth of a pixel, more than any screen shows.
pub(crate) fn px(coordinate: f64) -> Fixed {
    fixed(coordinate, 1)
}

/// A solid colour, or the stripes defined for a striped outcome.
pub(crate) fn fill_of(scheme: ColourScheme, outcome: Outcome) -> String {
    let style = outcome_style(outcome);
    if style.striped {
        format!("url(#{})", outcome.name())
    } else {
        style.colour.in_scheme(scheme).to_owned()
    }
}

/// Where one timeline's things go in the picture.
pub(crate) struct Plot {
    /// The shared axis's end.
    pub(crate) end_ms: f64,
    /// The top of this timeline's panel.
    pub(crate) origin: f64,
    /// Each task's lane: its own when labelled, else packed.
    pub(crate) lanes: Vec<u32>,
    pub(crate) lane_height: f64,
    pub(crate) labelled: bool,
    pub(crate) bottom: f64,
}

impl Plot {
    pub(crate) fn of(timeline: &Timeline, end_ms: f64, origin: f64) -> Self {
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

    pub(crate) fn top(&self) -> f64 {
        self.origin + TOP
    }

    pub(crate) fn x(&self, ms: f64) -> f64 {
        LABEL_WIDTH + ms / self.end_ms * PLOT_WIDTH
    }
}

/// Where the shared time axis of `runs` ends.
pub(crate) fn end_ms(runs: &[ExportedRun]) -> f64 {
    runs.iter()
        .map(|run| run.timeline.totals().last_end_ms)
        .fold(1.0, f64::max)
}

pub(crate) fn palette_of(scheme: ColourScheme) -> Palette {
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
pub(crate) const GLYPH_INK: &str = "#111827";

pub(crate) const PLAYHEAD_THICKNESS: f64 = 2.0;

/// Each run's place in the picture, stacked on one axis ending at `end_ms`.
pub(crate) fn plots_of(runs: &[ExportedRun], end_ms: f64) -> Vec<Plot> {
    let mut origin = if runs.len() > 1 { FIRST_PANEL } else { 0.0 };
    runs.iter()
        .map(|run| {
            let plot = Plot::of(&run.timeline, end_ms, origin);
            origin = plot.bottom + PANEL_GAP;
            plot
        })
        .collect()
}

/// The height of a picture laid out `view_height` high at the default width, drawn `width` wide.
pub(crate) fn scaled_height(view_height: u32, width: u32) -> u32 {
    (f64::from(view_height) * f64::from(width) / WIDTH)
        .round()
        .max(1.0) as u32
}

/// What one drawing shows: for a browser, the end of the run or the whole playback as CSS; for a
/// rasterizer, one layer a GIF's frames are cut from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Showing {
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
