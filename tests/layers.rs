//! The layer map of `src/lib.rs` and `crates/scribe-core/src/lib.rs`, kept by a
//! test: every module uses only modules of lower layers (or its own), the panes
//! never borrow from one another, and `scribe-core` has no terminal and no command
//! line in its dependency tree.
//!
//! Modules are the top-level ones of each crate (`src/app/editor.rs` is `app`).
//! What a module uses is read from its `crate::name` paths outside its
//! `#[cfg(test)]` modules (tests may use anything to set a scene up).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `scribe` crate's layers, lowest first (see `src/lib.rs`).
const SCRIBE_LAYERS: &[&[&str]] = &[
    &["app"],
    &["theme"],
    &["config"],
    &["keymap"],
    &["services", "fuzzing"],
    &["launch", "checkout"],
    &["tui"],
    &["workload", "shell"],
    &["cli"],
];

/// `scribe-core`'s layers, lowest first (see `crates/scribe-core/src/lib.rs`).
const CORE_LAYERS: &[&[&str]] = &[
    &["error", "write", "text"],
    &["model"],
    &["dates", "liquid"],
    &["meeting_file"],
    &["markdown"],
    &["minutes", "input"],
    &["action_items", "ical", "workload"],
    &["lint"],
    &["history"],
];

/// The modules re-exported from `scribe-core` at the top of `scribe`: they are
/// below every layer of `scribe`.
const REEXPORTED: &[&str] = &[
    "action_items",
    "dates",
    "error",
    "history",
    "ical",
    "input",
    "liquid",
    "lint",
    "markdown",
    "meeting_file",
    "minutes",
    "model",
    "text",
    "write",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without its test modules: everything from a `#[cfg(test)]` line
/// followed by a `mod` line is left out.
fn without_tests(src: &str) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .get(i + 1)
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The code of `src` without comment lines: docs may name any module.
fn code_only(src: &str) -> String {
    src.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The names following `crate::` in `src`.
fn crate_paths(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in src.match_indices("crate::") {
        // `scribe_core::x` and `other_crate::x` are not paths of this crate.
        let before = src[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = src[i + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

/// Module → the modules it uses, for the crate whose sources are in `src_dir`.
fn uses(src_dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src_dir, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // `tests.rs` files are test modules (`#[cfg(test)] mod tests;`).
    for file in files.into_iter().filter(|f| !f.ends_with("tests.rs")) {
        let rel = file.strip_prefix(src_dir).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let src = std::fs::read_to_string(&file).unwrap();
        let used = crate_paths(&code_only(&without_tests(&src)));
        graph
            .entry(module.clone())
            .or_default()
            .extend(used.into_iter().filter(|m| *m != module));
    }
    graph
}

fn layer_of(layers: &[&[&str]], module: &str) -> Option<usize> {
    layers.iter().position(|l| l.contains(&module))
}

/// Every use that goes up or sideways in `layers`, as "a uses b" lines.
fn violations(
    graph: &BTreeMap<String, BTreeSet<String>>,
    layers: &[&[&str]],
    below_all: &[&str],
) -> Vec<String> {
    let mut out = Vec::new();
    for (module, used) in graph {
        let Some(mine) = layer_of(layers, module) else {
            out.push(format!("{module} is in no layer"));
            continue;
        };
        for other in used {
            if below_all.contains(&other.as_str()) {
                continue;
            }
            match layer_of(layers, other) {
                Some(theirs) if theirs < mine => {}
                Some(_) => out.push(format!(
                    "{module} uses {other}, a module of its layer or above"
                )),
                None => out.push(format!("{module} uses {other}, which is in no layer")),
            }
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn scribe_modules_use_only_lower_layers() {
    let graph = uses(&root().join("src"));
    assert!(graph.contains_key("app") && graph.contains_key("tui"));
    let found = violations(&graph, SCRIBE_LAYERS, REEXPORTED);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn core_modules_use_only_lower_layers() {
    let graph = uses(&root().join("crates/scribe-core/src"));
    assert!(graph.contains_key("model") && graph.contains_key("markdown"));
    let found = violations(&graph, CORE_LAYERS, &[]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_checker_sees_a_use_that_goes_up() {
    let mut graph = BTreeMap::new();
    graph.insert("app".to_string(), BTreeSet::from(["tui".to_string()]));
    graph.insert("tui".to_string(), BTreeSet::from(["app".to_string()]));
    let found = violations(&graph, SCRIBE_LAYERS, REEXPORTED);
    assert_eq!(found, ["app uses tui, a module of its layer or above"]);
    assert_eq!(
        crate_paths("use crate::app::{App};\nlet x = scribe_core::model::Meeting;"),
        BTreeSet::from(["app".to_string()])
    );
    assert_eq!(
        without_tests("use crate::a;\n#[cfg(test)]\nmod tests {\n use crate::b;\n}\n"),
        "use crate::a;\n"
    );
}

#[test]
fn panes_do_not_borrow_from_one_another() {
    let mut files = Vec::new();
    rust_files(&root().join("src/tui/panes"), &mut files);
    assert!(files.len() >= 6);
    for file in files {
        let src = without_tests(&std::fs::read_to_string(&file).unwrap());
        assert!(
            !src.contains("panes::") && !src.contains("super::"),
            "{} uses another pane; shared helpers go in tui/widgets.rs",
            file.display()
        );
    }
}

#[test]
fn scribe_core_has_no_terminal_and_no_command_line_in_its_tree() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "scribe-core",
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    let names: BTreeSet<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains("scribe-core") && names.contains("pulldown-cmark"));
    for forbidden in ["ratatui", "crossterm", "clap", "ratatui-textarea"] {
        assert!(
            !names.contains(forbidden),
            "scribe-core depends on {forbidden}:\n{tree}"
        );
    }
}

#[test]
fn no_source_file_is_over_800_lines_outside_its_tests() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("crates/scribe-core/src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("tests.rs"))
        .filter_map(|f| {
            let lines = without_tests(&std::fs::read_to_string(f).unwrap())
                .lines()
                .count();
            (lines > 800).then(|| format!("{}: {lines} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}
