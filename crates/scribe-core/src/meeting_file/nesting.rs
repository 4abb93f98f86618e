//! How deeply a YAML meeting file nests, found in one pass before it is parsed.
//!
//! The YAML reader takes time quadratic in the depth, so a file of 100,000 `[`
//! (or `- - - …`) would hold it for minutes; this pass refuses such a file first.
//! It runs on every meeting file read, so it looks at bytes and jumps over the
//! text of plain values and quoted strings, where only a few bytes matter.

/// How deeply a meeting file may nest its lists and mappings: a real one needs a
/// dozen levels; the YAML reader takes time quadratic in the depth, so a file of
/// 100,000 `[` (or `- - - …`) would hold it for minutes.
pub const MAX_NESTING: usize = 200;

/// Where the YAML in `src` first nests deeper than [`MAX_NESTING`] (line and
/// column, from 1; the column counts bytes), found in one pass before it is
/// parsed: flow brackets (`[`, `{`) opened at the start of a value, block
/// indentation levels, and `- ` / `? ` entries opened on one line. Quoted
/// strings, comments and block scalars (`|`, `>`) are skipped. Errs on the side
/// of counting: no real file comes near the limit.
pub(crate) fn too_deep(src: &str) -> Option<(usize, usize)> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut quote: Option<u8> = None;
    // Inside a block scalar: lines indented more than this are its text.
    let mut literal_above: Option<usize> = None;
    for (n, line) in src.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line.as_bytes()[indent..];
        if let Some(above) = literal_above {
            if rest.is_empty() || indent > above {
                continue;
            }
            literal_above = None;
        }
        let mut value_start = true;
        let mut column = indent;
        if quote.is_none() && flow == 0 && !rest.is_empty() && rest[0] != b'#' {
            while indents.last().is_some_and(|&top| top > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
        }
        // The byte before this one (any byte of a character that is not ASCII
        // stands for it: it is never one of the bytes compared with).
        let mut last = b' ';
        let mut i = 0;
        while i < rest.len() {
            // Inside a quoted string only its quote and `\` matter; inside a
            // plain value (outside brackets) only `#` and `:`. The bytes
            // between are jumped over.
            let wanted: Option<&[u8]> = match quote {
                Some(b'\'') => Some(b"'"),
                Some(_) => Some(b"\"\\"),
                None if flow == 0 && !value_start => Some(b"#:"),
                None => None,
            };
            if let Some(wanted) = wanted
                && !wanted.contains(&rest[i])
            {
                match rest[i..].iter().position(|b| wanted.contains(b)) {
                    Some(skip) => {
                        i += skip;
                        last = rest[i - 1];
                        column = indent + char_start(rest, i - 1);
                    }
                    None => {
                        column = indent + char_start(rest, rest.len() - 1);
                        break;
                    }
                }
            }
            let c = rest[i];
            if c & 0xC0 != 0x80 {
                column = indent + i;
            }
            if let Some(q) = quote {
                if c == q {
                    // '' is a quote inside single quotes; \" one inside double.
                    if q == b'\'' && rest.get(i + 1) == Some(&b'\'') {
                        i += 1;
                    } else if !(q == b'"' && last == b'\\') {
                        quote = None;
                        value_start = false;
                    }
                }
                last = if last == b'\\' && c == b'\\' { b' ' } else { c };
                i += 1;
                continue;
            }
            let next_blank = rest.get(i + 1).is_none_or(|&n| n == b' ');
            match c {
                b'#' if last == b' ' => break,
                b'\'' | b'"' if value_start => quote = Some(c),
                b'[' | b'{'
                    if value_start || flow > 0 && matches!(last, b'[' | b'{' | b',' | b' ') =>
                {
                    flow += 1;
                }
                b']' | b'}' if flow > 0 => flow -= 1,
                b',' if flow > 0 => value_start = true,
                b'-' | b'?' if value_start && flow == 0 && next_blank => {
                    // An entry opened on the line: one level more.
                    indents.push(indent + i + 2);
                }
                b':' if next_blank => value_start = true,
                b'|' | b'>' if value_start && flow == 0 => {
                    literal_above = Some(indent);
                    break;
                }
                b' ' => {}
                _ => value_start = false,
            }
            last = c;
            if indents.len() + flow > MAX_NESTING {
                return Some((n + 1, column + 1));
            }
            i += 1;
        }
        if indents.len() + flow > MAX_NESTING {
            return Some((n + 1, column + 1));
        }
    }
    None
}

/// The offset of the start of the character whose bytes include `at`.
fn char_start(bytes: &[u8], mut at: usize) -> usize {
    while at > 0 && bytes[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first version of [`too_deep`], a character at a time, which the
    /// hostile files were measured against: the faster one must find the same.
    fn too_deep_char_by_char(src: &str) -> Option<(usize, usize)> {
        let mut indents: Vec<usize> = Vec::new();
        let mut flow = 0usize;
        let mut quote: Option<char> = None;
        // Inside a block scalar: lines indented more than this are its text.
        let mut literal_above: Option<usize> = None;
        for (n, line) in src.lines().enumerate() {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            if let Some(above) = literal_above {
                if rest.is_empty() || indent > above {
                    continue;
                }
                literal_above = None;
            }
            let mut chars = rest.char_indices().peekable();
            let mut value_start = true;
            let mut column = indent;
            if quote.is_none() && flow == 0 && !rest.is_empty() && !rest.starts_with('#') {
                while indents.last().is_some_and(|&top| top > indent) {
                    indents.pop();
                }
                if indents.last() != Some(&indent) {
                    indents.push(indent);
                }
            }
            let mut last = ' ';
            while let Some((i, c)) = chars.next() {
                column = indent + i;
                if let Some(q) = quote {
                    if c == q {
                        // '' is a quote inside single quotes; \" one inside double.
                        if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                            chars.next();
                        } else if !(q == '"' && last == '\\') {
                            quote = None;
                            value_start = false;
                        }
                    }
                    last = if last == '\\' && c == '\\' { ' ' } else { c };
                    continue;
                }
                let next_blank = chars.peek().is_none_or(|&(_, n)| n == ' ');
                match c {
                    '#' if last == ' ' => break,
                    '\'' | '"' if value_start => quote = Some(c),
                    '[' | '{'
                        if value_start || flow > 0 && matches!(last, '[' | '{' | ',' | ' ') =>
                    {
                        flow += 1;
                    }
                    ']' | '}' if flow > 0 => flow -= 1,
                    ',' if flow > 0 => value_start = true,
                    '-' | '?' if value_start && flow == 0 && next_blank => {
                        // An entry opened on the line: one level more.
                        indents.push(indent + i + 2);
                    }
                    ':' if next_blank => value_start = true,
                    '|' | '>' if value_start && flow == 0 => {
                        literal_above = Some(indent);
                        break;
                    }
                    ' ' => {}
                    _ => value_start = false,
                }
                last = c;
                if indents.len() + flow > MAX_NESTING {
                    return Some((n + 1, column + 1));
                }
            }
            if indents.len() + flow > MAX_NESTING {
                return Some((n + 1, column + 1));
            }
        }
        None
    }

    fn both(src: &str) -> Option<(usize, usize)> {
        let fast = too_deep(src);
        assert_eq!(fast, too_deep_char_by_char(src), "for {src:?}");
        fast
    }

    #[test]
    fn finds_what_the_character_by_character_pass_finds() {
        let meeting = crate::workload::meeting(3);
        assert_eq!(both(&crate::meeting_file::to_yaml(&meeting)), None);
        let deep = |unit: &str, n: usize| unit.repeat(n);
        for src in [
            deep("[", 300),
            deep("{a: ", 300),
            format!("a: {}", deep("[", 250)),
            deep("- ", 250),
            format!("title: 'it''s: # not a comment'\nx: {}", deep("[", 201)),
            format!("title: \"a \\\" quote: [\"\nx: {}", deep("[", 199)),
            format!("a: b # {}\nc: d", deep("[", 300)),
            format!("a: |\n  {}\nb: ok", deep("[", 300)),
            format!("a: 'multi\n  line {}'\nb: ok", deep("[", 300)),
            format!("é: ü ö {}", deep("[", 300)),
            format!("é: [ü, {}", deep("[", 300)),
            format!("x: \"ü\\\\\" {}", deep("[", 300)),
            (0..250)
                .map(|d| format!("{}k{d}:\n", " ".repeat(d)))
                .collect(),
            (0..250)
                .map(|d| format!("{}- é: ü\n", "  ".repeat(d)))
                .collect(),
        ] {
            both(&src);
        }
        assert_eq!(both(&deep("[", 300)), Some((1, 200)));
        assert!(both(&deep("- ", 250)).is_some());
        assert_eq!(both("a: b # [[[[\n"), None);
    }
}
