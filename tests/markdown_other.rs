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
    assert_eq!(
        doc.rewrite_string(&doc.meeting()),
        text,
        "kept byte for byte"
    );
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
        al[pre..al.len() - suf]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        bl[pre..bl.len() - suf]
            .iter()
            .map(|s| s.to_string())
            .collect(),
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
    assert_eq!(
        a.meeting.meeting_time.date_naive().to_string(),
        "2024-06-09"
    );
    assert!(!a.meeting.date_assumed);
    // Something that is no date changes nothing and says so.
    run(&mut a, &[Action::SetDate]);
    run(&mut a, &typed("x"));
    run(&mut a, &[Action::Confirm]);
    assert_eq!(
        a.meeting.meeting_time.date_naive().to_string(),
        "2024-06-09"
    );
    assert!(a.message.as_deref().unwrap_or("").contains("not a date"));
}

fn titles(m: &Meeting) -> Vec<String> {
    fn walk(items: &[scribe::model::Item], depth: usize, out: &mut Vec<String>) {
        for i in items {
            out.push(format!("{}{}", "  ".repeat(depth), i.title));
            walk(&i.items, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&m.agenda, 0, &mut out);
    out
}

#[test]
fn several_top_level_headings_are_sections_under_the_title() {
    let doc = read(
        "2023-03-01.md",
        "# TSC meeting 2023-03-01\n\nNotes taken live.\n\n# Announcements\n\n- [x] New release\n- [ ] Website\n\n# Discussion\n\n## Roadmap\n\n- Plans\n",
    );
    assert_eq!(
        titles(&doc.meeting()),
        [
            "Announcements",
            "  New release",
            "  Website",
            "Discussion",
            "  Roadmap",
            "    Plans"
        ]
    );
}

#[test]
fn one_big_list_under_the_title_is_the_agenda() {
    let doc = read(
        "sync.md",
        "# Sync 2024-08-30\n\n* Council: Ann, Bert\n* Topic one\n    * Ann: a remark\n* Topic two\n",
    );
    let m = doc.meeting();
    assert_eq!(titles(&m)[1..], ["Topic one", "Topic two"]);
    assert_eq!(m.agenda[1].notes[0].text, "Ann: a remark");
}

#[test]
fn numbered_agendas_and_headings_at_any_level() {
    let doc = read(
        "notes/2016-09-05.md",
        "## js-ipfs sync\n\n#### Agenda\n\n1. Releases\n2. Roadmap\n   - later\n\n#### Notes\n\n- none\n",
    );
    assert_eq!(
        titles(&doc.meeting()),
        [
            "js-ipfs sync",
            "  Agenda",
            "    Releases",
            "    Roadmap",
            "  Notes",
            "    none"
        ]
    );
    let doc = read("2019-08-22.md", "Agenda:\n\n1) Welcome\n2) CI\n");
    assert_eq!(titles(&doc.meeting()), ["Welcome", "CI"]);
}

#[test]
fn next_drops_done_boxes_at_any_heading_level() {
    let src = "# WG 2020-05-06\n\n### Items\n\n- [x] Done thing\n  - detail\n- [ ] Open thing\n\n### Other\n\n#### Deep\n\n- [X] Also done\n- [ ] Still open\n";
    let doc = read("wg.md", src);
    let next = scribe::markdown::next_agenda(&doc, &doc.meeting());
    assert!(
        !next.contains("Done thing") && !next.contains("Also done"),
        "{next}"
    );
    assert!(
        next.contains("- [ ] Open thing") && next.contains("- [ ] Still open"),
        "{next}"
    );
}
