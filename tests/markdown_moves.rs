//! Moving agenda items in a real document loses no line of it: in every file of
//! the group's corpus (`tests/corpus/`) and of other groups' (`tests/corpus-other/`),
//! each top-level section swapped with the next, and each section's items put in
//! the reverse order, gives a document with every line of the original (as text:
//! list markers and their numbers, heading marks, boxes and the spaces around a
//! line aside, which a move may change). A section or item written anew from the
//! meeting instead of moved with its own source drops what under it the meeting
//! does not hold (a paragraph, a table, `Meeting chair:` lines) and fails this.

mod common;

use scribe::markdown::Document;
use scribe::model::{Item, Meeting, Shared};
use std::path::PathBuf;

fn markdown_files() -> Vec<PathBuf> {
    let mut files = common::markdown_files_under("corpus");
    files.extend(common::markdown_files_under("corpus-other"));
    files
}

/// The document's lines that are not blank, as text, sorted.
fn lines_as_text(text: &str) -> Vec<String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .map(|l| {
            // A list marker: a number with `.` or `)`, or a bullet.
            let number = l.trim_start_matches(|c: char| c.is_ascii_digit());
            let marked = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
            match number.strip_prefix(['.', ')']) {
                Some(rest) if number.len() < l.len() && marked(rest) => rest.trim_start(),
                _ => match l.strip_prefix(['-', '*', '+']) {
                    Some(rest) if marked(rest) => rest.trim_start(),
                    _ => l,
                },
            }
        })
        .map(|l| {
            ["[ ] ", "[x] ", "[X] "]
                .iter()
                .find_map(|b| l.strip_prefix(b))
                .unwrap_or(l)
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect();
    lines.sort_unstable();
    lines
}

/// What `moved` lost and gained of `src`'s lines (a few of each).
fn difference(src: &[String], moved: &[String]) -> String {
    let lost: Vec<&String> = src.iter().filter(|l| !moved.contains(l)).take(3).collect();
    let gained: Vec<&String> = moved.iter().filter(|l| !src.contains(l)).take(3).collect();
    format!("lost {lost:?}, gained {gained:?}")
}

/// The meeting with its agenda changed by `change`.
fn with_agenda(m: &Meeting, change: impl FnOnce(&mut Vec<Shared<Item>>)) -> Meeting {
    let mut moved = m.clone();
    let mut agenda: Vec<Shared<Item>> = moved.agenda.iter().cloned().collect();
    change(&mut agenda);
    moved.agenda = agenda.into();
    moved
}

#[test]
fn moving_sections_and_items_keeps_every_line() {
    let (mut moves, mut failures) = (0, Vec::new());
    for path in markdown_files() {
        let bytes = std::fs::read(&path).expect("corpus file");
        let Ok(doc) = Document::parse(&path, &bytes) else {
            continue;
        };
        let src = lines_as_text(&String::from_utf8_lossy(&bytes));
        let m = doc.meeting();
        let sections = m.agenda.len();
        let mut tries = Vec::new();
        for i in 0..sections.saturating_sub(1) {
            let moved = with_agenda(&m, |a| a.swap(i, i + 1));
            tries.push((format!("sections {i} and {} swapped", i + 1), moved));
        }
        for i in (0..sections).filter(|&i| m.agenda[i].items.len() > 1) {
            let moved = with_agenda(&m, |a| {
                let mut items: Vec<Shared<Item>> = a[i].items.iter().cloned().collect();
                items.reverse();
                a[i].items = items.into();
            });
            tries.push((format!("section {i}'s items reversed"), moved));
        }
        for (what, moved) in tries {
            moves += 1;
            let out = String::from_utf8(doc.rewrite(&moved)).expect("UTF-8");
            let out = lines_as_text(&out);
            if out != src {
                failures.push(format!(
                    "{}, {what}: {}",
                    path.display(),
                    difference(&src, &out)
                ));
            }
        }
    }
    assert!(
        moves > 500,
        "only {moves} moves tried: is the corpus there?"
    );
    assert!(
        failures.is_empty(),
        "{} of {moves} moves lost text:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Deleting a section takes out its own lines only: read back, the document
/// has every other section, in order. (A section read under a heading of a
/// higher level than the next ones' is their sibling, not their parent.)
#[test]
fn deleting_a_section_keeps_every_other_one() {
    let (mut deletions, mut failures) = (0, Vec::new());
    for path in markdown_files() {
        let bytes = std::fs::read(&path).expect("corpus file");
        let Ok(doc) = Document::parse(&path, &bytes) else {
            continue;
        };
        let m = doc.meeting();
        let titles =
            |m: &Meeting| -> Vec<String> { m.agenda.iter().map(|s| s.title.clone()).collect() };
        for i in 0..m.agenda.len() {
            deletions += 1;
            let cut = with_agenda(&m, |a| {
                a.remove(i);
            });
            let out = doc.rewrite(&cut);
            let read = Document::parse(&path, &out).map(|d| titles(&d.meeting()));
            if read.as_ref() != Ok(&titles(&cut)) {
                failures.push(format!(
                    "{}, section {i} deleted: {:?}",
                    path.display(),
                    read.map(|t| t.len())
                ));
            }
        }
    }
    assert!(deletions > 500, "only {deletions} deletions tried");
    assert!(
        failures.is_empty(),
        "{} of {deletions} deletions:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
