//! The whole screen: lays the panes out and draws each one from an [`App`] and
//! the [`View`]. The helpers the panes share are in [`super::widgets`].
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
use ratatui::widgets::Block;

use super::view::View;
use super::{panes, widgets};
use crate::app::App;

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
    let left_width = left_width(main.width, app);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(0)]).areas(main);

    let roster_rows = u16::try_from(app.meeting.roster.len()).unwrap_or(u16::MAX);
    let roster_height = roster_rows
        .saturating_add(2)
        .clamp(3, (left.height * 2 / 5).max(3));
    let [agenda_area, roster_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(roster_height)]).areas(left);
    // One more line while the timer proposes what to defer.
    let timer_height =
        TIMER_HEIGHT + u16::from(crate::tui::panes::timer::deferral_line(app).is_some());
    let [notes_area, timer_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(timer_height)]).areas(right);
    Areas {
        agenda: agenda_area,
        roster: roster_area,
        notes: notes_area,
        timer: timer_area,
        status,
    }
}

/// The agenda and roster column: two fifths of the screen (at least 24
/// columns, at most 64), or on a wide screen as much as the agenda's titles
/// need, up to half of it — the notes keep the other half.
fn left_width(total: u16, app: &App) -> u16 {
    let base = (total * 2 / 5).clamp(24.min(total), 64);
    if total / 2 <= base {
        return base;
    }
    // The widest of the rows a screen can show (a long agenda is not measured
    // whole on every frame): indent, mark, title, and room for the figures.
    let needed = app
        .visible_rows()
        .iter()
        .take(usize::from(total))
        .filter_map(|path| {
            let item = app.meeting.item(path)?;
            Some(2 * (path.len() - 1) + 4 + widgets::width(&widgets::shown_title(item)) + 14)
        })
        .max()
        .unwrap_or(0)
        + 2;
    u16::try_from(needed)
        .unwrap_or(u16::MAX)
        .clamp(base, total / 2)
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App, view: &View) {
    let theme = &view.theme;
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base), area);
    let areas = layout(area, app);
    panes::agenda::draw(frame, areas.agenda, app, view);
    panes::roster::draw(frame, areas.roster, app, view);
    panes::notes::draw(frame, areas.notes, app, view);
    panes::timer::draw(frame, areas.timer, app, view);
    panes::status::draw(frame, areas.status, app, view);
    panes::not_discussed::draw(frame, areas.notes, app, view);
    panes::panel::draw(frame, areas.notes, view);
    if app.help {
        panes::help::draw(frame, area, view);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::model::{Item, Meeting, Note};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn no_cell_carries_a_control_or_bidi_character_even_in_the_editor() {
        let now = chrono::Utc::now();
        let mut meeting = Meeting::new("t", now);
        let mut item = Item::new("Welcome \u{202e}evil");
        item.notes = vec![Note::new("a \u{1b}]52;c;x\u{7} b \u{2066}c \u{9b}2J")].into();
        meeting.agenda = vec![item].into();
        let mut app = crate::workload::live_app(meeting);
        let view = crate::workload::live_view();
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        for action in [None, Some(Action::EditNotes)] {
            if let Some(action) = action {
                let _ = crate::app::update(&mut app, action, now);
                assert!(app.editor.is_some());
            }
            terminal.draw(|f| draw(f, &app, &view)).unwrap();
            let buffer = terminal.backend().buffer();
            let shown: String = buffer.content.iter().map(|c| c.symbol()).collect();
            assert!(shown.contains("evil") && shown.contains('c'), "{shown}");
            assert!(
                !shown.chars().any(crate::text::is_unsafe),
                "{action:?}: {:?}",
                shown
                    .chars()
                    .filter(|&c| crate::text::is_unsafe(c))
                    .collect::<Vec<_>>()
            );
        }
    }
}
