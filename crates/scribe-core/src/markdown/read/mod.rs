//! Reading a Markdown agenda or minutes file into a [`Meeting`], remembering where
//! each entity came from ([`Map`]) and how the document writes things
//! ([`Conventions`]), so that changes can be written back in the same style.

mod discover;
mod outline;
mod places;
mod roster;
mod roster_lists;
mod sections;

pub(crate) use sections::{Section, build_sections, heading_text};
mod stats;

pub(crate) use discover::next_time;
pub(crate) use outline::import_outline;

use super::lines::{
    byte_in_source, checkbox_at, inline_text, line_end, line_start, marker_str_at, owners_end,
    split_link, split_owners, whole_lines,
};
use super::spans::{LineValue, Map, Span, Timed};
use discover::{nearest, timed_kind, timed_label_start};
use roster::{handles, label_value, roster_kind, separator_of};
use stats::Stats;

use super::Document;
use super::tree::{Kind, Node};

use crate::dates::{find_date, find_time};
use crate::error::InputError;
use crate::model::{DECISION_MARK, Item, Meeting, Note, Person, Shared};
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use std::path::Path;

/// Reads `src` (valid UTF-8) into a [`Document`]; a meeting whose date the
/// document does not say is dated `today`, marked as assumed.
pub(crate) fn read(path: &Path, src: String, today: NaiveDate) -> Result<Document, InputError> {
    let outline = outline::outline(path, &src, today)?;
    let nodes = &outline.nodes;
    let mut reader = Reader::new(&src);
    reader.map.front_time = outline.front_time.clone();
    reader.map.front_title = outline.front_title.clone();
    let sections = build_sections(&src, nodes);
    reader.meeting_date = Some(outline.date);
    reader.meeting_clock = outline.time;
    let date = outline.date;
    let title = outline.title.clone();
    let date_assumed = outline.date_assumed;
    let mut agenda = Vec::new();
    let mut spans = Vec::new();
    reader.title_at = sections
        .1
        .first()
        .filter(|s| s.level == 1)
        .map(|s| s.heading.range.start);
    reader.stats_walk(nodes, None);
    reader.body(&sections.0, &mut agenda, &mut spans, Ctx::Plain);
    reader.sections(&sections.1, &mut agenda, &mut spans, &[]);
    // Without a time in the front matter, the meeting starts when the minutes say so.
    let start = reader
        .timed_times
        .iter()
        .find(|(k, _)| *k == Timed::Start)
        .map(|(_, t)| *t);
    let meeting_time = outline.meeting_time(&src, start);
    let mut meeting = Meeting::new(title, meeting_time);
    meeting.date_assumed = date_assumed;
    meeting.front_matter = outline
        .front
        .iter()
        .filter(|(k, _)| k != "title" && k != "meeting_time")
        .map(|(_, r)| src[line_start(&src, r.start)..r.end].to_string())
        .collect();
    meeting.agenda = agenda.into();
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
                // A timebox after the real start is what scribe writes there
                // until the end is recorded.
                let expected = super::rewrite::expected_end(&meeting);
                let end = nearest(at(t), expected);
                end_heading = Some(end);
                if end != expected {
                    meeting.actual.end = Some(end);
                }
            }
            Timed::End => {
                let base = end_heading.unwrap_or(super::rewrite::expected_end(&meeting));
                let mins = (nearest(at(t), base) - base).num_minutes();
                meeting.after = u32::try_from(mins).unwrap_or(0);
            }
        }
    }
    meeting.roster = reader.roster.clone().into();
    let mut conv = reader.stats.conventions(outline.crlf);
    // Headings followed by their list directly, or after a blank line: the more
    // common wins (a blank line when none is followed by a list).
    let (mut tight, mut gap) = (0, 0);
    for pair in nodes.windows(2) {
        if let (Kind::Heading(_), Kind::List { .. }) = (&pair[0].kind, &pair[1].kind) {
            let after_heading = line_end(&src, pair[0].range.start).min(pair[1].range.start);
            if src[after_heading..pair[1].range.start].contains('\n') {
                gap += 1;
            } else {
                tight += 1;
            }
        }
    }
    conv.gap_after_heading = gap >= tight;
    conv.allowance = reader.allowance_form.take();
    conv.decisions = marks_decisions(&src);
    Ok(Document {
        path: path.to_path_buf(),
        nodes: outline.nodes,
        front: outline.front,
        meeting,
        map: reader.map,
        conv,
        src,
    })
}

/// Whether a line of `src` ends with the decision mark (any case, blanks after
/// it aside), as [`Note::split_decision`] reads a line. Looked for from each
/// `)` rather than line by line: long minutes are not gone over once more.
fn marks_decisions(src: &str) -> bool {
    let mark = DECISION_MARK.as_bytes();
    src.match_indices(')').any(|(at, _)| {
        let end = at + 1;
        end >= mark.len()
            && src.as_bytes()[end - mark.len()..end].eq_ignore_ascii_case(mark)
            && src[end..]
                .chars()
                .take_while(|&c| c != '\n')
                .all(char::is_whitespace)
    })
}

fn is_list(node: &Node) -> bool {
    matches!(node.kind, Kind::List { .. })
}

/// What a section of the document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Plain,
    Next,
    /// The meeting details: the location line is the meeting's, not an item.
    Details,
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
    /// Where the document's title heading starts: the first heading, when it is a
    /// `#` one. Other `#` headings are sections like any other.
    title_at: Option<usize>,
    /// Lists read as a roster already (after a `**Attendees:**` line), by start.
    consumed: Vec<usize>,
    /// Handles read from a roster table (a list naming them too wins), and
    /// whether a table is being read.
    table_people: Vec<String>,
    reading_table: bool,
    /// The first time allowance's form (` (` and ` min)`).
    allowance_form: Option<(String, String)>,
}

impl<'a> Reader<'a> {
    /// A reader of `src` that has read nothing yet.
    fn new(src: &'a str) -> Self {
        Reader {
            src,
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
            title_at: None,
            consumed: Vec::new(),
            table_people: Vec::new(),
            reading_table: false,
            allowance_form: None,
        }
    }

    /// The parts of a list entry.
    fn entry(&self, node: &Node) -> EntryParts {
        let src = self.src;
        let ls = line_start(src, node.range.start);
        let (marker, content_start) = marker_str_at(src, node.range.start);
        let indent = src[ls..content_start - marker.len()].chars().count();
        let first_para = node.inline.clone().or_else(|| match node.children.first() {
            Some(c) if c.kind == Kind::Paragraph => c.inline.clone(),
            _ => None,
        });
        let mut checkbox_len = 0;
        let mut checked = None;
        let mut text_start = content_start;
        // The rest of the text, not of the line: what is looked at of it stops
        // at the line's end (a box is followed by a blank or the newline).
        let rest = &src[content_start..];
        if let Some((len, state)) = checkbox_at(rest) {
            checkbox_len = len as u8; // `[ ]` or `[]`
            checked = Some(state);
            let after = &rest[len..];
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
        let insert_at = whole.end;
        let title_start = owners_end(&text)
            .map(|t| text_start + byte_in_source(src, &text_range, t))
            .unwrap_or(text_start);
        EntryParts {
            span: Span {
                heading: None,
                whole,
                own: ls..own_end,
                text: text_range,
                title_start,
                checkbox_len,
                content_start,
                indent,
                // A list number has at most nine digits (CommonMark).
                marker_len: u8::try_from(marker.len()).unwrap_or(u8::MAX),
                items: Vec::new(),
                notes: Vec::new(),
                // After what the entry holds that is neither (a paragraph, a
                // table): a list put between would take a table's lines, or a
                // paragraph's lazy lines, as its own.
                insert_at,
                allowance: None,
            },
            checked,
            text,
        }
    }

    /// A list entry (`node`, read as `parts`) as an agenda item (its nested
    /// entries are notes).
    fn item_from_entry(&mut self, node: &Node, parts: EntryParts) -> (Item, Span) {
        let EntryParts {
            mut span,
            checked,
            text,
        } = parts;
        let mut item = Item::default();
        let (owners, title) = match split_owners(&text) {
            Some((o, t)) => (o, text[t..].to_string()),
            None => (Vec::new(), text),
        };
        item.owners = owners;
        match split_link(&title) {
            Some((t, l)) => {
                item.title = t;
                item.link = Some(l);
            }
            None => item.title = title,
        }
        item.checked = checked;
        self.allowance(&mut item, &mut span);
        let (notes, spans) = self.notes_of(node);
        item.notes = crate::model::notes_of(notes);
        span.notes = spans;
        (item, span)
    }

    fn notes_of(&mut self, node: &Node) -> (Vec<Note>, Vec<Span>) {
        // Sized once: a span is large, and an item of long minutes has many notes.
        let entries = node
            .children
            .iter()
            .filter(|c| is_list(c))
            .map(|c| c.children.len())
            .sum();
        let mut notes = Vec::with_capacity(entries);
        let mut spans = Vec::with_capacity(entries);
        for child in &node.children {
            if let Kind::List { .. } = child.kind {
                for e in &child.children {
                    // `Record attendance` / `- Council: Ann, Bert`: a roster, no note.
                    let parts = self.entry(e);
                    if self.roster_entry_read(e, &parts, true) {
                        continue;
                    }
                    // Without the mark the text is the entry's own: moved, not copied.
                    let (text, decision) = match Note::split_decision(&parts.text) {
                        (text, true) => (text.to_string(), true),
                        (_, false) => (parts.text, false),
                    };
                    let mut note = Note::new(text);
                    note.decision = decision;
                    note.checked = parts.checked;
                    let mut span = parts.span;
                    let (sub, sub_spans) = self.notes_of(e);
                    note.notes = sub.into();
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
        items: &mut Vec<Shared<Item>>,
        spans: &mut Vec<Span>,
        ctx: Ctx,
    ) -> (bool, Option<usize>) {
        let mut numbered = false;
        let mut after_special = None;
        for (i, node) in body.iter().enumerate() {
            if ctx == Ctx::Plain && self.roster_block(node, body.get(i + 1).copied()) {
                continue;
            }
            let Kind::List { ordered, .. } = node.kind else {
                continue;
            };
            if self.consumed.contains(&node.range.start) {
                continue;
            }
            for e in &node.children {
                // Read once, whether it turns out a roster, a special line or an item.
                let parts = self.entry(e);
                if ctx == Ctx::Plain && self.roster_entry_read(e, &parts, true) {
                    continue;
                }
                if self.special_line(&parts, ctx) {
                    if items.is_empty() {
                        after_special = Some(parts.span.whole.end);
                    }
                    continue;
                }
                numbered |= ordered;
                let (item, span) = self.item_from_entry(e, parts);
                items.push(item.into());
                spans.push(span);
            }
        }
        (numbered, after_special)
    }

    /// Chair, secretary and next-meeting lines: read into the meeting, not items.
    fn special_line(&mut self, parts: &EntryParts, ctx: Ctx) -> bool {
        let text = &parts.text;
        if ctx == Ctx::Details
            && self
                .map
                .location
                .as_ref()
                .is_some_and(|l| parts.span.text.contains(&l.start))
        {
            return true;
        }
        let value_of = |v: usize| {
            let value = &text[v..];
            let start = parts.span.text.start + byte_in_source(self.src, &parts.span.text, v);
            let end =
                parts.span.text.start + byte_in_source(self.src, &parts.span.text, text.len());
            if value.is_empty() {
                // An empty placeholder (`Meeting chair: `): names go after its
                // blank, not before it, so that no blank trails them.
                let eol = line_end(self.src, end);
                let rest = self.src[end..eol].trim_end_matches(['\r', '\n']);
                if rest.trim_matches([' ', '\t']).is_empty() {
                    return (value.to_string(), end + rest.len()..end + rest.len());
                }
            }
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
        items: &mut Vec<Shared<Item>>,
        spans: &mut Vec<Span>,
        path: &[usize],
    ) {
        for s in sections {
            let text = heading_text(self.src, s.heading);
            let lower = text.to_lowercase();
            // The timed headings and the meeting details are read into the
            // meeting; when they hold a list (what happens before the meeting,
            // where it is), they are sections of the agenda too, so that the
            // secretary reaches them like any other. What is under them stays at
            // their own level, as before.
            let mut label_start = None;
            let timed = timed_kind(&text);
            if let Some(kind) = timed
                && let Some((r, t)) = find_time(&text)
            {
                let off = s.heading.inline.as_ref().map_or(0, |i| {
                    i.start + (self.src[i.clone()].len() - self.src[i.clone()].trim_start().len())
                });
                if let Some(kind) = kind {
                    self.map.timed.push((kind, off + r.start..off + r.end));
                    self.timed_times.push((kind, t));
                }
                label_start = timed_label_start(&text).map(|l| off + l);
            }
            // One big list under the title: its entries are the agenda.
            let is_title = path.is_empty() && self.title_at == Some(s.heading.range.start);
            if timed.is_none() && is_title && s.subs.is_empty() && s.body.iter().any(|b| is_list(b))
            {
                self.date_spot(s.heading.inline.clone());
                for (i, b) in s.body.iter().enumerate() {
                    if !is_list(b) {
                        self.details_block(b, s.body.get(i + 1).copied());
                    }
                }
                self.body(&s.body, items, spans, Ctx::Plain);
                continue;
            }
            let details = timed.is_none()
                && (is_title
                    || lower.contains("meeting details")
                    || lower.contains("meeting time"));
            if details {
                self.date_spot(s.heading.inline.clone());
                for (i, b) in s.body.iter().enumerate() {
                    self.details_block(b, s.body.get(i + 1).copied());
                }
            }
            if timed.is_some() || details {
                let has_list = s.body.iter().any(|b| matches!(b.kind, Kind::List { .. }));
                if s.level > 1 && has_list {
                    self.read_section(s, label_start, true, path, items, spans);
                }
                self.sections(&s.subs, items, spans, path);
                continue;
            }
            if let Some(kind) = roster_kind(&text) {
                if self.looks_like_roster(s) {
                    self.roster_section(s, kind);
                    continue;
                }
                // Agenda items under the attendance heading: its table still lists people.
                self.roster_tables(s, kind);
            }
            self.read_section(s, None, false, path, items, spans);
        }
    }

    /// A section of the agenda: its heading as an item (the title from
    /// `title_start` on, when the heading begins with a time), its list entries
    /// as items, its sub-sections as sub-items unless it is one of the meeting's
    /// own sections (`details`: timed or details headings), whose sub-sections
    /// the caller reads at their level.
    #[allow(clippy::too_many_arguments)]
    fn read_section(
        &mut self,
        s: &Section,
        title_start: Option<usize>,
        details: bool,
        path: &[usize],
        items: &mut Vec<Shared<Item>>,
        spans: &mut Vec<Span>,
    ) {
        let full = heading_text(self.src, s.heading);
        let text = match (title_start, &s.heading.inline) {
            (Some(at), Some(r)) if at >= r.start && at <= r.end => {
                self.src[at..r.end].trim().to_string()
            }
            _ => full.clone(),
        };
        let lower = full.to_lowercase();
        let heading_line = whole_lines(self.src, &s.heading.range);
        let ctx = if lower.contains("next meeting")
            || (lower.contains("elect") && (lower.contains("chair") || lower.contains("secretary")))
        {
            Ctx::Next
        } else if details && timed_kind(&full).is_none() {
            Ctx::Details
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
        let text_range = match (title_start, s.heading.inline.clone()) {
            (Some(at), Some(r)) if at >= r.start && at <= r.end => at..r.end,
            (_, r) => r.unwrap_or(heading_line.end..heading_line.end),
        };
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
        self.allowance(&mut item, &mut span);
        let (numbered, after_special) = self.body(&s.body, &mut item.items, &mut span.items, ctx);
        item.numbered = numbered;
        if let Some(end) = after_special {
            span.insert_at = end;
        }
        if title_start.is_none() && !details {
            self.sections(&s.subs, &mut item.items, &mut span.items, &my_path);
        }
        items.push(item.into());
        spans.push(span);
    }
}

#[cfg(test)]
mod tests {
    use super::marks_decisions;
    use crate::model::Note;

    #[test]
    fn decision_marks_are_found_as_line_by_line() {
        // What the scan from each `)` stands for: some line, its end trimmed,
        // read back as a decision.
        let by_lines = |t: &str| t.lines().any(|l| Note::split_decision(l.trim_end()).1);
        for text in [
            "",
            "- a (decision)\n",
            "- a (DECISION)  \r\n- b\n",
            "- a (decision) and more\n",
            "(decision)",
            "x\n(decision)",
            "- a (decision)\u{a0}\n",
            "- a (decision)\u{a0}x\n",
            "decision)\n",
            "- a (decisions)\n",
            "))))\n(decision\n)\n",
            "- é(Decision)\r",
            "(decision)x\n- y (vote: 3 in favour)\n",
            "- a (decision) (10 min)\n",
        ] {
            assert_eq!(marks_decisions(text), by_lines(text), "{text:?}");
        }
    }
}
