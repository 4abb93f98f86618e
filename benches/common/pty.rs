//! A program running in a pseudo-terminal for the benches that time the real
//! binary (`latency`, `footprint`): its output is read on a thread, stamped with
//! the time it came, and fed to a `vt100` emulation of the screen.
//!
//! Each bench includes this file as a module of its own crate, and adds the
//! measurements it needs in an `impl` block of its own.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The screen's size, for every program measured.
const ROWS: u16 = 40;
const COLS: u16 = 120;

/// Chunks of output closer than this belong to one screen update.
pub const BURST_GAP: Duration = Duration::from_millis(3);

/// A program in a pseudo-terminal of [`ROWS`] × [`COLS`].
pub struct Live {
    pub writer: Box<dyn Write + Send>,
    pub output: Receiver<(Instant, Vec<u8>)>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub screen: vt100::Parser,
    /// Bytes received so far.
    pub bytes: usize,
    pub pid: u32,
}

impl Live {
    /// Starts `program ARGS` in `dir`, with its home, configuration and data
    /// there too (the user's own stay out of the measurement), and `env` set.
    pub fn spawn(program: &Path, args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Live {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", dir.join("config"));
        cmd.env("XDG_DATA_HOME", dir.join("data"));
        cmd.env("HOME", dir);
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        let pid = child.process_id().expect("a pid");
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
        Live {
            writer,
            output: rx,
            child,
            screen: vt100::Parser::new(
                NonZeroU16::new(ROWS).expect("rows"),
                NonZeroU16::new(COLS).expect("columns"),
                0,
            ),
            bytes: 0,
            pid,
        }
    }

    /// The next burst of output (chunks less than [`BURST_GAP`] apart), fed to the
    /// screen; the time of its last byte, or None when nothing came within
    /// `patience`.
    pub fn burst(&mut self, patience: Duration) -> Option<Instant> {
        let (mut last, bytes) = self.output.recv_timeout(patience).ok()?;
        self.screen.process(&bytes);
        self.bytes += bytes.len();
        while let Ok((at, bytes)) = self.output.recv_timeout(BURST_GAP) {
            self.screen.process(&bytes);
            self.bytes += bytes.len();
            last = at;
        }
        Some(last)
    }

    /// Writes `bytes` as typed; the time they went.
    pub fn send(&mut self, bytes: &[u8]) -> Instant {
        let at = Instant::now();
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
        at
    }

    /// A field of `/proc/PID/<file>` as a number (the first word after `name`).
    pub fn proc_field(&self, file: &str, name: &str) -> Option<u64> {
        let text = std::fs::read_to_string(format!("/proc/{}/{file}", self.pid)).ok()?;
        text.lines().find_map(|l| {
            l.strip_prefix(name)?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
    }
}
