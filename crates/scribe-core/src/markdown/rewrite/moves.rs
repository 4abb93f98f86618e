//! An item moved within its list (up, down, to the top): it goes to its new
//! place with its own source, which may hold text the meeting does not (a
//! paragraph under a heading or an entry, a code block, a table), changed there
//! as the item changed; and a numbered list that counted in order counts in
//! order again after it.

use super::{Writer, splice};
use crate::markdown::lines::{line_end, line_start};
use crate::markdown::spans::Span;
use crate::model::{Item, Shared};

/// For each new item, the removed one of the same list it was moved from: the
/// one equal to it, else the one of the same title and kind (heading or entry).
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
            let from = removed.iter().position(|&o| {
                let alike = match exact {
                    true => old[o] == new[n],
                    false => old[o].title == new[n].title,
                };
                alike && spans[o].heading.is_some() == new[n].heading.is_some()
            });
            if let Some(k) = from {
                moved[n] = Some(removed.remove(k));
            }
        }
    }
    moved
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

impl Writer<'_> {
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
        if let Some((numbered, k)) = mark {
            self.remark(span, numbered, k);
        }
        self.item(old, new, span);
        let mut inner = std::mem::replace(&mut self.edits, edits);
        inner.append(&mut std::mem::replace(&mut self.late_edits, late));
        let whole = span.whole.clone();
        inner
            .iter()
            .all(|e| whole.start <= e.range.start && e.range.end <= whole.end)
            .then(|| splice(&self.src()[whole.clone()], whole.start, inner))
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
        let doc = crate::markdown::Document::parse(std::path::Path::new("a.md"), src.as_bytes())
            .expect("parsed");
        let meeting = doc.meeting();
        let agenda = meeting
            .agenda
            .iter()
            .position(|s| s.title == "Agenda")
            .expect("the Agenda section");
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
        let bullets = "# Minutes\n\n## Agenda\n\n- [ ] One\n\n  A paragraph of one,\n  over two lines.\n\n- [ ] Two\n  - two's entry\n- [ ] Three\n\n  ```\n  code of three\n  ```\n- [ ] Four\n";
        let numbers = "# Minutes\n\n## Agenda\n\n1. One\n   > quoted under one\n2. Two\n3. Three\n   | a | b |\n   |---|---|\n   | 1 | 2 |\n4. Four\n";
        let apart = "# Minutes\n\n## Agenda\n\n1. One\n\n   One's words.\n\n2. Two\n\n3. Three\n\n   Three's words.\n\n4. Four\n\n## After\n";
        for src in [bullets, numbers, apart] {
            let doc =
                crate::markdown::Document::parse(std::path::Path::new("a.md"), src.as_bytes())
                    .expect("parsed");
            let meeting = doc.meeting();
            let agenda = meeting
                .agenda
                .iter()
                .position(|s| s.title == "Agenda")
                .expect("the Agenda section");
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
                    if src != bullets {
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
                    let want = if src == bullets {
                        vec![None, None]
                    } else {
                        vec![Some(1)]
                    };
                    assert_eq!(lists, want, "{case}");
                    // A list whose entries stand apart still has them apart.
                    if src == apart {
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
}
