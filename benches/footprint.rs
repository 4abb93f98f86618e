//! What a live session costs the machine at 100 times the reference minutes: disk,
//! memory, undo and resuming, measured on the real binary in a pseudo-terminal.
//!
//! Run with `cargo bench --bench footprint` (`SCRIBE_BIN=path` measures another
//! build, say the one before a change). It prints:
//!
//! - start-up: spawn to the last byte of the first full frame;
//! - disk written per typed key: `write_bytes` of `/proc/PID/io` (bytes the process
//!   sent towards the disk: the journal and the minutes) over [`KEYS`] keys typed
//!   into the notes [`PACE`] apart, taken when the last key is on screen, and again
//!   after a pause of [`PAUSE`] (when the minutes are written); `wchar` (every
//!   byte written, the screen updates included) beside it;
//! - peak RSS (`VmHWM`) after that typing;
//! - a second start on the same file: first frame and peak RSS;
//! - resuming a session of 50,000 actions (`scribe::workload::journal(100)`, put
//!   into the journal of a session started on the same meeting): spawn to the first
//!   frame, and peak RSS after it — first the first resume ever (no snapshot of the
//!   session exists), then again after that resumed scribe ran on, paused and was
//!   killed (`kill -9`), with whatever it left beside its journal;
//! - `u` after those 50,000 actions: from the key to the screen saying what was
//!   undone, after each resume, and once pressed as soon as the first frame shows.
//!
//! The meeting files and the data folder live under `target/` (a real disk: a
//! memory file system counts no disk writes). scribe runs with its clock stopped
//! (`SCRIBE_FIXED_NOW`), so no timer redraws. `SCRIBE_BENCH_KEEP=1` keeps them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

#[path = "common/pty.rs"]
mod pty;
use pty::Live;
use scribe::services::journal::Entry;

/// Keys typed into the notes.
const KEYS: usize = 300;
/// Time between two typed keys (a fast typist).
const PACE: Duration = Duration::from_millis(20);
/// The pause after typing, long enough for the minutes to be written.
const PAUSE: Duration = Duration::from_secs(4);
/// Scale of the meeting (times the reference minutes).
const SCALE: usize = 100;
/// The stopped clock: half an hour into the meeting, when the workload's journal starts.
const FIXED_NOW: &str = "2024-05-15T17:30:00Z";

impl Live {
    /// scribe with its clock stopped at [`FIXED_NOW`].
    fn start(program: &Path, args: &[&str], dir: &Path) -> Live {
        Live::spawn(program, args, dir, &[("SCRIBE_FIXED_NOW", FIXED_NOW)])
    }

    /// The time of the last byte of the burst after which the screen shows `text`.
    fn wait_for(&mut self, text: &str) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline
                .checked_duration_since(Instant::now())
                .unwrap_or_else(|| panic!("no {text:?} on screen:\n{}", self.contents()));
            if let Some(at) = self.burst(left)
                && self.contents().contains(text)
            {
                return at;
            }
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Reads output until it has been quiet for `quiet`.
    fn settle(&mut self, quiet: Duration) {
        while self.burst(quiet).is_some() {}
    }

    fn peak_rss_mib(&self) -> f64 {
        self.proc_field("status", "VmHWM:").unwrap_or(0) as f64 / 1024.0
    }

    fn disk_and_all_bytes(&self) -> (u64, u64) {
        (
            self.proc_field("io", "write_bytes:").unwrap_or(0),
            self.proc_field("io", "wchar:").unwrap_or(0),
        )
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The journal file the session on `data` keeps (there is one).
fn journal_file(data: &Path) -> PathBuf {
    let dir = data.join("scribe/journal");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .expect("a journal")
}

fn main() {
    let scribe = std::env::var_os("SCRIBE_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_scribe")),
        PathBuf::from,
    );
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&target);
    let dir = tempfile::tempdir_in(&target).expect("temp dir");
    let meeting = scribe::workload::meeting(SCALE);
    let yaml = dir.path().join("meeting.yaml");
    std::fs::write(&yaml, yaml_serde::to_string(&meeting).expect("yaml")).expect("write");
    let yaml_arg = yaml.to_string_lossy().into_owned();
    let out_arg = dir.path().join("minutes.md").to_string_lossy().into_owned();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "footprint of {} at scale {SCALE}; load {}",
        scribe.display(),
        load.trim()
    );

    // A fresh session: start-up, typing, the pause.
    let start = Instant::now();
    let mut live = Live::start(&scribe, &[&yaml_arg, "-o", &out_arg, "--fresh"], dir.path());
    let first = live.wait_for("Roster");
    println!("start-up to first frame      {:8.1} ms", ms(first - start));
    live.settle(Duration::from_millis(1500));
    // Third working section, its first item, its notes.
    live.send(b"]]]j\r");
    live.settle(Duration::from_millis(1500));
    let (disk0, all0) = live.disk_and_all_bytes();
    let text = b"the quick brown fox jumps over the lazy dog ";
    for i in 0..KEYS {
        live.send(&[text[i % text.len()]]);
        thread::sleep(PACE);
        while live.burst(Duration::ZERO).is_some() {}
    }
    live.settle(Duration::from_millis(100));
    let (disk1, all1) = live.disk_and_all_bytes();
    thread::sleep(PAUSE);
    live.settle(Duration::from_millis(100));
    let (disk2, _) = live.disk_and_all_bytes();
    let per_key = |bytes: u64| bytes as f64 / KEYS as f64;
    println!(
        "disk per typed key           {:8.0} B while typing ({KEYS} keys {} ms apart), {:.0} B with the write at the pause; all writes {:.0} B per key",
        per_key(disk1 - disk0),
        PACE.as_millis(),
        per_key(disk2 - disk0),
        per_key(all1 - all0),
    );
    println!(
        "peak RSS after typing        {:8.1} MiB",
        live.peak_rss_mib()
    );
    // Quit: the journal is closed, then reopened below for a long session.
    live.send(b"\x1b");
    live.settle(Duration::from_millis(300));
    live.send(b"q");
    let _ = live.child.wait();
    drop(live);

    // A session of 50,000 actions left unfinished: a fresh start writes the
    // journal's Open record and base copy; the workload's actions follow it.
    let start = Instant::now();
    let mut live = Live::start(&scribe, &[&yaml_arg, "-o", &out_arg, "--fresh"], dir.path());
    let first = live.wait_for("Roster");
    live.settle(Duration::from_millis(1500));
    println!(
        "second start: first frame {:8.1} ms, peak RSS {:.1} MiB",
        ms(first - start),
        live.peak_rss_mib()
    );
    live.stop();
    let journal = journal_file(&dir.path().join("data"));
    let mut lines = String::new();
    let records = scribe::workload::journal(SCALE);
    let actions = records
        .iter()
        .filter(|r| matches!(r.entry, Entry::Action { .. }))
        .count();
    for record in records
        .iter()
        .filter(|r| !matches!(r.entry, Entry::Open { .. }))
    {
        lines.push_str(&serde_json::to_string(record).expect("json"));
        lines.push('\n');
    }
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .expect("journal");
    file.write_all(lines.as_bytes()).expect("append");
    drop(file);

    // Whatever the short session above left beside the journal goes: the first
    // resume is one with no snapshot.
    let _ = std::fs::remove_file(journal.with_extension("snapshot"));
    let resume = [yaml_arg.as_str(), "-o", out_arg.as_str(), "--resume"];
    // The first resume of that journal: no snapshot of it exists yet.
    let mut live = resumed(
        &scribe,
        &resume,
        dir.path(),
        actions,
        "first ever, no snapshot",
    );
    undos(&mut live, actions, "first ever");
    // The changes pause: scribe hands the meeting to the writer and snapshots
    // the state. Then it is killed, as a crash would.
    live.settle(Duration::from_millis(2000));
    live.stop();
    // Resumed after that kill, with whatever scribe left beside its journal.
    let mut live = resumed(&scribe, &resume, dir.path(), actions, "after kill -9");
    undos(&mut live, actions, "after kill -9");
    live.settle(Duration::from_millis(2000));
    live.stop();
    // Once more, with `u` pressed as soon as the first frame is on screen (the
    // undo history before the snapshot may still be being made).
    let start = Instant::now();
    let mut live = Live::start(&scribe, &resume, dir.path());
    let first = live.wait_for("Roster");
    let sent = live.send(b"u");
    let shown = live.wait_for("Undone");
    println!(
        "resume after kill -9, first frame {:.1} ms, then u at once {:.1} ms",
        ms(first - start),
        ms(shown.saturating_duration_since(sent))
    );
    live.stop();
    // SCRIBE_BENCH_KEEP=1 keeps the meeting and its data folder, to look into.
    if std::env::var_os("SCRIBE_BENCH_KEEP").is_some() {
        println!("kept in {}", dir.keep().display());
    }
}

/// scribe resuming the session on `args`: spawn to first frame, and peak RSS
/// once it has settled.
fn resumed(scribe: &Path, args: &[&str], dir: &Path, actions: usize, what: &str) -> Live {
    let start = Instant::now();
    let mut live = Live::start(scribe, args, dir);
    let first = live.wait_for("Roster");
    println!(
        "resume of {actions} actions to first frame {:8.1} ms ({what})",
        ms(first - start)
    );
    live.settle(Duration::from_millis(1500));
    println!(
        "peak RSS after resuming      {:8.1} MiB ({what})",
        live.peak_rss_mib()
    );
    live
}

/// Out of the editor (if the session ended in it), then five undos, each timed
/// from the key to the screen saying what was undone.
fn undos(live: &mut Live, actions: usize, what: &str) {
    live.send(b"\x1b");
    live.settle(Duration::from_millis(500));
    let mut undo = Vec::new();
    for _ in 0..5 {
        let sent = live.send(b"u");
        let shown = live.wait_for("Undone");
        undo.push(ms(shown.saturating_duration_since(sent)));
        live.settle(Duration::from_millis(300));
        // The message goes with the next key; a move that changes nothing.
        live.send(b"k");
        live.settle(Duration::from_millis(300));
    }
    println!(
        "u after {actions} actions        {} ms (5 undos in a row, {what})",
        undo.iter()
            .map(|u| format!("{u:.1}"))
            .collect::<Vec<_>>()
            .join(" / ")
    );
    println!(
        "peak RSS after the undos     {:8.1} MiB ({what})",
        live.peak_rss_mib()
    );
}
