//! What the reader takes from places outside the agenda's lists: the meeting's
//! date, time and location written in the details, and time allowances written
//! after titles.

use super::super::lines::{byte_in_source, inline_text, split_allowance};
use super::super::spans::Span;
use super::super::tree::{Kind, Node};
use super::Reader;
use crate::dates::{find_date, find_time};
use crate::model::Item;
use std::ops::Range;

impl Reader<'_> {
    /// A time allowance at the end of a plain title (`Budget (10 min)`) is the
    /// item's, not part of its title; the span's text ends before it.
    pub(super) fn allowance(&mut self, item: &mut Item, span: &mut Span) {
        if item.link.is_some() {
            return;
        }
        let Some(a) = split_allowance(&item.title) else {
            return;
        };
        let text = inline_text(self.src, &span.text);
        let Some(t0) = text.len().checked_sub(item.title.len()) else {
            return;
        };
        let at = |off: usize| span.text.start + byte_in_source(self.src, &span.text, t0 + off);
        let (title_end, digits, end) = (
            at(a.title_end),
            at(a.digits.start)..at(a.digits.end),
            at(a.end),
        );
        if self.allowance_form.is_none() {
            self.allowance_form = Some((a.before.clone(), a.after.clone()));
        }
        item.minutes = Some(a.minutes);
        item.title.truncate(a.title_end);
        span.text.end = title_end;
        span.allowance = Some(Box::new((digits, end)));
    }

    pub(super) fn date_spot(&mut self, r: Option<Range<usize>>) {
        let (Some(r), Some(date)) = (r, self.meeting_date) else {
            return;
        };
        let text = &self.src[r.clone()];
        let mut from = 0;
        while let Some(d) = find_date(&text[from..], None) {
            if d.date == date {
                self.map.date_spots.push((
                    r.start + from + d.range.start..r.start + from + d.range.end,
                    d.style.clone(),
                ));
            }
            from += d.range.end;
        }
        // The meeting's time of day written next to it ("2025-03-12 17:00 UTC").
        if let Some(clock) = self.meeting_clock {
            let mut from = 0;
            while let Some((tr, t)) = find_time(&text[from..]) {
                let after = text[from + tr.end..].trim_start();
                if t == clock && after.starts_with("UTC") {
                    self.map
                        .time_spots
                        .push(r.start + from + tr.start..r.start + from + tr.end);
                }
                from += tr.end;
            }
        }
    }

    pub(super) fn details_block(&mut self, node: &Node, next: Option<&Node>) {
        match node.kind {
            Kind::Paragraph => {
                self.roster_block(node, next);
                self.date_spot(node.inline.clone());
            }
            Kind::List { .. } if self.consumed.contains(&node.range.start) => {}
            Kind::List { .. } => {
                for e in &node.children {
                    if self.roster_entry(e, true) {
                        continue;
                    }
                    let parts = self.entry(e);
                    // `**Location**: On TPRF's Slack server, ...`
                    let text = &parts.text;
                    let label = text.trim_start_matches('*');
                    if self.location.is_none()
                        && !text.contains('\n')
                        && label.to_ascii_lowercase().starts_with("location")
                    {
                        let after = &label["location".len()..];
                        let value = after.trim_start_matches(['*', ':', ' ']);
                        if after.len() > value.len()
                            && after[..after.len() - value.len()].contains(':')
                        {
                            let start = parts.span.text.end - value.len();
                            self.location = Some(value.to_string());
                            self.map.location = Some(start..parts.span.text.end);
                        }
                    }
                    self.date_spot(Some(parts.span.text.clone()));
                }
            }
            _ => {}
        }
    }
}
