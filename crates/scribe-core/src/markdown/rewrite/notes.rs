//! Notes and checkboxes of a document written back: each note compared with
//! the one read, new notes written like their siblings, removed ones cut out.

use super::{NewEntry, Parent, Writer, align, note_text};
use crate::liquid::neutralise_liquid;
use crate::markdown::spans::Span;
use crate::model::Note;

impl Writer<'_> {
    /// A changed box, in its own form (`[X]` stays), else as typed (`upper`:
    /// `[X]`), else as the document writes boxes.
    pub(super) fn checkbox(
        &mut self,
        old: Option<bool>,
        new: Option<bool>,
        upper: bool,
        span: &Span,
    ) {
        if old == new {
            return;
        }
        match (span.checkbox(), new) {
            (Some(r), Some(c)) => {
                let orig = &self.src()[r.clone()];
                let mark = if c {
                    if orig == "[X]" || upper || self.doc.conv.check == 'X' {
                        "[X]"
                    } else {
                        "[x]"
                    }
                } else {
                    "[ ]"
                };
                self.edit(r, mark.to_string());
            }
            (Some(r), None) => {
                let end = span.text.start.max(r.end);
                self.edit(r.start..end, String::new());
            }
            (None, Some(c)) => {
                let at = span.content_start;
                let mut mark = if c {
                    format!("[{}] ", if upper { 'X' } else { self.doc.conv.check })
                } else {
                    "[ ] ".to_string()
                };
                if !self.src()[..at].ends_with([' ', '\t']) {
                    // An empty entry ("-"): the box goes after a space.
                    mark = format!(" {}", mark.trim_end());
                }
                self.edit(at..at, mark);
            }
            (None, None) => {}
        }
    }

    pub(super) fn notes(&mut self, old: &[Note], new: &[Note], spans: &[Span], parent: &Parent) {
        let ok: Vec<&str> = old.iter().map(|i| i.text.as_str()).collect();
        let nk: Vec<&str> = new.iter().map(|i| i.text.as_str()).collect();
        let mut prev: Option<usize> = None;
        let mut pending_first = String::new();
        for (o, n) in align(&ok, &nk) {
            match (o, n) {
                (Some(o), Some(n)) => {
                    if let Some(span) = spans.get(o) {
                        self.note(&old[o], &new[n], span);
                    }
                    prev = Some(o);
                }
                (Some(o), None) => {
                    if let Some(span) = spans.get(o) {
                        self.edit(span.whole.clone(), String::new());
                    }
                }
                (None, Some(n)) => {
                    let e = NewEntry::from_note(&new[n], &self.doc.conv);
                    let mut out = String::new();
                    match prev.and_then(|p| spans.get(p)).or(spans.first()) {
                        Some(s) => {
                            let marker = s.marker(self.src());
                            self.write_entry(&mut out, s.indent + self.shift, marker, &e)
                        }
                        None => {
                            let marker = self.doc.conv.bullet.clone();
                            self.write_entry(&mut out, parent.indent, &marker, &e)
                        }
                    }
                    match prev.and_then(|p| spans.get(p)) {
                        Some(p) => self.edit(p.whole.end..p.whole.end, out),
                        None => pending_first.push_str(&out),
                    }
                }
                (None, None) => {}
            }
        }
        self.insert_first(parent, spans.first(), pending_first);
    }

    fn note(&mut self, old: &Note, new: &Note, span: &Span) {
        if old == new {
            return;
        }
        self.checkbox(old.checked, new.checked, new.check_upper, span);
        if old.text != new.text || old.decision != new.decision {
            let text = self.continued(&neutralise_liquid(&note_text(new, &self.doc.conv)), span);
            self.edit(span.text.start..self.past_blanks(span.text.end), text);
        }
        let parent = Parent {
            insert_at: span.notes.last().map_or(span.insert_at, |s| s.whole.end),
            heading: false,
            after_lines: false,
            indent: self.child_indent(span) + self.shift,
            numbered: false,
            remark: false,
        };
        self.notes(&old.notes, &new.notes, &span.notes, &parent);
    }
}
