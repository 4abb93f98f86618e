//! Other groups' real minutes and agendas (`tests/corpus-other/`, sources in its
//! README): every file opens, renders back byte for byte, imports to the same
//! CommonMark HTML, gives a `next` agenda that drops every `[x]` and keeps every
//! `[ ]`, yields its roster, and takes one check and one note by changing only
//! the lines they are about. `figures` prints the counts over the whole corpus
//! (`cargo test --test corpus_other -- --nocapture`).

mod common;

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use scribe::app::{Action, App, Key, update};
use scribe::markdown::{
    Document, document_to_markdown, import_meeting, markdown_options, next_agenda,
};
use scribe::model::{Item, Shared};

fn corpus_files() -> Vec<PathBuf> {
    let mut files = common::markdown_files_under("corpus-other");
    files.retain(|p| p.file_name().is_some_and(|n| n != "README.md"));
    files
}

fn to_html(t: &str) -> String {
    let t = t.strip_prefix('\u{feff}').unwrap_or(t);
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(
            t,
            markdown_options() | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
        ),
    );
    out
}

/// Task boxes as CommonMark sees them: open ones, checked ones, and checked ones
/// with an open box somewhere below them (which `next` keeps for that box).
fn boxes(text: &str) -> (usize, usize, usize) {
    let (mut open, mut checked, mut checked_over_open) = (0, 0, 0);
    // Per open list item: its box, and whether an open box is below it.
    let mut stack: Vec<(Option<bool>, bool)> = Vec::new();
    for ev in Parser::new_ext(text, markdown_options()) {
        match ev {
            Event::Start(Tag::Item) => stack.push((None, false)),
            Event::TaskListMarker(c) => {
                if let Some(top) = stack.last_mut() {
                    top.0 = Some(c);
                }
                if c {
                    checked += 1;
                } else {
                    open += 1;
                }
            }
            Event::End(TagEnd::Item) => {
                let (b, open_below) = stack.pop().unwrap_or((None, false));
                if b == Some(true) && open_below {
                    checked_over_open += 1;
                }
                if let Some(parent) = stack.last_mut() {
                    parent.1 |= open_below || b == Some(false);
                }
            }
            _ => {}
        }
    }
    (open, checked, checked_over_open)
}

/// Whether the text names people in an attendance list or line.
fn lists_people(text: &str) -> bool {
    const LABELS: [&str; 12] = [
        "attendees",
        "attendance",
        "present",
        "attending",
        "participants",
        "roll call",
        "members",
        "regrets",
        "apologies",
        "absent",
        "excused",
        "council",
    ];
    text.lines().any(|l| {
        let t = l
            .trim_start_matches(|c: char| c.is_whitespace() || "#*-+>|_".contains(c))
            .to_lowercase();
        LABELS.iter().any(|w| {
            t.strip_prefix(w).is_some_and(|rest| {
                let rest = rest.trim_start_matches(['*', '_', ' ']);
                rest.is_empty() || rest.starts_with(':') || rest.starts_with(['(', '\r'])
            })
        })
    })
}

/// Lines changed between two texts (one local edit): the lines removed and the
/// lines added once the common first and last lines are taken away.
fn lines_changed(a: &str, b: &str) -> (usize, usize) {
    let a: Vec<&str> = a.split_inclusive('\n').collect();
    let b: Vec<&str> = b.split_inclusive('\n').collect();
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let rest = a.len().min(b.len()) - pre;
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(rest)
        .take_while(|(x, y)| x == y)
        .count();
    (a.len() - pre - suf, b.len() - pre - suf)
}

/// The first agenda entry (depth first) that `want` accepts.
fn find_path(
    items: &[Shared<Item>],
    prefix: &[usize],
    want: &dyn Fn(&Item, usize) -> bool,
) -> Option<Vec<usize>> {
    for (i, it) in items.iter().enumerate() {
        let mut p = prefix.to_vec();
        p.push(i);
        if want(it, p.len()) {
            return Some(p);
        }
        if let Some(f) = find_path(&it.items, &p, want) {
            return Some(f);
        }
    }
    None
}

fn app_for(doc: &Document, path: Vec<usize>) -> App {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
    let mut app = App::new(doc.meeting(), now);
    app.agenda_cursor = path;
    app
}

/// One check with the secretary's key, on a list entry without a box when there
/// is one: the minutes written, and the lines that changed.
fn one_check(doc: &Document) -> Option<(String, (usize, usize))> {
    let m = doc.meeting();
    let path = find_path(&m.agenda, &[], &|it, depth| {
        depth >= 2 && it.heading.is_none() && it.checked.is_none()
    })
    .or_else(|| {
        find_path(&m.agenda, &[], &|it, depth| {
            depth >= 2 && it.heading.is_none()
        })
    })
    // Documents whose agenda is one list: its entries are the top level.
    .or_else(|| {
        find_path(&m.agenda, &[], &|it, _| {
            it.items.is_empty() && it.checked.is_none()
        })
    })?;
    let mut app = app_for(doc, path);
    let now = app.now;
    update(&mut app, Action::ToggleCheck, now);
    let out = doc.rewrite_string(&app.meeting);
    let n = lines_changed(doc.source(), &out);
    Some((out, n))
}

/// One note typed with the secretary's keys, on an item that has notes already
/// when there is one.
fn one_note(doc: &Document) -> Option<(String, (usize, usize))> {
    let m = doc.meeting();
    let path = find_path(&m.agenda, &[], &|it, _| !it.notes.is_empty())
        .or_else(|| find_path(&m.agenda, &[], &|_, _| true))?;
    let mut app = app_for(doc, path);
    let now = app.now;
    update(&mut app, Action::EditNotes, now);
    for c in "typed note".chars() {
        update(&mut app, Action::Type(Key::char(c)), now);
    }
    update(&mut app, Action::LeaveEditor, now);
    let out = doc.rewrite_string(&app.meeting);
    let n = lines_changed(doc.source(), &out);
    Some((out, n))
}

#[derive(Default)]
struct Figures {
    total: usize,
    opened: usize,
    identical: usize,
    import_equal: usize,
    with_boxes: usize,
    next_ok: usize,
    listing_people: usize,
    roster_found: usize,
    check_lines: Vec<(usize, usize)>,
    note_lines: Vec<(usize, usize)>,
    note_own_line: usize,
    failures: Vec<String>,
}

fn figures() -> Figures {
    let mut f = Figures::default();
    for path in corpus_files() {
        f.total += 1;
        let name = path
            .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus-other"))
            .unwrap_or(&path)
            .display()
            .to_string();
        let bytes = std::fs::read(&path).expect("read");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let people = lists_people(&text);
        f.listing_people += usize::from(people);
        let doc = match Document::parse(&path, &bytes) {
            Ok(d) => d,
            Err(e) => {
                f.failures.push(format!("open {name}: {e}"));
                continue;
            }
        };
        f.opened += 1;
        let m = doc.meeting();
        if doc.rewrite(&m) == bytes {
            f.identical += 1;
        } else {
            f.failures.push(format!("render {name}"));
        }
        if to_html(&document_to_markdown(&import_meeting(&doc))) == to_html(&text) {
            f.import_equal += 1;
        } else {
            f.failures.push(format!("import {name}"));
        }
        let (open, checked, _) = boxes(&text);
        if open + checked > 0 {
            f.with_boxes += 1;
            let next = next_agenda(&doc, &m);
            let (n_open, n_checked, _) = boxes(&next);
            // Every open box stays; a checked one only for an open box below it.
            // (A roll call's ticks are attendance: the next agenda unticks them.)
            let (_, _, over_open) = boxes(&text);
            if n_open >= open && n_checked <= over_open {
                f.next_ok += 1;
            } else {
                f.failures.push(format!(
                    "next {name}: [ ] {open}->{n_open}, [x] {checked}->{n_checked}"
                ));
            }
        }
        if std::env::var_os("SHOW_ROSTER").is_some() {
            let names: Vec<String> = m
                .roster
                .iter()
                .map(|p| format!("{}={:?}", p.mention(), p.attendance))
                .collect();
            println!("{name}: {}", names.join(", "));
        }
        if people {
            if m.roster.is_empty() {
                f.failures.push(format!("roster {name}"));
            } else {
                f.roster_found += 1;
            }
        }
        match one_check(&doc) {
            Some((_, n)) => {
                if n != (1, 1) {
                    f.failures
                        .push(format!("check {name}: {n:?} lines removed, added"));
                }
                f.check_lines.push(n);
            }
            None => f.failures.push(format!("no item to check in {name}")),
        }
        if let Some((out, n)) = one_note(&doc) {
            // The note on a line of its own: nothing removed, one line holding
            // it (a first note under a heading also brings a blank line).
            let note_lines = out.lines().filter(|l| l.contains("typed note")).count();
            let own_line = out
                .lines()
                .any(|l| l.trim_start().trim_start_matches(['-', '*', '+']).trim() == "typed note");
            if n.0 != 0 || n.1 > 2 || note_lines != 1 || !own_line {
                f.failures
                    .push(format!("note {name}: {n:?} lines removed, added"));
            } else {
                f.note_own_line += 1;
            }
            f.note_lines.push(n);
        }
    }
    f
}

/// How many edits removed and added exactly `want` lines, and the largest.
fn summary(v: &[(usize, usize)], want: (usize, usize)) -> String {
    let exact = v.iter().filter(|n| **n == want).count();
    format!(
        "{exact}/{} remove {} and add {} lines (most: {} removed, {} added)",
        v.len(),
        want.0,
        want.1,
        v.iter().map(|n| n.0).max().unwrap_or(0),
        v.iter().map(|n| n.1).max().unwrap_or(0),
    )
}

#[test]
fn figures_over_the_corpus() {
    let f = figures();
    println!("opened:            {}/{}", f.opened, f.total);
    println!("byte-identical:    {}/{}", f.identical, f.total);
    println!("import HTML-equal: {}/{}", f.import_equal, f.total);
    println!(
        "next correct:      {}/{} files with boxes",
        f.next_ok, f.with_boxes
    );
    println!(
        "roster found:      {}/{} files listing people",
        f.roster_found, f.listing_people
    );
    println!("one check:         {}", summary(&f.check_lines, (1, 1)));
    println!("one note:          {}", summary(&f.note_lines, (0, 1)));
    println!(
        "                   {}/{} on a line of its own, nothing removed",
        f.note_own_line,
        f.note_lines.len()
    );
    for l in &f.failures {
        println!("  {l}");
    }
    // What this corpus reaches now; a change that loses any of it fails here.
    assert_eq!(f.opened, f.total, "every file opens");
    assert_eq!(
        f.identical, f.total,
        "every file renders back byte for byte"
    );
    assert_eq!(f.import_equal, f.total, "import HTML-equal");
    assert_eq!(f.next_ok, f.with_boxes, "next correct");
    assert!(f.roster_found >= 33, "roster found {}", f.roster_found);
    assert!(
        f.check_lines.iter().all(|n| *n == (1, 1)),
        "one check, one line"
    );
    assert_eq!(
        f.note_own_line,
        f.note_lines.len(),
        "one note, a line of its own"
    );
}

fn open(rel: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus-other")
        .join(rel);
    let bytes = std::fs::read(&path).expect("read");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 2, 3).unwrap();
    Document::parse_on(&path, &bytes, today).expect("opens")
}

/// Dates as the files write them (read by eye from each file), including those
/// that only a folder, a slashed or compact date, or nothing at all gives.
#[test]
fn every_file_is_dated_as_it_says() {
    for (rel, date, assumed) in [
        (
            "ethereum-acd/AllCoreDevs-CL-Meetings/call_042.md",
            "2020-06-25",
            false,
        ),
        (
            "ethereum-acd/AllCoreDevs-EL-Meetings/Meeting 21.md",
            "2017-07-28",
            false,
        ),
        (
            "ossf-best-practices-wg/minutes/2021/20210622.md",
            "2021-06-22",
            false,
        ),
        (
            "ossf-best-practices-wg/minutes/meeting-minutes.md",
            "2021-06-08",
            false,
        ),
        ("w3c-tag/2021/01-Kronos/agenda.md", "2021-01-25", false),
        (
            "aswf-rez-tsc/ASWF/TSC/meeting-notes/2023-07-20/notes.md",
            "2023-07-20",
            false,
        ),
        ("w3c-tag/2019/telcons/06-12-minutes.md", "2019-06-12", false),
        ("spdx/general/2012/2012-08-23.md", "2012-08-23", false),
        // "Feb 12, 14:00 UTC" and no year anywhere: today, as a guess.
        (
            "ethereum-acd/Breakout-Room-Meetings/Verkle/Meeting 12.md",
            "2026-02-03",
            true,
        ),
    ] {
        let m = open(rel).meeting();
        assert_eq!(m.meeting_time.date_naive().to_string(), date, "{rel}");
        assert_eq!(m.date_assumed, assumed, "{rel}");
    }
}
