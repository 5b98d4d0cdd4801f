//! The tidy rules: the architecture, checked by reading the source in well under a second, with no
//! wasm build. Each folder imports only the folders listed for it below (the same table is in
//! `docs/architecture.md`), no two files import each other round a circle, every file is named in
//! the architecture doc under its folder, no folder holds more than 16 files and no file more than
//! 450 lines of code, `domain/` names no browser crate, every module opens with a `//!` line, every
//! repo path the prose names exists, no function runs over 60 lines (45 in the simulator), and the
//! simulator keeps its shape. Each failure is one sentence
//! naming the file, the import and the rule.

mod repo_docs;
mod source_tree;

use std::collections::BTreeMap;
use std::fs;

use repo_docs::{documented_files, repo_paths_in};
use source_tree::{
    before_unit_tests, expand_use_tree, files_by_module, function_lengths, import_circles,
    import_graph, repo_root, resolve, source_files, FunctionLength, SourceFile,
};

/// Which folders each folder may import, lowest layer first. `domain/*` is every folder of
/// `domain/`. A folder may always import itself.
const LAYERS: &[(&str, &[&str])] = &[
    ("domain/basics", &[]),
    ("domain/model", &["domain/basics"]),
    ("domain/link", &["domain/model", "domain/basics"]),
    ("domain/semantics", &["domain/model", "domain/basics"]),
    (
        "domain/simulator",
        &["domain/semantics", "domain/model", "domain/basics"],
    ),
    (
        "domain/look",
        &[
            "domain/simulator",
            "domain/semantics",
            "domain/model",
            "domain/basics",
        ],
    ),
    (
        "domain/explain",
        &[
            "domain/look",
            "domain/simulator",
            "domain/semantics",
            "domain/model",
            "domain/basics",
        ],
    ),
    (
        "domain/programs",
        &[
            "domain/explain",
            "domain/link",
            "domain/semantics",
            "domain/model",
            "domain/basics",
        ],
    ),
    (
        "domain/pictures",
        &[
            "domain/programs",
            "domain/explain",
            "domain/look",
            "domain/link",
            "domain/simulator",
            "domain/semantics",
            "domain/model",
            "domain/basics",
        ],
    ),
    ("domain/page", &["domain/*"]),
    ("domain", &[]),
    ("runtime", &["domain/*"]),
    ("differential", &["runtime", "domain/*"]),
    ("publish", &["domain/*"]),
    ("ui/widgets", &["domain/*"]),
    ("ui/hooks", &["runtime", "domain/*"]),
    ("ui/editor", &["ui/hooks", "ui/widgets", "domain/*"]),
    (
        "ui/timelines",
        &["ui/hooks", "ui/widgets", "runtime", "domain/*"],
    ),
    (
        "ui/share",
        &["ui/hooks", "ui/widgets", "runtime", "domain/*"],
    ),
    (
        "ui",
        &[
            "ui/share",
            "ui/timelines",
            "ui/editor",
            "ui/hooks",
            "ui/widgets",
            "runtime",
            "domain/*",
        ],
    ),
    ("bin", &["publish", "differential", "runtime", "domain/*"]),
    ("main", &["ui", "runtime"]),
    ("lib", &[]),
];

const MOST_FILES_PER_FOLDER: usize = 16;
const MOST_CODE_LINES: usize = 450;
const MOST_ENGINE_FIELDS: usize = 10;
const BROWSER_CRATES: [&str; 6] = [
    "yew",
    "web_sys",
    "js_sys",
    "gloo",
    "gloo_timers",
    "wasm_bindgen",
];

fn may_import(folder: &str, target: &str) -> Result<bool, String> {
    if folder == target {
        return Ok(true);
    }
    let (_, allowed) = LAYERS
        .iter()
        .find(|(name, _)| *name == folder)
        .ok_or_else(|| format!("the folder `{folder}` has no row in the layer table"))?;
    Ok(allowed.iter().any(|layer| match layer.strip_suffix("/*") {
        Some(parent) => target.starts_with(&format!("{parent}/")),
        None => *layer == target,
    }))
}

/// Every import that breaks the layer table, one sentence each.
fn upward_imports(files: &[SourceFile], graph: &[BTreeMap<usize, String>]) -> Vec<String> {
    let mut broken = Vec::new();
    for (file, imports) in files.iter().zip(graph) {
        for (&target, path) in imports {
            let target_folder = &files[target].folder;
            match may_import(&file.folder, target_folder) {
                Ok(true) => {}
                Ok(false) => broken.push(format!(
                    "{} imports `{path}` from `{target_folder}`, but `{}` may import only the folders \
                     listed for it in the layer table (docs/architecture.md, tests/in_process/tidy.rs)",
                    file.path, file.folder
                )),
                Err(message) => broken.push(format!("{}: {message}", file.path)),
            }
        }
    }
    broken
}

/// Lines that are neither blank nor comments, up to the unit tests: as tokei counts code.
fn code_lines(text: &str) -> usize {
    before_unit_tests(text)
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .count()
}

#[test]
fn each_folder_imports_only_the_folders_below_it() {
    let files = source_files();
    let broken = upward_imports(&files, &import_graph(&files));
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn no_two_files_import_each_other_round_a_circle() {
    let files = source_files();
    let graph = import_graph(&files);
    let mut circles = Vec::new();
    for circle in import_circles(&graph) {
        let mut steps: Vec<String> = circle
            .iter()
            .zip(circle.iter().cycle().skip(1))
            .map(|(&from, to)| format!("{} imports `{}`", files[from].path, graph[from][to]))
            .collect();
        steps.push("round a circle: move what both need below both".to_owned());
        circles.push(steps.join(", "));
    }
    assert!(circles.is_empty(), "{}", circles.join("\n"));
}

#[test]
fn the_layer_table_in_the_architecture_doc_is_the_tests() {
    let doc = fs::read_to_string(repo_root().join("docs/architecture.md")).unwrap();
    let documented: Vec<(String, String)> = doc
        .lines()
        .filter_map(|line| line.strip_prefix("| layer `"))
        .filter_map(|row| {
            let (folder, rest) = row.split_once('`')?;
            let imports = rest
                .trim_start_matches([' ', '|'])
                .trim_end_matches([' ', '|']);
            Some((folder.to_owned(), imports.replace('`', "")))
        })
        .collect();
    let tested: Vec<(String, String)> = LAYERS
        .iter()
        .map(|(folder, imports)| {
            let listed = if imports.is_empty() {
                "nothing".to_owned()
            } else {
                imports.join(", ")
            };
            ((*folder).to_owned(), listed)
        })
        .collect();
    assert_eq!(
        documented, tested,
        "docs/architecture.md's layer table (rows `| layer `folder` | imports |`) differs from LAYERS in tests/in_process/tidy.rs"
    );
}

#[test]
fn every_file_is_named_under_its_folder_in_the_architecture_doc() {
    let doc = fs::read_to_string(repo_root().join("docs/architecture.md")).unwrap();
    // Sections of the code map open with a heading naming their folder: "### `src/domain/model/`".
    let mut sections: BTreeMap<String, String> = BTreeMap::new();
    let mut current = String::new();
    for line in doc.lines() {
        if let Some(heading) = line.strip_prefix("### `") {
            current = heading.split('`').next().unwrap_or("").to_owned();
        }
        sections.entry(current.clone()).or_default().push_str(line);
    }
    let missing: Vec<String> = source_files()
        .iter()
        .filter(|file| !file.is_unit_tests())
        .filter_map(|file| {
            let (folder, name) = file.path.rsplit_once('/')?;
            let section = sections.get(&format!("{folder}/"));
            let named = section.is_some_and(|text| text.contains(&format!("`{name}`")));
            (!named).then(|| {
                format!(
                    "{} is not named as `{name}` under the heading \"### `{folder}/`\" of docs/architecture.md's code map",
                    file.path
                )
            })
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn no_folder_holds_more_than_16_files() {
    let mut per_folder: BTreeMap<String, usize> = BTreeMap::new();
    for file in source_files() {
        let (folder, _) = file.path.rsplit_once('/').unwrap();
        *per_folder.entry(folder.to_owned()).or_default() += 1;
    }
    let crowded: Vec<String> = per_folder
        .into_iter()
        .filter(|(_, count)| *count > MOST_FILES_PER_FOLDER)
        .map(|(folder, count)| {
            format!("{folder}/ holds {count} files, more than {MOST_FILES_PER_FOLDER}: split it by concept")
        })
        .collect();
    assert!(crowded.is_empty(), "{}", crowded.join("\n"));
}

#[test]
fn no_source_file_holds_more_than_450_lines_of_code() {
    let long: Vec<String> = source_files()
        .iter()
        .filter(|file| !file.is_unit_tests())
        .filter_map(|file| {
            let lines = code_lines(&file.text);
            (lines > MOST_CODE_LINES).then(|| {
                format!(
                    "{} holds {lines} lines of code (tests aside), more than {MOST_CODE_LINES}: split it by concern",
                    file.path
                )
            })
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

const MOST_FUNCTION_LINES: usize = 60;
const MOST_SIMULATOR_FUNCTION_LINES: usize = 45;

/// Every function longer than its folder allows, as (file, function, lines, limit).
fn long_functions() -> Vec<(String, FunctionLength, usize)> {
    source_files()
        .into_iter()
        .flat_map(|file| {
            let limit = if file.path.starts_with("src/domain/simulator") {
                MOST_SIMULATOR_FUNCTION_LINES
            } else {
                MOST_FUNCTION_LINES
            };
            function_lengths(&file.text)
                .into_iter()
                .filter(move |function| function.lines > limit)
                .map(move |function| (file.path.clone(), function, limit))
        })
        .collect()
}

/// clippy's `too_many_lines` never sees a `#[component]`'s body, and takes one threshold for the
/// whole crate; this counts the lines as clippy does, everywhere, 45 in the simulator.
#[test]
fn no_function_runs_over_60_lines_or_45_in_the_simulator() {
    let long: Vec<String> = long_functions()
        .iter()
        .map(|(path, function, limit)| {
            format!(
                "{path}:{}: `{}` runs {} lines, more than {limit}: split it into steps that each have a name",
                function.line, function.name, function.lines
            )
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn function_lengths_count_what_clippy_counts() {
    let text = "pub(crate) fn a(x: u8) -> u8 {\n    // why\n    let s = \"}{\";\n\n    let c = '{';\n    x\n}\nfn b();\nasync fn c<'a>(s: &'a str) {\n    let r = r#\"\n}\"#;\n}\n";
    let lengths = function_lengths(text);
    let names: Vec<(&str, usize)> = lengths
        .iter()
        .map(|function| (function.name.as_str(), function.lines))
        .collect();
    assert_eq!(names, [("a", 3), ("c", 2)]);
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
fn domain_names_no_browser_crate() {
    let mut offenders = Vec::new();
    for file in source_files()
        .iter()
        .filter(|file| file.folder.starts_with("domain"))
    {
        for (number, line) in file.text.lines().enumerate() {
            for krate in BROWSER_CRATES
                .iter()
                .filter(|krate| mentions_crate(line, krate))
            {
                offenders.push(format!(
                    "{}:{} names `{krate}`, but domain/ compiles natively and may use no browser crate",
                    file.path,
                    number + 1
                ));
            }
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

#[test]
fn every_module_opens_with_a_doc_line() {
    let missing: Vec<String> = source_files()
        .iter()
        .filter(|file| !file.text.starts_with("//!"))
        .map(|file| {
            format!(
                "{} does not open with a `//!` line saying what it holds",
                file.path
            )
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The repo stands alone: every file its docs and comments name in backticks exists in it.
#[test]
fn every_backticked_repo_path_exists() {
    let root = repo_root();
    let documented = documented_files();
    let all_names: Vec<String> = documented
        .iter()
        .map(|file| file.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut missing = Vec::new();
    for file in &documented {
        let Ok(text) = fs::read_to_string(file) else {
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
                    "{} names `{path}`, which is not in the repo",
                    file.strip_prefix(&root).unwrap().display()
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The simulator's rooms: every file under `simulator/` but its unit tests.
fn simulator_rooms() -> Vec<SourceFile> {
    source_files()
        .into_iter()
        .filter(|file| file.path.starts_with("src/domain/simulator/") && !file.is_unit_tests())
        .collect()
}

/// How many fields the struct that `declaration` opens in `room` has, written one a line.
fn fields_of(room: &str, declaration: &str) -> usize {
    let text = &simulator_rooms()
        .into_iter()
        .find(|file| file.path.ends_with(room))
        .unwrap_or_else(|| panic!("src/domain/simulator/{room}"))
        .text;
    let body = text
        .split_once(declaration)
        .and_then(|(_, rest)| rest.split_once("\n}"))
        .map(|(body, _)| body)
        .unwrap_or_else(|| panic!("{room} declares `{declaration} ... }}`"));
    let fields = body
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("//") && line.contains(':') && line.ends_with(','))
        .count();
    assert!(
        fields >= 4,
        "the field count of {room} read {fields}: is the struct still written one field a line?"
    );
    fields
}

#[test]
fn the_engine_and_the_caller_have_at_most_10_fields() {
    for (room, declaration, name) in [
        ("/engine.rs", "struct Engine<'a> {", "Engine"),
        ("/caller.rs", "struct Caller {", "Caller"),
    ] {
        let fields = fields_of(room, declaration);
        assert!(
            fields <= MOST_ENGINE_FIELDS,
            "src/domain/simulator{room}: {name} has {fields} fields, more than {MOST_ENGINE_FIELDS}: the new state belongs in a room of its own"
        );
    }
}

/// The files that may hold `impl Engine`: the engine and the three files of steps that cross rooms.
const WHERE_STEPS_CROSS_ROOMS: [&str; 4] = [
    "src/domain/simulator/engine.rs",
    "src/domain/simulator/task_steps.rs",
    "src/domain/simulator/caller_steps.rs",
    "src/domain/simulator/cancellation.rs",
];

#[test]
fn a_room_owns_its_state_and_is_no_impl_engine() {
    let stray: Vec<String> = simulator_rooms()
        .into_iter()
        .filter(|room| room.text.contains("impl Engine") || room.text.contains("impl<'a> Engine"))
        .filter(|room| !WHERE_STEPS_CROSS_ROOMS.contains(&room.path.as_str()))
        .map(|room| {
            format!(
                "{} holds `impl Engine`: a room owns its state and is called with `&mut` to it and the setting; a step that crosses rooms goes in task_steps.rs, caller_steps.rs or cancellation.rs",
                room.path
            )
        })
        .collect();
    assert!(stray.is_empty(), "{}", stray.join("\n"));
}

/// clippy holds every function the crate compiles to 60 lines; the tidy test above holds the
/// simulator's to 45 and sees inside components, which clippy does not.
#[test]
fn clippy_holds_every_function_to_60_lines() {
    let root = repo_root();
    // Every binary, read from the folder, so one added later is held too.
    let bins = fs::read_dir(root.join("src/bin"))
        .unwrap()
        .map(|entry| format!("src/bin/{}", entry.unwrap().file_name().to_string_lossy()));
    for entry in ["src/lib.rs".to_owned(), "src/main.rs".to_owned()]
        .into_iter()
        .chain(bins)
    {
        let text = fs::read_to_string(root.join(&entry)).unwrap();
        assert!(
            text.contains("#![warn(clippy::too_many_lines)]"),
            "{entry} switches on clippy::too_many_lines for its crate"
        );
    }
    let clippy = fs::read_to_string(root.join("clippy.toml")).unwrap();
    assert!(
        clippy
            .lines()
            .any(|line| line.replace(' ', "") == "too-many-lines-threshold=60"),
        "clippy.toml sets too-many-lines-threshold = 60"
    );
}

#[test]
fn the_native_only_tie_machinery_lives_in_ties_rs_alone() {
    for room in simulator_rooms() {
        if room.path.ends_with("/ties.rs") {
            assert!(room.text.contains("cfg!(not(target_arch = \"wasm32\"))"));
            continue;
        }
        for marker in ["Pcg32", "VARIANTS", "target_arch", "shuffle"] {
            assert!(
                !room.text.contains(marker),
                "{} names `{marker}`: ties taken another way belong in ties.rs",
                room.path
            );
        }
    }
}

// The reader itself, on made-up input, so a rule cannot pass by reading nothing.

#[test]
fn use_trees_expand_to_one_path_each() {
    let paths = expand_use_tree("crate::domain::{model::mode::Mode,basics::{decimal@d,markup}}");
    assert_eq!(
        paths,
        [
            vec!["crate", "domain", "model", "mode", "Mode"],
            vec!["crate", "domain", "basics", "decimal"],
            vec!["crate", "domain", "basics", "markup"],
        ]
    );
}

#[test]
fn paths_resolve_to_the_deepest_module_file() {
    let files = source_files();
    let modules = files_by_module(&files);
    let from: Vec<String> = ["domain", "pictures", "card"].map(str::to_owned).to_vec();
    let path = |text: &str| text.split("::").map(str::to_owned).collect::<Vec<_>>();
    let found = resolve(
        &path("crate::domain::model::timeline::Outcome"),
        &from,
        &modules,
    );
    assert_eq!(
        found.map(|at| files[at].path.as_str()),
        Some("src/domain/model/timeline.rs")
    );
    let sibling = resolve(&path("super::svg_export::Motion"), &from, &modules);
    assert_eq!(
        sibling.map(|at| files[at].path.as_str()),
        Some("src/domain/pictures/svg_export.rs")
    );
    assert_eq!(resolve(&path("std::fmt"), &from, &modules), None);
}

#[test]
fn an_upward_import_and_a_circle_are_caught() {
    let file = |path: &str, folder: &str| SourceFile {
        path: path.to_owned(),
        module: Vec::new(),
        folder: folder.to_owned(),
        text: String::new(),
    };
    let files = [
        file("src/domain/model/a.rs", "domain/model"),
        file("src/domain/simulator/b.rs", "domain/simulator"),
    ];
    let graph = vec![
        BTreeMap::from([(1, "crate::domain::simulator::b::run".to_owned())]),
        BTreeMap::from([(0, "crate::domain::model::a::A".to_owned())]),
    ];
    let broken = upward_imports(&files, &graph);
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(
        broken[0].starts_with("src/domain/model/a.rs imports `crate::domain::simulator::b::run`")
    );
    assert_eq!(import_circles(&graph), [vec![0, 1]]);
}

#[test]
fn code_lines_counts_what_tokei_counts() {
    let text = "//! A module.\n\nuse std::fs;\n    /// A doc.\n    // A comment.\nfn f() {}\n#[cfg(test)]\nmod tests {\n}\n";
    assert_eq!(code_lines(text), 2);
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
