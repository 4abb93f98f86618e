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
pub const NEWLINE: &str = "↵";

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
    line.push_str(&text.replace('\n', NEWLINE));
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
        // Walk down the last notes as far as the depth says (and as far as there are).
        let mut siblings = &mut root;
        for _ in 0..parsed.depth {
            if siblings.is_empty() {
                break;
            }
            let last = siblings.len() - 1;
            siblings = &mut siblings[last].notes;
        }
        siblings.push(Note {
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
        });
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn note(text: &str, notes: Vec<Note>) -> Note {
        Note {
            text: text.into(),
            notes,
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
                    notes,
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
            notes: vec![Note {
                text: "a paragraph\nof two lines".into(),
                block: true,
                ..Note::default()
            }],
            ..Note::default()
        }];
        let lines = notes_to_lines(&notes);
        assert_eq!(lines, ["- entry", "  - a paragraph↵of two lines"]);
        let mut back = lines_to_notes(&lines);
        carry_over(&notes, &mut back);
        assert_eq!(back, notes);
    }
}
