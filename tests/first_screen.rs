//! A long meeting file's first screen is drawn from a preview read without the
//! notes of the agenda's items after the first (see `launch::preview`): that
//! screen must be the one the whole meeting draws, cell for cell, at any size;
//! and the session the real binary then runs works on the whole meeting.

mod common;

use std::path::Path;

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use common::pty::Pty;
use scribe::app::App;
use scribe::input::{Source, parse_input, preview_input};
use scribe::keymap::Keymap;
use scribe::launch::PREVIEW_FROM;
use scribe::meeting_file::to_yaml;
use scribe::model::{Meeting, Style};
use scribe::theme::Theme;
use scribe::tui::draw::draw;
use scribe::tui::view::{SaveStatus, View, Zone};

fn now() -> DateTime<Utc> {
    "2024-05-15T16:58:00Z".parse().unwrap()
}

/// The first screen of a session on `meeting` at `width`×`height`.
fn first_screen(meeting: Meeting, width: u16, height: u16) -> Buffer {
    let app = App::new(meeting, now());
    let view = View {
        output: "m-minutes.md".into(),
        keymap: Keymap::default_map(),
        zone: Zone::Utc,
        theme: Theme::dark(),
        save: SaveStatus::default(),
        panel: None,
    };
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| draw(frame, &app, &view)).unwrap();
    terminal.backend().buffer().clone()
}

/// The whole meeting in `bytes` (a meeting file at `path`), and its preview.
fn read_both(path: &Path, bytes: &[u8]) -> (Meeting, Option<Meeting>) {
    let whole = match parse_input(path, bytes).unwrap() {
        Source::Yaml(meeting) => *meeting,
        Source::Markdown(_) => panic!("{} is read as Markdown", path.display()),
    };
    (whole, preview_input(path, bytes))
}

fn assert_same_first_screens(name: &str, whole: &Meeting, preview: &Meeting) {
    for (width, height) in [(120, 40), (80, 24), (200, 60), (60, 20)] {
        assert_eq!(
            first_screen(preview.clone(), width, height),
            first_screen(whole.clone(), width, height),
            "{name} at {width}x{height}"
        );
    }
}

#[test]
fn a_long_meeting_files_preview_draws_the_whole_meetings_first_screen() {
    for scale in [20, 100] {
        let text = to_yaml(&scribe::workload::meeting(scale));
        assert!(
            text.len() >= PREVIEW_FROM,
            "scale {scale} is long enough to be previewed"
        );
        let (whole, preview) = read_both(Path::new("m.yaml"), text.as_bytes());
        let preview = preview.expect("a file scribe wrote is previewed");
        // The preview leaves most notes out: it is not the whole meeting.
        assert_ne!(preview, whole);
        assert_same_first_screens(&format!("scale {scale}"), &whole, &preview);
    }
}

#[test]
fn meeting_files_of_the_repository_preview_as_their_first_screen() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut previewed = 0;
    for dir in ["examples", "tests/fixtures", "tests/tui"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let Ok(Source::Yaml(whole)) = parse_input(&path, &bytes) else {
                continue;
            };
            // Written back by scribe, in the form the preview reads.
            let written = to_yaml(&whole);
            for text in [&bytes[..], written.as_bytes()] {
                if let (whole, Some(preview)) = read_both(&path, text) {
                    assert_same_first_screens(&path.display().to_string(), &whole, &preview);
                    previewed += 1;
                }
            }
        }
    }
    assert!(previewed >= 5, "only {previewed} files previewed");
}

#[test]
fn markdown_and_files_not_in_scribes_form_are_not_previewed() {
    let text = "title: T\nmeeting_time: 2024-05-15 17:00 UTC\nagenda:\n- A # a comment\n- B\n";
    assert!(preview_input(Path::new("m.yaml"), text.as_bytes()).is_none());
    let markdown = "# Agenda\n\n- [ ] one\n- [ ] two\n";
    assert!(preview_input(Path::new("m.md"), markdown.as_bytes()).is_none());
}

/// The meeting file `m.yaml` in `dir`, long enough to be previewed; its text.
fn long_meeting_file(dir: &Path) -> String {
    let text = to_yaml(&scribe::workload::meeting(20));
    assert!(text.len() >= PREVIEW_FROM);
    std::fs::write(dir.join("m.yaml"), &text).unwrap();
    text
}

fn start(dir: &Path) -> Pty {
    start_with(dir, &["m.yaml"])
}

fn start_with(dir: &Path, args: &[&str]) -> Pty {
    Pty::spawn(dir, args, 120, 40, |cmd| {
        cmd.env("SCRIBE_FIXED_NOW", "2024-05-15T17:05:00Z");
    })
}

/// The meeting file `m.yaml` in `dir`, long enough to be previewed, with a
/// note near its end the whole file's reading refuses (a key no note has)
/// and the preview does not read; its text and the line of that key.
fn long_meeting_file_with_a_late_error(dir: &Path) -> (String, usize) {
    let mut text = long_meeting_file(dir);
    let at = text
        .rfind("\n    - text: ")
        .expect("a note with nested notes")
        + 1;
    let line = text[..at].lines().count() + 2;
    text.insert_str(at, "    - text: a note\n      colour: red\n");
    std::fs::write(dir.join("m.yaml"), &text).unwrap();
    assert!(preview_input(Path::new("m.yaml"), text.as_bytes()).is_some());
    (text, line)
}

/// Whether the terminal was set up for the interface (the alternate screen).
const INTERFACE: &str = "\x1b[?1049h";

#[test]
fn the_session_after_a_preview_works_on_the_whole_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let text = long_meeting_file(dir.path());
    let whole = scribe::meeting_file::parse_meeting(&text, Path::new("m.yaml")).unwrap();
    // The third item's first sub-item: its notes are not in the preview.
    let later = &whole.agenda[2].items[0];
    let note: String = later.notes[0].text.chars().take(24).collect();
    let mut s = start(dir.path());
    s.wait_for(&whole.title);
    s.wait_for("m-minutes.md");
    for _ in 0..3 {
        s.send("j");
    }
    s.wait_for(&note);
    s.send("q");
    assert!(s.wait_exit().success(), "{}", s.contents());
    // Every item's notes are in the minutes.
    let written = std::fs::read_to_string(dir.path().join("m-minutes.md")).unwrap();
    assert_eq!(written, scribe::minutes::to_markdown(&whole, Style::Seed));
}

#[test]
fn an_error_the_preview_passed_over_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (text, line) = long_meeting_file_with_a_late_error(dir.path());
    let mut s = start(dir.path());
    assert!(!s.wait_exit().success(), "{}", s.contents());
    // The first screen was drawn from the preview before the error.
    assert!(s.raw_text().contains(INTERFACE));
    let screen = s.screen.lock().unwrap();
    assert!(
        !screen.screen().alternate_screen(),
        "back on the main screen"
    );
    let out = screen.screen().contents();
    assert!(out.contains(&format!("m.yaml:{line}:")), "{out}");
    assert!(out.contains("colour"), "{out}");
    drop(screen);
    // Nothing was written: no minutes, and the file is as it was.
    assert!(!dir.path().join("m-minutes.md").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("m.yaml")).unwrap(),
        text
    );
}

/// `-o` naming a file not there yet cannot be refused: the first screen comes
/// from the preview as without it, and an error the preview passed over
/// still writes nothing, there or beside the meeting file.
#[test]
fn a_new_file_named_by_o_is_previewed_and_written_only_after_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let (text, line) = long_meeting_file_with_a_late_error(dir.path());
    let mut s = start_with(dir.path(), &["m.yaml", "-o", "out.md"]);
    assert!(!s.wait_exit().success(), "{}", s.contents());
    let raw = s.raw_text();
    assert!(raw.contains(INTERFACE), "{raw:?}");
    let title = scribe::workload::meeting(20).title;
    assert!(raw.contains(&title), "the first screen: {raw:?}");
    let out = s.contents();
    assert!(out.contains(&format!("m.yaml:{line}:")), "{out}");
    assert!(!dir.path().join("out.md").exists());
    assert!(!dir.path().join("m-minutes.md").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("m.yaml")).unwrap(),
        text
    );
}

/// `-o` naming a file that exists and is not these minutes is refused before
/// any screen (telling takes the whole meeting), and the file is left as it is.
#[test]
fn an_existing_file_named_by_o_is_refused_before_any_screen() {
    let dir = tempfile::tempdir().unwrap();
    long_meeting_file(dir.path());
    let theirs = "# Someone's notes\n\nNot scribe's.\n";
    std::fs::write(dir.path().join("theirs.md"), theirs).unwrap();
    let mut s = start_with(dir.path(), &["m.yaml", "-o", "theirs.md"]);
    assert!(!s.wait_exit().success(), "{}", s.contents());
    let raw = s.raw_text();
    assert!(!raw.contains(INTERFACE), "{raw:?}");
    assert!(
        s.contents().contains("-o names a file that exists"),
        "{raw:?}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("theirs.md")).unwrap(),
        theirs
    );
}
