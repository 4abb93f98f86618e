//! A key press as scribe names it: `q`, `Space`, `Ctrl-s`, `Shift-Tab`.
//!
//! Keymaps are written with these names, the journal records typed keys with them,
//! and the terminal layer converts its key events to them, so that the same key always has the
//! same spelling wherever it appears.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The key itself, without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    /// A printable character; case is part of the character (`S` is Shift-s).
    Char(char),
    /// A function key, `F1` to `F24`.
    F(u8),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab (terminals report it as its own key).
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    /// Shift for keys whose code does not already say it (never set for
    /// characters or `BackTab`).
    pub shift: bool,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// A character key without modifiers.
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// The same key with Ctrl held.
    pub const fn with_ctrl(mut self) -> Key {
        self.ctrl = true;
        self
    }

    /// Keys reported in two ways by terminals are brought to one form: the shift of
    /// a character is in the character, and Shift-Tab is `BackTab`.
    pub fn normalised(mut self) -> Key {
        match self.code {
            KeyCode::Char(_) | KeyCode::BackTab => self.shift = false,
            KeyCode::Tab if self.shift => {
                self.code = KeyCode::BackTab;
                self.shift = false;
            }
            _ => {}
        }
        self
    }

    /// The input the notes editor (ratatui-textarea) understands.
    pub fn to_textarea_input(self) -> ratatui_textarea::Input {
        use ratatui_textarea::Key as T;
        let (key, shift) = match self.code {
            KeyCode::Char(c) => (T::Char(c), false),
            KeyCode::F(n) => (T::F(n), self.shift),
            KeyCode::Enter => (T::Enter, self.shift),
            KeyCode::Esc => (T::Esc, self.shift),
            KeyCode::Tab => (T::Tab, self.shift),
            KeyCode::BackTab => (T::Tab, true),
            KeyCode::Backspace => (T::Backspace, self.shift),
            KeyCode::Delete => (T::Delete, self.shift),
            KeyCode::Insert => (T::Null, self.shift),
            KeyCode::Up => (T::Up, self.shift),
            KeyCode::Down => (T::Down, self.shift),
            KeyCode::Left => (T::Left, self.shift),
            KeyCode::Right => (T::Right, self.shift),
            KeyCode::Home => (T::Home, self.shift),
            KeyCode::End => (T::End, self.shift),
            KeyCode::PageUp => (T::PageUp, self.shift),
            KeyCode::PageDown => (T::PageDown, self.shift),
        };
        ratatui_textarea::Input {
            key,
            ctrl: self.ctrl,
            alt: self.alt,
            shift,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Why a key name could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown key `{0}` (expected a character, or a name such as Enter, Esc, Tab, Space, Up, F1, optionally after Ctrl-, Alt- or Shift-)"
)]
pub struct KeyParseError(pub String);

impl FromStr for Key {
    type Err = KeyParseError;

    fn from_str(text: &str) -> Result<Key, KeyParseError> {
        let err = || KeyParseError(text.to_string());
        let mut rest = text;
        let mut key = Key::plain(KeyCode::Esc);
        // Modifier prefixes; a lone "-" or a name ending in "-" (Ctrl--) is the key itself.
        loop {
            let lower = rest.to_ascii_lowercase();
            let strip = |p: &str| lower.starts_with(p) && rest.len() > p.len();
            if strip("ctrl-") {
                key.ctrl = true;
                rest = &rest[5..];
            } else if strip("alt-") {
                key.alt = true;
                rest = &rest[4..];
            } else if strip("shift-") {
                key.shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (None, _) => return Err(err()),
            (Some(c), None) => {
                if key.shift && c.is_alphabetic() {
                    key.shift = false;
                    KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                name => {
                    let n = name
                        .strip_prefix('f')
                        .and_then(|n| n.parse::<u8>().ok())
                        .filter(|n| (1..=24).contains(n))
                        .ok_or_else(err)?;
                    KeyCode::F(n)
                }
            },
        };
        Ok(key.normalised())
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_to_the_same_key() {
        for name in [
            "q",
            "?",
            "+",
            "S",
            "Space",
            "Enter",
            "Esc",
            "Tab",
            "Shift-Tab",
            "Up",
            "Ctrl-s",
            "Alt-x",
            "Ctrl-Alt-Delete",
            "F5",
            "-",
            "Ctrl--",
            "Shift-Up",
        ] {
            let key: Key = name.parse().unwrap();
            assert_eq!(key.to_string(), name, "{name}");
        }
    }

    #[test]
    fn shift_of_a_letter_is_the_capital_and_backtab_is_shift_tab() {
        assert_eq!("Shift-s".parse::<Key>().unwrap(), Key::char('S'));
        assert_eq!(
            "BackTab".parse::<Key>().unwrap(),
            "Shift-Tab".parse::<Key>().unwrap()
        );
    }

    #[test]
    fn unknown_names_are_errors() {
        for name in ["", "Ctrl-", "Hyper-x", "F99", "Enterr"] {
            assert!(name.parse::<Key>().is_err(), "{name}");
        }
    }
}
