//! The panel over the notes: what the end-of-meeting work has to say (the lint
//! findings, the publication to confirm and its result, a ticket's text), with
//! its keys at its foot and, for a ticket's link, the line being typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::view::{PanelKind, View};
use crate::tui::widgets::{block, fit, fit_end, printable, width};

/// `text` broken into rows of at most `room` columns, at spaces where it can
/// (a finding is read whole, not cut at the panel's edge); a continued row is
/// indented by two.
fn wrap(text: &str, room: usize) -> Vec<String> {
    let room = room.max(8);
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split(' ') {
        let gap = usize::from(!row.is_empty());
        if !row.is_empty() && width(&row) + gap + width(word) > room {
            rows.push(std::mem::take(&mut row));
            row.push_str("  ");
        }
        if !row.trim().is_empty() {
            row.push(' ');
        }
        row.push_str(word);
        // A word longer than the row is cut where the row ends.
        while width(&row) > room {
            let cut = fit(&row, room);
            let taken = cut.trim_end_matches('…').len();
            rows.push(row[..taken].to_string());
            row = format!("  {}", &row[taken..]);
        }
    }
    rows.push(row);
    rows
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, view: &View) {
    let Some(panel) = &view.panel else {
        return;
    };
    let theme = &view.theme;
    let typing = matches!(panel.kind, PanelKind::TicketLink { .. });
    let room = usize::from(area.width.saturating_sub(2));
    let rows: Vec<String> = panel
        .lines
        .iter()
        .flat_map(|l| wrap(&printable(l), room))
        .collect();
    // The rows, a blank line, the input (when typing) and the keys.
    let wanted = rows.len() + 2 + usize::from(typing) + 2;
    let height = u16::try_from(wanted)
        .unwrap_or(u16::MAX)
        .min(area.height)
        .max(3.min(area.height));
    let overlay = Rect {
        height,
        y: area.y + (area.height - height) / 2,
        ..area
    };
    let block = block(theme, true).title(format!(" {} ", printable(&panel.title)));
    let inner = block.inner(overlay);
    frame.render_widget(Clear, overlay);
    frame.render_widget(block, overlay);
    let foot = 1 + usize::from(typing);
    let body_rows = usize::from(inner.height).saturating_sub(foot + 1);
    let mut lines: Vec<Line<'_>> = Vec::new();
    // Scrolled no further than shows the last row.
    let overflow = rows.len() > body_rows;
    let shown = if overflow {
        body_rows.saturating_sub(1)
    } else {
        body_rows
    };
    let first = panel.scroll.min(rows.len().saturating_sub(shown));
    for row in rows.iter().skip(first).take(shown) {
        lines.push(Line::raw(fit(row, room)));
    }
    if overflow {
        let below = rows.len().saturating_sub(first + shown);
        let text = match (first, below) {
            (0, n) => format!("… {n} more rows (↓)"),
            (n, 0) => format!("… {n} rows above (↑)"),
            (above, below) => format!("… {above} rows above, {below} below (↑↓)"),
        };
        lines.push(Line::styled(fit(&text, room), theme.dim));
    }
    while lines.len() < usize::from(inner.height).saturating_sub(foot) {
        lines.push(Line::raw(""));
    }
    if typing {
        let text = fit_end(&printable(&panel.input), room.saturating_sub(8));
        lines.push(Line::from(vec![
            Span::styled("Link: ", theme.text.add_modifier(Modifier::BOLD)),
            Span::raw(text),
            Span::styled(" ", Style::default().add_modifier(Modifier::REVERSED)),
        ]));
    }
    lines.push(Line::styled(fit(&panel.keys, room), theme.dim));
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use crate::tui::view::{Panel, PanelKind};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;

    /// The rows of a 40×12 panel of 30 findings scrolled by `scroll`.
    fn shown(scroll: usize) -> Vec<String> {
        let mut view = crate::workload::live_view();
        view.panel = Some(Panel {
            kind: PanelKind::Report,
            title: "Lint".into(),
            lines: (1..=30).map(|n| format!("finding {n}")).collect(),
            keys: "Esc close".into(),
            input: String::new(),
            scroll,
        });
        let mut terminal = Terminal::new(TestBackend::new(40, 12)).unwrap();
        terminal
            .draw(|f| super::draw(f, Rect::new(0, 0, 40, 12), &view))
            .unwrap();
        terminal
            .backend()
            .buffer()
            .content()
            .chunks(40)
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
            .collect()
    }

    #[test]
    fn a_long_panel_scrolls_and_says_what_is_out_of_view() {
        let top = shown(0);
        assert!(top[1].contains("finding 1 "), "{top:?}");
        assert!(top[8].contains("… 23 more rows (↓)"), "{top:?}");
        let middle = shown(5);
        assert!(middle[1].contains("finding 6 "), "{middle:?}");
        assert!(middle[8].contains("5 rows above, 18 below"), "{middle:?}");
        // Scrolled past the end: the last rows stay in view.
        let end = shown(99);
        assert!(end[7].contains("finding 30"), "{end:?}");
        assert!(end[8].contains("… 23 rows above (↑)"), "{end:?}");
    }

    #[test]
    fn long_lines_wrap_at_spaces_and_long_words_are_cut() {
        assert_eq!(
            wrap("m.md:3: the checkbox does not render", 16),
            ["m.md:3: the", "  checkbox does", "  not render"]
        );
        assert_eq!(wrap("short", 16), ["short"]);
        let rows = wrap("https://github.com/o/r/compare/main...branch", 16);
        assert!(rows.iter().all(|r| super::width(r) <= 16), "{rows:?}");
        assert_eq!(
            rows.concat().replace("  ", ""),
            "https://github.com/o/r/compare/main...branch"
        );
    }
}
