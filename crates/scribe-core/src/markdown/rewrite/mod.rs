//! Writing a changed meeting back into its document: the meeting is compared with
//! the one read, entity by entity, and each difference becomes an edit of the
//! lines of that entity only. Everything else keeps its exact bytes.

mod align;
mod front;
mod markers;
mod moves;
mod notes;
mod roster;

use super::Document;
use super::lines::{line_end, line_start};
use super::spans::{Conventions, Span, Timed};
use crate::dates::{find_date, find_time, format_date};
use crate::liquid::neutralise_liquid;
use crate::model::{Item, Meeting, Note, Shared};
use align::align;
use std::ops::Range;

/// One change of the source: replace `range` with `text` (an insertion when the
/// range is empty).
#[derive(Debug, Clone)]
struct Edit {
    range: Range<usize>,
    text: String,
}

struct Writer<'a> {
    doc: &'a Document,
    edits: Vec<Edit>,
    /// Markers rewritten after everything else, so that an entry removed or
    /// rewritten whole wins over them.
    late_edits: Vec<Edit>,
    /// Re-marked list entries (by where they start): their new marker.
    marks: std::collections::HashMap<usize, markers::Mark>,
    /// How far the lines of the entry being written moved right (its marker
    /// became wider).
    shift: usize,
    /// Entries taken out of one list and written anew in another.
    carried: moves::Carried,
}

/// Where new children of an entity go and how they are written.
#[derive(Debug, Clone)]
struct Parent {
    insert_at: usize,
    /// For headings: children are top-level entries.
    heading: bool,
    /// For headings: a first child goes right after list lines that are not
    /// entries of the model (`Meeting chair: …`), in the same list.
    after_lines: bool,
    /// Indent and marker for new entries when there is no sibling to copy.
    indent: usize,
    numbered: bool,
    /// The children's list changed kind (numbered or bulleted): every entry
    /// gets the new marker.
    remark: bool,
}

/// The document rendered for `meeting`.
pub(crate) fn rewrite(doc: &Document, meeting: &Meeting) -> String {
    let old = &doc.meeting;
    if old == meeting {
        return doc.src.clone();
    }
    let mut w = Writer {
        doc,
        edits: Vec::new(),
        late_edits: Vec::new(),
        marks: Default::default(),
        shift: 0,
        carried: Default::default(),
    };
    w.front_and_times(old, meeting);
    w.front_fields(old, meeting);
    w.people_lines(old, meeting);
    let top = Parent {
        insert_at: doc.src.len(),
        heading: true,
        after_lines: false,
        indent: 0,
        numbered: false,
        remark: false,
    };
    w.items(&old.agenda, &meeting.agenda, &doc.map.items, &top);
    w.roster(old, meeting);
    // Last, so that the end heading follows sections added at the end.
    w.new_timed_headings(meeting);
    w.carry_moved();
    w.apply()
}

/// `src` (which starts at `base` in the document) with `edits` made in it;
/// late edits come after the others in `edits`.
fn splice(src: &str, base: usize, mut edits: Vec<Edit>) -> String {
    // Stable: of two edits at one place, the one pushed first wins; but text
    // put in at a place goes in before the text replaced from there, so that
    // an item written first stays when the first one is removed.
    edits.sort_by_key(|e| (e.range.start, !e.range.is_empty()));
    let mut out = String::with_capacity(src.len() + 256);
    let mut pos = 0;
    for e in &edits {
        let (start, end) = (e.range.start - base, e.range.end - base);
        if start < pos {
            // Overlapping edits cannot both be applied; the earlier one wins.
            continue;
        }
        out.push_str(&src[pos..start]);
        out.push_str(&e.text);
        pos = end;
    }
    out.push_str(&src[pos..]);
    out
}

fn compose_item(item: &Item, dash: &str) -> String {
    let title = match &item.link {
        Some(link) => format!("[{}]({link})", item.title),
        None => item.title.clone(),
    };
    let owners = item
        .owners
        .iter()
        .map(|o| format!("@{o}"))
        .collect::<Vec<_>>()
        .join(", ");
    let text = match (owners.is_empty(), title.is_empty()) {
        (true, _) => title,
        (false, true) => owners,
        (false, false) => format!("{owners}{dash}{title}"),
    };
    neutralise_liquid(&text)
}

fn title_part(item: &Item) -> String {
    neutralise_liquid(&match &item.link {
        Some(link) => format!("[{}]({link})", item.title),
        None => item.title.clone(),
    })
}

/// A new entry to write: checkbox, text and nested entries.
struct NewEntry {
    checked: Option<bool>,
    /// Checked as `[X]` whatever the document's form (typed so).
    upper: bool,
    text: String,
    children: Vec<NewEntry>,
}

impl NewEntry {
    fn from_item(item: &Item, conv: &Conventions) -> Self {
        let mut children: Vec<NewEntry> = item
            .notes
            .iter()
            .map(|n| NewEntry::from_note(n, conv))
            .collect();
        children.extend(item.items.iter().map(|i| NewEntry::from_item(i, conv)));
        NewEntry {
            checked: item.checked,
            upper: false,
            text: compose_new(item, conv),
            children,
        }
    }
    fn from_note(note: &Note, conv: &Conventions) -> Self {
        NewEntry {
            checked: note.checked,
            upper: note.check_upper,
            text: neutralise_liquid(&note_text(note, conv)),
            children: note
                .notes
                .iter()
                .map(|n| NewEntry::from_note(n, conv))
                .collect(),
        }
    }
}

/// An allowance in the document's form (` (10 min)`), when it writes them.
fn allowance_text(conv: &Conventions, minutes: Option<u32>) -> Option<String> {
    let (before, after) = conv.allowance.as_ref()?;
    Some(format!("{before}{}{after}", minutes?))
}

/// A new item's title with its allowance, when the document writes them.
fn compose_new(item: &Item, conv: &Conventions) -> String {
    let mut text = compose_item(item, &conv.dash);
    if let Some(form) = allowance_text(conv, item.minutes) {
        text.push_str(&form);
    }
    text
}

/// A note's text as this document writes it: with " (decision)" only in a
/// document that annotates decisions so; elsewhere the mark is the secretary's
/// (it stays in the session) and the text is as typed.
fn note_text<'a>(note: &'a Note, conv: &Conventions) -> std::borrow::Cow<'a, str> {
    if conv.decisions {
        note.written_text()
    } else {
        std::borrow::Cow::Borrowed(&note.text)
    }
}

impl Writer<'_> {
    fn src(&self) -> &str {
        &self.doc.src
    }

    fn edit(&mut self, range: Range<usize>, text: String) {
        let text = if self.doc.conv.crlf {
            text.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            text
        };
        self.edits.push(Edit { range, text });
    }

    /// An edit applied only where no other edit of the same place is.
    fn late(&mut self, range: Range<usize>, text: String) {
        self.late_edits.push(Edit { range, text });
    }

    fn apply(mut self) -> String {
        let late = std::mem::take(&mut self.late_edits);
        self.edits.extend(late);
        splice(&self.doc.src, 0, self.edits)
    }

    fn front_and_times(&mut self, old: &Meeting, new: &Meeting) {
        let map = &self.doc.map;
        if old.title != new.title
            && let Some(r) = map.front_title.clone()
        {
            let quoted = self.src()[r.clone()].starts_with('"');
            let t = if quoted
                || new.title.contains(": ")
                || new
                    .title
                    .starts_with(['"', '\'', '[', '{', '&', '*', '!', '|', '>', '%', '@', '`'])
            {
                format!(
                    "\"{}\"",
                    new.title.replace('\\', "\\\\").replace('"', "\\\"")
                )
            } else {
                new.title.clone()
            };
            self.edit(r, t);
        }
        if old.meeting_time.date_naive() != new.meeting_time.date_naive() {
            let date = new.meeting_time.date_naive();
            let spots: Vec<_> = map
                .front_time
                .iter()
                .cloned()
                .chain(map.date_spots.iter().cloned())
                .collect();
            for (r, style) in spots {
                self.edit(r, format_date(date, &style));
            }
        }
        if old.meeting_time.time() != new.meeting_time.time()
            && let Some((r, _)) = map.front_time.clone()
        {
            let line = line_start(self.src(), r.start)..line_end(self.src(), r.start);
            let text = self.src()[line.clone()].to_string();
            if let Some((tr, _)) = find_time(&text) {
                let at = line.start + tr.start..line.start + tr.end;
                self.edit(at, new.meeting_time.format("%H:%M").to_string());
            }
            for r in map.time_spots.clone() {
                self.edit(r, new.meeting_time.format("%H:%M").to_string());
            }
        }
        let times = |m: &Meeting, kind: Timed| match kind {
            Timed::PreMeeting => m.pre_meeting_start(),
            Timed::Start => m.actual.start.unwrap_or(m.meeting_time),
            Timed::MeetingEnd => m.actual.end.unwrap_or_else(|| expected_end(m)),
            Timed::End => {
                m.actual.end.unwrap_or_else(|| expected_end(m))
                    + chrono::Duration::minutes(i64::from(m.after))
            }
        };
        for (kind, r) in map.timed.clone() {
            let (a, b) = (times(old, kind), times(new, kind));
            if a.format("%H:%M").to_string() != b.format("%H:%M").to_string() {
                self.edit(r, b.format("%H:%M").to_string());
            }
        }
    }

    /// A recorded start or end the document has no timed heading for gets one,
    /// as the group writes them (`## 17:04 UTC – Meeting start`): the start before
    /// the first section, the end after the last, at the sections' level.
    fn new_timed_headings(&mut self, new: &Meeting) {
        let map = &self.doc.map;
        let has = |k: Timed| map.timed.iter().any(|(kind, _)| *kind == k);
        let Some(first) = map.items.first() else {
            return;
        };
        let level = usize::from(first.heading.unwrap_or(2));
        let dash = self.doc.conv.dash.clone();
        let heading = |t: chrono::DateTime<chrono::Utc>, what: &str| {
            format!(
                "{} {} UTC{dash}{what}\n",
                "#".repeat(level),
                t.format("%H:%M")
            )
        };
        if let Some(start) = new.actual.start
            && !has(Timed::Start)
        {
            let at = first.whole.start;
            self.edit(at..at, format!("{}\n", heading(start, "Meeting start")));
        }
        if let Some(end) = new.actual.end
            && !has(Timed::MeetingEnd)
        {
            let src = self.src();
            let at = src.len();
            let lead = if src.is_empty() || src.ends_with("\n\n") {
                ""
            } else if src.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            self.edit(at..at, format!("{lead}{}", heading(end, "Meeting end")));
        }
    }

    fn entry_marker_like(&self, sibling: &Span, step: bool) -> (usize, String) {
        let m = sibling.marker(self.src()).to_string();
        let digits: String = m.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() || !step {
            return (sibling.indent, m);
        }
        let n: u64 = digits.parse().unwrap_or(1);
        let rest = &m[digits.len()..];
        (sibling.indent, format!("{}{rest}", n + 1))
    }

    fn write_entry(&self, out: &mut String, indent: usize, marker: &str, e: &NewEntry) {
        let conv = &self.doc.conv;
        out.push_str(&" ".repeat(indent));
        out.push_str(marker);
        if !marker.ends_with([' ', '\t']) && (e.checked.is_some() || !e.text.is_empty()) {
            // Copied from an empty entry ("-"): the text needs a space after it.
            out.push(' ');
        }
        if let Some(c) = e.checked {
            out.push_str(if c { "[x]" } else { "[ ]" });
            if c && (conv.check == 'X' || e.upper) {
                out.pop();
                out.pop();
                out.push_str("X]");
            }
            if !e.text.is_empty() {
                out.push(' ');
            }
        }
        let content_col = indent + marker.chars().count();
        for (k, line) in e.text.split('\n').enumerate() {
            if k > 0 {
                out.push('\n');
                out.push_str(&" ".repeat(content_col));
            }
            out.push_str(line);
        }
        out.push('\n');
        let marker_w = marker.chars().count().max(2);
        let child_indent = indent + conv.nested.clamp(marker_w, marker_w + 3);
        for c in &e.children {
            self.write_entry(out, child_indent, &conv.bullet, c);
        }
    }

    fn new_marker(&self, numbered: bool) -> String {
        if numbered {
            format!("1.{}", " ".repeat(self.doc.conv.ordered_spaces.max(1)))
        } else {
            self.doc.conv.bullet.clone()
        }
    }

    /// Text for a new item placed after `prev` (or first under `parent`).
    fn new_item_text(
        &self,
        item: &Item,
        prev: Option<&Span>,
        parent: &Parent,
        all_same_number: bool,
        mark: Option<&str>,
    ) -> String {
        let e = NewEntry::from_item(item, &self.doc.conv);
        let mut out = String::new();
        let after_section = prev.and_then(|p| p.heading);
        // A section, or an item typed as a heading (`### TL;DR`), is written as a
        // heading: at its own level, else at the level of the section before it.
        if let Some(level) = item.heading.or(after_section) {
            let at = prev.map_or(parent.insert_at, |p| p.whole.end);
            if !self.src()[..at].ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str(&self.heading_block(usize::from(level), item));
            let rest = &self.src()[at..];
            if after_section.is_some() || !(rest.is_empty() || rest.starts_with(['\n', '\r'])) {
                out.push('\n');
            }
            return out;
        }
        match (prev, mark) {
            (Some(p), Some(m)) => self.write_entry(&mut out, p.indent, m, &e),
            (Some(p), None) => {
                let (indent, marker) = self.entry_marker_like(p, !all_same_number);
                self.write_entry(&mut out, indent, &marker, &e);
            }
            (None, m) => {
                let marker = m.map(str::to_string).unwrap_or_else(|| {
                    self.bullet_of_lines_before(parent)
                        .unwrap_or_else(|| self.new_marker(parent.numbered))
                });
                self.write_entry(&mut out, parent.indent, &marker, &e);
            }
        }
        out
    }

    /// A heading written in front of the list entry or heading at `at`.
    fn heading_before(&self, level: u8, item: &Item, at: usize) -> String {
        let mut out = String::new();
        if at > 0 && !self.src()[..at].ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(&self.heading_block(usize::from(level), item));
        out.push('\n');
        out
    }

    /// A new section: its heading, its notes and items as a list (after a blank
    /// line where the document leaves one), then its sub-sections as headings.
    fn heading_block(&self, level: usize, item: &Item) -> String {
        let conv = &self.doc.conv;
        let mut out = format!("{} {}\n", "#".repeat(level), compose_new(item, conv));
        let mut children: Vec<NewEntry> = item
            .notes
            .iter()
            .map(|n| NewEntry::from_note(n, conv))
            .collect();
        children.extend(
            item.items
                .iter()
                .filter(|i| i.heading.is_none())
                .map(|i| NewEntry::from_item(i, conv)),
        );
        if !children.is_empty() {
            if conv.gap_after_heading {
                out.push('\n');
            }
            let marker = self.new_marker(item.numbered);
            for c in &children {
                self.write_entry(&mut out, 0, &marker, c);
            }
        }
        for sub in item.items.iter().filter(|i| i.heading.is_some()) {
            out.push('\n');
            let sub_level = sub.heading.map_or(level + 1, usize::from);
            out.push_str(&self.heading_block(sub_level, sub));
        }
        out
    }

    /// Where and with what text a first child goes under `parent`.
    fn first_child_at(&self, parent: &Parent, text: String) -> (usize, String) {
        if parent.heading && !parent.after_lines {
            let at = parent.insert_at;
            let rest = &self.src()[at..];
            let first = rest.split_inclusive('\n').next().unwrap_or("");
            if !first.is_empty() && first.trim().is_empty() {
                let after = at + first.len();
                let next = self.src()[after..]
                    .split_inclusive('\n')
                    .next()
                    .unwrap_or("");
                let tail = if next.trim().is_empty() { "" } else { "\n" };
                return (after, format!("{text}{tail}"));
            }
            if at == self.src().len() && !self.src().ends_with('\n') {
                return (at, format!("\n{text}"));
            }
            (at, text)
        } else {
            (parent.insert_at, text)
        }
    }

    /// Writes `text`, entries added before every existing one, in front of
    /// `first_entry`, or as `parent`'s first child when there is no entry to stand
    /// before. Returns whether it wrote anything.
    fn insert_first(&mut self, parent: &Parent, first_entry: Option<&Span>, text: String) -> bool {
        if text.is_empty() {
            return false;
        }
        let (at, text) = match first_entry {
            Some(s) => (s.whole.start, text),
            None => self.first_child_at(parent, text),
        };
        self.edit(at..at, text);
        true
    }

    fn items(
        &mut self,
        old: &[Shared<Item>],
        new: &[Shared<Item>],
        spans: &[Span],
        parent: &Parent,
    ) {
        let ok: Vec<&str> = old.iter().map(|i| i.title.as_str()).collect();
        let nk: Vec<&str> = new.iter().map(|i| i.title.as_str()).collect();
        let src = &self.doc.src;
        let numbers: Vec<&str> = spans.iter().map(|s| s.marker(src).trim()).collect();
        let all_same_number = numbers.len() > 1 && numbers.windows(2).all(|w| w[0] == w[1]);
        let mut prev: Option<usize> = None;
        let mut pending_first = String::new();
        let pairs = moves::apart_by_content(align(&ok, &nk), old, new);
        // A list changed kind: its entries numbered from 1 in the new order,
        // after the entries before them that are no items. A numbered list
        // that counted in order and had entries moved, added or removed: its
        // entries count on from the same first number in the new order.
        let first_entry = spans.iter().find(|s| s.heading.is_none());
        let counts_from = moves::counting_from(spans, src);
        let reordered = pairs.iter().any(|&(o, n)| o.is_none() || n.is_none());
        let renumber = !parent.remark && parent.numbered && reordered && counts_from.is_some();
        let remark = parent.remark || renumber;
        let mut number = match (first_entry, counts_from) {
            (Some(first), _) if parent.remark => self.remark_lead(first, parent.numbered) + 1,
            (_, Some(from)) if renumber => from,
            _ => 1,
        };
        // The marker of a new entry of a re-marked list, made like the entry
        // before it (or the first one).
        let mark_new = |w: &Self, number: &mut usize, like: Option<&Span>| -> Option<String> {
            let like = like.filter(|s| s.heading.is_none()).or(first_entry)?;
            remark.then(|| {
                *number += 1;
                w.marker_now(like.marker(src), parent.numbered, *number - 1)
            })
        };
        let moved = moves::moved_from(&pairs, old, new, spans);
        // Removed entries whose source went to their new place in this list.
        let mut taken = vec![false; old.len()];
        // Entries written anew first in the list, and whether anything else is.
        let mut first_written: Vec<Shared<Item>> = Vec::new();
        let mut first_other = false;
        for &(o, n) in &pairs {
            match (o, n) {
                (Some(o), Some(n)) => {
                    if let Some(span) = spans.get(o) {
                        if span.heading.is_none() && remark {
                            if parent.remark || moves::entry_number(span, src) != Some(number) {
                                self.remark(span, parent.numbered, number);
                            }
                            number += 1;
                        }
                        self.item(&old[o], &new[n], span);
                    }
                    prev = Some(o);
                }
                (Some(o), None) => {
                    if o < spans.len() {
                        self.remove(&moves::own_span(spans, o));
                    }
                }
                (None, Some(n)) => {
                    // An item moved here from elsewhere in the list goes with its
                    // own source (changed as the item changed), which may hold
                    // text the model does not: a paragraph under a heading or an
                    // entry, a code block, a table.
                    let after = prev.filter(|&p| p < spans.len());
                    let after = after.map(|p| moves::own_span(spans, p));
                    let after = after.as_deref();
                    let source = moved[n].and_then(|o| {
                        let k = (remark && spans[o].heading.is_none()).then_some(number);
                        let mark = k.map(|k| (parent.numbered, k));
                        let text = self.moved_here(&old[o], &new[n], spans, o, after, mark)?;
                        number += usize::from(k.is_some());
                        taken[o] = true;
                        Some(text)
                    });
                    // In a list whose entries stand apart (a blank line between
                    // them), the moved one stands apart too.
                    match (after, source) {
                        (Some(p), Some(text)) => {
                            let gap = self.gap_after(p);
                            self.edit(p.whole.end..p.whole.end, format!("{gap}{text}"));
                        }
                        (None, Some(text)) => {
                            first_other = true;
                            let gap = spans.first().filter(|f| self.blank_at(f.whole.end));
                            pending_first.push_str(&text);
                            pending_first.push_str(if gap.is_some() { "\n" } else { "" });
                        }
                        (Some(p), None) => {
                            let mark = match new[n].heading {
                                None => mark_new(self, &mut number, Some(p)),
                                Some(_) => None,
                            };
                            let text = self.new_item_text(
                                &new[n],
                                Some(p),
                                parent,
                                all_same_number,
                                mark.as_deref(),
                            );
                            self.edit(p.whole.end..p.whole.end, text);
                            self.carried.written(&self.edits, &new[n]);
                        }
                        (None, None) => {
                            // Before the first existing entry (or none): written together.
                            let first_sibling = spans.first();
                            let text = match (first_sibling, new[n].heading) {
                                // A heading stays a heading, in front of what was first.
                                (Some(s), Some(level)) => {
                                    self.heading_before(level, &new[n], s.whole.start)
                                }
                                (Some(s), None) if s.heading.is_none() => {
                                    let marker = mark_new(self, &mut number, Some(s))
                                        .unwrap_or_else(|| s.marker(src).to_string());
                                    let mut out = String::new();
                                    let e = NewEntry::from_item(&new[n], &self.doc.conv);
                                    self.write_entry(&mut out, s.indent, &marker, &e);
                                    out
                                }
                                _ => {
                                    let mark = mark_new(self, &mut number, None);
                                    self.new_item_text(
                                        &new[n],
                                        None,
                                        parent,
                                        all_same_number,
                                        mark.as_deref(),
                                    )
                                }
                            };
                            pending_first.push_str(&text);
                            match new[n].heading {
                                None => first_written.push(new[n].clone()),
                                Some(_) => first_other = true,
                            }
                        }
                    }
                }
                (None, None) => {}
            }
        }
        for &(o, n) in &pairs {
            if let (Some(o), None) = (o, n)
                && let Some(span) = spans.get(o)
                && !taken[o]
            {
                self.carried.removed(span, &old[o]);
            }
        }
        // Before the first existing entry or heading: a heading written first
        // stands before either, a list entry only before a list entry.
        let before = spans
            .first()
            .filter(|s| s.heading.is_none() || new.first().is_some_and(|i| i.heading.is_some()));
        if self.insert_first(parent, before, pending_first)
            && let [only] = &first_written[..]
            && !first_other
        {
            self.carried.written(&self.edits, only);
        }
    }

    fn item(&mut self, old: &Item, new: &Item, span: &Span) {
        if old == new {
            return;
        }
        // A re-marked entry: its lines moved right with its marker.
        let mark = self.marks.get(&span.whole.start).cloned();
        let outer_shift = std::mem::replace(&mut self.shift, mark.as_ref().map_or(0, |m| m.shift));
        if old.minutes != new.minutes {
            self.allowance(new.minutes, span);
        }
        let dash = self.doc.conv.dash.clone();
        if span.heading.is_some() {
            if old.title != new.title || old.link != new.link || old.owners != new.owners {
                self.edit(
                    span.text.start..self.past_blanks(span.text.end),
                    compose_item(new, &dash),
                );
            }
        } else {
            self.checkbox(old.checked, new.checked, false, span);
            if old.owners != new.owners {
                let text = self.continued(&compose_item(new, &dash), span);
                self.edit(span.text.start..self.past_blanks(span.text.end), text);
            } else if old.title != new.title || old.link != new.link {
                let text = self.continued(&title_part(new), span);
                self.edit(span.title_start..self.past_blanks(span.text.end), text);
            }
        }
        let parent = Parent {
            insert_at: span.notes.last().map_or(span.insert_at, |s| s.whole.end),
            heading: span.heading.is_some(),
            after_lines: span.heading.is_some() && span.insert_at > span.own.end,
            indent: match (&mark, span.heading) {
                (_, Some(_)) => 0,
                (Some(m), None) => self.child_indent_for(span.indent, &m.marker),
                (None, None) => self.child_indent(span),
            },
            numbered: new.numbered,
            remark: old.numbered != new.numbered,
        };
        self.notes(&old.notes, &new.notes, &span.notes, &parent);
        let item_parent = Parent {
            insert_at: span
                .items
                .last()
                .map(|s| s.whole.end)
                .or(span.notes.last().map(|s| s.whole.end))
                .unwrap_or(span.insert_at),
            ..parent
        };
        self.items(&old.items, &new.items, &span.items, &item_parent);
        self.shift = outer_shift;
    }

    /// A changed time allowance: in its place after the title, or in the form
    /// the document writes allowances; a document that writes none has no place
    /// for it (the allowance stays in the session).
    fn allowance(&mut self, minutes: Option<u32>, span: &Span) {
        match (span.allowance.as_deref(), minutes) {
            (Some((digits, _)), Some(m)) => self.edit(digits.clone(), m.to_string()),
            (Some((_, end)), None) => self.edit(span.text.end..*end, String::new()),
            (None, Some(m)) => {
                if let Some(form) = allowance_text(&self.doc.conv, Some(m)) {
                    self.edit(span.text.end..span.text.end, form);
                }
            }
            (None, None) => {}
        }
    }

    /// `at`, or the end of the blanks after it when only blanks end its line: a
    /// rewritten text does not keep the old one's trailing space (`- @leont `).
    fn past_blanks(&self, at: usize) -> usize {
        let rest = &self.src()[at..line_end(self.src(), at)];
        let content = rest.trim_end_matches(['\r', '\n']);
        if content.trim_matches([' ', '\t']).is_empty() {
            at + content.len()
        } else {
            at
        }
    }

    fn child_indent(&self, span: &Span) -> usize {
        self.child_indent_for(span.indent, span.marker(self.src()))
    }

    /// Where entries nested under an entry at `indent` with `marker` start.
    fn child_indent_for(&self, indent: usize, marker: &str) -> usize {
        let w = marker.chars().count().max(2);
        indent + self.doc.conv.nested.clamp(w, w + 3)
    }
}

/// When the meeting is expected to end before `E` records it: a timebox after
/// its real start (a late start moves the end heading with it), else as planned.
pub(crate) fn expected_end(m: &Meeting) -> chrono::DateTime<chrono::Utc> {
    m.actual.start.unwrap_or(m.meeting_time) + chrono::Duration::minutes(i64::from(m.timebox))
}

/// The first date of `text` replaced by `date`, written the same way.
pub(crate) fn replace_date(
    text: &str,
    date: chrono::NaiveDate,
    default_year: i32,
) -> Option<String> {
    let d = find_date(text, Some(default_year))?;
    Some(format!(
        "{}{}{}",
        &text[..d.range.start],
        format_date(date, &d.style),
        &text[d.range.end..]
    ))
}
