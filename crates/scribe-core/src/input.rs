//! Loading a user's input file, which may be a YAML meeting file or a Markdown
//! agenda or minutes: told apart by the extension, and by the content when the
//! extension says nothing.

use std::path::Path;

use crate::error::InputError;
use crate::markdown::Document;
use crate::meeting_file::{input_text, parse_meeting, preview_meeting, read_input_file};
use crate::model::Meeting;

/// What a loaded input file holds: read once, then told apart by its kind.
#[derive(Debug)]
pub enum Source {
    /// A YAML meeting file.
    Yaml(Box<Meeting>),
    /// A Markdown agenda or minutes document, read format-preserving.
    Markdown(Box<Document>),
}

/// The kind of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A YAML meeting file.
    Yaml,
    /// Markdown.
    Markdown,
}

/// The kind of `path`: `.yaml`/`.yml` and `.md`/`.markdown` decide; otherwise a
/// file starting with Jekyll front matter or a Markdown heading is Markdown.
pub fn input_kind(path: &Path, text: &str) -> InputKind {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("yaml" | "yml") => InputKind::Yaml,
        Some("md" | "markdown" | "mdown" | "mkd") => InputKind::Markdown,
        _ => {
            let first = text
                .trim_start_matches('\u{FEFF}')
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            if first.trim() == "---" || first.starts_with('#') {
                InputKind::Markdown
            } else {
                InputKind::Yaml
            }
        }
    }
}

/// Reads and checks the input file at `path`.
pub fn load_input(path: &Path) -> Result<Source, InputError> {
    let bytes = read_input_file(path)?;
    parse_input(path, &bytes)
}

/// Reads an input file's `bytes` as if they were at `path` (whose extension tells
/// YAML from Markdown): the journal's copy of an input as it was when a session
/// opened is read this way.
pub fn parse_input(path: &Path, bytes: &[u8]) -> Result<Source, InputError> {
    // Read in place: a copy of a long file would be held through the whole parse.
    let text = input_text(path, bytes)?;
    match input_kind(path, text) {
        InputKind::Yaml => parse_meeting(text, path).map(|m| Source::Yaml(Box::new(m))),
        InputKind::Markdown => {
            refuse_empty(path, text)?;
            Document::parse(path, bytes).map(|doc| Source::Markdown(Box::new(doc)))
        }
    }
}

/// What the first screen of a session on this input shows, read quicker than
/// [`parse_input`] reads the whole of it: a YAML meeting file in the form
/// scribe writes, with the agenda's items after the first read without their
/// notes (see [`preview_meeting`]). `None` for anything else.
pub fn preview_input(path: &Path, bytes: &[u8]) -> Option<Meeting> {
    let text = input_text(path, bytes).ok()?;
    match input_kind(path, text) {
        InputKind::Yaml => preview_meeting(text),
        InputKind::Markdown => None,
    }
}

/// What `scribe import` reads: a Markdown input imported, a YAML file read.
#[derive(Debug)]
pub enum Imported {
    /// The Markdown document imported: the meeting `import_meeting` makes of
    /// the document [`parse_input`] reads.
    Markdown(Box<Meeting>),
    /// A YAML meeting file, as [`parse_input`] reads it.
    Yaml(Box<Meeting>),
}

/// [`parse_input`] for `scribe import`, with the same errors: a Markdown input
/// is imported through [`crate::markdown::import_markdown`], which reads only
/// what the import uses of the document.
pub fn import_input(path: &Path, bytes: &[u8]) -> Result<Imported, InputError> {
    let text = input_text(path, bytes)?;
    match input_kind(path, text) {
        InputKind::Yaml => parse_meeting(text, path).map(|m| Imported::Yaml(Box::new(m))),
        InputKind::Markdown => {
            refuse_empty(path, text)?;
            crate::markdown::import_markdown(path, bytes).map(|m| Imported::Markdown(Box::new(m)))
        }
    }
}

fn refuse_empty(path: &Path, text: &str) -> Result<(), InputError> {
    if text.trim().is_empty() {
        return Err(InputError::whole_file(
            path,
            "the file is empty; expected Markdown minutes or an agenda",
        ));
    }
    Ok(())
}
