//! End-to-end tests of the real `scribe` binary in a pseudo-terminal: keys go in
//! as a terminal sends them, the screen is read back with a terminal emulator
//! (vt100), and the minutes file written is compared with the expected one.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use common::pty::Pty;
use scribe::model::{Attendance, Meeting, Note};

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

const FIXED_NOW: &str = "2024-05-15T17:05:00Z";
const FIXED_NOW_2025: &str = "2025-03-12T17:05:00Z";

/// `scribe ARGS` in a pseudo-terminal.
struct Session(Pty);

impl std::ops::Deref for Session {
    type Target = Pty;
    fn deref(&self) -> &Pty {
        &self.0
    }
}

impl std::ops::DerefMut for Session {
    fn deref_mut(&mut self) -> &mut Pty {
        &mut self.0
    }
}

impl Session {
    /// Starts `scribe ARGS` in `dir` on a `cols`×`rows` terminal.
    fn start(dir: &Path, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        Session(Pty::spawn(dir, args, cols, rows, |cmd| {
            cmd.env("SCRIBE_FIXED_NOW", FIXED_NOW);
            cmd.env_remove("NO_COLOR");
            for (k, v) in env {
                cmd.env(k, v);
            }
        }))
    }

    /// Waits for the end; whether it succeeded.
    fn wait_exit(&mut self) -> bool {
        self.0.wait_exit().success()
    }
}

fn fixture_copy(dir: &Path) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml");
    let copy = dir.join("meeting.yaml");
    std::fs::copy(source, &copy).unwrap();
    copy
}

/// The meeting the scripted session should leave, built without the interface.
fn expected_meeting(input: &Path) -> Meeting {
    let mut m: Meeting = yaml_serde::from_str(&std::fs::read_to_string(input).unwrap()).unwrap();
    let now: DateTime<Utc> = FIXED_NOW.parse().unwrap();
    m.roster[0].attendance = Attendance::Present;
    m.roster[1].attendance = Attendance::Present;
    m.roster[2].attendance = Attendance::ArrivedLate { at: Some(now) };
    m.agenda[0].checked = Some(true);
    m.agenda[0].notes = vec![
        Note::new("Approved in PR#65 by @oalders"),
        Note::new("@timlegge to merge"),
    ]
    .into();
    m
}

#[test]
fn a_scripted_meeting_writes_the_expected_minutes_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture_copy(dir.path());
    let mut s = Session::start(dir.path(), &["meeting.yaml"], &[], 120, 40);
    s.wait_for("Approve previous meeting minutes");
    s.wait_for("meeting-minutes.md");

    // Roster: tux and sjn present, timlegge arrived late.
    s.send("\t");
    s.wait_for("Roster  0 present");
    s.send("p");
    s.send("j");
    s.send("p");
    s.send("j");
    s.send("l");
    s.wait_for("arrived 17:05");
    s.wait_for("Roster  3 present · 1 regret ");
    // Back to the agenda (Shift-Tab), check the first item, write two lines.
    s.send("\x1b[Z");
    s.send(" ");
    s.wait_for("[x] Approve previous meeting minutes");
    s.send("\r");
    s.wait_for("editing");
    for c in "Approved in PR#65 by @oalders".chars() {
        s.send(&c.to_string());
    }
    s.send("\r");
    s.send("@tim");
    s.send("\t");
    s.send(" to merge");
    s.wait_for("- @timlegge to merge");
    s.send("\x1b");
    s.wait_for("Notes · Approve previous meeting minutes ─");
    s.send("j");
    s.wait_for("No notes yet");
    s.send("k");
    s.wait_for("- Approved in PR#65 by @oalders");
    s.send("q");
    assert!(s.wait_exit(), "scribe exits with success");

    let screen = s.screen.lock().unwrap();
    assert!(
        !screen.screen().alternate_screen(),
        "back on the main screen"
    );
    assert!(!screen.screen().hide_cursor(), "the cursor is shown again");
    let out = screen.screen().contents();
    assert!(out.contains("Minutes saved to meeting-minutes.md"), "{out}");
    drop(screen);

    let written = std::fs::read_to_string(dir.path().join("meeting-minutes.md")).unwrap();
    let expected =
        scribe::minutes::to_markdown(&expected_meeting(&input), scribe::model::Style::Seed);
    assert_eq!(written, expected);
    // And in the words of the minutes themselves:
    for line in [
        "*   @tux\n",
        "*   @timlegge (arrived late)\n",
        "### Regrets\n*   @tinita\n",
        "*   Approved in PR#65 by @oalders\n*   @timlegge to merge\n",
    ] {
        assert!(written.contains(line), "{line:?} in\n{written}");
    }
    // The meeting file itself is left alone.
    assert_eq!(
        std::fs::read(&input).unwrap(),
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml"))
            .unwrap()
    );
}

#[test]
fn resizing_the_terminal_redraws_to_the_new_size() {
    let dir = tempfile::tempdir().unwrap();
    fixture_copy(dir.path());
    let mut s = Session::start(dir.path(), &["meeting.yaml"], &[], 120, 40);
    s.wait_for("meeting-minutes.md");
    s.master
        .resize(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.screen
        .lock()
        .unwrap()
        .screen_mut()
        .set_size(nz(24), nz(80));
    // The bottom line of the smaller screen is the status line again.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let last = s
            .screen
            .lock()
            .unwrap()
            .screen()
            .rows(0, 80)
            .nth(23)
            .unwrap_or_default();
        if last.contains("meeting-minutes.md") && last.starts_with(" ? help") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no redraw at 80×24:\n{}",
            s.contents()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn no_color_sends_no_colours_to_the_terminal() {
    let coloured = |env: &[(&str, &str)]| {
        let dir = tempfile::tempdir().unwrap();
        fixture_copy(dir.path());
        let mut s = Session::start(dir.path(), &["meeting.yaml"], env, 120, 40);
        s.wait_for("meeting-minutes.md");
        s.send("q");
        assert!(s.wait_exit());
        let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
        // SGR colour parameters: 30–37, 38;…, 39 (default) excluded, 40–47, 48;…, 90–107.
        raw.split("\x1b[")
            .filter_map(|seq| seq.split_once('m').map(|(params, _)| params.to_string()))
            .filter(|params| params.chars().all(|c| c.is_ascii_digit() || c == ';'))
            .any(|params| {
                params.split(';').any(|p| {
                    matches!(
                        p.parse::<u32>(),
                        Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
                    )
                })
            })
    };
    assert!(coloured(&[]), "colours are used by default");
    assert!(
        !coloured(&[("NO_COLOR", "1")]),
        "NO_COLOR=1: no colour sequences"
    );
}

#[test]
fn a_bad_keymap_is_refused_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    fixture_copy(dir.path());
    std::fs::write(
        dir.path().join("keys.yaml"),
        "agenda:\n  j: down\n  k: fly\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scribe"))
        .args(["--keymap", "keys.yaml", "meeting.yaml"])
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("keys.yaml:3:3: unknown action `fly` for key `k`"),
        "{err}"
    );
}

#[test]
fn pasted_notes_arrive_as_they_were_copied() {
    let dir = tempfile::tempdir().unwrap();
    fixture_copy(dir.path());
    let mut s = Session::start(dir.path(), &["meeting.yaml"], &[], 120, 40);
    s.wait_for("meeting-minutes.md");
    s.send("\r");
    s.wait_for("editing");
    // A bracketed paste of three list lines onto the editor's fresh "- ".
    s.send("\x1b[200~- from the chat\n  - a reply\n- [ ] a to-do\x1b[201~");
    s.wait_for("  - a reply");
    s.send("\x1b");
    s.wait_for("Notes · Approve previous meeting minutes ─");
    s.send("q");
    assert!(s.wait_exit());
    let written = std::fs::read_to_string(dir.path().join("meeting-minutes.md")).unwrap();
    assert!(
        written.contains("*   from the chat\n    *   a reply\n*   [ ] a to-do\n"),
        "{written}"
    );
}

/// Run only as the child of `a_panic_gives_the_terminal_back`: sets the terminal
/// up as the interface does, then panics.
#[test]
#[ignore = "run by a_panic_gives_the_terminal_back in a pseudo-terminal"]
fn panicking_child() {
    if std::env::var_os("SCRIBE_PANIC_CHILD").is_none() {
        return;
    }
    let _terminal = scribe::tui::terminal::enter(true).unwrap();
    panic!("deliberate panic inside the interface");
}

#[test]
fn a_panic_gives_the_terminal_back() {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(std::env::current_exe().unwrap());
    cmd.args(["--ignored", "--exact", "panicking_child", "--nocapture"]);
    cmd.env("SCRIBE_PANIC_CHILD", "1");
    cmd.env("RUST_BACKTRACE", "0");
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let (screen, raw) = common::mirror_pty(pty.master.try_clone_reader().unwrap(), 24, 80);
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the child never ended");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let raw = String::from_utf8_lossy(&raw.lock().unwrap()).into_owned();
    // The child did go into the interface's terminal state...
    assert!(raw.contains("\x1b[?1049h"), "entered the alternate screen");
    assert!(raw.contains("\x1b[?2004h"), "enabled bracketed paste");
    // ...and the panic hook took it all back before the message.
    let screen = screen.lock().unwrap();
    let screen = screen.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.bracketed_paste(), "bracketed paste off");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting off"
    );
    assert!(!screen.hide_cursor(), "cursor shown");
    let message_at = raw
        .find("deliberate panic")
        .expect("the panic message is shown");
    let restored_at = raw.rfind("\x1b[?1049l").expect("alternate screen left");
    assert!(
        restored_at < message_at,
        "restored before the message is printed"
    );
    // Raw mode off: the message's new lines come back to the left margin.
    assert!(
        screen
            .contents()
            .contains("deliberate panic inside the interface"),
        "{}",
        screen.contents()
    );
}

/// The group's own document, opened as the agenda being filled in: the minutes go
/// over it, and only the lines of what happened change.
#[test]
fn a_corpus_document_is_filled_in_changing_only_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/cpansec-minutes-2025-03-12.md");
    let original = std::fs::read_to_string(&source).unwrap();
    std::fs::copy(&source, dir.path().join("agenda.md")).unwrap();
    let mut s = Session::start(
        dir.path(),
        &["agenda.md"],
        &[("SCRIBE_FIXED_NOW", FIXED_NOW_2025)],
        120,
        40,
    );
    s.wait_for("agenda.md · saved");

    // Roster: @tux arrived late; @book and @ingy join (present).
    s.send("\t");
    s.wait_for("Roster  6 present");
    s.send("j");
    s.send("l");
    s.wait_for("arrived 17:05");
    for handle in ["book", "ingy"] {
        s.send("+");
        s.wait_for("Add person: @");
        s.send(handle);
        s.send("\r");
        s.wait_for(&format!("@{handle} "));
    }
    s.wait_for("Roster  8 present");
    // Agenda: check the approval and write two notes under it.
    // Past the meeting details (a heading and its line) and the pre-meeting block
    // (a heading and four lines), then Welcome and its approval section.
    s.send("\x1b[Z");
    for _ in 0..9 {
        s.send("j");
    }
    s.send(" ");
    s.wait_for("[x] Previous meeting minutes was approved");
    s.send("\r");
    s.wait_for("editing");
    s.send("Approved in PR#99");
    s.send("\r");
    s.send("@sti");
    s.send("\t");
    s.send(" to merge");
    s.wait_for("- @stigtsp to merge");
    s.send("\x1b");
    s.wait_for("Notes · Previous meeting minutes was approved");
    s.send("q");
    assert!(s.wait_exit());

    let expected = original
        .replacen(
            "    * @sjn, @tux, @thibaultduponcelle, @stigtsp, @timlegge, @atoomic\n",
            "    * @sjn, @tux (arrived late), @thibaultduponcelle, @stigtsp, @timlegge, @atoomic, @book, @ingy\n",
            1,
        )
        .replacen(
            "-   Previous meeting minutes was approved by @thibaultduponchelle and @timlegge, and merged by @sjn\n",
            "-   [x] Previous meeting minutes was approved by @thibaultduponchelle and @timlegge, and merged by @sjn\n    - Approved in PR#99\n    - @stigtsp to merge\n",
            1,
        );
    assert_ne!(
        expected, original,
        "the expected edits apply to the document"
    );
    let written = std::fs::read_to_string(dir.path().join("agenda.md")).unwrap();
    assert_eq!(written, expected);
}

/// The keys a secretary uses without reaching for a text editor, as a terminal
/// sends them: Tab never lands in the editor; Esc followed at once by a key
/// (one write, as over SSH) leaves the editor and then does the key; the
/// prompt edits at its cursor (Home, Ctrl-Right, Ctrl-W, Ctrl-U); a trailing
/// `;` is kept; Ctrl-C quits with everything written.
#[test]
fn the_keyboard_alone_edits_titles_and_never_traps_the_secretary() {
    let dir = tempfile::tempdir().unwrap();
    fixture_copy(dir.path());
    let mut s = Session::start(dir.path(), &["meeting.yaml"], &[], 120, 40);
    s.wait_for("meeting-minutes.md");
    // Tab, Tab: roster, then the agenda again — never the editor.
    s.send("\t");
    s.wait_for("┏ Roster");
    s.send("\t");
    s.wait_for("┏ ");
    assert!(!s.contents().contains("editing"), "{}", s.contents());
    // Enter edits; Esc and `a` in one write leave the editor and add an item.
    s.send("\r");
    s.wait_for("editing");
    s.send("hello");
    s.send("\x1ba");
    s.wait_for("New item after the selected one:");
    // Typed, then edited at the cursor: the first word goes with Ctrl-W after
    // Home and Ctrl-Right; a word before the cursor with Ctrl-U.
    s.send("junk words Alpha item;");
    s.send("\x1b[H"); // Home
    s.send("\x1b[1;5C"); // Ctrl-Right
    s.send("\x1b[1;5C");
    s.send("\x15"); // Ctrl-U
    s.wait_for("New item after the selected one: Alpha item;");
    s.send("\r");
    s.wait_for("Alpha item;");
    // Ctrl-C quits safely.
    s.send("\x03");
    assert!(s.wait_exit(), "scribe exits with success");
    let written = std::fs::read_to_string(dir.path().join("meeting-minutes.md")).unwrap();
    assert!(written.contains("*   hello\n"), "{written}");
    assert!(written.contains("Alpha item;\n"), "{written}");
    assert!(
        !written.contains("ahello") && !written.contains("junk"),
        "{written}"
    );
}

/// The demo (`scribe` with no file, as `cargo run` starts it in the repository)
/// writes its minutes into scribe's data folder, says where, and leaves the
/// folder it was started in alone.
#[test]
fn the_demo_leaves_the_current_folder_alone_and_says_where_its_minutes_go() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &[], &[], 160, 40);
    s.wait_for("scribe-demo-minutes.md");
    s.wait_for("its minutes go to");
    s.send("q");
    assert!(s.wait_exit());
    let data = dir.path().join("data");
    let written: Vec<_> = walk(&data)
        .into_iter()
        .filter(|p| p.ends_with("scribe-demo-minutes.md"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let out = s.contents();
    assert!(out.contains("scribe-demo-minutes.md"), "{out}");
    // Nothing but the test's own folders in the current folder.
    let mut here: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    here.sort();
    assert!(
        here.iter().all(|n| n == "data" || n == "config"),
        "{here:?}"
    );
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
