//! The `scribe` command line: run (the live interface, also the default), check,
//! render, import, next and keys.
//!
//! Each command reads one input file (a YAML meeting file or Markdown), does
//! all its work in memory, and only then writes its output, atomically, so a
//! bad input never creates or changes an output file. Bad input exits with
//! status 2 and a `path:line:column: message` on stderr; other failures (an
//! output that cannot be written) exit with status 1.

mod check;

pub use check::{ItemCounts, item_counts, summary};

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::InputError;
use crate::input::{Source, load_input};
use crate::markdown::next_agenda;
use crate::meeting_file::to_yaml;
use crate::minutes::to_markdown;
use crate::model::{Meeting, Style};
use crate::write::write_atomic;

/// `--style seed|checkbox`: the model's styles by name, offered as clap's
/// possible values (for help and completions).
fn style_parser() -> impl clap::builder::TypedValueParser<Value = Style> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(Style::NAMES).try_map(|name| name.parse::<Style>())
}

/// Take the minutes of a timeboxed meeting live, in a terminal.
#[derive(Debug, Parser)]
#[command(
    name = "scribe",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  scribe                       (the demo meeting, live)\n  scribe meeting.yaml -o minutes.md\n  scribe check examples/demo.yaml\n  scribe render examples/demo.yaml -o minutes.md\n  scribe next minutes-2025-05-07.md -o agenda.md"
)]
pub struct Cli {
    /// What to do; without a subcommand, `run`.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// `scribe FILE` is `scribe run FILE`.
    #[command(flatten)]
    pub run: RunArgs,
}

/// The subcommands.
/// How to run the live interface.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RunArgs {
    /// The meeting file (.yaml) or Markdown agenda (.md); without it, the demo meeting.
    pub file: Option<PathBuf>,
    /// Where the minutes go. Default: for a Markdown agenda (.md), the agenda
    /// itself (it is filled in); for a meeting file (.yaml), its `output`, else
    /// `<file>-minutes.md` beside it (or in the config's `output_folder`); for
    /// the demo, a file in scribe's data folder.
    #[arg(short, long, value_name = "OUT.md")]
    pub output: Option<PathBuf>,
    /// A keymap file, or a built-in keymap: default, vim, emacs.
    #[arg(long, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
    /// The minutes' layout (default: the config file's style, else seed).
    #[arg(long, value_parser = style_parser())]
    pub style: Option<Style>,
    /// When the meeting's last session did not finish (a crash, a kill, a closed
    /// terminal), resume it from the journal without asking.
    #[arg(long, conflicts_with = "fresh")]
    pub resume: bool,
    /// When the meeting's last session did not finish, start again from the file
    /// without asking (the old session stays in the journal).
    #[arg(long)]
    pub fresh: bool,
    /// The meeting's date (YYYY-MM-DD), when the agenda does not say it or says
    /// it wrong.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take the minutes of a meeting live, in the terminal (the default command).
    #[command(
        after_help = "Example:\n  scribe run meeting.yaml -o minutes-2025-06-04.md\n\n\
        The minutes file is rewritten within a second of every change, and on quit."
    )]
    Run(RunArgs),
    /// Print the keys in force: the keymap (or --keymap) with the user's keymap.yaml over it.
    #[command(after_help = "Example:\n  scribe keys --keymap vim")]
    Keys {
        /// A keymap file, or a built-in keymap: default, vim, emacs.
        #[arg(long, value_name = "FILE")]
        keymap: Option<PathBuf>,
    },
    /// Check a meeting file (YAML) or Markdown minutes and print a summary.
    #[command(after_help = "Example:\n  scribe check examples/demo.yaml\n\n\
        Exit status: 0 when the file is good, 2 when it has a problem (printed as path:line:column: message).")]
    Check {
        /// The meeting file (.yaml) or Markdown minutes/agenda (.md).
        file: PathBuf,
        /// The meeting's date (YYYY-MM-DD), when the file does not say it.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
    },
    /// Write the Markdown minutes of a meeting.
    #[command(
        after_help = "Example:\n  scribe render examples/demo.yaml --style checkbox -o minutes.md\n\n\
        Without -o the minutes go to standard output. Markdown minutes without --style \
        are written back as they are (the lossless reader); with --style they are \
        converted to that layout."
    )]
    Render {
        /// The meeting file (.yaml) or Markdown minutes/agenda (.md).
        file: PathBuf,
        /// Where to write the minutes (replaced atomically); standard output if absent.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// The layout: `seed` (the 2024 minutes) or `checkbox` (the 2025 minutes).
        /// Default for a meeting file: `style` in config.yaml (see `scribe config`),
        /// else `seed`; Markdown input keeps its own layout unless this is given.
        #[arg(long, value_parser = style_parser())]
        style: Option<Style>,
    },
    /// Make a YAML meeting file from Markdown minutes or an agenda.
    #[command(after_help = "Example:\n  scribe import minutes-2025-05-07.md -o meeting.yaml")]
    Import {
        /// The Markdown minutes or agenda.
        file: PathBuf,
        /// Where to write the meeting file; standard output if absent.
        #[arg(short, long, value_name = "FILE.yaml")]
        output: Option<PathBuf>,
    },
    /// Make the next meeting's agenda from minutes: checked items are dropped.
    #[command(after_help = "Example:\n  scribe next minutes-2025-05-07.md -o agenda-2025-05-21.md")]
    Next {
        /// The minutes (Markdown).
        file: PathBuf,
        /// Where to write the agenda; standard output if absent.
        #[arg(short, long, value_name = "AGENDA.md")]
        output: Option<PathBuf>,
    },
    /// List the open action items by person, and the decisions and votes.
    #[command(
        after_help = "Example:\n  scribe actions minutes-2025-05-07.md --json\n\n\
        Open items are unchecked [ ] lines; in minutes without checkboxes, @owner lines."
    )]
    Actions {
        /// The meeting file (.yaml) or Markdown minutes (.md).
        file: PathBuf,
        /// Print JSON instead of Markdown.
        #[arg(long)]
        json: bool,
        /// Where to write the list; standard output if absent.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Write the next meeting as an iCalendar event (.ics).
    #[command(
        after_help = "Example:\n  scribe ical minutes-2024-05-15.md -o next.ics\n\n\
        The time comes from next.time in a meeting file, or from the \"Next meeting is …\" line."
    )]
    Ical {
        /// The meeting file (.yaml) or Markdown minutes (.md).
        file: PathBuf,
        /// Where to write the calendar file; standard output if absent.
        #[arg(short, long, value_name = "NEXT.ics")]
        output: Option<PathBuf>,
    },
    /// The items of a folder of minutes followed across meetings: age, owners, when closed.
    #[command(after_help = "Example:\n  scribe history minutes/ --json\n\n\
        Every Markdown file of the folder with a meeting date is read as minutes; \
        other files (a README) are skipped with a note on standard error.")]
    History {
        /// The folder of minutes.
        dir: PathBuf,
        /// Print JSON (one object per item, with each appearance and why it matched).
        #[arg(long)]
        json: bool,
        /// Draft a ticket for the item whose title contains this text: its
        /// history, owners and links to the minutes, ready to paste.
        #[arg(long, value_name = "TEXT")]
        ticket: Option<String>,
        /// With --ticket: where the minutes are published, for the links
        /// (e.g. https://security.metacpan.org/meetings).
        #[arg(long, value_name = "URL", requires = "ticket")]
        link_base: Option<String>,
        /// With --ticket: create it with `gh issue create` (GitHub CLI) and print its link.
        #[arg(long, requires = "ticket")]
        gh: bool,
    },
    /// The decision register of a folder of minutes, as a page for the group's site.
    #[command(after_help = "Example:\n  scribe decisions minutes/ -o minutes/decisions.md")]
    Decisions {
        /// The folder of minutes.
        dir: PathBuf,
        /// Print JSON (one object per decision) instead of Markdown.
        #[arg(long)]
        json: bool,
        /// Where to write the register; standard output if absent.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Print the shell completion script for bash, zsh or fish.
    #[command(
        after_help = "Example:\n  scribe completions bash > ~/.local/share/bash-completion/completions/scribe"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: crate::shell::Shell,
    },
    /// Print the man page, or write the pages of all subcommands into a folder.
    #[command(after_help = "Example:\n  scribe man --dir ~/.local/share/man/man1")]
    Man {
        /// Write scribe.1 and one page per subcommand into this folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Check minutes against their folder: dates, next meeting, handles, rendering, index page.
    #[command(
        after_help = "Example:\n  scribe lint meetings/cpansec-minutes-2026-02-19.md --fix\n\n\
        Findings print as file:line: message; fix: suggestion. Exit status: 0 with none, \
        1 with findings, 2 for bad input."
    )]
    Lint(crate::checkout::LintArgs),
    /// Commit the minutes and the index on a branch of their own, push it, open the pull request.
    #[command(
        after_help = "Example:\n  scribe publish meetings/cpansec-minutes-2026-02-19.md\n\n\
        Asks before pushing (--yes does not). Needs a clean checkout on a branch; \
        the work tree is never changed."
    )]
    Publish(crate::checkout::PublishArgs),
    /// Show where scribe keeps its files and the settings in effect.
    #[command(after_help = "Example:\n  scribe config")]
    Config,
}

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// The user's input is bad: exit status 2.
    Input(InputError),
    /// Anything else (writing the output): exit status 1.
    Other(String),
    /// The live interface was stopped by a signal: exit status 128 + its number.
    Signal(crate::tui::Stopped),
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        Failure::Input(e)
    }
}

impl From<crate::checkout::Error> for Failure {
    fn from(e: crate::checkout::Error) -> Self {
        match e {
            crate::checkout::Error::Input(e) => Failure::Input(e),
            crate::checkout::Error::Other(message) => Failure::Other(message),
        }
    }
}

impl Failure {
    /// The process exit status for this failure.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Input(_) => ExitCode::from(2),
            Failure::Other(_) => ExitCode::from(1),
            Failure::Signal(stopped) => {
                ExitCode::from(u8::try_from(128 + stopped.signal).unwrap_or(1))
            }
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Input(e) => write!(f, "{e}"),
            Failure::Other(message) => write!(f, "scribe: {message}"),
            Failure::Signal(stopped) => write!(f, "scribe: {stopped}"),
        }
    }
}

/// Runs a subcommand; the caller prints the failure and exits with its code.
pub fn run(command: &Command) -> Result<(), Failure> {
    if let Command::Render {
        file,
        output: Some(out),
        ..
    }
    | Command::Import {
        file,
        output: Some(out),
    }
    | Command::Next {
        file,
        output: Some(out),
    } = command
    {
        refuse_overwriting_input(file, out)?;
    }
    match command {
        Command::Run(args) => run_live(args),
        Command::Keys { keymap } => {
            let map = crate::launch::effective_keymap(keymap.as_deref())?;
            emit(None, crate::keymap::describe(&map).as_bytes())
        }
        Command::Check { file, date } => {
            let bytes = crate::meeting_file::read_input_file(file)?;
            let (mut meeting, yaml) = match crate::input::parse_input(file, &bytes)? {
                Source::Yaml(meeting) => (*meeting, true),
                Source::Markdown(doc) => (doc.meeting(), false),
            };
            if let Some(date) = date {
                meeting.set_date(*date);
            }
            let folder = config_paths()
                .ok()
                .and_then(|paths| user_config().ok()?.output_folder(&paths));
            let output =
                crate::launch::minutes_path(file, &bytes, &meeting, yaml, folder.as_deref())?;
            let text = summary(file, &meeting, &output);
            forget_at_exit(meeting);
            emit(None, text.as_bytes())
        }
        Command::Render {
            file,
            output,
            style,
        } => {
            let input = load_input(file)?;
            // Markdown rendered without an explicit --style is written back through
            // the lossless document: the unchanged minutes keep their exact bytes
            // (text outside the model, "(@tux)" names, the document's own dashes).
            let bytes = match (&input, style) {
                (Source::Markdown(doc), None) => doc.rewrite(&doc.meeting()),
                (Source::Markdown(doc), Some(style)) => {
                    to_markdown(&doc.meeting(), *style).into_bytes()
                }
                (Source::Yaml(meeting), style) => {
                    let style = match style {
                        Some(style) => *style,
                        None => user_config()?.style.into(),
                    };
                    to_markdown(meeting, style).into_bytes()
                }
            };
            forget_at_exit(input);
            emit(output.as_deref(), &bytes)
        }
        Command::Import { file, output } => {
            let bytes = crate::meeting_file::read_input_file(file)?;
            let meeting = match crate::input::import_input(file, &bytes)? {
                crate::input::Imported::Markdown(meeting) => *meeting,
                crate::input::Imported::Yaml(_) => {
                    return Err(Failure::Input(InputError::whole_file(
                        file,
                        "this is already a YAML meeting file; expected Markdown minutes or an agenda (.md)",
                    )));
                }
            };
            let yaml = to_yaml(&meeting);
            forget_at_exit(meeting);
            emit(output.as_deref(), yaml.as_bytes())
        }
        Command::Next { file, output } => {
            let agenda = match load_input(file)? {
                Source::Markdown(doc) => {
                    warn_carried(&doc, user_config()?.carried_threshold);
                    let agenda = next_agenda(&doc, &doc.meeting());
                    forget_at_exit(doc);
                    agenda
                }
                Source::Yaml(_) => {
                    return Err(Failure::Input(InputError::whole_file(
                        file,
                        "expected Markdown minutes (.md) to make the next agenda from, not a YAML meeting file",
                    )));
                }
            };
            emit(output.as_deref(), agenda.as_bytes())
        }
        Command::Actions { file, json, output } => {
            let report = match load_input(file)? {
                Source::Yaml(meeting) => crate::action_items::report(&meeting),
                Source::Markdown(doc) => crate::action_items::report_for_document(&doc),
            };
            let text = if *json {
                crate::action_items::to_json(&report)
            } else {
                crate::action_items::to_markdown(&report)
            };
            emit(output.as_deref(), text.as_bytes())
        }
        Command::Ical { file, output } => {
            let meeting = load_meeting_input(file)?;
            let event = crate::ical::next_meeting_event(&meeting)
                .map_err(|e| InputError::whole_file(file, e.to_string()))?;
            let ics = crate::ical::to_ical(&event, chrono::Utc::now());
            emit(output.as_deref(), ics.as_bytes())
        }
        Command::History {
            dir,
            json,
            ticket,
            link_base,
            gh,
        } => {
            let ledger = crate::history::build(&read_minutes_folder(dir)?);
            if let Some(wanted) = ticket {
                return make_ticket(&ledger, wanted, link_base.as_deref(), *gh);
            }
            let text = if *json {
                crate::history::to_json(&ledger)
            } else {
                crate::history::table(&ledger)
            };
            emit(None, text.as_bytes())
        }
        Command::Decisions { dir, json, output } => {
            let found = crate::history::decisions::decisions(&read_minutes_folder(dir)?);
            let text = if *json {
                crate::history::decisions::to_json(&found)
            } else {
                crate::history::decisions::to_markdown(&found)
            };
            emit(output.as_deref(), text.as_bytes())
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            crate::shell::completions(
                &mut <Cli as clap::CommandFactory>::command(),
                *shell,
                &mut script,
            );
            emit(None, &script)
        }
        Command::Man { dir } => {
            let cmd = <Cli as clap::CommandFactory>::command();
            match dir {
                Some(dir) => {
                    let written = std::fs::create_dir_all(dir)
                        .and_then(|()| crate::shell::write_man_pages(&cmd, dir))
                        .map_err(|e| {
                            Failure::Other(format!(
                                "cannot write man pages into {}: {e}",
                                dir.display()
                            ))
                        })?;
                    let list: String = written
                        .iter()
                        .map(|p| format!("{}\n", p.display()))
                        .collect();
                    emit(None, list.as_bytes())
                }
                None => {
                    let mut page = Vec::new();
                    crate::shell::man_page(&cmd, &mut page)
                        .map_err(|e| Failure::Other(format!("cannot make the man page: {e}")))?;
                    emit(None, &page)
                }
            }
        }
        Command::Lint(args) => crate::checkout::lint_files(args).map_err(Failure::from),
        Command::Publish(args) => crate::checkout::publish(args).map_err(Failure::from),
        Command::Config => {
            let paths = config_paths()?;
            let config = crate::config::Config::load(&paths.config_file)?;
            emit(None, crate::config::describe(&config, &paths).as_bytes())
        }
    }
}

/// The live interface. `SCRIBE_FIXED_NOW` (an RFC 3339 time) stops its clock at
/// that time, for scripted sessions and end-to-end tests.
///
/// Without a terminal (`scribe | less`, a script) there is nothing to show the
/// interface on: with no file, the demo meeting's minutes are printed instead;
/// with a file, it is an error.
fn run_live(args: &RunArgs) -> Result<(), Failure> {
    use std::io::IsTerminal;
    if args.file.is_none() && !(io::stdout().is_terminal() && io::stdin().is_terminal()) {
        let demo = crate::meeting_file::parse_meeting(
            crate::launch::demo::DEMO_YAML,
            Path::new("examples/demo.yaml"),
        )?;
        return emit(
            args.output.as_deref(),
            to_markdown(&demo, args.style.unwrap_or(Style::Seed)).as_bytes(),
        );
    }
    let fixed_now = match std::env::var("SCRIBE_FIXED_NOW") {
        Ok(text) => Some(
            chrono::DateTime::parse_from_rfc3339(&text)
                .map_err(|e| Failure::Other(format!("SCRIBE_FIXED_NOW={text}: {e}")))?
                .with_timezone(&chrono::Utc),
        ),
        Err(_) => None,
    };
    let opts = crate::launch::RunOptions {
        input: args.file.clone(),
        output: args.output.clone(),
        keymap: args.keymap.clone(),
        style: args.style,
        fixed_now,
        date: args.date,
        resume: if args.resume {
            crate::launch::ResumeChoice::Resume
        } else if args.fresh {
            crate::launch::ResumeChoice::Fresh
        } else {
            crate::launch::ResumeChoice::Ask
        },
    };
    crate::tui::run(opts).map_err(|e| match e.downcast::<InputError>() {
        Ok(input) => Failure::Input(input),
        Err(other) => match other.downcast::<crate::tui::Stopped>() {
            Ok(stopped) => Failure::Signal(stopped),
            Err(other) => Failure::Other(format!("{other:#}")),
        },
    })
}

/// The minutes of a folder, in date order; files that are not minutes are
/// named on standard error. A folder without any minutes is an input error.
fn read_minutes_folder(dir: &Path) -> Result<Vec<crate::history::Minutes>, Failure> {
    let (minutes, skipped) = crate::history::read_folder(dir)?;
    for s in &skipped {
        // The reason names the file: a name with control characters must not
        // reach the terminal as they are.
        eprintln!(
            "scribe: skipped (not minutes): {}",
            crate::history::clip(&s.reason, 300)
        );
    }
    if minutes.is_empty() {
        return Err(Failure::Input(InputError::whole_file(
            dir,
            "no minutes found: expected Markdown files (.md) with a meeting date",
        )));
    }
    Ok(minutes)
}

/// Drafts the ticket for the item matching `wanted`: printed, or created with
/// `gh issue create` (whose output, the issue's link, is printed).
fn make_ticket(
    ledger: &crate::history::Ledger,
    wanted: &str,
    base: Option<&str>,
    gh: bool,
) -> Result<(), Failure> {
    let Some(item) = ledger.find(wanted) else {
        return Err(Failure::Other(format!(
            "no item of the minutes has a title containing {wanted:?}"
        )));
    };
    let ticket = crate::history::ticket::draft(&item, base);
    if !gh {
        let text = format!("Title: {}\n\n{}", ticket.title, ticket.body);
        return emit(None, text.as_bytes());
    }
    let out = crate::checkout::gh_issue_create(None, &ticket)
        .map_err(|e| Failure::Other(format!("cannot run gh (the GitHub CLI): {e}")))?;
    if !out.status.success() {
        return Err(Failure::Other(format!(
            "gh issue create failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    emit(None, &out.stdout)
}

/// Warns on standard error about the open items of the minutes `doc` that its
/// folder shows carried open for `threshold` meetings or more. The agenda is
/// not changed; a folder that cannot be read gives no warning. `doc` itself is
/// not read again.
fn warn_carried(doc: &crate::markdown::Document, threshold: usize) {
    let file = doc.path();
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (Ok((minutes, _)), Some(name)) = (
        crate::history::read_folder_with(dir, Some(doc)),
        file.file_name(),
    ) else {
        return;
    };
    // An item is carried at most once per meeting: a folder of fewer minutes
    // than the threshold has nothing to warn about, and its ledger (the
    // followed lines of every meeting) is not built.
    let least = threshold.max(1);
    if minutes.len() < least {
        return;
    }
    let ledger = crate::history::build(&minutes);
    let Some(at) = ledger.meeting_index(&name.to_string_lossy()) else {
        return;
    };
    let carried = ledger.carried_at(at, least);
    if !carried.is_empty() {
        let mut text = format!(
            "scribe: {} open items carried {threshold} meetings or more (carried_threshold in config.yaml); \
             consider a ticket:\n",
            carried.len()
        );
        for c in &carried {
            text.push_str(&format!("  {}\n", c.line()));
        }
        eprint!("{text}");
    }
}

/// Leaves a command's large input (a document or meeting read whole) to the
/// end of the process instead of freeing it piece by piece: at 100 times a real
/// meeting, freeing its tens of thousands of allocations is a tenth of the
/// command's time, and the process exits right after.
fn forget_at_exit<T>(input: T) {
    std::mem::forget(input);
}

/// Where scribe's config and data live.
fn config_paths() -> Result<crate::config::ConfigPaths, Failure> {
    crate::config::ConfigPaths::from_project_dirs().ok_or_else(|| {
        Failure::Other("no home directory: cannot locate the config directory".to_string())
    })
}

/// The user's settings (`config.yaml`; all defaults when there is none).
fn user_config() -> Result<crate::config::Config, Failure> {
    Ok(crate::config::Config::load(&config_paths()?.config_file)?)
}

/// The meeting in a YAML or Markdown input file.
fn load_meeting_input(file: &Path) -> Result<Meeting, Failure> {
    match load_input(file)? {
        Source::Yaml(meeting) => Ok(*meeting),
        Source::Markdown(doc) => Ok(doc.meeting()),
    }
}

/// An output that is the input file itself would replace the user's source
/// (a meeting file by Markdown, or minutes by an agenda): refused.
fn refuse_overwriting_input(input: &Path, output: &Path) -> Result<(), Failure> {
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Failure::Input(InputError::whole_file(
            input,
            format!(
                "-o {} is the input file itself; expected another output file",
                output.display()
            ),
        )));
    }
    Ok(())
}

/// Writes `bytes` to `output` atomically, or to standard output.
fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match output {
        Some(path) => write_atomic(path, bytes)
            .map_err(|e| Failure::Other(format!("cannot write {}: {e}", path.display()))),
        None => {
            use std::io::IsTerminal as _;
            let mut stdout = io::stdout().lock();
            // Text from a file never reaches a terminal raw (a pipe or file gets
            // the exact bytes).
            let shown;
            let bytes = if stdout.is_terminal() {
                shown = crate::text::printable(&String::from_utf8_lossy(bytes)).into_owned();
                shown.as_bytes()
            } else {
                bytes
            };
            match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`scribe render x | head`) is not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Failure::Other(format!("cannot write the output: {e}"))),
            }
        }
    }
}
