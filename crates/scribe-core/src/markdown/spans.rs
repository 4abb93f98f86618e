//! The vocabulary the reader, the rewriter, `next` and the import share: where
//! each entity of the meeting is in the source ([`Map`], [`Span`]), and how the
//! document writes things ([`Conventions`]).

use std::ops::Range;

use crate::dates::DateStyle;

/// Where an item or note is in the source. Long minutes have one for each of
/// tens of thousands of entries: what can be read from the source again (the
/// marker, the checkbox) is kept as a length, and what few entries have (an
/// allowance) is boxed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Span {
    /// Heading level for sections written as headings; `None` for list entries.
    pub heading: Option<u8>,
    /// Everything belonging to the entity (line-aligned, without trailing blank lines
    /// for entries; up to the next heading for sections).
    pub whole: Range<usize>,
    /// The entity's own lines (heading line, or entry lines up to its first nested block).
    pub own: Range<usize>,
    /// The title or note text (after marker, checkbox and owners are included).
    pub text: Range<usize>,
    /// Where the title starts after the owners and their separator.
    pub title_start: usize,
    /// Length of the checkbox (`[ ]`, `[x]`, `[X]`, `[]`) at `content_start`;
    /// 0 without one. See [`Span::checkbox`].
    pub checkbox_len: u8,
    /// Where the entry's content starts (after marker and spaces).
    pub content_start: usize,
    /// Columns before the marker.
    pub indent: usize,
    /// Length of the marker with the spaces after it (`*   `, `1. `: at most
    /// nine digits and four spaces), which end at `content_start`; see
    /// [`Span::marker`].
    pub marker_len: u8,
    /// Sub-items, parallel to `Item::items`.
    pub items: Vec<Span>,
    /// Notes, parallel to `Item::notes` / `Note::notes`.
    pub notes: Vec<Span>,
    /// Where a first child goes when there is none yet.
    pub insert_at: usize,
    /// A time allowance after the title (`(10 min)`): its digits, and where the
    /// form ends. `text` ends before it.
    pub allowance: Option<Box<(Range<usize>, usize)>>,
}

impl Span {
    /// Column where the entry's text starts (children must be indented at least so).
    pub fn content_col(&self) -> usize {
        // A marker is ASCII (digits, `-*+.)` and spaces): its length is its width.
        self.indent + usize::from(self.marker_len)
    }

    /// Where the checkbox is, when the entry has one.
    pub fn checkbox(&self) -> Option<Range<usize>> {
        (self.checkbox_len > 0)
            .then(|| self.content_start..self.content_start + usize::from(self.checkbox_len))
    }

    /// The marker with the spaces after it, e.g. `*   ` or `1. `, as `src` (the
    /// document's text) writes it; empty for a heading.
    pub fn marker<'a>(&self, src: &'a str) -> &'a str {
        &src[self.content_start - usize::from(self.marker_len)..self.content_start]
    }
}

/// Which attendance list a roster list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListKind {
    Present,
    Partly,
    Regrets,
    Absent,
}

/// How a roster list writes its names.
#[derive(Debug, Clone)]
pub(crate) enum RosterLayout {
    /// One name per list entry; new lines use `prefix`.
    Lines {
        lines: Vec<Range<usize>>,
        insert_at: usize,
        prefix: String,
        placeholder: Option<Range<usize>>,
        /// Under a label entry (`-   Regrets`): an emptied list is written `…`.
        labeled: bool,
    },
    /// Names on one line, separated by `sep`; `names` is where they are.
    Inline { names: Range<usize>, sep: String },
    /// A roll call: everyone expected has an entry with a box, ticked for those
    /// present (`* [x] Ann Lee - Org`); `boxes` parallel to the members. New
    /// people present get an entry of their own written with `prefix`.
    RollCall {
        boxes: Vec<Range<usize>>,
        insert_at: usize,
        prefix: String,
    },
    /// Names read from a table: kept as they are (scribe does not write tables).
    Table,
}

/// One name as written in a roster list.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub handle: String,
    /// The name as written, without the attendance note (e.g. `Ingy döt Net (@ingydotnet)`).
    pub base: String,
    /// The whole token as written (with `(arrived late)` and such).
    pub token: String,
}

/// An attendance list of the document.
#[derive(Debug, Clone)]
pub(crate) struct RosterList {
    pub kind: ListKind,
    pub layout: RosterLayout,
    pub members: Vec<Member>,
}

/// How to add an attendance list the document does not have yet.
#[derive(Debug, Clone)]
pub(crate) enum NewListStyle {
    /// `### Absents` sections with one name per entry.
    Heading {
        level: u8,
        insert_at: usize,
        bullet: String,
    },
    /// `*   Absents` entries with the names below, as `names_prefix` lines.
    Labeled {
        insert_at: usize,
        label_prefix: String,
        names_prefix: String,
        colon: bool,
        /// Names on the label's line (`- Regrets: @a, @b`).
        same_line: bool,
    },
}

/// A value written after a label on one line (`Meeting chair: @a, @b`).
#[derive(Debug, Clone)]
pub(crate) struct LineValue {
    pub value: Range<usize>,
    pub sep: String,
}

/// The timed headings (`## 17:00 UTC – Meeting start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Timed {
    PreMeeting,
    Start,
    MeetingEnd,
    End,
}

/// Where the entities of the meeting are in the source.
#[derive(Debug, Clone, Default)]
pub(crate) struct Map {
    pub items: Vec<Span>,
    pub roster: Vec<RosterList>,
    pub new_list: Option<NewListStyle>,
    pub chairs: Option<LineValue>,
    pub secretary: Option<LineValue>,
    pub next_chairs: Option<LineValue>,
    pub next_secretary: Option<LineValue>,
    pub next_text: Option<Range<usize>>,
    pub timed: Vec<(Timed, Range<usize>)>,
    pub front_title: Option<Range<usize>>,
    pub front_time: Option<(Range<usize>, DateStyle)>,
    /// Places outside the agenda where the meeting's date is written (title and
    /// details headings and lines), with how it is written.
    pub date_spots: Vec<(Range<usize>, DateStyle)>,
    /// Places outside the agenda where the meeting's time of day is written.
    pub time_spots: Vec<Range<usize>>,
    /// Path of the "Approve previous meeting minutes" section.
    pub approval: Option<Vec<usize>>,
    /// The meeting's location in the details (`**Location**: ...`).
    pub location: Option<Range<usize>>,
}

/// How the document writes new lines.
#[derive(Debug, Clone)]
pub(crate) struct Conventions {
    /// Bullet marker with its spaces (`*   `, `- `).
    pub bullet: String,
    /// Spaces after a number marker (`1.  ` → 2).
    pub ordered_spaces: usize,
    /// Extra indent of nested entries relative to their parent's marker.
    pub nested: usize,
    /// Separator between owners and title (` – ` or ` - `).
    pub dash: String,
    /// Checked mark used (`x` or `X`).
    pub check: char,
    /// Whether the document marks decisions with a trailing " (decision)".
    pub decisions: bool,
    /// How the document writes an item's time allowance around the minutes
    /// (` (` and ` min)`), when it writes any.
    pub allowance: Option<(String, String)>,
    /// Whether a blank line separates a heading from the list under it.
    pub gap_after_heading: bool,
    pub crlf: bool,
}
