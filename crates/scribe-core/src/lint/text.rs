//! The minutes as numbered lines, with the Jekyll front matter and fenced code
//! blocks told apart from the text the checks read.

use chrono::NaiveDate;

/// A text split into lines (without their endings), 1-based.
#[derive(Debug)]
pub struct Lines<'a> {
    /// The text as given.
    pub text: &'a str,
    lines: Vec<&'a str>,
    /// Lines 1..=front_matter_end are the front matter (0: none).
    front_matter_end: usize,
    /// Whether each line is inside a fenced code block (or is its fence).
    in_code: Vec<bool>,
}

impl<'a> Lines<'a> {
    /// Splits `text` and marks its front matter and code blocks.
    pub fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        // Jekyll reads a file with a byte order mark as if it had none.
        let first = lines.first().map(|l| l.trim_start_matches('\u{feff}'));
        let front_matter_end = if first.is_some_and(|l| l.trim_end() == "---") {
            lines
                .iter()
                .skip(1)
                .position(|l| matches!(l.trim_end(), "---" | "..."))
                .map_or(0, |p| p + 2)
        } else {
            0
        };
        let mut in_code = Vec::with_capacity(lines.len());
        let mut fence: Option<(char, usize)> = None;
        for line in &lines {
            let t = line.trim_start();
            let run = |c: char| t.chars().take_while(|&x| x == c).count();
            match fence {
                Some((c, n)) => {
                    in_code.push(true);
                    if run(c) >= n && t.trim_end().chars().all(|x| x == c) {
                        fence = None;
                    }
                }
                None => {
                    let opened = ['`', '~'].into_iter().find(|&c| run(c) >= 3);
                    if let Some(c) = opened {
                        fence = Some((c, run(c)));
                    }
                    in_code.push(opened.is_some());
                }
            }
        }
        Lines {
            text,
            lines,
            front_matter_end,
            in_code,
        }
    }

    /// Line `n` (1-based).
    pub fn line(&self, n: usize) -> &'a str {
        self.lines.get(n.wrapping_sub(1)).copied().unwrap_or("")
    }

    /// The number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// The last line of the front matter (0 when there is none).
    pub fn front_matter_end(&self) -> usize {
        self.front_matter_end
    }

    /// The text lines after the front matter and outside code blocks, numbered.
    pub fn body(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.lines
            .iter()
            .enumerate()
            .skip(self.front_matter_end)
            .filter(|(i, _)| !self.in_code[*i])
            .map(|(i, l)| (i + 1, *l))
    }

    /// The front matter's `key: value`, with its line number.
    pub fn front_matter_value(&self, key: &str) -> Option<(usize, &'a str)> {
        (2..self.front_matter_end).find_map(|n| {
            let line = self.line(n);
            let (k, v) = line.split_once(':')?;
            (k.trim() == key).then(|| (n, unquote(v.trim())))
        })
    }
}

/// A YAML scalar without its quotes.
fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// The `YYYY-MM-DD` date in a file name (`cpansec-minutes-2025-02-19.md`).
pub fn date_in_name(name: &str) -> Option<NaiveDate> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        let window = name.get(i..i + 10)?;
        (before_ok && after_ok)
            .then(|| NaiveDate::parse_from_str(window, "%Y-%m-%d").ok())
            .flatten()
    })
}

/// The indentation of `line` and the rest of it.
pub fn split_indent(line: &str) -> (&str, &str) {
    let rest = line.trim_start_matches([' ', '\t']);
    (&line[..line.len() - rest.len()], rest)
}

/// The list marker at the start of `rest` (`-`, `*`, `+`, `1.`, `1)`), its
/// length, and whether a space follows it.
pub fn list_marker(rest: &str) -> Option<(usize, bool)> {
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    let len = if digits > 0 && digits <= 9 {
        match rest[digits..].chars().next() {
            Some('.' | ')') => digits + 1,
            _ => return None,
        }
    } else if rest.starts_with(['-', '*', '+']) {
        1
    } else {
        return None;
    };
    let spaced = rest[len..].starts_with([' ', '\t']);
    Some((len, spaced))
}
