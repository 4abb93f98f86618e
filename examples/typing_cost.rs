//! Typing into the notes editor of a long meeting, in process, as the event loop
//! does it (the journal written, the frame drawn and diffed, its bytes made):
//! the time per key, to profile with `perf record` without a terminal.
//!
//! `cargo run --release --example typing_cost -- [SCALE] [KEYS]`, with
//! `THRASH=MiB` to walk that much other memory between keys (as the terminal
//! and the rest of the machine do), so that scribe's caches are cold, and
//! `ROUND=structural` for the latency bench's round of structural keys instead
//! of typing: the time to apply and to draw each, and the bytes it sends
//! (`ROUND=check`, `ROUND=editor`, `ROUND=pane`, `ROUND=move`: only checking,
//! only into the editor and out, only from pane to pane, only a row down and up;
//! `ROUND=attendance`: the roster's first person present and sending regrets,
//! which at 1× brings and takes away the timer's deferral line);
//! `LATE=1` to run half an hour into the meeting, as the bench does;
//! `SLEEP=ms` to pause before each structural key as between a secretary's
//! keys (its times then come near the real binary's).
//! The latency bench (`benches/latency.rs`) is what measures the real thing.

use std::time::Instant;

use ratatui::Terminal;
use ratatui::layout::Size;
use scribe::app::{Action, Key};
use scribe::services::journal::Journal;
use scribe::services::session::Session;
use scribe::tui::backend::Screen;
use scribe::tui::draw::{Kept, draw_kept};
use scribe::tui::frames::Frames;

fn main() {
    let mut args = std::env::args().skip(1);
    let scale: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let keys: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let dir = tempfile::tempdir().expect("temp dir");
    let app = scribe::workload::live_app(scribe::workload::meeting(scale));
    let journal = Journal::open(&dir.path().join("j.jsonl")).expect("journal");
    let mut session = Session::new(app, Some(journal));
    let mut view = scribe::workload::live_view();
    view.theme = scribe::theme::Theme::dark();
    // The latency bench runs with the clock stopped half an hour into the
    // meeting (`SCRIBE_FIXED_NOW`): `LATE=1` does the same (the timer then
    // forecasts past the hour and proposes items to defer).
    if std::env::var("LATE").is_ok_and(|l| l == "1") {
        let late = session.app.now + chrono::Duration::minutes(30);
        session.app.tick(late);
    }
    let now = session.app.now;
    // The latency bench's way in: the third working section, its first item, its notes.
    for action in [
        Action::NextSection,
        Action::NextSection,
        Action::NextSection,
        Action::Down,
        Action::EditNotes,
    ] {
        let _ = session.apply(action, now);
    }
    let size = Size {
        width: 120,
        height: 40,
    };
    let mut terminal = Terminal::new(Screen::new(Counter::default(), size)).expect("terminal");
    // A blank screen to start from, as the real binary's.
    terminal.clear().expect("cleared");
    let mut frames = Frames::default();
    let mut kept = Kept::live();
    let mut draw = |terminal: &mut Terminal<Screen<Counter>>, session: &Session| {
        frames
            .draw(terminal, |frame, same| {
                let cursor = draw_kept(frame, &session.app, &view, &mut kept);
                same.extend_from_slice(kept.left_in_place());
                cursor
            })
            .expect("drawn");
    };
    draw(&mut terminal, &session);
    let text = "the quick brown fox jumps over the lazy dog ";
    // Between two keys the terminal, the shell and others run: what scribe
    // touched is no longer in the processor's caches. `THRASH=MiB` walks that
    // much memory between keys (not timed) to have it so here too.
    let thrash: usize = std::env::var("THRASH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut other = vec![0u8; thrash << 20];
    // `SLEEP=ms` sleeps that long before each key (not timed), as scribe
    // waits for the next key: a processor back from idle runs the same work
    // several times slower (caches, and on a virtual machine the host's turn),
    // as the real binary does.
    let pause = std::env::var("SLEEP")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(std::time::Duration::from_millis);
    // `ROUND=structural`: the latency bench's round of structural keys instead
    // of typing (check twice, into and out of the editor, to the roster and
    // attendance there, back), timed per action.
    let round_kind = std::env::var("ROUND").unwrap_or_default();
    if [
        "structural",
        "check",
        "editor",
        "pane",
        "move",
        "attendance",
    ]
    .contains(&round_kind.as_str())
    {
        let _ = session.apply(Action::LeaveEditor, now);
        if round_kind == "attendance" {
            let _ = session.apply(Action::NextPane, now);
        }
        draw(&mut terminal, &session);
        let all = [
            Action::ToggleCheck,
            Action::ToggleCheck,
            Action::EditNotes,
            Action::LeaveEditor,
            Action::NextPane,
            Action::Regrets,
            Action::Absent,
            Action::Present,
            Action::NextPane,
        ];
        // `ROUND=check`: checking alone, `ROUND=editor` into the editor and
        // out, `ROUND=pane` from pane to pane, `ROUND=move` a row down and up
        // the agenda, to profile them.
        let moves = [Action::Down, Action::Up];
        let attendance = [Action::Present, Action::Regrets];
        let round = match round_kind.as_str() {
            "move" => &moves[..],
            "attendance" => &attendance[..],
            "check" => &all[..2],
            "editor" => &all[2..4],
            "pane" => &all[4..5],
            _ => &all[..],
        };
        let mut apply = vec![std::time::Duration::ZERO; round.len()];
        let mut drawn = vec![std::time::Duration::ZERO; round.len()];
        let mut bytes = vec![0usize; round.len()];
        let rounds = keys / round.len();
        for i in 0..rounds * round.len() {
            for byte in other.iter_mut().step_by(64) {
                *byte = byte.wrapping_add(i as u8);
            }
            if let Some(pause) = pause {
                std::thread::sleep(pause);
            }
            let started = Instant::now();
            let _ = session.apply(round[i % round.len()], now);
            let applied = Instant::now();
            let sent = terminal.backend().writer().0;
            draw(&mut terminal, &session);
            bytes[i % round.len()] += terminal.backend().writer().0 - sent;
            apply[i % round.len()] += applied - started;
            drawn[i % round.len()] += applied.elapsed();
        }
        for (k, action) in round.iter().enumerate() {
            println!(
                "{action:?}: apply {:.1} µs, draw {:.1} µs, {} bytes",
                apply[k].as_secs_f64() * 1e6 / rounds as f64,
                drawn[k].as_secs_f64() * 1e6 / rounds as f64,
                bytes[k] / rounds
            );
        }
        return;
    }
    let mut spent = std::time::Duration::ZERO;
    for (i, c) in text.chars().cycle().take(keys).enumerate() {
        for byte in other.iter_mut().step_by(64) {
            *byte = byte.wrapping_add(i as u8);
        }
        let started = Instant::now();
        let _ = session.apply(Action::Type(Key::char(c)), now);
        draw(&mut terminal, &session);
        spent += started.elapsed();
    }
    std::hint::black_box(&other);
    println!(
        "{keys} keys at scale {scale}: {:.1} µs per key",
        spent.as_secs_f64() * 1e6 / keys as f64
    );
}

/// A terminal that counts the bytes it is sent.
#[derive(Default)]
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
