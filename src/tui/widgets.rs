//! What the panes share: frames, the selected and warning styles, inline
//! Markdown shown as styled text, and text cut to a width with every character
//! printable. Panes draw with these and never
//! borrow from one another.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Widget as _};

use crate::model::Item;

/// The colours of the screen: a theme from `crate::theme` (colourless under
/// `NO_COLOR`), with the few derived styles the panes share.
pub type Theme = crate::theme::Theme;

/// A frame drawn over what is there (a panel, the help): it lays the theme's
/// background on every cell of its area; the focused one is drawn thick.
pub fn block<'a>(theme: &Theme, focused: bool) -> Block<'a> {
    pane_block(theme, focused).style(theme.base)
}

/// A pane's frame, on an area that holds the theme's background already (each
/// pane is drawn on its area filled so, see `tui::draw`): not laid over every
/// cell again. The focused one is drawn thick.
pub fn pane_block<'a>(theme: &Theme, focused: bool) -> Block<'a> {
    let block = Block::default().borders(Borders::ALL);
    if focused {
        block
            .border_type(BorderType::Thick)
            .border_style(theme.focused_border)
    } else {
        block.border_style(theme.border)
    }
}

/// How a pane is drawn again: over what it drew last, in place at the same
/// area, when this holds where to add the areas it leaves as they are (each
/// area it does not leave it draws whole); on its area blanked when `None`.
pub type Over<'a> = Option<&'a mut Vec<Rect>>;

/// Draws a pane's frame (`block`, of [`pane_block`]: no style of its own, so
/// it leaves the cells inside as they are) on `area`, its own cells blanked on
/// the theme's background (`base`) first, whatever was drawn there before. The
/// area inside the frame, for the pane's rows. Panes draw theirs through a
/// [`FrameMemo`].
pub fn pane_frame(buf: &mut Buffer, area: Rect, block: Block<'_>, base: Style) -> Rect {
    let inner = block.inner(area);
    for part in around(area, inner) {
        fill(buf, part, base);
    }
    block.render(area, buf);
    inner
}

/// A pane's frames (borders and titles) as drawn lately, each with its cells:
/// drawing one of them again copies those cells. Rendering the block lays its
/// style over every cell of the pane and measures its titles, and a move from
/// pane to pane draws two frames again, focused and not, to look as they
/// looked a key before.
#[derive(Debug, Default)]
pub struct FrameMemo {
    /// The frames, the one drawn last at the end.
    drawn: Vec<DrawnFrame>,
}

/// A frame as drawn: where, from what, on what background, and its cells.
#[derive(Debug)]
struct DrawnFrame {
    area: Rect,
    base: Style,
    block: Block<'static>,
    /// The cells [`around`] the area inside the frame, part by part, row by row.
    cells: Vec<Cell>,
}

/// How many of a pane's frames are kept: focused and not, each before and
/// after its title changed (a count in it, say).
const FRAMES_KEPT: usize = 4;

impl FrameMemo {
    /// Draws `block` as [`pane_frame`] does (whether drawn [`Over`] or not:
    /// every cell of the frame is written); the area inside the frame.
    pub fn draw(
        &mut self,
        buf: &mut Buffer,
        area: Rect,
        block: Block<'static>,
        base: Style,
    ) -> Rect {
        let inner = block.inner(area);
        // A frame partly off the screen is cut by it: drawn as it is.
        if buf.area.union(area) != buf.area || area.is_empty() {
            return pane_frame(buf, area, block, base);
        }
        let found = self
            .drawn
            .iter()
            .position(|d| d.area == area && d.base == base && d.block == block);
        let drawn = match found {
            Some(at) => self.drawn.remove(at),
            None => {
                // Drawn once on a blank of its own size, as on the pane's
                // blanked area, and its cells taken.
                let mut blank = Buffer::empty(area);
                fill(&mut blank, area, base);
                (&block).render(area, &mut blank);
                let cells = around(area, inner)
                    .flat_map(|part| {
                        let blank = &blank;
                        (part.top()..part.bottom()).flat_map(move |y| {
                            let at = blank.index_of(part.x, y);
                            blank.content[at..at + usize::from(part.width)]
                                .iter()
                                .cloned()
                        })
                    })
                    .collect();
                if self.drawn.len() == FRAMES_KEPT {
                    self.drawn.remove(0);
                }
                DrawnFrame {
                    area,
                    base,
                    block,
                    cells,
                }
            }
        };
        let mut from = 0;
        for part in around(area, inner) {
            let width = usize::from(part.width);
            for y in part.top()..part.bottom() {
                let at = buf.index_of(part.x, y);
                buf.content[at..at + width].clone_from_slice(&drawn.cells[from..from + width]);
                from += width;
            }
        }
        self.drawn.push(drawn);
        inner
    }
}

/// A row of a pane that looks as it did: left as it is when the pane is drawn
/// [`Over`] its last frame (and added to the areas left), else copied from
/// `cells`, the row as drawn then.
pub fn keep_row(buf: &mut Buffer, over: &mut Over<'_>, row: Rect, cells: &[Cell]) {
    match over {
        Some(left) => left.push(row),
        None => {
            let at = buf.index_of(row.x, row.y);
            buf.content[at..at + cells.len()].clone_from_slice(cells);
        }
    }
}

/// Blanks the rows of `inner` under its first `rows`.
pub fn blank_below(buf: &mut Buffer, inner: Rect, rows: usize, base: Style) {
    let top = inner
        .y
        .saturating_add(u16::try_from(rows).unwrap_or(u16::MAX))
        .min(inner.bottom());
    fill(
        buf,
        Rect::new(inner.x, top, inner.width, inner.bottom() - top),
        base,
    );
}

/// The parts of `outer` around `inner` (which lies within it): the rows above
/// and below it, and the columns beside it; none that is empty.
pub fn around(outer: Rect, inner: Rect) -> impl Iterator<Item = Rect> {
    let inner = inner.intersection(outer);
    [
        Rect::new(
            outer.x,
            outer.y,
            outer.width,
            inner.y.saturating_sub(outer.y),
        ),
        Rect::new(
            outer.x,
            inner.bottom(),
            outer.width,
            outer.bottom().saturating_sub(inner.bottom()),
        ),
        Rect::new(
            outer.x,
            inner.y,
            inner.x.saturating_sub(outer.x),
            inner.height,
        ),
        Rect::new(
            inner.right(),
            inner.y,
            outer.right().saturating_sub(inner.right()),
            inner.height,
        ),
    ]
    .into_iter()
    .filter(|r| !r.is_empty())
}

/// Blanks `area` (what of it is on `buf`) on `style`, whatever was drawn there.
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    let width = usize::from(area.width);
    if width == 0 {
        return;
    }
    // One blank cell, styled once and copied to every cell of each row.
    let mut blank = Cell::EMPTY;
    blank.set_style(style);
    for y in area.top()..area.bottom() {
        let at = buf.index_of(area.x, y);
        buf.content[at..at + width].fill(blank.clone());
    }
}

/// The selected row: the theme's selection in the focused pane, underlined elsewhere.
pub fn selected(theme: &Theme, focused: bool) -> Style {
    if focused {
        theme.selected
    } else {
        theme.text.add_modifier(Modifier::UNDERLINED)
    }
}

/// Text that needs attention soon (late, near the end): the gauge's warning colour.
pub fn warn(theme: &Theme) -> Style {
    Style {
        bg: None,
        ..theme.gauge_warn
    }
}

/// Text that is wrong now (over time, absent, not saved): the gauge's overtime colour.
pub fn alarm(theme: &Theme) -> Style {
    Style {
        bg: None,
        ..theme.gauge_over
    }
}

/// The title as shown: owners first, as in the minutes (`@sjn – title`), its
/// inline Markdown as plain text.
pub fn shown_title(item: &Item) -> String {
    spans_text(&title_spans(item, Style::default()))
}

/// The title as shown, styled: owners first (`@sjn – title`), emphasis as
/// style, links as their text (see [`inline_spans`]).
pub fn title_spans(item: &Item, style: Style) -> Vec<Span<'static>> {
    let title = inline_spans(&item.title, style);
    if item.owners.is_empty() {
        return title;
    }
    let owners: Vec<String> = item
        .owners
        .iter()
        .map(|o| format!("@{}", printable(o)))
        .collect();
    let mut spans = vec![Span::styled(owners.join(", "), style)];
    // An item that is only its owner (`- @robrwo`) has no title to separate.
    if !title.is_empty() {
        spans.push(Span::styled(" – ", style));
        spans.extend(title);
    }
    spans
}

/// The text of `spans`, without styles.
pub fn spans_text(spans: &[Span<'_>]) -> String {
    spans.iter().map(|s| s.content.as_ref()).collect()
}

/// Inline Markdown (a title, one line of notes) as the reader sees it: emphasis
/// as italic, strong as bold, code and link text as text, escapes resolved,
/// images as their description; line breaks are spaces and control
/// characters are not drawn. The text is read by pulldown-cmark as the
/// paragraph it is in the document, never as a heading or list of its own
/// (`1. Intro` is a title that starts with a number).
pub fn inline_spans(text: &str, base: Style) -> Vec<Span<'static>> {
    match plain_inline(text) {
        Some(plain) if plain.is_empty() => Vec::new(),
        Some(plain) => vec![Span::styled(plain, base)],
        None => parsed_spans(text, base),
    }
}

/// The chars that can begin or end inline Markdown (emphasis, code, links and
/// images, autolinks and HTML, entities and escapes, strikethrough, math).
const INLINE_MARKUP: &[char] = &['\\', '`', '*', '_', '[', ']', '!', '<', '>', '&', '~', '$'];

/// What [`parsed_spans`] reads `text` as, found without the parser, when no char
/// of it is inline markup: its text as one span (`None` when some char is). Most
/// titles and note lines are such, and the screen reads many of them.
fn plain_inline(text: &str) -> Option<String> {
    if text.contains(INLINE_MARKUP) {
        return None;
    }
    // As a paragraph reads it: line breaks and tabs are spaces, the spaces at
    // its end are dropped, and so are no-break spaces at its start (see
    // `parsed_spans`); control characters are not drawn.
    let spaced: std::borrow::Cow<'_, str> = if text.contains(['\n', '\r', '\t']) {
        one_line(text).collect::<String>().into()
    } else {
        text.into()
    };
    let read = spaced.trim_end_matches(' ').trim_start_matches('\u{a0}');
    let shown = crate::text::printable_line(read);
    Some(if shown.trim().is_empty() {
        String::new()
    } else {
        shown.into_owned()
    })
}

/// [`inline_spans`], read by pulldown-cmark.
fn parsed_spans(text: &str, base: Style) -> Vec<Span<'static>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    // A no-break space first keeps the text a paragraph (block markers only
    // count after plain spaces) without changing how emphasis is read (it is
    // white space to the flanking rules); it is dropped from the first text.
    let mut source = String::from('\u{a0}');
    source.extend(one_line(text));
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut stack: Vec<Style> = vec![base];
    let push = |spans: &mut Vec<Span<'static>>, text: &str, style: Style| {
        let text = crate::text::printable_line(text).into_owned();
        if text.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&text),
            _ => spans.push(Span::styled(text, style)),
        }
    };
    for event in Parser::new_ext(&source, Options::ENABLE_STRIKETHROUGH) {
        let style = *stack.last().unwrap_or(&base);
        match event {
            Event::Start(tag) => {
                let add = match tag {
                    Tag::Emphasis => Modifier::ITALIC,
                    Tag::Strong => Modifier::BOLD,
                    Tag::Strikethrough => Modifier::CROSSED_OUT,
                    Tag::Link { .. } => Modifier::UNDERLINED,
                    _ => Modifier::empty(),
                };
                stack.push(style.add_modifier(add));
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::End(_) => {
                if stack.len() > 1 {
                    stack.pop();
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                push(&mut spans, &t, style)
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                // `<br>` is a line break; other tags are shown as written.
                let tag = t.trim().to_ascii_lowercase();
                if tag.starts_with("<br") {
                    push(&mut spans, " ", style);
                } else {
                    push(&mut spans, &t, style);
                }
            }
            Event::SoftBreak | Event::HardBreak => push(&mut spans, " ", style),
            Event::FootnoteReference(name) => push(&mut spans, &format!("[^{name}]"), style),
            Event::TaskListMarker(done) => {
                push(&mut spans, if done { "[x] " } else { "[ ] " }, style)
            }
            Event::Rule => {}
        }
    }
    if let Some(first) = spans.first_mut() {
        let trimmed = first.content.trim_start_matches('\u{a0}').to_string();
        first.content = trimmed.into();
    }
    spans.retain(|s| !s.content.is_empty());
    // A title of spaces only (or none) reads as nothing.
    if spans.iter().all(|s| s.content.trim().is_empty()) {
        spans.clear();
    }
    spans
}

/// `spans` cut to `width` columns, ending with `…` when cut.
pub fn fit_spans(spans: Vec<Span<'static>>, width_: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| width(&s.content)).sum();
    if total <= width_ {
        return spans;
    }
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = width(&span.content);
        if used + w < width_ {
            used += w;
            out.push(span);
            continue;
        }
        // The last piece, cut with room for the `…`.
        let cut = fit(&span.content, width_ - used);
        out.push(Span::styled(cut, span.style));
        return out;
    }
    out
}

/// The first row shown so that row `selected` of `len` is in a window of `height`
/// rows, with up to three rows of context below it.
pub fn window_start(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let context = 3.min(height.saturating_sub(1) / 2);
    (selected + context + 1)
        .saturating_sub(height)
        .min(len - height)
}

/// Cuts `text` to `width` columns, ending with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The end of `text` in `width` columns, starting with `…` when cut: for text
/// being typed, whose end (where the cursor is) matters most.
pub fn fit_end(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 1; // the `…`
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        tail.push(c);
        used += w;
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// Display width of `text` in columns.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// User text made safe for one line of the screen: line breaks and tabs are
/// spaces; other control characters (which could carry terminal escape
/// sequences) and bidi overrides and isolates (which reorder what is shown) are
/// shown as `�` (see [`crate::text`]).
pub fn printable(text: &str) -> String {
    let spaced: String = one_line(text).collect();
    crate::text::printable_line(&spaced).into_owned()
}

/// The chars of `text` with line breaks and tabs as spaces, for one line.
fn one_line(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().map(|c| match c {
        '\n' | '\r' | '\t' => ' ',
        c => c,
    })
}

/// The most characters of one title the screen can show (half a wide notes
/// pane, wrapped): a longer title is cut here before any work is done on it, so
/// a title of a megabyte costs a frame no more than one of a few lines.
pub const SHOWN_TITLE_CHARS: usize = 8 * 1024;

/// The start of `text` that the screen can show (see [`SHOWN_TITLE_CHARS`]).
fn shown_part(text: &str) -> &str {
    match text.char_indices().nth(SHOWN_TITLE_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// An agenda title for the screen as plain text: its inline Markdown read (links
/// show as their text; the target is noise on a small screen), control
/// characters made harmless.
pub fn plain_title(title: &str) -> String {
    spans_text(&inline_spans(shown_part(title), Style::default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Text without inline markup is read without the parser as the parser
        /// reads it: spaces, tabs and line breaks at either end or in runs,
        /// no-break and zero-width spaces, wide letters, control and bidi
        /// characters, and the chars that only mean something at a line's start.
        #[test]
        fn text_without_markup_reads_as_the_parser_reads_it(
            chars in prop::collection::vec(prop::sample::select(vec![
                'a', 'Z', '1', ' ', ' ', ' ', '\t', '\n', '\r', '\u{a0}', '\u{200b}', 'é',
                '會', '👍', '\u{1}', '\u{1b}', '\u{202e}', '#', '-', '+', '.', ')', '(', '=',
                ':', '|', '"', '\'', '{', '}', '/', '@', '%', '^', ',', ';', '?', '*',
            ]), 0..24)
        ) {
            let text: String = chars.into_iter().collect();
            let base = Style::default().fg(ratatui::style::Color::Red);
            let parsed = parsed_spans(&text, base);
            prop_assert_eq!(inline_spans(&text, base), parsed.clone());
            prop_assert_eq!(plain_inline(&text).is_some(), !text.contains('*'));
        }
    }

    /// A frame drawn from the memo is the frame its block draws, cell for
    /// cell, whether the memo had it or not: focused and not, titles at the
    /// top and bottom (wide letters, too long for the frame), areas down to a
    /// cell, blocks taking turns at one area, more of them than are kept.
    #[test]
    fn a_frame_drawn_from_the_memo_is_the_frame_its_block_draws() {
        use ratatui::style::Color;
        use ratatui::text::Line;
        let theme = Theme::dark();
        let blocks = |focused: bool| -> Vec<Block<'static>> {
            vec![
                pane_block(&theme, focused),
                pane_block(&theme, focused).title(" Agenda "),
                pane_block(&theme, focused)
                    .title(format!(" {} ", "會議 notes ".repeat(9)))
                    .title_top(Line::raw(" 3/10 done ").right_aligned()),
                pane_block(&theme, focused)
                    .title(" Notes · a › b ")
                    .title_bottom(Line::raw(" editing ").right_aligned()),
            ]
        };
        let screen = Rect::new(0, 0, 40, 12);
        let areas = [
            Rect::new(0, 0, 40, 12),
            Rect::new(3, 2, 20, 6),
            Rect::new(5, 5, 2, 2),
            Rect::new(39, 11, 1, 1),
            Rect::new(1, 1, 30, 1),
            Rect::new(1, 1, 1, 9),
        ];
        let bases = [theme.base, Style::default().bg(Color::Blue)];
        let mut memo = FrameMemo::default();
        for round in 0..2 {
            for area in areas {
                for block in blocks(true).into_iter().chain(blocks(false)) {
                    for base in bases {
                        // What is inside the frame is left as it is.
                        let mut inside = Buffer::empty(screen);
                        fill(&mut inside, screen, Style::default().fg(Color::Red));
                        let mut meant = inside.clone();
                        fill(&mut meant, area, base);
                        let meant_inner = pane_frame(&mut meant, area, block.clone(), base);
                        let mut drawn = inside;
                        fill(&mut drawn, area, base);
                        for y in area.top()..area.bottom() {
                            for x in area.left()..area.right() {
                                drawn[(x, y)].set_symbol("?");
                            }
                        }
                        let inner = block.inner(area);
                        for y in inner.top()..inner.bottom() {
                            for x in inner.left()..inner.right() {
                                drawn[(x, y)].set_symbol(" ");
                            }
                        }
                        assert_eq!(
                            memo.draw(&mut drawn, area, block.clone(), base),
                            meant_inner
                        );
                        assert_eq!(drawn, meant, "round {round}, {area:?}, {block:?}");
                    }
                }
            }
        }
        assert_eq!(memo.drawn.len(), FRAMES_KEPT);
    }

    #[test]
    fn links_show_as_their_text() {
        assert_eq!(
            plain_title("[Open Source Summit Europe](https://e.org/x), Vienna"),
            "Open Source Summit Europe, Vienna"
        );
        assert_eq!(plain_title("a [b] c (d) [e](f)"), "a [b] c (d) e");
        assert_eq!(plain_title("unclosed [x](y"), "unclosed [x](y");
        assert_eq!(plain_title("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(plain_title("a\u{202e}b\u{2066}c"), "a\u{FFFD}b\u{FFFD}c");
        // A megabyte of title is cut to what a screen can show.
        let long = "x".repeat(1 << 20);
        assert_eq!(plain_title(&long).chars().count(), SHOWN_TITLE_CHARS);
    }

    fn styled(text: &str) -> Vec<(String, Modifier)> {
        inline_spans(text, Style::default())
            .into_iter()
            .map(|s| (s.content.into_owned(), s.style.add_modifier))
            .collect()
    }

    #[test]
    fn inline_markdown_shows_as_styled_text() {
        assert_eq!(
            styled("**Recording**: on"),
            [
                ("Recording".to_string(), Modifier::BOLD),
                (": on".to_string(), Modifier::empty())
            ]
        );
        assert_eq!(plain_title(r"\[vis.gl\] and *this*"), "[vis.gl] and this");
        assert_eq!(styled("*a*")[0].1, Modifier::ITALIC);
        assert_eq!(
            plain_title("`code` ~~old~~ ![logo](x.png)"),
            "code old logo"
        );
        // A title that looks like a block is still its own text.
        assert_eq!(plain_title("1. Intro"), "1. Intro");
        assert_eq!(plain_title("# not a heading"), "# not a heading");
        assert_eq!(plain_title("- dash"), "- dash");
        assert_eq!(plain_title("> quote"), "> quote");
        assert_eq!(plain_title("_under_ score"), "under score");
        // A soft line break is a space; control characters are never drawn
        // as they are: they show as `�`.
        assert_eq!(plain_title("Attendees\n* "), "Attendees *");
        assert_eq!(plain_title("a\r\nb\u{1b}[31m"), "a  b\u{FFFD}[31m");
        assert_eq!(plain_title("\u{0}"), "\u{FFFD}");
        for text in ["", "   "] {
            assert!(inline_spans(text, Style::default()).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn styled_text_is_cut_by_width() {
        let spans = inline_spans("**bold** and more", Style::default());
        let cut = fit_spans(spans, 8);
        assert_eq!(spans_text(&cut), "bold an…");
        assert_eq!(cut[0].style.add_modifier, Modifier::BOLD);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_by_width() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("日本語", 4), "日…");
    }

    #[test]
    fn fit_end_keeps_the_end() {
        assert_eq!(fit_end("abcdef", 4), "…def");
        assert_eq!(fit_end("abc", 4), "abc");
        assert_eq!(fit_end("日本語", 4), "…語");
        assert_eq!(fit_end("abc", 1), "…");
        assert_eq!(fit_end("abc", 0), "");
    }
}
