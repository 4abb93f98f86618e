//! Small agendas in the forms other groups write (not CPANSec's): each form is
//! read, kept byte for byte and filled in its own place. The real files of the
//! forms are in `tests/corpus-other/` (see `corpus_other.rs`).

use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use scribe::app::{Action, App, Key, KeyCode, update};
use scribe::markdown::Document;
use scribe::model::{Attendance, Meeting};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 3).unwrap()
}

fn read(path: &str, text: &str) -> Document {
    let doc = Document::parse_on(Path::new(path), text.as_bytes(), today()).expect("opens");
    assert_eq!(doc.rewrite_string(&doc.meeting()), text, "kept byte for byte");
    doc
}

fn app(m: Meeting) -> App {
    App::new(m, Utc.with_ymd_and_hms(2026, 2, 3, 12, 0, 0).unwrap())
}

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        let now = app.now;
        update(app, *a, now);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(|c| Action::Type(Key::char(c))).collect()
}

/// The lines of `b` that are not in `a`, and those of `a` not in `b` (in order;
/// enough for edits that touch a few lines).
fn diff(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let al: Vec<&str> = a.lines().collect();
    let bl: Vec<&str> = b.lines().collect();
    let pre = al.iter().zip(&bl).take_while(|(x, y)| x == y).count();
    let rest = al.len().min(bl.len()) - pre;
    let suf = al
        .iter()
        .rev()
        .zip(bl.iter().rev())
        .take(rest)
        .take_while(|(x, y)| x == y)
        .count();
    (
        al[pre..al.len() - suf].iter().map(|s| s.to_string()).collect(),
        bl[pre..bl.len() - suf].iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn the_secretary_sets_an_assumed_date_with_a_key() {
    let doc = read("agenda.md", "# TSC\n\n## Agenda\n\n- Releases\n");
    assert!(doc.meeting().date_assumed);
    let mut a = app(doc.meeting());
    run(&mut a, &[Action::SetDate]);
    run(&mut a, &[Action::Type(Key::plain(KeyCode::Backspace)); 10]);
    run(&mut a, &typed("2024-06-09"));
    run(&mut a, &[Action::Confirm]);
    assert_eq!(a.meeting.meeting_time.date_naive().to_string(), "2024-06-09");
    assert!(!a.meeting.date_assumed);
    // Something that is no date changes nothing and says so.
    run(&mut a, &[Action::SetDate]);
    run(&mut a, &typed("x"));
    run(&mut a, &[Action::Confirm]);
    assert_eq!(a.meeting.meeting_time.date_naive().to_string(), "2024-06-09");
    assert!(a.message.as_deref().unwrap_or("").contains("not a date"));
}
