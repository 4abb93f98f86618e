//! Drawing frames on one canvas that is kept from frame to frame, and sending
//! the terminal only the rows that differ from what it shows.
//!
//! ratatui's [`Terminal::draw`] draws each frame on a blank buffer (it blanks
//! the buffer of the frame before last, all of it, on every frame) and then
//! compares every cell of the screen with the last frame's, measuring the
//! width of each letter on the way. A key typed into the notes changes a row or
//! two: [`Frames`] draws on the terminal's buffer without blanking it (every
//! pane draws all of its own area or leaves it, see [`super::draw::draw_kept`]),
//! compares the screen row by row with what was sent, and diffs only the rows
//! that differ, as ratatui diffs a frame, wide letters and all. The panes the
//! frame left as they were (the agenda, the roster, the timer, the status line
//! while a key is typed into the notes) are not compared at all.

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::{Frame, Terminal};

use super::backend::one_column;

/// What the terminal shows, as last sent, and what drawing a frame reuses.
#[derive(Debug, Default)]
pub struct Frames {
    /// What the terminal shows, one buffer per row: a changed row is diffed
    /// against its buffer as it stands, and the row drawn now takes its place
    /// by a swap, not a copy.
    shown: Vec<Buffer>,
    /// The screen `shown` covers.
    area: Option<Rect>,
    /// One row of the frame drawn now, swapped into `shown` once sent.
    row: Buffer,
    /// Areas the render left as the last frame had them: no cell there can
    /// differ from what the terminal shows.
    same: Vec<Rect>,
    /// For each row, the columns not to compare (start, end), in order.
    skips: Vec<Vec<(usize, usize)>>,
    /// For each row of `shown`, whether its cells are all one column wide and
    /// sent as they are (see [`one_column`]).
    narrow: Vec<bool>,
    /// The columns of one row that changed.
    changed: Vec<usize>,
}

impl Frames {
    /// Draws a frame with `render`, which draws every cell of the screen (or
    /// leaves as the last frame had it, and says so by pushing its area to the
    /// list it is given) and says where the cursor goes (hidden when `None`),
    /// and sends what changed. Nothing is allocated once the first frame of a
    /// size is drawn.
    pub fn draw<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        render: impl FnOnce(&mut Frame<'_>, &mut Vec<Rect>) -> Option<Position>,
    ) -> Result<(), B::Error> {
        // A new size clears the terminal, as in ratatui's own drawing.
        terminal.autoresize()?;
        if self.area != Some(terminal.current_buffer_mut().area) {
            drop_back_buffer(terminal);
        }
        self.same.clear();
        let cursor = render(&mut terminal.get_frame(), &mut self.same);
        // The frame is taken out of the terminal while its rows are sent
        // through the terminal's backend, and put back after.
        let current = std::mem::take(terminal.current_buffer_mut());
        let sent = self.send(terminal, &current);
        *terminal.current_buffer_mut() = current;
        sent?;
        // The cursor goes where it should once the frame is drawn.
        match cursor {
            None => terminal.hide_cursor()?,
            Some(at) => {
                terminal.show_cursor()?;
                terminal.set_cursor_position(at)?;
            }
        }
        terminal.backend_mut().flush()
    }

    /// Sends the rows of `current` that differ from what is shown, each
    /// diffed as ratatui diffs a frame, and keeps them as shown.
    fn send<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        current: &Buffer,
    ) -> Result<(), B::Error> {
        let area = current.area;
        if self.area != Some(area) {
            // The terminal is blank at first and after a resize: every row is
            // compared whole.
            self.shown = (area.top()..area.bottom())
                .map(|y| Buffer::empty(Rect::new(area.x, y, area.width, 1)))
                .collect();
            self.narrow = vec![true; self.shown.len()];
            self.area = Some(area);
            self.same.clear();
        }
        let width = usize::from(area.width);
        if width == 0 {
            return Ok(());
        }
        // The columns left as they were need no comparing: each area left is
        // put on the rows it covers, once.
        self.skips.resize_with(self.shown.len(), Vec::new);
        self.skips.iter_mut().for_each(Vec::clear);
        for same in &self.same {
            let from = usize::from(same.left().saturating_sub(area.x));
            let to = usize::from(same.right().saturating_sub(area.x)).min(width);
            if from >= to {
                continue;
            }
            for y in same.top().max(area.top())..same.bottom().min(area.bottom()) {
                self.skips[usize::from(y - area.y)].push((from, to));
            }
        }
        for (((y, narrow), skip), (shown, now)) in (area.y..)
            .zip(self.narrow.iter_mut())
            .zip(self.skips.iter_mut())
            .zip(self.shown.iter_mut().zip(current.content.chunks(width)))
        {
            skip.sort_unstable();
            let skip = &*skip;
            // A row of one-column cells as shown (and so where it was left as
            // shown) is compared where it was not left, in one pass that
            // finds the cells that differ and whether all are one column wide:
            // then ratatui's diff sends exactly those cells, so they are sent,
            // and only they are copied to what is shown.
            if *narrow {
                self.changed.clear();
                let mut all_narrow = true;
                'compared: for (from, to) in outside(skip, width) {
                    for (x, (was, cell)) in
                        (from..to).zip(shown.content[from..to].iter().zip(&now[from..to]))
                    {
                        // A cell the same as one shown is one column wide
                        // like it: only the cells that differ are measured.
                        if !same_cell(was, cell) {
                            if !one_column(cell) {
                                all_narrow = false;
                                break 'compared;
                            }
                            self.changed.push(x);
                        }
                    }
                }
                if all_narrow {
                    if self.changed.is_empty() {
                        continue;
                    }
                    terminal.backend_mut().draw(
                        self.changed
                            .iter()
                            .map(|&x| (area.x + x as u16, y, &now[x])),
                    )?;
                    for &x in &self.changed {
                        shown.content[x].clone_from(&now[x]);
                    }
                    continue;
                }
            }
            if !differs(&shown.content, now, skip) {
                continue;
            }
            let row = Rect::new(area.x, y, area.width, 1);
            self.row.area = row;
            self.row.content.clear();
            self.row.content.extend_from_slice(now);
            terminal.backend_mut().draw(shown.diff_iter(&self.row))?;
            std::mem::swap(&mut shown.content, &mut self.row.content);
            *narrow = now.iter().all(one_column);
        }
        Ok(())
    }
}

/// Lets go of the terminal's second buffer, keeping the one frames are drawn on.
///
/// ratatui keeps two buffers of the whole screen, the frame drawn now and the
/// one before, to diff them; [`Frames`] diffs against its own rows instead, so
/// the second is never read — yet a terminal makes it again at every size
/// (230 KB at 120×40). `swap_buffers` blanks the buffer it swaps out: the frame's
/// buffer is taken out first, so only empty ones are blanked.
fn drop_back_buffer<B: Backend>(terminal: &mut Terminal<B>) {
    let drawn = std::mem::take(terminal.current_buffer_mut());
    terminal.swap_buffers();
    drop(std::mem::take(terminal.current_buffer_mut()));
    terminal.swap_buffers();
    *terminal.current_buffer_mut() = drawn;
}

/// Whether the row `now` differs from `was` outside the column ranges `skip`
/// (in order; they may overlap).
fn differs(was: &[Cell], now: &[Cell], skip: &[(usize, usize)]) -> bool {
    was.len() != now.len()
        || outside(skip, now.len()).any(|(from, to)| !same_cells(&was[from..to], &now[from..to]))
}

/// The column ranges of a row `width` wide outside the ranges `skip` (in
/// order; they may overlap), none empty.
fn outside(skip: &[(usize, usize)], width: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    skip.iter()
        .map(Some)
        .chain([None])
        .filter_map(move |range| {
            let (from, to) = range.copied().unwrap_or((width, width));
            let gap = (at, from.min(width));
            at = at.max(to);
            (gap.0 < gap.1).then_some(gap)
        })
}

/// Whether two runs of cells are equal, cell by cell as [`same_cell`] says.
fn same_cells(was: &[Cell], now: &[Cell]) -> bool {
    was.len() == now.len() && was.iter().zip(now).all(|(a, b)| same_cell(a, b))
}

/// What `Cell`'s own `==` says, made cheaper for what the screen mostly holds:
/// the colours and attributes first, and a symbol of one byte compared as that
/// byte, not through a call to compare memory (every cell of the notes is
/// compared on every key typed).
#[allow(deprecated)] // `skip`: still compared by `Cell`'s `==`.
#[inline(never)] // Inlined in the loop, it spills the loop's registers.
fn same_cell(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
        && a.diff_option == b.diff_option
        && a.skip == b.skip
        && match (a.symbol().as_bytes(), b.symbol().as_bytes()) {
            ([x], [y]) => x == y,
            (x, y) => x == y,
        }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::tui::backend::Screen;
    use crate::tui::draw::{Kept, draw, draw_kept};
    use ratatui::backend::TestBackend;
    use ratatui::layout::Size;

    /// A row differs outside the columns skipped exactly when one of its
    /// cells there differs, whatever the skipped ranges (overlapping, at the
    /// ends, empty).
    #[test]
    fn a_row_differs_where_a_cell_outside_the_skipped_columns_differs() {
        let was = vec![Cell::EMPTY; 12];
        let skips: [&[(usize, usize)]; 6] = [
            &[],
            &[(0, 4)],
            &[(3, 6), (8, 12)],
            &[(2, 7), (4, 9)],
            &[(0, 12)],
            &[(5, 5), (6, 7)],
        ];
        for skip in skips {
            for changed in 0..12 {
                let mut now = was.clone();
                now[changed].set_symbol("x");
                let skipped = skip.iter().any(|&(from, to)| (from..to).contains(&changed));
                assert_eq!(
                    differs(&was, &now, skip),
                    !skipped,
                    "{skip:?}, column {changed}"
                );
            }
            assert!(!differs(&was, &was, skip));
            // The ranges outside the skipped ones are the columns no skipped
            // range holds, each once, in order.
            let columns: Vec<usize> = outside(skip, 12).flat_map(|(from, to)| from..to).collect();
            let meant: Vec<usize> = (0..12)
                .filter(|x| !skip.iter().any(|&(from, to)| (from..to).contains(x)))
                .collect();
            assert_eq!(columns, meant, "{skip:?}");
        }
    }

    /// The cheaper comparison of two cells says what `Cell`'s own `==` says,
    /// for cells differing in each thing a cell holds.
    #[test]
    #[allow(deprecated)] // `skip`: still part of a cell.
    fn two_cells_are_the_same_exactly_when_they_are_equal() {
        use ratatui::buffer::CellDiffOption;
        use ratatui::style::{Color, Modifier};
        let mut cells = vec![Cell::EMPTY];
        for symbol in [" ", "a", "b", "漢", "ab", "e\u{301}", &"long ".repeat(8)] {
            let mut cell = Cell::EMPTY;
            cell.set_symbol(symbol);
            cells.push(cell);
        }
        let mut styled = Vec::new();
        for cell in &cells[..3] {
            let changes: [fn(&mut Cell); 7] = [
                |c| {
                    c.set_fg(Color::Red);
                },
                |c| {
                    c.set_bg(Color::Rgb(1, 2, 3));
                },
                |c| c.underline_color = Color::Indexed(7),
                |c| c.modifier = Modifier::BOLD,
                |c| c.modifier = Modifier::BOLD | Modifier::REVERSED,
                |c| {
                    c.set_diff_option(CellDiffOption::Skip);
                },
                |c| c.skip = true,
            ];
            for change in changes {
                let mut cell = cell.clone();
                change(&mut cell);
                styled.push(cell);
            }
        }
        cells.extend(styled);
        for a in &cells {
            for b in &cells {
                assert_eq!(same_cell(a, b), a == b, "{a:?} and {b:?}");
            }
        }
        assert!(same_cells(&cells, &cells.clone()));
        assert!(!same_cells(&cells[..2], &cells[1..3]));
    }

    /// What `Frames` sends for a frame is byte for byte what ratatui's diff of
    /// each row against the row shown sends, through the same backend: rows of
    /// narrow, wide, zero-width and emoji letters, styled or not, skipped or of
    /// a forced width, changed a few cells at a time or all at once.
    #[test]
    #[allow(deprecated)] // `skip`: still read by ratatui's diff.
    fn frames_send_what_ratatui_diff_sends_row_by_row() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        use ratatui::buffer::CellDiffOption;
        use ratatui::style::{Color, Modifier};
        let symbols = [
            " ",
            "a",
            "b",
            "│",
            "─",
            "é",
            "e\u{301}",
            "漢",
            "❤\u{fe0f}",
            "\u{301}",
            "",
        ];
        let cell = (0..symbols.len(), 0..4u8, 0..6u8).prop_map(move |(s, colour, kind)| {
            let mut cell = Cell::EMPTY;
            cell.set_symbol(symbols[s]);
            match colour {
                1 => cell.fg = Color::Red,
                2 => cell.bg = Color::Blue,
                3 => cell.modifier = Modifier::REVERSED,
                _ => {}
            }
            match kind {
                4 => cell.skip = true,
                5 if s == 0 => {
                    cell.set_diff_option(CellDiffOption::Skip);
                }
                _ => {}
            }
            cell
        });
        let (width, height) = (8u16, 3u16);
        let cells = usize::from(width * height);
        // A first frame, then frames that change one cell, a run of them, or all.
        let frames = (
            prop::collection::vec(cell.clone(), cells),
            prop::collection::vec(
                (0..cells, 1..cells + 1, prop::collection::vec(cell, cells)),
                1..12,
            ),
        );
        let size = Size { width, height };
        TestRunner::new(Config::with_cases(600))
            .run(&frames, |(first, changes)| {
                let mut terminal = Terminal::new(Screen::new(Vec::new(), size)).expect("terminal");
                let mut reference = Screen::new(Vec::new(), size);
                let mut frames = Frames::default();
                let area = Rect::new(0, 0, width, height);
                let mut was = Buffer::empty(area);
                let mut now = first;
                for (at, run, new) in std::iter::once((0, 0, Vec::new())).chain(changes) {
                    let end = (at + run).min(cells);
                    now[at..end].clone_from_slice(&new[at..end]);
                    // No wide letter in a row's last column: ratatui's diff
                    // reads past the row for one there (widgets never put one).
                    for last in now
                        .iter_mut()
                        .skip(usize::from(width) - 1)
                        .step_by(usize::from(width))
                    {
                        if ratatui::buffer::CellWidth::cell_width(last.symbol()) > 1 {
                            last.set_symbol("a");
                        }
                    }
                    // The rows before the changed run, and the columns before
                    // it in its first row, are said to be left as they were.
                    let w = usize::from(width);
                    let (row, column) = (at / w, at % w);
                    frames
                        .draw(&mut terminal, |frame, same| {
                            frame.buffer_mut().content.clone_from_slice(&now);
                            if run > 0 {
                                let (row, column) = (row as u16, column as u16);
                                same.push(Rect::new(0, 0, width, row));
                                same.push(Rect::new(0, row, column, 1));
                            }
                            None
                        })
                        .expect("drawn");
                    let next = Buffer {
                        area,
                        content: now.clone(),
                    };
                    for y in 0..height {
                        let row = Rect::new(0, y, width, 1);
                        let slice = |b: &Buffer| Buffer {
                            area: row,
                            content: b.content[usize::from(y * width)..][..usize::from(width)]
                                .to_vec(),
                        };
                        reference
                            .draw(slice(&was).diff_iter(&slice(&next)))
                            .expect("drawn");
                    }
                    reference.hide_cursor().expect("hidden");
                    reference.flush().expect("flushed");
                    was = next;
                    let sent = std::mem::take(terminal.backend_mut().writer_mut());
                    let meant = std::mem::take(reference.writer_mut());
                    prop_assert_eq!(
                        String::from_utf8_lossy(&sent),
                        String::from_utf8_lossy(&meant)
                    );
                }
                Ok(())
            })
            .expect("the same bytes");
    }

    /// The panel the end-of-meeting work shows over the notes while it lints.
    fn lint_panel() -> crate::tui::view::Panel {
        crate::tui::view::Panel {
            kind: crate::tui::view::PanelKind::Busy,
            title: "Lint".into(),
            lines: vec!["checking the minutes".into()],
            keys: String::new(),
            input: String::new(),
            scroll: 0,
        }
    }

    /// Draws `app` on the kept canvas through `frames`, and afresh: the cells
    /// the terminal was sent (all of the screen, as it shows them), and the
    /// cells of the frame drawn afresh.
    fn kept_and_fresh(
        terminal: &mut Terminal<Screen<std::io::Sink>>,
        frames: &mut Frames,
        kept: &mut Kept,
        app: &crate::app::App,
        view: &crate::tui::view::View,
    ) -> (Vec<Cell>, Vec<Cell>) {
        frames
            .draw(terminal, |f, same| {
                let cursor = draw_kept(f, app, view, kept);
                same.extend_from_slice(kept.left_in_place());
                cursor
            })
            .expect("drawn");
        let size = terminal.backend().size().expect("a size");
        let mut afresh =
            Terminal::new(TestBackend::new(size.width, size.height)).expect("terminal");
        let fresh = afresh
            .draw(|f| draw(f, app, view))
            .expect("drawn")
            .buffer
            .content
            .clone();
        let shown = frames
            .shown
            .iter()
            .flat_map(|row| row.content.iter().cloned())
            .collect();
        (shown, fresh)
    }

    /// The editor draws only the rows a key changed, on the rows the last
    /// frame left: a panel that comes over them while typing goes on is not
    /// taken for the editor's rows, before or after it goes.
    #[test]
    fn editor_rows_under_a_panel_are_drawn_again_when_it_goes() {
        use crate::app::Key;
        let mut app = crate::workload::live_app(crate::workload::meeting(1));
        let mut view = crate::workload::live_view();
        view.theme = crate::theme::Theme::dark();
        let size = Size {
            width: 100,
            height: 30,
        };
        let mut terminal = Terminal::new(Screen::new(std::io::sink(), size)).expect("terminal");
        let (mut frames, mut kept) = (Frames::default(), Kept::live());
        let now = app.now;
        let mut left = 0;
        let _ = crate::app::update(&mut app, Action::EditNotes, now);
        let text = "a note typed on while a panel comes over it and goes";
        for (i, c) in text.chars().enumerate() {
            if i == 5 {
                view.panel = Some(lint_panel());
            }
            if i == 12 {
                view.panel = None;
            }
            let _ = crate::app::update(&mut app, Action::Type(Key::char(c)), now);
            let (shown, fresh) = kept_and_fresh(&mut terminal, &mut frames, &mut kept, &app, &view);
            assert!(shown == fresh, "after key {i} ({c:?})");
            left += kept.left_in_place().len();
        }
        // The editor's rows were left, not only the panes around it.
        assert!(left > text.len() * 10, "{left} areas left in place");
    }

    /// A check that leaves what the timer shows as it was (its section keeps
    /// the allowance the forecast counts) leaves the timer's cells in place;
    /// one that moves the forecast draws it again, as a frame afresh has it.
    #[test]
    fn the_timer_is_drawn_again_only_when_a_change_shows_in_it() {
        use crate::model::{Item, Meeting};
        let start = chrono::DateTime::parse_from_rfc3339("2026-12-02T17:00:00Z")
            .expect("a time")
            .to_utc();
        let mut meeting = Meeting::new("t", start);
        let item = |title: &str, minutes: u32| Item {
            minutes: Some(minutes),
            checked: Some(false),
            ..Item::new(title)
        };
        // A section of 40 minutes over two items of 10, and two items of 20
        // on their own: 80 minutes open in a box of 60.
        let mut section = Item::new("capped");
        section.minutes = Some(40);
        section.items = vec![item("a", 10), item("b", 10)].into();
        meeting.agenda = vec![section, item("c", 20), item("d", 20)].into();
        let mut app = crate::workload::live_app(meeting);
        let now = start + chrono::Duration::minutes(1);
        app.tick(now);
        let view = crate::workload::live_view();
        let size = Size {
            width: 120,
            height: 40,
        };
        let timer = crate::tui::draw::layout(Rect::new(0, 0, 120, 40), &app).timer;
        let mut terminal = Terminal::new(Screen::new(std::io::sink(), size)).expect("terminal");
        let (mut frames, mut kept) = (Frames::default(), Kept::live());
        let _ = kept_and_fresh(&mut terminal, &mut frames, &mut kept, &app, &view);
        let steps = [
            // To `a`, under the capped section: checked and open again.
            (Action::Down, true),
            (Action::ToggleCheck, true),
            (Action::ToggleCheck, true),
            // To `c`, on its own: checking it takes 20 minutes off the end.
            (Action::Down, true),
            (Action::Down, true),
            (Action::ToggleCheck, false),
            (Action::ToggleCheck, false),
        ];
        let mut facts = Vec::new();
        for (action, timer_left) in steps {
            let _ = crate::app::update(&mut app, action, now);
            let (shown, fresh) = kept_and_fresh(&mut terminal, &mut frames, &mut kept, &app, &view);
            assert!(shown == fresh, "after {action:?}");
            let left = kept.left_in_place().contains(&timer);
            assert_eq!(left, timer_left, "timer left in place after {action:?}");
            // The timer's facts row, as sent.
            let row = usize::from(timer.y + 1) * usize::from(size.width);
            let from = row + usize::from(timer.x);
            facts.push(
                (shown[from..from + usize::from(timer.width)].iter())
                    .map(|cell| cell.symbol())
                    .collect::<String>(),
            );
        }
        // The forecast did move with `c`, and not with `a`.
        assert_eq!(facts[0], facts[2], "{facts:#?}");
        assert_ne!(facts[4], facts[5], "{facts:#?}");
        assert_eq!(facts[4], facts[6], "{facts:#?}");
    }

    /// What the terminal was sent is the frame drawn afresh after any run of
    /// actions through a session (undo and redo included, which bring back
    /// earlier lists), the clock moving on now and then: no pane is kept that
    /// should have been drawn again.
    #[test]
    fn kept_panes_are_drawn_again_whenever_what_they_show_changed() {
        use crate::app::{Key, KeyCode};
        use proptest::prelude::*;
        let typed = |c| Action::Type(Key::char(c));
        // Single actions, and a few runs a secretary makes (a note typed
        // into an item and left; an item checked and moved off and back).
        let pool: Vec<Vec<Action>> = [
            vec![Action::NextPane],
            vec![Action::PrevPane],
            vec![Action::Up],
            vec![Action::Down],
            vec![Action::NextSection],
            vec![Action::PrevSection],
            vec![Action::Collapse],
            vec![Action::Expand],
            vec![Action::ToggleCheck],
            vec![Action::CycleBox],
            vec![Action::MoveItemUp],
            vec![Action::MoveItemDown],
            vec![Action::IndentItem],
            vec![Action::OutdentItem],
            vec![Action::EditNotes],
            vec![Action::LeaveEditor],
            vec![Action::DiscussNow],
            vec![Action::AddItemAfter],
            vec![Action::AddSubItem],
            vec![Action::RenameItem],
            vec![Action::DeleteItem],
            vec![Action::CycleState],
            vec![Action::Present],
            vec![Action::Regrets],
            vec![Action::Absent],
            vec![Action::ArrivedLate],
            vec![Action::LeftEarly],
            vec![Action::AddPerson],
            vec![Action::ToggleChair],
            vec![Action::ToggleSecretary],
            vec![Action::CycleAgendaView],
            vec![Action::Help],
            vec![Action::Undo],
            vec![Action::Redo],
            vec![Action::Confirm],
            vec![Action::Cancel],
            vec![Action::Type(Key::char('a'))],
            vec![Action::Type(Key::char(' '))],
            vec![Action::Type(Key::plain(KeyCode::Backspace))],
            vec![Action::NewLine],
            vec![Action::Indent],
            vec![Action::EditNotes, typed('n'), Action::LeaveEditor],
            vec![Action::EditNotes, Action::LeaveEditor],
            vec![
                Action::EditNotes,
                Action::NewLine,
                typed('-'),
                Action::LeaveEditor,
            ],
            vec![Action::ToggleCheck, Action::Down, Action::Up],
            vec![Action::RenameItem, typed('r'), Action::Confirm],
            vec![Action::AddPerson, typed('z'), Action::Confirm],
        ]
        .into();
        let config = proptest::test_runner::Config {
            cases: 48,
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        };
        // Each step: what is done, whether the clock moves on first, and now
        // and then a resize (to a small screen, a wide one, back).
        let sizes = [(100, 30), (44, 12), (140, 20)];
        let steps =
            proptest::collection::vec((0..pool.len(), any::<bool>(), 0..sizes.len() * 6), 1..60);
        // The meeting just started, or near its end and over time (the timer
        // proposes items to defer, which checks and attendance change).
        let runs = (any::<bool>(), steps);
        proptest::test_runner::TestRunner::new(config)
            .run(&runs, |(late, steps)| {
                let mut app = crate::workload::live_app(crate::workload::meeting(1));
                if late {
                    let now = app.now + chrono::Duration::minutes(55);
                    app.tick(now);
                }
                let mut session = crate::services::session::Session::new(app, None);
                let mut view = crate::workload::live_view();
                view.theme = crate::theme::Theme::dark();
                let mut size = Size {
                    width: 100,
                    height: 30,
                };
                let mut terminal =
                    Terminal::new(Screen::new(std::io::sink(), size)).expect("terminal");
                let mut frames = Frames::default();
                let mut kept = Kept::live();
                let mut now = session.app.now;
                let sizes = &sizes;
                let actions = steps.iter().flat_map(|&(pick, tick, resize)| {
                    pool[pick].iter().enumerate().map(move |(n, &a)| {
                        let first = n == 0;
                        (
                            a,
                            tick && first,
                            sizes.get(resize).copied().filter(|_| first),
                        )
                    })
                });
                for (i, (action, tick, resize)) in actions.enumerate() {
                    if tick {
                        now += chrono::Duration::seconds(1);
                        session.app.tick(now);
                    }
                    if let Some((width, height)) = resize {
                        // Told to the backend, as the event loop does.
                        size = Size { width, height };
                        terminal.backend_mut().set_size(size);
                    }
                    let _ = session.apply(action, now);
                    let (shown, fresh) =
                        kept_and_fresh(&mut terminal, &mut frames, &mut kept, &session.app, &view);
                    prop_assert!(
                        shown == fresh,
                        "after step {i}: {action:?} in {:?}",
                        steps.iter().map(|&(p, ..)| &pool[p]).collect::<Vec<_>>()
                    );
                }
                Ok(())
            })
            .expect("every frame as drawn afresh");
    }

    /// Marking an owner absent can make their item one to defer: the timer's
    /// deferral line says so at once, the clock standing still, though the
    /// roster's actions leave the other panes as they were.
    #[test]
    fn an_owner_marked_absent_shows_in_the_deferral_line_at_once() {
        let start = chrono::DateTime::parse_from_rfc3339("2025-06-04T17:00:00Z")
            .expect("a time")
            .to_utc();
        let meeting = crate::launch::demo::demo_meeting(start);
        let mut app = crate::workload::live_app(meeting);
        let view = crate::workload::live_view();
        // Near the end of the hour with nothing discussed: far over.
        let now = app.now + chrono::Duration::minutes(55);
        app.tick(now);
        let owner = app
            .meeting
            .roster
            .iter()
            .position(|p| p.handle == "timlegge")
            .expect("the demo's roster has @timlegge");
        let size = Size {
            width: 140,
            height: 40,
        };
        let mut terminal = Terminal::new(Screen::new(std::io::sink(), size)).expect("terminal");
        let mut frames = Frames::default();
        let mut kept = Kept::live();
        for (step, action) in [None, Some(Action::FocusRoster), Some(Action::Absent)]
            .into_iter()
            .enumerate()
        {
            if let Some(action) = action {
                app.roster_cursor = owner;
                let _ = crate::app::update(&mut app, action, now);
            }
            let (shown, fresh) = kept_and_fresh(&mut terminal, &mut frames, &mut kept, &app, &view);
            assert!(shown == fresh, "step {step}");
            let line = crate::tui::panes::timer::deferral_line(&app).unwrap_or_default();
            assert_eq!(line.contains("@timlegge absent"), step == 2, "{line}");
            let start: String = line.chars().take(30).collect();
            let text: String = fresh.iter().map(Cell::symbol).collect();
            assert!(text.contains(&start), "step {step}: {line}");
        }
    }

    /// The notes pane gives the timer a row while it proposes what to defer,
    /// and takes it back: the notes are copied, not drawn again, where they
    /// start on the row they started on — not under a title too long for the
    /// frame, which takes half the pane above them (half of another height).
    #[test]
    fn notes_resized_with_the_timer_show_as_drawn_afresh() {
        // Half an hour in: the first of the roster has sent regrets, and the
        // timer proposes deferring their items, and not once they are present.
        let mut app = crate::workload::live_app(crate::workload::meeting(1));
        let now = app.now + chrono::Duration::minutes(30);
        app.tick(now);
        for action in [
            Action::NextSection,
            Action::NextSection,
            Action::NextSection,
            Action::Down,
        ] {
            let _ = crate::app::update(&mut app, action, now);
        }
        let view = crate::workload::live_view();
        for long_title in [false, true] {
            let mut app = app.clone();
            if long_title {
                let _ = crate::app::update(&mut app, Action::RenameItem, now);
                for c in "a title far too long for the frame of the notes "
                    .repeat(8)
                    .chars()
                {
                    let typed = Action::Type(crate::app::Key::char(c));
                    let _ = crate::app::update(&mut app, typed, now);
                }
                let _ = crate::app::update(&mut app, Action::Confirm, now);
            }
            // The notes pane 11 rows high while the timer proposes, 12 when
            // not: the long title takes 4 rows, then 5.
            let size = Size {
                width: 80,
                height: 17,
            };
            let mut terminal = Terminal::new(Screen::new(std::io::sink(), size)).expect("terminal");
            let mut frames = Frames::default();
            let mut kept = Kept::live();
            // Then the help over everything, and gone: the notes pane as kept
            // is copied back; then the next item's notes, and the pane taller
            // again (the row the first item's left out is not theirs).
            let steps = [
                None,
                Some(Action::FocusRoster),
                Some(Action::Present),
                Some(Action::Regrets),
                Some(Action::Present),
                Some(Action::Regrets),
                Some(Action::Help),
                Some(Action::Help),
                Some(Action::FocusAgenda),
                Some(Action::Down),
                Some(Action::FocusRoster),
                Some(Action::Present),
            ];
            for (step, action) in steps.into_iter().enumerate() {
                if let Some(action) = action {
                    app.roster_cursor = 0;
                    let _ = crate::app::update(&mut app, action, now);
                }
                let (shown, fresh) =
                    kept_and_fresh(&mut terminal, &mut frames, &mut kept, &app, &view);
                assert!(shown == fresh, "long title {long_title}, step {step}");
                let deferring = crate::tui::panes::timer::deferral_line(&app).is_some();
                assert_eq!(deferring, !matches!(step, 2 | 4 | 11), "step {step}");
                let text: String = fresh.iter().map(Cell::symbol).collect();
                // (The long title is the first item's.)
                let first_item = step < 9;
                assert_eq!(
                    text.contains("far too long"),
                    long_title && !app.help && first_item
                );
            }
        }
    }

    /// Frames drawn on the kept canvas and sent row by row show, on an
    /// emulated terminal, what the frame drawn afresh holds, whatever was done
    /// in between: typing, wrapping, moving, checking, the help, the clock
    /// moving on, a resize.
    #[test]
    fn the_terminal_shows_each_frame_as_drawn_afresh() {
        let meeting = crate::workload::meeting(1);
        let mut app = crate::workload::live_app(meeting);
        let mut view = crate::workload::live_view();
        view.theme = crate::theme::Theme::dark();
        let (width, height) = (100, 30);
        let mut terminal =
            Terminal::new(Screen::new(Vec::new(), Size { width, height })).expect("terminal");
        let mut parser = vt100::Parser::new(
            std::num::NonZeroU16::new(height).expect("rows"),
            std::num::NonZeroU16::new(width).expect("columns"),
            0,
        );
        let mut frames = Frames::default();
        let mut kept = Kept::live();
        let typed = |c| Action::Type(crate::app::Key::char(c));
        let mut steps: Vec<Action> = vec![Action::NextSection, Action::Down, Action::EditNotes];
        // The handles that complete `@p` come and go in the status line
        // between two ticks of the clock.
        steps.extend("x @p ".chars().map(typed));
        steps.extend(
            "notes 漢字 that wrap in the pane "
                .repeat(4)
                .chars()
                .map(typed),
        );
        // A word longer than the pane is cut at its edge: text up to its last
        // column, next to the frame left as it was.
        steps.extend("abcdefghij".repeat(12).chars().map(typed));
        steps.extend([
            Action::NewLine,
            typed('x'),
            Action::LeaveEditor,
            Action::Down,
            Action::ToggleCheck,
            Action::Help,
            typed('q'),
            Action::FocusRoster,
            Action::Down,
            Action::CycleState,
            // Attendance and moves in the roster: the other panes stay.
            Action::Present,
            Action::Down,
            Action::Regrets,
            Action::Up,
            Action::Absent,
            Action::FocusAgenda,
            Action::EditNotes,
            typed('y'),
            Action::LeaveEditor,
            // A panel comes over the notes and goes while only the roster
            // changes: the notes pane is kept, the panel is not.
            Action::FocusRoster,
            Action::Down,
            Action::Up,
            Action::Down,
        ]);
        let steps_count = steps.len();
        let mut now = app.now;
        for (i, action) in steps.into_iter().enumerate() {
            // The clock moves on by a second every third step.
            if i % 3 == 0 {
                now += chrono::Duration::seconds(1);
                app.tick(now);
            }
            let _ = crate::app::update(&mut app, action, now);
            if i == 20 {
                // The writer reports a save: only the status line changes.
                view.save = crate::tui::view::SaveStatus {
                    saved_at: Some(now),
                    ..crate::tui::view::SaveStatus::default()
                };
            }
            // The end-of-meeting work shows a panel, says what it found, and
            // is closed: none of it is the app's state.
            if i + 3 == steps_count {
                view.panel = Some(lint_panel());
            }
            if i + 2 == steps_count
                && let Some(panel) = &mut view.panel
            {
                panel.title = "Lint: 1 finding in minutes.md".into();
            }
            if i + 1 == steps_count {
                view.panel = None;
            }
            if i == 60 {
                // A resize: told to the backend, as the event loop does.
                terminal.backend_mut().set_size(Size {
                    width,
                    height: height - 4,
                });
                parser.screen_mut().set_size(
                    std::num::NonZeroU16::new(height - 4).expect("rows"),
                    std::num::NonZeroU16::new(width).expect("columns"),
                );
            }
            frames
                .draw(&mut terminal, |f, same| {
                    let cursor = draw_kept(f, &app, &view, &mut kept);
                    same.extend_from_slice(kept.left_in_place());
                    cursor
                })
                .expect("drawn");
            parser.process(&std::mem::take(terminal.backend_mut().writer_mut()));
            let size = terminal.size().expect("size");
            let mut afresh = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
            let fresh = afresh
                .draw(|f| draw(f, &app, &view))
                .unwrap()
                .buffer
                .clone();
            // What was sent, row by row, is that frame.
            assert_eq!(frames.area, Some(fresh.area), "after step {i}: {action:?}");
            let shown: Vec<Cell> = frames
                .shown
                .iter()
                .flat_map(|row| row.content.iter().cloned())
                .collect();
            assert!(shown == fresh.content, "after step {i}: {action:?}");
            // What the emulated terminal shows is that frame's text.
            let shown = parser.screen().contents();
            let meant: Vec<String> = fresh
                .content
                .chunks(usize::from(size.width))
                .map(|row| {
                    let mut line = String::new();
                    let mut skip = 0;
                    for cell in row {
                        if skip > 0 {
                            skip -= 1;
                            continue;
                        }
                        line.push_str(cell.symbol());
                        skip =
                            unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
                    }
                    line.trim_end().to_string()
                })
                .collect();
            let shown: Vec<String> = shown.lines().map(|l| l.trim_end().to_string()).collect();
            let meant = meant.join("\n").trim_end().to_string();
            assert_eq!(
                shown.join("\n").trim_end(),
                meant,
                "after step {i}: {action:?}"
            );
        }
        // The terminal's second buffer, never read, was let go of also after
        // the resize (which makes it again).
        terminal.swap_buffers();
        assert_eq!(terminal.current_buffer_mut().content.len(), 0);
    }
}
