//! Property tests of the live session: any sequence of actions, keys and hostile
//! text keeps the meeting well-formed, draws and renders without a panic (both
//! output styles and the Markdown document path), shows no control character on the
//! screen, and the journal it leaves replays to the same state. Undo then redo is
//! the identity.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use scribe::app::{Action, App, Key, KeyCode};
use scribe::keymap::Keymap;
use scribe::markdown::Document;
use scribe::minutes::to_markdown;
use scribe::model::Style;
use scribe::model::{Item, Meeting, Shared};
use scribe::services::journal::{Journal, read};
use scribe::services::session::Session;
use scribe::tui::view::{SaveStatus, View, Zone};

fn t0() -> DateTime<Utc> {
    "2024-05-15T17:00:00Z".parse().unwrap()
}

fn view() -> View {
    View {
        output: "minutes.md".into(),
        keymap: Keymap::default_map(),
        zone: Zone::Utc,
        theme: scribe::theme::Theme::dark(),
        save: SaveStatus::default(),
        panel: None,
    }
}

fn yaml_meeting() -> Meeting {
    scribe::meeting_file::load_meeting(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml"),
    )
    .unwrap()
}

fn seed_document() -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seed/minutes-2024-05-15.md");
    Document::parse(&path, &std::fs::read(&path).unwrap()).unwrap()
}

/// Text a secretary (or a paste from anywhere) might type: letters, Markdown and
/// Liquid syntax, wide and combining characters, and terminal control characters.
fn typed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => prop::sample::select(vec![
            ' ', '@', '#', '-', '*', '[', ']', '{', '}', '%', '|', '`', '>', '\\',
            'é', '字', '🎉', '\u{301}', '\u{200b}', '\u{202e}',
            '\u{1b}', '\u{7}', '\u{8}', '\u{0}', '\u{9b}', '\r', '\t', '\u{7f}',
        ]),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    let named = prop::sample::select(Action::named().collect::<Vec<_>>());
    let key = prop_oneof![
        6 => typed_char().prop_map(Key::char),
        1 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Backspace, KeyCode::Delete, KeyCode::Left,
            KeyCode::Right, KeyCode::Up, KeyCode::Down, KeyCode::Home, KeyCode::End,
        ])
        .prop_map(Key::plain),
    ];
    prop_oneof![
        3 => named,
        6 => key.prop_map(Action::Type),
        1 => (0u16..12).prop_map(Action::PickAgendaRow),
        1 => (0u16..6).prop_map(Action::PickPerson),
    ]
}

/// Every item path of the tree, depth first.
fn paths(items: &[Shared<Item>], prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    for (i, item) in items.iter().enumerate() {
        prefix.push(i);
        out.push(prefix.clone());
        paths(&item.items, prefix, out);
        prefix.pop();
    }
}

/// The invariants that hold after every action.
fn check(app: &App, terminal: &mut Terminal<TestBackend>, document: Option<&Document>) {
    let m = &app.meeting;
    let mut all = Vec::new();
    paths(&m.agenda, &mut Vec::new(), &mut all);
    if !m.agenda.is_empty() {
        assert!(
            m.item(&app.agenda_cursor).is_some(),
            "the selection {:?} is an item",
            app.agenda_cursor
        );
    }
    for row in app.visible_rows() {
        assert!(m.item(&row).is_some(), "visible row {row:?} is an item");
    }
    if let Some(editor) = &app.editor {
        assert!(m.item(&editor.path).is_some(), "the editor's item exists");
    }
    if let Some(d) = &app.current {
        assert!(m.item(&d.path).is_some(), "the discussed item exists");
    }
    assert!(app.roster_cursor < m.roster.len().max(1));

    // Rendering never panics, in every style and through the Markdown document.
    let seed = to_markdown(m, Style::Seed);
    let checkbox = to_markdown(m, Style::Checkbox);
    assert!(!seed.is_empty() && !checkbox.is_empty());
    if let Some(doc) = document {
        let text = doc.rewrite_string(m);
        assert!(!text.is_empty());
    }

    // Drawing never panics, never puts a control character on the screen, and the
    // pane titles count what the model holds.
    terminal
        .draw(|f| scribe::tui::draw::draw(f, app, &view()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut screen = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol.chars().any(|c| c.is_control()),
                "control character {symbol:?} drawn at {x},{y}"
            );
            screen.push_str(symbol);
        }
        screen.push('\n');
    }
    // The help, when open, may cover the agenda's title.
    let agenda_title = format!("/{} done", all.len());
    assert!(
        app.help || screen.contains(&agenda_title),
        "the agenda title counts {} entries:\n{screen}",
        all.len()
    );
    let roster_title = scribe::tui::panes::roster::title(m);
    let counted: usize = roster_title
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<usize>().ok())
        .sum();
    assert_eq!(counted, m.roster.len(), "{roster_title}");
}

/// Plays `actions` one second apart with a journal, checking every step; then
/// replays the journal and compares, and tries undo then redo.
fn play(base: App, actions: &[Action], document: Option<&Document>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut session = Session::new(base.clone(), Some(Journal::open(&path).unwrap()));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    for (i, action) in actions.iter().enumerate() {
        session.apply(*action, t0() + Duration::seconds(i as i64 + 1));
        check(&session.app, &mut terminal, document);
    }

    let contents = read::<Action>(&path).unwrap();
    assert!(contents.warnings.is_empty(), "{:?}", contents.warnings);
    let mut resumed = Session::resume(base, &contents.last_session, None);
    assert_eq!(resumed.app.meeting, session.app.meeting);
    assert_eq!(resumed.app.agenda_cursor, session.app.agenda_cursor);
    assert_eq!(resumed.app.roster_cursor, session.app.roster_cursor);
    assert_eq!(resumed.app.current, session.app.current);
    assert_eq!(resumed.app.focus, session.app.focus);
    assert_eq!(resumed.app.collapsed, session.app.collapsed);
    assert_eq!(
        resumed
            .app
            .editor
            .as_ref()
            .map(|e| e.textarea.lines().to_vec()),
        session
            .app
            .editor
            .as_ref()
            .map(|e| e.textarea.lines().to_vec())
    );

    // Undo then redo gives back the same meeting, outside the editor and prompts.
    let later = t0() + Duration::hours(1);
    for close in [Action::Cancel, Action::LeaveEditor, Action::Cancel] {
        resumed.apply(close, later);
    }
    let before = resumed.app.meeting.clone();
    resumed.apply(Action::Undo, later);
    if resumed
        .app
        .message
        .as_deref()
        .is_some_and(|m| m.starts_with("Undone"))
    {
        check(&resumed.app, &mut terminal, document);
        resumed.apply(Action::Redo, later);
        assert_eq!(resumed.app.meeting, before, "undo then redo");
    } else {
        assert_eq!(
            resumed.app.meeting, before,
            "nothing to undo changes nothing"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(8),
        .. ProptestConfig::default()
    })]

    #[test]
    fn any_actions_on_a_meeting_file_keep_the_invariants(
        actions in prop::collection::vec(action(), 1..120)
    ) {
        play(App::new(yaml_meeting(), t0()), &actions, None);
    }

    #[test]
    fn any_actions_on_a_markdown_document_keep_the_invariants(
        actions in prop::collection::vec(action(), 1..120)
    ) {
        let document = seed_document();
        play(App::new(document.meeting(), t0()), &actions, Some(&document));
    }

    #[test]
    fn any_actions_on_an_empty_meeting_keep_the_invariants(
        actions in prop::collection::vec(action(), 1..60)
    ) {
        play(App::new(Meeting::new("", t0()), t0()), &actions, None);
    }
}
