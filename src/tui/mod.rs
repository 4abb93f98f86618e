//! The live terminal interface: opens a meeting, runs the event loop, and keeps the
//! minutes file written.
//!
//! The loop reads a crossterm event, turns it into an [`Action`] through the keymap,
//! applies it with [`update`], and draws the screen with [`draw::draw`] — only when
//! something changed or the clock's second moved on. The minutes are written by a
//! [`writer::MinutesWriter`] thread, so keys never wait for the disk.

pub mod demo;
pub mod draw;
pub mod mouse;
pub mod panes;
pub mod terminal;
pub mod writer;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use chrono::{DateTime, Utc};
use crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::Rect;

use crate::app::{App, Clock, FixedClock, Key, SaveStatus, SystemClock, View, Zone, update};
use crate::config::{Config, ConfigPaths, KeymapChoice, OutputStyle};
use crate::error::InputError;
use crate::input::{Input, load_input};
use crate::keymap::{Keymap, user_keymap_path};
use crate::model::Meeting;
use crate::render::{self, Style};
use crate::write::write_atomic;
use writer::{MinutesWriter, RenderFn, SaveReport, WriteFn};

/// The shortest time between two copies of the meeting handed to the writer.
/// Longer than the writer's debounce, so that about one copy is made per write:
/// copying a meeting of 20,000 note lines takes milliseconds and megabytes, and
/// every change is still on disk well within a second.
const SUBMIT_EVERY: Duration = Duration::from_millis(250);

/// How `scribe` (or `scribe run`) was asked to start.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The meeting file; `None` opens the embedded demo meeting.
    pub input: Option<PathBuf>,
    /// Where the minutes go; by default `<input stem>-minutes.md` next to the input
    /// (or in the configured output folder), `scribe-demo-minutes.md` in the
    /// current folder for the demo.
    pub output: Option<PathBuf>,
    /// A keymap file, or the name of a built-in one (`vim`, `emacs`); by default
    /// the one the config file names.
    pub keymap: Option<PathBuf>,
    /// The minutes' layout; by default the config file's.
    pub style: Option<Style>,
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
    /// The crate's renderer in `style`, written atomically.
    pub fn standard(style: Style) -> MinutesSink {
        MinutesSink {
            render: Box::new(move |m: &Meeting| render::render(m, style)),
            write: Box::new(write_atomic),
        }
    }
}

/// The minutes' path for a meeting file: `<stem>-minutes.md` beside it, or in
/// `folder` when one is configured.
pub fn default_output(input: &Path, folder: Option<&Path>) -> PathBuf {
    let stem = input
        .file_stem()
        .map_or_else(|| "meeting".into(), |s| s.to_string_lossy().into_owned());
    let name = format!("{stem}-minutes.md");
    match folder {
        Some(folder) => folder.join(name),
        None => input.with_file_name(name),
    }
}

/// The user's settings and where they live (defaults when there is no home).
fn user_config() -> Result<(Config, Option<ConfigPaths>), InputError> {
    let Some(paths) = ConfigPaths::from_project_dirs() else {
        return Ok((Config::default(), None));
    };
    let config = Config::load(&paths.config_file)
        .map_err(|e| InputError::at(&e.path, e.line.max(1), e.column.max(1), e.message.clone()))?;
    Ok((config, Some(paths)))
}

/// The keymap in force for `pick` (a `--keymap` file or built-in name), else the
/// config file's keymap, with the user's `keymap.yaml` laid over it.
pub fn effective_keymap(pick: Option<&Path>) -> Result<Keymap, InputError> {
    let (config, paths) = user_config()?;
    let opts = RunOptions {
        keymap: pick.map(Path::to_path_buf),
        ..RunOptions::default()
    };
    keymap_for(&opts, &config, paths.as_ref())
}

/// The keymap in force: `--keymap`, else the config's, with the user's
/// `keymap.yaml` laid over it.
fn keymap_for(
    opts: &RunOptions,
    config: &Config,
    paths: Option<&ConfigPaths>,
) -> Result<Keymap, InputError> {
    let pick = match (&opts.keymap, paths) {
        (Some(path), _) => Some(path.clone()),
        (None, Some(paths)) => Some(match config.keymap_choice(paths) {
            KeymapChoice::Named(name) => PathBuf::from(name),
            KeymapChoice::File(path) => path,
        }),
        (None, None) => None,
    };
    Ok(Keymap::load(
        pick.as_deref(),
        user_keymap_path().as_deref(),
    )?)
}

/// Opens the meeting and runs the live interface until the secretary quits.
pub fn run(opts: RunOptions) -> anyhow::Result<()> {
    let (config, paths) = user_config()?;
    let keymap = keymap_for(&opts, &config, paths.as_ref())?;
    let config_style = match config.style {
        OutputStyle::Seed => Style::Seed,
        OutputStyle::Checkbox => Style::Checkbox,
    };
    let clock: Box<dyn Clock> = match opts.fixed_now {
        Some(t) => Box::new(FixedClock::new(t)),
        None => Box::new(SystemClock),
    };
    let now = clock.now();
    let folder = paths.as_ref().and_then(|p| config.output_folder(p));
    // The style: --style, else the meeting file's (when it chose checkbox), else
    // the config's.
    let style_for = |meeting: &Meeting| {
        opts.style.unwrap_or(if meeting.style == Style::Checkbox {
            Style::Checkbox
        } else {
            config_style
        })
    };
    let (meeting, output, sink) = match &opts.input {
        None => {
            let meeting = demo::demo_meeting(now);
            let output = opts
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from(demo::DEMO_OUTPUT));
            let sink = MinutesSink::standard(style_for(&meeting));
            (meeting, output, sink)
        }
        Some(input) => match load_input(input)? {
            Input::Yaml(meeting) => {
                // -o, else the meeting file's `output` (relative to its folder),
                // else beside it (or in the configured folder).
                let output = opts
                    .output
                    .clone()
                    .unwrap_or_else(|| match &meeting.output {
                        Some(out) => input.parent().unwrap_or(Path::new("")).join(out),
                        None => default_output(input, folder.as_deref()),
                    });
                let sink = MinutesSink::standard(style_for(&meeting));
                (*meeting, output, sink)
            }
            // A Markdown agenda is the document being filled in: by default the
            // minutes are written over it, and only the lines the meeting changed
            // are rewritten (the rest keeps its bytes).
            Input::Markdown(document) => {
                let meeting = document.meeting();
                let output = opts.output.clone().unwrap_or_else(|| input.clone());
                let sink = MinutesSink {
                    render: Box::new(move |m: &Meeting| document.render_string(m)),
                    write: Box::new(write_atomic),
                };
                (meeting, output, sink)
            }
        },
    };
    let view = View {
        output: output.clone(),
        keymap,
        zone: if config.show_local_time {
            Zone::Local
        } else {
            Zone::Utc
        },
        theme: config.theme(),
        save: SaveStatus::default(),
    };
    let mut app = App::new(meeting, view, now);
    let writer_clock: Box<dyn Clock> = match opts.fixed_now {
        Some(t) => Box::new(FixedClock::new(t)),
        None => Box::new(SystemClock),
    };
    let writer = MinutesWriter::spawn(output.clone(), sink.render, sink.write, writer_clock);

    // Everything the user gave is checked above, with or without a terminal.
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        bail!(
            "the live interface needs a terminal; to write minutes from a file use `scribe render`"
        );
    }
    let mut terminal = terminal::enter(config.mouse).context("cannot set up the terminal")?;
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
            if submitted_revision != Some(app.revision) {
                writer.submit(&app.meeting);
            }
            return Ok(());
        }
        if needs_draw {
            terminal.draw(|frame| draw::draw(frame, app))?;
            needs_draw = false;
        }
        // Hand the meeting to the writer at most every SUBMIT_EVERY while typing:
        // copying a long meeting on every key would cost the typist for nothing,
        // as the writer only writes the newest state anyway. The copy is made after
        // the frame is on screen, and not while keys are waiting, so it never
        // stands between a key and its echo.
        let pending = submitted_revision != Some(app.revision);
        let due = last_submit.is_none_or(|t| t.elapsed() >= SUBMIT_EVERY);
        if pending && due && !event::poll(Duration::ZERO)? {
            writer.submit(&app.meeting);
            submitted_revision = Some(app.revision);
            last_submit = Some(Instant::now());
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
                    Event::Mouse(m) => {
                        let size = terminal.size()?;
                        let areas = draw::layout(Rect::new(0, 0, size.width, size.height), app);
                        for action in mouse::actions(app, &areas, &m) {
                            update(app, action, clock.now());
                            needs_draw = true;
                        }
                    }
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
            theme: crate::theme::Theme::no_color(),
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
            default_output(Path::new("/m/2024-05-15.yaml"), None),
            PathBuf::from("/m/2024-05-15-minutes.md")
        );
        assert_eq!(
            default_output(Path::new("/m/2024-05-15.yaml"), Some(Path::new("/out"))),
            PathBuf::from("/out/2024-05-15-minutes.md")
        );
    }
}
