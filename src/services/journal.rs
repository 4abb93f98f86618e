//! The journal: every change the secretary makes, appended as it happens, so that a
//! crash, a kill or a closed terminal loses nothing.
//!
//! A journal is a JSON-lines file in the user's data directory, one per minutes file.
//! A session starts with an [`Entry::Open`] record and ends with [`Entry::Close`]; a
//! journal whose last session has no `Close` belongs to a meeting that did not end
//! cleanly and can be resumed. Beside it, `<name>.base` keeps the input as it was when
//! the session opened: for a Markdown agenda the input *is* the minutes file, which
//! scribe rewrites during the meeting, so replaying must start from the original bytes,
//! not from what was on disk at the crash.
//!
//! Durability policy, exactly:
//!
//! - Every record is written to the file — one `write` of one whole line, into the
//!   kernel's page cache — before [`Journal::append`] returns, and so before the
//!   change it records is shown on screen. A key on screen is in the journal: a
//!   killed process (`kill -9`, a crash, a closed terminal) loses nothing.
//! - `fsync` (`fdatasync`), which protects against a power cut or a kernel crash
//!   and costs milliseconds (up to a second on a busy disk), never runs on the
//!   key's path: the journal's own thread runs it. For a structural change (an
//!   item checked or added, attendance, start/end, undo) it is asked for as soon
//!   as the frame showing the change is sent ([`Journal::sync_if_due`], which the
//!   event loop calls then: waking the thread, and the disk work it starts,
//!   would otherwise compete with drawing that frame), so it lags the screen by
//!   the length of one sync; for typing, at most once a second
//!   ([`SYNC_INTERVAL`]). Syncs asked for while one runs are served by the next
//!   one (group commit).
//! - On close the journal is synced before scribe exits, on the calling thread.
//! - The base copy of the input is written (whole, renamed into place) before
//!   the session's first record, and synced by the same thread, before it.
//!   A new session writes both once its first frame is on screen, before any
//!   key is read ([`JournalStart`]).
//!
//! So after a power cut, at most the last second of typing (and the structural
//! changes of the last few milliseconds) can be missing; after a kill, nothing.
//!
//! The journal is also the undo history: [`Entry::Undo`] and [`Entry::Redo`] records
//! are replayed like actions, see [`History`].
//!
//! Beside it, `<name>.snapshot` may keep the state after its first records
//! (written by a thread of its own when the changes pause, never synced: it is
//! only a short cut). It names the journal's length and hash up to there and the
//! base copy's hash; a resume uses it only when all of that matches and the
//! records after it are the session's last, and replays just those; else the
//! whole journal, as ever. See `services::snapshot`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

mod line;
mod start;
pub use line::parse_line;
pub use start::JournalStart;

/// The journal's format, written in every [`Entry::Open`]. A journal written by
/// an older scribe replays as that scribe lived it:
/// - 0 (no version written): `E` ended the meeting at once; since 1 it asks to
///   be pressed again, so an old single `E` replays as a confirmed end.
pub const VERSION: u32 = 1;

/// How often typing is made durable on disk; structural changes are synced at once.
pub const SYNC_INTERVAL: Duration = Duration::from_secs(1);

/// When a record happened, as the journal and the undo history keep it: the
/// nanoseconds since 1970 (UTC), in one word.
///
/// A long session holds tens of thousands of records while it resumes, and as
/// many steps of its history for the rest of the meeting. Beside an entry (which
/// holds pointers, so sits on eight bytes), a `DateTime<Utc>` (twelve) made each
/// 32 bytes; a stamp makes it 24. It spans 1677 to 2262 at full precision; a
/// time outside that is kept as the nearest it spans, and the session applies
/// every action at its stamp's time (see `Session::apply`), so that a replay
/// gives what was lived. It is written as `DateTime<Utc>` writes itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(i64);

impl Stamp {
    /// `time`, or the nearest time a stamp spans.
    pub fn of(time: DateTime<Utc>) -> Stamp {
        Stamp(
            time.timestamp_nanos_opt()
                .unwrap_or(if time.timestamp() < 0 {
                    i64::MIN
                } else {
                    i64::MAX
                }),
        )
    }

    /// The time it stands for.
    pub fn time(self) -> DateTime<Utc> {
        DateTime::from_timestamp_nanos(self.0)
    }
}

impl From<DateTime<Utc>> for Stamp {
    fn from(time: DateTime<Utc>) -> Stamp {
        Stamp::of(time)
    }
}

impl Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.time().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Stamp, D::Error> {
        DateTime::<Utc>::deserialize(deserializer).map(Stamp::of)
    }
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record<A> {
    /// When it happened (the time `update` was given).
    pub at: Stamp,
    /// What happened.
    #[serde(flatten)]
    pub entry: Entry<A>,
}

/// What a journal record says.
///
/// The variants that carry text or paths hold them behind one pointer: a long
/// session's records are read whole on a resume (50,000 of them at 100 times
/// a real meeting), and each is as large as the largest variant. The JSON is
/// the same as with the fields inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry<A> {
    /// A session started (see [`Opening`]).
    Open(Box<Opening>),
    /// An action applied to the meeting.
    Action { action: A },
    /// Text pasted into the notes editor or a prompt, as one step (see
    /// `App::paste`): one record however long, replayed in one insertion.
    Paste(Box<Pasted>),
    /// A note scribe added to an item for the secretary (see [`NoteAdded`]).
    Note(Box<NoteAdded>),
    /// The last `actions` applied actions were undone, as one step (an editing
    /// session of an item's notes, say, is undone whole).
    Undo {
        #[serde(default = "one")]
        actions: usize,
    },
    /// The last undone step was applied again.
    Redo,
    /// The session ended cleanly.
    Close,
}

/// A session started on `input`, writing minutes to `output`, by a scribe
/// writing journals of format `version` (see [`VERSION`]; 0 when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opening {
    pub input: PathBuf,
    pub output: PathBuf,
    #[serde(default)]
    pub version: u32,
}

/// Text pasted, as one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pasted {
    pub text: String,
}

/// A note scribe added to the item at `path` for the secretary: the link of a
/// ticket opened in the background (see `App::add_note`). The text is in the
/// record, so a replay needs nobody to open the ticket again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteAdded {
    pub path: Vec<usize>,
    pub text: String,
}

impl<A> Entry<A> {
    /// The record that opens a session.
    pub fn open(input: PathBuf, output: PathBuf, version: u32) -> Entry<A> {
        Entry::Open(Box::new(Opening {
            input,
            output,
            version,
        }))
    }
}

fn one() -> usize {
    1
}

/// Where the journal of one minutes file lives, and what sits beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalPaths {
    /// The JSON-lines journal.
    pub journal: PathBuf,
    /// The input as it was when the last session opened.
    pub base: PathBuf,
    /// The lock that keeps a second scribe off the meeting.
    pub lock: PathBuf,
    /// The hashes of the minutes scribe last wrote to the output (see
    /// [`crate::services::writer::Start::marker`]): how a later start tells its
    /// own minutes from a file someone else changed.
    pub saved: PathBuf,
}

impl JournalPaths {
    /// The journal files for the minutes at `output`, in `data_dir/journal`. The
    /// name is the output's file stem (for people looking) and a hash of its
    /// canonical path (so two `minutes.md` in different folders never share).
    pub fn for_output(data_dir: &Path, output: &Path) -> JournalPaths {
        let canonical = canonical_output(output);
        let stem: String = canonical
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .take(40)
            .collect();
        let hash = fnv1a64(canonical.as_os_str().as_encoded_bytes());
        let name = format!("{stem}-{hash:016x}");
        let dir = data_dir.join("journal");
        JournalPaths {
            journal: dir.join(format!("{name}.jsonl")),
            base: dir.join(format!("{name}.base")),
            lock: dir.join(format!("{name}.lock")),
            saved: dir.join(format!("{name}.saved")),
        }
    }
}

/// The output path made absolute and free of `..` and symlinks as far as it
/// exists (the file itself may not exist yet).
fn canonical_output(output: &Path) -> PathBuf {
    if let Ok(path) = fs::canonicalize(output) {
        return path;
    }
    let absolute = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(absolute.clone()),
        _ => absolute,
    }
}

/// Makes `dir` (and its parents) if needed, and private to the user (0700 on
/// Unix): the journal folder holds every note typed.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Opens `path` for appending (creating it), readable by the user alone (0600
/// on Unix, also for a file an older scribe made 0644).
pub fn open_private(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
        Ok(file)
    }
    #[cfg(not(unix))]
    {
        options.open(path)
    }
}

/// Replaces `path` with `bytes` atomically, readable by the user alone (a temp
/// file is made 0600 and renamed over it).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let file = write_private_unsynced(path, bytes)?;
    file.sync_all()
}

/// [`write_private`] without the sync: returns the file, to be synced later
/// (see [`Journal::sync_file_soon`]). Whole or not at all all the same: the
/// bytes are written to a temporary file renamed into place.
pub fn write_private_unsynced(path: &Path, bytes: &[u8]) -> io::Result<File> {
    let dir = path.parent().unwrap_or(Path::new("."));
    private_dir(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.persist(path).map_err(|e| e.error)
}

/// FNV-1a: a hash that is the same in every build (std's hasher is not promised
/// to be), so a journal is found again after scribe is upgraded.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_on(FNV_START, bytes)
}

/// The FNV-1a hash of no bytes: where [`fnv1a64_on`] starts.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The FNV-1a hash `hash` (of the bytes so far) carried on over `bytes`: a file
/// can be hashed piece by piece.
pub fn fnv1a64_on(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// What reading a journal found.
#[derive(Debug)]
pub struct Contents<A> {
    /// The records of the last session (from its `Open`), in order.
    pub last_session: Vec<Record<A>>,
    /// True when the last session has no `Close`: the meeting can be resumed.
    pub unfinished: bool,
    /// Problems that did not stop reading (a torn last line, say), for the user.
    pub warnings: Vec<String>,
}

/// Reads the journal at `path`. A missing file is an empty journal. A torn or
/// unreadable line is skipped with a warning: a crash mid-write must never stop
/// scribe from starting.
pub fn read<A: DeserializeOwned>(path: &Path) -> io::Result<Contents<A>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Contents {
                last_session: Vec::new(),
                unfinished: false,
                warnings: Vec::new(),
            });
        }
        Err(e) => return Err(e),
    };
    // Room for about as many records as the file holds lines (a record is some
    // fifty bytes or more): a long session's records are not copied from one
    // doubled buffer into the next while they are read.
    let expected = file.metadata().map_or(0, |m| m.len() / 56);
    let mut last_session = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    let mut warnings = Vec::new();
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        number += 1;
        let complete = line.last() == Some(&b'\n');
        let text = String::from_utf8_lossy(&line);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match parse_line::<A>(text) {
            Ok(record) => {
                if matches!(record.entry, Entry::Open { .. }) {
                    last_session.clear();
                }
                last_session.push(record);
            }
            Err(e) => warnings.push(format!(
                "{}:{number}: skipped a {} journal record ({e})",
                path.display(),
                if complete { "damaged" } else { "torn" }
            )),
        }
    }
    // The room guessed from the file's size is let go: the records are held
    // until the session is resumed.
    last_session.shrink_to_fit();
    let unfinished = matches!(
        last_session.last(),
        Some(Record { entry, .. }) if !matches!(entry, Entry::Close)
    );
    Ok(Contents {
        last_session,
        unfinished,
        warnings,
    })
}

/// An open journal, appending records.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
    last_sync: Instant,
    /// When [`Journal::sync_if_due`] last looked for a failure of the sync thread.
    looked: Instant,
    /// Written since the last sync was asked for.
    dirty: bool,
    /// A sync was asked of the thread since the last one made here.
    requested: bool,
    /// A structural change was written whose sync is not asked for yet: the
    /// next [`Journal::sync_if_due`] asks for it, whenever that is.
    urgent: bool,
    /// The thread that makes typing durable in the background (see
    /// [`Journal::sync_if_due`]); `None` when it could not be started.
    syncer: Option<Syncer>,
    /// Whole lines not yet written (the disk was full, say), oldest first: they
    /// are written before the next record, in order, so none is dropped.
    backlog: Vec<u8>,
    /// A write failed part way: the file may end in part of a line, which is
    /// ended before anything else is written so no record is glued to it.
    torn: bool,
    /// The file's length as far as this journal knows it (what was there at
    /// open, and every byte written since): where a snapshot's prefix ends.
    len: u64,
    /// Records appended since open (written or waiting in the backlog).
    appended: usize,
}

/// A thread that fsyncs the journal file when asked, so that no sync (milliseconds,
/// up to a second on a busy disk) ever holds up a key or its echo.
#[derive(Debug)]
struct Syncer {
    requests: std::sync::mpsc::Sender<SyncJob>,
    failures: std::sync::mpsc::Receiver<io::Error>,
}

/// What the sync thread is asked to make durable.
#[derive(Debug)]
enum SyncJob {
    /// The journal, as far as it is written.
    Journal,
    /// Another file (the base copy of the input), before the journal.
    File(File),
}

impl Syncer {
    fn start(file: &File) -> Option<Syncer> {
        let file = file.try_clone().ok()?;
        let (requests, inbox) = std::sync::mpsc::channel::<SyncJob>();
        let (report, failures) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("journal-sync".into())
            .spawn(move || {
                while let Ok(job) = inbox.recv() {
                    let mut journal = matches!(job, SyncJob::Journal);
                    let mut jobs = vec![job];
                    // Requests that came meanwhile are covered by this one sync.
                    while let Ok(job) = inbox.try_recv() {
                        journal |= matches!(job, SyncJob::Journal);
                        jobs.push(job);
                    }
                    for job in jobs {
                        if let SyncJob::File(other) = job
                            && let Err(e) = other.sync_all()
                        {
                            let _ = report.send(e);
                        }
                    }
                    if journal && let Err(e) = file.sync_data() {
                        let _ = report.send(e);
                    }
                }
            })
            .ok()?;
        Some(Syncer { requests, failures })
    }
}

impl Journal {
    /// Opens (creating if needed) the journal at `path` for appending.
    pub fn open(path: &Path) -> io::Result<Journal> {
        if let Some(dir) = path.parent() {
            private_dir(dir)?;
        }
        let mut file = open_private(
            path,
            OpenOptions::new().create(true).read(true).append(true),
        )?;
        // A torn last record (the process died mid-write) is ended here, so the
        // next record starts on a line of its own instead of being glued to it.
        if ends_torn(&mut file)? {
            file.write_all(b"\n")?;
            file.sync_data()?;
        }
        let len = file.metadata()?.len();
        let syncer = Syncer::start(&file);
        Ok(Journal {
            file,
            path: path.to_path_buf(),
            last_sync: Instant::now(),
            looked: Instant::now(),
            dirty: false,
            requested: false,
            urgent: false,
            syncer,
            backlog: Vec::new(),
            torn: false,
            len,
            appended: 0,
        })
    }

    /// The file's length and the records appended since open, when every record
    /// appended is wholly in the file (none waits, no line is torn): the point a
    /// snapshot of the state can name.
    pub fn written(&self) -> Option<(u64, usize)> {
        (self.backlog.is_empty() && !self.torn).then_some((self.len, self.appended))
    }

    /// A second handle on the journal's file, to make it durable from another
    /// thread (the watchdog that ends scribe when its terminal is gone).
    pub fn sync_handle(&self) -> io::Result<File> {
        self.file.try_clone()
    }

    /// Where the journal is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record as one line. The line reaches the kernel before this
    /// returns; the sync thread is asked to fsync it by the next
    /// [`Journal::sync_if_due`]: whenever that comes when `structural`, else
    /// once [`SYNC_INTERVAL`] has passed.
    pub fn append<A: Serialize>(&mut self, record: &Record<A>, structural: bool) -> io::Result<()> {
        let mut line = serde_json::to_vec(record).map_err(io::Error::other)?;
        line.push(b'\n');
        self.appended += 1;
        self.backlog.extend_from_slice(&line);
        self.write_backlog()?;
        // An fsync takes milliseconds and must not delay the echo: the sync
        // thread does it, asked once the change is on screen (see the module doc).
        self.urgent |= structural;
        Ok(())
    }

    /// Asks the sync thread to make what is written durable now (inline when
    /// there is no thread).
    fn sync_soon(&mut self) -> io::Result<()> {
        if let Some(syncer) = &self.syncer
            && let Ok(e) = syncer.failures.try_recv()
        {
            return Err(e);
        }
        match &self.syncer {
            Some(syncer) if syncer.requests.send(SyncJob::Journal).is_ok() => {
                self.dirty = false;
                self.urgent = false;
                self.requested = true;
                self.last_sync = Instant::now();
                Ok(())
            }
            _ => self.sync(),
        }
    }

    /// Has `file` (written beside the journal, the base copy of the input) made
    /// durable by the sync thread, before the journal's next sync; at once when
    /// there is no thread.
    pub fn sync_file_soon(&self, file: File) -> io::Result<()> {
        match &self.syncer {
            Some(syncer) => match syncer.requests.send(SyncJob::File(file)) {
                Ok(()) => Ok(()),
                Err(std::sync::mpsc::SendError(SyncJob::File(file))) => file.sync_all(),
                Err(_) => Ok(()),
            },
            None => file.sync_all(),
        }
    }

    /// Writes the lines waiting in the backlog, after ending a torn line. On a
    /// failure what was not written stays in the backlog, whole lines only: a
    /// line written in part is written again whole after the line end.
    fn write_backlog(&mut self) -> io::Result<()> {
        if self.torn {
            self.file.write_all(b"\n")?;
            self.len += 1;
            self.torn = false;
        }
        // One write of the whole backlog: a kill can tear only the last record.
        let mut written = 0;
        while written < self.backlog.len() {
            match self.file.write(&self.backlog[written..]) {
                Ok(0) => {
                    self.keep_unwritten(written);
                    return Err(io::Error::from(io::ErrorKind::WriteZero));
                }
                Ok(n) => {
                    written += n;
                    self.len += n as u64;
                    self.dirty = true;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.keep_unwritten(written);
                    return Err(e);
                }
            }
        }
        self.backlog.clear();
        Ok(())
    }

    /// After a write stopped at `written` bytes of the backlog: the whole lines
    /// written are dropped from it; a line written in part stays whole, and the
    /// file is marked torn.
    fn keep_unwritten(&mut self, written: usize) {
        let done = self.backlog[..written]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        self.torn = written > done;
        self.backlog.drain(..done);
    }

    /// True while some records wait to be written (the disk is full, say).
    pub fn behind(&self) -> bool {
        !self.backlog.is_empty()
    }

    /// Makes everything appended so far durable, if anything is pending.
    pub fn sync(&mut self) -> io::Result<()> {
        if !self.backlog.is_empty() {
            self.write_backlog()?;
        }
        if self.dirty || self.requested {
            self.file.sync_data()?;
            self.dirty = false;
            self.requested = false;
        }
        self.urgent = false;
        self.last_sync = Instant::now();
        Ok(())
    }

    /// Whether [`Journal::sync_if_due`] has anything to do: a structural change
    /// not yet asked to be synced ([`Journal::sync_urgent`]), typing pending
    /// longer than [`SYNC_INTERVAL`], or a failure of the sync thread not
    /// looked for in that long.
    pub fn sync_due(&self) -> bool {
        self.urgent
            || self.looked.elapsed() >= SYNC_INTERVAL
            || (self.dirty && self.last_sync.elapsed() >= SYNC_INTERVAL)
    }

    /// Whether a structural change waits for its sync to be asked for: the
    /// event loop asks as soon as the frame showing it is sent.
    pub fn sync_urgent(&self) -> bool {
        self.urgent
    }

    /// Syncs a structural change at once, and typing when it has been pending
    /// longer than [`SYNC_INTERVAL`]; call after each frame and on ticks.
    /// The sync runs on the journal's own thread (inline if it has none) and
    /// this returns at once; a failure shows on a later call.
    pub fn sync_if_due(&mut self) -> io::Result<()> {
        self.looked = Instant::now();
        if let Some(syncer) = &self.syncer
            && let Ok(e) = syncer.failures.try_recv()
        {
            return Err(e);
        }
        if self.urgent || (self.dirty && self.last_sync.elapsed() >= SYNC_INTERVAL) {
            self.sync_soon()?;
        }
        Ok(())
    }
}

/// True when `file` is not empty and its last byte is not a line end.
fn ends_torn(file: &mut File) -> io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    if file.metadata()?.len() == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// State that journal actions can be applied to.
pub trait Replay {
    /// The action type recorded in the journal.
    type Action;
    /// Applies one action at the time it happened.
    fn apply(&mut self, action: &Self::Action, at: DateTime<Utc>);
}

/// The undo history: the actions applied, and the steps undone that can be redone.
///
/// Undo rebuilds the state by replaying the remaining actions, which keeps
/// `update` the only code that changes a meeting; the session replays from its
/// last checkpoint rather than from the base (see `services::session`), so the
/// cost does not grow with the length of the meeting.
#[derive(Debug, Clone)]
pub struct History<A> {
    applied: Vec<(Stamp, A)>,
    /// Undone steps, the last undone last; each is the actions it took back.
    undone: Vec<Vec<(Stamp, A)>>,
}

impl<A> Default for History<A> {
    fn default() -> Self {
        History {
            applied: Vec::new(),
            undone: Vec::new(),
        }
    }
}

impl<A> History<A> {
    /// A history with `applied` in effect and `undone` to redo (the last undone
    /// last), as [`History::push`], [`History::undo`] and [`History::redo`]
    /// would have left it.
    pub fn from_parts(applied: Vec<(Stamp, A)>, undone: Vec<Vec<(Stamp, A)>>) -> History<A> {
        History { applied, undone }
    }
}

impl<A: Clone> History<A> {
    /// Records a newly applied action; it starts a new branch of history, so
    /// nothing can be redone after it (a step redone after the selection moved
    /// would change the wrong item).
    pub fn push(&mut self, at: Stamp, action: A) {
        self.applied.push((at, action));
        self.undone.clear();
    }

    /// Makes room for `additional` more actions.
    pub fn reserve(&mut self, additional: usize) {
        self.applied.reserve(additional);
    }

    /// Takes back the last `actions` applied actions as one step (to be redone
    /// later); false when there are fewer.
    pub fn undo(&mut self, actions: usize) -> bool {
        if actions == 0 || actions > self.applied.len() {
            return false;
        }
        let step = self.applied.split_off(self.applied.len() - actions);
        self.undone.push(step);
        true
    }

    /// Takes back the last undone step and returns its actions, to be applied again.
    pub fn redo(&mut self) -> Option<Vec<(Stamp, A)>> {
        let step = self.undone.pop()?;
        self.applied.extend(step.iter().cloned());
        Some(step)
    }

    /// The actions in effect, oldest first.
    pub fn applied(&self) -> &[(Stamp, A)] {
        &self.applied
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.applied.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// Rebuilds a state from `base` by applying the actions in effect.
    pub fn rebuild<S: Replay<Action = A>>(&self, mut base: S) -> S {
        for (at, action) in &self.applied {
            base.apply(action, at.time());
        }
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// A tiny state for testing replay: a list of numbers.
    #[derive(Debug, Clone, Default, PartialEq)]
    struct Numbers(Vec<i32>);

    impl Replay for Numbers {
        type Action = i32;
        fn apply(&mut self, action: &i32, _at: DateTime<Utc>) {
            self.0.push(*action);
        }
    }

    fn t(s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 5, 15, 17, 0, s).unwrap()
    }

    fn action(at: u32, n: i32) -> Record<i32> {
        Record {
            at: t(at).into(),
            entry: Entry::Action { action: n },
        }
    }

    #[test]
    fn records_round_trip_and_unfinished_session_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut journal = Journal::open(&path).unwrap();
        let open: Record<i32> = Record {
            at: t(0).into(),
            entry: Entry::open("a.md".into(), "a.md".into(), VERSION),
        };
        journal.append(&open, true).unwrap();
        journal.append(&action(1, 7), false).unwrap();
        journal.append(&action(2, 8), false).unwrap();
        let contents = read::<i32>(&path).unwrap();
        assert!(contents.unfinished);
        assert!(contents.warnings.is_empty());
        assert_eq!(contents.last_session.len(), 3);
        assert_eq!(contents.last_session[2], action(2, 8));

        journal
            .append(
                &Record::<i32> {
                    at: t(3).into(),
                    entry: Entry::Close,
                },
                true,
            )
            .unwrap();
        assert!(!read::<i32>(&path).unwrap().unfinished);
    }

    /// The event loop asks whether a key is waiting (a system call) only when
    /// the journal has something to do: typing not yet made durable for a
    /// second, or a second since it last looked for a failed sync.
    #[test]
    fn a_sync_is_due_only_after_typing_waited_or_a_second_passed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut journal = Journal::open(&path).unwrap();
        assert!(!journal.sync_due());
        journal.append(&action(1, 1), false).unwrap();
        assert!(!journal.sync_due(), "typing just now is not yet due");
        std::thread::sleep(SYNC_INTERVAL);
        assert!(journal.sync_due());
        journal.sync_if_due().unwrap();
        assert!(!journal.sync_due(), "synced and looked at just now");
        // Nothing typed: it is due again once a second, to look for failures.
        std::thread::sleep(SYNC_INTERVAL);
        assert!(journal.sync_due());
        journal.sync_if_due().unwrap();
        assert!(!journal.sync_due());
    }

    /// A structural change is due at once, but its sync is only asked for by
    /// the next `sync_if_due` (the event loop's, once the frame is sent):
    /// appending it does not wake the sync thread.
    #[test]
    fn a_structural_change_is_synced_when_asked_after_it_is_shown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut journal = Journal::open(&path).unwrap();
        journal.sync_if_due().unwrap();
        journal.append(&action(1, 1), true).unwrap();
        assert!(journal.sync_urgent() && journal.sync_due());
        assert!(!journal.requested, "appending asks the thread for nothing");
        journal.append(&action(2, 2), false).unwrap();
        assert!(journal.sync_urgent(), "typing after it keeps it urgent");
        journal.sync_if_due().unwrap();
        assert!(journal.requested, "asked of the sync thread");
        assert!(!journal.sync_urgent() && !journal.sync_due());
        // Typing alone is not urgent.
        journal.append(&action(3, 3), false).unwrap();
        assert!(!journal.sync_urgent() && !journal.sync_due());
        // Without a sync thread, asking syncs inline.
        journal.syncer = None;
        journal.append(&action(4, 4), true).unwrap();
        journal.sync_if_due().unwrap();
        assert!(!journal.sync_urgent() && !journal.dirty && !journal.requested);
    }

    #[test]
    fn a_torn_last_record_is_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut journal = Journal::open(&path).unwrap();
        journal.append(&action(1, 1), true).unwrap();
        journal.append(&action(2, 2), true).unwrap();
        drop(journal);
        // The process died in the middle of writing the third record.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"at":"2024-05-15T17:00:03Z","kind":"act"#)
            .unwrap();
        let contents = read::<i32>(&path).unwrap();
        assert_eq!(contents.last_session, vec![action(1, 1), action(2, 2)]);
        assert_eq!(contents.warnings.len(), 1);
        assert!(
            contents.warnings[0].contains(":3: skipped a torn"),
            "{:?}",
            contents.warnings
        );
    }

    #[test]
    fn records_appended_after_a_torn_one_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        std::fs::write(
            &path,
            "{\"at\":\"2024-05-15T17:00:01Z\",\"kind\":\"action\",\"action\":1}\n{\"at\":\"20",
        )
        .unwrap();
        let mut journal = Journal::open(&path).unwrap();
        journal.append(&action(3, 3), false).unwrap();
        let contents = read::<i32>(&path).unwrap();
        assert_eq!(contents.last_session, vec![action(1, 1), action(3, 3)]);
        assert_eq!(contents.warnings.len(), 1, "{:?}", contents.warnings);
    }

    #[test]
    fn records_that_could_not_be_written_are_written_later_in_order() {
        // /dev/full: every write fails with "no space left on device".
        let full = Path::new("/dev/full");
        if !full.exists() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut journal = Journal::open(&path).unwrap();
        journal.append(&action(1, 1), false).unwrap();
        // The disk fills up: the file's handle now writes to a full device.
        let good = std::mem::replace(
            &mut journal.file,
            OpenOptions::new().append(true).open(full).unwrap(),
        );
        for n in 2..=4 {
            assert!(journal.append(&action(n, n as i32), false).is_err());
        }
        assert!(journal.behind());
        // A write that stopped in the middle of a line.
        journal.torn = true;
        // Space again: the next record brings the waiting ones, in order.
        journal.file = good;
        journal.file.write_all(br#"{"at":"2024-05"#).unwrap();
        journal.append(&action(5, 5), false).unwrap();
        assert!(!journal.behind());
        let contents = read::<i32>(&path).unwrap();
        assert_eq!(
            contents.last_session,
            (1..=5).map(|n| action(n, n as i32)).collect::<Vec<_>>()
        );
        assert_eq!(contents.warnings.len(), 1, "the torn part only");
    }

    #[test]
    fn a_line_reads_as_serde_reads_a_record() {
        let records = crate::workload::journal(2);
        let mut lines: Vec<String> = records
            .iter()
            .map(|r| serde_json::to_string(r).unwrap())
            .collect();
        lines.extend(
            [
                r#"{"at":"2024-05-15T17:00:01Z","kind":"undo"}"#,
                r#"{"at":"2024-05-15T17:00:01Z","kind":"open","input":"a","output":"b"}"#,
                r#"{"at":"2024-05-15T17:00:01Z","kind":"note","path":[1,2],"text":"x","more":1}"#,
                r#"{"at":"2024-05-15T17:00:01Z","kind":"action"}"#,
                r#"{"at":"2024-05-15T17:00:01Z","kind":"note","text":"x"}"#,
                r#"{"at":"2024-05-15T17:00:01Z","kind":"later","text":"x"}"#,
                r#"{"at":"2024-05-15T17:00:01Z","kind":"paste","text":7}"#,
                r#"{"kind":"redo"}"#,
                r#"{"at":"2024-05-15T17:00:01Z","kind":"action","action":"no-such"}"#,
                // Times in other forms than the journal writes, and no times.
                r#"{"at":"2024-05-15T19:00:01.25+02:00","kind":"redo"}"#,
                r#"{"at":"2024-05-15 17:00:01Z","kind":"redo"}"#,
                r#"{"at":"2024-05-15t17:00:01z","kind":"redo"}"#,
                r#"{"at":"2024-05-15T17:00:01","kind":"redo"}"#,
                r#"{"at":"2024-02-30T17:00:01Z","kind":"redo"}"#,
                r#"{"at":"2024-05-15T17:00:01\u005a","kind":"redo"}"#,
                r#"{"at":17,"kind":"redo"}"#,
            ]
            .map(String::from),
        );
        assert!(lines.len() > 100);
        for line in &lines {
            let fast = parse_line::<crate::app::Action>(line);
            let serde = serde_json::from_str::<Record<crate::app::Action>>(line);
            match (fast, serde) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{line}"),
                (Err(_), Err(_)) => {}
                (a, b) => panic!("{line}: {a:?} / {b:?}"),
            }
        }
    }

    /// A stamp is written and read exactly as the time it stands for (so
    /// journals read and written before stamps are the same), and a time it
    /// does not span is the nearest one it does.
    #[test]
    fn a_stamp_is_written_as_its_time_and_holds_the_nearest_time_it_spans() {
        let times = [
            "2024-05-15T17:00:01Z",
            "2024-05-15T17:00:01.5Z",
            "2026-12-04T12:22:58.102052931Z",
            "1970-01-01T00:00:00Z",
            "1903-02-03T04:05:06.000000007Z",
            "2262-04-11T23:47:16.854775807Z",
        ];
        for text in times {
            let time: DateTime<Utc> = text.parse().unwrap();
            let stamp = Stamp::of(time);
            assert_eq!(stamp.time(), time, "{text}");
            let written = serde_json::to_string(&stamp).unwrap();
            assert_eq!(written, serde_json::to_string(&time).unwrap(), "{text}");
            assert_eq!(serde_json::from_str::<Stamp>(&written).unwrap(), stamp);
        }
        let last: DateTime<Utc> = "2262-04-11T23:47:16.854775807Z".parse().unwrap();
        let first: DateTime<Utc> = "1677-09-21T00:12:43.145224192Z".parse().unwrap();
        for (text, nearest) in [
            ("3000-01-01T00:00:00Z", last),
            ("2262-04-11T23:47:16.854775808Z", last),
            ("1600-01-01T00:00:00Z", first),
        ] {
            let time: DateTime<Utc> = text.parse().unwrap();
            assert_eq!(Stamp::of(time).time(), nearest, "{text}");
            let read: Stamp = serde_json::from_str(&format!("{text:?}")).unwrap();
            assert_eq!(read.time(), nearest, "{text}");
        }
    }

    /// Boxing a record's text and paths changes nothing on disk: each kind is
    /// written as journals have always had it, and read back as written.
    #[test]
    fn records_are_written_in_the_journal_format() {
        let at = "2024-05-15T17:00:01Z".parse::<DateTime<Utc>>().unwrap();
        let cases: [(Entry<crate::app::Action>, &str); 5] = [
            (
                Entry::open("m.yaml".into(), "m.md".into(), 1),
                r#"{"at":"2024-05-15T17:00:01Z","kind":"open","input":"m.yaml","output":"m.md","version":1}"#,
            ),
            (
                Entry::Paste(Box::new(Pasted {
                    text: "a\nb".into(),
                })),
                r#"{"at":"2024-05-15T17:00:01Z","kind":"paste","text":"a\nb"}"#,
            ),
            (
                Entry::Note(Box::new(NoteAdded {
                    path: vec![1, 2],
                    text: "Ticket: #7".into(),
                })),
                r#"{"at":"2024-05-15T17:00:01Z","kind":"note","path":[1,2],"text":"Ticket: #7"}"#,
            ),
            (
                Entry::Undo { actions: 3 },
                r#"{"at":"2024-05-15T17:00:01Z","kind":"undo","actions":3}"#,
            ),
            (
                Entry::Close,
                r#"{"at":"2024-05-15T17:00:01Z","kind":"close"}"#,
            ),
        ];
        for (entry, line) in cases {
            let record = Record {
                at: at.into(),
                entry,
            };
            assert_eq!(serde_json::to_string(&record).unwrap(), line);
            assert_eq!(parse_line::<crate::app::Action>(line).unwrap(), record);
            assert_eq!(
                serde_json::from_str::<Record<crate::app::Action>>(line).unwrap(),
                record
            );
        }
    }

    #[test]
    fn a_new_session_starts_at_its_open_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut journal = Journal::open(&path).unwrap();
        let open = |s| Record::<i32> {
            at: t(s).into(),
            entry: Entry::open("m.yaml".into(), "m.md".into(), VERSION),
        };
        journal.append(&open(0), true).unwrap();
        journal.append(&action(1, 1), true).unwrap();
        journal.append(&open(2), true).unwrap();
        journal.append(&action(3, 3), true).unwrap();
        let contents = read::<i32>(&path).unwrap();
        assert_eq!(contents.last_session, vec![open(2), action(3, 3)]);
    }

    #[test]
    fn undo_and_redo_replay_to_the_expected_states() {
        let mut history = History::default();
        history.push(t(1).into(), 1);
        history.push(t(2).into(), 2);
        history.push(t(3).into(), 3);
        assert!(history.undo(2));
        assert_eq!(history.rebuild(Numbers::default()), Numbers(vec![1]));
        // The undone step comes back whole.
        let step = history.redo().unwrap();
        assert_eq!(step.iter().map(|(_, a)| *a).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(history.rebuild(Numbers::default()), Numbers(vec![1, 2, 3]));
        assert!(history.redo().is_none());
        // An action after an undo starts a new branch: nothing to redo.
        assert!(history.undo(1));
        history.push(t(5).into(), 5);
        assert!(!history.can_redo());
        assert!(!history.undo(9), "more than there is");
        assert_eq!(history.rebuild(Numbers::default()), Numbers(vec![1, 2, 5]));
    }

    #[test]
    fn undo_records_read_back_with_their_step_size() {
        let record: Record<i32> = Record {
            at: t(1).into(),
            entry: Entry::Undo { actions: 3 },
        };
        let line = serde_json::to_string(&record).unwrap();
        assert_eq!(
            line,
            r#"{"at":"2024-05-15T17:00:01Z","kind":"undo","actions":3}"#
        );
        assert_eq!(serde_json::from_str::<Record<i32>>(&line).unwrap(), record);
        // A bare undo is one action.
        let bare: Record<i32> =
            serde_json::from_str(r#"{"at":"2024-05-15T17:00:01Z","kind":"undo"}"#).unwrap();
        assert_eq!(bare.entry, Entry::Undo { actions: 1 });
    }

    #[test]
    fn journal_names_depend_on_the_canonical_output_path() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::create_dir_all(dir.path().join("b")).unwrap();
        let a = JournalPaths::for_output(&data, &dir.path().join("a/minutes.md"));
        let a_again = JournalPaths::for_output(&data, &dir.path().join("b/../a/minutes.md"));
        let b = JournalPaths::for_output(&data, &dir.path().join("b/minutes.md"));
        assert_eq!(a, a_again);
        assert_ne!(a.journal, b.journal);
        let name = a
            .journal
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("minutes-") && name.ends_with(".jsonl"),
            "{name}"
        );
        assert_eq!(a.base.with_extension("jsonl"), a.journal);
        // The same in every build: FNV-1a's published test vector.
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
    }
}
