//! The next meeting's agenda, made from the minutes of the last one, following the
//! group's rule (corpus README, "Meeting agenda/minutes format"): what has a
//! checked box is done and is removed with everything under it; what is open
//! (`[ ]`) stays with its @names and notes; the meeting's own details are reset.
//! Everything else keeps its exact bytes.

use super::Document;
use super::read::next_time;
use super::rewrite::replace_date;
use super::spans::Span;
use crate::model::{Actual, DEFAULT_AFTER_MINUTES, Item, Meeting, Note, Shared};
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
    without_done_quoted(doc.rewrite_string(&next))
}

/// `text` without the checked entries inside block quotes (`> * [x] @a`, as a bot
/// quotes a review): the model holds no quotes, but a checked box there is done
/// all the same. An entry with an open box below it stays.
fn without_done_quoted(text: String) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    // Every block quote starts with a `>`, and a checked box is written `[x]`
    // or `[X]`: without both, there is nothing to remove and no need to parse
    // the whole agenda again.
    if !text.contains('>') || !(text.contains("[x]") || text.contains("[X]")) {
        return text;
    }
    let text = text.as_str();
    let mut quotes = 0usize;
    // Open entries: where each starts, whether inside a quote, its box, and
    // whether an open box is below it.
    let mut stack: Vec<(usize, bool, Option<bool>, bool)> = Vec::new();
    let mut done: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, r) in Parser::new_ext(text, super::tree::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes = quotes.saturating_sub(1),
            Event::Start(Tag::Item) => stack.push((r.start, quotes > 0, None, false)),
            Event::TaskListMarker(c) => {
                if let Some(top) = stack.last_mut() {
                    top.2 = Some(c);
                }
            }
            Event::End(TagEnd::Item) => {
                let Some((start, quoted, checked, open_below)) = stack.pop() else {
                    continue;
                };
                if let Some(parent) = stack.last_mut() {
                    parent.3 |= open_below || checked == Some(false);
                }
                if quoted && checked == Some(true) && !open_below {
                    let from = super::lines::line_start(text, start);
                    let to = super::lines::line_end(text, r.end.saturating_sub(1).max(start));
                    done.push(from..to);
                }
            }
            _ => {}
        }
    }
    let mut out = text.to_string();
    let mut last_start = usize::MAX;
    for r in done.iter().rev() {
        // Entries end in document order, inner ones first: skip one inside another.
        if r.end > last_start {
            continue;
        }
        out.replace_range(r.clone(), "");
        last_start = r.start;
    }
    out
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
        filter_items(&meeting.agenda, &doc.map.items, false).into()
    } else {
        meeting
            .agenda
            .iter()
            .map(|item| clear_notes(item))
            .collect()
    };
    if let Some(path) = &doc.map.approval
        && let Some(approval) = m.item_mut(path)
    {
        // The line saying who approved the last minutes goes back to the group's
        // empty form ("approved by X, and merged by Y"); other lines there stay.
        for line in approval
            .items
            .iter_mut()
            .filter(|i| i.title.to_lowercase().contains("approv"))
        {
            line.title = placeholders_for_names(&line.title);
            line.owners.clear();
            line.checked = line.checked.map(|_| false);
            line.notes.clear();
        }
    }
    m
}

/// `text` with each run of @names (`@a, @b and @c`) replaced by a placeholder
/// letter, X, Y, Z in turn: the form of the group's agenda, where the approval
/// line waits as "approved by X, and merged by Y".
pub(crate) fn placeholders_for_names(text: &str) -> String {
    let handle_len = |s: &str| -> usize {
        s.strip_prefix('@').map_or(0, |r| {
            let n = r
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(r.len());
            if n == 0 { 0 } else { n + 1 }
        })
    };
    // Joiners between names of one run.
    const JOINERS: [&str; 6] = [", and ", " and ", ", ", " & ", " ,", ","];
    let mut out = String::new();
    let mut letters = ['X', 'Y', 'Z'].into_iter().chain(std::iter::repeat('N'));
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let in_word = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric());
        let n = if in_word { 0 } else { handle_len(&rest[at..]) };
        if n == 0 {
            out.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
            continue;
        }
        out.push_str(&rest[..at]);
        let mut end = at + n;
        loop {
            let after = &rest[end..];
            let next = JOINERS.iter().find_map(|j| {
                let m = handle_len(after.strip_prefix(j)?);
                (m > 0).then_some(j.len() + m)
            });
            match next {
                Some(len) => end += len,
                None => break,
            }
        }
        out.push(letters.next().unwrap_or('N'));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `text` with the meeting's date replaced by `date`, when it contains it.
fn replace_date_if(text: &str, meeting: &Meeting, date: chrono::NaiveDate) -> Option<String> {
    let found = crate::dates::find_date(text, None)?;
    (found.date == meeting.meeting_time.date_naive())
        .then(|| replace_date(text, date, date.year()))
        .flatten()
}

fn uses_checkboxes(items: &[Shared<Item>]) -> bool {
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
    it.items = item.items.iter().map(|item| clear_notes(item)).collect();
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

/// Whether the filter keeps every one of `notes` with everything under it (a
/// note without a box under an open entry, say): the list is then shared with
/// the minutes instead of copied, and writing the agenda sees at once that
/// nothing changed there.
fn notes_all_kept(notes: &[Note], under_checked: bool) -> bool {
    notes.iter().all(|n| {
        let (keep, child_ctx) = judge(n.checked, under_checked);
        // A note whose children all stay stays too when it has any.
        notes_all_kept(&n.notes, child_ctx) && (keep || !n.notes.is_empty())
    })
}

fn filter_notes(notes: &[Note], under_checked: bool) -> Vec<Note> {
    notes
        .iter()
        .filter_map(|n| {
            let (keep, child_ctx) = judge(n.checked, under_checked);
            if notes_all_kept(&n.notes, child_ctx) {
                return (keep || !n.notes.is_empty()).then(|| n.clone());
            }
            let kids = filter_notes(&n.notes, child_ctx);
            // Field by field: `..n.clone()` would copy the note's whole subtree
            // only to throw it away for `kids`, at every level of nesting.
            (keep || !kids.is_empty()).then(|| Note {
                text: n.text.clone(),
                checked: n.checked,
                check_upper: n.check_upper,
                decision: n.decision,
                notes: kids.into(),
                block: n.block,
                list: n.list,
            })
        })
        .collect()
}

fn filter_items(items: &[Shared<Item>], spans: &[Span], under_checked: bool) -> Vec<Item> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let span = spans.get(i);
            let heading = span.is_some_and(|s| s.heading.is_some());
            let (keep, child_ctx) = judge(it.checked, under_checked);
            // Shared, not copied, when every note stays (an open item's notes).
            let notes = if notes_all_kept(&it.notes, child_ctx) {
                it.notes.clone()
            } else {
                filter_notes(&it.notes, child_ctx).into()
            };
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
                items: kids.into(),
                ..(**it).clone()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{placeholders_for_names, without_done_quoted};

    #[test]
    fn done_entries_go_from_quotes_only() {
        // Without a `>` there is no quote: the text stays as it is, checked
        // entries and all (the model's filter removed those it holds).
        let plain = "# Agenda\n\n- [x] done\n  - [ ] open below\n- [ ] open\n\n    code [x]\n";
        assert_eq!(without_done_quoted(plain.to_string()), plain);
        let quoted =
            "# Agenda\n\n> * [x] @a reviewed\n> * [ ] @b to review\n\n- [x] kept <https://x.org>\n";
        assert_eq!(
            without_done_quoted(quoted.to_string()),
            "# Agenda\n\n> * [ ] @b to review\n\n- [x] kept <https://x.org>\n"
        );
        let nested = "- item\n  > - [x] done\n  >   - [ ] still open\n";
        assert_eq!(without_done_quoted(nested.to_string()), nested);
    }

    #[test]
    fn runs_of_names_become_one_letter_each() {
        assert_eq!(
            placeholders_for_names(
                "Previous meeting minutes was approved by @thibaultduponchelle and @timlegge, and merged by @sjn"
            ),
            "Previous meeting minutes was approved by X, and merged by Y"
        );
        assert_eq!(
            placeholders_for_names("approved by @a, @b & @c (PR#65 by email@x)"),
            "approved by X (PR#65 by email@x)"
        );
    }
}
