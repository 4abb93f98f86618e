//! Ordinary workflows that must never lose a word, and files that must never decide
//! where scribe writes or what reaches the terminal: the real binary in a
//! pseudo-terminal (end and reopen, quit and resume, an edit by another program
//! between sessions, symbolic links, a read-only folder, signals), and the command
//! line on hostile meeting files.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::pty::Pty;

const FIXED_NOW: &str = "2024-05-15T17:05:00Z";

mod common;

/// `scribe ARGS` in a pseudo-terminal, with its home, config and data in `dir`.
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
        Live::start_with(dir, args, &[])
    }

    fn start_with(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Live {
        Live(Pty::spawn(dir, args, 110, 34, |cmd| {
            cmd.env("SCRIBE_FIXED_NOW", FIXED_NOW);
            for (k, v) in env {
                cmd.env(k, v);
            }
        }))
    }

    /// Waits for the end; the exit code.
    fn wait_exit(&mut self) -> u32 {
        self.0.wait_exit().exit_code()
    }
}

fn meeting_copy(dir: &Path) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml");
    let copy = dir.join("meeting.yaml");
    std::fs::copy(source, &copy).unwrap();
    copy
}

/// Opens the first item's notes, types `note`, leaves the editor.
fn write_note(s: &mut Live, note: &str) {
    s.wait_for("meeting-minutes.md");
    s.send("\r");
    s.wait_for("editing");
    s.type_text(note);
    s.wait_for(note);
    s.send("\x1b");
    s.wait_for("Notes · Approve previous meeting minutes ─");
}

fn scribe(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_scribe"))
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .unwrap()
}

fn journal_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("data/scribe/journal"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn journal_of(dir: &Path) -> PathBuf {
    journal_files(dir)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .expect("a journal")
}

const NOTE: &str = "Approved by @oalders";

// ---------------------------------------------------------------------------
// Security

#[test]
fn an_output_outside_the_meeting_files_folder_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious\n").unwrap();
    std::fs::create_dir(dir.path().join("m")).unwrap();
    let base = std::fs::read_to_string(meeting_copy(dir.path())).unwrap();
    for (output, said) in [
        ("../victim", "goes up with `..`"),
        (victim.to_str().unwrap(), "is absolute"),
        ("link/victim", "symbolic link"),
    ] {
        let file = dir.path().join("m/evil.yaml");
        std::fs::write(&file, format!("{base}output: {output}\n")).unwrap();
        let _ = std::fs::remove_file(dir.path().join("m/link"));
        std::os::unix::fs::symlink(dir.path(), dir.path().join("m/link")).unwrap();
        let line = base.lines().count() + 1;
        for args in [vec!["check", "m/evil.yaml"], vec!["--fresh", "m/evil.yaml"]] {
            let out = scribe(dir.path(), &args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?} {output}: {err}");
            assert!(
                err.starts_with(&format!("m/evil.yaml:{line}:")) && err.contains(said),
                "{args:?} {output}: {err}"
            );
        }
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    }
}

#[test]
fn check_says_where_the_minutes_will_go() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(meeting_copy(dir.path())).unwrap();
    let out = scribe(dir.path(), &["check", "meeting.yaml"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\nMinutes:  meeting-minutes.md\n"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(
        dir.path().join("meeting.yaml"),
        format!("{base}output: out/m.md\n"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let out = scribe(dir.path(), &["check", "meeting.yaml"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\nMinutes:  out/m.md\n"));
}

/// A meeting file whose title, notes and an error carry OSC 52 (clipboard),
/// OSC 0 (window title), CSI and a bidi override.
const HOSTILE_TITLE: &str = "\\e]52;c;cHduZWQ=\\a\\e]0;owned\\a\\e[2J\\u202eevil\\u2066";

#[test]
fn nothing_from_a_file_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(meeting_copy(dir.path())).unwrap();
    let hostile = base
        .replace(
            "title: Minutes 2024-05-15",
            &format!("title: \"{HOSTILE_TITLE}\""),
        )
        .replace(
            "title: Operating changes",
            &format!("title: \"Operating {HOSTILE_TITLE}\""),
        )
        .replace(
            "    minutes: 3\n",
            &format!("    minutes: 3\n    notes: [\"a note {HOSTILE_TITLE}\"]\n"),
        );
    std::fs::write(dir.path().join("h.yaml"), &hostile).unwrap();
    // An error quoting the file's text.
    std::fs::write(
        dir.path().join("bad.yaml"),
        hostile.replace("minutes: 3", &format!("minutes: \"{HOSTILE_TITLE}\"")),
    )
    .unwrap();
    let unsafe_char = |c: char| scribe::text::is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t');
    // `check` and `render` on a terminal, and the error.
    for args in [
        &["check", "h.yaml"][..],
        &["render", "h.yaml"],
        &["check", "bad.yaml"],
    ] {
        let mut s = Live::start(dir.path(), args);
        s.wait_exit();
        let raw = s.raw_text();
        assert!(raw.contains("evil"), "{args:?}: {raw:?}");
        let bad: Vec<char> = raw.chars().filter(|&c| unsafe_char(c)).collect();
        assert!(bad.is_empty(), "{args:?} printed {bad:?}: {raw:?}");
    }
    // The error on a pipe, too (a log file is read in a terminal later).
    let out = scribe(dir.path(), &["check", "bad.yaml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.chars().any(unsafe_char), "{err:?}");
    // The live interface: the title and a bidi override in a note never reach it.
    let mut s = Live::start(dir.path(), &["h.yaml"]);
    s.wait_for("h-minutes.md");
    s.wait_for("Operating");
    // The notes shown, and open in the editor.
    s.wait_for("a note");
    s.send("\r");
    s.wait_for("editing");
    s.send("\x1b");
    s.send("q");
    s.wait_exit();
    let raw = s.raw_text();
    for forbidden in ["\u{202e}", "\u{2066}", "\x1b]52;", "\x1b]0;owned"] {
        assert!(
            !raw.contains(forbidden),
            "{forbidden:?} reached the terminal"
        );
    }
}

#[test]
fn the_journal_is_private_and_a_copy_keeps_its_originals_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    meeting_copy(dir.path());
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let mut s = Live::start(dir.path(), &["meeting.yaml"]);
    write_note(&mut s, NOTE);
    s.wait_for("saved");
    let minutes = dir.path().join("meeting-minutes.md");
    std::fs::set_permissions(&minutes, std::fs::Permissions::from_mode(0o600)).unwrap();
    // Someone else edits the minutes: ours go beside them, as private as theirs.
    std::fs::write(&minutes, "theirs\n").unwrap();
    s.send("j");
    s.send(" ");
    s.wait_for("changed by someone else");
    // Saved, beside theirs: not said to be "NOT SAVED".
    assert!(!s.contents().contains("NOT SAVED"), "{}", s.contents());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(mode(&dir.path().join("meeting-minutes.scribe.md")), 0o600);
    assert_eq!(mode(&dir.path().join("data/scribe/journal")), 0o700);
    let files = journal_files(dir.path());
    assert!(files.len() >= 3, "{files:?}");
    for file in files {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

// ---------------------------------------------------------------------------
// Lost notes

#[test]
fn reopening_an_ended_meeting_keeps_its_notes() {
    let dir = tempfile::tempdir().unwrap();
    meeting_copy(dir.path());
    let minutes = dir.path().join("meeting-minutes.md");
    let mut s = Live::start(dir.path(), &["meeting.yaml"]);
    write_note(&mut s, NOTE);
    // E asks to be pressed again.
    s.send("EE");
    s.wait_for("Meeting ended");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let ended = std::fs::read_to_string(&minutes).unwrap();
    assert!(ended.contains(NOTE), "{ended}");
    // Reopened (the default answer): the notes are there, on screen and on disk.
    let mut s = Live::start(dir.path(), &["--resume", "meeting.yaml"]);
    s.wait_for("Reopened the ended meeting");
    s.wait_for(NOTE);
    std::thread::sleep(Duration::from_millis(800));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&minutes).unwrap(), ended);
    // Started again from the file: the minutes on disk are kept all the same.
    let mut s = Live::start(dir.path(), &["--fresh", "meeting.yaml"]);
    s.wait_for("changed since scribe wrote it");
    s.send("q");
    s.wait_exit();
    assert_eq!(std::fs::read_to_string(&minutes).unwrap(), ended);
    let aside = std::fs::read_to_string(dir.path().join("meeting-minutes.scribe.md")).unwrap();
    assert!(!aside.contains(NOTE));
}

#[test]
fn a_meeting_quit_before_its_end_resumes_with_its_notes() {
    let dir = tempfile::tempdir().unwrap();
    meeting_copy(dir.path());
    let mut s = Live::start(dir.path(), &["meeting.yaml"]);
    write_note(&mut s, NOTE);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let contents =
        scribe::services::journal::read::<scribe::app::Action>(&journal_of(dir.path())).unwrap();
    assert!(contents.unfinished, "left open to resume");
    let mut s = Live::start(dir.path(), &["--resume", "meeting.yaml"]);
    s.wait_for("Resumed");
    s.wait_for(NOTE);
    s.type_text("x");
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "it runs on, and quits when asked");
    let minutes = std::fs::read_to_string(dir.path().join("meeting-minutes.md")).unwrap();
    assert!(minutes.contains(NOTE), "{minutes}");
}

#[test]
fn an_edit_made_between_sessions_is_never_overwritten() {
    for flag in ["--resume", "--fresh"] {
        let dir = tempfile::tempdir().unwrap();
        meeting_copy(dir.path());
        let minutes = dir.path().join("meeting-minutes.md");
        let mut s = Live::start(dir.path(), &["meeting.yaml"]);
        write_note(&mut s, NOTE);
        s.send("q");
        s.wait_exit();
        let edited = std::fs::read_to_string(&minutes).unwrap() + "\nA colleague's line.\n";
        std::fs::write(&minutes, &edited).unwrap();
        let mut s = Live::start(dir.path(), &[flag, "meeting.yaml"]);
        s.wait_for("changed since scribe wrote it");
        s.send(" ");
        std::thread::sleep(Duration::from_millis(600));
        s.send("q");
        s.wait_exit();
        assert_eq!(std::fs::read_to_string(&minutes).unwrap(), edited, "{flag}");
        assert!(
            dir.path().join("meeting-minutes.scribe.md").exists(),
            "{flag}"
        );
    }
}

#[test]
fn minutes_that_cannot_be_written_leave_the_session_to_resume() {
    let dir = tempfile::tempdir().unwrap();
    meeting_copy(dir.path());
    let minutes = dir.path().join("meeting-minutes.md");
    let mut s = Live::start(dir.path(), &["meeting.yaml"]);
    write_note(&mut s, NOTE);
    // E asks to be pressed again.
    s.send("EE");
    s.wait_for("Meeting ended");
    s.wait_for("saved");
    // The minutes can no longer be written (a folder where the file was: even
    // root cannot rename a file over it).
    // The writer may still be writing the end (the "saved" seen may be an
    // earlier write's): a file put back between the two steps is taken away again.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let _ = std::fs::remove_file(&minutes);
        match std::fs::create_dir(&minutes) {
            Ok(()) => break,
            Err(e) if Instant::now() < deadline => {
                assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists, "{e}");
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!("the minutes stay a file: {e}"),
        }
    }
    std::fs::write(minutes.join("keep"), "").unwrap();
    // A change the minutes show: the box of the item under "Operating changes"
    // (the section's own heading has none to write).
    s.send("jj ");
    s.wait_for("[x]");
    s.send("q");
    let code = s.wait_exit();
    assert_ne!(code, 0, "{}", s.raw_text());
    assert!(
        s.raw_text().contains("could not be written"),
        "{}",
        s.raw_text()
    );
    let contents =
        scribe::services::journal::read::<scribe::app::Action>(&journal_of(dir.path())).unwrap();
    assert!(contents.unfinished, "the journal stays open to resume");
}

#[test]
fn an_agenda_opened_through_a_symbolic_link_keeps_the_link_and_its_journal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/agenda.md");
    std::fs::write(
        &target,
        "# Agenda 2024-05-15\n\n## Approve previous meeting minutes\n\n## Other business\n",
    )
    .unwrap();
    let link = dir.path().join("agenda.md");
    std::os::unix::fs::symlink("real/agenda.md", &link).unwrap();
    let mut s = Live::start(dir.path(), &["agenda.md"]);
    s.wait_for("Approve previous meeting minutes");
    s.send("\r");
    s.wait_for("editing");
    s.type_text(NOTE);
    s.wait_for(NOTE);
    s.send("\x1b");
    std::thread::sleep(Duration::from_millis(800));
    // Killed: the next start offers to resume the same journal.
    s.child.kill().unwrap();
    s.wait_exit();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let mut s = Live::start(dir.path(), &["--resume", "agenda.md"]);
    s.wait_for("Resumed");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&target).unwrap().contains(NOTE));
    // Through a link in another folder, the same meeting is the same meeting.
    meeting_copy(&dir.path().join("real"));
    std::fs::create_dir(dir.path().join("other")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("real/meeting.yaml"),
        dir.path().join("other/m.yaml"),
    )
    .unwrap();
    let mut first = Live::start(dir.path(), &["real/meeting.yaml"]);
    first.wait_for("meeting-minutes.md");
    let second = scribe(dir.path(), &["--fresh", "other/m.yaml"]);
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains("another scribe") || err.contains("needs a terminal"),
        "{err}"
    );
    first.send("q");
    first.wait_exit();
}

#[test]
fn dash_o_naming_an_unrelated_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    meeting_copy(dir.path());
    std::fs::write(dir.path().join("notes.txt"), "my own notes\n").unwrap();
    let mut s = Live::start(dir.path(), &["meeting.yaml", "-o", "notes.txt"]);
    assert_eq!(s.wait_exit(), 2);
    assert!(
        s.raw_text().contains("is not these minutes"),
        "{}",
        s.raw_text()
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "my own notes\n"
    );
}

// ---------------------------------------------------------------------------
// Availability and smaller things

#[test]
fn without_a_usable_data_folder_scribe_runs_without_a_journal_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    meeting_copy(dir.path());
    let not_a_folder = dir.path().join("data-file");
    std::fs::write(&not_a_folder, "").unwrap();
    let mut s = Live::start_with(
        dir.path(),
        &["meeting.yaml"],
        &[("XDG_DATA_HOME", &not_a_folder)],
    );
    s.wait_for("No journal");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(dir.path().join("meeting-minutes.md").exists());
}

#[test]
fn a_signal_ends_scribe_with_status_128_plus_its_number() {
    let dir = tempfile::tempdir().unwrap();
    meeting_copy(dir.path());
    let mut s = Live::start(dir.path(), &["meeting.yaml"]);
    s.wait_for("meeting-minutes.md");
    let pid = s.child.process_id().unwrap();
    Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert_eq!(s.wait_exit(), 128 + 15);
    assert!(dir.path().join("meeting-minutes.md").exists());
}

#[test]
fn keymap_files_that_are_not_keymaps_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dup.yaml"), "agenda:\n  j: down\n  j: up\n").unwrap();
    std::fs::write(dir.path().join("bad.yaml"), b"agenda:\n  j: d\xffown\n").unwrap();
    std::fs::write(dir.path().join("big.yaml"), "# padding\n".repeat(200_000)).unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for (file, said) in [
        ("dup.yaml", "duplicate key `j`"),
        ("bad.yaml", "bad.yaml:2:7: the keymap is not UTF-8"),
        ("big.yaml", "over the limit"),
        ("fifo", "not a regular file"),
        ("/dev/zero", "not a regular file"),
    ] {
        // A FIFO or device must not be waited on: the command ends at once.
        let started = Instant::now();
        let out = scribe(dir.path(), &["keys", "--keymap", file]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {err}");
        assert!(err.contains(said), "{file}: {err}");
        assert!(started.elapsed() < Duration::from_secs(10), "{file}");
    }
    // The user's own keymap.yaml is held to the same rules.
    std::fs::create_dir_all(dir.path().join("config/scribe")).unwrap();
    std::fs::copy(
        dir.path().join("bad.yaml"),
        dir.path().join("config/scribe/keymap.yaml"),
    )
    .unwrap();
    let out = scribe(dir.path(), &["keys"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_nul_written_as_an_escape_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(meeting_copy(dir.path())).unwrap();
    std::fs::write(
        dir.path().join("nul.yaml"),
        base.replace("title: Minutes 2024-05-15", "title: \"a\\0b\""),
    )
    .unwrap();
    let out = scribe(dir.path(), &["render", "nul.yaml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let line = base.lines().position(|l| l.starts_with("title:")).unwrap() + 1;
    assert!(
        err.starts_with(&format!("nul.yaml:{line}:10: a NUL")),
        "{err}"
    );
    assert!(!out.stdout.contains(&0));
}

#[test]
fn deep_nesting_is_refused_at_once_with_its_place_and_real_files_pass() {
    let dir = tempfile::tempdir().unwrap();
    let head =
        "title: t\nmeeting_time: 2024-05-15 17:00 UTC\nagenda:\n  - title: a\n    notes:\n      ";
    let n = 100_000;
    for (name, body) in [
        ("flow.yaml", format!("{}{}", "[".repeat(n), "]".repeat(n))),
        ("dashes.yaml", format!("{}x", "- ".repeat(n))),
    ] {
        std::fs::write(dir.path().join(name), format!("{head}{body}\n")).unwrap();
        let out = scribe(dir.path(), &["check", name]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.starts_with(&format!("{name}:6:")) && err.contains("nested deeper than"),
            "{name}: {err}"
        );
    }
    // Every meeting file shipped and tested is well within the limit.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["examples", "tests/fixtures", "tests/tui"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                if let Err(e) = scribe::meeting_file::parse_meeting(&text, &path) {
                    assert!(!e.message.contains("nested deeper"), "{e}");
                }
            }
        }
    }
}
