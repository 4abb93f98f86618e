//! The live terminal interface: runs the event loop of an opened meeting.
//!
//! The loop reads a crossterm event, turns it into a [`Key`] ([`keys`]) and
//! through the keymap into an [`Action`], applies it with the session (which
//! journals it and calls [`crate::app::update`]), and draws the screen with
//! [`draw::draw_kept`] — only when something changed or the clock's second moved
//! on. Panes that did not change are left as the last frame drew them ([`draw::Kept`]),
//! and the [`backend::Screen`] writes only what differs from what the terminal
//! shows. What the screen shows besides the meeting (keymap, theme, zone, save status) is
//! the [`view::View`], which lives here and never in the meeting's state.

pub mod backend;
pub mod draw;
pub mod frames;
pub mod jobs;
pub mod keys;
pub mod mouse;
pub mod panes;
mod shown;
pub mod signals;
pub mod terminal;
pub mod view;
pub mod widgets;

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::Rect;

use crate::app::{App, Effect};
use crate::keymap::Keymap;
use crate::launch::{self, Launched, RunOptions};
use crate::services::clock::Clock;
use crate::services::session::Session;
use crate::services::writer::{MinutesWriter, SaveReport};
use crate::theme::Theme;
use view::{SaveStatus, View, Zone};

/// The meeting goes to the writer once the changes have paused this long. A
/// copy shares the meeting's lists, but the next change then copies the part it
/// changes, and the writer frees the old one: not worth doing between two keys,
/// as the writer only writes once the changes pause (see `services::writer`).
const SUBMIT_QUIET: Duration = Duration::from_millis(500);
/// While the changes do not pause, the meeting still goes to the writer this
/// often, so that its own longest wait holds.
const SUBMIT_EVERY: Duration = Duration::from_secs(5);
/// Between hand-overs the writer is told this often that changes go on, so it
/// does not write a state older than the screen's while the secretary types.
const TOUCH_EVERY: Duration = Duration::from_millis(250);

/// How often a failed write of the minutes is tried again.
const RETRY_EVERY: Duration = Duration::from_secs(3);

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The secretary quit.
    Quit,
    /// A signal (its name and number) asked scribe to stop.
    Signal(&'static str, i32),
}

/// scribe was stopped by a signal, in good order: the exit status is 128 + its
/// number, as a shell expects of a process a signal ended.
#[derive(Debug, thiserror::Error)]
#[error(
    "stopped by {name}; everything is in the journal: run scribe again on this meeting to resume"
)]
pub struct Stopped {
    /// The signal's name, as said to the user.
    pub name: &'static str,
    /// The signal's number.
    pub signal: i32,
}

/// Opens the meeting and runs the live interface until the secretary quits.
pub fn run(opts: RunOptions) -> anyhow::Result<()> {
    // The terminal, when a long meeting's first screen was drawn on it before
    // the meeting was read whole (see `launch::FirstScreen`).
    let mut early: Option<(Screen, signals::Signalled)> = None;
    let launched = launch::open(
        &opts,
        || {
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                Ok(())
            } else {
                bail!(
                    "the live interface needs a terminal; to write minutes from a file use `scribe render`"
                )
            }
        },
        |first| {
            let signalled = signals::watch();
            let view = view_for(
                first.output,
                first.keymap,
                first.theme,
                first.show_local_time,
            );
            let mut screen = Screen::enter(first.mouse)?;
            let drawn = screen.draw(first.app, &view);
            // The terminal needs a turn of the processor to show the frame, and
            // the whole file's reading, next, takes milliseconds: where the two
            // share a processor, the terminal goes first (on a machine with
            // a processor to spare, this costs a system call).
            std::thread::yield_now();
            early = Some((screen, signalled));
            Ok(drawn?)
        },
    );
    let mut launched = match launched {
        Ok(launched) => launched,
        Err(e) => {
            if early.is_some() {
                terminal::leave();
            }
            return Err(e);
        }
    };
    let output = launched.output.clone();
    let mut view = view_for(
        &output,
        &launched.keymap,
        launched.theme,
        launched.show_local_time,
    );
    let (mut screen, signalled) = match early {
        Some(early) => early,
        None => {
            let signalled = signals::watch();
            (Screen::enter(launched.mouse)?, signalled)
        }
    };
    let Launched {
        session,
        writer,
        clock,
        ..
    } = &mut launched;
    let outcome = event_loop(
        &mut screen,
        session,
        &mut view,
        clock.as_ref(),
        writer,
        &signalled,
    );
    terminal::leave();
    let closed = launched.close(matches!(outcome, Ok(Ending::Quit)));
    // Everything the session had to make durable is done (the minutes written
    // and synced, the journal synced, the snapshot's thread joined, the lock let
    // go): the process exits next, and its memory goes with it, unfreed.
    std::mem::forget(closed.session);
    let last = closed.last;
    match outcome? {
        Ending::Quit => {}
        Ending::Signal(name, number) => {
            if let Some(SaveReport::Failed(e)) = &last {
                eprintln!(
                    "{}",
                    crate::text::printable(&format!(
                        "scribe: {}: the minutes could not be written: {e}",
                        output.display()
                    ))
                );
            }
            return Err(Stopped {
                name,
                signal: number,
            }
            .into());
        }
    }
    match last {
        Some(SaveReport::Failed(e)) => bail!(
            "{}: the minutes could not be written: {e}",
            output.display()
        ),
        Some(SaveReport::Diverted { to, .. }) => {
            println!(
                "{}",
                crate::text::printable(&format!(
                    "{} was changed by someone else and is left as they wrote it; scribe's minutes are in {}",
                    output.display(),
                    to.display()
                ))
            );
            Ok(())
        }
        _ => {
            println!(
                "{}",
                crate::text::printable(&format!("Minutes saved to {}", output.display()))
            );
            Ok(())
        }
    }
}

/// The view of a session whose minutes go to `output`.
fn view_for(output: &Path, keymap: &Keymap, theme: Theme, show_local_time: bool) -> View {
    View {
        output: output.to_path_buf(),
        keymap: keymap.clone(),
        zone: if show_local_time {
            Zone::Local
        } else {
            Zone::Utc
        },
        theme,
        save: SaveStatus::default(),
        panel: None,
    }
}

/// The terminal and what was last drawn on it: each frame sends only what
/// differs from the one before, whoever drew that one.
struct Screen {
    terminal: terminal::Tty,
    frames: frames::Frames,
    /// Panes drawn for earlier frames, reused while what they show is the same.
    kept: draw::Kept,
}

impl Screen {
    /// The terminal set up for the interface, nothing drawn yet.
    fn enter(mouse: bool) -> anyhow::Result<Screen> {
        Ok(Screen {
            terminal: terminal::enter(mouse).context("cannot set up the terminal")?,
            frames: frames::Frames::default(),
            kept: draw::Kept::live(),
        })
    }

    /// Draws `app` as `view` shows it.
    fn draw(&mut self, app: &App, view: &View) -> std::io::Result<()> {
        let kept = &mut self.kept;
        self.frames.draw(&mut self.terminal, |frame, same| {
            let cursor = draw::draw_kept(frame, app, view, kept);
            same.extend_from_slice(kept.left_in_place());
            cursor
        })
    }
}

/// What the loop must do after the actions it applied.
#[derive(Debug, Default)]
struct Pending {
    /// Something on screen changed.
    draw: bool,
    /// The secretary quit.
    quit: bool,
    /// The secretary chose scribe's minutes over a file someone else changed.
    overwrite: bool,
}

impl Pending {
    /// Takes note of what one applied action did.
    fn note(&mut self, effect: Option<Effect>) {
        self.draw = true;
        match effect {
            Some(Effect::Quit) => self.quit = true,
            Some(Effect::OverwriteMinutes) => self.overwrite = true,
            // The session has done these already; the rest is the end-of-meeting
            // work's (see `jobs::Work::takes`).
            Some(
                Effect::Undo | Effect::Redo | Effect::FixMinutes | Effect::Publish | Effect::Ticket,
            )
            | None => {}
        }
    }
}

/// What the status line says when the minutes file found at the start is kept
/// and scribe's minutes go to `to`: short, the file names only.
fn kept_note(output: &Path, to: &Path) -> String {
    let name = |p: &Path| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    format!(
        "{} changed since scribe wrote it: kept; ours go to {} (O: over it)",
        name(output),
        name(to)
    )
}

/// The save status shown for a writer's report.
pub fn save_status(report: SaveReport, before: &SaveStatus) -> SaveStatus {
    match report {
        // Nothing is written yet: the status line says so once it is.
        SaveReport::KeptAtStart { .. } => before.clone(),
        SaveReport::Saved(at) => SaveStatus {
            saved_at: Some(at),
            ..SaveStatus::default()
        },
        SaveReport::Failed(e) => SaveStatus {
            error: Some(e),
            ..before.clone()
        },
        SaveReport::Diverted { at, to } => SaveStatus {
            saved_at: Some(at),
            error: None,
            diverted_to: Some(to),
        },
    }
}

/// Reads events and applies them until the secretary quits or a signal stops it.
fn event_loop(
    screen: &mut Screen,
    session: &mut Session,
    view: &mut View,
    clock: &dyn Clock,
    writer: &MinutesWriter,
    signalled: &signals::Signalled,
) -> anyhow::Result<Ending> {
    let mut pending = Pending {
        draw: true,
        ..Pending::default()
    };
    let mut shown_second = session.app.now.timestamp();
    let mut work = jobs::Work::new(&view.output, &session.app);
    // The minutes are written once at the start, so the file exists from the beginning.
    let mut submitted_revision = None;
    let mut last_submit: Option<Instant> = None;
    // When the state last changed (a revision seen for the first time).
    let (mut seen_revision, mut changed_at) = (session.app.revision, Instant::now());
    let mut last_touch = Instant::now();
    let mut first_frame_shown = false;
    loop {
        for report in writer.reports() {
            if let SaveReport::KeptAtStart { to } = &report {
                let note = kept_note(&view.output, to);
                let app = &mut session.app;
                app.message = Some(match app.message.take() {
                    Some(message) => format!("{note} · {message}"),
                    None => note,
                });
            }
            view.save = save_status(report, &view.save);
            pending.draw = true;
        }
        let app = &session.app;
        // The secretary chose scribe's minutes over a file someone else changed:
        // the writer takes the file back and gets the meeting again.
        if std::mem::take(&mut pending.overwrite) {
            writer.overwrite();
            submitted_revision = None;
            last_submit = None;
        }
        if pending.quit {
            if submitted_revision != Some(app.revision) {
                writer.submit(&app.meeting);
            }
            return Ok(Ending::Quit);
        }
        if let Some((name, number)) = signalled.take_numbered() {
            // The newest state goes to the writer, which writes it on finishing.
            if submitted_revision != Some(app.revision) {
                writer.submit(&app.meeting);
            }
            return Ok(Ending::Signal(name, number));
        }
        // The minutes are on disk as they are now: the end-of-meeting work
        // may read them back.
        let settled = submitted_revision == Some(app.revision)
            && writer.caught_up()
            && view.save.error.is_none();
        pending.draw |= work.turn(session, view, settled);
        if std::mem::take(&mut pending.draw) {
            screen.draw(&session.app, view)?;
            // Once the first frame is on screen: the new session's journal is
            // made (before any key is read), and the watchdog is given it.
            if !first_frame_shown {
                first_frame_shown = true;
                pending.draw |= session.start_journal();
                signals::watchdog(signalled.clone(), session.journal_sync_handle());
            }
        }
        // A structural change is made durable as soon as it is on screen: the
        // sync thread, woken before the frame, would compete with drawing it.
        if session.sync_urgent() {
            session.sync_journal_if_due();
        }
        let app = &session.app;
        // Work that is not the typist's comes after the frame is on screen, and
        // only while no key is waiting: it never stands between a key and its echo.
        // Whether one is waiting is a system call, asked only when there is such
        // work (not on every key typed).
        let mut waiting = None;
        let mut idle = || -> std::io::Result<bool> {
            Ok(!*match &mut waiting {
                Some(waiting) => waiting,
                None => waiting.insert(event::poll(Duration::ZERO)?),
            })
        };
        // A failed write (read-only folder, full disk) is tried again every few
        // seconds, and with every change; the file on disk stays the last good one.
        // (A diverted write is not a failure: the writer finds nothing new to do.)
        let retry =
            view.save.error.is_some() && last_submit.is_some_and(|t| t.elapsed() >= RETRY_EVERY);
        // Hand the meeting to the writer when the changes pause (or every
        // SUBMIT_EVERY while they do not), not on every key: the writer only
        // writes the newest state anyway.
        if app.revision != seen_revision {
            (seen_revision, changed_at) = (app.revision, Instant::now());
        }
        let changed = submitted_revision != Some(app.revision) || retry;
        let waits = work.waits_for_minutes();
        let due = waits
            || changed_at.elapsed() >= SUBMIT_QUIET
            || last_submit.is_none_or(|t| t.elapsed() >= SUBMIT_EVERY);
        let submit = changed && due && idle()?;
        if submit {
            writer.submit(&app.meeting);
            submitted_revision = Some(app.revision);
            last_submit = Some(Instant::now());
        } else if changed && last_submit.is_some() && last_touch.elapsed() >= TOUCH_EVERY {
            writer.touch();
            last_touch = Instant::now();
        }
        if waits {
            writer.flush();
        }
        let revision = app.revision;
        // When the changes pause, the state is snapshot too (on its own thread),
        // so that a resume need not replay the whole journal.
        if submit {
            session.snapshot_soon();
        }
        // The journal's once-a-second fsync of typing (milliseconds on a real
        // disk), and a turn of the undo history before a resumed snapshot: not
        // while the writer renders the minutes, as the two together would be
        // the most memory scribe ever holds (a resume has it do both at once).
        let replay_turn = writer.caught_up();
        if session.sync_due() && idle()? {
            if replay_turn {
                session.sync_if_due();
            } else {
                session.sync_journal_if_due();
            }
        }
        // Sleep until an event, the next second of the clock, or a signal's turn
        // to be looked at.
        let millis = 1000 - u64::from(clock.now().timestamp_subsec_millis().min(999));
        let mut timeout = Duration::from_millis(millis.max(10)).min(signals::CHECK_EVERY);
        if submitted_revision != Some(revision) {
            timeout = timeout.min(SUBMIT_QUIET.saturating_sub(changed_at.elapsed()));
        }
        // Work under way is looked at often: its result shows at once.
        if work.busy() {
            timeout = timeout.min(Duration::from_millis(50));
        }
        // The undo history before a resumed snapshot is made a turn at a time
        // while no key waits (see `Session::sync_if_due`): the next turn is due now.
        if session.history_before_snapshot_pending() {
            timeout = if replay_turn {
                Duration::ZERO
            } else {
                timeout.min(Duration::from_millis(5))
            };
        }
        if event::poll(timeout)? {
            // Apply every event already waiting before drawing again: a burst of
            // typing costs one draw. Each action reaches the journal before the
            // draw that shows it.
            loop {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        let key = keys::from_crossterm(&k);
                        // A panel over the notes takes the keys it answers to.
                        let key = key.filter(|&key| {
                            pending.draw |= view.panel.is_some();
                            view.panel.is_none()
                                || work.key(key, session, view) == jobs::KeyUse::PassOn
                        });
                        if let Some(key) = key {
                            let size = screen.terminal.size()?;
                            let screen = Rect::new(0, 0, size.width, size.height);
                            for key in view.keymap.expand(session.app.mode(), key) {
                                let Some(action) = view.keymap.resolve(session.app.mode(), key)
                                else {
                                    continue;
                                };
                                let action = keys::paged(action, &session.app, screen);
                                if work.holds_quit(action, session, view) {
                                    pending.draw = true;
                                    continue;
                                }
                                let effect = session.apply(action, clock.now()).effect;
                                if let Some(effect) = effect
                                    && jobs::Work::takes(effect)
                                {
                                    work.effect(effect, session, view);
                                }
                                pending.note(effect);
                                if pending.quit {
                                    break;
                                }
                            }
                        }
                    }
                    Event::Paste(text) => {
                        let typed = work.paste(&text, view) || session.paste(&text, clock.now());
                        pending.draw |= typed;
                    }
                    // The pointer moving over the terminal sends events too:
                    // those that do nothing are not laid out (a layout works
                    // out the timer's plan, a walk of the whole agenda).
                    Event::Mouse(m) if mouse::acts_on(&m) => {
                        let size = screen.terminal.size()?;
                        let areas =
                            draw::layout(Rect::new(0, 0, size.width, size.height), &session.app);
                        for action in mouse::actions(&session.app, &areas, &m) {
                            if work.holds_quit(action, session, view) {
                                pending.draw = true;
                                continue;
                            }
                            pending.note(session.apply(action, clock.now()).effect);
                        }
                    }
                    Event::Resize(width, height) => {
                        // The size is told here, never asked for on each frame.
                        let size = ratatui::layout::Size { width, height };
                        screen.terminal.backend_mut().set_size(size);
                        pending.draw = true;
                    }
                    _ => {}
                }
                if pending.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        let now = clock.now();
        if now.timestamp() != shown_second {
            shown_second = now.timestamp();
            session.app.tick(now);
            pending.draw = true;
        }
    }
}
