//! The history before a snapshot's point, for a session resumed from a snapshot.
//!
//! A resume from a snapshot (see `services::snapshot`) takes the snapshot's state
//! and replays only the journal's actions after its point, so the first frame
//! does not wait for the whole session. The marks and checkpoints of the actions
//! before the point — what an undo needs to go back past it — are made by
//! replaying them from the base after the first frame, a few milliseconds at a
//! time while no key is waiting ([`Session::sync_if_due`]). That replay reads
//! the history's own steps and keeps its states sharing the base's lists: it
//! copies nothing (a thread of its own would need the steps copied, and its
//! own heap). Until it is taken in, the snapshot's state is kept as a
//! checkpoint: an undo whose group lies after the point replays from it at
//! once, and only one that goes back past the point finishes the replay first.

use std::time::{Duration, Instant};

use super::{CHECKPOINT_EVERY, Mark, Session, Step, history_from, kept_at};
use crate::app::{Action, App};
use crate::services::journal::{Entry, Journal, Record, Stamp};

/// How long one turn of the replay before a snapshot's point may take: a key
/// that comes meanwhile waits at most this long.
const TURN: Duration = Duration::from_millis(3);

/// The first `n` actions of a session resumed from a snapshot: their marks are
/// placeholders, and no checkpoint is kept before the snapshot's, until they
/// have been replayed from the base.
#[derive(Debug)]
pub(super) struct Prefix {
    /// The snapshot's point: the actions in effect its state is after.
    n: usize,
    /// The snapshot's state, to check the replay against.
    state: Box<App>,
    /// The replay so far, with its marks and checkpoints.
    trail: Box<Session>,
    /// The state after the actions replayed so far.
    app: Box<App>,
}

impl Prefix {
    /// Replays the next of the first `n` of `steps`; false when all are.
    fn step(&mut self, steps: &[(Stamp, Step)]) -> bool {
        let done = self.trail.marks.len();
        match steps.get(done) {
            Some((at, step)) if done < self.n => {
                if (done + 1).is_multiple_of(CHECKPOINT_EVERY) {
                    // Before the state is kept as a checkpoint: the notes the
                    // replay has made as the snapshot's state has them (an
                    // item typed into and left) are taken from that state, so
                    // that the replay does not hold a second copy of them.
                    crate::services::snapshot::share_lists(
                        &mut self.app.meeting,
                        &self.state.meeting,
                    );
                }
                self.trail.step(&mut self.app, at.time(), step);
                true
            }
            _ => false,
        }
    }
}

impl Session {
    /// The session the journal `records` describe, its first `covered` records
    /// taken as done: `state` is the state after the first `applied` actions in
    /// effect then (a snapshot's), and only the actions in effect after those
    /// are replayed onto it. The caller has checked with [`history_fits`] that
    /// no undo in the records after them goes back past those `applied`.
    pub(in crate::services) fn resume_at(
        base: App,
        records: Vec<Record<Action>>,
        (covered, applied): (usize, usize),
        state: App,
        journal: Option<Journal>,
    ) -> Session {
        let len = records.len();
        let mut session = Session::new(base, None);
        session.resumed_records = len;
        let (history, last_at) = history_from(records);
        session.marks.reserve(history.applied().len());
        session.history = history;
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
        let trail = Session::new(session.base.clone(), None);
        session.prefix = Some(Prefix {
            n: applied,
            state: Box::new(state_at),
            app: Box::new(trail.base.clone()),
            trail: Box::new(trail),
        });
        session.keep_checkpoint(applied, app.clone());
        let history = std::mem::take(&mut session.history);
        for (at, step) in &history.applied()[applied..] {
            session.step(&mut app, at.time(), step);
        }
        session.history = history;
        if let Some(at) = last_at {
            app.now = at;
        }
        app.revision += 1;
        app.message = None;
        session.app = app;
        session.from_snapshot = true;
        // The snapshot it came from is the one to write until a record is added.
        session.snapshot_at = Some(covered);
        session.journal = journal;
        session
    }

    /// How many of the first actions in effect have no marks yet (0 when all
    /// have): the snapshot's point, while the replay before it is not taken in.
    pub(super) fn unsettled(&self) -> usize {
        self.prefix.as_ref().map_or(0, |prefix| prefix.n)
    }

    /// Replays some more of the actions before a snapshot's point (for at most
    /// [`TURN`]), and takes the replay in once it is done. Call when no key is
    /// waiting, after the first frame.
    pub(super) fn advance_prefix(&mut self) {
        let Some(prefix) = &mut self.prefix else {
            return;
        };
        let started = Instant::now();
        let steps = self.history.applied();
        let mut replayed = 0usize;
        while prefix.step(steps) {
            replayed += 1;
            if replayed.is_multiple_of(16) && started.elapsed() >= TURN {
                return;
            }
        }
        self.settle_prefix();
    }

    /// Makes sure the marks and checkpoints of the whole history are there
    /// (finishing the replay of the actions before a snapshot's point). Should
    /// the replay not reach the snapshot's state (it always does, unless the
    /// snapshot lied), the state after it is made again from the replay.
    pub(super) fn settle_prefix(&mut self) {
        let Some(mut prefix) = self.prefix.take() else {
            return;
        };
        while prefix.step(self.history.applied()) {}
        let Prefix {
            n,
            state,
            trail,
            app,
        } = prefix;
        let (marks, mut checkpoints, reached) = (trail.marks, trail.checkpoints, *app);
        if marks.len() != n || self.marks.len() < n {
            return;
        }
        self.marks.splice(..n, marks);
        checkpoints.retain(|(at, _)| *at < n);
        if super::super::snapshot::same_state(&reached, &state) {
            // The snapshot's state was read on its own; the replay's shares
            // its lists with the checkpoints before it. What the state and the
            // checkpoints after it still hold of the snapshot's lists is
            // taken from the replay, so that they are not kept twice.
            for (_, app) in &mut self.checkpoints {
                super::super::snapshot::share_lists(&mut app.meeting, &reached.meeting);
            }
            super::super::snapshot::share_lists(&mut self.app.meeting, &reached.meeting);
            checkpoints.append(&mut self.checkpoints);
        } else {
            // Everything after the snapshot's point is replayed from the state
            // the journal gives there.
            self.marks.truncate(n);
            self.checkpoints = std::mem::take(&mut checkpoints);
            self.keep_checkpoint(n, reached.clone());
            let mut app = reached;
            let history = std::mem::take(&mut self.history);
            for (at, step) in &history.applied()[n..] {
                self.step(&mut app, at.time(), step);
            }
            self.history = history;
            checkpoints = std::mem::take(&mut self.checkpoints);
            app.now = self.app.now;
            app.revision = self.app.revision + 1;
            app.message = Some("The snapshot did not match the journal: replayed it all".into());
            // The snapshot on disk is not to be taken again.
            self.snapshot_at = None;
            self.app = app;
        }
        let done = self.marks.len();
        checkpoints.retain(|(at, _)| kept_at(*at, done));
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{Item, Note, Shared};

    /// A session resumed at `covered` records of `records`, as from a snapshot
    /// taken there, with `turns` steps of the replay before its point made.
    fn resumed_at(base: &App, records: &[Record<Action>], covered: usize, turns: usize) -> Session {
        let lived = Session::resume(base.clone(), &records[..covered], None);
        let applied = lived.actions();
        assert!(history_fits(records, covered, applied));
        let mut session = Session::resume_at(
            base.clone(),
            records.to_vec(),
            (covered, applied),
            lived.app,
            None,
        );
        for _ in 0..turns {
            let prefix = session.prefix.as_mut().unwrap();
            assert!(prefix.step(session.history.applied()));
        }
        session
    }

    /// The notes of every item of `app`'s agenda, by place.
    fn notes_by_place(app: &App) -> BTreeMap<Vec<usize>, Shared<Vec<Note>>> {
        fn walk(
            items: &[Shared<Item>],
            place: &mut Vec<usize>,
            out: &mut BTreeMap<Vec<usize>, Shared<Vec<Note>>>,
        ) {
            for (i, item) in items.iter().enumerate() {
                place.push(i);
                out.insert(place.clone(), item.notes.clone());
                walk(&item.items, place, out);
                place.pop();
            }
        }
        let mut out = BTreeMap::new();
        walk(&app.meeting.agenda, &mut Vec::new(), &mut out);
        out
    }

    #[test]
    fn once_taken_in_the_state_shares_with_the_replay_the_notes_it_holds_alike() {
        let records = crate::workload::journal(3);
        let base = crate::workload::live_app(crate::workload::meeting(3));
        let mut session = resumed_at(&base, &records, records.len() - 3, 0);
        let point = session.unsettled();
        session.settle_prefix();
        // The last checkpoint the replay before the point made.
        let (_, replayed) = session
            .checkpoints
            .iter()
            .rev()
            .find(|(at, _)| *at < point)
            .expect("a checkpoint before the point");
        let (was, replayed, now) = (
            notes_by_place(&base),
            notes_by_place(replayed),
            notes_by_place(&session.app),
        );
        // Notes typed before that checkpoint and left alone since: the
        // session's state holds the replay's, not a copy of its own.
        let mut alike = 0;
        for (place, notes) in &now {
            if replayed.get(place) == Some(notes) && was.get(place) != Some(notes) {
                assert!(Shared::same(notes, &replayed[place]), "{place:?}");
                alike += 1;
            }
        }
        assert!(alike > 0);
    }

    #[test]
    fn undo_and_redo_part_way_through_the_replay_before_the_point_give_a_full_replays_state() {
        let records = crate::workload::journal(1);
        let base = crate::workload::live_app(crate::workload::meeting(1));
        let covered = (1..records.len() * 2 / 3)
            .rev()
            .find(|&k| {
                let applied = Session::resume(base.clone(), &records[..k], None).actions();
                history_fits(&records, k, applied) && applied > 300
            })
            .unwrap();
        let at = records.last().unwrap().at.time();
        let keys = [Action::LeaveEditor, Action::Cancel]
            .into_iter()
            .chain([Action::Undo; 40])
            .chain([Action::Redo; 10])
            .chain([Action::Undo; 20]);
        for turns in [0, 1, 100, 299] {
            let mut full = Session::resume(base.clone(), &records, None);
            let mut snap = resumed_at(&base, &records, covered, turns);
            assert_eq!(snap.app.meeting, full.app.meeting);
            for (i, key) in keys.clone().enumerate() {
                let now = at + chrono::Duration::seconds(i as i64);
                full.apply(key, now);
                snap.apply(key, now);
                assert_eq!(snap.app.meeting, full.app.meeting, "{turns} turns, key {i}");
                assert_eq!(snap.app.message, full.app.message, "{turns} turns, key {i}");
                assert_eq!(snap.history().applied(), full.history().applied());
                if i % 7 == 0 {
                    snap.advance_prefix();
                }
            }
        }
    }
}
