//! A live session: the app, its undo history, and the journal every action goes to.
//!
//! [`Session::apply`] is the one door for what the secretary does: the action is
//! appended to the journal first, then applied with [`update`], so by the time the
//! screen shows a change the journal has it. Resuming after a crash
//! ([`Session::resume`]) and undo/redo go through the same code: the state is always
//! the base (the meeting as opened) with the history's actions replayed onto it.
//!
//! Undo does not replay the whole history: what each action did (its [`Mark`]) is
//! kept as it is applied, and the state is kept every [`CHECKPOINT_EVERY`] actions
//! (cheap: copies of a meeting share what they did not change, see
//! [`crate::model::Shared`]), so an undo replays from the last checkpoint before
//! the step it takes back. Checkpoints thin out with age: all of the recent ones
//! are kept, of the older ones one in [`SPARSE_EVERY`].

use chrono::{DateTime, Utc};

use super::journal::{
    Entry, History, Journal, JournalStart, NoteAdded, Pasted, Record, Replay, Stamp,
};
use crate::app::{Action, App, Effect, Mode, Outcome, update};

mod prefix;
use prefix::Prefix;
pub(super) use prefix::history_fits;

/// Actions between two checkpoints of the state (see the module doc).
pub const CHECKPOINT_EVERY: usize = 256;
/// How many of the newest checkpoints are all kept.
const RECENT_CHECKPOINTS: usize = 16;
/// Older checkpoints are kept at multiples of this many actions.
pub const SPARSE_EVERY: usize = 64 * CHECKPOINT_EVERY;

/// True when the checkpoint after `at` actions is one a history of `done`
/// actions keeps: one of the recent ones, or one of the sparse older ones.
fn kept_at(at: usize, done: usize) -> bool {
    at + RECENT_CHECKPOINTS * CHECKPOINT_EVERY > done || at.is_multiple_of(SPARSE_EVERY)
}

/// One step of the history: an action, or a paste (one step however long).
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// An action, applied with `update`.
    Action(Action),
    /// Text pasted, applied with `App::paste`.
    Paste(Box<Pasted>),
    /// A note added to an item, applied with `App::add_note`.
    Note(Box<NoteAdded>),
    /// An action from a journal of a scribe that did it at once, where it now
    /// asks to be pressed again: applied as confirmed.
    Confirmed(Action),
}

impl Step {
    /// Applies the step to `app` at `at`, as it was applied live.
    pub fn apply_to(&self, app: &mut App, at: DateTime<Utc>) -> Outcome {
        match self {
            Step::Action(action) => update(app, *action, at),
            Step::Paste(pasted) => app.paste(&pasted.text, at),
            Step::Note(note) => {
                app.now = at;
                app.add_note(&note.path, &note.text)
            }
            Step::Confirmed(action) => {
                let first = update(app, *action, at);
                if app.confirming == Some(*action) {
                    update(app, *action, at)
                } else {
                    first
                }
            }
        }
    }

    /// What it is, for the undo message.
    fn describe(&self) -> &'static str {
        match self {
            Step::Action(action) | Step::Confirmed(action) => action.describe(),
            Step::Paste(_) => "the paste",
            Step::Note(..) => "the ticket's link",
        }
    }
}

// A long session holds tens of thousands of steps and, while it resumes, as
// many records: each is as large as its largest variant, which is why text
// and paths sit behind a pointer, and its time is a `Stamp`. These keep it so.
const _: () = assert!(std::mem::size_of::<(Stamp, Step)>() <= 24);
const _: () = assert!(std::mem::size_of::<Record<Action>>() <= 24);

/// A journaled action as a step of the history, as the scribe that wrote a
/// journal of format `version` applied it: before 1, `E` ended at once.
fn replayed(action: Action, version: u32) -> Step {
    match action {
        Action::EndMeeting if version < 1 => Step::Confirmed(action),
        _ => Step::Action(action),
    }
}

/// The journal replays steps through `update` (or the paste), like the event loop.
impl Replay for App {
    type Action = Step;
    fn apply(&mut self, step: &Step, at: DateTime<Utc>) {
        let _ = step.apply_to(self, at);
    }
}

/// The live state with its history and journal.
#[derive(Debug)]
pub struct Session {
    /// The app as the session opened, before any action: undo replays onto it.
    base: App,
    /// The state shown and written.
    pub app: App,
    history: History<Step>,
    /// What each action in effect did, in the order of `history.applied()`.
    marks: Vec<Mark>,
    /// The state after the first `n` actions in effect, for some `n`, oldest first.
    checkpoints: Vec<(usize, App)>,
    journal: Option<Journal>,
    /// The journal still to be made (see [`JournalStart`]).
    journal_start: Option<JournalStart<Action>>,
    /// Why the journal cannot be written, while it cannot.
    pub journal_error: Option<String>,
    /// The records of the journal's last session there were before this
    /// process appended any (the ones it resumed from): a snapshot counts them.
    resumed_records: usize,
    /// The first actions of a session resumed from a snapshot, whose marks and
    /// checkpoints are still to be made by replaying them from the base.
    prefix: Option<Prefix>,
    /// The thread writing snapshots, once one was asked for.
    snapshots: Option<super::snapshot::Writer>,
    /// The journal records the last snapshot asked for covers.
    snapshot_at: Option<usize>,
    /// It was resumed from a snapshot.
    from_snapshot: bool,
}

/// What an action did to the history, as seen when replaying it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mark {
    /// It changed the meeting (or which item is being discussed).
    changed: bool,
    /// The notes editor or a prompt was open when it came: part of an edit.
    editing: bool,
}

impl Session {
    /// A session starting at `base`, journaling to `journal` when there is one.
    pub fn new(base: App, journal: Option<Journal>) -> Session {
        Session {
            app: base.clone(),
            base,
            history: History::default(),
            marks: Vec::new(),
            checkpoints: Vec::new(),
            journal,
            journal_start: None,
            journal_error: None,
            resumed_records: 0,
            prefix: None,
            snapshots: None,
            snapshot_at: None,
            from_snapshot: false,
        }
    }

    /// A new session whose journal `start` makes (see [`Session::start_journal`]).
    pub fn starting(base: App, start: JournalStart<Action>) -> Session {
        let mut session = Session::new(base, None);
        session.journal_start = Some(start);
        session
    }

    /// Makes the journal of a new session (see [`JournalStart`]) if it is still
    /// to be made. The event loop calls this once the first frame is on screen;
    /// a record appended before then makes it first. When it cannot be made,
    /// scribe goes on without one and says so: gives whether it did (the
    /// screen then changes).
    pub fn start_journal(&mut self) -> bool {
        let Some(start) = self.journal_start.take() else {
            return false;
        };
        let path = start.journal.clone();
        match start.start() {
            Ok(journal) => {
                self.journal = Some(journal);
                false
            }
            Err(e) => {
                let warning = format!(
                    "no journal ({}: {e}): a crash would lose this session",
                    path.display()
                );
                self.app.message = Some(match self.app.message.take() {
                    Some(message) => format!("{message} · {warning}"),
                    None => warning,
                });
                true
            }
        }
    }

    /// The session the journal `records` describe, rebuilt onto `base` exactly as
    /// it was lived (Open and Close records are skipped); new records go to
    /// `journal`.
    pub fn resume(base: App, records: &[Record<Action>], journal: Option<Journal>) -> Session {
        Session::resume_owned(base, records.to_vec(), journal)
    }

    /// [`Session::resume`] taking the records: they are let go before the replay,
    /// so a long session's records and its history are not both held through it.
    pub fn resume_owned(
        base: App,
        records: Vec<Record<Action>>,
        journal: Option<Journal>,
    ) -> Session {
        let mut session = Session::new(base, None);
        session.resumed_records = records.len();
        // Only the end state is wanted: the history is replayed once, at the end,
        // instead of rebuilding the state at every undo (which made resuming a
        // long session quadratic in its length). `update` is deterministic, so
        // this is the state the live session had; see the test below.
        let (history, last_at) = history_from(records);
        session.marks.reserve(history.applied().len());
        session.history = history;
        if let Some(at) = last_at {
            // One replay gives the state, the marks and the checkpoints.
            let mut app = session.base.clone();
            let history = std::mem::take(&mut session.history);
            for (at, step) in history.applied() {
                session.step(&mut app, at.time(), step);
            }
            session.history = history;
            app.now = at;
            app.revision = app.revision.max(session.app.revision) + 1;
            session.app = app;
        }
        session.app.message = None;
        session.journal = journal;
        session
    }

    /// Has a snapshot of the state written beside the journal by a thread of its
    /// own (see `services::snapshot`), when the journal holds every record and
    /// the state changed since the last one. Call when the changes pause.
    pub fn snapshot_soon(&mut self) {
        let Some(journal) = &self.journal else { return };
        let Some((len, appended)) = journal.written() else {
            return;
        };
        let records = self.resumed_records + appended;
        // With no record past the session's opening, a resume replays nothing:
        // a snapshot would save it nothing (and cost a whole meeting's JSON).
        if records <= 1
            || self.snapshot_at == Some(records)
            || !super::snapshot::can_keep(&self.app)
        {
            return;
        }
        // The state before the last undo group, made from the checkpoint before
        // it on the snapshot's thread: a resume from it replays that group, so
        // that the first undo after it needs nothing before the snapshot's
        // point. (Without a group to take back, the state as it is.)
        let applied = self.history.applied().len();
        let (app, steps, at) = match self.undo_start(self.unsettled()) {
            Some((start, _)) if start < applied => {
                let (from, app) = match self.checkpoints.iter().rev().find(|(at, _)| *at <= start) {
                    Some((at, app)) => (*at, app.clone()),
                    None => (0, self.base.clone()),
                };
                (app, self.history.applied()[from..start].to_vec(), start)
            }
            _ => (self.app.clone(), Vec::new(), applied),
        };
        let base = &self.base.meeting;
        let writer = self
            .snapshots
            .get_or_insert_with(|| super::snapshot::Writer::start(journal.path(), base.clone()));
        writer.send(super::snapshot::Job {
            app,
            steps,
            journal_len: len,
            records,
            applied: at,
        });
        self.snapshot_at = Some(records);
    }

    /// Waits until the snapshots asked for are written.
    pub fn wait_for_snapshots(&mut self) {
        if let Some(writer) = self.snapshots.take() {
            writer.finish();
        }
    }

    /// True when this session was resumed from a snapshot (and the replay of the
    /// actions before it, for undo, is not all taken in yet, or was).
    pub fn resumed_from_snapshot(&self) -> bool {
        self.from_snapshot
    }

    /// True while the marks and checkpoints of the actions before a snapshot's
    /// point (resumed from) are not taken in: an undo back past it waits for them.
    pub fn history_before_snapshot_pending(&self) -> bool {
        self.prefix.is_some()
    }

    /// [`Session::resume`] step by step, as the session was lived (tests; a
    /// journal of the current format).
    #[cfg(test)]
    fn resume_step_by_step(base: App, records: &[Record<Action>]) -> Session {
        let mut session = Session::new(base, None);
        for record in records {
            match &record.entry {
                Entry::Action { action } => {
                    let _ = session.apply_action(*action, record.at.time());
                }
                Entry::Paste(pasted) => {
                    let editing = session.editing();
                    let outcome = session.app.paste(&pasted.text, record.at.time());
                    let step = Step::Paste(pasted.clone());
                    session.push(record.at.time(), step, outcome.changed, editing);
                }
                Entry::Note(note) => {
                    let _ = session.add_note(&note.path, &note.text, record.at.time());
                }
                Entry::Undo { actions } => session.undo_step(*actions, record.at.time()),
                Entry::Redo => session.redo_step(record.at.time()),
                Entry::Open { .. } | Entry::Close => {}
            }
        }
        session.app.message = None;
        session
    }

    /// Does what the secretary asked at `now`: journaled first, then applied.
    /// Returns what it did; undo and redo are done here, from the history, and
    /// come back as changes without an effect.
    pub fn apply(&mut self, action: Action, now: DateTime<Utc>) -> Outcome {
        // Applied at the time the journal and the history keep (the same, but
        // for a clock beyond what a stamp spans): a replay gives what was lived.
        let now = Stamp::of(now).time();
        let outcome = match action {
            // Undo, redo and "ours over theirs" are commands only where keys are
            // commands; `update` says which it is. They are not changes to the
            // meeting, so they are journaled (undo and redo) as history moves.
            Action::Undo | Action::Redo | Action::OverwriteMinutes
                if self.app.mode().is_command() =>
            {
                // These keys are not steps of the history, so a replay never
                // sees them; a question asked by a step (a first D waiting for
                // its second) must come out of them as the replay has it, or
                // redo and resuming part from the live state.
                let pending = self.app.confirming;
                let outcome = update(&mut self.app, action, now);
                let outcome = match outcome.effect {
                    // Undo rebuilds the state from the history, question and all.
                    Some(Effect::Undo) => self.undo(now),
                    // Redo replays the second press onto the first one's
                    // question, exactly as before the undo.
                    Some(Effect::Redo) if self.history.can_redo() => {
                        self.app.confirming = pending;
                        self.redo(now)
                    }
                    Some(Effect::Redo) => self.redo(now),
                    _ => outcome,
                };
                if !outcome.changed {
                    self.cancel_if_ended(pending, now);
                }
                outcome
            }
            Action::Type(_) if self.app.mode() == Mode::Editor => {
                // A key that only moves the editor's cursor is journaled as where
                // the cursor went (see `Action::MoveCursor`).
                let editing = self.editing();
                let (outcome, recorded) = self.app.type_in_editor(action, now);
                self.record(Entry::Action { action: recorded }, now, false);
                self.push(now, Step::Action(recorded), outcome.changed, editing);
                outcome
            }
            _ => {
                self.record(Entry::Action { action }, now, action.is_structural());
                self.apply_action(action, now)
            }
        };
        self.show_journal_error();
        outcome
    }

    /// Types a paste into the editor or prompt as one step, journaled as one
    /// record (see [`App::paste`]): linear in its length, live and on replay.
    /// Returns whether anything was typed.
    pub fn paste(&mut self, text: &str, now: DateTime<Utc>) -> bool {
        let now = Stamp::of(now).time();
        if self.app.paste_keys(text).is_empty() {
            return false;
        }
        let pasted = Box::new(Pasted {
            text: text.to_string(),
        });
        self.record(Entry::Paste(pasted.clone()), now, false);
        let editing = self.editing();
        let outcome = self.app.paste(text, now);
        self.push(now, Step::Paste(pasted), outcome.changed, editing);
        self.show_journal_error();
        true
    }

    /// Adds `text` as a note of the item at `path` (a ticket's link that came
    /// back from the background): journaled first with its text, as one step
    /// that undo takes back.
    pub fn add_note(&mut self, path: &[usize], text: &str, now: DateTime<Utc>) -> Outcome {
        let now = Stamp::of(now).time();
        if self.app.meeting.item(path).is_none() {
            return Outcome::default();
        }
        let note = Box::new(NoteAdded {
            path: path.to_vec(),
            text: text.to_string(),
        });
        self.record(Entry::Note(note.clone()), now, true);
        let step = Step::Note(note);
        let editing = self.editing();
        let outcome = step.apply_to(&mut self.app, now);
        self.push(now, step, outcome.changed, editing);
        self.show_journal_error();
        outcome
    }

    fn undo(&mut self, now: DateTime<Utc>) -> Outcome {
        // Right after a resume from a snapshot, the marks before its point may
        // not be there yet: they are waited for only when the undo needs them.
        let size = match self.undo_size(self.unsettled()) {
            None if self.unsettled() > 0 => {
                self.settle_prefix();
                self.undo_size(0)
            }
            size => size,
        };
        let Some((actions, what)) = size else {
            self.app.message = Some("Nothing to undo".into());
            return Outcome::default();
        };
        self.record(Entry::Undo { actions }, now, true);
        self.undo_step(actions, now);
        self.app.message = Some(format!("Undone: {what} (Ctrl-r redoes it)"));
        Outcome {
            changed: true,
            effect: None,
        }
    }

    fn redo(&mut self, now: DateTime<Utc>) -> Outcome {
        if !self.history.can_redo() {
            self.app.message = Some("Nothing to redo".into());
            return Outcome::default();
        }
        self.record(Entry::Redo, now, true);
        self.redo_step(now);
        self.app.message = Some("Redone".into());
        Outcome {
            changed: true,
            effect: None,
        }
    }

    /// A key outside the history (undo or redo with nothing to do, the first
    /// O) ends the question a step asked, as any other key does: the end is
    /// journaled as a Cancel step, so that a replay ends it too.
    fn cancel_if_ended(&mut self, pending: Option<Action>, now: DateTime<Utc>) {
        let asked_by_a_step = pending.is_some_and(|p| p != Action::OverwriteMinutes);
        if asked_by_a_step && self.app.confirming != pending {
            self.record(
                Entry::Action {
                    action: Action::Cancel,
                },
                now,
                false,
            );
            let editing = self.editing();
            self.push(now, Step::Action(Action::Cancel), false, editing);
        }
    }

    /// Appends a record; a failure is kept to be shown, and scribe runs on.
    fn record(&mut self, entry: Entry<Action>, at: DateTime<Utc>, structural: bool) {
        self.start_journal();
        if let Some(journal) = &mut self.journal {
            let record = Record {
                at: Stamp::of(at),
                entry,
            };
            match journal.append(&record, structural) {
                Ok(()) => self.journal_error = None,
                Err(e) => {
                    self.journal_error = Some(format!(
                        "journal {}: {e} — changes are not safe from a crash",
                        journal.path().display()
                    ))
                }
            }
        }
    }

    fn show_journal_error(&mut self) {
        if let Some(e) = &self.journal_error {
            self.app.message = Some(e.clone());
        }
    }

    fn apply_action(&mut self, action: Action, at: DateTime<Utc>) -> Outcome {
        let editing = self.editing();
        let outcome = update(&mut self.app, action, at);
        self.push(at, Step::Action(action), outcome.changed, editing);
        outcome
    }

    /// True while the notes editor or a prompt is open: an action now is part of an edit.
    fn editing(&self) -> bool {
        self.app.editor.is_some() || self.app.prompt.is_some()
    }

    /// Adds an action just applied to the live state to the history, with its mark.
    fn push(&mut self, at: DateTime<Utc>, step: Step, changed: bool, editing: bool) {
        self.history.push(Stamp::of(at), step);
        self.marks.push(Mark { changed, editing });
        self.checkpoint_live();
    }

    /// Keeps the live state as a checkpoint when one is due.
    fn checkpoint_live(&mut self) {
        let done = self.marks.len();
        if done.is_multiple_of(CHECKPOINT_EVERY) {
            let app = self.app.clone();
            self.keep_checkpoint(done, app);
        }
    }

    /// Applies one step of the history to `app` (a replay), noting its mark and
    /// keeping a checkpoint when one is due.
    fn step(&mut self, app: &mut App, at: DateTime<Utc>, step: &Step) {
        let editing = app.editor.is_some() || app.prompt.is_some();
        let changed = step.apply_to(app, at).changed;
        self.marks.push(Mark { changed, editing });
        let done = self.marks.len();
        if done.is_multiple_of(CHECKPOINT_EVERY) {
            self.keep_checkpoint(done, app.clone());
        }
    }

    /// Keeps `app` as the state after `done` actions, and lets older checkpoints go
    /// (see the module doc).
    fn keep_checkpoint(&mut self, done: usize, mut app: App) {
        // What the status line said is not part of the state.
        app.message = None;
        self.checkpoints.push((done, app));
        // A snapshot's state stays while the checkpoints before it are not made.
        let pinned = self.unsettled();
        self.checkpoints
            .retain(|(at, _)| kept_at(*at, done) || *at == pinned);
    }

    /// How many of the last actions one undo takes back, and what it undoes: the
    /// last change, with the moves after it, and when it was typed in the editor
    /// (or a prompt) the whole edit from opening it.
    /// Only the marks from `known` on are looked at: `None` also when the undo
    /// would need one before.
    fn undo_size(&self, known: usize) -> Option<(usize, String)> {
        let (start, last_change) = self.undo_start(known)?;
        let applied = self.history.applied();
        let what = if self.marks[last_change].editing {
            "the last edit".to_string()
        } else {
            applied[last_change].1.describe().to_string()
        };
        Some((applied.len() - start, what))
    }

    /// Where the group one undo takes back starts, and its last change, from
    /// the marks from `known` on: `None` when there is no change among those,
    /// or the group starts before them.
    fn undo_start(&self, known: usize) -> Option<(usize, usize)> {
        let marks = &self.marks;
        let last_change = known + marks.get(known..)?.iter().rposition(|m| m.changed)?;
        let mut start = last_change;
        while start > 0 && marks[start].editing {
            if start == known {
                return None;
            }
            start -= 1;
        }
        Some((start, last_change))
    }

    fn undo_step(&mut self, actions: usize, now: DateTime<Utc>) {
        // Back past a snapshot's point, the replay before it is needed.
        if self.history.applied().len().saturating_sub(actions) < self.unsettled() {
            self.settle_prefix();
        }
        if !self.history.undo(actions) {
            return;
        }
        self.rebuild(now);
    }

    fn redo_step(&mut self, now: DateTime<Utc>) {
        if let Some(step) = self.history.redo() {
            let mut app = std::mem::replace(&mut self.app, self.base.clone());
            for (at, action) in step {
                self.step(&mut app, at.time(), &action);
            }
            self.app = app;
            self.app.now = now;
        }
    }

    /// The state made again from the last checkpoint still in the history (or the
    /// base) and the actions after it.
    fn rebuild(&mut self, now: DateTime<Utc>) {
        let done = self.history.applied().len();
        self.marks.truncate(done);
        self.checkpoints.retain(|(at, _)| *at <= done);
        let (from, mut app) = match self.checkpoints.last() {
            Some((at, app)) => (*at, app.clone()),
            None => (0, self.base.clone()),
        };
        for (at, step) in &self.history.applied()[from..] {
            let _ = step.apply_to(&mut app, at.time());
        }
        app.now = now;
        // The minutes must be written again even if the revision count came back
        // to a number already written.
        app.revision = self.app.revision + 1;
        self.app = app;
    }

    /// Whether [`Session::sync_if_due`] has anything to do: the journal's sync,
    /// or the replay of a resumed session's first actions.
    pub fn sync_due(&self) -> bool {
        self.prefix.is_some() || self.journal.as_ref().is_some_and(Journal::sync_due)
    }

    /// Syncs typing to disk when it has waited long enough, and makes a few
    /// milliseconds more of the undo history before a resumed snapshot (see
    /// `prefix`). Call when no key is waiting.
    pub fn sync_if_due(&mut self) {
        self.advance_prefix();
        self.sync_journal_if_due();
    }

    /// Whether a structural change waits for its sync to be asked for (see
    /// [`Journal::sync_urgent`]): ask with [`Session::sync_journal_if_due`] once
    /// the frame showing it is sent.
    pub fn sync_urgent(&self) -> bool {
        self.journal.as_ref().is_some_and(Journal::sync_urgent)
    }

    /// [`Session::sync_if_due`] for the journal alone.
    pub fn sync_journal_if_due(&mut self) {
        if let Some(journal) = &mut self.journal
            && let Err(e) = journal.sync_if_due()
        {
            self.journal_error = Some(format!("journal: {e}"));
        }
    }

    /// Makes the journal durable now, closing the session when `finished`: a
    /// finished session is not offered for resuming.
    pub fn close(&mut self, now: DateTime<Utc>, finished: bool) {
        if finished {
            self.record(Entry::Close, now, true);
        }
        if let Some(journal) = &mut self.journal {
            let _ = journal.sync();
        }
        // A session left open is snapshot as it is now (a finished one is not
        // resumed: its snapshot goes, once the thread has written its last).
        if !finished {
            self.snapshot_soon();
        }
        self.wait_for_snapshots();
        if finished && let Some(journal) = &self.journal {
            super::snapshot::remove(journal.path());
        }
    }

    /// A handle to make the journal durable from another thread, if there is one.
    pub fn journal_sync_handle(&self) -> Option<std::fs::File> {
        self.journal.as_ref().and_then(|j| j.sync_handle().ok())
    }

    /// The number of actions in effect (for messages and tests).
    pub fn actions(&self) -> usize {
        self.history.applied().len()
    }

    /// The history in effect, for tests comparing a replay with the live state.
    pub fn history(&self) -> &History<Step> {
        &self.history
    }
}

/// A journal record as [`history_from`] takes it in: a step, an undo of so
/// many actions, a redo, or nothing to the history (an Open or Close).
enum Taken {
    Step(Step),
    Undo(usize),
    Redo,
    Nothing,
}

// A record and what it is taken in as take the same room, so that the history
// is made in the records' own memory (see `history_from`).
const _: () = assert!(
    std::mem::size_of::<(Stamp, Taken)>() == std::mem::size_of::<Record<Action>>()
        && std::mem::align_of::<(Stamp, Taken)>() == std::mem::align_of::<Record<Action>>()
        && std::mem::size_of::<(Stamp, Step)>() == std::mem::size_of::<Record<Action>>()
        && std::mem::align_of::<(Stamp, Step)>() == std::mem::align_of::<Record<Action>>()
);

/// The history the journal `records` make (as the session lived it: each
/// action pushed, each undo and redo done), and when the last action, undo or
/// redo was. It is made in the records' own memory, each step in the room of a
/// record before it (the standard library's collecting in place, for
/// same-sized items): a long session's records and its history are never held
/// at once.
fn history_from(records: Vec<Record<Action>>) -> (History<Step>, Option<DateTime<Utc>>) {
    let mut last_at = None;
    // The format of the journal is its Open record's (the current one for
    // records without it); it comes before the actions it governs.
    let mut version = super::journal::VERSION;
    let mut taken: Vec<(Stamp, Taken)> = records
        .into_iter()
        .map(|record| {
            let taken = match record.entry {
                Entry::Action { action } => Taken::Step(replayed(action, version)),
                Entry::Paste(pasted) => Taken::Step(Step::Paste(pasted)),
                Entry::Note(note) => Taken::Step(Step::Note(note)),
                Entry::Undo { actions } => Taken::Undo(actions),
                Entry::Redo => Taken::Redo,
                Entry::Open(opening) => {
                    version = opening.version;
                    return (record.at, Taken::Nothing);
                }
                Entry::Close => return (record.at, Taken::Nothing),
            };
            last_at = Some(record.at.time());
            (record.at, taken)
        })
        .collect();
    // The steps in effect are gathered at the front, `applied` of them: an
    // undo takes the last ones out (to be redone), a redo puts them back. Each
    // record yields at most one step, so the front never reaches a record not
    // yet looked at.
    let mut applied = 0usize;
    let mut undone: Vec<Vec<(Stamp, Step)>> = Vec::new();
    for i in 0..taken.len() {
        let at = taken[i].0;
        match std::mem::replace(&mut taken[i].1, Taken::Nothing) {
            Taken::Step(step) => {
                taken[applied] = (at, Taken::Step(step));
                applied += 1;
                undone.clear();
            }
            Taken::Undo(actions) if actions > 0 && actions <= applied => {
                let group = taken[applied - actions..applied]
                    .iter_mut()
                    .filter_map(|(at, t)| match std::mem::replace(t, Taken::Nothing) {
                        Taken::Step(step) => Some((*at, step)),
                        _ => None,
                    })
                    .collect();
                applied -= actions;
                undone.push(group);
            }
            Taken::Redo => {
                for (at, step) in undone.pop().unwrap_or_default() {
                    taken[applied] = (at, Taken::Step(step));
                    applied += 1;
                }
            }
            Taken::Undo(_) | Taken::Nothing => {}
        }
    }
    taken.truncate(applied);
    let applied: Vec<(Stamp, Step)> = taken
        .into_iter()
        .filter_map(|(at, t)| match t {
            Taken::Step(step) => Some((at, step)),
            _ => None,
        })
        .collect();
    (History::from_parts(applied, undone), last_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_made_in_place_is_the_one_pushing_undoing_and_redoing_makes() {
        let at = |i: usize| -> DateTime<Utc> {
            "2024-05-15T17:00:00Z".parse::<DateTime<Utc>>().unwrap()
                + chrono::Duration::seconds(i as i64)
        };
        let action = |i: usize| Entry::Action {
            action: if i.is_multiple_of(2) {
                Action::Down
            } else {
                Action::Up
            },
        };
        // Runs of actions, undos of every size (none, too many), redos with and
        // without something undone, Open and Close among them.
        let mut seed = 0x5eed_u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..200 {
            let mut records = Vec::new();
            for i in 0..next(60) as usize {
                let entry = match next(10) {
                    0..=4 => action(i),
                    5 | 6 => Entry::Undo {
                        actions: next(6) as usize,
                    },
                    7 | 8 => Entry::Redo,
                    _ if i.is_multiple_of(2) => Entry::Close,
                    _ => Entry::open("m.yaml".into(), "m.md".into(), 0),
                };
                records.push(Record {
                    at: at(i).into(),
                    entry,
                });
            }
            let mut expected = History::default();
            let mut last = None;
            for record in &records {
                match &record.entry {
                    Entry::Action { action } => expected.push(record.at, Step::Action(*action)),
                    Entry::Undo { actions } => {
                        expected.undo(*actions);
                    }
                    Entry::Redo => {
                        expected.redo();
                    }
                    _ => continue,
                }
                last = Some(record.at.time());
            }
            let (mut history, last_at) = history_from(records.clone());
            assert_eq!(last_at, last, "{records:?}");
            assert_eq!(history.applied(), expected.applied(), "{records:?}");
            // What is left to redo, redone in turn.
            while let Some(redone) = expected.redo() {
                assert_eq!(history.redo(), Some(redone), "{records:?}");
            }
            assert_eq!(history.redo(), None, "{records:?}");
        }
    }

    #[test]
    fn resuming_at_once_gives_the_state_lived_step_by_step() {
        let mut undos = 0;
        for scale in [1, 10] {
            let records = crate::workload::journal(scale);
            undos += records
                .iter()
                .filter(|r| matches!(r.entry, Entry::Undo { .. }))
                .count();
            let base = crate::workload::live_app(crate::workload::meeting(scale));
            let lived = Session::resume_step_by_step(base.clone(), &records);
            let resumed = Session::resume(base, &records, None);
            let (a, b) = (&resumed.app, &lived.app);
            assert_eq!(a.meeting, b.meeting);
            assert_eq!(
                (a.focus, &a.agenda_cursor, &a.collapsed, a.roster_cursor),
                (b.focus, &b.agenda_cursor, &b.collapsed, b.roster_cursor)
            );
            assert_eq!(
                (&a.current, &a.prompt, a.help, a.now),
                (&b.current, &b.prompt, b.help, b.now)
            );
            assert_eq!(
                a.editor
                    .as_ref()
                    .map(|e| (e.path.clone(), e.textarea.lines().to_vec())),
                b.editor
                    .as_ref()
                    .map(|e| (e.path.clone(), e.textarea.lines().to_vec()))
            );
            assert_eq!(resumed.history.applied(), lived.history.applied());
            assert_eq!(resumed.history.can_redo(), lived.history.can_redo());
        }
        assert!(undos > 0, "the journals undo something");
    }
    #[test]
    fn undo_from_a_checkpoint_gives_the_state_replayed_from_the_base() {
        let records = crate::workload::journal(3);
        let base = crate::workload::live_app(crate::workload::meeting(3));
        let mut session = Session::resume(base.clone(), &records, None);
        assert!(
            session.actions() > 2 * CHECKPOINT_EVERY,
            "checkpoints are used"
        );
        // The marks kept while replaying are the ones a replay from the base gives.
        let mut app = base.clone();
        let marks: Vec<(bool, bool)> = session
            .history()
            .applied()
            .iter()
            .map(|(at, step)| {
                let editing = app.editor.is_some() || app.prompt.is_some();
                (step.apply_to(&mut app, at.time()).changed, editing)
            })
            .collect();
        let kept: Vec<(bool, bool)> = session
            .marks
            .iter()
            .map(|m| (m.changed, m.editing))
            .collect();
        assert_eq!(kept, marks);
        let mut now = session.app.now;
        for _ in 0..40 {
            now += Duration::seconds(1);
            let _ = session.apply(Action::Undo, now);
            let replayed = session.history().rebuild(base.clone());
            assert_eq!(session.app.meeting, replayed.meeting);
            assert_eq!(
                (
                    &session.app.agenda_cursor,
                    session.app.focus,
                    &session.app.current
                ),
                (&replayed.agenda_cursor, replayed.focus, &replayed.current)
            );
            assert_eq!(
                session
                    .app
                    .editor
                    .as_ref()
                    .map(|e| e.textarea.lines().to_vec()),
                replayed
                    .editor
                    .as_ref()
                    .map(|e| e.textarea.lines().to_vec())
            );
        }
        // Redo brings the last undone step back, onto the same state as lived.
        let _ = session.apply(Action::Redo, now);
        let replayed = session.history().rebuild(base.clone());
        assert_eq!(session.app.meeting, replayed.meeting);
        assert_eq!(session.marks.len(), session.actions());
    }

    use crate::app::Key;
    use crate::model::{Attendance, Item, Meeting, Note, Person};
    use crate::services::journal::read;
    use chrono::Duration;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2024-05-15T17:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn base() -> App {
        let mut m = Meeting::new("Minutes", t0());
        m.agenda = vec![Item::new("Welcome"), Item::new("Operating changes")].into();
        m.roster = vec![Person {
            handle: "tux".into(),
            name: None,
            attendance: Attendance::Expected,
        }]
        .into();
        App::new(m, t0())
    }

    /// Applies actions one second apart; returns the effects left to the caller.
    fn play(session: &mut Session, actions: &[Action]) -> Vec<Effect> {
        let mut effects = Vec::new();
        for action in actions {
            let now = session.app.now + Duration::seconds(1);
            effects.extend(session.apply(*action, now).effect);
        }
        effects
    }

    fn typed(text: &str) -> Vec<Action> {
        text.chars().map(|c| Action::Type(Key::char(c))).collect()
    }

    #[test]
    fn choosing_our_minutes_over_a_changed_file_asks_the_writer_and_changes_nothing() {
        let mut session = Session::new(base(), None);
        play(&mut session, &[Action::ToggleCheck]);
        let meeting = session.app.meeting.clone();
        // Someone else's edit is lost only when O is pressed twice.
        let effects = play(&mut session, &[Action::OverwriteMinutes]);
        assert!(effects.is_empty(), "{effects:?}");
        let effects = play(&mut session, &[Action::OverwriteMinutes]);
        assert!(effects.contains(&Effect::OverwriteMinutes));
        assert_eq!(session.app.meeting, meeting);
        // Not an undoable change: undo takes back the check.
        assert_eq!(session.history().applied().len(), 1);
        play(&mut session, &[Action::Undo]);
        assert_eq!(session.app.meeting.agenda[0].checked, None);
    }

    #[test]
    fn pasted_notes_keep_their_own_structure() {
        let mut session = Session::new(base(), None);
        let now = session.app.now;
        assert!(!session.paste("ignored outside the editor", now));
        let _ = session.apply(Action::EditNotes, now);
        // The editor starts with "- "; the paste goes after it.
        assert!(session.paste("first\r\n  - nested\n- [x] done\u{1b}[31m", now));
        let _ = session.apply(Action::NewLine, now);
        // A paste of list lines onto the new empty bullet replaces the bullet.
        assert!(session.paste("- pasted\n  - too", now));
        let lines = session
            .app
            .editor
            .as_ref()
            .unwrap()
            .textarea
            .lines()
            .to_vec();
        assert_eq!(lines[3..], ["- pasted", "  - too"]);
        let notes = &session.app.meeting.agenda[0].notes;
        assert_eq!(notes[0].text, "first");
        assert_eq!(notes[0].notes, [Note::new("nested")]);
        assert_eq!(notes[1].checked, Some(true));
        // The escape character is dropped; what follows it is plain text.
        assert_eq!(notes[1].text, "done[31m");
    }

    #[test]
    fn undo_takes_back_a_whole_notes_edit_and_redo_brings_it_back() {
        let mut session = Session::new(base(), None);
        play(&mut session, &[Action::ToggleCheck, Action::EditNotes]);
        play(&mut session, &typed("hello"));
        play(&mut session, &[Action::LeaveEditor, Action::Down]);
        let edited = session.app.meeting.clone();
        assert_eq!(edited.agenda[0].notes, [Note::new("hello")]);

        play(&mut session, &[Action::Undo]);
        assert!(session.app.meeting.agenda[0].notes.is_empty());
        assert_eq!(session.app.meeting.agenda[0].checked, Some(true));
        assert_eq!(session.app.agenda_cursor, [0], "back where the edit was");
        play(&mut session, &[Action::Undo]);
        assert_eq!(session.app.meeting.agenda[0].checked, None);
        play(&mut session, &[Action::Undo]);
        assert_eq!(session.app.message.as_deref(), Some("Nothing to undo"));

        play(&mut session, &[Action::Redo, Action::Redo]);
        assert_eq!(session.app.meeting, edited);
        play(&mut session, &[Action::Redo]);
        assert_eq!(session.app.message.as_deref(), Some("Nothing to redo"));
    }

    /// Actions asked twice (delete, end) come back with one redo, and the live
    /// state is what the journal replays to.
    #[test]
    fn undo_then_redo_of_an_action_asked_twice_does_it_again() {
        let confirmed = [
            [Action::Down, Action::DeleteItem, Action::DeleteItem],
            [Action::Down, Action::EndMeeting, Action::EndMeeting],
        ];
        for actions in confirmed {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("j.jsonl");
            let mut session = Session::new(base(), Some(Journal::open(&path).unwrap()));
            play(&mut session, &actions);
            let done = session.app.meeting.clone();
            assert_ne!(done, base().meeting, "{actions:?} did something");
            play(&mut session, &[Action::Undo]);
            assert_eq!(session.app.meeting, base().meeting, "{actions:?} undone");
            play(&mut session, &[Action::Redo]);
            assert_eq!(session.app.meeting, done, "{actions:?} redone");
            assert_eq!(session.app.message.as_deref(), Some("Redone"));
            let records = read::<Action>(&path).unwrap().last_session;
            let resumed = Session::resume(base(), &records, None);
            assert_eq!(resumed.app.meeting, session.app.meeting, "{actions:?}");
        }
    }

    /// Keys that are not in the history (undo or redo with nothing to take
    /// back, "ours over theirs") leave a resumed session where the live one
    /// was: a crash never turns a question into a deletion.
    #[test]
    fn keys_outside_the_history_leave_the_replay_where_the_live_state_is() {
        for between in [Action::Undo, Action::Redo, Action::OverwriteMinutes] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("j.jsonl");
            let mut session = Session::new(base(), Some(Journal::open(&path).unwrap()));
            play(
                &mut session,
                &[Action::DeleteItem, between, Action::DeleteItem],
            );
            // The key between ended the question: the second D asks again.
            assert_eq!(session.app.meeting, base().meeting, "{between:?}");
            assert_eq!(session.app.confirming, Some(Action::DeleteItem));
            let records = read::<Action>(&path).unwrap().last_session;
            let resumed = Session::resume(base(), &records, None);
            assert_eq!(resumed.app.meeting, session.app.meeting, "{between:?}");
            assert_eq!(
                resumed.app.confirming, session.app.confirming,
                "{between:?}"
            );
        }
    }

    /// The editor's lines, cursor and the meeting: all a paste can change.
    fn editor_state(session: &Session) -> (Vec<String>, (usize, usize), Meeting) {
        let editor = session.app.editor.as_ref().unwrap();
        let ratatui_textarea::DataCursor(row, col) = editor.textarea.cursor();
        (
            editor.textarea.lines().to_vec(),
            (row, col),
            session.app.meeting.clone(),
        )
    }

    #[test]
    fn a_paste_is_one_step_that_types_exactly_what_its_keys_would() {
        let mut texts: Vec<String> = [
            "plain",
            "a\nb\r\nc\rd",
            "- x\n  - y\n\tz",
            "  lead\n\n- \u{1b}[31m red",
            "-dash\n x\n",
            "* star\n日本\n語 ",
            "\n\n",
        ]
        .map(String::from)
        .to_vec();
        // And a few hundred more from an alphabet of what matters here.
        let alphabet: Vec<char> = "a b-\t\n\r*@x[]".chars().collect();
        let mut seed: u64 = 7;
        for _ in 0..300 {
            let len = (seed % 12) as usize;
            let text = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            texts.push(text);
        }
        let mut starts: Vec<Vec<Action>> = vec![
            vec![Action::EditNotes],
            vec![Action::EditNotes, Action::NewLine],
            [
                vec![Action::EditNotes],
                typed("ab"),
                vec![Action::MoveCursor(0, 3)],
            ]
            .concat(),
            [
                vec![Action::EditNotes],
                typed("x"),
                vec![Action::NewLine, Action::Indent],
            ]
            .concat(),
        ];
        starts.push(vec![
            Action::EditNotes,
            Action::Type(Key::plain(crate::app::KeyCode::Backspace)),
        ]);
        for start in &starts {
            for text in &texts {
                let mut pasted = Session::new(base(), None);
                play(&mut pasted, start);
                let mut keyed = Session::new(base(), None);
                play(&mut keyed, start);
                let now = pasted.app.now + Duration::seconds(1);
                let typed_anything = pasted.paste(text, now);
                for key in keyed.app.paste_keys(text) {
                    let _ = keyed.apply(Action::Type(key), now);
                }
                assert_eq!(
                    editor_state(&pasted),
                    editor_state(&keyed),
                    "{start:?} then {text:?}"
                );
                assert_eq!(typed_anything, !keyed.app.paste_keys(text).is_empty());
            }
        }
    }

    #[test]
    fn a_paste_is_one_journal_record_and_replays_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut session = Session::new(base(), Some(Journal::open(&path).unwrap()));
        play(&mut session, &[Action::EditNotes]);
        let now = session.app.now + Duration::seconds(1);
        assert!(session.paste("first\n  - nested\nthird", now));
        play(&mut session, &typed("!"));
        let records = read::<Action>(&path).unwrap().last_session;
        assert_eq!(
            records
                .iter()
                .filter(|r| matches!(r.entry, Entry::Paste { .. }))
                .count(),
            1
        );
        assert_eq!(records.len(), 3, "{records:?}");
        let resumed = Session::resume(base(), &records, None);
        assert_eq!(editor_state(&resumed), editor_state(&session));
        // One undo takes the whole edit back, paste and all.
        play(&mut session, &[Action::LeaveEditor, Action::Undo]);
        assert!(session.app.meeting.agenda[0].notes.is_empty());
    }

    #[test]
    fn a_note_added_by_scribe_is_one_journal_record_with_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut session = Session::new(base(), Some(Journal::open(&path).unwrap()));
        // The secretary moves on while the ticket is being opened.
        play(&mut session, &[Action::Down, Action::ToggleCheck]);
        let now = session.app.now + Duration::seconds(1);
        let link = "Ticket: [#7](https://github.com/o/r/issues/7)";
        assert!(session.add_note(&[0], link, now).changed);
        assert_eq!(session.app.meeting.agenda[0].notes, [Note::new(link)]);
        // Not twice, and not on an item that is not there.
        assert!(!session.add_note(&[0], link, now).changed);
        assert!(!session.add_note(&[9], link, now).changed);
        let records = read::<Action>(&path).unwrap().last_session;
        let line = serde_json::to_string(records.last().unwrap()).unwrap();
        assert!(
            line.contains(r#""kind":"note","path":[0],"text":"Ticket: [#7]"#),
            "{line}"
        );
        // Killed here: the replay gives the same minutes, asking nobody.
        let resumed = Session::resume(base(), &records, None);
        assert_eq!(resumed.app.meeting, session.app.meeting);
        assert_eq!(
            Session::resume_step_by_step(base(), &records).app.meeting,
            session.app.meeting
        );
        // One undo takes the link back, and only the link.
        play(&mut session, &[Action::Undo]);
        assert!(session.app.meeting.agenda[0].notes.is_empty());
        assert_eq!(session.app.meeting.agenda[1].checked, Some(true));
    }

    #[test]
    fn clicks_in_a_view_by_age_replay_onto_the_same_items() {
        // The folder: "Old" open in two earlier minutes, "New" only here.
        let dir = tempfile::tempdir().unwrap();
        let file = |date: &str, items: &str| {
            format!("---\nmeeting_time: {date} 17:00 UTC\n---\n## Agenda\n{items}")
        };
        for date in ["2024-04-10", "2024-04-24"] {
            let text = file(date, "- [ ] Old\n");
            std::fs::write(dir.path().join(format!("m-{date}.md")), text).unwrap();
        }
        let live = dir.path().join("m-2024-05-15.md");
        let text = file("2024-05-15", "- [ ] New\n- [ ] Old\n");
        let mut app = App::new(
            crate::markdown::Document::parse(&live, text.as_bytes())
                .unwrap()
                .meeting(),
            t0(),
        );
        app.ages = crate::history::ages_of(&live, text.as_bytes());
        app.carried_threshold = 3;
        let journal = dir.path().join("j.jsonl");
        let mut session = Session::new(app.clone(), Some(Journal::open(&journal).unwrap()));
        // Oldest first: row 0 is "Old", the second item of the document.
        play(
            &mut session,
            &[
                Action::CycleAgendaView,
                Action::CycleAgendaView,
                Action::PickAgendaRow(0),
                Action::ToggleCheck,
            ],
        );
        assert_eq!(session.app.meeting.agenda[0].items[1].checked, Some(true));
        assert_eq!(session.app.meeting.agenda[0].items[0].checked, Some(false));
        let records = read::<Action>(&journal).unwrap().last_session;
        let resumed = Session::resume(app, &records, None);
        assert_eq!(resumed.app.meeting, session.app.meeting);
        assert_eq!(resumed.app.agenda_view, crate::app::AgendaView::Oldest);
    }

    #[test]
    fn text_lands_where_it_was_typed_on_a_line_over_65535_characters() {
        let mut session = Session::new(base(), None);
        play(&mut session, &[Action::EditNotes]);
        let long = "x".repeat(70_000);
        session.paste(&long, session.app.now);
        // The cursor moved to column 69,990 (as the journal keeps it) and a key typed.
        play(&mut session, &[Action::MoveCursor(0, 69_990)]);
        play(&mut session, &typed("Y"));
        let line = &editor_state(&session).0[0];
        assert_eq!(line.find('Y'), Some(69_990), "{}", &line[..10]);
        // A journal line written with such a column reads back the same.
        let record: Record<Action> = serde_json::from_str(
            r#"{"at":"2024-05-15T17:00:01Z","kind":"action","action":{"move-cursor":[0,69990]}}"#,
        )
        .unwrap();
        assert_eq!(
            record.entry,
            Entry::Action {
                action: Action::MoveCursor(0, 69_990)
            }
        );
    }

    #[test]
    fn in_the_editor_u_is_typed() {
        let mut session = Session::new(base(), None);
        play(&mut session, &[Action::EditNotes, Action::Undo]);
        play(&mut session, &typed("u"));
        play(&mut session, &[Action::LeaveEditor]);
        assert_eq!(session.app.meeting.agenda[0].notes, [Note::new("u")]);
    }

    #[test]
    fn a_journal_replayed_gives_the_live_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let journal = Journal::open(&path).unwrap();
        let mut session = Session::new(base(), Some(journal));
        play(&mut session, &[Action::DiscussNow, Action::EditNotes]);
        play(&mut session, &typed("@tux to follow up"));
        play(
            &mut session,
            &[
                Action::LeaveEditor,
                Action::ToggleCheck,
                Action::Undo,
                Action::Redo,
                Action::FocusRoster,
                Action::ArrivedLate,
                Action::Undo,
                Action::Present,
            ],
        );
        // Killed here: no Close record.
        let contents = read::<Action>(&path).unwrap();
        assert!(contents.unfinished);
        let resumed = Session::resume(base(), &contents.last_session, None);
        assert_eq!(resumed.app.meeting, session.app.meeting);
        assert_eq!(resumed.app.current, session.app.current);
        assert_eq!(resumed.app.agenda_cursor, session.app.agenda_cursor);
        assert_eq!(resumed.app.roster_cursor, session.app.roster_cursor);
        assert_eq!(resumed.app.focus, session.app.focus);
        assert_eq!(resumed.history().applied(), session.history().applied());
        assert_eq!(
            session.app.meeting.roster[0].attendance,
            Attendance::Present
        );
    }

    /// A clock past the last time a journal's stamp spans (in 2262) is taken
    /// as that time, live as on replay: the meeting resumed is the one lived,
    /// the item under discussion and the time spent on items included.
    #[test]
    fn a_clock_past_what_the_journal_spans_replays_as_it_was_lived() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let journal = Journal::open(&path).unwrap();
        let time = |text| {
            DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc)
        };
        // A meeting running at that moment: the actions come a second apart,
        // the last two past it.
        let mut far = base();
        far.meeting.meeting_time = time("2262-04-11T23:30:00Z");
        far.now = time("2262-04-11T23:47:14Z");
        let mut session = Session::new(far.clone(), Some(journal));
        play(
            &mut session,
            &[
                Action::DiscussNow,
                Action::Down,
                Action::DiscussNow,
                Action::Up,
            ],
        );
        let last = time("2262-04-11T23:47:16.854775807Z");
        assert_eq!(Stamp::of(time("2262-04-11T23:47:17Z")).time(), last);
        assert_eq!(session.app.current.as_ref().map(|d| d.since), Some(last));
        let contents = read::<Action>(&path).unwrap();
        let resumed = Session::resume(far, &contents.last_session, None);
        assert_eq!(resumed.app.meeting, session.app.meeting);
        assert_eq!(resumed.app.current, session.app.current);
    }

    /// A journal as a scribe before format 1 wrote it (no `version` in its open
    /// record; `E` ended the meeting at once), then the same with this
    /// format's version.
    const OLD_JOURNAL: &str = r#"{"at":"2024-05-15T17:00:00Z","kind":"open","input":"m.md","output":"m.md"}
{"at":"2024-05-15T17:00:05Z","kind":"action","action":"start-meeting"}
{"at":"2024-05-15T17:40:00Z","kind":"action","action":"toggle-check"}
{"at":"2024-05-15T18:02:00Z","kind":"action","action":"end-meeting"}
{"at":"2024-05-15T18:02:30Z","kind":"action","action":"down"}
"#;

    #[test]
    fn an_old_journal_replays_a_single_end_as_the_end_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.jsonl");
        std::fs::write(&path, OLD_JOURNAL).unwrap();
        let contents = read::<Action>(&path).unwrap();
        assert!(contents.warnings.is_empty(), "{:?}", contents.warnings);
        let resumed = Session::resume(base(), &contents.last_session, None);
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(
            resumed.app.meeting.actual.start,
            Some(at("2024-05-15T17:00:05Z"))
        );
        assert_eq!(
            resumed.app.meeting.actual.end,
            Some(at("2024-05-15T18:02:00Z"))
        );
        assert_eq!(resumed.app.meeting.agenda[0].checked, Some(true));
        assert_eq!(resumed.app.confirming, None);
        // Undo takes the end back as the one step it was.
        let mut resumed = resumed;
        resumed.apply(Action::Undo, at("2024-05-15T18:03:00Z"));
        assert_eq!(resumed.app.meeting.actual.end, None);
        assert_eq!(resumed.app.meeting.agenda[0].checked, Some(true));

        // The same records in this format: one E only asks.
        let current = OLD_JOURNAL.replacen(
            r#""output":"m.md"}"#,
            &format!(
                r#""output":"m.md","version":{}}}"#,
                super::super::journal::VERSION
            ),
            1,
        );
        std::fs::write(&path, current).unwrap();
        let contents = read::<Action>(&path).unwrap();
        let resumed = Session::resume(base(), &contents.last_session, None);
        assert_eq!(resumed.app.meeting.actual.end, None);
    }

    #[test]
    fn a_journal_written_now_says_its_format() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let mut journal = Journal::open(&path).unwrap();
        let open = Record::<Action> {
            at: t0().into(),
            entry: Entry::open("m.md".into(), "m.md".into(), super::super::journal::VERSION),
        };
        journal.append(&open, true).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(r#""version":1"#), "{text}");
        assert_eq!(read::<Action>(&path).unwrap().last_session, vec![open]);
    }

    #[test]
    fn a_journal_that_cannot_be_written_is_said_and_scribe_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let journal = Journal::open(&path).unwrap();
        let mut session = Session::new(base(), Some(journal));
        // The journal's file is swapped for a full device.
        let Ok(full) = Journal::open(Path::new("/dev/full")) else {
            return;
        };
        session.journal = Some(full);
        play(&mut session, &[Action::ToggleCheck]);
        assert_eq!(session.app.meeting.agenda[0].checked, Some(true));
        let message = session.app.message.clone().unwrap_or_default();
        assert!(message.contains("not safe from a crash"), "{message}");
    }

    fn starting_in(dir: &Path) -> (Session, Record<Action>) {
        let open = Record::<Action> {
            at: t0().into(),
            entry: Entry::open(
                "m.yaml".into(),
                "m.md".into(),
                super::super::journal::VERSION,
            ),
        };
        let start = JournalStart {
            base: dir.join("journal/m.base"),
            bytes: b"title: T\n".to_vec(),
            journal: dir.join("journal/m.jsonl"),
            open: open.clone(),
        };
        (Session::starting(base(), start), open)
    }

    #[test]
    fn a_new_sessions_journal_is_made_when_started_with_its_base_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let (mut session, open) = starting_in(dir.path());
        // Nothing is written before the first frame.
        assert!(!dir.path().join("journal").exists());
        assert!(!session.start_journal(), "no warning to show");
        assert_eq!(
            std::fs::read(dir.path().join("journal/m.base")).unwrap(),
            b"title: T\n"
        );
        let journal = dir.path().join("journal/m.jsonl");
        assert_eq!(
            read::<Action>(&journal).unwrap().last_session,
            vec![open.clone()]
        );
        // Made once: starting again adds nothing.
        assert!(!session.start_journal());
        play(&mut session, &[Action::ToggleCheck]);
        let records = read::<Action>(&journal).unwrap().last_session;
        assert_eq!(records.len(), 2, "{records:?}");
        assert_eq!(records[0], open);
    }

    #[test]
    fn a_key_before_the_journal_was_started_starts_it_first() {
        let dir = tempfile::tempdir().unwrap();
        let (mut session, open) = starting_in(dir.path());
        play(&mut session, &[Action::ToggleCheck]);
        // The base is on disk and the journal opens with the session's record,
        // then the key: a crash now resumes it.
        assert!(dir.path().join("journal/m.base").exists());
        let records = read::<Action>(&dir.path().join("journal/m.jsonl"))
            .unwrap()
            .last_session;
        assert_eq!(records.len(), 2, "{records:?}");
        assert_eq!(records[0], open);
        assert!(matches!(
            records[1].entry,
            Entry::Action {
                action: Action::ToggleCheck
            }
        ));
    }

    #[test]
    fn a_journal_that_cannot_be_made_is_said_and_scribe_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the journal's folder should be.
        std::fs::write(dir.path().join("journal"), "").unwrap();
        let (mut session, _) = starting_in(dir.path());
        // The message already shown stays, the warning after it.
        session.app.message = Some("The demo meeting: its minutes go to demo.md".into());
        assert!(session.start_journal(), "a warning to show");
        let message = session.app.message.clone().unwrap_or_default();
        assert!(
            message.starts_with("The demo meeting: its minutes go to demo.md · no journal (")
                && message.contains("a crash would lose"),
            "{message}"
        );
        play(&mut session, &[Action::ToggleCheck]);
        assert_eq!(session.app.meeting.agenda[0].checked, Some(true));
    }

    use std::path::Path;
}
