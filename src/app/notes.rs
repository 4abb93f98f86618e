//! Notes as the editor shows them: one line per note, `- text`, two spaces of
//! indentation per level, `[ ]` / `[x]` after the dash for a checkbox, and `⚑`
//! before the text for a note marked as a decision (the flag does not show in the
//! minutes; the editor needs a way to show and keep it).
//!
//! [`notes_to_lines`] and [`lines_to_notes`] convert between the editor's lines and the
//! model's nested [`Note`]s. Going from notes to lines and back gives the same notes
//! (for every note with text or a checkbox; see the property test). Going from what the
//! secretary typed to notes is forgiving: a line without a dash is still a note, blank
//! lines are dropped, and a line indented too deep hangs under the line above it.

use crate::model::Note;

/// Spaces per nesting level in the editor.
pub const INDENT: &str = "  ";

/// Marks a decision in the editor, before the text.
pub const DECISION: &str = "⚑";

/// Stands for a line break inside one note's text (a Markdown paragraph or code
/// block of several lines), which the one-line-per-note editor cannot show as is.
/// A `↵` typed in the editor therefore reads as a line break.
pub const NEWLINE: char = '↵';

/// The editor lines for `notes`.
pub fn notes_to_lines(notes: &[Note]) -> Vec<String> {
    let mut lines = Vec::new();
    push_lines(notes, 0, &mut lines);
    lines
}

fn push_lines(notes: &[Note], depth: usize, lines: &mut Vec<String>) {
    for note in notes {
        let mut line = format_line(depth, note.checked, note.decision, &note.text);
        if note.check_upper && note.checked == Some(true) {
            // As typed or read: `[X]`.
            let at = depth * INDENT.len() + "- [".len();
            line.replace_range(at..at + 1, "X");
        }
        lines.push(line);
        push_lines(&note.notes, depth + 1, lines);
    }
}

/// One editor line: indentation, dash, checkbox, decision mark, text.
pub fn format_line(depth: usize, checked: Option<bool>, decision: bool, text: &str) -> String {
    let mut line = INDENT.repeat(depth);
    line.push_str("- ");
    match checked {
        Some(true) => line.push_str("[x] "),
        Some(false) => line.push_str("[ ] "),
        None => {}
    }
    if decision {
        line.push_str(DECISION);
        line.push(' ');
    }
    line.push_str(&text.replace('\n', NEWLINE.encode_utf8(&mut [0; 4])));
    line
}

/// What the editor's lines cannot say is kept from the notes as they were: a note
/// in the same place of the tree keeps its Markdown form (a paragraph rather than
/// a list entry, a numbered or loose list), so opening the editor and leaving it
/// changes nothing in a Markdown agenda.
pub fn carry_over(old: &[Note], new: &mut [Note]) {
    for (before, after) in old.iter().zip(new.iter_mut()) {
        after.block = before.block;
        after.list = before.list;
        carry_over(&before.notes, &mut after.notes);
    }
}

/// One editor line taken apart: its depth, checkbox and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLine<'a> {
    pub depth: usize,
    pub checked: Option<bool>,
    /// Checked as `[X]`.
    pub check_upper: bool,
    pub decision: bool,
    pub text: &'a str,
}

/// Reads one editor line; `None` for a blank line or a lone dash.
pub fn parse_line(line: &str) -> Option<NoteLine<'_>> {
    let body = line.trim_start_matches(' ');
    let spaces = line.len() - body.len();
    // A tab typed by hand counts as one level.
    let tabs = body.len() - body.trim_start_matches('\t').len();
    let body = &body[tabs..];
    let depth = spaces / INDENT.len() + tabs;
    let body = if let Some(rest) = body.strip_prefix("- ") {
        rest
    } else if body == "-" {
        ""
    } else {
        body
    };
    let (checked, check_upper, text) = if let Some(rest) = strip_box(body, "[ ]") {
        (Some(false), false, rest)
    } else if let Some(rest) = strip_box(body, "[x]") {
        (Some(true), false, rest)
    } else if let Some(rest) = strip_box(body, "[X]") {
        (Some(true), true, rest)
    } else {
        (None, false, body)
    };
    let (decision, text) = match text.strip_prefix(DECISION) {
        Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
            (true, rest.strip_prefix(' ').unwrap_or(rest))
        }
        _ => (false, text),
    };
    if checked.is_none() && !decision && text.trim().is_empty() {
        return None;
    }
    Some(NoteLine {
        depth,
        checked,
        check_upper,
        decision,
        text,
    })
}

fn strip_box<'a>(body: &'a str, marker: &str) -> Option<&'a str> {
    let rest = body.strip_prefix(marker)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix(' ')
    }
}

/// The notes the editor's `lines` say.
pub fn lines_to_notes<S: AsRef<str>>(lines: &[S]) -> Vec<Note> {
    let mut root: Vec<Note> = Vec::new();
    for line in lines {
        let Some(parsed) = parse_line(line.as_ref()) else {
            continue;
        };
        let note = Note {
            // Most lines have no line break to put back: no search for one.
            text: if parsed.text.contains(NEWLINE) {
                parsed.text.replace(NEWLINE, "\n")
            } else {
                parsed.text.to_string()
            },
            checked: parsed.checked,
            check_upper: parsed.check_upper,
            decision: parsed.decision,
            ..Note::default()
        };
        // Walk down the last notes as far as the depth says (and as far as there are).
        let Some(mut parent) = root.last_mut().filter(|_| parsed.depth > 0) else {
            root.push(note);
            continue;
        };
        for _ in 1..parsed.depth {
            if parent.notes.is_empty() {
                break;
            }
            let last = parent.notes.len() - 1;
            parent = &mut parent.notes[last];
        }
        parent.notes.push(note);
    }
    root
}

/// The notes of `lines` that differ from `notes`, when the lines place every note
/// where `notes` has it (the same tree, as [`lines_to_notes`] would build it):
/// each as its place in the tree's order and the line that now says it. `None`
/// when a note is added, removed or at another depth; the notes are then
/// rebuilt from the lines. A key typed into one line changes one note: finding
/// it this way copies nothing, where a rebuild makes every note anew.
pub fn changed_notes<'a, S: AsRef<str>>(
    notes: &[Note],
    lines: &'a [S],
) -> Option<Vec<(usize, NoteLine<'a>)>> {
    let mut parsed = lines.iter().filter_map(|line| parse_line(line.as_ref()));
    let mut walk = Walk {
        at: 0,
        last_depth: None,
        changed: Vec::new(),
    };
    walk.compare(notes, 0, &mut parsed)?;
    if parsed.next().is_some() {
        return None;
    }
    Some(walk.changed)
}

/// Where [`changed_notes`] is in its walk of the tree, depth first.
struct Walk<'a> {
    /// The place of the next note in the walk.
    at: usize,
    /// The depth of the last note: a line goes at most one level below it.
    last_depth: Option<usize>,
    changed: Vec<(usize, NoteLine<'a>)>,
}

impl<'a> Walk<'a> {
    fn compare(
        &mut self,
        notes: &[Note],
        depth: usize,
        lines: &mut impl Iterator<Item = NoteLine<'a>>,
    ) -> Option<()> {
        for note in notes {
            let line = lines.next()?;
            // Where `lines_to_notes` puts the line: as deep as it says, but no
            // deeper than under the note before it.
            let placed = self.last_depth.map_or(0, |last| line.depth.min(last + 1));
            if placed != depth {
                return None;
            }
            self.last_depth = Some(depth);
            let same = note.checked == line.checked
                && note.check_upper == line.check_upper
                && note.decision == line.decision
                && same_text(&note.text, line.text);
            if !same {
                self.changed.push((self.at, line));
            }
            self.at += 1;
            self.compare(&note.notes, depth + 1, lines)?;
        }
        Some(())
    }
}

/// True when the editor's `text` says the note text `note` (line breaks shown
/// as [`NEWLINE`]).
fn same_text(note: &str, text: &str) -> bool {
    // The mark's first byte is looked for before the mark: a search for one
    // byte costs far less than one for a string (the mark is three bytes).
    let lead = NEWLINE.encode_utf8(&mut [0; 4]).as_bytes()[0];
    if text.as_bytes().contains(&lead) && text.contains(NEWLINE) {
        note == text.replace(NEWLINE, "\n")
    } else {
        note == text
    }
}

/// Writes each of `changed` (from [`changed_notes`]) into the note at its place.
pub fn apply_changed(notes: &mut [Note], changed: &[(usize, NoteLine<'_>)]) {
    let mut at = 0;
    let mut changed = changed.iter().peekable();
    apply_walk(notes, &mut at, &mut changed);
}

fn apply_walk<'l, 'a: 'l>(
    notes: &mut [Note],
    at: &mut usize,
    changed: &mut std::iter::Peekable<impl Iterator<Item = &'l (usize, NoteLine<'a>)>>,
) {
    for note in notes {
        if changed.peek().is_none() {
            return;
        }
        if let Some((_, line)) = changed.next_if(|(place, _)| place == at) {
            note.text = line.text.replace(NEWLINE, "\n");
            note.checked = line.checked;
            note.check_upper = line.check_upper;
            note.decision = line.decision;
        }
        *at += 1;
        apply_walk(&mut note.notes, at, changed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn note(text: &str, notes: Vec<Note>) -> Note {
        Note {
            text: text.into(),
            notes: notes.into(),
            ..Note::default()
        }
    }

    #[test]
    fn nested_notes_become_indented_lines() {
        let notes = vec![
            note(
                "@stigtsp and @timlegge discussed it a little",
                vec![note("@timlegge to follow up", vec![])],
            ),
            Note {
                text: "Hope to contact the CVE folks".into(),
                checked: Some(true),
                ..Note::default()
            },
            Note {
                text: "vote: unanimous in favor".into(),
                decision: true,
                ..Note::default()
            },
        ];
        let lines = notes_to_lines(&notes);
        assert_eq!(
            lines,
            [
                "- @stigtsp and @timlegge discussed it a little",
                "  - @timlegge to follow up",
                "- [x] Hope to contact the CVE folks",
                "- ⚑ vote: unanimous in favor",
            ]
        );
        assert_eq!(lines_to_notes(&lines), notes);
    }

    #[test]
    fn typed_lines_are_read_forgivingly() {
        let lines = [
            "first without dash",
            "",
            "-",
            "      - too deep hangs under the line above",
            "- [ ]",
            "\t- a tab is one level",
        ];
        let notes = lines_to_notes(&lines);
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].text, "first without dash");
        assert_eq!(
            notes[0].notes[0].text,
            "too deep hangs under the line above"
        );
        assert_eq!(notes[1].checked, Some(false));
        assert_eq!(notes[1].text, "");
        assert_eq!(notes[1].notes[0].text, "a tab is one level");
    }

    fn arb_text() -> impl Strategy<Value = String> {
        // Any text that does not itself begin like a checkbox, with something
        // visible; without `↵`, which the editor shows for a line break.
        "[^\\[\\s⚑↵][^\\r↵]{0,20}"
    }

    fn arb_notes(depth: u32) -> BoxedStrategy<Vec<Note>> {
        let leaf = (
            arb_text(),
            proptest::option::of(any::<bool>()),
            any::<bool>(),
        )
            .prop_map(|(text, checked, decision)| Note {
                text,
                checked,
                decision,
                ..Note::default()
            });
        if depth == 0 {
            return proptest::collection::vec(leaf, 0..3).boxed();
        }
        proptest::collection::vec(
            (
                arb_text(),
                proptest::option::of(any::<bool>()),
                any::<bool>(),
                arb_notes(depth - 1),
            )
                .prop_map(|(text, checked, decision, notes)| Note {
                    text,
                    checked,
                    decision,
                    notes: notes.into(),
                    ..Note::default()
                }),
            0..4,
        )
        .boxed()
    }

    proptest! {
        #[test]
        fn notes_survive_the_editor(notes in arb_notes(3)) {
            prop_assert_eq!(lines_to_notes(&notes_to_lines(&notes)), notes);
        }

        /// The notes as the editor's lines say them, written in place where the
        /// lines keep every note's place, are the notes rebuilt from the lines.
        /// The lines are another tree's, or the notes' own with one line edited
        /// as keys do (text typed or taken away, a box, an indent, a line
        /// broken or removed, a box typed as `[X]`).
        #[test]
        fn notes_changed_in_place_are_the_notes_rebuilt(
            notes in arb_notes(3),
            other in arb_notes(3),
            edit in 0usize..9,
            at in any::<prop::sample::Index>(),
            typed in "[a-z ↵⚑\\[\\]-]{0,3}",
        ) {
            let mut lines = if edit == 7 { notes_to_lines(&other) } else { notes_to_lines(&notes) };
            if !lines.is_empty() {
                let i = at.index(lines.len());
                match edit {
                    0 => lines[i].push_str(&typed),
                    1 => { lines[i].pop(); }
                    2 => lines[i].insert_str(0, INDENT),
                    3 => lines[i] = lines[i].replacen("- ", "- [ ] ", 1),
                    4 => lines.insert(i + 1, format!("- {typed}")),
                    5 => { lines.remove(i); }
                    6 => lines[i] = lines[i].trim_start().to_string(),
                    8 => lines[i] = lines[i].replacen("- ", "- [X] ", 1),
                    _ => {}
                }
            }
            let mut rebuilt = lines_to_notes(&lines);
            carry_over(&notes, &mut rebuilt);
            if let Some(changed) = changed_notes(&notes, &lines) {
                let mut in_place = notes.clone();
                apply_changed(&mut in_place, &changed);
                prop_assert_eq!(in_place, rebuilt);
                prop_assert_eq!(changed.is_empty(), notes == lines_to_notes(&lines));
            }
        }
    }

    #[test]
    fn a_key_typed_into_a_note_changes_that_note_in_place() {
        let notes = vec![
            note(
                "first",
                vec![note("nested", vec![]), note("second nested", vec![])],
            ),
            note("last", vec![]),
        ];
        let mut lines = notes_to_lines(&notes);
        assert_eq!(changed_notes(&notes, &lines).map(|c| c.len()), Some(0));
        lines[2].push('!');
        let changed = changed_notes(&notes, &lines).expect("same places");
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].0, 2);
        let mut in_place = notes.clone();
        apply_changed(&mut in_place, &changed);
        assert_eq!(in_place[0].notes[1].text, "second nested!");
        assert_eq!(in_place[1], notes[1]);
        // A `↵` the text holds as such reads as a line break, as a rebuild has it.
        let marked = vec![note("a↵b", vec![])];
        let marked_lines = notes_to_lines(&marked);
        let changed = changed_notes(&marked, &marked_lines).expect("same places");
        assert_eq!(changed.len(), 1);
        let mut in_place = marked.clone();
        apply_changed(&mut in_place, &changed);
        assert_eq!(in_place, lines_to_notes(&marked_lines));
        assert_eq!(in_place[0].text, "a\nb");
        // A line indented under the note above it moves a note: not in place.
        lines[3].insert_str(0, INDENT);
        assert!(changed_notes(&notes, &lines).is_none());
        // Nor a line added, or taken away.
        let mut added = notes_to_lines(&notes);
        added.push("- new".into());
        assert!(changed_notes(&notes, &added).is_none());
        let mut removed = notes_to_lines(&notes);
        removed.remove(1);
        assert!(changed_notes(&notes, &removed).is_none());
    }

    #[test]
    fn markdown_forms_are_kept_through_the_editor() {
        use crate::model::ListStyle;
        let notes = vec![Note {
            text: "entry".into(),
            list: Some(ListStyle {
                ordered: true,
                start: Some(3),
                loose: false,
            }),
            notes: [Note {
                text: "a paragraph\nof two lines".into(),
                block: true,
                ..Note::default()
            }]
            .into(),
            ..Note::default()
        }];
        let lines = notes_to_lines(&notes);
        assert_eq!(lines, ["- entry", "  - a paragraph↵of two lines"]);
        let mut back = lines_to_notes(&lines);
        carry_over(&notes, &mut back);
        assert_eq!(back, notes);
    }
}
