//! Text from a file made safe to print: a meeting file, agenda or keymap may come
//! from a stranger, and its bytes must never reach the terminal as commands.
//!
//! One rule, used for everything scribe prints that came from a file (the CLI's
//! output to a terminal, error messages, the live interface): control characters
//! (C0 but tab and line end, DEL, C1 — ESC, CSI and OSC sequences start with these)
//! and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069,
//! which can make text display in an order other than its own) are shown as `�`.
//! Everything else, including every script and emoji, is kept.

use std::borrow::Cow;

/// The character shown in place of one that is not safe to print.
pub const REPLACEMENT: char = '\u{FFFD}';

/// True for a character that could act on the terminal or reorder what it shows.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character (see [`is_unsafe`]) shown as `�`; tabs and
/// line ends are kept when `lines` is true (whole documents), else replaced too
/// (one-line labels on a screen).
pub fn printable_with(text: &str, lines: bool) -> Cow<'_, str> {
    let keep = |c: char| lines && matches!(c, '\n' | '\t' | '\r');
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe(c) && !keep(c) {
                    REPLACEMENT
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Multi-line text (a document, a report, an error message) made printable:
/// line ends and tabs stay.
pub fn printable(text: &str) -> Cow<'_, str> {
    printable_with(text, true)
}

/// One line of text for a screen cell range made printable: line ends and tabs
/// are shown as `�` too.
pub fn printable_line(text: &str) -> Cow<'_, str> {
    printable_with(text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_controls_are_neutralised() {
        // OSC 52 (clipboard write), OSC 0 (title), CSI, a C1 CSI, bidi override.
        let hostile =
            "a\u{1b}]52;c;aGk=\u{7}b\u{1b}]0;t\u{1b}\\c\u{1b}[2Jd\u{9b}2Je\u{202e}f\u{2066}g";
        let shown = printable(hostile);
        assert!(!shown.chars().any(is_unsafe), "{shown:?}");
        // Each unsafe character is one U+FFFD; the rest is kept.
        assert_eq!(
            shown,
            "a\u{FFFD}]52;c;aGk=\u{FFFD}b\u{FFFD}]0;t\u{FFFD}\\c\u{FFFD}[2Jd\u{FFFD}2Je\u{FFFD}f\u{FFFD}g"
        );
    }

    #[test]
    fn ordinary_text_is_kept_as_it_is() {
        let text = "Résumé — 日本語 👍\n\tnext line\r\n";
        assert!(matches!(printable(text), Cow::Borrowed(_)));
        assert_eq!(printable_line("a\tb\nc"), "a\u{FFFD}b\u{FFFD}c");
        // Right-to-left text itself is fine; only the overrides are dropped.
        assert_eq!(printable("שלום \u{200f}x"), "שלום \u{200f}x");
    }
}
