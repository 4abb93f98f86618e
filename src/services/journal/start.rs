//! A new session's journal, made once the first frame is on screen: the base
//! copy of a long input takes about as long to write as all the rest of
//! starting, and nothing can be typed before the first frame (see
//! `Session::start_journal`).

use std::io;
use std::path::PathBuf;

use serde::Serialize;

use super::{Journal, Record, write_private_unsynced};

/// What a new session's journal is made of, until it is made.
#[derive(Debug)]
pub struct JournalStart<A> {
    /// Where the base copy of the input goes, and the input's bytes.
    pub base: PathBuf,
    pub bytes: Vec<u8>,
    /// The journal.
    pub journal: PathBuf,
    /// The record that opens the session.
    pub open: Record<A>,
}

impl<A: Serialize> JournalStart<A> {
    /// Writes the base copy, then opens the journal and appends the opening
    /// record: a journal never names a session whose base is not whole on
    /// disk. The base is synced by the journal's thread, before the journal.
    pub fn start(self) -> io::Result<Journal> {
        let base = write_private_unsynced(&self.base, &self.bytes)?;
        drop(self.bytes);
        let mut journal = Journal::open(&self.journal)?;
        journal.sync_file_soon(base)?;
        journal.append(&self.open, true)?;
        Ok(journal)
    }
}
