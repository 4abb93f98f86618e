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
pub mod signals;
pub mod terminal;
pub mod writer;

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use chrono::{DateTime, Utc};
use crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::Rect;

use crate::app::session::Session;
use crate::app::{Action, App, Clock, FixedClock, Key, SaveStatus, SystemClock, View, Zone};
use crate::config::{Config, ConfigPaths, KeymapChoice, OutputStyle};
use crate::error::InputError;
use crate::input::{Input, InputKind, parse_input};
use crate::journal::{self, Entry, Journal, JournalPaths, Record};
use crate::keymap::{Keymap, user_keymap_path};
use crate::lock::MeetingLock;
use crate::meeting_file::read_input_file;
use crate::model::Meeting;
use crate::render::{self, Style};
use crate::write::write_atomic;
use writer::{MinutesWriter, RenderFn, SaveReport, WriteFn};

/// The shortest time between two copies of the meeting handed to the writer.
/// Longer than the writer's debounce, so that about one copy is made per write:
/// copying a meeting of 20,000 note lines takes milliseconds and megabytes, and
/// every change is still on disk well within a second.
const SUBMIT_EVERY: Duration = Duration::from_millis(250);

/// How often a failed write of the minutes is tried again.
const RETRY_EVERY: Duration = Duration::from_secs(3);

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
    /// What to do when the meeting's last session did not finish.
    pub resume: ResumeChoice,
}

/// What to do when the journal shows that the meeting's last session did not finish.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ResumeChoice {
    /// Ask before the interface starts.
    #[default]
    Ask,
    /// Resume it (`--resume`).
    Resume,
    /// Start again from the input file (`--fresh`).
    Fresh,
}

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The secretary quit.
    Quit,
    /// A signal (its name) asked scribe to stop.
    Signal(&'static str),
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
    let style = opts.style;
    // The input as it is now: its bytes become the session's base unless an
    // unfinished session is resumed, whose base the journal kept.
    let (kind_path, bytes) = match &opts.input {
        None => (
            PathBuf::from(demo::DEMO_BASE_NAME),
            crate::meeting_file::to_yaml(&demo::demo_meeting(now)).into_bytes(),
        ),
        Some(input) => (input.clone(), read_input_file(input)?),
    };
    let opened = open_input(&kind_path, &bytes, style, config_style)?;
    // -o, else for a meeting file its `output` (relative to its folder), else
    // beside it (or in the configured folder); a Markdown agenda is the document
    // being filled in, so the minutes are written over it.
    let output = match (&opts.output, &opts.input) {
        (Some(out), _) => out.clone(),
        (None, None) => PathBuf::from(demo::DEMO_OUTPUT),
        (None, Some(input)) => match (&opened.kind, &opened.meeting.output) {
            (InputKind::Markdown, _) => input.clone(),
            (InputKind::Yaml, Some(out)) => input.parent().unwrap_or(Path::new("")).join(out),
            (InputKind::Yaml, None) => default_output(input, folder.as_deref()),
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

    // Everything the user gave is checked above, with or without a terminal.
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        bail!(
            "the live interface needs a terminal; to write minutes from a file use `scribe render`"
        );
    }
    let journal_paths = paths
        .as_ref()
        .map(|p| JournalPaths::for_output(&p.data_dir, &output));
    let (mut session, sink, _lock, yaml_input) = match &journal_paths {
        Some(jp) => start_session(
            jp,
            opened,
            &kind_path,
            &bytes,
            view,
            now,
            &opts,
            config_style,
        )?,
        None => {
            let yaml = opened.kind == InputKind::Yaml;
            let mut app = App::new(opened.meeting, view, now);
            app.message = Some("No data directory: this session has no journal".into());
            (Session::new(app, None), opened.sink, None, yaml)
        }
    };
    let writer_clock: Box<dyn Clock> = match opts.fixed_now {
        Some(t) => Box::new(FixedClock::new(t)),
        None => Box::new(SystemClock),
    };
    let writer = MinutesWriter::spawn(output.clone(), sink.render, sink.write, writer_clock);

    let signalled = signals::watch();
    signals::watchdog(signalled.clone(), session.journal_sync_handle());
    let mut terminal = terminal::enter(config.mouse).context("cannot set up the terminal")?;
    let outcome = event_loop(
        &mut terminal,
        &mut session,
        clock.as_ref(),
        &writer,
        &signalled,
    );
    terminal::leave();
    // A meeting file's meeting that has not ended stays open in the journal: the
    // next start offers to resume it rather than start again from the file.
    let finished = matches!(outcome, Ok(Ending::Quit))
        && (!yaml_input || session.app.meeting.actual.end.is_some());
    session.close(clock.now(), finished);
    let last = writer.finish();
    match outcome? {
        Ending::Quit => {}
        Ending::Signal(name) => {
            eprintln!(
                "scribe: stopped by {name}; everything is in the journal: run scribe again on this meeting to resume"
            );
        }
    }
    match last {
        Some(SaveReport::Failed(e)) => bail!(
            "{}: the minutes could not be written: {e}",
            output.display()
        ),
        Some(SaveReport::Diverted { to, .. }) => {
            println!(
                "{} was changed by someone else while the meeting ran and is left as they wrote it; scribe's minutes are in {}",
                output.display(),
                to.display()
            );
            Ok(())
        }
        _ => {
            println!("Minutes saved to {}", output.display());
            Ok(())
        }
    }
}

/// An input read: its meeting, how its minutes are made, and its kind.
struct Opened {
    meeting: Meeting,
    sink: MinutesSink,
    kind: InputKind,
}

/// Reads an input's `bytes` (as if at `path`) into a meeting and the way its
/// minutes are made: a YAML meeting through the renderer in its style, a Markdown
/// document by rewriting only what the meeting changed.
fn open_input(
    path: &Path,
    bytes: &[u8],
    style: Option<Style>,
    config_style: Style,
) -> Result<Opened, InputError> {
    Ok(match parse_input(path, bytes)? {
        Input::Yaml(meeting) => {
            // --style, else the meeting file's (when it chose checkbox), else the
            // config's.
            let style = style.unwrap_or(if meeting.style == Style::Checkbox {
                Style::Checkbox
            } else {
                config_style
            });
            Opened {
                meeting: *meeting,
                sink: MinutesSink::standard(style),
                kind: InputKind::Yaml,
            }
        }
        Input::Markdown(document) => Opened {
            meeting: document.meeting(),
            sink: MinutesSink {
                render: Box::new(move |m: &Meeting| document.render_string(m)),
                write: Box::new(write_atomic),
            },
            kind: InputKind::Markdown,
        },
    })
}

/// Takes the meeting's lock, then resumes its unfinished session or starts a new
/// one (keeping the input's bytes as the new session's base).
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn start_session(
    jp: &JournalPaths,
    opened: Opened,
    kind_path: &Path,
    bytes: &[u8],
    view: View,
    now: DateTime<Utc>,
    opts: &RunOptions,
    config_style: Style,
) -> anyhow::Result<(Session, MinutesSink, Option<MeetingLock>, bool)> {
    let lock = MeetingLock::acquire(&jp.lock)?;
    let (contents, mut warnings) = match journal::read::<Action>(&jp.journal) {
        Ok(contents) => {
            let warnings = contents.warnings.clone();
            (Some(contents), warnings)
        }
        Err(e) => (
            None,
            vec![format!(
                "cannot read the journal {}: {e}",
                jp.journal.display()
            )],
        ),
    };
    let unfinished = contents.as_ref().filter(|c| c.unfinished);
    if let Some(contents) = unfinished
        && resume_wanted(opts.resume, contents, &view.output)?
    {
        let (input, opened_at) = match contents.last_session.first() {
            Some(Record {
                at,
                entry: Entry::Open { input, .. },
            }) => (input.clone(), *at),
            _ => (kind_path.to_path_buf(), now),
        };
        let base = std::fs::read(&jp.base)
            .with_context(|| format!("cannot read the journal's base {}", jp.base.display()))?;
        let opened = open_input(&input, &base, opts.style, config_style)
            .map_err(|e| anyhow::anyhow!("the journal's base copy of the input: {e}"))?;
        let yaml = opened.kind == InputKind::Yaml;
        let journal = Journal::open(&jp.journal)
            .with_context(|| format!("cannot open the journal {}", jp.journal.display()))?;
        let app = App::new(opened.meeting, view, opened_at);
        let mut session = Session::resume(app, &contents.last_session, Some(journal));
        let replayed = contents
            .last_session
            .iter()
            .filter(|r| !matches!(r.entry, Entry::Open { .. }))
            .count();
        warnings.insert(0, format!("Resumed: {replayed} journal records replayed"));
        session.app.message = Some(warnings.join(" · "));
        return Ok((session, opened.sink, Some(lock), yaml));
    }
    let yaml = opened.kind == InputKind::Yaml;
    let mut app = App::new(opened.meeting, view, now);
    // The journal is a safety net: if it cannot be kept, scribe still runs and says so.
    let journal = write_atomic(&jp.base, bytes)
        .and_then(|()| Journal::open(&jp.journal))
        .and_then(|mut journal| {
            journal.append(
                &Record::<Action> {
                    at: now,
                    entry: Entry::Open {
                        input: kind_path.to_path_buf(),
                        output: app.view.output.clone(),
                    },
                },
                true,
            )?;
            Ok(journal)
        });
    let journal = match journal {
        Ok(journal) => Some(journal),
        Err(e) => {
            warnings.push(format!(
                "no journal ({}: {e}): a crash would lose this session",
                jp.journal.display()
            ));
            None
        }
    };
    if !warnings.is_empty() {
        app.message = Some(warnings.join(" · "));
    }
    Ok((Session::new(app, journal), opened.sink, Some(lock), yaml))
}

/// Whether to resume an unfinished session: the flag, else the secretary's answer.
fn resume_wanted(
    choice: ResumeChoice,
    contents: &journal::Contents<Action>,
    output: &Path,
) -> anyhow::Result<bool> {
    match choice {
        ResumeChoice::Resume => return Ok(true),
        ResumeChoice::Fresh => return Ok(false),
        ResumeChoice::Ask => {}
    }
    let started = contents.last_session.first().map(|r| r.at);
    let last = contents.last_session.last().map(|r| r.at);
    let changes = contents
        .last_session
        .iter()
        .filter(|r| !matches!(r.entry, Entry::Open { .. }))
        .count();
    let mut err = std::io::stderr();
    writeln!(
        err,
        "The last session on {} did not finish (opened {}, {changes} keys and changes, the last at {}).",
        output.display(),
        started.map_or("?".into(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
        last.map_or("?".into(), |t| t.format("%H:%M:%S UTC").to_string()),
    )?;
    for warning in &contents.warnings {
        writeln!(err, "warning: {warning}")?;
    }
    loop {
        write!(
            err,
            "Resume it? [Y]es, resume / [n]o, start again from the file / [q]uit: "
        )?;
        err.flush()?;
        let mut answer = String::new();
        if std::io::stdin().read_line(&mut answer)? == 0 {
            bail!("no answer; run with --resume or --fresh");
        }
        match answer.trim().to_ascii_lowercase().as_str() {
            "" | "y" | "yes" | "r" | "resume" => return Ok(true),
            "n" | "no" | "f" | "fresh" => return Ok(false),
            "q" | "quit" => bail!("nothing done; the journal is kept"),
            _ => {}
        }
    }
}

/// Types pasted text into the editor or prompt as it is: line breaks are plain
/// new lines (no bullet is added), so pasted notes keep their own markers.
/// Every key is journaled like a typed one. Returns whether anything was typed.
pub fn paste(session: &mut Session, text: &str, now: DateTime<Utc>) -> bool {
    use crate::app::KeyCode;
    use crate::keymap::Mode;
    if !matches!(
        panes::status::mode(&session.app),
        Mode::Editor | Mode::Prompt
    ) {
        return false;
    }
    let mut typed = false;
    // Pasting list lines onto a fresh empty bullet ("- ", "- [ ] ") replaces it, so
    // "- a" does not become "- - a".
    if let Some(editor) = &session.app.editor {
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
                session.apply(Action::Type(Key::plain(KeyCode::Backspace)), now);
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
        session.apply(Action::Type(key), now);
        typed = true;
    }
    typed
}

/// Reads events and applies them until the secretary quits or a signal stops it.
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    session: &mut Session,
    clock: &dyn Clock,
    writer: &MinutesWriter,
    signalled: &signals::Signalled,
) -> anyhow::Result<Ending> {
    let mut needs_draw = true;
    let mut shown_second = session.app.now.timestamp();
    // The minutes are written once at the start, so the file exists from the beginning.
    let mut submitted_revision = None;
    let mut last_submit: Option<Instant> = None;
    loop {
        let app = &mut session.app;
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
                SaveReport::Diverted { at, to } => SaveStatus {
                    saved_at: Some(at),
                    error: Some(format!(
                        "changed by someone else: kept, ours saved to {} (O: write ours over it)",
                        to.file_name().map_or_else(
                            || to.display().to_string(),
                            |n| n.to_string_lossy().into_owned()
                        )
                    )),
                },
            };
            needs_draw = true;
        }
        // The secretary chose scribe's minutes over a file someone else changed:
        // the writer takes the file back and gets the meeting again.
        if app.overwrite_minutes {
            app.overwrite_minutes = false;
            writer.overwrite();
            submitted_revision = None;
            last_submit = None;
        }
        if app.quit {
            if submitted_revision != Some(app.revision) {
                writer.submit(&app.meeting);
            }
            return Ok(Ending::Quit);
        }
        if let Some(name) = signalled.take() {
            // The newest state goes to the writer, which writes it on finishing.
            if submitted_revision != Some(app.revision) {
                writer.submit(&app.meeting);
            }
            return Ok(Ending::Signal(name));
        }
        if needs_draw {
            terminal.draw(|frame| draw::draw(frame, app))?;
            needs_draw = false;
        }
        // Work that is not the typist's comes after the frame is on screen, and
        // only while no key is waiting: it never stands between a key and its echo.
        let idle = !event::poll(Duration::ZERO)?;
        // A failed write (read-only folder, full disk) is tried again every few
        // seconds, and with every change; the file on disk stays the last good one.
        // (A diverted write is not a failure: the writer finds nothing new to do.)
        let retry = app.view.save.error.is_some()
            && last_submit.is_some_and(|t| t.elapsed() >= RETRY_EVERY);
        // Hand the meeting to the writer at most every SUBMIT_EVERY while typing:
        // copying a long meeting on every key would cost the typist for nothing,
        // as the writer only writes the newest state anyway.
        let pending = submitted_revision != Some(app.revision) || retry;
        let due = last_submit.is_none_or(|t| t.elapsed() >= SUBMIT_EVERY);
        if pending && due && idle {
            writer.submit(&app.meeting);
            submitted_revision = Some(app.revision);
            last_submit = Some(Instant::now());
        }
        let revision = app.revision;
        // The journal's once-a-second fsync of typing (milliseconds on a real disk).
        if idle {
            session.sync_if_due();
        }
        // Sleep until an event, the next second of the clock, or a signal's turn
        // to be looked at.
        let millis = 1000 - u64::from(clock.now().timestamp_subsec_millis().min(999));
        let mut timeout = Duration::from_millis(millis.max(10)).min(signals::CHECK_EVERY);
        if submitted_revision != Some(revision)
            && let Some(t) = last_submit
        {
            timeout = timeout.min(SUBMIT_EVERY.saturating_sub(t.elapsed()));
        }
        if event::poll(timeout)? {
            // Apply every event already waiting before drawing again: a burst of
            // typing costs one draw. Each action reaches the journal before the
            // draw that shows it.
            loop {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        if let Some(key) = Key::from_crossterm(&k) {
                            let mode = panes::status::mode(&session.app);
                            if let Some(action) = session.app.view.keymap.resolve(mode, key) {
                                session.apply(action, clock.now());
                                needs_draw = true;
                            }
                        }
                    }
                    Event::Paste(text) if paste(session, &text, clock.now()) => needs_draw = true,
                    Event::Mouse(m) => {
                        let size = terminal.size()?;
                        let areas =
                            draw::layout(Rect::new(0, 0, size.width, size.height), &session.app);
                        for action in mouse::actions(&session.app, &areas, &m) {
                            session.apply(action, clock.now());
                            needs_draw = true;
                        }
                    }
                    Event::Resize(..) => needs_draw = true,
                    _ => {}
                }
                if session.app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        let now = clock.now();
        if now.timestamp() != shown_second {
            shown_second = now.timestamp();
            session.app.tick(now);
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
        let mut session = Session::new(app(), None);
        let now = session.app.now;
        assert!(!paste(&mut session, "ignored outside the editor", now));
        session.apply(Action::EditNotes, now);
        // The editor starts with "- "; the paste goes after it.
        assert!(paste(
            &mut session,
            "first\r\n  - nested\n- [x] done\u{1b}[31m",
            now
        ));
        session.apply(Action::NewLine, now);
        // A paste of list lines onto the new empty bullet replaces the bullet.
        assert!(paste(&mut session, "- pasted\n  - too", now));
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
