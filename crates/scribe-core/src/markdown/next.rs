//! The next meeting's agenda, made from the minutes of the last one, following the
//! group's rule (corpus README, "Meeting agenda/minutes format"): what has a
//! checked box is done and is removed with everything under it; what is open
//! (`[ ]`) stays with its @names and notes; the meeting's own details are reset.
//! Everything else keeps its exact bytes.

use super::Document;
use super::read::next_time;
use super::rewrite::replace_date;
use super::spans::Span;
use crate::model::{Actual, DEFAULT_AFTER_MINUTES, Item, Meeting, Note};
use chrono::{Datelike, Duration};

/// The agenda for the meeting after `meeting` (the minutes read from `doc`, possibly
/// changed since): checked items, summaries and notes removed with their sub-items
/// (a checked item that still has an open sub-item stays), headings whose section
/// became empty removed; for minutes without checkboxes, item titles stay and notes
/// go. The date moves to the one under "Next meeting" (else 14 days later), the
/// "Next meeting" line moves on 14 days, and chairs, secretary, attendance, the
/// approval line and the actual times are reset.
pub fn next_agenda(doc: &Document, meeting: &Meeting) -> String {
    let next = next_meeting(doc, meeting);
    doc.rewrite_string(&next)
}

/// The meeting model of the next agenda.
pub(crate) fn next_meeting(doc: &Document, meeting: &Meeting) -> Meeting {
    let mut m = meeting.clone();
    let fortnight = Duration::days(14);
    let when = meeting
        .next
        .time
        .or_else(|| {
            meeting
                .next
                .text
                .as_deref()
                .and_then(|t| next_time(t, meeting.meeting_time))
        })
        .filter(|t| *t > meeting.meeting_time)
        .unwrap_or(meeting.meeting_time + fortnight);
    m.meeting_time = when;
    if let Some(title) = replace_date_if(&meeting.title, meeting, when.date_naive()) {
        m.title = title;
    }
    m.actual = Actual::default();
    m.after = DEFAULT_AFTER_MINUTES;
    m.chairs = meeting.next.chairs.clone();
    m.secretary = meeting.next.secretary.clone();
    m.next.chairs.clear();
    m.next.secretary.clear();
    let after_next = when + fortnight;
    if let Some(text) = &meeting.next.text {
        m.next.text = Some(
            replace_date(text, after_next.date_naive(), when.year())
                .unwrap_or_else(|| text.clone()),
        );
    }
    m.next.time = Some(after_next);
    m.roster.clear();
    let checkboxes = uses_checkboxes(&meeting.agenda);
    m.agenda = if checkboxes {
        filter_items(&meeting.agenda, &doc.map.items, false)
    } else {
        meeting.agenda.iter().map(clear_notes).collect()
    };
    if let Some(path) = &doc.map.approval
        && let Some(approval) = m.item_mut(path)
    {
        // The line saying who approved the last minutes; other lines there stay.
        approval
            .items
            .retain(|i| !i.title.to_lowercase().contains("approv"));
    }
    m
}

/// `text` with the meeting's date replaced by `date`, when it contains it.
fn replace_date_if(text: &str, meeting: &Meeting, date: chrono::NaiveDate) -> Option<String> {
    let found = crate::dates::find_date(text, None)?;
    (found.date == meeting.meeting_time.date_naive())
        .then(|| replace_date(text, date, date.year()))
        .flatten()
}

fn uses_checkboxes(items: &[Item]) -> bool {
    fn note_has(n: &Note) -> bool {
        n.checked.is_some() || n.notes.iter().any(note_has)
    }
    items
        .iter()
        .any(|i| i.checked.is_some() || i.notes.iter().any(note_has) || uses_checkboxes(&i.items))
}

fn clear_notes(item: &Item) -> Item {
    let mut it = item.clone();
    it.notes.clear();
    it.items = item.items.iter().map(clear_notes).collect();
    it
}

/// Whether an entity stays, and in which context its children are judged:
/// under a checked entry, entries without a box are its summary and go with it
/// unless something open is below them.
fn judge(checked: Option<bool>, under_checked: bool) -> (bool, bool) {
    match checked {
        Some(true) => (false, true),
        Some(false) => (true, false),
        None => (!under_checked, under_checked),
    }
}

fn filter_notes(notes: &[Note], under_checked: bool) -> Vec<Note> {
    notes
        .iter()
        .filter_map(|n| {
            let (keep, child_ctx) = judge(n.checked, under_checked);
            let kids = filter_notes(&n.notes, child_ctx);
            (keep || !kids.is_empty()).then(|| Note {
                notes: kids,
                ..n.clone()
            })
        })
        .collect()
}

fn filter_items(items: &[Item], spans: &[Span], under_checked: bool) -> Vec<Item> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let span = spans.get(i);
            let heading = span.is_some_and(|s| s.heading.is_some());
            let (keep, child_ctx) = judge(it.checked, under_checked);
            let notes = filter_notes(&it.notes, child_ctx);
            let sub_spans: &[Span] = span.map_or(&[], |s| &s.items);
            let kids = filter_items(&it.items, sub_spans, child_ctx);
            let had_children = !it.notes.is_empty() || !it.items.is_empty();
            let has_children = !notes.is_empty() || !kids.is_empty();
            let keep = if heading {
                // A section stays unless everything in it went.
                !had_children || has_children
            } else {
                keep || has_children
            };
            keep.then(|| Item {
                notes,
                items: kids,
                ..it.clone()
            })
        })
        .collect()
}
