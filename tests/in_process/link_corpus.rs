//! Links keep working for years, because people publish them. `tests/links/corpus.tsv` holds links as
//! this version writes and reads them: every preset, every link in the README and docs, and a few
//! hundred generated with every parameter. Each must still decode, without a problem, to the same
//! scenario and display as its committed canonical form, which it must re-encode to exactly; and each
//! gallery slug must still open its preset. A change of format bumps `v` and keeps reading the old
//! form, so this file only ever grows: `UPDATE_LINK_CORPUS=1 cargo test --test in_process link_corpus` adds new
//! links and never rewrites a committed line.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use async_playground::domain::link::url_codec::{decode, encode};

use crate::seeded::Draws;
use async_playground::domain::model::display::DisplayOptions;
use async_playground::domain::model::mode::Mode;
use async_playground::domain::model::presets::PRESETS;
use async_playground::domain::model::scenario::Scenario;
use async_playground::publish::gallery::preset_query;

const CORPUS: &str = "tests/links/corpus.tsv";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus: `link <tab> canonical` lines and `slug <tab> SLUG <tab> canonical` lines.
struct Corpus {
    links: BTreeMap<String, String>,
    slugs: BTreeMap<String, String>,
}

fn read_corpus() -> Corpus {
    let text = fs::read_to_string(root().join(CORPUS)).unwrap_or_default();
    let mut corpus = Corpus {
        links: BTreeMap::new(),
        slugs: BTreeMap::new(),
    };
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[..] {
            ["slug", slug, canonical] => {
                corpus.slugs.insert(slug.to_owned(), canonical.to_owned());
            }
            [link, canonical] => {
                corpus.links.insert(link.to_owned(), canonical.to_owned());
            }
            _ => panic!("{CORPUS}: a line that is neither a link nor a slug: {line}"),
        }
    }
    corpus
}

/// How this version writes `link`.
fn canonical(link: &str) -> Result<String, String> {
    let decoded = decode(link);
    if decoded.problems.is_empty() {
        Ok(encode(&decoded.scenario, &decoded.display))
    } else {
        let problems: Vec<String> = decoded.problems.iter().map(ToString::to_string).collect();
        Err(problems.join("; "))
    }
}

/// What a link opens: its scenario and display. A scenario keeps, for the editor, settings its mode
/// ignores (a deadline under fire and forget, say), which no link writes: they are left out here.
fn what_opens(link: &str) -> (Scenario, DisplayOptions) {
    let decoded = decode(link);
    let mut scenario = decoded.scenario;
    scenario.timeout_ms = scenario.deadline_ms();
    scenario.program_exits &= scenario.mode == Mode::FireAndForget;
    if scenario.mode != Mode::Buffered {
        scenario.limit = Scenario::default().limit;
    }
    if scenario.retry.retries == 0 {
        scenario.retry = Scenario::default().retry;
    }
    (scenario, decoded.display)
}

/// Every scenario link the README and the docs show: full links and query strings with `tasks=`.
fn doc_links() -> Vec<String> {
    let mut files = vec![root().join("README.md")];
    for entry in fs::read_dir(root().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "md") {
            files.push(path);
        }
    }
    let mut links = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for word in text.split(|c: char| c.is_whitespace() || "`'\"<>()[]|".contains(c)) {
            let Some(at) = word.find("tasks=") else {
                continue;
            };
            // A whole link keeps its address; a bare query starts at `tasks=`.
            let link = if word.contains("://") {
                word
            } else {
                &word[at..]
            };
            let link = link.trim_end_matches(['.', ',', ';', ':']);
            // Placeholders (`tasks=…`) and grammar examples are not links.
            if canonical(link).is_ok() && !link.contains('…') {
                links.push(link.to_owned());
            }
        }
    }
    links.sort();
    links.dedup();
    links
}

/// A link as someone might write one, with every parameter in play.
fn generated_link(draws: &mut Draws) -> String {
    const LABELS: [&str; 8] = [
        "fetch",
        "db",
        "users",
        "caf%C3%A9",
        "db+q",
        "a%3Cb%3E",
        "x_1",
        "S3",
    ];
    const MODES: [&str; 8] = [
        "sequential",
        "join_all",
        "try_join_all",
        "select",
        "select_ok",
        "buffered",
        "all_settled",
        "fire_and_forget",
    ];
    let mut tasks = Vec::new();
    for _ in 0..1 + draws.next(4) {
        let delay = if draws.chance(25) {
            let low = 1 + draws.next(1000);
            format!("{low}-{}", low + 1 + draws.next(2000))
        } else {
            (1 + draws.next(3000)).to_string()
        };
        if draws.chance(30) {
            tasks.push(format!("{}x{delay}", 2 + draws.next(30)));
        } else {
            let mut task = format!("{}:{delay}", draws.pick(&LABELS));
            if draws.chance(40) {
                task += &format!(":{}", draws.next(101));
            }
            if draws.chance(20) {
                task += ":cpu";
            }
            tasks.push(task);
        }
    }
    let mode = draws.pick(&MODES);
    let mut parameters = vec![format!("tasks={}", tasks.join(",")), format!("mode={mode}")];
    if mode == "buffered" {
        parameters.push(format!("limit={}", 1 + draws.next(8)));
    }
    if draws.chance(25) {
        parameters.push(format!("timeout={}", 1 + draws.next(5000)));
    }
    if draws.chance(25) {
        parameters.push(format!("retries={}", draws.next(4)));
        if draws.chance(50) {
            parameters.push(format!("backoff={}", 1 + draws.next(1000)));
        }
    }
    if mode == "fire_and_forget" && draws.chance(50) {
        parameters.push("exit=1".to_owned());
    }
    if draws.chance(40) {
        parameters.push(format!("seed={}", draws.next(100_000)));
    }
    for (name, values, percent) in [
        ("lang", &["rust", "csharp", "js", "python"][..], 60),
        ("compare", &["none", "sequential", "languages"][..], 40),
        ("theme", &["auto", "light", "dark"][..], 30),
        ("embed", &["1", "0", "true"][..], 25),
        ("autorun", &["1", "0"][..], 20),
        ("code", &["1", "0"][..], 20),
        ("predict", &["1", "0"][..], 15),
        ("v", &["1"][..], 50),
        ("wait", &["block", "await"][..], 20),
        ("context", &["ui", "pool"][..], 15),
        ("configure_await", &["false", "true"][..], 10),
        ("runtime", &["multi_thread", "current_thread"][..], 10),
    ] {
        if draws.chance(percent) {
            parameters.push(format!("{name}={}", draws.pick(values)));
        }
    }
    // Parameters in any order, and sometimes a whole address with a fragment.
    for index in (1..parameters.len()).rev() {
        parameters.swap(index, draws.next(index as u64 + 1) as usize);
    }
    let query = parameters.join("&");
    match draws.next(4) {
        0 => format!("https://example.org/async-playground/?{query}#timeline"),
        1 => format!("?{query}"),
        _ => query,
    }
}

/// The links the corpus must hold: presets, the docs', and generated ones.
fn wanted_links() -> Vec<String> {
    let mut links: Vec<String> = PRESETS
        .iter()
        .flat_map(|preset| [preset.query.to_owned(), preset_query(preset)])
        .collect();
    links.extend(doc_links());
    let mut draws = Draws(0x5eed_0f1e_a5e5);
    let mut generated = std::collections::BTreeSet::new();
    while generated.len() < 400 {
        let link = generated_link(&mut draws);
        if canonical(&link).is_ok() {
            generated.insert(link);
        }
    }
    links.extend(generated);
    links
}

#[test]
fn every_committed_link_reads_as_it_did() {
    if std::env::var_os("UPDATE_LINK_CORPUS").is_some() {
        add_new_links();
    }
    let corpus = read_corpus();
    assert!(
        corpus.links.len() >= 400,
        "{CORPUS} holds {} links",
        corpus.links.len()
    );
    let mut broken = Vec::new();
    for (link, committed) in &corpus.links {
        match canonical(link) {
            Err(problems) => broken.push(format!("{link}: {problems}")),
            Ok(written) if &written != committed => broken.push(format!(
                "{link}: now writes {written}, committed {committed} (a change of format bumps v and keeps reading the old form)"
            )),
            Ok(_) => {
                if what_opens(link) != what_opens(committed) {
                    broken.push(format!("{link}: its canonical form opens another scenario"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links that no longer read as published:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_preset_and_doc_link_is_in_the_corpus() {
    let corpus = read_corpus();
    let missing: Vec<String> = PRESETS
        .iter()
        .map(|preset| preset.query.to_owned())
        .chain(doc_links())
        .filter(|link| !corpus.links.contains_key(link))
        .collect();
    assert!(
        missing.is_empty(),
        "not in {CORPUS} (run UPDATE_LINK_CORPUS=1 cargo test --test in_process link_corpus):\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_published_gallery_slug_opens_its_preset_for_good() {
    let corpus = read_corpus();
    assert!(!corpus.slugs.is_empty());
    for (slug, committed) in &corpus.slugs {
        let preset = PRESETS.iter().find(|preset| preset.slug == slug);
        let preset = preset.unwrap_or_else(|| panic!("the published slug {slug} is gone"));
        assert_eq!(
            &preset_query(preset),
            committed,
            "{slug} opens another scenario"
        );
    }
    for preset in &PRESETS {
        assert!(
            corpus.slugs.contains_key(preset.slug),
            "{} is not in {CORPUS} (run UPDATE_LINK_CORPUS=1 cargo test --test in_process link_corpus)",
            preset.slug
        );
    }
}

/// Add every wanted link and slug the corpus lacks, keeping every committed line as it is.
fn add_new_links() {
    let corpus = read_corpus();
    let mut text = fs::read_to_string(root().join(CORPUS)).unwrap_or_else(|_| {
        "# Links as Async Playground writes and reads them: `link <tab> canonical form`, and `slug <tab> gallery slug <tab> canonical form`.\n# Checked by tests/in_process/link_corpus.rs. Never edit a line: a change of format bumps v and keeps reading the old form.\n".to_owned()
    });
    for preset in &PRESETS {
        if !corpus.slugs.contains_key(preset.slug) {
            text += &format!("slug\t{}\t{}\n", preset.slug, preset_query(preset));
        }
    }
    let mut added = corpus.links.clone();
    for link in wanted_links() {
        if added.contains_key(&link) {
            continue;
        }
        let written = canonical(&link).expect("wanted links read");
        text += &format!("{link}\t{written}\n");
        added.insert(link, written);
    }
    fs::create_dir_all(root().join("tests/links")).unwrap();
    fs::write(root().join(CORPUS), text).unwrap();
}
