//! The `asyncplay` command: output formats, exit status and messages, run as a real process.

use std::process::{Command, Output};

use async_playground::domain::link::url_codec::decode;

fn asyncplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_asyncplay"))
        .args(args)
        .output()
        .expect("asyncplay runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn table_shows_the_canonical_case() {
    let output = asyncplay(&["https://example.org/?tasks=10x500&mode=join_all"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("task10"), "{text}");
    assert!(
        // tokio's timers end a millisecond after they are due; the plan adds up the delays.
        text.contains("Total 501 ms; one after another would take 5 s."),
        "{text}"
    );
}

#[test]
fn lang_flag_switches_semantics() {
    let url = "tasks=fast:100,db:200:100,slow:500&mode=join_all";
    let js = stdout(&asyncplay(&["--lang", "js", url]));
    assert!(
        js.contains("Promise.all rejected with Error: db failed at 200 ms; 1 task kept running."),
        "{js}"
    );
    let csharp = stdout(&asyncplay(&["--lang=csharp", url]));
    assert!(
        csharp.contains("Task.WhenAll threw Exception: db failed at 500 ms"),
        "{csharp}"
    );
}

#[test]
fn the_urls_lang_is_the_default() {
    let text = stdout(&asyncplay(&["tasks=a:10,b:20&mode=select&lang=python"]));
    assert!(text.contains("asyncio.wait"), "{text}");
}

#[test]
fn trace_is_valid_json_with_one_event_per_started_task() {
    let output = asyncplay(&[
        "--format",
        "trace",
        "tasks=a:100,b:50:100,c:300&mode=try_join_all&lang=js",
    ]);
    assert!(output.status.success());
    let trace: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let events = trace["traceEvents"].as_array().unwrap();
    let complete: Vec<_> = events.iter().filter(|e| e["ph"] == "X").collect();
    assert_eq!(complete.len(), 3);
    let outcomes: Vec<_> = complete
        .iter()
        .map(|e| e["args"]["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["cancelled", "error", "cancelled"]);
    assert_eq!(complete[1]["dur"], 50_000, "durations are in microseconds");
    let resumes: Vec<_> = events.iter().filter(|e| e["ph"] == "i").collect();
    assert_eq!(resumes.len(), 1);
    assert_eq!(resumes[0]["ts"], 50_000);
}

/// A sequential scenario set beside one after another is set beside `join_all`: the trace holds
/// both runs, as the page's download of the same link does (`tests/browser/writer.rs`).
#[test]
fn a_sequential_scenario_compared_with_sequential_traces_both_runs() {
    let output = asyncplay(&[
        "--format",
        "trace",
        "tasks=3x100&mode=sequential&compare=sequential",
    ]);
    assert!(output.status.success());
    let trace: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let processes: Vec<_> = trace["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["name"] == "process_name")
        .map(|e| e["args"]["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(processes.len(), 2, "{processes:?}");
    assert!(processes[0].contains("join_all"), "{processes:?}");
    assert!(trace["otherData"]["scenario"]
        .as_str()
        .unwrap()
        .contains("compare=sequential"));
}

/// With retries, every attempt is its own complete event, numbered; a task cancelled in its
/// backoff ends with an event for that wait.
#[test]
fn trace_has_one_event_per_attempt() {
    let output = asyncplay(&[
        "--format",
        "trace",
        "tasks=flaky:100:100,slow:300&mode=all_settled&retries=2&backoff=50&timeout=320&lang=js",
    ]);
    assert!(output.status.success());
    let trace: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let flaky: Vec<_> = trace["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["ph"] == "X" && e["name"] == "flaky")
        .map(|e| {
            (
                e["ts"].as_u64().unwrap() / 1000,
                e["dur"].as_u64().unwrap() / 1000,
                e["args"]["outcome"].as_str().unwrap().to_owned(),
                e["args"]["attempt"].as_u64(),
                e["args"]["wait"].as_bool(),
            )
        })
        .collect();
    // Attempts at 0 and 150 ms fail; the deadline at 320 ms falls in the 100 ms wait from 250 ms.
    assert_eq!(
        flaky,
        [
            (0, 100, "error".to_owned(), Some(1), None),
            (150, 100, "error".to_owned(), Some(2), None),
            (250, 70, "cancelled".to_owned(), None, Some(true)),
        ]
    );
}

#[test]
fn markdown_is_a_table_with_the_result() {
    let text = stdout(&asyncplay(&[
        "--format",
        "markdown",
        "tasks=a%7Cb:10,3x20&mode=sequential",
    ]));
    assert!(text.starts_with("| # | task |"), "{text}");
    assert!(
        text.contains(r"| a\|b |"),
        "pipes in labels are escaped: {text}"
    );
    assert!(text.contains("**Result:**"), "{text}");
}

#[test]
fn svg_is_well_formed_xml_with_a_title_and_labels_as_text() {
    let output = asyncplay(&[
        "--format",
        "svg",
        "tasks=a%3Cb%3E:100,db:50:100&mode=join_all&lang=js&theme=dark",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let title = root
        .children()
        .find(|n| n.has_tag_name("title"))
        .expect("a <title>");
    assert!(title.text().unwrap().contains("Promise.all in JavaScript"));
    let desc = root
        .children()
        .find(|n| n.has_tag_name("desc"))
        .expect("a <desc>");
    assert!(desc
        .text()
        .unwrap()
        .contains("Promise.all rejected with Error: db failed at 50 ms"));
    assert!(
        document.descendants().any(|n| n.text() == Some("a<b>")),
        "the label is text, not an element"
    );
    assert!(!document.descendants().any(|n| n.has_tag_name("b")));
}

#[test]
fn a_bad_scenario_exits_2_with_every_message_on_stderr() {
    let output = asyncplay(&["tasks=db:3oo,x:1:200&mode=nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty());
    let errors = stderr(&output);
    assert!(
        errors.contains("tasks item 1 \"db:3oo\": delay \"3oo\" is not a number"),
        "{errors}"
    );
    assert!(
        errors.contains("tasks item 2 \"x:1:200\": failure rate \"200\" is over 100%"),
        "{errors}"
    );
    assert!(errors.contains("mode \"nope\" is not one of"), "{errors}");
}

#[test]
fn bad_arguments_exit_2_and_point_to_help() {
    for args in [
        vec![],
        vec!["--format", "xml", "tasks=1"],
        vec!["--lang", "go", "tasks=1"],
        vec!["--bogus"],
    ] {
        let output = asyncplay(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("try '--help'"), "{args:?}");
    }
    assert!(stderr(&asyncplay(&[])).contains("missing the scenario URL"));
    assert!(asyncplay(&["--help"]).status.success());
    for subcommand in ["render", "mdbook"] {
        let help = asyncplay(&[subcommand, "--help"]);
        assert!(help.status.success(), "{subcommand}");
        assert!(stdout(&help).contains(&format!("Usage: asyncplay {subcommand}")));
    }
    let unknown = asyncplay(&["--lang", "go", "tasks=1"]);
    assert!(
        stderr(&unknown).contains("lang \"go\" is not one of"),
        "the domain's own words"
    );
}

/// A scratch folder of this test process's.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("asyncplay-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn gif_and_png_are_pictures_of_the_width_asked() {
    let url = "tasks=a:300,b:100:100&mode=join_all&compare=sequential";
    let gif = asyncplay(&["--format", "gif", "--width", "480", url]);
    assert!(gif.status.success(), "{}", stderr(&gif));
    assert!(gif.stdout.starts_with(b"GIF89a"));
    assert_eq!(u16::from_le_bytes([gif.stdout[6], gif.stdout[7]]), 480);
    let dir = scratch("png");
    let file = dir.join("still.png");
    let png = asyncplay(&["--format=png", "-o", file.to_str().unwrap(), url]);
    assert!(png.status.success(), "{}", stderr(&png));
    assert!(png.stdout.is_empty());
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 960);
    let svg = stdout(&asyncplay(&["--format", "svg", "--width", "1920", url]));
    assert!(
        svg.contains("viewBox=\"0 0 960 ") && svg.contains("width=\"1920\""),
        "{svg}"
    );
    let too_narrow = asyncplay(&["--format", "gif", "--width", "20", url]);
    assert_eq!(too_narrow.status.code(), Some(2));
    assert!(stderr(&too_narrow).contains("a width of 20 px is outside 200 to 4000 px"));
}

/// `asyncplay render` of `markdown`, written as in.md in a scratch folder `name`, into out/post.md
/// with its pictures in `img/`, as `image`. Returns the run and the folder.
fn render(name: &str, markdown: &str, image: &str) -> (Output, std::path::PathBuf) {
    let dir = scratch(name);
    std::fs::write(dir.join("in.md"), markdown).unwrap();
    std::fs::create_dir_all(dir.join("out")).unwrap();
    (render_again(&dir, image), dir)
}

/// `asyncplay render` once more in the folder [`render`] made.
fn render_again(dir: &std::path::Path, image: &str) -> Output {
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    asyncplay(&[
        "render",
        &path("in.md"),
        "-o",
        &path("out/post.md"),
        "--assets",
        &path("img"),
        "--link",
        "https://example.org/play/",
        "--image",
        image,
    ])
}

#[test]
fn render_turns_blocks_into_linked_pictures_and_changes_nothing_when_run_again() {
    let markdown = "# Post\n\n```asyncplay\ntasks=10x500\nmode=join_all\ncompare=sequential\n```\n\n```asyncplay\n?tasks=a:100,b:50:100&mode=try_join_all&lang=js\n```\n";
    let (first, dir) = render("render", markdown, "png");
    assert!(first.status.success(), "{}", stderr(&first));
    let output = dir.join("out/post.md");
    let markdown = std::fs::read_to_string(&output).unwrap();
    let links: Vec<&str> = markdown
        .lines()
        .filter(|line| line.starts_with("[!["))
        .collect();
    assert_eq!(links.len(), 2, "{markdown}");
    assert!(
        links[0].contains("](../img/asyncplay-") && links[0].contains(".png)]("),
        "{markdown}"
    );
    assert!(
        links[0].ends_with(
            "(https://example.org/play/?tasks=10x500&mode=join_all&compare=sequential&v=1)"
        ),
        "{markdown}"
    );
    assert!(
        links[1].starts_with(
            "[![Async Playground: 2 tasks awaited with Promise.all + abort in JavaScript."
        ),
        "{markdown}"
    );
    // Every picture exists and is a PNG; every link opens its block's scenario.
    let blocks = [
        "tasks=10x500&mode=join_all&compare=sequential",
        "tasks=a:100,b:50:100&mode=try_join_all&lang=js",
    ];
    for (link, block) in links.iter().zip(blocks) {
        let picture = link
            .split("](../")
            .nth(1)
            .unwrap()
            .split(')')
            .next()
            .unwrap();
        let bytes = std::fs::read(dir.join(picture)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{picture}");
        let target = link.rsplit("](").next().unwrap().trim_end_matches(')');
        let opened = decode(target);
        let written = decode(block);
        assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        assert_eq!(opened.scenario, written.scenario, "{target}");
        assert_eq!(opened.display, written.display, "{target}");
    }
    assert_eq!(std::fs::read_dir(dir.join("img")).unwrap().count(), 2);
    let modified = |path: &std::path::Path| std::fs::metadata(path).unwrap().modified().unwrap();
    let before = modified(&output);
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert!(render_again(&dir, "png").status.success());
    assert_eq!(modified(&output), before, "a rerun touches nothing");
    assert_eq!(std::fs::read_dir(dir.join("img")).unwrap().count(), 2);
}

#[test]
fn render_refuses_a_bad_block_and_writes_nothing() {
    let markdown = "```asyncplay\ntasks=a:100\n```\n\n```asyncplay\nmode=joinall\n```\n";
    let (output, dir) = render("bad-render", markdown, "animated-svg");
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    let input = dir.join("in.md");
    assert!(
        errors.contains(&format!(
            "{}:5: asyncplay block: mode \"joinall\" is not one of",
            input.display()
        )),
        "{errors}"
    );
    assert!(!dir.join("out/post.md").exists());
    assert!(!dir.join("img").exists());
}
