//! No input makes the Markdown reader or writer panic, and any valid UTF-8 input is
//! written back unchanged when the meeting is unchanged.

use proptest::prelude::*;
use scribe::markdown::{
    Document, document_to_markdown, import_markdown_on, import_meeting, next_agenda,
};
use scribe::model::{Attendance, Item, Items, Meeting, Note, Person, Shared};
use std::path::Path;

/// Pieces of the group's Markdown, to make inputs that look like minutes.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("- ".to_string()),
        Just("* ".to_string()),
        Just("*   ".to_string()),
        Just("1. ".to_string()),
        Just("10.  ".to_string()),
        Just("  ".to_string()),
        Just("    ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("[ ] ".to_string()),
        Just("[x] ".to_string()),
        Just("[X] ".to_string()),
        Just("[] ".to_string()),
        Just("@sjn".to_string()),
        Just("@tux, @book".to_string()),
        Just(" – ".to_string()),
        Just(" - ".to_string()),
        Just("### ".to_string()),
        Just("## ".to_string()),
        Just("#### ".to_string()),
        Just("# Minutes 2024-05-15\n".to_string()),
        Just("## 17:00 UTC – Meeting start\n".to_string()),
        Just("## 18:00 UTC – Meeting end\n".to_string()),
        Just("## 16:30 UTC – Pre-meeting socializing\n".to_string()),
        Just("Attendees".to_string()),
        Just("Attendees, absents & regrets".to_string()),
        Just("Regrets".to_string()),
        Just("Absents".to_string()),
        Just("Partly attending".to_string()),
        Just("Present: ".to_string()),
        Just(": ".to_string()),
        Just(", ".to_string()),
        Just("…".to_string()),
        Just("---\n".to_string()),
        Just("title: Minutes\n".to_string()),
        Just("meeting_time: May 15th, 2024 17:00 UTC\n".to_string()),
        Just("```\n".to_string()),
        Just("> ".to_string()),
        Just("é€😀".to_string()),
        Just("İ\u{212a}ẞ".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{a0}".to_string()),
        Just("[a](b)".to_string()),
        Just("**Location**: ".to_string()),
        Just("Next meeting is June 5th @ 16:00 UTC".to_string()),
        Just("Next meeting date".to_string()),
        Just("Elect next meeting chair and secretary".to_string()),
        Just("Meeting chair: ".to_string()),
        Just("Chair: ".to_string()),
        Just("Meeting scribe:".to_string()),
        Just("(arrived late)".to_string()),
        Just("(left early)".to_string()),
        Just("Approve previous meeting minutes".to_string()),
        Just("Meeting details".to_string()),
        Just("{{ x }}".to_string()),
        Just("<div>".to_string()),
        Just("===\n".to_string()),
        "[a-zA-Z0-9 ]{0,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn minutes_like() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

fn path() -> &'static Path {
    // The file name carries a date, so that inputs without one still read.
    Path::new("minutes-2024-05-15.md")
}

/// Every kind of change the TUI makes, applied everywhere at once.
fn change_everything(m: &Meeting) -> Meeting {
    fn items(list: &mut [Shared<Item>]) {
        for it in list {
            it.checked = Some(!it.checked.unwrap_or(false));
            it.notes.push(Note::new("new note {{ x }}"));
            if let Some(n) = it.notes.first_mut() {
                n.text.push_str(" edited\nsecond line");
                n.checked = None;
            }
            items(&mut it.items);
            it.items.push(Item::new("new item").into());
        }
    }
    let mut m = m.clone();
    items(&mut m.agenda);
    if !m.agenda.is_empty() {
        m.agenda.remove(0);
    }
    m.agenda.push(Item::new("Last section").into());
    for (k, p) in m.roster.iter_mut().enumerate() {
        p.attendance = match k % 4 {
            0 => Attendance::Absent,
            1 => Attendance::Regrets,
            2 => Attendance::ArrivedLate { at: None },
            _ => Attendance::Present,
        };
    }
    m.roster.push(Person {
        handle: "newcomer".into(),
        name: None,
        attendance: Attendance::Present,
    });
    m.chairs = vec!["a".into(), "b".into()];
    m.next.chairs.clear();
    m.next.text = Some("Next meeting is 2099-01-01".into());
    m.actual.start = Some(m.meeting_time + chrono::Duration::minutes(3));
    m.actual.end = Some(m.meeting_time + chrono::Duration::minutes(61));
    m.meeting_time += chrono::Duration::days(1);
    m.title.push('!');
    m
}

/// Every list of the agenda in reverse order, and in each list the second
/// item indented under the first: the moves the TUI makes (`J`/`K`, `>`).
fn move_everything(m: &Meeting) -> Meeting {
    fn items(list: &mut Items) {
        let mut all: Vec<Shared<Item>> = list.iter().cloned().collect();
        all.reverse();
        for it in &mut all {
            items(&mut it.items);
        }
        if all.len() > 1 {
            let second = all.remove(1);
            all[0].items.push(second);
        }
        *list = all.into();
    }
    let mut m = m.clone();
    items(&mut m.agenda);
    m
}

fn exercise(text: &str) -> Result<(), TestCaseError> {
    let Ok(doc) = Document::parse(path(), text.as_bytes()) else {
        return Ok(());
    };
    let m = doc.meeting();
    prop_assert_eq!(String::from_utf8(doc.rewrite(&m)).expect("utf8"), text);
    let moved = String::from_utf8(doc.rewrite(&move_everything(&m))).expect("utf8");
    let _ = Document::parse(path(), moved.as_bytes());
    let changed = change_everything(&m);
    let out = String::from_utf8(doc.rewrite(&changed)).expect("utf8");
    let _ = Document::parse(path(), out.as_bytes());
    let next = next_agenda(&doc, &m);
    let _ = Document::parse(path(), next.as_bytes());
    let _ = document_to_markdown(&import_meeting(&doc));
    same_import(text.as_bytes())
}

/// The import's own reading ([`import_markdown_on`]) gives the meeting that
/// importing the whole document gives, or the same error, whether the file name
/// dates the meeting or not.
fn same_import(bytes: &[u8]) -> Result<(), TestCaseError> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 4).expect("date");
    for at in [path(), Path::new("notes.md")] {
        let whole = Document::parse_on(at, bytes, today).map(|d| import_meeting(&d));
        let fast = import_markdown_on(at, bytes, today);
        prop_assert_eq!(fast, whole);
    }
    Ok(())
}

proptest! {
    // PROPTEST_CASES runs more cases when hunting for problems.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
    ))]

    #[test]
    fn minutes_like_text_never_panics_and_round_trips(text in minutes_like()) {
        exercise(&text)?;
    }

    #[test]
    fn any_text_never_panics_and_round_trips(text in any::<String>()) {
        exercise(&text)?;
    }

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(doc) = Document::parse(path(), &bytes) {
            prop_assert!(doc.rewrite(&doc.meeting()) == bytes);
        }
        same_import(&bytes)?;
    }
}

#[test]
fn corpus_files_survive_every_change() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for e in std::fs::read_dir(root).expect("corpus") {
        let p = e.expect("entry").path();
        let text = std::fs::read_to_string(&p).expect("text");
        exercise(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
}
