//! Tests of `update`, one or more per action, on a small meeting.

use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::model::Note;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

const T0: &str = "2024-05-15T17:00:00Z";

fn meeting() -> Meeting {
    let mut m = Meeting::new("Minutes 2024-05-15", at(T0));
    let mut welcome = Item::new("Welcome");
    welcome.minutes = Some(2);
    let mut ops = Item::new("Operating changes");
    let mut cna = Item::new("CNA progress update");
    cna.owners = vec!["timlegge".into()];
    cna.minutes = Some(10);
    let mut list = Item::new("Mailing list purpose");
    list.checked = Some(false);
    ops.items = vec![cna, list].into();
    m.agenda = vec![welcome, ops, Item::new("Upcoming events")].into();
    m.roster = ["tux", "sjn", "timlegge", "tinita"]
        .iter()
        .map(|h| Person {
            handle: (*h).into(),
            name: None,
            attendance: Attendance::Expected,
        })
        .collect();
    m
}

fn app() -> App {
    App::new(meeting(), at(T0))
}

/// Applies actions one second apart from `T0`; returns the effects asked for.
fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for action in actions {
        let now = app.now + Duration::seconds(1);
        effects.extend(update(app, *action, now).effect);
    }
    effects
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(|c| Action::Type(Key::char(c))).collect()
}

fn lines(app: &App) -> Vec<String> {
    app.editor.as_ref().unwrap().textarea.lines().to_vec()
}

#[test]
fn tab_moves_between_agenda_and_roster_and_never_into_the_editor() {
    let mut app = app();
    run(&mut app, &[Action::NextPane]);
    assert_eq!(app.focus, Pane::Roster);
    run(&mut app, &[Action::NextPane]);
    assert_eq!((app.focus, app.editor.is_none()), (Pane::Agenda, true));
    run(&mut app, &[Action::PrevPane]);
    assert_eq!((app.focus, app.editor.is_none()), (Pane::Roster, true));
    run(&mut app, &[Action::PrevPane]);
    assert_eq!(app.focus, Pane::Agenda);
    // Enter edits; in the editor Tab indents (the keymap's Tab there is
    // `indent`), and Esc leaves with the notes kept.
    run(&mut app, &[Action::EditNotes]);
    assert_eq!(app.focus, Pane::Notes);
    run(&mut app, &typed("x"));
    run(&mut app, &[Action::Indent]);
    assert_eq!(lines(&app), ["  - x"]);
    run(&mut app, &[Action::LeaveEditor]);
    assert_eq!((app.focus, app.editor.is_none()), (Pane::Agenda, true));
    assert_eq!(app.meeting.agenda[0].notes[0].text, "x");
    // A pane key from the editor leaves it too, with the notes kept.
    run(&mut app, &[Action::EditNotes, Action::NextPane]);
    assert_eq!((app.focus, app.editor.is_none()), (Pane::Roster, true));
}

#[test]
fn up_down_top_bottom_walk_the_visible_tree_and_the_roster() {
    let mut app = app();
    run(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(app.agenda_cursor, vec![1, 0]);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.agenda_cursor, vec![2]);
    run(&mut app, &[Action::Down]);
    assert_eq!(app.agenda_cursor, vec![2], "stays on the last row");
    run(&mut app, &[Action::Up]);
    assert_eq!(app.agenda_cursor, vec![1, 1]);
    run(&mut app, &[Action::Top, Action::Up]);
    assert_eq!(app.agenda_cursor, vec![0]);

    run(&mut app, &[Action::NextPane, Action::Down, Action::Down]);
    assert_eq!(app.roster_cursor, 2);
    assert_eq!(app.agenda_cursor, vec![0], "the agenda does not move");
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.roster_cursor, 3);
    run(&mut app, &[Action::Top]);
    assert_eq!(app.roster_cursor, 0);
}

#[test]
fn next_and_previous_section_jump_over_items() {
    let mut app = app();
    run(&mut app, &[Action::NextSection]);
    assert_eq!(app.agenda_cursor, vec![1]);
    run(&mut app, &[Action::Down, Action::Down, Action::PrevSection]);
    assert_eq!(app.agenda_cursor, vec![1], "first to the section's start");
    run(&mut app, &[Action::PrevSection, Action::PrevSection]);
    assert_eq!(app.agenda_cursor, vec![0]);
    run(
        &mut app,
        &[
            Action::NextSection,
            Action::NextSection,
            Action::NextSection,
        ],
    );
    assert_eq!(app.agenda_cursor, vec![2], "stays on the last section");
}

#[test]
fn picking_rows_and_panes_selects_and_focuses() {
    let mut app = app();
    run(&mut app, &[Action::EditNotes]);
    run(&mut app, &typed("kept"));
    run(&mut app, &[Action::PickPerson(2)]);
    assert_eq!((app.focus, app.roster_cursor), (Pane::Roster, 2));
    assert!(app.editor.is_none(), "the editor closes, notes kept");
    assert_eq!(app.meeting.agenda[0].notes[0].text, "kept");
    run(
        &mut app,
        &[Action::PickAgendaRow(3), Action::PickPerson(99)],
    );
    assert_eq!(app.agenda_cursor, vec![1, 1]);
    assert_eq!(app.roster_cursor, 2, "a row past the end selects nothing");
    run(&mut app, &[Action::FocusAgenda]);
    assert_eq!(app.focus, Pane::Agenda);
    run(&mut app, &[Action::FocusRoster]);
    assert_eq!(app.focus, Pane::Roster);
    run(&mut app, &[Action::PickAgendaRow(99)]);
    assert_eq!(
        (app.focus, app.agenda_cursor.clone()),
        (Pane::Agenda, vec![1, 1])
    );
}

#[test]
fn collapse_hides_sub_items_and_expand_shows_them() {
    let mut app = app();
    run(&mut app, &[Action::Down, Action::Collapse]);
    assert_eq!(app.visible_rows(), [vec![0], vec![1], vec![2]]);
    run(&mut app, &[Action::Down]);
    assert_eq!(app.agenda_cursor, vec![2]);
    run(&mut app, &[Action::Up, Action::Expand, Action::Down]);
    assert_eq!(app.agenda_cursor, vec![1, 0]);
    // On a leaf, collapse goes to the parent.
    run(&mut app, &[Action::Collapse]);
    assert_eq!(app.agenda_cursor, vec![1]);
    assert!(!app.collapsed.contains(&vec![1]));
}

#[test]
fn checking_the_item_discussed_now_moves_on_to_the_next_open_item() {
    let mut app = app();
    update(&mut app, Action::DiscussNow, at("2024-05-15T17:00:00Z"));
    update(&mut app, Action::ToggleCheck, at("2024-05-15T17:02:00Z"));
    assert_eq!(app.meeting.agenda[0].spent_seconds, 120);
    // "Operating changes" has no allowance of its own: its first item is next.
    assert_eq!(app.agenda_cursor, vec![1, 0]);
    assert_eq!(
        app.current,
        Some(Discussion {
            path: vec![1, 0],
            since: at("2024-05-15T17:02:00Z")
        })
    );
    // "Mailing list purpose" is already checked: skipped.
    update(&mut app, Action::Up, at("2024-05-15T17:03:00Z"));
    update(&mut app, Action::Down, at("2024-05-15T17:03:00Z"));
    app.meeting.agenda[1].items[1].checked = Some(true);
    update(&mut app, Action::ToggleCheck, at("2024-05-15T17:10:00Z"));
    assert_eq!(app.agenda_cursor, vec![2]);
    // The last one: the timer stops.
    update(&mut app, Action::ToggleCheck, at("2024-05-15T17:15:00Z"));
    assert_eq!(app.current, None);
    assert_eq!(app.meeting.agenda[2].spent_seconds, 300);
    // Checking an item not being discussed moves nothing.
    update(&mut app, Action::Top, at("2024-05-15T17:15:00Z"));
    update(&mut app, Action::ToggleCheck, at("2024-05-15T17:15:00Z"));
    assert_eq!(app.agenda_cursor, vec![0]);
}

#[test]
fn toggle_check_checks_and_unchecks_and_counts_as_a_change() {
    let mut app = app();
    run(&mut app, &[Action::ToggleCheck]);
    assert_eq!(app.meeting.agenda[0].checked, Some(true));
    assert_eq!(app.revision, 1);
    run(&mut app, &[Action::ToggleCheck]);
    assert_eq!(app.meeting.agenda[0].checked, Some(false));
    assert_eq!(app.revision, 2);
}

#[test]
fn checking_an_item_of_a_list_without_boxes_boxes_that_item_only() {
    let mut app = app();
    let mut section = crate::model::Item::new("Projects");
    section.items = vec![
        crate::model::Item::new("A"),
        crate::model::Item::new("B"),
        crate::model::Item::new("C"),
    ]
    .into();
    app.meeting.agenda.push(section.into());
    let at = app.meeting.agenda.len() - 1;
    let boxes = |app: &App| -> Vec<Option<bool>> {
        app.meeting.agenda[at]
            .items
            .iter()
            .map(|i| i.checked)
            .collect()
    };
    app.agenda_cursor = vec![at, 1];
    run(&mut app, &[Action::ToggleCheck]);
    assert_eq!(boxes(&app), [None, Some(true), None]);
    app.agenda_cursor = vec![at, 0];
    run(&mut app, &[Action::ToggleCheck]);
    assert_eq!(boxes(&app), [Some(true), Some(true), None]);
}

#[test]
fn the_editor_writes_nested_notes_as_they_are_typed() {
    let mut app = app();
    run(&mut app, &[Action::Down, Action::EditNotes]);
    assert_eq!(app.focus, Pane::Notes);
    assert_eq!(lines(&app), ["- "]);
    run(&mut app, &typed("@stigtsp and @timlegge discussed it"));
    // Notes reach the meeting while typing, not only when leaving.
    assert_eq!(
        app.meeting.agenda[1].notes,
        [Note::new("@stigtsp and @timlegge discussed it")]
    );
    run(&mut app, &[Action::NewLine, Action::Indent]);
    run(&mut app, &typed("follow up"));
    run(&mut app, &[Action::NewLine]);
    assert_eq!(lines(&app)[2], "  - ", "a new line keeps the depth");
    run(&mut app, &[Action::Outdent]);
    run(&mut app, &typed("[ ] contact CVE folks"));
    run(&mut app, &[Action::NewLine]);
    assert_eq!(lines(&app)[3], "- [ ] ", "a new line keeps the checkbox");
    run(&mut app, &[Action::Type(Key::plain(KeyCode::Backspace))]);
    run(&mut app, &[Action::LeaveEditor]);
    assert_eq!(app.focus, Pane::Agenda);
    assert!(app.editor.is_none());
    let notes = &app.meeting.agenda[1].notes;
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert_eq!(notes[0].notes, [Note::new("follow up")]);
    assert_eq!(notes[1].text, "contact CVE folks");
    assert_eq!(notes[1].checked, Some(false));
    // The line left as "- [ ]" is an empty to-do.
    assert_eq!(notes[2].checked, Some(false));

    // Opening again shows the same lines.
    run(&mut app, &[Action::EditNotes]);
    assert_eq!(
        lines(&app),
        [
            "- @stigtsp and @timlegge discussed it",
            "  - follow up",
            "- [ ] contact CVE folks",
            "- [ ] ",
            "- "
        ],
        "what is typed goes on a new line after the notes"
    );
    run(&mut app, &typed("new"));
    run(&mut app, &[Action::LeaveEditor]);
    let notes = &app.meeting.agenda[1].notes;
    assert_eq!(notes[2].checked, Some(false), "the last note is untouched");
    assert_eq!(notes[3], Note::new("new"));
}

#[test]
fn indent_completes_handles_and_cycles_through_them() {
    let mut app = app();
    run(&mut app, &[Action::EditNotes]);
    run(&mut app, &typed("@t"));
    assert_eq!(
        app.handle_candidates().unwrap().1,
        ["tux", "timlegge", "tinita"]
    );
    run(&mut app, &[Action::Indent]);
    assert_eq!(lines(&app), ["- @tux"]);
    run(&mut app, &[Action::Indent]);
    assert_eq!(lines(&app), ["- @timlegge"]);
    run(&mut app, &[Action::Indent, Action::Indent]);
    assert_eq!(lines(&app), ["- @tux"], "wraps around");
    run(&mut app, &typed(" says"));
    // Without an @word before the cursor, Indent indents.
    run(&mut app, &[Action::Indent]);
    assert_eq!(lines(&app), ["  - @tux says"]);
    assert_eq!(app.meeting.agenda[0].notes[0].text, "@tux says");
}

#[test]
fn note_checkbox_and_decision_mark_toggle_on_the_line_being_typed() {
    let mut app = app();
    run(&mut app, &[Action::EditNotes]);
    run(&mut app, &typed("vote: unanimous"));
    run(&mut app, &[Action::ToggleDecision]);
    assert_eq!(lines(&app), ["- ⚑ vote: unanimous"]);
    // The cursor stayed at the end of the text: typing goes on there.
    run(&mut app, &typed(" in favor"));
    assert_eq!(lines(&app), ["- ⚑ vote: unanimous in favor"]);
    run(&mut app, &[Action::CycleNoteCheck]);
    assert_eq!(lines(&app), ["- [ ] ⚑ vote: unanimous in favor"]);
    run(&mut app, &[Action::CycleNoteCheck, Action::ToggleDecision]);
    assert_eq!(lines(&app), ["- [x] vote: unanimous in favor"]);
    let note = &app.meeting.agenda[0].notes[0];
    assert_eq!((note.checked, note.decision), (Some(true), false));
    run(&mut app, &[Action::ToggleDecision]);
    assert!(app.meeting.agenda[0].notes[0].decision);
    run(&mut app, &[Action::CycleNoteCheck]);
    assert_eq!(app.meeting.agenda[0].notes[0].checked, None);
    // On an indented line the depth is kept.
    run(
        &mut app,
        &[Action::NewLine, Action::Indent, Action::CycleNoteCheck],
    );
    assert_eq!(lines(&app)[1], "  - [ ] ");
}

#[test]
fn outdent_at_the_left_edge_does_nothing() {
    let mut app = app();
    run(&mut app, &[Action::EditNotes]);
    run(&mut app, &typed("x"));
    run(&mut app, &[Action::Outdent]);
    assert_eq!(lines(&app), ["- x"]);
}

#[test]
fn discuss_now_runs_the_item_timer_and_moves_it() {
    let mut app = app();
    update(&mut app, Action::DiscussNow, at("2024-05-15T17:00:00Z"));
    assert_eq!(app.current.as_ref().unwrap().path, vec![0]);
    update(&mut app, Action::Down, at("2024-05-15T17:01:00Z"));
    update(&mut app, Action::Down, at("2024-05-15T17:01:00Z"));
    update(&mut app, Action::DiscussNow, at("2024-05-15T17:02:30Z"));
    assert_eq!(app.meeting.agenda[0].spent_seconds, 150);
    assert_eq!(app.current.as_ref().unwrap().path, vec![1, 0]);
    // The same item again stops its timer.
    update(&mut app, Action::DiscussNow, at("2024-05-15T17:05:30Z"));
    assert!(app.current.is_none());
    assert_eq!(app.meeting.agenda[1].items[0].spent_seconds, 180);
}

#[test]
fn start_and_end_record_the_actual_times() {
    let mut app = app();
    update(&mut app, Action::DiscussNow, at("2024-05-15T17:03:00Z"));
    update(&mut app, Action::StartMeeting, at("2024-05-15T17:03:00Z"));
    assert_eq!(app.meeting.actual.start, Some(at("2024-05-15T17:03:00Z")));
    // Ending is asked to be confirmed: one E records nothing.
    update(&mut app, Action::EndMeeting, at("2024-05-15T18:06:00Z"));
    assert_eq!(app.meeting.actual.end, None);
    assert!(app.current.is_some());
    assert!(app.message.as_deref().unwrap().contains("E again"));
    update(&mut app, Action::EndMeeting, at("2024-05-15T18:07:00Z"));
    assert_eq!(app.meeting.actual.end, Some(at("2024-05-15T18:07:00Z")));
    assert!(app.current.is_none(), "ending stops the item timer");
    assert_eq!(app.meeting.agenda[0].spent_seconds, 64 * 60);
    // The end asks about the item never discussed; Esc leaves it for later.
    assert_eq!(
        app.prompt.as_ref().map(|p| p.kind),
        Some(PromptKind::NotDiscussed)
    );
    update(&mut app, Action::Cancel, at("2024-05-15T18:08:00Z"));
    // A second E is asked to be confirmed: the recorded end stays.
    update(&mut app, Action::EndMeeting, at("2024-05-15T18:09:00Z"));
    assert_eq!(app.meeting.actual.end, Some(at("2024-05-15T18:07:00Z")));
    assert!(app.message.as_deref().unwrap().contains("E again"));
    // Starting again needs S twice in a row; anything between cancels.
    update(&mut app, Action::StartMeeting, at("2024-05-15T18:10:00Z"));
    update(&mut app, Action::Down, at("2024-05-15T18:10:00Z"));
    update(&mut app, Action::StartMeeting, at("2024-05-15T18:10:00Z"));
    assert_eq!(app.meeting.actual.start, Some(at("2024-05-15T17:03:00Z")));
    update(&mut app, Action::StartMeeting, at("2024-05-15T18:11:00Z"));
    assert_eq!(app.meeting.actual.start, Some(at("2024-05-15T18:11:00Z")));
    // ... and a restart clears an end in the past.
    assert_eq!(app.meeting.actual.end, None);
    assert_eq!(app.confirming, None);
}

#[test]
fn add_item_after_and_sub_item_ask_for_a_title() {
    let mut app = app();
    run(
        &mut app,
        &[Action::Down, Action::Down, Action::AddItemAfter],
    );
    assert_eq!(app.prompt.as_ref().unwrap().kind, PromptKind::ItemAfter);
    // While the prompt is open, keys are typed into it; named actions of the
    // agenda do nothing there.
    run(&mut app, &typed("Test::CVEx"));
    let effects = run(
        &mut app,
        &[
            Action::Type(Key::plain(KeyCode::Backspace)),
            Action::DeleteItem,
            Action::EndMeeting,
        ],
    );
    assert!(effects.is_empty());
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[1].items[1].title, "Test::CVE");
    assert_eq!(app.meeting.agenda[1].items[1].checked, None);
    assert_eq!(app.meeting.agenda[1].items[2].title, "Mailing list purpose");
    assert_eq!(app.agenda_cursor, vec![1, 1]);

    run(&mut app, &[Action::AddSubItem]);
    run(&mut app, &typed("docs"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[1].items[1].items[0].title, "docs");
    assert_eq!(app.agenda_cursor, vec![1, 1, 0]);

    // After a checkbox item, the new item has a checkbox too.
    run(
        &mut app,
        &[Action::Bottom, Action::Up, Action::AddItemAfter],
    );
    run(&mut app, &typed("Securing cpanm"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[1].items[3].checked, Some(false));

    // Cancel and an empty title add nothing.
    let before = app.meeting.clone();
    run(&mut app, &[Action::AddItemAfter]);
    run(&mut app, &typed("nothing"));
    run(
        &mut app,
        &[Action::Cancel, Action::AddItemAfter, Action::Confirm],
    );
    assert_eq!(app.meeting, before);
    assert!(app.prompt.is_none());
}

#[test]
fn rename_asks_with_the_old_title_and_delete_asks_twice() {
    let mut app = app();
    run(&mut app, &[Action::Down, Action::RenameItem]);
    assert_eq!(app.prompt.as_ref().unwrap().text(), "Operating changes");
    run(&mut app, &typed(" (late)"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[1].title, "Operating changes (late)");

    // Delete: the first D only asks; D again deletes the entry and all under it.
    run(
        &mut app,
        &[Action::DiscussNow, Action::Bottom, Action::Collapse],
    );
    run(&mut app, &[Action::Top, Action::Down, Action::DeleteItem]);
    assert_eq!(app.meeting.agenda.len(), 3);
    assert!(app.message.as_deref().unwrap().contains("D again"));
    run(&mut app, &[Action::DeleteItem]);
    assert_eq!(app.meeting.agenda.len(), 2);
    assert_eq!(app.meeting.agenda[1].title, "Upcoming events");
    assert_eq!(app.agenda_cursor, vec![1], "the next entry takes its place");
    assert_eq!(app.current, None, "its timer stopped with it");
    // Something else between the two presses cancels.
    run(
        &mut app,
        &[Action::DeleteItem, Action::Up, Action::DeleteItem],
    );
    assert_eq!(app.meeting.agenda.len(), 2);
    // Deleting the last sub-item selects its parent.
    let mut app2 = self::app();
    run(&mut app2, &[Action::Down, Action::Down, Action::Down]);
    run(&mut app2, &[Action::DeleteItem, Action::DeleteItem]);
    run(
        &mut app2,
        &[
            Action::Up,
            Action::Down,
            Action::DeleteItem,
            Action::DeleteItem,
        ],
    );
    assert!(app2.meeting.agenda[1].items.is_empty());
    assert_eq!(app2.agenda_cursor, vec![1]);
}

#[test]
fn adding_an_item_keeps_folds_and_the_timer_on_their_items() {
    let mut app = app();
    run(
        &mut app,
        &[
            Action::Down,
            Action::Collapse,
            Action::DiscussNow,
            Action::Top,
        ],
    );
    run(&mut app, &[Action::AddItemAfter]);
    run(&mut app, &typed("New section"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[1].title, "New section");
    assert!(app.collapsed.contains(&vec![2]));
    assert_eq!(app.current.as_ref().unwrap().path, vec![2]);
}

#[test]
fn roster_actions_set_attendance_with_times() {
    let mut app = app();
    run(
        &mut app,
        &[
            Action::NextPane,
            Action::Present,
            Action::Down,
            Action::Regrets,
        ],
    );
    run(&mut app, &[Action::Down, Action::Absent, Action::Down]);
    update(&mut app, Action::ArrivedLate, at("2024-05-15T17:12:00Z"));
    let states: Vec<Attendance> = app.meeting.roster.iter().map(|p| p.attendance).collect();
    assert_eq!(
        states,
        [
            Attendance::Present,
            Attendance::Regrets,
            Attendance::Absent,
            Attendance::ArrivedLate {
                at: Some(at("2024-05-15T17:12:00Z"))
            }
        ]
    );
    update(&mut app, Action::LeftEarly, at("2024-05-15T17:50:00Z"));
    assert_eq!(
        app.meeting.roster[3].attendance,
        Attendance::LeftEarly {
            at: Some(at("2024-05-15T17:50:00Z"))
        }
    );
}

#[test]
fn cycle_state_goes_round_the_states() {
    let mut app = app();
    run(&mut app, &[Action::NextPane]);
    let mut seen = Vec::new();
    for _ in 0..4 {
        run(&mut app, &[Action::CycleState]);
        seen.push(app.meeting.roster[0].attendance);
    }
    assert_eq!(
        seen,
        [
            Attendance::Present,
            Attendance::Regrets,
            Attendance::Absent,
            Attendance::Expected
        ]
    );
    run(&mut app, &[Action::ArrivedLate, Action::CycleState]);
    assert_eq!(app.meeting.roster[0].attendance, Attendance::Present);
}

#[test]
fn add_person_adds_a_present_person_or_selects_the_known_one() {
    let mut app = app();
    run(&mut app, &[Action::AddPerson]);
    run(&mut app, &typed("@miyagawa"));
    run(&mut app, &[Action::Confirm]);
    let last = app.meeting.roster.last().unwrap();
    assert_eq!(
        (last.handle.as_str(), last.attendance),
        ("miyagawa", Attendance::Present)
    );
    assert_eq!((app.focus, app.roster_cursor), (Pane::Roster, 4));
    run(&mut app, &[Action::AddPerson]);
    run(&mut app, &typed("SJN"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.roster.len(), 5);
    assert_eq!(app.roster_cursor, 1);
}

#[test]
fn help_opens_and_any_action_only_closes_it() {
    let mut app = app();
    run(&mut app, &[Action::Help]);
    assert!(app.help);
    run(&mut app, &[Action::ToggleCheck]);
    assert!(!app.help);
    assert_eq!(app.meeting.agenda[0].checked, None);
}

#[test]
fn quit_keeps_the_notes_being_typed_and_the_running_timer() {
    let mut app = app();
    update(&mut app, Action::DiscussNow, at("2024-05-15T17:00:00Z"));
    update(&mut app, Action::EditNotes, at("2024-05-15T17:00:00Z"));
    for a in typed("last words") {
        update(&mut app, a, at("2024-05-15T17:00:10Z"));
    }
    let quit = update(&mut app, Action::Quit, at("2024-05-15T17:01:00Z"));
    assert_eq!(quit.effect, Some(Effect::Quit));
    assert_eq!(app.meeting.agenda[0].notes, [Note::new("last words")]);
    assert_eq!(app.meeting.agenda[0].spent_seconds, 60);
}

#[test]
fn actions_on_empty_agenda_and_roster_do_not_panic() {
    let mut app = app();
    app.meeting.agenda.clear();
    app.meeting.roster.clear();
    app.agenda_cursor.clear();
    for action in Action::named() {
        if action != Action::Quit {
            run(&mut app, &[action, Action::Cancel]);
        }
    }
    run(&mut app, &[Action::AddItemAfter]);
    run(&mut app, &typed("First"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[0].title, "First");
    assert_eq!(app.agenda_cursor, vec![0]);
}

#[test]
fn replaying_the_same_actions_at_the_same_times_gives_the_same_meeting() {
    let script: Vec<(DateTime<Utc>, Action)> = [
        Action::NextPane,
        Action::Present,
        Action::Down,
        Action::ArrivedLate,
        Action::PrevPane,
        Action::Down,
        Action::DiscussNow,
        Action::ToggleCheck,
        Action::EditNotes,
        Action::Type(Key::char('h')),
        Action::Type(Key::char('i')),
        Action::NewLine,
        Action::Indent,
        Action::Type(Key::char('@')),
        Action::Type(Key::char('s')),
        Action::Indent,
        Action::LeaveEditor,
        Action::AddSubItem,
        Action::Type(Key::char('x')),
        Action::Type(Key::char(' ')),
        Action::Type(Key::char('y')),
        Action::Type("Home".parse().unwrap()),
        Action::Type(Key::char('w')),
        Action::Type("Ctrl-Right".parse().unwrap()),
        Action::Type("Ctrl-w".parse().unwrap()),
        Action::Confirm,
        Action::MoveItemUp,
        Action::OutdentItem,
        Action::IndentItem,
        Action::CycleBox,
        Action::StartMeeting,
        Action::EndMeeting,
        Action::EndMeeting,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, a)| (at(T0) + Duration::seconds(7 * i as i64), a))
    .collect();
    // Through serialisation, as a journal would store it.
    let stored = yaml_serde::to_string(&script).unwrap();
    let replayed: Vec<(DateTime<Utc>, Action)> = yaml_serde::from_str(&stored).unwrap();
    assert_eq!(replayed, script);

    let mut first = app();
    let mut second = app();
    for (now, action) in &script {
        update(&mut first, *action, *now);
    }
    for (now, action) in &replayed {
        update(&mut second, *action, *now);
    }
    assert_eq!(first.meeting, second.meeting);
    // The journal's own replay (the undo history) goes through the same path.
    let mut history = crate::services::journal::History::default();
    for (at, action) in &script {
        history.push(
            (*at).into(),
            crate::services::session::Step::Action(*action),
        );
    }
    let rebuilt = history.rebuild(app());
    assert_eq!(rebuilt.meeting, first.meeting);
    assert!(history.undo(1));
    let undone = history.rebuild(app());
    assert_eq!(undone.meeting.actual.end, None, "undo takes back the end");
    assert_eq!(undone.meeting.actual.start, first.meeting.actual.start);
    assert_eq!(
        first.meeting.agenda[1].items[0].notes[0].notes[0].text,
        "@sjn"
    );
    assert_ne!(first.meeting, meeting());
}

#[test]
fn chair_and_secretary_toggle_the_selected_person() {
    let mut app = app();
    app.meeting.chairs = vec!["@Tux".into()];
    run(&mut app, &[Action::NextPane, Action::Down]);
    run(&mut app, &[Action::ToggleChair, Action::ToggleSecretary]);
    assert_eq!(app.meeting.chairs, ["@Tux", "sjn"]);
    assert_eq!(app.meeting.secretary, ["sjn"]);
    assert_eq!(app.message.as_deref(), Some("@sjn is secretary"));
    let revision = app.revision;
    // Again: no longer; a handle written with `@` or in another case is the same person.
    run(
        &mut app,
        &[Action::ToggleSecretary, Action::Up, Action::ToggleChair],
    );
    assert!(app.meeting.secretary.is_empty());
    assert_eq!(app.meeting.chairs, ["sjn"]);
    assert_eq!(app.message.as_deref(), Some("@tux is no longer chair"));
    assert_eq!(app.revision, revision + 2);
    // An empty roster: a hint, no change.
    app.meeting.roster.clear();
    run(&mut app, &[Action::ToggleChair]);
    assert_eq!(app.meeting.chairs, ["sjn"]);
    assert!(app.message.unwrap().contains("roster is empty"));
}

#[test]
fn starting_a_meeting_dated_another_day_asks_to_confirm() {
    // The meeting is at 17:00 on 2024-05-15; S on a later day's morning.
    let mut app = app();
    update(&mut app, Action::StartMeeting, at("2024-05-20T10:08:00Z"));
    assert_eq!(app.meeting.actual.start, None);
    assert_eq!(app.revision, 0);
    assert_eq!(
        app.message.as_deref(),
        Some("This meeting is dated 2024-05-15, not today; S again to start it now")
    );
    // Anything in between cancels; S twice in a row starts it.
    update(&mut app, Action::Down, at("2024-05-20T10:08:01Z"));
    update(&mut app, Action::StartMeeting, at("2024-05-20T10:08:02Z"));
    assert_eq!(app.meeting.actual.start, None);
    update(&mut app, Action::StartMeeting, at("2024-05-20T10:08:03Z"));
    assert_eq!(app.meeting.actual.start, Some(at("2024-05-20T10:08:03Z")));
    // Over a recorded start on another day, one confirmation is enough.
    update(&mut app, Action::StartMeeting, at("2024-05-21T09:00:00Z"));
    update(&mut app, Action::StartMeeting, at("2024-05-21T09:00:01Z"));
    assert_eq!(app.meeting.actual.start, Some(at("2024-05-21T09:00:01Z")));

    // The same day, earlier than planned: no question.
    let mut app = super::tests::app();
    update(&mut app, Action::StartMeeting, at("2024-05-15T10:00:00Z"));
    assert_eq!(app.meeting.actual.start, Some(at("2024-05-15T10:00:00Z")));
    // A meeting at 00:10 started during its socializing the evening before:
    // the same meeting, no question.
    let mut app = super::tests::app();
    app.meeting.meeting_time = at("2024-05-16T00:10:00Z");
    update(&mut app, Action::StartMeeting, at("2024-05-15T23:50:00Z"));
    assert_eq!(app.meeting.actual.start, Some(at("2024-05-15T23:50:00Z")));
}

#[test]
fn plain_lines_typed_after_a_plain_line_break_become_note_lines() {
    // Pasting types line breaks as plain Enter (not the new-line action, which
    // adds the dash itself).
    let enter = Action::Type(Key::plain(KeyCode::Enter));
    let mut app = app();
    run(&mut app, &[Action::EditNotes]);
    run(&mut app, &typed("first"));
    run(&mut app, &[enter]);
    run(&mut app, &typed("second"));
    run(&mut app, &[enter]);
    run(&mut app, &typed("  nested plain"));
    run(&mut app, &[enter]);
    run(&mut app, &typed("- own dash"));
    run(&mut app, &[enter]);
    run(&mut app, &typed("[ ] a box"));
    assert_eq!(
        lines(&app),
        [
            "- first",
            "- second",
            "  - nested plain",
            "- own dash",
            "- [ ] a box"
        ]
    );
    // What the editor shows is what the notes are.
    let notes = &app.meeting.agenda[0].notes;
    assert_eq!(
        notes_to_lines_of(notes),
        lines(&app),
        "the editor shows the notes' own lines"
    );
    assert_eq!(notes[3].checked, Some(false));
}

fn notes_to_lines_of(notes: &[Note]) -> Vec<String> {
    super::notes::notes_to_lines(notes)
}

#[test]
fn the_rows_shown_are_walked_in_agenda_order_skipping_what_is_folded() {
    let mut app = app();
    // Written out by hand from `meeting()`: three sections, two items in the second.
    let all: Vec<ItemPath> = vec![vec![0], vec![1], vec![1, 0], vec![1, 1], vec![2]];
    assert_eq!(app.visible_rows(), all);
    assert_eq!(app.row_count_and_index(&[1, 1]), (5, Some(3)));
    assert_eq!(app.row_count_and_index(&[7]), (5, None));
    assert_eq!(app.rows_from(2, 2), vec![vec![1, 0], vec![1, 1]]);
    assert_eq!(app.rows_from(4, 10), vec![vec![2]]);
    assert!(app.rows_from(0, 0).is_empty());
    app.collapsed.insert(vec![1]);
    assert_eq!(app.visible_rows(), vec![vec![0], vec![1], vec![2]]);
    assert_eq!(app.row_count_and_index(&[2]), (3, Some(2)));
    assert_eq!(app.rows_from(1, 5), vec![vec![1], vec![2]]);
    // Moving walks the rows shown.
    app.agenda_cursor = vec![1];
    run(&mut app, &[Action::Down]);
    assert_eq!(app.agenda_cursor, vec![2]);
    run(&mut app, &[Action::Top]);
    assert_eq!(app.agenda_cursor, vec![0]);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.agenda_cursor, vec![2]);
}

#[test]
fn only_typing_into_the_open_editor_keeps_the_generation() {
    let mut app = app();
    let start = app.generation;
    run(&mut app, &[Action::Down]);
    assert_ne!(app.generation, start, "a move renews it");
    run(&mut app, &[Action::EditNotes]);
    let editing = app.generation;
    run(&mut app, &typed("abc"));
    run(&mut app, &[Action::NewLine]);
    assert_eq!(app.generation, editing, "typing keeps it");
    run(&mut app, &[Action::LeaveEditor]);
    assert_ne!(app.generation, editing, "leaving renews it");
    // A copy shows the same, and keeps it.
    assert_eq!(app.clone().generation, app.generation);
    assert_ne!(App::new(meeting(), at(T0)).generation, app.generation);
}

#[test]
fn attendance_and_moves_in_the_roster_keep_the_generation() {
    let mut app = app();
    run(&mut app, &[Action::FocusRoster]);
    for action in [
        Action::Present,
        Action::Down,
        Action::Regrets,
        Action::Up,
        Action::ArrivedLate,
        Action::LeftEarly,
        Action::Absent,
    ] {
        let generation = app.generation;
        let people = app.meeting.roster.clone();
        let cursor = app.roster_cursor;
        run(&mut app, &[action]);
        assert!(
            *app.meeting.roster != *people || app.roster_cursor != cursor,
            "{action:?} changed the roster"
        );
        assert_eq!(app.generation, generation, "{action:?}");
    }
    // The same keys anywhere else, and anything else in the roster, renew it all.
    for (focus, action) in [
        (Action::FocusAgenda, Action::Down),
        (Action::FocusRoster, Action::FocusAgenda),
        (Action::FocusRoster, Action::Help),
    ] {
        run(&mut app, &[focus]);
        let generation = app.generation;
        run(&mut app, &[action]);
        assert_ne!(app.generation, generation, "{action:?}");
    }
}

/// Every entry's path, folded or not, in agenda order (the timing tests' too).
pub(super) fn every_path(items: &[Shared<Item>]) -> Vec<ItemPath> {
    let mut every = Vec::new();
    walk(
        (items, 0),
        &mut Vec::new(),
        &BTreeSet::new(),
        &mut 0,
        &mut |_, path| {
            every.push(path.to_vec());
            true
        },
    );
    every
}

/// The rows found with each section's count kept from frame to frame are the
/// rows found by walking the whole agenda, whatever changed in between: items
/// checked, added or taken away, sections moved, folds made and undone, the
/// view changed, an earlier copy of the meeting back.
#[test]
fn rows_found_with_kept_counts_are_the_rows_walked_afresh() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let step = (0..8u8, any::<prop::sample::Index>(), 0..40usize, 0..12usize);
    // Meetings of one to four times the reference: sections of a few entries
    // and of a dozen, each entry's rows counted.
    let steps = (1..5usize, prop::collection::vec(step, 1..30));
    TestRunner::new(Config::with_cases(300))
        .run(&steps, |(scale, steps)| {
            let mut app = App::new(crate::workload::meeting(scale), at(T0));
            let mut counts = RowCounts::default();
            let mut earlier = app.meeting.clone();
            for (kind, at, first, count) in steps {
                let mut all = Vec::new();
                app.walk_rows(|_, path| {
                    all.push(path.to_vec());
                    true
                });
                let path = at.get(&every_path(&app.meeting.agenda)).clone();
                match kind {
                    0 => {
                        if let Some(item) = app.meeting.item_mut(&path) {
                            item.checked = Some(item.checked != Some(true));
                        }
                    }
                    1 => {
                        if !app.collapsed.remove(&path) {
                            app.collapsed.insert(path.clone());
                        }
                    }
                    2 => {
                        if let Some(item) = app.meeting.item_mut(&path) {
                            item.items.push(Item::new("added").into());
                        }
                    }
                    3 => {
                        let (last, parent) = path.split_last().expect("a path");
                        if !parent.is_empty() {
                            if let Some(item) = app.meeting.item_mut(parent) {
                                item.items.remove(*last);
                            }
                        } else if app.meeting.agenda.len() > 1 {
                            app.meeting.agenda.remove(*last);
                        }
                    }
                    4 => {
                        let last = app.meeting.agenda.len() - 1;
                        app.meeting.agenda.swap(path[0], last);
                    }
                    5 => earlier = app.meeting.clone(),
                    6 => app.meeting = earlier.clone(),
                    _ => app.agenda_view = app.agenda_view.next(),
                }
                let cursor = if first % 3 == 0 || all.is_empty() {
                    vec![first]
                } else {
                    at.get(&all).clone()
                };
                prop_assert_eq!(
                    app.row_count_and_index_with(&cursor, &mut counts),
                    app.row_count_and_index(&cursor)
                );
                prop_assert_eq!(
                    app.rows_from_with(first, count, &mut counts),
                    app.rows_from(first, count)
                );
            }
            Ok(())
        })
        .expect("the same rows");
}

/// A step up or down the agenda found from the selected row's section lands
/// where counting every row lands, wherever the selection is (under a fold,
/// at a section's own row, first or last) and whatever the view.
#[test]
fn a_step_found_in_the_section_is_the_step_counted_over_the_agenda() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let step = (0..4u8, any::<prop::sample::Index>());
    TestRunner::new(Config::with_cases(300))
        .run(&prop::collection::vec(step, 1..30), |steps| {
            let mut app = App::new(crate::workload::meeting(1), at(T0));
            for (kind, at) in steps {
                let path = at.get(&every_path(&app.meeting.agenda)).clone();
                match kind {
                    0 => {
                        if !app.collapsed.remove(&path) {
                            app.collapsed.insert(path.clone());
                        }
                    }
                    1 => app.agenda_view = app.agenda_view.next(),
                    2 => {
                        let (last, parent) = path.split_last().expect("a path");
                        if !parent.is_empty()
                            && let Some(item) = app.meeting.item_mut(parent)
                        {
                            item.items.remove(*last);
                        }
                    }
                    _ => app.agenda_cursor = path,
                }
                for down in [true, false] {
                    let mut counted = app.clone();
                    counted.move_agenda(|i, _| super::step(i, down));
                    let mut stepped = app.clone();
                    stepped.step_agenda(down);
                    prop_assert_eq!(&stepped.agenda_cursor, &counted.agenda_cursor);
                }
            }
            Ok(())
        })
        .expect("the same step");
}
