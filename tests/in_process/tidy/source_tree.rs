//! The crate's source as the tidy rules see it: every file under `src/`, its module path, the folder
//! (layer) it belongs to, and the files its `use` lines and `crate::` paths import.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// One file of `src/`.
pub struct SourceFile {
    /// Relative to the repo, with `/`: `src/domain/model/scenario.rs`.
    pub path: String,
    /// `["domain", "model", "scenario"]`; empty for `lib.rs`.
    pub module: Vec<String>,
    /// The layer it belongs to: `domain/model`, `ui/editor`, `ui`, `runtime`, `bin`.
    pub folder: String,
    pub text: String,
}

impl SourceFile {
    /// The code the import rules read: the file up to its unit tests, which may reach any layer.
    pub fn code(&self) -> &str {
        before_unit_tests(&self.text)
    }

    pub fn is_unit_tests(&self) -> bool {
        self.path.ends_with("/tests.rs")
    }
}

/// `text` up to its inline unit tests (`#[cfg(test)] mod tests { ... }`); a `mod tests;` declaring
/// a file of its own is code like any other.
pub fn before_unit_tests(text: &str) -> &str {
    let at = text.find("#[cfg(test)]\nmod tests {").unwrap_or(text.len());
    &text[..at]
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

pub fn rust_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files_under(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every file of `src/`, read once.
pub fn source_files() -> Vec<SourceFile> {
    let root = repo_root();
    let src = root.join("src");
    rust_files_under(&src)
        .into_iter()
        .map(|file| {
            let relative = file
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let stem = relative.trim_end_matches(".rs");
            let module: Vec<String> = match stem {
                "lib" => Vec::new(),
                _ => stem.split('/').map(str::to_owned).collect(),
            };
            SourceFile {
                path: format!("src/{relative}"),
                folder: folder_of(&src, &module),
                module,
                text: fs::read_to_string(&file).unwrap(),
            }
        })
        .collect()
}

/// The layer a module belongs to: the folder of `domain/` or `ui/` it lives in (a folder's own file,
/// `domain/model.rs`, belongs to it), or else its top-level module.
pub fn folder_of(src: &Path, module: &[String]) -> String {
    match module {
        [] => "lib".to_owned(),
        [top] => top.clone(),
        [top, second, ..] if top == "domain" || top == "ui" => {
            if src.join(top).join(second).is_dir() {
                format!("{top}/{second}")
            } else {
                top.clone()
            }
        }
        [top, ..] => top.clone(),
    }
}

/// The code of a line, without its comment.
fn code_of(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

/// Every path a file names: each path of its `use` declarations (braces expanded) and every
/// `crate::` or `super::` path written inline, as segments.
pub fn named_paths(code: &str) -> Vec<Vec<String>> {
    let code: String = code
        .lines()
        .map(|line| format!("{}\n", code_of(line)))
        .collect();
    let mut paths = Vec::new();
    let mut outside_uses = String::new();
    let mut rest = code.as_str();
    while let Some(at) = find_use(rest) {
        outside_uses.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = after.find(';').unwrap_or(after.len());
        // `Name as Other` keeps `Name`: mark the rename before dropping the spaces.
        let words: Vec<&str> = after[..end].split_whitespace().skip(1).collect();
        let tree = words.join(" ").replace(" as ", "@").replace(' ', "");
        paths.extend(expand_use_tree(&tree));
        rest = &after[end..];
    }
    outside_uses.push_str(rest);
    for (at, _) in outside_uses
        .match_indices("crate::")
        .chain(outside_uses.match_indices("super::"))
    {
        let before = outside_uses[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // the middle of a longer path
        }
        let path: String = outside_uses[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        paths.push(
            path.split("::")
                .filter(|segment| !segment.is_empty())
                .map(str::to_owned)
                .collect(),
        );
    }
    paths
}

/// Where the next `use` declaration starts: `use`, `pub use` or `pub(crate) use` at a line's start.
fn find_use(code: &str) -> Option<usize> {
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let visibility = ["pub(crate) ", "pub(super) ", "pub "]
            .iter()
            .find(|prefix| trimmed.starts_with(**prefix))
            .map_or(0, |prefix| prefix.len());
        if trimmed[visibility..].starts_with("use ") {
            return Some(offset + indent + visibility);
        }
        offset += line.len();
    }
    None
}

/// `a::{b::C,d}` as `[a, b, C]` and `[a, d]`.
pub fn expand_use_tree(tree: &str) -> Vec<Vec<String>> {
    let Some(open) = tree.find('{') else {
        let path: Vec<String> = tree
            .split('@')
            .next()
            .unwrap_or("")
            .split("::")
            .filter(|segment| !segment.is_empty())
            .map(str::to_owned)
            .collect();
        return vec![path];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|item| !item.is_empty())
        .flat_map(|item| expand_use_tree(&format!("{prefix}::{item}")))
        .collect()
}

/// The files of `src/` by module path.
pub fn files_by_module(files: &[SourceFile]) -> BTreeMap<Vec<String>, usize> {
    files
        .iter()
        .enumerate()
        .map(|(index, file)| (file.module.clone(), index))
        .collect()
}

/// The file a path names, from a file at `module`: the deepest module file along it. `None` for
/// paths outside the crate (`std::`, `yew::`) and for the file itself.
pub fn resolve(
    path: &[String],
    module: &[String],
    modules: &BTreeMap<Vec<String>, usize>,
) -> Option<usize> {
    let mut absolute: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") | Some("async_playground") => Vec::new(),
        Some("super") => module[..module.len().saturating_sub(1)].to_vec(),
        Some("self") => module.to_vec(),
        _ => return None,
    };
    let mut segments = path[1..].iter().peekable();
    while segments.peek().is_some_and(|s| *s == "super") {
        absolute.pop();
        segments.next();
    }
    absolute.extend(segments.cloned());
    (1..=absolute.len())
        .rev()
        .find_map(|length| modules.get(&absolute[..length]).copied())
        .filter(|found| modules.get(module) != Some(found))
}

/// The files each file imports, by index, with the path that names each.
pub fn import_graph(files: &[SourceFile]) -> Vec<BTreeMap<usize, String>> {
    let modules = files_by_module(files);
    files
        .iter()
        .map(|file| {
            let mut imports = BTreeMap::new();
            if file.is_unit_tests() {
                return imports;
            }
            for path in named_paths(file.code()) {
                if let Some(target) = resolve(&path, &file.module, &modules) {
                    // A module's own children are not imports: `mod` declares them.
                    let child =
                        files[target].module.starts_with(&file.module) && !file.module.is_empty();
                    if !child {
                        imports.entry(target).or_insert_with(|| path.join("::"));
                    }
                }
            }
            imports
        })
        .collect()
}

/// The import circles: each strongly connected group of more than one file, as file indices
/// along one circle.
pub fn import_circles(graph: &[BTreeMap<usize, String>]) -> Vec<Vec<usize>> {
    let mut circles = Vec::new();
    let mut in_circle = vec![false; graph.len()];
    for start in 0..graph.len() {
        if in_circle[start] {
            continue;
        }
        if let Some(circle) = shortest_path_back(graph, start) {
            for &file in &circle {
                in_circle[file] = true;
            }
            circles.push(circle);
        }
    }
    circles
}

/// The shortest chain of imports from `start` back to itself, breadth first.
fn shortest_path_back(graph: &[BTreeMap<usize, String>], start: usize) -> Option<Vec<usize>> {
    let mut came_from = vec![None; graph.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(file) = queue.pop_front() {
        for &next in graph[file].keys() {
            if next == start {
                let mut circle = vec![file];
                let mut at = file;
                while let Some(previous) = came_from[at] {
                    circle.push(previous);
                    at = previous;
                }
                circle.reverse();
                return Some(circle);
            }
            if came_from[next].is_none() && next != start {
                came_from[next] = Some(file);
                queue.push_back(next);
            }
        }
    }
    None
}

/// A function and how long it is: lines of its body that are neither blank nor comments, as
/// clippy's `too_many_lines` counts them (which never sees a `#[component]`'s body; this does).
#[derive(Debug, PartialEq, Eq)]
pub struct FunctionLength {
    pub name: String,
    /// 1-based, where `fn` is declared.
    pub line: usize,
    pub lines: usize,
}

/// Every function with a body in `text`, with its length.
pub fn function_lengths(text: &str) -> Vec<FunctionLength> {
    let lines: Vec<&str> = text.lines().collect();
    (0..lines.len())
        .filter_map(|at| {
            let name = declared_function(lines[at])?;
            let lines = body_length(&lines[at..])?;
            Some(FunctionLength {
                name: name.to_owned(),
                line: at + 1,
                lines,
            })
        })
        .collect()
}

/// The name `line` declares a function of, if it does: `pub(crate) const fn name`, `async fn name`.
fn declared_function(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if let Some(after) = rest.strip_prefix("pub") {
        rest = match after.strip_prefix('(') {
            Some(scoped) => scoped.split_once(')')?.1,
            None => after,
        }
        .trim_start();
    }
    for qualifier in ["const ", "async ", "unsafe "] {
        rest = rest.strip_prefix(qualifier).unwrap_or(rest).trim_start();
    }
    let name = rest.strip_prefix("fn ")?;
    let end = name
        .find(|c: char| !c.is_alphanumeric() && c != '_')
        .unwrap_or(name.len());
    (end > 0).then_some(&name[..end])
}

/// The length of the body of the function declared on `lines[0]`; `None` for a declaration
/// without a body.
fn body_length(lines: &[&str]) -> Option<usize> {
    let mut literal = Literal::None;
    let mut depth = 0i64;
    let mut opened = false;
    let mut count = 0;
    for line in lines {
        let code = braces_and_semicolons(line, &mut literal);
        if !opened {
            if code.contains(';') && !code.contains('{') {
                return None;
            }
            if !code.contains('{') {
                continue;
            }
            opened = true;
            depth += brace_balance(&code);
            if depth == 0 {
                return Some(0);
            }
            continue;
        }
        depth += brace_balance(&code);
        if depth <= 0 {
            return Some(count);
        }
        let trimmed = line.trim();
        if !trimmed.is_empty() && !trimmed.starts_with("//") {
            count += 1;
        }
    }
    None
}

fn brace_balance(code: &str) -> i64 {
    code.chars()
        .map(|c| match c {
            '{' => 1,
            '}' => -1,
            _ => 0,
        })
        .sum()
}

/// A string literal that runs on past the end of a line.
#[derive(Clone, Copy)]
enum Literal {
    None,
    Plain,
    /// A raw string closed by `"` and this many `#`.
    Raw(usize),
}

/// The braces and semicolons of `line` that are code: not in a string, a character or a comment.
fn braces_and_semicolons(line: &str, literal: &mut Literal) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut code = String::new();
    let mut at = 0;
    while at < chars.len() {
        match *literal {
            Literal::Raw(hashes) => {
                let closes = chars[at] == '"'
                    && chars[at + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&c| c == '#')
                        .count()
                        == hashes;
                at += if closes { 1 + hashes } else { 1 };
                if closes {
                    *literal = Literal::None;
                }
                continue;
            }
            Literal::Plain => {
                match chars[at] {
                    '\\' => at += 1,
                    '"' => *literal = Literal::None,
                    _ => {}
                }
                at += 1;
                continue;
            }
            Literal::None => {}
        }
        let c = chars[at];
        let follows_a_name = at > 0 && (chars[at - 1].is_alphanumeric() || chars[at - 1] == '_');
        if c == '/' && chars.get(at + 1) == Some(&'/') {
            break;
        } else if c == 'r' && !follows_a_name && matches!(chars.get(at + 1), Some('"' | '#')) {
            let hashes = chars[at + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(at + 1 + hashes) == Some(&'"') {
                *literal = Literal::Raw(hashes);
                at += 2 + hashes;
                continue;
            }
        } else if c == '"' {
            *literal = Literal::Plain;
        } else if c == '\'' {
            // A character literal, `'{'` or `'\''`; a lifetime's quote is left alone.
            let length = match chars.get(at + 1) {
                Some('\\') => chars[at + 2..]
                    .iter()
                    .position(|&c| c == '\'')
                    .map(|p| p + 3),
                Some(_) if chars.get(at + 2) == Some(&'\'') => Some(3),
                _ => None,
            };
            if let Some(length) = length {
                at += length;
                continue;
            }
        } else if matches!(c, '{' | '}' | ';') {
            code.push(c);
        }
        at += 1;
    }
    code
}
