//! `scribe lint`: the findings of [`crate::lint`] printed as `file:line: message`,
//! and with `--fix` the safe fixes written (atomically) into the minutes and the
//! index page.

use std::path::{Path, PathBuf};

use super::{Error, printable, read_folder};
use crate::error::InputError;
use crate::lint::{Finding, Folder, IndexPage, Target, apply_fixes, lint};
use crate::write::write_atomic;

/// The arguments of `scribe lint`.
#[derive(Debug, Clone, clap::Args)]
pub struct LintArgs {
    /// The minutes to check (Markdown).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Apply the safe fixes (marked `(--fix)`), then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// A roster file: its `@handles` and one-word lines are known handles.
    #[arg(long, value_name = "FILE")]
    pub roster: Vec<PathBuf>,
}

/// Reads the minutes at `path` as UTF-8 text.
fn read_minutes(path: &Path) -> Result<String, Error> {
    let bytes = crate::meeting_file::read_input_file(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Error::Input(InputError::at(path, line, 1, "the file is not UTF-8 text"))
    })
}

/// The folder's index page: its path and text, when it has one.
type IndexFile = Option<(PathBuf, String)>;

/// The findings for the minutes at `path`, with the index page's path.
fn findings_for(
    path: &Path,
    text: &str,
    rosters: &[PathBuf],
) -> Result<(Vec<Finding>, IndexFile), Error> {
    let files = read_folder(path, rosters)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let index_name = files
        .index
        .as_ref()
        .and_then(|(p, _)| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = Folder {
        file_names: files.names.iter().map(String::as_str).collect(),
        other_minutes: files.others.iter().map(String::as_str).collect(),
        roster: files.roster.clone(),
        index: files.index.as_ref().map(|(_, text)| IndexPage {
            name: &index_name,
            text,
        }),
    };
    let findings = lint(&name, text, &folder);
    Ok((findings, files.index))
}

/// What the checks found in minutes, for the live interface at the end of a
/// meeting: the findings as `scribe lint` prints them, and what `--fix` would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintReport {
    /// `file:line: message; fix: suggestion`, in file order.
    pub lines: Vec<String>,
    /// How many findings have a safe fix, in the minutes and on the index page.
    pub fixable_minutes: usize,
    pub fixable_index: usize,
    /// The index page's path, its text as read and as fixed, when a safe fix
    /// changes it.
    pub index_fix: Option<(PathBuf, String, String)>,
}

/// Checks the minutes at `path` as `scribe lint` does (no roster file).
pub fn lint_report(path: &Path) -> Result<LintReport, Error> {
    let text = read_minutes(path)?;
    let (findings, index) = findings_for(path, &text, &[])?;
    let index_path = path.with_file_name(
        index
            .as_ref()
            .and_then(|(p, _)| p.file_name())
            .unwrap_or("README.md".as_ref()),
    );
    let lines = findings
        .iter()
        .map(|f| {
            let file = match f.target {
                Target::Minutes => path,
                Target::Index => &index_path,
            };
            format!(
                "{}:{}",
                printable(&file.display().to_string()),
                printable(&f.to_string())
            )
        })
        .collect();
    let fixable = |target| {
        findings
            .iter()
            .filter(|f| f.target == target && f.edit.is_some())
            .count()
    };
    let index_fix = index.and_then(|(p, old)| {
        let new = apply_fixes(&old, &findings, Target::Index);
        (new != old).then_some((p, old, new))
    });
    Ok(LintReport {
        lines,
        fixable_minutes: fixable(Target::Minutes),
        fixable_index: fixable(Target::Index),
        index_fix,
    })
}

/// Runs `scribe lint`: prints each finding; `Err(Other)` when there are some.
pub fn lint_files(args: &LintArgs) -> Result<(), Error> {
    let mut total = 0;
    let mut fixed = 0;
    for path in &args.files {
        let text = read_minutes(path)?;
        let (mut findings, index) = findings_for(path, &text, &args.roster)?;
        if args.fix && findings.iter().any(|f| f.edit.is_some()) {
            fixed += findings.iter().filter(|f| f.edit.is_some()).count();
            let new_text = apply_fixes(&text, &findings, Target::Minutes);
            if new_text != text {
                write_atomic(path, new_text.as_bytes())
                    .map_err(|e| Error::Other(format!("cannot write {}: {e}", path.display())))?;
            }
            if let Some((index_path, index_text)) = &index {
                let new_index = apply_fixes(index_text, &findings, Target::Index);
                if &new_index != index_text {
                    write_atomic(index_path, new_index.as_bytes()).map_err(|e| {
                        Error::Other(format!("cannot write {}: {e}", index_path.display()))
                    })?;
                }
            }
            findings = findings_for(path, &new_text, &args.roster)?.0;
        }
        // Named beside the minutes as the user named them (`README.md`, not `./README.md`).
        let index_path = path.with_file_name(
            index
                .as_ref()
                .and_then(|(p, _)| p.file_name())
                .unwrap_or("README.md".as_ref()),
        );
        for f in &findings {
            let file = match f.target {
                Target::Minutes => path,
                Target::Index => &index_path,
            };
            println!(
                "{}:{}",
                printable(&file.display().to_string()),
                printable(&f.to_string())
            );
        }
        total += findings.len();
    }
    if fixed > 0 {
        eprintln!("scribe: {fixed} fixed");
    }
    match total {
        0 => Ok(()),
        1 => Err(Error::Other("1 finding".to_string())),
        n => Err(Error::Other(format!("{n} findings"))),
    }
}
