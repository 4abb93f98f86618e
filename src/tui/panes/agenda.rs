//! The agenda tree under the meeting's title: sections and their items, nested
//! and foldable, each with its checkbox when it has one (`[>]` for the item
//! being discussed now), its inline Markdown as styled text, done/total counts
//! on entries with items, and minutes used / allowed where there is an allowance.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget as _;

use crate::app::sections::PerSection;
use crate::app::timing::{allowance, is_done, subtree_spent};
use crate::app::{App, Pane};
use crate::model::{Item, Shared, Watch};
use crate::tui::view::View;
use crate::tui::widgets::{
    self, Over, alarm, fit, fit_spans, pane_block, plain_title, title_spans, width, window_start,
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
        || (item.checked.is_none()
            && !item.items.is_empty()
            && item.items.iter().all(|item| shown_done(item)))
}

/// Entries shown done / all entries under `item` (all depths), as the agenda
/// counts them.
pub fn shown_done_count(item: &Item) -> (usize, usize) {
    item.items.iter().fold((0, 0), |(done, total), child| {
        let (d, t) = shown_done_count(child);
        (done + d + usize::from(shown_done(child)), total + t + 1)
    })
}

/// The agenda's rows as last drawn, kept from frame to frame so that a row
/// whose look did not change is copied rather than drawn again: checking an
/// item draws its row and its section's, moving to the roster only the
/// selected row. What a row looks like is all in [`Row`] (the ages of items,
/// how long each was carried, are set before the meeting opens and do not
/// change while it runs); an empty memo draws every row.
#[derive(Debug, Default)]
pub struct Memo {
    /// The width of the rows and the theme they were drawn in.
    place: Option<(u16, crate::theme::Theme)>,
    /// Each section's entries shown done and all entries, kept while the
    /// section is the same: a check counts its section again, not the agenda.
    counts: PerSection<(usize, usize)>,
    /// Each row from the top of the pane, as last drawn.
    rows: Vec<Row>,
    /// How many rows each section shows, to find the window's rows without
    /// walking the whole agenda.
    row_counts: crate::app::RowCounts,
    /// The pane's frames as drawn lately.
    frames: widgets::FrameMemo,
    /// The meeting's title, and as the pane's title shows it (read as Markdown).
    title: Option<(String, String)>,
    /// The rows in view, and what they were found from.
    window: Option<Window>,
}

/// The rows the pane shows, and what they were worked out from: while the
/// agenda, its folds, the view and the selection are the same, so are they
/// (moving between panes, opening the notes, attendance, typing). Finding them
/// walks the selected section's entries up to the selection, hundreds in a
/// long section, each in memory of its own.
#[derive(Debug)]
struct Window {
    agenda: Watch<Vec<Shared<Item>>>,
    collapsed: std::collections::BTreeSet<crate::model::ItemPath>,
    /// The view and the age from which the carried view lists an item (the
    /// items' ages are set before the meeting opens and do not change).
    view: (crate::app::AgendaView, usize),
    cursor: Vec<usize>,
    height: usize,
    /// The selected row's number, the first row's, and the paths of the rows.
    selected: Option<usize>,
    first: usize,
    rows: Vec<crate::model::ItemPath>,
}

impl Window {
    /// Whether the window was worked out for `app` at `height` rows.
    fn fits(&self, app: &App, height: usize) -> bool {
        self.agenda.sees(&app.meeting.agenda)
            && self.height == height
            && self.view == (app.agenda_view, app.carried_threshold)
            && self.cursor == app.agenda_cursor
            && self.collapsed == app.collapsed
    }
}

/// One row as last drawn: what it showed, and its cells as drawn before the
/// selection's style was laid over them (a row selected or no longer, in the
/// pane focused or not, is these cells with the selection's style now: its
/// title is not read again).
#[derive(Debug)]
struct Row {
    look: Look,
    /// The item drawn: while it is the very one, its title, owners and
    /// sub-items are the same, and are not read again to be compared.
    item: Watch<Item>,
    title: String,
    owners: Vec<String>,
    /// The item's sub-items (their counts and times are on the row).
    items: Watch<Vec<Shared<Item>>>,
    cells: Vec<ratatui::buffer::Cell>,
}

/// What a row shows besides its item's title and owners and what is under it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Look {
    depth: usize,
    folded: bool,
    now_here: bool,
    /// When the item under discussion is this one or under it: since when,
    /// and the clock's second (the row's time runs).
    running: Option<(chrono::DateTime<chrono::Utc>, i64)>,
    checked: Option<bool>,
    minutes: Option<u32>,
    spent_seconds: u64,
    /// Whether the row is selected, and the pane focused then.
    selected: Option<bool>,
}

impl Row {
    /// Whether the row drawn from `self` shows `item` with `look`, selected
    /// as it is or otherwise (`selected_as_well`: as it is).
    fn shows(&self, look: &Look, item: &Shared<Item>, selected_as_well: bool) -> bool {
        let unselected = |look: &Look| Look {
            selected: None,
            ..*look
        };
        (if selected_as_well {
            self.look == *look
        } else {
            unselected(&self.look) == unselected(look)
        }) && (self.item.sees(item)
            || (self.title == item.title
                && self.owners == item.owners
                && self.items.sees(&item.items)))
    }
}

/// Lays the selection's style over a row, when it is selected (`Some`, with
/// whether the pane has the focus).
fn select_row(
    buf: &mut ratatui::buffer::Buffer,
    area: Rect,
    theme: &crate::theme::Theme,
    selected: Option<bool>,
) {
    if let Some(focused) = selected {
        buf.set_style(area, widgets::selected(theme, focused));
    }
}

/// Entries shown done / all entries of the agenda, as the pane's title counts
/// them; `memo` keeps each section's counts while the section is the same.
fn agenda_counts(agenda: &[Shared<Item>], memo: &mut PerSection<(usize, usize)>) -> (usize, usize) {
    memo.update(
        agenda,
        |_| (),
        |_, section| {
            let (done, total) = shown_done_count(section);
            (done + usize::from(shown_done(section)), total + 1)
        },
    );
    memo.values().fold((0, 0), |(a, b), (d, t)| (a + d, b + t))
}

/// Draws the pane; `memo` holds the rows of the frames before (see [`Memo`]),
/// and `over` says whether it is drawn over the last of them (see [`Over`]).
pub fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &View,
    (memo, mut over): (&mut Memo, Over<'_>),
) {
    let theme = &view.theme;
    let focused = app.focus == Pane::Agenda;
    let (done, total) = agenda_counts(&app.meeting.agenda, &mut memo.counts);
    // The meeting's title names the pane: which meeting this is, at a glance.
    let name = match &memo.title {
        Some((title, name)) if *title == app.meeting.title => name.clone(),
        _ => {
            let name = plain_title(&app.meeting.title);
            memo.title = Some((app.meeting.title.clone(), name.clone()));
            name
        }
    };
    let counts = format!(" {done}/{total} done ");
    let room = usize::from(area.width.saturating_sub(4)).saturating_sub(width(&counts) + 2);
    let block = pane_block(theme, focused)
        .title(format!(" {} ", fit(&name, room)))
        .title_top(Line::raw(counts).right_aligned());

    // Only the rows that fit are built (a long agenda costs nothing per frame):
    // the window keeps the selection in view, a little above the bottom.
    let height = usize::from(area.height.saturating_sub(2));
    let window = match &mut memo.window {
        Some(window) if window.fits(app, height) => window,
        slot => {
            let (count, selected) =
                app.row_count_and_index_with(&app.agenda_cursor, &mut memo.row_counts);
            let first = window_start(selected.unwrap_or(0), count, height);
            slot.insert(Window {
                agenda: app.meeting.agenda.watch(),
                collapsed: app.collapsed.clone(),
                view: (app.agenda_view, app.carried_threshold),
                cursor: app.agenda_cursor.clone(),
                height,
                selected,
                first,
                rows: app.rows_from_with(first, height, &mut memo.row_counts),
            })
        }
    };
    let (selected, first, rows) = (window.selected, window.first, &window.rows);
    let shown: Vec<(&[usize], &Shared<Item>)> = rows
        .iter()
        .filter_map(|path| Some((path.as_slice(), app.meeting.shared_item(path)?)))
        .collect();
    if shown.is_empty() {
        memo.rows.clear();
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
        if over.is_some() {
            widgets::fill(frame.buffer_mut(), area, theme.base);
        }
        let hint = ratatui::widgets::Paragraph::new(text)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .style(theme.dim)
            .block(block);
        frame.render_widget(hint, area);
        return;
    }
    // The rows are drawn one by one on the pane's blank area (what a list
    // widget would do, without laying a style over every cell first), or
    // left or copied as the memo has them.
    let buf = frame.buffer_mut();
    let inner = memo.frames.draw(buf, area, block, theme.base);
    if memo.place != Some((inner.width, *theme)) {
        memo.rows.clear();
        memo.place = Some((inner.width, *theme));
    }
    // The rows as last drawn, each taken where it shows again: in place, or a
    // few rows away after the window scrolled (then copied, not drawn).
    let mut was: Vec<Option<Row>> = std::mem::take(&mut memo.rows)
        .into_iter()
        .map(Some)
        .collect();
    let width = usize::from(inner.width);
    for (row, (y, &(path, item))) in (inner.top()..inner.bottom()).zip(&shown).enumerate() {
        let look = Look {
            depth: path.len() - 1,
            folded: app.collapsed.contains(path) && !item.items.is_empty(),
            now_here: app.current.as_ref().is_some_and(|d| d.path == path),
            running: app
                .current
                .as_ref()
                .filter(|d| d.path.starts_with(path))
                .map(|d| (d.since, app.now.timestamp())),
            checked: item.checked,
            minutes: item.minutes,
            spent_seconds: item.spent_seconds,
            selected: (selected == Some(first + row)).then_some(focused),
        };
        let at = buf.index_of(inner.x, y);
        let row_area = Rect::new(inner.x, y, inner.width, 1);
        let mut taken = |from: usize, selected_as_well: bool| {
            was.get_mut(from)
                .and_then(|kept| kept.take_if(|kept| kept.shows(&look, item, selected_as_well)))
        };
        // In place, as it was: left as it is.
        if let Some(kept) = over.as_mut().and_then(|left| {
            let kept = taken(row, true)?;
            left.push(row_area);
            Some(kept)
        }) {
            memo.rows.push(kept);
            continue;
        }
        // Here or a few rows away after the window scrolled, selected as it
        // is or otherwise: copied, with the selection as it is now.
        let kept = std::iter::once(row)
            .chain(
                (1..=SCROLLED)
                    .flat_map(|by| [row.checked_sub(by), Some(row + by)])
                    .flatten(),
            )
            .find_map(|from| taken(from, false));
        if let Some(mut kept) = kept {
            buf.content[at..at + width].clone_from_slice(&kept.cells);
            select_row(buf, row_area, theme, look.selected);
            kept.look = look;
            memo.rows.push(kept);
            continue;
        }
        if over.is_some() {
            widgets::fill(buf, row_area, theme.base);
        }
        draw_row(buf, row_area, app, theme, path, item, &look);
        let cells = buf.content[at..at + width].to_vec();
        select_row(buf, row_area, theme, look.selected);
        memo.rows.push(Row {
            look,
            item: item.watch(),
            title: item.title.clone(),
            owners: item.owners.clone(),
            items: item.items.watch(),
            cells,
        });
    }
    // Under the last row the pane is blank, whatever was drawn there last.
    if over.is_some() {
        widgets::blank_below(buf, inner, shown.len(), theme.base);
    }
}

/// How many rows away a row as last drawn is looked for after the window
/// scrolled (a step scrolls it by one, a page move by more: drawn afresh).
const SCROLLED: usize = 3;

/// Draws the row of `item` (at `path`) into `area`, one row high, on the
/// pane's blank cells: its indent, mark and title, then its figures at the
/// right edge (or after a title that leaves no room for them). The selection
/// is laid over it after ([`select_row`]).
fn draw_row(
    buf: &mut ratatui::buffer::Buffer,
    area: Rect,
    app: &App,
    theme: &crate::theme::Theme,
    path: &[usize],
    item: &Item,
    look: &Look,
) {
    let current = app.current.as_ref();
    let inner_width = usize::from(area.width);
    let Look {
        depth,
        folded,
        now_here,
        ..
    } = *look;
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
    let spent = subtree_spent(item, &mut path.to_vec(), current, app.now);
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
    let room = inner_width
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
    Line::from(spans).render(area, buf);
    let from = (left_fixed + title_width).max(inner_width.saturating_sub(width(&figures)));
    if let Ok(from) = u16::try_from(from)
        && from < area.width
    {
        Span::styled(figures, figure_style)
            .render(Rect::new(area.x + from, area.y, area.width - from, 1), buf);
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
