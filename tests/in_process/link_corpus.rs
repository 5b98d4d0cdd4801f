//! Links keep working for years, because people publish them. `tests/links/corpus.tsv` holds links as
//! this version writes and reads them: every preset, every link in the README and docs, and a few
//! hundred generated with every parameter (more come from the one generator of scenarios with
//! `LINK_CORPUS_ADD`). Each must still decode, without a problem, to the same
//! scenario and display as its committed canonical form, which it must re-encode to exactly; and each
//! gallery slug must still open its preset. A change of format bumps `v` and keeps reading the old
//! form, so this file only ever grows: `UPDATE_LINK_CORPUS=1 cargo test --test in_process link_corpus` adds new
//! links and never rewrites a committed line.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use async_playground::domain::link::url_codec::{decode, encode};

use async_playground::differential::generator::{scenario_within, Reach};
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

/// The links the corpus must hold: presets and the docs'.
fn wanted_links() -> Vec<String> {
    let mut links: Vec<String> = PRESETS
        .iter()
        .flat_map(|preset| [preset.query.to_owned(), preset_query(preset)])
        .collect();
    links.extend(doc_links());
    links
}

/// `count` links to scenarios from the one generator, for a field the corpus does not reach yet
/// (`LINK_CORPUS_ADD=<count>` with `UPDATE_LINK_CORPUS=1`), numbered on from `from_case`: each as
/// the page writes it, and with its parameters in reverse order, as a hand might write it.
fn generated_links(from_case: usize, count: usize) -> Vec<String> {
    let reach = Reach::Anything {
        max_tasks: 6,
        max_ms: 3000,
    };
    (from_case..from_case + count)
        .flat_map(|case| {
            let scenario = scenario_within(CORPUS_SEED, case as u32, reach);
            let written = encode(&scenario, &DisplayOptions::default());
            let by_hand: Vec<&str> = written.split('&').rev().collect();
            [by_hand.join("&"), written]
        })
        .collect()
}

/// The seed the one generator draws added links from.
const CORPUS_SEED: u64 = 0x5eed_0f1e_a5e5;

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
    let added_count =
        std::env::var("LINK_CORPUS_ADD").map_or(0, |count| count.parse().unwrap_or(0));
    let generated = generated_links(corpus.links.len(), added_count);
    for link in wanted_links().into_iter().chain(generated) {
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
