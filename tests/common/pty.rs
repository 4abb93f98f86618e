//! The real `scribe` binary in a pseudo-terminal, as the tests that drive it
//! from the keyboard share it: started with its home, configuration and data
//! folders in the test's folder (so no user's keymap or journal takes part), its
//! screen mirrored as a terminal shows it, keys sent as a terminal sends them.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

use super::{PtyBytes, PtyScreen, mirror_pty};

/// How long to wait for the screen or the end before a test fails: long
/// enough for a loaded machine.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A lone Esc followed at once by a key reads as Alt-key, as in any terminal:
/// after an Esc, the next key waits this long.
const AFTER_ESC: Duration = Duration::from_millis(150);

/// `scribe` running in a pseudo-terminal.
pub struct Pty {
    pub screen: PtyScreen,
    pub raw: PtyBytes,
    pub input: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    /// The pause after each key sent, for the program to read it.
    pub pause: Duration,
}

impl Pty {
    /// Starts `scribe ARGS` in `dir` on a `cols`×`rows` terminal (TERM
    /// xterm-256color; HOME, XDG_CONFIG_HOME and XDG_DATA_HOME in `dir`);
    /// `setup` adds what the test needs (a fixed clock, say).
    pub fn spawn(
        dir: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        setup: impl FnOnce(&mut CommandBuilder),
    ) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_scribe"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", dir);
        cmd.env("XDG_CONFIG_HOME", dir.join("config"));
        cmd.env("XDG_DATA_HOME", dir.join("data"));
        setup(&mut cmd);
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let (screen, raw) = mirror_pty(pty.master.try_clone_reader().unwrap(), rows, cols);
        let input = pty.master.take_writer().unwrap();
        Pty {
            screen,
            raw,
            input,
            child,
            master: pty.master,
            pause: Duration::from_millis(30),
        }
    }

    /// The screen's text.
    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until `shown` is true of the screen's text; fails naming `what`.
    pub fn wait_until(&self, what: &str, shown: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.contents();
            if shown(&screen) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never showed {what}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text));
    }

    /// Sends `bytes` as a terminal would, and lets the program read them.
    pub fn send(&mut self, bytes: &str) {
        self.input.write_all(bytes.as_bytes()).unwrap();
        self.input.flush().unwrap();
        std::thread::sleep(if bytes == "\x1b" {
            AFTER_ESC
        } else {
            self.pause
        });
    }

    /// Types `text`, one key per character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(c.encode_utf8(&mut [0u8; 4]));
        }
    }

    /// Waits for the program to end (killing it when it does not); its status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().ok();
        panic!("scribe did not end; the screen shows:\n{}", self.contents());
    }

    /// Everything the program wrote to the terminal, as text.
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// `kill -9`, and waits for it.
    pub fn kill9(&mut self) {
        let pid = self.child.process_id().unwrap();
        let status = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        self.child.wait().unwrap();
    }
}

impl Drop for Pty {
    /// A failing test must not leave a scribe behind.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait()
            && let Some(pid) = self.child.process_id()
        {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
            let _ = self.child.wait();
        }
    }
}
