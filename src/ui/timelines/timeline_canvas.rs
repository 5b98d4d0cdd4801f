//! Thousands of tasks on a canvas: tasks that never overlap share a lane, so 10,000 tasks fit in a few
//! hundred pixels and a live run redraws in a frame. Pointing at a bar names it below the canvas.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::domain::basics::decimal::{counted, grouped, time_label};
use crate::domain::look::outcome_style::{outcome_style, LEGEND};
use crate::domain::look::timeline_layout::{bars_at, pack_lanes, retried_bars_at, BarAt};
use crate::domain::model::scenario::Scenario;
use crate::domain::model::timeline::{Outcome, Timeline};

#[derive(Properties, PartialEq)]
pub struct TimelineCanvasProps {
    pub scenario: Rc<Scenario>,
    pub timeline: Rc<Timeline>,
    pub now_ms: f64,
    pub axis_end_ms: f64,
}

const HEIGHT_PX: f64 = 320.0;

/// Lane geometry shared by drawing and hit-testing.
struct Layout {
    bars: Vec<Option<BarAt>>,
    /// Each task's failed attempts before its last, drawn thinner in its lane.
    retried: Vec<Vec<BarAt>>,
    lanes: Vec<u32>,
    lane_height: f64,
}

fn layout(timeline: &Timeline, now_ms: f64) -> Layout {
    let bars = bars_at(timeline, now_ms);
    let retried: Vec<Vec<BarAt>> = timeline
        .tasks
        .iter()
        .map(|task| retried_bars_at(task, now_ms))
        .collect();
    // A lane holds a task from its first attempt to its end, backoffs included.
    let spans: Vec<Option<(f64, f64)>> = bars
        .iter()
        .zip(&retried)
        .map(|(bar, tried)| {
            let parts = bar.iter().chain(tried);
            let start = parts.clone().map(|b| b.start_ms).reduce(f64::min)?;
            let end = parts.map(|b| b.end_ms).reduce(f64::max)?;
            Some((start, end))
        })
        .collect();
    let (lanes, lane_count) = pack_lanes(&spans);
    Layout {
        bars,
        retried,
        lanes,
        lane_height: (HEIGHT_PX / f64::from(lane_count.max(1))).clamp(1.0, 14.0),
    }
}

fn paint(canvas: &HtmlCanvasElement, timeline: &Timeline, now_ms: f64, axis_end_ms: f64) {
    let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let width = f64::from(canvas.client_width().max(1));
    // Resizing reallocates the backing store, so only do it when the size really changed.
    let (pixel_width, pixel_height) = ((width * ratio) as u32, (HEIGHT_PX * ratio) as u32);
    if canvas.width() != pixel_width || canvas.height() != pixel_height {
        canvas.set_width(pixel_width);
        canvas.set_height(pixel_height);
    }
    let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    context.clear_rect(0.0, 0.0, width, HEIGHT_PX);
    // Theme colours are `light-dark(...)` tokens that a canvas cannot read: let CSS resolve each one.
    let colour = |variable: &str| -> String {
        let _ = canvas
            .style()
            .set_property("color", &format!("var({variable})"));
        web_sys::window()
            .and_then(|w| w.get_computed_style(canvas).ok().flatten())
            .and_then(|style| style.get_property_value("color").ok())
            .unwrap_or_else(|| "#888".to_owned())
    };
    let layout = layout(timeline, now_ms);
    let scale = width / axis_end_ms.max(1.0);
    let height = (layout.lane_height - 0.5).max(0.75);
    // A failed attempt is a thinner bar, as in the lane view, where a lane is tall enough to tell.
    let attempt_inset = if height >= 6.0 { height / 4.0 } else { 0.0 };
    let fill = |bar: &BarAt, lane: u32, inset: f64| {
        let x = bar.start_ms * scale;
        let w = ((bar.end_ms - bar.start_ms) * scale).max(1.0);
        let y = f64::from(lane) * layout.lane_height + inset;
        context.fill_rect(x, y, w, height - 2.0 * inset);
    };
    // One fill colour at a time: switching colours per bar is what makes big canvases slow.
    for outcome in LEGEND {
        context.set_fill_style_str(&colour(outcome_style(outcome).colour.css_variable));
        for ((bar, tried), &lane) in layout.bars.iter().zip(&layout.retried).zip(&layout.lanes) {
            for attempt in tried.iter().filter(|b| b.outcome == outcome) {
                fill(attempt, lane, attempt_inset);
            }
            if let Some(bar) = bar.filter(|b| b.outcome == outcome) {
                fill(&bar, lane, 0.0);
            }
        }
    }
}

/// The bar under the pointer, at `ms` on the axis and `y` pixels down the canvas, in words.
fn bar_under(
    scenario: &Scenario,
    timeline: &Timeline,
    now_ms: f64,
    ms: f64,
    y: f64,
) -> Option<String> {
    let layout = layout(timeline, now_ms);
    let lane = (y / layout.lane_height).floor() as u32;
    let (index, bar) =
        layout
            .bars
            .iter()
            .zip(&layout.lanes)
            .enumerate()
            .find_map(|(index, (bar, l))| {
                bar.filter(|b| {
                    *l == lane && b.start_ms <= ms && ms <= b.end_ms.max(b.start_ms + 1.0)
                })
                .map(|b| (index, b))
            })?;
    let label = scenario
        .tasks
        .get(index)
        .map_or_else(String::new, |t| t.display_label(index as u32));
    Some(format!(
        "{label}: {} to {}, {}",
        time_label(bar.start_ms),
        time_label(bar.end_ms),
        outcome_style(bar.outcome).description()
    ))
}

#[component]
pub fn TimelineCanvas(props: &TimelineCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let pointed = use_state(|| None::<String>);
    {
        let canvas_ref = canvas_ref.clone();
        use_effect_with(
            (props.timeline.clone(), props.now_ms, props.axis_end_ms),
            move |(timeline, now_ms, end)| {
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    paint(&canvas, timeline, *now_ms, *end);
                }
            },
        );
    }

    let onpointermove = {
        let pointed = pointed.clone();
        let canvas_ref = canvas_ref.clone();
        let timeline = props.timeline.clone();
        let scenario = props.scenario.clone();
        let (now_ms, end) = (props.now_ms, props.axis_end_ms.max(1.0));
        Callback::from(move |event: MouseEvent| {
            let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                return;
            };
            let rect = canvas.get_bounding_client_rect();
            let ms = (f64::from(event.client_x()) - rect.left()) / rect.width().max(1.0) * end;
            let y = f64::from(event.client_y()) - rect.top();
            pointed.set(bar_under(&scenario, &timeline, now_ms, ms, y));
        })
    };

    let counts = [
        Outcome::Ok,
        Outcome::Error,
        Outcome::Cancelled,
        Outcome::Abandoned,
        Outcome::Hung,
    ]
    .map(|o| {
        format!(
            "{} {}",
            grouped(props.timeline.count(o)),
            outcome_style(o).words
        )
    })
    .join(", ");
    let summary = format!(
        "{} drawn in packed lanes: {counts}.",
        counted(props.timeline.tasks.len(), "task", "tasks")
    );
    // The readout is no live region: a live run changes its counts with every redraw, and a screen
    // reader should hear the run's start and its end (the results), not a stream of them.
    html! {
        <div class="timeline-canvas">
            <canvas ref={canvas_ref} class="timeline-canvas-surface" role="img" aria-label={summary.clone()} onmousemove={onpointermove}></canvas>
            <p class="canvas-readout">{ (*pointed).clone().unwrap_or(summary) }</p>
        </div>
    }
}
