//! The help overlay, made from the keymap in force: every context's actions with
//! their keys, the editor's own editing keys, and what the agenda's signs mean,
//! flowed into as many columns as the screen needs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::Key;
use crate::keymap::{Context, Keymap};
use crate::tui::view::View;
use crate::tui::widgets::{block, fit, width};

/// One line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A context's heading.
    Heading(&'static str),
    /// The keys of one action, and what it does.
    Binding(String, &'static str),
    /// Space between contexts (dropped when space is short).
    Blank,
}

/// The help's lines for `keymap`. Prompts are left out (the status line shows
/// their keys while one is open), and so is the help key where it repeats.
pub fn entries(keymap: &Keymap) -> Vec<Entry> {
    let mut out = Vec::new();
    for context in Context::ALL {
        if context == Context::Prompt {
            continue;
        }
        let mut groups = keymap.grouped(context);
        if context != Context::Global {
            groups.retain(|(action, _)| *action != crate::app::Action::Help);
        }
        if groups.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Entry::Blank);
        }
        out.push(Entry::Heading(match context {
            Context::Global => "Everywhere but the editor",
            Context::Agenda => "Agenda",
            Context::Roster => "Roster",
            Context::Editor => "Notes editor (other keys type)",
            Context::Prompt => "Prompts",
        }));
        for (action, keys) in groups {
            let keys: Vec<String> = keys.iter().map(Key::to_string).collect();
            out.push(Entry::Binding(keys.join(" "), action.describe()));
        }
        if context == Context::Editor {
            // The editor's own keys (ratatui-textarea's), the same in prompts.
            for (keys, what) in EDITING {
                out.push(Entry::Binding((*keys).to_string(), what));
            }
        }
    }
    out.push(Entry::Blank);
    out.push(Entry::Heading("What the agenda shows"));
    for (sign, what) in SIGNS {
        out.push(Entry::Binding((*sign).to_string(), what));
    }
    out
}

/// Keys the notes editor and the prompts understand without a keymap.
const EDITING: &[(&str, &str)] = &[
    ("Home End", "line start / end"),
    ("Ctrl-Left/Right", "word left / right"),
    ("Ctrl-w", "delete word before"),
    ("Ctrl-k", "delete to line end"),
    ("Alt-key", "(editor) Esc, then key"),
];

/// The signs of the agenda pane.
const SIGNS: &[(&str, &str)] = &[
    ("[ ] [x]", "item open / done"),
    ("·", "item without a box"),
    ("[>] ▶", "discussed now"),
    ("✓2/5", "done / items under it"),
    ("3/5′", "minutes used / allowed"),
    ("1:05/5:00", "item discussed now"),
    ("▸", "folded: items hidden"),
];

/// Narrowest column worth having.
const MIN_COLUMN: u16 = 24;
/// Widest key column.
const MAX_KEYS: usize = 12;

pub fn draw(frame: &mut Frame<'_>, screen: Rect, view: &View) {
    let theme = &view.theme;
    let mut list = entries(&view.keymap);
    let overlay_width = screen.width.min(100);
    let inner_width = overlay_width.saturating_sub(2);
    let room = screen.height.saturating_sub(2).max(1);
    let max_columns = (inner_width / MIN_COLUMN).max(1);
    let fits = |n: usize, cols: u16| n.div_ceil(usize::from(cols)) <= usize::from(room);
    let mut columns = (1..=max_columns).find(|&c| fits(list.len(), c));
    if columns.is_none_or(|c| c > 1) {
        // Several columns: the blank lines only waste space.
        list.retain(|e| *e != Entry::Blank);
        columns = (1..=max_columns).find(|&c| fits(list.len(), c));
    }
    let columns = columns.unwrap_or(max_columns);
    let rows = list
        .len()
        .div_ceil(usize::from(columns))
        .min(usize::from(room));
    let height = u16::try_from(rows)
        .unwrap_or(room)
        .saturating_add(2)
        .min(screen.height);
    let area = Rect {
        x: screen.x + (screen.width - overlay_width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width: overlay_width,
        height,
    };

    let block = block(theme, true)
        .title(" Keys — any key closes ")
        .title_bottom(Line::raw(format!(
            " keymap: {} ",
            view.keymap.sources.join(" + ")
        )));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);

    let column_width = usize::from(inner.width / columns);
    let key_width = list
        .iter()
        .filter_map(|e| match e {
            Entry::Binding(keys, _) => Some(width(keys)),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .min(MAX_KEYS);
    let heading = Style::default().add_modifier(Modifier::BOLD);
    let key_style = theme.focused_border;
    for (c, chunk) in list
        .chunks(rows.max(1))
        .enumerate()
        .take(usize::from(columns))
    {
        let lines: Vec<Line<'_>> = chunk
            .iter()
            .map(|entry| match entry {
                Entry::Heading(title) => {
                    Line::styled(fit(title, column_width.saturating_sub(1)), heading)
                }
                Entry::Blank => Line::raw(""),
                Entry::Binding(keys, what) => {
                    let keys = fit(keys, key_width);
                    let pad = key_width - width(&keys);
                    Line::from(vec![
                        Span::styled(format!(" {keys}{} ", " ".repeat(pad)), key_style),
                        Span::raw(fit(what, column_width.saturating_sub(key_width + 3))),
                    ])
                }
            })
            .collect();
        let x = inner.x + u16::try_from(c * column_width).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                x,
                width: u16::try_from(column_width).unwrap_or(inner.width),
                ..inner
            },
        );
    }
}
