//! The live side of the benchmark workloads: the journal of a meeting taken live,
//! and the session the event loop starts on it.
//!
//! [`journal`] is the history of [`meeting`]`(scale)` taken live: 500 actions per
//! unit of scale (50,000 at scale 100), mostly typing, with the walk through the
//! agenda, checking, attendance and the odd undo in between, as a secretary
//! produces them. The meetings themselves are made in `scribe_core::workload`.

use chrono::{DateTime, Duration, Utc};

pub use scribe_core::workload::{Sequence, markdown_agenda, meeting, size};

use crate::app::{Action, Key, KeyCode};
use crate::model::Meeting;
use crate::services::journal::{Entry, Record};

/// Actions in the journal per unit of scale (50,000 at scale 100).
pub const ACTIONS_PER_SCALE: usize = 500;

/// What a secretary types into notes: short sentences, often starting with a handle.
const SENTENCES: [&str; 6] = [
    "discussed the draft, agreed to circulate it before the next meeting",
    "will follow up with the CVE folks next week",
    "vote: unanimous in favor",
    "no objections, moving on",
    "asked for reviewers on the PAUSE policy change",
    "SBOM metadata proposal needs one more pass",
];

/// The journal of a live session on [`meeting`]`(scale)`: an `Open` record, then
/// `500 × scale` actions (and a few undo/redo records) in the order and at the
/// pace a secretary produces them, ending without `Close` (the session to resume
/// after a crash, the longest replay). Every action is one the running meeting
/// accepts at that point: typing happens in an open editor, attendance in the
/// roster.
///
/// The mix, as in the reference meetings taken live: the roster is marked at the
/// start; then item after item the secretary moves to it, starts its discussion,
/// opens its notes, types a few lines (about 90 % of all actions are keys typed into
/// the notes, with new lines, indents and corrections), leaves the editor and
/// checks the item; latecomers and early leavers are marked in between.
pub fn journal(scale: usize) -> Vec<Record<Action>> {
    let scale = scale.max(1);
    let meeting = meeting(scale);
    let budget = ACTIONS_PER_SCALE * scale;
    let mut seq = Sequence(0x10a5_be11 ^ scale as u64);
    let mut out = JournalBuilder {
        records: Vec::with_capacity(budget + budget / 100 + 2),
        now: meeting.meeting_time + Duration::minutes(30),
        actions: 0,
    };
    out.records.push(Record {
        at: out.now.into(),
        entry: Entry::open(
            format!("meeting-{scale}.yaml").into(),
            format!("meeting-{scale}-minutes.md").into(),
            crate::services::journal::VERSION,
        ),
    });
    let people = meeting.roster.len();

    // The roster is marked as people come in.
    out.act(Action::StartMeeting, 1000);
    out.act(Action::FocusRoster, 500);
    for i in 0..people.min(budget / 20) {
        // One in eight arrives late, one in eight sent regrets.
        out.act(
            match i % 8 {
                1 => Action::ArrivedLate,
                5 => Action::Regrets,
                _ => Action::Present,
            },
            400,
        );
        out.act(Action::Down, 300);
    }
    out.act(Action::FocusAgenda, 500);

    while out.actions < budget {
        // The next item: one to five steps down (items not discussed are skipped),
        // so that the session walks the whole agenda about once.
        for _ in 0..1 + seq.next(5) {
            out.act(Action::Down, 250);
        }
        out.act(Action::DiscussNow, 500);
        out.act(Action::EditNotes, 400);
        // A few note lines, typed at 5 to 8 keys a second.
        // The editor opens at the end of the last note: each line starts with Enter.
        for _ in 0..2 + seq.next(5) {
            out.act(Action::NewLine, 200);
            match seq.next(4) {
                0 => out.act(Action::Indent, 150),
                1 => out.act(Action::Outdent, 150),
                _ => {}
            }
            let mut text = String::new();
            if seq.next(2) == 0 {
                text.push_str(&format!("@person{} ", seq.next(people)));
            }
            text.push_str(SENTENCES[seq.next(SENTENCES.len())]);
            for c in text.chars() {
                out.act(Action::Type(Key::char(c)), 120 + seq.next(80) as i64);
                // A typo now and then, corrected at once.
                if seq.next(40) == 0 {
                    out.act(Action::Type(Key::char('x')), 130);
                    out.act(Action::Type(Key::plain(KeyCode::Backspace)), 250);
                }
            }
        }
        out.act(Action::LeaveEditor, 600);
        if seq.next(4) != 0 {
            out.act(Action::ToggleCheck, 800);
            // Checked by mistake now and then: undone, and sometimes redone.
            if seq.next(20) == 0 {
                out.undo(seq.next(3) == 0);
            }
        }
        // Someone arrives late or leaves early.
        if seq.next(15) == 0 {
            out.act(Action::FocusRoster, 500);
            for _ in 0..seq.next(5) {
                out.act(Action::Down, 250);
            }
            out.act(
                if seq.next(2) == 0 {
                    Action::ArrivedLate
                } else {
                    Action::LeftEarly
                },
                500,
            );
            out.act(Action::FocusAgenda, 500);
        }
    }
    out.records
}

/// Appends journal records at a secretary's pace.
struct JournalBuilder {
    records: Vec<Record<Action>>,
    now: DateTime<Utc>,
    actions: usize,
}

impl JournalBuilder {
    /// Records `action`, done `millis` after the previous record.
    fn act(&mut self, action: Action, millis: i64) {
        self.now += Duration::milliseconds(millis);
        self.actions += 1;
        self.records.push(Record {
            at: self.now.into(),
            entry: Entry::Action { action },
        });
    }

    /// Records the undo of the last action, followed by a redo when `redo`.
    fn undo(&mut self, redo: bool) {
        self.now += Duration::milliseconds(700);
        self.records.push(Record {
            at: self.now.into(),
            entry: Entry::Undo { actions: 1 },
        });
        if redo {
            self.now += Duration::milliseconds(900);
            self.records.push(Record {
                at: self.now.into(),
                entry: Entry::Redo,
            });
        }
    }
}

/// The live session on `meeting` as the event loop starts it: agenda focused, at
/// the meeting's time.
pub fn live_app(meeting: Meeting) -> crate::app::App {
    let now = meeting.meeting_time;
    crate::app::App::new(meeting, now)
}

/// What the benchmarks draw with: default keys, UTC, no colours.
pub fn live_view() -> crate::tui::view::View {
    use crate::tui::view::{SaveStatus, View, Zone};
    View {
        output: "minutes.md".into(),
        keymap: crate::keymap::Keymap::default_map(),
        zone: Zone::Utc,
        theme: crate::theme::Theme::no_color(),
        save: SaveStatus::default(),
        panel: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendance, Meeting};

    #[test]
    fn the_journal_at_scale_100_has_50000_actions_mostly_typing() {
        let records = journal(100);
        assert!(matches!(records[0].entry, Entry::Open { .. }));
        let actions: Vec<Action> = records
            .iter()
            .filter_map(|r| match r.entry {
                Entry::Action { action } => Some(action),
                _ => None,
            })
            .collect();
        // The last item's notes are finished: a few actions past the budget at most.
        assert!(
            (50_000..50_400).contains(&actions.len()),
            "{}",
            actions.len()
        );
        let typed = actions
            .iter()
            .filter(|a| matches!(a, Action::Type(_)))
            .count();
        assert!(
            typed * 10 > actions.len() * 8,
            "{typed} of {}",
            actions.len()
        );
        assert!(records.windows(2).all(|w| w[0].at < w[1].at));
        assert!(
            records
                .iter()
                .any(|r| matches!(r.entry, Entry::Undo { .. }))
        );
        assert_eq!(journal(3), journal(3));
    }

    #[test]
    fn replaying_the_journal_takes_the_meeting_as_a_secretary_would() {
        use crate::services::session::Session;
        let scale = 2;
        let records = journal(scale);
        let base = live_app(meeting(scale));
        let session = Session::resume(base.clone(), &records, None);
        let app = &session.app;
        // Typing went into notes: the meeting gained note lines, items were checked,
        // people marked late, and the meeting started.
        let before = size(&base.meeting).2;
        assert!(
            size(&app.meeting).2 > before + 15,
            "{:?}",
            size(&app.meeting)
        );
        let checks = |m: &Meeting| -> Vec<Option<bool>> {
            m.agenda
                .iter()
                .flat_map(|s| &s.items)
                .map(|i| i.checked)
                .collect()
        };
        let (after, before) = (checks(&app.meeting), checks(&base.meeting));
        assert!(after.iter().zip(&before).filter(|(a, b)| a != b).count() >= 2);
        assert!(app.meeting.roster.iter().any(|p| matches!(
            p.attendance,
            Attendance::ArrivedLate { .. } | Attendance::LeftEarly { .. }
        )));
        assert!(app.meeting.actual.start.is_some());
        // The undo records took effect (each takes one action back, a redo puts
        // it back), and replaying what the history keeps through `update` one by
        // one gives the same meeting.
        let count = |f: fn(&Entry<Action>) -> bool| records.iter().filter(|r| f(&r.entry)).count();
        let recorded = count(|e| matches!(e, Entry::Action { .. }));
        let undone =
            count(|e| matches!(e, Entry::Undo { .. })) - count(|e| matches!(e, Entry::Redo));
        assert_eq!(session.history().applied().len(), recorded - undone);
        let mut step = base;
        for (at, action) in session.history().applied() {
            action.apply_to(&mut step, at.time());
        }
        assert_eq!(step.meeting, app.meeting);
    }
}
