//! How the agenda pane lists the entries: in the document's order (folds and
//! all), only the items carried past the threshold, or the oldest first.
//!
//! A view is a way of looking, never a change: the meeting, and so the
//! minutes, are the same in every view. It lives in [`App`] all the same, like
//! the folds, because the rows it shows are what a click (`PickAgendaRow`) and
//! a move (`Down`) count in, and the journal replays those: the view, the
//! items' ages and the threshold must be the same on replay as they were live.

use super::App;
use crate::model::{Item, ItemPath, Shared};

/// Which entries the agenda lists, in which order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AgendaView {
    /// The document's order, with its sections and folds.
    #[default]
    Document,
    /// Only the items carried open for the threshold or more meetings, in the
    /// document's order.
    Carried,
    /// Every entry, the ones carried longest first (then the document's order).
    Oldest,
}

impl AgendaView {
    /// The view after this one (`f` cycles through them).
    pub fn next(self) -> AgendaView {
        match self {
            AgendaView::Document => AgendaView::Carried,
            AgendaView::Carried => AgendaView::Oldest,
            AgendaView::Oldest => AgendaView::Document,
        }
    }

    /// True where the rows are a flat list rather than the document's tree.
    pub fn is_flat(self) -> bool {
        self != AgendaView::Document
    }
}

impl App {
    /// What the view in force shows, for the status line and the pane's title.
    pub fn agenda_view_label(&self) -> Option<String> {
        match self.agenda_view {
            AgendaView::Document => None,
            AgendaView::Carried => Some(format!("carried ≥{}×", self.carried_threshold)),
            AgendaView::Oldest => Some("oldest first".to_string()),
        }
    }

    /// How many meetings the item at `path` has been carried (0 when the
    /// folder does not know it as an open item).
    pub fn age_of(&self, item: &Item) -> usize {
        self.ages.of(&item.title).unwrap_or(0)
    }

    /// The rows of the flat views: every entry (folds do not hide anything
    /// here), kept or ordered by age.
    pub(super) fn flat_rows(&self) -> Vec<ItemPath> {
        fn walk(
            app: &App,
            items: &[Shared<Item>],
            path: &mut ItemPath,
            out: &mut Vec<(usize, ItemPath)>,
        ) {
            for (i, item) in items.iter().enumerate() {
                path.push(i);
                out.push((app.age_of(item), path.clone()));
                walk(app, &item.items, path, out);
                path.pop();
            }
        }
        let mut all = Vec::new();
        walk(self, &self.meeting.agenda, &mut Vec::new(), &mut all);
        match self.agenda_view {
            AgendaView::Document => {}
            AgendaView::Carried => {
                let threshold = self.carried_threshold.max(1);
                all.retain(|(age, _)| *age >= threshold);
            }
            // A stable sort: equal ages keep the document's order.
            AgendaView::Oldest => all.sort_by_key(|(age, _)| std::cmp::Reverse(*age)),
        }
        all.into_iter().map(|(_, path)| path).collect()
    }

    /// Shows the next view; the selection stays on its item when the new view
    /// shows it, else goes to the first row (and stays where it is when the
    /// view shows nothing, so it is always an item of the agenda).
    pub(super) fn cycle_agenda_view(&mut self) {
        self.agenda_view = self.agenda_view.next();
        let rows = self.visible_rows();
        if !rows.contains(&self.agenda_cursor)
            && let Some(first) = rows.first()
        {
            self.agenda_cursor = first.clone();
        }
        self.message = Some(match self.agenda_view {
            AgendaView::Document => "Agenda: in the document's order".to_string(),
            AgendaView::Carried if rows.is_empty() => format!(
                "Agenda: no item carried {} meetings or more (carried_threshold)",
                self.carried_threshold.max(1)
            ),
            AgendaView::Carried if rows.len() == 1 => format!(
                "Agenda: only the item carried {} meetings or more",
                self.carried_threshold.max(1)
            ),
            AgendaView::Carried => format!(
                "Agenda: only the {} items carried {} meetings or more",
                rows.len(),
                self.carried_threshold.max(1)
            ),
            AgendaView::Oldest => "Agenda: the items carried longest first".to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::app::{Action, update};
    use crate::model::Meeting;

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-02-05T16:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// Three minutes files: "Team document" open in all three, "Funding" in
    /// the last two, "New" only in this one.
    fn app() -> App {
        let dir = tempfile::tempdir().unwrap();
        let body = |date: &str, extra: &str| {
            format!(
                "---\nmeeting_time: {date} 16:00 UTC\ntitle: Minutes\n---\n## Agenda\n\
                 - [ ] @tux - Team document template wanted\n{extra}"
            )
        };
        std::fs::write(dir.path().join("m-2025-01-08.md"), body("2025-01-08", "")).unwrap();
        std::fs::write(
            dir.path().join("m-2025-01-22.md"),
            body("2025-01-22", "- [ ] Funding\n"),
        )
        .unwrap();
        let live = dir.path().join("m-2025-02-05.md");
        let text = body("2025-02-05", "- [ ] New\n- [ ] Funding\n");
        std::fs::write(&live, &text).unwrap();
        let mut meeting = Meeting::new("Minutes", at());
        meeting.agenda = crate::markdown::Document::parse(&live, text.as_bytes())
            .unwrap()
            .meeting()
            .agenda;
        let mut app = App::new(meeting, at());
        app.ages = crate::history::ages_of_file(&live);
        app.carried_threshold = 2;
        app
    }

    fn titles(app: &App) -> Vec<String> {
        app.visible_rows()
            .iter()
            .map(|p| app.meeting.item(p).unwrap().title.clone())
            .collect()
    }

    #[test]
    fn the_views_filter_and_sort_by_age_and_change_nothing_else() {
        let mut app = app();
        let minutes = crate::minutes::to_markdown(&app.meeting, crate::model::Style::Checkbox);
        assert_eq!(
            titles(&app),
            ["Agenda", "Team document template wanted", "New", "Funding"]
        );
        update(&mut app, Action::CycleAgendaView, at());
        assert_eq!(app.agenda_view, AgendaView::Carried);
        assert_eq!(titles(&app), ["Team document template wanted", "Funding"]);
        assert_eq!(app.agenda_view_label().as_deref(), Some("carried ≥2×"));
        // A click on the second row picks the second item of this view.
        update(&mut app, Action::PickAgendaRow(1), at());
        assert_eq!(app.selected_item().unwrap().title, "Funding");
        update(&mut app, Action::CycleAgendaView, at());
        // Carried 3×, 2×, then the new item (1×), then the section (no age).
        assert_eq!(
            titles(&app),
            ["Team document template wanted", "Funding", "New", "Agenda"]
        );
        assert_eq!(app.selected_item().unwrap().title, "Funding");
        update(&mut app, Action::Up, at());
        assert_eq!(
            app.selected_item().unwrap().title,
            "Team document template wanted"
        );
        update(&mut app, Action::CycleAgendaView, at());
        assert_eq!(app.agenda_view, AgendaView::Document);
        assert_eq!(
            crate::minutes::to_markdown(&app.meeting, crate::model::Style::Checkbox),
            minutes
        );
    }

    #[test]
    fn a_view_that_shows_nothing_keeps_the_selection_on_an_item() {
        let mut app = app();
        app.carried_threshold = 9;
        app.agenda_cursor = vec![0, 2];
        update(&mut app, Action::CycleAgendaView, at());
        assert!(app.visible_rows().is_empty());
        assert_eq!(app.agenda_cursor, [0, 2]);
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .contains("no item carried 9")
        );
        update(&mut app, Action::Down, at());
        update(&mut app, Action::PickAgendaRow(3), at());
        assert_eq!(app.agenda_cursor, [0, 2]);
    }
}
