//! Keystroke latency of the real binary in a pseudo-terminal, scribe beside vim.
//!
//! Run with `cargo bench --bench latency`. For each program it measures, in the same
//! run and through the same harness:
//!
//! - start-up: from spawn to the last byte of the first full frame;
//! - keystroke to screen: 500 printable keys typed one at a time into the notes
//!   editor (vim: insert mode), each timed from the write of the key to the last byte
//!   of the screen update it caused;
//! - peak RSS (`VmHWM` from `/proc`).
//!
//! scribe opens a meeting 100 times the reference minutes (see `scribe::workload`),
//! vim (`vim -u NONE`) a Markdown file of the same size. The figures are printed as a
//! table and written to `target/bench-report.md`.
//!
//! Only the screen update a key caused is timed. scribe runs with its clock stopped
//! (`SCRIBE_FIXED_NOW`), so the timer's once-a-second redraw never happens. Other
//! updates that are not the key's (the "saved" status after the debounced write of
//! the minutes) are told apart by time and by content: output arrives in bursts (a
//! frame is written in chunks microseconds apart; a burst ends at a gap of
//! [`BURST_GAP`]), and the key's update is the first burst after the write that
//! changes what is visible (text, colours or cursor, on a `vt100` emulation of the
//! screen). Bursts after it, before the next key, are counted and reported, not
//! timed.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Output quiet for this long means the program has finished reacting to a key
/// (its update and anything that follows it); the next key is sent then.
const QUIET: Duration = Duration::from_millis(40);
/// Chunks of output closer than this belong to one screen update.
const BURST_GAP: Duration = Duration::from_millis(3);
/// Keys typed per program.
const KEYS: usize = 500;
/// Scale of the meeting (times the reference minutes).
const SCALE: usize = 100;
/// The stopped clock scribe runs with: half an hour into the meeting.
const FIXED_NOW: &str = "2024-05-15T17:30:00Z";

/// Figures for one program.
struct Figures {
    name: &'static str,
    startup: Duration,
    latencies: Vec<Duration>,
    peak_rss_kib: Option<u64>,
    /// Keys after whose update more output came before the next key (not timed).
    later_updates: usize,
}

impl Figures {
    fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted.get(index).copied().unwrap_or_default()
    }
    fn max(&self) -> Duration {
        self.latencies.iter().max().copied().unwrap_or_default()
    }
}

/// A program running in a pseudo-terminal, its output read on a thread and fed to
/// a terminal emulation.
struct Session {
    writer: Box<dyn Write + Send>,
    output: Receiver<(Instant, Vec<u8>)>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    screen: vt100::Parser,
}

impl Session {
    fn spawn(program: &Path, args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        // Keep the user's own configuration out of the measurement.
        cmd.env("XDG_CONFIG_HOME", dir.join("config"));
        cmd.env("XDG_DATA_HOME", dir.join("data"));
        cmd.env("HOME", dir);
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        // The master must outlive the session; leak it for the bench's lifetime.
        std::mem::forget(pty.master);
        Session {
            writer,
            output: rx,
            child,
            screen: vt100::Parser::new(
                NonZeroU16::new(40).expect("rows"),
                NonZeroU16::new(120).expect("columns"),
                0,
            ),
        }
    }

    /// The next burst of output (chunks less than [`BURST_GAP`] apart), fed to the
    /// screen; the time of its last byte, or None when nothing came within
    /// `patience`.
    fn burst(&mut self, patience: Duration) -> Option<Instant> {
        let (mut last, bytes) = self.output.recv_timeout(patience).ok()?;
        self.screen.process(&bytes);
        while let Ok((at, bytes)) = self.output.recv_timeout(BURST_GAP) {
            self.screen.process(&bytes);
            last = at;
        }
        Some(last)
    }

    /// Waits until the screen shows what `ready` looks for; the time of the last
    /// byte of the burst that made it so.
    fn wait_for(&mut self, patience: Duration, ready: impl Fn(&Self) -> bool) -> Option<Instant> {
        let deadline = Instant::now() + patience;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let last = self.burst(left)?;
            if ready(self) {
                return Some(last);
            }
        }
    }

    /// What is visible: text with its colours and attributes, and the cursor (a
    /// space typed at the end of a line changes only where the cursor is).
    fn look(&self) -> (String, (u16, u16)) {
        let screen = self.screen.screen();
        (screen.contents_formatted(), screen.cursor_position())
    }

    /// Waits for output to go quiet for [`QUIET`]; how many bursts came.
    fn settle(&mut self) -> usize {
        let mut bursts = 0;
        while self.burst(QUIET).is_some() {
            bursts += 1;
        }
        bursts
    }

    fn send(&mut self, bytes: &[u8]) -> Instant {
        let at = Instant::now();
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
        at
    }

    fn peak_rss_kib(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

/// How to run one program.
struct Program<'a> {
    name: &'static str,
    path: &'a Path,
    args: &'a [&'a str],
    env: &'a [(&'a str, &'a str)],
    /// Text on the screen once the first full frame is drawn.
    first_frame: &'a str,
    /// Keys that open the editor on the notes (insert mode).
    enter: &'a [u8],
}

/// Runs one program: start-up, the keys to reach the editor, then typing.
fn measure(program: &Program<'_>, dir: &Path) -> Figures {
    let name = program.name;
    let start = Instant::now();
    let mut session = Session::spawn(program.path, program.args, dir, program.env);
    let first_frame = session
        .wait_for(Duration::from_secs(30), |session| {
            session
                .screen
                .screen()
                .contents()
                .contains(program.first_frame)
        })
        .unwrap_or_else(|| {
            panic!(
                "{name} did not show {:?} within 30 s; screen:\n{}",
                program.first_frame,
                session.screen.screen().contents()
            )
        });
    let startup = first_frame - start;
    session.settle();
    session.send(program.enter);
    session.settle();
    let text = b"the quick brown fox jumps over the lazy dog ";
    let mut latencies = Vec::with_capacity(KEYS);
    let mut later_updates = 0;
    for i in 0..KEYS {
        let key = text[i % text.len()];
        let before = session.look();
        let sent = session.send(&[key]);
        // The key's update is the first burst that changes what is visible.
        let shown = session
            .wait_for(Duration::from_secs(5), |session| session.look() != before)
            .unwrap_or_else(|| {
                panic!(
                    "{name} did not show key {i}; screen:\n{}",
                    session.screen.screen().contents()
                )
            });
        latencies.push(shown.saturating_duration_since(sent));
        if session.settle() > 0 {
            later_updates += 1;
        }
    }
    let peak_rss_kib = session.peak_rss_kib();
    let _ = session.child.kill();
    let _ = session.child.wait();
    Figures {
        name,
        startup,
        latencies,
        peak_rss_kib,
        later_updates,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo bench` passes harness flags such as `--bench`; nothing to parse.
    let dir = tempfile::tempdir().expect("temp dir");
    let meeting = scribe::workload::meeting(SCALE);
    let yaml_path = dir.path().join("meeting.yaml");
    std::fs::write(&yaml_path, yaml_serde::to_string(&meeting).expect("yaml")).expect("write");
    let size = std::fs::metadata(&yaml_path).map(|m| m.len()).unwrap_or(0);
    // vim opens a file of the same size.
    let vim_path = dir.path().join("meeting.md");
    std::fs::copy(&yaml_path, &vim_path).expect("copy");

    // SCRIBE_BIN measures another build of scribe (say, before a change).
    let scribe = std::env::var_os("SCRIBE_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_scribe")),
        PathBuf::from,
    );
    let yaml_arg = yaml_path.to_string_lossy().into_owned();
    let out_arg = dir.path().join("minutes.md").to_string_lossy().into_owned();
    let scribe_figures = measure(
        &Program {
            name: "scribe",
            path: &scribe,
            args: &[&yaml_arg, "-o", &out_arg],
            env: &[("SCRIBE_FIXED_NOW", FIXED_NOW)],
            first_frame: "Roster",
            // Third working section, its first item, its notes (20 lines).
            enter: b"]]]j\r",
        },
        dir.path(),
    );
    let vim_arg = vim_path.to_string_lossy().into_owned();
    let first_line = std::fs::read_to_string(&vim_path)
        .ok()
        .and_then(|t| {
            t.lines()
                .next()
                .map(|l| l.chars().take(40).collect::<String>())
        })
        .unwrap_or_default();
    let vim_figures = measure(
        &Program {
            name: "vim",
            path: Path::new("vim"),
            args: &["-u", "NONE", "-n", &vim_arg],
            env: &[],
            first_frame: &first_line,
            // The end of the file, a new line, insert mode.
            enter: b"Go",
        },
        dir.path(),
    );

    let mut report = String::new();
    report.push_str(&format!(
        "# Keystroke latency, scale {SCALE} ({size} bytes of meeting file), {KEYS} keys\n\n"
    ));
    report.push_str("| program | start-up ms | p50 ms | p99 ms | max ms | peak RSS MiB |\n");
    report.push_str("|---|---:|---:|---:|---:|---:|\n");
    for f in [&scribe_figures, &vim_figures] {
        report.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            f.name,
            ms(f.startup),
            ms(f.percentile(0.5)),
            ms(f.percentile(0.99)),
            ms(f.max()),
            f.peak_rss_kib
                .map(|k| format!("{:.1}", k as f64 / 1024.0))
                .unwrap_or_else(|| "?".into()),
        ));
    }
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
    report.push_str(&format!(
        "\nscribe/vim: p50 {:.2}, p99 {:.2}, start-up {:.2}\n",
        ratio(scribe_figures.percentile(0.5), vim_figures.percentile(0.5)),
        ratio(
            scribe_figures.percentile(0.99),
            vim_figures.percentile(0.99)
        ),
        ratio(scribe_figures.startup, vim_figures.startup),
    ));
    report.push_str(&format!(
        "\nLatency: from the write of a key to the last byte of the screen update it \
         caused (the first burst of output, chunks < {} ms apart, that changed what \
         is visible: text, colours or cursor); the next key is sent after {} ms of quiet. scribe runs with its \
         clock stopped (SCRIBE_FIXED_NOW={FIXED_NOW}), so no timer redraws. Keys followed \
         by a later update before the next key (not timed): scribe {}, vim {}.\n",
        BURST_GAP.as_millis(),
        QUIET.as_millis(),
        scribe_figures.later_updates,
        vim_figures.later_updates,
    ));
    print!("{report}");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&target);
    match std::fs::write(target.join("bench-report.md"), &report) {
        Ok(()) => println!("(written to target/bench-report.md)"),
        Err(e) => eprintln!("could not write target/bench-report.md: {e}"),
    }
}
