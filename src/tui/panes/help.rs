//! The help overlay, made from the keymap in force: every context's actions with
//! their keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::{App, Key};
use crate::keymap::Context;
use crate::tui::draw::Theme;

/// The help text's lines.
pub fn lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let heading = Style::default().add_modifier(Modifier::BOLD);
    let key_style = theme.fg(Color::Cyan);
    let mut out = Vec::new();
    for context in Context::ALL {
        let groups = app.view.keymap.grouped(context);
        if groups.is_empty() {
            continue;
        }
        let title = match context {
            Context::Global => "Everywhere (outside the editor)",
            Context::Agenda => "Agenda",
            Context::Roster => "Roster",
            Context::Editor => "Notes editor (other keys are typed)",
            Context::Prompt => "Prompts",
        };
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(title, heading));
        for (action, keys) in groups {
            let keys: Vec<String> = keys.iter().map(Key::to_string).collect();
            out.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys.join(" ")), key_style),
                Span::raw(action.describe()),
            ]));
        }
    }
    out
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: Theme) {
    let block = theme
        .block(true)
        .title(" Keys — any key closes ")
        .title_bottom(Line::raw(format!(
            " keymap: {} ",
            app.view.keymap.sources.join(" + ")
        )));
    let lines = lines(app, theme);
    // Two columns when the overlay is wide enough, so everything fits on 80×24.
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if inner.width >= 60 && lines.len() > usize::from(inner.height) {
        let half = inner.width / 2;
        let split = split_at_section(&lines, usize::from(inner.height));
        let (a, b) = lines.split_at(split);
        frame.render_widget(
            Paragraph::new(a.to_vec()),
            Rect {
                width: half,
                ..inner
            },
        );
        frame.render_widget(
            Paragraph::new(b.to_vec()),
            Rect {
                x: inner.x + half,
                width: inner.width - half,
                ..inner
            },
        );
    } else {
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}

/// Where to break the help into two columns: at a section start near the middle.
fn split_at_section(lines: &[Line<'_>], height: usize) -> usize {
    let middle = lines.len().div_ceil(2);
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.spans.is_empty() || l.width() == 0)
        .map(|(i, _)| i + 1)
        .collect();
    starts
        .into_iter()
        .filter(|&i| i <= height)
        .min_by_key(|&i| i.abs_diff(middle))
        .unwrap_or(middle.min(lines.len()))
}
