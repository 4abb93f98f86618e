//! Resuming from a snapshot of the state gives what a full replay of the journal
//! gives: the same minutes, byte for byte, the same selection and question, and
//! the same results of undo and redo afterwards, for random sessions snapshot at
//! random points then killed. A snapshot that is torn, damaged, of another base
//! or journal, or of an earlier session is not used: the journal is replayed.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;

use scribe::app::{Action, App, Key, KeyCode};
use scribe::minutes::to_markdown;
use scribe::model::{Meeting, Style};
use scribe::services::journal::{Entry, Journal, Record, VERSION, fnv1a64, read};
use scribe::services::session::Session;
use scribe::services::snapshot;

fn t0() -> DateTime<Utc> {
    "2024-05-15T17:00:00Z".parse().unwrap()
}

fn meeting() -> Meeting {
    scribe::meeting_file::load_meeting(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml"),
    )
    .unwrap()
}

fn action() -> impl Strategy<Value = Action> {
    let named = prop::sample::select(Action::named().collect::<Vec<_>>());
    let key = prop_oneof![
        6 => proptest::char::range('a', 'e').prop_map(Key::char),
        1 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Backspace, KeyCode::Left, KeyCode::Up, KeyCode::End,
        ])
        .prop_map(Key::plain),
    ];
    prop_oneof![
        4 => named,
        4 => key.prop_map(Action::Type),
        1 => (0u16..12).prop_map(Action::PickAgendaRow),
        1 => (0u16..6).prop_map(Action::PickPerson),
        1 => Just(Action::LeaveEditor),
        2 => Just(Action::Undo),
        1 => Just(Action::Redo),
    ]
}

/// A journal folder as scribe keeps one: the base copy and the journal, opened.
struct Scene {
    _dir: tempfile::TempDir,
    journal: PathBuf,
    base_hash: u64,
}

impl Scene {
    fn new() -> Scene {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("m-0.jsonl");
        let base =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tui/meeting.yaml"))
                .unwrap();
        std::fs::write(journal.with_extension("base"), &base).unwrap();
        Scene {
            _dir: dir,
            journal,
            base_hash: fnv1a64(&base),
        }
    }

    /// A session opened as `launch` opens one: the Open record first.
    fn open(&self, at: DateTime<Utc>) -> Session {
        let mut journal = Journal::open(&self.journal).unwrap();
        journal
            .append(
                &Record::<Action> {
                    at: at.into(),
                    entry: Entry::open("m.yaml".into(), "m.md".into(), VERSION),
                },
                true,
            )
            .unwrap();
        Session::new(App::new(meeting(), at), Some(journal))
    }

    /// The journal's last session, resumed by a full replay and from the snapshot.
    fn resume(&self) -> (Session, Session) {
        let records = read::<Action>(&self.journal).unwrap().last_session;
        let base = App::new(meeting(), records[0].at.time());
        let full = Session::resume(base.clone(), &records, None);
        let journal = Journal::open(&self.journal).unwrap();
        let snap = snapshot::resume(base, records, journal, self.base_hash);
        (full, snap)
    }
}

fn at(i: usize) -> DateTime<Utc> {
    t0() + Duration::seconds(i as i64 + 1)
}

/// Everything a resume must give back the same.
fn same(a: &Session, b: &Session, what: &str) {
    for style in [Style::Seed, Style::Checkbox] {
        assert_eq!(
            to_markdown(&a.app.meeting, style),
            to_markdown(&b.app.meeting, style),
            "{what}"
        );
    }
    assert_eq!(a.app.meeting, b.app.meeting, "{what}");
    let (x, y) = (&a.app, &b.app);
    assert_eq!(
        (
            &x.agenda_cursor,
            x.focus,
            &x.current,
            x.confirming,
            x.roster_cursor
        ),
        (
            &y.agenda_cursor,
            y.focus,
            &y.current,
            y.confirming,
            y.roster_cursor
        ),
        "{what}"
    );
    assert_eq!(
        (&x.collapsed, x.help, x.agenda_view, &x.prompt, x.now),
        (&y.collapsed, y.help, y.agenda_view, &y.prompt, y.now),
        "{what}"
    );
    assert_eq!(
        x.editor.as_ref().map(|e| e.textarea.lines().to_vec()),
        y.editor.as_ref().map(|e| e.textarea.lines().to_vec()),
        "{what}"
    );
    assert_eq!(a.history().applied(), b.history().applied(), "{what}");
    assert_eq!(a.history().can_redo(), b.history().can_redo(), "{what}");
}

/// Plays `actions`, asking for a snapshot after those at `cuts`; then the
/// process is killed (nothing closed), and the journal resumed both ways.
fn lived(scene: &Scene, actions: &[Action], cuts: &[usize]) -> Session {
    let mut session = scene.open(t0());
    for (i, action) in actions.iter().enumerate() {
        session.apply(*action, at(i));
        if cuts.contains(&i) {
            session.snapshot_soon();
            session.wait_for_snapshots();
        }
    }
    session
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `at_once`: the keys after the resume start with undo and redo, before
    /// anything leaves the editor; `ticks`: before which of them the clock
    /// ticks, which starts (and takes in, once done) the replay of the history
    /// before the snapshot on its thread, so that undos come while it has not
    /// started, while it runs and after it is done.
    #[test]
    fn a_resume_from_a_snapshot_is_a_full_replay(
        actions in prop::collection::vec(action(), 1..150),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..10),
        at_once in any::<bool>(),
        ticks in prop::collection::vec(any::<bool>(), 33),
        after in prop::collection::vec(
            prop_oneof![3 => Just(Action::Undo), 1 => Just(Action::Redo), 1 => action()],
            0..30,
        ),
    ) {
        let scene = Scene::new();
        let cuts: Vec<usize> = cuts.iter().map(|c| c.index(actions.len())).collect();
        let live = lived(&scene, &actions, &cuts);
        drop(live);
        let (mut full, mut snap) = scene.resume();
        same(&full, &snap, "after resuming");
        // Out of the editor and prompts, then undo, redo and more.
        let later = at(1000);
        let first: &[Action] = if at_once {
            &[Action::Undo, Action::Redo, Action::Undo]
        } else {
            &[Action::Cancel, Action::LeaveEditor, Action::Cancel]
        };
        for (i, action) in first.iter().copied().chain(after).enumerate() {
            if ticks[i] {
                snap.sync_if_due();
            }
            let now = later + Duration::seconds(i as i64);
            full.apply(action, now);
            snap.apply(action, now);
            same(&full, &snap, &format!("after {action:?}"));
            prop_assert_eq!(&full.app.message, &snap.app.message);
        }
    }
}

/// A session of a few hundred actions (so that checkpoints are made) snapshot
/// half-way, then killed.
fn long_session(scene: &Scene) -> usize {
    let mut session = scene.open(t0());
    let mut i = 0;
    let mut act = |session: &mut Session, action: Action| {
        session.apply(action, at(i));
        i += 1;
    };
    for round in 0..40 {
        act(&mut session, Action::Down);
        act(&mut session, Action::EditNotes);
        for c in "note ".chars().chain(char::from_digit(round % 10, 10)) {
            act(&mut session, Action::Type(Key::char(c)));
        }
        act(&mut session, Action::LeaveEditor);
        act(&mut session, Action::ToggleCheck);
        if round == 30 {
            session.snapshot_soon();
            session.wait_for_snapshots();
        }
    }
    act(&mut session, Action::Up);
    session.actions()
}

#[test]
fn a_long_session_resumes_from_its_snapshot_and_undoes_past_it() {
    let scene = Scene::new();
    let actions = long_session(&scene);
    assert!(actions > 300, "{actions}");
    let (mut full, mut snap) = scene.resume();
    assert!(snap.resumed_from_snapshot(), "the snapshot is used");
    assert!(!full.resumed_from_snapshot());
    same(&full, &snap, "resumed");
    // Back past the snapshot's point, to the start, and forward again.
    for i in 0..120 {
        let action = if i < 100 { Action::Undo } else { Action::Redo };
        full.apply(action, at(5000 + i));
        snap.apply(action, at(5000 + i));
        same(&full, &snap, &format!("step {i}"));
        assert_eq!(full.app.message, snap.app.message, "step {i}");
    }
}

/// A session ending in an edit of a note and a move, snapshot at its end,
/// then killed: the shape of a real meeting's last minutes.
fn ends_in_an_edit(scene: &Scene) {
    let mut session = scene.open(t0());
    let mut keys = Vec::new();
    for round in 0..60 {
        keys.extend([Action::Down, Action::ToggleCheck, Action::EditNotes]);
        keys.extend(
            format!("point {round}")
                .chars()
                .map(|c| Action::Type(Key::char(c))),
        );
        keys.push(Action::LeaveEditor);
    }
    keys.push(Action::Up);
    for (i, action) in keys.iter().enumerate() {
        session.apply(*action, at(i));
    }
    session.snapshot_soon();
    session.wait_for_snapshots();
}

#[test]
fn the_first_undo_after_a_resume_does_not_wait_for_the_history_before_the_snapshot() {
    let scene = Scene::new();
    ends_in_an_edit(&scene);
    let (mut full, mut snap) = scene.resume();
    assert!(snap.resumed_from_snapshot(), "the snapshot is used");
    same(&full, &snap, "resumed");
    assert!(snap.history_before_snapshot_pending());
    // The last edit is taken back whole, from the snapshot's state (it was
    // written before that edit), and put back.
    for (i, action) in [Action::Undo, Action::Redo, Action::Undo]
        .into_iter()
        .enumerate()
    {
        full.apply(action, at(5000 + i));
        snap.apply(action, at(5000 + i));
        same(&full, &snap, &format!("{action:?} {i}"));
        assert_eq!(full.app.message, snap.app.message, "{action:?} {i}");
        assert!(
            snap.history_before_snapshot_pending(),
            "{action:?} {i} did not wait for the history before the snapshot"
        );
    }
    let notes = |s: &Session| to_markdown(&s.app.meeting, Style::Seed);
    assert!(!notes(&snap).contains("point 59"), "{}", notes(&snap));
    assert!(notes(&snap).contains("point 58"));
    // The next undo goes back past the snapshot's point: it takes the replay
    // before it in (whether the thread replaying it has started or not).
    for started in [false, true] {
        let scene = Scene::new();
        ends_in_an_edit(&scene);
        let (mut full, mut snap) = scene.resume();
        if started {
            snap.sync_if_due();
        }
        // One turn of that replay may have done all of it, on a fast machine.
        let pending = snap.history_before_snapshot_pending();
        assert!(pending || started, "nothing replayed it yet");
        for i in 0..12 {
            full.apply(Action::Undo, at(5000 + i));
            snap.apply(Action::Undo, at(5000 + i));
            same(&full, &snap, &format!("undo {i}, started {started}"));
            assert_eq!(full.app.message, snap.app.message, "undo {i}");
            assert_eq!(
                snap.history_before_snapshot_pending(),
                i == 0 && pending,
                "undo {i}, started {started}"
            );
        }
        for i in 0..14 {
            full.apply(Action::Redo, at(6000 + i));
            snap.apply(Action::Redo, at(6000 + i));
            same(&full, &snap, &format!("redo {i}, started {started}"));
        }
    }
}

#[test]
fn a_snapshot_that_does_not_match_is_not_used() {
    type Spoil = fn(&Scene);
    let spoils: [(&str, Spoil); 8] = [
        ("none", |s| {
            std::fs::remove_file(s.journal.with_extension("snapshot")).unwrap()
        }),
        ("torn", |s| {
            let path = s.journal.with_extension("snapshot");
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        }),
        ("damaged", |s| {
            let path = s.journal.with_extension("snapshot");
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.replacen("\"records\":", "\"records\":1", 1);
            std::fs::write(&path, text).unwrap();
        }),
        ("another version", |s| {
            let path = s.journal.with_extension("snapshot");
            let text = std::fs::read_to_string(&path).unwrap();
            // Format 1 becomes 01, 2 becomes 02: another format's number.
            let other = text.replacen("scribe-snapshot ", "scribe-snapshot 0", 1);
            assert_ne!(other, text);
            std::fs::write(&path, other).unwrap();
        }),
        ("another base", |s| {
            std::fs::write(s.journal.with_extension("base"), "title: other\n").unwrap()
        }),
        ("a journal changed before its point", |s| {
            let text = std::fs::read_to_string(&s.journal).unwrap();
            let text = text.replacen("\"down\"", "\"up\"", 1);
            std::fs::write(&s.journal, text).unwrap();
        }),
        ("a journal cut short", |s| {
            let text = std::fs::read_to_string(&s.journal).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let kept = lines[..lines.len() / 3].join("\n") + "\n";
            std::fs::write(&s.journal, kept).unwrap();
        }),
        ("a new session after it", |s| {
            let mut session = s.open(at(9000));
            session.apply(Action::ToggleCheck, at(9001));
        }),
    ];
    for (what, spoil) in spoils {
        let scene = Scene::new();
        long_session(&scene);
        spoil(&scene);
        // The base the session is resumed on is the one on disk (its hash).
        let base = std::fs::read(scene.journal.with_extension("base")).unwrap();
        let scene = Scene {
            base_hash: fnv1a64(&base),
            ..scene
        };
        let (full, snap) = scene.resume();
        assert!(!snap.resumed_from_snapshot(), "{what}: not used");
        same(&full, &snap, what);
    }
}

#[test]
fn a_snapshot_that_lies_is_found_out_by_the_replay_after_the_first_frame() {
    let scene = Scene::new();
    long_session(&scene);
    // The state in the snapshot says other notes than the journal gives.
    let path = scene.journal.with_extension("snapshot");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("note 3"));
    std::fs::write(&path, text.replace("note 3", "NOTE 3")).unwrap();
    let (mut full, mut snap) = scene.resume();
    assert!(snap.resumed_from_snapshot());
    assert_ne!(
        full.app.meeting, snap.app.meeting,
        "the lie is taken at first"
    );
    // The replay of the journal up to the snapshot, made after the first
    // frame, sets the state right.
    for _ in 0..500 {
        snap.sync_if_due();
        if snap.app.meeting == full.app.meeting {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(
        to_markdown(&full.app.meeting, Style::Seed),
        to_markdown(&snap.app.meeting, Style::Seed)
    );
    for i in 0..60 {
        let action = if i < 50 { Action::Undo } else { Action::Redo };
        full.apply(action, at(5000 + i));
        snap.apply(action, at(5000 + i));
        same(&full, &snap, &format!("step {i}"));
    }
}

/// The question the first `O` asks (write ours over the changed minutes?) is
/// asked again after a resume from a snapshot taken while it was open, as after
/// a full replay.
#[test]
fn a_question_open_at_the_snapshot_is_open_after_the_resume() {
    let scene = Scene::new();
    drop(lived(&scene, &[Action::OverwriteMinutes], &[0]));
    let (full, snap) = scene.resume();
    same(&full, &snap, "after resuming");
}
