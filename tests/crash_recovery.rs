//! Crash recovery of the real binary: a scripted meeting is typed into `scribe` in a
//! pseudo-terminal and the process is killed with `kill -9` at seeded random points;
//! each time it is started again with `--resume`, and what it recovers is compared
//! with the same keys applied in-process.
//!
//! "Reached the screen" is checked, not assumed: before each kill the test waits
//! until the terminal (read back through vt100) shows exactly the screen the
//! in-process state draws after the last key sent, cursor included. Then a few more
//! keys may be sent without waiting, and the kill comes at once: those may or may
//! not be recovered, but everything up to the confirmed key must be.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use common::pty::Pty;
use scribe::app::App;
use scribe::keymap::Keymap;
use scribe::minutes::to_markdown;
use scribe::model::Style;
use scribe::services::session::Session;
use scribe::tui::view::{SaveStatus, View, Zone};

const FIXED_NOW: &str = "2024-05-15T17:05:00Z";
const COLS: u16 = 110;
const ROWS: u16 = 34;

/// One key of the script: the bytes a terminal sends, and the key event they are.
#[derive(Clone)]
struct ScriptKey {
    bytes: String,
    event: KeyEvent,
}

fn key(code: KeyCode, bytes: &str) -> ScriptKey {
    let modifiers = if code == KeyCode::BackTab {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    ScriptKey {
        bytes: bytes.into(),
        event: KeyEvent::new(code, modifiers),
    }
}

fn text(s: &str) -> Vec<ScriptKey> {
    s.chars()
        .map(|c| key(KeyCode::Char(c), &c.to_string()))
        .collect()
}

/// A meeting as a secretary types it: notes under items, checks, attendance, undo.
fn script() -> Vec<ScriptKey> {
    let enter = || key(KeyCode::Enter, "\r");
    let esc = || key(KeyCode::Esc, "\x1b");
    let mut s = Vec::new();
    s.push(enter());
    s.extend(text("Approved in PR#65 by @oalders"));
    s.push(enter());
    s.extend(text("tux to merge it today"));
    s.push(esc());
    s.extend(text(" j"));
    s.push(enter());
    s.extend(text("CNA talks with the CVE folks"));
    s.push(enter());
    s.extend(text("next steps by Friday"));
    s.push(esc());
    s.push(key(KeyCode::Tab, "\t"));
    s.extend(text("pjpjl"));
    s.push(key(KeyCode::BackTab, "\x1b[Z"));
    s.extend(text("jj u"));
    s.push(enter());
    s.extend(text("Vote: unanimous in favor"));
    s.push(esc());
    s.extend(text("kk"));
    s
}

/// What the terminal shows: rows, cells in reverse video, the cursor if shown.
type Shown = (Vec<String>, Vec<(u16, u16)>, Option<(u16, u16)>);

/// The in-process state after each prefix of the script: minutes, screen, cursor.
struct Expected {
    minutes: String,
    rows: Vec<String>,
    /// The cells drawn in reverse video (the selection).
    reversed: Vec<(u16, u16)>,
    /// Where the terminal's cursor is shown (row, column), if it is: in the
    /// editor, where typing goes.
    cursor: Option<(u16, u16)>,
    /// Characters typed into notes by this prefix (for counting what a loss costs).
    typed_chars: usize,
}

fn fixed_now() -> DateTime<Utc> {
    FIXED_NOW.parse().unwrap()
}

fn expectations(input: &Path, script: &[ScriptKey]) -> Vec<Expected> {
    let meeting = scribe::meeting_file::load_meeting(input).unwrap();
    let view = View {
        output: "meeting-minutes.md".into(),
        keymap: Keymap::default_map(),
        zone: Zone::Utc,
        theme: scribe::theme::Theme::dark(),
        save: SaveStatus::default(),
        panel: None,
    };
    let mut session = Session::new(App::new(meeting, fixed_now()), None);
    let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).unwrap();
    let mut out = Vec::new();
    let mut typed_chars = 0;
    for i in 0..=script.len() {
        terminal
            .draw(|f| scribe::tui::draw::draw(f, &session.app, &view))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        let rows = (0..ROWS)
            .map(|y| {
                let mut row = String::new();
                let mut skip = 0;
                for x in 0..COLS {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let symbol = buffer[(x, y)].symbol();
                    skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                    row.push_str(symbol);
                }
                row.trim_end().to_string()
            })
            .collect();
        let reversed = (0..ROWS - 1)
            .flat_map(|y| (0..COLS).map(move |x| (y, x)))
            .filter(|&(y, x)| {
                buffer[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::REVERSED)
            })
            .collect::<Vec<_>>();
        let backend = terminal.backend();
        let cursor = backend.cursor_visible().then(|| {
            let at = backend.cursor_position();
            (at.y, at.x)
        });
        // The editor shows the terminal's cursor: the check sees where typing goes.
        assert!(session.app.editor.is_none() || cursor.is_some());
        out.push(Expected {
            minutes: to_markdown(&session.app.meeting, Style::Seed),
            rows,
            reversed,
            cursor,
            typed_chars,
        });
        if let Some(k) = script.get(i) {
            let key = scribe::tui::keys::from_crossterm(&k.event).unwrap();
            let action = view.keymap.resolve(session.app.mode(), key);
            let action = action.unwrap_or_else(|| panic!("key {} does nothing", k.bytes));
            if session.app.editor.is_some() && matches!(k.event.code, KeyCode::Char(_)) {
                typed_chars += 1;
            }
            session.apply(action, fixed_now());
        }
    }
    out
}

/// `scribe ARGS` in a pseudo-terminal.
struct Live(Pty);

impl std::ops::Deref for Live {
    type Target = Pty;
    fn deref(&self) -> &Pty {
        &self.0
    }
}

impl std::ops::DerefMut for Live {
    fn deref_mut(&mut self) -> &mut Pty {
        &mut self.0
    }
}

impl Live {
    fn start(dir: &Path, args: &[&str]) -> Live {
        let mut pty = Pty::spawn(dir, args, COLS, ROWS, |cmd| {
            cmd.env("SCRIBE_FIXED_NOW", FIXED_NOW);
        });
        pty.pause = Duration::from_millis(3);
        Live(pty)
    }

    fn send(&mut self, k: &ScriptKey) {
        self.0.send(&k.bytes);
    }

    /// The screen's rows, the cells but the status line's in reverse video, and
    /// where the cursor is shown.
    fn shown(&self) -> Shown {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        let rows = screen
            .rows(0, COLS)
            .map(|r| r.trim_end().to_string())
            .collect();
        let reversed = (0..ROWS - 1)
            .flat_map(|y| (0..COLS).map(move |x| (y, x)))
            .filter(|&(y, x)| screen.cell(y, x).is_some_and(|c| c.inverse()))
            .collect();
        let cursor = (!screen.hide_cursor()).then(|| screen.cursor_position());
        (rows, reversed, cursor)
    }

    /// Waits until the terminal shows `expected` (all but the status line, which
    /// says when the minutes were saved).
    fn wait_for_screen(&self, expected: &Expected, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let (rows, reversed, cursor) = self.shown();
            let body = ROWS as usize - 1;
            let same_rows = rows.len() >= body && rows[..body] == expected.rows[..body];
            if same_rows && reversed == expected.reversed && cursor == expected.cursor {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "{what}: the screen never showed the expected state.\nexpected (reverse video at {:?}, cursor {:?}):\n{}\n\nshown (reverse video at {reversed:?}, cursor {cursor:?}):\n{}",
                    expected.reversed,
                    expected.cursor,
                    expected.rows.join("\n"),
                    rows.join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// The journal in the data folder under `dir` (one meeting's).
fn journal_of(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir.join("data/scribe/journal"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .expect("a journal")
}

/// The number of journal records (actions, undos, redos) in the last session.
fn journaled_keys(dir: &Path) -> usize {
    let journal = journal_of(dir);
    let text = std::fs::read_to_string(journal).unwrap();
    let mut count = 0;
    for line in text.lines() {
        // A torn last record is not a key that was kept.
        let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        match record["kind"].as_str() {
            Some("open") => count = 0,
            Some("action" | "undo" | "redo") => count += 1,
            _ => {}
        }
    }
    count
}

/// A small seeded generator (xorshift), so the kill points are the same each run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Waits until the minutes file says `expected` (the writer waits a moment).
fn wait_for_minutes(path: &Path, expected: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let written = std::fs::read_to_string(path).unwrap_or_default();
        if written == expected {
            return;
        }
        if Instant::now() > deadline {
            assert_eq!(written, expected, "{what}: the minutes on disk");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Types the script, killing scribe at `kills` seeded random points; returns the
/// characters lost (typed, shown on screen, and not recovered).
fn crash_and_resume(kills: usize, seed: u64) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("meeting.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml"),
        &input,
    )
    .unwrap();
    let minutes = dir.path().join("meeting-minutes.md");
    let script = script();
    let expected = expectations(&input, &script);
    let mut rng = Rng(seed);
    let mut points: Vec<usize> = (0..kills)
        .map(|_| 1 + (rng.next() % (script.len() as u64 - 1)) as usize)
        .collect();
    points.sort_unstable();

    let mut position = 0;
    let mut lost = 0;
    for (round, &point) in points.iter().enumerate() {
        let mut live = Live::start(dir.path(), &["meeting.yaml", "--resume"]);
        let what = format!("kill {round} (at key {point}, resumed at {position})");
        live.wait_for_screen(&expected[position], &what);
        wait_for_minutes(&minutes, &expected[position].minutes, &what);
        let confirmed = point.max(position);
        for k in &script[position..confirmed] {
            live.send(k);
        }
        live.wait_for_screen(&expected[confirmed], &what);
        // A few keys more, killed in flight (never an Esc, whose timing is special).
        let burst = (rng.next() % 4) as usize;
        let mut sent = confirmed;
        for k in script.iter().skip(confirmed).take(burst) {
            if k.bytes == "\x1b" {
                break;
            }
            live.input.write_all(k.bytes.as_bytes()).unwrap();
            sent += 1;
        }
        live.input.flush().unwrap();
        live.kill9();
        let kept = journaled_keys(dir.path());
        assert!(
            kept <= sent,
            "{what}: the journal has {kept} keys, only {sent} were sent"
        );
        if kept < confirmed {
            lost += expected[confirmed].typed_chars - expected[kept].typed_chars;
        }
        position = kept;
    }
    // The rest of the meeting, then a clean quit.
    let mut live = Live::start(dir.path(), &["meeting.yaml", "--resume"]);
    live.wait_for_screen(&expected[position], "last start");
    for k in &script[position..] {
        live.send(k);
    }
    live.wait_for_screen(&expected[script.len()], "end of the script");
    live.send(&key(KeyCode::Char('q'), "q"));
    let deadline = Instant::now() + Duration::from_secs(15);
    while live.child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "scribe did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
    let written = std::fs::read_to_string(&minutes).unwrap();
    assert_eq!(written, expected[script.len()].minutes);
    eprintln!(
        "{kills} kills survived; {lost} characters lost of {} typed",
        expected[script.len()].typed_chars
    );
    lost
}

#[test]
fn five_kills_lose_nothing() {
    assert_eq!(crash_and_resume(5, 0x5c1be), 0);
}

/// The full run, 50 kills (about a minute); `.ci/run` runs it explicitly.
#[test]
#[ignore = "long: run with --ignored (CI does)"]
fn fifty_kills_lose_nothing() {
    assert_eq!(crash_and_resume(50, 0x5eed_2024), 0);
}

/// SIGTERM and SIGHUP end scribe the orderly way: terminal restored, minutes
/// written, and the session left to resume.
#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_everything() {
    for signal in ["TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("meeting.yaml");
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml"),
            &input,
        )
        .unwrap();
        let script = script();
        let expected = expectations(&input, &script);
        let typed = 20;
        let mut live = Live::start(dir.path(), &["meeting.yaml"]);
        live.wait_for_screen(&expected[0], signal);
        for k in &script[..typed] {
            live.send(k);
        }
        live.wait_for_screen(&expected[typed], signal);
        let pid = live.child.process_id().unwrap();
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while live.child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "SIG{signal}: scribe did not end");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(200));
        {
            let parser = live.screen.lock().unwrap();
            let screen = parser.screen();
            assert!(
                !screen.alternate_screen(),
                "SIG{signal}: back on the main screen"
            );
            assert!(!screen.hide_cursor(), "SIG{signal}: the cursor is shown");
        }
        let minutes = dir.path().join("meeting-minutes.md");
        wait_for_minutes(&minutes, &expected[typed].minutes, signal);
        assert_eq!(journaled_keys(dir.path()), typed, "SIG{signal}");
        // The next start resumes exactly there.
        let resumed = Live::start(dir.path(), &["meeting.yaml", "--resume"]);
        resumed.wait_for_screen(&expected[typed], signal);
    }
}

/// A second scribe on the same meeting is refused, naming the first one's pid.
#[test]
fn a_second_scribe_on_the_same_meeting_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("meeting.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml"),
        &input,
    )
    .unwrap();
    let expected = expectations(&input, &[]);
    let first = Live::start(dir.path(), &["meeting.yaml"]);
    first.wait_for_screen(&expected[0], "first");
    let pid = first.child.process_id().unwrap();
    let second = Live::start(dir.path(), &["meeting.yaml", "--fresh"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut second = second;
    while second.child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the second scribe did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let shown = second.screen.lock().unwrap().screen().contents();
    assert!(
        shown.contains(&format!(
            "another scribe (pid {pid}) already has this meeting open"
        )),
        "{shown}"
    );
}

impl Live {
    /// Waits until the screen shows `text` somewhere.
    fn wait_text(&self, text: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let rows = self.shown().0.join("\n");
            if rows.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: the screen never showed {text:?}:\n{rows}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn type_keys(&mut self, keys: &[ScriptKey]) {
        for k in keys {
            self.send(k);
        }
    }

    fn quit(&mut self, what: &str) {
        self.send(&key(KeyCode::Char('q'), "q"));
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "{what}: scribe did not quit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `kill -9` in the ordinary workflows around a meeting: after it was ended and
/// reopened, after a quit before its end, after someone else edited the minutes
/// between sessions, and on an agenda opened through a symbolic link. Each time
/// the note typed (and shown) before the kill is back after `--resume`, and ends
/// up in the minutes (or beside an edit made by someone else, never over it).
#[test]
fn kills_in_ordinary_workflows_lose_nothing() {
    let enter = || key(KeyCode::Enter, "\r");
    let esc = || key(KeyCode::Esc, "\x1b");
    let note = |words: &str| [vec![enter()], text(words), vec![esc()]].concat();
    for workflow in [
        "end and reopen",
        "quit and resume",
        "edited between sessions",
        "symbolic link",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (args, minutes): (Vec<&str>, PathBuf) = if workflow == "symbolic link" {
            std::fs::create_dir(dir.path().join("real")).unwrap();
            std::fs::write(
                dir.path().join("real/agenda.md"),
                "# Agenda 2024-05-15\n\n## Approve previous meeting minutes\n\n## Other business\n",
            )
            .unwrap();
            std::os::unix::fs::symlink("real/agenda.md", dir.path().join("agenda.md")).unwrap();
            (
                vec!["agenda.md", "--resume"],
                dir.path().join("real/agenda.md"),
            )
        } else {
            std::fs::copy(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml"),
                dir.path().join("meeting.yaml"),
            )
            .unwrap();
            (
                vec!["meeting.yaml", "--resume"],
                dir.path().join("meeting-minutes.md"),
            )
        };
        // The first session: one note, then the workflow's way of leaving.
        let mut live = Live::start(dir.path(), &args);
        live.wait_text("Approve previous meeting minutes", workflow);
        live.type_keys(&note("first words"));
        live.wait_text("- first words", workflow);
        let mut edited = None;
        match workflow {
            "end and reopen" => {
                // E asks to be pressed again.
                live.type_keys(&text("EE"));
                live.wait_text("Meeting ended", workflow);
                live.quit(workflow);
            }
            "quit and resume" => live.quit(workflow),
            "edited between sessions" => {
                live.quit(workflow);
                let theirs = std::fs::read_to_string(&minutes).unwrap() + "\nTheir line.\n";
                std::fs::write(&minutes, &theirs).unwrap();
                edited = Some(theirs);
            }
            _ => {
                std::thread::sleep(Duration::from_millis(600));
                live.kill9();
            }
        }
        // The second session: more words, shown, then killed at once.
        let mut live = Live::start(dir.path(), &args);
        live.wait_text("- first words", workflow);
        // Into the same item's notes, on a new line after the first.
        live.type_keys(&[vec![enter()], note("second words")].concat());
        live.wait_text("- second words", workflow);
        live.kill9();
        // Resumed: both are there, and the minutes get them on quitting.
        let mut live = Live::start(dir.path(), &args);
        live.wait_text("- second words", workflow);
        live.quit(workflow);
        let ours = match &edited {
            Some(theirs) => {
                assert_eq!(
                    &std::fs::read_to_string(&minutes).unwrap(),
                    theirs,
                    "{workflow}"
                );
                dir.path().join("meeting-minutes.scribe.md")
            }
            None => minutes.clone(),
        };
        let written = std::fs::read_to_string(&ours).unwrap();
        for words in ["first words", "second words"] {
            assert!(
                written.contains(words),
                "{workflow}: {words:?} in\n{written}"
            );
        }
        if workflow == "symbolic link" {
            assert!(
                std::fs::symlink_metadata(dir.path().join("agenda.md"))
                    .unwrap()
                    .file_type()
                    .is_symlink(),
                "the link is still a link"
            );
        }
    }
}

/// The journal's records of its last session, by kind, and what the snapshot
/// beside it says it covers (`None` when there is none).
fn last_session_and_snapshot(dir: &Path) -> (Vec<String>, Option<u64>) {
    let journal = journal_of(dir);
    let mut kinds = Vec::new();
    for line in std::fs::read_to_string(&journal).unwrap().lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let kind = record["kind"].as_str().unwrap().to_string();
        if kind == "open" {
            kinds.clear();
        }
        kinds.push(kind);
    }
    let covered = std::fs::read_to_string(journal.with_extension("snapshot"))
        .ok()
        .map(|text| {
            let (_, json) = text.split_once('\n').expect("a header line");
            let snapshot: serde_json::Value = serde_json::from_str(json).unwrap();
            snapshot["records"].as_u64().unwrap()
        });
    (kinds, covered)
}

/// Quitting a meeting file's meeting that has not ended leaves the session open
/// in the journal, with a snapshot of all of it (written while the minutes
/// are); ending it and quitting closes the session and takes the snapshot
/// away. Either way the minutes on disk hold everything typed when scribe exits.
#[test]
fn quitting_leaves_a_meeting_not_ended_open_with_its_snapshot_and_an_ended_one_closed() {
    let enter = || key(KeyCode::Enter, "\r");
    let esc = || key(KeyCode::Esc, "\x1b");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml"),
        dir.path().join("meeting.yaml"),
    )
    .unwrap();
    let minutes = dir.path().join("meeting-minutes.md");
    let mut live = Live::start(dir.path(), &["meeting.yaml"]);
    live.wait_text("Approve previous meeting minutes", "first session");
    live.type_keys(&[vec![enter()], text("kept open"), vec![esc()]].concat());
    live.wait_text("- kept open", "first session");
    live.quit("first session");
    let written = std::fs::read_to_string(&minutes).unwrap();
    assert!(written.contains("kept open"), "{written}");
    let (kinds, covered) = last_session_and_snapshot(dir.path());
    assert_ne!(kinds.last().map(String::as_str), Some("close"), "{kinds:?}");
    assert_eq!(
        covered,
        Some(kinds.len() as u64),
        "the snapshot covers it all"
    );

    let mut live = Live::start(dir.path(), &["meeting.yaml", "--resume"]);
    live.wait_text("- kept open", "second session");
    live.type_keys(&[vec![enter()], text("then ended"), vec![esc()]].concat());
    live.wait_text("- then ended", "second session");
    live.type_keys(&text("EE"));
    live.wait_text("Meeting ended", "second session");
    live.quit("second session");
    let written = std::fs::read_to_string(&minutes).unwrap();
    for words in ["kept open", "then ended"] {
        assert!(written.contains(words), "{words:?} in\n{written}");
    }
    let (kinds, covered) = last_session_and_snapshot(dir.path());
    assert_eq!(kinds.last().map(String::as_str), Some("close"), "{kinds:?}");
    assert_eq!(covered, None, "no snapshot of a closed session");
}
