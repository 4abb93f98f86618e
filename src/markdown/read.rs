//! Reading a Markdown agenda or minutes file into a [`Meeting`], remembering where
//! each entity came from ([`Map`]) and how the document writes things
//! ([`Conventions`]), so that changes can be written back in the same style.

use super::tree::{Kind, Node, parse_blocks};
use super::{Document, line_col};
use crate::dates::{DateStyle, find_date, find_time};
use crate::error::InputError;
use crate::model::{Attendance, Item, Meeting, Note, Person};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// Where an item or note is in the source.
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
    /// The checkbox (`[ ]`, `[x]`, `[X]`, `[]`) when there is one.
    pub checkbox: Option<Range<usize>>,
    /// Where the entry's content starts (after marker and spaces).
    pub content_start: usize,
    /// Columns before the marker.
    pub indent: usize,
    /// The marker with the spaces after it, e.g. `*   ` or `1. `.
    pub marker: String,
    /// Sub-items, parallel to `Item::items`.
    pub items: Vec<Span>,
    /// Notes, parallel to `Item::notes` / `Note::notes`.
    pub notes: Vec<Span>,
    /// Where a first child goes when there is none yet.
    pub insert_at: usize,
}

impl Span {
    /// Column where the entry's text starts (children must be indented at least so).
    pub fn content_col(&self) -> usize {
        self.indent + self.marker.chars().count()
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
    pub crlf: bool,
}

/// Reads `src` (valid UTF-8) into a [`Document`].
pub(crate) fn read(path: &Path, src: String) -> Result<Document, InputError> {
    let crlf = src.contains("\r\n");
    let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let (front, body_start) = front_matter(&src, bom);
    let nodes = parse_blocks(&src, body_start).map_err(|at| {
        let before = &src[..at.min(src.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        InputError::at(
            path,
            line,
            column,
            format!(
                "lists nested more than {} blocks deep; expected minutes or an agenda nested a few levels",
                super::tree::MAX_NESTING
            ),
        )
    })?;
    let mut reader = Reader {
        src: &src,
        map: Map::default(),
        meeting_date: None,
        meeting_clock: None,
        roster: Vec::new(),
        chairs: Vec::new(),
        secretary: Vec::new(),
        next: Default::default(),
        location: None,
        stats: Stats::default(),
        timed_times: Vec::new(),
    };
    let fm = |k: &str| {
        front
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, r)| (r.clone(), unquote(&src[r.clone()]).to_string()))
    };
    // The meeting date and time: front matter first, then other places.
    let mut time_source: Option<(NaiveDate, Option<NaiveTime>)> = None;
    if let Some((r, v)) = fm("meeting_time")
        && let Some(d) = find_date(&v, None)
    {
        let t = find_time(&v).map(|(_, t)| t);
        time_source = Some((d.date, t));
        let off =
            r.start + (src[r.clone()].len() - src[r.clone()].trim_start_matches(['"', '\'']).len());
        reader.map.front_time = Some((off + d.range.start..off + d.range.end, d.style));
    }
    let title_front = fm("title");
    if let Some((r, _)) = &title_front {
        reader.map.front_title = Some(r.clone());
    }
    let sections = build_sections(&src, &nodes);
    let first_heading_text = sections
        .1
        .first()
        .map(|s| heading_text(&src, s.heading))
        .unwrap_or_default();
    if time_source.is_none() {
        let candidates: Vec<String> = [
            title_front.as_ref().map(|(_, v)| v.clone()),
            Some(first_heading_text.clone()),
            path.file_name().map(|f| f.to_string_lossy().into_owned()),
        ]
        .into_iter()
        .flatten()
        .chain(front.iter().map(|(_, r)| src[r.clone()].to_string()))
        .chain(all_headings(&src, &sections.1))
        .collect();
        for c in candidates {
            if let Some(d) = find_date(&c, None) {
                time_source = Some((d.date, None));
                break;
            }
        }
    }
    let Some((date, time)) = time_source else {
        let (line, column) = line_col(src.as_bytes(), body_start);
        return Err(InputError {
            path: path.to_path_buf(),
            line,
            column,
            message: "no meeting date found: expected `meeting_time: 2025-03-12 17:00 UTC` in \
                      the front matter, or a date in the title, a heading or the file name"
                .to_string(),
        });
    };
    reader.meeting_date = Some(date);
    reader.meeting_clock = time;
    let title = title_front
        .map(|(_, v)| v)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            if first_heading_text.is_empty() {
                path.file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
            } else {
                first_heading_text.clone()
            }
        });
    let mut agenda = Vec::new();
    let mut spans = Vec::new();
    reader.stats_walk(&nodes, None);
    reader.body(&sections.0, &mut agenda, &mut spans, Ctx::Plain);
    reader.sections(&sections.1, &mut agenda, &mut spans, &[]);
    // Without a time in the front matter, the meeting starts when the minutes say so.
    let time = time
        .or_else(|| {
            reader
                .timed_times
                .iter()
                .find(|(k, _)| *k == Timed::Start)
                .map(|(_, t)| *t)
        })
        .or_else(|| {
            let limit = src.len().min(body_start + 2000);
            let mut end = limit;
            while !src.is_char_boundary(end) {
                end -= 1;
            }
            find_time(&src[body_start..end]).map(|(_, t)| t)
        })
        .unwrap_or_default();
    let meeting_time = Utc.from_utc_datetime(&date.and_time(time));
    let mut meeting = Meeting::new(title, meeting_time);
    meeting.agenda = agenda;
    reader.map.items = spans;
    meeting.location = reader.location.clone();
    meeting.chairs = reader.chairs.clone();
    meeting.secretary = reader.secretary.clone();
    meeting.next = reader.next.clone();
    if let Some(text) = &meeting.next.text {
        meeting.next.time = next_time(text, meeting_time);
    }
    // Timed headings: pre-meeting, actual start and end, the period after.
    let at = |t: NaiveTime| Utc.from_utc_datetime(&date.and_time(t));
    let mut end_heading = None;
    for (kind, t) in reader.timed_times.clone() {
        match kind {
            Timed::PreMeeting => {
                let mins = (meeting_time - at(t)).num_minutes().rem_euclid(24 * 60);
                meeting.pre_meeting = u32::try_from(mins).unwrap_or(0);
            }
            Timed::Start => {
                let start = nearest(at(t), meeting_time);
                if start != meeting_time {
                    meeting.actual.start = Some(start);
                }
            }
            Timed::MeetingEnd => {
                let end = nearest(at(t), meeting.planned_end());
                end_heading = Some(end);
                if end != meeting.planned_end() {
                    meeting.actual.end = Some(end);
                }
            }
            Timed::End => {
                let base = end_heading.unwrap_or(meeting.planned_end());
                let mins = (nearest(at(t), base) - base).num_minutes();
                meeting.after = u32::try_from(mins).unwrap_or(0);
            }
        }
    }
    meeting.roster = reader.roster.clone();
    let conv = reader.stats.conventions(crlf);
    Ok(Document {
        path: path.to_path_buf(),
        nodes,
        front,
        meeting,
        map: reader.map,
        conv,
        src,
    })
}

/// `t` moved by whole days to be closest to `reference` (headings give only times).
fn nearest(t: DateTime<Utc>, reference: DateTime<Utc>) -> DateTime<Utc> {
    let mut t = t;
    while t - reference > Duration::hours(12) {
        t -= Duration::days(1);
    }
    while reference - t > Duration::hours(12) {
        t += Duration::days(1);
    }
    t
}

/// The next meeting's time from the sentence announcing it.
pub(crate) fn next_time(text: &str, meeting_time: DateTime<Utc>) -> Option<DateTime<Utc>> {
    use chrono::Datelike;
    let d = find_date(text, Some(meeting_time.year()))?;
    let mut date = d.date;
    if date < meeting_time.date_naive()
        && !text[d.range.clone()].contains(&meeting_time.year().to_string())
    {
        date = date.with_year(date.year() + 1)?;
    }
    let time = find_time(&text[d.range.end..])
        .or_else(|| find_time(text))
        .map_or(meeting_time.time(), |(_, t)| t);
    Some(Utc.from_utc_datetime(&date.and_time(time)))
}

fn unquote(v: &str) -> &str {
    let v = v.trim();
    if v.len() >= 2
        && ((v.starts_with('"') && v.ends_with('"')) || (v.starts_with('\'') && v.ends_with('\'')))
    {
        &v[1..v.len() - 1]
    } else {
        v
    }
}

/// The front matter's `key: value` fields and where the body starts.
fn front_matter(src: &str, start: usize) -> (Vec<(String, Range<usize>)>, usize) {
    let rest = &src[start..];
    let first_len = if rest.starts_with("---\n") {
        4
    } else if rest.starts_with("---\r\n") {
        5
    } else {
        return (Vec::new(), start);
    };
    let mut fields = Vec::new();
    let mut pos = start + first_len;
    while pos < src.len() {
        let end = src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1);
        let line = src[pos..end].trim_end_matches(['\n', '\r']);
        if line == "---" || line == "..." {
            return (fields, end);
        }
        if let Some(colon) = line.find(':')
            && !line.starts_with([' ', '\t', '#', '-'])
        {
            let key = line[..colon].trim().to_string();
            let value = &line[colon + 1..];
            let lead = value.len() - value.trim_start().len();
            let vs = pos + colon + 1 + lead;
            let ve = pos + line.trim_end().len();
            fields.push((key, vs..ve.max(vs)));
        }
        pos = end;
    }
    // No closing line: not front matter after all.
    (Vec::new(), start)
}

/// A heading with the blocks under it and its sub-sections.
#[derive(Debug)]
pub(crate) struct Section<'a> {
    pub heading: &'a Node,
    pub level: u8,
    pub body: Vec<&'a Node>,
    pub subs: Vec<Section<'a>>,
    /// Where the section ends (the next heading of the same or a higher level).
    pub end: usize,
}

/// Splits top-level blocks into what comes before the first heading and the
/// heading tree.
pub(crate) fn build_sections<'a>(
    src: &str,
    nodes: &'a [Node],
) -> (Vec<&'a Node>, Vec<Section<'a>>) {
    let mut pre = Vec::new();
    let mut top: Vec<Section<'a>> = Vec::new();
    let mut stack: Vec<Section<'a>> = Vec::new();
    fn close<'a>(stack: &mut Vec<Section<'a>>, top: &mut Vec<Section<'a>>, end: usize) {
        if let Some(mut s) = stack.pop() {
            s.end = end;
            match stack.last_mut() {
                Some(p) => p.subs.push(s),
                None => top.push(s),
            }
        }
    }
    for node in nodes {
        if let Kind::Heading(level) = node.kind {
            let at = line_start(src, node.range.start);
            while stack.last().is_some_and(|s| s.level >= level) {
                close(&mut stack, &mut top, at);
            }
            stack.push(Section {
                heading: node,
                level,
                body: Vec::new(),
                subs: Vec::new(),
                end: src.len(),
            });
        } else {
            match stack.last_mut() {
                Some(s) => s.body.push(node),
                None => pre.push(node),
            }
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut top, src.len());
    }
    (pre, top)
}

pub(crate) fn heading_text(src: &str, node: &Node) -> String {
    node.inline
        .as_ref()
        .map(|r| src[r.clone()].trim().to_string())
        .unwrap_or_default()
}

fn all_headings(src: &str, sections: &[Section]) -> Vec<String> {
    let mut out = Vec::new();
    for s in sections {
        out.push(heading_text(src, s.heading));
        out.extend(all_headings(src, &s.subs));
    }
    out
}

pub(crate) fn line_start(src: &str, at: usize) -> usize {
    let b = src.as_bytes();
    b[..at.min(b.len())]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1)
}

/// End of the line containing `at` (after its newline).
pub(crate) fn line_end(src: &str, at: usize) -> usize {
    let b = src.as_bytes();
    let at = at.min(b.len());
    b[at..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |i| at + i + 1)
}

/// `range` extended to whole lines, without trailing blank lines.
fn whole_lines(src: &str, range: &Range<usize>) -> Range<usize> {
    let start = line_start(src, range.start);
    let content = src[start..range.end.min(src.len())].trim_end();
    let end = if content.is_empty() {
        line_end(src, start)
    } else {
        line_end(src, start + content.len() - 1)
    };
    start..end
}

/// What a section of the document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Plain,
    Next,
}

#[derive(Debug, Default)]
struct Stats {
    bullets: HashMap<String, usize>,
    ordered_spaces: HashMap<usize, usize>,
    nested: HashMap<usize, usize>,
    en_dash: usize,
    hyphen: usize,
    upper_x: usize,
    lower_x: usize,
}

impl Stats {
    fn conventions(&self, crlf: bool) -> Conventions {
        let mode = |m: &HashMap<usize, usize>, d: usize| {
            m.iter()
                .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
                .map_or(d, |(k, _)| *k)
        };
        Conventions {
            bullet: self
                .bullets
                .iter()
                .max_by_key(|(k, n)| (**n, std::cmp::Reverse((*k).clone())))
                .map_or_else(|| "- ".to_string(), |(k, _)| k.clone()),
            ordered_spaces: mode(&self.ordered_spaces, 1),
            nested: mode(&self.nested, 2),
            dash: if self.hyphen > self.en_dash {
                " - "
            } else {
                " – "
            }
            .to_string(),
            check: if self.upper_x > self.lower_x {
                'X'
            } else {
                'x'
            },
            crlf,
        }
    }
}

/// Marker of the entry starting at `at` (after indentation): the marker text with
/// its following spaces, and where the content starts.
pub(crate) fn marker_at(src: &str, at: usize) -> (String, usize) {
    let rest = &src[at..];
    // Nested entries' ranges start at the parent's content column, before their
    // own indentation.
    let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let at = at + lead;
    let rest = &src[at..];
    let mlen = if rest.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            digits + 1
        } else {
            0
        }
    };
    let after = &rest[mlen..];
    let line_rest = after
        .split('\n')
        .next()
        .unwrap_or("")
        .trim_end_matches('\r');
    let spaces = line_rest.len() - line_rest.trim_start_matches(' ').len();
    // An empty entry, or more than 4 spaces (then the content is indented code and
    // only one space belongs to the marker).
    let spaces = if line_rest.trim().is_empty() {
        0
    } else if spaces > 4 {
        1
    } else {
        spaces
    };
    (rest[..mlen + spaces].to_string(), at + mlen + spaces)
}

/// A checkbox at the start of `text`: its length and state.
fn checkbox_at(text: &str) -> Option<(usize, bool)> {
    for (pat, checked) in [("[ ]", false), ("[x]", true), ("[X]", true), ("[]", false)] {
        if let Some(rest) = text.strip_prefix(pat)
            && (rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
        {
            return Some((pat.len(), checked));
        }
    }
    None
}

/// Leading `@owner` handles followed by a separator: the handles and where the
/// title starts.
pub(crate) fn split_owners(text: &str) -> Option<(Vec<String>, usize)> {
    let mut owners = Vec::new();
    let mut pos = 0;
    loop {
        let rest = &text[pos..];
        let handle_len = rest
            .strip_prefix('@')?
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len() - 1);
        if handle_len == 0 {
            return None;
        }
        owners.push(rest[1..1 + handle_len].to_string());
        pos += 1 + handle_len;
        let rest = &text[pos..];
        if rest.is_empty() {
            return Some((owners, pos));
        }
        let mut joined = false;
        for sep in [", ", ",", " & ", " and ", " "] {
            if let Some(r) = rest.strip_prefix(sep)
                && r.starts_with('@')
            {
                pos += sep.len();
                joined = true;
                break;
            }
        }
        if joined {
            continue;
        }
        for sep in [" – ", " - ", " — ", ": ", " -- "] {
            if rest.starts_with(sep) {
                return Some((owners, pos + sep.len()));
            }
        }
        return None;
    }
}

/// A title that is entirely a link: `[text](target)`.
pub(crate) fn split_link(title: &str) -> Option<(String, String)> {
    let inner = title.strip_prefix('[')?.strip_suffix(')')?;
    let mid = inner.find("](")?;
    let (text, target) = (&inner[..mid], &inner[mid + 2..]);
    if text.contains(['[', ']']) || target.contains(['(', ')', ' ']) {
        return None;
    }
    Some((text.to_string(), target.to_string()))
}

/// Inline text of a range with continuation lines' indentation removed.
pub(crate) fn inline_text(src: &str, r: &Range<usize>) -> String {
    src[r.clone()]
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.trim_end_matches('\r')
            } else {
                l.trim_start_matches([' ', '\t']).trim_end_matches('\r')
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

/// A list entry read: where it is (children not yet filled in), its box and text.
struct EntryParts {
    span: Span,
    checked: Option<bool>,
    text: String,
}

struct Reader<'a> {
    src: &'a str,
    map: Map,
    meeting_date: Option<NaiveDate>,
    /// The meeting's time of day, when the front matter gives it.
    meeting_clock: Option<NaiveTime>,
    roster: Vec<Person>,
    chairs: Vec<String>,
    secretary: Vec<String>,
    next: crate::model::NextMeeting,
    location: Option<String>,
    stats: Stats,
    timed_times: Vec<(Timed, NaiveTime)>,
}

/// Handles (without `@`) in a text.
fn handles(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('@') {
        let h: String = text[i + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !h.is_empty() {
            out.push(h);
        }
    }
    out
}

fn label_value(text: &str, labels: &[&str]) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    for l in labels {
        if let Some(rest) = lower.strip_prefix(l) {
            let rest_t = rest.trim_start();
            if rest_t.starts_with(':') {
                let colon = text.len() - rest_t.len();
                let after = &text[colon + 1..];
                return Some(colon + 1 + (after.len() - after.trim_start().len()));
            }
        }
    }
    None
}

fn separator_of(value: &str) -> String {
    if value.contains(" & ") && !value.contains(", ") {
        " & ".to_string()
    } else {
        ", ".to_string()
    }
}

fn roster_kind(text: &str) -> Option<Option<ListKind>> {
    let t = text.to_lowercase();
    let partly = t.contains("partly") || t.contains("partial");
    let absent = t.contains("absent") || t.contains("not attending") || t.contains("apologies");
    let regrets = t.contains("regret");
    let present = t.contains("attendee")
        || (t.contains("attending") && !t.contains("not attending"))
        || t.starts_with("present");
    let n = [present, regrets, absent].iter().filter(|b| **b).count();
    if n == 0 {
        return None;
    }
    if partly {
        return Some(Some(ListKind::Partly));
    }
    if n > 1 {
        return Some(None);
    }
    Some(Some(if present {
        ListKind::Present
    } else if regrets {
        ListKind::Regrets
    } else {
        ListKind::Absent
    }))
}

/// A label at the start of a roster entry (`Attendees`, `Regrets:`, `Present:`):
/// the kind and where the names start (if on the same line).
fn roster_label(text: &str) -> Option<(ListKind, usize)> {
    let lower = text.to_ascii_lowercase();
    let labels: [(&str, ListKind); 14] = [
        ("partly attending", ListKind::Partly),
        ("partly absent", ListKind::Partly),
        ("partly present", ListKind::Partly),
        ("not attending", ListKind::Absent),
        ("attendees", ListKind::Present),
        ("attendee", ListKind::Present),
        ("attending", ListKind::Present),
        ("present", ListKind::Present),
        ("regrets", ListKind::Regrets),
        ("regret", ListKind::Regrets),
        ("absents", ListKind::Absent),
        ("absentees", ListKind::Absent),
        ("absent", ListKind::Absent),
        ("apologies", ListKind::Regrets),
    ];
    for (l, k) in labels {
        if let Some(rest) = lower.strip_prefix(l) {
            if !(rest.is_empty() || rest.starts_with([':', ' ', '\t'])) {
                continue;
            }
            let after = rest.trim_start_matches([' ', '\t']);
            let after = after.strip_prefix(':').unwrap_or(after);
            let after_t = after.trim_start();
            if !(after_t.is_empty()
                || after_t.starts_with(['@', '('])
                || rest.trim_start().starts_with(':'))
            {
                continue;
            }
            return Some((k, text.len() - after_t.len()));
        }
    }
    None
}

fn is_placeholder(t: &str) -> bool {
    matches!(
        t.trim().to_lowercase().as_str(),
        "" | "…" | "..." | "-" | "(none)" | "none" | "n/a" | "tbd"
    )
}

/// Splits a line of names into tokens (byte ranges within `text`).
fn name_tokens(text: &str) -> Vec<Range<usize>> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut depth = 0i32;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'(' {
            depth += 1;
        } else if c == b')' {
            depth -= 1;
        }
        let sep_len = if depth > 0 {
            0
        } else if c == b',' || c == b';' {
            1
        } else if bytes[i..].starts_with(b" & ") {
            3
        } else if bytes[i..].starts_with(b" and ") {
            5
        } else {
            0
        };
        if sep_len > 0 {
            pieces.push(start..i);
            start = i + sep_len;
            i += sep_len;
        } else {
            i += 1;
        }
    }
    pieces.push(start..text.len());
    let mut out = Vec::new();
    for p in pieces {
        let piece = &text[p.clone()];
        if piece.trim().is_empty() {
            continue;
        }
        let lead = piece.len() - piece.trim_start().len();
        let p = p.start + lead..p.start + piece.trim_end().len();
        let piece = &text[p.clone()];
        if is_placeholder(piece) {
            continue;
        }
        let ats: Vec<usize> = piece.match_indices('@').map(|(i, _)| i).collect();
        let parens = piece.contains('(');
        if ats.len() >= 2 && !parens {
            // "@timlegge @tib", "@robrwo. @tux": one person per handle.
            for (k, &a) in ats.iter().enumerate() {
                let end = ats.get(k + 1).copied().unwrap_or(piece.len());
                let t = piece[a..end].trim_end().trim_end_matches(['.', ',']);
                out.push(p.start + a..p.start + a + t.len());
            }
        } else {
            out.push(p);
        }
    }
    out
}

/// Whether a text is a list of names: each name a few words at most, with an
/// optional `(@handle)` or attendance note, and no sentence punctuation.
fn names_only(text: &str) -> bool {
    if text.contains(" - ") || text.contains(" – ") || text.contains('\n') {
        return false;
    }
    name_tokens(text).iter().all(|r| {
        let t = &text[r.clone()];
        let outside_parens: String = {
            let mut depth = 0;
            t.chars()
                .filter(|c| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0 && *c != ')'
                })
                .collect()
        };
        outside_parens.split_whitespace().count() <= 4 && !outside_parens.contains(':')
    })
}

/// Reads one name token: handle, name without attendance note, attendance note.
pub(crate) fn person_token(token: &str) -> (String, String, Option<Attendance>) {
    let lower = token.to_ascii_lowercase();
    let mut base = token.to_string();
    let mut note = None;
    for (pat, att) in [
        ("(arrived late)", Attendance::ArrivedLate { at: None }),
        ("(late)", Attendance::ArrivedLate { at: None }),
        ("(left early)", Attendance::LeftEarly { at: None }),
    ] {
        if let Some(i) = lower.find(pat) {
            base = format!("{}{}", &token[..i], &token[i + pat.len()..])
                .trim()
                .to_string();
            note = Some(att);
            break;
        }
    }
    let hs = handles(&base);
    let handle = hs.first().cloned().unwrap_or_else(|| {
        base.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace())
            .to_string()
    });
    (handle, base, note)
}

impl Reader<'_> {
    fn stats_walk(&mut self, nodes: &[Node], parent: Option<(usize, usize)>) {
        for n in nodes {
            match n.kind {
                Kind::Entry => {
                    let ls = line_start(self.src, n.range.start);
                    let (marker, content) = marker_at(self.src, n.range.start);
                    let indent = content - marker.len() - ls;
                    let m = marker.trim_end();
                    if m.ends_with(['.', ')']) {
                        *self
                            .stats
                            .ordered_spaces
                            .entry(marker.len() - m.len())
                            .or_default() += 1;
                    } else if marker.len() > m.len() {
                        *self.stats.bullets.entry(marker.clone()).or_default() += 1;
                    }
                    if let Some((pi, _)) = parent
                        && indent > pi
                    {
                        *self.stats.nested.entry(indent - pi).or_default() += 1;
                    }
                    let text = &self.src[content..line_end(self.src, content)];
                    if let Some((_, true)) = checkbox_at(text) {
                        if text.starts_with("[X]") {
                            self.stats.upper_x += 1;
                        } else {
                            self.stats.lower_x += 1;
                        }
                    }
                    let after = text
                        .get(checkbox_at(text).map_or(0, |(l, _)| l + 1)..)
                        .unwrap_or("");
                    if let Some((_, t)) = split_owners(after) {
                        if after[..t].ends_with(" – ") {
                            self.stats.en_dash += 1;
                        } else if after[..t].ends_with(" - ") {
                            self.stats.hyphen += 1;
                        }
                    }
                    self.stats_walk(&n.children, Some((indent, content - ls)));
                }
                _ => self.stats_walk(&n.children, parent),
            }
        }
    }

    /// The parts of a list entry.
    fn entry(&self, node: &Node) -> EntryParts {
        let src = self.src;
        let ls = line_start(src, node.range.start);
        let (marker, content_start) = marker_at(src, node.range.start);
        let indent = src[ls..content_start - marker.len()].chars().count();
        let first_para = node.inline.clone().or_else(|| match node.children.first() {
            Some(c) if c.kind == Kind::Paragraph => c.inline.clone(),
            _ => None,
        });
        let mut checkbox = None;
        let mut checked = None;
        let mut text_start = content_start;
        let line_rest = &src[content_start..line_end(src, content_start)];
        if let Some((len, state)) = checkbox_at(line_rest) {
            checkbox = Some(content_start..content_start + len);
            checked = Some(state);
            let after = &line_rest[len..];
            let trimmed = after.trim_start_matches([' ', '\t']);
            text_start = content_start + len + (after.len() - trimmed.len());
            if trimmed.starts_with(['\r', '\n']) || trimmed.is_empty() {
                text_start = content_start + len;
            }
        }
        let text_end = first_para
            .as_ref()
            .map_or(text_start, |r| r.end.max(text_start));
        let text_range = text_start..text_end;
        let text = inline_text(src, &text_range);
        let own_end = if text_end > text_start {
            line_end(src, text_end - 1)
        } else {
            line_end(src, ls)
        };
        let whole = whole_lines(src, &node.range);
        let whole = whole.start..whole.end.max(own_end);
        let title_start = split_owners(&text)
            .map(|(_, t)| text_start + byte_in_source(src, &text_range, t))
            .unwrap_or(text_start);
        EntryParts {
            span: Span {
                heading: None,
                whole,
                own: ls..own_end,
                text: text_range,
                title_start,
                checkbox,
                content_start,
                indent,
                marker,
                items: Vec::new(),
                notes: Vec::new(),
                insert_at: own_end,
            },
            checked,
            text,
        }
    }

    /// A list entry as an agenda item (its nested entries are notes).
    fn item_from_entry(&mut self, node: &Node) -> (Item, Span) {
        let parts = self.entry(node);
        let mut item = Item::default();
        let (owners, title) = match split_owners(&parts.text) {
            Some((o, t)) => (o, parts.text[t..].to_string()),
            None => (Vec::new(), parts.text.clone()),
        };
        item.owners = owners;
        match split_link(&title) {
            Some((t, l)) => {
                item.title = t;
                item.link = Some(l);
            }
            None => item.title = title,
        }
        item.checked = parts.checked;
        let mut span = parts.span;
        let (notes, spans) = self.notes_of(node);
        item.notes = notes;
        span.notes = spans;
        (item, span)
    }

    fn notes_of(&mut self, node: &Node) -> (Vec<Note>, Vec<Span>) {
        let mut notes = Vec::new();
        let mut spans = Vec::new();
        for child in &node.children {
            if let Kind::List { .. } = child.kind {
                for e in &child.children {
                    let parts = self.entry(e);
                    let (text, decision) = Note::split_decision(&parts.text);
                    let mut note = Note::new(text);
                    note.decision = decision;
                    note.checked = parts.checked;
                    let mut span = parts.span;
                    let (sub, sub_spans) = self.notes_of(e);
                    note.notes = sub;
                    span.notes = sub_spans;
                    notes.push(note);
                    spans.push(span);
                }
            }
        }
        (notes, spans)
    }

    /// Blocks under a section heading (or before the first heading): list entries
    /// become items; chair, secretary and next-meeting lines fill the meeting.
    /// Returns whether the entries are numbered, and where the chair, secretary
    /// or next-meeting lines that come before every item end (a first item added
    /// later goes after them, not between the heading and them).
    fn body(
        &mut self,
        body: &[&Node],
        items: &mut Vec<Item>,
        spans: &mut Vec<Span>,
        ctx: Ctx,
    ) -> (bool, Option<usize>) {
        let mut numbered = false;
        let mut after_special = None;
        for node in body {
            let Kind::List { ordered, .. } = node.kind else {
                continue;
            };
            for e in &node.children {
                let parts = self.entry(e);
                if self.special_line(&parts, ctx) {
                    if items.is_empty() {
                        after_special = Some(parts.span.whole.end);
                    }
                    continue;
                }
                numbered |= ordered;
                let (item, span) = self.item_from_entry(e);
                items.push(item);
                spans.push(span);
            }
        }
        (numbered, after_special)
    }

    /// Chair, secretary and next-meeting lines: read into the meeting, not items.
    fn special_line(&mut self, parts: &EntryParts, ctx: Ctx) -> bool {
        let text = &parts.text;
        let value_of = |v: usize| {
            let value = &text[v..];
            let start = parts.span.text.start + byte_in_source(self.src, &parts.span.text, v);
            let end =
                parts.span.text.start + byte_in_source(self.src, &parts.span.text, text.len());
            (value.to_string(), start..end)
        };
        if let Some(v) = label_value(text, &["meeting chairs", "meeting chair"]) {
            if self.map.chairs.is_none() {
                let (value, range) = value_of(v);
                self.chairs = handles(&value);
                self.map.chairs = Some(LineValue {
                    value: range,
                    sep: separator_of(&value),
                });
            }
            return true;
        }
        if let Some(v) = label_value(
            text,
            &[
                "meeting secretaries",
                "meeting secretary",
                "meeting scribes",
                "meeting scribe",
            ],
        ) {
            if self.map.secretary.is_none() {
                let (value, range) = value_of(v);
                self.secretary = handles(&value);
                self.map.secretary = Some(LineValue {
                    value: range,
                    sep: separator_of(&value),
                });
            }
            return true;
        }
        if ctx != Ctx::Next {
            return false;
        }
        if let Some(v) = label_value(
            text,
            &[
                "next meeting chairs",
                "next meeting chair",
                "chairs",
                "chair",
                "organizer",
                "organiser",
            ],
        ) {
            if self.map.next_chairs.is_none() {
                let (value, range) = value_of(v);
                self.next.chairs = handles(&value);
                self.map.next_chairs = Some(LineValue {
                    value: range,
                    sep: separator_of(&value),
                });
            }
            return true;
        }
        if let Some(v) = label_value(
            text,
            &[
                "next meeting secretary",
                "next meeting scribe",
                "secretary",
                "scribe",
            ],
        ) {
            if self.map.next_secretary.is_none() {
                let (value, range) = value_of(v);
                self.next.secretary = handles(&value);
                self.map.next_secretary = Some(LineValue {
                    value: range,
                    sep: separator_of(&value),
                });
            }
            return true;
        }
        let lower = text.to_lowercase();
        if self.map.next_text.is_none()
            && (lower.starts_with("next meeting")
                || lower.starts_with("time:")
                || find_date(text, Some(2000)).is_some())
        {
            self.next.text = Some(text.clone());
            self.map.next_text = Some(parts.span.text.clone());
            return true;
        }
        false
    }

    fn sections(
        &mut self,
        sections: &[Section],
        items: &mut Vec<Item>,
        spans: &mut Vec<Span>,
        path: &[usize],
    ) {
        for s in sections {
            let text = heading_text(self.src, s.heading);
            let lower = text.to_lowercase();
            let heading_line = whole_lines(self.src, &s.heading.range);
            if let Some(kind) = timed_kind(&text) {
                if let Some((r, t)) = find_time(&text) {
                    let off = s.heading.inline.as_ref().map_or(0, |i| {
                        i.start
                            + (self.src[i.clone()].len() - self.src[i.clone()].trim_start().len())
                    });
                    if let Some(kind) = kind {
                        self.map.timed.push((kind, off + r.start..off + r.end));
                        self.timed_times.push((kind, t));
                    }
                }
                self.sections(&s.subs, items, spans, path);
                continue;
            }
            if s.level == 1 || lower.contains("meeting details") || lower.contains("meeting time") {
                self.date_spot(s.heading.inline.clone());
                for b in &s.body {
                    self.details_block(b);
                }
                self.sections(&s.subs, items, spans, path);
                continue;
            }
            if let Some(kind) = roster_kind(&text)
                && self.looks_like_roster(s)
            {
                self.roster_section(s, kind);
                continue;
            }
            let ctx = if lower.contains("next meeting")
                || (lower.contains("elect")
                    && (lower.contains("chair") || lower.contains("secretary")))
            {
                Ctx::Next
            } else {
                Ctx::Plain
            };
            let mut item = Item::default();
            match split_link(&text) {
                Some((t, l)) => {
                    item.title = t;
                    item.link = Some(l);
                }
                None => item.title = text.clone(),
            }
            // A heading inside a section (a 2025 topic, `#### CPAN Testers`) keeps
            // its level, so that writers lay it out as a heading again even when
            // nothing is under it yet.
            if !path.is_empty() {
                item.heading = Some(s.level);
            }
            let mut my_path = path.to_vec();
            my_path.push(items.len());
            if lower.contains("approve") && lower.contains("minutes") {
                self.map.approval = Some(my_path.clone());
            }
            let text_range = s
                .heading
                .inline
                .clone()
                .unwrap_or(heading_line.end..heading_line.end);
            let mut span = Span {
                heading: Some(s.level),
                whole: heading_line.start..s.end,
                own: heading_line.clone(),
                text: text_range.clone(),
                title_start: text_range.start,
                content_start: text_range.start,
                insert_at: heading_line.end,
                ..Span::default()
            };
            let (numbered, after_special) =
                self.body(&s.body, &mut item.items, &mut span.items, ctx);
            item.numbered = numbered;
            if let Some(end) = after_special {
                span.insert_at = end;
            }
            self.sections(&s.subs, &mut item.items, &mut span.items, &my_path);
            items.push(item);
            spans.push(span);
        }
    }

    fn date_spot(&mut self, r: Option<Range<usize>>) {
        let (Some(r), Some(date)) = (r, self.meeting_date) else {
            return;
        };
        let text = &self.src[r.clone()];
        let mut from = 0;
        while let Some(d) = find_date(&text[from..], None) {
            if d.date == date {
                self.map.date_spots.push((
                    r.start + from + d.range.start..r.start + from + d.range.end,
                    d.style.clone(),
                ));
            }
            from += d.range.end;
        }
        // The meeting's time of day written next to it ("2025-03-12 17:00 UTC").
        if let Some(clock) = self.meeting_clock {
            let mut from = 0;
            while let Some((tr, t)) = find_time(&text[from..]) {
                let after = text[from + tr.end..].trim_start();
                if t == clock && after.starts_with("UTC") {
                    self.map
                        .time_spots
                        .push(r.start + from + tr.start..r.start + from + tr.end);
                }
                from += tr.end;
            }
        }
    }

    fn details_block(&mut self, node: &Node) {
        match node.kind {
            Kind::Paragraph => self.date_spot(node.inline.clone()),
            Kind::List { .. } => {
                for e in &node.children {
                    let parts = self.entry(e);
                    // `**Location**: On TPRF's Slack server, ...`
                    let text = &parts.text;
                    let label = text.trim_start_matches('*');
                    if self.location.is_none()
                        && !text.contains('\n')
                        && label.to_ascii_lowercase().starts_with("location")
                    {
                        let after = &label["location".len()..];
                        let value = after.trim_start_matches(['*', ':', ' ']);
                        if after.len() > value.len()
                            && after[..after.len() - value.len()].contains(':')
                        {
                            let start = parts.span.text.end - value.len();
                            self.location = Some(value.to_string());
                            self.map.location = Some(start..parts.span.text.end);
                        }
                    }
                    self.date_spot(Some(parts.span.text.clone()));
                }
            }
            _ => {}
        }
    }

    fn add_person(&mut self, handle: &str, name: Option<String>, att: Attendance) {
        if self
            .roster
            .iter()
            .any(|p| p.handle.eq_ignore_ascii_case(handle))
        {
            return;
        }
        self.roster.push(Person {
            handle: handle.to_string(),
            name,
            attendance: att,
        });
    }

    fn attendance(kind: ListKind, note: Option<Attendance>) -> Attendance {
        match kind {
            ListKind::Present | ListKind::Partly => note.unwrap_or(Attendance::Present),
            ListKind::Regrets => Attendance::Regrets,
            ListKind::Absent => Attendance::Absent,
        }
    }

    fn member(&mut self, kind: ListKind, token: &str) -> Member {
        let (handle, base, note) = person_token(token);
        let name = {
            let n = base
                .replace(&format!("(@{handle})"), "")
                .replace(&format!("@{handle}"), "")
                .trim()
                .to_string();
            (!n.is_empty() && base.contains('@')).then_some(n)
        };
        self.add_person(&handle, name, Self::attendance(kind, note));
        Member {
            handle,
            base,
            token: token.to_string(),
        }
    }

    /// Names on one line (`@a, @b`), from `range` of the source.
    fn inline_list(&mut self, kind: ListKind, range: Range<usize>) -> RosterList {
        let text = &self.src[range.clone()];
        let sep = if text.contains(", ") || !text.contains(',') {
            ", "
        } else {
            ","
        };
        let members = name_tokens(text)
            .into_iter()
            .map(|t| {
                let tok = text[t].to_string();
                self.member(kind, &tok)
            })
            .collect();
        RosterList {
            kind,
            layout: RosterLayout::Inline {
                names: range,
                sep: sep.to_string(),
            },
            members,
        }
    }

    /// Entries with one name each (or a single entry holding several names).
    fn entries_list(
        &mut self,
        kind: ListKind,
        entries: &[&Node],
        insert_at: usize,
        prefix: String,
        labeled: bool,
    ) -> RosterList {
        if entries.len() == 1 {
            let parts = self.entry(entries[0]);
            if name_tokens(&parts.text).len() > 1 {
                return self.inline_list(kind, parts.span.text.clone());
            }
        }
        let mut lines = Vec::new();
        let mut members = Vec::new();
        let mut placeholder = None;
        let mut prefix = prefix;
        let mut insert_at = insert_at;
        for e in entries {
            let parts = self.entry(e);
            prefix = self.src[parts.span.own.start..parts.span.content_start].to_string();
            if !prefix.ends_with([' ', '\t']) {
                // An empty entry ("  -"): names need a space after the marker.
                prefix.push(' ');
            }
            insert_at = parts.span.whole.end;
            if is_placeholder(&parts.text) {
                placeholder = Some(parts.span.whole.clone());
                continue;
            }
            // One name per entry, possibly with a stray separator ("@sjn, ").
            let tokens = name_tokens(&parts.text);
            let token = match tokens.as_slice() {
                [one] => parts.text[one.clone()].to_string(),
                _ => parts.text.clone(),
            };
            members.push(self.member(kind, &token));
            lines.push(parts.span.whole.clone());
        }
        RosterList {
            kind,
            layout: RosterLayout::Lines {
                lines,
                insert_at,
                prefix,
                placeholder,
                labeled,
            },
            members,
        }
    }

    /// Whether a section titled like an attendance list holds names: entries that
    /// are labels (`Regrets:`) or short names, without checkboxes or notes. (Some
    /// minutes put agenda items under a misplaced "Attending" heading.)
    fn looks_like_roster(&self, s: &Section) -> bool {
        let entries = s
            .body
            .iter()
            .filter(|n| matches!(n.kind, Kind::List { .. }))
            .flat_map(|n| n.children.iter());
        for e in entries {
            let parts = self.entry(e);
            if parts.checked.is_some() {
                return false;
            }
            if roster_label(&parts.text).is_some() {
                continue;
            }
            let nested = e
                .children
                .iter()
                .any(|c| matches!(c.kind, Kind::List { .. }));
            if nested || !names_only(&parts.text) {
                return false;
            }
        }
        s.subs.iter().all(|sub| self.looks_like_roster(sub))
    }

    fn roster_section(&mut self, s: &Section, kind: Option<ListKind>) {
        let heading_line = whole_lines(self.src, &s.heading.range);
        let entries: Vec<&Node> = s
            .body
            .iter()
            .filter(|n| matches!(n.kind, Kind::List { .. }))
            .flat_map(|n| n.children.iter())
            .collect();
        let mut plain = Vec::new();
        for e in &entries {
            let parts = self.entry(e);
            if let Some((k, names_at)) = roster_label(&parts.text) {
                let label_prefix =
                    self.src[parts.span.own.start..parts.span.content_start].to_string();
                let nested: Vec<&Node> = e
                    .children
                    .iter()
                    .filter(|n| matches!(n.kind, Kind::List { .. }))
                    .flat_map(|n| n.children.iter())
                    .collect();
                let names_at_src =
                    parts.span.text.start + byte_in_source(self.src, &parts.span.text, names_at);
                let colon = parts.text[..names_at].contains(':');
                let names_prefix;
                let list = if names_at < parts.text.len() || nested.is_empty() {
                    names_prefix = None;
                    let end = parts.span.text.end.max(names_at_src);
                    self.inline_list(k, names_at_src..end)
                } else {
                    let first = self.entry(nested[0]);
                    names_prefix =
                        Some(self.src[first.span.own.start..first.span.content_start].to_string());
                    let pre = names_prefix.clone().unwrap_or_default();
                    self.entries_list(k, &nested, parts.span.own.end, pre, true)
                };
                let same_line = names_prefix.is_none();
                let names_prefix = names_prefix.unwrap_or_else(|| {
                    format!(
                        "{}{}",
                        " ".repeat(parts.span.content_col()),
                        label_prefix.trim_start()
                    )
                });
                self.map.new_list = Some(NewListStyle::Labeled {
                    insert_at: parts.span.whole.end,
                    label_prefix,
                    names_prefix,
                    colon,
                    same_line,
                });
                self.map.roster.push(list);
            } else {
                plain.push(*e);
            }
        }
        if let Some(kind) = kind
            && (!plain.is_empty()
                || !entries
                    .iter()
                    .any(|e| roster_label(&self.entry(e).text).is_some()))
        {
            let bullet = self.stats.conventions(false).bullet;
            let list = self.entries_list(kind, &plain, heading_line.end, bullet.clone(), false);
            self.map.roster.push(list);
            if s.subs.is_empty() {
                self.map.new_list = Some(NewListStyle::Heading {
                    level: s.level,
                    insert_at: s.end,
                    bullet,
                });
            }
        }
        for sub in &s.subs {
            let text = heading_text(self.src, sub.heading);
            let kind = roster_kind(&text).flatten().unwrap_or(ListKind::Present);
            self.roster_section(sub, Some(kind));
        }
    }
}

/// Byte offset in the source for byte `i` of the inline text made from `r`
/// (which drops continuation lines' indentation).
fn byte_in_source(src: &str, r: &Range<usize>, i: usize) -> usize {
    let raw = &src[r.clone()];
    let first_line = raw.find('\n').map_or(raw.len(), |p| p);
    if i <= first_line {
        return i;
    }
    // Walk the lines, mapping the joined text onto the raw text.
    let mut joined = 0;
    let mut raw_pos = 0;
    for (k, line) in raw.split_inclusive('\n').enumerate() {
        let content = if k == 0 {
            line
        } else {
            line.trim_start_matches([' ', '\t'])
        };
        let lead = line.len() - content.len();
        let content = content.trim_end_matches(['\n', '\r']);
        if i <= joined + content.len() {
            return raw_pos + lead + (i - joined);
        }
        joined += content.len() + 1;
        raw_pos += line.len();
    }
    raw.len()
}

/// For a timed heading (`17:00 UTC – Meeting start`): which one it is (`None` for
/// other timed headings). Not a timed heading: `None` outside.
fn timed_kind(text: &str) -> Option<Option<Timed>> {
    let (r, _) = find_time(text)?;
    if r.start > 0 {
        return None;
    }
    let rest = text[r.end..].trim_start();
    let rest = rest.strip_prefix("UTC").unwrap_or(rest).trim_start();
    let label = rest.strip_prefix(['–', '-', '—'])?.trim().to_lowercase();
    Some(
        if label.contains("pre-meeting") || label.contains("pre meeting") {
            Some(Timed::PreMeeting)
        } else if label.contains("meeting start") || label == "start" {
            Some(Timed::Start)
        } else if label.contains("meeting end") {
            Some(Timed::MeetingEnd)
        } else if label == "end" {
            Some(Timed::End)
        } else {
            None
        },
    )
}
