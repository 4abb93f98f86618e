//! Arranging the agenda from the keyboard: moving an item among its siblings and
//! in or out a level (its folds, the selection, the running discussion and the
//! open editor follow it), its checkbox, its list's marker, and finding titles.

use super::{App, Prompt, PromptKind};
use crate::model::{Item, ItemPath, Items, Shared};

/// Where a move takes the selected item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    /// Under its previous sibling, as the last sub-item.
    In,
    /// After its parent, as the parent's sibling.
    Out,
}

/// The siblings list that holds the entry at `parent` + one index.
fn siblings_mut<'a>(agenda: &'a mut Items, parent: &[usize]) -> Option<&'a mut Items> {
    let mut list = agenda;
    for &i in parent {
        list = &mut list.get_mut(i)?.items;
    }
    Some(list)
}

/// Where `p` is after the entry at `from` is taken out and put in at `to` (`to`
/// as the tree is once `from` is out).
fn remap(p: &[usize], from: &[usize], to: &[usize]) -> ItemPath {
    if p.starts_with(from) {
        let mut q = to.to_vec();
        q.extend_from_slice(&p[from.len()..]);
        return q;
    }
    let mut q = p.to_vec();
    // Taken out: later siblings of `from` move up by one.
    let d = from.len() - 1;
    if q.len() > d && q[..d] == from[..d] && q[d] > from[d] {
        q[d] -= 1;
    }
    // Put in: siblings at or after `to` move down by one.
    let d = to.len() - 1;
    if q.len() > d && q[..d] == to[..d] && q[d] >= to[d] {
        q[d] += 1;
    }
    q
}

impl App {
    /// Moves the selected item; says why not when it cannot go there.
    pub(super) fn move_item(&mut self, how: Move) {
        let from = self.agenda_cursor.clone();
        let Some((&index, parent)) = from.split_last() else {
            return;
        };
        let Some(item) = self.meeting.item(&from) else {
            return;
        };
        if item.block {
            self.message = Some("A paragraph or table moves with its section".into());
            return;
        }
        let heading = item.heading.is_some();
        let count = match parent {
            [] => self.meeting.agenda.len(),
            _ => self.meeting.item(parent).map_or(0, |p| p.items.len()),
        };
        let to: ItemPath = match how {
            Move::Up if index > 0 => [parent, &[index - 1]].concat(),
            Move::Down if index + 1 < count => [parent, &[index + 1]].concat(),
            Move::In if index > 0 && !heading => {
                let mut prev = parent.to_vec();
                prev.push(index - 1);
                let Some(target) = self.meeting.item(&prev).filter(|p| !p.block) else {
                    return;
                };
                let mut to = prev;
                to.push(target.items.len());
                to
            }
            Move::Out if !parent.is_empty() && !heading => {
                let (&up, grand) = parent.split_last().unwrap_or((&0, &[]));
                // A list entry does not become a section of a document whose
                // sections are headings: it would have to be written as one.
                let grand_headings =
                    grand.is_empty() && self.meeting.agenda.iter().any(|s| s.heading.is_some());
                if grand_headings {
                    self.message = Some("An item cannot become a section here".into());
                    return;
                }
                [grand, &[up + 1]].concat()
            }
            Move::In | Move::Out if heading => {
                self.message = Some("A heading keeps its level".into());
                return;
            }
            _ => return,
        };
        let Some(list) = siblings_mut(&mut self.meeting.agenda, parent) else {
            return;
        };
        if index >= list.len() {
            return;
        }
        let moved = list.remove(index);
        let (&at, to_parent) = to.split_last().unwrap_or((&0, &[]));
        let Some(target) = siblings_mut(&mut self.meeting.agenda, to_parent) else {
            return;
        };
        let at = at.min(target.len());
        target.insert(at, moved);

        let follow = |p: &ItemPath| remap(p, &from, &to);
        self.collapsed = self.collapsed.iter().map(follow).collect();
        if let Some(d) = &mut self.current {
            d.path = follow(&d.path);
        }
        if let Some(editor) = &mut self.editor {
            editor.path = follow(&editor.path);
        }
        for depth in 1..to.len() {
            self.collapsed.remove(&to[..depth]);
        }
        self.agenda_cursor = to;
        self.changed();
    }

    /// The selected item's box: none → `[ ]` → `[x]` → none.
    pub(super) fn cycle_box(&mut self) {
        let Some(item) = self.meeting.item_mut(&self.agenda_cursor) else {
            return;
        };
        item.checked = match item.checked {
            None => Some(false),
            Some(false) => Some(true),
            Some(true) => None,
        };
        self.changed();
    }

    /// Numbers the list the selected item is in, or bullets it again. A section
    /// (a top-level entry) stands for its own items' list.
    pub(super) fn toggle_numbered(&mut self) {
        let path = self.agenda_cursor.clone();
        let owner: &[usize] = match path.split_last() {
            Some((_, parent)) if !parent.is_empty() => parent,
            _ => &path,
        };
        let Some(item) = self.meeting.item_mut(owner) else {
            return;
        };
        item.numbered = !item.numbered;
        let title = item.title.clone();
        self.message = Some(format!(
            "The items of “{title}” are {}",
            if item.numbered {
                "numbered (1.)"
            } else {
                "bulleted (-)"
            }
        ));
        self.changed();
    }

    /// Opens the search prompt, remembering where the selection was.
    pub(super) fn open_search(&mut self) {
        let mut prompt = Prompt::new(PromptKind::Search, "");
        prompt.origin = self.agenda_cursor.clone();
        self.prompt = Some(prompt);
    }

    /// Selects the first title matching `words` from `start` (included or not)
    /// onwards, or backwards, in agenda order, wrapping around; folds open to
    /// show it. Says whether one was found.
    pub(super) fn find(&mut self, words: &str, start: &[usize], skip: bool, forward: bool) -> bool {
        let needle = words.trim().to_lowercase();
        if needle.is_empty() {
            return false;
        }
        let mut order = Vec::new();
        walk(&self.meeting.agenda, &mut Vec::new(), &mut order);
        let n = order.len();
        let here = order.iter().position(|p| p == start).unwrap_or(0);
        let matches = |p: &ItemPath| {
            self.meeting.item(p).is_some_and(|item| {
                item.title.to_lowercase().contains(&needle)
                    || item
                        .owners
                        .iter()
                        .any(|o| format!("@{o}").to_lowercase().contains(&needle))
            })
        };
        let first = usize::from(skip);
        let found = (first..n + first).map(|k| {
            if forward {
                (here + k) % n
            } else {
                (here + n * 2 - k) % n
            }
        });
        let Some(hit) = found.map(|i| &order[i]).find(|p| matches(p)).cloned() else {
            self.message = Some(format!("No title has “{}”", words.trim()));
            return false;
        };
        for depth in 1..hit.len() {
            self.collapsed.remove(&hit[..depth]);
        }
        self.agenda_cursor = hit;
        true
    }

    /// The next (or previous) title matching the last search.
    pub(super) fn search_again(&mut self, forward: bool) {
        match self.last_search.clone() {
            Some(words) => {
                let start = self.agenda_cursor.clone();
                self.focus = super::Pane::Agenda;
                self.find(&words, &start, true, forward);
            }
            None => self.message = Some("Nothing searched yet: / to find a title".into()),
        }
    }

    /// The selection moves by `rows` rows in the focused list.
    pub(super) fn move_rows(&mut self, rows: i16) {
        let by = usize::from(rows.unsigned_abs());
        if rows < 0 {
            self.move_selection(|i, _| i.saturating_sub(by));
        } else {
            self.move_selection(|i, _| i.saturating_add(by));
        }
    }
}

fn walk(items: &[Shared<Item>], prefix: &mut ItemPath, out: &mut Vec<ItemPath>) {
    for (i, item) in items.iter().enumerate() {
        prefix.push(i);
        out.push(prefix.clone());
        walk(&item.items, prefix, out);
        prefix.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::remap;

    #[test]
    fn paths_follow_a_move() {
        // [1] goes up to [0]: [0] becomes [1], what was under [1] is under [0].
        assert_eq!(remap(&[0], &[1], &[0]), [1]);
        assert_eq!(remap(&[1, 2], &[1], &[0]), [0, 2]);
        assert_eq!(remap(&[2], &[1], &[0]), [2]);
        // [1] goes in under [0] as its third item.
        assert_eq!(remap(&[1], &[1], &[0, 2]), [0, 2]);
        assert_eq!(remap(&[2, 1], &[1], &[0, 2]), [1, 1]);
        assert_eq!(remap(&[0, 1], &[1], &[0, 2]), [0, 1]);
        // [0, 1] comes out after [0]: [1] becomes [2], [0, 2] becomes [0, 1].
        assert_eq!(remap(&[1], &[0, 1], &[1]), [2]);
        assert_eq!(remap(&[0, 2], &[0, 1], &[1]), [0, 1]);
        assert_eq!(remap(&[0, 1, 0], &[0, 1], &[1]), [1, 0]);
    }
}
