//! Snapshots of a live session's state, so that resuming a long session does not
//! replay every action before the first frame.
//!
//! While a meeting is open, each time the changes pause (and when scribe stops
//! with the session left open) the state is written beside the journal as
//! `<name>.snapshot`: the meeting (its agenda and roster as far as they differ
//! from the base's, see `agenda`) and what is selected, with the journal's length
//! and a hash of its bytes up to there, the number of the last session's records
//! it covers, and a hash of the base copy of the input. The state is the one
//! before the last undo group (the actions one `u` takes back), with how many
//! actions in effect it is after: a resume replays that group, so the first
//! undo after it is done at once, from the snapshot's state. It
//! is written by a thread of its own (never on a key's path), only when no editor
//! or prompt is open (their text areas are not kept), renamed into place whole.
//!
//! On resume it is used only when it verifiably matches: the same format and
//! scribe version, the same base copy, the journal's first bytes hashing as it
//! says, the records after them (read again from those bytes) exactly the last
//! records of the session, with no new session among them, no undo among them
//! going back past its point, and at least half the session's records covered
//! (else it saves little). Then the state is taken from it and only the records
//! after it are replayed; the actions before it are replayed from the base
//! after the first frame, while no key waits, for undo (see
//! `Session::resume_at`), which also checks the snapshot's state against them.
//! Anything else — no snapshot, a torn or stale one, another version's — is a
//! full replay, as without snapshots.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use serde::{Deserialize, Serialize};

mod agenda;

use super::journal::{self, FNV_START, Journal, Record, Stamp, fnv1a64_on};
use super::session::{Session, Step, history_fits};
use crate::app::{Action, AgendaView, App, Discussion, Pane, fresh_generation};
use crate::model::{ItemPath, Items, Meeting, Shared};

/// What the first line of a snapshot says: its format, and the scribe that wrote
/// it (another scribe may replay the same actions differently).
fn header() -> String {
    format!(
        "scribe-snapshot 2 {} journal {}\n",
        env!("CARGO_PKG_VERSION"),
        journal::VERSION
    )
}

/// Where the snapshot of the journal at `journal` is kept.
pub fn path_for(journal: &Path) -> PathBuf {
    journal.with_extension("snapshot")
}

/// Where the base copy of the input of the journal at `journal` is kept (see
/// `JournalPaths`).
fn base_for(journal: &Path) -> PathBuf {
    journal.with_extension("base")
}

/// Removes the snapshot of the journal at `journal` (the session finished).
pub fn remove(journal: &Path) {
    let _ = std::fs::remove_file(path_for(journal));
}

/// True when `app` can be kept in a snapshot: no editor or prompt is open.
pub fn can_keep(app: &App) -> bool {
    app.editor.is_none() && app.prompt.is_none()
}

/// The part of the state a snapshot keeps: everything an action can change while
/// no editor or prompt is open. The rest (the ages, settings) comes from the base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct State {
    meeting: Meeting,
    /// Not in a meeting's JSON (a meeting file never says it).
    lint_fixes: bool,
    focus: u8,
    agenda_cursor: ItemPath,
    collapsed: BTreeSet<ItemPath>,
    roster_cursor: usize,
    help: bool,
    current: Option<Discussion>,
    revision: u64,
    confirming: Option<Action>,
    last_search: Option<String>,
    not_discussed: Vec<ItemPath>,
    agenda_view: u8,
}

impl State {
    fn of(app: &App) -> State {
        State {
            meeting: app.meeting.clone(),
            lint_fixes: app.meeting.lint_fixes,
            focus: match app.focus {
                Pane::Agenda => 0,
                Pane::Roster => 1,
                Pane::Notes => 2,
            },
            agenda_cursor: app.agenda_cursor.clone(),
            collapsed: app.collapsed.clone(),
            roster_cursor: app.roster_cursor,
            help: app.help,
            current: app.current.clone(),
            revision: app.revision,
            // The first O's question is not journaled (see `Session::apply`):
            // a replay does not ask it, so neither does a resume from here.
            confirming: app
                .confirming
                .filter(|asked| *asked != Action::OverwriteMinutes),
            last_search: app.last_search.clone(),
            not_discussed: app.not_discussed.clone(),
            agenda_view: match app.agenda_view {
                AgendaView::Document => 0,
                AgendaView::Carried => 1,
                AgendaView::Oldest => 2,
            },
        }
    }

    /// The state on `base` (the session's base: its ages and settings).
    fn onto(self, base: &App) -> Option<App> {
        let mut app = base.clone();
        app.meeting = self.meeting;
        app.meeting.lint_fixes = self.lint_fixes;
        share_lists(&mut app.meeting, &base.meeting);
        app.focus = match self.focus {
            0 => Pane::Agenda,
            1 => Pane::Roster,
            2 => Pane::Notes,
            _ => return None,
        };
        app.agenda_cursor = self.agenda_cursor;
        app.collapsed = self.collapsed;
        app.roster_cursor = self.roster_cursor;
        app.editor = None;
        app.prompt = None;
        app.help = self.help;
        app.current = self.current;
        app.revision = self.revision;
        app.generation = fresh_generation();
        app.message = None;
        app.confirming = self.confirming;
        app.last_search = self.last_search;
        app.not_discussed = self.not_discussed;
        app.agenda_view = match self.agenda_view {
            0 => AgendaView::Document,
            1 => AgendaView::Carried,
            2 => AgendaView::Oldest,
            _ => return None,
        };
        Some(app)
    }
}

/// Makes the lists of `meeting` (read from a snapshot) that are equal to the
/// base's the base's own: a meeting replayed from the base shares what the
/// actions left alone with it, and so does a restored one (else a resume holds
/// two whole meetings). `base` may also be a replay's state, to share with.
pub(in crate::services) fn share_lists(meeting: &mut Meeting, base: &Meeting) {
    if meeting.roster == base.roster {
        meeting.roster = base.roster.clone();
    }
    share_items(&mut meeting.agenda, &base.agenda);
}

/// [`share_lists`] for a list of items and the base's at the same place; true
/// when anything was taken from the base. A list is changed (and so copied, when
/// it is shared with another state) only when something in it is taken.
fn share_items(items: &mut Items, base: &Items) -> bool {
    if Shared::same(items, base) {
        return false;
    }
    if items == base {
        *items = base.clone();
        return true;
    }
    let mut taken = false;
    for (i, was) in base.iter().enumerate().take(items.len()) {
        let item = &items[i];
        if Shared::same(item, was) {
            continue;
        }
        let notes = !Shared::same(&item.notes, &was.notes) && item.notes == was.notes;
        let mut below = item.items.clone();
        let below_taken = share_items(&mut below, &was.items);
        if notes || below_taken {
            let item = &mut items[i];
            if notes {
                item.notes = was.notes.clone();
            }
            if below_taken {
                item.items = below;
            }
            taken = true;
        }
        // With its notes and items the base's, an item otherwise equal is the
        // base's item (its lists, the same, are not compared again).
        let item = &items[i];
        if Shared::same(&item.notes, &was.notes)
            && Shared::same(&item.items, &was.items)
            && item == was
        {
            items[i] = was.clone();
            taken = true;
        }
    }
    taken
}

/// True when `a` and `b` are the same state as far as a snapshot keeps it (the
/// count of changes aside): how a resume checks the snapshot it took against
/// the replay of the journal up to it, made after the first frame.
pub fn same_state(a: &App, b: &App) -> bool {
    let (mut a, mut b) = (State::of(a), State::of(b));
    (a.revision, b.revision) = (0, 0);
    a == b
}

/// A snapshot as written (after its header line).
#[derive(Debug, Serialize, Deserialize)]
struct Snapshot {
    /// The journal's length when it was taken: the records before are covered.
    journal_len: u64,
    /// FNV-1a of the journal's first `journal_len` bytes.
    journal_hash: u64,
    /// FNV-1a of the base copy of the input.
    base_hash: u64,
    /// The records of the last session (its Open included) it covers.
    records: usize,
    /// How many of the first actions in effect after them the state is after
    /// (all of them, or those before the last undo group).
    applied: usize,
    /// The state, but for its meeting's agenda and roster ...
    state: State,
    /// ... which are kept as they differ from the base's.
    lists: agenda::Lists,
}

/// What the snapshot thread is asked to write.
pub struct Job {
    /// A state (a copy: it shares the meeting's lists) ...
    pub app: App,
    /// ... and the steps after it, which give the state to keep (the state
    /// before the last undo group: see `Session::snapshot_soon`).
    pub steps: Vec<(Stamp, Step)>,
    /// The journal's length when the state was taken, all records written.
    pub journal_len: u64,
    /// The last session's records then.
    pub records: usize,
    /// The first actions in effect then that the state is after.
    pub applied: usize,
}

/// The thread writing the snapshots of one journal.
#[derive(Debug)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Writer {
    /// Starts the thread for the journal at `journal` of a session on `base`
    /// (best effort: without a thread no snapshot is written, and a resume
    /// replays everything).
    pub fn start(journal: &Path, base: Meeting) -> Writer {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let journal = journal.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("snapshot".into())
            .spawn(move || {
                let mut hashed = Hashed::default();
                while let Ok(mut job) = inbox.recv() {
                    // Only the newest state is worth writing.
                    while let Ok(newer) = inbox.try_recv() {
                        job = newer;
                    }
                    for (at, step) in std::mem::take(&mut job.steps) {
                        let _ = step.apply_to(&mut job.app, at.time());
                    }
                    let _ = write(&journal, &job, &base, &mut hashed);
                }
            })
            .ok();
        Writer { jobs, thread }
    }

    /// Asks for a snapshot of `job`'s state.
    pub fn send(&self, job: Job) {
        let _ = self.jobs.send(job);
    }

    /// Waits for the snapshot asked for last to be written.
    pub fn finish(mut self) {
        let Writer { jobs, thread } = &mut self;
        drop(std::mem::replace(jobs, mpsc::channel().0));
        if let Some(thread) = thread.take() {
            let _ = thread.join();
        }
    }
}

/// The journal's first bytes hashed so far, and the base copy's hash: the
/// journal only grows, so each snapshot hashes only what was added since.
#[derive(Default)]
struct Hashed {
    len: u64,
    hash: Option<u64>,
    base: Option<u64>,
}

/// FNV-1a of `len` bytes of `file` from where it is, carried on from `hash`,
/// read a piece at a time (a long journal is not held whole); `None` when the
/// file is shorter.
fn hash_on(file: &mut File, mut hash: u64, len: u64) -> Option<u64> {
    let mut piece = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let want = usize::try_from(left.min(piece.len() as u64)).ok()?;
        let got = file.read(&mut piece[..want]).ok()?;
        if got == 0 {
            return None;
        }
        hash = fnv1a64_on(hash, &piece[..got]);
        left -= got as u64;
    }
    Some(hash)
}

/// Writes the snapshot of `job` (a session on `base_meeting`) beside the
/// journal at `journal`.
fn write(
    journal: &Path,
    job: &Job,
    base_meeting: &Meeting,
    hashed: &mut Hashed,
) -> std::io::Result<()> {
    let broken = || std::io::Error::other("the journal is not as it was written");
    if hashed.hash.is_none() || hashed.len > job.journal_len {
        *hashed = Hashed {
            base: hashed.base,
            ..Hashed::default()
        };
    }
    let mut file = File::open(journal)?;
    file.seek(SeekFrom::Start(hashed.len))?;
    let hash = hash_on(
        &mut file,
        hashed.hash.unwrap_or(FNV_START),
        job.journal_len - hashed.len,
    )
    .ok_or_else(broken)?;
    (hashed.len, hashed.hash) = (job.journal_len, Some(hash));
    let base = match hashed.base {
        Some(base) => base,
        None => {
            let mut file = File::open(base_for(journal))?;
            let len = file.metadata()?.len();
            *hashed
                .base
                .insert(hash_on(&mut file, FNV_START, len).ok_or_else(broken)?)
        }
    };
    let mut state = State::of(&job.app);
    let lists = agenda::Lists::take(&mut state.meeting, base_meeting);
    let snapshot = Snapshot {
        journal_len: job.journal_len,
        journal_hash: hash,
        base_hash: base,
        records: job.records,
        applied: job.applied,
        state,
        lists,
    };
    // Written as it is made, to a temporary file renamed into place whole.
    let path = path_for(journal);
    let dir = path.parent().unwrap_or(Path::new("."));
    let temp = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = std::io::BufWriter::new(temp);
    out.write_all(header().as_bytes())?;
    serde_json::to_writer(&mut out, &snapshot).map_err(std::io::Error::other)?;
    let temp = out.into_inner().map_err(|e| e.into_error())?;
    // Not read back here (a second copy of the meeting): a resume checks the
    // state it took against the journal's replay (see `same_state`).
    temp.persist(&path).map(drop).map_err(|e| e.error)
}

/// Resumes the session the journal `records` (its last session's) describe onto
/// `base`, from the journal's snapshot when it verifiably matches (see the
/// module doc), else by replaying every record. `base_hash` is the hash of the
/// base copy of the input `base` was made from.
pub fn resume(
    base: App,
    records: Vec<Record<Action>>,
    journal: Journal,
    base_hash: u64,
) -> Session {
    match usable(journal.path(), base_hash, &records).and_then(|mut s| {
        let (covered, applied) = (s.records, s.applied);
        s.lists.restore(&mut s.state.meeting, &base.meeting)?;
        s.state.onto(&base).map(|app| (covered, applied, app))
    }) {
        Some((covered, applied, state)) => {
            Session::resume_at(base, records, (covered, applied), state, Some(journal))
        }
        None => Session::resume_owned(base, records, Some(journal)),
    }
}

/// The snapshot of the journal at `journal`, if it verifiably covers the first
/// records of `records` (see the module doc).
fn usable(journal: &Path, base_hash: u64, records: &[Record<Action>]) -> Option<Snapshot> {
    // Read whole: parsing from a slice is several times faster than from a reader.
    let kept = std::fs::read(path_for(journal)).ok()?;
    let json = kept.strip_prefix(header().as_bytes())?;
    let snapshot: Snapshot = serde_json::from_slice(json).ok()?;
    drop(kept);
    // A snapshot covering less than half the session is not worth its
    // checks: the records after it would be most of the replay anyway.
    let prefix = snapshot.records;
    if snapshot.base_hash != base_hash || prefix > records.len() || 2 * prefix < records.len() {
        return None;
    }
    // The journal's bytes up to its point, hashed a piece at a time; the
    // records after it, read again: they must be the session's last.
    let mut file = File::open(journal).ok()?;
    if hash_on(&mut file, FNV_START, snapshot.journal_len)? != snapshot.journal_hash {
        return None;
    }
    let mut rest = Vec::new();
    file.read_to_end(&mut rest).ok()?;
    if !tail_is(&rest, &records[prefix..]) {
        return None;
    }
    drop(rest);
    history_fits(records, prefix, snapshot.applied).then_some(snapshot)
}

/// True when the records in `bytes` (whole lines of a journal, damaged ones
/// skipped as `journal::read` skips them) are exactly `tail`.
fn tail_is(bytes: &[u8], tail: &[Record<Action>]) -> bool {
    let mut expected = tail.iter();
    for line in bytes.split(|&b| b == b'\n') {
        let text = String::from_utf8_lossy(line);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if let Ok(record) = journal::parse_line::<Action>(text)
            && expected.next() != Some(&record)
        {
            return false;
        }
    }
    expected.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, Note};

    #[test]
    fn a_restored_meeting_shares_with_the_base_the_lists_no_action_changed() {
        let at = "2024-05-15T17:00:00Z".parse().unwrap();
        let mut meeting = Meeting::new("Minutes", at);
        let mut parent = Item::new("Operating changes");
        parent.items = vec![Item::new("Left alone"), Item::new("Noted")].into();
        meeting.agenda = vec![Item::new("Welcome"), parent, Item::new("Other")].into();
        let base = App::new(meeting, at);
        let mut live = base.clone();
        live.meeting.item_mut(&[1, 1]).unwrap().notes = vec![Note::new("typed")].into();
        // Through JSON, as a snapshot is written and read.
        let json = serde_json::to_vec(&State::of(&live)).unwrap();
        let state: State = serde_json::from_slice(&json).unwrap();
        let restored = state.onto(&base).unwrap();
        assert_eq!(restored.meeting, live.meeting);
        let (mine, was) = (&restored.meeting, &base.meeting);
        let same_notes = |path: &[usize]| {
            Shared::same(
                &mine.item(path).unwrap().notes,
                &was.item(path).unwrap().notes,
            )
        };
        // What the note changed is its own; the rest is the base's.
        assert!(!same_notes(&[1, 1]));
        assert!(!Shared::same(&mine.agenda, &was.agenda));
        assert!(same_notes(&[0]) && same_notes(&[1]) && same_notes(&[2]) && same_notes(&[1, 0]));
        assert!(Shared::same(&mine.agenda[2].items, &was.agenda[2].items));
        assert!(Shared::same(&mine.roster, &was.roster));
        // Items the action left alone are the base's, whole.
        let same_item = |mine: &Meeting, path: &[usize]| {
            Shared::same(
                mine.shared_item(path).unwrap(),
                was.shared_item(path).unwrap(),
            )
        };
        assert!(same_item(mine, &[0]) && same_item(mine, &[2]) && same_item(mine, &[1, 0]));
        assert!(!same_item(mine, &[1]) && !same_item(mine, &[1, 1]));
        // Without sharing, none is the base's; `share_lists` makes them so, as
        // after a replay.
        let state: State = serde_json::from_slice(&json).unwrap();
        assert!(!Shared::same(&state.meeting.roster, &was.roster));
        let mut whole = live.meeting.clone();
        whole.agenda = serde_json::from_slice(&serde_json::to_vec(&whole.agenda).unwrap()).unwrap();
        assert!(!same_item(&whole, &[0]));
        share_lists(&mut whole, was);
        assert_eq!(whole, live.meeting);
        assert!(same_item(&whole, &[0]) && same_item(&whole, &[2]) && same_item(&whole, &[1, 0]));
        assert!(!same_item(&whole, &[1]) && !same_item(&whole, &[1, 1]));
    }
}
