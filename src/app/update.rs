//! [`update`]: the one function that changes the live meeting's state, split by
//! the mode the screen is in (help, a prompt, the notes editor, the agenda and
//! roster commands).

use chrono::{DateTime, Utc};

use super::{
    Action, App, Discussion, Effect, KeyCode, Mode, Outcome, Pane, Prompt, PromptKind,
    next_open_item, timing,
};
use crate::model::Attendance;

/// Applies `action`, done at `now`, to `app`, and says what it did.
pub fn update(app: &mut App, action: Action, now: DateTime<Utc>) -> Outcome {
    app.now = now;
    app.message = None;
    // A confirmation is the very next action, or nothing.
    let confirming = app.confirming.take();
    app.confirming = confirming.filter(|c| *c == action);
    let (revision, current) = (app.revision, app.current.clone());
    let effect = match app.mode() {
        Mode::Help => {
            // Any key closes the help; it does nothing else.
            app.help = false;
            None
        }
        Mode::Prompt => {
            in_prompt(app, action);
            None
        }
        Mode::Editor | Mode::Agenda | Mode::Roster => command(app, action, now),
    };
    Outcome {
        changed: app.revision != revision || app.current != current,
        effect,
    }
}

/// A key while a prompt asks for a line of text.
fn in_prompt(app: &mut App, action: Action) {
    match action {
        Action::Confirm => app.confirm_prompt(),
        Action::Cancel => app.prompt = None,
        Action::Type(key) => {
            if let Some(prompt) = &mut app.prompt {
                match key.code {
                    KeyCode::Char(c) if !key.ctrl && !key.alt => prompt.text.push(c),
                    KeyCode::Backspace => {
                        prompt.text.pop();
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// A named action (or, in the editor, a typed key): what it does to the meeting,
/// the selection and the panes.
fn command(app: &mut App, action: Action, now: DateTime<Utc>) -> Option<Effect> {
    match action {
        Action::Help => app.help = true,
        Action::Quit => {
            app.close_editor();
            app.stop_discussion(now);
            return Some(Effect::Quit);
        }
        Action::NextPane => match app.focus {
            Pane::Agenda => app.focus = Pane::Roster,
            Pane::Roster => app.open_editor(),
            Pane::Notes => app.close_editor(),
        },
        Action::PrevPane => match app.focus {
            Pane::Agenda => app.open_editor(),
            Pane::Roster => app.focus = Pane::Agenda,
            Pane::Notes => {
                app.close_editor();
                app.focus = Pane::Roster;
            }
        },
        Action::Up => app.move_selection(|i, _| i.saturating_sub(1)),
        Action::Down => app.move_selection(|i, _| i + 1),
        Action::Top => app.move_selection(|_, _| 0),
        Action::Bottom => app.move_selection(|_, len| len.saturating_sub(1)),
        Action::NextSection => {
            if let Some(&section) = app.agenda_cursor.first()
                && section + 1 < app.meeting.agenda.len()
            {
                app.agenda_cursor = vec![section + 1];
            }
        }
        Action::PrevSection => {
            if let Some(&section) = app.agenda_cursor.first() {
                app.agenda_cursor = if app.agenda_cursor.len() > 1 {
                    vec![section]
                } else {
                    vec![section.saturating_sub(1)]
                };
            }
        }
        Action::Collapse => {
            let path = app.agenda_cursor.clone();
            let has_children = app.selected_item().is_some_and(|i| !i.items.is_empty());
            if has_children && !app.collapsed.contains(&path) {
                app.collapsed.insert(path);
            } else if path.len() > 1 {
                app.agenda_cursor.pop();
            }
        }
        Action::Expand => {
            app.collapsed.remove(&app.agenda_cursor);
        }
        Action::ToggleCheck
            if app.sections_unboxed
                && (app.agenda_cursor.len() == 1
                    || app.selected_item().is_some_and(|i| i.heading.is_some())) =>
        {
            app.message =
                Some("A section heading has no checkbox in this document: check its items".into());
        }
        Action::ToggleCheck => {
            let path = app.agenda_cursor.clone();
            let item = app.meeting.item_mut(&path)?;
            let done = item.checked != Some(true);
            let had_box = item.checked.is_some();
            item.checked = Some(done);
            // Checking an item of a list without boxes gives the list boxes: its
            // other items are open (`[ ]`), not information (see `corpus/README.md`).
            if let (false, [parent @ .., _]) = (had_box, path.as_slice())
                && !parent.is_empty()
                && let Some(list) = app.meeting.item_mut(parent).map(|p| &mut p.items)
                && list.iter().filter(|i| i.checked.is_some()).count() == 1
            {
                for sibling in list.iter_mut().filter(|i| i.checked.is_none()) {
                    sibling.checked = Some(false);
                }
            }
            app.changed();
            // Checking off the item being discussed walks the agenda: the next open
            // item is discussed now, and selected.
            if done && app.current.as_ref().is_some_and(|d| d.path == path) {
                app.stop_discussion(now);
                if let Some(next) = next_open_item(&app.meeting, &path) {
                    for depth in 1..next.len() {
                        app.collapsed.remove(&next[..depth]);
                    }
                    app.agenda_cursor = next.clone();
                    app.current = Some(Discussion {
                        path: next,
                        since: now,
                    });
                }
            }
        }
        Action::EditNotes => app.open_editor(),
        Action::LeaveEditor => app.close_editor(),
        Action::DiscussNow => {
            let path = app.agenda_cursor.clone();
            let was = app.current.as_ref().map(|d| d.path.clone());
            app.stop_discussion(now);
            if was.as_ref() != Some(&path) && app.meeting.item(&path).is_some() {
                app.current = Some(Discussion { path, since: now });
            }
        }
        // A recorded time is replaced only when asked twice in a row: a stray
        // Shift-s late in the meeting must not lose the real start.
        Action::StartMeeting
            if app.meeting.actual.start.is_some() && app.confirming != Some(action) =>
        {
            app.confirming = Some(action);
            app.message = Some(format!(
                "The meeting started at {} UTC; S again to start it now",
                app.meeting.actual.start.unwrap_or(now).format("%H:%M")
            ));
        }
        // An old agenda (or one for a later day) is started only when asked
        // twice: its headings would get today's time under another day's.
        Action::StartMeeting
            if timing::dated_another_day(&app.meeting, now) && app.confirming != Some(action) =>
        {
            app.confirming = Some(action);
            app.message = Some(format!(
                "This meeting is dated {}, not today; S again to start it now",
                app.meeting.meeting_time.format("%Y-%m-%d"),
            ));
        }
        Action::EndMeeting
            if app.meeting.actual.end.is_some() && app.confirming != Some(action) =>
        {
            app.confirming = Some(action);
            app.message = Some(format!(
                "The meeting ended at {} UTC; E again to end it now",
                app.meeting.actual.end.unwrap_or(now).format("%H:%M")
            ));
        }
        Action::StartMeeting => {
            app.confirming = None;
            app.meeting.actual.start = Some(now);
            if app.meeting.actual.end.is_some_and(|end| end <= now) {
                app.meeting.actual.end = None;
            }
            app.message = Some(format!("Meeting started at {} UTC", now.format("%H:%M")));
            app.changed();
        }
        Action::EndMeeting => {
            app.confirming = None;
            app.stop_discussion(now);
            app.meeting.actual.end = Some(now);
            app.message = Some(format!("Meeting ended at {} UTC", now.format("%H:%M")));
            app.changed();
        }
        Action::AddItemAfter => {
            app.prompt = Some(Prompt {
                kind: PromptKind::ItemAfter,
                text: String::new(),
            })
        }
        Action::AddSubItem => {
            if app.selected_item().is_some() {
                app.prompt = Some(Prompt {
                    kind: PromptKind::SubItem,
                    text: String::new(),
                });
            }
        }
        Action::SetAllowance => {
            if let Some(item) = app.selected_item() {
                app.prompt = Some(Prompt {
                    kind: PromptKind::Allowance,
                    text: item.minutes.map(|m| m.to_string()).unwrap_or_default(),
                });
            }
        }
        Action::RenameItem => {
            if let Some(item) = app.selected_item() {
                app.prompt = Some(Prompt {
                    kind: PromptKind::Rename,
                    text: item.title.clone(),
                });
            }
        }
        Action::DeleteItem if app.selected_item().is_some() && app.confirming != Some(action) => {
            app.confirming = Some(action);
            let title = app
                .selected_item()
                .map_or(String::new(), |i| i.title.clone());
            app.message = Some(format!(
                "Delete “{title}” and all under it? D again to delete"
            ));
        }
        Action::DeleteItem => {
            app.confirming = None;
            app.delete_selected(now);
        }
        Action::AddPerson => {
            app.prompt = Some(Prompt {
                kind: PromptKind::Person,
                text: String::new(),
            })
        }
        Action::CycleState => {
            let next = match app.selected_person().map(|p| p.attendance) {
                Some(Attendance::Expected) => Attendance::Present,
                Some(Attendance::Present) => Attendance::Regrets,
                Some(Attendance::Regrets) => Attendance::Absent,
                Some(Attendance::Absent) => Attendance::Expected,
                Some(Attendance::ArrivedLate { .. } | Attendance::LeftEarly { .. }) => {
                    Attendance::Present
                }
                None => Attendance::Present,
            };
            app.set_attendance(next);
        }
        Action::ToggleChair => app.toggle_role(|m| &mut m.chairs, "chair"),
        Action::ToggleSecretary => app.toggle_role(|m| &mut m.secretary, "secretary"),
        Action::ToggleNextChair => {
            app.toggle_role(|m| &mut m.next.chairs, "the next meeting's chair")
        }
        Action::ToggleNextSecretary => {
            app.toggle_role(|m| &mut m.next.secretary, "the next meeting's secretary")
        }
        Action::Present => app.set_attendance(Attendance::Present),
        Action::Regrets => app.set_attendance(Attendance::Regrets),
        Action::Absent => app.set_attendance(Attendance::Absent),
        Action::ArrivedLate => app.set_attendance(Attendance::ArrivedLate { at: Some(now) }),
        Action::LeftEarly => app.set_attendance(Attendance::LeftEarly { at: Some(now) }),
        Action::Indent
        | Action::Outdent
        | Action::NewLine
        | Action::CycleNoteCheck
        | Action::ToggleDecision
        | Action::MoveCursor(..)
        | Action::Type(_) => app.edit(action),
        Action::FocusAgenda => {
            app.close_editor();
            app.focus = Pane::Agenda;
        }
        Action::FocusRoster => {
            app.close_editor();
            app.focus = Pane::Roster;
        }
        Action::PickAgendaRow(row) => {
            app.close_editor();
            app.focus = Pane::Agenda;
            if let Some(path) = app.visible_rows().get(usize::from(row)) {
                app.agenda_cursor = path.clone();
            }
        }
        Action::PickPerson(row) => {
            app.close_editor();
            app.focus = Pane::Roster;
            if usize::from(row) < app.meeting.roster.len() {
                app.roster_cursor = usize::from(row);
            }
        }
        // Undo and redo rebuild the state from the journal's history (see
        // `crate::services::session`), and the writer takes the file back: they
        // change nothing here.
        // In the editor they are keys like any other, which do nothing.
        Action::Undo | Action::Redo | Action::OverwriteMinutes if app.editor.is_some() => {}
        Action::Undo => return Some(Effect::Undo),
        Action::Redo => return Some(Effect::Redo),
        Action::OverwriteMinutes => {
            app.message = Some("Writing scribe's minutes over the changed file".into());
            return Some(Effect::OverwriteMinutes);
        }
        Action::Confirm | Action::Cancel => {}
    }
    None
}
