//! Snapshot tests of the whole screen, drawn with ratatui's `TestBackend` in the
//! states that matter. Review the `.snap` files by eye: they are the screen.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use scribe::app::{Action, App, Key, update};
use scribe::keymap::Keymap;
use scribe::meeting_file::parse_meeting;
use scribe::model::{Item, Meeting, Note, Shared};
use scribe::theme::Theme;
use scribe::tui::draw::draw;
use scribe::tui::view::{SaveStatus, View, Zone};

/// The meeting the screens show (the demo's shape, at a fixed date).
const SCREENS_YAML: &str = include_str!("tui/screens.yaml");

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn utc() -> Zone {
    Zone::Fixed(FixedOffset::east_opt(0).unwrap())
}

/// The state a screen is drawn from: the meeting's, and the view's.
struct Live {
    app: App,
    view: View,
}

impl std::ops::Deref for Live {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl std::ops::DerefMut for Live {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

/// The demo meeting as written (17:00 UTC on 2024-05-15), at `now`.
fn app_at(now: &str, zone: Zone) -> Live {
    let meeting: Meeting =
        parse_meeting(SCREENS_YAML, std::path::Path::new("tests/tui/screens.yaml")).unwrap();
    let view = View {
        output: "minutes-2024-05-15.md".into(),
        keymap: Keymap::default_map(),
        zone,
        theme: Theme::dark(),
        save: SaveStatus {
            saved_at: Some(at(now) - Duration::seconds(1)),
            ..SaveStatus::default()
        },
        panel: None,
    };
    Live {
        app: App::new(meeting, at(now)),
        view,
    }
}

fn act(app: &mut App, now: &str, actions: &[Action]) {
    for a in actions {
        update(app, *a, at(now));
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(|c| Action::Type(Key::char(c))).collect()
}

/// A meeting half way through: roster marked, items checked, the CNA item being
/// discussed with notes.
fn meeting_in_progress(now: &str, zone: Zone) -> Live {
    use Action::*;
    let mut app = app_at("2024-05-15T16:58:00Z", zone);
    act(
        &mut app,
        "2024-05-15T16:58:00Z",
        &[NextPane, Present, Down, Present, Down],
    );
    act(
        &mut app,
        "2024-05-15T16:59:00Z",
        &[LeftEarly, Down, Present, Down],
    );
    act(
        &mut app,
        "2024-05-15T17:12:00Z",
        &[ArrivedLate, Down, Absent],
    );
    // Walking the agenda: checking the item discussed now moves on to the next.
    act(
        &mut app,
        "2024-05-15T17:00:00Z",
        &[StartMeeting, PrevPane, DiscussNow],
    );
    act(&mut app, "2024-05-15T17:02:00Z", &[ToggleCheck]);
    act(&mut app, "2024-05-15T17:05:00Z", &[ToggleCheck]);
    act(
        &mut app,
        "2024-05-15T17:07:00Z",
        &[Down, ToggleCheck, Down, ToggleCheck],
    );
    act(&mut app, "2024-05-15T17:20:00Z", &[Down, Down, DiscussNow]);
    act(&mut app, "2024-05-15T17:30:00Z", &[ToggleCheck, EditNotes]);
    act(
        &mut app,
        "2024-05-15T17:31:00Z",
        &typed("@stigtsp and @timlegge discussed it a little"),
    );
    act(&mut app, "2024-05-15T17:31:00Z", &[NewLine]);
    act(
        &mut app,
        "2024-05-15T17:31:00Z",
        &typed("Hope to contact the CVE folks next week"),
    );
    act(&mut app, "2024-05-15T17:31:00Z", &[NewLine, Indent]);
    act(&mut app, "2024-05-15T17:31:00Z", &typed("@timl"));
    act(&mut app, "2024-05-15T17:31:00Z", &[Indent]);
    act(&mut app, "2024-05-15T17:31:00Z", &typed(" to follow up"));
    act(&mut app, "2024-05-15T17:32:00Z", &[LeaveEditor]);
    app.tick(at(now));
    app.view.save.saved_at = Some(at(now) - Duration::seconds(1));
    app
}

fn screen(live: &Live, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, &live.app, &live.view)).unwrap();
    terminal
}

#[test]
fn before_start() {
    let app = app_at("2024-05-15T16:12:30Z", utc());
    insta::assert_snapshot!(screen(&app, 120, 40).backend());
}

#[test]
fn pre_meeting_with_local_time() {
    let app = app_at(
        "2024-05-15T16:45:00Z",
        Zone::Fixed(FixedOffset::east_opt(2 * 3600).unwrap()),
    );
    insta::assert_snapshot!(screen(&app, 120, 40).backend());
}

#[test]
fn mid_meeting() {
    let app = meeting_in_progress(
        "2024-05-15T17:34:12Z",
        Zone::Fixed(FixedOffset::east_opt(2 * 3600).unwrap()),
    );
    let terminal = screen(&app, 120, 40);
    // One way of writing times: whole minutes with a prime (`4/30′`), the
    // running item in m:ss against m:ss (`4:12/10:00`) — never `0:05′`.
    for row in rows(&terminal) {
        let chars: Vec<char> = row.chars().collect();
        for w in chars.windows(4) {
            assert!(
                !(w[0] == ':' && w[1].is_ascii_digit() && w[2].is_ascii_digit() && w[3] == '′'),
                "{row}"
            );
        }
    }
    let text = rows(&terminal).join("\n");
    assert!(
        text.contains("CNA progress update           4:12/10:00"),
        "{text}"
    );
    // The timer names the item discussed now.
    assert!(text.contains("▶ CNA progress"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn editing_notes_with_handle_completion() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    act(&mut app, "2024-05-15T17:34:12Z", &[Action::EditNotes]);
    act(&mut app, "2024-05-15T17:34:12Z", &typed("@st"));
    insta::assert_snapshot!(screen(&app, 120, 40).backend());
}

#[test]
fn adding_a_person() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    act(&mut app, "2024-05-15T17:34:12Z", &[Action::AddPerson]);
    act(&mut app, "2024-05-15T17:34:12Z", &typed("miyagawa"));
    insta::assert_snapshot!(screen(&app, 120, 40).backend());
}

#[test]
fn last_ten_minutes() {
    let app = meeting_in_progress("2024-05-15T17:52:30Z", utc());
    let terminal = screen(&app, 120, 40);
    insta::assert_snapshot!(terminal.backend());
    let warn = Theme::dark().gauge_warn.fg.unwrap();
    assert!(
        has_fg(&terminal, warn, "left"),
        "the bar has the warning colour"
    );
}

#[test]
fn overtime() {
    let app = meeting_in_progress("2024-05-15T18:04:05Z", utc());
    let terminal = screen(&app, 120, 40);
    insta::assert_snapshot!(terminal.backend());
    let over = Theme::dark().gauge_over.fg.unwrap();
    assert!(
        has_fg(&terminal, over, "█"),
        "the bar has the overtime colour"
    );
}

#[test]
fn after_the_end() {
    let mut app = meeting_in_progress("2024-05-15T18:04:05Z", utc());
    act(
        &mut app,
        "2024-05-15T18:03:00Z",
        &[Action::EndMeeting, Action::EndMeeting],
    );
    app.tick(at("2024-05-15T18:10:00Z"));
    insta::assert_snapshot!(screen(&app, 120, 40).backend());
}

#[test]
fn help_overlay() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    act(&mut app, "2024-05-15T17:34:12Z", &[Action::Help]);
    insta::assert_snapshot!(screen(&app, 120, 40).backend());
}

#[test]
fn help_overlay_narrow() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    act(&mut app, "2024-05-15T17:34:12Z", &[Action::Help]);
    insta::assert_snapshot!(screen(&app, 80, 24).backend());
}

#[test]
fn long_titles() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    let mut long = Item::new(
        "Clarify the purpose of the mailing list. Who may join? What may (not) be discussed? How do we accept new signups?",
    );
    long.owners = vec!["sjn".into(), "book".into()];
    long.notes = vec![Note::new(
        "@stigtsp – Applications to internal lists are coming in; drafting rules that say who may join, what may be discussed, and how we decide if someone must leave.",
    )].into();
    app.meeting.agenda.insert(1, long.into());
    app.meeting.roster[0].handle = "a-very-long-handle-for-someone-important".into();
    app.agenda_cursor = vec![1];
    insta::assert_snapshot!(screen(&app, 120, 40).backend());
}

/// The long-titled item of [`long_titles`], selected.
fn long_titled(app: &mut App) {
    let mut long = Item::new(
        "Clarify the purpose of the mailing list. Who may join? What may (not) be discussed? How do we accept new signups?",
    );
    long.owners = vec!["sjn".into(), "book".into()];
    app.meeting.agenda.insert(1, long.into());
    app.agenda_cursor = vec![1];
}

/// At 80 columns the whole title is readable: wrapped above the notes.
#[test]
fn long_title_narrow_80x24() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    long_titled(&mut app);
    insta::assert_snapshot!(screen(&app, 80, 24).backend());
}

/// Renaming a long title: the prompt shows the end, where typing goes on.
#[test]
fn renaming_a_long_title_shows_its_end() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    long_titled(&mut app);
    act(&mut app, "2024-05-15T17:34:12Z", &[Action::RenameItem]);
    act(
        &mut app,
        "2024-05-15T17:34:12Z",
        &typed(" And who moderates"),
    );
    let terminal = screen(&app, 80, 24);
    insta::assert_snapshot!(terminal.backend());
    let status = rows(&terminal).pop().unwrap();
    assert!(status.contains("Title: …"), "{status}");
    assert!(
        status.trim_end().ends_with("signups? And who moderates"),
        "{status}"
    );
    // Home: the start shows, with the cursor on it, and the end gives way.
    act(
        &mut app,
        "2024-05-15T17:34:12Z",
        &[Action::Type("Home".parse().unwrap())],
    );
    let status = rows(&screen(&app, 80, 24)).pop().unwrap();
    assert!(
        status.contains("Title: Clarify the purpose of the mailing list. Who may join?"),
        "{status}"
    );
    assert!(status.trim_end().ends_with('…'), "{status}");
    // A text just short of the line ends without an ellipsis either.
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    act(&mut app, "2024-05-15T17:34:12Z", &[Action::AddItemAfter]);
    let question = "New item after the selected one: ";
    for len in 40..=46 {
        *app.prompt.as_mut().unwrap() =
            scribe::app::Prompt::new(scribe::app::PromptKind::ItemAfter, &"x".repeat(len));
        let status = rows(&screen(&app, 80, 24)).pop().unwrap();
        assert!(!status.trim_end().ends_with('…'), "{len}: {status}");
        assert!(status.contains(question), "{len}: {status}");
        assert!(status.trim_end().ends_with('x'), "{len}: {status}");
    }
}

#[test]
fn long_note_wraps_in_the_editor() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    act(&mut app, "2024-05-15T17:34:12Z", &[Action::EditNotes]);
    act(
        &mut app,
        "2024-05-15T17:34:12Z",
        &typed(
            "@stigtsp – Applications to internal lists are coming in; drafting rules that say who may join, what may be discussed, and how we decide if someone must leave.",
        ),
    );
    insta::assert_snapshot!(screen(&app, 100, 24).backend());
}

#[test]
fn narrow_80x24() {
    let app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    insta::assert_snapshot!(screen(&app, 80, 24).backend());
}

#[test]
fn wide_200x60() {
    let app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    insta::assert_snapshot!(screen(&app, 200, 60).backend());
}

/// True when a cell in a row containing `near` has foreground `color`.
fn has_fg(terminal: &Terminal<TestBackend>, color: Color, near: &str) -> bool {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height).any(|y| {
        let row: String = (0..area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        row.contains(near) && (0..area.width).any(|x| buffer[(x, y)].fg == color)
    })
}

#[test]
fn no_color_draws_without_any_colour() {
    let mut app = meeting_in_progress("2024-05-15T18:04:05Z", utc());
    let coloured = screen(&app, 120, 40);
    let any_colour = |t: &Terminal<TestBackend>| {
        t.backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset || c.bg != Color::Reset)
    };
    assert!(any_colour(&coloured), "colours are used normally");
    app.view.theme = Theme::no_color();
    for help in [false, true] {
        app.help = help;
        let plain = screen(&app, 120, 40);
        assert!(
            !any_colour(&plain),
            "NO_COLOR: no colour at all (help {help})"
        );
    }
    // The text is the same either way.
    app.help = false;
    let plain = screen(&app, 120, 40);
    let text = |t: &Terminal<TestBackend>| {
        t.backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol().to_string())
            .collect::<String>()
    };
    assert_eq!(text(&plain), text(&coloured));
}

#[test]
fn resizing_redraws_at_every_size_without_panicking() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    let mut terminal = screen(&app, 120, 40);
    for (w, h) in [
        (80, 24),
        (200, 60),
        (40, 12),
        (20, 6),
        (1, 1),
        (0, 0),
        (300, 3),
        (3, 300),
    ] {
        terminal.backend_mut().resize(w, h);
        terminal.draw(|f| draw(f, &app.app, &app.view)).unwrap();
        assert_eq!(terminal.backend().buffer().area.width, w);
        app.help = !app.help;
        terminal.draw(|f| draw(f, &app.app, &app.view)).unwrap();
    }
    // After shrinking, the status line still names the output file.
    app.help = false;
    terminal.backend_mut().resize(80, 24);
    terminal.draw(|f| draw(f, &app.app, &app.view)).unwrap();
    let buffer = terminal.backend().buffer();
    let last: String = (0..80)
        .map(|x| buffer[(x, 23)].symbol().to_string())
        .collect();
    assert!(last.contains("minutes-2024-05-15.md"), "{last}");
}

/// The screen's text, row by row.
fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// Without allowances (or with every item done) nothing projects an end: the
/// timer shows the timebox's end (start + 60), never "now" or the start.
#[test]
fn the_end_shown_without_allowances_is_the_timebox_end() {
    fn clear_minutes(items: &mut [Shared<Item>]) {
        for item in items {
            item.minutes = None;
            clear_minutes(&mut item.items);
        }
    }
    let mut app = app_at("2024-05-15T16:50:00Z", utc());
    clear_minutes(&mut app.meeting.agenda);
    let timer_line = |app: &Live| {
        rows(&screen(app, 120, 40))
            .into_iter()
            .find(|r| r.contains("ends "))
            .unwrap_or_default()
    };
    let line = timer_line(&app);
    assert!(line.contains("at 17:00 UTC · ends 18:00 "), "{line}");
    // Started at 17:08, everything checked, a minute later: the end moved
    // with the start, and is not 17:09.
    act(&mut app, "2024-05-15T17:08:00Z", &[Action::StartMeeting]);
    for path in app.visible_rows() {
        if let Some(item) = app.meeting.item_mut(&path) {
            item.checked = Some(true);
        }
    }
    app.tick(at("2024-05-15T17:09:00Z"));
    let line = timer_line(&app);
    assert!(
        line.contains("meeting 1:00 of 60:00 · ends 18:08 "),
        "{line}"
    );
}

/// A question in the status line (here: S on a meeting dated another day) is
/// read whole at 80 columns; the file name gives way while it is shown.
#[test]
fn a_question_in_the_status_line_is_shown_whole_at_80_columns() {
    let mut app = app_at("2024-05-20T10:08:00Z", utc());
    act(&mut app, "2024-05-20T10:08:00Z", &[Action::StartMeeting]);
    let status = rows(&screen(&app, 80, 24)).pop().unwrap();
    assert!(
        status.contains(" This meeting is dated 2024-05-15, not today; S again to start it now "),
        "{status}"
    );
    // Without a message, the file name is back.
    act(&mut app, "2024-05-20T10:08:01Z", &[Action::Down]);
    let status = rows(&screen(&app, 80, 24)).pop().unwrap();
    assert!(status.contains("minutes-2024-05-15.md"), "{status}");
}

/// Titles as a group writes them: inline Markdown shows as text (bold as bold,
/// escapes resolved, links as their text), a soft line break as a space, no
/// control character reaches the screen; boxes only on items that have one;
/// the meeting's title heads the agenda; on a wide screen the agenda takes the
/// width its titles need.
#[test]
fn agenda_titles_show_inline_markdown_and_boxes_only_where_items_have_them() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    let mut section = Item::new("Section *one*");
    let markdown = Item::new("**Recording**: on \\[vis.gl\\] [the site](https://example.org/x)");
    let mut boxed = Item::new("Attendees\n* ");
    boxed.checked = Some(false);
    let mut unboxed = Item::new("Bell\u{7}\u{1b}[31m red");
    unboxed.items = vec![Item::new(
        "A title long enough to need more than forty columns of the agenda pane",
    )]
    .into();
    section.items = vec![markdown, boxed, unboxed].into();
    app.meeting.agenda.insert(0, section.into());
    app.agenda_cursor = vec![0];
    let terminal = screen(&app, 200, 30);
    let text = rows(&terminal);
    let row = |needle: &str| {
        text.iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not on screen:\n{}", text.join("\n")))
    };
    let y = row("Recording: on [vis.gl] the site");
    // No Markdown markers and no control character reach the screen; control
    // characters show as `�` (a soft line break is a space, not `�`).
    assert!(
        !text
            .iter()
            .any(|r| r.contains("**") || r.chars().any(char::is_control))
    );
    // "Recording" is bold, ": on" is not.
    let buffer = terminal.backend().buffer();
    let x = text[y].chars().position(|c| c == 'R').unwrap() as u16;
    let bold = |x: u16| {
        buffer[(x, y as u16)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD)
    };
    assert!(bold(x) && bold(x + 8) && !bold(x + 9) && !bold(x + 11));
    // Boxes: the boxed item has one, the section and the unboxed items none.
    assert!(text[row("Attendees *")].contains("[ ] Attendees *"));
    row("┃ ·  Section one");
    assert!(text[y].contains(" ·  Recording"));
    assert!(text[row("Bell��[31m red")].contains(" ·  Bell��[31m red"));
    assert!(!text[row("Attendees *")].contains('\u{FFFD}'));
    // The long title is whole at 200 columns, and the meeting is named.
    row("more than forty columns of the agenda pane");
    assert!(text[0].contains("Minutes (demo)"), "{}", text[0]);
    insta::assert_snapshot!(terminal.backend());
}

/// Someone else changed the minutes file: the status line says where scribe's
/// copy went, whole, at 80 columns, and `O` asks before throwing their edit away.
#[test]
fn a_diverted_write_says_where_ours_went_and_o_asks_first() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    let report = scribe::services::writer::SaveReport::Diverted {
        at: at("2024-05-15T17:34:10Z"),
        to: "minutes-2024-05-15.scribe.md".into(),
    };
    app.view.save = scribe::tui::save_status(report, &app.view.save);
    let status = rows(&screen(&app, 80, 24)).pop().unwrap();
    assert!(
        status.contains("ours saved to minutes-2024-05-15.scribe.md"),
        "{status}"
    );
    // Where there is room, the key that writes ours over it, as the keymap
    // in force binds it; none named when it is unbound.
    let status = rows(&screen(&app, 200, 24)).pop().unwrap();
    assert!(status.contains("kept · O twice: ours over it"), "{status}");
    let keys = std::path::Path::new("keymap.yaml");
    let mut rebound = app.view.keymap.clone();
    rebound
        .overlay_yaml("global:\n  O: null\n  W: overwrite-minutes\n", keys)
        .unwrap();
    std::mem::swap(&mut app.view.keymap, &mut rebound);
    let status = rows(&screen(&app, 200, 24)).pop().unwrap();
    assert!(status.contains("kept · W twice: ours over it"), "{status}");
    app.view
        .keymap
        .overlay_yaml("global:\n  W: null\n", keys)
        .unwrap();
    let status = rows(&screen(&app, 200, 24)).pop().unwrap();
    assert!(
        status.contains("changed by someone else, kept") && !status.contains("twice"),
        "{status}"
    );
    std::mem::swap(&mut app.view.keymap, &mut rebound);
    act(
        &mut app,
        "2024-05-15T17:34:13Z",
        &[Action::OverwriteMinutes],
    );
    let status = rows(&screen(&app, 80, 24)).pop().unwrap();
    assert!(status.contains("Again to do it"), "{status}");
    insta::assert_snapshot!(screen(&app, 80, 24).backend());
}

/// `/` finds a title as it is typed: the selection (and the notes pane) follow,
/// and the status line says how to go to the next match.
#[test]
fn searching_titles_selects_as_words_are_typed() {
    let mut app = meeting_in_progress("2024-05-15T17:34:12Z", utc());
    act(
        &mut app,
        "2024-05-15T17:34:12Z",
        &[Action::Top, Action::Search],
    );
    act(&mut app, "2024-05-15T17:34:12Z", &typed("mailing"));
    let text = rows(&screen(&app, 120, 40));
    let status = text.last().unwrap();
    assert!(status.contains("Find: mailing"), "{status}");
    assert!(status.contains("Down next match"), "{status}");
    assert!(
        text[0].contains("Clarify the purpose of the mailing list"),
        "{}",
        text[0]
    );
}
