//! The work the live interface does beside the meeting, for the end of it: the
//! lint checks of the minutes just written, their publication (a branch, a
//! commit, a push after a yes, the pull request) and tickets for items carried
//! too long. Each runs `crate::checkout` in a thread of its own, so git, gh and
//! a slow remote never hold up a key or a frame; what comes back is shown in a
//! panel over the notes ([`crate::tui::view::Panel`]).
//!
//! Nothing here changes the meeting except through the session: the safe fixes
//! of the minutes are an action (`FixMinutes`), a ticket's link a journaled
//! note (`Session::add_note`). The index page, which is not the minutes, is
//! fixed here, and only when it is still what the checks read.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use chrono::{DateTime, Utc};

use super::view::{Panel, PanelKind, View};
use crate::app::{Action, App, Effect, Key, KeyCode};
use crate::checkout::ticket::{self, Made};
use crate::checkout::{self, LintReport, Plan, Pushed};
use crate::keymap::Context;
use crate::model::{Item, ItemPath, Shared};
use crate::services::session::Session;

/// What a thread came back with.
enum Done {
    Lint(Result<LintReport, String>),
    Plan(Result<Plan, String>),
    Pushed {
        plan: Box<Plan>,
        result: Result<Pushed, String>,
    },
    Ticket {
        path: ItemPath,
        title: String,
        result: Result<Made, String>,
    },
}

/// Which of the end-of-meeting tasks a panel is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Lint,
    Publish,
    Ticket,
}

impl Done {
    fn flow(&self) -> Flow {
        match self {
            Done::Lint(_) => Flow::Lint,
            Done::Plan(_) | Done::Pushed { .. } => Flow::Publish,
            Done::Ticket { .. } => Flow::Ticket,
        }
    }
}

/// What a key did while a panel was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUse {
    /// The panel took it.
    Taken,
    /// The panel is closed; the key is the app's as usual.
    PassOn,
}

/// The end-of-meeting work of one session.
pub struct Work {
    sender: Sender<Done>,
    inbox: Receiver<Done>,
    /// Threads not yet back, each with what it does, in words.
    running: Vec<(Flow, String)>,
    /// A quit was held back for the work under way: the next action, if it
    /// is a quit again, goes.
    quit_asked: bool,
    /// Where the minutes are written.
    output: PathBuf,
    /// The meeting's end as last seen: a new end asks for the lint checks.
    ended_seen: Option<DateTime<Utc>>,
    /// The lint checks wait for the minutes to be on disk.
    lint_due: bool,
    /// A publication waits for the minutes to be on disk.
    publish_due: bool,
    /// The last checks' report: its index fix is what `FixMinutes` writes.
    last_lint: Option<LintReport>,
    /// The publication waiting for the secretary's yes.
    plan: Option<Plan>,
    /// Results that came while another one was shown: each waits its turn,
    /// so none is lost behind the next (a question least of all).
    queue: VecDeque<Panel>,
    /// What the "working on it" panel shown waits for.
    busy_flow: Option<Flow>,
}

impl Work {
    /// The work of a session writing its minutes to `output`, as `app` is now
    /// (a meeting that ended before, resumed, is not checked again unasked).
    pub fn new(output: &Path, app: &App) -> Work {
        let (sender, inbox) = mpsc::channel();
        Work {
            sender,
            inbox,
            running: Vec::new(),
            quit_asked: false,
            output: output.to_path_buf(),
            ended_seen: app.meeting.actual.end,
            lint_due: false,
            publish_due: false,
            last_lint: None,
            plan: None,
            queue: VecDeque::new(),
            busy_flow: None,
        }
    }

    /// True while something is under way or waiting (the loop looks more often).
    pub fn busy(&self) -> bool {
        !self.running.is_empty() || self.waits_for_minutes()
    }

    /// True while work waits to read the minutes back from disk: the writer
    /// is asked to write them now rather than after the pause in changes.
    pub fn waits_for_minutes(&self) -> bool {
        self.lint_due || self.publish_due
    }

    /// Whether `effect` is this work's to do.
    pub fn takes(effect: Effect) -> bool {
        matches!(
            effect,
            Effect::FixMinutes | Effect::Publish | Effect::Ticket
        )
    }

    fn spawn(&mut self, flow: Flow, doing: &str, job: impl FnOnce() -> Done + Send + 'static) {
        let sender = self.sender.clone();
        self.running.push((flow, doing.to_string()));
        std::thread::spawn(move || {
            let _ = sender.send(job());
        });
    }

    /// Does what an action asked of the world outside the state.
    pub fn effect(&mut self, effect: Effect, session: &mut Session, view: &mut View) {
        match effect {
            Effect::FixMinutes => {
                // The checks' report is spent: a second press waits for the next.
                let index = self.last_lint.take().and_then(|r| r.index_fix);
                if let Some((path, read, fixed)) = index {
                    session.app.message = Some(fix_index(&path, &read, &fixed));
                }
                self.lint_due = true;
                self.show_busy(view, Flow::Lint, "Applying the safe fixes…");
            }
            Effect::Publish => {
                if self.plan.is_some() || self.publish_due {
                    return;
                }
                self.publish_due = true;
                self.show_busy(
                    view,
                    Flow::Publish,
                    "Waiting for the minutes to be written…",
                );
            }
            Effect::Ticket => {
                let path = session.app.agenda_cursor.clone();
                let Some(item) = session.app.meeting.item(&path) else {
                    return;
                };
                let title = item.title.clone();
                let minutes = self.output.clone();
                self.show_busy(
                    view,
                    Flow::Ticket,
                    "Reading the item's history and making its ticket…",
                );
                let doing = format!("making the ticket for “{title}”");
                self.spawn(Flow::Ticket, &doing, move || {
                    let draft = ticket::draft(&minutes, &title);
                    let result = ticket::make(&minutes, &title, &draft).map_err(|e| e.to_string());
                    Done::Ticket {
                        path,
                        title,
                        result,
                    }
                });
            }
            Effect::Quit | Effect::Undo | Effect::Redo | Effect::OverwriteMinutes => {}
        }
    }

    /// One turn of the event loop: what came back is shown, and what waited for
    /// the minutes to be on disk (`settled`: the writer has written the state
    /// shown) is started. True when the screen
    /// must be drawn again.
    pub fn turn(&mut self, session: &mut Session, view: &mut View, settled: bool) -> bool {
        let mut redraw = false;
        let end = session.app.meeting.actual.end;
        if end != self.ended_seen {
            self.lint_due |= end.is_some();
            self.ended_seen = end;
        }
        while let Ok(done) = self.inbox.try_recv() {
            let flow = done.flow();
            if let Some(i) = self.running.iter().position(|(f, _)| *f == flow) {
                self.running.remove(i);
            }
            self.show(done, session, view);
            redraw = true;
        }
        // The checks wait for the not-discussed answer too (the minutes they
        // read are the ones it makes), and never cover notes being typed.
        let ready = settled && session.app.prompt.is_none() && session.app.editor.is_none();
        let diverted = view.save.diverted_to.clone();
        if self.lint_due && ready {
            self.lint_due = false;
            redraw = true;
            match &diverted {
                Some(to) => view.panel = Some(diverted_panel("Lint", to, view)),
                None => {
                    let output = self.output.clone();
                    self.spawn(Flow::Lint, "checking the minutes", move || {
                        Done::Lint(checkout::lint_report(&output).map_err(|e| e.to_string()))
                    });
                }
            }
        }
        if self.publish_due && ready {
            self.publish_due = false;
            redraw = true;
            match &diverted {
                Some(to) => view.panel = Some(diverted_panel("Publish", to, view)),
                None => {
                    let output = self.output.clone();
                    self.show_busy(view, Flow::Publish, "Making the commit…");
                    let doing = "making the publication's commit";
                    self.spawn(Flow::Publish, doing, move || {
                        Done::Plan(checkout::plan(&output, None, None).map_err(|e| e.to_string()))
                    });
                }
            }
        }
        redraw
    }

    /// What is under way that quitting would cut off half done (a commit made
    /// but not pushed, a pull request or a ticket not opened); the lint checks
    /// only read, and are not in it.
    fn under_way(&self) -> Option<String> {
        let mut doing: Vec<&str> = (self.running.iter())
            .filter(|(flow, _)| *flow != Flow::Lint)
            .map(|(_, doing)| doing.as_str())
            .collect();
        if self.publish_due {
            doing.push("about to publish (the minutes are being written)");
        }
        (!doing.is_empty()).then(|| doing.join("; "))
    }

    /// Whether `action`, about to be applied, must wait: a quit while work is
    /// under way only says what runs, and a second quit in a row quits anyway
    /// (as with every action asked twice).
    pub fn holds_quit(&mut self, action: Action, session: &mut Session, view: &View) -> bool {
        let asked = std::mem::take(&mut self.quit_asked);
        if action != Action::Quit || asked {
            return false;
        }
        let Some(doing) = self.under_way() else {
            return false;
        };
        let context = match session.app.mode() {
            crate::app::Mode::Editor => Context::Editor,
            crate::app::Mode::Prompt => Context::Prompt,
            _ => Context::Global,
        };
        // The plain key when there is one ("q" rather than Ctrl-c).
        let keys = view.keymap.keys_for(context, Action::Quit);
        let key = (keys.iter().find(|k| !k.ctrl).or(keys.first()))
            .map_or_else(|| "Quit".to_string(), |k| k.to_string());
        self.quit_asked = true;
        // The key first: a long ticket title must not push it off the line.
        session.app.message = Some(format!(
            "{key} again to quit anyway, leaving it half done: still {doing}"
        ));
        true
    }

    /// Shows that `flow` is at work; what another task showed (a result, a
    /// question) waits its turn.
    fn show_busy(&mut self, view: &mut View, flow: Flow, doing: &str) {
        let title = match flow {
            Flow::Lint => "Lint",
            Flow::Publish => "Publish",
            Flow::Ticket => "Ticket",
        };
        if let Some(shown) = view.panel.take()
            && shown.kind != PanelKind::Busy
        {
            self.queue.push_front(shown);
        }
        view.panel = Some(busy(title, doing));
        self.busy_flow = Some(flow);
    }

    /// Shows the result `panel` of `flow`: now when nothing is shown or the
    /// panel shown is that task at work, else after what is shown and waiting,
    /// so that no result hides another (a question least of all).
    fn put(&mut self, flow: Flow, panel: Panel, view: &mut View) {
        match &view.panel {
            None => view.panel = Some(panel),
            Some(shown) if shown.kind == PanelKind::Busy && self.busy_flow == Some(flow) => {
                view.panel = Some(panel)
            }
            Some(_) => self.queue.push_back(panel),
        }
    }

    /// Shows what a thread came back with.
    fn show(&mut self, done: Done, session: &mut Session, view: &mut View) {
        let name = file_name(&self.output);
        let flow = done.flow();
        let panel = match done {
            Done::Lint(Ok(report)) => {
                let panel = lint_panel(&report, &self.output, view);
                self.last_lint = Some(report);
                panel
            }
            Done::Lint(Err(e)) => report("Lint", vec![format!("Not checked: {e}")]),
            Done::Plan(Ok(plan)) => {
                let mut lines = vec![format!(
                    "Branch {} from {}, one commit with:",
                    plan.branch, plan.base
                )];
                lines.extend(plan.files.iter().map(|f| format!("  {f}")));
                lines.push(format!("Push to {} ({})", plan.remote, plan.remote_url));
                lines.push(format!("Title: {}", plan.title));
                if !plan.findings.is_empty() {
                    lines.push(format!(
                        "{} lint findings in {name} (they do not stop it):",
                        plan.findings.len()
                    ));
                    lines.extend(plan.findings.iter().map(|f| format!("  {}", short(f))));
                }
                self.plan = Some(plan);
                Panel {
                    kind: PanelKind::ConfirmPush,
                    title: "Publish: push for review?".to_string(),
                    lines,
                    keys: "y push · n not now (nothing is changed)".to_string(),
                    input: String::new(),
                    scroll: 0,
                }
            }
            Done::Plan(Err(e)) => report("Publish: nothing was changed", lines_of(&e)),
            Done::Pushed {
                plan,
                result: Ok(pushed),
            } => {
                let mut lines = vec![format!(
                    "Pushed {} to {} in {} ms: one commit on top of {}",
                    plan.branch, plan.remote, pushed.millis, plan.base
                )];
                if let Some(link) = &pushed.pull_request {
                    lines.push(format!("Pull request: {link}"));
                }
                match &pushed.open_by_hand {
                    Some(link) if link.starts_with("https://") => {
                        lines.push(format!("Open the pull request: {link}"))
                    }
                    Some(sentence) => lines.push(sentence.clone()),
                    None => {}
                }
                report("Published", lines)
            }
            Done::Pushed {
                result: Err(e),
                plan,
            } => {
                let mut lines = vec![format!("{} was not pushed:", plan.branch)];
                lines.extend(lines_of(&e));
                report("Publish failed", lines)
            }
            Done::Ticket {
                path,
                title,
                result: Ok(Made::Opened { url, .. }),
            } => {
                let note = ticket::link_note(&url);
                let mut lines = vec![format!("Opened {url}")];
                match find_item(&session.app, &path, &title) {
                    Some(at) => {
                        let now = session.app.now;
                        let _ = session.add_note(&at, &note, now);
                        lines.push(format!("The item has its link: {note}"));
                    }
                    None => lines.push("The item is no longer on the agenda: no link added".into()),
                }
                report("Ticket", lines)
            }
            Done::Ticket {
                path,
                title,
                result:
                    Ok(Made::Drafted {
                        title: ticket_title,
                        body,
                        file,
                        gh_error,
                    }),
            } => {
                let mut lines = vec![format!("Written to {} — ready to paste:", file.display())];
                if let Some(e) = gh_error {
                    lines.push(format!("(gh could not open it: {e})"));
                }
                lines.push(String::new());
                lines.push(format!("Title: {ticket_title}"));
                lines.push(String::new());
                lines.extend(body.lines().map(str::to_string));
                Panel {
                    kind: PanelKind::TicketLink { path, title },
                    title: "Ticket: no gh here, open it by hand".to_string(),
                    lines,
                    keys: "Type or paste the issue's link · Enter adds it to the item · Esc close"
                        .to_string(),
                    input: String::new(),
                    scroll: 0,
                }
            }
            Done::Ticket { result: Err(e), .. } => report("Ticket", lines_of(&e)),
        };
        self.put(flow, panel, view);
    }

    /// A key while a panel is shown; a panel it closes makes way for the
    /// next one waiting.
    pub fn key(&mut self, key: Key, session: &mut Session, view: &mut View) -> KeyUse {
        let used = self.panel_key(key, session, view);
        if view.panel.is_none() {
            view.panel = self.queue.pop_front();
        }
        used
    }

    fn panel_key(&mut self, key: Key, session: &mut Session, view: &mut View) -> KeyUse {
        let Some(panel) = &mut view.panel else {
            return KeyUse::PassOn;
        };
        let plain = !key.ctrl && !key.alt;
        // Ctrl-c is the way out everywhere.
        if key.ctrl && key.code == KeyCode::Char('c') {
            view.panel = None;
            return KeyUse::PassOn;
        }
        // The arrows scroll a long panel (many findings on a small screen).
        let step = match key.code {
            KeyCode::Down => 1,
            KeyCode::Up => -1,
            KeyCode::PageDown => 10,
            KeyCode::PageUp => -10,
            _ => 0,
        };
        if step != 0 && panel.kind != PanelKind::Busy {
            // Drawing keeps the last row in view; here it is only kept from
            // running far past it (as many rows as a panel 16 columns wide).
            let most: usize = panel.lines.iter().map(|l| l.chars().count() / 16 + 1).sum();
            panel.scroll = panel.scroll.saturating_add_signed(step).min(most);
            return KeyUse::Taken;
        }
        match &panel.kind {
            PanelKind::Busy | PanelKind::Report => match key.code {
                KeyCode::Esc | KeyCode::Enter => {
                    view.panel = None;
                    KeyUse::Taken
                }
                _ => {
                    view.panel = None;
                    KeyUse::PassOn
                }
            },
            PanelKind::ConfirmPush => match key.code {
                KeyCode::Char('y' | 'Y') if plain => {
                    if let Some(plan) = self.plan.take() {
                        view.panel = None;
                        let doing = format!("Pushing {} to {}…", plan.branch, plan.remote);
                        self.show_busy(view, Flow::Publish, &doing);
                        let doing = format!("pushing {} to {}", plan.branch, plan.remote);
                        self.spawn(Flow::Publish, &doing, move || {
                            let result = checkout::push(&plan).map_err(|e| e.to_string());
                            Done::Pushed {
                                plan: Box::new(plan),
                                result,
                            }
                        });
                    }
                    KeyUse::Taken
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    self.plan = None;
                    view.panel = None;
                    session.app.message = Some("Not pushed; nothing was changed".into());
                    KeyUse::Taken
                }
                _ => KeyUse::Taken,
            },
            PanelKind::TicketLink { path, title } => {
                match key.code {
                    KeyCode::Esc => view.panel = None,
                    KeyCode::Enter => {
                        let link = panel.input.trim().to_string();
                        let (path, title) = (path.clone(), title.clone());
                        view.panel = None;
                        if !link.is_empty() {
                            let note = ticket::link_note(&link);
                            match find_item(&session.app, &path, &title) {
                                Some(at) => {
                                    let now = session.app.now;
                                    let _ = session.add_note(&at, &note, now);
                                    session.app.message = Some(format!("Added: {note}"));
                                }
                                None => {
                                    session.app.message =
                                        Some("The item is no longer on the agenda".into())
                                }
                            }
                        }
                    }
                    KeyCode::Backspace => {
                        panel.input.pop();
                    }
                    KeyCode::Char(c) if plain => panel.input.push(c),
                    _ => {}
                }
                KeyUse::Taken
            }
        }
    }

    /// Text pasted while a panel is shown: into a ticket's link (its first
    /// line); true when it went there.
    pub fn paste(&mut self, text: &str, view: &mut View) -> bool {
        match &mut view.panel {
            Some(panel) if matches!(panel.kind, PanelKind::TicketLink { .. }) => {
                let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                panel
                    .input
                    .extend(line.trim().chars().filter(|c| !c.is_control()));
                true
            }
            _ => false,
        }
    }
}

/// The item at `path` when it still has `title`, else the first one titled so
/// (the agenda may have changed while the ticket was made).
fn find_item(app: &App, path: &[usize], title: &str) -> Option<ItemPath> {
    if app.meeting.item(path).is_some_and(|i| i.title == title) {
        return Some(path.to_vec());
    }
    fn walk(items: &[Shared<Item>], title: &str, prefix: &mut ItemPath) -> Option<ItemPath> {
        for (i, item) in items.iter().enumerate() {
            prefix.push(i);
            if item.title == title {
                return Some(prefix.clone());
            }
            if let Some(found) = walk(&item.items, title, prefix) {
                return Some(found);
            }
            prefix.pop();
        }
        None
    }
    walk(&app.meeting.agenda, title, &mut Vec::new())
}

/// Writes the index page's safe fixes when the page is still what the checks
/// read (never over someone else's edit); says what it did.
fn fix_index(path: &Path, read: &str, fixed: &str) -> String {
    let name = file_name(path);
    match std::fs::read_to_string(path) {
        Ok(now) if now == read => match crate::write::write_atomic(path, fixed.as_bytes()) {
            Ok(()) => format!("{name}: the safe fixes are written"),
            Err(e) => format!("{name}: cannot write the fixes: {e}"),
        },
        Ok(_) => format!("{name} changed since it was checked: not fixed (scribe lint --fix)"),
        Err(e) => format!("{name}: cannot read it again: {e}"),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A finding's line with its folder left out (`name.md:3: …`): the panel is narrow.
fn short(line: &str) -> String {
    match line.split_once(':') {
        Some((file, rest)) => format!("{}:{rest}", file_name(Path::new(file))),
        None => line.to_string(),
    }
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

fn busy(what: &str, doing: &str) -> Panel {
    Panel {
        kind: PanelKind::Busy,
        title: what.to_string(),
        lines: vec![doing.to_string()],
        keys: "Esc hide (the result shows when it comes)".to_string(),
        input: String::new(),
        scroll: 0,
    }
}

/// The first key of `action` in the keymap in force, for a panel's foot.
fn key_of(view: &View, action: Action) -> Option<String> {
    view.keymap.command_key(action).map(|k| k.to_string())
}

fn report(title: &str, lines: Vec<String>) -> Panel {
    Panel {
        kind: PanelKind::Report,
        title: title.to_string(),
        lines,
        keys: "Esc close".to_string(),
        input: String::new(),
        scroll: 0,
    }
}

fn lint_panel(report: &LintReport, output: &Path, view: &View) -> Panel {
    let name = file_name(output);
    let fixable = report.fixable_minutes + report.fixable_index;
    let title = match report.lines.len() {
        0 => format!("Lint: {name} passes the checks"),
        1 => format!("Lint: 1 finding in {name}"),
        n => format!("Lint: {n} findings in {name}"),
    };
    let mut lines: Vec<String> = report.lines.iter().map(|l| short(l)).collect();
    if lines.is_empty() {
        lines.push("Dates, next meeting, @handles, rendering and the index page are right.".into());
    }
    let fix = key_of(view, Action::FixMinutes)
        .filter(|_| fixable > 0)
        .map(|k| match fixable {
            1 => format!("{k} apply the safe fix · "),
            n => format!("{k} apply the {n} safe fixes · "),
        })
        .unwrap_or_default();
    let publish = key_of(view, Action::Publish)
        .map(|k| format!("{k} publish · "))
        .unwrap_or_default();
    Panel {
        kind: PanelKind::Report,
        title,
        lines,
        keys: format!("{fix}{publish}Esc close"),
        input: String::new(),
        scroll: 0,
    }
}

fn diverted_panel(what: &str, to: &Path, view: &View) -> Panel {
    // The key that writes ours over it is pressed twice (the second confirms).
    let overwrite = key_of(view, Action::OverwriteMinutes)
        .map(|k| format!(" {k} twice writes them over it; then try again."))
        .unwrap_or_default();
    Panel {
        kind: PanelKind::Report,
        title: what.to_string(),
        lines: vec![
            "The minutes file was changed outside scribe, and is kept as it is;".into(),
            format!("scribe's minutes are in {}.{overwrite}", to.display()),
        ],
        keys: "Esc close".into(),
        input: String::new(),
        scroll: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, Meeting};

    #[test]
    fn a_tickets_item_is_found_again_after_the_agenda_changed() {
        let now = chrono::Utc::now();
        let mut meeting = Meeting::new("m", now);
        let mut section = Item::new("Section");
        section.items = vec![Item::new("First"), Item::new("Template wanted")].into();
        meeting.agenda = vec![section].into();
        let mut app = App::new(meeting, now);
        assert_eq!(
            find_item(&app, &[0, 1], "Template wanted"),
            Some(vec![0, 1])
        );
        // An item was added above it while gh was at work.
        app.meeting.agenda[0]
            .items
            .insert(0, Item::new("New").into());
        assert_eq!(
            find_item(&app, &[0, 1], "Template wanted"),
            Some(vec![0, 2])
        );
        app.meeting.agenda[0].items.pop();
        assert_eq!(find_item(&app, &[0, 1], "Template wanted"), None);
    }

    fn view() -> View {
        View {
            output: "minutes.md".into(),
            keymap: crate::keymap::Keymap::default_map(),
            zone: crate::tui::view::Zone::Utc,
            theme: crate::theme::Theme::dark(),
            save: crate::tui::view::SaveStatus::default(),
            panel: None,
        }
    }

    /// Waits (a few seconds at most) for the threads to come back.
    fn settle(work: &mut Work, session: &mut Session, view: &mut View) {
        for _ in 0..500 {
            work.turn(session, view, false);
            if work.running.is_empty() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the thread did not come back");
    }

    #[test]
    fn quitting_while_a_push_runs_asks_first_and_says_what_runs() {
        let now = chrono::Utc::now();
        let app = App::new(Meeting::new("m", now), now);
        let mut session = Session::new(app.clone(), None);
        let mut view = view();
        let mut work = Work::new(Path::new("minutes.md"), &app);
        // Nothing under way: a quit goes at once.
        assert!(!work.holds_quit(Action::Quit, &mut session, &view));
        // The push waits on the remote until the test lets it go.
        let (go, wait) = mpsc::channel::<()>();
        work.spawn(Flow::Publish, "pushing minutes-x to origin", move || {
            let _ = wait.recv();
            Done::Plan(Err("stopped".into()))
        });
        assert!(work.holds_quit(Action::Quit, &mut session, &view));
        let message = session.app.message.clone().unwrap_or_default();
        assert!(message.contains("pushing minutes-x to origin"), "{message}");
        assert!(message.contains("q again to quit anyway"), "{message}");
        // Another key in between: the next quit asks again.
        assert!(!work.holds_quit(Action::Down, &mut session, &view));
        assert!(work.holds_quit(Action::Quit, &mut session, &view));
        // Twice in a row quits anyway.
        assert!(!work.holds_quit(Action::Quit, &mut session, &view));
        // Once the push is back, nothing holds a quit.
        go.send(()).unwrap();
        settle(&mut work, &mut session, &mut view);
        assert!(!work.holds_quit(Action::Quit, &mut session, &view));
    }

    #[test]
    fn the_lint_checks_running_do_not_hold_a_quit_but_a_publication_due_does() {
        let now = chrono::Utc::now();
        let app = App::new(Meeting::new("m", now), now);
        let mut session = Session::new(app.clone(), None);
        let view = view();
        let mut work = Work::new(Path::new("minutes.md"), &app);
        let (_go, wait) = mpsc::channel::<()>();
        work.spawn(Flow::Lint, "checking the minutes", move || {
            let _ = wait.recv();
            Done::Lint(Err("stopped".into()))
        });
        assert!(!work.holds_quit(Action::Quit, &mut session, &view));
        work.publish_due = true;
        assert!(work.holds_quit(Action::Quit, &mut session, &view));
        let message = session.app.message.clone().unwrap_or_default();
        assert!(message.contains("still about to publish"), "{message}");
    }

    #[test]
    fn findings_are_shown_with_the_file_name_only() {
        assert_eq!(
            short("/home/s/site/meetings/m-2026-02-19.md:58: the checkbox"),
            "m-2026-02-19.md:58: the checkbox"
        );
        assert_eq!(short("no file here"), "no file here");
    }
}
