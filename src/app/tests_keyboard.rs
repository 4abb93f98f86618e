//! Tests of `update` for the keyboard-only meeting: moving and boxing items,
//! list markers, searching titles, half pages, the prompt's editing keys, and
//! the confirmations of keys that lose something.

use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::model::Note;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

const T0: &str = "2024-05-15T17:00:00Z";

/// Welcome; Operating changes [CNA progress, Mailing list [ ] [Who, How]]; Upcoming events.
fn app() -> App {
    let mut m = Meeting::new("Minutes 2024-05-15", at(T0));
    let mut ops = Item::new("Operating changes");
    let cna = Item::new("CNA progress update");
    let mut list = Item::new("Mailing list purpose");
    list.checked = Some(false);
    list.items = vec![Item::new("Who"), Item::new("How")].into();
    list.notes = vec![Note {
        text: "a note".into(),
        ..Note::default()
    }]
    .into();
    ops.items = vec![cna, list].into();
    m.agenda = vec![Item::new("Welcome"), ops, Item::new("Upcoming events")].into();
    App::new(m, at(T0))
}

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

fn key(name: &str) -> Action {
    Action::Type(name.parse().unwrap())
}

fn titles(items: &[Shared<Item>]) -> Vec<&str> {
    items.iter().map(|i| i.title.as_str()).collect()
}

#[test]
fn an_item_moves_up_and_down_with_its_fold_timer_and_editor() {
    let mut app = app();
    app.agenda_cursor = vec![1, 1];
    app.collapsed.insert(vec![1, 1]);
    run(&mut app, &[Action::DiscussNow, Action::EditNotes]);
    run(&mut app, &[Action::LeaveEditor]);
    app.collapsed.insert(vec![1, 1]);
    run(&mut app, &[Action::MoveItemUp]);
    let ops = &app.meeting.agenda[1];
    assert_eq!(
        titles(&ops.items),
        ["Mailing list purpose", "CNA progress update"]
    );
    // What was under it came with it; the selection, the fold and the timer follow.
    assert_eq!(titles(&ops.items[0].items), ["Who", "How"]);
    assert_eq!(ops.items[0].notes.len(), 1);
    assert_eq!(app.agenda_cursor, vec![1, 0]);
    assert!(app.collapsed.contains(&vec![1, 0]) && !app.collapsed.contains(&vec![1, 1]));
    assert_eq!(app.current.as_ref().unwrap().path, vec![1, 0]);
    // At the top of its list it stays.
    let before = app.meeting.clone();
    run(&mut app, &[Action::MoveItemUp]);
    assert_eq!(app.meeting, before);
    run(&mut app, &[Action::MoveItemDown]);
    assert_eq!(app.agenda_cursor, vec![1, 1]);
    assert_eq!(app.current.as_ref().unwrap().path, vec![1, 1]);
    // The open editor follows its item too, and keeps what was typed.
    run(&mut app, &[Action::EditNotes]);
    run(&mut app, &typed("x"));
    run(&mut app, &[Action::MoveItemUp]);
    assert_eq!(app.editor.as_ref().unwrap().path, vec![1, 0]);
    run(&mut app, &[Action::LeaveEditor]);
    // The editor opened on a new note line of its own.
    let notes = &app.meeting.agenda[1].items[0].notes;
    assert_eq!(
        (notes[0].text.as_str(), notes[1].text.as_str()),
        ("a note", "x")
    );
}

#[test]
fn an_item_moves_in_and_out_a_level() {
    let mut app = app();
    app.agenda_cursor = vec![1, 1];
    app.collapsed.insert(vec![1, 0]);
    run(&mut app, &[Action::IndentItem]);
    // Now the last sub-item of "CNA progress update", which unfolds to show it.
    let ops = &app.meeting.agenda[1];
    assert_eq!(titles(&ops.items), ["CNA progress update"]);
    assert_eq!(titles(&ops.items[0].items), ["Mailing list purpose"]);
    assert_eq!(app.agenda_cursor, vec![1, 0, 0]);
    assert!(!app.collapsed.contains(&vec![1, 0]));
    // Out again: right after its parent.
    run(&mut app, &[Action::OutdentItem]);
    assert_eq!(
        titles(&app.meeting.agenda[1].items),
        ["CNA progress update", "Mailing list purpose"]
    );
    assert_eq!(app.agenda_cursor, vec![1, 1]);
    // Out of a section: a section of its own after it (no headings here).
    app.agenda_cursor = vec![1, 1, 0];
    run(&mut app, &[Action::OutdentItem]);
    assert_eq!(app.agenda_cursor, vec![1, 2]);
    assert_eq!(
        titles(&app.meeting.agenda[1].items[1].items),
        ["How"],
        "the sub-items after it stay with their parent"
    );
    // The first of a list has nothing to go under.
    app.agenda_cursor = vec![1, 0];
    let before = app.meeting.clone();
    run(&mut app, &[Action::IndentItem]);
    assert_eq!(app.meeting, before);
    // A heading keeps its level; an entry does not become a section of a
    // document of headings.
    app.meeting
        .agenda
        .iter_mut()
        .for_each(|s| s.heading = Some(2));
    app.agenda_cursor = vec![2];
    run(&mut app, &[Action::IndentItem]);
    assert_eq!(app.meeting.agenda.len(), 3);
    assert!(app.message.as_deref().unwrap().contains("heading"));
    app.agenda_cursor = vec![1, 0];
    run(&mut app, &[Action::OutdentItem]);
    assert_eq!(app.meeting.agenda.len(), 3);
}

#[test]
fn the_box_of_an_item_cycles_to_none_and_new_items_follow_their_neighbour() {
    let mut app = app();
    app.agenda_cursor = vec![1, 1];
    run(&mut app, &[Action::CycleBox]);
    assert_eq!(app.meeting.agenda[1].items[1].checked, Some(true));
    run(&mut app, &[Action::CycleBox]);
    assert_eq!(app.meeting.agenda[1].items[1].checked, None);
    run(&mut app, &[Action::CycleBox]);
    assert_eq!(app.meeting.agenda[1].items[1].checked, Some(false));
    // After an item without a box: none.
    app.agenda_cursor = vec![1, 0];
    run(&mut app, &[Action::AddItemAfter]);
    run(&mut app, &typed("new"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[1].items[1].checked, None);
    // After a heading that shows a box (checked with Space): none either.
    app.meeting.agenda[0].heading = Some(2);
    app.meeting.agenda[0].checked = Some(true);
    app.agenda_cursor = vec![0];
    run(&mut app, &[Action::AddItemAfter]);
    run(&mut app, &typed("section"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[1].title, "section");
    assert_eq!(app.meeting.agenda[1].checked, None);
}

#[test]
fn the_marker_of_a_list_toggles_between_numbers_and_bullets() {
    let mut app = app();
    app.agenda_cursor = vec![1, 1];
    run(&mut app, &[Action::ToggleNumbered]);
    assert!(app.meeting.agenda[1].numbered);
    assert!(app.message.as_deref().unwrap().contains("1."));
    // A section stands for its own items.
    app.agenda_cursor = vec![1];
    run(&mut app, &[Action::ToggleNumbered]);
    assert!(!app.meeting.agenda[1].numbered);
}

#[test]
fn search_selects_as_words_are_typed_and_repeats_both_ways() {
    let mut app = app();
    app.collapsed.insert(vec![1]);
    run(&mut app, &[Action::Search]);
    run(&mut app, &typed("w"));
    // "Welcome" is at the selection itself.
    assert_eq!(app.agenda_cursor, vec![0]);
    run(&mut app, &typed("h"));
    // "Who", inside a fold, which opens.
    assert_eq!(app.agenda_cursor, vec![1, 1, 0]);
    assert!(!app.collapsed.contains(&vec![1]));
    // Backspace goes back to the first match from where the search began.
    run(&mut app, &[key("Backspace")]);
    assert_eq!(app.agenda_cursor, vec![0]);
    // Down and Up (in the prompt) go to the next and previous match.
    run(&mut app, &[key("Backspace")]);
    run(&mut app, &typed("o"));
    assert_eq!(app.agenda_cursor, vec![0], "Welcome has an o");
    run(&mut app, &[Action::SearchNext]);
    assert_eq!(app.agenda_cursor, vec![1]);
    run(&mut app, &[Action::SearchPrev]);
    assert_eq!(app.agenda_cursor, vec![0]);
    run(&mut app, &[Action::Confirm]);
    assert!(app.prompt.is_none());
    assert_eq!(app.last_search.as_deref(), Some("o"));
    // After it, the next and previous matches from the agenda, wrapping round.
    run(&mut app, &[Action::SearchPrev]);
    assert_eq!(app.agenda_cursor, vec![2], "Upcoming events, the last");
    run(&mut app, &[Action::SearchNext]);
    assert_eq!(app.agenda_cursor, vec![0]);
    // Giving up puts the selection back.
    run(&mut app, &[Action::Search]);
    run(&mut app, &typed("how"));
    assert_eq!(app.agenda_cursor, vec![1, 1, 1]);
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.agenda_cursor, vec![0]);
    // No match: said, and the selection stays.
    run(&mut app, &[Action::Search]);
    run(&mut app, &typed("zebra"));
    assert_eq!(app.agenda_cursor, vec![0]);
    assert!(app.message.as_deref().unwrap().contains("zebra"));
}

#[test]
fn rows_move_by_the_count_the_terminal_gives() {
    let mut app = app();
    run(&mut app, &[Action::MoveRows(3)]);
    assert_eq!(app.agenda_cursor, vec![1, 1]);
    run(&mut app, &[Action::MoveRows(100)]);
    assert_eq!(app.agenda_cursor, vec![2]);
    run(&mut app, &[Action::MoveRows(-2)]);
    assert_eq!(app.agenda_cursor, vec![1, 1, 0]);
    run(&mut app, &[Action::MoveRows(i16::MIN)]);
    assert_eq!(app.agenda_cursor, vec![0]);
}

#[test]
fn the_prompt_edits_at_the_cursor_through_update() {
    let mut app = app();
    app.agenda_cursor = vec![2];
    run(&mut app, &[Action::RenameItem]);
    // "Upcoming events" → "Upcoming Perl events;"
    run(&mut app, &[key("Ctrl-Left")]);
    run(&mut app, &typed("Perl "));
    run(&mut app, &[key("End")]);
    run(&mut app, &typed(";"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[2].title, "Upcoming Perl events;");
    // Ctrl-U clears before the cursor, Ctrl-W a word.
    run(&mut app, &[Action::AddItemAfter]);
    run(&mut app, &typed("junk Alpha item;"));
    run(&mut app, &[key("Home"), key("Ctrl-Right"), key("Ctrl-u")]);
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[3].title, "Alpha item;");
}

#[test]
fn quitting_from_a_prompt_is_safe_and_o_and_e_ask_first() {
    let mut app = app();
    run(&mut app, &[Action::AddItemAfter]);
    run(&mut app, &typed("half typed"));
    let effects = run(&mut app, &[Action::Quit]);
    assert_eq!(effects, [Effect::Quit]);
    assert!(app.prompt.is_none());
    // What was typed is kept, as if Enter had been pressed.
    assert_eq!(app.meeting.agenda[1].title, "half typed");
    // A search is given up.
    let mut app = self::app();
    run(&mut app, &[Action::Search]);
    run(&mut app, &typed("how"));
    let before = app.meeting.clone();
    assert_eq!(run(&mut app, &[Action::Quit]), [Effect::Quit]);
    assert_eq!(app.meeting, before);

    let mut app = self::app();
    assert!(run(&mut app, &[Action::OverwriteMinutes]).is_empty());
    assert!(app.message.as_deref().unwrap().contains("Again to do it"));
    // Anything between asks again.
    assert!(run(&mut app, &[Action::Down, Action::OverwriteMinutes]).is_empty());
    assert_eq!(
        run(&mut app, &[Action::OverwriteMinutes]),
        [Effect::OverwriteMinutes]
    );

    run(
        &mut app,
        &[Action::EndMeeting, Action::Up, Action::EndMeeting],
    );
    assert_eq!(app.meeting.actual.end, None);
    run(&mut app, &[Action::EndMeeting]);
    assert!(app.meeting.actual.end.is_some());
}

#[test]
fn an_item_added_before_the_first_takes_its_place_and_its_box() {
    let mut app = app();
    // Before an item with a box: with a box too.
    app.agenda_cursor = vec![1, 1];
    run(&mut app, &[Action::AddItemBefore]);
    assert_eq!(app.prompt.as_ref().unwrap().kind, PromptKind::ItemBefore);
    run(&mut app, &typed("Boxed like the next"));
    run(&mut app, &[Action::Confirm]);
    let titles = |app: &App| -> Vec<String> {
        app.meeting.agenda[1]
            .items
            .iter()
            .map(|i| i.title.clone())
            .collect()
    };
    assert_eq!(
        titles(&app),
        [
            "CNA progress update",
            "Boxed like the next",
            "Mailing list purpose"
        ]
    );
    assert_eq!(app.meeting.agenda[1].items[1].checked, Some(false));
    assert_eq!(app.agenda_cursor, vec![1, 1]);
    // Before the first item of a list: the new first.
    app.agenda_cursor = vec![1, 0];
    run(&mut app, &[Action::AddItemBefore]);
    run(&mut app, &typed("New first"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(titles(&app)[0], "New first");
    assert_eq!(titles(&app)[1], "CNA progress update");
    assert_eq!(app.meeting.agenda[1].items[0].checked, None);
    assert_eq!(app.agenda_cursor, vec![1, 0]);
    // A section before the first section.
    app.agenda_cursor = vec![0];
    run(&mut app, &[Action::AddItemBefore]);
    run(&mut app, &typed("Opening"));
    run(&mut app, &[Action::Confirm]);
    assert_eq!(app.meeting.agenda[0].title, "Opening");
    assert_eq!(app.meeting.agenda[1].title, "Welcome");
}
