//! The live meeting's state and the one function that changes it.
//!
//! [`App`] is plain data: the meeting, what is selected, what is being edited.
//! [`update`] applies one [`Action`] at a given time; nothing else changes the state
//! the minutes are made from, so replaying the same actions at the same times gives
//! the same meeting. The panes in `crate::tui` only read an `App` to draw it.

pub mod action;
pub mod agenda_view;
mod arrange;
pub mod editor;
pub mod key;
mod not_discussed;
pub mod notes;
pub mod prompt;
mod rows;
pub mod sections;
pub mod timing;
mod update;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

pub use action::Action;
pub use agenda_view::AgendaView;
pub use editor::NotesEditor;
pub use key::{Key, KeyCode};
pub use prompt::{Prompt, PromptKind};
pub use rows::RowCounts;
use rows::step;
#[cfg(test)]
use rows::walk;
pub use timing::Discussion;
pub use update::update;

use crate::model::{Attendance, Item, ItemPath, Meeting, Person, Shared};

/// What the screen is doing, which decides how a key is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Help,
    Prompt,
    Editor,
    Agenda,
    Roster,
}

impl Mode {
    /// True where keys are commands (the agenda or the roster), not typing.
    pub fn is_command(self) -> bool {
        matches!(self, Mode::Agenda | Mode::Roster)
    }
}

/// What an action asks of the world outside the state, which [`update`] cannot
/// do itself: the session undoes and redoes from its history, the event loop
/// quits or tells the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The secretary quit; the minutes are written.
    Quit,
    /// Take the last change back (the session's history knows what it was).
    Undo,
    /// Put the last undone change back.
    Redo,
    /// Write scribe's minutes over a file someone else changed.
    OverwriteMinutes,
    /// The minutes are written with the safe lint fixes from now on; the index
    /// page's safe fixes are the caller's to write (it is not the minutes).
    FixMinutes,
    /// Publish the minutes (a branch, a commit, a push after a yes).
    Publish,
    /// Make a ticket for the selected item.
    Ticket,
}

/// What [`update`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The meeting changed, or which item is being discussed: the minutes and the
    /// undo history care.
    pub changed: bool,
    /// What is left for the caller to do.
    pub effect: Option<Effect>,
}

/// The panes that can have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Agenda,
    Roster,
    /// The notes editor of the selected item.
    Notes,
}

/// The live meeting and everything selected or being edited.
#[derive(Debug, Clone)]
pub struct App {
    /// The meeting; the minutes are made from it alone.
    pub meeting: Meeting,
    /// The focused pane.
    pub focus: Pane,
    /// The selected agenda entry (empty when the agenda is empty).
    pub agenda_cursor: ItemPath,
    /// Folded agenda entries.
    pub collapsed: BTreeSet<ItemPath>,
    /// The selected person.
    pub roster_cursor: usize,
    /// The notes editor, while open.
    pub editor: Option<NotesEditor>,
    /// The question being asked, if any.
    pub prompt: Option<Prompt>,
    /// Whether the help is shown.
    pub help: bool,
    /// The item being discussed now.
    pub current: Option<Discussion>,
    /// Counts changes to `meeting`: the minutes are written when it moves.
    pub revision: u64,
    /// Names what the panes beside the notes editor show: renewed by every
    /// action except typing into the open editor and attendance or moves in
    /// the roster (the roster pane is told apart by what it shows), so that a
    /// drawn pane can be kept while it stays the same (see
    /// [`fresh_generation`]). A copy of the state keeps its generation, as it
    /// shows the same.
    pub generation: u64,
    /// A short message for the status line (what the last action did).
    pub message: Option<String>,
    /// An action asked to be repeated to confirm it (replacing a recorded time).
    pub confirming: Option<Action>,
    /// The time of the last update or clock tick (for drawing).
    pub now: DateTime<Utc>,
    /// The words last searched for in the titles (for the next match).
    pub last_search: Option<String>,
    /// The items never discussed, listed while the not-discussed prompt is open.
    pub not_discussed: Vec<ItemPath>,
    /// The meeting's document writes sections as headings, which have no place
    /// for a checkbox (a Markdown agenda): a section cannot be checked, so that
    /// nothing shows checked that the minutes do not say.
    pub sections_unboxed: bool,
    /// How the agenda pane lists the entries (see [`AgendaView`]).
    pub agenda_view: AgendaView,
    /// How many meetings each open item has been carried, from the folder of
    /// minutes the meeting sits in: read once when the meeting opens, from the
    /// session's base, so that a replay sees the same ages as the live session.
    pub ages: crate::history::Ages,
    /// From how many meetings carried an item is shown by the carried view.
    pub carried_threshold: usize,
    /// How the notes editor last laid its lines out on screen rows, given to
    /// the next editor opened: notes opened again lay out only the lines that
    /// changed (wrapping every line on each opening was a fifth of its cost).
    pub(crate) editor_line_maps: EditorLineMaps,
}

/// The notes editor's line maps between two openings (see
/// [`App::editor_line_maps`]): a cache, which a copy of the state (a
/// checkpoint of the history, say) does not take along.
#[derive(Debug, Default)]
pub(crate) struct EditorLineMaps(pub(crate) ratatui_textarea::LineMaps);

impl Clone for EditorLineMaps {
    fn clone(&self) -> EditorLineMaps {
        EditorLineMaps::default()
    }
}

impl App {
    /// A new session on `meeting` at `now`.
    pub fn new(meeting: Meeting, now: DateTime<Utc>) -> App {
        let agenda_cursor = if meeting.agenda.is_empty() {
            Vec::new()
        } else {
            vec![0]
        };
        App {
            meeting,
            focus: Pane::Agenda,
            agenda_cursor,
            collapsed: BTreeSet::new(),
            roster_cursor: 0,
            editor: None,
            prompt: None,
            help: false,
            current: None,
            revision: 0,
            generation: fresh_generation(),
            message: None,
            confirming: None,
            now,
            last_search: None,
            not_discussed: Vec::new(),
            sections_unboxed: false,
            agenda_view: AgendaView::Document,
            ages: crate::history::Ages::default(),
            carried_threshold: crate::history::DEFAULT_CARRIED_THRESHOLD,
            editor_line_maps: EditorLineMaps::default(),
        }
    }

    /// The mode the screen is in, which decides how keys are read.
    pub fn mode(&self) -> Mode {
        if self.help {
            Mode::Help
        } else if self.prompt.is_some() {
            Mode::Prompt
        } else if self.editor.is_some() {
            Mode::Editor
        } else if self.focus == Pane::Roster {
            Mode::Roster
        } else {
            Mode::Agenda
        }
    }

    /// The clock moved on: only what is drawn changes.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    /// The selected agenda item.
    pub fn selected_item(&self) -> Option<&Item> {
        self.meeting.item(&self.agenda_cursor)
    }

    /// The selected person.
    pub fn selected_person(&self) -> Option<&Person> {
        self.meeting.roster.get(self.roster_cursor)
    }

    fn changed(&mut self) {
        self.revision += 1;
    }

    /// Adds `text` as a note of the item at `path` (a ticket's link, given
    /// by scribe itself once the ticket exists): one journaled step with its
    /// text, so a replay gives the same minutes without asking anyone again.
    pub fn add_note(&mut self, path: &[usize], text: &str) -> Outcome {
        let text = text.trim();
        let Some(item) = self.meeting.item_mut(path).filter(|_| !text.is_empty()) else {
            return Outcome::default();
        };
        if item.notes.iter().any(|n| n.text == text) {
            return Outcome::default();
        }
        item.notes.push(crate::model::Note::new(text));
        self.changed();
        // Not a key through `update`: the panes showing the item are drawn afresh.
        self.generation = fresh_generation();
        Outcome {
            changed: true,
            effect: None,
        }
    }

    /// Adds the running discussion's time to its item's spent seconds and stops it.
    fn stop_discussion(&mut self, now: DateTime<Utc>) {
        if let Some(d) = self.current.take() {
            let secs = u64::try_from((now - d.since).num_seconds()).unwrap_or(0);
            if let Some(item) = self.meeting.item_mut(&d.path) {
                item.spent_seconds = item.spent_seconds.saturating_add(secs);
            }
            self.changed();
        }
    }

    fn move_roster(&mut self, to: impl Fn(usize, usize) -> usize) {
        let len = self.meeting.roster.len();
        if len > 0 {
            self.roster_cursor = to(self.roster_cursor.min(len - 1), len).min(len - 1);
        }
    }

    fn move_selection(&mut self, to: impl Fn(usize, usize) -> usize) {
        match self.focus {
            Pane::Agenda => self.move_agenda(to),
            Pane::Roster => self.move_roster(to),
            Pane::Notes => {}
        }
    }

    /// Moves the selection one row down (`down`) or up in the focused list.
    fn step_selection(&mut self, down: bool) {
        match self.focus {
            Pane::Agenda => self.step_agenda(down),
            _ => self.move_selection(|i, _| step(i, down)),
        }
    }

    fn set_attendance(&mut self, attendance: Attendance) {
        // Read before written: a shared roster is copied by the first change,
        // and marking someone as they are already marked is none.
        let Some(was) = self
            .meeting
            .roster
            .get(self.roster_cursor)
            .map(|p| p.attendance)
        else {
            self.message = Some("The roster is empty: add a person with +".into());
            return;
        };
        if was != attendance
            && let Some(person) = self.meeting.roster.get_mut(self.roster_cursor)
        {
            person.attendance = attendance;
            self.changed();
        }
    }

    /// Adds the selected person to the meeting's chairs or secretaries
    /// (`role` says which list), or takes them off it.
    fn toggle_role(&mut self, role: fn(&mut Meeting) -> &mut Vec<String>, name: &str) {
        let Some(handle) = self.selected_person().map(|p| p.handle.clone()) else {
            self.message = Some("The roster is empty: add a person with +".into());
            return;
        };
        let list = role(&mut self.meeting);
        // Handles are written without `@`, in any case (`@Tux` chairs is @tux).
        let bare = |h: &String| h.trim_start_matches('@').to_lowercase();
        let key = bare(&handle);
        if list.iter().any(|h| bare(h) == key) {
            list.retain(|h| bare(h) != key);
            self.message = Some(format!("@{handle} is no longer {name}"));
        } else {
            list.push(handle.clone());
            self.message = Some(format!("@{handle} is {name}"));
        }
        self.changed();
    }

    /// Removes the selected agenda entry (and everything under it); the selection
    /// moves to the entry that takes its place, or the one before.
    fn delete_selected(&mut self, now: DateTime<Utc>) {
        let path = self.agenda_cursor.clone();
        let Some((&index, parent)) = path.split_last() else {
            return;
        };
        if self
            .current
            .as_ref()
            .is_some_and(|d| d.path.starts_with(&path))
        {
            self.stop_discussion(now);
        }
        let siblings = if parent.is_empty() {
            Some(&mut self.meeting.agenda)
        } else {
            self.meeting.item_mut(parent).map(|p| &mut p.items)
        };
        let Some(siblings) = siblings.filter(|s| index < s.len()) else {
            return;
        };
        siblings.remove(index);
        let left = siblings.len();
        // Paths after the removed entry move up by one; those under it are gone.
        let depth = parent.len();
        let shift = |p: &ItemPath| -> Option<ItemPath> {
            if p.starts_with(&path) {
                None
            } else if p.len() > depth && p[..depth] == *parent && p[depth] > index {
                let mut q = p.clone();
                q[depth] -= 1;
                Some(q)
            } else {
                Some(p.clone())
            }
        };
        self.collapsed = self.collapsed.iter().filter_map(shift).collect();
        if let Some(d) = self.current.take() {
            self.current = shift(&d.path).map(|path| Discussion { path, ..d });
        }
        self.agenda_cursor = if left == 0 {
            parent.to_vec()
        } else {
            let mut p = parent.to_vec();
            p.push(index.min(left - 1));
            p
        };
        if let Some(editor) = &self.editor
            && shift(&editor.path).is_none()
        {
            self.editor = None;
            self.focus = Pane::Agenda;
        }
        self.changed();
    }

    /// Inserting an item at `path` moves its later siblings down by one: so do their folds.
    fn shift_folds_for_insert(&mut self, path: &[usize]) {
        let Some((&index, parent)) = path.split_last() else {
            return;
        };
        let depth = parent.len();
        self.collapsed = std::mem::take(&mut self.collapsed)
            .into_iter()
            .map(|mut p| {
                if p.len() > depth && p[..depth] == *parent && p[depth] >= index {
                    p[depth] += 1;
                }
                p
            })
            .collect();
        if let Some(d) = &mut self.current
            && d.path.len() > depth
            && d.path[..depth] == *parent
            && d.path[depth] >= index
        {
            d.path[depth] += 1;
        }
    }

    /// `key: value` typed at the front matter prompt: the field is set (added
    /// when the document has none). The title is the meeting's; the meeting
    /// time has its own key.
    fn set_front_matter(&mut self, text: &str) {
        let Some((key, value)) = text.split_once(':') else {
            self.message = Some(format!("“{text}” is no field; expected key: value"));
            return;
        };
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            self.message = Some(format!("“{key}” is no front matter key"));
            return;
        }
        match key {
            "title" => {
                if self.meeting.title != value {
                    self.meeting.title = value.to_string();
                    self.changed();
                }
            }
            "meeting_time" => {
                self.message = Some("The meeting's date is set with set-date".into());
                return;
            }
            _ => {
                let line = format!("{key}: {value}");
                let fields = &mut self.meeting.front_matter;
                let same_key = |l: &String| l.split_once(':').is_some_and(|(k, _)| k.trim() == key);
                match fields.iter().position(same_key) {
                    Some(i) if fields[i] == line => {}
                    Some(i) => {
                        fields[i] = line;
                        self.changed();
                    }
                    None => {
                        fields.push(line);
                        self.changed();
                    }
                }
            }
        }
        self.message = Some(format!("Front matter: {key}: {value}"));
    }

    fn confirm_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        let text = prompt.text().trim();
        if prompt.kind == PromptKind::Allowance {
            self.set_allowance(text);
            return;
        }
        if text.is_empty() {
            return;
        }
        match prompt.kind {
            PromptKind::Search | PromptKind::Allowance => {}
            PromptKind::Rename => {
                // A title shown with its soft line break as a space and confirmed
                // unchanged stays as the file has it.
                if let Some(item) = self.meeting.item_mut(&self.agenda_cursor)
                    && item.title != text
                    && Prompt::new(PromptKind::Rename, &item.title).text().trim() != text
                {
                    item.title = text.to_string();
                    self.changed();
                }
            }
            PromptKind::ItemAfter | PromptKind::ItemBefore | PromptKind::SubItem => {
                // `### TL;DR` typed as a title: a sub-section written as a heading
                // of that level, as the secretary would write it by hand.
                let (level, text) = heading_prefix(text);
                let mut item = Item::new(text);
                item.heading = level;
                let at: ItemPath = if self.meeting.agenda.is_empty() {
                    vec![0]
                } else if prompt.kind == PromptKind::ItemAfter {
                    let mut p = self.agenda_cursor.clone();
                    if let Some(last) = p.last_mut() {
                        *last += 1;
                    }
                    p
                } else if prompt.kind == PromptKind::ItemBefore {
                    // In the selected item's place; it moves down.
                    self.agenda_cursor.clone()
                } else {
                    let children = self.selected_item().map_or(0, |i| i.items.len());
                    let mut p = self.agenda_cursor.clone();
                    p.push(children);
                    p
                };
                // A new item has a checkbox when the sibling it follows (for a
                // sub-item, the last one; before, the one it precedes) has one:
                // never on its own, and never from a heading (a section is no
                // list entry, whatever it shows).
                let neighbour = if prompt.kind != PromptKind::SubItem {
                    self.selected_item()
                } else {
                    self.selected_item()
                        .and_then(|i| i.items.last().map(|item| &**item))
                };
                if item.heading.is_none()
                    && neighbour
                        .is_some_and(|n| n.heading.is_none() && !n.block && n.checked.is_some())
                {
                    item.checked = Some(false);
                }
                // Among headings it is a heading of their level (unless typed
                // with its own `###`): it stays one wherever it is moved to later.
                if item.heading.is_none() {
                    item.heading = neighbour.and_then(|n| n.heading);
                }
                self.shift_folds_for_insert(&at);
                let (&index, parent) = at.split_last().unwrap_or((&0, &[]));
                let siblings = if parent.is_empty() {
                    Some(&mut self.meeting.agenda)
                } else {
                    self.meeting.item_mut(parent).map(|p| &mut p.items)
                };
                if let Some(siblings) = siblings {
                    let index = index.min(siblings.len());
                    siblings.insert(index, item.into());
                    self.collapsed.remove(parent);
                    self.agenda_cursor = at;
                    self.changed();
                }
            }
            PromptKind::NotDiscussed => {
                let text = text.to_string();
                self.settle_not_discussed(&text);
            }
            PromptKind::FrontMatter => self.set_front_matter(text),
            PromptKind::Date => match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(date) => {
                    let was = self.meeting.date_assumed;
                    if self.meeting.meeting_time.date_naive() != date || was {
                        self.meeting.set_date(date);
                        self.changed();
                    }
                    self.message = Some(format!("Meeting date: {date}"));
                }
                Err(_) => {
                    self.message = Some(format!("“{text}” is not a date; expected YYYY-MM-DD"));
                }
            },
            PromptKind::Person => {
                let handle = text.trim_start_matches('@').trim();
                if handle.is_empty() {
                    return;
                }
                if let Some(i) = self
                    .meeting
                    .roster
                    .iter()
                    .position(|p| p.handle.eq_ignore_ascii_case(handle))
                {
                    self.roster_cursor = i;
                    self.message = Some(format!("@{handle} is on the roster already"));
                    return;
                }
                // "Chen Wu" is a name, not a handle: written as such, without `@`.
                let name = handle
                    .contains(char::is_whitespace)
                    .then(|| handle.to_string());
                self.meeting.roster.push(Person {
                    handle: handle.to_string(),
                    name,
                    attendance: Attendance::Present,
                });
                self.roster_cursor = self.meeting.roster.len() - 1;
                self.focus = Pane::Roster;
                self.changed();
            }
        }
    }
}

/// A generation never given before in this process: two states with the same
/// generation are copies of one another, whichever session made them.
pub fn fresh_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The first item after `path` (in agenda order) still open and worth discussing on
/// its own: a leaf, or an entry with its own allowance. Entries without either are
/// walked into.
pub fn next_open_item(m: &Meeting, path: &[usize]) -> Option<ItemPath> {
    fn walk(items: &[Shared<Item>], prefix: &mut ItemPath, out: &mut Vec<ItemPath>) {
        for (i, item) in items.iter().enumerate() {
            prefix.push(i);
            out.push(prefix.clone());
            walk(&item.items, prefix, out);
            prefix.pop();
        }
    }
    let mut order = Vec::new();
    walk(&m.agenda, &mut Vec::new(), &mut order);
    let here = order.iter().position(|p| p == path)?;
    order.into_iter().skip(here + 1).find(|p| {
        m.item(p).is_some_and(|item| {
            item.checked != Some(true) && (item.items.is_empty() || item.minutes.is_some())
        })
    })
}

#[cfg(test)]
mod tests;

impl App {
    /// The allowance typed at the prompt: whole minutes, or nothing for none.
    fn set_allowance(&mut self, text: &str) {
        let minutes = if text.is_empty() {
            None
        } else {
            match text
                .trim_end_matches(['m', '′', '\''])
                .trim()
                .parse::<u32>()
            {
                Ok(m) if (1..=24 * 60).contains(&m) => Some(m),
                _ => {
                    self.message = Some(format!(
                        "“{text}” is not a number of minutes; expected e.g. 10"
                    ));
                    return;
                }
            }
        };
        if let Some(item) = self.meeting.item_mut(&self.agenda_cursor)
            && item.minutes != minutes
        {
            item.minutes = minutes;
            self.changed();
        }
    }
}

/// A title typed with a Markdown heading marker (`### TL;DR`): the level and the
/// title after it; other titles as they are.
fn heading_prefix(text: &str) -> (Option<u8>, &str) {
    let hashes = text.len() - text.trim_start_matches('#').len();
    match text[hashes..].strip_prefix(' ') {
        Some(rest) if (1..=6).contains(&hashes) && !rest.trim().is_empty() => {
            (u8::try_from(hashes).ok(), rest.trim())
        }
        _ => (None, text),
    }
}

#[cfg(test)]
mod tests_keyboard;
