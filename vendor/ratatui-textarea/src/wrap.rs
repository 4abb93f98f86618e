use crate::util::char_width;
#[cfg(feature = "arbitrary")]
use arbitrary::Arbitrary;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// Specify how logical lines are soft-wrapped at render time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum WrapMode {
    /// Disable soft wrapping and keep horizontal scrolling behavior.
    None,
    /// Wrap only at word boundaries. Words wider than viewport are not split.
    Word,
    /// Wrap at grapheme boundaries.
    Glyph,
    /// Wrap at word boundaries, and fall back to grapheme wrapping for long words.
    WordOrGlyph,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct WrappedLine {
    pub row: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    pub start_col: usize,
    pub end_col: usize,
    pub first_in_row: bool,
    pub last_in_row: bool,
}

#[derive(Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
}

pub(crate) fn effective_wrap_width(total_width: u16, line_number_len: Option<u8>) -> usize {
    let total_width = total_width as usize;
    let reserved = line_number_len.map(|len| len as usize + 2).unwrap_or(0);
    if total_width > reserved {
        total_width - reserved
    } else {
        1
    }
}

/// The screen rows of the data line `line` (with `row` 0: the screen map sets
/// each row's index when it puts the lines together).
pub(crate) fn line_rows(
    line: &str,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> impl Iterator<Item = WrappedLine> {
    let ranges = line_ranges(line, mode, width, tab_len, mask);
    let count = ranges.len();
    let mut start_col = 0usize;
    ranges
        .into_iter()
        .enumerate()
        .map(move |(i, (start_byte, end_byte))| {
            let end_col = start_col + line[start_byte..end_byte].chars().count();
            let wrapped = WrappedLine {
                row: 0,
                start_byte,
                end_byte,
                start_col,
                end_col,
                first_in_row: i == 0,
                last_in_row: i + 1 == count,
            };
            start_col = end_col;
            wrapped
        })
}

pub(crate) fn line_ranges(
    line: &str,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<(usize, usize)> {
    if mode == WrapMode::None {
        return vec![(0, line.len())];
    }

    let width = width.max(1);
    let mut out = match mode {
        WrapMode::None => vec![(0, line.len())],
        WrapMode::Glyph => {
            let mut chunks = Vec::new();
            split_range_by_grapheme_width(line, 0, line.len(), width, tab_len, mask, &mut chunks);
            chunks
        }
        WrapMode::Word => wrap_word_chunks(line, width, tab_len, mask, false),
        WrapMode::WordOrGlyph => wrap_word_chunks(line, width, tab_len, mask, true),
    };

    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

fn wrap_word_chunks(
    line: &str,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    fallback_to_glyph: bool,
) -> Vec<(usize, usize)> {
    let chunks: Vec<_> = if line.is_ascii() {
        ascii_word_bounds(line.as_bytes()).collect()
    } else {
        UnicodeSegmentation::split_word_bound_indices(line)
            .map(|(start, text)| Chunk {
                start,
                end: start + text.len(),
            })
            .collect()
    };

    if chunks.is_empty() {
        return vec![(0, 0)];
    }

    let mut out = Vec::new();
    let mut i = 0usize;
    let mut seg_start = chunks[0].start;
    let mut seg_end = seg_start;
    let mut seg_width = 0usize;

    while i < chunks.len() {
        let chunk = chunks[i];
        if seg_end == seg_start {
            seg_start = chunk.start;
        }

        let chunk_width = display_width_from(chunk_text(line, chunk), seg_width, tab_len, mask);
        if seg_width + chunk_width <= width {
            seg_end = chunk.end;
            seg_width += chunk_width;
            i += 1;
            continue;
        }

        if seg_end > seg_start {
            out.push((seg_start, seg_end));
            seg_start = seg_end;
            seg_width = 0;
            continue;
        }

        if fallback_to_glyph {
            split_range_by_grapheme_width(
                line,
                chunk.start,
                chunk.end,
                width,
                tab_len,
                mask,
                &mut out,
            );
        } else {
            out.push((chunk.start, chunk.end));
        }

        i += 1;
        seg_start = chunk.end;
        seg_end = chunk.end;
        seg_width = 0;
    }

    if seg_end > seg_start {
        out.push((seg_start, seg_end));
    }

    out
}

/// The word boundaries of an ASCII line, as `split_word_bound_indices` finds them
/// (UAX #29), without looking each char up in the Unicode tables. In ASCII the rules
/// come down to these: a run of spaces is one piece (WB3d); letters, digits and `_`
/// join (WB5, WB8-WB10, WB13a-b), and so do `:`, `.` and `'` between two letters
/// (WB6-WB7) and `,`, `;`, `.` and `'` between two digits (WB11-WB12); CR LF is one
/// piece (WB3); any other char is a piece of its own (WB3a-b, WB999).
fn ascii_word_bounds(line: &[u8]) -> impl Iterator<Item = Chunk> + '_ {
    fn joins(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_'
    }
    fn joins_between(b: u8, before: u8, after: u8) -> bool {
        match b {
            b':' | b'.' | b'\'' if before.is_ascii_alphabetic() && after.is_ascii_alphabetic() => {
                true
            }
            b',' | b';' | b'.' | b'\'' if before.is_ascii_digit() && after.is_ascii_digit() => true,
            _ => false,
        }
    }
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = *line.get(start)?;
        let mut end = start + 1;
        if first == b' ' {
            while line.get(end) == Some(&b' ') {
                end += 1;
            }
        } else if joins(first) {
            while let Some(&b) = line.get(end) {
                let between = line
                    .get(end + 1)
                    .is_some_and(|&after| joins_between(b, line[end - 1], after));
                if !joins(b) && !between {
                    break;
                }
                end += 1;
            }
        } else if first == b'\r' && line.get(end) == Some(&b'\n') {
            end += 1;
        }
        let chunk = Chunk { start, end };
        start = end;
        Some(chunk)
    })
}

fn split_range_by_grapheme_width(
    line: &str,
    start: usize,
    end: usize,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    out: &mut Vec<(usize, usize)>,
) {
    let mut segment_start = start;
    while segment_start < end {
        let mut segment_end = segment_start;
        let mut segment_width = 0usize;

        for (offset, grapheme) in
            UnicodeSegmentation::grapheme_indices(&line[segment_start..end], true)
        {
            let grapheme_start = segment_start + offset;
            let grapheme_end = grapheme_start + grapheme.len();
            let next_width = display_width_to(grapheme, segment_width, tab_len, mask);
            let grapheme_width = next_width.saturating_sub(segment_width);

            if segment_end != segment_start && segment_width + grapheme_width > width {
                break;
            }

            segment_end = grapheme_end;
            segment_width = next_width;
            if segment_width > width {
                break;
            }
        }

        if segment_end == segment_start {
            if let Some(ch) = line[segment_start..end].chars().next() {
                segment_end = segment_start + ch.len_utf8();
            } else {
                break;
            }
        }

        out.push((segment_start, segment_end));
        segment_start = segment_end;
    }
}

#[inline]
fn chunk_text(line: &str, chunk: Chunk) -> &str {
    &line[chunk.start..chunk.end]
}

fn display_width_from(text: &str, start_width: usize, tab_len: u8, mask: Option<char>) -> usize {
    display_width_to(text, start_width, tab_len, mask).saturating_sub(start_width)
}

fn display_width_to(text: &str, mut width: usize, tab_len: u8, mask: Option<char>) -> usize {
    for c in text.chars() {
        // A masked line is drawn as one mask character per char,
        // so each char is as wide as the mask.
        if let Some(mask) = mask {
            width += char_width(mask);
        } else if c == '\t' {
            if tab_len > 0 {
                let tab = tab_len as usize;
                let pad = tab - (width % tab);
                width += pad;
            }
        } else {
            width += char_width(c);
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(line: &str, mode: WrapMode, width: usize) -> Vec<&str> {
        line_ranges(line, mode, width, 4, None)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    fn masked_segments(line: &str, mode: WrapMode, width: usize, mask: char) -> Vec<&str> {
        line_ranges(line, mode, width, 4, Some(mask))
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    // Every ASCII string of up to five chars drawn from one char of each kind the word
    // rules tell apart, and longer strings of any ASCII chars, split as
    // `split_word_bound_indices` splits them.
    #[test]
    fn ascii_lines_split_into_words_as_unicode_segmentation_splits_them() {
        fn check(line: &str) {
            let want: Vec<(usize, usize)> = UnicodeSegmentation::split_word_bound_indices(line)
                .map(|(start, text)| (start, start + text.len()))
                .collect();
            let have: Vec<(usize, usize)> = ascii_word_bounds(line.as_bytes())
                .map(|chunk| (chunk.start, chunk.end))
                .collect();
            assert_eq!(have, want, "{line:?}");
        }
        const KINDS: &[u8] = b"aZ0_.':,;\" \r\n\x0b\t-";
        let mut line = Vec::new();
        for len in 0..=5u32 {
            for mut n in 0..KINDS.len().pow(len) {
                line.clear();
                for _ in 0..len {
                    line.push(KINDS[n % KINDS.len()]);
                    n /= KINDS.len();
                }
                check(std::str::from_utf8(&line).unwrap());
            }
        }
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            line.clear();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for i in 0..(seed % 40) {
                line.push(((seed >> (i % 57)) ^ (i * 31)) as u8 & 0x7f);
            }
            check(std::str::from_utf8(&line).unwrap());
        }
    }

    #[test]
    fn word_wrap_keeps_long_word() {
        let have = segments("helloworld", WrapMode::Word, 4);
        assert_eq!(have, vec!["helloworld"]);
    }

    #[test]
    fn word_or_glyph_wrap_splits_long_word() {
        let have = segments("helloworld", WrapMode::WordOrGlyph, 4);
        assert_eq!(have, vec!["hell", "owor", "ld"]);
    }

    #[test]
    fn glyph_wrap_handles_wide_chars() {
        let have = segments("ab犬猫", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["ab犬", "猫"]);
    }

    #[test]
    fn glyph_wrap_keeps_combining_grapheme_cluster() {
        let have = segments("e\u{301}x", WrapMode::Glyph, 1);
        assert_eq!(have, vec!["e\u{301}", "x"]);
    }

    #[test]
    fn tab_width_is_accounted_for_in_wrap() {
        let have = segments("\tX", WrapMode::WordOrGlyph, 2);
        assert_eq!(have, vec!["\t", "X"]);
    }

    #[test]
    fn glyph_wrap_preserves_full_mixed_width_row_capacity() {
        let have = segments("a中bcde", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["a中b", "cde"]);
    }

    #[test]
    fn mask_wraps_by_the_mask_width() {
        let have = masked_segments("a中\tcde", WrapMode::Glyph, 4, '*');
        assert_eq!(have, vec!["a中\tc", "de"]);
        let have = masked_segments("abcd", WrapMode::WordOrGlyph, 4, '＊');
        assert_eq!(have, vec!["ab", "cd"]);
    }

    #[test]
    fn halfwidth_sound_marks_take_a_cell() {
        let have = segments("ｶﾞﾊﾟ", WrapMode::Glyph, 2);
        assert_eq!(have, vec!["ｶﾞ", "ﾊﾟ"]);
    }
}
