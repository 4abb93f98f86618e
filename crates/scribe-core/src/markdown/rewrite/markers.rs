//! A list whose kind the secretary changed (numbered `1.` or bulleted `-`): every
//! entry of the list gets the other marker, in the list's own form. The marker
//! keeps its column and the spaces after it; numbers count from 1 in the list's
//! new order. When the new marker is wider (`- ` → `1. `), the entry's further
//! lines (its notes, continuation lines) move right as much, so that they stay
//! nested under it.
//!
//! A first entry written after list lines that are not entries of the model
//! takes their bullet, so that it continues their list.

use super::{Parent, Writer};
use crate::markdown::lines::{line_end, line_start, marker_at, marker_str_at};
use crate::markdown::spans::Span;

/// What a re-marked entry becomes: its marker (with the spaces after it) and
/// how many columns its further lines move right.
#[derive(Debug, Clone)]
pub(super) struct Mark {
    pub marker: String,
    pub shift: usize,
}

impl Writer<'_> {
    /// The marker of entry number `k` (from 1) of a list now `numbered` or not,
    /// made from the entry's marker `old` (with its spaces).
    pub(super) fn marker_now(&self, old: &str, numbered: bool, k: usize) -> String {
        let head = old.trim_end_matches([' ', '\t']);
        let spaces = &old[head.len()..];
        let was_numbered = head.starts_with(|c: char| c.is_ascii_digit());
        let new_head = match (numbered, was_numbered) {
            (true, true) => format!(
                "{k}{}",
                head.trim_start_matches(|c: char| c.is_ascii_digit())
            ),
            (true, false) => format!("{k}."),
            (false, true) => self.bullet_char().to_string(),
            (false, false) => head.to_string(),
        };
        format!("{new_head}{spaces}")
    }

    /// The marker of a first child of `parent` written into the list of lines
    /// that are not entries of the model (`* Meeting chair: …`): that list's
    /// bullet, so that the child continues the list instead of starting one of
    /// another bullet (which Markdown reads as a second list). `None` when there
    /// is no such bulleted list right before where it goes.
    pub(super) fn bullet_of_lines_before(&self, parent: &Parent) -> Option<String> {
        if !parent.after_lines || parent.numbered {
            return None;
        }
        let src = self.src();
        let mut end = parent.insert_at.min(src.len());
        // Back over the list's nested and continued lines, and blank ones, to
        // the last line at the list's own indent.
        while end > 0 {
            let start = line_start(src, end - 1);
            let line = &src[start..end];
            let lead = line.len() - line.trim_start_matches(' ').len();
            if line.trim().is_empty() || lead > parent.indent {
                end = start;
                continue;
            }
            if lead < parent.indent {
                return None;
            }
            let (marker, _) = marker_str_at(src, start);
            return marker
                .starts_with(['-', '*', '+'])
                .then(|| marker.to_string());
        }
        None
    }

    /// The bullet the document writes (`-` or `*`).
    fn bullet_char(&self) -> char {
        self.doc
            .conv
            .bullet
            .chars()
            .next()
            .filter(|c| matches!(c, '-' | '*' | '+'))
            .unwrap_or('-')
    }

    /// Gives the list entry `span` the marker of entry `k` of a list now
    /// `numbered` or not, and remembers it for the entry's own notes.
    pub(super) fn remark(&mut self, span: &Span, numbered: bool, k: usize) {
        let marker = self.marker_now(span.marker(self.src()), numbered, k);
        let start = span.content_start - usize::from(span.marker_len);
        let shift = self.replace_marker(start, span, &marker);
        self.marks
            .insert(span.whole.start, super::markers::Mark { marker, shift });
    }

    /// Writes `marker` over the one at `start`; moves the entry's further lines
    /// right when it is wider. Returns by how much.
    fn replace_marker(&mut self, start: usize, span: &Span, marker: &str) -> usize {
        let shift = marker
            .chars()
            .count()
            .saturating_sub(usize::from(span.marker_len));
        self.late(start..span.content_start, marker.to_string());
        if shift > 0 {
            let src = self.src().to_string();
            let mut at = line_end(&src, span.whole.start);
            while at < span.whole.end {
                let end = line_end(&src, at);
                let line = &src[at..end];
                let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
                if lead > 0 && !line.trim().is_empty() {
                    let indent = src[at..at + lead].to_string();
                    self.late(at..at + lead, format!("{indent}{}", " ".repeat(shift)));
                }
                at = end;
            }
        }
        shift
    }

    /// Entries before `first` in its list that are no items (`Meeting chair:`
    /// lines): they are re-marked first, from number 1. Returns how many.
    pub(super) fn remark_lead(&mut self, first: &Span, numbered: bool) -> usize {
        let src = self.src().to_string();
        let mut starts = Vec::new();
        let mut at = first.whole.start;
        while at > 0 {
            let ls = line_start(&src, at - 1);
            let line = src[ls..at].trim_end_matches(['\r', '\n']);
            at = ls;
            if line.trim().is_empty() {
                continue;
            }
            let lead = line.len() - line.trim_start_matches(' ').len();
            if lead > first.indent {
                continue;
            }
            let (marker, content) = marker_at(&src, ls);
            let head = marker.trim_end();
            let kind = |m: &str| m.starts_with(|c: char| c.is_ascii_digit());
            if lead < first.indent
                || head.is_empty()
                || kind(head) != kind(first.marker(&src).trim_end())
                || line.starts_with('#')
            {
                break;
            }
            starts.push((ls + lead, content, marker));
        }
        starts.reverse();
        for (k, (start, content, marker)) in starts.iter().enumerate() {
            let new = self.marker_now(marker, numbered, k + 1);
            self.late(*start..*content, new);
        }
        starts.len()
    }
}
