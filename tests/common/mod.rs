//! Shared test fixtures: the group's real minutes (copied byte for byte into
//! `tests/corpus/` and `tests/seed/`) read into the meeting model.
//!
//! `outline` is a deliberately small reader used only by tests of modules that work
//! on a [`Meeting`]: every heading becomes an agenda entry (nested by heading level)
//! and every list entry a note (nested by list level) holding its source text
//! without list marker and checkbox, with the checkbox in `checked`. It keeps the
//! text exactly as typed, which is what the expectations in the tests are written
//! against.

#![allow(dead_code)]

pub mod pty;

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use scribe::model::{Attendance, Item, Items, Meeting, Note, Person};

/// The lines of `handle`'s open actions in a `scribe actions` report (none when
/// the handle has no actions).
pub fn action_lines(report: &scribe::action_items::ActionReport, handle: &str) -> Vec<String> {
    report
        .by_person
        .iter()
        .find(|p| p.handle == handle)
        .map(|p| p.actions.iter().map(|a| a.text.clone()).collect())
        .unwrap_or_default()
}

/// The Markdown files under `tests/relative`, at any depth, in order of path.
pub fn markdown_files_under(relative: &str) -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("corpus dir")
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&test_file(relative), &mut out);
    out
}

/// Path of a file under `tests/`.
pub fn test_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(relative)
}

/// The text of a file under `tests/`, without a UTF-8 byte order mark.
pub fn read_test_file(relative: &str) -> String {
    let path = test_file(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

/// A meeting read from a minutes file under `tests/` with [`outline`]; its
/// meeting time is taken from the `YYYY-MM-DD` in the file name, at 17:00 UTC.
pub fn meeting_from_minutes(relative: &str) -> Meeting {
    let text = read_test_file(relative);
    let date = relative
        .rsplit('/')
        .next()
        .and_then(|name| name.trim_end_matches(".md").rsplit_once("minutes-"))
        .map(|(_, d)| d.to_string())
        .expect("minutes file name ends in a date");
    let mut parts = date.split('-').map(|p| p.parse::<u32>().expect("date"));
    let (y, m, d) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let time = Utc.with_ymd_and_hms(y as i32, m, d, 17, 0, 0).unwrap();
    let title = text
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap_or("Minutes")
        .to_string();
    let mut meeting = Meeting::new(title, time);
    let (agenda, roster) = outline(&text);
    (meeting.agenda, meeting.roster) = (agenda, roster.into());
    meeting
}

/// Headings and list entries of `markdown` as an agenda tree (see module docs),
/// and the handles listed under attendance headings ("Attendees", "Regrets",
/// "Absents", "Attending") as the roster instead of as notes.
pub fn outline(markdown: &str) -> (Items, Vec<Person>) {
    let options = Options::ENABLE_TASKLISTS | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .collect();

    let mut agenda = Items::default();
    let mut roster: Vec<Person> = Vec::new();
    // Heading levels of the open agenda entries, outermost first.
    let mut heading_path: Vec<(HeadingLevel, usize)> = Vec::new();
    // Open list entries: (note being built, start of its nested list if any).
    let mut open_notes: Vec<(Note, usize, Option<usize>)> = Vec::new();

    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let line = markdown[range.clone()].lines().next().unwrap_or("");
                let title = line.trim_start_matches('#').trim().to_string();
                while heading_path.last().is_some_and(|(l, _)| *l >= *level) {
                    heading_path.pop();
                }
                let siblings = children_at(&mut agenda, &heading_path);
                siblings.push(Item::new(title).into());
                let index = siblings.len() - 1;
                heading_path.push((*level, index));
            }
            Event::Start(Tag::Item) => {
                open_notes.push((Note::default(), range.start, None));
            }
            Event::TaskListMarker(done) => {
                if let Some((note, _, _)) = open_notes.last_mut() {
                    note.checked = Some(*done);
                }
            }
            Event::Start(Tag::List(_)) => {
                if let Some((_, _, nested)) = open_notes.last_mut() {
                    nested.get_or_insert(range.start);
                }
            }
            Event::End(TagEnd::Item) => {
                let (mut note, start, nested) = open_notes.pop().expect("item was opened");
                let end = nested.unwrap_or(range.end);
                note.text = entry_text(&markdown[start..end]);
                match open_notes.last_mut() {
                    Some((parent, _, _)) => parent.notes.push(note),
                    None => {
                        if heading_path.is_empty() {
                            // Lists before any heading: keep them under an untitled entry.
                            agenda.push(Item::new("").into());
                            heading_path.push((HeadingLevel::H1, agenda.len() - 1));
                        }
                        let (parent, rest) = heading_path.split_last().expect("heading");
                        let siblings = children_at(&mut agenda, rest);
                        let heading = &mut siblings[parent.1];
                        if is_attendance_heading(&heading.title) {
                            add_to_roster(&mut roster, &note);
                        } else {
                            heading.notes.push(note);
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    (agenda, roster)
}

fn is_attendance_heading(title: &str) -> bool {
    let title = title.to_lowercase();
    ["attend", "regrets", "absent"]
        .iter()
        .any(|w| title.contains(w))
}

fn add_to_roster(roster: &mut Vec<Person>, note: &Note) {
    for handle in scribe::action_items::handles_in(&note.text) {
        if !roster
            .iter()
            .any(|p| p.handle.eq_ignore_ascii_case(&handle))
        {
            roster.push(Person {
                handle,
                name: None,
                attendance: Attendance::Present,
            });
        }
    }
    for child in &note.notes {
        add_to_roster(roster, child);
    }
}

/// The list of entries under the agenda path `path`.
fn children_at<'a>(agenda: &'a mut Items, path: &[(HeadingLevel, usize)]) -> &'a mut Items {
    let mut list = agenda;
    for (_, index) in path {
        list = &mut list[*index].items;
    }
    list
}

/// A list entry's own text: marker and checkbox removed, lines joined with spaces.
fn entry_text(source: &str) -> String {
    let mut text = source.trim_start();
    // The list marker: "-", "*", "+" or "1." / "1)".
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        text = &text[digits + 1..];
    } else {
        text = &text[1..];
    }
    let mut text = text.trim_start();
    for box_ in ["[ ]", "[x]", "[X]"] {
        if let Some(rest) = text.strip_prefix(box_) {
            text = rest.trim_start();
            break;
        }
    }
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A model of Liquid 4 for checking what Jekyll would run.
pub mod liquid_model;

/// Makes sure an outside program a test runs is installed, installing it when it
/// is missing, so that `cargo test` alone passes on a fresh machine (CI's
/// `.ci/run` does the same before the tests). `check` is a shell command that
/// succeeds when the program is there; `install` a shell command that installs it.
/// Installs are serialised across test processes by a lock file in `target/`.
pub fn ensure_tool(name: &str, check: &str, install: &str) {
    use std::process::Command;
    let present = || {
        Command::new("bash")
            .arg("-c")
            .arg(check)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if present() {
        return;
    }
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target).unwrap();
    let lock = std::fs::File::create(target.join("tool-install.lock")).unwrap();
    lock.lock().unwrap();
    if present() {
        return;
    }
    let output = Command::new("bash")
        .arg("-c")
        .arg(install)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run the install of {name} ({install}): {e}"));
    assert!(
        present(),
        "{name} is needed by this test and could not be installed with `{install}`:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Jekyll, from the system's packages.
pub fn ensure_jekyll() {
    ensure_tool(
        "jekyll",
        "command -v jekyll",
        "apt-get update -q && apt-get install -y -q --no-install-recommends jekyll",
    );
}

/// markdownlint-cli2, pinned by `tools/markdownlint/package-lock.json`.
pub fn ensure_markdownlint() {
    ensure_tool(
        "markdownlint-cli2",
        "test -x tools/markdownlint/node_modules/.bin/markdownlint-cli2",
        "npm ci --prefix tools/markdownlint --no-audit --no-fund",
    );
}

/// The system's `man`, to format scribe's man page.
pub fn ensure_man() {
    ensure_tool(
        "man",
        "command -v man",
        "apt-get update -q && apt-get install -y -q --no-install-recommends man-db",
    );
}

/// The screen of a program in a pseudo-terminal, as a terminal shows it, and the
/// raw bytes it wrote (to check for escape sequences): a thread reads `reader`
/// into both until the program's side closes.
pub type PtyScreen = std::sync::Arc<std::sync::Mutex<vt100::Parser>>;
/// The raw bytes written to a pseudo-terminal so far.
pub type PtyBytes = std::sync::Arc<std::sync::Mutex<Vec<u8>>>;

/// Starts mirroring a pseudo-terminal's output into a `rows` × `cols` screen.
pub fn mirror_pty(
    mut reader: Box<dyn std::io::Read + Send>,
    rows: u16,
    cols: u16,
) -> (PtyScreen, PtyBytes) {
    use std::sync::{Arc, Mutex};
    let screen = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(rows).expect("rows"),
        std::num::NonZeroU16::new(cols).expect("cols"),
        0,
    )));
    let raw = Arc::new(Mutex::new(Vec::new()));
    let (screen2, raw2) = (screen.clone(), raw.clone());
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen2.lock().unwrap().process(&buf[..n]);
            raw2.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    (screen, raw)
}
