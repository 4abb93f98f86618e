//! The group's Markdown agendas and minutes, read and written format-preserving
//! (like `toml_edit`): [`Document::parse`] reads a file into a [`Meeting`] while
//! remembering where every entity of the model came from, and [`Document::rewrite`]
//! writes a changed meeting back by rewriting only the lines of what changed, so
//! that a pull request's diff shows just what happened in the meeting.
//!
//! Also here: the next meeting's agenda made from minutes ([`next_agenda`]) and the
//! import of any Markdown document into the model ([`import_meeting`],
//! [`document_to_markdown`]).
//!
//! How the model maps onto a document: headings are sections (items with a
//! heading) at whatever level the document uses — the first `#` heading is the
//! title, other `#` headings are sections too, and one big list under the title
//! is the agenda itself; list entries directly under a section are its items
//! (checkbox, `@owner – ` prefix and whole-title link read into their fields);
//! entries nested deeper are notes. The meeting's date comes from the front
//! matter, the title, a heading, the file name, the folders or the text (see
//! `dates`); failing those it is today, marked [`Meeting::date_assumed`]. Timed headings (`## 17:00 UTC – Meeting start`) give the
//! actual start and end, the pre-meeting and after periods; "Meeting details"
//! gives the location; "Meeting chair(s)/secretary/scribe:" lines give chairs and
//! secretaries; attendee, regrets and absents lists (sections, labelled entries
//! or paragraph lines such as `Present: Ann, @b`, roll calls with boxes, tables
//! with a name column) give the roster; the "Next meeting" and "Elect next
//! chair" sections give the next meeting. Paragraphs and other blocks stay in the
//! document untouched without being part of the model.
//!
//! Not written back (the document has no place for them): a checkbox on a section
//! heading, times recorded with "arrived late"/"left early", item time allowances
//! and timers. Notes added to a section heading are written as its first entries,
//! so they read back as items.

mod import;
mod lines;
mod next;
mod read;
mod rewrite;
mod spans;
mod tree;

pub use import::{document_to_markdown, import_markdown, import_markdown_on, import_meeting};
pub use next::next_agenda;

use crate::error::{InputError, line_col};
use crate::model::Meeting;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A Markdown agenda or minutes file, kept byte for byte, with the meeting it
/// describes and the map from the meeting's entities to their source lines.
#[derive(Debug, Clone)]
pub struct Document {
    path: PathBuf,
    /// The whole file as text (a byte order mark included).
    src: String,
    /// The top-level blocks of the body.
    nodes: Vec<tree::Node>,
    /// The front matter's fields: key and the byte range of the value.
    front: Vec<(String, Range<usize>)>,
    /// The meeting as read.
    meeting: Meeting,
    /// Where each entity of `meeting` is in `src`.
    map: spans::Map,
    /// How this document writes things (bullets, indents, separators).
    conv: spans::Conventions,
}

impl Document {
    /// Reads a Markdown agenda or minutes file. `path` is used in error messages and
    /// for the meeting's date when the text does not give it. Fails only when the
    /// bytes are not UTF-8 text (or nest absurdly deep); a meeting whose date is
    /// nowhere is dated today and marked [`Meeting::date_assumed`].
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Document, InputError> {
        Self::parse_on(path, bytes, chrono::Utc::now().date_naive())
    }

    /// [`Document::parse`] with the day a meeting without a written date is
    /// assumed to be on.
    pub fn parse_on(
        path: &Path,
        bytes: &[u8],
        today: chrono::NaiveDate,
    ) -> Result<Document, InputError> {
        read::read(path, utf8(path, bytes)?.to_string(), today)
    }

    /// The meeting as read from the file.
    pub fn meeting(&self) -> Meeting {
        self.meeting.clone()
    }

    /// True when the document gave no date of its own (see
    /// [`Meeting::date_assumed`]).
    pub fn date_assumed(&self) -> bool {
        self.meeting.date_assumed
    }

    /// The file written back for `meeting`: the original bytes where the meeting is
    /// unchanged, and rewritten lines only where it changed (checkboxes, notes,
    /// attendance, chairs, start and end times, items added or removed).
    pub fn rewrite(&self, meeting: &Meeting) -> Vec<u8> {
        self.rewrite_string(meeting).into_bytes()
    }

    /// [`Document::rewrite`] as a string.
    pub fn rewrite_string(&self, meeting: &Meeting) -> String {
        rewrite::rewrite(self, meeting)
    }

    /// The agenda entry at `path` (indexes into [`Document::meeting`]'s agenda) as
    /// the file writes it: owners with their own separator, then the title, without
    /// marker or checkbox. `None` for an entry the file does not have.
    pub fn item_source_text(&self, path: &[usize]) -> Option<String> {
        let (first, rest) = path.split_first()?;
        let mut span = self.map.items.get(*first)?;
        for &i in rest {
            span = span.items.get(i)?;
        }
        Some(lines::inline_text(&self.src, &span.text))
    }

    /// The original text of the file.
    pub fn source(&self) -> &str {
        &self.src
    }

    /// The path the document was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// `bytes` as text, or the error saying they are not.
fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(bytes, e.valid_up_to());
        InputError {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not valid UTF-8 text; expected a Markdown file".to_string(),
        }
    })
}

/// The CommonMark extensions scribe reads Markdown with (task lists, strikethrough,
/// tables). HTML comparisons of documents use these too (plus YAML front matter).
pub fn markdown_options() -> pulldown_cmark::Options {
    tree::options()
}
