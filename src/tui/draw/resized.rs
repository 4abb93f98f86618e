//! The notes as read, in a pane only taller or shorter than it was: the
//! timer grows a row while it proposes what to defer (a person marked away
//! can make it so), and the notes pane above it gives up that row. Drawing
//! the notes again reads and lays out every line of them; the rows already
//! drawn are left or copied instead.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Drawn, fill};
use crate::app::App;
use crate::tui::panes;
use crate::tui::shown::{NotesShown, Shown};
use crate::tui::view::View;

/// What the notes pane keeps from frame to frame: the pane as drawn, the
/// rows of the notes a shorter pane left out (see [`notes_resized`]), the
/// pane's frames, and the area inside the frame the notes took last.
pub(super) type NotesKept<'a> = (
    &'a mut Option<Drawn<NotesShown, Option<ratatui::layout::Position>>>,
    &'a mut Option<Buffer>,
    &'a mut crate::tui::widgets::FrameMemo,
    &'a mut Option<Rect>,
);

/// Copies the cells of `area` from `from` to `to` (both hold it whole).
pub(super) fn copy_area(from: &Buffer, to: &mut Buffer, area: Rect) {
    let width = usize::from(area.width);
    if width == 0 {
        return;
    }
    for y in area.top()..area.bottom() {
        let (a, b) = (from.index_of(area.x, y), to.index_of(area.x, y));
        to.content[b..b + width].clone_from_slice(&from.content[a..a + width]);
    }
}

/// Draws the notes pane at `area` when it shows what it showed on the last
/// frame, at the same place and width but another height (`in_place`: the
/// frame's buffer holds the last frame, the notes shown as read, uncovered):
/// its frame drawn again, the notes' rows the last frame showed left as they
/// are (and said to be, in `left`); rows it shows that the last frame did not
/// are copied from those a shorter pane left out (`hidden`: a few rows, kept
/// while the notes are the same), else the notes are drawn again. Whether it
/// drew the pane.
pub(super) fn notes_resized(
    frame: &mut Frame<'_>,
    (notes, hidden, frames, shown): NotesKept<'_>,
    (app, view): (&App, &View),
    (area, in_place): (Rect, bool),
    left: &mut Vec<Rect>,
) -> bool {
    let theme = view.theme;
    let (Some(drawn), Some(was)) = (notes.as_mut(), *shown) else {
        return false;
    };
    let place = |r: Rect| (r.x, r.y, r.width);
    if !in_place
        || drawn.theme != theme
        || drawn.area == area
        || place(drawn.area) != place(area)
        || frame.area().union(area) != frame.area()
        || !drawn.shown.same(app)
    {
        return false;
    }
    // The rows of the notes the last frame showed, above the frame's bottom
    // row now: left as they are, everything around them blanked.
    let frame_bottom = area.bottom().saturating_sub(1);
    let still = Rect {
        height: was.bottom().min(frame_bottom).saturating_sub(was.y),
        ..was
    };
    // The rows the pane no longer has room for, as the last frame showed
    // them: to be copied back when it grows again.
    let left_out = Rect {
        y: still.bottom(),
        height: was.bottom().saturating_sub(still.bottom()),
        ..was
    };
    if !left_out.is_empty() {
        let kept = hidden.get_or_insert_with(|| Buffer::empty(left_out));
        kept.resize(left_out);
        copy_area(frame.buffer_mut(), kept, left_out);
    }
    for part in crate::tui::widgets::around(area, still) {
        fill(frame, part, theme.base);
    }
    let inner = panes::notes::draw_frame(frame, area, app, view, frames);
    // A title wrapped above the notes takes at most half the pane: at
    // another height the notes may start on another row.
    let unchanged = place(inner) == place(was);
    if unchanged {
        left.push(still);
        let below = Rect {
            y: still.bottom(),
            height: inner.bottom().saturating_sub(still.bottom()),
            ..inner
        };
        let covers = |kept: &Buffer| {
            (kept.area.x, kept.area.width) == (below.x, below.width)
                && kept.area.y <= below.y
                && below.bottom() <= kept.area.bottom()
        };
        match hidden {
            _ if below.is_empty() => {}
            Some(kept) if covers(kept) => copy_area(kept, frame.buffer_mut(), below),
            _ => {
                let _ = panes::notes::draw_body(frame, inner, app, view);
            }
        }
    } else {
        fill(frame, inner, theme.base);
        let _ = panes::notes::draw_body(frame, inner, app, view);
        *hidden = None;
    }
    // The pane as drawn now, as `kept_pane` keeps it: the cells kept of the
    // pane at its last height hold the rows left as they were in place (a
    // buffer cut or grown at the bottom keeps its rows); the others are copied.
    let buf = frame.buffer_mut();
    match drawn.cells.as_mut() {
        Some(cells) if unchanged && cells.area == drawn.area => {
            cells.resize(area);
            for part in crate::tui::widgets::around(area, still) {
                copy_area(buf, cells, part);
            }
        }
        _ => {
            let mut cells = drawn.cells.take().unwrap_or_else(|| Buffer::empty(area));
            cells.resize(area);
            copy_area(buf, &mut cells, area);
            drawn.cells = Some(cells);
        }
    }
    drawn.area = area;
    drawn.shown = NotesShown::of(app);
    drawn.value = None;
    *shown = Some(inner);
    true
}
