//! Line and inline helpers over the source text: where lines start and end, list
//! markers and checkboxes, `@owner – ` prefixes, whole-title links, and inline
//! Markdown read as plain text.

use std::ops::Range;

pub(crate) fn line_start(src: &str, at: usize) -> usize {
    let b = src.as_bytes();
    b[..at.min(b.len())]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1)
}

/// End of the line containing `at` (after its newline).
pub(crate) fn line_end(src: &str, at: usize) -> usize {
    let b = src.as_bytes();
    let at = at.min(b.len());
    b[at..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |i| at + i + 1)
}

/// `range` extended to whole lines, without trailing blank lines.
pub(crate) fn whole_lines(src: &str, range: &Range<usize>) -> Range<usize> {
    let start = line_start(src, range.start);
    let content = src[start..range.end.min(src.len())].trim_end();
    let end = if content.is_empty() {
        line_end(src, start)
    } else {
        line_end(src, start + content.len() - 1)
    };
    start..end
}

/// Marker of the entry starting at `at` (after indentation): the marker text with
/// its following spaces, and where the content starts.
pub(crate) fn marker_at(src: &str, at: usize) -> (String, usize) {
    let (marker, content) = marker_str_at(src, at);
    (marker.to_string(), content)
}

/// [`marker_at`] borrowing the marker from `src` (for callers that only look).
pub(crate) fn marker_str_at(src: &str, at: usize) -> (&str, usize) {
    let rest = &src[at..];
    // Nested entries' ranges start at the parent's content column, before their
    // own indentation.
    let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let at = at + lead;
    let rest = &src[at..];
    let mlen = if rest.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            digits + 1
        } else {
            0
        }
    };
    let after = &rest[mlen..];
    let spaces = after.bytes().take_while(|&b| b == b' ').count();
    // Blank up to the end of the line: looked at only as far as the first
    // character that is not (usually the one after the spaces).
    let blank = after
        .chars()
        .take_while(|&c| c != '\n')
        .all(char::is_whitespace);
    // An empty entry, or more than 4 spaces (then the content is indented code and
    // only one space belongs to the marker).
    let spaces = if blank {
        0
    } else if spaces > 4 {
        1
    } else {
        spaces
    };
    (&rest[..mlen + spaces], at + mlen + spaces)
}

/// A checkbox at the start of `text`: its length and state.
pub(crate) fn checkbox_at(text: &str) -> Option<(usize, bool)> {
    for (pat, checked) in [("[ ]", false), ("[x]", true), ("[X]", true), ("[]", false)] {
        if let Some(rest) = text.strip_prefix(pat)
            && (rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
        {
            return Some((pat.len(), checked));
        }
    }
    None
}

/// Leading `@owner` handles followed by a separator: the handles and where the
/// title starts.
pub(crate) fn split_owners(text: &str) -> Option<(Vec<String>, usize)> {
    let mut owners = Vec::new();
    let at = scan_owners(text, |h| owners.push(h.to_string()))?;
    Some((owners, at))
}

/// Where the title starts after leading `@owner` handles and their separator, as
/// [`split_owners`] finds it, without collecting the handles.
pub(crate) fn owners_end(text: &str) -> Option<usize> {
    scan_owners(text, |_| {})
}

/// [`split_owners`]' walk, giving each handle to `handle`.
fn scan_owners<'a>(text: &'a str, mut handle: impl FnMut(&'a str)) -> Option<usize> {
    let mut pos = 0;
    loop {
        let rest = &text[pos..];
        let handle_len = rest
            .strip_prefix('@')?
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len() - 1);
        if handle_len == 0 {
            return None;
        }
        handle(&rest[1..1 + handle_len]);
        pos += 1 + handle_len;
        let rest = &text[pos..];
        if rest.is_empty() {
            return Some(pos);
        }
        let mut joined = false;
        for sep in [", ", ",", " & ", " and ", " "] {
            if let Some(r) = rest.strip_prefix(sep)
                && r.starts_with('@')
            {
                pos += sep.len();
                joined = true;
                break;
            }
        }
        if joined {
            continue;
        }
        for sep in [" – ", " - ", " — ", ": ", " -- "] {
            if rest.starts_with(sep) {
                return Some(pos + sep.len());
            }
        }
        return None;
    }
}

/// A title that is entirely a link: `[text](target)`.
pub(crate) fn split_link(title: &str) -> Option<(String, String)> {
    let inner = title.strip_prefix('[')?.strip_suffix(')')?;
    let mid = inner.find("](")?;
    let (text, target) = (&inner[..mid], &inner[mid + 2..]);
    if text.contains(['[', ']']) || target.contains(['(', ')', ' ']) {
        return None;
    }
    Some((text.to_string(), target.to_string()))
}

/// Inline text of a range with continuation lines' indentation removed.
pub(crate) fn inline_text(src: &str, r: &Range<usize>) -> String {
    let raw = &src[r.clone()];
    // Most entries are one line: nothing to join, and one allocation instead of
    // three. (Trimming the end takes a lone `\r` with it, as below.)
    if !raw.contains('\n') {
        return raw.trim_end().to_string();
    }
    raw.lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.trim_end_matches('\r')
            } else {
                l.trim_start_matches([' ', '\t']).trim_end_matches('\r')
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

/// Byte offset in the source for byte `i` of the inline text made from `r`
/// (which drops continuation lines' indentation).
pub(crate) fn byte_in_source(src: &str, r: &Range<usize>, i: usize) -> usize {
    let raw = &src[r.clone()];
    let first_line = raw.find('\n').map_or(raw.len(), |p| p);
    if i <= first_line {
        return i;
    }
    // Walk the lines, mapping the joined text onto the raw text.
    let mut joined = 0;
    let mut raw_pos = 0;
    for (k, line) in raw.split_inclusive('\n').enumerate() {
        let content = if k == 0 {
            line
        } else {
            line.trim_start_matches([' ', '\t'])
        };
        let lead = line.len() - content.len();
        let content = content.trim_end_matches(['\n', '\r']);
        if i <= joined + content.len() {
            return raw_pos + lead + (i - joined);
        }
        joined += content.len() + 1;
        raw_pos += line.len();
    }
    raw.len()
}

/// A time allowance written at the end of a title: `Topic (10 min)`, `(10 mins)`,
/// `(10 minutes)`, `(10m)`, `[10 min]`, `(10′)` or `Topic 10′`. Gives where the
/// title ends (before the blank), the digits' range, the form around the digits
/// (what comes before and after them) and the minutes.
pub(crate) fn split_allowance(title: &str) -> Option<Allowance> {
    let t = title.trim_end();
    let (close, open) = if t.ends_with(')') {
        (")", '(')
    } else if t.ends_with(']') {
        ("]", '[')
    } else {
        ("", ' ')
    };
    let body_end = t.len() - close.len();
    let body_start = if close.is_empty() {
        t.rfind(' ').map_or(0, |i| i + 1)
    } else {
        t[..body_end].rfind(open)? + 1
    };
    let body = &t[body_start..body_end];
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 4 {
        return None;
    }
    let unit = body[digits..].trim_start().to_ascii_lowercase();
    let units: &[&str] = if close.is_empty() {
        &["′", "'"]
    } else {
        &["min", "mins", "minutes", "m", "′", "'"]
    };
    if !units.contains(&unit.as_str()) {
        return None;
    }
    let form_start = if close.is_empty() {
        body_start
    } else {
        body_start - 1
    };
    let title_end = t[..form_start].trim_end().len();
    if title_end == 0 {
        return None;
    }
    Some(Allowance {
        title_end,
        digits: body_start..body_start + digits,
        before: title[title_end..body_start].to_string(),
        after: t[body_start + digits..].to_string(),
        end: t.len(),
        minutes: body[..digits].parse().ok()?,
    })
}

/// A time allowance found by [`split_allowance`]; offsets into the title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Allowance {
    pub title_end: usize,
    pub digits: Range<usize>,
    /// The form around the digits: ` (` and ` min)` in `Topic (10 min)`.
    pub before: String,
    pub after: String,
    /// Where the form ends.
    pub end: usize,
    pub minutes: u32,
}

#[cfg(test)]
mod allowance_tests {
    use super::split_allowance;

    #[test]
    fn allowances_are_read_in_the_forms_titles_write_them() {
        for (title, minutes, rest) in [
            ("Welcome (5 min)", 5, "Welcome"),
            ("Budget review (10 minutes)", 10, "Budget review"),
            ("Budget [15 mins]", 15, "Budget"),
            ("Roadmap 20′", 20, "Roadmap"),
            ("Roadmap (20m)", 20, "Roadmap"),
        ] {
            let a = split_allowance(title).unwrap();
            assert_eq!(
                (a.minutes, &title[..a.title_end]),
                (minutes, rest),
                "{title}"
            );
            assert_eq!(&title[a.digits.clone()], minutes.to_string(), "{title}");
        }
        for title in ["(10 min)", "Meet at 10", "Release 2.0 (beta)", "Plan (m)"] {
            assert_eq!(split_allowance(title), None, "{title}");
        }
    }
}
