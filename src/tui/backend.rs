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
//! Within a frame the cells are sent grouped by their colours and attributes,
//! not row by row (see [`Deferred`]): a pane that gains or loses the focus
//! changes its frame's colour down both its sides, and sent row by row each of
//! those cells would switch the colours back and forth.
//!
//! The size is read once at the start and then told by the event loop on each
//! resize ([`Screen::set_size`]): ratatui asks the backend for it on every frame,
//! and asking the terminal each time costs system calls for nothing.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

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
    /// The cells of the frame drawn now, sent on flush.
    deferred: Deferred,
}

/// Colours and attributes, as a cell has them and the terminal keeps them.
type Look = (Color, Color, Modifier);

/// The cells of a frame, kept until it is sent whole, and sent grouped by look:
/// the cells of one look in the order they came (row by row), then the next
/// look's, in the order the looks first came. Cells sent in any order show
/// the same (each is sent with its place), as long as no cell covers another:
/// a letter written over half of a wide one blanks its other half, in the
/// colours in force. A row that may hold a wide letter, or a cell ratatui
/// draws otherwise than as it is, is sent as it came, before the others.
///
/// The cells are kept in runs (side by side on a row, of one look, each one
/// column wide; any other cell is a run of its own), as the bytes of their
/// letters: a run is sent with one move and one change of colours at most.
#[derive(Debug)]
struct Deferred {
    /// The letters of the cells, run after run.
    letters: Vec<u8>,
    /// The runs, in the order they came.
    runs: Vec<Run>,
    /// For each row, whether the terminal may hold a cell there that is not
    /// one column wide and its own (one was sent there since the screen was
    /// last cleared, or is among the runs).
    mixed: Vec<bool>,
    /// Whether any row may hold one (what the terminal shows is not known).
    all_mixed: bool,
    /// The looks of the runs in the order they first came.
    looks: Vec<Look>,
    /// The runs' places in the order they are sent (after as many places
    /// used while sorting them), and where each look's runs start among them.
    order: Vec<usize>,
    starts: Vec<usize>,
}

/// Cells side by side on a row, of one look: the first's place, the look
/// and its place in [`Deferred::looks`], the cells' letters in
/// [`Deferred::letters`], and how many columns they take — `None` for a cell
/// that is not one column wide and its own (the cursor's place after it is
/// not relied on).
#[derive(Debug)]
struct Run {
    at: Position,
    look: Look,
    look_index: usize,
    letters: std::ops::Range<usize>,
    columns: Option<u16>,
}

impl Default for Deferred {
    fn default() -> Deferred {
        Deferred {
            letters: Vec::new(),
            runs: Vec::new(),
            mixed: Vec::new(),
            // Until the screen is cleared, it may hold anything.
            all_mixed: true,
            looks: Vec::new(),
            order: Vec::new(),
            starts: Vec::new(),
        }
    }
}

impl Deferred {
    /// Keeps `cell`, to go at `at`.
    fn keep(&mut self, at: Position, cell: &Cell) {
        let symbol = cell.symbol().as_bytes();
        let look = (cell.fg, cell.bg, cell.modifier);
        let start = self.letters.len();
        // Most letters are a byte: pushed, not copied by a call.
        match symbol {
            [letter] => self.letters.push(*letter),
            _ => self.letters.extend_from_slice(symbol),
        }
        let end = self.letters.len();
        if !one_column(cell) {
            let row = usize::from(at.y);
            if self.mixed.len() <= row {
                self.mixed.resize(row + 1, false);
            }
            self.mixed[row] = true;
            self.push_run(at, look, start..end, None);
            return;
        }
        match self.runs.last_mut() {
            Some(Run {
                at: first,
                look: was,
                letters,
                columns: Some(columns),
                ..
            }) if first.y == at.y
                && first.x.checked_add(*columns) == Some(at.x)
                && *was == look =>
            {
                letters.end = end;
                *columns += 1;
            }
            _ => self.push_run(at, look, start..end, Some(1)),
        }
    }

    fn push_run(
        &mut self,
        at: Position,
        look: Look,
        letters: std::ops::Range<usize>,
        columns: Option<u16>,
    ) {
        let look_index = match self.looks.iter().position(|l| *l == look) {
            Some(known) => known,
            None => {
                self.looks.push(look);
                self.looks.len() - 1
            }
        };
        self.runs.push(Run {
            at,
            look,
            look_index,
            letters,
            columns,
        });
    }
}

/// Whether a cell is one column wide and drawn as it is (no forced width, not
/// skipped): its place on the screen is its alone, and between two rows of
/// such cells, ratatui's diff is the cells that differ, each sent as it is (no
/// wide letter hides the cell after it, none leaves one behind to clear).
#[allow(deprecated)] // `skip`: still read by ratatui's diff.
#[inline]
pub(super) fn one_column(cell: &Cell) -> bool {
    use ratatui::buffer::CellDiffOption;
    matches!(cell.diff_option, CellDiffOption::None)
        && !cell.skip
        && one_column_symbol(cell.symbol())
}

/// Whether ratatui gives `symbol` one column, as `CellWidth::cell_width`
/// measures it. A symbol of one char (the frames' lines, the timer's bar,
/// most letters) is looked up as that char: ratatui measures any symbol as a
/// string, one grapheme's rules and all, and every cell of a pane's frame
/// is measured each time it is compared or sent.
fn one_column_symbol(symbol: &str) -> bool {
    use ratatui::buffer::CellWidth as _;
    use unicode_width::UnicodeWidthChar as _;
    // One byte, or a line or block of the frames and the timer's bar (U+2500
    // to U+259F, three bytes: E2 94 80 to E2 96 9F), all a column.
    if symbol.len() == 1 || matches!(symbol.as_bytes(), [0xE2, 0x94..=0x96, _]) {
        return true;
    }
    let mut chars = symbol.chars();
    match (chars.next(), chars.next()) {
        // ratatui adds a column for these sound marks, and measures a
        // control char (no width of its own) a column.
        (Some(c), None) if !matches!(c, '\u{FF9E}' | '\u{FF9F}') => c.width().unwrap_or(1) == 1,
        _ => symbol.cell_width() == 1,
    }
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
            deferred: Deferred::default(),
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
        self.deferred.all_mixed = true;
    }

    /// The writer the bytes go to.
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// The writer the bytes go to, to take what was written (a `Vec` in tests).
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Moves the terminal's cursor to `at`, by the shortest of the moves
    /// from where it is known to be and the move to the place itself.
    fn move_to(&mut self, at: Position) {
        if self.cursor == Some(at) {
            return;
        }
        let start = self.pending.len();
        if let Some(from) = self.cursor {
            relative_move(&mut self.pending, from, at);
        }
        let relative = self.pending.len() - start;
        // The place itself: `ESC [ row ; column H`, the column left out when
        // it is the first.
        let absolute = 3
            + digits(u32::from(at.y) + 1)
            + if at.x == 0 {
                0
            } else {
                1 + digits(u32::from(at.x) + 1)
            };
        if self.cursor.is_none() || absolute < relative {
            self.pending.truncate(start);
            self.pending.extend_from_slice(b"\x1b[");
            decimal(&mut self.pending, u32::from(at.y) + 1);
            if at.x > 0 {
                self.pending.push(b';');
                decimal(&mut self.pending, u32::from(at.x) + 1);
            }
            self.pending.push(b'H');
        }
        self.cursor = Some(at);
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
        self.style = Some((fg, bg, modifier));
        if (now_fg, now_bg, now_mod) == (fg, bg, modifier) {
            return;
        }
        // The codes go straight into the frame's bytes, `;` between them.
        let start = self.pending.len();
        self.pending.extend_from_slice(b"\x1b[");
        let mut sgr = Sgr {
            out: &mut self.pending,
            any: false,
        };
        let gone = now_mod - modifier;
        if !gone.is_empty() {
            if TURNED_OFF.contains(gone) {
                // Each attribute that goes away is turned off by its own code;
                // the colours stay in force (a reset would have them sent again).
                for (flags, code) in OFF_CODES {
                    if gone.intersects(flags) {
                        sgr.code(code);
                        // 22 ends bold and faint together.
                        now_mod -= flags;
                    }
                }
            } else {
                // An attribute without such a code in every terminal: reset all.
                sgr.code("0");
                (now_fg, now_bg, now_mod) = (Color::Reset, Color::Reset, Modifier::empty());
            }
        }
        for (flag, code) in ON_CODES {
            if modifier.contains(flag) && !now_mod.contains(flag) {
                sgr.code(code);
            }
        }
        if fg != now_fg {
            sgr.color(fg, false);
        }
        if bg != now_bg {
            sgr.color(bg, true);
        }
        if sgr.any {
            self.pending.push(b'm');
        } else {
            self.pending.truncate(start);
        }
    }

    /// Sends the cells drawn since the last time: the rows that must keep
    /// their order first, then the others by look (see [`Deferred`]).
    fn send_deferred(&mut self) {
        if self.deferred.runs.is_empty() {
            return;
        }
        let mut deferred = std::mem::take(&mut self.deferred);
        let Deferred {
            letters,
            runs,
            mixed,
            all_mixed,
            looks,
            order,
            starts,
        } = &mut deferred;
        let in_order =
            |row: u16| *all_mixed || mixed.get(usize::from(row)).copied().unwrap_or(false);
        // The runs in order of their looks, each look's in the order they
        // came (a counting sort: where each look's runs start, then each put);
        // the rows that keep their order are sent as they come.
        starts.clear();
        starts.resize(looks.len() + 1, 0);
        order.clear();
        for (index, run) in runs.iter().enumerate() {
            if in_order(run.at.y) {
                self.send_run(run, letters);
            } else {
                starts[run.look_index + 1] += 1;
                order.push(index);
            }
        }
        for look in 0..looks.len() {
            starts[look + 1] += starts[look];
        }
        let sent = order.len();
        order.resize(2 * sent, 0);
        for at in 0..sent {
            let index = order[at];
            let look = runs[index].look_index;
            order[sent + starts[look]] = index;
            starts[look] += 1;
        }
        for &index in &order[sent..] {
            self.send_run(&runs[index], letters);
        }
        letters.clear();
        runs.clear();
        looks.clear();
        self.deferred = deferred;
    }

    /// Sends one run of cells where it goes.
    fn send_run(&mut self, run: &Run, letters: &[u8]) {
        let (fg, bg, modifier) = run.look;
        self.move_to(run.at);
        self.set_style(fg, bg, modifier);
        self.pending
            .extend_from_slice(&letters[run.letters.clone()]);
        // One-column letters move the cursor on by one each; anything else (a
        // wide letter, the last column, where terminals differ) is not relied on.
        self.cursor = run
            .columns
            .and_then(|columns| run.at.x.checked_add(columns))
            .filter(|&end| end < self.size.width)
            .map(|x| Position { x, y: run.at.y });
    }

    /// Puts the attributes back to the terminal's defaults, if they may not be.
    fn reset_style(&mut self) {
        if self.style != Some((Color::Reset, Color::Reset, Modifier::empty())) {
            self.pending.extend_from_slice(b"\x1b[0m");
            self.style = Some((Color::Reset, Color::Reset, Modifier::empty()));
        }
    }
}

/// The codes that turn each attribute on.
const ON_CODES: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

/// The codes that turn attributes off one by one, as terminals (and the Linux
/// console) have long understood them: normal intensity (neither bold nor
/// faint), not italic, not underlined, not reversed.
const OFF_CODES: [(Modifier, &str); 4] = [
    (Modifier::BOLD.union(Modifier::DIM), "22"),
    (Modifier::ITALIC, "23"),
    (Modifier::UNDERLINED, "24"),
    (Modifier::REVERSED, "27"),
];

/// The attributes [`OFF_CODES`] can turn off.
const TURNED_OFF: Modifier = Modifier::BOLD
    .union(Modifier::DIM)
    .union(Modifier::ITALIC)
    .union(Modifier::UNDERLINED)
    .union(Modifier::REVERSED);

/// The parameters of one SGR sequence, written as they come.
struct Sgr<'a> {
    out: &'a mut Vec<u8>,
    /// Whether a parameter is written yet (the next needs a `;`).
    any: bool,
}

impl Sgr<'_> {
    /// Starts the next parameter.
    fn next(&mut self) -> &mut Vec<u8> {
        if std::mem::replace(&mut self.any, true) {
            self.out.push(b';');
        }
        self.out
    }

    fn code(&mut self, code: &str) {
        self.next().extend_from_slice(code.as_bytes());
    }

    /// The parameters of a colour, as foreground or background.
    fn color(&mut self, color: Color, background: bool) {
        let base: u8 = if background { 40 } else { 30 };
        let bright: u8 = if background { 100 } else { 90 };
        let code = match color {
            Color::Reset => base + 9,
            Color::Black => base,
            Color::Red => base + 1,
            Color::Green => base + 2,
            Color::Yellow => base + 3,
            Color::Blue => base + 4,
            Color::Magenta => base + 5,
            Color::Cyan => base + 6,
            Color::Gray => base + 7,
            Color::DarkGray => bright,
            Color::LightRed => bright + 1,
            Color::LightGreen => bright + 2,
            Color::LightYellow => bright + 3,
            Color::LightBlue => bright + 4,
            Color::LightMagenta => bright + 5,
            Color::LightCyan => bright + 6,
            Color::White => bright + 7,
            Color::Indexed(i) => {
                let out = self.next();
                decimal(out, u32::from(base) + 8);
                out.extend_from_slice(b";5;");
                decimal(out, u32::from(i));
                return;
            }
            Color::Rgb(r, g, b) => {
                let out = self.next();
                decimal(out, u32::from(base) + 8);
                out.extend_from_slice(b";2;");
                for (n, part) in [r, g, b].into_iter().enumerate() {
                    if n > 0 {
                        out.push(b';');
                    }
                    decimal(out, u32::from(part));
                }
                return;
            }
        };
        decimal(self.next(), u32::from(code));
    }
}

/// Writes the moves that take the terminal's cursor from `from` to `to`, in
/// raw mode (a line feed moves down a row and nothing else; `from` is never
/// where a line feed would scroll, the last row, when it goes down): down by
/// line feeds or up, then to the column by backspaces, a carriage return, or
/// forward.
fn relative_move(out: &mut Vec<u8>, from: Position, to: Position) {
    /// Up to this many steps go as single bytes (a line feed, a backspace).
    const STEPS: u16 = 3;
    let by_code = |out: &mut Vec<u8>, n: u16, code: u8| {
        out.extend_from_slice(b"\x1b[");
        if n > 1 {
            decimal(out, u32::from(n));
        }
        out.push(code);
    };
    match to.y.cmp(&from.y) {
        std::cmp::Ordering::Greater if to.y - from.y <= STEPS => {
            out.extend(std::iter::repeat_n(b'\n', usize::from(to.y - from.y)));
        }
        std::cmp::Ordering::Greater => by_code(out, to.y - from.y, b'B'),
        std::cmp::Ordering::Less => by_code(out, from.y - to.y, b'A'),
        std::cmp::Ordering::Equal => {}
    }
    match to.x.cmp(&from.x) {
        std::cmp::Ordering::Less if to.x == 0 => out.push(b'\r'),
        std::cmp::Ordering::Less if from.x - to.x <= STEPS => {
            out.extend(std::iter::repeat_n(b'\x08', usize::from(from.x - to.x)));
        }
        std::cmp::Ordering::Less => by_code(out, from.x - to.x, b'D'),
        std::cmp::Ordering::Greater => by_code(out, to.x - from.x, b'C'),
        std::cmp::Ordering::Equal => {}
    }
}

/// How many digits `n` has in decimal.
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// Writes `n` in decimal (what `write!` does, without its formatting machinery:
/// every colour and cursor move of a frame goes through here).
fn decimal(out: &mut Vec<u8>, n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

impl<W: Write> Backend for Screen<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            self.deferred.keep(Position { x, y }, cell);
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.send_deferred();
        if self.shown != Some(false) {
            self.pending.extend_from_slice(b"\x1b[?25l");
            self.shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.send_deferred();
        if self.shown != Some(true) {
            self.pending.extend_from_slice(b"\x1b[?25h");
            self.shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.send_deferred();
        Ok(self.cursor.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.send_deferred();
        self.move_to(position.into());
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.send_deferred();
        // Erased cells take the background in force: the default one.
        self.reset_style();
        let code: &[u8] = match clear_type {
            ClearType::All => {
                // A blank screen: no row holds a wide letter.
                self.deferred.all_mixed = false;
                self.deferred.mixed.iter_mut().for_each(|row| *row = false);
                b"\x1b[2J"
            }
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
        self.send_deferred();
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
    /// Every symbol of one char is one column for scribe exactly when ratatui
    /// measures it so.
    #[test]
    fn a_symbol_of_one_char_is_one_column_as_ratatui_measures_it() {
        use ratatui::buffer::CellWidth as _;
        let mut measured = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let symbol = c.to_string();
            // ratatui gives a single byte a column (and asserts in a debug
            // build that it is no control char).
            let expected = c.is_ascii() || symbol.cell_width() == 1;
            assert_eq!(
                super::one_column_symbol(&symbol),
                expected,
                "U+{:04X}",
                u32::from(c)
            );
            measured += 1;
        }
        assert_eq!(measured, 0x110000 - 0x800);
        for symbol in ["", "e\u{301}", "👍🏽", "\u{FF76}\u{FF9E}", "ab"] {
            assert_eq!(super::one_column_symbol(symbol), symbol.cell_width() == 1);
        }
    }

    use super::*;
    use ratatui::Terminal;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// Numbers are written as `format!` writes them, at every length.
    #[test]
    fn numbers_are_written_in_decimal() {
        let mut n = 1u64;
        let mut cases = vec![0u32, u32::MAX];
        while n <= u64::from(u32::MAX) {
            cases.extend([n - 1, n, n + 1].map(|n| n as u32));
            n *= 10;
        }
        for n in cases {
            let mut out = b"x".to_vec();
            decimal(&mut out, n);
            assert_eq!(out, format!("x{n}").into_bytes(), "{n}");
        }
    }
    use ratatui::text::{Line, Span};
    use ratatui::widgets::Paragraph;

    type Term = Terminal<Screen<Vec<u8>>>;
    /// A cell as seen: symbol, colours, and bold, faint, italic, underlined, reversed.
    type Shown = (String, vt100::Color, vt100::Color, [bool; 5]);
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
    fn frame<B: Backend>(
        terminal: &mut Terminal<B>,
        lines: &[Line<'static>],
        cursor: Option<(u16, u16)>,
    ) -> Buffer
    where
        B::Error: std::fmt::Debug,
    {
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
                    [
                        cell.bold(),
                        cell.dim(),
                        cell.italic(),
                        cell.underline(),
                        cell.inverse(),
                    ],
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
                    [
                        Modifier::BOLD,
                        Modifier::DIM,
                        Modifier::ITALIC,
                        Modifier::UNDERLINED,
                        Modifier::REVERSED,
                    ]
                    .map(|m| cell.modifier.contains(m)),
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
            // Attributes coming and going one by one, on a background that stays.
            (
                vec![
                    Line::from(vec![
                        Span::styled("b", rgb.add_modifier(Modifier::BOLD)),
                        Span::styled("d", rgb.add_modifier(Modifier::DIM)),
                        Span::styled("i", rgb.add_modifier(Modifier::ITALIC)),
                        Span::styled("u", rgb.add_modifier(Modifier::UNDERLINED)),
                        Span::styled("r", rgb.add_modifier(Modifier::REVERSED)),
                        Span::styled("x", rgb),
                        Span::styled("h", rgb.add_modifier(Modifier::CROSSED_OUT)),
                        Span::styled("y", rgb),
                        Span::styled("z", bold),
                        Span::raw("w"),
                    ]),
                    Line::styled(
                        "iu",
                        rgb.add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
                    ),
                    Line::styled("u", rgb.add_modifier(Modifier::UNDERLINED)),
                ],
                None,
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

    /// The frames of a screen of 10 × 5: each row spans of a few letters (wide
    /// ones too) in one of a few looks, and where the cursor is.
    fn scenes() -> impl proptest::strategy::Strategy<Value = Vec<Scene>> {
        use proptest::prelude::*;
        let looks = [
            Style::new(),
            Style::new().fg(Color::Rgb(108, 108, 108)),
            Style::new()
                .fg(Color::Rgb(95, 175, 255))
                .add_modifier(Modifier::BOLD),
            Style::new().bg(Color::Indexed(17)),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
        ];
        let span = (
            proptest::sample::select(vec!["a", "bc", " ", "─", "━━", "漢", "x字", "…"]),
            proptest::sample::select(looks.to_vec()),
        )
            .prop_map(|(text, look)| Span::styled(text, look));
        let line = proptest::collection::vec(span, 0..6).prop_map(Line::from);
        let cursor = proptest::option::of((0u16..10, 0u16..5));
        proptest::collection::vec((proptest::collection::vec(line, 0..6), cursor), 1..8)
    }

    /// A writer whose bytes can be taken while another holds it.
    #[derive(Debug, Default, Clone)]
    struct Tap(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Tap {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    proptest::proptest! {
        /// Whatever frames come one after another, an emulated terminal shows
        /// each as it shows the same frames sent by ratatui's own crossterm
        /// backend (every cell in order, each move to the place itself), its
        /// cursor where it goes: the cells sent grouped by look, the moves
        /// between them relative or not, and the colours changed by what
        /// differs land where they belong.
        #[test]
        fn any_frames_show_as_crossterm_sends_them(scenes in scenes()) {
            let (width, height) = (10, 5);
            let area = Rect::new(0, 0, width, height);
            let mut terminal = terminal(width, height);
            let sent = Tap::default();
            let mut plain = Terminal::with_options(
                ratatui::backend::CrosstermBackend::new(sent.clone()),
                ratatui::TerminalOptions {
                    viewport: ratatui::Viewport::Fixed(area),
                },
            )
            .unwrap();
            let parser = || {
                vt100::Parser::new(
                    std::num::NonZeroU16::new(height).unwrap(),
                    std::num::NonZeroU16::new(width).unwrap(),
                    0,
                )
            };
            let (mut ours, mut theirs) = (parser(), parser());
            // A blank screen, known to be (as scribe starts).
            terminal.clear().unwrap();
            for (lines, cursor) in scenes {
                let drawn = frame(&mut terminal, &lines, cursor);
                ours.process(&taken(&mut terminal));
                frame(&mut plain, &lines, cursor);
                theirs.process(&sent.0.take());
                proptest::prop_assert_eq!(emulated(&ours), emulated(&theirs));
                // Not one cell of the frame is left out.
                let shown: Vec<String> = emulated(&ours).into_iter().map(|cell| cell.0).collect();
                let meant: Vec<String> = meant(&drawn).into_iter().map(|cell| cell.0).collect();
                proptest::prop_assert_eq!(shown, meant);
                let screen = ours.screen();
                proptest::prop_assert_eq!(screen.hide_cursor(), cursor.is_none());
                if let Some((x, y)) = cursor {
                    proptest::prop_assert_eq!(screen.cursor_position(), (y, x));
                }
            }
        }
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
        // (Down a row and back to its start, then to the place itself.)
        assert_eq!(taken(&mut terminal), b"\n\r\x1b[39mz\x1b[1;4H");
    }

    /// An attribute going away is turned off by its own code: the colours in
    /// force are not sent again.
    #[test]
    fn an_attribute_going_away_costs_its_own_code() {
        let mut terminal = terminal(20, 1);
        let text = Style::new()
            .fg(Color::Rgb(208, 208, 208))
            .bg(Color::Rgb(28, 28, 28));
        let line =
            |a: Style, b: Style| vec![Line::from(vec![Span::styled("a", a), Span::styled("b", b)])];
        let bold = text.add_modifier(Modifier::BOLD);
        frame(&mut terminal, &line(bold, bold), None);
        taken(&mut terminal);
        frame(&mut terminal, &line(bold, text), None);
        // (Back a column from where the last frame left the cursor.)
        assert_eq!(taken(&mut terminal), b"\x08\x1b[22mb");
        frame(
            &mut terminal,
            &line(
                text.add_modifier(Modifier::REVERSED | Modifier::ITALIC),
                text.add_modifier(Modifier::ITALIC),
            ),
            None,
        );
        assert_eq!(taken(&mut terminal), b"\r\x1b[3;7ma\x1b[27mb");
        // Bold and faint end together: the one that stays is turned on again.
        let both = text.add_modifier(Modifier::BOLD | Modifier::DIM);
        frame(&mut terminal, &line(both, both), None);
        taken(&mut terminal);
        frame(
            &mut terminal,
            &line(both, text.add_modifier(Modifier::DIM)),
            None,
        );
        assert_eq!(taken(&mut terminal), b"\x08\x1b[22;2mb");
        // An attribute without a code of its own to end it: everything is reset.
        frame(
            &mut terminal,
            &line(text, text.add_modifier(Modifier::CROSSED_OUT)),
            None,
        );
        taken(&mut terminal);
        frame(&mut terminal, &line(text, text), None);
        assert_eq!(
            taken(&mut terminal),
            b"\x08\x1b[0;38;2;208;208;208;48;2;28;28;28mb"
        );
    }
}
