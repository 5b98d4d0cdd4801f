//! Snapshots of the generated programs guard against accidental changes to what users copy.
//! After an intended change, regenerate them with `UPDATE_SNAPSHOTS=1 cargo test --test in_process program_snapshots`.

use std::fs;
use std::path::Path;

use async_playground::domain::basics::named_choice::NamedChoice;
use async_playground::domain::link::url_codec::decode;
use async_playground::domain::model::language::Language;
use async_playground::domain::model::mode::Mode;
use async_playground::domain::programs::snippets::program;

const SCENARIO: &str = "tasks=fetch:500,db:300:100,parse:200:cpu&limit=2";

#[test]
fn generated_programs_match_their_snapshots() {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut changed = Vec::new();
    // Every mode, with no deadline and with one; fire and forget, whose caller waits for nothing,
    // as a server and as a script.
    let variants = Mode::ALL.iter().flat_map(|&mode| {
        let second = if mode.caller_waits() {
            (mode, Some(400), false, "_timeout")
        } else {
            (mode, None, true, "_exit")
        };
        [(mode, None, false, ""), second]
    });
    for (mode, timeout_ms, program_exits, suffix) in variants {
        for &language in Language::ALL {
            let mut scenario = decode(SCENARIO).scenario;
            scenario.mode = mode;
            scenario.timeout_ms = timeout_ms;
            scenario.program_exits = program_exits;
            let text = program(&scenario, language);
            let name = format!("{}_{}{suffix}.txt", language.url_name(), mode.url_name());
            let path = directory.join(name);
            if update {
                fs::write(&path, &text).unwrap();
            } else if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                changed.push(path.display().to_string());
            }
        }
    }
    assert!(
        changed.is_empty(),
        "generated programs differ from their snapshots (UPDATE_SNAPSHOTS=1 to accept):\n{}",
        changed.join("\n")
    );
}
