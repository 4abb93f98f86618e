//! Throughput benchmarks of scribe's inner parts at scale 1, 10 and 100 times the
//! reference minutes (see `scribe::workload`), so that growth with the meeting's
//! size is visible: `update` per action, rendering the minutes (both styles and the
//! format-preserving Markdown document), drawing one frame into a 120×40
//! `TestBackend`, loading the YAML meeting file, importing a Markdown agenda and
//! replaying the journal.
//!
//! Run with `cargo bench --bench speed` (divan prints one table, a row per scale).

use std::path::Path;

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scribe::app::{Action, App, Key, KeyCode, update};
use scribe::markdown::{Document, import_meeting};
use scribe::minutes::to_markdown;
use scribe::model::Style;
use scribe::services::session::Session;
use scribe::workload;

const SCALES: [usize; 3] = [1, 10, 100];

fn main() {
    divan::main();
}

/// The live session at `scale`, the agenda cursor on the first item of the
/// fourth section (a working section with items).
fn app_on_item(scale: usize) -> App {
    let mut app = workload::live_app(workload::meeting(scale));
    let now = app.now;
    for action in [
        Action::NextSection,
        Action::NextSection,
        Action::NextSection,
    ] {
        update(&mut app, action, now);
    }
    update(&mut app, Action::Down, now);
    app
}

/// `update` for the actions a secretary does most, each applied to a live
/// session in steady state (an action and its inverse, so the state stays the same
/// size however many iterations run): per pair of actions.
mod update_action {
    use super::*;

    /// A key typed into the open notes editor, then taken back with Backspace.
    #[divan::bench(args = SCALES, max_time = 2)]
    fn type_and_backspace(bencher: Bencher, scale: usize) {
        let mut app = app_on_item(scale);
        let now = app.now;
        update(&mut app, Action::EditNotes, now);
        let key = Action::Type(Key::char('x'));
        let back = Action::Type(Key::plain(KeyCode::Backspace));
        bencher.bench_local(|| {
            update(&mut app, key, now);
            update(&mut app, back, now);
        });
    }

    /// The selected item checked and unchecked.
    #[divan::bench(args = SCALES, max_time = 2)]
    fn check_uncheck(bencher: Bencher, scale: usize) {
        let mut app = app_on_item(scale);
        let now = app.now;
        bencher.bench_local(|| {
            update(&mut app, Action::ToggleCheck, now);
            update(&mut app, Action::ToggleCheck, now);
        });
    }

    /// The agenda selection moved down and up.
    #[divan::bench(args = SCALES, max_time = 2)]
    fn move_down_up(bencher: Bencher, scale: usize) {
        let mut app = app_on_item(scale);
        let now = app.now;
        bencher.bench_local(|| {
            update(&mut app, Action::Down, now);
            update(&mut app, Action::Up, now);
        });
    }

    /// A person marked present, then back to regrets.
    #[divan::bench(args = SCALES, max_time = 2)]
    fn attendance(bencher: Bencher, scale: usize) {
        let mut app = app_on_item(scale);
        let now = app.now;
        update(&mut app, Action::FocusRoster, now);
        update(&mut app, Action::Down, now);
        bencher.bench_local(|| {
            update(&mut app, Action::Present, now);
            update(&mut app, Action::Regrets, now);
        });
    }
}

/// The timer's forecast and re-plan, worked out on each frame after a change
/// while the meeting runs: half an hour in, nothing discussed (over time, so
/// the re-plan proposes what to defer).
mod timing {
    use super::*;
    use scribe::app::timing::{forecast_end, replan};

    fn half_an_hour_in(scale: usize) -> (scribe::model::Meeting, chrono::DateTime<chrono::Utc>) {
        let meeting = workload::meeting(scale);
        let now = meeting.meeting_time + chrono::Duration::minutes(30);
        (meeting, now)
    }

    #[divan::bench(args = SCALES, max_time = 2)]
    fn forecast(bencher: Bencher, scale: usize) {
        let (meeting, now) = half_an_hour_in(scale);
        bencher.bench_local(|| forecast_end(&meeting, None, now));
    }

    #[divan::bench(args = SCALES, max_time = 2)]
    fn deferrals(bencher: Bencher, scale: usize) {
        let (meeting, now) = half_an_hour_in(scale);
        assert!(replan(&meeting, None, now).is_some_and(|p| !p.defer.is_empty()));
        bencher.bench_local(|| replan(&meeting, None, now));
    }
}

/// The minutes Markdown made from the meeting.
mod render_minutes {
    use super::*;

    /// The reference minutes' style (the default).
    #[divan::bench(args = SCALES, max_time = 2)]
    fn seed_style(bencher: Bencher, scale: usize) {
        let meeting = workload::meeting(scale);
        bencher.bench_local(|| to_markdown(&meeting, Style::Seed));
    }

    /// The 2025 checkbox style.
    #[divan::bench(args = SCALES, max_time = 2)]
    fn checkbox_style(bencher: Bencher, scale: usize) {
        let meeting = workload::meeting(scale);
        bencher.bench_local(|| to_markdown(&meeting, Style::Checkbox));
    }

    /// A Markdown agenda written back format-preserving after a note was typed
    /// under one item (the live path when the input is the group's document).
    #[divan::bench(args = SCALES, max_time = 2)]
    fn markdown_document(bencher: Bencher, scale: usize) {
        let text = workload::markdown_agenda(scale);
        let doc = Document::parse(Path::new("agenda.md"), text.as_bytes()).expect("parses");
        let mut meeting = doc.meeting();
        if let Some(item) = meeting.agenda.get_mut(3).and_then(|s| s.items.first_mut()) {
            item.notes
                .push(scribe::model::Note::new("@person1 will follow up"));
        }
        bencher.bench_local(|| doc.rewrite_string(&meeting));
    }

    /// The same after the secretary moved the last section to the top and the
    /// first item of each section to its end (each goes with its own source).
    #[divan::bench(args = SCALES, max_time = 2)]
    fn markdown_document_moved(bencher: Bencher, scale: usize) {
        let text = workload::markdown_agenda(scale);
        let doc = Document::parse(Path::new("agenda.md"), text.as_bytes()).expect("parses");
        let mut meeting = doc.meeting();
        for section in meeting.agenda.iter_mut() {
            if !section.items.is_empty() {
                let first = section.items.remove(0);
                section.items.push(first);
            }
        }
        if let Some(last) = meeting.agenda.pop() {
            meeting.agenda.insert(0, last);
        }
        bencher.bench_local(|| doc.rewrite_string(&meeting));
    }
}

/// One whole frame drawn into a 120×40 test terminal.
mod draw_frame {
    use super::*;

    fn bench_frame(bencher: Bencher, app: &App) {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
        let view = workload::live_view();
        bencher.bench_local(|| {
            terminal
                .draw(|frame| scribe::tui::draw::draw(frame, app, &view))
                .map(|_| ())
                .expect("draws");
        });
    }

    /// Typing: the notes editor open on an item.
    #[divan::bench(args = SCALES, max_time = 2)]
    fn notes_editor(bencher: Bencher, scale: usize) {
        let mut app = app_on_item(scale);
        let now = app.now;
        update(&mut app, Action::EditNotes, now);
        bench_frame(bencher, &app);
    }

    /// Walking the agenda: the agenda focused, the cursor deep in it.
    #[divan::bench(args = SCALES, max_time = 2)]
    fn agenda(bencher: Bencher, scale: usize) {
        let mut app = app_on_item(scale);
        let now = app.now;
        update(&mut app, Action::Bottom, now);
        bench_frame(bencher, &app);
    }
}

/// Opening a meeting.
mod load {
    use super::*;

    /// The YAML meeting file parsed into the model.
    #[divan::bench(args = SCALES, max_time = 3)]
    fn meeting_file_yaml(bencher: Bencher, scale: usize) {
        let yaml = scribe::meeting_file::to_yaml(&workload::meeting(scale));
        bencher.bench_local(|| {
            scribe::meeting_file::parse_meeting(&yaml, Path::new("meeting.yaml")).expect("parses")
        });
    }

    /// A Markdown agenda read format-preserving (what `scribe agenda.md` does).
    #[divan::bench(args = SCALES, max_time = 3)]
    fn markdown_agenda(bencher: Bencher, scale: usize) {
        let text = workload::markdown_agenda(scale);
        bencher.bench_local(|| {
            Document::parse(Path::new("agenda.md"), text.as_bytes())
                .expect("parses")
                .meeting()
        });
    }

    /// A Markdown document imported into the model (`scribe import`).
    #[divan::bench(args = SCALES, max_time = 3)]
    fn markdown_import(bencher: Bencher, scale: usize) {
        let text = workload::markdown_agenda(scale);
        let doc = Document::parse(Path::new("agenda.md"), text.as_bytes()).expect("parses");
        bencher.bench_local(|| import_meeting(&doc));
    }
}

/// The journal of a whole session (500 actions per unit of scale: 50,000 at 100,
/// a few of them undone) replayed onto the meeting as it was opened, as resuming
/// after a crash does.
#[divan::bench(args = SCALES, max_time = 5, sample_count = 10)]
fn replay_journal(bencher: Bencher, scale: usize) {
    let base = workload::live_app(workload::meeting(scale));
    let records = workload::journal(scale);
    bencher
        .with_inputs(|| base.clone())
        .bench_local_values(|app| Session::resume(app, &records, None));
}

/// Undo and redo at the end of a whole session (the journal above resumed): undo
/// finds its step by replaying the history from the start, so it costs in
/// proportion to the session's length.
#[divan::bench(args = SCALES, max_time = 5, sample_count = 10)]
fn undo_redo_after_session(bencher: Bencher, scale: usize) {
    let base = workload::live_app(workload::meeting(scale));
    let records = workload::journal(scale);
    let mut session = Session::resume(base, &records, None);
    let now = session.app.now;
    bencher.bench_local(|| {
        session.apply(Action::Undo, now);
        session.apply(Action::Redo, now);
    });
}
