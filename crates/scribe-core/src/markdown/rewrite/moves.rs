//! An item moved within its list (up, down, to the top), or an entry moved to
//! another list (indented, outdented): it goes to its new place with its own
//! source, which may hold text the meeting does not (a paragraph under a heading
//! or an entry, a code block, a table), changed there as the item changed; and a
//! numbered list that counted in order counts in order again after it.

use super::{Edit, Writer, splice};
use crate::markdown::lines::{line_end, line_start, marker_str_at};
use crate::markdown::spans::Span;
use crate::model::{Item, Shared};

/// `pairs` with an item kept in place taken apart where its title pairs it with
/// another item of that title (a list holding two "Attendance" sections, one
/// of them moved past the other) and an item equal to either is removed or
/// added elsewhere: the equal ones are then paired as moved.
pub(super) fn apart_by_content(
    pairs: Vec<(Option<usize>, Option<usize>)>,
    old: &[Shared<Item>],
    new: &[Shared<Item>],
) -> Vec<(Option<usize>, Option<usize>)> {
    let removed: Vec<usize> = (pairs.iter())
        .filter_map(|&(o, n)| o.filter(|_| n.is_none()))
        .collect();
    let added: Vec<usize> = (pairs.iter())
        .filter_map(|&(o, n)| n.filter(|_| o.is_none()))
        .collect();
    if removed.is_empty() && added.is_empty() {
        return pairs;
    }
    let mut out = Vec::with_capacity(pairs.len() + 2);
    for (o, n) in pairs {
        if let (Some(o), Some(n)) = (o, n)
            && old[o] != new[n]
            && (removed.iter().any(|&r| old[r] == new[n])
                || added.iter().any(|&a| new[a] == old[o]))
        {
            out.push((Some(o), None));
            out.push((None, Some(n)));
        } else {
            out.push((o, n));
        }
    }
    out
}

/// For each new item, the removed one of the same list it was moved from: the
/// one equal to it, else the one of the same title.
pub(super) fn moved_from(
    pairs: &[(Option<usize>, Option<usize>)],
    old: &[Shared<Item>],
    new: &[Shared<Item>],
    spans: &[Span],
) -> Vec<Option<usize>> {
    let mut removed: Vec<usize> = pairs
        .iter()
        .filter_map(|&(o, n)| o.filter(|&o| n.is_none() && o < spans.len()))
        .collect();
    let mut moved = vec![None; new.len()];
    let added: Vec<usize> = pairs
        .iter()
        .filter_map(|&(o, n)| n.filter(|_| o.is_none()))
        .collect();
    // Equal items first, so that of two of one title the unchanged one is found.
    for exact in [true, false] {
        for &n in &added {
            if moved[n].is_some() {
                continue;
            }
            let from = removed.iter().position(|&o| match exact {
                true => old[o] == new[n],
                false => old[o].title == new[n].title,
            });
            if let Some(k) = from {
                moved[n] = Some(removed.remove(k));
            }
        }
    }
    moved
}

/// The item at `spans[i]` as far as it is its own: a section read as a heading
/// may hold, up to the next heading of its level, the headings of its next
/// siblings (`## Details` over `### Welcome` when both are sections); those
/// are not taken out or moved with it, nor written after.
pub(super) fn own_span(spans: &[Span], i: usize) -> std::borrow::Cow<'_, Span> {
    let span = &spans[i];
    match spans.get(i + 1).map(|s| s.whole.start) {
        Some(next) if span.whole.start < next && next < span.whole.end => {
            std::borrow::Cow::Owned(Span {
                whole: span.whole.start..next,
                ..span.clone()
            })
        }
        _ => std::borrow::Cow::Borrowed(span),
    }
}

/// The number of a numbered list entry (`3.`, `3)`).
pub(super) fn entry_number(span: &Span, src: &str) -> Option<usize> {
    let marker = span.marker(src).trim_end();
    marker[..marker.len().checked_sub(1)?].parse().ok()
}

/// The first number of a list whose entries are numbered and count up by one
/// (`1.` `2.` `3.`); `None` for bullets, and for numbers written otherwise
/// (all `1.`), which stay as they are.
pub(super) fn counting_from(spans: &[Span], src: &str) -> Option<usize> {
    let mut numbers = spans
        .iter()
        .filter(|s| s.heading.is_none())
        .map(|s| entry_number(s, src));
    let first = numbers.next()??;
    let mut want = first;
    for n in numbers {
        want += 1;
        if n != Some(want) {
            return None;
        }
    }
    Some(first)
}

/// Entries taken out of one list and written anew in another: the written one
/// takes the removed one's source where they are the same item (see
/// [`Writer::carry_moved`]).
#[derive(Debug, Default)]
pub(super) struct Carried {
    /// Entries removed and not put again in their own list.
    removed: Vec<(Span, Shared<Item>)>,
    /// Entries written anew, each the whole text of an edit (by its index).
    written: Vec<(usize, Shared<Item>)>,
}

impl Carried {
    /// `item`, removed at `span` (an entry).
    pub(super) fn removed(&mut self, span: &Span, item: &Shared<Item>) {
        if span.heading.is_none() {
            self.removed.push((span.clone(), item.clone()));
        }
    }

    /// `item`, written anew as the last of `edits`.
    pub(super) fn written(&mut self, edits: &[Edit], item: &Shared<Item>) {
        if item.heading.is_none() && !edits.is_empty() {
            self.written.push((edits.len() - 1, item.clone()));
        }
    }
}

impl Writer<'_> {
    /// Entries written anew that were taken out of another list: each takes
    /// the removed one's source (with the item's changes made in it) at its new
    /// indent and marker, so that what under it the meeting does not hold goes
    /// with it. The same item first, else one of the same title.
    pub(super) fn carry_moved(&mut self) {
        let Carried {
            mut removed,
            written,
        } = std::mem::take(&mut self.carried);
        let mut done = vec![false; written.len()];
        for exact in [true, false] {
            for (w, (edit, new)) in written.iter().enumerate() {
                let found = removed.iter().position(|(_, old)| match exact {
                    true => old == new,
                    false => old.title == new.title,
                });
                let Some(k) = found.filter(|_| !done[w]) else {
                    continue;
                };
                let (span, old) = removed.remove(k);
                let anew = std::mem::take(&mut self.edits[*edit].text);
                let text = self.carried_text(&old, new, &span, &anew);
                self.edits[*edit].text = text.unwrap_or(anew);
                done[w] = true;
            }
        }
    }

    /// The source of the entry at `span`, changed from `old` to `new`, put in
    /// the place of its block in `anew` (the entry as written anew there: its
    /// indent and marker).
    fn carried_text(&mut self, old: &Item, new: &Item, span: &Span, anew: &str) -> Option<String> {
        let doc = self.doc;
        let src = doc.src.as_str();
        let start = line_start(src, span.whole.start);
        let indent = &src[start..span.whole.start];
        let old_prefix = &src[start..span.content_start];
        let lines: Vec<&str> = anew.split_inclusive('\n').collect();
        let first = lines.iter().position(|l| !l.trim().is_empty())?;
        let last = lines.iter().rposition(|l| !l.trim().is_empty())?;
        let (marker, content) = marker_str_at(lines[first], 0);
        let new_prefix = &lines[first][..content];
        let spaces = |t: &str| t.bytes().all(|b| b == b' ');
        if marker.trim().is_empty() || !spaces(indent) || old_prefix.contains('\t') {
            return None;
        }
        let (old_col, new_col) = (old_prefix.len(), new_prefix.len());
        let source = self.moved_text(old, new, span, None)?;
        let mut out: String = lines[..first].concat();
        for (i, line) in source.split_inclusive('\n').enumerate() {
            if i == 0 {
                out.push_str(new_prefix);
                out.push_str(format!("{indent}{line}").strip_prefix(old_prefix)?);
            } else if line.trim().is_empty() || new_col == old_col {
                out.push_str(line);
            } else if new_col > old_col {
                out.push_str(&" ".repeat(new_col - old_col));
                out.push_str(line);
            } else {
                let lead = line.len() - line.trim_start_matches(' ').len();
                out.push_str(&line[lead.min(old_col - new_col)..]);
            }
        }
        if !lines[last].ends_with('\n') && out.ends_with('\n') {
            out.pop();
            if out.ends_with('\r') {
                out.pop();
            }
        }
        out.push_str(&lines[last + 1..].concat());
        Some(out)
    }

    /// The source of the item at `spans[o]` (`old`, now `new`), moved to
    /// after `after` in its list (first when `None`), with the marker of entry
    /// `mark`'s number; `None` where it cannot go as it is.
    pub(super) fn moved_here(
        &mut self,
        old: &Item,
        new: &Item,
        spans: &[Span],
        o: usize,
        after: Option<&Span>,
        mark: Option<(bool, usize)>,
    ) -> Option<String> {
        let src = self.src();
        let span = &*own_span(spans, o);
        // A heading goes after any sibling or first; an entry only after an
        // entry or in front of one. A nested entry's source starts after its
        // line's indent, and is not taken (written anew instead).
        let at_line = |s: &Span| line_start(src, s.whole.start) == s.whole.start;
        let fits = at_line(span)
            && match (after, span.heading) {
                (Some(p), None) => p.heading.is_none(),
                (Some(_), Some(_)) => true,
                (None, None) => spans
                    .first()
                    .is_some_and(|f| f.heading.is_none() && at_line(f)),
                (None, Some(_)) => !spans.is_empty(),
            };
        // The last line of the document may have no line end; elsewhere it needs one.
        let ended = |mut text: String| {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text
        };
        fits.then(|| self.moved_text(old, new, span, mark).map(ended))
            .flatten()
    }

    /// Takes out the item at `span`; an entry between blank lines takes one
    /// of them with it.
    pub(super) fn remove(&mut self, span: &Span) {
        let whole = span.whole.clone();
        let end = match span.heading.is_none() && self.blank_before(whole.start) {
            true => self.past_blank_lines(whole.end),
            false => whole.end,
        };
        self.edit(whole.start..end, String::new());
    }

    /// The source of the item at `span`, moved elsewhere in its list, with the
    /// changes from `old` to `new` made in it, and, given `(numbered, k)`, the
    /// marker of entry number `k`. `None` when a change reaches outside it.
    pub(super) fn moved_text(
        &mut self,
        old: &Item,
        new: &Item,
        span: &Span,
        mark: Option<(bool, usize)>,
    ) -> Option<String> {
        let edits = std::mem::take(&mut self.edits);
        let late = std::mem::take(&mut self.late_edits);
        // Moves inside the moved item are not carried: their edits are not kept
        // as edits of the document.
        let carried = std::mem::take(&mut self.carried);
        if let Some((numbered, k)) = mark {
            self.remark(span, numbered, k);
        }
        self.item(old, new, span);
        let mut inner = std::mem::replace(&mut self.edits, edits);
        inner.append(&mut std::mem::replace(&mut self.late_edits, late));
        self.carried = carried;
        let whole = span.whole.clone();
        inner
            .iter()
            .all(|e| whole.start <= e.range.start && e.range.end <= whole.end)
            .then(|| splice(&self.src()[whole.clone()], whole.start, inner))
    }

    /// What goes between `p` and an item moved after it: a line end after the
    /// document's last line when it has none; a blank line where entries stand
    /// apart.
    pub(super) fn gap_after(&self, p: &Span) -> &'static str {
        let src = self.src();
        match p.whole.end == src.len() {
            true if !src.ends_with('\n') => "\n",
            _ if self.blank_at(p.whole.end) => "\n",
            _ => "",
        }
    }

    /// Whether a blank line starts at `at`.
    pub(super) fn blank_at(&self, at: usize) -> bool {
        let line = &self.src()[at..line_end(self.src(), at)];
        !line.is_empty() && line.trim().is_empty()
    }

    /// Whether the line before the one starting at `at` is blank.
    pub(super) fn blank_before(&self, at: usize) -> bool {
        at > 0 && self.blank_at(line_start(self.src(), at - 1))
    }

    /// Past the blank lines starting at `at`.
    pub(super) fn past_blank_lines(&self, mut at: usize) -> usize {
        while self.blank_at(at) {
            at = line_end(self.src(), at);
        }
        at
    }
}

#[cfg(test)]
mod tests {
    /// A section moved past its neighbour, up or down or to the top, keeps
    /// what under its heading the agenda does not hold (a paragraph): nothing
    /// of the file is lost, only the order changes.
    #[test]
    fn a_moved_section_keeps_the_text_under_its_heading() {
        let src = "# Minutes\n\n## Agenda\n\n### One\n\nA paragraph of one,\nover two lines.\n\n### Two\n\n- two's entry\n\n### Three\n\nThree's words.\n";
        let (doc, meeting, agenda) = agenda_of(src);
        let titles = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with("### "))
                .map(str::to_string)
                .collect()
        };
        for order in orders(3) {
            let mut moved = meeting.clone();
            let list = &mut moved.agenda[agenda].items;
            *list = order
                .iter()
                .map(|&i| list[i].clone())
                .collect::<Vec<_>>()
                .into();
            let out = doc.rewrite_string(&moved);
            let names = ["One", "Two", "Three"];
            let want: Vec<String> = order.iter().map(|&i| format!("### {}", names[i])).collect();
            assert_eq!(titles(&out), want, "{order:?}:\n{out}");
            for kept in [
                "A paragraph of one,\nover two lines.\n",
                "- two's entry\n",
                "Three's words.\n",
            ] {
                assert!(out.contains(kept), "{order:?}: {kept:?} lost:\n{out}");
            }
            assert_eq!(out.len(), src.len(), "{order:?}:\n{out}");
        }
    }

    /// The lines of `text` that are not blank, sorted, numbers of numbered
    /// entries and checkboxes left out: what a move may not change.
    fn kept_lines(text: &str) -> Vec<String> {
        let mut lines: Vec<String> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                l.trim_start()
                    .trim_start_matches(|c: char| c.is_ascii_digit())
            })
            .map(|l| l.replacen("[ ] ", "", 1).replacen("[x] ", "", 1))
            .collect();
        lines.sort_unstable();
        lines
    }

    /// Three lists of four entries, with text under entries that the agenda
    /// does not hold: (entry, its first words).
    const BULLETS: &str = "# Minutes\n\n## Agenda\n\n- [ ] One\n\n  A paragraph of one,\n  over two lines.\n\n- [ ] Two\n  - two's entry\n- [ ] Three\n\n  ```\n  code of three\n  ```\n- [ ] Four\n";
    const NUMBERS: &str = "# Minutes\n\n## Agenda\n\n1. One\n   > quoted under one\n2. Two\n3. Three\n   | a | b |\n   |---|---|\n   | 1 | 2 |\n4. Four\n";
    const APART: &str = "# Minutes\n\n## Agenda\n\n1. One\n\n   One's words.\n\n2. Two\n\n3. Three\n\n   Three's words.\n\n4. Four\n\n## After\n";
    const LISTS: [(&str, [(usize, &str); 2]); 3] = [
        (BULLETS, [(0, "A paragraph of one,"), (2, "code of three")]),
        (NUMBERS, [(0, "quoted under one"), (2, "| a | b |")]),
        (APART, [(0, "One's words."), (2, "Three's words.")]),
    ];

    /// The document and the index of its Agenda section.
    fn agenda_of(src: &str) -> (crate::markdown::Document, crate::model::Meeting, usize) {
        let doc = crate::markdown::Document::parse(std::path::Path::new("a.md"), src.as_bytes())
            .expect("parsed");
        let meeting = doc.meeting();
        let agenda = meeting
            .agenda
            .iter()
            .position(|s| s.title == "Agenda")
            .expect("the Agenda section");
        (doc, meeting, agenda)
    }

    /// How many lists deep a CommonMark reader finds the text starting `words`.
    fn list_depth(text: &str, words: &str) -> Option<usize> {
        use pulldown_cmark::{Event, Tag, TagEnd};
        let mut depth = 0;
        let tasks = pulldown_cmark::Options::ENABLE_TASKLISTS;
        for event in pulldown_cmark::Parser::new_ext(text, tasks) {
            match event {
                Event::Start(Tag::List(_)) => depth += 1,
                Event::End(TagEnd::List(_)) => depth -= 1,
                Event::Text(t) if t.starts_with(words) => return Some(depth),
                _ => {}
            }
        }
        None
    }

    /// Every order of `0..n`.
    fn orders(n: usize) -> Vec<Vec<usize>> {
        if n == 0 {
            return vec![Vec::new()];
        }
        let mut out = Vec::new();
        for shorter in orders(n - 1) {
            for at in 0..n {
                let mut order = shorter.clone();
                order.insert(at, n - 1);
                out.push(order);
            }
        }
        out
    }

    /// An entry moved up, down or to the top of its list keeps what under it
    /// the agenda does not hold (a paragraph, a code block, a quote, a table);
    /// a numbered list counts 1, 2, 3 in the new order; a change to the moved
    /// entry (checked) is made at its new place.
    #[test]
    fn a_moved_entry_keeps_the_text_under_it() {
        for (src, _) in LISTS {
            let (doc, meeting, agenda) = agenda_of(src);
            for order in orders(4) {
                for check in [false, true] {
                    let mut moved = meeting.clone();
                    let list = &mut moved.agenda[agenda].items;
                    let mut items: Vec<_> = order.iter().map(|&i| list[i].clone()).collect();
                    if check {
                        items[0].checked = Some(true);
                    }
                    *list = items.into();
                    let out = doc.rewrite_string(&moved);
                    let case = format!("{order:?}, checked {check}:\n{out}");
                    let read = crate::markdown::Document::parse(
                        std::path::Path::new("a.md"),
                        out.as_bytes(),
                    )
                    .expect("read back");
                    assert_eq!(read.meeting().agenda, moved.agenda, "{case}");
                    assert_eq!(kept_lines(&out), kept_lines(src), "{case}");
                    let numbers: Vec<&str> = out
                        .lines()
                        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
                        .map(|l| &l[..2])
                        .collect();
                    if src != BULLETS {
                        assert_eq!(numbers, ["1.", "2.", "3.", "4."], "{case}");
                    }
                    // As a CommonMark reader sees it: one list, from 1 where numbered.
                    let lists: Vec<Option<u64>> = pulldown_cmark::Parser::new(&out)
                        .filter_map(|e| match e {
                            pulldown_cmark::Event::Start(pulldown_cmark::Tag::List(start)) => {
                                Some(start)
                            }
                            _ => None,
                        })
                        .collect();
                    let want = if src == BULLETS {
                        vec![None, None]
                    } else {
                        vec![Some(1)]
                    };
                    assert_eq!(lists, want, "{case}");
                    // A list whose entries stand apart still has them apart.
                    if src == APART {
                        assert!(!out.contains("\n\n\n"), "{case}");
                        assert_eq!(
                            out.matches("\n\n").count(),
                            src.matches("\n\n").count(),
                            "{case}"
                        );
                    }
                }
            }
        }
    }

    /// An entry indented under the one before it takes what under it the
    /// agenda does not hold along, nested as deep as it now is; nothing else
    /// moves.
    #[test]
    fn an_indented_entry_keeps_the_text_under_it() {
        for (src, unheld) in LISTS {
            let (doc, meeting, agenda) = agenda_of(src);
            for moved_entry in 1..4 {
                let mut moved = meeting.clone();
                let list = &mut moved.agenda[agenda].items;
                let item = list.remove(moved_entry);
                list[moved_entry - 1].items.push(item);
                let out = doc.rewrite_string(&moved);
                let case = format!("{moved_entry} indented:\n{out}");
                let unmarked = |text: &str| -> Vec<String> {
                    let mut lines: Vec<String> = kept_lines(text)
                        .iter()
                        .map(|l| l.trim_start_matches(['.', '-', ' ']).to_string())
                        .collect();
                    lines.sort_unstable();
                    lines
                };
                assert_eq!(unmarked(&out), unmarked(src), "{case}");
                for (entry, words) in unheld {
                    let want = if entry == moved_entry { 2 } else { 1 };
                    assert_eq!(list_depth(&out, words), Some(want), "{words}: {case}");
                }
                let title = ["One", "Two", "Three", "Four"][moved_entry];
                assert_eq!(list_depth(&out, title), Some(2), "{title}: {case}");
            }
        }
    }

    /// A first note under an entry that holds a table or a paragraph goes
    /// after them: put between, the table's lines would read as the note's.
    #[test]
    fn a_first_note_goes_after_what_the_entry_holds() {
        for (src, unheld) in LISTS {
            let (doc, meeting, agenda) = agenda_of(src);
            for (entry, words) in unheld {
                let mut noted = meeting.clone();
                let item = &mut noted.agenda[agenda].items[entry];
                item.notes
                    .push(crate::model::Note::new("a note typed live"));
                let out = doc.rewrite_string(&noted);
                assert_eq!(list_depth(&out, words), Some(1), "{words}:\n{out}");
                assert_eq!(list_depth(&out, "a note typed live"), Some(2), "{out}");
            }
        }
    }
}
