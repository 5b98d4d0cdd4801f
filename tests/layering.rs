//! Architecture invariants, checked by reading the source: `domain/` stays free of browser crates,
//! and every module says what it is for in a `//!` line.

use std::fs;
use std::path::{Path, PathBuf};

const BROWSER_CRATES: [&str; 6] = [
    "yew",
    "web_sys",
    "js_sys",
    "gloo",
    "gloo_timers",
    "wasm_bindgen",
];

fn rust_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files_under(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every path expression naming `krate` (`use yew::...`, `yew::html!`, `::web_sys::Window`).
fn mentions_crate(line: &str, krate: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    let needle = format!("{krate}::");
    code.match_indices(&needle).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn domain_imports_no_browser_crate() {
    let mut offenders = Vec::new();
    let domain = source_root().join("domain");
    let mut files = rust_files_under(&domain);
    files.push(source_root().join("domain.rs"));
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            for krate in BROWSER_CRATES {
                if mentions_crate(line, krate) {
                    offenders.push(format!(
                        "{}:{}: {}",
                        file.display(),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "domain/ must not use browser crates:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_crate_detector_sees_paths_but_not_lookalikes() {
    assert!(mentions_crate("use yew::prelude::*;", "yew"));
    assert!(mentions_crate(
        "    let w = ::web_sys::window();",
        "web_sys"
    ));
    assert!(!mentions_crate("use crate::domain::my_yew::Thing;", "yew"));
    assert!(!mentions_crate("// yew::html! is not used here", "yew"));
}

#[test]
fn every_module_opens_with_a_doc_line() {
    let missing: Vec<String> = rust_files_under(&source_root())
        .into_iter()
        .filter(|file| !fs::read_to_string(file).unwrap().starts_with("//!"))
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a leading //! line:\n{}",
        missing.join("\n")
    );
}
