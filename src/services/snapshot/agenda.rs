//! A snapshot's agenda and roster, kept as what differs from the base.
//!
//! A live meeting shares with the base (the meeting as opened) every list an
//! action left alone. A snapshot that wrote the whole meeting would be read
//! back as a second whole meeting, which a resume then holds beside the base
//! until it finds what is the same (the most memory a resume ever takes). So a
//! snapshot names the base's lists and items that are the same by their place in
//! the base, and writes out only the items that changed, with the way down to
//! them. Reading it takes the base's own lists for those places: what the
//! actions left alone is shared, as in the session that wrote it.

use serde::{Deserialize, Serialize};

use crate::model::{self, Item, ItemPath, Meeting, Person, Shared};

/// A list of items as a snapshot keeps it.
#[derive(Debug, Serialize, Deserialize)]
pub(super) enum Items {
    /// The base's list of items under the item at this place (the agenda
    /// itself when the place is empty), as it is.
    Base(ItemPath),
    /// A list that differs from the base's.
    Own(Vec<Node>),
}

/// An item as a snapshot keeps it.
#[derive(Debug, Serialize, Deserialize)]
pub(super) enum Node {
    /// The base's item at this place, with everything under it, as it is.
    Base(ItemPath),
    /// An item that differs from the base's: its own fields (its items left
    /// out) and its items.
    Own(Box<Item>, Items),
}

/// The agenda and roster of a snapshot.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Lists {
    agenda: Items,
    /// `None`: the base's roster, as it is.
    roster: Option<Vec<Person>>,
}

impl Lists {
    /// What `meeting`'s agenda and roster are beside `base`'s; they are taken
    /// out of `meeting`, the rest of which the snapshot writes whole. (A
    /// meeting is read back only with an agenda, as a meeting file must have
    /// one: one untitled item holds its place until [`Lists::restore`].)
    pub(super) fn take(meeting: &mut Meeting, base: &Meeting) -> Lists {
        let agenda = std::mem::replace(&mut meeting.agenda, vec![Item::new("")].into());
        let roster = std::mem::take(&mut meeting.roster);
        let mut place = Vec::new();
        Lists {
            agenda: items(&agenda, Some(&base.agenda), &mut place),
            roster: (roster != base.roster).then(|| roster.to_vec()),
        }
    }

    /// Puts the agenda and roster back into `meeting`, the base's lists where
    /// they are the base's; `None` when a place the snapshot names is not in
    /// `base` (a snapshot of another base: not used).
    pub(super) fn restore(self, meeting: &mut Meeting, base: &Meeting) -> Option<()> {
        meeting.agenda = rebuild(self.agenda, base)?;
        meeting.roster = match self.roster {
            None => base.roster.clone(),
            Some(roster) => roster.into(),
        };
        Some(())
    }
}

/// `list` (at `place`) beside the base's list at the same place, if it has one.
fn items(list: &model::Items, base: Option<&model::Items>, place: &mut ItemPath) -> Items {
    if base.is_some_and(|base| list == base) {
        return Items::Base(place.clone());
    }
    let nodes = list
        .iter()
        .enumerate()
        .map(|(i, item)| {
            place.push(i);
            let was = base.and_then(|base| base.get(i));
            let node = if was == Some(item) {
                Node::Base(place.clone())
            } else {
                let head = Item {
                    items: Shared::default(),
                    ..(**item).clone()
                };
                Node::Own(
                    Box::new(head),
                    items(&item.items, was.map(|was| &was.items), place),
                )
            };
            place.pop();
            node
        })
        .collect();
    Items::Own(nodes)
}

/// The list `kept` describes, on `base`.
fn rebuild(kept: Items, base: &Meeting) -> Option<model::Items> {
    match kept {
        Items::Base(place) if place.is_empty() => Some(base.agenda.clone()),
        Items::Base(place) => Some(base.item(&place)?.items.clone()),
        Items::Own(nodes) => nodes
            .into_iter()
            .map(|node| match node {
                Node::Base(place) => base.shared_item(&place).cloned(),
                Node::Own(item, items) => {
                    let mut item = *item;
                    item.items = rebuild(items, base)?;
                    Some(item.into())
                }
            })
            .collect::<Option<Vec<_>>>()
            .map(Shared::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Note;

    /// A meeting with a section of two items between two others.
    fn base() -> Meeting {
        let at = "2024-05-15T17:00:00Z".parse().unwrap();
        let mut meeting = Meeting::new("Minutes", at);
        let mut parent = Item::new("Operating changes");
        parent.items = vec![Item::new("Left alone"), Item::new("Noted")].into();
        meeting.agenda = vec![Item::new("Welcome"), parent, Item::new("Other")].into();
        let person = |handle: &str| Person {
            handle: handle.into(),
            name: None,
            attendance: crate::model::Attendance::Expected,
        };
        meeting.roster = vec![person("Ann"), person("Bert")].into();
        meeting
    }

    /// `meeting`'s lists through JSON, as a snapshot writes and reads them.
    fn through_json(meeting: &Meeting, base: &Meeting) -> Meeting {
        let mut kept = meeting.clone();
        let lists = Lists::take(&mut kept, base);
        let json = serde_json::to_vec(&(&kept, &lists)).unwrap();
        let (mut kept, lists): (Meeting, Lists) = serde_json::from_slice(&json).unwrap();
        lists.restore(&mut kept, base).unwrap();
        kept
    }

    #[test]
    fn only_what_changed_is_written_and_the_rest_is_the_base_s() {
        let base = base();
        let mut live = base.clone();
        live.item_mut(&[1, 1]).unwrap().notes = vec![Note::new("typed")].into();
        let mut kept = live.clone();
        let json = serde_json::to_string(&Lists::take(&mut kept, &base)).unwrap();
        // The changed item and the way down to it; no other title.
        assert!(json.contains("typed") && json.contains("Noted"), "{json}");
        assert!(
            !json.contains("Welcome") && !json.contains("Left alone"),
            "{json}"
        );
        assert!(!json.contains("Ann"), "{json}");

        let restored = through_json(&live, &base);
        assert_eq!(restored, live);
        assert!(Shared::same(&restored.roster, &base.roster));
        assert!(Shared::same(
            &restored.agenda[0].notes,
            &base.agenda[0].notes
        ));
        assert!(Shared::same(
            &restored.agenda[2].items,
            &base.agenda[2].items
        ));
        assert!(!Shared::same(
            &restored.agenda[1].items,
            &base.agenda[1].items
        ));
        let unchanged = through_json(&base, &base);
        assert!(Shared::same(&unchanged.agenda, &base.agenda));
    }

    #[test]
    fn added_removed_and_moved_items_and_a_changed_roster_come_back_as_they_were() {
        let base = base();
        let mut live = base.clone();
        live.agenda.insert(0, Item::new("Added first").into());
        live.agenda[2].items.remove(0);
        live.agenda[2].items.push(Item::new("Added under").into());
        live.agenda.swap(1, 3);
        live.roster[1].attendance = crate::model::Attendance::Regrets;
        assert_eq!(through_json(&live, &base), live);
        let mut fewer = base.clone();
        fewer.agenda.truncate(1);
        fewer.roster.clear();
        assert_eq!(through_json(&fewer, &base), fewer);
    }

    #[test]
    fn a_place_the_base_does_not_have_makes_the_snapshot_unusable() {
        let base = base();
        let lists = Lists {
            agenda: Items::Own(vec![Node::Base(vec![1, 5])]),
            roster: None,
        };
        assert!(lists.restore(&mut base.clone(), &base).is_none());
        let lists = Lists {
            agenda: Items::Base(vec![7]),
            roster: None,
        };
        assert!(lists.restore(&mut base.clone(), &base).is_none());
    }
}
