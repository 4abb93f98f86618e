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
    /// Focus the next pane (agenda → roster → notes).
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
    /// Add an item after the selected one (asks for the title).
    AddItemAfter,
    /// Add a sub-item under the selected one (asks for the title).
    AddSubItem,
    /// Change the selected item's title (asks for it).
    RenameItem,
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
    /// Make the selected person a chair of this meeting, or no longer one.
    ToggleChair,
    /// Make the selected person this meeting's secretary, or no longer.
    ToggleSecretary,
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
    /// does not have.
    MoveCursor(u16, u16),
}

impl Action {
    /// Every named action, in the order the help lists them.
    pub const NAMED: &'static [Action] = &[
        Action::Help,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::OverwriteMinutes,
        Action::NextPane,
        Action::PrevPane,
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::NextSection,
        Action::PrevSection,
        Action::Collapse,
        Action::Expand,
        Action::ToggleCheck,
        Action::EditNotes,
        Action::DiscussNow,
        Action::StartMeeting,
        Action::EndMeeting,
        Action::AddItemAfter,
        Action::AddSubItem,
        Action::RenameItem,
        Action::DeleteItem,
        Action::CycleState,
        Action::Present,
        Action::Regrets,
        Action::Absent,
        Action::ArrivedLate,
        Action::LeftEarly,
        Action::AddPerson,
        Action::ToggleChair,
        Action::ToggleSecretary,
        Action::LeaveEditor,
        Action::Indent,
        Action::Outdent,
        Action::NewLine,
        Action::CycleNoteCheck,
        Action::ToggleDecision,
        Action::Confirm,
        Action::Cancel,
        Action::FocusAgenda,
        Action::FocusRoster,
    ];

    /// The name keymaps use (`next-pane`); `None` for [`Action::Type`].
    pub fn name(&self) -> Option<String> {
        if matches!(
            self,
            Action::Type(_)
                | Action::PickAgendaRow(_)
                | Action::PickPerson(_)
                | Action::MoveCursor(..)
        ) {
            return None;
        }
        // The serde name is the one source of truth for names.
        yaml_serde::to_string(self)
            .ok()
            .map(|s| s.trim().to_string())
    }

    /// The named action called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::NAMED
            .iter()
            .copied()
            .find(|a| a.name().as_deref() == Some(name))
    }

    /// True for actions whose loss would be felt: checks, attendance, new items and
    /// people, start and end, the item discussed. A journal makes these durable at
    /// once, and typing within a moment. (Every action is journaled, moves too: the
    /// later ones apply at the selection the moves made.)
    pub fn is_structural(&self) -> bool {
        !matches!(
            self,
            Action::Type(_)
                | Action::MoveCursor(..)
                | Action::NewLine
                | Action::CycleNoteCheck
                | Action::ToggleDecision
                | Action::Indent
                | Action::Outdent
                | Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::NextSection
                | Action::PrevSection
                | Action::Collapse
                | Action::Expand
                | Action::NextPane
                | Action::PrevPane
                | Action::FocusAgenda
                | Action::FocusRoster
                | Action::PickAgendaRow(_)
                | Action::PickPerson(_)
                | Action::Help
        )
    }

    /// A short description for the help and the status line.
    pub fn describe(&self) -> &'static str {
        match self {
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::Top => "first",
            Action::Bottom => "last",
            Action::NextSection => "next section",
            Action::PrevSection => "previous section",
            Action::Collapse => "fold",
            Action::Expand => "unfold",
            Action::ToggleCheck => "check",
            Action::EditNotes => "notes",
            Action::LeaveEditor => "leave editor",
            Action::DiscussNow => "discuss now",
            Action::StartMeeting => "start meeting",
            Action::EndMeeting => "end meeting",
            Action::AddItemAfter => "add item",
            Action::AddSubItem => "add sub-item",
            Action::RenameItem => "rename item",
            Action::DeleteItem => "delete item",
            Action::CycleState => "cycle state",
            Action::Present => "present",
            Action::Regrets => "regrets",
            Action::Absent => "absent",
            Action::ArrivedLate => "arrived late",
            Action::LeftEarly => "left early",
            Action::AddPerson => "add person",
            Action::ToggleChair => "is chair",
            Action::ToggleSecretary => "is scribe",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::OverwriteMinutes => "ours over theirs",
            Action::Indent => "indent, @complete",
            Action::Outdent => "outdent",
            Action::NewLine => "new note line",
            Action::CycleNoteCheck => "note [ ] / [x] / none",
            Action::ToggleDecision => "mark decision ⚑",
            Action::Confirm => "accept",
            Action::Cancel => "cancel",
            Action::FocusAgenda => "agenda pane",
            Action::FocusRoster => "roster pane",
            Action::PickAgendaRow(_) => "select item",
            Action::PickPerson(_) => "select person",
            Action::Type(_) => "type",
            Action::MoveCursor(..) => "move the cursor",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case_and_read_back() {
        assert_eq!(Action::NextPane.name().as_deref(), Some("next-pane"));
        for action in Action::NAMED {
            let name = action.name().unwrap();
            assert_eq!(Action::from_name(&name), Some(*action), "{name}");
        }
        assert_eq!(Action::from_name("no-such-action"), None);
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
    }
}
