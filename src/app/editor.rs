//! The notes editor's logic: opening it on an item, what each editing action does
//! to its lines (new note lines, indents, checkboxes, decisions, `@handle`
//! completion), keeping the item's notes in step with the lines, and turning a
//! paste into typed keys.
//!
//! The editor itself is ratatui-textarea's `TextArea`; every line of it is one
//! note (see [`super::notes`]).

use ratatui_textarea::{CursorMove, DataCursor, TextArea};

use chrono::{DateTime, Utc};

use super::{Action, App, Key, KeyCode, Outcome, Pane, notes};
use crate::model::ItemPath;

/// The notes editor, open on one agenda item.
#[derive(Debug, Clone)]
pub struct NotesEditor {
    /// The item whose notes are edited.
    pub path: ItemPath,
    /// The editor; its lines are the notes (see [`notes`]).
    pub textarea: TextArea<'static>,
    /// The `@handle` completion in progress: the typed prefix and the candidate shown.
    pub completion: Option<(String, usize)>,
    /// How many typed keys changed the text so far: a key that leaves it as it
    /// was only moved the cursor (see [`App::type_in_editor`]).
    pub typed_changes: u64,
}

impl App {
    /// Roster handles that complete the `@word` before the editor's cursor, with
    /// that word (without `@`).
    pub fn handle_candidates(&self) -> Option<(String, Vec<String>)> {
        let editor = self.editor.as_ref()?;
        let prefix = match &editor.completion {
            Some((prefix, _)) => prefix.clone(),
            None => handle_before_cursor(&editor.textarea)?,
        };
        let lower = prefix.to_lowercase();
        let candidates: Vec<String> = self
            .meeting
            .roster
            .iter()
            .filter(|p| p.handle.to_lowercase().starts_with(&lower))
            .map(|p| p.handle.clone())
            .collect();
        (!candidates.is_empty()).then_some((prefix, candidates))
    }

    pub(super) fn open_editor(&mut self) {
        let Some(item) = self.meeting.item(&self.agenda_cursor) else {
            self.message = Some("The agenda is empty: add an item with a".into());
            return;
        };
        let mut lines = notes::notes_to_lines(&item.notes);
        // Typing starts on a line of its own, after the notes already there (an
        // empty line is no note: leaving the editor at once changes nothing).
        lines.push("- ".into());
        let mut textarea = TextArea::new(lines);
        // Long notes wrap at words rather than scroll sideways; the line being typed
        // is not underlined (the block cursor shows where typing goes).
        textarea.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(ratatui::style::Style::default());
        // When the cursor leaves the view, the view moves half its height: typing
        // on at the bottom of long notes then adds rows below the line typed for
        // a while, instead of moving every row of the pane up on each new row.
        textarea.set_scroll_jump(50);
        // The cursor goes to the end of the new line: by a jump to its place
        // in the text, which needs no screen map (the first frame maps the
        // lines, with the width of the pane and the maps carried over).
        let last = textarea.lines().len() - 1;
        match u16::try_from(last) {
            Ok(row) => textarea.move_cursor(CursorMove::Jump(row, u16::MAX)),
            Err(_) => {
                textarea.move_cursor(CursorMove::Bottom);
                textarea.move_cursor(CursorMove::End);
            }
        }
        textarea.give_line_maps(std::mem::take(&mut self.editor_line_maps.0));
        self.editor = Some(NotesEditor {
            path: self.agenda_cursor.clone(),
            textarea,
            completion: None,
            typed_changes: 0,
        });
        self.focus = Pane::Notes;
    }

    /// Writes the editor's lines into the edited item's notes. The meeting is
    /// changed (and the item's lists copied, when a checkpoint or the writer
    /// shares them) only when the notes differ.
    pub(super) fn sync_notes(&mut self) {
        let Some(editor) = &self.editor else { return };
        let Some(item) = self.meeting.item(&editor.path) else {
            return;
        };
        // Most keys change the text of one note: it is written in place.
        if let Some(changed) = notes::changed_notes(&item.notes, editor.textarea.lines()) {
            if changed.is_empty() {
                return;
            }
            if let Some(item) = self.meeting.item_mut(&editor.path) {
                notes::apply_changed(&mut item.notes, &changed);
            }
            self.changed();
            return;
        }
        let mut notes = notes::lines_to_notes(editor.textarea.lines());
        notes::carry_over(&item.notes, &mut notes);
        if *item.notes == notes {
            return;
        }
        let path = editor.path.clone();
        if let Some(item) = self.meeting.item_mut(&path) {
            item.notes = notes.into();
            self.changed();
        }
    }

    pub(super) fn close_editor(&mut self) {
        self.sync_notes();
        if let Some(mut editor) = self.editor.take() {
            self.editor_line_maps.0 = editor.textarea.take_line_maps();
        }
        if self.focus == Pane::Notes {
            self.focus = Pane::Agenda;
        }
    }

    pub(super) fn edit(&mut self, action: Action) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        if action != Action::Indent {
            editor.completion = None;
        }
        if action == Action::Indent
            && let Some((prefix, candidates)) = self.handle_candidates()
            && let Some(editor) = &mut self.editor
        {
            // Tab after `@pre` completes; Tab again offers the next handle.
            let index = editor
                .completion
                .as_ref()
                .map_or(0, |(_, i)| (i + 1) % candidates.len());
            let typed = handle_before_cursor(&editor.textarea).unwrap_or_default();
            for _ in 0..typed.chars().count() {
                editor.textarea.delete_char();
            }
            editor.textarea.insert_str(&candidates[index]);
            editor.completion = Some((prefix, index));
            self.sync_notes();
            return;
        }
        let Some(editor) = &mut self.editor else {
            return;
        };
        let ta = &mut editor.textarea;
        match action {
            Action::Indent => {
                let DataCursor(row, col) = ta.cursor();
                ta.move_cursor(jump(row, 0));
                ta.insert_str(notes::INDENT);
                ta.move_cursor(jump(row, col + notes::INDENT.len()));
            }
            Action::Outdent => {
                let DataCursor(row, col) = ta.cursor();
                let line = ta.lines().get(row).cloned().unwrap_or_default();
                let spaces = line.len() - line.trim_start_matches(' ').len();
                let remove = spaces.min(notes::INDENT.len());
                if remove > 0 {
                    ta.move_cursor(jump(row, 0));
                    ta.delete_str(remove);
                    ta.move_cursor(jump(row, col.saturating_sub(remove)));
                }
            }
            Action::NewLine => {
                let DataCursor(row, _) = ta.cursor();
                let line = ta.lines().get(row).cloned().unwrap_or_default();
                let parsed = notes::parse_line(&line);
                let depth = parsed.as_ref().map_or_else(
                    || (line.len() - line.trim_start_matches(' ').len()) / notes::INDENT.len(),
                    |l| l.depth,
                );
                let has_box = parsed.is_some_and(|l| l.checked.is_some());
                ta.insert_newline();
                ta.insert_str(notes::INDENT.repeat(depth));
                ta.insert_str(if has_box { "- [ ] " } else { "- " });
            }
            Action::CycleNoteCheck | Action::ToggleDecision => {
                let DataCursor(row, col) = ta.cursor();
                let line = ta.lines().get(row).cloned().unwrap_or_default();
                let (depth, checked, decision, text) = match notes::parse_line(&line) {
                    Some(l) => (l.depth, l.checked, l.decision, l.text.to_string()),
                    None => (
                        (line.len() - line.trim_start_matches(' ').len()) / notes::INDENT.len(),
                        None,
                        false,
                        String::new(),
                    ),
                };
                let new_line = if action == Action::ToggleDecision {
                    notes::format_line(depth, checked, !decision, &text)
                } else {
                    let next = match checked {
                        None => Some(false),
                        Some(false) => Some(true),
                        Some(true) => None,
                    };
                    notes::format_line(depth, next, decision, &text)
                };
                // The cursor stays on the same character of the text.
                let old_len = line.chars().count();
                let new_len = new_line.chars().count();
                let new_col = (col + new_len).saturating_sub(old_len).min(new_len);
                ta.move_cursor(jump(row, 0));
                ta.delete_line_by_end();
                ta.insert_str(&new_line);
                ta.move_cursor(jump(row, new_col));
            }
            Action::Type(key) => {
                // Every line is a note (see `notes`): text typed onto a blank
                // line without a dash gets one, so a pasted plain line (pasting
                // types its line breaks as plain Enter) shows as the note it is
                // rather than as bare text. A line that brings its own dash or
                // indentation keeps it.
                let mut changed = false;
                if let KeyCode::Char(c) = key.code
                    && !key.ctrl
                    && !key.alt
                    && !matches!(c, ' ' | '\t' | '-')
                {
                    let DataCursor(row, col) = ta.cursor();
                    let line = ta.lines().get(row).map_or("", String::as_str);
                    if line.trim().is_empty() && col == line.chars().count() {
                        changed |= ta.insert_str("- ");
                    }
                }
                changed |= ta.input(key.to_textarea_input());
                if !changed {
                    // A key that only moved the cursor: the notes are as they were.
                    return;
                }
                editor.typed_changes += 1;
            }
            Action::MoveCursor(row, col) => {
                jump_exactly(ta, row as usize, col as usize);
                return;
            }
            _ => {}
        }
        self.sync_notes();
    }

    /// Applies a key typed into the editor, and says which action the journal
    /// keeps for it: the key itself when it changed the text, else where the
    /// cursor went. How far Up or PageDown moves depends on the width and height
    /// the editor was drawn at, which a replay does not have.
    pub fn type_in_editor(&mut self, action: Action, now: DateTime<Utc>) -> (Outcome, Action) {
        // The textarea says whether a key changed its text; the count of such
        // keys tells it without copying the lines.
        let before = self.editor.as_ref().map(|e| e.typed_changes);
        let outcome = super::update(self, action, now);
        let after = self.editor.as_ref().map(|e| e.typed_changes);
        let recorded = match &self.editor {
            Some(editor) if before == after => {
                let DataCursor(row, col) = editor.textarea.cursor();
                Action::MoveCursor(
                    u32::try_from(row).unwrap_or(u32::MAX),
                    u32::try_from(col).unwrap_or(u32::MAX),
                )
            }
            _ => action,
        };
        (outcome, recorded)
    }

    /// The keys a paste of `text` types: line breaks are plain new lines (no
    /// bullet is added), so pasted notes keep their own markers, and control
    /// characters are dropped. Pasting list lines onto a fresh empty bullet
    /// ("- ", "- [ ] ") first takes the bullet away, so "- a" does not become
    /// "- - a". Nothing is typed outside the editor and prompts.
    pub fn paste_keys(&self, text: &str) -> Vec<Key> {
        let mut keys = Vec::new();
        if !matches!(self.mode(), super::Mode::Editor | super::Mode::Prompt) {
            return keys;
        }
        if let Some(editor) = &self.editor {
            let DataCursor(row, col) = editor.textarea.cursor();
            let line = editor.textarea.lines().get(row).map_or("", String::as_str);
            let pasted = text.trim_start_matches([' ', '\t']);
            let empty_bullet = line.trim_start().starts_with('-')
                && notes::parse_line(line).is_none_or(|l| l.text.trim().is_empty());
            if empty_bullet
                && col == line.chars().count()
                && (pasted.starts_with("- ") || pasted.starts_with("* "))
            {
                keys.extend((0..col).map(|_| Key::plain(KeyCode::Backspace)));
            }
        }
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            keys.push(match c {
                // \r\n and \r alone are one line break.
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    Key::plain(KeyCode::Enter)
                }
                '\n' => Key::plain(KeyCode::Enter),
                c if c.is_control() && c != '\t' => continue,
                c => Key::char(c),
            });
        }
        keys
    }
}

/// Puts the cursor at (`row`, `col`), clamped to the text, also past the 16-bit
/// reach of [`CursorMove::Jump`] (only lines and notes that long pay for the
/// longer way).
fn jump_exactly(ta: &mut TextArea<'_>, row: usize, col: usize) {
    let row = row.min(ta.lines().len().saturating_sub(1));
    let col = col.min(ta.lines().get(row).map_or(0, |l| l.chars().count()));
    ta.move_cursor(jump(row, col));
    while ta.cursor().0 < row {
        let before = ta.cursor();
        ta.move_cursor(CursorMove::Down);
        if ta.cursor() == before {
            break;
        }
    }
    if ta.cursor().1 > col {
        ta.move_cursor(CursorMove::Head);
    }
    if ta.cursor().1 < col {
        // Past the reach of a jump, the line's first `col` characters are taken
        // out and put back: the text is the same, and an insertion leaves the
        // cursor just after it (two edits, where walking there would be one
        // per character).
        ta.move_cursor(CursorMove::Head);
        let head: String = ta.lines()[ta.cursor().0].chars().take(col).collect();
        ta.delete_str(col);
        ta.insert_str(&head);
    }
}

impl App {
    /// Types a paste of `text`: the same text as [`App::paste_keys`] typed key by
    /// key, but put into the editor with one insertion and one update of the
    /// notes (the editor redoes its whole wrap map on every insertion, so key by
    /// key made a long paste quadratic). In a prompt the keys are typed.
    pub fn paste(&mut self, text: &str, now: DateTime<Utc>) -> Outcome {
        let keys = self.paste_keys(text);
        let revision = self.revision;
        if self.mode() != super::Mode::Editor {
            for key in keys {
                let _ = super::update(self, Action::Type(key), now);
            }
            return Outcome {
                changed: self.revision != revision,
                effect: None,
            };
        }
        // What `update` does for any typed key.
        self.now = now;
        self.message = None;
        self.confirming = None;
        // The bullet taken away first (a few keys at most).
        let backspaces = keys
            .iter()
            .take_while(|k| k.code == KeyCode::Backspace)
            .count();
        for key in &keys[..backspaces] {
            self.edit(Action::Type(*key));
        }
        let Some(editor) = &mut self.editor else {
            return Outcome::default();
        };
        editor.completion = None;
        let ta = &mut editor.textarea;
        let DataCursor(row, col) = ta.cursor();
        let line = ta.lines().get(row).map_or("", String::as_str);
        // The dash rule of a typed key (see `edit`): a character other than a
        // space, tab or dash typed at the end of a blank line gets "- " first. The
        // text after the cursor stays after the paste, so the rule can hold only
        // when there is none.
        let at_end = col == line.chars().count();
        let mut blank = line.trim().is_empty();
        let mut typed = String::with_capacity(text.len() + 16);
        for key in &keys[backspaces..] {
            match key.code {
                KeyCode::Enter => {
                    typed.push('\n');
                    blank = true;
                }
                KeyCode::Char(c) => {
                    if at_end && blank && !matches!(c, ' ' | '\t' | '-') {
                        typed.push_str("- ");
                        blank = false;
                    }
                    typed.push(c);
                    blank &= c.is_whitespace();
                }
                _ => {}
            }
        }
        ta.insert_str(&typed);
        self.sync_notes();
        Outcome {
            changed: self.revision != revision,
            effect: None,
        }
    }
}

fn jump(row: usize, col: usize) -> CursorMove {
    CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(col).unwrap_or(u16::MAX),
    )
}

/// The `@word` just before the cursor, without the `@`.
fn handle_before_cursor(ta: &TextArea<'_>) -> Option<String> {
    let DataCursor(row, col) = ta.cursor();
    let line = ta.lines().get(row)?;
    // Looked up on every key typed: the line is not copied, nor walked char
    // by char when it is ASCII (a char is a byte), and it is searched back
    // from the cursor only to the word's start.
    let at = if line.is_ascii() {
        col.min(line.len())
    } else {
        line.char_indices()
            .nth(col)
            .map_or(line.len(), |(at, _)| at)
    };
    let before = &line[..at];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .map_or(0, |i| i + 1);
    before[word_start..]
        .strip_prefix('@')
        .map(|s| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::handle_before_cursor;
    use proptest::prelude::*;
    use ratatui_textarea::{CursorMove, TextArea};

    proptest! {
        /// The `@word` before the cursor is the one the chars before it end
        /// with, whatever the line (ASCII or not) and wherever the cursor.
        #[test]
        fn the_handle_before_the_cursor_ends_the_chars_before_it(
            line in "[a@ (,é漢x]{0,24}",
            col in 0u16..30,
        ) {
            let mut textarea = TextArea::new(vec![line.clone()]);
            textarea.move_cursor(CursorMove::Jump(0, col));
            let before: String = line.chars().take(usize::from(col)).collect();
            let word = before
                .split(|c: char| c.is_whitespace() || c == '(' || c == ',')
                .next_back()
                .unwrap_or("");
            let expected = word.strip_prefix('@').map(str::to_string);
            prop_assert_eq!(handle_before_cursor(&textarea), expected);
        }
    }
}
