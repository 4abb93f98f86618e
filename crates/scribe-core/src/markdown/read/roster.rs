//! The roster in a document: attendee, regrets and absents lists (as sections,
//! labelled entries or `Present: @a, @b` lines), and the tokenizer that reads a
//! person (`@handle`, `Name (@handle)`, a plain name, "(arrived late)") from a
//! piece of text.

use std::ops::Range;

use super::super::lines::{byte_in_source, whole_lines};
use super::super::spans::{ListKind, Member, NewListStyle, RosterLayout, RosterList};
use super::super::tree::{Kind, Node};
use super::{Reader, Section, heading_text};
use crate::model::{Attendance, Person};

/// Handles (without `@`) in a text.
pub(super) fn handles(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('@') {
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

pub(super) fn roster_kind(text: &str) -> Option<Option<ListKind>> {
    let t = text.to_lowercase();
    let partly = t.contains("partly") || t.contains("partial");
    let absent = t.contains("absent") || t.contains("not attending") || t.contains("apologies");
    let regrets = t.contains("regret");
    let present = t.contains("attendee")
        || (t.contains("attending") && !t.contains("not attending"))
        || t.starts_with("present");
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

/// A label at the start of a roster entry (`Attendees`, `Regrets:`, `Present:`):
/// the kind and where the names start (if on the same line).
pub(super) fn roster_label(text: &str) -> Option<(ListKind, usize)> {
    let lower = text.to_ascii_lowercase();
    let labels: [(&str, ListKind); 14] = [
        ("partly attending", ListKind::Partly),
        ("partly absent", ListKind::Partly),
        ("partly present", ListKind::Partly),
        ("not attending", ListKind::Absent),
        ("attendees", ListKind::Present),
        ("attendee", ListKind::Present),
        ("attending", ListKind::Present),
        ("present", ListKind::Present),
        ("regrets", ListKind::Regrets),
        ("regret", ListKind::Regrets),
        ("absents", ListKind::Absent),
        ("absentees", ListKind::Absent),
        ("absent", ListKind::Absent),
        ("apologies", ListKind::Regrets),
    ];
    for (l, k) in labels {
        if let Some(rest) = lower.strip_prefix(l) {
            if !(rest.is_empty() || rest.starts_with([':', ' ', '\t'])) {
                continue;
            }
            let after = rest.trim_start_matches([' ', '\t']);
            let after = after.strip_prefix(':').unwrap_or(after);
            let after_t = after.trim_start();
            if !(after_t.is_empty()
                || after_t.starts_with(['@', '('])
                || rest.trim_start().starts_with(':'))
            {
                continue;
            }
            return Some((k, text.len() - after_t.len()));
        }
    }
    None
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
    if text.contains(" - ") || text.contains(" – ") || text.contains('\n') {
        return false;
    }
    name_tokens(text).iter().all(|r| {
        let t = &text[r.clone()];
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
        outside_parens.split_whitespace().count() <= 4 && !outside_parens.contains(':')
    })
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
    let hs = handles(&base);
    let handle = hs.first().cloned().unwrap_or_else(|| {
        base.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace())
            .to_string()
    });
    (handle, base, note)
}

impl Reader<'_> {
    pub(super) fn add_person(&mut self, handle: &str, name: Option<String>, att: Attendance) {
        if self
            .roster
            .iter()
            .any(|p| p.handle.eq_ignore_ascii_case(handle))
        {
            return;
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
        let name = {
            let n = base
                .replace(&format!("(@{handle})"), "")
                .replace(&format!("@{handle}"), "")
                .trim()
                .to_string();
            (!n.is_empty() && base.contains('@')).then_some(n)
        };
        self.add_person(&handle, name, Self::attendance(kind, note));
        Member {
            handle,
            base,
            token: token.to_string(),
        }
    }

    /// Names on one line (`@a, @b`), from `range` of the source.
    pub(super) fn inline_list(&mut self, kind: ListKind, range: Range<usize>) -> RosterList {
        let text = &self.src[range.clone()];
        let sep = if text.contains(", ") || !text.contains(',') {
            ", "
        } else {
            ","
        };
        let members = name_tokens(text)
            .into_iter()
            .map(|t| {
                let tok = text[t].to_string();
                self.member(kind, &tok)
            })
            .collect();
        RosterList {
            kind,
            layout: RosterLayout::Inline {
                names: range,
                sep: sep.to_string(),
            },
            members,
        }
    }

    /// Entries with one name each (or a single entry holding several names).
    pub(super) fn entries_list(
        &mut self,
        kind: ListKind,
        entries: &[&Node],
        insert_at: usize,
        prefix: String,
        labeled: bool,
    ) -> RosterList {
        if entries.len() == 1 {
            let parts = self.entry(entries[0]);
            if name_tokens(&parts.text).len() > 1 {
                return self.inline_list(kind, parts.span.text.clone());
            }
        }
        let mut lines = Vec::new();
        let mut members = Vec::new();
        let mut placeholder = None;
        let mut prefix = prefix;
        let mut insert_at = insert_at;
        for e in entries {
            let parts = self.entry(e);
            prefix = self.src[parts.span.own.start..parts.span.content_start].to_string();
            if !prefix.ends_with([' ', '\t']) {
                // An empty entry ("  -"): names need a space after the marker.
                prefix.push(' ');
            }
            insert_at = parts.span.whole.end;
            if is_placeholder(&parts.text) {
                placeholder = Some(parts.span.whole.clone());
                continue;
            }
            // One name per entry, possibly with a stray separator ("@sjn, ").
            let tokens = name_tokens(&parts.text);
            let token = match tokens.as_slice() {
                [one] => parts.text[one.clone()].to_string(),
                _ => parts.text.clone(),
            };
            members.push(self.member(kind, &token));
            lines.push(parts.span.whole.clone());
        }
        RosterList {
            kind,
            layout: RosterLayout::Lines {
                lines,
                insert_at,
                prefix,
                placeholder,
                labeled,
            },
            members,
        }
    }

    /// Whether a section titled like an attendance list holds names: entries that
    /// are labels (`Regrets:`) or short names, without checkboxes or notes. (Some
    /// minutes put agenda items under a misplaced "Attending" heading.)
    pub(super) fn looks_like_roster(&self, s: &Section) -> bool {
        let entries = s
            .body
            .iter()
            .filter(|n| matches!(n.kind, Kind::List { .. }))
            .flat_map(|n| n.children.iter());
        for e in entries {
            let parts = self.entry(e);
            if parts.checked.is_some() {
                return false;
            }
            if roster_label(&parts.text).is_some() {
                continue;
            }
            let nested = e
                .children
                .iter()
                .any(|c| matches!(c.kind, Kind::List { .. }));
            if nested || !names_only(&parts.text) {
                return false;
            }
        }
        s.subs.iter().all(|sub| self.looks_like_roster(sub))
    }

    pub(super) fn roster_section(&mut self, s: &Section, kind: Option<ListKind>) {
        let heading_line = whole_lines(self.src, &s.heading.range);
        let entries: Vec<&Node> = s
            .body
            .iter()
            .filter(|n| matches!(n.kind, Kind::List { .. }))
            .flat_map(|n| n.children.iter())
            .collect();
        let mut plain = Vec::new();
        for e in &entries {
            let parts = self.entry(e);
            if let Some((k, names_at)) = roster_label(&parts.text) {
                let label_prefix =
                    self.src[parts.span.own.start..parts.span.content_start].to_string();
                let nested: Vec<&Node> = e
                    .children
                    .iter()
                    .filter(|n| matches!(n.kind, Kind::List { .. }))
                    .flat_map(|n| n.children.iter())
                    .collect();
                let names_at_src =
                    parts.span.text.start + byte_in_source(self.src, &parts.span.text, names_at);
                let colon = parts.text[..names_at].contains(':');
                let names_prefix;
                let list = if names_at < parts.text.len() || nested.is_empty() {
                    names_prefix = None;
                    let end = parts.span.text.end.max(names_at_src);
                    self.inline_list(k, names_at_src..end)
                } else {
                    let first = self.entry(nested[0]);
                    names_prefix =
                        Some(self.src[first.span.own.start..first.span.content_start].to_string());
                    let pre = names_prefix.clone().unwrap_or_default();
                    self.entries_list(k, &nested, parts.span.own.end, pre, true)
                };
                let same_line = names_prefix.is_none();
                let names_prefix = names_prefix.unwrap_or_else(|| {
                    format!(
                        "{}{}",
                        " ".repeat(parts.span.content_col()),
                        label_prefix.trim_start()
                    )
                });
                self.map.new_list = Some(NewListStyle::Labeled {
                    insert_at: parts.span.whole.end,
                    label_prefix,
                    names_prefix,
                    colon,
                    same_line,
                });
                self.map.roster.push(list);
            } else {
                plain.push(*e);
            }
        }
        if let Some(kind) = kind
            && (!plain.is_empty()
                || !entries
                    .iter()
                    .any(|e| roster_label(&self.entry(e).text).is_some()))
        {
            let bullet = self.stats.conventions(false).bullet;
            let list = self.entries_list(kind, &plain, heading_line.end, bullet.clone(), false);
            self.map.roster.push(list);
            if s.subs.is_empty() {
                self.map.new_list = Some(NewListStyle::Heading {
                    level: s.level,
                    insert_at: s.end,
                    bullet,
                });
            }
        }
        for sub in &s.subs {
            let text = heading_text(self.src, sub.heading);
            let kind = roster_kind(&text).flatten().unwrap_or(ListKind::Present);
            self.roster_section(sub, Some(kind));
        }
    }
}
