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
//! Durability policy: every record is written to the file (one `write` of one whole
//! line) before the change is shown on screen, so a killed process loses nothing the
//! kernel already has. `fsync` — which protects against power loss and costs
//! milliseconds — runs at most once a second for typing, and at once for structural
//! changes (an item checked or added, attendance, start/end) and on close.
//!
//! The journal is also the undo history: [`Entry::Undo`] and [`Entry::Redo`] records
//! are replayed like actions, see [`History`].

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// How often typing is made durable on disk; structural changes are synced at once.
pub const SYNC_INTERVAL: Duration = Duration::from_secs(1);

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record<A> {
    /// When it happened (the time `update` was given).
    pub at: DateTime<Utc>,
    /// What happened.
    #[serde(flatten)]
    pub entry: Entry<A>,
}

/// What a journal record says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry<A> {
    /// A session started on `input`, writing minutes to `output`.
    Open { input: PathBuf, output: PathBuf },
    /// An action applied to the meeting.
    Action { action: A },
    /// The last applied action was undone.
    Undo,
    /// The last undone action was applied again.
    Redo,
    /// The session ended cleanly.
    Close,
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
    let mut last_session = Vec::new();
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
        match serde_json::from_str::<Record<A>>(text) {
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
    dirty: bool,
}

impl Journal {
    /// Opens (creating if needed) the journal at `path` for appending.
    pub fn open(path: &Path) -> io::Result<Journal> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(Journal {
            file,
            path: path.to_path_buf(),
            last_sync: Instant::now(),
            dirty: false,
        })
    }

    /// Where the journal is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record as one line. The line reaches the kernel before this
    /// returns; it is fsynced now when `structural`, else within [`SYNC_INTERVAL`].
    pub fn append<A: Serialize>(&mut self, record: &Record<A>, structural: bool) -> io::Result<()> {
        let mut line = serde_json::to_vec(record).map_err(io::Error::other)?;
        line.push(b'\n');
        // One write of the whole line: a kill can tear only the last record.
        self.file.write_all(&line)?;
        self.dirty = true;
        if structural || self.last_sync.elapsed() >= SYNC_INTERVAL {
            self.sync()?;
        }
        Ok(())
    }

    /// Makes everything appended so far durable, if anything is pending.
    pub fn sync(&mut self) -> io::Result<()> {
        if self.dirty {
            self.file.sync_data()?;
            self.dirty = false;
        }
        self.last_sync = Instant::now();
        Ok(())
    }

    /// Syncs when typing has been pending longer than [`SYNC_INTERVAL`]; call on ticks.
    pub fn sync_if_due(&mut self) -> io::Result<()> {
        if self.dirty && self.last_sync.elapsed() >= SYNC_INTERVAL {
            self.sync()?;
        }
        Ok(())
    }
}

/// State that journal actions can be applied to.
pub trait Replay {
    /// The action type recorded in the journal.
    type Action;
    /// Applies one action at the time it happened.
    fn apply(&mut self, action: &Self::Action, at: DateTime<Utc>);
}

/// The undo history: the actions applied, and those undone that can be redone.
///
/// Undo rebuilds the state from the base by replaying the remaining actions; this
/// keeps `update` the only code that changes a meeting, at a cost linear in the
/// number of actions (fast: replay is pure computation).
#[derive(Debug, Clone)]
pub struct History<A> {
    applied: Vec<(DateTime<Utc>, A)>,
    undone: Vec<(DateTime<Utc>, A)>,
}

impl<A> Default for History<A> {
    fn default() -> Self {
        History {
            applied: Vec::new(),
            undone: Vec::new(),
        }
    }
}

impl<A: Clone> History<A> {
    /// Records a newly applied action; it clears what could be redone.
    pub fn push(&mut self, at: DateTime<Utc>, action: A) {
        self.applied.push((at, action));
        self.undone.clear();
    }

    /// Forgets the last applied action (to be redone later); false when none.
    pub fn undo(&mut self) -> bool {
        match self.applied.pop() {
            Some(entry) => {
                self.undone.push(entry);
                true
            }
            None => false,
        }
    }

    /// Takes back the last undone action and returns it to be applied again.
    pub fn redo(&mut self) -> Option<(DateTime<Utc>, A)> {
        let entry = self.undone.pop()?;
        self.applied.push(entry.clone());
        Some(entry)
    }

    /// The actions in effect, oldest first.
    pub fn applied(&self) -> &[(DateTime<Utc>, A)] {
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
            base.apply(action, *at);
        }
        base
    }

    /// The history a session's records describe (Open/Close are ignored).
    pub fn from_records(records: &[Record<A>]) -> Self {
        let mut history = History::default();
        for record in records {
            match &record.entry {
                Entry::Action { action } => history.push(record.at, action.clone()),
                Entry::Undo => {
                    history.undo();
                }
                Entry::Redo => {
                    history.redo();
                }
                Entry::Open { .. } | Entry::Close => {}
            }
        }
        history
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
            at: t(at),
            entry: Entry::Action { action: n },
        }
    }

    #[test]
    fn records_round_trip_and_unfinished_session_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut journal = Journal::open(&path).unwrap();
        let open: Record<i32> = Record {
            at: t(0),
            entry: Entry::Open {
                input: "a.md".into(),
                output: "a.md".into(),
            },
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
                    at: t(3),
                    entry: Entry::Close,
                },
                true,
            )
            .unwrap();
        assert!(!read::<i32>(&path).unwrap().unfinished);
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
    fn a_new_session_starts_at_its_open_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut journal = Journal::open(&path).unwrap();
        let open = |s| Record::<i32> {
            at: t(s),
            entry: Entry::Open {
                input: "m.yaml".into(),
                output: "m.md".into(),
            },
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
        let records = vec![
            action(1, 1),
            action(2, 2),
            Record {
                at: t(3),
                entry: Entry::Undo,
            },
            action(4, 4),
            Record {
                at: t(5),
                entry: Entry::Undo,
            },
            Record {
                at: t(6),
                entry: Entry::Redo,
            },
        ];
        let history = History::from_records(&records);
        assert_eq!(history.rebuild(Numbers::default()), Numbers(vec![1, 4]));
        assert!(!history.can_redo());

        let mut history = history;
        assert!(history.undo());
        assert_eq!(history.rebuild(Numbers::default()), Numbers(vec![1]));
        assert_eq!(history.redo().map(|(_, a)| a), Some(4));
        assert_eq!(history.rebuild(Numbers::default()), Numbers(vec![1, 4]));
        assert!(history.redo().is_none());
    }
}
