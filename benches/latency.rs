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

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Output quiet for this long means the screen update is complete.
const QUIET: Duration = Duration::from_millis(40);
/// Keys typed per program.
const KEYS: usize = 500;
/// Scale of the meeting (times the reference minutes).
const SCALE: usize = 100;

/// Figures for one program.
struct Figures {
    name: &'static str,
    startup: Duration,
    latencies: Vec<Duration>,
    peak_rss_kib: Option<u64>,
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

/// A program running in a pseudo-terminal, its output read on a thread.
struct Session {
    writer: Box<dyn Write + Send>,
    output: Receiver<(Instant, usize)>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn spawn(program: &Path, args: &[&str], dir: &Path) -> Session {
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
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), n)).is_err() {
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
        }
    }

    /// Waits for output to start, then for it to go quiet; returns the time of the
    /// last byte, or None when nothing came within `patience`.
    fn settle(&self, patience: Duration) -> Option<Instant> {
        let (mut last, _) = self.output.recv_timeout(patience).ok()?;
        loop {
            match self.output.recv_timeout(QUIET) {
                Ok((at, _)) => last = at,
                Err(RecvTimeoutError::Timeout) => return Some(last),
                Err(RecvTimeoutError::Disconnected) => return Some(last),
            }
        }
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

/// Runs one program: start-up, `enter` keys to reach the editor, then typing.
fn measure(name: &'static str, program: &Path, args: &[&str], dir: &Path, enter: &[u8]) -> Figures {
    let start = Instant::now();
    let mut session = Session::spawn(program, args, dir);
    let first_frame = session
        .settle(Duration::from_secs(30))
        .unwrap_or_else(|| panic!("{name} drew nothing within 30 s"));
    let startup = first_frame - start;
    session.send(enter);
    session.settle(Duration::from_secs(5));
    let text = b"the quick brown fox jumps over the lazy dog ";
    let mut latencies = Vec::with_capacity(KEYS);
    for i in 0..KEYS {
        let key = text[i % text.len()];
        let sent = session.send(&[key]);
        match session.settle(Duration::from_secs(5)) {
            Some(last) => latencies.push(last.saturating_duration_since(sent)),
            None => panic!("{name} did not redraw after key {i}"),
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

    let scribe = PathBuf::from(env!("CARGO_BIN_EXE_scribe"));
    let yaml_arg = yaml_path.to_string_lossy().into_owned();
    let out_arg = dir.path().join("minutes.md").to_string_lossy().into_owned();
    let scribe_figures = measure(
        "scribe",
        &scribe,
        &[&yaml_arg, "-o", &out_arg],
        dir.path(),
        b"\r",
    );
    let vim_arg = vim_path.to_string_lossy().into_owned();
    let vim_figures = measure(
        "vim",
        Path::new("vim"),
        &["-u", "NONE", "-n", &vim_arg],
        dir.path(),
        b"Go",
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
        "\nLatency is measured from the write of a key to the last byte of the screen \
         update it caused (output quiet for {} ms).\n",
        QUIET.as_millis()
    ));
    print!("{report}");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&target);
    match std::fs::write(target.join("bench-report.md"), &report) {
        Ok(()) => println!("(written to target/bench-report.md)"),
        Err(e) => eprintln!("could not write target/bench-report.md: {e}"),
    }
}
