//! The re-planning timebox on the screen: a meeting running late shows, in the
//! timer pane, by how much and what to defer; `E` lists the items never
//! discussed over the notes, with the choice typed for each.

use chrono::{DateTime, Duration, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use scribe::app::{Action, App, Key, update};
use scribe::keymap::Keymap;
use scribe::meeting_file::parse_meeting;
use scribe::theme::Theme;
use scribe::tui::draw::draw;
use scribe::tui::view::{SaveStatus, View, Zone};

const MEETING: &str = r#"
title: Minutes 2024-05-15
meeting_time: 2024-05-15 17:00 UTC
timebox: 60
roster:
  - "@sjn"
  - handle: tux
    attendance: regrets
agenda:
  - title: Welcome
    minutes: 2
  - title: Work
    items:
      - title: SBOM
        owners: sjn
        checked: false
        minutes: 30
      - title: Security policy template
        owners: tux
        checked: false
        minutes: 10
      - title: News from the CNA
        minutes: 5
      - title: Funding
        owners: sjn
        checked: false
        minutes: 20
"#;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn screen(app: &App) -> Vec<String> {
    let view = View {
        output: "minutes-2024-05-15.md".into(),
        keymap: Keymap::default_map(),
        zone: Zone::Utc,
        theme: Theme::dark(),
        save: SaveStatus {
            saved_at: Some(app.now - Duration::seconds(1)),
            ..SaveStatus::default()
        },
        panel: None,
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| draw(f, app, &view)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..40)
        .map(|y| (0..120).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn a_meeting_running_late_is_told_what_to_defer_then_asked_at_the_end() {
    let meeting = parse_meeting(MEETING, std::path::Path::new("late.yaml")).unwrap();
    let mut app = App::new(meeting, at("2024-05-15T17:00:00Z"));
    update(&mut app, Action::StartMeeting, at("2024-05-15T17:00:00Z"));
    // Welcome, then SBOM from 17:02: at 17:32 SBOM is used up and 35 minutes of
    // allowances are open (Security policy 10, News 5, Funding 20): 7 over.
    for a in [Action::ToggleCheck, Action::Down, Action::Down] {
        update(&mut app, a, at("2024-05-15T17:02:00Z"));
    }
    update(&mut app, Action::DiscussNow, at("2024-05-15T17:02:00Z"));
    app.tick(at("2024-05-15T17:32:00Z"));
    let lines = screen(&app);
    let timer: Vec<&String> = lines.iter().filter(|l| l.contains('′')).collect();
    assert!(
        timer.iter().any(|l| l.contains("end 18:07 +7′")),
        "{lines:#?}"
    );
    // Information first (5′), then @tux's item (regrets), cut at the pane's
    // edge; the present owner's Funding is not proposed.
    assert!(
        timer
            .iter()
            .any(|l| l
                .contains("│7′ over · defer: News from the CNA (info, 5′), Security policy t…│")),
        "{lines:#?}"
    );

    // The end: the items never discussed, with the choice typed for each.
    // E asks to be pressed again before it ends the meeting.
    update(&mut app, Action::EndMeeting, at("2024-05-15T17:33:00Z"));
    update(&mut app, Action::EndMeeting, at("2024-05-15T17:33:00Z"));
    for c in "mk".chars() {
        update(
            &mut app,
            Action::Type(Key::char(c)),
            at("2024-05-15T17:33:00Z"),
        );
    }
    let lines = screen(&app);
    let list: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_once(". [").map(|(_, rest)| rest))
        .collect();
    assert_eq!(list.len(), 2, "{lines:#?}");
    assert!(
        list[0].starts_with("move] Security policy template"),
        "{list:?}"
    );
    assert!(list[1].starts_with("keep] Funding"), "{list:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Never discussed — k keep · m move to the next agenda"))
    );
}
