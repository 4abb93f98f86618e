//! The notes of the selected agenda item: the editor while typing, the notes
//! as lines otherwise. The title says which item they belong to.

use ratatui::Frame;
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::DrawnRows;

use crate::app::notes::notes_to_lines;
use crate::app::{App, Pane};
use crate::model::Meeting;
use crate::tui::view::View;
use crate::tui::widgets::shown_title;
use crate::tui::widgets::{
    FrameMemo, fit, inline_spans, pane_block, plain_title, printable, width,
};

/// "Section › Item › Sub-item" for the item at `path`, in at most `room` columns:
/// the item's own title matters most, so leading parts give way first (`… › Item`).
/// The item itself is named as the agenda names it, owners first, so an item that
/// is only its owner (`- @robrwo`) is named by the owner.
pub fn breadcrumb(m: &Meeting, path: &[usize], room: usize) -> String {
    let parts: Vec<String> = (1..=path.len())
        .filter_map(|n| {
            let item = m.item(&path[..n])?;
            Some(if n == path.len() {
                shown_title(item)
            } else {
                plain_title(&item.title)
            })
        })
        .collect();
    for skip in 0..parts.len() {
        let mut text = parts[skip..].join(" › ");
        if skip > 0 {
            text = format!("… › {text}");
        }
        if width(&text) <= room {
            return text;
        }
    }
    fit(parts.last().map_or("", String::as_str), room)
}

/// Draws the pane's frame, title, and the item's title when the frame's is too
/// short for it; the area left for the notes. Typing changes none of it.
/// `frames` holds the pane's frames as drawn lately.
pub fn draw_frame(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &View,
    frames: &mut FrameMemo,
) -> Rect {
    let theme = &view.theme;
    let focused = app.focus == Pane::Notes;
    let path = app.editor.as_ref().map_or(&app.agenda_cursor, |e| &e.path);
    // The top of the frame reads the same while editing: the notes do not
    // move when the editor opens (a title that fits stays in the frame), and
    // "editing" is said at the bottom.
    let room = usize::from(area.width.saturating_sub(12));
    let crumb = breadcrumb(&app.meeting, path, room);
    let mut block = pane_block(theme, focused).title(format!(" Notes · {crumb} "));
    if focused {
        block = block.title_bottom(Line::raw(" editing ").right_aligned());
    }
    let mut inner = frames.draw(frame.buffer_mut(), area, block, theme.base);

    // A title too long for the frame is written whole, wrapped, above the notes
    // (at most half the pane), so the item being minuted can always be read.
    if let Some(name) = app.meeting.item(path).map(shown_title)
        && !crumb.ends_with(name.as_str())
    {
        let wrapped = hanging_wrap(&name, usize::from(inner.width));
        let rows = wrapped.len().min(usize::from(inner.height / 2));
        let mut lines: Vec<Line<'_>> = wrapped[..rows]
            .iter()
            .map(|l| Line::styled(l.clone(), theme.text.add_modifier(Modifier::BOLD)))
            .collect();
        if rows < wrapped.len()
            && let Some(last) = lines.last_mut()
        {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            *last = Line::styled(
                fit(&format!("{text} …"), usize::from(inner.width)),
                theme.text.add_modifier(Modifier::BOLD),
            );
        }
        // A faint rule parts the title from the notes.
        if rows > 0 {
            lines.push(Line::styled(
                "╌".repeat(usize::from(inner.width)),
                theme.dim,
            ));
        }
        let rows = u16::try_from(lines.len()).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                height: rows,
                ..inner
            },
        );
        inner.y += rows;
        inner.height -= rows;
    }
    inner
}

/// Draws the notes, or the editor, into `inner` (see [`draw_frame`]); where the
/// terminal's cursor goes while the editor is open.
pub fn draw_body(frame: &mut Frame<'_>, inner: Rect, app: &App, view: &View) -> Option<Position> {
    let theme = &view.theme;
    if let Some(editor) = &app.editor {
        // Drawn in place (not a copy) so the editor's scroll position is kept.
        frame.render_widget(&editor.textarea, inner);
        return editor_cursor(frame, inner, &editor.textarea);
    }
    let item = app.selected_item()?;
    let lines = notes_to_lines(&item.notes);
    // The view shows the notes from the top: the rows below the pane are not
    // made (an item of a long meeting may have hundreds of notes).
    let rows = usize::from(inner.height);
    let text: Vec<Line<'_>> = if lines.is_empty() {
        let mut hint = vec![Line::styled("No notes yet: Enter to write.", theme.dim)];
        if !item.items.is_empty() {
            hint.push(Line::raw(""));
            for sub in item.items.iter().take(rows) {
                hint.push(Line::styled(format!("  {}", shown_title(sub)), theme.dim));
            }
        }
        hint
    } else {
        let room = usize::from(inner.width);
        let mut blocks = Vec::new();
        block_flags(&item.notes, &mut blocks);
        let mut text = Vec::with_capacity(rows);
        for (line, block) in lines.iter().zip(blocks) {
            if text.len() >= rows {
                break;
            }
            text.extend(styled_note(line, block, room));
        }
        text
    };
    frame.render_widget(Paragraph::new(text), inner);
    None
}

/// Draws the open editor into `inner`, on cells blanked in the theme's base
/// style, as [`draw_body`] does on an area blanked first; with `in_place` (the
/// buffer holds the last frame drawn this way), only the rows that changed
/// since `rows` was drawn are drawn, and `rows` says which were left. Where
/// the terminal's cursor goes; `None` when no editor is open.
pub fn draw_editor(
    frame: &mut Frame<'_>,
    inner: Rect,
    app: &App,
    view: &View,
    (rows, in_place): (&mut DrawnRows, bool),
) -> Option<Position> {
    let editor = app.editor.as_ref()?;
    let mut blank = Cell::EMPTY;
    blank.set_style(view.theme.base);
    editor
        .textarea
        .render_on(inner, frame.buffer_mut(), &blank, rows, in_place);
    editor_cursor(frame, inner, &editor.textarea)
}

/// Where the editor drawn in `inner` has its cursor, on screen; the cell the
/// editor marked as its cursor is given back its own look.
fn editor_cursor(
    frame: &mut Frame<'_>,
    inner: Rect,
    textarea: &ratatui_textarea::TextArea<'_>,
) -> Option<Position> {
    let at = textarea.screen_cursor();
    let (top_row, top_col) = textarea.scroll_offset();
    let x = u16::try_from(at.col)
        .ok()?
        .checked_sub(top_col)?
        .checked_add(inner.x)?;
    let y = u16::try_from(at.row)
        .ok()?
        .checked_sub(top_row)?
        .checked_add(inner.y)?;
    let position = Position { x, y };
    if !inner.contains(position) {
        return None;
    }
    if let Some(cell) = frame.buffer_mut().cell_mut(position) {
        cell.modifier.remove(Modifier::REVERSED);
    }
    Some(position)
}

/// Whether each note (in the order of [`notes_to_lines`]) is a Markdown block
/// (a paragraph, code, a table) rather than a list entry's text.
fn block_flags(notes: &[crate::model::Note], out: &mut Vec<bool>) {
    for note in notes {
        out.push(note.block);
        block_flags(&note.notes, out);
    }
}

/// One note line as the reader sees it, wrapped to `room` columns: its text's
/// inline Markdown as styled text (see [`inline_spans`]); a block (code, a
/// table) as written.
pub fn styled_note(line: &str, block: bool, room: usize) -> Vec<Line<'static>> {
    let prefix_len = match crate::app::notes::parse_line(line) {
        Some(parsed) if !block => line.len() - parsed.text.len(),
        _ => line.len(),
    };
    let (prefix, text) = line.split_at(prefix_len);
    // Each character of the line as shown, with its style.
    let mut chars: Vec<(char, Style)> = printable(prefix)
        .chars()
        .map(|c| (c, Style::default()))
        .collect();
    for span in inline_spans(text, Style::default()) {
        chars.extend(span.content.chars().map(|c| (c, span.style)));
    }
    let plain: String = chars.iter().map(|(c, _)| c).collect();
    // The wrapped rows are pieces of the plain text, cut at spaces: each takes
    // its characters' styles back.
    let mut at = 0;
    let mut rows = Vec::new();
    for (k, piece) in hanging_wrap(&plain, room).into_iter().enumerate() {
        let body = if k == 0 {
            piece.as_str()
        } else {
            piece.trim_start()
        };
        if k > 0 {
            while chars.get(at).is_some_and(|(c, _)| *c == ' ') {
                at += 1;
            }
        }
        let mut spans = vec![Span::raw(piece[..piece.len() - body.len()].to_string())];
        for c in body.chars() {
            let style = match chars.get(at) {
                Some((d, style)) if *d == c => {
                    at += 1;
                    *style
                }
                _ => Style::default(),
            };
            match spans.last_mut() {
                Some(last) if last.style == style => last.content.to_mut().push(c),
                _ => spans.push(Span::styled(c.to_string(), style)),
            }
        }
        rows.push(Line::from(spans));
    }
    rows
}

/// Wraps one note line to `room` columns at spaces, continuing under the text
/// (after the indentation, dash and checkbox) so the nesting stays readable.
pub fn hanging_wrap(line: &str, room: usize) -> Vec<String> {
    if width(line) <= room || room == 0 {
        return vec![line.to_string()];
    }
    let body = line.trim_start_matches(' ');
    let mut marker = line.len() - body.len();
    for prefix in ["- [ ] ", "- [x] ", "- [X] ", "- "] {
        if body.starts_with(prefix) {
            marker += prefix.len();
            break;
        }
    }
    // Too narrow to hang: plain wrapping.
    let hang = if marker * 2 <= room { marker } else { 0 };
    let (head, text) = line.split_at(marker.min(line.len()));
    let mut out = Vec::new();
    let mut current = head.to_string();
    let mut current_width = width(head);
    for word in text.split_inclusive(' ') {
        let w = width(word);
        if current_width + w.min(width(word.trim_end())) > room && current_width > hang {
            out.push(current.trim_end().to_string());
            current = " ".repeat(hang);
            current_width = hang;
        }
        // A word longer than a whole line is cut where the line ends. Its width
        // is measured once and counted down, so a word of a megabyte is cut in
        // time linear in its length.
        let mut rest = word;
        let mut rest_width = width(rest.trim_end());
        while current_width + rest_width > room && !rest.is_empty() {
            let take = fit_prefix(rest, room.saturating_sub(current_width).max(1));
            current.push_str(&rest[..take]);
            out.push(current.trim_end().to_string());
            rest_width = rest_width.saturating_sub(width(&rest[..take]));
            rest = &rest[take..];
            current = " ".repeat(hang);
            current_width = hang;
        }
        current.push_str(rest);
        current_width += width(rest);
    }
    if !current.trim().is_empty() {
        out.push(current.trim_end().to_string());
    }
    out
}

/// The byte length of the longest start of `text` at most `columns` wide (at least
/// one character).
fn fit_prefix(text: &str, columns: usize) -> usize {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > columns && i > 0 {
            return i;
        }
        used += w;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::{breadcrumb, hanging_wrap, styled_note};
    use crate::model::{Item, Meeting};
    use ratatui::text::Line;

    #[test]
    fn the_breadcrumb_names_an_item_by_its_owner_when_it_has_no_title() {
        let mut m = Meeting::new("t", chrono::Utc::now());
        let mut section = Item::new("Minutes");
        let mut owner_only = Item::new("");
        owner_only.owners = vec!["robrwo".into()];
        let mut titled = Item::new("CNA progress");
        titled.owners = vec!["timlegge".into()];
        section.items = vec![owner_only, titled].into();
        m.agenda = vec![section].into();
        assert_eq!(breadcrumb(&m, &[0, 0], 60), "Minutes › @robrwo");
        assert_eq!(
            breadcrumb(&m, &[0, 1], 60),
            "Minutes › @timlegge – CNA progress"
        );
        assert_eq!(breadcrumb(&m, &[0, 1], 28), "… › @timlegge – CNA progress");
        assert_eq!(breadcrumb(&m, &[0], 60), "Minutes");
    }

    /// A live meeting of one section with one item, `notes` under it, selected.
    fn one_item_with_notes(notes: Vec<crate::model::Note>) -> crate::app::App {
        let mut item = Item::new("Long");
        item.notes = notes.into();
        let mut section = Item::new("Section");
        section.items = vec![item].into();
        let mut m = Meeting::new("t", chrono::Utc::now());
        m.agenda = vec![section].into();
        let mut app = crate::workload::live_app(m);
        let now = app.now;
        crate::app::update(&mut app, crate::app::Action::Down, now);
        app
    }

    #[test]
    fn the_view_of_more_notes_than_rows_shows_their_first_rows_as_the_whole_list_would() {
        use crate::model::Note;
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        use ratatui::layout::Rect;
        use ratatui::widgets::Paragraph;
        let app = one_item_with_notes(
            (0..80)
                .map(|n| {
                    let mut note =
                        Note::new(format!("note {n} **bold** {}", "word ".repeat(n % 9)));
                    note.notes = [Note::new("under it")].into();
                    note
                })
                .collect(),
        );
        let view = crate::workload::live_view();
        let area = Rect::new(0, 0, 30, 12);
        let mut pane = Terminal::new(TestBackend::new(30, 12)).unwrap();
        pane.draw(|frame| {
            super::draw_body(frame, area, &app, &view);
        })
        .unwrap();
        // Every note's rows, all of them, clipped by the same area.
        let notes = &app.selected_item().unwrap().notes;
        let mut blocks = Vec::new();
        super::block_flags(notes, &mut blocks);
        let all: Vec<Line<'_>> = crate::app::notes::notes_to_lines(notes)
            .iter()
            .zip(blocks)
            .flat_map(|(line, block)| styled_note(line, block, 30))
            .collect();
        assert!(all.len() > 100, "{} rows", all.len());
        let mut whole = Terminal::new(TestBackend::new(30, 12)).unwrap();
        whole
            .draw(|frame| frame.render_widget(Paragraph::new(all), area))
            .unwrap();
        assert_eq!(pane.backend().buffer(), whole.backend().buffer());
    }

    // Typing on at the bottom of notes taller than the pane, the view moves by
    // half the pane when the line typed leaves it (so that the rows below it take
    // the next rows typed), not by one row on every row typed.
    #[test]
    fn typing_on_below_the_pane_moves_the_view_by_half_the_pane() {
        use crate::app::{Action, Key};
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        use ratatui::layout::Rect;
        let mut app = one_item_with_notes(
            (0..40)
                .map(|n| crate::model::Note::new(format!("note {n}")))
                .collect(),
        );
        let now = app.now;
        crate::app::update(&mut app, Action::EditNotes, now);
        let view = crate::workload::live_view();
        let area = Rect::new(0, 0, 20, 10);
        let mut pane = Terminal::new(TestBackend::new(20, 10)).unwrap();
        let (mut rows, mut moves) = (Vec::new(), 0);
        for i in 0..300 {
            let c = char::from(b'a' + (i % 26) as u8);
            crate::app::update(&mut app, Action::Type(Key::char(c)), now);
            let mut cursor = None;
            pane.draw(|frame| cursor = super::draw_body(frame, area, &app, &view))
                .unwrap();
            let top = app.editor.as_ref().unwrap().textarea.scroll_offset().0;
            // (After the last column of a full row the cursor is past the pane's
            // edge, and not shown.)
            let Some(cursor) = cursor else { continue };
            if rows.last().is_some_and(|&(last, _)| last != top) {
                // The view moved: the row typed on is half the pane above its bottom.
                assert_eq!(cursor.y, 10 - 1 - 5, "key {i}");
                moves += 1;
            }
            rows.push((top, cursor.y));
        }
        // The line typed is the text's row 40 and on: the view shows rows 36 to
        // 45 first (the line on the pane's 5th row, not its last), and moves when
        // the typing reaches rows 46 and 52 (the 300 chars end on row 55).
        assert_eq!(rows[0], (36, 4));
        assert_eq!(moves, 2, "{rows:?}");
    }

    #[test]
    fn notes_show_their_inline_markdown_as_styled_text_when_wrapped() {
        use ratatui::style::Modifier;
        let text = |rows: &[Line<'_>]| -> Vec<String> {
            rows.iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect()
        };
        let rows = styled_note(
            "  - [ ] **Recording**: see \\[vis.gl\\] [site](https://x.org)",
            false,
            22,
        );
        assert_eq!(
            text(&rows),
            ["  - [ ] Recording: see", "        [vis.gl] site"]
        );
        let bold = &rows[0]
            .spans
            .iter()
            .find(|s| s.content == "Recording")
            .unwrap();
        assert!(bold.style.add_modifier.contains(Modifier::BOLD));
        assert!(rows[1].spans.iter().any(|s| s.content == "site"
            && s.style.add_modifier.contains(Modifier::UNDERLINED)));
        // A block (a table row, code) is shown as written.
        let rows = styled_note("- | **a** | b |", true, 40);
        assert_eq!(text(&rows), ["- | **a** | b |"]);
    }

    #[test]
    fn wrapped_notes_hang_under_their_text() {
        assert_eq!(
            hanging_wrap("  - [ ] one two three four", 16),
            ["  - [ ] one two", "        three", "        four"]
        );
        assert_eq!(hanging_wrap("- short", 16), ["- short"]);
        assert_eq!(
            hanging_wrap("- abcdefghijklmnop", 10),
            ["- abcdefgh", "  ijklmnop"]
        );
        // Every piece fits.
        for room in 1..30 {
            for piece in hanging_wrap("    - a sentence with some words, wrapped", room) {
                assert!(
                    unicode_width::UnicodeWidthStr::width(piece.as_str()) <= room.max(5),
                    "{room}: {piece:?}"
                );
            }
        }
    }
}
