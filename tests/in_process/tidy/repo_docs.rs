//! The repo's prose: the docs and the comments in code and scripts, and the repo paths they name in
//! backticks, so the rules can check that each one exists.

use std::fs;
use std::path::{Path, PathBuf};

/// Files whose prose a reader follows: the docs, and the comments in code and scripts.
pub fn documented_files() -> Vec<PathBuf> {
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
pub fn repo_paths_in(text: &str) -> Vec<String> {
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
