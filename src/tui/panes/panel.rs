//! The panel over the notes: what the end-of-meeting work has to say (the lint
//! findings, the publication to confirm and its result, a ticket's text), with
//! its keys at its foot and, for a ticket's link, the line being typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::view::{PanelKind, View};
use crate::tui::widgets::{block, fit, fit_end, printable};

pub fn draw(frame: &mut Frame<'_>, area: Rect, view: &View) {
    let Some(panel) = &view.panel else {
        return;
    };
    let theme = &view.theme;
    let typing = matches!(panel.kind, PanelKind::TicketLink { .. });
    // The lines, a blank line, the input (when typing) and the keys.
    let wanted = panel.lines.len() + 2 + usize::from(typing) + 2;
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
    let room = usize::from(inner.width);
    let foot = 1 + usize::from(typing);
    let body_rows = usize::from(inner.height).saturating_sub(foot + 1);
    let mut lines: Vec<Line<'_>> = Vec::new();
    let more = panel.lines.len().saturating_sub(body_rows);
    let shown = if more > 0 {
        body_rows.saturating_sub(1)
    } else {
        body_rows
    };
    for line in panel.lines.iter().take(shown) {
        lines.push(Line::raw(fit(&printable(line), room)));
    }
    if more > 0 {
        lines.push(Line::styled(
            fit(&format!("… {} more", panel.lines.len() - shown), room),
            theme.dim,
        ));
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
