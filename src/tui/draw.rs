//! The whole screen: lays the panes out and draws each one from an [`App`].
//!
//! ```text
//! ┌ Agenda ──────────┐┌ Notes · section › item ─────┐
//! │                  ││                              │
//! ├ Roster ──────────┤│                              │
//! │                  │└──────────────────────────────┘
//! │                  │┌ 17:34 UTC ── meeting ────────┐
//! └──────────────────┘└──────────────────────────────┘
//!  keys of the focused pane               output · saved
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};

use super::panes;
use crate::app::App;

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

/// Height of the timer pane (frame included).
const TIMER_HEIGHT: u16 = 4;

/// Where each pane is on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub agenda: Rect,
    pub roster: Rect,
    pub notes: Rect,
    pub timer: Rect,
    pub status: Rect,
}

/// Lays the panes out on `area` (the event loop uses it too, to know what a
/// mouse click hit).
pub fn layout(area: Rect, app: &App) -> Areas {
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let left_width = (main.width * 2 / 5).clamp(24.min(main.width), 64);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(0)]).areas(main);

    let roster_rows = u16::try_from(app.meeting.roster.len()).unwrap_or(u16::MAX);
    let roster_height = roster_rows
        .saturating_add(2)
        .clamp(3, (left.height * 2 / 5).max(3));
    let [agenda_area, roster_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(roster_height)]).areas(left);
    let [notes_area, timer_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(TIMER_HEIGHT)]).areas(right);
    Areas {
        agenda: agenda_area,
        roster: roster_area,
        notes: notes_area,
        timer: timer_area,
        status,
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let theme = &app.view.theme;
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base), area);
    let areas = layout(area, app);
    panes::agenda::draw(frame, areas.agenda, app, theme);
    panes::roster::draw(frame, areas.roster, app, theme);
    panes::notes::draw(frame, areas.notes, app, theme);
    panes::timer::draw(frame, areas.timer, app, theme);
    panes::status::draw(frame, areas.status, app, theme);
    if app.help {
        panes::help::draw(frame, area, app, theme);
    }
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

/// User text made safe for the screen: control characters (which could carry
/// terminal escape sequences) are shown as `�`.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// An agenda title for the screen: Markdown links `[text](target)` show as their
/// text (the target is noise on a small screen), and control characters are made
/// harmless.
pub fn plain_title(title: &str) -> String {
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
