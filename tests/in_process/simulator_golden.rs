//! The simulator's output, fixed: 300 scenarios from a seeded generator of this test's own, each
//! simulated in the four languages and in every tie variant (up to eight), must give the timelines
//! they gave when `tests/golden/simulator.tsv` was written. A refactor of the engine must leave every
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

use crate::seeded::Draws;
use async_playground::domain::basics::named_choice::NamedChoice;
use async_playground::domain::link::flat_timeline::to_numbers;
use async_playground::domain::link::url_codec::decode;
use async_playground::domain::model::language::Language;
use async_playground::domain::simulator::{simulate_tie_order, tie_variants};
use async_playground::publish::render::stable_hash;

const GOLDEN: &str = "tests/golden/simulator.tsv";
const SCENARIOS: usize = 300;
const MOST_VARIANTS: u32 = 8;

/// A scenario link: few tasks, delays that often tie, failures, blocking work, every mode, deadlines
/// and retries, so the engine's corners are all reached.
fn scenario_link(draws: &mut Draws) -> String {
    const MODES: [&str; 8] = [
        "sequential",
        "join_all",
        "all_settled",
        "try_join_all",
        "select",
        "select_ok",
        "buffered",
        "fire_and_forget",
    ];
    let mut tasks = Vec::new();
    for index in 0..1 + draws.next(6) {
        // Multiples of 50 ms, so timers tie often.
        let mut task = format!("t{index}:{}", 50 * draws.next(8));
        if draws.chance(35) {
            task += &format!(":{}", [100, 50, 20][draws.next(3) as usize]);
        }
        if draws.chance(20) {
            task += ":cpu";
        }
        tasks.push(task);
    }
    if draws.chance(20) {
        tasks.push(format!(
            "{}x{}",
            2 + draws.next(4),
            50 * (1 + draws.next(4))
        ));
    }
    let mode = MODES[draws.next(MODES.len() as u64) as usize];
    let mut link = format!(
        "tasks={}&mode={mode}&seed={}",
        tasks.join(","),
        draws.next(1000)
    );
    if mode == "buffered" {
        link += &format!("&limit={}", 1 + draws.next(3));
    }
    if mode == "fire_and_forget" && draws.chance(50) {
        link += "&exit=1";
    }
    if draws.chance(30) {
        link += &format!("&timeout={}", 25 * (1 + draws.next(12)));
    }
    if draws.chance(25) {
        link += &format!(
            "&retries={}&backoff={}",
            1 + draws.next(2),
            50 * (1 + draws.next(2))
        );
    }
    link
}

/// The golden lines of every scenario, as the simulator gives them now.
/// Where the flat form names the caller's blocking call: after the mode and the language.
const BLOCKED_CALL_AT: usize = 2;

fn golden_lines() -> Vec<String> {
    let mut draws = Draws(0x601d_e2f1_1e5a_17e5);
    let mut lines = Vec::new();
    for _ in 0..SCENARIOS {
        let link = scenario_link(&mut draws);
        let decoded = decode(&link);
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
    let now = golden_lines();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let header = "# scenario\tlanguage\ttie variants\tFNV-1a of the timelines (tests/in_process/simulator_golden.rs)\n";
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, header.to_owned() + &now.join("\n") + "\n").unwrap();
    }
    let committed: Vec<String> = fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(str::to_owned)
        .collect();
    assert_eq!(committed.len(), SCENARIOS * Language::ALL.len(), "{GOLDEN}");
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
