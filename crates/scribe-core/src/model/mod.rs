//! The meeting model: plain data describing one meeting, with no terminal and no
//! file format in it.
//!
//! Everything the secretary changes during a meeting is a change to a [`Meeting`]:
//! the roster's attendance, the agenda tree's checkboxes and notes, and the actual
//! start and end times. The YAML meeting file is this model serialised with serde;
//! the Markdown reader builds the same model from the group's own documents.

mod shared;
pub(crate) mod yaml;

pub use shared::{Shared, Watch};

use std::sync::LazyLock;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use thin_vec::ThinVec;

/// Default length of the timeboxed meeting, in minutes.
pub const DEFAULT_TIMEBOX_MINUTES: u32 = 60;
/// Default length of the socializing before the meeting, in minutes.
pub const DEFAULT_PRE_MEETING_MINUTES: u32 = 30;
/// Default length of the period after the meeting, in minutes.
pub const DEFAULT_AFTER_MINUTES: u32 = 30;

/// One meeting: its details, its roster and its agenda tree.
///
/// Read from YAML through [`crate::model::yaml::MeetingForm`], which checks the
/// values and places roster times of day on the meeting's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "crate::model::yaml::MeetingForm")]
pub struct Meeting {
    /// The title of the minutes, e.g. "Minutes 2024-05-15".
    pub title: String,
    /// When the timeboxed meeting starts (not the socializing before it), in UTC.
    #[serde(with = "crate::model::yaml::utc_time")]
    pub meeting_time: DateTime<Utc>,
    /// Length of the timeboxed meeting, in minutes.
    pub timebox: u32,
    /// Socializing before the meeting starts, in minutes.
    pub pre_meeting: u32,
    /// The period after the meeting's end, in minutes.
    pub after: u32,
    /// Where the meeting takes place, as Markdown text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Handles of the meeting's chairs, without the `@`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chairs: Vec<String>,
    /// Handles of the meeting's secretaries (usually one), without the `@`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secretary: Vec<String>,
    /// Everyone expected, with their attendance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roster: Shared<Vec<Person>>,
    /// The agenda tree: top-level entries are sections.
    pub agenda: Items,
    /// What was agreed about the next meeting.
    #[serde(default, skip_serializing_if = "NextMeeting::is_empty")]
    pub next: NextMeeting,
    /// What actually happened on the clock: actual start and end.
    #[serde(default, skip_serializing_if = "Actual::is_empty")]
    pub actual: Actual,
    /// Where the minutes are written while the meeting runs; a relative path is
    /// relative to the meeting file's folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<std::path::PathBuf>,
    /// The layout of the minutes (`seed` or `checkbox`).
    #[serde(default, skip_serializing_if = "Style::is_seed")]
    pub style: Style,
    /// How the agenda tree is laid out in Markdown: the meeting layout (default), or
    /// `document` for a Markdown document imported as is (every heading, list and
    /// paragraph is an entry of the agenda tree, in document order).
    #[serde(default, skip_serializing_if = "Layout::is_meeting")]
    pub layout: Layout,
    /// Front matter lines other than `title` and `meeting_time` (e.g. `layout: single`),
    /// kept so that an imported document keeps its Jekyll settings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub front_matter: Vec<String>,
    /// The meeting's date was not found in the document (or only its quarter was):
    /// it is a guess until the secretary sets it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_assumed: bool,
    /// The minutes are written with the safe fixes of the lint checks (the
    /// secretary asked for them at the end of the meeting): whoever writes the
    /// minutes file applies them to the text it renders (see `crate::lint::fix_minutes`).
    /// A choice of the live session, not part of a meeting file.
    #[serde(skip)]
    pub lint_fixes: bool,
}

/// How the agenda tree is written as Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Sections, items and notes of a meeting (the minutes styles).
    #[default]
    Meeting,
    /// A general Markdown document, as imported: headings, lists and blocks.
    Document,
}

impl Layout {
    /// True for the default layout (serde helper).
    pub fn is_meeting(&self) -> bool {
        matches!(self, Layout::Meeting)
    }
}

/// How a list is written, for lists that differ from the default (tight, bulleted or
/// numbered from 1). Set on the first entry of such a list, and on the first entry
/// of a list that directly follows another list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListStyle {
    /// A numbered list (`1.`) rather than bullets.
    #[serde(default, skip_serializing_if = "is_false")]
    pub ordered: bool,
    /// The first number of a numbered list, when not 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
    /// A loose list: entries separated by blank lines (each entry's text is a paragraph).
    #[serde(default, skip_serializing_if = "is_false")]
    pub loose: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The actual times of the meeting, recorded live (`S` / `E` in the TUI).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    /// When the meeting really started.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::yaml::opt_utc_time"
    )]
    pub start: Option<DateTime<Utc>>,
    /// When the meeting really ended.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::yaml::opt_utc_time"
    )]
    pub end: Option<DateTime<Utc>>,
}

impl Actual {
    /// True when nothing was recorded (keeps meeting files short).
    pub fn is_empty(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }
}

/// The next meeting, as elected at the end of this one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextMeeting {
    /// The sentence announcing the next meeting, as Markdown text
    /// (e.g. "Next meeting is June 5th @ 16:00 UTC on TPRF Slack #cpan-security channel").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The next meeting's time, when known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::yaml::opt_utc_time"
    )]
    pub time: Option<DateTime<Utc>>,
    /// Handles of the next meeting's chairs.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::model::yaml::handles"
    )]
    pub chairs: Vec<String>,
    /// Handles of the next meeting's secretaries.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::model::yaml::handles"
    )]
    pub secretary: Vec<String>,
}

impl NextMeeting {
    /// True when nothing is known about the next meeting.
    pub fn is_empty(&self) -> bool {
        self.text.is_none()
            && self.time.is_none()
            && self.chairs.is_empty()
            && self.secretary.is_empty()
    }
}

/// One person on the roster.
///
/// In YAML: a handle (`- "@tinita"`), or a mapping `handle`, `name`,
/// `attendance` (`present`, `regrets`, `absent`, `arrived-late`, `left-early`)
/// and `at` (see `model::yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The handle, without the `@` (e.g. `sjn`).
    pub handle: String,
    /// The person's name, when the minutes give it.
    pub name: Option<String>,
    /// Whether and how the person attended.
    pub attendance: Attendance,
}

impl Person {
    /// Whether the person has a handle: a person the minutes name without one
    /// (`Chen Wu`) is kept with the name as both handle and name.
    pub fn has_handle(&self) -> bool {
        self.name.as_deref() != Some(self.handle.as_str())
    }

    /// How the person is shown and written: `@handle`, else the name.
    pub fn mention(&self) -> String {
        if self.has_handle() {
            format!("@{}", self.handle)
        } else {
            self.handle.clone()
        }
    }
}

/// How a person attended the meeting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Attendance {
    /// On the roster, not (yet) marked: written under "Absents" if never marked.
    #[default]
    Expected,
    /// Attended.
    Present,
    /// Said in advance they could not come.
    Regrets,
    /// Did not come and did not send regrets.
    Absent,
    /// Attended, arriving late; the time when it was noted.
    ArrivedLate {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<DateTime<Utc>>,
    },
    /// Attended, leaving early; the time when it was noted.
    LeftEarly {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<DateTime<Utc>>,
    },
}

impl Attendance {
    /// True for the default state (serde helper).
    pub fn is_expected(&self) -> bool {
        matches!(self, Attendance::Expected)
    }
    /// True when the person was at the meeting at some point.
    pub fn attended(&self) -> bool {
        matches!(
            self,
            Attendance::Present | Attendance::ArrivedLate { .. } | Attendance::LeftEarly { .. }
        )
    }
}

/// A node of the agenda tree: a section, an item or a sub-item.
///
/// Top-level items are sections (`### Operating changes`); their items are the
/// numbered or bulleted entries, and so on to any depth.
///
/// In YAML: a title alone, or a mapping of these fields (see `model::yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The title as Markdown inline text, without owners, checkbox or link.
    pub title: String,
    /// When the title is a link, its target (`[title](link)`).
    pub link: Option<String>,
    /// Handles (without `@`) of who owns or raised the item; written before the
    /// title (`@sjn – title`).
    pub owners: Vec<String>,
    /// The checkbox: `None` when the item has none, `Some(true)` when checked.
    pub checked: Option<bool>,
    /// Time allowance in minutes.
    pub minutes: Option<u32>,
    /// Whether this item's sub-items are a numbered list (`1.`) rather than bullets.
    pub numbered: bool,
    /// Notes under the item, in order, each with nested notes.
    pub notes: Shared<Vec<Note>>,
    /// Sub-items, written after the notes.
    pub items: Items,
    /// Seconds spent discussing this item so far (the item timer).
    pub spent_seconds: u64,
    /// When the item is a Markdown heading, its level (1 to 6); sections of an
    /// imported document carry it so that they are written back at the same level.
    pub heading: Option<u8>,
    /// True when the item is not a heading or list entry but a Markdown block
    /// (paragraph, code block, quote, table, ...) whose source is `title`.
    pub block: bool,
    /// For a list entry that starts a list written differently from the default.
    pub list: Option<ListStyle>,
}

/// One line of notes, with the lines nested under it.
///
/// In YAML: the text alone, or a mapping `text`, `checked`, `decision`, `notes`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    /// The text as typed (Markdown inline text), without list marker or checkbox.
    pub text: String,
    /// The checkbox, when the line has one.
    pub checked: Option<bool>,
    /// The secretary typed the box as `[X]`: a Markdown document writes it so.
    /// Otherwise a new box is written as the document writes its boxes, and a box
    /// read from the document keeps its own form (so the reader leaves this unset).
    pub check_upper: bool,
    /// Marked by the secretary as a decision or vote result (the TUI's decision key),
    /// so `scribe actions` lists it under "Decisions" even when its wording does not
    /// say so. The minutes write it as a trailing " (decision)", the way the group
    /// annotates lines ("(vote: unanimous in favor)", "(arrived late)"), and the
    /// Markdown reader reads that back into this flag (see [`Note::written_text`]).
    pub decision: bool,
    /// Nested notes.
    pub notes: ThinVec<Note>,
    /// True when the note is not a list entry but a Markdown block (paragraph, code
    /// block, ...) whose source is `text`, e.g. a second paragraph of an entry.
    pub block: bool,
    /// For a list entry that starts a list written differently from the default.
    pub list: Option<ListStyle>,
}

/// A list of items (the agenda, or an item's sub-items).
///
/// Each item is [`Shared`] on its own as well as the list: a change to one item
/// of a long list copies the list's handles and that item, not every item of it
/// (an undo checkpoint or the writer's copy of the meeting shares the rest).
pub type Items = Shared<Vec<Shared<Item>>>;

/// The empty list of items that every item without sub-items holds, and the
/// empty notes of every item without notes: most items of an agenda are
/// leaves, and a list of its own for each would be a block of memory that
/// every walk of the agenda reads only to find it empty (a cache miss per
/// item), and that the meeting keeps. A change to one copies it first, as to
/// any shared value.
static NO_ITEMS: LazyLock<Items> = LazyLock::new(|| Shared::new(Vec::new()));
static NO_NOTES: LazyLock<Shared<Vec<Note>>> = LazyLock::new(|| Shared::new(Vec::new()));

impl Default for Item {
    /// An item without title, notes or sub-items (their lists the shared empty ones).
    fn default() -> Item {
        Item {
            title: String::new(),
            link: None,
            owners: Vec::new(),
            checked: None,
            minutes: None,
            numbered: false,
            notes: NO_NOTES.clone(),
            items: NO_ITEMS.clone(),
            spent_seconds: 0,
            heading: None,
            block: false,
            list: None,
        }
    }
}

/// A list of items, each shared on its own, made from the items (an empty
/// list is the shared empty one).
impl From<Vec<Item>> for Items {
    fn from(items: Vec<Item>) -> Items {
        items.into_iter().collect()
    }
}

impl FromIterator<Item> for Items {
    fn from_iter<I: IntoIterator<Item = Item>>(iter: I) -> Items {
        let list: Vec<Shared<Item>> = iter.into_iter().map(Shared::new).collect();
        if list.is_empty() {
            NO_ITEMS.clone()
        } else {
            Shared::new(list)
        }
    }
}

/// `notes` as an item's notes: an empty list is the shared empty one.
pub fn notes_of(notes: Vec<Note>) -> Shared<Vec<Note>> {
    if notes.is_empty() {
        NO_NOTES.clone()
    } else {
        Shared::new(notes)
    }
}

// A long meeting holds tens of thousands of notes, each one in its list's
// buffer (and copied whole with the list when a change copies it): keep them
// small. Most notes have no nested notes: their list is one word (an empty
// `ThinVec` holds no buffer). A list's number fits in 32 bits (CommonMark
// allows nine digits).
const _: () = assert!(std::mem::size_of::<Note>() <= 48);

/// Where an item sits in the agenda tree: indexes from the top level down.
pub type ItemPath = Vec<usize>;

impl Meeting {
    /// A new meeting with defaults for everything but title and time.
    pub fn new(title: impl Into<String>, meeting_time: DateTime<Utc>) -> Self {
        Meeting {
            title: title.into(),
            meeting_time,
            timebox: DEFAULT_TIMEBOX_MINUTES,
            pre_meeting: DEFAULT_PRE_MEETING_MINUTES,
            after: DEFAULT_AFTER_MINUTES,
            location: None,
            chairs: Vec::new(),
            secretary: Vec::new(),
            roster: Shared::default(),
            agenda: Shared::default(),
            next: NextMeeting::default(),
            actual: Actual::default(),
            output: None,
            style: Style::default(),
            layout: Layout::default(),
            front_matter: Vec::new(),
            date_assumed: false,
            lint_fixes: false,
        }
    }

    /// Moves the meeting to `date`, keeping its time of day (and the actual times
    /// recorded, by the same number of days); the date is no longer assumed.
    pub fn set_date(&mut self, date: chrono::NaiveDate) {
        let days = date - self.meeting_time.date_naive();
        self.meeting_time += days;
        self.actual.start = self.actual.start.map(|t| t + days);
        self.actual.end = self.actual.end.map(|t| t + days);
        self.date_assumed = false;
    }

    /// When the socializing before the meeting starts.
    pub fn pre_meeting_start(&self) -> DateTime<Utc> {
        self.meeting_time - Duration::minutes(i64::from(self.pre_meeting))
    }

    /// When the timeboxed meeting is planned to end.
    pub fn planned_end(&self) -> DateTime<Utc> {
        self.meeting_time + Duration::minutes(i64::from(self.timebox))
    }

    /// The item at `path`, if there is one.
    pub fn item(&self, path: &[usize]) -> Option<&Item> {
        self.shared_item(path).map(|item| &**item)
    }

    /// The item at `path` as the meeting shares it with its copies.
    pub fn shared_item(&self, path: &[usize]) -> Option<&Shared<Item>> {
        let (first, rest) = path.split_first()?;
        let mut item = self.agenda.get(*first)?;
        for &i in rest {
            item = item.items.get(i)?;
        }
        Some(item)
    }

    /// The item at `path`, mutably.
    pub fn item_mut(&mut self, path: &[usize]) -> Option<&mut Item> {
        let (first, rest) = path.split_first()?;
        let mut item = self.agenda.get_mut(*first)?;
        for &i in rest {
            item = item.items.get_mut(i)?;
        }
        Some(item)
    }

    /// The person with `handle` (compared without case, `@` optional).
    pub fn person(&self, handle: &str) -> Option<&Person> {
        let h = handle.trim_start_matches('@');
        self.roster
            .iter()
            .find(|p| p.handle.eq_ignore_ascii_case(h))
    }
}

impl Item {
    /// A plain item with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Item {
            title: title.into(),
            ..Item::default()
        }
    }
}

/// How the minutes mark a note as a decision: at the end of its line.
pub const DECISION_MARK: &str = "(decision)";

impl Note {
    /// A plain note line.
    pub fn new(text: impl Into<String>) -> Self {
        Note {
            text: text.into(),
            ..Note::default()
        }
    }

    /// The note's text as the minutes write it: with " (decision)" at the end when
    /// it is marked as a decision (once, if the text already ends so).
    pub fn written_text(&self) -> std::borrow::Cow<'_, str> {
        if self.decision && !Note::split_decision(&self.text).1 {
            let mut text = self.text.trim_end().to_string();
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(DECISION_MARK);
            std::borrow::Cow::Owned(text)
        } else {
            std::borrow::Cow::Borrowed(&self.text)
        }
    }

    /// A note's line as written in the minutes, read back: the text without a
    /// trailing " (decision)" (any case), and whether it had one.
    pub fn split_decision(written: &str) -> (&str, bool) {
        let trimmed = written.trim_end();
        let Some(start) = trimmed.len().checked_sub(DECISION_MARK.len()) else {
            return (written, false);
        };
        match trimmed.get(start..) {
            Some(tail) if tail.eq_ignore_ascii_case(DECISION_MARK) => {
                (trimmed[..start].trim_end(), true)
            }
            _ => (written, false),
        }
    }
}

/// The layout of the minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// The layout of the 2024 minutes: numbered and bulleted items, no checkboxes
    /// unless the meeting has some.
    #[default]
    Seed,
    /// The 2025 layout: `## Agenda`, `####` item headings, `- [x]` items.
    Checkbox,
}

impl Style {
    /// True for the default style (serde helper).
    pub fn is_seed(&self) -> bool {
        matches!(self, Style::Seed)
    }

    /// The names of the styles, as files, keymaps and the command line write them.
    pub const NAMES: [&'static str; 2] = ["seed", "checkbox"];

    /// The style's name (`seed`, `checkbox`).
    pub fn name(self) -> &'static str {
        match self {
            Style::Seed => "seed",
            Style::Checkbox => "checkbox",
        }
    }
}

impl std::str::FromStr for Style {
    type Err = String;

    fn from_str(name: &str) -> Result<Style, String> {
        match name {
            "seed" => Ok(Style::Seed),
            "checkbox" => Ok(Style::Checkbox),
            other => Err(format!(
                "unknown style `{other}`; expected seed or checkbox"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A change to one item through a copy of the meeting copies that item and
    /// the items above it: every other item, in the same list and elsewhere,
    /// stays shared with the copy, and the copy is as it was.
    #[test]
    fn a_change_to_one_item_copies_that_item_and_those_above_it_only() {
        let meeting = crate::workload::meeting(2);
        let mut changed = meeting.clone();
        let path = [2, 3];
        let title = meeting
            .item(&path)
            .expect("an item at [2, 3]")
            .title
            .clone();
        changed.item_mut(&path).expect("an item at [2, 3]").title = "Changed".into();
        assert_eq!(meeting.item(&path).map(|i| &i.title), Some(&title));
        let mut shared = 0;
        for (s, (was, now)) in meeting.agenda.iter().zip(changed.agenda.iter()).enumerate() {
            assert_eq!(Shared::same(was, now), s != path[0], "section {s}");
            for (i, (was, now)) in was.items.iter().zip(now.items.iter()).enumerate() {
                let on_path = s == path[0] && i == path[1];
                assert_eq!(Shared::same(was, now), !on_path, "item {s}.{i}");
                shared += usize::from(!on_path);
            }
        }
        assert!(shared > 10, "{shared} items compared");
        assert_eq!(
            changed.item(&path).map(|i| i.title.as_str()),
            Some("Changed")
        );
    }

    /// Every item read without sub-items (or without notes), from a meeting
    /// file or a Markdown agenda, holds the one shared empty list; a sub-item
    /// added to one of them is its own, and the others stay empty.
    #[test]
    fn items_without_sub_items_or_notes_share_one_empty_list() {
        fn leaves<'a>(items: &'a [Shared<Item>], out: &mut Vec<&'a Item>) {
            for item in items {
                if item.items.is_empty() {
                    out.push(item);
                }
                leaves(&item.items, out);
            }
        }
        let markdown = crate::workload::markdown_agenda(1);
        let read = crate::markdown::import_markdown(
            std::path::Path::new("agenda.md"),
            markdown.as_bytes(),
        )
        .expect("the workload's agenda reads");
        let yaml = crate::meeting_file::to_yaml(&crate::workload::meeting(1));
        let loaded = crate::meeting_file::parse_meeting(&yaml, std::path::Path::new("m.yaml"))
            .expect("the workload's meeting file reads");
        for (source, mut meeting) in [
            ("Markdown", read),
            ("YAML", loaded),
            ("new", Meeting::new("t", Utc::now())),
        ] {
            meeting.agenda = [Item::new("Section"), Item::default()]
                .into_iter()
                .chain(meeting.agenda.iter().map(|s| (**s).clone()))
                .collect();
            let mut found = Vec::new();
            leaves(&meeting.agenda, &mut found);
            let read = if source == "new" { 0 } else { 10 };
            assert!(found.len() >= 2 + read, "{source}: {} leaves", found.len());
            for leaf in &found {
                assert!(
                    Shared::same(&leaf.items, &found[0].items),
                    "{source}: {:?}",
                    leaf.title
                );
            }
            let bare: Vec<&&Item> = found.iter().filter(|i| i.notes.is_empty()).collect();
            assert!(bare.len() >= 2, "{} without notes", bare.len());
            for item in &bare {
                assert!(
                    Shared::same(&item.notes, &bare[0].notes),
                    "{source}: {:?}",
                    item.title
                );
            }
            let mut changed = meeting.clone();
            assert!(changed.agenda[0].items.is_empty());
            changed
                .item_mut(&[0])
                .expect("a section")
                .items
                .push(Item::new("new").into());
            assert_eq!(changed.agenda[0].items.len(), 1);
            assert!(meeting.agenda[1].items.is_empty());
            assert!(changed.agenda[1].items.is_empty());
        }
    }
}
