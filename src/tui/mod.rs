//! The live terminal interface: opens a meeting, runs the event loop, and keeps the
//! minutes file written.
//!
//! The loop reads a crossterm event, turns it into an [`Action`] through the keymap,
//! applies it with [`update`], and draws the screen with [`draw::draw`] — only when
//! something changed or the clock's second moved on. The minutes are written by a
//! [`writer::MinutesWriter`] thread, so keys never wait for the disk.

pub mod demo;
pub mod draw;
pub mod interim_minutes;
pub mod panes;
pub mod terminal;
pub mod writer;

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use chrono::{DateTime, Utc};
use crossterm::event::{self, Event, KeyEventKind};

use crate::app::{App, Clock, FixedClock, Key, SaveStatus, SystemClock, View, Zone, update};
use crate::keymap::{Keymap, user_keymap_path};
use crate::model::Meeting;
use writer::{MinutesWriter, RenderFn, SaveReport, WriteFn};

/// The shortest time between two copies of the meeting handed to the writer.
const SUBMIT_EVERY: Duration = Duration::from_millis(100);

/// How `scribe` (or `scribe run`) was asked to start.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The meeting file; `None` opens the embedded demo meeting.
    pub input: Option<PathBuf>,
    /// Where the minutes go; by default `<input stem>-minutes.md` next to the
    /// input, or `scribe-demo-minutes.md` in the current folder for the demo.
    pub output: Option<PathBuf>,
    /// A keymap file, or the name of a built-in one (`vim`, `emacs`).
    pub keymap: Option<PathBuf>,
    /// A clock standing still at this time instead of the system clock
    /// (scripted runs and end-to-end tests).
    pub fixed_now: Option<DateTime<Utc>>,
}

/// How the minutes are made from the meeting and put on disk.
pub struct MinutesSink {
    pub render: RenderFn,
    pub write: WriteFn,
}

impl MinutesSink {
    /// The renderer and writer used by `run`.
    pub fn standard() -> MinutesSink {
        MinutesSink {
            render: Box::new(interim_minutes::render),
            write: Box::new(write_whole),
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so the
/// file on disk is always either the old or the new minutes.
fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write as _;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Reads a YAML meeting file.
pub fn load_meeting(path: &Path) -> anyhow::Result<Meeting> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the meeting file", path.display()))?;
    yaml_serde::from_str::<Meeting>(&text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        anyhow::anyhow!("{}:{line}:{column}: {e}", path.display())
    })
}

/// The minutes' path for a meeting file: `<stem>-minutes.md` beside it.
pub fn default_output(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map_or_else(|| "meeting".into(), |s| s.to_string_lossy().into_owned());
    input.with_file_name(format!("{stem}-minutes.md"))
}

/// True unless `NO_COLOR` is set to something (see no-color.org).
pub fn colors_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Opens the meeting and runs the live interface until the secretary quits.
pub fn run(opts: RunOptions) -> anyhow::Result<()> {
    let keymap = Keymap::load(opts.keymap.as_deref(), user_keymap_path().as_deref())?;
    let clock: Box<dyn Clock> = match opts.fixed_now {
        Some(t) => Box::new(FixedClock::new(t)),
        None => Box::new(SystemClock),
    };
    let now = clock.now();
    let (meeting, output) = match &opts.input {
        None => (
            demo::demo_meeting(now),
            opts.output
                .clone()
                .unwrap_or_else(|| PathBuf::from(demo::DEMO_OUTPUT)),
        ),
        Some(input) => {
            if input
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
            {
                bail!(
                    "{}: opening Markdown agendas is not available in this build yet; use a YAML meeting file",
                    input.display()
                );
            }
            let output = opts.output.clone().unwrap_or_else(|| default_output(input));
            (load_meeting(input)?, output)
        }
    };
    let view = View {
        output: output.clone(),
        keymap,
        zone: Zone::Local,
        color: colors_wanted(),
        save: SaveStatus::default(),
    };
    let mut app = App::new(meeting, view, now);
    let sink = MinutesSink::standard();
    let writer_clock: Box<dyn Clock> = match opts.fixed_now {
        Some(t) => Box::new(FixedClock::new(t)),
        None => Box::new(SystemClock),
    };
    let writer = MinutesWriter::spawn(output.clone(), sink.render, sink.write, writer_clock);

    let mut terminal = terminal::enter().context("cannot set up the terminal")?;
    let outcome = event_loop(&mut terminal, &mut app, clock.as_ref(), &writer);
    terminal::leave();
    let last = writer.finish();
    outcome?;
    match last {
        Some(SaveReport::Failed(e)) => bail!(
            "{}: the minutes could not be written: {e}",
            output.display()
        ),
        _ => {
            println!("Minutes saved to {}", output.display());
            Ok(())
        }
    }
}

/// Types pasted text into the editor or prompt as it is: line breaks are plain
/// new lines (no bullet is added), so pasted notes keep their own markers.
/// Returns whether anything was typed.
pub fn paste(app: &mut App, text: &str, now: DateTime<Utc>) -> bool {
    use crate::app::{Action, KeyCode};
    use crate::keymap::Mode;
    if !matches!(panes::status::mode(app), Mode::Editor | Mode::Prompt) {
        return false;
    }
    let mut typed = false;
    // Pasting list lines onto a fresh empty bullet ("- ", "- [ ] ") replaces it, so
    // "- a" does not become "- - a".
    if let Some(editor) = &app.editor {
        let ratatui_textarea::DataCursor(row, col) = editor.textarea.cursor();
        let line = editor.textarea.lines().get(row).map_or("", String::as_str);
        let pasted = text.trim_start_matches([' ', '\t']);
        let empty_bullet = line.trim_start().starts_with('-')
            && crate::app::notes::parse_line(line).is_none_or(|l| l.text.trim().is_empty());
        if empty_bullet
            && col == line.chars().count()
            && (pasted.starts_with("- ") || pasted.starts_with("* "))
        {
            for _ in 0..col {
                update(app, Action::Type(Key::plain(KeyCode::Backspace)), now);
            }
        }
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let key = match c {
            // \r\n and \r alone are one line break.
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                Key::plain(KeyCode::Enter)
            }
            '\n' => Key::plain(KeyCode::Enter),
            c if c.is_control() && c != '\t' => continue,
            c => Key::char(c),
        };
        update(app, Action::Type(key), now);
        typed = true;
    }
    typed
}

/// Reads events and applies them until the secretary quits.
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    clock: &dyn Clock,
    writer: &MinutesWriter,
) -> anyhow::Result<()> {
    let mut needs_draw = true;
    let mut shown_second = app.now.timestamp();
    // The minutes are written once at the start, so the file exists from the beginning.
    let mut submitted_revision = None;
    let mut last_submit: Option<Instant> = None;
    loop {
        // Hand the meeting to the writer at most every SUBMIT_EVERY while typing:
        // copying a long meeting on every key would cost the typist for nothing,
        // as the writer only writes the newest state anyway.
        let pending = submitted_revision != Some(app.revision);
        let due = last_submit.is_none_or(|t| t.elapsed() >= SUBMIT_EVERY);
        if pending && (due || app.quit) {
            writer.submit(&app.meeting);
            submitted_revision = Some(app.revision);
            last_submit = Some(Instant::now());
        }
        for report in writer.reports() {
            app.view.save = match report {
                SaveReport::Saved(at) => SaveStatus {
                    saved_at: Some(at),
                    error: None,
                },
                SaveReport::Failed(e) => SaveStatus {
                    error: Some(e),
                    ..app.view.save.clone()
                },
            };
            needs_draw = true;
        }
        if app.quit {
            return Ok(());
        }
        if needs_draw {
            terminal.draw(|frame| draw::draw(frame, app))?;
            needs_draw = false;
        }
        // Sleep until an event or the next second of the clock.
        let millis = 1000 - u64::from(clock.now().timestamp_subsec_millis().min(999));
        let mut timeout = Duration::from_millis(millis.max(10));
        if submitted_revision != Some(app.revision)
            && let Some(t) = last_submit
        {
            timeout = timeout.min(SUBMIT_EVERY.saturating_sub(t.elapsed()));
        }
        if event::poll(timeout)? {
            // Apply every event already waiting before drawing again: a burst of
            // typing costs one draw.
            loop {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        if let Some(key) = Key::from_crossterm(&k) {
                            let mode = panes::status::mode(app);
                            if let Some(action) = app.view.keymap.resolve(mode, key) {
                                update(app, action, clock.now());
                                needs_draw = true;
                            }
                        }
                    }
                    Event::Paste(text) if paste(app, &text, clock.now()) => needs_draw = true,
                    Event::Resize(..) => needs_draw = true,
                    _ => {}
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        let now = clock.now();
        if now.timestamp() != shown_second {
            shown_second = now.timestamp();
            app.tick(now);
            needs_draw = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::model::Note;
    use chrono::FixedOffset;

    fn app() -> App {
        let mut m = Meeting::new("t", Utc::now());
        m.agenda = vec![crate::model::Item::new("Welcome")];
        let view = View {
            output: "m.md".into(),
            keymap: Keymap::default_map(),
            zone: Zone::Fixed(FixedOffset::east_opt(0).unwrap()),
            color: false,
            save: SaveStatus::default(),
        };
        App::new(m, view, Utc::now())
    }

    #[test]
    fn pasted_notes_keep_their_own_structure() {
        let mut app = app();
        let now = app.now;
        assert!(!paste(&mut app, "ignored outside the editor", now));
        update(&mut app, Action::EditNotes, now);
        // The editor starts with "- "; the paste goes after it.
        assert!(paste(
            &mut app,
            "first\r\n  - nested\n- [x] done\u{1b}[31m",
            now
        ));
        update(&mut app, Action::NewLine, now);
        // A paste of list lines onto the new empty bullet replaces the bullet.
        assert!(paste(&mut app, "- pasted\n  - too", now));
        let lines = app.editor.as_ref().unwrap().textarea.lines().to_vec();
        assert_eq!(lines[3..], ["- pasted", "  - too"]);
        let notes = &app.meeting.agenda[0].notes;
        assert_eq!(notes[0].text, "first");
        assert_eq!(notes[0].notes, [Note::new("nested")]);
        assert_eq!(notes[1].checked, Some(true));
        // The escape character is dropped; what follows it is plain text.
        assert_eq!(notes[1].text, "done[31m");
    }

    #[test]
    fn default_output_sits_beside_the_input() {
        assert_eq!(
            default_output(Path::new("/m/2024-05-15.yaml")),
            PathBuf::from("/m/2024-05-15-minutes.md")
        );
    }
}
