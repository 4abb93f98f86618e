//! How the meeting model is spelled in the YAML meeting file: serde forms and
//! checks for the model's fields.
//!
//! The YAML file is the model serialised with serde, but written for people:
//! times as `2024-05-15 17:00 UTC`, handles with or without `@`, one handle or a
//! list, attendance as a word (`present`, `arrived-late`) with an optional `at:`
//! time, notes and items as plain strings when they have nothing else. Checks
//! that need the file position of the offending value (a timebox of 0, a time
//! without a zone, a handle twice on the roster) run inside deserialisation, so
//! the YAML reader attaches the line and column of that value to the error.

use std::fmt;

mod fast;
mod time;

pub(crate) use fast::read::{read as read_direct, read_preview};
use time::{TIME_EXAMPLE, time_spec};
pub(crate) use time::{TimeSpec, format_time, opt_utc_time, utc_time};

use chrono::{DateTime, TimeZone, Utc};
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use thin_vec::ThinVec;

use crate::model::{
    Actual, Attendance, DEFAULT_AFTER_MINUTES, DEFAULT_PRE_MEETING_MINUTES,
    DEFAULT_TIMEBOX_MINUTES, Item, Layout, ListStyle, Meeting, NextMeeting, Note, Person,
};

// ---------------------------------------------------------------------------
// Minutes

struct MinutesVisitor {
    what: &'static str,
    min: i64,
}

impl Visitor<'_> for MinutesVisitor {
    type Value = u32;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{} as a whole number of minutes, at least {}",
            self.what, self.min
        )
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        if v < self.min {
            return Err(E::custom(format!(
                "{} must be at least {} minute{}, found {v}",
                self.what,
                self.min,
                if self.min == 1 { "" } else { "s" }
            )));
        }
        // A day is plenty for any meeting; larger numbers are typos.
        if v > 24 * 60 {
            return Err(E::custom(format!(
                "{} of {v} minutes is longer than a day; expected minutes, e.g. `60`",
                self.what
            )));
        }
        u32::try_from(v).map_err(|_| E::custom(format!("{} is out of range", self.what)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

/// The meeting's timebox: at least one minute.
pub(crate) fn timebox<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    d.deserialize_i64(MinutesVisitor {
        what: "the timebox",
        min: 1,
    })
}

/// Why an `output:` path from a meeting file would write outside the file's
/// folder (absolute, a drive or root, `..`, or empty), or `None` when it stays
/// inside. A meeting file may come from a stranger: it never decides to write
/// anywhere but beside itself.
pub fn output_escapes(path: &std::path::Path) -> Option<&'static str> {
    use std::path::Component;
    if path.as_os_str().is_empty() {
        return Some("it is empty");
    }
    for part in path.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => return Some("it is absolute"),
            Component::ParentDir => return Some("it goes up with `..`"),
            Component::CurDir | Component::Normal(_) => {}
        }
    }
    if path.file_name().is_none() {
        return Some("it names no file");
    }
    None
}

/// The `output:` of a meeting file: a path relative to the file's folder that
/// stays inside it. Checked while the value is read, so the error has its line.
fn output_path<'de, D: Deserializer<'de>>(d: D) -> Result<Option<std::path::PathBuf>, D::Error> {
    struct OutputVisitor;
    impl<'de> Visitor<'de> for OutputVisitor {
        type Value = Option<std::path::PathBuf>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a file name for the minutes, e.g. `minutes.md`")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            let path = std::path::PathBuf::from(text);
            match output_escapes(&path) {
                None => Ok(Some(path)),
                Some(why) => Err(E::custom(format!(
                    "`{text}` would write outside this file's folder ({why}); expected \
                     a file name in the meeting file's folder, e.g. `minutes.md` (use `-o` to \
                     write elsewhere)"
                ))),
            }
        }
    }
    d.deserialize_any(OutputVisitor)
}

/// Minutes before or after the meeting: zero or more.
pub(crate) fn extra_minutes<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    d.deserialize_i64(MinutesVisitor {
        what: "this period",
        min: 0,
    })
}

/// An item's time allowance: at least one minute.
fn allowance<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    d.deserialize_i64(MinutesVisitor {
        what: "an item's time allowance (`minutes`)",
        min: 1,
    })
    .map(Some)
}

// ---------------------------------------------------------------------------
// Handles

/// A handle as the model keeps it: without `@`, no spaces.
pub(crate) fn clean_handle(text: &str) -> Result<String, String> {
    let h = text.trim();
    let h = h.strip_prefix('@').unwrap_or(h);
    if h.is_empty() || h.chars().any(|c| c.is_whitespace() || c == '@' || c == ',') {
        return Err(format!(
            "`{text}` is not a handle; expected one name like `@sjn` or `sjn`"
        ));
    }
    Ok(h.to_string())
}

struct HandlesVisitor;

impl<'de> Visitor<'de> for HandlesVisitor {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a handle like `@sjn`, or a list of handles")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        // "@timlegge, @tux" is a common way to write two chairs.
        v.split(',')
            .map(|h| clean_handle(h).map_err(E::custom))
            .collect()
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(h) = seq.next_element::<String>()? {
            out.push(clean_handle(&h).map_err(de::Error::custom)?);
        }
        Ok(out)
    }
}

/// serde `deserialize_with` for one handle or a list of handles.
pub(crate) fn handles<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(HandlesVisitor)
}

// ---------------------------------------------------------------------------
// Roster

/// How a person attended, as one word in the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum AttendanceKind {
    #[default]
    Expected,
    Present,
    Regrets,
    Absent,
    ArrivedLate,
    LeftEarly,
}

/// A roster entry as written: a handle, or a mapping.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a roster entry: a handle, or a mapping with `handle`"
)]
struct PersonFields {
    handle: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    attendance: AttendanceKind,
    #[serde(default, deserialize_with = "time_spec")]
    at: Option<TimeSpec>,
}

/// A roster entry read from the file, before times of day are placed on the
/// meeting's date.
#[derive(Debug, Clone)]
pub(crate) struct PersonForm {
    handle: String,
    name: Option<String>,
    attendance: AttendanceKind,
    at: Option<TimeSpec>,
}

impl PersonForm {
    fn from_fields(fields: PersonFields) -> Result<Self, String> {
        let handle = clean_handle(&fields.handle)?;
        if fields.at.is_some()
            && !matches!(
                fields.attendance,
                AttendanceKind::ArrivedLate | AttendanceKind::LeftEarly
            )
        {
            return Err(format!(
                "`at` is only for `attendance: arrived-late` or `left-early` (@{handle})"
            ));
        }
        Ok(PersonForm {
            handle,
            name: fields.name,
            attendance: fields.attendance,
            at: fields.at,
        })
    }

    /// The model's person, with times of day placed on the meeting's date.
    fn into_person_on(self, meeting_time: DateTime<Utc>) -> Person {
        let at = self.at.map(|spec| match spec {
            TimeSpec::At(t) => t,
            TimeSpec::TimeOfDay(time) => {
                Utc.from_utc_datetime(&meeting_time.date_naive().and_time(time))
            }
        });
        self.into_person_at(at)
    }

    /// The model's person when no meeting date is known: a bare time of day
    /// cannot be placed.
    fn into_person_alone(self) -> Result<Person, String> {
        let at = match self.at {
            None => None,
            Some(TimeSpec::At(t)) => Some(t),
            Some(TimeSpec::TimeOfDay(time)) => {
                return Err(format!(
                    "`at: {time}` needs a date here; expected a full time like {TIME_EXAMPLE}"
                ));
            }
        };
        Ok(self.into_person_at(at))
    }

    fn into_person_at(self, at: Option<DateTime<Utc>>) -> Person {
        let attendance = match self.attendance {
            AttendanceKind::Expected => Attendance::Expected,
            AttendanceKind::Present => Attendance::Present,
            AttendanceKind::Regrets => Attendance::Regrets,
            AttendanceKind::Absent => Attendance::Absent,
            AttendanceKind::ArrivedLate => Attendance::ArrivedLate { at },
            AttendanceKind::LeftEarly => Attendance::LeftEarly { at },
        };
        Person {
            handle: self.handle,
            name: self.name,
            attendance,
        }
    }
}

/// Reads one roster entry; refuses a handle already in `seen`. Runs inside the
/// entry's own deserialisation so that errors carry the entry's position.
struct PersonSeed<'a> {
    /// The handles so far, by their ASCII-lowercase form (a map: a roster of
    /// 100,000 people is checked in linear time): entry number and handle.
    seen: &'a std::collections::HashMap<String, (usize, String)>,
}

impl PersonSeed<'_> {
    fn check(&self, form: PersonForm) -> Result<PersonForm, String> {
        if let Some((i, first)) = self.seen.get(&form.handle.to_ascii_lowercase()) {
            return Err(format!(
                "@{} is on the roster twice (entry {} is @{first}); expected each handle once",
                form.handle,
                i + 1,
            ));
        }
        Ok(form)
    }
}

impl<'de> DeserializeSeed<'de> for PersonSeed<'_> {
    type Value = PersonForm;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<PersonForm, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PersonSeed<'_> {
    type Value = PersonForm;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "a roster entry: a handle like `@sjn`, or a mapping with `handle` and `attendance`",
        )
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<PersonForm, E> {
        let handle = clean_handle(v).map_err(E::custom)?;
        self.check(PersonForm {
            handle,
            name: None,
            attendance: AttendanceKind::Expected,
            at: None,
        })
        .map_err(E::custom)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PersonForm, A::Error> {
        let fields = PersonFields::deserialize(MapAccessDeserializer::new(map))?;
        let form = PersonForm::from_fields(fields).map_err(de::Error::custom)?;
        self.check(form).map_err(de::Error::custom)
    }
}

struct RosterVisitor;

impl<'de> Visitor<'de> for RosterVisitor {
    type Value = Vec<PersonForm>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of roster entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut seen = std::collections::HashMap::new();
        let mut out = Vec::new();
        while let Some(form) = seq.next_element_seed(PersonSeed { seen: &seen })? {
            seen.insert(
                form.handle.to_ascii_lowercase(),
                (out.len(), form.handle.clone()),
            );
            out.push(form);
        }
        Ok(out)
    }
}

fn roster<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PersonForm>, D::Error> {
    d.deserialize_seq(RosterVisitor)
}

impl<'de> Deserialize<'de> for Person {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let form = d.deserialize_any(PersonSeed {
            seen: &std::collections::HashMap::new(),
        })?;
        form.into_person_alone().map_err(de::Error::custom)
    }
}

impl Serialize for Person {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (kind, at) = match self.attendance {
            Attendance::Expected => (None, None),
            Attendance::Present => (Some("present"), None),
            Attendance::Regrets => (Some("regrets"), None),
            Attendance::Absent => (Some("absent"), None),
            Attendance::ArrivedLate { at } => (Some("arrived-late"), at),
            Attendance::LeftEarly { at } => (Some("left-early"), at),
        };
        let len = 1
            + usize::from(self.name.is_some())
            + usize::from(kind.is_some())
            + usize::from(at.is_some());
        let mut st = s.serialize_struct("Person", len)?;
        st.serialize_field("handle", &self.handle)?;
        if let Some(name) = &self.name {
            st.serialize_field("name", name)?;
        }
        if let Some(kind) = kind {
            st.serialize_field("attendance", kind)?;
        }
        if let Some(at) = at {
            st.serialize_field("at", &format_time(&at))?;
        }
        st.end()
    }
}

// ---------------------------------------------------------------------------
// Agenda: items and notes

/// An item written as a mapping.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an agenda item: a title, or a mapping with `title`"
)]
struct ItemFields {
    title: String,
    #[serde(default)]
    link: Option<String>,
    #[serde(default, deserialize_with = "handles")]
    owners: Vec<String>,
    #[serde(default)]
    checked: Option<bool>,
    #[serde(default, deserialize_with = "allowance")]
    minutes: Option<u32>,
    #[serde(default)]
    numbered: bool,
    #[serde(default)]
    notes: Vec<Note>,
    #[serde(default)]
    items: Vec<Item>,
    #[serde(default)]
    spent_seconds: u64,
    #[serde(default)]
    heading: Option<u8>,
    #[serde(default)]
    block: bool,
    #[serde(default)]
    list: Option<ListStyle>,
}

struct ItemVisitor;

impl<'de> Visitor<'de> for ItemVisitor {
    type Value = Item;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an agenda item: a title, or a mapping with `title`")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
        Ok(Item::new(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Item, A::Error> {
        let f = ItemFields::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Item {
            title: f.title,
            link: f.link,
            owners: f.owners,
            checked: f.checked,
            minutes: f.minutes,
            numbered: f.numbered,
            notes: super::notes_of(fitted(f.notes)),
            items: fitted(f.items).into(),
            spent_seconds: f.spent_seconds,
            heading: f.heading,
            block: f.block,
            list: f.list,
        })
    }
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemVisitor)
    }
}

impl Serialize for Item {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let plain = self.link.is_none()
            && self.owners.is_empty()
            && self.checked.is_none()
            && self.minutes.is_none()
            && !self.numbered
            && self.notes.is_empty()
            && self.items.is_empty()
            && self.spent_seconds == 0
            && self.heading.is_none()
            && !self.block
            && self.list.is_none();
        if plain {
            return s.serialize_str(&self.title);
        }
        let mut st = s.serialize_struct("Item", 12)?;
        st.serialize_field("title", &self.title)?;
        if let Some(link) = &self.link {
            st.serialize_field("link", link)?;
        }
        if !self.owners.is_empty() {
            st.serialize_field("owners", &self.owners)?;
        }
        if let Some(checked) = self.checked {
            st.serialize_field("checked", &checked)?;
        }
        if let Some(minutes) = self.minutes {
            st.serialize_field("minutes", &minutes)?;
        }
        if self.numbered {
            st.serialize_field("numbered", &true)?;
        }
        if !self.notes.is_empty() {
            st.serialize_field("notes", &self.notes)?;
        }
        if !self.items.is_empty() {
            st.serialize_field("items", &self.items)?;
        }
        if self.spent_seconds != 0 {
            st.serialize_field("spent_seconds", &self.spent_seconds)?;
        }
        if let Some(heading) = self.heading {
            st.serialize_field("heading", &heading)?;
        }
        if self.block {
            st.serialize_field("block", &true)?;
        }
        if let Some(list) = &self.list {
            st.serialize_field("list", list)?;
        }
        st.end()
    }
}

/// A note written as a mapping.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a note: text, or a mapping with `text`"
)]
struct NoteFields {
    text: String,
    #[serde(default)]
    checked: Option<bool>,
    #[serde(default)]
    decision: bool,
    #[serde(default)]
    notes: ThinVec<Note>,
    #[serde(default)]
    block: bool,
    #[serde(default)]
    list: Option<ListStyle>,
}

struct NoteVisitor;

impl<'de> Visitor<'de> for NoteVisitor {
    type Value = Note;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a note: text, or a mapping with `text`")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Note, E> {
        Ok(Note::new(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Note, A::Error> {
        let f = NoteFields::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Note {
            text: f.text,
            checked: f.checked,
            // A form of Markdown documents; minutes from YAML write their own.
            check_upper: false,
            decision: f.decision,
            notes: {
                // As `fitted` does for the lists of items.
                let mut notes = f.notes;
                notes.shrink_to_fit();
                notes
            },
            block: f.block,
            list: f.list,
        })
    }
}

impl<'de> Deserialize<'de> for Note {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoteVisitor)
    }
}

impl Serialize for Note {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.checked.is_none()
            && !self.decision
            && self.notes.is_empty()
            && !self.block
            && self.list.is_none()
        {
            return s.serialize_str(&self.text);
        }
        let mut st = s.serialize_struct("Note", 6)?;
        st.serialize_field("text", &self.text)?;
        if let Some(checked) = self.checked {
            st.serialize_field("checked", &checked)?;
        }
        if self.decision {
            st.serialize_field("decision", &true)?;
        }
        if !self.notes.is_empty() {
            st.serialize_field("notes", &self.notes)?;
        }
        if self.block {
            st.serialize_field("block", &true)?;
        }
        if let Some(list) = &self.list {
            st.serialize_field("list", list)?;
        }
        st.end()
    }
}

/// A list read from the file, holding no more room than it uses: lists are read
/// without knowing their length, and grow by doubling, so a long meeting's
/// notes would otherwise hold up to twice their size for the whole session.
fn fitted<T>(mut list: Vec<T>) -> Vec<T> {
    list.shrink_to_fit();
    list
}

struct AgendaVisitor;

impl<'de> Visitor<'de> for AgendaVisitor {
    type Value = Vec<Item>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of agenda sections")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element::<Item>()? {
            out.push(item);
        }
        if out.is_empty() {
            return Err(de::Error::custom(
                "the agenda has no items; expected at least one section, e.g. `- title: Welcome`",
            ));
        }
        Ok(out)
    }
}

fn agenda<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Item>, D::Error> {
    d.deserialize_seq(AgendaVisitor)
}

// ---------------------------------------------------------------------------
// The meeting

fn default_timebox() -> u32 {
    DEFAULT_TIMEBOX_MINUTES
}
fn default_pre_meeting() -> u32 {
    DEFAULT_PRE_MEETING_MINUTES
}
fn default_after() -> u32 {
    DEFAULT_AFTER_MINUTES
}

/// The meeting as written in the file. Only the roster needs a second step
/// (times of day land on the meeting's date), hence this form.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a meeting: a mapping with `title`, `meeting_time` and `agenda`"
)]
pub(crate) struct MeetingForm {
    title: String,
    #[serde(with = "utc_time")]
    meeting_time: DateTime<Utc>,
    #[serde(default = "default_timebox", deserialize_with = "timebox")]
    timebox: u32,
    #[serde(default = "default_pre_meeting", deserialize_with = "extra_minutes")]
    pre_meeting: u32,
    #[serde(default = "default_after", deserialize_with = "extra_minutes")]
    after: u32,
    #[serde(default)]
    location: Option<String>,
    #[serde(default, deserialize_with = "handles")]
    chairs: Vec<String>,
    #[serde(default, deserialize_with = "handles")]
    secretary: Vec<String>,
    #[serde(default, deserialize_with = "roster")]
    roster: Vec<PersonForm>,
    #[serde(deserialize_with = "agenda")]
    agenda: Vec<Item>,
    #[serde(default)]
    next: NextMeeting,
    #[serde(default)]
    actual: Actual,
    #[serde(default, deserialize_with = "output_path")]
    output: Option<std::path::PathBuf>,
    #[serde(default)]
    style: crate::model::Style,
    #[serde(default)]
    layout: Layout,
    #[serde(default)]
    front_matter: Vec<String>,
    #[serde(default)]
    date_assumed: bool,
}

impl From<MeetingForm> for Meeting {
    fn from(f: MeetingForm) -> Meeting {
        let meeting_time = f.meeting_time;
        Meeting {
            title: f.title,
            meeting_time,
            timebox: f.timebox,
            pre_meeting: f.pre_meeting,
            after: f.after,
            location: f.location,
            chairs: f.chairs,
            secretary: f.secretary,
            roster: f
                .roster
                .into_iter()
                .map(|p| p.into_person_on(meeting_time))
                .collect(),
            agenda: f.agenda.into(),
            next: f.next,
            actual: f.actual,
            output: f.output,
            style: f.style,
            layout: f.layout,
            front_matter: f.front_matter,
            date_assumed: f.date_assumed,
            lint_fixes: false,
        }
    }
}

/// The meeting file for `m` with its agenda written by [`fast::agenda_yaml`]
/// and the rest by the library: the same text as the library's for the whole
/// meeting, or `None` when the agenda holds text not simple enough to be sure.
pub(crate) fn fast_yaml(m: &Meeting) -> Option<String> {
    if m.agenda.is_empty() {
        return None;
    }
    let agenda = fast::agenda_yaml(&m.agenda)?;
    let mut head = m.clone();
    head.agenda = crate::model::Items::default();
    let text = yaml_serde::to_string(&head).ok()?;
    // The empty agenda's line, at the top level (the title's key comes first).
    const EMPTY: &str = "\nagenda: []\n";
    let at = text.find(EMPTY)?;
    if text[at + 1..].contains(EMPTY) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + agenda.len());
    out.push_str(&text[..at]);
    out.push_str("\nagenda:\n");
    out.push_str(&agenda);
    out.push_str(&text[at + EMPTY.len()..]);
    Some(out)
}
