//! The agenda tree under the meeting's title: sections and their items, nested
//! and foldable, each with its checkbox when it has one (`[>]` for the item
//! being discussed now), its inline Markdown as styled text, done/total counts
//! on entries with items, and minutes used / allowed where there is an allowance.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget as _;

use crate::app::timing::{allowance, is_done, subtree_spent};
use crate::app::{App, Pane};
use crate::model::Item;
use crate::tui::view::View;
use crate::tui::widgets::{
    self, alarm, fit, fit_spans, pane_block, plain_title, title_spans, width, window_start,
};

/// The mark shown before an item: its checkbox (`[>]` for the item being
/// discussed now) when it has one; an item without a box (a section, a list
/// without boxes) shows none — a dot, or `▶` while discussed.
pub fn checkbox(item: &Item, discussed_now: bool) -> &'static str {
    match (item.checked, discussed_now) {
        (Some(_), true) => "[>]",
        (Some(true), false) => "[x]",
        (Some(false), false) => "[ ]",
        (None, true) => " ▶ ",
        (None, false) => " · ",
    }
}

/// Whether the agenda shows an entry as done: checked, or a section (an entry
/// without a checkbox of its own) whose items are all done. Display only: the
/// model keeps the section as it is, and an entry whose own box is open stays
/// open (in the file it is `[ ]`, and the next agenda keeps it).
pub fn shown_done(item: &Item) -> bool {
    is_done(item)
        || (item.checked.is_none() && !item.items.is_empty() && item.items.iter().all(shown_done))
}

/// Entries shown done / all entries under `item` (all depths), as the agenda
/// counts them.
pub fn shown_done_count(item: &Item) -> (usize, usize) {
    item.items.iter().fold((0, 0), |(done, total), child| {
        let (d, t) = shown_done_count(child);
        (done + d + usize::from(shown_done(child)), total + t + 1)
    })
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &View) {
    let theme = &view.theme;
    let focused = app.focus == Pane::Agenda;
    let (done, total) = app
        .meeting
        .agenda
        .iter()
        .map(|s| {
            let (d, t) = shown_done_count(s);
            (d + usize::from(shown_done(s)), t + 1)
        })
        .fold((0, 0), |(a, b), (d, t)| (a + d, b + t));
    // The meeting's title names the pane: which meeting this is, at a glance.
    let name = plain_title(&app.meeting.title);
    let counts = format!(" {done}/{total} done ");
    let room = usize::from(area.width.saturating_sub(4)).saturating_sub(width(&counts) + 2);
    let block = pane_block(theme, focused)
        .title(format!(" {} ", fit(&name, room)))
        .title_top(Line::raw(counts).right_aligned());
    let inner_width = usize::from(area.width.saturating_sub(2));

    let current = app.current.as_ref();
    // Only the rows that fit are built (a long agenda costs nothing per frame):
    // the window keeps the selection in view, a little above the bottom.
    let height = usize::from(area.height.saturating_sub(2));
    let (count, selected) = app.row_count_and_index(&app.agenda_cursor);
    let first = window_start(selected.unwrap_or(0), count, height);
    let rows = app.rows_from(first, height);
    // Each row: its indent, mark and title, their width, and the figures that
    // end at the right edge (or follow a title that leaves no room for them).
    let items: Vec<(Line<'_>, usize, Span<'_>)> = rows
        .iter()
        .filter_map(|path| {
            let item = app.meeting.item(path)?;
            let depth = path.len() - 1;
            let now_here = current.is_some_and(|d| d.path == *path);
            let folded = app.collapsed.contains(path) && !item.items.is_empty();

            // Right-hand figures: how long an open item has been carried (from
            // the folder of minutes), done/total of the items under it, then time.
            let mut figures = String::new();
            if let Some(age) = app.ages.of(&item.title).filter(|&a| a >= 2)
                && !shown_done(item)
            {
                figures.push_str(&format!("carried {age}×"));
            }
            if !item.items.is_empty() {
                let (d, t) = shown_done_count(item);
                if !figures.is_empty() {
                    figures.push(' ');
                }
                figures.push_str(&format!("✓{d}/{t}"));
            }
            let spent = subtree_spent(item, &mut path.clone(), current, app.now);
            let allowed = allowance(item);
            if allowed.is_some() || spent > 0 {
                if !figures.is_empty() {
                    figures.push(' ');
                }
                // Whole minutes with a prime (`3/5′`); the item discussed now
                // runs in m:ss against its allowance in m:ss (`0:05/5:00`).
                let text = match (now_here, allowed) {
                    (true, Some(a)) => format!("{}:{:02}/{a}:00", spent / 60, spent % 60),
                    (true, None) => format!("{}:{:02}", spent / 60, spent % 60),
                    (false, Some(a)) => format!("{}/{a}′", spent / 60),
                    (false, None) => format!("{}′", spent / 60),
                };
                figures.push_str(&text);
            }
            let over = allowed.is_some_and(|a| spent > i64::from(a) * 60);

            let indent = "  ".repeat(depth);
            let boxed = checkbox(item, now_here);
            let fold = if folded { " ▸" } else { "" };
            let left_fixed = width(&indent) + width(boxed) + 1 + width(fold);
            let room =
                inner_width
                    .saturating_sub(left_fixed)
                    .saturating_sub(if figures.is_empty() {
                        0
                    } else {
                        width(&figures) + 1
                    });
            let title_style = if depth == 0 {
                theme.text.add_modifier(Modifier::BOLD)
            } else if shown_done(item) {
                theme.dim
            } else {
                Style::default()
            };
            let title = fit_spans(title_spans(item, title_style), room);
            let title_width: usize = title.iter().map(|s| width(&s.content)).sum();

            let box_style = if now_here {
                theme.current
            } else if shown_done(item) {
                theme.checked
            } else if item.checked.is_none() {
                theme.dim
            } else {
                theme.text
            };
            let figure_style = if over { alarm(theme) } else { theme.dim };
            let mut spans = vec![
                Span::raw(indent),
                Span::styled(boxed, box_style),
                Span::raw(" "),
            ];
            spans.extend(title);
            spans.push(Span::styled(fold, theme.dim));
            let left_width = left_fixed + title_width;
            Some((
                Line::from(spans),
                left_width,
                Span::styled(figures, figure_style),
            ))
        })
        .collect();

    if items.is_empty() {
        let text = match app.agenda_view_label() {
            Some(label) => {
                let key = view
                    .keymap
                    .keys_for(
                        crate::keymap::Context::Agenda,
                        crate::app::Action::CycleAgendaView,
                    )
                    .first()
                    .map_or_else(String::new, |k| format!(": {k} for the next view"));
                format!("No item in this view ({label}){key}.")
            }
            None => "The agenda is empty: press a to add an item.".to_string(),
        };
        let hint = ratatui::widgets::Paragraph::new(text)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .style(theme.dim)
            .block(block);
        frame.render_widget(hint, area);
        return;
    }
    // The rows are drawn one by one on the pane's blank area (what a list
    // widget would do, without laying a style over every cell first).
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    let highlight = widgets::selected(theme, focused);
    for (row, (y, (line, left_width, figures))) in
        (inner.top()..inner.bottom()).zip(items).enumerate()
    {
        let row_area = Rect::new(inner.x, y, inner.width, 1);
        line.render(row_area, buf);
        let from = left_width.max(inner_width.saturating_sub(width(&figures.content)));
        if let Ok(from) = u16::try_from(from)
            && from < inner.width
        {
            figures.render(Rect::new(inner.x + from, y, inner.width - from, 1), buf);
        }
        if selected == Some(first + row) {
            buf.set_style(row_area, highlight);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{checkbox, shown_done, shown_done_count};
    use crate::model::Item;
    use crate::tui::widgets::window_start;

    #[test]
    fn a_section_whose_items_are_all_done_shows_done() {
        let done = |title: &str| {
            let mut i = Item::new(title);
            i.checked = Some(true);
            i
        };
        let mut nested = Item::new("nested, no box");
        nested.items = vec![done("c")].into();
        let mut section = Item::new("Quick summary");
        section.items = vec![done("a"), done("b"), nested].into();
        // Without a box of its own it shows none, done or not: its count says it.
        assert!(shown_done(&section));
        assert_eq!(checkbox(&section, false), " · ");
        assert_eq!(shown_done_count(&section), (4, 4));
        assert_eq!(checkbox(&section, true), " ▶ ");
        // One open item: open.
        section.items[1].checked = Some(false);
        assert!(!shown_done(&section));
        assert_eq!(shown_done_count(&section), (3, 4));
        // An entry with an open box of its own stays open, as in the file.
        section.items[1].checked = Some(true);
        section.checked = Some(false);
        assert_eq!(checkbox(&section, false), "[ ]");
        // The model is not changed by showing it.
        assert_eq!(section.checked, Some(false));
        assert_eq!(checkbox(&Item::new("empty section"), false), " · ");
        assert_eq!(checkbox(&section.items[0], true), "[>]");
    }

    #[test]
    fn the_window_keeps_the_selection_in_view_with_context_below() {
        assert_eq!(window_start(0, 5, 10), 0);
        assert_eq!(window_start(5, 100, 10), 0);
        assert_eq!(window_start(6, 100, 10), 0);
        assert_eq!(window_start(7, 100, 10), 1);
        assert_eq!(window_start(99, 100, 10), 90);
        for selected in 0..100 {
            let first = window_start(selected, 100, 10);
            assert!(first <= selected && selected < first + 10);
        }
        assert_eq!(window_start(3, 100, 1), 3);
    }
}
