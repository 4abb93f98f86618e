//! What a pane was drawn from, kept for the next frame ([`super::draw::Kept`]) to
//! tell cheaply whether drawing it now would give the same cells.
//!
//! The agenda is told apart by [`crate::app::App::generation`], which every
//! action but typing renews (its rows are kept apart again, see
//! [`super::panes::agenda::Memo`]). The roster, the notes (while no editor is
//! open) and the timer are told apart by what they show instead, so that
//! checking an item does not redraw the roster, and moving to the roster
//! redraws neither the notes nor the timer. Lists are looked at through a
//! [`Watch`]: comparing costs a pointer, and nothing is copied when the meeting
//! changes them.

use std::cell::OnceCell;

use ratatui::layout::Rect;

use super::panes::timer::{Look, Plan};
use super::view::View;
use crate::app::timing::Discussion;
use crate::app::{App, Pane};
use crate::model::{Item, Note, Person, Shared, Watch};

/// What a pane was drawn from, as kept for the next frame.
pub(super) trait Shown<Now: ?Sized> {
    /// Whether the pane drawn from `self` would be drawn the same from `now`;
    /// when it would, `self` may take on what it learnt of `now` (it stands
    /// for the cells drawn either way).
    fn same(&mut self, now: &Now) -> bool;
    /// What the pane is drawn from, `now`.
    fn of(now: &Now) -> Self;
}

/// A value compared as it is (a generation, the clock's second).
impl<T: Clone + PartialEq> Shown<T> for T {
    fn same(&mut self, now: &T) -> bool {
        self == now
    }

    fn of(now: &T) -> T {
        now.clone()
    }
}

/// What the notes pane shows while no editor is open (see
/// [`super::panes::notes::draw_frame`] and [`super::panes::notes::draw_body`]): the selected item's titles on its way down
/// the agenda (the breadcrumb), its owners, notes and sub-items, and whether the
/// pane has the focus. Whether an item is checked or timed is not shown there.
#[derive(Debug)]
pub(super) struct NotesShown {
    focused: bool,
    path: Vec<usize>,
    /// The titles of the items on the path that exist, from the top.
    titles: Vec<String>,
    /// The selected item's own part, when it exists.
    item: Option<ItemShown>,
}

/// What the notes pane shows of the selected item besides its title.
#[derive(Debug)]
struct ItemShown {
    owners: Vec<String>,
    notes: Watch<Vec<Note>>,
    items: Watch<Vec<Shared<Item>>>,
}

/// The items on `path` that exist, from the top.
fn on_path<'a>(app: &'a App, path: &'a [usize]) -> impl Iterator<Item = &'a Shared<Item>> + 'a {
    let mut list = &app.meeting.agenda;
    path.iter().map_while(move |&i| {
        let item = list.get(i)?;
        list = &item.items;
        Some(item)
    })
}

impl Shown<App> for NotesShown {
    fn same(&mut self, app: &App) -> bool {
        if app.editor.is_some()
            || self.focused != (app.focus == Pane::Notes)
            || self.path != app.agenda_cursor
        {
            return false;
        }
        let mut titles = self.titles.iter();
        let mut last = None;
        for item in on_path(app, &self.path) {
            if titles.next() != Some(&item.title) {
                return false;
            }
            last = Some(item);
        }
        if titles.next().is_some() {
            return false;
        }
        let selected = last.filter(|_| self.titles.len() == self.path.len());
        match (&self.item, selected) {
            (None, None) => true,
            (Some(shown), Some(item)) => {
                shown.owners == item.owners
                    && shown.notes.sees(&item.notes)
                    && shown.items.sees(&item.items)
            }
            _ => false,
        }
    }

    fn of(app: &App) -> NotesShown {
        let path = app.agenda_cursor.clone();
        let on_path: Vec<&Item> = on_path(app, &path).map(|item| &**item).collect();
        let item = on_path
            .last()
            .filter(|_| on_path.len() == path.len())
            .map(|item| ItemShown {
                owners: item.owners.clone(),
                notes: item.notes.watch(),
                items: item.items.watch(),
            });
        NotesShown {
            focused: app.focus == Pane::Notes,
            titles: on_path.iter().map(|item| item.title.clone()).collect(),
            path,
            item,
        }
    }
}

/// What the roster pane shows (see [`super::panes::roster::draw`]): the people
/// and their attendance, who is selected, the chairs' and secretary's roles, and
/// whether the pane has the focus.
#[derive(Debug)]
pub(super) struct RosterShown {
    focused: bool,
    cursor: usize,
    roster: Watch<Vec<Person>>,
    chairs: Vec<String>,
    secretary: Vec<String>,
}

impl Shown<App> for RosterShown {
    fn same(&mut self, app: &App) -> bool {
        self.focused == (app.focus == Pane::Roster)
            && self.cursor == app.roster_cursor
            && self.roster.sees(&app.meeting.roster)
            && self.chairs == app.meeting.chairs
            && self.secretary == app.meeting.secretary
    }

    fn of(app: &App) -> RosterShown {
        RosterShown {
            focused: app.focus == Pane::Roster,
            cursor: app.roster_cursor,
            roster: app.meeting.roster.watch(),
            chairs: app.meeting.chairs.clone(),
            secretary: app.meeting.secretary.clone(),
        }
    }
}

/// What the timer pane shows (see [`super::panes::timer::draw_with`]): the
/// clock's second, the item under discussion, and the meeting's times and
/// plan. Those are the same while the meeting is: while [`App::revision`] is,
/// which every change of the meeting renews (an undo too: it never comes back
/// to a number already used; the minutes' writer relies on it as well), or
/// while [`App::generation`] is, which only typing and the roster's actions
/// keep (neither shows in the timer).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TimerShown {
    second: i64,
    current: Option<Discussion>,
    revision: u64,
    generation: u64,
}

impl Shown<App> for TimerShown {
    fn same(&mut self, app: &App) -> bool {
        let same = self.second == app.now.timestamp()
            && self.current == app.current
            && (self.revision == app.revision || self.generation == app.generation);
        // Both are the timer's as drawn now: a later change is compared with
        // these (a move, then attendance, leaves the timer as it was).
        if same {
            (self.revision, self.generation) = (app.revision, app.generation);
        }
        same
    }

    fn of(app: &App) -> TimerShown {
        TimerShown {
            second: app.now.timestamp(),
            current: app.current.clone(),
            revision: app.revision,
            generation: app.generation,
        }
    }
}

/// The timer as drawn: what from, and how it looked. A change of the meeting
/// (a new [`App::revision`]) is looked at again only as far as the pane would
/// look ([`TimerNow::look`]): checking an item whose section keeps its allowance
/// leaves the timer showing what it showed, and it is left as it is.
#[derive(Debug)]
pub(super) struct TimerDrawn {
    shown: TimerShown,
    look: Look,
}

/// What the timer is drawn from now: the app, and how the pane looks at it,
/// worked out once for the frame when it is asked for.
pub(super) struct TimerNow<'a> {
    app: &'a App,
    view: &'a View,
    plan: &'a Plan,
    area: Rect,
    look: OnceCell<Look>,
}

impl<'a> TimerNow<'a> {
    /// The timer at `area`, drawn from `app` with `plan`.
    pub fn new(app: &'a App, view: &'a View, plan: &'a Plan, area: Rect) -> TimerNow<'a> {
        TimerNow {
            app,
            view,
            plan,
            area,
            look: OnceCell::new(),
        }
    }

    /// How the pane looks now.
    pub fn look(&self) -> &Look {
        (self.look).get_or_init(|| Look::of(self.area, self.app, self.view, self.plan))
    }
}

impl Shown<TimerNow<'_>> for TimerDrawn {
    fn same(&mut self, now: &TimerNow<'_>) -> bool {
        if self.shown.same(now.app) {
            return true;
        }
        let same = *now.look() == self.look;
        if same {
            self.shown = TimerShown::of(now.app);
        }
        same
    }

    fn of(now: &TimerNow<'_>) -> TimerDrawn {
        TimerDrawn {
            shown: TimerShown::of(now.app),
            look: now.look().clone(),
        }
    }
}

/// What the timer's plan is worked out from (see [`super::panes::timer::Plan`]):
/// the meeting, told apart as the timer tells it ([`App::revision`] or
/// [`App::generation`]: moving between panes, opening the notes or typing
/// into them keeps the one or the other), the roster (whose actions keep the
/// generation, and an absent owner's item may be deferred), the item under
/// discussion, and the clock's second.
#[derive(Debug)]
pub(super) struct PlanShown {
    revision: u64,
    generation: u64,
    roster: Watch<Vec<Person>>,
    current: Option<Discussion>,
    second: i64,
}

impl Shown<App> for PlanShown {
    fn same(&mut self, app: &App) -> bool {
        let same = (self.revision == app.revision || self.generation == app.generation)
            && self.roster.sees(&app.meeting.roster)
            && self.current == app.current
            && self.second == app.now.timestamp();
        if same {
            (self.revision, self.generation) = (app.revision, app.generation);
        }
        same
    }

    fn of(app: &App) -> PlanShown {
        PlanShown {
            revision: app.revision,
            generation: app.generation,
            roster: app.meeting.roster.watch(),
            current: app.current.clone(),
            second: app.now.timestamp(),
        }
    }
}
