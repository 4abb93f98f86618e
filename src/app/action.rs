//! Everything the secretary can do, as data.
//!
//! A key goes through the keymap to an [`Action`]; `update` applies it. Actions are
//! serde-serialisable so that a journal of `(time, action)` pairs can replay a
//! session exactly. Named actions (the unit variants) are what keymaps bind keys to.

use serde::{Deserialize, Serialize};

use super::key::Key;

/// One thing the secretary did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Focus the next pane (agenda → roster → agenda; never the notes editor,
    /// which is opened with its own key).
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Move the selection up in the agenda or the roster.
    Up,
    /// Move the selection down.
    Down,
    /// Move to the first entry.
    Top,
    /// Move to the last entry.
    Bottom,
    /// Move to the next section (top-level agenda entry).
    NextSection,
    /// Move to this section's start, or the previous section.
    PrevSection,
    /// Fold the selected agenda entry (or go to its parent when folded already).
    Collapse,
    /// Unfold the selected agenda entry.
    Expand,
    /// Check or uncheck the selected agenda item.
    ToggleCheck,
    /// Give the selected item a checkbox, check it, or take the box away.
    CycleBox,
    /// Move the selected item (with everything under it) above its previous sibling.
    MoveItemUp,
    /// Move the selected item below its next sibling.
    MoveItemDown,
    /// Make the selected item the last sub-item of its previous sibling.
    IndentItem,
    /// Make the selected item a sibling of its parent, right after it.
    OutdentItem,
    /// Number the list the selected item is in (`1.`), or bullet it (`-`).
    ToggleNumbered,
    /// Find words in the agenda's titles (asks for them; the selection follows).
    Search,
    /// Go to the next title that matches the last search.
    SearchNext,
    /// Go to the previous title that matches the last search.
    SearchPrev,
    /// Move the selection down by half the pane's height.
    HalfPageDown,
    /// Move the selection up by half the pane's height.
    HalfPageUp,
    /// Edit the selected agenda item's notes.
    EditNotes,
    /// Leave the notes editor; the notes are kept.
    LeaveEditor,
    /// Mark the selected agenda item as being discussed now (its timer runs).
    DiscussNow,
    /// The meeting starts now.
    StartMeeting,
    /// The meeting ends now.
    EndMeeting,
    /// List the items never discussed, to keep each in the minutes as "not
    /// discussed" or move it to the next agenda (also asked at the end).
    NotDiscussed,
    /// Show the agenda in the next view: the document's order, only the items
    /// carried past the threshold, the oldest first (the minutes stay as they are).
    CycleAgendaView,
    /// Write the minutes with the safe fixes of the lint checks, and fix the
    /// index page the same way.
    FixMinutes,
    /// Publish the minutes: a branch and a commit in the group's checkout,
    /// pushed after a yes, then the pull request.
    Publish,
    /// Make a ticket of the selected item (with `gh`, or a text to paste) and
    /// add its link to the item.
    Ticket,
    /// Add an item after the selected one (asks for the title).
    AddItemAfter,
    /// Add an item before the selected one, at its level (asks for the title):
    /// the only way to a new first item of a list or section.
    AddItemBefore,
    /// Add a sub-item under the selected one (asks for the title).
    AddSubItem,
    /// Change the selected item's title (asks for it).
    RenameItem,
    /// Set the selected item's time allowance in minutes (asks for it).
    SetAllowance,
    /// Delete the selected item and everything under it (asks to press again).
    DeleteItem,
    /// Move the selected person to the next attendance state.
    CycleState,
    /// The selected person is present.
    Present,
    /// The selected person sent regrets.
    Regrets,
    /// The selected person is absent.
    Absent,
    /// The selected person arrived late (now).
    ArrivedLate,
    /// The selected person left early (now).
    LeftEarly,
    /// Add a person to the roster (asks for the handle).
    AddPerson,
    /// Set the meeting's date (asks for it; for an agenda that does not say it).
    SetDate,
    /// Set a field of the document's front matter (`layout: single`; asks for it).
    SetFrontMatter,
    /// Make the selected person a chair of this meeting, or no longer one.
    ToggleChair,
    /// Make the selected person this meeting's secretary, or no longer.
    ToggleSecretary,
    /// Make the selected person the next meeting's chair (elected now), or no longer.
    ToggleNextChair,
    /// Make the selected person the next meeting's secretary, or no longer.
    ToggleNextSecretary,
    /// Show or hide the help.
    Help,
    /// Quit; the minutes are written.
    Quit,
    /// Undo the last change (a whole notes editing session is one change).
    Undo,
    /// Redo the last undone change.
    Redo,
    /// The minutes file was changed by someone else while the meeting ran, and
    /// scribe's minutes went beside it: write them over that file after all.
    OverwriteMinutes,
    /// In the editor: complete the `@handle` before the cursor, or indent the line.
    Indent,
    /// In the editor: outdent the line.
    Outdent,
    /// In the editor: start a new note line at the same depth.
    NewLine,
    /// In the editor: give the note line a checkbox, check it, or take it away.
    CycleNoteCheck,
    /// In the editor: mark the note line as a decision, or unmark it.
    ToggleDecision,
    /// In a prompt: accept what was typed.
    Confirm,
    /// In a prompt: give up.
    Cancel,
    /// Focus the agenda pane.
    FocusAgenda,
    /// Focus the roster pane.
    FocusRoster,
    /// Select the agenda entry shown on row N of the agenda (a mouse click).
    PickAgendaRow(u16),
    /// Select the person on row N of the roster (a mouse click).
    PickPerson(u16),
    /// A key typed into the notes editor or a prompt (not a named action).
    Type(Key),
    /// The notes editor's cursor goes to (row, column). The journal records this
    /// instead of a key that only moved the cursor: how far Up or PageDown moves
    /// depends on the width and height the editor was drawn at, which a replay
    /// does not have. 32 bits: a line can be longer than 65,535 characters
    /// (journals written with 16-bit numbers read the same).
    MoveCursor(u32, u32),
    /// The selection in the agenda or roster moves by this many rows. The
    /// terminal layer turns a half-page key into it, as the page's height is the
    /// screen's, which a replay does not have.
    MoveRows(i16),
}

/// One named action as everything that shows or stores it knows it: keymaps and
/// the journal by `name`, the help by `help`, the status line by `label`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    pub action: Action,
    /// The name keymaps use (`next-pane`); the same as its serde name.
    pub name: &'static str,
    /// What the help says it does.
    pub help: &'static str,
    /// The status line's short label.
    pub label: &'static str,
    /// Its loss would be felt (checks, attendance, new items and people, start
    /// and end, the item discussed): a journal makes it durable at once, and
    /// typing within a moment. (Every action is journaled, moves too: the later
    /// ones apply at the selection the moves made.)
    pub structural: bool,
}

impl Command {
    const fn new(
        action: Action,
        name: &'static str,
        help: &'static str,
        label: Option<&'static str>,
        structural: bool,
    ) -> Command {
        Command {
            action,
            name,
            help,
            label: match label {
                Some(label) => label,
                None => help,
            },
            structural,
        }
    }
}

/// Every named action, once, in the order the help lists them.
pub const COMMANDS: &[Command] = &[
    Command::new(Action::Help, "help", "help", None, false),
    Command::new(Action::Quit, "quit", "quit", None, true),
    Command::new(Action::Undo, "undo", "undo", None, true),
    Command::new(Action::Redo, "redo", "redo", None, true),
    Command::new(
        Action::OverwriteMinutes,
        "overwrite-minutes",
        "ours over theirs",
        None,
        true,
    ),
    Command::new(
        Action::NextPane,
        "next-pane",
        "next pane",
        Some("pane"),
        false,
    ),
    Command::new(Action::PrevPane, "prev-pane", "previous pane", None, false),
    Command::new(Action::Up, "up", "move up", None, false),
    Command::new(Action::Down, "down", "move down", None, false),
    Command::new(Action::Top, "top", "first", None, false),
    Command::new(Action::Bottom, "bottom", "last", None, false),
    Command::new(
        Action::NextSection,
        "next-section",
        "next section",
        None,
        false,
    ),
    Command::new(
        Action::PrevSection,
        "prev-section",
        "previous section",
        None,
        false,
    ),
    Command::new(Action::Collapse, "collapse", "fold", None, false),
    Command::new(Action::Expand, "expand", "unfold", None, false),
    Command::new(
        Action::ToggleCheck,
        "toggle-check",
        "check",
        Some("check"),
        true,
    ),
    Command::new(
        Action::CycleBox,
        "cycle-box",
        "item box [ ] / [x] / none",
        Some("box"),
        true,
    ),
    Command::new(
        Action::MoveItemUp,
        "move-item-up",
        "move item up",
        None,
        true,
    ),
    Command::new(
        Action::MoveItemDown,
        "move-item-down",
        "move item down",
        None,
        true,
    ),
    Command::new(
        Action::IndentItem,
        "indent-item",
        "item in a level",
        None,
        true,
    ),
    Command::new(
        Action::OutdentItem,
        "outdent-item",
        "item out a level",
        None,
        true,
    ),
    Command::new(
        Action::ToggleNumbered,
        "toggle-numbered",
        "list marker 1. / -",
        None,
        true,
    ),
    Command::new(
        Action::Search,
        "search",
        "find in titles",
        Some("find"),
        false,
    ),
    Command::new(Action::SearchNext, "search-next", "next match", None, false),
    Command::new(
        Action::SearchPrev,
        "search-prev",
        "previous match",
        None,
        false,
    ),
    Command::new(
        Action::HalfPageDown,
        "half-page-down",
        "half a page down",
        None,
        false,
    ),
    Command::new(
        Action::HalfPageUp,
        "half-page-up",
        "half a page up",
        None,
        false,
    ),
    Command::new(
        Action::EditNotes,
        "edit-notes",
        "edit notes",
        Some("notes"),
        true,
    ),
    Command::new(
        Action::DiscussNow,
        "discuss-now",
        "discuss now",
        Some("now"),
        true,
    ),
    Command::new(
        Action::StartMeeting,
        "start-meeting",
        "start meeting",
        Some("start"),
        true,
    ),
    Command::new(
        Action::EndMeeting,
        "end-meeting",
        "end meeting",
        Some("end"),
        true,
    ),
    Command::new(
        Action::NotDiscussed,
        "not-discussed",
        "not discussed",
        None,
        true,
    ),
    Command::new(
        Action::CycleAgendaView,
        "cycle-agenda-view",
        "view by age",
        Some("view"),
        false,
    ),
    Command::new(
        Action::FixMinutes,
        "fix-minutes",
        "safe lint fixes",
        Some("fix"),
        true,
    ),
    Command::new(
        Action::Publish,
        "publish",
        "publish (push)",
        Some("publish"),
        false,
    ),
    Command::new(
        Action::Ticket,
        "ticket",
        "item to ticket",
        Some("ticket"),
        false,
    ),
    Command::new(
        Action::AddItemAfter,
        "add-item-after",
        "add item",
        Some("add"),
        true,
    ),
    Command::new(
        Action::AddItemBefore,
        "add-item-before",
        "add item before",
        Some("add before"),
        true,
    ),
    Command::new(
        Action::AddSubItem,
        "add-sub-item",
        "add sub-item",
        Some("sub-item"),
        true,
    ),
    Command::new(Action::RenameItem, "rename-item", "rename item", None, true),
    Command::new(
        Action::SetAllowance,
        "set-allowance",
        "time allowance (minutes)",
        Some("allowance"),
        true,
    ),
    Command::new(Action::DeleteItem, "delete-item", "delete item", None, true),
    Command::new(Action::CycleState, "cycle-state", "cycle state", None, true),
    Command::new(Action::Present, "present", "present", None, true),
    Command::new(Action::Regrets, "regrets", "regrets", None, true),
    Command::new(Action::Absent, "absent", "absent", None, true),
    Command::new(
        Action::ArrivedLate,
        "arrived-late",
        "arrived late",
        None,
        true,
    ),
    Command::new(Action::LeftEarly, "left-early", "left early", None, true),
    Command::new(Action::AddPerson, "add-person", "add person", None, true),
    Command::new(Action::SetDate, "set-date", "set meeting date", None, true),
    Command::new(
        Action::SetFrontMatter,
        "set-front-matter",
        "front matter field",
        Some("front matter"),
        true,
    ),
    Command::new(
        Action::ToggleChair,
        "toggle-chair",
        "is chair",
        Some("chair"),
        true,
    ),
    Command::new(
        Action::ToggleSecretary,
        "toggle-secretary",
        "is scribe",
        Some("scribe"),
        true,
    ),
    Command::new(
        Action::ToggleNextChair,
        "toggle-next-chair",
        "chairs the next meeting",
        Some("next chair"),
        true,
    ),
    Command::new(
        Action::ToggleNextSecretary,
        "toggle-next-secretary",
        "is the next meeting's scribe",
        Some("next scribe"),
        true,
    ),
    Command::new(
        Action::LeaveEditor,
        "leave-editor",
        "leave editor",
        Some("done"),
        true,
    ),
    Command::new(
        Action::Indent,
        "indent",
        "indent, @complete",
        Some("indent"),
        false,
    ),
    Command::new(Action::Outdent, "outdent", "outdent", None, false),
    Command::new(
        Action::NewLine,
        "new-line",
        "new note line",
        Some("new line"),
        false,
    ),
    Command::new(
        Action::CycleNoteCheck,
        "cycle-note-check",
        "note [ ] / [x] / none",
        Some("[ ]"),
        false,
    ),
    Command::new(
        Action::ToggleDecision,
        "toggle-decision",
        "mark decision ⚑",
        Some("⚑ decision"),
        false,
    ),
    Command::new(Action::Confirm, "confirm", "accept", None, true),
    Command::new(Action::Cancel, "cancel", "cancel", None, true),
    Command::new(
        Action::FocusAgenda,
        "focus-agenda",
        "agenda pane",
        None,
        false,
    ),
    Command::new(
        Action::FocusRoster,
        "focus-roster",
        "roster pane",
        None,
        false,
    ),
];

impl Action {
    /// Every named action, in the order the help lists them.
    pub fn named() -> impl Iterator<Item = Action> {
        COMMANDS.iter().map(|c| c.action)
    }

    /// The table's entry for a named action; `None` for typed keys, clicks and
    /// cursor moves.
    pub fn command(&self) -> Option<&'static Command> {
        COMMANDS.iter().find(|c| c.action == *self)
    }

    /// The name keymaps use (`next-pane`); `None` for [`Action::Type`].
    pub fn name(&self) -> Option<&'static str> {
        self.command().map(|c| c.name)
    }

    /// The named action called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Action> {
        COMMANDS.iter().find(|c| c.name == name).map(|c| c.action)
    }

    /// True for actions whose loss would be felt (see [`Command::structural`]).
    pub fn is_structural(&self) -> bool {
        self.command().is_some_and(|c| c.structural)
    }

    /// A short description for the help and the undo message.
    pub fn describe(&self) -> &'static str {
        match self {
            Action::PickAgendaRow(_) => "select item",
            Action::PickPerson(_) => "select person",
            Action::Type(_) => "type",
            Action::MoveCursor(..) => "move the cursor",
            Action::MoveRows(_) => "scroll",
            named => named.command().map_or("", |c| c.help),
        }
    }

    /// The status line's short label.
    pub fn label(&self) -> &'static str {
        self.command().map_or_else(|| self.describe(), |c| c.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case_and_read_back() {
        assert_eq!(Action::NextPane.name(), Some("next-pane"));
        for action in Action::named() {
            let name = action.name().unwrap();
            assert_eq!(Action::from_name(name), Some(action), "{name}");
            // The journal's name (serde) is the keymap's.
            let serde_name = yaml_serde::to_string(&action).unwrap();
            assert_eq!(serde_name.trim(), name);
        }
        assert_eq!(Action::from_name("no-such-action"), None);
        // Each action is described once.
        for (i, command) in COMMANDS.iter().enumerate() {
            assert!(
                COMMANDS[i + 1..]
                    .iter()
                    .all(|c| c.action != command.action && c.name != command.name),
                "{} is in the table twice",
                command.name
            );
        }
    }

    #[test]
    fn typed_keys_serialise_with_their_key_name() {
        let action = Action::Type("Ctrl-a".parse().unwrap());
        let yaml = yaml_serde::to_string(&action).unwrap();
        assert_eq!(yaml.trim(), "!type Ctrl-a");
        assert_eq!(yaml_serde::from_str::<Action>(&yaml).unwrap(), action);
        // The journal's JSON lines.
        let json = serde_json::to_string(&[action, Action::NextPane]).unwrap();
        assert_eq!(json, r#"[{"type":"Ctrl-a"},"next-pane"]"#);
        assert_eq!(
            serde_json::from_str::<Vec<Action>>(&json).unwrap(),
            [action, Action::NextPane]
        );
        // Half a page is journaled as the rows it moved on that screen.
        let json = serde_json::to_string(&[Action::MoveRows(-17), Action::HalfPageDown]).unwrap();
        assert_eq!(json, r#"[{"move-rows":-17},"half-page-down"]"#);
        assert_eq!(
            serde_json::from_str::<Vec<Action>>(&json).unwrap(),
            [Action::MoveRows(-17), Action::HalfPageDown]
        );
    }
}
