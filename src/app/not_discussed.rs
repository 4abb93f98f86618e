//! At the end of the meeting, the items never discussed: the secretary keeps
//! each in the minutes as "not discussed" or moves it to the next agenda (a
//! section at the end of the minutes that `scribe next` carries over), instead of
//! removing them by hand afterwards.

use super::timing::never_discussed;
use super::{App, Prompt, PromptKind};
use crate::model::{Item, ItemPath, Note, Shared};

/// The note an item kept in the minutes gets.
pub const NOT_DISCUSSED: &str = "not discussed";
/// The section the moved items go to.
pub const MOVED_SECTION: &str = "Moved to the next agenda";

impl App {
    /// Opens the not-discussed prompt when some item was never discussed;
    /// `quiet` says nothing when none was (at the end of the meeting).
    pub(crate) fn offer_not_discussed(&mut self, quiet: bool) {
        self.not_discussed = never_discussed(&self.meeting);
        if self.not_discussed.is_empty() {
            if !quiet {
                self.message = Some("No item was left undiscussed".to_string());
            }
            return;
        }
        self.prompt = Some(Prompt::new(PromptKind::NotDiscussed, ""));
    }

    /// The titles of the items never discussed, as the prompt lists them.
    pub fn not_discussed_titles(&self) -> Vec<String> {
        self.not_discussed
            .iter()
            .filter_map(|p| self.meeting.item(p).map(|i| i.title.clone()))
            .collect()
    }

    /// Applies the secretary's answer: one letter for all items, or one per item.
    pub(crate) fn settle_not_discussed(&mut self, answer: &str) {
        let letters: Vec<char> = answer
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let n = self.not_discussed.len();
        let valid = letters.iter().all(|c| matches!(c, 'k' | 'm'));
        let choices: Vec<char> = match letters.len() {
            1 if valid => vec![letters[0]; n],
            len if valid && len == n => letters,
            _ => {
                self.message = Some(format!(
                    "Type k or m once for all {n} items, or once per item"
                ));
                self.prompt = Some(Prompt::new(PromptKind::NotDiscussed, answer));
                return;
            }
        };
        let paths = std::mem::take(&mut self.not_discussed);
        let mut kept = 0;
        let mut moving: Vec<ItemPath> = Vec::new();
        for (path, choice) in paths.iter().zip(&choices) {
            if *choice == 'm' {
                moving.push(path.clone());
            } else if let Some(item) = self.meeting.item_mut(path) {
                if !item.notes.iter().any(|n| n.text == NOT_DISCUSSED) {
                    item.notes.push(Note {
                        text: NOT_DISCUSSED.to_string(),
                        ..Note::default()
                    });
                }
                kept += 1;
            }
        }
        let moved = self.move_to_next_agenda(&moving);
        self.message = Some(format!(
            "{kept} kept as \"not discussed\", {moved} moved to the next agenda"
        ));
        self.changed();
    }

    /// Moves the items at `paths` (in agenda order) to the section of items for
    /// the next agenda, made after the last section when there is none.
    fn move_to_next_agenda(&mut self, paths: &[ItemPath]) -> usize {
        let mut sorted = paths.to_vec();
        sorted.sort();
        let mut items: Vec<Shared<Item>> = Vec::new();
        // Bottom up, so the paths above stay true.
        for path in sorted.iter().rev() {
            let Some((&index, parent)) = path.split_last() else {
                continue;
            };
            if let Some(section) = self.meeting.item_mut(parent)
                && index < section.items.len()
            {
                items.insert(0, section.items.remove(index));
            }
        }
        if items.is_empty() {
            return 0;
        }
        let moved = items.len();
        let section = match self
            .meeting
            .agenda
            .iter()
            .position(|s| s.title == MOVED_SECTION)
        {
            Some(i) => i,
            None => {
                let mut section = Item::new(MOVED_SECTION);
                section.heading = self.meeting.agenda.last().and_then(|s| s.heading);
                self.meeting.agenda.push(section.into());
                self.meeting.agenda.len() - 1
            }
        };
        self.meeting.agenda[section].items.extend(items);
        // Paths moved: the folds and the selection start again from safe ground.
        self.collapsed.clear();
        if self.meeting.item(&self.agenda_cursor).is_none() {
            self.agenda_cursor = vec![section];
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration, Utc};

    use super::*;
    use crate::app::{Action, key::Key, update};
    use crate::model::{Meeting, Style};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// Three open items under one section; the first was discussed.
    fn app() -> App {
        let mut m = Meeting::new("Minutes 2024-05-15", at("2024-05-15T17:00:00Z"));
        let mut section = Item::new("Operating changes");
        for title in ["Funding drive", "Recruitment", "CNA update"] {
            let mut item = Item::new(title);
            item.checked = Some(false);
            section.items.push(item.into());
        }
        m.agenda = vec![section, Item::new("Other business")].into();
        let mut app = App::new(m, at("2024-05-15T17:00:00Z"));
        app.agenda_cursor = vec![0, 0];
        app
    }

    fn run(app: &mut App, actions: &[Action]) {
        for action in actions {
            let now = app.now + Duration::seconds(30);
            update(app, *action, now);
        }
    }

    fn answer(app: &mut App, text: &str) {
        let mut actions: Vec<Action> = text.chars().map(|c| Action::Type(Key::char(c))).collect();
        actions.push(Action::Confirm);
        run(app, &actions);
    }

    #[test]
    fn at_the_end_each_undiscussed_item_is_kept_or_moved() {
        let mut app = app();
        run(
            &mut app,
            // E asks to be pressed again.
            &[
                Action::StartMeeting,
                Action::DiscussNow,
                Action::EndMeeting,
                Action::EndMeeting,
            ],
        );
        assert_eq!(
            app.prompt.as_ref().map(|p| p.kind),
            Some(PromptKind::NotDiscussed)
        );
        assert_eq!(app.not_discussed_titles(), ["Recruitment", "CNA update"]);
        // A wrong answer asks again and changes nothing.
        answer(&mut app, "kkk");
        assert_eq!(
            app.prompt.as_ref().map(|p| p.kind),
            Some(PromptKind::NotDiscussed)
        );
        run(&mut app, &[Action::Cancel]);
        run(&mut app, &[Action::NotDiscussed]);
        answer(&mut app, "km");
        assert_eq!(app.prompt, None);
        let minutes = crate::minutes::to_markdown(&app.meeting, Style::Checkbox);
        let at = |needle: &str| {
            minutes
                .find(needle)
                .unwrap_or_else(|| panic!("{needle:?} not in\n{minutes}"))
        };
        // Recruitment stays, noted; CNA update is under the new last section.
        assert!(at("Recruitment") < at(NOT_DISCUSSED));
        assert!(at(NOT_DISCUSSED) < at("### Other business"));
        assert!(at("### Other business") < at(MOVED_SECTION), "{minutes}");
        assert!(at(MOVED_SECTION) < at("CNA update"), "{minutes}");
        assert_eq!(minutes.matches("CNA update").count(), 1);
        // Asked again: nothing left undiscussed but the moved item, and the
        // kept item is not noted twice.
        run(&mut app, &[Action::NotDiscussed]);
        answer(&mut app, "k");
        let minutes = crate::minutes::to_markdown(&app.meeting, Style::Checkbox);
        assert_eq!(minutes.matches(NOT_DISCUSSED).count(), 2);
    }

    #[test]
    fn one_letter_moves_all() {
        let mut app = app();
        run(
            &mut app,
            // E asks to be pressed again.
            &[
                Action::StartMeeting,
                Action::DiscussNow,
                Action::EndMeeting,
                Action::EndMeeting,
            ],
        );
        answer(&mut app, "m");
        let moved: Vec<&str> = app.meeting.agenda[2]
            .items
            .iter()
            .map(|i| i.title.as_str())
            .collect();
        assert_eq!(app.meeting.agenda[2].title, MOVED_SECTION);
        assert_eq!(moved, ["Recruitment", "CNA update"]);
        assert_eq!(app.meeting.agenda[0].items.len(), 1);
    }
}
