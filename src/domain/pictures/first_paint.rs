//! The opening comparison as static HTML, which the build writes into `index.html` so the answer a
//! newcomer came for (5 s one after another against 500 ms awaited together) paints before the wasm
//! arrives, and with JavaScript off. It is the simulator's own prediction, written at build time by
//! `asyncplay --format first-paint`, so it cannot drift from what the app then shows in its place.

use crate::domain::basics::decimal::time_label;
use crate::domain::basics::markup::markup_text;
use crate::domain::explain::speed_up::{comparison_phrases, Phrase};
use crate::domain::explain::timeline_title::{timeline_title, Origin};
use crate::domain::link::url_codec::encode;
use crate::domain::look::outcome_style::outcome_style;
use crate::domain::look::timeline_layout::shared_axis_end;
use crate::domain::model::comparison::{ComparedRuns, ExportedRun};
use crate::domain::model::display::DisplayOptions;
use crate::domain::model::timeline::Timeline;

/// One predicted timeline: a caption, then a lane per task, its bar placed by CSS from `--from`,
/// `--to` and the list's `--end` (milliseconds), so the markup stays a few bytes a lane.
fn timeline_html(run: &ExportedRun, end_ms: f64) -> String {
    let timeline = &run.timeline;
    let resumed = time_label(timeline.resume.at_ms);
    let mut html = format!(
        "<figure><figcaption><b>{}</b><span>caller resumed at {resumed}</span></figcaption>\
         <ol style=\"--end:{end_ms:.0};--resume:{:.0}\">",
        timeline_title(&run.scenario, timeline, Origin::Predicted, false),
        timeline.resume.at_ms
    );
    for (index, task) in timeline.tasks.iter().enumerate() {
        let label = markup_text(&run.scenario.label_of(index as u32));
        let style = outcome_style(task.outcome);
        let bar = match task.span {
            Some(span) => format!(
                "<i class=\"{}\" style=\"--from:{:.0};--to:{:.0}\" role=\"img\" aria-label=\"{} to {}, {}\"></i>",
                task.outcome.name(),
                span.start_ms,
                span.end_ms,
                time_label(span.start_ms),
                time_label(span.end_ms),
                style.words
            ),
            None => format!("<i role=\"img\" aria-label=\"{}\"></i>", style.words),
        };
        html += &format!("<li><span>{label}</span>{bar}</li>");
    }
    html + "</ol></figure>"
}

/// The comparison the page opens on: the figures, then the chosen mode's predicted timeline beside
/// the same tasks one after another (`runs`, in that order, as `compared_runs` gives them). Its
/// `data-query` is the scenario's link, so the page can tell whether a URL asks for this scenario.
pub fn first_paint_html(runs: &ComparedRuns) -> String {
    let comparison = comparison_html(runs);
    let Some(first) = runs.first().filter(|_| !comparison.is_empty()) else {
        return String::new();
    };
    format!(
        "<main id=\"main\" class=\"first-paint\" data-query=\"{}\" aria-label=\"The prediction, before the playground loads\">{comparison}</main>",
        markup_text(&encode(&first.scenario, &DisplayOptions::default())),
    )
}

/// The figures and both predicted timelines of a comparison, as [`first_paint_html`] and the
/// gallery's pages show them.
pub fn comparison_html(runs: &ComparedRuns) -> String {
    let [concurrent, sequential] = &runs[..] else {
        return String::new();
    };
    let sentence: String = comparison_phrases(
        &concurrent.timeline,
        &sequential.timeline,
        concurrent.scenario.mode,
    )
    .into_iter()
    .map(|phrase| match phrase {
        Phrase::Words(words) => markup_text(&words),
        Phrase::Figure(figure) => format!("<span class=\"figure\">{}</span>", markup_text(&figure)),
        Phrase::Claim(claim) => format!("<strong>{}</strong>", markup_text(&claim)),
    })
    .collect();
    let timelines: Vec<&Timeline> = runs.iter().map(|run| &run.timeline).collect();
    let end_ms = shared_axis_end(&timelines);
    format!(
        "<p class=\"speed-up prediction\" elementtiming=\"comparison\">Predicted: {sentence}.</p>{}{}",
        timeline_html(concurrent, end_ms),
        timeline_html(sequential, end_ms),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::link::url_codec::decode;
    use crate::domain::model::comparison::Comparison;
    use crate::domain::model::language::Language;
    use crate::domain::simulator::predicted_runs;

    fn runs_of(query: &str) -> ComparedRuns {
        predicted_runs(
            &decode(query).scenario,
            Language::Rust,
            Comparison::Sequential,
        )
    }

    #[test]
    fn the_canonical_comparison_says_the_simulators_figures() {
        let html = first_paint_html(&runs_of(""));
        assert!(
            html.contains(
                "Predicted: <span class=\"figure\">5.01 s</span> one after another · \
             <span class=\"figure\">501 ms</span> with join_all · <strong>10.0× faster</strong>."
            ),
            "{html}"
        );
        assert_eq!(html.matches("<li>").count(), 20);
        assert!(
            html.contains("<ol style=\"--end:5010;--resume:501\">"),
            "{html}"
        );
        assert!(
            html.contains("<li><span>task10</span><i class=\"ok\" style=\"--from:4509;--to:5010\""),
            "{html}"
        );
    }

    #[test]
    fn labels_are_text() {
        let html = first_paint_html(&runs_of("tasks=a%3Cb%26%22:100,y:200&mode=join_all"));
        assert!(html.contains("<span>a&lt;b&amp;&quot;</span>"), "{html}");
    }
}
