//! The notes of the selected agenda item: the editor while typing, the notes
//! as lines otherwise. The title says which item they belong to.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::notes::notes_to_lines;
use crate::app::{App, Pane};
use crate::model::Meeting;
use crate::tui::view::View;
use crate::tui::widgets::shown_title;
use crate::tui::widgets::{block, fit, plain_title, printable, width};

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

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &View) {
    let theme = &view.theme;
    let focused = app.focus == Pane::Notes;
    let path = app.editor.as_ref().map_or(&app.agenda_cursor, |e| &e.path);
    let room = usize::from(area.width.saturating_sub(12));
    let crumb = if focused {
        breadcrumb(&app.meeting, path, room.saturating_sub(10))
    } else {
        breadcrumb(&app.meeting, path, room)
    };
    let title = if focused {
        format!(" Notes · {crumb} · editing ")
    } else {
        format!(" Notes · {crumb} ")
    };
    let block = block(theme, focused).title(title);
    let mut inner = block.inner(area);
    frame.render_widget(block, area);

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

    if let Some(editor) = &app.editor {
        // Drawn in place (not a copy) so the editor's scroll position is kept.
        frame.render_widget(&editor.textarea, inner);
        return;
    }
    let Some(item) = app.selected_item() else {
        return;
    };
    let lines = notes_to_lines(&item.notes);
    let text: Vec<Line<'_>> = if lines.is_empty() {
        let mut hint = vec![Line::styled("No notes yet: Enter to write.", theme.dim)];
        if !item.items.is_empty() {
            hint.push(Line::raw(""));
            for sub in &item.items {
                hint.push(Line::styled(format!("  {}", shown_title(sub)), theme.dim));
            }
        }
        hint
    } else {
        let room = usize::from(inner.width);
        lines
            .iter()
            .flat_map(|l| hanging_wrap(&printable(l), room))
            .map(|l| Line::from(vec![Span::raw(l)]))
            .collect()
    };
    frame.render_widget(Paragraph::new(text), inner);
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
    use super::{breadcrumb, hanging_wrap};
    use crate::model::{Item, Meeting};

    #[test]
    fn the_breadcrumb_names_an_item_by_its_owner_when_it_has_no_title() {
        let mut m = Meeting::new("t", chrono::Utc::now());
        let mut section = Item::new("Minutes");
        let mut owner_only = Item::new("");
        owner_only.owners = vec!["robrwo".into()];
        let mut titled = Item::new("CNA progress");
        titled.owners = vec!["timlegge".into()];
        section.items = vec![owner_only, titled];
        m.agenda = vec![section];
        assert_eq!(breadcrumb(&m, &[0, 0], 60), "Minutes › @robrwo");
        assert_eq!(
            breadcrumb(&m, &[0, 1], 60),
            "Minutes › @timlegge – CNA progress"
        );
        assert_eq!(breadcrumb(&m, &[0, 1], 28), "… › @timlegge – CNA progress");
        assert_eq!(breadcrumb(&m, &[0], 60), "Minutes");
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
