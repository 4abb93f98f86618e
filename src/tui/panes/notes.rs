//! The notes of the selected agenda item: the editor while typing, the notes
//! as lines otherwise. The title says which item they belong to.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::notes::notes_to_lines;
use crate::app::{App, Pane};
use crate::model::Meeting;
use crate::tui::draw::{Theme, fit, plain_title, printable, width};
use crate::tui::panes::agenda::shown_title;

/// "Section › Item › Sub-item" for the item at `path`, in at most `room` columns:
/// the item's own title matters most, so leading parts give way first (`… › Item`).
pub fn breadcrumb(m: &Meeting, path: &[usize], room: usize) -> String {
    let parts: Vec<String> = (1..=path.len())
        .filter_map(|n| m.item(&path[..n]).map(|i| plain_title(&i.title)))
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

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: Theme) {
    let focused = app.focus == Pane::Notes;
    let path = app.editor.as_ref().map_or(&app.agenda_cursor, |e| &e.path);
    let room = usize::from(area.width.saturating_sub(12));
    let title = if focused {
        format!(
            " Notes · {} · editing ",
            breadcrumb(&app.meeting, path, room.saturating_sub(10))
        )
    } else {
        format!(" Notes · {} ", breadcrumb(&app.meeting, path, room))
    };
    let block = theme.block(focused).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if let Some(editor) = &app.editor {
        let mut textarea = editor.textarea.clone();
        textarea.set_cursor_line_style(Style::default());
        textarea.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
        frame.render_widget(&textarea, inner);
        return;
    }
    let Some(item) = app.selected_item() else {
        return;
    };
    let lines = notes_to_lines(&item.notes);
    let text: Vec<Line<'_>> = if lines.is_empty() {
        let mut hint = vec![Line::styled("No notes yet: Enter to write.", theme.dim())];
        if !item.items.is_empty() {
            hint.push(Line::raw(""));
            for sub in &item.items {
                hint.push(Line::styled(format!("  {}", shown_title(sub)), theme.dim()));
            }
        }
        hint
    } else {
        lines
            .into_iter()
            .map(|l| Line::from(vec![Span::raw(printable(&l))]))
            .collect()
    };
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}
