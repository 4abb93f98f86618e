//! The agenda's rows as the document's view shows them: walked in order
//! (what is under a fold is not shown), counted per section and kept while a
//! section is the same ([`RowCounts`]), and stepped through one at a time.
//! A long agenda costs a frame or a step no more than its section does.

use std::collections::BTreeSet;

use super::App;
use super::sections::PerSection;
use crate::model::{Item, ItemPath, Shared};

impl App {
    /// The agenda entries that are shown, in the order shown: in the
    /// document's view those not inside a folded one, else the view's list.
    pub fn visible_rows(&self) -> Vec<ItemPath> {
        let mut rows = Vec::new();
        self.walk_rows(|_, path| {
            rows.push(path.to_vec());
            true
        });
        rows
    }

    /// Calls `visit` with each shown agenda entry's row number and path, in
    /// order, while it returns true. Nothing is allocated per row: a long agenda
    /// is walked in microseconds, for the few rows a screen shows.
    pub fn walk_rows(&self, mut visit: impl FnMut(usize, &[usize]) -> bool) {
        // A view by age is a list worked out afresh (it is short, and sorted).
        if self.agenda_view.is_flat() {
            for (row, path) in self.flat_rows().iter().enumerate() {
                if !visit(row, path) {
                    return;
                }
            }
            return;
        }
        walk(
            (&self.meeting.agenda, 0),
            &mut Vec::with_capacity(8),
            &self.collapsed,
            &mut 0,
            &mut visit,
        );
    }

    /// Calls `visit` as [`App::walk_rows`] does, for the rows of the section at
    /// `section` (of the document's view), numbered from `row`; what `visit`
    /// said last.
    pub(super) fn walk_section(
        &self,
        section: usize,
        row: usize,
        mut visit: impl FnMut(usize, &[usize]) -> bool,
    ) -> bool {
        let Some(item) = self.meeting.agenda.get(section) else {
            return true;
        };
        walk(
            (std::slice::from_ref(item), section),
            &mut Vec::with_capacity(8),
            &self.collapsed,
            &mut { row },
            &mut visit,
        )
    }

    /// Calls `visit` as [`App::walk_section`] does, from the entry at `entry` of
    /// the section's list on, numbered from `row`: the section's own row and
    /// the entries before that one are passed over.
    fn walk_section_from(
        &self,
        section: usize,
        entry: usize,
        row: usize,
        mut visit: impl FnMut(usize, &[usize]) -> bool,
    ) -> bool {
        let Some(items) = (self.meeting.agenda.get(section)).and_then(|s| s.items.get(entry..))
        else {
            return true;
        };
        walk(
            (items, entry),
            &mut vec![section],
            &self.collapsed,
            &mut { row },
            &mut visit,
        )
    }

    /// [`App::row_count_and_index`], with each section's rows counted once
    /// while it is the same (see [`RowCounts`]): a long agenda is not walked
    /// whole on every frame, only the section of `path`.
    pub fn row_count_and_index_with(
        &self,
        path: &[usize],
        counts: &mut RowCounts,
    ) -> (usize, Option<usize>) {
        if self.agenda_view.is_flat() {
            return self.row_count_and_index(path);
        }
        counts.update(self);
        let total = counts.rows.iter().sum();
        let Some(&section) = path.first().filter(|&&s| s < counts.rows.len()) else {
            return (total, None);
        };
        let before = counts.rows[..section].iter().sum();
        let Some(&entry) = path.get(1) else {
            return (total, Some(before));
        };
        // Only the entry of the section that `path` is in is walked: the rows
        // of those before it are counted.
        let Some(entries) = counts.entries(section) else {
            return (total, None);
        };
        let Some(start) = entries_rows(entries, entry).map(|rows| before + 1 + rows) else {
            return (total, None);
        };
        let mut index = None;
        self.walk_section_from(section, entry, start, |row, p| {
            if p == path {
                index = Some(row);
            }
            index.is_none() && p[1] == entry
        });
        (total, index)
    }

    /// [`App::rows_from`], with each section's rows counted once while it is
    /// the same (see [`RowCounts`]): the walk starts at the section of row
    /// `first`, not at the top.
    pub fn rows_from_with(
        &self,
        first: usize,
        count: usize,
        counts: &mut RowCounts,
    ) -> Vec<ItemPath> {
        if self.agenda_view.is_flat() {
            return self.rows_from(first, count);
        }
        counts.update(self);
        let mut rows = Vec::with_capacity(count);
        let mut start = 0;
        for (section, &shown) in counts.rows.iter().enumerate() {
            if rows.len() >= count {
                break;
            }
            if start + shown > first {
                if start >= first {
                    rows.push(vec![section]);
                }
                // The walk starts at the section's entry that row `first` is
                // in (or under): the rows of those before it are counted.
                let (mut entry, mut row) = (0, start + 1);
                if let Some(entries) = counts.entries(section) {
                    for shown in entries.values() {
                        if row + shown > first {
                            break;
                        }
                        (entry, row) = (entry + 1, row + shown);
                    }
                    self.walk_section_from(section, entry, row, |row, path| {
                        if row >= first && rows.len() < count {
                            rows.push(path.to_vec());
                        }
                        rows.len() < count
                    });
                }
            }
            start += shown;
        }
        rows
    }

    /// How many agenda rows are shown, and the row of `path` among them.
    pub fn row_count_and_index(&self, path: &[usize]) -> (usize, Option<usize>) {
        let (mut count, mut index) = (0, None);
        self.walk_rows(|row, p| {
            if index.is_none() && p == path {
                index = Some(row);
            }
            count = row + 1;
            true
        });
        (count, index)
    }

    /// The paths of at most `count` shown rows from row `first` on.
    pub fn rows_from(&self, first: usize, count: usize) -> Vec<ItemPath> {
        let mut rows = Vec::with_capacity(count);
        if count > 0 {
            self.walk_rows(|row, path| {
                if row >= first {
                    rows.push(path.to_vec());
                }
                rows.len() < count
            });
        }
        rows
    }

    pub(super) fn move_agenda(&mut self, to: impl Fn(usize, usize) -> usize) {
        let (count, here) = self.row_count_and_index(&self.agenda_cursor);
        if count == 0 {
            return;
        }
        let there = to(here.unwrap_or(0), count).min(count - 1);
        if let Some(path) = self.rows_from(there, 1).pop() {
            self.agenda_cursor = path;
        }
    }

    /// Moves the agenda's selection one row down (`down`) or up, as
    /// [`App::move_agenda`] would, looking at the selected row's section (and
    /// the one before it, going up from a section's own row) instead of
    /// counting every row: a long agenda costs a move no more than a short one.
    pub(super) fn step_agenda(&mut self, down: bool) {
        let here = self.agenda_cursor.clone();
        let Some(&section) = here.first() else {
            return self.move_agenda(|i, _| step(i, down));
        };
        if self.agenda_view.is_flat() || section >= self.meeting.agenda.len() {
            return self.move_agenda(|i, _| step(i, down));
        }
        // The rows of the section, up to the one after the selection.
        let (mut before, mut found, mut after) = (None, false, None);
        self.walk_section(section, 0, |_, path| {
            if found {
                after = Some(path.to_vec());
                return false;
            }
            if path == here.as_slice() {
                found = true;
            } else {
                before = Some(path.to_vec());
            }
            true
        });
        if !found {
            // A selection the view does not show (under a fold): as before.
            return self.move_agenda(|i, _| step(i, down));
        }
        let there = if down {
            // After the section's last row comes the next section's own row.
            after.or_else(|| (section + 1 < self.meeting.agenda.len()).then(|| vec![section + 1]))
        } else {
            // Before a section's own row comes the last row of the one before.
            before.or_else(|| {
                let mut last = None;
                if section > 0 {
                    self.walk_section(section - 1, 0, |_, path| {
                        last = Some(path.to_vec());
                        true
                    });
                }
                last
            })
        };
        if let Some(path) = there {
            self.agenda_cursor = path;
        }
    }
}

/// The row after (`down`) or before `row`.
pub(super) fn step(row: usize, down: bool) -> usize {
    if down {
        row.saturating_add(1)
    } else {
        row.saturating_sub(1)
    }
}

/// Calls `visit` with each shown row of `items` (the first at index `first` of
/// its list, under `path`) and what is open under them, numbered from `row`,
/// while it returns true; false once it did not.
pub(super) fn walk(
    (items, first): (&[Shared<Item>], usize),
    path: &mut ItemPath,
    collapsed: &BTreeSet<ItemPath>,
    row: &mut usize,
    visit: &mut dyn FnMut(usize, &[usize]) -> bool,
) -> bool {
    for (i, item) in items.iter().enumerate() {
        path.push(first + i);
        let go_on = visit(*row, path) && {
            *row += 1;
            item.items.is_empty()
                || (!collapsed.is_empty() && collapsed.contains(path))
                || walk((&item.items, 0), path, collapsed, row, visit)
        };
        path.pop();
        if !go_on {
            return false;
        }
    }
    true
}

/// How many rows each section of the agenda shows (itself and what is open
/// under it, in the document's view), and each entry of its list, kept from
/// frame to frame: a section is counted again only when it changed (a
/// [`Watch`] on it says so) or the folds did, and then only its entries that
/// changed. Checking an item then counts the entry it is in, not its section,
/// and finding a row walks the entry it is in, not the entries before it.
#[derive(Debug, Default)]
pub struct RowCounts {
    /// The folds the counts were made with.
    collapsed: BTreeSet<ItemPath>,
    /// The rows of each section, and of its entries, kept while it is the same.
    sections: PerSection<SectionRows>,
    /// The rows of each section, as last counted.
    rows: Vec<usize>,
}

/// The rows of a section: all of them, and each of its entries', when its
/// entries are shown (it has some, and is not folded).
#[derive(Debug, Default)]
struct SectionRows {
    rows: usize,
    entries: Option<PerSection<usize>>,
}

impl RowCounts {
    /// Counts again the sections of `app`'s agenda that changed.
    fn update(&mut self, app: &App) {
        if self.collapsed != app.collapsed {
            self.collapsed.clone_from(&app.collapsed);
            self.sections.clear();
        }
        self.sections.update_from(
            &app.meeting.agenda,
            |_| (),
            |i, section, before| {
                let folded = !app.collapsed.is_empty() && app.collapsed.contains([i].as_slice());
                if section.items.is_empty() || folded {
                    return SectionRows {
                        rows: 1,
                        entries: None,
                    };
                }
                // Only the entries that changed are counted again.
                let mut entries = before.and_then(|b| b.entries).unwrap_or_default();
                entries.update(
                    &section.items,
                    |_| (),
                    |j, entry| {
                        let mut rows = 0;
                        let entry = (std::slice::from_ref(entry), j);
                        walk(
                            entry,
                            &mut vec![i],
                            &app.collapsed,
                            &mut 0,
                            &mut |row, _| {
                                rows = row + 1;
                                true
                            },
                        );
                        rows
                    },
                );
                SectionRows {
                    rows: 1 + entries.values().sum::<usize>(),
                    entries: Some(entries),
                }
            },
        );
        self.rows.clear();
        self.rows.extend(self.sections.values().map(|s| s.rows));
    }

    /// The rows of each entry of the section at `section`, as last counted,
    /// when its entries are shown.
    fn entries(&self, section: usize) -> Option<&PerSection<usize>> {
        self.sections.value(section)?.entries.as_ref()
    }
}

/// How many rows the first `entry` entries show, when there are that many.
fn entries_rows(entries: &PerSection<usize>, entry: usize) -> Option<usize> {
    let mut shown = entries.values();
    let rows = shown.by_ref().take(entry).sum();
    shown.next().map(|_| rows)
}
