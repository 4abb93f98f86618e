//! What a hostile (or just unusual) input costs: the cases that were quadratic,
//! each at the size named in the trust review, timed once and printed as a table.
//!
//! - a paste of 1 MB into the notes editor, its resume from the journal, and one
//!   undo of it;
//! - a meeting file nested 100,000 deep (flow `[` and block `- `), refused;
//! - a roster of 100,000 people, read and rendered;
//! - an agenda item with a 1 MB title: one 120×40 frame, and the minutes.
//!
//! Each must be linear and take under a second (or be refused with a message).
//! `cargo bench --bench hostile` prints the table; the numbers also go to
//! `target/bench-hostile.md`.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use scribe::app::{Action, App};
use scribe::meeting_file::parse_meeting;
use scribe::model::{Item, Meeting, Style};
use scribe::services::journal::{Journal, read};
use scribe::services::session::Session;

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-05-15T17:00:00Z")
        .expect("time")
        .with_timezone(&Utc)
}

/// Times `f` once (these are seconds-scale questions, not nanoseconds).
fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let started = Instant::now();
    let out = f();
    (started.elapsed(), out)
}

/// One megabyte of notes as a secretary would paste them: lines of ~60 bytes.
fn megabyte_of_notes() -> String {
    let mut text = String::with_capacity(1 << 20);
    let mut n = 0;
    while text.len() < 1 << 20 {
        n += 1;
        text.push_str(&format!(
            "- @person{} reported on item {n}, nothing to add\n",
            n % 97
        ));
    }
    text
}

fn meeting_head() -> String {
    "title: t\nmeeting_time: 2024-05-15 17:00 UTC\n".to_string()
}

fn main() {
    let mut rows: Vec<(String, Duration, String)> = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");

    // 1. A paste of 1 MB, journaled; then resumed from the journal; one undo.
    let mut meeting = Meeting::new("Paste", t0());
    meeting.agenda = vec![Item::new("Welcome"), Item::new("Other")].into();
    let base = App::new(meeting, t0());
    let journal_path = dir.path().join("j.jsonl");
    let mut session = Session::new(
        base.clone(),
        Some(Journal::open(&journal_path).expect("journal")),
    );
    let _ = session.apply(Action::EditNotes, t0());
    let text = megabyte_of_notes();
    let (took, _) = time(|| session.paste(&text, t0()));
    let lines = session.app.meeting.agenda[0].notes.len();
    rows.push((
        "paste 1 MB into the editor".into(),
        took,
        format!("{lines} notes"),
    ));
    let records = read::<Action>(&journal_path).expect("reads").last_session;
    let (took, resumed) = time(|| Session::resume(base.clone(), &records, None));
    assert_eq!(resumed.app.meeting, session.app.meeting, "replay is exact");
    rows.push((
        "resume that session from its journal".into(),
        took,
        format!("{} records", records.len()),
    ));
    let _ = session.apply(Action::LeaveEditor, t0());
    let (took, _) = time(|| session.apply(Action::Undo, t0()));
    assert!(session.app.meeting.agenda[0].notes.is_empty());
    rows.push(("undo the paste".into(), took, "one step".into()));

    // 2. 100,000-deep nesting, both ways of writing it: refused with its place.
    let n = 100_000;
    for (what, body) in [
        ("flow", format!("{}{}", "[".repeat(n), "]".repeat(n))),
        ("block", format!("{}x", "- ".repeat(n))),
    ] {
        let src = format!(
            "{}agenda:\n  - title: a\n    notes:\n      {body}\n",
            meeting_head()
        );
        let (took, result) = time(|| parse_meeting(&src, Path::new("deep.yaml")));
        let said = match result {
            Ok(_) => "read".to_string(),
            Err(e) => format!("refused at {}:{}", e.line, e.column),
        };
        rows.push((
            format!("100,000-deep YAML ({what}, {} KB)", src.len() / 1024),
            took,
            said,
        ));
    }

    // 3. A roster of 100,000 people: read, and the minutes written.
    let mut src = meeting_head();
    src.push_str("roster:\n");
    for i in 0..100_000 {
        src.push_str(&format!("  - person{i}\n"));
    }
    src.push_str("agenda:\n  - Welcome\n");
    let (took, meeting) = time(|| parse_meeting(&src, Path::new("roster.yaml")).expect("reads"));
    rows.push((
        format!("100,000-person roster: read ({} KB)", src.len() / 1024),
        took,
        format!("{} people", meeting.roster.len()),
    ));
    let (took, minutes) = time(|| scribe::minutes::to_markdown(&meeting, Style::Seed));
    rows.push((
        "100,000-person roster: minutes".into(),
        took,
        format!("{} KB", minutes.len() / 1024),
    ));
    let app = scribe::workload::live_app(meeting);
    let view = scribe::workload::live_view();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    let (took, _) = time(|| {
        terminal
            .draw(|frame| scribe::tui::draw::draw(frame, &app, &view))
            .map(|_| ())
            .expect("draws")
    });
    rows.push((
        "100,000-person roster: a frame".into(),
        took,
        "120×40".into(),
    ));

    // 4. A 1 MB title: the first frame, a frame a second later, the minutes.
    let mut meeting = Meeting::new("Title", t0());
    let mut long = Item::new("x".repeat(1 << 20));
    long.minutes = Some(5);
    meeting.agenda = vec![long, Item::new("Welcome")].into();
    let app = scribe::workload::live_app(meeting.clone());
    let view = scribe::workload::live_view();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    for what in ["1 MB title: first frame", "1 MB title: next frame"] {
        let (took, _) = time(|| {
            terminal
                .draw(|frame| scribe::tui::draw::draw(frame, &app, &view))
                .map(|_| ())
                .expect("draws")
        });
        rows.push((what.into(), took, "120×40".into()));
    }
    let (took, minutes) = time(|| scribe::minutes::to_markdown(&meeting, Style::Seed));
    rows.push((
        "1 MB title: minutes".into(),
        took,
        format!("{} KB", minutes.len() / 1024),
    ));

    let mut table = String::from("| case | time | |\n|---|---:|---|\n");
    for (what, took, note) in &rows {
        table.push_str(&format!(
            "| {what} | {:.1} ms | {note} |\n",
            took.as_secs_f64() * 1000.0
        ));
    }
    println!("{table}");
    let slow: Vec<&str> = rows
        .iter()
        .filter(|(_, took, _)| *took >= Duration::from_secs(1))
        .map(|(what, _, _)| what.as_str())
        .collect();
    if !slow.is_empty() {
        println!("over a second: {slow:?}");
    }
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-hostile.md");
    let _ = std::fs::write(target, table);
}
