use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::wrap::WrapMode;
#[cfg(feature = "portable-atomic")]
use portable_atomic::{AtomicU64, Ordering};
use ratatui_core::buffer::{Buffer, Cell, CellWidth as _};
use ratatui_core::layout::{Alignment, Rect};
use ratatui_core::style::Style;
use ratatui_core::text::{Line, Span, Text};
use ratatui_core::widgets::Widget;
use ratatui_widgets::paragraph::Paragraph;
use std::cmp;
#[cfg(not(feature = "portable-atomic"))]
use std::sync::atomic::{AtomicU64, Ordering};
use unicode_segmentation::UnicodeSegmentation as _;

// &mut 'a (u16, u16, u16, u16) is not available since `render` method takes immutable reference of TextArea
// instance. In the case, the TextArea instance cannot be accessed from any other objects since it is mutablly
// borrowed.
//
// `ratatui::Frame::render_stateful_widget` would be an assumed way to render a stateful widget. But at this
// point we stick with using `ratatui::Frame::render_widget` because it is simpler API. Users don't need to
// manage states of textarea instances separately.
// https://docs.rs/ratatui/latest/ratatui/terminal/struct.Frame.html#method.render_stateful_widget
#[derive(Default, Debug)]
pub struct Viewport(AtomicU64);

impl Clone for Viewport {
    fn clone(&self) -> Self {
        let u = self.0.load(Ordering::Relaxed);
        Viewport(AtomicU64::new(u))
    }
}

impl Viewport {
    pub fn scroll_top(&self) -> (u16, u16) {
        let u = self.0.load(Ordering::Relaxed);
        ((u >> 16) as u16, u as u16)
    }

    pub fn rect(&self) -> (u16, u16, u16, u16) {
        let u = self.0.load(Ordering::Relaxed);
        let width = (u >> 48) as u16;
        let height = (u >> 32) as u16;
        let row = (u >> 16) as u16;
        let col = u as u16;
        (row, col, width, height)
    }

    pub fn position(&self) -> (u16, u16, u16, u16) {
        let (row_top, col_top, width, height) = self.rect();
        let row_bottom = row_top.saturating_add(height).saturating_sub(1);
        let col_bottom = col_top.saturating_add(width).saturating_sub(1);

        (
            row_top,
            col_top,
            cmp::max(row_top, row_bottom),
            cmp::max(col_top, col_bottom),
        )
    }

    fn store(&self, row: u16, col: u16, width: u16, height: u16) {
        // Pack four u16 values into one u64 value
        let u =
            ((width as u64) << 48) | ((height as u64) << 32) | ((row as u64) << 16) | col as u64;
        self.0.store(u, Ordering::Relaxed);
    }

    pub fn scroll(&mut self, rows: i16, cols: i16) {
        fn apply_scroll(pos: u16, delta: i16) -> u16 {
            if delta >= 0 {
                pos.saturating_add(delta as u16)
            } else {
                pos.saturating_sub(-delta as u16)
            }
        }

        let u = self.0.get_mut();
        let row = apply_scroll((*u >> 16) as u16, rows);
        let col = apply_scroll(*u as u16, cols);
        *u = (*u & 0xffff_ffff_0000_0000) | ((row as u64) << 16) | (col as u64);
    }
}

#[inline]
fn next_scroll_top(prev_top: u16, cursor: u16, len: u16) -> u16 {
    if cursor < prev_top {
        cursor
    } else if prev_top + len <= cursor {
        cursor + 1 - len
    } else {
        prev_top
    }
}

// The graphemes of a span that ratatui draws, with their widths in cells. Ratatui draws no
// control chars, so they take no columns here either.
fn drawn_graphemes<'s>(span: &'s Span<'_>) -> impl Iterator<Item = (&'s str, usize)> {
    span.content
        .graphemes(true)
        .filter(|g| !g.contains(char::is_control))
        .map(|g| (g, g.cell_width().into()))
}

// Cut the columns `left..left + width` out of a line. A wide char cut by either edge
// becomes blank cells in its own style, so the other cells keep their columns and a
// cursor on that char is still drawn.
fn clip_line(line: Line<'_>, left: usize, width: usize) -> Line<'_> {
    // `Line::width` gives no cells to the halfwidth sound marks ﾞ and ﾟ, so count the cells
    // ratatui draws.
    let line_width: usize = line
        .spans
        .iter()
        .flat_map(drawn_graphemes)
        .map(|(_, w)| w)
        .sum();
    if left == 0 && line_width <= width {
        return line;
    }

    let right = left + width;
    let mut col = 0;
    let mut spans = Vec::with_capacity(line.spans.len());
    for span in &line.spans {
        let mut text = String::new();
        for (grapheme, grapheme_width) in drawn_graphemes(span) {
            let start = col;
            col += grapheme_width;
            if left <= start && col <= right {
                text.push_str(grapheme);
            } else if start < right && left < col {
                let cells = cmp::min(col, right) - cmp::max(start, left);
                text.extend(std::iter::repeat_n(' ', cells));
            }
        }
        if !text.is_empty() {
            spans.push(Span::styled(text, span.style));
        }
    }
    Line { spans, ..line }
}

// Whether a row of spans takes at most `width` cells. An ASCII span takes a cell per char,
// control chars aside, so only other text is split into graphemes to be measured.
fn fits(line: &Line<'_>, width: usize) -> bool {
    let mut used = 0;
    for span in &line.spans {
        used += if span.content.is_ascii() {
            span.content
                .bytes()
                .filter(|b| !b.is_ascii_control())
                .count()
        } else {
            drawn_graphemes(span).map(|(_, w)| w).sum()
        };
        if used > width {
            return false;
        }
    }
    true
}

// Draws one screen row of the text at `x`, `y`: the columns `left..left + width` of `line`,
// each grapheme in `base` patched with its line's and its span's styles. This is what a
// left-aligned `Paragraph` of the row cut by `clip_line` draws, cell for cell, without
// the paragraph's buffers and passes: a row that fits is drawn as it is, and an ASCII
// span is drawn char by char, since each of its chars is a grapheme of one cell (control
// chars, which ratatui does not draw, aside).
fn draw_row(
    line: Line<'_>,
    left: usize,
    (x, y, width): (u16, u16, u16),
    base: Style,
    buf: &mut Buffer,
) {
    let line = if left == 0 && fits(&line, width.into()) {
        line
    } else {
        clip_line(line, left, width.into())
    };
    let style = base.patch(line.style);
    let mut col: u16 = 0;
    for span in &line.spans {
        let style = style.patch(span.style);
        if span.content.is_ascii() {
            for byte in span.content.bytes().filter(|b| !b.is_ascii_control()) {
                if col >= width {
                    return;
                }
                buf[(x + col, y)]
                    .set_char(char::from(byte))
                    .set_style(style);
                col += 1;
            }
            continue;
        }
        // As the paragraph's line truncator: a grapheme wider than the row is left out,
        // one that would cross its end ends the row, and one of no width takes no cell.
        for grapheme in span.content.graphemes(true) {
            if grapheme.contains(char::is_control) {
                continue;
            }
            let grapheme_width = grapheme.cell_width();
            if grapheme_width > width {
                continue;
            }
            if col + grapheme_width > width {
                return;
            }
            if grapheme_width > 0 {
                buf[(x + col, y)].set_symbol(grapheme).set_style(style);
                col += grapheme_width;
            }
        }
    }
}

impl<'a> TextArea<'a> {
    // Gives `each` the spans of the screen rows `top_row..top_row + height`, one line per
    // row, with the row's place from the top.
    fn each_row(&'a self, top_row: usize, height: usize, mut each: impl FnMut(u16, Line<'a>)) {
        let lnum_len = num_digits(self.lines().len());
        let screen_lines = self.fresh_screen_lines();
        let bottom_row = cmp::min(top_row + height, screen_lines.len());
        for (y, row) in (0..).zip(&screen_lines[cmp::min(top_row, bottom_row)..bottom_row]) {
            let line = &self.lines()[row.wrapped.row];
            each(y, self.line_spans_segment(line, &row.wrapped, lnum_len));
        }
    }

    fn scroll_top_row(&self, prev_top: u16, height: u16) -> u16 {
        let cursor = self.screen_cursor().row as u16;
        let top = next_scroll_top(prev_top, cursor, height);
        if top == prev_top || height == 0 {
            return top;
        }
        // The cursor left the view: it lands `jump` rows further in than the edge
        // it left by (never past the other edge).
        let jump = u16::try_from(u32::from(height) * u32::from(self.scroll_jump()) / 100)
            .unwrap_or(height)
            .min(height - 1);
        if top < prev_top {
            top.saturating_sub(jump)
        } else {
            top.saturating_add(jump)
        }
    }

    fn scroll_top_col(&self, prev_top: u16, width: u16) -> u16 {
        let screen = self.screen_cursor();
        let mut cursor = screen.col as u16;
        // Adjust the cursor position due to the width of line number.
        if self.line_number_style().is_some() {
            let lnum = self.line_number_width();
            if cursor <= lnum {
                cursor *= 2; // Smoothly slide the line number into the screen on scrolling left
            } else {
                cursor += lnum; // The cursor position is shifted by the line number part
            };
        }
        // Scrolling right brings the whole char under the cursor into view, not just its
        // first column. A char wider than the viewport keeps its first column in view.
        // A masked line draws the mask char, so that is the char whose width counts.
        let glyph = screen.char.map(|c| self.mask_char().unwrap_or(c));
        let glyph_width = glyph.map_or(1, char_width).max(1) as u16;
        let right = cursor + glyph_width - 1;
        next_scroll_top(next_scroll_top(prev_top, right, width), cursor, width)
    }
}

impl TextArea<'_> {
    // The rows and columns the text is scrolled to in `inner_area`, kept for the next
    // frame. A new area maps the text to screen rows again.
    fn scroll_to(&self, inner_area: Rect) -> (u16, u16) {
        let Rect { width, height, .. } = inner_area;
        if self.area.get() != inner_area {
            self.area.set(inner_area);
            self.screen_map_load();
        }
        let (prev_top_row, prev_top_col) = self.viewport.scroll_top();
        let top_row = self.scroll_top_row(prev_top_row, height);
        let top_col = if self.wrap_mode() == WrapMode::None {
            self.scroll_top_col(prev_top_col, width)
        } else {
            0
        };
        // Store scroll top position for rendering on the next tick
        self.viewport.store(top_row, top_col, width, height);
        (top_row, top_col)
    }

    /// Draws the text in `area` as rendering it over `area` filled with `blank` draws it,
    /// but leaves the rows that would look as `drawn` says they were drawn last: when the
    /// buffer still holds the last frame drawn this way (`in_place`), a key typed redraws
    /// the rows it changed, not the whole area. [`DrawnRows::left`] then gives the rows
    /// left as they were. Without `in_place` (the buffer was drawn over, or is new), every
    /// row is drawn. A text with a block, not left-aligned, or showing its placeholder is
    /// drawn whole.
    pub fn render_on(
        &self,
        area: Rect,
        buf: &mut Buffer,
        blank: &Cell,
        drawn: &mut DrawnRows,
        in_place: bool,
    ) {
        drawn.left.clear();
        let draw_area = area.intersection(buf.area);
        let blank_row = |buf: &mut Buffer, y: u16| {
            let at = buf.index_of(draw_area.x, y);
            buf.content[at..at + usize::from(draw_area.width)].fill(blank.clone());
        };
        let placeholder = self.is_empty() && !self.placeholder.lines.is_empty();
        let plain = self.block().is_none() && self.alignment() == Alignment::Left && !placeholder;
        if draw_area.is_empty() || !plain {
            drawn.on = None;
            if !draw_area.is_empty() {
                for y in draw_area.top()..draw_area.bottom() {
                    blank_row(buf, y);
                }
            }
            self.render(area, buf);
            return;
        }
        let (top_row, top_col) = self.scroll_to(area);
        let on = (draw_area, blank.clone(), self.style(), top_col);
        if !in_place || drawn.on.as_ref() != Some(&on) {
            drawn.rows.clear();
            drawn.on = Some(on);
        }
        drawn.rows.resize(draw_area.height.into(), None);
        let mut redraw = |y: u16, line: Option<Line<'_>>| {
            let row = &mut drawn.rows[usize::from(y)];
            if row.as_ref().is_some_and(|row| row.shows(line.as_ref())) {
                drawn.left.push(y);
                return;
            }
            blank_row(buf, draw_area.y + y);
            *row = Some(RowDrawn::of(line.as_ref()));
            if let Some(line) = line {
                let place = (draw_area.x, draw_area.y + y, draw_area.width);
                draw_row(line, top_col.into(), place, self.style(), buf);
            }
        };
        let mut below = 0;
        if draw_area.width > 0 {
            self.each_row(top_row.into(), draw_area.height.into(), |y, line| {
                redraw(y, Some(line));
                below = y + 1;
            });
        }
        for y in below..draw_area.height {
            redraw(y, None);
        }
    }
}

/// What [`TextArea::render_on`] drew on each row of an area: the spans of the text there,
/// as they were styled, and the area, blank cell, style and scroll they were drawn with.
#[derive(Debug, Default, Clone)]
pub struct DrawnRows {
    on: Option<(Rect, Cell, Style, u16)>,
    // Each row from the top; `None` for a row not drawn yet.
    rows: Vec<Option<RowDrawn>>,
    // The rows the last `render_on` left as they were.
    left: Vec<u16>,
}

impl DrawnRows {
    /// The rows the last [`TextArea::render_on`] left as they were, one `Rect` each.
    pub fn left(&self) -> impl Iterator<Item = Rect> + '_ {
        let area = self.on.as_ref().map(|(area, ..)| *area).unwrap_or_default();
        self.left
            .iter()
            .map(move |&y| Rect::new(area.x, area.y + y, area.width, 1))
    }
}

// The spans of one row as drawn (none on a row below the text).
#[derive(Debug, Default, Clone, PartialEq)]
struct RowDrawn {
    style: Style,
    spans: Vec<(String, Style)>,
}

impl RowDrawn {
    fn of(line: Option<&Line<'_>>) -> Self {
        line.map_or_else(Self::default, |line| Self {
            style: line.style,
            spans: line
                .spans
                .iter()
                .map(|span| (span.content.to_string(), span.style))
                .collect(),
        })
    }

    // Whether drawing `line` (or nothing) draws this row as it is.
    fn shows(&self, line: Option<&Line<'_>>) -> bool {
        match line {
            None => self.style == Style::default() && self.spans.is_empty(),
            Some(line) => {
                self.style == line.style
                    && self.spans.len() == line.spans.len()
                    && self
                        .spans
                        .iter()
                        .zip(&line.spans)
                        .all(|((text, style), span)| *style == span.style && *text == span.content)
            }
        }
    }
}

impl Widget for &TextArea<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner_area = if let Some(b) = self.block() {
            b.inner(area)
        } else {
            area
        };
        let Rect { width, height, .. } = inner_area;

        if self.area.get() != inner_area {
            self.area.set(inner_area);
            self.screen_map_load();
        }

        // To get fine control over the text color and the surrrounding block they have to be rendered separately
        // see https://github.com/ratatui/ratatui/issues/144
        if let Some(b) = self.block() {
            b.render(area, buf)
        }

        if self.is_empty() && !self.placeholder.lines.is_empty() {
            let mut placeholder = self.placeholder.clone();
            let cursor = Span::styled(" ", self.cursor_style);
            if let Some(first_line) = placeholder.lines.first_mut() {
                first_line.spans.insert(0, cursor);
            } else {
                placeholder.lines.push(Line::from(vec![cursor]));
            }
            self.viewport.store(0, 0, width, height);
            Paragraph::new(placeholder)
                .alignment(self.alignment())
                .render(inner_area, buf);
            return;
        }

        let (top_row, top_col) = self.scroll_to(inner_area);
        // As a `Paragraph` does, draw only where the buffer is.
        let draw_area = inner_area.intersection(buf.area);
        if self.alignment() == Alignment::Left {
            // Scroll here, not with `Paragraph::scroll`, which draws a wide char cut by the
            // left edge whole and drops one cut by the right edge.
            if draw_area.width > 0 {
                self.each_row(top_row.into(), draw_area.height.into(), |y, line| {
                    let place = (draw_area.x, draw_area.y + y, draw_area.width);
                    draw_row(line, top_col.into(), place, self.style(), buf);
                });
            }
        } else {
            // Only left-aligned text is scrolled, as with `Paragraph::scroll`.
            let mut lines = Vec::with_capacity(height.into());
            self.each_row(top_row.into(), height.into(), |_, line| lines.push(line));
            Paragraph::new(Text::from(lines).style(self.style()))
                .alignment(self.alignment())
                .render(inner_area, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_core::style::{Color, Modifier};

    // What the published widget drew for a row: the line cut by `clip_line`, drawn by a
    // left-aligned `Paragraph` of one line in the text's style.
    fn draw_row_as_paragraph(
        line: Line<'_>,
        left: usize,
        row: Rect,
        base: Style,
        buf: &mut Buffer,
    ) {
        let line = clip_line(line, left, row.width.into());
        Paragraph::new(Text::from(line).style(base)).render(row, buf);
    }

    // A small xorshift generator, so that the cases are the same on every run.
    struct Cases(u64);

    impl Cases {
        fn next(&mut self, below: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % below as u64) as usize
        }

        fn style(&mut self) -> Style {
            const COLORS: [Option<Color>; 4] = [
                None,
                Some(Color::Red),
                Some(Color::Reset),
                Some(Color::Rgb(1, 2, 3)),
            ];
            let mut style = Style::default();
            style.fg = COLORS[self.next(4)];
            style.bg = COLORS[self.next(4)];
            match self.next(3) {
                0 => style.add_modifier(Modifier::REVERSED),
                1 => style.remove_modifier(Modifier::BOLD),
                _ => style,
            }
        }
    }

    // A text edited step by step, drawn each step with `render_on` on one buffer kept
    // from frame to frame, draws what rendering it on a blanked area draws, and leaves
    // rows in place while it does.
    #[test]
    fn rows_left_in_place_are_the_rows_a_whole_render_draws() {
        use crate::cursor::CursorMove;
        use crate::wrap::WrapMode;
        const CHARS: [char; 8] = ['a', 'b', ' ', ' ', 'あ', '\t', 'é', '👍'];
        let screen = Rect::new(0, 0, 16, 8);
        let blank = {
            let mut blank = ratatui_core::buffer::Cell::EMPTY;
            blank.set_style(Style::default().bg(Color::Rgb(1, 2, 3)));
            blank
        };
        let mut cases = Cases(0x0dd_ba11_cafe_f00d);
        let mut left = 0;
        for case in 0..300 {
            let mut textarea = TextArea::default();
            textarea.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
            if case % 2 > 0 {
                textarea.set_cursor_line_style(Style::default().fg(Color::Red));
            }
            if case % 3 > 0 {
                textarea.set_wrap_mode([WrapMode::WordOrGlyph, WrapMode::Word][case % 2]);
            }
            let mut kept = Buffer::filled(screen, ratatui_core::buffer::Cell::new("x"));
            let mut drawn = DrawnRows::default();
            for step in 0..60 {
                match cases.next(12) {
                    0 => textarea.insert_newline(),
                    1 => {
                        textarea.delete_char();
                    }
                    2 => textarea.move_cursor(CursorMove::Up),
                    3 => textarea.move_cursor(CursorMove::Back),
                    4 => textarea.move_cursor(CursorMove::End),
                    5 => textarea.move_cursor(CursorMove::Top),
                    _ => textarea.insert_char(CHARS[cases.next(CHARS.len())]),
                }
                // Now and then the area moves or shrinks, or the buffer was drawn over.
                let area = match cases.next(40) {
                    0 | 1 => Rect::new(2, 1, 9, 5),
                    // No room, at the buffer's edge or beyond it.
                    2 => Rect::new(16, 1, 0, 6),
                    3 => Rect::new(1, 8, 12, 0),
                    4 => Rect::new(14, 6, 8, 4),
                    _ => Rect::new(1, 1, 12, 6),
                };
                let in_place = step > 0 && cases.next(20) > 0;
                if !in_place {
                    kept = Buffer::filled(screen, ratatui_core::buffer::Cell::new("y"));
                }
                let was = kept.clone();
                textarea.render_on(area, &mut kept, &blank, &mut drawn, in_place);
                let mut whole = kept.clone();
                let inside = area.intersection(screen);
                for y in inside.top()..inside.bottom() {
                    for x in inside.left()..inside.right() {
                        whole[(x, y)] = blank.clone();
                    }
                }
                // Drawn whole, with the scroll `render_on` left.
                (&textarea).render(area, &mut whole);
                assert_eq!(kept, whole, "case {case}, step {step}");
                for row in drawn.left() {
                    left += 1;
                    for x in row.left()..row.right() {
                        assert_eq!(
                            kept[(x, row.y)],
                            was[(x, row.y)],
                            "case {case}, step {step}"
                        );
                    }
                    assert!(
                        in_place,
                        "case {case}, step {step}: rows left in a new buffer"
                    );
                }
            }
        }
        assert!(left > 10_000, "{left} rows left in place");
    }

    #[test]
    fn a_row_draws_as_the_published_widget_drew_it() {
        // ASCII, controls (C0, DEL, C1, CR LF), a combining accent, wide chars, flags, emoji
        // with a modifier and with a joiner, zero-width chars and the halfwidth sound marks.
        const PIECES: [&str; 20] = [
            "a",
            "Z",
            " ",
            "-",
            "\t",
            "\r\n",
            "\r",
            "\x1b",
            "\u{7f}",
            "\u{85}",
            "é",
            "e\u{301}",
            "あ",
            "🇯🇵",
            "👍🏽",
            "👩\u{200d}💻",
            "\u{200b}",
            "ﾞ",
            "ｶﾟ",
            "–",
        ];
        let mut cases = Cases(0x5eed_1234_abcd_0001);
        for case in 0..20_000 {
            let spans: Vec<Span<'static>> = (0..1 + cases.next(4))
                .map(|_| {
                    let text: String = (0..cases.next(12))
                        .map(|_| PIECES[cases.next(PIECES.len())])
                        .collect();
                    Span::styled(text, cases.style())
                })
                .collect();
            let line = Line::from(spans).style(cases.style());
            let left = if cases.next(2) == 0 { 0 } else { cases.next(6) };
            let width = cases.next(15) as u16;
            let base = cases.style();
            let area = Rect::new(0, 0, 20, 3);
            let mut before = Buffer::filled(area, ratatui_core::buffer::Cell::new("x"));
            let mut after = before.clone();
            draw_row_as_paragraph(
                line.clone(),
                left,
                Rect::new(2, 1, width, 1),
                base,
                &mut before,
            );
            draw_row(line.clone(), left, (2, 1, width), base, &mut after);
            assert_eq!(
                after, before,
                "case {case}: {line:?}, left {left}, width {width}"
            );
        }
    }

    #[test]
    fn viewport_store_and_load() {
        let vp = Viewport::default();
        vp.store(3, 7, 80, 24);
        assert_eq!(vp.scroll_top(), (3, 7));
        let (row, col, width, height) = vp.rect();
        assert_eq!((row, col, width, height), (3, 7, 80, 24));
    }

    #[test]
    fn viewport_clone() {
        let vp = Viewport::default();
        vp.store(5, 2, 40, 10);
        let vp2 = vp.clone();
        assert_eq!(vp2.scroll_top(), (5, 2));
    }
}
