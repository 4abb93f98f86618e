use std::cell::Ref;

use crate::cursor::{DataCursor, ScreenCursor};
use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::wrap::{WrapMode, WrappedLine, effective_wrap_width, line_rows};

#[derive(Debug, Clone, Copy)]
pub(crate) struct ScreenLine {
    pub wrapped: WrappedLine,
    pub screen_width: usize,
    pub cursor_max_col: usize,
}

impl ScreenLine {
    /// The screen line of the row `wrapped` of `line`, measured.
    fn of(line: &str, wrapped: WrappedLine, settings: MapSettings) -> ScreenLine {
        let (tab_len, mask) = (settings.tab_len, settings.mask);
        let fragment = &line[wrapped.start_byte..wrapped.end_byte];
        let char_count = wrapped.end_col.saturating_sub(wrapped.start_col);
        let screen_width = display_width(fragment, tab_len, mask);
        let cursor_max_col = if wrapped.last_in_row {
            screen_width
        } else {
            screen_col_for_char_offset(fragment, char_count.saturating_sub(1), tab_len, mask)
        };
        ScreenLine {
            wrapped,
            screen_width,
            cursor_max_col,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DataLine {
    pub first_screen_line: usize,
    pub screen_line_count: usize,
    pub pure_ascii: bool,
}

fn is_pure_ascii(line: &str) -> bool {
    line.is_ascii() && !line.contains('\t')
}

fn char_display_width(c: char, col: usize, tab_len: u8, mask: Option<char>) -> usize {
    // A masked line is drawn as one mask character per char, so each char is as wide as the mask.
    if let Some(mask) = mask {
        char_width(mask)
    } else if c == '\t' {
        let tab = tab_len.max(1) as usize;
        let pad = tab - (col % tab);
        pad.max(1)
    } else {
        char_width(c)
    }
}

fn display_width(text: &str, tab_len: u8, mask: Option<char>) -> usize {
    let mut col = 0usize;
    for c in text.chars() {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn screen_col_for_char_offset(
    text: &str,
    char_offset: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    for c in text.chars().take(char_offset) {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn char_offset_for_screen_col(
    text: &str,
    screen_col: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        if col >= screen_col {
            break;
        }
        let width = char_display_width(c, col, tab_len, mask);
        if col + width > screen_col {
            break;
        }
        col += width;
        chars += 1;
    }
    chars
}

/// What the screen map of one data line depends on besides its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MapSettings {
    /// `None` when lines are not wrapped (no wrap mode, or no area yet).
    wrap_width: Option<usize>,
    mode: WrapMode,
    tab_len: u8,
    mask: Option<char>,
}

/// The screen lines of one data line, kept from one load of the screen map to
/// the next: a line whose text and settings did not change is not wrapped and
/// measured again. (Patched in for scribe: a key changes one line, and wrapping
/// every line of a long text again on each key cost in proportion to the text.)
#[derive(Debug, Clone)]
pub(crate) struct LineMap {
    text: String,
    settings: MapSettings,
    /// Its screen lines, with `wrapped.row` 0.
    rows: Vec<ScreenLine>,
    pure_ascii: bool,
}

impl LineMap {
    fn new(line: &str, settings: MapSettings) -> LineMap {
        let wrapped = match settings.wrap_width {
            Some(width) => {
                line_rows(line, settings.mode, width, settings.tab_len, settings.mask).collect()
            }
            None => vec![WrappedLine {
                row: 0,
                start_byte: 0,
                end_byte: line.len(),
                start_col: 0,
                end_col: line.chars().count(),
                first_in_row: true,
                last_in_row: true,
            }],
        };
        let rows = wrapped
            .into_iter()
            .map(|wrapped| ScreenLine::of(line, wrapped, settings))
            .collect();
        LineMap {
            text: line.to_string(),
            settings,
            rows,
            pure_ascii: is_pure_ascii(line),
        }
    }

    /// The map of `line`, an edit of the line `self` was made of, with the
    /// same settings: the rows before the edit are kept, and only the text
    /// from a row before the edit on is wrapped again. (Patched in for scribe:
    /// typing at the end of a long line wrapped the whole line on every key.)
    ///
    /// Wrapping is greedy from the start of a row, so the rows before the word
    /// the edit is in are as they were, but for the one just before it (the
    /// word may now fit there, or no longer). The text is wrapped again from
    /// the start of a row before that which starts a word after a space: a
    /// place where every wrap mode starts a row afresh (not within a word cut
    /// at the width), and where the word boundaries after it are those of the
    /// whole line. Where there is none, the line is mapped whole.
    fn remap(&self, line: &str, settings: MapSettings) -> LineMap {
        self.remap_rows(line, settings)
            .map_or_else(|| LineMap::new(line, settings), |(_, map)| map)
    }

    /// [`LineMap::remap`] where it keeps rows (as many as it says), `None`
    /// where the line is to be mapped whole.
    fn remap_rows(&self, line: &str, settings: MapSettings) -> Option<(usize, LineMap)> {
        let width = settings.wrap_width?;
        if self.settings != settings || settings.mode == WrapMode::None {
            return None;
        }
        let old = self.text.as_bytes();
        let edited = old
            .iter()
            .zip(line.as_bytes())
            .take_while(|(a, b)| a == b)
            .count();
        // The start of the run of non-spaces (after any spaces) the edit is in.
        let mut word = edited;
        while word > 0 && old[word - 1] == b' ' {
            word -= 1;
        }
        while word > 0 && old[word - 1] != b' ' {
            word -= 1;
        }
        let in_word = self
            .rows
            .iter()
            .rposition(|row| row.wrapped.start_byte <= word)?;
        // A row before that one which starts with a char after a space, in
        // the text the old and the new line share.
        let from = self.rows[..in_word].iter().rposition(|row| {
            let at = row.wrapped.start_byte;
            at > 0 && at < edited && old[at - 1] == b' ' && old[at].is_ascii_graphic()
        })?;
        let start = self.rows[from].wrapped;
        let rest = &line[start.start_byte..];
        let mut rows = self.rows[..from].to_vec();
        rows.extend(
            line_rows(rest, settings.mode, width, settings.tab_len, settings.mask).map(|wrapped| {
                let wrapped = WrappedLine {
                    start_byte: wrapped.start_byte + start.start_byte,
                    end_byte: wrapped.end_byte + start.start_byte,
                    start_col: wrapped.start_col + start.start_col,
                    end_col: wrapped.end_col + start.start_col,
                    first_in_row: false,
                    ..wrapped
                };
                ScreenLine::of(line, wrapped, settings)
            }),
        );
        let map = LineMap {
            text: line.to_string(),
            settings,
            rows,
            pure_ascii: is_pure_ascii(line),
        };
        Some((from, map))
    }

    fn fits(&self, line: &str, settings: MapSettings) -> bool {
        self.settings == settings && self.text == line
    }
}

/// The screen lines a text area mapped its lines to, taken from it to be given
/// to another that shows the same lines at the same width (patched in for
/// scribe: a text area opened again on the same text maps only the lines that
/// changed). A line whose text or settings differ is mapped again, as ever.
#[derive(Debug, Clone, Default)]
pub struct LineMaps(Vec<LineMap>);

impl TextArea<'_> {
    /// Takes the screen lines this text area's lines were last mapped to.
    pub fn take_line_maps(&mut self) -> LineMaps {
        self.screen_map_stale.set(true);
        LineMaps(std::mem::take(self.line_maps.get_mut()))
    }

    /// Gives this text area the screen lines `maps` holds (taken from another):
    /// the next time its map is made, each of its lines that equals the line a
    /// map was made of, with the same settings, takes that map as it is.
    pub fn give_line_maps(&mut self, maps: LineMaps) {
        *self.line_maps.get_mut() = maps.0;
        self.screen_map_stale.set(true);
    }

    fn map_settings(&self) -> MapSettings {
        let wrap_width = if self.wrap_mode() != WrapMode::None {
            let width = self.area.get().width;
            if width > 0 {
                let line_number_len = self
                    .line_number_style()
                    .map(|_| num_digits(self.lines.len()));
                Some(effective_wrap_width(width, line_number_len))
            } else {
                None
            }
        } else {
            None
        };
        MapSettings {
            wrap_width,
            mode: self.wrap_mode(),
            tab_len: self.tab_length(),
            mask: self.mask_char(),
        }
    }

    pub(crate) fn screen_map_load(&self) {
        let settings = self.map_settings();
        let mut kept = self.line_maps.borrow_mut();
        // An edit changes the lines between an unchanged head and an unchanged
        // tail (lines inserted or removed shift the tail): only those are mapped
        // again.
        let lines = &self.lines;
        let head = kept
            .iter()
            .zip(lines)
            .take_while(|(map, line)| map.fits(line, settings))
            .count();
        let most_tail = kept.len().min(lines.len()) - head;
        let tail = kept
            .iter()
            .rev()
            .zip(lines.iter().rev())
            .take(most_tail)
            .take_while(|(map, line)| map.fits(line, settings))
            .count();
        let kept_tail = kept.len() - tail;
        let changed = &lines[head..lines.len() - tail];
        // A line edited in place (a key typed) is mapped again from its map.
        if let ([line], [map]) = (changed, &mut kept[head..kept_tail]) {
            *map = map.remap(line, settings);
        } else {
            let changed = changed.iter().map(|line| LineMap::new(line, settings));
            kept.splice(head..kept_tail, changed);
        }

        let mut screen_lines = Vec::with_capacity(kept.len());
        let mut data_pointers = Vec::with_capacity(kept.len());
        for (row, map) in kept.iter().enumerate() {
            data_pointers.push(DataLine {
                first_screen_line: screen_lines.len(),
                screen_line_count: map.rows.len(),
                pure_ascii: map.pure_ascii,
            });
            screen_lines.extend(map.rows.iter().map(|line| ScreenLine {
                wrapped: WrappedLine {
                    row,
                    ..line.wrapped
                },
                ..*line
            }));
        }

        *self.screen_lines.borrow_mut() = screen_lines;
        *self.data_pointers.borrow_mut() = data_pointers;
        self.screen_map_stale.set(false);
    }

    /// The screen lines, mapped again first if an edit left them stale.
    pub(crate) fn fresh_screen_lines(&self) -> Ref<'_, Vec<ScreenLine>> {
        if self.screen_map_stale.get() {
            self.screen_map_load();
        }
        self.screen_lines.borrow()
    }

    /// The data lines' places in the screen lines, mapped again first if an
    /// edit left them stale.
    fn fresh_data_pointers(&self) -> Ref<'_, Vec<DataLine>> {
        if self.screen_map_stale.get() {
            self.screen_map_load();
        }
        self.data_pointers.borrow()
    }

    pub(crate) fn screen_lines_count(&self) -> usize {
        self.fresh_screen_lines().len()
    }

    pub(crate) fn screen_line_width(&self, row: usize) -> usize {
        self.fresh_screen_lines()[row].screen_width
    }

    pub(crate) fn screen_line_max_cursor_col(&self, row: usize) -> usize {
        self.fresh_screen_lines()[row].cursor_max_col
    }

    pub(crate) fn screen_line(&self, row: usize) -> ScreenLine {
        self.fresh_screen_lines()[row]
    }

    pub(crate) fn screen_to_array(&self, screen: ScreenCursor) -> DataCursor {
        if let Some(dc) = screen.dc {
            return dc;
        }

        let line = self.screen_line(screen.row);
        let fragment =
            &self.lines[line.wrapped.row][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset =
            char_offset_for_screen_col(fragment, screen.col, self.tab_length(), self.mask_char());
        DataCursor(line.wrapped.row, line.wrapped.start_col + char_offset)
    }

    pub(crate) fn array_to_screen(&self, array: DataCursor) -> ScreenCursor {
        let data_line = &self.fresh_data_pointers()[array.0];
        let screen_lines = self.screen_lines.borrow();

        let mut screen_idx = data_line.first_screen_line;
        for idx in
            data_line.first_screen_line..data_line.first_screen_line + data_line.screen_line_count
        {
            let line = screen_lines[idx];
            let contains = if line.wrapped.last_in_row {
                line.wrapped.start_col <= array.1 && array.1 <= line.wrapped.end_col
            } else {
                line.wrapped.start_col <= array.1 && array.1 < line.wrapped.end_col
            };
            if contains {
                screen_idx = idx;
                break;
            }
        }

        let line = screen_lines[screen_idx];
        let fragment = &self.lines[array.0][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = array.1.saturating_sub(line.wrapped.start_col);
        let col =
            screen_col_for_char_offset(fragment, char_offset, self.tab_length(), self.mask_char());

        ScreenCursor {
            row: screen_idx,
            col,
            char: self.lines[array.0].chars().nth(array.1),
            dc: Some(array),
        }
    }

    pub(crate) fn data_cursor(&self, screen: ScreenCursor) -> DataCursor {
        screen.to_array_cursor(self)
    }

    pub(crate) fn increment_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 + 1))
    }

    pub(crate) fn decrement_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_core::layout::Rect;

    fn make_textarea(lines: &[&str], wrap_mode: WrapMode, width: u16) -> TextArea<'static> {
        let mut textarea = TextArea::from(lines.iter().copied());
        textarea.set_wrap_mode(wrap_mode);
        textarea.area.set(Rect {
            x: 0,
            y: 0,
            width,
            height: 40,
        });
        textarea.screen_map_load();
        textarea
    }

    fn assert_round_trips(textarea: &TextArea<'_>) {
        for (row, line) in textarea.lines.iter().enumerate() {
            for col in 0..=line.chars().count() {
                let dc = DataCursor(row, col);
                let sc = textarea.array_to_screen(dc);
                assert_eq!(textarea.screen_to_array(sc), dc);

                let detached = ScreenCursor { dc: None, ..sc };
                assert_eq!(textarea.screen_to_array(detached), dc);
                assert_eq!(
                    textarea.array_to_screen(textarea.screen_to_array(detached)),
                    sc
                );
            }
        }
    }

    /// A text area given the line maps another made maps its lines as one
    /// mapping them afresh does, whatever changed between the two: nothing,
    /// a line's text, lines added or taken away, the width.
    /// A line edited and mapped again from its map is mapped as it is mapped
    /// afresh, row for row: edits of every kind anywhere in lines of words,
    /// spaces, tabs, punctuation, wide and combining chars, flags and words
    /// longer than a row, in every wrap mode and at widths from one column.
    #[test]
    fn a_line_mapped_again_from_its_map_is_mapped_as_afresh() {
        const PIECES: [&str; 16] = [
            "a",
            "word",
            " ",
            "  ",
            "-",
            "x.y",
            "3,5",
            "漢字",
            "e\u{301}",
            "\t",
            "🇺🇸",
            "a'b",
            "loooooooooooooooooong",
            "!",
            "ﾞ",
            "👍🏽",
        ];
        struct Cases(u64);
        impl Cases {
            fn next(&mut self, below: usize) -> usize {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                (self.0 % below as u64) as usize
            }
            fn text(&mut self, pieces: usize) -> String {
                (0..pieces)
                    .map(|_| PIECES[self.next(PIECES.len())])
                    .collect()
            }
        }
        type Row = (usize, usize, usize, usize, bool, bool, usize, usize);
        fn rows(map: &LineMap) -> Vec<Row> {
            map.rows
                .iter()
                .map(|r| {
                    let w = r.wrapped;
                    (
                        w.start_byte,
                        w.end_byte,
                        w.start_col,
                        w.end_col,
                        w.first_in_row,
                        w.last_in_row,
                        r.screen_width,
                        r.cursor_max_col,
                    )
                })
                .collect()
        }
        let mut cases = Cases(0x5eed_1234_abcd_0001);
        let modes = [WrapMode::Word, WrapMode::Glyph, WrapMode::WordOrGlyph];
        let (mut wrapped, mut kept_rows) = (0, 0);
        for case in 0..20_000 {
            let settings = MapSettings {
                wrap_width: Some(1 + cases.next(24)),
                mode: modes[case % modes.len()],
                tab_len: [0, 1, 4][cases.next(3)],
                mask: None,
            };
            let pieces = 1 + cases.next(40);
            let mut line = cases.text(pieces);
            let mut map = LineMap::new(&line, settings);
            // A run of edits, each mapped from the last map.
            for _ in 0..4 {
                let bounds: Vec<usize> = line
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([line.len()])
                    .collect();
                let from = bounds[cases.next(bounds.len())];
                let to = bounds[cases.next(bounds.len())].max(from);
                match cases.next(4) {
                    // Typing at the end, as most keys do.
                    0 => line.push_str(&cases.text(1)),
                    1 => line.replace_range(from..to, ""),
                    _ => {
                        let pieces = cases.next(3);
                        let put = cases.text(pieces);
                        line.replace_range(from..to, &put);
                    }
                }
                let again = match map.remap_rows(&line, settings) {
                    Some((kept, again)) => {
                        kept_rows += kept;
                        again
                    }
                    None => LineMap::new(&line, settings),
                };
                let afresh = LineMap::new(&line, settings);
                assert_eq!(rows(&again), rows(&afresh), "{line:?} {settings:?}");
                assert_eq!(again.text, afresh.text);
                assert_eq!(again.pure_ascii, afresh.pure_ascii);
                wrapped += usize::from(again.rows.len() > 1);
                map = again;
            }
        }
        // Most lines wrapped, and many kept rows (the cases are worth their name).
        assert!(wrapped > 40_000, "{wrapped}");
        assert!(kept_rows > 30_000, "{kept_rows}");
    }

    /// A new text area and a jump map no line (the first frame maps them,
    /// with its width); a jump goes where it went through the screen map.
    #[test]
    fn a_new_text_area_and_a_jump_map_nothing() {
        use crate::cursor::CursorMove;
        let lines = ["- one two three four", "", "- five six", "- "];
        let mut jumped = make_textarea(&lines, WrapMode::WordOrGlyph, 8);
        let mut through_map = TextArea::from(lines);
        through_map.set_wrap_mode(WrapMode::WordOrGlyph);
        assert!(through_map.screen_map_stale.get());
        through_map.screen_map_load();
        for (row, col) in [(3, u16::MAX), (0, 11), (9, 1), (1, 4), (2, 3)] {
            let mut fresh = TextArea::from(lines);
            fresh.set_wrap_mode(WrapMode::WordOrGlyph);
            fresh.move_cursor(CursorMove::Jump(row, col));
            assert!(
                fresh.screen_map_stale.get(),
                "a jump to ({row}, {col}) mapped"
            );
            assert!(fresh.line_maps.borrow().is_empty());
            jumped.move_cursor(CursorMove::Jump(row, col));
            // Where the map takes the same place, from a cursor elsewhere.
            through_map.move_cursor(CursorMove::Top);
            let next = CursorMove::Jump(row, col)
                .next_cursor(
                    through_map.screen_cursor(),
                    &through_map,
                    &through_map.viewport,
                )
                .map(|screen| through_map.data_cursor(screen));
            assert_eq!(Some(fresh.cursor()), next);
            assert_eq!(jumped.cursor(), fresh.cursor());
        }
    }

    #[test]
    fn line_maps_given_map_as_mapped_afresh() {
        let first: &[&str] = &[
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
            "- sed do",
            "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            "漢字の行 with wide letters and a long tail to wrap at the edge",
        ];
        let cases: [(&[&str], u16); 5] = [
            (first, 24),
            (&[first[0], "- sed do eiusmod", first[2], first[3]], 24),
            (
                &[
                    first[0],
                    first[1],
                    "a new line in between",
                    first[2],
                    first[3],
                ],
                24,
            ),
            (&[first[2], first[3]], 24),
            (first, 31),
        ];
        for (lines, width) in cases {
            let mut before = make_textarea(first, WrapMode::WordOrGlyph, 24);
            // Given the maps before its area is known, as an editor opening is.
            let mut given = TextArea::from(lines.iter().copied());
            given.set_wrap_mode(WrapMode::WordOrGlyph);
            given.give_line_maps(before.take_line_maps());
            given.area.set(Rect {
                x: 0,
                y: 0,
                width,
                height: 40,
            });
            let fresh = make_textarea(lines, WrapMode::WordOrGlyph, width);
            // Every case has a line longer than the width: it wraps.
            assert!(fresh.screen_lines_count() > lines.len());
            assert_eq!(given.screen_lines_count(), fresh.screen_lines_count());
            assert_eq!(*given.fresh_data_pointers(), *fresh.fresh_data_pointers());
            for (row, line) in lines.iter().enumerate() {
                for col in 0..=line.chars().count() {
                    let dc = DataCursor(row, col);
                    assert_eq!(given.array_to_screen(dc), fresh.array_to_screen(dc));
                }
            }
            assert_round_trips(&given);
        }
    }

    #[test]
    fn screen_map_round_trips_ascii_word_wrap() {
        let textarea = make_textarea(
            &[
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ],
            WrapMode::Word,
            24,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_cjk_glyph_wrap() {
        let textarea = make_textarea(
            &["混合中文字符和ASCIIabc来验证屏幕坐标与数据坐标的往返转换。"],
            WrapMode::Glyph,
            12,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_multilingual_word_or_glyph_wrap() {
        let textarea = make_textarea(
            &[
                "ASCII and русский текст can share one buffer.",
                "第二行 mixed-width 内容 with English words.",
            ],
            WrapMode::WordOrGlyph,
            18,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }
}
