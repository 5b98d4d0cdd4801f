//! The simulator's shape, checked by reading its source, so that the next runtime fact finds a room
//! to go in instead of growing one file or one struct: each file of `src/domain/simulator/` holds at
//! most 450 lines of code (as `tokei` counts them; its unit tests aside), `Engine` at most 10 fields,
//! every function at most 45 lines (clippy's `too_many_lines`, switched on here), and the native-only
//! machinery for ties lives in `ties.rs` alone.

use std::fs;
use std::path::{Path, PathBuf};

const MOST_CODE_LINES: usize = 450;
const MOST_ENGINE_FIELDS: usize = 10;

fn simulator_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain/simulator")
}

/// The simulator's rooms: every file under `simulator/` but its unit tests, as (name, text).
fn rooms() -> Vec<(String, String)> {
    let mut rooms: Vec<(String, String)> = fs::read_dir(simulator_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().is_some_and(|name| name != "tests.rs"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect();
    rooms.sort();
    rooms
}

/// Lines that are neither blank nor comments, as tokei counts code in a file without block comments.
fn code_lines(text: &str) -> usize {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .count()
}

#[test]
fn code_lines_counts_what_tokei_counts() {
    let text = "//! A module.\n\nuse std::fs;\n    /// A doc.\n    // A comment.\nfn f() {}\n";
    assert_eq!(code_lines(text), 2);
}

#[test]
fn every_room_of_the_simulator_is_at_most_450_lines_of_code() {
    let rooms = rooms();
    assert!(rooms.len() >= 5, "the simulator's rooms: {rooms:?}");
    for (name, text) in &rooms {
        let lines = code_lines(text);
        assert!(
            lines <= MOST_CODE_LINES,
            "simulator/{name} has {lines} lines of code, more than {MOST_CODE_LINES}: give the new concern a room of its own"
        );
    }
}

#[test]
fn the_engine_has_at_most_10_fields() {
    let engine = fs::read_to_string(simulator_dir().join("engine.rs")).unwrap();
    let body = engine
        .split_once("struct Engine<'a> {")
        .and_then(|(_, rest)| rest.split_once("\n}"))
        .map(|(body, _)| body)
        .expect("engine.rs declares `struct Engine<'a> { ... }`");
    let fields = body
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("//") && line.contains(':') && line.ends_with(','))
        .count();
    assert!(
        fields >= 4,
        "the field count read {fields}: is the struct still written one field a line?"
    );
    assert!(
        fields <= MOST_ENGINE_FIELDS,
        "Engine has {fields} fields, more than {MOST_ENGINE_FIELDS}: the new state belongs in one of its rooms"
    );
}

#[test]
fn the_simulators_functions_are_held_to_45_lines_by_clippy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let simulator = fs::read_to_string(root.join("src/domain/simulator.rs")).unwrap();
    assert!(simulator.contains("#![warn(clippy::too_many_lines)]"));
    let clippy = fs::read_to_string(root.join("clippy.toml")).unwrap();
    assert!(
        clippy
            .lines()
            .any(|line| line.replace(' ', "") == "too-many-lines-threshold=45"),
        "clippy.toml sets too-many-lines-threshold = 45"
    );
}

#[test]
fn the_native_only_tie_machinery_lives_in_ties_rs_alone() {
    for (name, text) in rooms() {
        if name == "ties.rs" {
            assert!(text.contains("cfg!(not(target_arch = \"wasm32\"))"));
            continue;
        }
        for marker in ["Pcg32", "VARIANTS", "target_arch", "shuffle"] {
            assert!(
                !text.contains(marker),
                "simulator/{name} names `{marker}`: ties taken another way belong in ties.rs"
            );
        }
    }
}
