//! The notes as read, in a pane only taller or shorter than it was: the
//! timer grows a row while it proposes what to defer (a person marked away
//! can make it so), and the notes pane above it gives up that row. Drawing
//! the notes again reads and lays out every line of them; the rows already
//! drawn are copied instead.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Drawn, fill};
use crate::app::App;
use crate::tui::panes;
use crate::tui::shown::{NotesShown, Shown};
use crate::tui::view::View;

/// What the notes pane keeps from frame to frame: the pane as drawn, the
/// notes as drawn whole last, the pane's frames, and the area inside the
/// frame the notes took on the frame that drew them last.
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

/// Keeps the cells of `inner` (the notes as just drawn whole) in `body`,
/// written over, not made again.
pub(super) fn keep_body(buf: &Buffer, inner: Rect, body: &mut Option<Buffer>) {
    let inner = inner.intersection(buf.area);
    let kept = body.get_or_insert_with(|| Buffer::empty(inner));
    kept.resize(inner);
    copy_area(buf, kept, inner);
}

/// Draws the notes pane at `area` when it shows what it showed on the last
/// frame, at the same place and width but another height (`in_place`: the
/// frame's buffer holds the last frame, the notes shown as read, uncovered):
/// its frame drawn again, the notes' rows the last frame showed left as they
/// are (and said to be, in `left`), the rows it did not show copied from
/// those drawn whole last, as far as they reach (else the notes are drawn,
/// and kept). Whether it drew the pane.
pub(super) fn notes_resized(
    frame: &mut Frame<'_>,
    (notes, body, frames, shown): NotesKept<'_>,
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
        match body {
            _ if below.is_empty() => {}
            Some(body)
                if place(body.area) == place(inner) && inner.bottom() <= body.area.bottom() =>
            {
                copy_area(body, frame.buffer_mut(), below);
            }
            _ => {
                let _ = panes::notes::draw_body(frame, inner, app, view);
                keep_body(frame.buffer_mut(), inner, body);
            }
        }
    } else {
        fill(frame, inner, theme.base);
        let _ = panes::notes::draw_body(frame, inner, app, view);
        keep_body(frame.buffer_mut(), inner, body);
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
