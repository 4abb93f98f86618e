//! The roster in a document: attendee, regrets and absents lists, in the forms
//! groups write them — sections or bold labels named like Attendees / Present /
//! Participants / Roll call / Members and Regrets / Apologies / Absent /
//! Excused; one name per entry, comma-separated lines (`Present: Ann, Bert`),
//! roll calls with boxes (`* [x] Ann Lee - Org`) and tables with a name column —
//! and the tokenizer that reads a person (`@handle`, `Name (@handle)`,
//! `[Name](https://github.com/handle)`, a plain name, "(arrived late)") from a
//! piece of text. A line that is no name (`Host: Ann`, `[Please add yourself]`)
//! is left alone and does not stop the list being read.

use std::ops::Range;

use super::super::spans::{ListKind, Member};
use super::Reader;
use crate::model::{Attendance, Person};

/// Handles (without `@`) in a text.
pub(super) fn handles(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('@') {
        if text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.')
        {
            // An e-mail address, not a handle.
            continue;
        }
        let h: String = text[i + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !h.is_empty() {
            out.push(h);
        }
    }
    out
}

pub(super) fn label_value(text: &str, labels: &[&str]) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    for l in labels {
        if let Some(rest) = lower.strip_prefix(l) {
            let rest_t = rest.trim_start();
            if rest_t.starts_with(':') {
                let colon = text.len() - rest_t.len();
                let after = &text[colon + 1..];
                return Some(colon + 1 + (after.len() - after.trim_start().len()));
            }
        }
    }
    None
}

pub(super) fn separator_of(value: &str) -> String {
    if value.contains(" & ") && !value.contains(", ") {
        " & ".to_string()
    } else {
        ", ".to_string()
    }
}

/// Which attendance list words name: `Some(None)` for several at once
/// ("Attendees, absents & regrets"), `None` for words that name no people.
fn people_words(text: &str) -> Option<Option<ListKind>> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let has = |w: &[&str]| words.iter().any(|x| w.contains(x));
    let not_attending = lower.contains("not attending");
    let partly = has(&["partly", "partial", "partially"]);
    let absent = has(&["absent", "absents", "absentees"]) || not_attending;
    let regrets = has(&["regrets", "regret", "apologies", "apology", "excused"]);
    let present = (has(&["attending"]) && !not_attending)
        || has(&[
            "attendees",
            "attendee",
            "attendance",
            "participants",
            "participant",
            "observers",
            "guests",
        ])
        || words.first() == Some(&"present")
        || matches!(words.last(), Some(&"members" | &"council"))
        || lower.contains("roll call");
    let n = [present, regrets, absent].iter().filter(|b| **b).count();
    if n == 0 {
        return None;
    }
    if partly {
        return Some(Some(ListKind::Partly));
    }
    if n > 1 {
        return Some(None);
    }
    Some(Some(if present {
        ListKind::Present
    } else if regrets {
        ListKind::Regrets
    } else {
        ListKind::Absent
    }))
}

/// The attendance list a heading names (emphasis and a trailing colon aside).
pub(super) fn roster_kind(text: &str) -> Option<Option<ListKind>> {
    // "Attendance (please mark an “X” if you are here)": the words before the aside.
    let text = text.split('(').next().unwrap_or(text);
    let t = text.trim_matches(|c: char| c == '*' || c == '_' || c == ':' || c.is_whitespace());
    if t.split_whitespace().count() > 6 {
        return None;
    }
    people_words(t)
}

/// A label at the start of a roster entry or line (`Attendees`, `Regrets:`,
/// `**Present:**`, `TSC Attendees:`, `Partly attending @leon`): the kind and
/// where the names start (the end of the first line when none follow on it).
pub(super) fn roster_label(text: &str) -> Option<(ListKind, usize)> {
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = &text[..first_end];
    let lead = first.len() - first.trim_start_matches(['*', '_']).len();
    let body = &first[lead..];
    // Where the label ends: a colon, else an `@` or `(` starting the names, else
    // the whole line (a label alone: `-   Attendees`).
    let (label_end, after) = if let Some(c) = body.find(':') {
        (c, c + 1)
    } else if let Some(a) = body.bytes().position(|b| b == b'@' || b == b'(') {
        // Byte by byte: both are ASCII, and every note of the minutes is looked
        // at here.
        (a, a)
    } else {
        (body.len(), body.len())
    };
    let label = body[..label_end].trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let limit = if after > label_end { 4 } else { 3 };
    // Counted only as far as the limit: a note's whole line is no label.
    let words = label.split_whitespace().take(limit + 1).count();
    if words == 0 || words > limit || label.contains(['[', ']', '`', '#']) {
        return None;
    }
    let kind = people_words(label)??;
    let rest = &body[after..];
    let names = rest.trim_start_matches(['*', '_', ' ', '\t']);
    let names_at = lead + after + (rest.len() - names.len());
    let names_at = if names.trim_end().is_empty() {
        first_end.min(lead + after + rest.trim_end().len().max(rest.len() - names.len()))
    } else {
        names_at
    };
    Some((kind, names_at.min(first_end)))
}

/// A label entry whose placeholder list is a lone marker on the next line
/// (`-   Attendees` / `    * `): CommonMark reads the marker as part of the
/// label's paragraph, since an empty item cannot interrupt one.
pub(super) fn dangling_marker(text: &str) -> bool {
    let mut lines = text.lines();
    lines.next();
    let rest: Vec<&str> = lines.collect();
    !rest.is_empty() && rest.iter().all(|l| matches!(l.trim(), "*" | "-" | "+"))
}

pub(super) fn is_placeholder(t: &str) -> bool {
    matches!(
        t.trim().to_lowercase().as_str(),
        "" | "…" | "..." | "-" | "(none)" | "none" | "n/a" | "tbd"
    )
}

/// Splits a line of names into tokens (byte ranges within `text`).
pub(super) fn name_tokens(text: &str) -> Vec<Range<usize>> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut depth = 0i32;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'(' {
            depth += 1;
        } else if c == b')' {
            depth -= 1;
        }
        let sep_len = if depth > 0 {
            0
        } else if c == b',' || c == b';' {
            1
        } else if bytes[i..].starts_with(b" & ") {
            3
        } else if bytes[i..].starts_with(b" and ") {
            5
        } else {
            0
        };
        if sep_len > 0 {
            pieces.push(start..i);
            start = i + sep_len;
            i += sep_len;
        } else {
            i += 1;
        }
    }
    pieces.push(start..text.len());
    let mut out = Vec::new();
    for p in pieces {
        let piece = &text[p.clone()];
        if piece.trim().is_empty() {
            continue;
        }
        let lead = piece.len() - piece.trim_start().len();
        let p = p.start + lead..p.start + piece.trim_end().len();
        let piece = &text[p.clone()];
        if is_placeholder(piece) {
            continue;
        }
        let ats: Vec<usize> = piece.match_indices('@').map(|(i, _)| i).collect();
        let parens = piece.contains('(');
        if ats.len() >= 2 && !parens {
            // "@timlegge @tib", "@robrwo. @tux": one person per handle.
            for (k, &a) in ats.iter().enumerate() {
                let end = ats.get(k + 1).copied().unwrap_or(piece.len());
                let t = piece[a..end].trim_end().trim_end_matches(['.', ',']);
                out.push(p.start + a..p.start + a + t.len());
            }
        } else {
            out.push(p);
        }
    }
    out
}

/// Whether a text is a list of names: each name a few words at most, with an
/// optional `(@handle)` or attendance note, and no sentence punctuation.
pub(super) fn names_only(text: &str) -> bool {
    if text.contains('\n') || text.trim().is_empty() {
        return false;
    }
    name_tokens(text).iter().all(|r| {
        let t = &text[r.clone()];
        if t.starts_with('[') && !t.contains("](") {
            // "[Please add yourself]"
            return false;
        }
        let outside_parens: String = {
            let mut depth = 0;
            t.chars()
                .filter(|c| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0 && *c != ')'
                })
                .collect()
        };
        let outside = outside_parens
            .split(" - ")
            .next()
            .unwrap_or("")
            .split(" – ")
            .next()
            .unwrap_or("");
        // A name has letters (not "Attendance: 15") or a handle.
        let named = outside.chars().any(char::is_alphabetic) || t.contains('@');
        named && outside.split_whitespace().count() <= 4 && !outside.contains(':')
    })
}

/// A name as a person is shown: emphasis, links and what follows the name
/// (`, Company`, ` - Company`, ` (Org)`) taken away.
pub(crate) fn plain_name(token: &str) -> String {
    let t = token.trim();
    let t = match (t.strip_prefix('['), t.find("](")) {
        (Some(_), Some(close)) => &t[1..close],
        _ => t,
    };
    let mut cut = t.len();
    for sep in [", ", " - ", " – ", " — ", " (", "("] {
        if let Some(i) = t.find(sep)
            && i > 0
        {
            cut = cut.min(i);
        }
    }
    t[..cut]
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect::<String>()
        .trim()
        .to_string()
}

/// The handle in a profile link (`https://github.com/annlee`).
fn profile_handle(token: &str) -> Option<String> {
    let at = token.find("](")?;
    let url = token[at + 2..].split(')').next()?;
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let path = ["github.com/", "gitlab.com/", "codeberg.org/"]
        .iter()
        .find_map(|host| rest.strip_prefix(host))?;
    let h = path.trim_end_matches('/');
    (!h.is_empty()
        && h.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_'))
    .then(|| h.to_string())
}

/// Reads one name token: handle, name without attendance note, attendance note.
pub(crate) fn person_token(token: &str) -> (String, String, Option<Attendance>) {
    let lower = token.to_ascii_lowercase();
    let mut base = token.to_string();
    let mut note = None;
    for (pat, att) in [
        ("(arrived late)", Attendance::ArrivedLate { at: None }),
        ("(late)", Attendance::ArrivedLate { at: None }),
        ("(left early)", Attendance::LeftEarly { at: None }),
    ] {
        if let Some(i) = lower.find(pat) {
            base = format!("{}{}", &token[..i], &token[i + pat.len()..])
                .trim()
                .to_string();
            note = Some(att);
            break;
        }
    }
    let in_link = base.contains("](");
    let hs = if in_link { Vec::new() } else { handles(&base) };
    let handle = hs
        .first()
        .cloned()
        .or_else(|| profile_handle(&base))
        .unwrap_or_else(|| {
            plain_name(base.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace()))
        });
    (handle, base, note)
}

impl Reader<'_> {
    pub(super) fn add_person(&mut self, handle: &str, name: Option<String>, att: Attendance) {
        if let Some(i) = self
            .roster
            .iter()
            .position(|p| p.handle.eq_ignore_ascii_case(handle))
        {
            // A list names someone a table names too: scribe wrote the list, after
            // their attendance changed (it writes no tables).
            if let Some(t) = self
                .table_people
                .iter()
                .position(|h| h.eq_ignore_ascii_case(handle))
                && !self.reading_table
            {
                self.table_people.remove(t);
                self.roster[i].attendance = att;
            }
            return;
        }
        if self.reading_table {
            self.table_people.push(handle.to_string());
        }
        self.roster.push(Person {
            handle: handle.to_string(),
            name,
            attendance: att,
        });
    }

    pub(super) fn attendance(kind: ListKind, note: Option<Attendance>) -> Attendance {
        match kind {
            ListKind::Present | ListKind::Partly => note.unwrap_or(Attendance::Present),
            ListKind::Regrets => Attendance::Regrets,
            ListKind::Absent => Attendance::Absent,
        }
    }

    pub(super) fn member(&mut self, kind: ListKind, token: &str) -> Member {
        let (handle, base, note) = person_token(token);
        self.member_as(token, handle, base, Self::attendance(kind, note))
    }

    /// A person as written (`token`), with their attendance.
    pub(super) fn member_as(
        &mut self,
        token: &str,
        handle: String,
        base: String,
        att: Attendance,
    ) -> Member {
        let name = if base.contains("](") {
            Some(plain_name(&base)).filter(|n| !n.is_empty())
        } else if base.contains('@') {
            let n = base
                .replace(&format!("(@{handle})"), "")
                .replace(&format!("@{handle}"), "")
                .trim()
                .to_string();
            (!n.is_empty()).then_some(n)
        } else {
            // No handle: the name stands for one (see `Person::has_handle`).
            Some(handle.clone())
        };
        self.add_person(&handle, name, att);
        Member {
            handle,
            base,
            token: token.to_string(),
        }
    }
}
