//! The terminal backend scribe draws through: it writes as few bytes as a frame
//! needs, in one write.
//!
//! ratatui hands a backend only the cells that changed; what they cost on the wire
//! is the backend's business. [`Screen`] remembers what the terminal is in between
//! frames — where its cursor is, the colours and attributes in force, whether the
//! cursor is shown — and sends only what differs: a letter typed at the end of a
//! line, where the terminal's cursor already is, costs that letter and nothing
//! else. Nothing is reset at the end of a frame; what was in force stays known.
//!
//! The size is read once at the start and then told by the event loop on each
//! resize ([`Screen::set_size`]): ratatui asks the backend for it on every frame,
//! and asking the terminal each time costs system calls for nothing.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// A terminal written to through `out`, and what it is known to show.
#[derive(Debug)]
pub struct Screen<W: Write> {
    out: W,
    /// A frame's bytes, written to `out` at once on flush.
    pending: Vec<u8>,
    size: Size,
    /// Where the terminal's cursor is, when known.
    cursor: Option<Position>,
    /// Whether the cursor is shown, when known.
    shown: Option<bool>,
    /// The colours and attributes in force, when known.
    style: Option<(Color, Color, Modifier)>,
}

impl<W: Write> Screen<W> {
    /// A screen of `size` written through `out`, in a state not yet known.
    pub fn new(out: W, size: Size) -> Screen<W> {
        Screen {
            out,
            pending: Vec::with_capacity(16 * 1024),
            size,
            cursor: None,
            shown: None,
            style: None,
        }
    }

    /// The terminal was resized: its new size. What it shows is no longer known
    /// (a terminal may move the cursor or rewrap lines on a resize).
    pub fn set_size(&mut self, size: Size) {
        self.size = size;
        self.forget();
    }

    /// Someone else wrote to the terminal: nothing of its state is known.
    pub fn forget(&mut self) {
        self.cursor = None;
        self.shown = None;
        self.style = None;
    }

    /// The writer the bytes go to.
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// The writer the bytes go to, to take what was written (a `Vec` in tests).
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    fn move_to(&mut self, at: Position) {
        if self.cursor != Some(at) {
            // Infallible: writing to a Vec.
            let _ = write!(self.pending, "\x1b[{};{}H", at.y + 1, at.x + 1);
            self.cursor = Some(at);
        }
    }

    /// Makes `fg`, `bg` and `modifier` the ones in force, with the fewest codes.
    fn set_style(&mut self, fg: Color, bg: Color, modifier: Modifier) {
        let (mut now_fg, mut now_bg, mut now_mod) = match self.style {
            Some(style) => style,
            None => {
                // Unknown: start from a full reset.
                self.pending.extend_from_slice(b"\x1b[0m");
                (Color::Reset, Color::Reset, Modifier::empty())
            }
        };
        if (now_fg, now_bg, now_mod) == (fg, bg, modifier) {
            self.style = Some((fg, bg, modifier));
            return;
        }
        let mut codes: Vec<String> = Vec::new();
        if !(now_mod - modifier).is_empty() {
            // An attribute goes away: reset all (one code, whatever went).
            codes.push("0".into());
            (now_fg, now_bg, now_mod) = (Color::Reset, Color::Reset, Modifier::empty());
        }
        for (flag, code) in [
            (Modifier::BOLD, "1"),
            (Modifier::DIM, "2"),
            (Modifier::ITALIC, "3"),
            (Modifier::UNDERLINED, "4"),
            (Modifier::SLOW_BLINK, "5"),
            (Modifier::RAPID_BLINK, "6"),
            (Modifier::REVERSED, "7"),
            (Modifier::HIDDEN, "8"),
            (Modifier::CROSSED_OUT, "9"),
        ] {
            if modifier.contains(flag) && !now_mod.contains(flag) {
                codes.push(code.into());
            }
        }
        if fg != now_fg {
            codes.push(color_code(fg, false));
        }
        if bg != now_bg {
            codes.push(color_code(bg, true));
        }
        if !codes.is_empty() {
            let _ = write!(self.pending, "\x1b[{}m", codes.join(";"));
        }
        self.style = Some((fg, bg, modifier));
    }

    /// Puts the attributes back to the terminal's defaults, if they may not be.
    fn reset_style(&mut self) {
        if self.style != Some((Color::Reset, Color::Reset, Modifier::empty())) {
            self.pending.extend_from_slice(b"\x1b[0m");
            self.style = Some((Color::Reset, Color::Reset, Modifier::empty()));
        }
    }
}

/// The SGR parameters of a colour, as foreground or background.
fn color_code(color: Color, background: bool) -> String {
    let base = if background { 40 } else { 30 };
    let bright = if background { 100 } else { 90 };
    let named = |n: u8| (base + u16::from(n)).to_string();
    let light = |n: u8| (bright + u16::from(n)).to_string();
    match color {
        Color::Reset => (base + 9).to_string(),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => light(0),
        Color::LightRed => light(1),
        Color::LightGreen => light(2),
        Color::LightYellow => light(3),
        Color::LightBlue => light(4),
        Color::LightMagenta => light(5),
        Color::LightCyan => light(6),
        Color::White => light(7),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    }
}

impl<W: Write> Backend for Screen<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            self.move_to(Position { x, y });
            self.set_style(cell.fg, cell.bg, cell.modifier);
            let symbol = cell.symbol();
            self.pending.extend_from_slice(symbol.as_bytes());
            // A narrow letter moves the cursor one column on; anything else (a
            // wide letter, the last column, where terminals differ) is not relied on.
            self.cursor = (symbol.width() == 1 && x + 1 < self.size.width)
                .then_some(Position { x: x + 1, y });
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.shown != Some(false) {
            self.pending.extend_from_slice(b"\x1b[?25l");
            self.shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.shown != Some(true) {
            self.pending.extend_from_slice(b"\x1b[?25h");
            self.shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.move_to(position.into());
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Erased cells take the background in force: the default one.
        self.reset_style();
        let code: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.pending.extend_from_slice(code);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: size.columns,
                height: size.rows,
            },
            pixels: Size {
                width: size.width,
                height: size.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let written = self.out.write_all(&self.pending);
            self.pending.clear();
            if written.is_err() {
                // Part of it may have reached the terminal.
                self.forget();
            }
            written?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;
    use ratatui::text::{Line, Span};
    use ratatui::widgets::Paragraph;

    type Term = Terminal<Screen<Vec<u8>>>;
    type Shown = (String, vt100::Color, vt100::Color, bool, bool);
    /// A frame's lines and where its cursor is.
    type Scene = (Vec<Line<'static>>, Option<(u16, u16)>);

    fn terminal(width: u16, height: u16) -> Term {
        Terminal::new(Screen::new(Vec::new(), Size { width, height })).unwrap()
    }

    /// The bytes written since the last call.
    fn taken(terminal: &mut Term) -> Vec<u8> {
        std::mem::take(&mut terminal.backend_mut().out)
    }

    /// Draws `lines` with the cursor at `cursor`: the frame drawn.
    fn frame(terminal: &mut Term, lines: &[Line<'static>], cursor: Option<(u16, u16)>) -> Buffer {
        let lines = lines.to_vec();
        terminal
            .draw(|f| {
                f.render_widget(Paragraph::new(lines), f.area());
                if let Some(at) = cursor {
                    f.set_cursor_position(at);
                }
            })
            .unwrap()
            .buffer
            .clone()
    }

    /// What a terminal emulator shows, cell by cell: symbol, colours, bold, reversed.
    fn emulated(parser: &vt100::Parser) -> Vec<Shown> {
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let mut out = Vec::new();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                let cell = screen.cell(row, col).unwrap();
                let text = match cell.contents() {
                    "" => " ".to_string(),
                    text => text.to_string(),
                };
                out.push((
                    text,
                    cell.fgcolor(),
                    cell.bgcolor(),
                    cell.bold(),
                    cell.inverse(),
                ));
            }
        }
        out
    }

    /// What the frame holds, in the emulator's terms.
    fn meant(buffer: &Buffer) -> Vec<Shown> {
        let to_vt = |c: Color| match c {
            Color::Reset => vt100::Color::Default,
            Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
            Color::Indexed(i) => vt100::Color::Idx(i),
            Color::Red => vt100::Color::Idx(1),
            Color::LightBlue => vt100::Color::Idx(12),
            other => panic!("a colour the test does not use: {other:?}"),
        };
        buffer
            .content
            .iter()
            .map(|cell| {
                (
                    cell.symbol().to_string(),
                    to_vt(cell.fg),
                    to_vt(cell.bg),
                    cell.modifier.contains(Modifier::BOLD),
                    cell.modifier.contains(Modifier::REVERSED),
                )
            })
            .collect()
    }

    #[test]
    fn an_emulated_terminal_shows_every_frame_as_drawn() {
        let (width, height) = (12, 4);
        let mut terminal = terminal(width, height);
        let mut parser = vt100::Parser::new(
            std::num::NonZeroU16::new(height).unwrap(),
            std::num::NonZeroU16::new(width).unwrap(),
            0,
        );
        let rgb = Style::new()
            .fg(Color::Rgb(200, 10, 30))
            .bg(Color::Rgb(1, 2, 3));
        let bold = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        let frames: Vec<Scene> = vec![
            (
                vec![Line::raw("plain"), Line::styled("coloured", rgb)],
                None,
            ),
            (
                vec![
                    Line::from(vec![Span::styled("bold", bold), Span::raw(" then not")]),
                    Line::styled("coloured", rgb),
                    Line::styled("rev", reversed),
                ],
                Some((3, 2)),
            ),
            (
                vec![
                    Line::raw("plain"),
                    Line::styled("idx", Style::new().bg(Color::Indexed(17))),
                    Line::styled("revb", reversed.patch(bold)),
                    Line::styled("wide 漢字 x", Style::new().fg(Color::LightBlue)),
                ],
                Some((11, 3)),
            ),
            (vec![Line::raw("")], None),
            (
                vec![Line::raw("the last col"), Line::raw("ab")],
                Some((2, 1)),
            ),
        ];
        for (lines, cursor) in frames {
            let drawn = frame(&mut terminal, &lines, cursor);
            parser.process(&taken(&mut terminal));
            assert_eq!(emulated(&parser), meant(&drawn), "{lines:?}");
            let screen = parser.screen();
            assert_eq!(screen.hide_cursor(), cursor.is_none());
            if let Some((x, y)) = cursor {
                assert_eq!(screen.cursor_position(), (y, x));
            }
        }
        // A resize: the new size is told, not asked.
        terminal.backend_mut().set_size(Size {
            width: 8,
            height: 3,
        });
        parser.screen_mut().set_size(
            std::num::NonZeroU16::new(3).unwrap(),
            std::num::NonZeroU16::new(8).unwrap(),
        );
        let drawn = frame(&mut terminal, &[Line::styled("small", bold)], Some((5, 0)));
        assert_eq!(drawn.area, Rect::new(0, 0, 8, 3));
        parser.process(&taken(&mut terminal));
        assert_eq!(emulated(&parser), meant(&drawn));
    }

    #[test]
    fn a_letter_typed_at_the_cursor_costs_that_letter() {
        let mut terminal = terminal(20, 3);
        let text = Style::new().fg(Color::Rgb(208, 208, 208));
        frame(&mut terminal, &[Line::styled("ab", text)], Some((2, 0)));
        taken(&mut terminal);
        frame(&mut terminal, &[Line::styled("abc", text)], Some((3, 0)));
        assert_eq!(taken(&mut terminal), b"c");
        // Nothing changed: nothing is written.
        frame(&mut terminal, &[Line::styled("abc", text)], Some((3, 0)));
        assert_eq!(taken(&mut terminal), b"");
        // A letter elsewhere than the cursor moves there and back.
        frame(
            &mut terminal,
            &[Line::styled("abc", text), Line::raw("z")],
            Some((3, 0)),
        );
        assert_eq!(taken(&mut terminal), b"\x1b[2;1H\x1b[39mz\x1b[1;4H");
    }
}
