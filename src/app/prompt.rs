//! The one-line prompt at the bottom of the screen (a title, a handle, a search):
//! it edits like the notes editor, because it is the same editor —
//! ratatui-textarea's `TextArea`, kept to one line.
//!
//! Home/End, Left/Right, Ctrl-Left/Right (words), Backspace/Delete at the
//! cursor, Ctrl-W (word before), Ctrl-K (to the end) are the editor's own keys;
//! Ctrl-U clears to the start of the line as in a shell (in the textarea it
//! would undo). Keys that would make a second line are not passed on. Every
//! key is journaled as typed: a one-line editor moves the same way at every
//! width, so a replay gives the same text and cursor.

use ratatui_textarea::{CursorMove, DataCursor, TextArea};

use super::{Key, KeyCode};
use crate::model::ItemPath;

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// The title of an item to add after the selected one.
    ItemAfter,
    /// The title of an item to add before the selected one.
    ItemBefore,
    /// The title of a sub-item to add under the selected one.
    SubItem,
    /// The handle of a person to add to the roster.
    Person,
    /// A new title for the selected item.
    Rename,
    /// Words to find in the agenda's titles (the selection follows as they are typed).
    Search,
    /// At the end: for each item never discussed, `k` (keep it in the minutes as
    /// "not discussed") or `m` (move it to the next agenda); one letter for all.
    NotDiscussed,
    /// The meeting's date (an agenda may not say it).
    Date,
    /// A front matter field, `key: value`.
    FrontMatter,
    /// The selected item's time allowance, in minutes.
    Allowance,
}

impl PromptKind {
    /// The question shown before the input.
    pub fn question(self) -> &'static str {
        match self {
            PromptKind::ItemAfter => "New item after the selected one: ",
            PromptKind::ItemBefore => "New item before the selected one: ",
            PromptKind::SubItem => "New sub-item: ",
            PromptKind::Person => "Add person: @",
            PromptKind::Rename => "Title: ",
            PromptKind::Search => "Find: ",
            PromptKind::Date => "Meeting date (YYYY-MM-DD): ",
            PromptKind::FrontMatter => "Front matter field (key: value): ",
            PromptKind::Allowance => "Minutes for this item (empty: none): ",
            PromptKind::NotDiscussed => {
                "Not discussed: k keep as \"not discussed\", m move to the next agenda (one for all, or one per item): "
            }
        }
    }
}

/// A one-line question at the bottom of the screen.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    /// The line being typed, with its cursor.
    pub input: TextArea<'static>,
    /// For a search: the selection when it was opened (the search starts
    /// there, and goes back there when given up).
    pub origin: ItemPath,
}

/// Two prompts are the same when they ask the same thing and hold the same text
/// with the cursor at the same place (what a replay must give back).
impl PartialEq for Prompt {
    fn eq(&self, other: &Prompt) -> bool {
        self.kind == other.kind
            && self.text() == other.text()
            && self.cursor() == other.cursor()
            && self.origin == other.origin
    }
}

impl Eq for Prompt {}

impl Prompt {
    /// A prompt of `kind` holding `text`, the cursor at its end.
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        // A title may hold a soft line break from the file: the prompt shows it
        // as a space (confirming unchanged keeps the title as it was).
        let line: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let mut input = TextArea::new(vec![line]);
        input.move_cursor(CursorMove::End);
        Prompt {
            kind,
            input,
            origin: ItemPath::new(),
        }
    }

    /// What has been typed.
    pub fn text(&self) -> &str {
        self.input.lines().first().map_or("", String::as_str)
    }

    /// The cursor's place in the text, in characters.
    pub fn cursor(&self) -> usize {
        let DataCursor(_, col) = self.input.cursor();
        col
    }

    /// Applies one typed key; says whether the text changed.
    pub fn type_key(&mut self, key: Key) -> bool {
        let before = self.text().to_string();
        let ta = &mut self.input;
        match key.code {
            // A second line has no place in a one-line answer.
            KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab => {}
            KeyCode::Char('m' | 'j') if key.ctrl => {}
            // A pasted tab is a space; other control characters are not text.
            KeyCode::Char('\t') => ta.insert_char(' '),
            KeyCode::Char(c) if c.is_control() => {}
            // As in a shell: Ctrl-U clears before the cursor.
            KeyCode::Char('u') if key.ctrl && !key.alt => {
                ta.delete_line_by_head();
            }
            _ => {
                ta.input(key.to_textarea_input());
            }
        }
        // Nothing the textarea does from one line makes two; if it ever did, the
        // lines are joined rather than a word lost.
        if ta.lines().len() > 1 {
            let joined = ta.lines().join(" ");
            let DataCursor(_, col) = ta.cursor();
            *ta = TextArea::new(vec![joined]);
            ta.move_cursor(CursorMove::Jump(0, u16::try_from(col).unwrap_or(u16::MAX)));
        }
        self.text() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(prompt: &mut Prompt, names: &[&str]) {
        for name in names {
            prompt.type_key(name.parse().unwrap());
        }
    }

    fn typed(prompt: &mut Prompt, text: &str) {
        for c in text.chars() {
            prompt.type_key(Key::char(c));
        }
    }

    #[test]
    fn the_prompt_edits_at_the_cursor() {
        let mut p = Prompt::new(PromptKind::Rename, "GPW 2025");
        assert_eq!(p.cursor(), 8);
        // Home, then replace "GPW" by the full name.
        keys(&mut p, &["Home", "Delete", "Delete", "Delete"]);
        typed(&mut p, "German Perl Workshop");
        assert_eq!(p.text(), "German Perl Workshop 2025");
        // Two words back from the end is the start of "Workshop".
        keys(&mut p, &["End", "Ctrl-Left", "Ctrl-Left"]);
        typed(&mut p, "Big ");
        assert_eq!(p.text(), "German Perl Big Workshop 2025");
        keys(&mut p, &["Ctrl-Right", "Ctrl-Right"]);
        keys(&mut p, &["Left", "Left", "Backspace"]);
        assert_eq!(p.text(), "German Perl Big Workshop 225");
    }

    #[test]
    fn ctrl_w_u_and_k_delete_as_in_a_shell() {
        let mut p = Prompt::new(PromptKind::ItemAfter, "one two three");
        keys(&mut p, &["Ctrl-w"]);
        assert_eq!(p.text(), "one two ");
        keys(&mut p, &["Left", "Left", "Left", "Ctrl-k"]);
        assert_eq!(p.text(), "one t");
        keys(&mut p, &["Left", "Ctrl-u"]);
        assert_eq!(p.text(), "t");
        assert_eq!(p.cursor(), 0);
    }

    #[test]
    fn nothing_makes_a_second_line_and_a_trailing_semicolon_stays() {
        let mut p = Prompt::new(PromptKind::ItemAfter, "");
        typed(&mut p, "Alpha item;");
        keys(&mut p, &["Enter", "Ctrl-m", "Ctrl-j", "Tab"]);
        assert_eq!(p.text(), "Alpha item;");
        assert_eq!(p.input.lines().len(), 1);
        // A soft line break of a title shows as a space, never as a control character.
        assert_eq!(Prompt::new(PromptKind::Rename, "a\nb").text(), "a b");
    }
}
