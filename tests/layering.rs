//! Architecture invariants, checked by reading the source: `domain/` stays free of browser crates,
//! every module says what it is for in a `//!` line, and every repo file the docs and comments name
//! exists, so the repo stands alone for whoever clones it.

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

/// Files whose prose a reader follows: the docs, and the comments in code and scripts.
fn documented_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = [
        "README.md",
        "BENCHMARKS.md",
        "Cargo.toml",
        "Trunk.toml",
        "index.html",
    ]
    .iter()
    .map(|name| root.join(name))
    .collect();
    for dir in ["src", "tests", "benches", "bench", "docs", "scripts"] {
        let mut stack = vec![root.join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() {
                    if name != "snapshots" && name != "program_runner" {
                        stack.push(path);
                    }
                } else if [".rs", ".md", ".mjs", ".sh", ".toml"]
                    .iter()
                    .any(|ext| name.ends_with(ext))
                    || !name.contains('.')
                {
                    files.push(path);
                }
            }
        }
    }
    files.retain(|path| path.is_file());
    files
}

/// Every `backticked` word that names a file or folder of this repo: a path under one of its top-level
/// folders, or a bare file name with an extension the repo uses.
fn repo_paths_in(text: &str) -> Vec<String> {
    const ROOTS: [&str; 8] = [
        "src/", "tests/", "scripts/", "static/", "docs/", "benches/", ".ci/", ".cargo/",
    ];
    const FILE_ENDINGS: [&str; 7] = [".rs", ".md", ".toml", ".mjs", ".sh", ".html", ".css"];
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|quoted| quoted.split_whitespace().next())
        .map(|word| word.trim_end_matches([',', '.', ':', ')']).to_owned())
        .filter(|word| !word.contains(['{', '*', '<', '…', '$', '(', '=']) && !word.contains("://"))
        .filter(|word| {
            ROOTS.iter().any(|root| word.starts_with(root))
                || (!word.contains('/') && FILE_ENDINGS.iter().any(|end| word.ends_with(end)))
        })
        .collect()
}

#[test]
fn the_path_finder_sees_repo_paths_but_not_code() {
    let found = repo_paths_in(
        "see `src/domain/simulator.rs`, `scripts/test --fast`, `SEMANTICS.md`, `x.len()`, \
         `snippets/{rust,csharp}.rs`, `tests/snapshots/*.txt`, `https://a/src/x.rs`",
    );
    assert_eq!(
        found,
        ["src/domain/simulator.rs", "scripts/test", "SEMANTICS.md"]
    );
}

/// The repo stands alone: every file its docs and comments name in backticks exists in it.
#[test]
fn every_backticked_repo_path_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all_names = Vec::new();
    for file in documented_files() {
        all_names.push(file.file_name().unwrap().to_string_lossy().into_owned());
    }
    let mut missing = Vec::new();
    for file in documented_files() {
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        for path in repo_paths_in(&text) {
            let exists = if path.contains('/') {
                root.join(path.trim_end_matches('/')).exists()
            } else {
                all_names.contains(&path) || root.join(&path).exists()
            };
            if !exists {
                missing.push(format!(
                    "{}: `{path}`",
                    file.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "named but not in the repo:\n{}",
        missing.join("\n")
    );
}
