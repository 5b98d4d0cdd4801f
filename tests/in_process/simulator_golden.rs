//! The simulator's output, fixed: the scenarios the file holds (300, drawn when it was first
//! written; more come from the one generator with `GOLDEN_ADD`), each simulated in the four
//! languages and in every tie variant (up to eight), must give the timelines they gave when
//! `tests/golden/simulator.tsv` was written. A refactor of the engine must leave every
//! line as it is; a change of behaviour rewrites the file on purpose
//! (`UPDATE_GOLDEN=1 cargo test --test in_process simulator_golden`) and says why in its commit.
//!
//! Each line holds a scenario's link, a language, and a hash of the canonical text of its timelines:
//! FNV-1a over each number of the timeline's flat form, written as Rust writes an `f64` (the shortest
//! text that reads back the same), so the hash never depends on a Rust release. The number that
//! names the caller's blocking call is left out: the scenario's caller decides it, not the engine,
//! and it joined the flat form after the file was written.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use async_playground::differential::generator::{scenario_within, Reach};
use async_playground::domain::basics::named_choice::NamedChoice;
use async_playground::domain::link::flat_timeline::to_numbers;
use async_playground::domain::link::url_codec::{decode, encode};
use async_playground::domain::model::display::DisplayOptions;
use async_playground::domain::model::language::Language;
use async_playground::domain::simulator::{simulate_tie_order, tie_variants};
use async_playground::publish::render::stable_hash;

const GOLDEN: &str = "tests/golden/simulator.tsv";
/// The seed the one generator draws added scenarios from.
const GOLDEN_SEED: u64 = 0x601d_e2f1;
const MOST_VARIANTS: u32 = 8;

/// The scenarios the file holds, in its order: the file is the golden test's input as well as its
/// output, so what it checks never moves with a generator.
fn committed_links(committed: &[String]) -> Vec<String> {
    let mut links: Vec<String> = Vec::new();
    for line in committed {
        let link = line.split('\t').next().unwrap_or_default();
        if links.last().is_none_or(|last| last != link) {
            links.push(link.to_owned());
        }
    }
    links
}

/// `count` more scenarios from the one generator, for a feature the file does not reach yet
/// (`GOLDEN_ADD=<count>` with `UPDATE_GOLDEN=1`), numbered on from those it holds.
fn added_links(from_case: usize, count: usize) -> Vec<String> {
    (from_case..from_case + count)
        .map(|case| {
            let scenario = scenario_within(GOLDEN_SEED, case as u32, Reach::RealRuns);
            encode(&scenario, &DisplayOptions::default())
        })
        .collect()
}

/// Where the flat form names the caller's blocking call: after the mode and the language.
const BLOCKED_CALL_AT: usize = 2;

fn golden_lines(links: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    for link in links {
        let decoded = decode(link);
        assert!(
            decoded.problems.is_empty(),
            "{link}: {:?}",
            decoded.problems
        );
        for &language in Language::ALL.iter() {
            let variants = tie_variants(&decoded.scenario, language).min(MOST_VARIANTS);
            let mut text = String::new();
            for variant in 0..variants {
                let timeline = simulate_tie_order(&decoded.scenario, language, variant);
                let numbers = to_numbers(&timeline);
                let (head, rest) = numbers.split_at(BLOCKED_CALL_AT);
                for number in head.iter().chain(&rest[1..]) {
                    let _ = write!(text, "{number:?} ");
                }
                text.push('\n');
            }
            lines.push(format!(
                "{link}\t{}\t{variants}\t{:016x}",
                language.url_name(),
                stable_hash(text.as_bytes())
            ));
        }
    }
    lines
}

#[test]
fn the_simulator_gives_the_timelines_it_gave() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN);
    let read = || -> Vec<String> {
        fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    let mut links = committed_links(&read());
    assert!(
        links.len() >= 300,
        "{GOLDEN} holds {} scenarios",
        links.len()
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let added = std::env::var("GOLDEN_ADD").map_or(0, |count| count.parse().unwrap_or(0));
        links.extend(added_links(links.len(), added));
    }
    let now = golden_lines(&links);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let header = "# scenario\tlanguage\ttie variants\tFNV-1a of the timelines (tests/in_process/simulator_golden.rs)\n";
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, header.to_owned() + &now.join("\n") + "\n").unwrap();
    }
    let committed = read();
    assert_eq!(
        committed.len(),
        links.len() * Language::ALL.len(),
        "{GOLDEN}"
    );
    let changed: Vec<String> = committed
        .iter()
        .zip(&now)
        .filter(|(was, is)| was != is)
        .map(|(was, is)| format!("was {was}\nnow {is}"))
        .collect();
    assert!(
        changed.is_empty(),
        "{} of {} simulations changed:\n{}",
        changed.len(),
        now.len(),
        changed
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
