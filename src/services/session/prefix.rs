//! The history before a snapshot's point, for a session resumed from a snapshot.
//!
//! A resume from a snapshot (see `services::snapshot`) takes the snapshot's state
//! and replays only the journal's actions after its point, so the first frame
//! does not wait for the whole session. The marks and checkpoints of the actions
//! before the point — what an undo needs to go back past it — are made by
//! replaying them from the base on a thread of their own after the first frame.
//! Until they are taken in, the snapshot's state is kept as a checkpoint: an
//! undo whose group lies after the point replays from it at once, and only one
//! that goes back past the point waits for them.

use chrono::{DateTime, Utc};

use super::{
    CHECKPOINT_EVERY, Mark, RECENT_CHECKPOINTS, SPARSE_EVERY, Session, Step, fill_history,
};
use crate::app::{Action, App};
use crate::services::journal::{Entry, Journal, Record};

/// The marks and checkpoints of a session's first actions, replayed from the
/// base, and the state they give.
type Trail = (Vec<Mark>, Vec<(usize, App)>, App);

/// The first `n` actions of a session resumed from a snapshot: their marks are
/// placeholders, and no checkpoint is kept before the snapshot's, until they
/// have been replayed from the base — on a thread of its own after the first
/// frame, or on the first undo that needs them.
#[derive(Debug)]
pub(super) enum Prefix {
    /// Not started yet; the snapshot's state, to check the replay against.
    Waiting(usize, Box<App>),
    /// Replaying on its thread.
    Running(usize, Box<App>, std::thread::JoinHandle<Trail>),
}

impl Session {
    /// The session the journal `records` describe, its first `prefix` records
    /// taken as done: `state` is the state after the first `applied` actions in
    /// effect then (a snapshot's), and only the actions in effect after those
    /// are replayed onto it. The caller has checked with [`history_fits`] that
    /// no undo in the records after them goes back past those `applied`.
    pub(in crate::services) fn resume_at(
        base: App,
        records: Vec<Record<Action>>,
        applied: usize,
        state: App,
        journal: Option<Journal>,
    ) -> Session {
        let len = records.len();
        let mut session = Session::new(base, None);
        session.resumed_records = len;
        session.history.reserve(len);
        session.marks.reserve(len);
        let last_at = fill_history(&mut session.history, records.into_iter());
        let state_at = state.clone();
        let mut app = state;
        // The marks before the snapshot's point are made later (see `Prefix`);
        // until then the snapshot's state is the checkpoint undo replays from.
        session.marks.resize(
            applied,
            Mark {
                changed: false,
                editing: false,
            },
        );
        session.prefix = Some(Prefix::Waiting(applied, Box::new(state_at)));
        session.keep_checkpoint(applied, app.clone());
        let history = std::mem::take(&mut session.history);
        for (at, step) in &history.applied()[applied..] {
            session.step(&mut app, *at, step);
        }
        session.history = history;
        if let Some(at) = last_at {
            app.now = at;
        }
        app.revision += 1;
        app.message = None;
        session.app = app;
        session.from_snapshot = true;
        session.journal = journal;
        session
    }

    /// How many of the first actions in effect have no marks yet (0 when all
    /// have): the snapshot's point, while the replay before it is not taken in.
    pub(super) fn unsettled(&self) -> usize {
        match &self.prefix {
            Some(Prefix::Waiting(n, _) | Prefix::Running(n, _, _)) => *n,
            None => 0,
        }
    }

    /// Starts replaying the actions before a snapshot's point on a thread of
    /// its own (call after the first frame); takes in its result when it is done.
    pub(super) fn advance_prefix(&mut self) {
        match self.prefix.take() {
            Some(Prefix::Waiting(n, state)) => {
                let base = self.base.clone();
                let steps = self.history.applied()[..n].to_vec();
                self.prefix = Some(
                    match std::thread::Builder::new()
                        .name("undo-history".into())
                        .spawn(move || replay_trail(base, &steps))
                    {
                        Ok(thread) => Prefix::Running(n, state, thread),
                        Err(_) => Prefix::Waiting(n, state),
                    },
                );
            }
            Some(Prefix::Running(n, state, thread)) if thread.is_finished() => {
                self.prefix = Some(Prefix::Running(n, state, thread));
                self.settle_prefix();
            }
            other => self.prefix = other,
        }
    }

    /// Makes sure the marks and checkpoints of the whole history are there
    /// (waiting for the thread replaying them, or replaying them here). Should
    /// the replay not reach the snapshot's state (it always does, unless the
    /// snapshot lied), the state after it is made again from the replay.
    pub(super) fn settle_prefix(&mut self) {
        let (n, state, trail) = match self.prefix.take() {
            None => return,
            Some(Prefix::Waiting(n, state)) => (n, state, None),
            Some(Prefix::Running(n, state, thread)) => (n, state, thread.join().ok()),
        };
        let (marks, mut checkpoints, reached) =
            trail.unwrap_or_else(|| replay_trail(self.base.clone(), &self.history.applied()[..n]));
        if marks.len() != n || self.marks.len() < n {
            return;
        }
        self.marks.splice(..n, marks);
        checkpoints.retain(|(at, _)| *at < n);
        if super::super::snapshot::same_state(&reached, &state) {
            checkpoints.append(&mut self.checkpoints);
        } else {
            // Everything after the snapshot's point is replayed from the state
            // the journal gives there.
            self.marks.truncate(n);
            self.checkpoints.clear();
            self.keep_checkpoint(n, reached.clone());
            checkpoints.append(&mut self.checkpoints);
            let mut app = reached;
            let history = std::mem::take(&mut self.history);
            for (at, step) in &history.applied()[n..] {
                let editing = app.editor.is_some() || app.prompt.is_some();
                let changed = step.apply_to(&mut app, *at).changed;
                self.marks.push(Mark { changed, editing });
                if self.marks.len().is_multiple_of(CHECKPOINT_EVERY) {
                    let mut kept = app.clone();
                    kept.message = None;
                    checkpoints.push((self.marks.len(), kept));
                }
            }
            self.history = history;
            app.now = self.app.now;
            app.revision = self.app.revision + 1;
            app.message = Some("The snapshot did not match the journal: replayed it all".into());
            self.app = app;
        }
        let done = self.marks.len();
        checkpoints.retain(|(at, _)| {
            *at + RECENT_CHECKPOINTS * CHECKPOINT_EVERY > done || at.is_multiple_of(SPARSE_EVERY)
        });
        self.checkpoints = checkpoints;
    }
}

/// True when the first `prefix` of `records` leave at least `applied` actions
/// in effect and no undo after them goes back past the first `applied`: the
/// state after those is then the same all through the records after the
/// prefix. Counted the way [`History`](crate::services::journal::History)
/// counts, without copying a step.
pub(in crate::services) fn history_fits(
    records: &[Record<Action>],
    prefix: usize,
    applied: usize,
) -> bool {
    let mut in_effect = 0usize;
    // The sizes of the undone steps, the last undone last.
    let mut undone: Vec<usize> = Vec::new();
    for (i, record) in records.iter().enumerate() {
        if i >= prefix && in_effect < applied {
            return false;
        }
        match &record.entry {
            Entry::Action { .. } | Entry::Paste { .. } | Entry::Note { .. } => {
                in_effect += 1;
                undone.clear();
            }
            Entry::Undo { actions } => {
                if *actions > 0 && *actions <= in_effect {
                    in_effect -= actions;
                    undone.push(*actions);
                }
            }
            Entry::Redo => in_effect += undone.pop().unwrap_or(0),
            Entry::Open { .. } | Entry::Close => {}
        }
    }
    prefix <= records.len() && in_effect >= applied
}

/// The marks and checkpoints of `steps` replayed from `base`, as a resume makes them.
fn replay_trail(base: App, steps: &[(DateTime<Utc>, Step)]) -> Trail {
    let mut session = Session::new(base, None);
    let mut app = session.base.clone();
    for (at, step) in steps {
        session.step(&mut app, *at, step);
    }
    (session.marks, session.checkpoints, app)
}
