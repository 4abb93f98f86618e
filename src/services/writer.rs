//! The minutes writer: a thread that keeps the minutes file on disk up to date.
//!
//! The event loop hands it a copy of the meeting after changes (cheap: the copy
//! shares the meeting's lists, see [`crate::model::Shared`]) and goes back to
//! reading keys. The thread writes on a pause in the changes: once none has come
//! for [`PAUSE`] (or [`MAX_DELAY`] after the first change not yet written, should
//! the changes never pause), and at once at the start (when nothing is written
//! yet) and when the session ends. It renders the
//! newest state a piece at a time into a temporary file, hashing it as it goes
//! (a long meeting's minutes are never held whole), and renames that over the
//! minutes file, through the injected write function; when the minutes hash as
//! what the file holds, the temporary file is dropped and the file left as it is.
//! Typing never waits for the disk, and never rewrites the whole minutes per key:
//! every key is in the journal the moment it shows (see
//! [`crate::services::journal`]), so the minutes file may lag by the pause.
//!
//! Before overwriting the minutes file the writer makes sure nobody else changed
//! it, without reading it back each time: it keeps the hash of what it last wrote
//! and the file's metadata (length, modification time, inode) just after; only
//! when the metadata differ is the file read and hashed.

use std::cell::Cell;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::clock::Clock;
use crate::model::Meeting;

/// How long the changes must pause before the minutes are written.
pub const PAUSE: Duration = Duration::from_secs(2);
/// The longest a change waits to be written while changes keep coming.
pub const MAX_DELAY: Duration = Duration::from_secs(60);

/// Renders the minutes of a meeting, handing their text to the sink a piece at
/// a time, in order (see [`crate::minutes::markdown_pieces`]): the writer hashes
/// them and writes them as they come, and never holds a long meeting's minutes
/// whole.
pub type RenderFn = Box<dyn Fn(&Meeting, &mut dyn FnMut(&str)) + Send>;
/// Puts the minutes' bytes into what it is given (the file being written), and
/// says whether they are to replace the file: not when they turn out to be what
/// it holds already.
pub type Fill<'a> = &'a mut dyn FnMut(&mut dyn io::Write) -> io::Result<bool>;
/// Replaces the file at a path with what the fill puts into it, whole or not at
/// all (nor when the fill says no).
pub type WriteFn = Box<dyn Fn(&Path, Fill<'_>) -> io::Result<()> + Send>;

/// Replaces the file at `path` with what `fill` writes, atomically: the
/// [`WriteFn`] of the minutes on disk.
pub fn write_atomic(path: &Path, fill: Fill<'_>) -> io::Result<()> {
    crate::write::write_atomic_if(path, |file| fill(file))
}

/// The FNV-1a hash of the minutes `render` makes of `meeting`, made piece by
/// piece.
pub fn minutes_hash(render: &RenderFn, meeting: &Meeting) -> u64 {
    let mut hash = super::journal::FNV_START;
    render(meeting, &mut |piece| {
        hash = super::journal::fnv1a64_on(hash, piece.as_bytes());
    });
    hash
}

/// Writes the minutes `render` makes of `meeting` into `out`, piece by piece;
/// their FNV-1a hash.
fn render_into(render: &RenderFn, meeting: &Meeting, out: &mut dyn io::Write) -> io::Result<u64> {
    let mut written = Ok(());
    let mut hash = super::journal::FNV_START;
    render(meeting, &mut |piece| {
        hash = super::journal::fnv1a64_on(hash, piece.as_bytes());
        if written.is_ok() {
            written = out.write_all(piece.as_bytes());
        }
    });
    written.map(|()| hash)
}

enum Message {
    /// A state to write, the `n`th handed over.
    Meeting(Box<Meeting>, u64),
    /// Write what is queued now, without waiting for the pause: something is
    /// about to read the minutes back from disk.
    Flush,
    /// The meeting is still changing (not handed over on every key): the
    /// pause before writing starts again.
    Touch,
    /// The secretary chose scribe's minutes over the changed file on disk.
    Overwrite,
    Finish,
}

/// The outcome of one write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveReport {
    /// The minutes were written at this time.
    Saved(DateTime<Utc>),
    /// The write failed; the file on disk is the previous one.
    Failed(String),
    /// Someone else changed the minutes file while the meeting ran: theirs is
    /// kept, and scribe's minutes were written to `to` at `at`.
    Diverted { at: DateTime<Utc>, to: PathBuf },
    /// The minutes file was not scribe's to replace when the session started
    /// (see [`StartCheck`]): it is kept, and scribe's minutes go to `to`. Sent
    /// once, before anything is written.
    KeptAtStart { to: PathBuf },
}

/// Where scribe's minutes go when the minutes file was changed by someone else:
/// `minutes.md` → `minutes.scribe.md`.
pub fn beside(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "minutes".into(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}.scribe.md"))
}

/// How the writer starts on a minutes file that may already exist.
#[derive(Debug, Clone)]
pub struct Start {
    /// Where to keep the hashes of what scribe writes to the minutes file, so a
    /// later start can tell its own minutes from someone else's edit (see
    /// [`written_by_scribe`]). Written before each write: the previous and the
    /// new text's hashes, so a crash between the two writes is covered.
    pub marker: Option<PathBuf>,
    /// How long the changes must pause before a write ([`PAUSE`]).
    pub pause: Duration,
    /// Whether the file on disk is scribe's to replace, decided by the writer's
    /// thread before its first write (see [`StartCheck`]); without one, it is.
    /// When it is not (someone else's edit, an earlier session's minutes),
    /// scribe's minutes go beside it from the first write, until the
    /// secretary chooses ours (`O`).
    pub check: Option<StartCheck>,
}

impl Default for Start {
    fn default() -> Start {
        Start {
            marker: None,
            pause: PAUSE,
            check: None,
        }
    }
}

/// What tells whether the minutes file found at the start is scribe's to
/// replace. It is when it is what the session starts from (`base_hash`),
/// scribe's own minutes of the session it continues (`own_earlier`, and the
/// marker says scribe wrote it), or already the minutes of `meeting`;
/// anything else is kept. Decided on the writer's thread:
/// for a long meeting it means reading the file and rendering the minutes,
/// milliseconds the first frame need not wait for.
#[derive(Debug, Clone)]
pub struct StartCheck {
    /// The meeting as the session starts.
    pub meeting: Meeting,
    /// The hash of what the session started from, when that is known.
    pub base_hash: Option<u64>,
    /// Minutes scribe wrote before count as this session's own (it continues
    /// the session that wrote them, or it is the demo).
    pub own_earlier: bool,
}

impl StartCheck {
    /// Whether the file hashed `on_disk` is to be kept and scribe's minutes go
    /// beside it.
    fn keeps(&self, on_disk: u64, marker: Option<&Path>, render: &RenderFn) -> bool {
        let ours = self.base_hash == Some(on_disk)
            || (self.own_earlier && marker.is_some_and(|m| hash_written_by_scribe(m, on_disk)));
        !ours && on_disk != minutes_hash(render, &self.meeting)
    }
}

/// How a hash is kept in a marker.
fn hash_line(hash: u64) -> String {
    format!("{hash:016x}")
}

/// True when the `marker` says scribe wrote `bytes` to the minutes file (as the
/// last write, or the one before it).
pub fn written_by_scribe(marker: &Path, bytes: &[u8]) -> bool {
    hash_written_by_scribe(marker, super::journal::fnv1a64(bytes))
}

/// [`written_by_scribe`] for the bytes of that `hash` (see [`file_hash`]).
pub fn hash_written_by_scribe(marker: &Path, hash: u64) -> bool {
    let hash = hash_line(hash);
    std::fs::read_to_string(marker).is_ok_and(|text| text.lines().any(|l| l.trim() == hash))
}

/// The hash of the file at `path` (read in pieces, not whole), if it can be read:
/// a long minutes file is compared without holding it in memory.
pub fn file_hash(path: &Path) -> Option<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut hash = super::journal::FNV_START;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Some(hash),
            Ok(n) => hash = super::journal::fnv1a64_on(hash, &buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// How long after its write the minutes file's metadata are taken: longer than
/// the file system's clock tick, so that a later change by someone else shows in
/// the modification time even when it is as long as scribe's text.
const STAMP_AFTER: Duration = Duration::from_millis(20);

/// What the file system says of a file: when it differs from what it said just
/// after scribe's write, someone may have changed the file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
    changed_ns: i64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let (inode, changed_ns) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), meta.ctime() * 1_000_000_000 + meta.ctime_nsec())
        };
        #[cfg(not(unix))]
        let (inode, changed_ns) = (0, 0);
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
            changed_ns,
        })
    }
}

/// The writer thread's view of the minutes file: what it last wrote there, and
/// whether scribe's minutes go beside it because someone else changed it.
struct MinutesFile {
    path: PathBuf,
    render: RenderFn,
    write: WriteFn,
    clock: Box<dyn Clock>,
    reports: Sender<SaveReport>,
    /// The hash of what is on disk as far as scribe knows: what it wrote, or
    /// found at the start.
    last_written: Option<u64>,
    /// The minutes file's metadata when it was known to hold `last_written`.
    stamp: Option<Stamp>,
    last_report: Option<SaveReport>,
    /// Where scribe's minutes go once someone else changed the minutes file.
    diverted: Option<PathBuf>,
    /// See [`Start::marker`].
    marker: Option<PathBuf>,
}

impl MinutesFile {
    fn open(
        path: PathBuf,
        render: RenderFn,
        write: WriteFn,
        clock: Box<dyn Clock>,
        reports: Sender<SaveReport>,
        start: Start,
    ) -> MinutesFile {
        // What is on disk already counts as written: opening an agenda and
        // changing nothing leaves the file untouched (not even its time).
        let stamp = Stamp::of(&path);
        let last_written = file_hash(&path);
        let kept = start.check.as_ref().is_some_and(|check| {
            last_written
                .is_some_and(|on_disk| check.keeps(on_disk, start.marker.as_deref(), &render))
        });
        let last_report = last_written
            .as_ref()
            .filter(|_| !kept)
            .map(|_| SaveReport::Saved(clock.now()));
        let diverted = kept.then(|| beside(&path));
        if let Some(to) = &diverted {
            let _ = reports.send(SaveReport::KeptAtStart { to: to.clone() });
        }
        MinutesFile {
            path,
            render,
            write,
            clock,
            reports,
            last_written,
            stamp,
            last_report,
            diverted,
            marker: start.marker,
        }
    }

    /// Notes in the marker that `text` is about to be scribe's minutes (and the
    /// text there now still counts, should the write not happen).
    fn mark(&self, hash: u64) {
        let Some(marker) = &self.marker else { return };
        let mut lines = String::new();
        if let Some(previous) = self.last_written {
            lines.push_str(&hash_line(previous));
            lines.push('\n');
        }
        lines.push_str(&hash_line(hash));
        lines.push('\n');
        // Best effort: without it a later start only diverts (nothing is lost).
        let _ = super::journal::write_private(marker, lines.as_bytes());
    }

    /// A copy beside the minutes file is as private as the file itself: it is
    /// made with the file's mode before the first write.
    fn prepare_copy(&self, target: &Path) {
        if target.exists() {
            return;
        }
        #[cfg(unix)]
        if let Ok(meta) = std::fs::metadata(&self.path) {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            let mode = meta.permissions().mode() & 0o777;
            let _ = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(target)
                .and_then(|f| f.set_permissions(std::fs::Permissions::from_mode(mode)));
        }
    }

    /// The secretary chose scribe's minutes over the changed file: what is on disk
    /// now is what they saw and chose to replace (a change made after this is
    /// caught again), and the next save goes to the minutes file.
    fn take_over(&mut self) {
        self.diverted = None;
        self.stamp = Stamp::of(&self.path);
        self.last_written = file_hash(&self.path);
        self.last_report = None;
    }

    /// The minutes file's metadata after scribe wrote the text hashed `hash`, taken
    /// [`STAMP_AFTER`] the write; none when the file no longer holds that text
    /// (someone wrote it meanwhile: the next save reads it and finds out).
    fn stamp_after_write(&self, hash: u64) -> Option<Stamp> {
        std::thread::sleep(STAMP_AFTER);
        let stamp = Stamp::of(&self.path)?;
        (file_hash(&self.path) == Some(hash)).then_some(stamp)
    }

    /// Renders `meeting` and writes it, unless the file already says the same;
    /// `last` when the session is ending (nothing is checked after the write).
    fn save(&mut self, meeting: &Meeting, last: bool) {
        // Before overwriting, the file must still be what scribe last wrote (or
        // found): an edit made meanwhile by someone else is never lost. Once that
        // happened, scribe's minutes go beside it until the secretary says otherwise.
        // The file is read back only when its metadata say it may have changed.
        let newly_diverted = self.diverted.is_none() && {
            let stamp = Stamp::of(&self.path);
            // (A file that cannot be read, or a folder, counts as none: the
            // write then fails and says so.)
            stamp.is_some()
                && stamp != self.stamp
                && file_hash(&self.path).is_some_and(|h| Some(h) != self.last_written)
        };
        if newly_diverted {
            self.diverted = Some(beside(&self.path));
        }
        let target = self.diverted.clone().unwrap_or_else(|| self.path.clone());
        if self.diverted.is_some() {
            self.prepare_copy(&target);
        }
        let up_to_date = !newly_diverted
            && matches!(
                self.last_report,
                Some(SaveReport::Saved(_) | SaveReport::Diverted { .. })
            );
        // The minutes are rendered once, a piece at a time, into the temporary
        // file and hashed as they go (a long meeting's are never held whole).
        // A change that does not show in the minutes needs no write: when they
        // hash as what the file holds, the temporary file is dropped, and the
        // file is up to date as of now all the same.
        let (mut hash, mut unchanged) = (None, false);
        let this = &*self;
        let outcome = (this.write)(&target, &mut |out| {
            let made = render_into(&this.render, meeting, out)?;
            hash = Some(made);
            unchanged = up_to_date && this.last_written == Some(made);
            if !unchanged && this.diverted.is_none() {
                this.mark(made);
            }
            Ok(!unchanged)
        });
        let report = match outcome {
            Ok(()) => {
                // (A write that took nothing from the fill: the hash of what it
                // would have had.)
                let hash = hash.unwrap_or_else(|| minutes_hash(&self.render, meeting));
                if self.diverted.is_none() && !unchanged {
                    self.stamp = if last {
                        None
                    } else {
                        self.stamp_after_write(hash)
                    };
                }
                self.last_written = Some(hash);
                match &self.diverted {
                    Some(to) => SaveReport::Diverted {
                        at: self.clock.now(),
                        to: to.clone(),
                    },
                    None => SaveReport::Saved(self.clock.now()),
                }
            }
            Err(e) => SaveReport::Failed(e.to_string()),
        };
        let _ = self.reports.send(report.clone());
        self.last_report = Some(report);
    }
}

/// The handle of the writer thread.
pub struct MinutesWriter {
    to_thread: Sender<Message>,
    reports: Receiver<SaveReport>,
    thread: Option<JoinHandle<Option<SaveReport>>>,
    /// How many states were handed to the thread, and how many of them it has
    /// written (the thread counts them as it writes them); the last one flushed.
    submitted: Cell<u64>,
    flushed: Cell<u64>,
    written: Arc<AtomicU64>,
}

impl MinutesWriter {
    /// Starts the writer thread for the minutes at `path`.
    pub fn spawn(
        path: PathBuf,
        render: RenderFn,
        write: WriteFn,
        clock: Box<dyn Clock>,
        start: Start,
    ) -> MinutesWriter {
        let (to_thread, inbox) = mpsc::channel::<Message>();
        let (report_tx, reports) = mpsc::channel();
        let pause = start.pause;
        let written = Arc::new(AtomicU64::new(0));
        let written_by_thread = Arc::clone(&written);
        let thread = std::thread::spawn(move || {
            let mut file = MinutesFile::open(path, render, write, clock, report_tx, start);
            while let Ok(message) = inbox.recv() {
                let (mut latest, mut number) = match message {
                    Message::Meeting(meeting, n) => (meeting, n),
                    Message::Overwrite => {
                        file.take_over();
                        continue;
                    }
                    // Nothing is queued: what was handed over is written.
                    Message::Flush | Message::Touch => continue,
                    Message::Finish => break,
                };
                // Wait for a pause in the changes, then write the newest once.
                // The first state is written at once: the minutes file exists
                // from the start.
                let first = Instant::now();
                let mut deadline = if file.last_report.is_none() {
                    first
                } else {
                    first + pause
                };
                let mut finish = false;
                loop {
                    match inbox.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                        Ok(Message::Meeting(newer, n)) => {
                            (latest, number) = (newer, n);
                            deadline = (Instant::now() + pause).min(first + MAX_DELAY);
                        }
                        Ok(Message::Flush) => break,
                        Ok(Message::Touch) => {
                            deadline = (Instant::now() + pause).min(first + MAX_DELAY);
                        }
                        Ok(Message::Overwrite) => file.take_over(),
                        Ok(Message::Finish) => {
                            finish = true;
                            break;
                        }
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => {
                            finish = true;
                            break;
                        }
                    }
                }
                file.save(&latest, finish);
                // Written, or tried: a failure is in the report either way.
                written_by_thread.store(number, Ordering::Release);
                if finish {
                    break;
                }
            }
            file.last_report
        });
        MinutesWriter {
            to_thread,
            reports,
            thread: Some(thread),
            submitted: Cell::new(0),
            flushed: Cell::new(0),
            written,
        }
    }

    /// Queues the meeting's current state for writing.
    pub fn submit(&self, meeting: &Meeting) {
        let n = self.submitted.get() + 1;
        self.submitted.set(n);
        let _ = self
            .to_thread
            .send(Message::Meeting(Box::new(meeting.clone()), n));
    }

    /// Tells the writer that the meeting changed since the state it holds,
    /// without handing it over: it waits for the pause in changes again.
    pub fn touch(&self) {
        let _ = self.to_thread.send(Message::Touch);
    }

    /// Has the writer tried to write (see the reports for the outcome) every
    /// state submitted so far?
    pub fn caught_up(&self) -> bool {
        self.written.load(Ordering::Acquire) == self.submitted.get()
    }

    /// Asks for what is submitted to be written now rather than after the
    /// pause in changes (once per submitted state, however often asked).
    pub fn flush(&self) {
        if !self.caught_up() && self.flushed.get() != self.submitted.get() {
            self.flushed.set(self.submitted.get());
            let _ = self.to_thread.send(Message::Flush);
        }
    }

    /// Writes the minutes over the minutes file again, after someone else changed
    /// it and scribe's went beside it (`<name>.scribe.md`): the secretary chose
    /// ours. Takes effect with the next submitted state.
    pub fn overwrite(&self) {
        let _ = self.to_thread.send(Message::Overwrite);
    }

    /// The writes done since last asked.
    pub fn reports(&self) -> Vec<SaveReport> {
        self.reports.try_iter().collect()
    }

    /// Writes what is queued, stops the thread and gives the last write's outcome.
    pub fn finish(mut self) -> Option<SaveReport> {
        let _ = self.to_thread.send(Message::Finish);
        self.thread.take().and_then(|t| t.join().ok()).flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::clock::FixedClock;
    use std::sync::{Arc, Mutex};

    /// The pause the tests write after (the writer's own is longer).
    const TEST_PAUSE: Duration = Duration::from_millis(100);

    /// The pause of the tests that check nothing is written too soon: long
    /// enough that a test thread run late on a busy machine does not outwait it.
    const SLOW_PAUSE: Duration = Duration::from_millis(600);

    fn quick() -> Start {
        Start {
            pause: TEST_PAUSE,
            ..Start::default()
        }
    }

    fn slow() -> Start {
        Start {
            pause: SLOW_PAUSE,
            ..Start::default()
        }
    }

    /// Waits until the writer has written (or tried) every state handed over.
    /// A busy machine may run the writer's thread late; the deadline is only
    /// there so a broken writer fails the test instead of hanging it.
    fn settle(writer: &MinutesWriter) {
        let waited = Instant::now();
        while !writer.caught_up() && waited.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(writer.caught_up(), "the writer wrote nothing in 20 s");
    }

    /// A writer of the meeting's title into the file at `path`.
    fn to_disk(path: &Path) -> MinutesWriter {
        MinutesWriter::spawn(
            path.to_path_buf(),
            titles(),
            Box::new(write_atomic),
            Box::new(FixedClock::new(at("2024-05-15T17:00:00Z"))),
            quick(),
        )
    }

    /// Minutes that are the meeting's title.
    fn titles() -> RenderFn {
        Box::new(|m: &Meeting, sink: &mut dyn FnMut(&str)| sink(&m.title))
    }

    /// A writer of the meeting's title, keeping what it writes in memory.
    fn recording(start: Start) -> (MinutesWriter, Arc<Mutex<Vec<String>>>) {
        let writes: Arc<Mutex<Vec<String>>> = Arc::default();
        let seen = writes.clone();
        let writer = MinutesWriter::spawn(
            PathBuf::from("/nonexistent-scribe-test/minutes.md"),
            titles(),
            Box::new(move |_, fill: Fill<'_>| {
                let mut bytes = Vec::new();
                if fill(&mut bytes)? {
                    seen.lock()
                        .unwrap()
                        .push(String::from_utf8_lossy(&bytes).into());
                }
                Ok(())
            }),
            Box::new(FixedClock::new(at("2024-05-15T17:00:00Z"))),
            start,
        );
        (writer, writes)
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_burst_of_changes_is_one_write_of_the_last_state() {
        let (writer, writes) = recording(slow());
        let mut m = Meeting::new("v0", at("2024-05-15T17:00:00Z"));
        // The first state is written at once.
        writer.submit(&m);
        settle(&writer);
        assert_eq!(writes.lock().unwrap().drain(..).collect::<Vec<_>>(), ["v0"]);
        let _ = writer.reports();
        for i in 1..=50 {
            m.title = format!("v{i}");
            writer.submit(&m);
        }
        settle(&writer);
        assert_eq!(*writes.lock().unwrap(), ["v50"]);
        assert_eq!(
            writer.reports(),
            [SaveReport::Saved(at("2024-05-15T17:00:00Z"))]
        );
        m.title = "last".into();
        writer.submit(&m);
        // Finishing writes what is queued without waiting for the debounce.
        let started = Instant::now();
        assert!(matches!(writer.finish(), Some(SaveReport::Saved(_))));
        assert!(started.elapsed() < SLOW_PAUSE);
        assert_eq!(*writes.lock().unwrap(), ["v50", "last"]);
    }

    #[test]
    fn a_flush_writes_the_state_handed_over_without_waiting_for_the_pause() {
        // A pause no test waits for: only the flush can write in time.
        let (writer, writes) = recording(Start {
            pause: Duration::from_secs(3600),
            ..Start::default()
        });
        let mut m = Meeting::new("first", at("2024-05-15T17:00:00Z"));
        writer.submit(&m);
        settle(&writer);
        m.title = "ended".into();
        writer.submit(&m);
        std::thread::sleep(TEST_PAUSE);
        assert!(!writer.caught_up(), "held for the pause");
        assert_eq!(*writes.lock().unwrap(), ["first"]);
        writer.flush();
        writer.flush();
        settle(&writer);
        assert_eq!(*writes.lock().unwrap(), ["first", "ended"]);
        // A flush with nothing queued writes nothing again.
        writer.flush();
        assert!(matches!(writer.finish(), Some(SaveReport::Saved(_))));
        assert_eq!(*writes.lock().unwrap(), ["first", "ended"]);
    }

    #[test]
    fn a_touch_holds_the_write_while_changes_go_on_without_a_hand_over() {
        let (writer, writes) = recording(slow());
        let mut m = Meeting::new("first", at("2024-05-15T17:00:00Z"));
        writer.submit(&m);
        settle(&writer);
        m.title = "typing".into();
        writer.submit(&m);
        // Changes go on, told but not handed over, for three pauses' time.
        for _ in 0..12 {
            std::thread::sleep(SLOW_PAUSE / 4);
            writer.touch();
        }
        assert_eq!(*writes.lock().unwrap(), ["first"]);
        settle(&writer);
        assert_eq!(*writes.lock().unwrap(), ["first", "typing"]);
        drop(writer);
    }

    #[test]
    fn changes_that_keep_coming_are_written_once_they_pause() {
        let (writer, writes) = recording(slow());
        let mut m = Meeting::new("v0", at("2024-05-15T17:00:00Z"));
        // The first state is written at once.
        writer.submit(&m);
        settle(&writer);
        assert_eq!(writes.lock().unwrap().drain(..).collect::<Vec<_>>(), ["v0"]);
        let _ = writer.reports();
        // A key every half pause, for four pauses: nothing is written meanwhile.
        for i in 1..=8 {
            m.title = format!("v{i}");
            writer.submit(&m);
            std::thread::sleep(SLOW_PAUSE / 2);
        }
        assert!(writes.lock().unwrap().is_empty());
        settle(&writer);
        assert_eq!(*writes.lock().unwrap(), ["v8"]);
        writer.finish();
    }

    #[test]
    fn an_edit_as_long_as_ours_with_our_time_put_back_is_still_caught() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        let writer = to_disk(&path);
        let mut m = Meeting::new("ours 1", at("2024-05-15T17:00:00Z"));
        writer.submit(&m);
        settle(&writer);
        let ours = std::fs::metadata(&path).unwrap().modified().unwrap();
        // Someone writes as many bytes in place and sets the old time again.
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        std::io::Write::write_all(&mut &file, b"theirs").unwrap();
        file.set_modified(ours).unwrap();
        drop(file);
        m.title = "ours 2".into();
        writer.submit(&m);
        writer.finish();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        let aside = dir.path().join("minutes.scribe.md");
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "ours 2");
    }

    #[test]
    fn minutes_already_on_disk_are_not_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        std::fs::write(&path, "t").unwrap();
        let writes: Arc<Mutex<usize>> = Arc::default();
        let count = writes.clone();
        let writer = MinutesWriter::spawn(
            path,
            titles(),
            Box::new(move |_, fill: Fill<'_>| {
                if fill(&mut Vec::new())? {
                    *count.lock().unwrap() += 1;
                }
                Ok(())
            }),
            Box::new(FixedClock::new(at("2024-05-15T17:00:00Z"))),
            quick(),
        );
        let mut m = Meeting::new("t", at("2024-05-15T17:00:00Z"));
        writer.submit(&m);
        settle(&writer);
        assert_eq!(*writes.lock().unwrap(), 0, "same text as on disk");
        assert_eq!(
            writer.reports(),
            [SaveReport::Saved(at("2024-05-15T17:00:00Z"))]
        );
        m.title = "changed".into();
        writer.submit(&m);
        writer.finish();
        assert_eq!(*writes.lock().unwrap(), 1);
    }

    #[test]
    fn minutes_changed_by_someone_else_are_kept_and_ours_go_beside_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        let writer = to_disk(&path);
        let mut m = Meeting::new("ours 1", at("2024-05-15T17:00:00Z"));
        writer.submit(&m);
        settle(&writer);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "ours 1");
        // Someone edits the file in their editor.
        std::fs::write(&path, "theirs").unwrap();
        m.title = "ours 2".into();
        writer.submit(&m);
        settle(&writer);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        let aside = dir.path().join("minutes.scribe.md");
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "ours 2");
        assert_eq!(
            writer.reports().last(),
            Some(&SaveReport::Diverted {
                at: at("2024-05-15T17:00:00Z"),
                to: aside.clone()
            })
        );
        // And so on for the rest of the meeting.
        m.title = "ours 3".into();
        writer.submit(&m);
        writer.finish();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "ours 3");
    }

    /// A writer of the meeting's title into `path`, which holds `found`, with
    /// the start checked for `meeting` titled `ours`.
    fn started_on(
        path: &Path,
        found: &str,
        base_hash: Option<u64>,
        own_earlier: bool,
        marker: Option<PathBuf>,
    ) -> (MinutesWriter, Meeting) {
        std::fs::write(path, found).unwrap();
        let meeting = Meeting::new("ours", at("2024-05-15T17:00:00Z"));
        let check = StartCheck {
            meeting: meeting.clone(),
            base_hash,
            own_earlier,
        };
        let writer = MinutesWriter::spawn(
            path.to_path_buf(),
            titles(),
            Box::new(write_atomic),
            Box::new(FixedClock::new(at("2024-05-15T17:00:00Z"))),
            Start {
                marker,
                check: Some(check),
                ..quick()
            },
        );
        (writer, meeting)
    }

    #[test]
    fn a_file_found_at_the_start_that_is_not_ours_is_kept_and_said_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        let aside = dir.path().join("minutes.scribe.md");
        let (writer, mut meeting) = started_on(&path, "theirs", None, false, None);
        writer.submit(&meeting);
        settle(&writer);
        let at = at("2024-05-15T17:00:00Z");
        assert_eq!(
            writer.reports(),
            [
                SaveReport::KeptAtStart { to: aside.clone() },
                SaveReport::Diverted {
                    at,
                    to: aside.clone()
                }
            ]
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "ours");
        meeting.title = "ours 2".into();
        writer.submit(&meeting);
        writer.finish();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "ours 2");
    }

    #[test]
    fn a_file_found_at_the_start_is_replaced_when_it_is_the_start_ours_or_the_same() {
        let theirs = crate::services::journal::fnv1a64(b"theirs");
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("minutes.saved");
        std::fs::write(&marker, format!("{}\n", hash_line(theirs))).unwrap();
        // (found, base hash, scribe's earlier minutes count, marker): replaced?
        let cases = [
            ("theirs", Some(theirs), false, None, true),
            ("ours", None, false, None, true),
            ("theirs", None, true, Some(marker.clone()), true),
            ("theirs", None, false, Some(marker.clone()), false),
            ("theirs", Some(theirs ^ 1), true, None, false),
        ];
        for (i, (found, base_hash, own_earlier, marker, replaced)) in cases.into_iter().enumerate()
        {
            let path = dir.path().join(format!("minutes-{i}.md"));
            let (writer, mut meeting) = started_on(&path, found, base_hash, own_earlier, marker);
            meeting.title = "ours, later".into();
            writer.submit(&meeting);
            writer.finish();
            let on_disk = std::fs::read_to_string(&path).unwrap();
            let aside = dir.path().join(format!("minutes-{i}.scribe.md"));
            if replaced {
                assert_eq!(on_disk, "ours, later", "case {i}");
                assert!(!aside.exists(), "case {i}");
            } else {
                assert_eq!(on_disk, found, "case {i}");
                assert_eq!(
                    std::fs::read_to_string(&aside).unwrap(),
                    "ours, later",
                    "case {i}"
                );
            }
        }
    }

    #[test]
    fn an_edit_by_someone_else_is_caught_also_when_our_minutes_did_not_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        let writer = to_disk(&path);
        let mut m = Meeting::new("ours", at("2024-05-15T17:00:00Z"));
        writer.submit(&m);
        settle(&writer);
        std::fs::write(&path, "theirs").unwrap();
        // A change that does not show in these minutes (they are the title).
        m.location = Some("elsewhere".into());
        writer.submit(&m);
        settle(&writer);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
        let aside = dir.path().join("minutes.scribe.md");
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "ours");
        assert!(matches!(
            writer.reports().last(),
            Some(SaveReport::Diverted { .. })
        ));
    }

    #[test]
    fn the_secretary_can_choose_to_write_ours_over_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        let aside = dir.path().join("minutes.scribe.md");
        let writer = to_disk(&path);
        let mut m = Meeting::new("ours 1", at("2024-05-15T17:00:00Z"));
        writer.submit(&m);
        settle(&writer);
        std::fs::write(&path, "theirs").unwrap();
        m.title = "ours 2".into();
        writer.submit(&m);
        settle(&writer);
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "ours 2");
        // O: ours win; the file is written again, and the next change follows.
        writer.overwrite();
        writer.submit(&m);
        settle(&writer);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "ours 2");
        assert_eq!(
            writer.reports().last(),
            Some(&SaveReport::Saved(at("2024-05-15T17:00:00Z")))
        );
        // A later change by someone else is caught again.
        std::fs::write(&path, "theirs again").unwrap();
        m.title = "ours 3".into();
        writer.submit(&m);
        writer.finish();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs again");
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "ours 3");
    }

    #[test]
    fn a_failed_write_is_reported_and_retried_with_the_next_change() {
        let fail = Arc::new(Mutex::new(true));
        let failing = fail.clone();
        let writer = MinutesWriter::spawn(
            PathBuf::from("/nonexistent-scribe-test/minutes.md"),
            titles(),
            Box::new(move |_, _: Fill<'_>| {
                if *failing.lock().unwrap() {
                    Err(io::Error::other("disk full"))
                } else {
                    Ok(())
                }
            }),
            Box::new(FixedClock::new(at("2024-05-15T17:00:00Z"))),
            quick(),
        );
        let m = Meeting::new("t", at("2024-05-15T17:00:00Z"));
        writer.submit(&m);
        settle(&writer);
        assert_eq!(writer.reports(), [SaveReport::Failed("disk full".into())]);
        *fail.lock().unwrap() = false;
        writer.submit(&m);
        assert!(matches!(writer.finish(), Some(SaveReport::Saved(_))));
    }
}
