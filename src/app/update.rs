//! [`update`]: the one function that changes the live meeting's state, split by
//! the mode the screen is in (help, a prompt, the notes editor, the agenda and
//! roster commands).

use chrono::{DateTime, Utc};

use super::arrange::Move;
use super::{
    Action, App, Discussion, Effect, Mode, Outcome, Pane, Prompt, PromptKind, next_open_item,
    timing,
};
use crate::model::Attendance;

/// Rows a half-page key moves when the pane's height is not known.
const HALF_PAGE: i16 = 10;

/// Applies `action`, done at `now`, to `app`, and says what it did.
pub fn update(app: &mut App, action: Action, now: DateTime<Utc>) -> Outcome {
    app.now = now;
    app.message = None;
    // A confirmation is the very next action, or nothing.
    let confirming = app.confirming.take();
    app.confirming = confirming.filter(|c| *c == action);
    let (revision, current) = (app.revision, app.current.clone());
    // Typing into the open editor changes the notes being typed and nothing the
    // other panes show; anything else may change anything.
    let typing = app.mode() == Mode::Editor
        && matches!(
            action,
            Action::Type(_)
                | Action::MoveCursor(..)
                | Action::NewLine
                | Action::Indent
                | Action::Outdent
        );
    // Attendance, and moves in the roster, change what the roster pane shows
    // and the status line, nothing else: the other panes are kept.
    let roster_only = match app.mode() {
        Mode::Roster => matches!(
            action,
            Action::Present
                | Action::Regrets
                | Action::Absent
                | Action::ArrivedLate
                | Action::LeftEarly
                | Action::Up
                | Action::Down
        ),
        _ => false,
    };
    let effect = match app.mode() {
        Mode::Help => {
            // Any key closes the help; it does nothing else.
            app.help = false;
            None
        }
        Mode::Prompt => in_prompt(app, action, now),
        Mode::Editor | Mode::Agenda | Mode::Roster => command(app, action, now),
    };
    // The roster pane is told apart by what it shows (see `tui::shown`).
    let kept =
        (roster_only && app.mode() == Mode::Roster) || (typing && app.mode() == Mode::Editor);
    if !kept {
        app.generation = super::fresh_generation();
    }
    Outcome {
        changed: app.revision != revision || app.current != current,
        effect,
    }
}

/// A key while a prompt asks for a line of text.
fn in_prompt(app: &mut App, action: Action, now: DateTime<Utc>) -> Option<Effect> {
    let searching = app.prompt.as_ref().map(|p| p.kind) == Some(PromptKind::Search);
    match action {
        Action::Confirm => {
            if searching && let Some(prompt) = &app.prompt {
                let words = prompt.text().trim().to_string();
                if !words.is_empty() {
                    app.last_search = Some(words);
                }
            }
            app.confirm_prompt();
        }
        Action::Cancel => {
            // A search given up puts the selection back where it was.
            if let Some(prompt) = app.prompt.take()
                && prompt.kind == PromptKind::Search
                && app.meeting.item(&prompt.origin).is_some()
            {
                app.agenda_cursor = prompt.origin;
            }
        }
        // Quitting is safe from anywhere, and no typed word is lost: a title
        // or handle being typed is taken as if Enter had been pressed (a
        // search is only a way to move).
        Action::Quit => {
            if searching {
                app.prompt = None;
            } else {
                app.confirm_prompt();
            }
            return command(app, action, now);
        }
        Action::SearchNext | Action::SearchPrev if searching => {
            let words = app.prompt.as_ref().map(|p| p.text().to_string());
            if let Some(words) = words {
                let start = app.agenda_cursor.clone();
                app.find(&words, &start, true, action == Action::SearchNext);
            }
        }
        Action::Type(key) => {
            let Some(prompt) = &mut app.prompt else {
                return None;
            };
            // Searching is incremental: each change of the words selects the
            // first title with them, from where the search began.
            if prompt.type_key(key) && prompt.kind == PromptKind::Search {
                let (words, origin) = (prompt.text().to_string(), prompt.origin.clone());
                if !app.find(&words, &origin, false, true) && words.trim().is_empty() {
                    app.agenda_cursor = origin;
                }
            }
        }
        _ => {}
    }
    None
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
        // The panes take turns; the notes editor is opened with its own key
        // (Enter), never by passing through: a Tab there indents.
        Action::NextPane | Action::PrevPane => {
            app.close_editor();
            app.focus = match app.focus {
                Pane::Agenda => Pane::Roster,
                Pane::Roster | Pane::Notes => Pane::Agenda,
            };
        }
        Action::Up => app.step_selection(false),
        Action::Down => app.step_selection(true),
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
        Action::CycleBox => app.cycle_box(),
        Action::MoveItemUp => app.move_item(Move::Up),
        Action::MoveItemDown => app.move_item(Move::Down),
        Action::IndentItem => app.move_item(Move::In),
        Action::OutdentItem => app.move_item(Move::Out),
        Action::ToggleNumbered => app.toggle_numbered(),
        Action::Search => {
            app.close_editor();
            app.focus = Pane::Agenda;
            app.open_search();
        }
        Action::SearchNext => app.search_again(true),
        Action::SearchPrev => app.search_again(false),
        // The terminal layer turns these into `MoveRows` with the pane's height;
        // alone (a test, a replay of an old journal) they move by a typical half page.
        Action::HalfPageDown => app.move_rows(HALF_PAGE),
        Action::HalfPageUp => app.move_rows(-HALF_PAGE),
        Action::MoveRows(rows) => app.move_rows(rows),
        Action::ToggleCheck => {
            let path = app.agenda_cursor.clone();
            let item = app.meeting.item_mut(&path)?;
            let done = item.checked != Some(true);
            // Only this item gets a box: its siblings' lines stay as written (an
            // item without a box is kept by the next agenda anyway).
            item.checked = Some(done);
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
        // Ending stops the item timer and writes the end time: one stray key
        // must not do it.
        Action::EndMeeting if app.confirming != Some(action) => {
            app.confirming = Some(action);
            app.message = Some("End the meeting now? E again to end it".into());
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
            app.offer_not_discussed(true);
        }
        Action::NotDiscussed => app.offer_not_discussed(false),
        Action::CycleAgendaView => {
            app.close_editor();
            app.focus = Pane::Agenda;
            app.cycle_agenda_view();
        }
        // One press: it is a change like any other, which `u` takes back.
        Action::FixMinutes => {
            if !app.meeting.lint_fixes {
                app.meeting.lint_fixes = true;
                app.changed();
            }
            app.message = Some("The safe lint fixes are applied to the minutes".into());
            return Some(Effect::FixMinutes);
        }
        Action::Publish => {
            app.close_editor();
            return Some(Effect::Publish);
        }
        Action::Ticket => {
            if app.selected_item().is_none() {
                app.message = Some("The agenda is empty: no item to make a ticket of".into());
                return None;
            }
            return Some(Effect::Ticket);
        }
        Action::AddItemAfter => app.prompt = Some(Prompt::new(PromptKind::ItemAfter, "")),
        Action::AddItemBefore => app.prompt = Some(Prompt::new(PromptKind::ItemBefore, "")),
        Action::AddSubItem => {
            if app.selected_item().is_some() {
                app.prompt = Some(Prompt::new(PromptKind::SubItem, ""));
            }
        }
        Action::SetAllowance => {
            if let Some(item) = app.selected_item() {
                let minutes = item.minutes.map(|m| m.to_string()).unwrap_or_default();
                app.prompt = Some(Prompt::new(PromptKind::Allowance, &minutes));
            }
        }
        Action::RenameItem => {
            if let Some(item) = app.selected_item() {
                app.prompt = Some(Prompt::new(PromptKind::Rename, &item.title));
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
        Action::AddPerson => app.prompt = Some(Prompt::new(PromptKind::Person, "")),
        Action::SetFrontMatter => app.prompt = Some(Prompt::new(PromptKind::FrontMatter, "")),
        Action::SetDate => {
            let today = app.meeting.meeting_time.format("%Y-%m-%d").to_string();
            app.prompt = Some(Prompt::new(PromptKind::Date, &today));
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
        // Someone else's edit is thrown away only when asked twice.
        Action::OverwriteMinutes if app.confirming != Some(action) => {
            app.confirming = Some(action);
            app.message = Some(
                "Write scribe's minutes over the file, losing the other edit? Again to do it"
                    .into(),
            );
        }
        Action::OverwriteMinutes => {
            app.confirming = None;
            app.message = Some("Writing scribe's minutes over the changed file".into());
            return Some(Effect::OverwriteMinutes);
        }
        Action::Confirm | Action::Cancel => {}
    }
    None
}
