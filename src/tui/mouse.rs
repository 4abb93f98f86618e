//! The mouse, when the config allows it: a click selects the agenda entry or the
//! person under the pointer (and focuses that pane), a click on the notes opens
//! the editor, the wheel moves the selection in the pane under the pointer, and a
//! click anywhere closes the help. Clicks become ordinary [`Action`]s, so they are
//! journaled and replayed like keys.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::app::{Action, App, Pane};
use crate::tui::draw::Areas;
use crate::tui::widgets::window_start;

/// The row of `rect`'s inside (within its frame) at `y`, if `(x, y)` is inside.
fn inner_row(rect: Rect, x: u16, y: u16) -> Option<usize> {
    let inner = Rect {
        x: rect.x + 1,
        y: rect.y + 1,
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    };
    inner
        .contains(Position { x, y })
        .then(|| usize::from(y - inner.y))
}

/// Whether a mouse event of this kind can mean anything (a left click or the
/// wheel): moves, drags and releases never do.
pub fn acts_on(event: &MouseEvent) -> bool {
    matches!(
        event.kind,
        MouseEventKind::Down(MouseButton::Left)
            | MouseEventKind::ScrollDown
            | MouseEventKind::ScrollUp
    )
}

/// The actions a mouse event means on a screen laid out as `areas`; none when
/// it does not [`acts_on`] anything.
pub fn actions(app: &App, areas: &Areas, event: &MouseEvent) -> Vec<Action> {
    let (x, y) = (event.column, event.row);
    let at = Position { x, y };
    let clicked = matches!(event.kind, MouseEventKind::Down(MouseButton::Left));
    if app.help {
        return if clicked { vec![Action::Help] } else { vec![] };
    }
    if app.prompt.is_some() {
        return vec![];
    }
    let agenda_row = |row: usize| {
        let rows = app.visible_rows();
        let height = usize::from(areas.agenda.height.saturating_sub(2));
        let selected = rows
            .iter()
            .position(|p| *p == app.agenda_cursor)
            .unwrap_or(0);
        let index = window_start(selected, rows.len(), height) + row;
        (index < rows.len())
            .then(|| u16::try_from(index).ok())
            .flatten()
    };
    let roster_row = |row: usize| {
        let len = app.meeting.roster.len();
        let height = usize::from(areas.roster.height.saturating_sub(2));
        let index = window_start(app.roster_cursor.min(len.saturating_sub(1)), len, height) + row;
        (index < len).then(|| u16::try_from(index).ok()).flatten()
    };
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(row) = inner_row(areas.agenda, x, y) {
                agenda_row(row)
                    .map(Action::PickAgendaRow)
                    .into_iter()
                    .collect()
            } else if let Some(row) = inner_row(areas.roster, x, y) {
                roster_row(row)
                    .map(Action::PickPerson)
                    .into_iter()
                    .collect()
            } else if areas.notes.contains(at) && app.editor.is_none() {
                vec![Action::EditNotes]
            } else {
                vec![]
            }
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let step = if event.kind == MouseEventKind::ScrollDown {
                Action::Down
            } else {
                Action::Up
            };
            let (pane, focus) = if areas.agenda.contains(at) {
                (Pane::Agenda, Action::FocusAgenda)
            } else if areas.roster.contains(at) {
                (Pane::Roster, Action::FocusRoster)
            } else {
                return vec![];
            };
            if app.focus == pane && app.editor.is_none() {
                vec![step]
            } else {
                vec![focus, step]
            }
        }
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update;
    use crate::model::{Item, Meeting, Person};
    use crate::tui::draw::layout;
    use chrono::Utc;
    use crossterm::event::KeyModifiers;

    fn app() -> App {
        let mut m = Meeting::new("t", Utc::now());
        m.agenda = (0..100).map(|i| Item::new(format!("item {i}"))).collect();
        m.roster = ["tux", "sjn", "book"]
            .iter()
            .map(|h| Person {
                handle: (*h).into(),
                name: None,
                attendance: Default::default(),
            })
            .collect();
        App::new(m, Utc::now())
    }

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn the_events_left_unlaid_out_are_those_that_mean_nothing_anywhere() {
        let mut app = app();
        let areas = layout(Rect::new(0, 0, 120, 40), &app);
        let kinds = [
            MouseEventKind::Down(MouseButton::Left),
            MouseEventKind::Down(MouseButton::Right),
            MouseEventKind::Down(MouseButton::Middle),
            MouseEventKind::Up(MouseButton::Left),
            MouseEventKind::Drag(MouseButton::Left),
            MouseEventKind::Moved,
            MouseEventKind::ScrollDown,
            MouseEventKind::ScrollUp,
            MouseEventKind::ScrollLeft,
            MouseEventKind::ScrollRight,
        ];
        let mut acting = 0;
        for help in [false, true] {
            app.help = help;
            for kind in kinds {
                for (x, y) in (0..120)
                    .step_by(7)
                    .flat_map(|x| (0..40).step_by(3).map(move |y| (x, y)))
                {
                    let event = mouse(kind, x, y);
                    let means = actions(&app, &areas, &event);
                    assert!(
                        acts_on(&event) || means.is_empty(),
                        "{kind:?} at {x},{y}: {means:?}"
                    );
                    acting += usize::from(!means.is_empty());
                }
            }
        }
        assert!(acting > 0);
    }

    #[test]
    fn clicks_pick_what_is_drawn_under_the_pointer() {
        let mut app = app();
        let areas = layout(Rect::new(0, 0, 120, 40), &app);
        let click = MouseEventKind::Down(MouseButton::Left);
        // The agenda's third row.
        let a = actions(
            &app,
            &areas,
            &mouse(click, areas.agenda.x + 5, areas.agenda.y + 3),
        );
        assert_eq!(a, [Action::PickAgendaRow(2)]);
        // After scrolling far down, the same screen row is a later entry.
        for _ in 0..60 {
            let now = app.now;
            update(&mut app, Action::Down, now);
        }
        let a = actions(
            &app,
            &areas,
            &mouse(click, areas.agenda.x + 5, areas.agenda.y + 1),
        );
        let Action::PickAgendaRow(first) = a[0] else {
            panic!("{a:?}")
        };
        assert!(first > 0);
        let now = app.now;
        update(&mut app, a[0], now);
        assert_eq!(app.agenda_cursor, vec![usize::from(first)]);
        // The roster's second person; the frame itself picks nothing.
        let a = actions(
            &app,
            &areas,
            &mouse(click, areas.roster.x + 3, areas.roster.y + 2),
        );
        assert_eq!(a, [Action::PickPerson(1)]);
        assert!(actions(&app, &areas, &mouse(click, areas.roster.x, areas.roster.y)).is_empty());
        // The notes open the editor.
        let a = actions(
            &app,
            &areas,
            &mouse(click, areas.notes.x + 3, areas.notes.y + 3),
        );
        assert_eq!(a, [Action::EditNotes]);
        // The wheel over the roster focuses it, then moves.
        let a = actions(
            &app,
            &areas,
            &mouse(
                MouseEventKind::ScrollDown,
                areas.roster.x + 3,
                areas.roster.y + 2,
            ),
        );
        assert_eq!(a, [Action::FocusRoster, Action::Down]);
        // With the help open, a click closes it.
        app.help = true;
        let a = actions(&app, &areas, &mouse(click, 1, 1));
        assert_eq!(a, [Action::Help]);
    }
}
