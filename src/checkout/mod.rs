//! The group's checkout: `scribe lint` checks minutes against the folder they sit
//! in (the other minutes, the roster, the index page), and `scribe publish` turns
//! them into one commit on a branch of their own, pushed for review.
//!
//! The checks themselves are pure functions in [`crate::lint`]; this module is
//! their edge: it reads the folder, writes the fixes, and runs `git` and `gh`.
//! The live interface runs the same code at the end of a meeting (the lint
//! checks, the publication, a ticket for an item carried too long).

mod lint;
mod publish;
pub mod ticket;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub use lint::{LintArgs, LintReport, lint_files, lint_report};
pub use publish::{Plan, PublishArgs, Pushed, plan, publish, push};

/// The GitHub CLI to run: `SCRIBE_GH` when set (a wrapper, or a stand-in in
/// tests), else `gh` on the `PATH`.
pub fn gh_program() -> OsString {
    std::env::var_os("SCRIBE_GH")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| OsString::from("gh"))
}

/// Whether `gh` is installed and logged in.
pub fn gh_ready() -> bool {
    Command::new(gh_program())
        .args(["auth", "status"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `gh issue create` for `ticket` (in `dir`, so it goes to that folder's
/// repository, when given); its output holds the issue's link.
pub fn gh_issue_create(dir: Option<&Path>, ticket: &Ticket) -> std::io::Result<Output> {
    let mut gh = Command::new(gh_program());
    if let Some(dir) = dir {
        gh.current_dir(dir);
    }
    gh.args(["issue", "create", "--title", &ticket.title])
        .args(["--body", &ticket.body])
        .stdin(Stdio::null())
        .output()
}

/// How the text of a ticket drafted beside the minutes ends its file name
/// (`<minutes>.<item>.ticket.txt`): not Markdown, so neither the site nor the
/// history of the folder takes it for minutes, and publishing leaves it out.
pub const TICKET_DRAFT_SUFFIX: &str = ".ticket.txt";

use crate::error::InputError;
use crate::history::ticket::Ticket;

/// Why a command stopped.
#[derive(Debug)]
pub enum Error {
    /// The input is bad (exit status 2).
    Input(InputError),
    /// Anything else: findings, a refused or failed push (exit status 1).
    Other(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(e) => write!(f, "{e}"),
            Error::Other(message) => f.write_str(message),
        }
    }
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(e)
    }
}

/// The files the minutes at `path` are checked against, read from its folder.
#[derive(Debug, Default)]
pub struct FolderFiles {
    /// The names of the folder's files.
    pub names: Vec<String>,
    /// The texts of the other dated Markdown files (the group's other minutes).
    pub others: Vec<String>,
    /// The index page's path and text.
    pub index: Option<(PathBuf, String)>,
    /// Handles from the roster files.
    pub roster: Vec<String>,
}

/// The index page of a folder, by the names Jekyll and GitHub show for a folder.
const INDEX_NAMES: [&str; 2] = ["README.md", "index.md"];

/// The folder of `path` (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Reads the folder of the minutes at `path`, and the `rosters`. A file that
/// cannot be read as text is passed over: it is not the group's minutes.
pub fn read_folder(path: &Path, rosters: &[PathBuf]) -> Result<FolderFiles, Error> {
    let dir = folder_of(path);
    let own = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut files = FolderFiles::default();
    let entries = std::fs::read_dir(&dir)
        .map_err(|e| Error::Other(format!("cannot read the folder {}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        files.names.push(name.clone());
        if Some(&name) == own.as_ref() || !name.ends_with(".md") {
            continue;
        }
        if INDEX_NAMES.contains(&name.as_str()) {
            continue;
        }
        if crate::lint::meeting_date(&name, "").is_some()
            && let Ok(text) = std::fs::read_to_string(entry.path())
        {
            files.others.push(text);
        }
    }
    files.names.sort();
    files.index = INDEX_NAMES.iter().find_map(|n| {
        let p = dir.join(n);
        (Some(n.to_string()) != own)
            .then(|| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
            .flatten()
    });
    for roster in rosters {
        let bytes = crate::meeting_file::read_input_file(roster)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| InputError::whole_file(roster, "the roster is not UTF-8 text"))?;
        files.roster.extend(roster_handles(&text));
    }
    Ok(files)
}

/// The handles of a roster file: every `@handle`, and every line that is one
/// word (`sjn`, `- sjn`, `handle: sjn` as in a meeting file's roster).
pub fn roster_handles(text: &str) -> Vec<String> {
    let mut out = crate::action_items::handles_in(text);
    for line in text.lines() {
        let word = line
            .trim()
            .trim_start_matches(['-', '*'])
            .trim()
            .trim_start_matches("handle:")
            .trim()
            .trim_matches(['"', '\''])
            .trim_start_matches('@');
        if !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            out.push(word.to_string());
        }
    }
    out
}

/// `text` made safe to print: control characters (a stranger's file could hold
/// terminal escapes) are shown escaped.
pub fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() && c != '\t' {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}
