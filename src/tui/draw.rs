//! The whole screen: lays the panes out and draws each one from an [`App`] and
//! the [`View`]. The helpers the panes share are in [`super::widgets`].
//!
//! ```text
//! ┌ Agenda ──────────┐┌ Notes · section › item ─────┐
//! │                  ││                              │
//! ├ Roster ──────────┤│                              │
//! │                  │└──────────────────────────────┘
//! │                  │┌ 17:34 UTC ── meeting ────────┐
//! └──────────────────┘└──────────────────────────────┘
//!  keys of the focused pane               output · saved
//! ```

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::widgets::Block;

mod resized;

use super::shown::{NotesShown, PlanShown, RosterShown, Shown, TimerDrawn, TimerNow};
use super::view::View;
use super::{panes, widgets};
use crate::app::App;
use crate::model::{Item, Shared, Watch};

/// Height of the timer pane (frame included).
const TIMER_HEIGHT: u16 = 4;

/// How many status lines are kept to be shown again: one for each pane's
/// keys, and one more.
const STATUS_LINES_KEPT: usize = 4;

/// Where each pane is on a screen of a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub agenda: Rect,
    pub roster: Rect,
    pub notes: Rect,
    pub timer: Rect,
    pub status: Rect,
}

impl Areas {
    /// Whether the panes cover `screen` between them, each cell once (the
    /// layout never lays two panes over one another: their sizes add up).
    fn tile(&self, screen: Rect) -> bool {
        let size = |r: Rect| u32::from(r.width) * u32::from(r.height);
        let panes = [
            self.agenda,
            self.roster,
            self.notes,
            self.timer,
            self.status,
        ];
        panes.iter().all(|&pane| screen.union(pane) == screen)
            && panes.into_iter().map(size).sum::<u32>() == size(screen)
    }
}

/// Lays the panes out on `area` (the event loop uses it too, to know what a
/// mouse click hit).
pub fn layout(area: Rect, app: &App) -> Areas {
    layout_with(
        area,
        app,
        crate::tui::panes::timer::deferral_line(app).is_some(),
        &mut TitleWidths::default(),
    )
}

/// [`layout`], told whether the timer shows its deferral line.
fn layout_with(area: Rect, app: &App, deferral: bool, widths: &mut TitleWidths) -> Areas {
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let left_width = left_width(main.width, app, widths);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(0)]).areas(main);

    let roster_rows = u16::try_from(app.meeting.roster.len()).unwrap_or(u16::MAX);
    let roster_height = roster_rows
        .saturating_add(2)
        .clamp(3, (left.height * 2 / 5).max(3));
    let [agenda_area, roster_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(roster_height)]).areas(left);
    // One more line while the timer proposes what to defer.
    let timer_height = TIMER_HEIGHT + u16::from(deferral);
    let [notes_area, timer_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(timer_height)]).areas(right);
    Areas {
        agenda: agenda_area,
        roster: roster_area,
        notes: notes_area,
        timer: timer_area,
        status,
    }
}

/// The agenda and roster column: two fifths of the screen (at least 24
/// columns, at most 64), or on a wide screen as much as the agenda's titles
/// need, up to half of it — the notes keep the other half.
fn left_width(total: u16, app: &App, widths: &mut TitleWidths) -> u16 {
    let base = (total * 2 / 5).clamp(24.min(total), 64);
    if total / 2 <= base {
        return base;
    }
    // The widest of the rows a screen can show (a long agenda is not measured
    // whole on every frame): indent, mark, title, and room for the figures. The
    // measuring stops at the first row that takes all the room there is.
    let (most, rows) = (usize::from(total / 2), usize::from(total));
    let mut needed = 0;
    app.walk_rows(|row, path| {
        if let Some(item) = app.meeting.shared_item(path) {
            let title = widths.of(row, item);
            needed = needed.max(2 * (path.len() - 1) + 4 + title + 14 + 2);
        }
        row + 1 < rows && needed < most
    });
    u16::try_from(needed)
        .unwrap_or(u16::MAX)
        .clamp(base, total / 2)
}

/// The widths of the agenda's first rows' titles as [`left_width`] measures
/// them, row by row, each with a watch on the item it was measured from: a
/// title is read as Markdown to be measured, and the layout is made again
/// after every change, so only the titles of items changed since are.
#[derive(Debug, Default)]
struct TitleWidths(Vec<(Watch<Item>, usize)>);

impl TitleWidths {
    /// The width of `item`'s title as shown, the item shown on `row`.
    fn of(&mut self, row: usize, item: &Shared<Item>) -> usize {
        match self.0.get(row) {
            Some((watch, width)) if watch.sees(item) => *width,
            _ => {
                let width = widgets::width(&widgets::shown_title(item));
                let measured = (item.watch(), width);
                match self.0.get_mut(row) {
                    Some(was) => *was = measured,
                    None => self.0.push(measured),
                }
                width
            }
        }
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App, view: &View) {
    let _ = draw_kept(frame, app, view, &mut Kept::default());
}

/// What a pane was drawn from besides its place: the state's generation (see
/// [`App::generation`]) and, for a pane that shows it, the clock's second. The
/// [`View`]'s keymap, zone and ages do not change while scribe runs; its save
/// status is shown only in the status line, which is kept apart.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Stamp {
    generation: u64,
    second: Option<i64>,
}

/// A pane as last drawn: where, what from, and what drawing it gave back, and
/// for the notes its cells, to copy them when a prompt or the editor was over
/// them (the other panes are left in place on the canvas, or drawn again).
#[derive(Debug)]
struct Drawn<K, T> {
    area: Rect,
    theme: crate::theme::Theme,
    shown: K,
    value: T,
    cells: Option<Buffer>,
}

/// The layout and the panes beside the notes, as drawn for the last frames:
/// a key typed into the notes editor redraws the editor and the status line
/// and leaves the rest in place, whatever the size of the meeting.
#[derive(Debug, Default)]
pub struct Kept {
    /// Frames are drawn on the buffer that holds the last frame (see
    /// [`super::frames`]): a pane drawn from the same source is there already.
    canvas: bool,
    /// What the last frame drew over the panes: the help over all of them, a
    /// prompt or panel over the notes (their cells are no longer the pane's).
    covered: Covered,
    /// Whether the last frame drew the notes editor (its frame and text) or
    /// the notes as read: the other's cells are not where the notes are.
    editing: bool,
    /// The layout, and the timer's deferral line it made room for.
    layout: Option<((Rect, Stamp), Areas, Option<String>)>,
    /// The timer's plan (its forecast and deferral line), and what it was
    /// worked out from.
    plan: Option<(PlanShown, panes::timer::Plan)>,
    /// What the plan keeps of the agenda's sections from one working-out to
    /// the next.
    plan_memo: crate::app::timing::PlanMemo,
    agenda: Option<Drawn<Stamp, ()>>,
    /// The agenda's rows, to copy those that look the same when it is drawn.
    agenda_rows: panes::agenda::Memo,
    roster: Option<Drawn<RosterShown, ()>>,
    /// The roster's rows, to copy those that look the same when it is drawn.
    roster_rows: panes::roster::Memo,
    timer: Option<Drawn<TimerDrawn, ()>>,
    /// The notes pane when no editor is open.
    notes: Option<Drawn<NotesShown, Option<Position>>>,
    /// The rows of the notes as read that a shorter notes pane left out (see
    /// [`resized::notes_resized`]).
    notes_hidden: Option<Buffer>,
    /// The area inside the notes pane's frame as drawn last.
    notes_inner: Option<Rect>,
    /// The notes pane's frame around the editor, and the area inside it.
    notes_frame: Option<Drawn<Stamp, Rect>>,
    /// What the editor drew on each row inside that frame.
    editor_rows: ratatui_textarea::DrawnRows,
    /// The status line as last drawn (never while a prompt is open).
    status: Option<(StatusSource, Rect)>,
    /// The status lines drawn lately, with their cells, the last drawn at the
    /// end: a move from pane to pane and back shows one of them again.
    status_lines: Vec<(StatusSource, Vec<ratatui::buffer::Cell>)>,
    /// The panes the last frame left in place, as the frame before had them.
    left: Vec<Rect>,
    /// What the layout measured of the agenda's titles.
    title_widths: TitleWidths,
    /// The notes pane's frames as drawn lately (the editor's and the notes').
    notes_frames: widgets::FrameMemo,
    /// The timer's frames as drawn lately.
    timer_frames: widgets::FrameMemo,
}

/// What the status line shows when no prompt is open: while it is the same,
/// so is the line. The keymap and the minutes' file do not change while
/// scribe runs.
#[derive(Debug, Clone, PartialEq)]
struct StatusSource {
    area: Rect,
    theme: crate::theme::Theme,
    mode: crate::app::Mode,
    message: Option<String>,
    save: crate::tui::view::SaveStatus,
    agenda_view: Option<String>,
    candidates: Option<(String, Vec<String>)>,
}

impl StatusSource {
    /// What the status line would show now; `None` while a prompt is open (it
    /// is drawn on every frame then, with its cursor).
    fn of(area: Rect, app: &App, view: &View) -> Option<StatusSource> {
        if app.prompt.is_some() {
            return None;
        }
        let mode = app.mode();
        Some(StatusSource {
            area,
            theme: view.theme,
            mode,
            message: app.message.clone(),
            save: view.save.clone(),
            agenda_view: app.agenda_view_label(),
            candidates: if mode == crate::app::Mode::Editor {
                app.handle_candidates()
            } else {
                None
            },
        })
    }
}

/// What the last frame drew over the panes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Covered {
    #[default]
    Nothing,
    /// A prompt or a panel, over the notes pane.
    Notes,
    /// The help, over everything.
    All,
}

impl Kept {
    /// Panes kept for frames drawn on the buffer that holds the last frame, as
    /// [`super::frames::Frames`] draws them: a pane unchanged since the last
    /// frame is left as it is there.
    pub fn live() -> Kept {
        Kept {
            canvas: true,
            ..Kept::default()
        }
    }

    /// The areas the last frame drawn with [`draw_kept`] left as the frame
    /// before had them, on the buffer that holds the last frame.
    pub fn left_in_place(&self) -> &[Rect] {
        &self.left
    }
}

/// How a pane is drawn again where [`kept_pane`] does not leave it whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Redraw {
    /// On the theme's background, all of it.
    Blank,
    /// Over what it drew last, when that is in place at the same area in the
    /// same theme: the pane draws every cell it does not leave as it was, and
    /// says which it left (see [`widgets::Over`]).
    Over,
}

/// Leaves a pane as the frame's buffer holds it when `in_place` (the buffer
/// holds the last frame there) and it was drawn at `area` from what it would
/// be drawn from `now` (and adds its area to `left`); copies it when its cells
/// were kept (`keep`) and it is not in place; else draws it with `draw`, as
/// `redraw` says. What `draw` gave back, then or now.
fn kept_pane<Now: ?Sized, K: Shown<Now>, T: Copy>(
    frame: &mut Frame<'_>,
    (slot, left): (&mut Option<Drawn<K, T>>, &mut Vec<Rect>),
    (area, theme): (Rect, crate::theme::Theme),
    now: &Now,
    (in_place, keep, redraw): (bool, bool, Redraw),
    draw: impl FnOnce(&mut Frame<'_>, widgets::Over<'_>) -> T,
) -> T {
    let drawn_at = area;
    let area = area.intersection(frame.area());
    let copy_rows = |from: &Buffer, to: &mut Buffer| resized::copy_area(from, to, area);
    if let Some(kept) = slot.as_mut()
        && (in_place || kept.cells.is_some())
        && kept.area == drawn_at
        && kept.theme == theme
        && kept.shown.same(now)
    {
        match &kept.cells {
            Some(cells) if !in_place => copy_rows(cells, frame.buffer_mut()),
            _ => left.push(area),
        }
        return kept.value;
    }
    let over = redraw == Redraw::Over
        && in_place
        && slot
            .as_ref()
            .is_some_and(|kept| kept.area == drawn_at && kept.theme == theme);
    let value = if over {
        draw(frame, Some(left))
    } else {
        fill(frame, area, theme.base);
        draw(frame, None)
    };
    // Cells kept are written over, not freed and allocated again.
    let cells = keep.then(|| {
        let mut cells = match slot.take().and_then(|old| old.cells) {
            Some(mut cells) => {
                cells.resize(area);
                cells
            }
            None => Buffer::empty(area),
        };
        copy_rows(frame.buffer_mut(), &mut cells);
        cells
    });
    *slot = Some(Drawn {
        area: drawn_at,
        theme,
        shown: K::of(now),
        value,
        cells,
    });
    value
}

/// Blanks `area` on the theme's background, whatever was drawn there.
fn fill(frame: &mut Frame<'_>, area: Rect, base: ratatui::style::Style) {
    widgets::fill(frame.buffer_mut(), area, base);
}

/// Draws the whole screen, keeping in `kept` what the next frame may reuse;
/// where the terminal's cursor goes (it is set on `frame` too), if shown.
pub fn draw_kept(
    frame: &mut Frame<'_>,
    app: &App,
    view: &View,
    kept: &mut Kept,
) -> Option<Position> {
    let theme = &view.theme;
    let area = frame.area();
    let stamp = |second: Option<i64>| Stamp {
        generation: app.generation,
        second,
    };
    let second = app.now.timestamp();
    kept.left.clear();
    // The timer's plan is worked out again when what it looks at changed
    // (see `PlanShown`), not on a key typed into the notes nor a move between
    // panes: it walks the whole agenda (a thousand items at a hundred times a
    // real meeting).
    if !kept.plan.as_mut().is_some_and(|(was, _)| was.same(app)) {
        kept.plan = None;
    }
    let plan = &kept
        .plan
        .get_or_insert_with(|| {
            let plan = panes::timer::Plan::of_with(app, &mut kept.plan_memo);
            (PlanShown::of(app), plan)
        })
        .1;
    let deferral = plan.deferral.as_ref();
    // The layout is made again after a change, when the clock moves on, or
    // when the deferral line changed (the timer grows a row for it). The
    // screen is new only when its size changed: panes that moved are drawn
    // again where they are now (each pane checks its own area), the others
    // are left in place, as long as the panes cover the screen between them.
    let laid_out = (area, stamp(Some(second)));
    let fresh = match &kept.layout {
        Some((from, _, drawn)) if *from == laid_out && drawn.as_ref() == deferral => false,
        was => {
            let deferral = deferral.cloned();
            let areas = layout_with(area, app, deferral.is_some(), &mut kept.title_widths);
            let moved = !matches!(was, Some(((screen, _), a, _))
                if *screen == area && (*a == areas || areas.tile(area)));
            // A new deferral line in the same layout is the timer's alone
            // (attendance can change it): only the timer is drawn again.
            if !matches!(was, Some((_, _, d)) if *d == deferral) {
                kept.timer = None;
            }
            kept.layout = Some((laid_out, areas, deferral));
            moved
        }
    };
    if fresh {
        // Each pane blanks its own area; a new layout blanks the screen too.
        frame.render_widget(Block::new().style(theme.base), area);
    }
    // Panes the frame's buffer holds as the last frame left them: none after a
    // new layout (it blanked the screen) or the help, the notes not after a
    // prompt or panel over them, nor when the editor opened or closed.
    let in_place = kept.canvas && !fresh && kept.covered != Covered::All;
    let editing = app.editor.is_some();
    let notes_in_place = in_place && kept.covered == Covered::Nothing && kept.editing == editing;
    kept.editing = editing;
    kept.covered = if app.help {
        Covered::All
    } else if app.prompt.is_some() || view.panel.is_some() {
        Covered::Notes
    } else {
        Covered::Nothing
    };
    let Some((_, areas, _)) = &kept.layout else {
        return None;
    };
    let areas = *areas;
    // The item discussed now shows its running time in the agenda.
    let running = app.current.is_some().then_some(second);
    kept_pane(
        frame,
        (&mut kept.agenda, &mut kept.left),
        (areas.agenda, view.theme),
        &stamp(running),
        (in_place, false, Redraw::Over),
        |frame, rows| {
            panes::agenda::draw(
                frame,
                areas.agenda,
                app,
                view,
                (&mut kept.agenda_rows, rows),
            )
        },
    );
    kept_pane(
        frame,
        (&mut kept.roster, &mut kept.left),
        (areas.roster, view.theme),
        app,
        (in_place, false, Redraw::Over),
        |frame, rows| {
            panes::roster::draw(
                frame,
                areas.roster,
                app,
                view,
                (&mut kept.roster_rows, rows),
            )
        },
    );
    // While typing, the notes pane's frame and titles stay; the text is drawn
    // afresh on a blank area.
    let editing = if app.editor.is_some() {
        // Only the frame is left in place, not the text inside it: its border
        // and titles are, unless something is drawn over the notes.
        let left = kept.left.len();
        let inner = kept_pane(
            frame,
            (&mut kept.notes_frame, &mut kept.left),
            (areas.notes, view.theme),
            &stamp(None),
            (notes_in_place, false, Redraw::Blank),
            |frame, _| {
                panes::notes::draw_frame(frame, areas.notes, app, view, &mut kept.notes_frames)
            },
        );
        let frame_left = kept.left.len() > left;
        kept.left.truncate(left);
        if frame_left && kept.covered == Covered::Nothing && !app.help {
            kept.left
                .extend(widgets::around(areas.notes.intersection(area), inner));
        }
        // The text's rows are drawn again where they changed, as long as the
        // frame around them was left in place and nothing is drawn over them:
        // a key typed redraws a row or two, not the pane.
        let rows_in_place = frame_left && kept.covered == Covered::Nothing && !app.help;
        let rows = (&mut kept.editor_rows, rows_in_place);
        let cursor = panes::notes::draw_editor(frame, inner, app, view, rows);
        if rows_in_place {
            kept.left.extend(kept.editor_rows.left());
        }
        cursor
    } else {
        let left = kept.left.len();
        let notes = (
            &mut kept.notes,
            &mut kept.notes_hidden,
            &mut kept.notes_frames,
            &mut kept.notes_inner,
        );
        let place = (areas.notes, notes_in_place);
        let cursor = if resized::notes_resized(frame, notes, (app, view), place, &mut kept.left) {
            None
        } else {
            let (frames, hidden, shown) = (
                &mut kept.notes_frames,
                &mut kept.notes_hidden,
                &mut kept.notes_inner,
            );
            kept_pane(
                frame,
                (&mut kept.notes, &mut kept.left),
                (areas.notes, view.theme),
                app,
                (notes_in_place, true, Redraw::Blank),
                |frame, _| {
                    let inner = panes::notes::draw_frame(frame, areas.notes, app, view, frames);
                    let cursor = panes::notes::draw_body(frame, inner, app, view);
                    // Drawn afresh: the rows left out may no longer be its.
                    *hidden = None;
                    *shown = Some(inner);
                    cursor
                },
            )
        };
        // What is drawn over the notes now (a prompt, a panel, the help) is
        // not the pane as the terminal shows it: it is compared as drawn.
        if kept.covered != Covered::Nothing || app.help {
            kept.left.truncate(left);
        }
        cursor
    };
    let timer = TimerNow::new(app, view, plan, areas.timer);
    kept_pane(
        frame,
        (&mut kept.timer, &mut kept.left),
        (areas.timer, view.theme),
        &timer,
        (in_place, false, Redraw::Blank),
        |frame, _| {
            let frames = &mut kept.timer_frames;
            (timer.look()).draw(frame, areas.timer, theme, frames);
        },
    );
    // The status line is drawn again only when what it shows changed, and
    // copied when it shows what it showed lately.
    let status = StatusSource::of(areas.status, app, view);
    let status_area = areas.status.intersection(area);
    let width = usize::from(status_area.width);
    let line_drawn = status_area.height == 1 && width > 0;
    let lately = |now: &StatusSource| {
        kept.status_lines
            .iter()
            .position(|(was, line)| line_drawn && was == now && line.len() == width)
    };
    let prompting = match (&kept.status, status) {
        (Some((was, at)), Some(now)) if in_place && *was == now => {
            kept.left.push(*at);
            None
        }
        (_, Some(now)) if let Some(at) = lately(&now) => {
            let (now, line) = kept.status_lines.remove(at);
            let buf = frame.buffer_mut();
            let from = buf.index_of(status_area.x, status_area.y);
            buf.content[from..from + line.len()].clone_from_slice(&line);
            kept.status = Some((now.clone(), areas.status));
            kept.status_lines.push((now, line));
            None
        }
        (_, status) => {
            fill(frame, areas.status, theme.base);
            let prompting = panes::status::draw(frame, areas.status, app, view);
            if let Some(now) = &status
                && line_drawn
            {
                let buf = frame.buffer_mut();
                let from = buf.index_of(status_area.x, status_area.y);
                let line = buf.content[from..from + width].to_vec();
                if kept.status_lines.len() == STATUS_LINES_KEPT {
                    kept.status_lines.remove(0);
                }
                kept.status_lines.push((now.clone(), line));
            }
            kept.status = status.map(|s| (s, areas.status));
            prompting
        }
    };
    panes::not_discussed::draw(frame, areas.notes, app, view);
    panes::panel::draw(frame, areas.notes, view);
    if app.help {
        // Over everything: nothing is left as it was.
        kept.left.clear();
        panes::help::draw(frame, area, view);
        None
    } else if let Some(cursor) = prompting.or(editing) {
        // The terminal's own cursor shows where typing goes.
        frame.set_cursor_position(cursor);
        Some(cursor)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::model::{Item, Meeting, Note};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// Every frame drawn with panes kept from earlier frames is the frame drawn
    /// afresh, whatever was done in between: typing, moving, checking, folding,
    /// adding an item, attendance, the clock moving on, a resize, the help.
    #[test]
    fn a_frame_drawn_with_kept_panes_is_the_frame_drawn_afresh() {
        let meeting = crate::workload::meeting(1);
        let mut app = crate::workload::live_app(meeting);
        let mut view = crate::workload::live_view();
        view.theme = crate::theme::Theme::dark();
        let mut kept = Kept::default();
        let mut now = app.now;
        let typed = |c| Action::Type(crate::app::Key::char(c));
        let mut steps: Vec<Action> = vec![Action::NextSection, Action::Down, Action::EditNotes];
        steps.extend("notes".chars().map(typed));
        // A line long enough to wrap, then taken back past the wrap.
        steps.extend(
            "a long line of notes that wraps in the pane "
                .repeat(3)
                .chars()
                .map(typed),
        );
        let backspace = Action::Type(crate::app::Key::plain(crate::app::KeyCode::Backspace));
        steps.extend(std::iter::repeat_n(backspace, 70));
        steps.extend([
            Action::NewLine,
            typed('x'),
            Action::LeaveEditor,
            Action::Down,
            Action::ToggleCheck,
            Action::DiscussNow,
            Action::Collapse,
            Action::Expand,
            Action::AddItemAfter,
            typed('n'),
            typed('e'),
            Action::Confirm,
            Action::FocusRoster,
            Action::Down,
            Action::CycleState,
            Action::Absent,
            // Attendance and moves in the roster keep the other panes.
            Action::Down,
            Action::Present,
            Action::Regrets,
            Action::Up,
            Action::ArrivedLate,
            Action::Up,
            Action::LeftEarly,
            Action::Present,
            Action::FocusAgenda,
            Action::EditNotes,
            typed('y'),
            Action::Help,
            typed('q'),
            typed('z'),
            Action::LeaveEditor,
            Action::Search,
            typed('a'),
            Action::Cancel,
        ]);
        let sizes = [(120, 40), (80, 24), (100, 30)];
        for (i, action) in steps.into_iter().enumerate() {
            // The clock moves on by a second every other step.
            if i % 2 == 0 {
                now += chrono::Duration::seconds(1);
                app.tick(now);
            }
            let _ = crate::app::update(&mut app, action, now);
            let (width, height) = sizes[i / 40 % sizes.len()];
            let (kept_frame, fresh_frame) =
                kept_and_afresh(&app, &view, &mut kept, (width, height));
            assert_eq!(kept_frame, fresh_frame, "after step {i}: {action:?}");
        }
    }

    /// The frame drawn with `kept` panes, and the frame drawn afresh, on a
    /// screen of `size`.
    fn kept_and_afresh(
        app: &App,
        view: &View,
        kept: &mut Kept,
        size: (u16, u16),
    ) -> (Buffer, Buffer) {
        let mut with_kept = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
        let mut afresh = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
        let kept_frame = with_kept
            .draw(|f| {
                let _ = draw_kept(f, app, view, kept);
            })
            .unwrap()
            .buffer
            .clone();
        let fresh_frame = afresh.draw(|f| draw(f, app, view)).unwrap().buffer.clone();
        (kept_frame, fresh_frame)
    }

    /// On a screen wide enough for the agenda's column to follow its titles,
    /// the column is as wide as a frame drawn afresh makes it after a title
    /// wider than the others is added, and after it is taken away (the titles
    /// measured for earlier frames are not taken for the rows' new items).
    #[test]
    fn the_agenda_column_follows_its_titles_with_kept_panes() {
        let mut meeting = Meeting::new("t", chrono::Utc::now());
        meeting.agenda = (0..8)
            .map(|i| Item::new(format!("item {i}")))
            .collect::<Vec<_>>()
            .into();
        let mut app = crate::workload::live_app(meeting);
        let view = crate::workload::live_view();
        let mut kept = Kept::default();
        let typed = |c| Action::Type(crate::app::Key::char(c));
        let mut steps = vec![Action::Down, Action::Down, Action::AddItemAfter];
        steps.extend("wide ".repeat(12).chars().map(typed));
        steps.extend([Action::Confirm, Action::DeleteItem, Action::DeleteItem]);
        let mut widths = Vec::new();
        for (i, action) in std::iter::once(Action::Up).chain(steps).enumerate() {
            let now = app.now;
            let _ = crate::app::update(&mut app, action, now);
            let (kept_frame, fresh_frame) = kept_and_afresh(&app, &view, &mut kept, (200, 40));
            assert_eq!(kept_frame, fresh_frame, "after step {i}: {action:?}");
            widths.push(layout(Rect::new(0, 0, 200, 40), &app).agenda.width);
        }
        // The wide title did widen the column, and its going narrowed it.
        let (first, most, last) = (
            widths[0],
            *widths.iter().max().unwrap(),
            widths[widths.len() - 1],
        );
        assert!(most > first && last == first, "{widths:?}");
    }

    #[test]
    fn no_cell_carries_a_control_or_bidi_character_even_in_the_editor() {
        let now = chrono::Utc::now();
        let mut meeting = Meeting::new("t", now);
        let mut item = Item::new("Welcome \u{202e}evil");
        item.notes = vec![Note::new("a \u{1b}]52;c;x\u{7} b \u{2066}c \u{9b}2J")].into();
        meeting.agenda = vec![item].into();
        let mut app = crate::workload::live_app(meeting);
        let view = crate::workload::live_view();
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        for action in [None, Some(Action::EditNotes)] {
            if let Some(action) = action {
                let _ = crate::app::update(&mut app, action, now);
                assert!(app.editor.is_some());
            }
            terminal.draw(|f| draw(f, &app, &view)).unwrap();
            let buffer = terminal.backend().buffer();
            let shown: String = buffer.content.iter().map(|c| c.symbol()).collect();
            assert!(shown.contains("evil") && shown.contains('c'), "{shown}");
            assert!(
                !shown.chars().any(crate::text::is_unsafe),
                "{action:?}: {:?}",
                shown
                    .chars()
                    .filter(|&c| crate::text::is_unsafe(c))
                    .collect::<Vec<_>>()
            );
        }
    }
}
