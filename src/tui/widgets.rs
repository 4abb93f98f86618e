//! What the panes share: frames, the selected and warning styles, and text cut
//! to a width with every character printable. Panes draw with these and never
//! borrow from one another.

use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};

use crate::model::Item;

/// The colours of the screen: a theme from `crate::theme` (colourless under
/// `NO_COLOR`), with the few derived styles the panes share.
pub type Theme = crate::theme::Theme;

/// A pane's frame; the focused one is drawn thick.
pub fn block<'a>(theme: &Theme, focused: bool) -> Block<'a> {
    let block = Block::default().borders(Borders::ALL).style(theme.base);
    if focused {
        block
            .border_type(BorderType::Thick)
            .border_style(theme.focused_border)
    } else {
        block.border_style(theme.border)
    }
}

/// The selected row: the theme's selection in the focused pane, underlined elsewhere.
pub fn selected(theme: &Theme, focused: bool) -> Style {
    if focused {
        theme.selected
    } else {
        theme.text.add_modifier(Modifier::UNDERLINED)
    }
}

/// Text that needs attention soon (late, near the end): the gauge's warning colour.
pub fn warn(theme: &Theme) -> Style {
    Style {
        bg: None,
        ..theme.gauge_warn
    }
}

/// Text that is wrong now (over time, absent, not saved): the gauge's overtime colour.
pub fn alarm(theme: &Theme) -> Style {
    Style {
        bg: None,
        ..theme.gauge_over
    }
}

/// The title as shown: owners first, as in the minutes (`@sjn – title`).
pub fn shown_title(item: &Item) -> String {
    let title = plain_title(&item.title);
    if item.owners.is_empty() {
        title
    } else {
        let owners: Vec<String> = item
            .owners
            .iter()
            .map(|o| format!("@{}", printable(o)))
            .collect();
        let owners = owners.join(", ");
        // An item that is only its owner (`- @robrwo`) has no title to separate.
        if title.is_empty() {
            owners
        } else {
            format!("{owners} – {title}")
        }
    }
}

/// The first row shown so that row `selected` of `len` is in a window of `height`
/// rows, with up to three rows of context below it.
pub fn window_start(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let context = 3.min(height.saturating_sub(1) / 2);
    (selected + context + 1)
        .saturating_sub(height)
        .min(len - height)
}

/// Cuts `text` to `width` columns, ending with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The end of `text` in `width` columns, starting with `…` when cut: for text
/// being typed, whose end (where the cursor is) matters most.
pub fn fit_end(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 1; // the `…`
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        tail.push(c);
        used += w;
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// Display width of `text` in columns.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// User text made safe for one line of the screen: control characters (which
/// could carry terminal escape sequences) and bidi overrides and isolates (which
/// reorder what is shown) are shown as `�` (see [`crate::text`]).
pub fn printable(text: &str) -> String {
    crate::text::printable_line(text).into_owned()
}

/// The most characters of one title the screen can show (half a wide notes
/// pane, wrapped): a longer title is cut here before any work is done on it, so
/// a title of a megabyte costs a frame no more than one of a few lines.
pub const SHOWN_TITLE_CHARS: usize = 8 * 1024;

/// The start of `text` that the screen can show (see [`SHOWN_TITLE_CHARS`]).
fn shown_part(text: &str) -> &str {
    match text.char_indices().nth(SHOWN_TITLE_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// An agenda title for the screen: Markdown links `[text](target)` show as their
/// text (the target is noise on a small screen), and control characters are made
/// harmless.
pub fn plain_title(title: &str) -> String {
    let title = shown_part(title);
    let mut out = String::new();
    let mut rest = title;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let target = &after[close + 2..];
            target.find(')').map(|end| (close, close + 2 + end + 1))
        });
        match link {
            Some((close, consumed)) if !after[..close].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[consumed..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    printable(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_show_as_their_text() {
        assert_eq!(
            plain_title("[Open Source Summit Europe](https://e.org/x), Vienna"),
            "Open Source Summit Europe, Vienna"
        );
        assert_eq!(plain_title("a [b] c (d) [e](f)"), "a [b] c (d) e");
        assert_eq!(plain_title("unclosed [x](y"), "unclosed [x](y");
        assert_eq!(plain_title("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(plain_title("a\u{202e}b\u{2066}c"), "a\u{FFFD}b\u{FFFD}c");
        // A megabyte of title is cut to what a screen can show.
        let long = "x".repeat(1 << 20);
        assert_eq!(plain_title(&long).chars().count(), SHOWN_TITLE_CHARS);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_by_width() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("日本語", 4), "日…");
    }

    #[test]
    fn fit_end_keeps_the_end() {
        assert_eq!(fit_end("abcdef", 4), "…def");
        assert_eq!(fit_end("abc", 4), "abc");
        assert_eq!(fit_end("日本語", 4), "…語");
        assert_eq!(fit_end("abc", 1), "…");
        assert_eq!(fit_end("abc", 0), "");
    }
}
