//! Terminal keys to scribe's [`Key`]s: the one place that knows crossterm's key
//! events. Everything below the terminal layer names keys only as scribe does.
//! Keys whose effect depends on the screen (half a page) are turned here into
//! actions that do not.

use ratatui::layout::Rect;

use crate::app::{Action, App, Key, KeyCode, Pane};

/// Converts a crossterm key event; `None` for keys scribe has no name for.
pub fn from_crossterm(event: &crossterm::event::KeyEvent) -> Option<Key> {
    use crossterm::event::{KeyCode as C, KeyModifiers as M};
    let code = match event.code {
        C::Char(c) => KeyCode::Char(c),
        C::F(n) => KeyCode::F(n),
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Backspace => KeyCode::Backspace,
        C::Delete => KeyCode::Delete,
        C::Insert => KeyCode::Insert,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        _ => return None,
    };
    Some(
        Key {
            code,
            ctrl: event.modifiers.contains(M::CONTROL),
            alt: event.modifiers.contains(M::ALT),
            shift: event.modifiers.contains(M::SHIFT),
        }
        .normalised(),
    )
}

/// A half-page key as the rows it moves, half the height of the focused list
/// on this screen (the journal keeps the rows: a replay has no screen).
pub fn paged(action: Action, app: &App, screen: Rect) -> Action {
    let sign = match action {
        Action::HalfPageDown => 1,
        Action::HalfPageUp => -1,
        _ => return action,
    };
    let areas = super::draw::layout(screen, app);
    let pane = if app.focus == Pane::Roster {
        areas.roster
    } else {
        areas.agenda
    };
    let rows = i16::try_from(pane.height.saturating_sub(2) / 2)
        .unwrap_or(i16::MAX)
        .max(1);
    Action::MoveRows(sign * rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_a_page_is_half_the_focused_list_on_this_screen() {
        use crate::model::{Item, Meeting};
        let mut meeting = Meeting::new("t", chrono::Utc::now());
        meeting.agenda = (0..100).map(|i| Item::new(format!("item {i}"))).collect();
        let mut app = App::new(meeting, chrono::Utc::now());
        let screen = Rect::new(0, 0, 120, 40);
        let areas = super::super::draw::layout(screen, &app);
        let half = i16::try_from((areas.agenda.height - 2) / 2).unwrap();
        assert!(half > 5, "{half}");
        assert_eq!(
            paged(Action::HalfPageDown, &app, screen),
            Action::MoveRows(half)
        );
        assert_eq!(
            paged(Action::HalfPageUp, &app, screen),
            Action::MoveRows(-half)
        );
        // A smaller screen, a smaller half; other actions pass unchanged.
        let small = paged(Action::HalfPageDown, &app, Rect::new(0, 0, 80, 12));
        assert!(
            matches!(small, Action::MoveRows(n) if n > 0 && n < half),
            "{small:?}"
        );
        assert_eq!(paged(Action::Down, &app, screen), Action::Down);
        // In the roster, the roster's height.
        app.focus = Pane::Roster;
        assert_eq!(
            paged(Action::HalfPageDown, &app, screen),
            Action::MoveRows(
                i16::try_from((areas.roster.height.max(3) - 2) / 2)
                    .unwrap()
                    .max(1)
            )
        );
    }

    #[test]
    fn crossterm_shifted_letters_match_the_capital() {
        use crossterm::event::{KeyCode as C, KeyEvent, KeyModifiers as M};
        let ev = KeyEvent::new(C::Char('S'), M::SHIFT);
        assert_eq!(from_crossterm(&ev), Some(Key::char('S')));
        let ev = KeyEvent::new(C::BackTab, M::SHIFT);
        assert_eq!(from_crossterm(&ev), Some(Key::plain(KeyCode::BackTab)));
    }
}
