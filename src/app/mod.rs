//! The live meeting's state and the one function that changes it.
//!
//! [`App`] is plain data: the meeting, what is selected, what is being edited.
//! [`update`] applies one [`Action`] at a given time; nothing else changes the state
//! the minutes are made from, so replaying the same actions at the same times gives
//! the same meeting. The panes in `crate::tui` only read an `App` to draw it.

pub mod action;
pub mod clock;
pub mod key;
pub mod notes;
pub mod session;
pub mod timing;

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Local, Offset, Utc};
use ratatui_textarea::{CursorMove, DataCursor, TextArea};

pub use action::Action;
pub use clock::{Clock, FixedClock, SystemClock};
pub use key::{Key, KeyCode};
pub use timing::Discussion;

use crate::keymap::Keymap;
use crate::model::{Attendance, Item, ItemPath, Meeting, Person};

/// The panes that can have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Agenda,
    Roster,
    /// The notes editor of the selected item.
    Notes,
}

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// The title of an item to add after the selected one.
    ItemAfter,
    /// The title of a sub-item to add under the selected one.
    SubItem,
    /// The handle of a person to add to the roster.
    Person,
    /// A new title for the selected item.
    Rename,
}

impl PromptKind {
    /// The question shown before the input.
    pub fn question(self) -> &'static str {
        match self {
            PromptKind::ItemAfter => "New item after the selected one: ",
            PromptKind::SubItem => "New sub-item: ",
            PromptKind::Person => "Add person: @",
            PromptKind::Rename => "Title: ",
        }
    }
}

/// A one-line question at the bottom of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
}

/// The notes editor, open on one agenda item.
#[derive(Debug, Clone)]
pub struct NotesEditor {
    /// The item whose notes are edited.
    pub path: ItemPath,
    /// The editor; its lines are the notes (see [`notes`]).
    pub textarea: TextArea<'static>,
    /// The `@handle` completion in progress: the typed prefix and the candidate shown.
    pub completion: Option<(String, usize)>,
}

/// How times are shown beside UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// UTC only: no local time is shown.
    Utc,
    /// The system's local time zone.
    Local,
    /// A fixed offset (tests).
    Fixed(FixedOffset),
}

impl Zone {
    /// The local offset at `now`, or `None` when it is UTC itself.
    pub fn offset(self, now: DateTime<Utc>) -> Option<FixedOffset> {
        let offset = match self {
            Zone::Utc => return None,
            Zone::Local => now.with_timezone(&Local).offset().fix(),
            Zone::Fixed(offset) => offset,
        };
        (offset.local_minus_utc() != 0).then_some(offset)
    }
}

/// The last write of the minutes file, as the writer reported it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveStatus {
    /// When the minutes were last written whole.
    pub saved_at: Option<DateTime<Utc>>,
    /// The error of the last failed write, until a write succeeds.
    pub error: Option<String>,
}

/// What the screen shows besides the meeting: it never goes into the minutes.
#[derive(Debug, Clone)]
pub struct View {
    /// Where the minutes are written.
    pub output: PathBuf,
    /// The keys in force (status line and help are made from it).
    pub keymap: Keymap,
    /// Local time beside UTC.
    pub zone: Zone,
    /// The colours (colourless when `NO_COLOR` is set).
    pub theme: crate::theme::Theme,
    /// The minutes file's last write.
    pub save: SaveStatus,
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
    /// Set by [`Action::Quit`].
    pub quit: bool,
    /// Set by [`Action::OverwriteMinutes`], for the run loop to tell the writer;
    /// it is not a change to the meeting.
    pub overwrite_minutes: bool,
    /// A short message for the status line (what the last action did).
    pub message: Option<String>,
    /// An action asked to be repeated to confirm it (replacing a recorded time).
    pub confirming: Option<Action>,
    /// The time of the last update or clock tick (for drawing).
    pub now: DateTime<Utc>,
    /// Display settings.
    pub view: View,
}

impl App {
    /// A new session on `meeting` at `now`.
    pub fn new(meeting: Meeting, view: View, now: DateTime<Utc>) -> App {
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
            quit: false,
            overwrite_minutes: false,
            message: None,
            confirming: None,
            now,
            view,
        }
    }

    /// The clock moved on: only what is drawn changes.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    /// The agenda entries that are shown (not inside a folded one), with their depth.
    pub fn visible_rows(&self) -> Vec<ItemPath> {
        fn walk(
            items: &[Item],
            path: &mut ItemPath,
            collapsed: &BTreeSet<ItemPath>,
            out: &mut Vec<ItemPath>,
        ) {
            for (i, item) in items.iter().enumerate() {
                path.push(i);
                out.push(path.clone());
                if !collapsed.contains(path) {
                    walk(&item.items, path, collapsed, out);
                }
                path.pop();
            }
        }
        let mut rows = Vec::new();
        walk(
            &self.meeting.agenda,
            &mut Vec::new(),
            &self.collapsed,
            &mut rows,
        );
        rows
    }

    /// The selected agenda item.
    pub fn selected_item(&self) -> Option<&Item> {
        self.meeting.item(&self.agenda_cursor)
    }

    /// The selected person.
    pub fn selected_person(&self) -> Option<&Person> {
        self.meeting.roster.get(self.roster_cursor)
    }

    /// Roster handles that complete the `@word` before the editor's cursor, with
    /// that word (without `@`).
    pub fn handle_candidates(&self) -> Option<(String, Vec<String>)> {
        let editor = self.editor.as_ref()?;
        let prefix = match &editor.completion {
            Some((prefix, _)) => prefix.clone(),
            None => handle_before_cursor(&editor.textarea)?,
        };
        let lower = prefix.to_lowercase();
        let candidates: Vec<String> = self
            .meeting
            .roster
            .iter()
            .filter(|p| p.handle.to_lowercase().starts_with(&lower))
            .map(|p| p.handle.clone())
            .collect();
        (!candidates.is_empty()).then_some((prefix, candidates))
    }

    fn changed(&mut self) {
        self.revision += 1;
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

    fn open_editor(&mut self) {
        let Some(item) = self.meeting.item(&self.agenda_cursor) else {
            self.message = Some("The agenda is empty: add an item with a".into());
            return;
        };
        let mut lines = notes::notes_to_lines(&item.notes);
        if lines.is_empty() {
            lines.push("- ".into());
        }
        let mut textarea = TextArea::new(lines);
        // Long notes wrap at words rather than scroll sideways; the line being typed
        // is not underlined (the block cursor shows where typing goes).
        textarea.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(ratatui::style::Style::default());
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        self.editor = Some(NotesEditor {
            path: self.agenda_cursor.clone(),
            textarea,
            completion: None,
        });
        self.focus = Pane::Notes;
    }

    /// Writes the editor's lines into the edited item's notes.
    fn sync_notes(&mut self) {
        let Some(editor) = &self.editor else { return };
        let mut notes = notes::lines_to_notes(editor.textarea.lines());
        if let Some(item) = self.meeting.item_mut(&editor.path) {
            notes::carry_over(&item.notes, &mut notes);
        }
        if let Some(item) = self.meeting.item_mut(&editor.path)
            && item.notes != notes
        {
            item.notes = notes;
            self.changed();
        }
    }

    fn close_editor(&mut self) {
        self.sync_notes();
        self.editor = None;
        if self.focus == Pane::Notes {
            self.focus = Pane::Agenda;
        }
    }

    fn move_agenda(&mut self, to: impl Fn(usize, usize) -> usize) {
        let rows = self.visible_rows();
        if rows.is_empty() {
            return;
        }
        let here = rows
            .iter()
            .position(|p| *p == self.agenda_cursor)
            .unwrap_or(0);
        let there = to(here, rows.len()).min(rows.len() - 1);
        self.agenda_cursor = rows[there].clone();
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

    fn set_attendance(&mut self, attendance: Attendance) {
        if let Some(person) = self.meeting.roster.get_mut(self.roster_cursor) {
            if person.attendance != attendance {
                person.attendance = attendance;
                self.changed();
            }
        } else {
            self.message = Some("The roster is empty: add a person with +".into());
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

    fn confirm_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        let text = prompt.text.trim();
        if text.is_empty() {
            return;
        }
        match prompt.kind {
            PromptKind::Rename => {
                if let Some(item) = self.meeting.item_mut(&self.agenda_cursor)
                    && item.title != text
                {
                    item.title = text.to_string();
                    self.changed();
                }
            }
            PromptKind::ItemAfter | PromptKind::SubItem => {
                let mut item = Item::new(text);
                let at: ItemPath = if self.meeting.agenda.is_empty() {
                    vec![0]
                } else if prompt.kind == PromptKind::ItemAfter {
                    let mut p = self.agenda_cursor.clone();
                    if let Some(last) = p.last_mut() {
                        *last += 1;
                    }
                    p
                } else {
                    let children = self.selected_item().map_or(0, |i| i.items.len());
                    let mut p = self.agenda_cursor.clone();
                    p.push(children);
                    p
                };
                // A new item has a checkbox when its neighbours have one.
                let neighbour = if prompt.kind == PromptKind::ItemAfter {
                    self.selected_item()
                } else {
                    self.selected_item().and_then(|i| i.items.last())
                };
                if neighbour.is_some_and(|n| n.checked.is_some()) {
                    item.checked = Some(false);
                }
                self.shift_folds_for_insert(&at);
                let (&index, parent) = at.split_last().unwrap_or((&0, &[]));
                let siblings = if parent.is_empty() {
                    Some(&mut self.meeting.agenda)
                } else {
                    self.meeting.item_mut(parent).map(|p| &mut p.items)
                };
                if let Some(siblings) = siblings {
                    siblings.insert(index.min(siblings.len()), item);
                    self.collapsed.remove(parent);
                    self.agenda_cursor = at;
                    self.changed();
                }
            }
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
                self.meeting.roster.push(Person {
                    handle: handle.to_string(),
                    name: None,
                    attendance: Attendance::Present,
                });
                self.roster_cursor = self.meeting.roster.len() - 1;
                self.focus = Pane::Roster;
                self.changed();
            }
        }
    }

    fn edit(&mut self, action: Action) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        if action != Action::Indent {
            editor.completion = None;
        }
        if action == Action::Indent
            && let Some((prefix, candidates)) = self.handle_candidates()
            && let Some(editor) = &mut self.editor
        {
            // Tab after `@pre` completes; Tab again offers the next handle.
            let index = editor
                .completion
                .as_ref()
                .map_or(0, |(_, i)| (i + 1) % candidates.len());
            let typed = handle_before_cursor(&editor.textarea).unwrap_or_default();
            for _ in 0..typed.chars().count() {
                editor.textarea.delete_char();
            }
            editor.textarea.insert_str(&candidates[index]);
            editor.completion = Some((prefix, index));
            self.sync_notes();
            return;
        }
        let Some(editor) = &mut self.editor else {
            return;
        };
        let ta = &mut editor.textarea;
        match action {
            Action::Indent => {
                let DataCursor(row, col) = ta.cursor();
                ta.move_cursor(jump(row, 0));
                ta.insert_str(notes::INDENT);
                ta.move_cursor(jump(row, col + notes::INDENT.len()));
            }
            Action::Outdent => {
                let DataCursor(row, col) = ta.cursor();
                let line = ta.lines().get(row).cloned().unwrap_or_default();
                let spaces = line.len() - line.trim_start_matches(' ').len();
                let remove = spaces.min(notes::INDENT.len());
                if remove > 0 {
                    ta.move_cursor(jump(row, 0));
                    ta.delete_str(remove);
                    ta.move_cursor(jump(row, col.saturating_sub(remove)));
                }
            }
            Action::NewLine => {
                let DataCursor(row, _) = ta.cursor();
                let line = ta.lines().get(row).cloned().unwrap_or_default();
                let parsed = notes::parse_line(&line);
                let depth = parsed.as_ref().map_or_else(
                    || (line.len() - line.trim_start_matches(' ').len()) / notes::INDENT.len(),
                    |l| l.depth,
                );
                let has_box = parsed.is_some_and(|l| l.checked.is_some());
                ta.insert_newline();
                ta.insert_str(notes::INDENT.repeat(depth));
                ta.insert_str(if has_box { "- [ ] " } else { "- " });
            }
            Action::CycleNoteCheck | Action::ToggleDecision => {
                let DataCursor(row, col) = ta.cursor();
                let line = ta.lines().get(row).cloned().unwrap_or_default();
                let (depth, checked, decision, text) = match notes::parse_line(&line) {
                    Some(l) => (l.depth, l.checked, l.decision, l.text.to_string()),
                    None => (
                        (line.len() - line.trim_start_matches(' ').len()) / notes::INDENT.len(),
                        None,
                        false,
                        String::new(),
                    ),
                };
                let new_line = if action == Action::ToggleDecision {
                    notes::format_line(depth, checked, !decision, &text)
                } else {
                    let next = match checked {
                        None => Some(false),
                        Some(false) => Some(true),
                        Some(true) => None,
                    };
                    notes::format_line(depth, next, decision, &text)
                };
                // The cursor stays on the same character of the text.
                let old_len = line.chars().count();
                let new_len = new_line.chars().count();
                let new_col = (col + new_len).saturating_sub(old_len).min(new_len);
                ta.move_cursor(jump(row, 0));
                ta.delete_line_by_end();
                ta.insert_str(&new_line);
                ta.move_cursor(jump(row, new_col));
            }
            Action::Type(key) => {
                // Every line is a note (see `notes`): text typed onto a blank
                // line without a dash gets one, so a pasted plain line (pasting
                // types its line breaks as plain Enter) shows as the note it is
                // rather than as bare text. A line that brings its own dash or
                // indentation keeps it.
                if let KeyCode::Char(c) = key.code
                    && !key.ctrl
                    && !key.alt
                    && !matches!(c, ' ' | '\t' | '-')
                {
                    let DataCursor(row, col) = ta.cursor();
                    let line = ta.lines().get(row).map_or("", String::as_str);
                    if line.trim().is_empty() && col == line.chars().count() {
                        ta.insert_str("- ");
                    }
                }
                ta.input(key.to_textarea_input());
            }
            Action::MoveCursor(row, col) => ta.move_cursor(CursorMove::Jump(row, col)),
            _ => {}
        }
        self.sync_notes();
    }
}

fn jump(row: usize, col: usize) -> CursorMove {
    CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(col).unwrap_or(u16::MAX),
    )
}

/// The first item after `path` (in agenda order) still open and worth discussing on
/// its own: a leaf, or an entry with its own allowance. Entries without either are
/// walked into.
pub fn next_open_item(m: &Meeting, path: &[usize]) -> Option<ItemPath> {
    fn walk(items: &[Item], prefix: &mut ItemPath, out: &mut Vec<ItemPath>) {
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

/// The `@word` just before the cursor, without the `@`.
fn handle_before_cursor(ta: &TextArea<'_>) -> Option<String> {
    let DataCursor(row, col) = ta.cursor();
    let line = ta.lines().get(row)?;
    let before: String = line.chars().take(col).collect();
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .map_or(0, |i| i + 1);
    before[word_start..]
        .strip_prefix('@')
        .map(|s| s.to_string())
}

/// The journal replays actions through `update`, like the event loop.
impl crate::journal::Replay for App {
    type Action = Action;
    fn apply(&mut self, action: &Action, at: DateTime<Utc>) {
        update(self, *action, at);
    }
}

/// Applies `action`, done at `now`, to `app`.
pub fn update(app: &mut App, action: Action, now: DateTime<Utc>) {
    app.now = now;
    app.message = None;
    // A confirmation is the very next action, or nothing.
    let confirming = app.confirming.take();
    app.confirming = confirming.filter(|c| *c == action);
    if app.help {
        // Any key closes the help; it does nothing else.
        app.help = false;
        return;
    }
    if app.prompt.is_some() {
        match action {
            Action::Confirm => app.confirm_prompt(),
            Action::Cancel => app.prompt = None,
            Action::Type(key) => {
                if let Some(prompt) = &mut app.prompt {
                    match key.code {
                        KeyCode::Char(c) if !key.ctrl && !key.alt => prompt.text.push(c),
                        KeyCode::Backspace => {
                            prompt.text.pop();
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        return;
    }
    match action {
        Action::Help => app.help = true,
        Action::Quit => {
            app.close_editor();
            app.stop_discussion(now);
            app.quit = true;
        }
        Action::NextPane => match app.focus {
            Pane::Agenda => app.focus = Pane::Roster,
            Pane::Roster => app.open_editor(),
            Pane::Notes => app.close_editor(),
        },
        Action::PrevPane => match app.focus {
            Pane::Agenda => app.open_editor(),
            Pane::Roster => app.focus = Pane::Agenda,
            Pane::Notes => {
                app.close_editor();
                app.focus = Pane::Roster;
            }
        },
        Action::Up => app.move_selection(|i, _| i.saturating_sub(1)),
        Action::Down => app.move_selection(|i, _| i + 1),
        Action::Top => app.move_selection(|_, _| 0),
        Action::Bottom => app.move_selection(|_, len| len.saturating_sub(1)),
        Action::NextSection => {
            if let Some(&section) = app.agenda_cursor.first()
                && section + 1 < app.meeting.agenda.len()
            {
                app.agenda_cursor = vec![section + 1];
            }
        }
        Action::PrevSection => {
            if let Some(&section) = app.agenda_cursor.first() {
                app.agenda_cursor = if app.agenda_cursor.len() > 1 {
                    vec![section]
                } else {
                    vec![section.saturating_sub(1)]
                };
            }
        }
        Action::Collapse => {
            let path = app.agenda_cursor.clone();
            let has_children = app.selected_item().is_some_and(|i| !i.items.is_empty());
            if has_children && !app.collapsed.contains(&path) {
                app.collapsed.insert(path);
            } else if path.len() > 1 {
                app.agenda_cursor.pop();
            }
        }
        Action::Expand => {
            app.collapsed.remove(&app.agenda_cursor);
        }
        Action::ToggleCheck => {
            let path = app.agenda_cursor.clone();
            let Some(item) = app.meeting.item_mut(&path) else {
                return;
            };
            let done = item.checked != Some(true);
            let had_box = item.checked.is_some();
            item.checked = Some(done);
            // Checking an item of a list without boxes gives the list boxes: its
            // other items are open (`[ ]`), not information (see `corpus/README.md`).
            if let (false, [parent @ .., _]) = (had_box, path.as_slice())
                && !parent.is_empty()
                && let Some(list) = app.meeting.item_mut(parent).map(|p| &mut p.items)
                && list.iter().filter(|i| i.checked.is_some()).count() == 1
            {
                for sibling in list.iter_mut().filter(|i| i.checked.is_none()) {
                    sibling.checked = Some(false);
                }
            }
            app.changed();
            // Checking off the item being discussed walks the agenda: the next open
            // item is discussed now, and selected.
            if done && app.current.as_ref().is_some_and(|d| d.path == path) {
                app.stop_discussion(now);
                if let Some(next) = next_open_item(&app.meeting, &path) {
                    for depth in 1..next.len() {
                        app.collapsed.remove(&next[..depth]);
                    }
                    app.agenda_cursor = next.clone();
                    app.current = Some(Discussion {
                        path: next,
                        since: now,
                    });
                }
            }
        }
        Action::EditNotes => app.open_editor(),
        Action::LeaveEditor => app.close_editor(),
        Action::DiscussNow => {
            let path = app.agenda_cursor.clone();
            let was = app.current.as_ref().map(|d| d.path.clone());
            app.stop_discussion(now);
            if was.as_ref() != Some(&path) && app.meeting.item(&path).is_some() {
                app.current = Some(Discussion { path, since: now });
            }
        }
        // A recorded time is replaced only when asked twice in a row: a stray
        // Shift-s late in the meeting must not lose the real start.
        Action::StartMeeting
            if app.meeting.actual.start.is_some() && app.confirming != Some(action) =>
        {
            app.confirming = Some(action);
            app.message = Some(format!(
                "The meeting started at {} UTC; S again to start it now",
                app.meeting.actual.start.unwrap_or(now).format("%H:%M")
            ));
        }
        // An old agenda (or one for a later day) is started only when asked
        // twice: its headings would get today's time under another day's.
        Action::StartMeeting
            if timing::dated_another_day(&app.meeting, now) && app.confirming != Some(action) =>
        {
            app.confirming = Some(action);
            app.message = Some(format!(
                "This meeting is dated {}, not today; S again to start it now",
                app.meeting.meeting_time.format("%Y-%m-%d"),
            ));
        }
        Action::EndMeeting
            if app.meeting.actual.end.is_some() && app.confirming != Some(action) =>
        {
            app.confirming = Some(action);
            app.message = Some(format!(
                "The meeting ended at {} UTC; E again to end it now",
                app.meeting.actual.end.unwrap_or(now).format("%H:%M")
            ));
        }
        Action::StartMeeting => {
            app.confirming = None;
            app.meeting.actual.start = Some(now);
            if app.meeting.actual.end.is_some_and(|end| end <= now) {
                app.meeting.actual.end = None;
            }
            app.message = Some(format!("Meeting started at {} UTC", now.format("%H:%M")));
            app.changed();
        }
        Action::EndMeeting => {
            app.confirming = None;
            app.stop_discussion(now);
            app.meeting.actual.end = Some(now);
            app.message = Some(format!("Meeting ended at {} UTC", now.format("%H:%M")));
            app.changed();
        }
        Action::AddItemAfter => {
            app.prompt = Some(Prompt {
                kind: PromptKind::ItemAfter,
                text: String::new(),
            })
        }
        Action::AddSubItem => {
            if app.selected_item().is_some() {
                app.prompt = Some(Prompt {
                    kind: PromptKind::SubItem,
                    text: String::new(),
                });
            }
        }
        Action::RenameItem => {
            if let Some(item) = app.selected_item() {
                app.prompt = Some(Prompt {
                    kind: PromptKind::Rename,
                    text: item.title.clone(),
                });
            }
        }
        Action::DeleteItem if app.selected_item().is_some() && app.confirming != Some(action) => {
            app.confirming = Some(action);
            let title = app
                .selected_item()
                .map_or(String::new(), |i| i.title.clone());
            app.message = Some(format!(
                "Delete “{title}” and all under it? D again to delete"
            ));
        }
        Action::DeleteItem => {
            app.confirming = None;
            app.delete_selected(now);
        }
        Action::AddPerson => {
            app.prompt = Some(Prompt {
                kind: PromptKind::Person,
                text: String::new(),
            })
        }
        Action::CycleState => {
            let next = match app.selected_person().map(|p| p.attendance) {
                Some(Attendance::Expected) => Attendance::Present,
                Some(Attendance::Present) => Attendance::Regrets,
                Some(Attendance::Regrets) => Attendance::Absent,
                Some(Attendance::Absent) => Attendance::Expected,
                Some(Attendance::ArrivedLate { .. } | Attendance::LeftEarly { .. }) => {
                    Attendance::Present
                }
                None => Attendance::Present,
            };
            app.set_attendance(next);
        }
        Action::ToggleChair => app.toggle_role(|m| &mut m.chairs, "chair"),
        Action::ToggleSecretary => app.toggle_role(|m| &mut m.secretary, "secretary"),
        Action::Present => app.set_attendance(Attendance::Present),
        Action::Regrets => app.set_attendance(Attendance::Regrets),
        Action::Absent => app.set_attendance(Attendance::Absent),
        Action::ArrivedLate => app.set_attendance(Attendance::ArrivedLate { at: Some(now) }),
        Action::LeftEarly => app.set_attendance(Attendance::LeftEarly { at: Some(now) }),
        Action::Indent
        | Action::Outdent
        | Action::NewLine
        | Action::CycleNoteCheck
        | Action::ToggleDecision
        | Action::MoveCursor(..)
        | Action::Type(_) => app.edit(action),
        Action::FocusAgenda => {
            app.close_editor();
            app.focus = Pane::Agenda;
        }
        Action::FocusRoster => {
            app.close_editor();
            app.focus = Pane::Roster;
        }
        Action::PickAgendaRow(row) => {
            app.close_editor();
            app.focus = Pane::Agenda;
            if let Some(path) = app.visible_rows().get(usize::from(row)) {
                app.agenda_cursor = path.clone();
            }
        }
        Action::PickPerson(row) => {
            app.close_editor();
            app.focus = Pane::Roster;
            if usize::from(row) < app.meeting.roster.len() {
                app.roster_cursor = usize::from(row);
            }
        }
        // Undo and redo rebuild the state from the journal's history, see
        // [`session::Session`]; on their own they change nothing.
        Action::Confirm
        | Action::Cancel
        | Action::Undo
        | Action::Redo
        | Action::OverwriteMinutes => {}
    }
}

#[cfg(test)]
mod tests;
