//! Drawing frames on one canvas that is kept from frame to frame, and sending
//! the terminal only the rows that differ from what it shows.
//!
//! ratatui's [`Terminal::draw`] draws each frame on a blank buffer (it blanks
//! the buffer of the frame before last, all of it, on every frame) and then
//! compares every cell of the screen with the last frame's, measuring the
//! width of each letter on the way. A key typed into the notes changes a row or
//! two: [`Frames`] draws on the terminal's buffer without blanking it (every
//! pane draws or copies all of its own area, see [`super::draw::draw_kept`]),
//! compares the screen row by row with what was sent, and diffs only the rows
//! that differ, as ratatui diffs a frame, wide letters and all.

use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::{Frame, Terminal};

/// What the terminal shows, as last sent.
#[derive(Debug, Default)]
pub struct Frames {
    shown: Option<Buffer>,
}

impl Frames {
    /// Draws a frame with `render`, which draws every cell of the screen and
    /// says where the cursor goes (hidden when `None`), and sends what changed.
    pub fn draw<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        render: impl FnOnce(&mut Frame<'_>) -> Option<Position>,
    ) -> Result<(), B::Error> {
        // A new size clears the terminal, as in ratatui's own drawing.
        terminal.autoresize()?;
        let cursor = render(&mut terminal.get_frame());
        let current = terminal.current_buffer_mut();
        let area = current.area;
        let shown = match &mut self.shown {
            Some(shown) if shown.area == area => shown,
            // The terminal is blank at first and after a resize.
            other => other.insert(Buffer::empty(area)),
        };
        let width = usize::from(area.width);
        // Each changed row as it was and as it is now, one row buffers apart.
        let mut changed: Vec<(Buffer, Buffer)> = Vec::new();
        if width > 0 {
            for (y, (was, now)) in (area.y..).zip(
                shown
                    .content
                    .chunks_mut(width)
                    .zip(current.content.chunks(width)),
            ) {
                if was != now {
                    let row = Rect::new(area.x, y, area.width, 1);
                    let before = Buffer {
                        area: row,
                        content: was.to_vec(),
                    };
                    was.clone_from_slice(now);
                    let after = Buffer {
                        area: row,
                        content: now.to_vec(),
                    };
                    changed.push((before, after));
                }
            }
        }
        terminal.backend_mut().draw(
            changed
                .iter()
                .flat_map(|(before, after)| before.diff(after)),
        )?;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::tui::backend::Screen;
    use crate::tui::draw::{Kept, draw, draw_kept};
    use ratatui::backend::TestBackend;
    use ratatui::layout::Size;

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
        steps.extend(
            "notes 漢字 that wrap in the pane "
                .repeat(4)
                .chars()
                .map(typed),
        );
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
            Action::FocusAgenda,
            Action::EditNotes,
            typed('y'),
            Action::LeaveEditor,
        ]);
        let mut now = app.now;
        for (i, action) in steps.into_iter().enumerate() {
            // The clock moves on by a second every third step.
            if i % 3 == 0 {
                now += chrono::Duration::seconds(1);
                app.tick(now);
            }
            let _ = crate::app::update(&mut app, action, now);
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
                .draw(&mut terminal, |f| draw_kept(f, &app, &view, &mut kept))
                .expect("drawn");
            parser.process(&std::mem::take(terminal.backend_mut().writer_mut()));
            let size = terminal.size().expect("size");
            let mut afresh = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
            let fresh = afresh
                .draw(|f| draw(f, &app, &view))
                .unwrap()
                .buffer
                .clone();
            assert_eq!(
                frames.shown.as_ref(),
                Some(&fresh),
                "after step {i}: {action:?}"
            );
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
    }
}
