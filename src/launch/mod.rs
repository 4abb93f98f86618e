//! Opening a meeting: everything between the command line and the first frame.
//!
//! [`open`] resolves the settings once (config file, keymap, style, output), reads
//! the input once (YAML meeting or Markdown agenda, see [`crate::input::Source`]),
//! takes the meeting's lock, opens or resumes its journal, and starts the minutes
//! writer. None of it needs a terminal; the terminal layer (`crate::tui`) runs the
//! meeting it hands back, and may draw a long meeting file's first screen from a
//! preview while the file is read whole ([`preview`]).

pub mod demo;
mod output;
mod preview;

pub use output::{default_output, minutes_path};
pub use preview::{FirstScreen, PREVIEW_FROM};

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{DateTime, Utc};

use crate::app::{Action, App};
use crate::config::{Config, ConfigPaths, KeymapChoice};
use crate::error::InputError;
use crate::input::{Source, parse_input};
use crate::keymap::{Keymap, user_keymap_path};
use crate::meeting_file::read_input_file;
use crate::minutes;
use crate::model::{Meeting, Style};
use crate::services::clock::{Clock, FixedClock, SystemClock};
use crate::services::journal::{self, Entry, Journal, JournalPaths, JournalStart, Record};
use crate::services::lock::{LockError, MeetingLock};
use crate::services::session::Session;
use crate::services::writer::{
    MinutesWriter, RenderFn, Start, StartCheck, WriteFn, file_hash, hash_written_by_scribe,
    minutes_hash, write_atomic,
};
use crate::theme::Theme;

/// How `scribe` (or `scribe run`) was asked to start.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The meeting file; `None` opens the embedded demo meeting.
    pub input: Option<PathBuf>,
    /// Where the minutes go; by default `<input stem>-minutes.md` next to the input
    /// (or in the configured output folder), `scribe-demo-minutes.md` in the
    /// data folder for the demo (see [`demo::output_path`]).
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
    /// The meeting's date, over what the file says (or does not say).
    pub date: Option<chrono::NaiveDate>,
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

/// How the minutes are made from the meeting and put on disk.
pub struct MinutesSink {
    pub render: RenderFn,
    pub write: WriteFn,
}

impl MinutesSink {
    /// The crate's renderer in `style`, written atomically.
    pub fn standard(style: Style) -> MinutesSink {
        MinutesSink {
            render: Box::new(move |m: &Meeting, sink: &mut dyn FnMut(&str)| {
                minutes::markdown_pieces(m, style, sink)
            }),
            write: Box::new(write_atomic),
        }
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

/// A meeting opened and ready to be taken: the session (resumed or new), its
/// minutes writer, the lock that keeps it open once, and the settings the
/// interface draws with.
pub struct Launched {
    /// The live state with its journal.
    pub session: Session,
    /// The thread that keeps the minutes file written.
    pub writer: MinutesWriter,
    /// Held while the meeting is open; `None` without a data directory.
    pub lock: Option<MeetingLock>,
    /// Where the minutes are written.
    pub output: PathBuf,
    /// The input is a YAML meeting file (its minutes are a separate file).
    pub yaml_input: bool,
    /// The keys in force.
    pub keymap: Keymap,
    /// The colours.
    pub theme: Theme,
    /// Local time beside UTC.
    pub show_local_time: bool,
    /// Mouse clicks and the wheel are read.
    pub mouse: bool,
    /// The clock the session runs on.
    pub clock: Box<dyn Clock>,
}

impl Launched {
    /// Ends the session after the interface stopped: the journal is closed as
    /// `finished` or left open to resume, and the writer writes the newest state.
    /// Returns the writer's last report, and what the session held, for the
    /// caller to let go of (see [`Closed`]).
    pub fn close(self, quit: bool) -> Closed {
        let Launched {
            mut session,
            writer,
            lock,
            yaml_input,
            clock,
            ..
        } = self;
        // A meeting file's meeting that has not ended stays open in the journal: the
        // next start offers to resume it rather than start again from the file.
        let ends = quit && (!yaml_input || session.app.meeting.actual.end.is_some());
        // A session that stays open whatever the writer says is snapshot now, on
        // the snapshot's thread, while the writer renders and writes the minutes
        // on its own: the two are not waited for one after the other.
        if !ends {
            session.snapshot_soon();
        }
        // The minutes are written first: a session whose minutes could not be
        // written (full disk, read-only folder) stays open in the journal, so the
        // next start offers to resume it.
        let last = writer.finish();
        let saved = !matches!(last, Some(crate::services::writer::SaveReport::Failed(_)));
        session.close(clock.now(), ends && saved);
        drop(lock);
        Closed {
            last,
            session: Box::new(session),
        }
    }
}

/// A session closed: the minutes written (or not), the journal closed or left
/// open, the snapshot written, the lock let go.
pub struct Closed {
    /// The writer's last report.
    pub last: Option<crate::services::writer::SaveReport>,
    /// What the session held (the meeting, its history and checkpoints): all
    /// its work is done, so a process about to exit need not free it (freeing
    /// a long meeting's lists takes milliseconds).
    pub session: Box<Session>,
}

/// A clock for `opts`: standing still at `--now`, else the system's.
fn clock_for(opts: &RunOptions) -> Box<dyn Clock> {
    match opts.fixed_now {
        Some(t) => Box::new(FixedClock::new(t)),
        None => Box::new(SystemClock),
    }
}

/// Opens the meeting `opts` names. `check_terminal` runs after everything the user
/// gave has been checked and before anything is locked or written: the interface
/// refuses to start without a terminal there. `first_screen` is called when a
/// long meeting file's first screen can be drawn before the file is read whole
/// (see [`preview`]); it is not called otherwise.
pub fn open(
    opts: &RunOptions,
    check_terminal: impl FnOnce() -> anyhow::Result<()>,
    first_screen: impl FnOnce(FirstScreen<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<Launched> {
    let (config, paths) = user_config()?;
    let keymap = keymap_for(opts, &config, paths.as_ref())?;
    let config_style: Style = config.style.into();
    let clock = clock_for(opts);
    let now = clock.now();
    let folder = paths.as_ref().and_then(|p| config.output_folder(p));
    // The input as it is now: its bytes become the session's base unless an
    // unfinished session is resumed, whose base the journal kept.
    // A meeting opened through a symbolic link is the file it names: its minutes,
    // lock and journal are the same however it is reached.
    let input = opts.input.as_deref().map(through_links);
    let (kind_path, bytes) = match &input {
        None => (
            PathBuf::from(demo::DEMO_BASE_NAME),
            crate::meeting_file::to_yaml(&demo::demo_meeting(now)).into_bytes(),
        ),
        Some(input) => (input.clone(), read_input_file(input)?),
    };
    let mut check_terminal = Some(check_terminal);
    if opts.input.is_some() {
        let start = preview::Start {
            opts,
            input: &kind_path,
            bytes: &bytes,
            config: &config,
            paths: paths.as_ref(),
            keymap: &keymap,
            now,
        };
        preview::show(&start, &mut check_terminal, first_screen)?;
    }
    let mut opened = open_input(&kind_path, &bytes, opts.style, config_style)?;
    if let Some(date) = opts.date {
        opened.meeting.set_date(date);
    }
    // -o, else for a meeting file its `output` (relative to its folder), else
    // beside it (or in the configured folder); a Markdown agenda is the document
    // being filled in, so the minutes are written over it.
    let output = match (&opts.output, &input) {
        (Some(out), _) => out.clone(),
        (None, None) => demo::output_path(paths.as_ref().map(|p| p.data_dir.as_path()))?,
        (None, Some(input)) => minutes_path(
            input,
            &bytes,
            &opened.meeting,
            opened.yaml,
            folder.as_deref(),
        )?,
    };
    // A minutes file reached through a symbolic link is written through it: the
    // link stays, and the journal is keyed on the same file at every start.
    let output = through_links(&output);
    let journal_paths = paths
        .as_ref()
        .map(|p| JournalPaths::for_output(&p.data_dir, &output));
    let marker = journal_paths.as_ref().map(|jp| jp.saved.clone());
    // `-o` naming a file that is neither these minutes nor scribe's own is refused
    // before anything is written: it may be anything of the user's.
    // (The marker is asked first: it is cheaper than rendering the minutes.)
    if opts.output.is_some()
        && let Some(on_disk) = file_hash(&output)
        && !marker
            .as_deref()
            .is_some_and(|m| hash_written_by_scribe(m, on_disk))
        && on_disk != minutes_hash(&opened.sink.render, &opened.meeting)
    {
        return Err(InputError::whole_file(
            &output,
            "-o names a file that exists and is not these minutes (scribe did not write it); \
             expected a new file, or these minutes written by scribe before",
        )
        .into());
    }
    // Everything the user gave is checked above, with or without a terminal.
    if let Some(check) = check_terminal.take() {
        check()?;
    }
    let started = match &journal_paths {
        // The input's bytes are handed over: a resume lets them go before its
        // replay (a long file is not held).
        Some(jp) => start_session(jp, opened, &kind_path, bytes, &output, now, opts, &config)?,
        None => Started::without_journal(opened, now, &config, "no data directory"),
    };
    let Started {
        mut session,
        sink,
        lock,
        yaml: yaml_input,
        continuing,
        base_hash,
    } = started;
    let sink = with_lint_fixes(sink, &output);
    // The minutes file on disk is replaced only when it is what this session
    // starts from (for a session continued, the input it first started from: a
    // Markdown agenda not yet written over when the session stopped), or
    // scribe's own minutes of the session it continues (the demo too: it is
    // scribe's alone). Anything else — a colleague's edit made after
    // the last session, an earlier session's minutes when starting afresh — is
    // left as it is, and the minutes go beside it until `O`.
    // (Compared by hash, as the marker is: a long file is never held whole
    // here.) The writer's thread decides, before its first write: the first
    // frame does not wait for the file to be read and the minutes rendered.
    let check = StartCheck {
        meeting: session.app.meeting.clone(),
        base_hash,
        own_earlier: continuing || opts.input.is_none(),
    };
    if opts.input.is_none() && session.app.message.is_none() {
        session.app.message = Some(format!(
            "The demo meeting: its minutes go to {}",
            output.display()
        ));
    }
    let writer = MinutesWriter::spawn(
        output.clone(),
        sink.render,
        sink.write,
        clock_for(opts),
        Start {
            marker,
            check: Some(check),
            ..Start::default()
        },
    );
    Ok(Launched {
        session,
        writer,
        lock,
        output,
        yaml_input,
        keymap,
        theme: config.theme(),
        show_local_time: config.show_local_time,
        mouse: config.mouse,
        clock,
    })
}

/// An input read: its meeting, how its minutes are made, and its kind.
struct Opened {
    meeting: Meeting,
    sink: MinutesSink,
    /// A YAML meeting file (else a Markdown document).
    yaml: bool,
    /// How long each open item has been carried, when a Markdown file sits in
    /// a folder of minutes: read here, once, from the bytes the session starts
    /// from (so a resumed session sees the ages the lost one saw), and so that
    /// no key waits for it.
    ages: crate::history::Ages,
}

impl Opened {
    /// The live state at the start of a session on this input.
    fn app(&mut self, now: DateTime<Utc>, config: &Config) -> App {
        let ages = std::mem::take(&mut self.ages);
        new_app(self.meeting.clone(), self.yaml, ages, now, config)
    }
}

/// The live state at the start of a session on `meeting`, read from a YAML
/// meeting file or not.
fn new_app(
    meeting: Meeting,
    yaml: bool,
    ages: crate::history::Ages,
    now: DateTime<Utc>,
    config: &Config,
) -> App {
    let mut app = App::new(meeting, now);
    app.sections_unboxed = !yaml;
    app.ages = ages;
    app.carried_threshold = config.carried_threshold;
    app
}

/// The minutes made as `sink` makes them, with the safe lint fixes applied
/// once the secretary asked for them (see `Meeting::lint_fixes`): a function
/// of the text and the file's name, so every write (and a replay) gives the same.
fn with_lint_fixes(sink: MinutesSink, output: &Path) -> MinutesSink {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let render = sink.render;
    MinutesSink {
        render: Box::new(move |m: &Meeting, sink: &mut dyn FnMut(&str)| {
            if m.lint_fixes {
                // The fixes read the whole text.
                let mut text = String::new();
                render(m, &mut |piece| text.push_str(piece));
                sink(&crate::lint::fix_minutes(&name, &text))
            } else {
                render(m, sink)
            }
        }),
        write: sink.write,
    }
}

/// Whether the file at `path` holds exactly `bytes`, and the FNV-1a hash of
/// what it holds: read a piece at a time, none of it kept.
fn compare_file(path: &Path, bytes: &[u8]) -> std::io::Result<(bool, u64)> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut piece = vec![0u8; 64 * 1024];
    let (mut hash, mut at, mut same) = (journal::FNV_START, 0usize, true);
    loop {
        let got = match file.read(&mut piece) {
            Ok(0) => break,
            Ok(got) => got,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let piece = &piece[..got];
        hash = journal::fnv1a64_on(hash, piece);
        same = same && bytes.get(at..at + got) == Some(piece);
        at += got;
    }
    Ok((same && at == bytes.len(), hash))
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
        Source::Yaml(meeting) => {
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
                yaml: true,
                ages: crate::history::Ages::default(),
            }
        }
        Source::Markdown(document) => Opened {
            meeting: document.meeting(),
            // From the document read here: it is not read and parsed again.
            ages: crate::history::ages_of_document(&document),
            sink: MinutesSink {
                render: Box::new(move |m: &Meeting, sink: &mut dyn FnMut(&str)| {
                    sink(&document.rewrite_string(m))
                }),
                write: Box::new(write_atomic),
            },
            yaml: false,
        },
    })
}

/// `path` with a symbolic link at its end followed to the file it names (links
/// in its folders are left: writing goes through them anyway).
fn through_links(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Whether `a` and `b` name the same file, however each was written (relative
/// or absolute, through other folders): a session started as
/// `scribe ~/wg/meeting.yaml` and resumed as `scribe meeting.yaml` from `~/wg`
/// reads its input once, not its base copy again besides.
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(a), Ok(b)) if a == b
        )
}

/// A session started: its state and journal, how its minutes are made, and the
/// lock held.
struct Started {
    session: Session,
    sink: MinutesSink,
    lock: Option<MeetingLock>,
    /// The input is a YAML meeting file.
    yaml: bool,
    /// It continues an earlier session from its journal (resumed or reopened).
    continuing: bool,
    /// The hash of the input the continued session started from (its base copy):
    /// a minutes file that still says exactly that is the session's own to write.
    base_hash: Option<u64>,
}

impl Started {
    /// A session with no journal, as the README promises when there is no usable
    /// data folder: scribe runs, and says so.
    fn without_journal(
        mut opened: Opened,
        now: DateTime<Utc>,
        config: &Config,
        why: &str,
    ) -> Started {
        let mut app = opened.app(now, config);
        app.message = Some(format!(
            "No journal ({why}): a crash would lose this session; the minutes are written as usual"
        ));
        Started {
            session: Session::new(app, None),
            sink: opened.sink,
            lock: None,
            yaml: opened.yaml,
            continuing: false,
            base_hash: None,
        }
    }
}

/// Takes the meeting's lock, then resumes its unfinished session or starts a new
/// one (keeping the input's bytes as the new session's base).
#[allow(clippy::too_many_arguments)]
fn start_session(
    jp: &JournalPaths,
    opened: Opened,
    kind_path: &Path,
    bytes: Vec<u8>,
    output: &Path,
    now: DateTime<Utc>,
    opts: &RunOptions,
    config: &Config,
) -> anyhow::Result<Started> {
    let config_style: Style = config.style.into();
    let lock = match MeetingLock::acquire(&jp.lock) {
        Ok(lock) => lock,
        Err(held @ LockError::Held { .. }) => return Err(held.into()),
        // No usable data folder (read-only, not a folder, full): run without a
        // journal rather than not at all.
        Err(LockError::Io { source, .. }) => {
            let why = format!("{}: {source}", jp.lock.display());
            return Ok(Started::without_journal(opened, now, config, &why));
        }
    };
    let (mut contents, mut warnings) = match journal::read::<Action>(&jp.journal) {
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
    // A meeting file's finished meeting whose minutes hold what the file does not
    // (the notes typed) is reopened from its journal, not started again from the
    // file: reopening must never wipe the notes.
    let finished_with_notes = |c: &&journal::Contents<Action>| {
        !c.unfinished
            && !c.last_session.is_empty()
            && opened.yaml
            && opts.input.is_some()
            && file_hash(output).is_some_and(|on_disk| {
                on_disk != minutes_hash(&opened.sink.render, &opened.meeting)
            })
    };
    let earlier = contents
        .as_ref()
        .filter(|c| c.unfinished || finished_with_notes(c));
    let resume = match earlier {
        Some(contents) => resume_wanted(opts.resume, contents, output)?,
        None => false,
    };
    if resume && let Some(contents) = contents.take() {
        let (input, opened_at) = match contents.last_session.first() {
            Some(Record {
                at,
                entry: Entry::Open(opening),
            }) => (opening.input.clone(), at.time()),
            _ => (kind_path.to_path_buf(), now),
        };
        let cannot_read = || format!("cannot read the journal's base {}", jp.base.display());
        // The input unchanged since the session opened (a meeting file usually
        // is) was read already: it is not read a second time, nor held twice
        // (the base is compared with it a piece at a time).
        let (same, hash) = compare_file(&jp.base, &bytes).with_context(cannot_read)?;
        drop(bytes);
        let (mut opened, base_hash) = if same && same_file(&input, kind_path) {
            (opened, hash)
        } else {
            let base = std::fs::read(&jp.base).with_context(cannot_read)?;
            let mut base_opened = open_input(&input, &base, opts.style, config_style)
                .map_err(|e| anyhow::anyhow!("the journal's base copy of the input: {e}"))?;
            if let Some(date) = opts.date {
                base_opened.meeting.set_date(date);
            }
            (base_opened, journal::fnv1a64(&base))
        };
        let yaml = opened.yaml;
        let journal = Journal::open(&jp.journal)
            .with_context(|| format!("cannot open the journal {}", jp.journal.display()))?;
        let app = opened.app(opened_at, config);
        let replayed = contents
            .last_session
            .iter()
            .filter(|r| !matches!(r.entry, Entry::Open { .. }))
            .count();
        let unfinished = contents.unfinished;
        // The records are handed over: they are let go before the replay.
        let mut session =
            crate::services::snapshot::resume(app, contents.last_session, journal, base_hash);
        let how = if unfinished {
            "Resumed"
        } else {
            "Reopened the ended meeting"
        };
        warnings.insert(0, format!("{how}: {replayed} journal records replayed"));
        session.app.message = Some(warnings.join(" · "));
        return Ok(Started {
            session,
            sink: opened.sink,
            lock: Some(lock),
            yaml,
            continuing: true,
            base_hash: Some(base_hash),
        });
    }
    let yaml = opened.yaml;
    let mut opened = opened;
    let mut app = opened.app(now, config);
    // The journal is a safety net: if it cannot be kept, scribe still runs and
    // says so. It is made once the first frame is on screen (see `JournalStart`).
    let start = JournalStart {
        base: jp.base.clone(),
        bytes,
        journal: jp.journal.clone(),
        open: Record {
            at: now.into(),
            entry: Entry::open(
                kind_path.to_path_buf(),
                output.to_path_buf(),
                journal::VERSION,
            ),
        },
    };
    if !warnings.is_empty() {
        app.message = Some(warnings.join(" · "));
    }
    Ok(Started {
        session: Session::starting(app, start),
        sink: opened.sink,
        lock: Some(lock),
        yaml,
        continuing: false,
        base_hash: None,
    })
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
    let started = contents.last_session.first().map(|r| r.at.time());
    let last = contents.last_session.last().map(|r| r.at.time());
    let changes = contents
        .last_session
        .iter()
        .filter(|r| !matches!(r.entry, Entry::Open { .. }))
        .count();
    let mut err = std::io::stderr();
    let (what, question) = if contents.unfinished {
        (
            "did not finish",
            "Resume it? [Y]es, resume / [n]o, start again from the file / [q]uit: ",
        )
    } else {
        (
            "ended, and its minutes hold notes the meeting file does not",
            "Reopen it with its notes? [Y]es, reopen / [n]o, start again from the file \
             (the minutes on disk are kept, new ones go beside them) / [q]uit: ",
        )
    };
    // The path and warnings may quote a file's name: never raw to the terminal.
    let said = format!(
        "The last session on {} {what} (opened {}, {changes} keys and changes, the last at {}).",
        output.display(),
        started.map_or("?".into(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
        last.map_or("?".into(), |t| t.format("%H:%M:%S UTC").to_string()),
    );
    writeln!(err, "{}", crate::text::printable(&said))?;
    for warning in &contents.warnings {
        writeln!(err, "warning: {}", crate::text::printable(warning))?;
    }
    loop {
        write!(err, "{question}")?;
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

#[cfg(test)]
mod tests {
    use super::{compare_file, same_file};

    #[test]
    fn a_file_is_the_same_however_its_path_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let wg = dir.path().join("wg");
        std::fs::create_dir(&wg).unwrap();
        std::fs::write(wg.join("meeting.yaml"), "title: t\n").unwrap();
        std::fs::write(wg.join("other.yaml"), "title: t\n").unwrap();
        let absolute = wg.join("meeting.yaml");
        let roundabout = wg.join("..").join("wg").join(".").join("meeting.yaml");
        assert!(same_file(&absolute, &roundabout));
        assert!(!same_file(&absolute, &wg.join("other.yaml")));
        // A file that is gone is the same only as its own path.
        let gone = wg.join("gone.yaml");
        assert!(same_file(&gone, &gone));
        assert!(!same_file(
            &gone,
            &wg.join("..").join("wg").join("gone.yaml")
        ));
    }

    #[test]
    fn a_file_is_the_same_as_bytes_only_when_it_holds_exactly_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base");
        // Longer than one piece read, so that the comparison spans pieces.
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let hash = crate::services::journal::fnv1a64(&bytes);
        assert_eq!(compare_file(&path, &bytes).unwrap(), (true, hash));
        let mut changed = bytes.clone();
        changed[150_000] ^= 1;
        assert_eq!(compare_file(&path, &changed).unwrap(), (false, hash));
        assert_eq!(
            compare_file(&path, &bytes[..199_999]).unwrap(),
            (false, hash)
        );
        let mut longer = bytes.clone();
        longer.push(b'\n');
        assert_eq!(compare_file(&path, &longer).unwrap(), (false, hash));
        assert!(compare_file(&dir.path().join("missing"), &bytes).is_err());
    }
}
