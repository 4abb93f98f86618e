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
                            let marker = self
                                .bullet_of_lines_before(parent)
                                .unwrap_or_else(|| self.doc.conv.bullet.clone());
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

    /// `text` for the entry at `span`, its further lines (continuation lines)
    /// indented under the entry's text; after a space where the entry had no text (`*` or `[ ]` ends the
    /// line), lest the text stick to the marker or the box.
    pub(super) fn continued(&self, text: &str, span: &Span) -> String {
        let col = span.content_col() + self.shift;
        let bare =
            span.text.is_empty() && !self.src()[..span.text.start].ends_with(char::is_whitespace);
        let lead = if bare { " " } else { "" };
        lead.to_string()
            + &text
                .split('\n')
                .collect::<Vec<_>>()
                .join(&format!("\n{}", " ".repeat(col)))
    }
}

#[cfg(test)]
mod tests {
    /// Text typed into an entry that had none (`*` or `[ ]` alone on its line)
    /// stands after a space: stuck to the marker, `*Text` is no list entry.
    #[test]
    fn text_given_to_an_empty_entry_stands_apart_from_its_marker() {
        let src = "# Minutes\n\n## Agenda\n\n- [ ] One\n  * first\n  *   \n- [ ]\n";
        let doc = crate::markdown::Document::parse(std::path::Path::new("a.md"), src.as_bytes())
            .expect("parsed");
        let mut m = doc.meeting();
        let agenda = m
            .agenda
            .iter()
            .position(|s| s.title == "Agenda")
            .expect("Agenda");
        let items = &mut m.agenda[agenda].items;
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(items[0].notes.len(), 2, "{:?}", items[0].notes);
        items[0].notes[1].text = "a note".into();
        items[1].title = "Two".into();
        let out = doc.rewrite_string(&m);
        assert!(out.contains("\n  * a note\n"), "{out}");
        assert!(out.contains("\n- [ ] Two\n"), "{out}");
    }
}
