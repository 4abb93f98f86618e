//! SIGTERM, SIGHUP and SIGINT stop scribe the orderly way: the event loop sees the
//! signal within [`CHECK_EVERY`], and the caller restores the terminal, makes the
//! journal durable and writes the minutes before exiting.
//!
//! The handler itself only sets a flag (all a signal handler may safely do). The
//! session is left unfinished in the journal, so the next start offers to resume.
//!
//! A watchdog thread covers what the event loop cannot see: when the terminal is
//! gone without a SIGHUP (crossterm then reads end-of-file forever and never
//! returns), or a signal is not taken up, it makes the journal durable and ends the
//! process. Every key is already in the journal, so nothing is lost.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// How long the event loop may sleep before looking for a signal.
pub const CHECK_EVERY: Duration = Duration::from_millis(200);

/// The signal received, if any (0 for none).
#[derive(Debug, Clone, Default)]
pub struct Signalled(Arc<AtomicUsize>);

impl Signalled {
    /// True when a signal is waiting to be taken.
    fn pending(&self) -> bool {
        self.0.load(Ordering::SeqCst) != 0
    }

    /// The name of the signal received since the last call, if one was.
    pub fn take(&self) -> Option<&'static str> {
        self.take_numbered().map(|(name, _)| name)
    }

    /// The name and number of the signal received since the last call, if one
    /// was (the number makes the exit status, 128 + n, as shells expect).
    pub fn take_numbered(&self) -> Option<(&'static str, i32)> {
        let number = self.0.swap(0, Ordering::SeqCst) as i32;
        let name = match number {
            0 => return None,
            SIGTERM => "SIGTERM",
            SIGHUP => "SIGHUP (the terminal was closed)",
            SIGINT => "SIGINT",
            _ => "a signal",
        };
        Some((name, number))
    }
}

/// Starts watching for the signals that ask scribe to stop. When the handlers
/// cannot be installed, scribe runs without them (the journal still protects
/// everything).
pub fn watch() -> Signalled {
    let signalled = Signalled::default();
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        let _ = signal_hook::flag::register_usize(signal, signalled.0.clone(), signal as usize);
    }
    signalled
}

/// Starts the watchdog: every second it checks that standard input is still a
/// terminal and that a signal received has been taken up; if not, it syncs
/// `journal` and exits with status 129 (as if by SIGHUP).
pub fn watchdog(signalled: Signalled, journal: Option<std::fs::File>) {
    use std::io::IsTerminal;
    std::thread::spawn(move || {
        let mut signal_seen = false;
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let stuck = signalled.pending() && signal_seen;
            signal_seen = signalled.pending();
            if stuck || !std::io::stdin().is_terminal() {
                if let Some(file) = &journal {
                    let _ = file.sync_data();
                }
                std::process::exit(129);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raised_signal_is_seen_once_by_name() {
        let signalled = watch();
        assert_eq!(signalled.take(), None);
        signal_hook::low_level::raise(SIGHUP).unwrap();
        assert_eq!(signalled.take(), Some("SIGHUP (the terminal was closed)"));
        assert_eq!(signalled.take(), None);
    }
}
