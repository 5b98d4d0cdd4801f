//! The code panel and the downloads get their files from the writer and the image writer, Web
//! Workers. The test page has neither, which is the case to prove here: each says why it has nothing instead of waiting
//! forever or going blank. What the writer writes is proven in the e2e tests on the real build.

use std::rc::Rc;
use std::time::Duration;

use async_playground::domain::model::language::Language;
use async_playground::domain::model::scenario::Scenario;
use async_playground::ui::timelines::code_panel::{CodePanel, CodePanelProps};
use wasm_bindgen_test::wasm_bindgen_test;
use yew::Callback;

use crate::support::fresh_root;

#[wasm_bindgen_test]
async fn without_its_worker_the_panel_says_it_could_not_write_the_program() {
    let root = fresh_root();
    let props = CodePanelProps {
        scenario: Rc::new(Scenario::default()),
        language: Language::Rust,
        on_language: Callback::noop(),
        cursor: None,
    };
    yew::Renderer::<CodePanel>::with_root_and_props(root.clone(), props).render();
    yew::platform::time::sleep(Duration::ZERO).await;
    // The panel asks for its program once it is in view; earlier tests' roots sit above this one.
    root.scroll_into_view();
    let status = || {
        root.query_selector(".code-actions .status")
            .unwrap()
            .expect("a status line")
            .text_content()
            .unwrap()
    };
    assert_eq!(status(), "Writing the program…");

    let mut waited = 0;
    while !status().starts_with("Could not write the program") {
        assert!(waited < 500, "still waiting: {}", status());
        yew::platform::time::sleep(Duration::from_millis(10)).await;
        waited += 1;
    }
    let copy = root
        .query_selector(".code-actions button")
        .unwrap()
        .expect("a copy button");
    assert!(copy.has_attribute("disabled"), "nothing to copy");
}

#[wasm_bindgen_test]
async fn without_the_worker_a_download_says_it_could_not_write_the_file() {
    use async_playground::domain::model::display::DisplayOptions;
    use async_playground::domain::pictures::export::ExportSource;
    use async_playground::domain::pictures::export::RunSource;
    use async_playground::domain::simulator::simulate;
    use async_playground::ui::share::share_controls::{ShareControls, ShareControlsProps};

    let root = fresh_root();
    let scenario = Rc::new(Scenario::default());
    let props = ShareControlsProps {
        scenario: scenario.clone(),
        display: DisplayOptions::default(),
        export: ExportSource {
            comparison: async_playground::domain::model::comparison::Comparison::None,
            runs: vec![(
                Rc::clone(&scenario),
                Rc::new(simulate(&scenario, Language::Rust)),
            )],
            source: RunSource::Simulated,
        },
    };
    yew::Renderer::<ShareControls>::with_root_and_props(root.clone(), props).render();
    yew::platform::time::sleep(Duration::ZERO).await;
    let button = |nth: u32, name: &str| {
        let button: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(
            root.query_selector(&format!("button:nth-of-type({nth})"))
                .unwrap()
                .expect("a button"),
        );
        assert_eq!(button.text_content().unwrap(), name);
        button
    };
    button(3, "Download SVG").click();
    let status = || {
        root.query_selector("p.status")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    let progress_bars = || root.query_selector_all("progress").unwrap().length();
    let until_it_gives_up = || async {
        let mut waited = 0;
        while !status().starts_with("Could not write the file") {
            assert!(waited < 500, "still: {}", status());
            yew::platform::time::sleep(Duration::from_millis(10)).await;
            waited += 1;
        }
    };
    until_it_gives_up().await;

    // The GIF is drawn by the image writer, another worker the test page lacks: the bar that shows
    // while it draws goes, and the status says why there is no file.
    button(5, "Download GIF").click();
    yew::platform::time::sleep(Duration::ZERO).await;
    assert_eq!(status(), "Writing…");
    assert_eq!(progress_bars(), 1, "a bar shows while the picture is drawn");
    until_it_gives_up().await;
    assert_eq!(progress_bars(), 0);
}

/// Before anything has run, a download holds the prediction's runs that the link's `compare=`
/// makes, the very runs `asyncplay` writes for the same link: a sequential scenario set beside one
/// after another is set beside `join_all`, and both are exported.
#[wasm_bindgen_test]
fn the_pages_export_before_a_run_holds_the_runs_the_cli_writes() {
    use async_playground::domain::link::url_codec::decode;
    use async_playground::domain::model::mode::Mode;
    use async_playground::domain::simulator::predicted_runs;
    use async_playground::ui::timelines::prediction::Prediction;

    for query in [
        "tasks=3x100&mode=sequential&compare=sequential",
        "tasks=3x100&mode=join_all&compare=sequential",
        "tasks=3x100&mode=join_all",
        "tasks=3x100&mode=sequential",
        "tasks=a:100,b:200:fail&mode=try_join_all&compare=languages",
    ] {
        let decoded = decode(query);
        let (language, comparison) = (decoded.display.language, decoded.display.compare);
        let scenario = Rc::new(decoded.scenario);
        let export =
            Prediction::of(&scenario, language, comparison).export_source(None, comparison);
        let cli = predicted_runs(&scenario, language, comparison);
        assert_eq!(export.comparison, cli.comparison, "{query}");
        let exported: Vec<_> = export
            .runs
            .iter()
            .map(|(scenario, timeline)| ((**scenario).clone(), (**timeline).clone()))
            .collect();
        let written: Vec<_> = cli
            .runs
            .iter()
            .map(|run| (run.scenario.clone(), run.timeline.clone()))
            .collect();
        assert_eq!(exported, written, "{query}");
    }
    let decoded = decode("tasks=3x100&mode=sequential&compare=sequential");
    let scenario = Rc::new(decoded.scenario);
    let export = Prediction::of(&scenario, Language::Rust, decoded.display.compare)
        .export_source(None, decoded.display.compare);
    let modes: Vec<Mode> = export
        .runs
        .iter()
        .map(|(scenario, _)| scenario.mode)
        .collect();
    assert_eq!(modes, [Mode::JoinAll, Mode::Sequential]);
}
