//! How a document writes things, counted over its list entries (bullets, number
//! spacing, nesting, owner separators, checked marks), for new lines to follow.

use super::super::lines::{checkbox_at, line_end, line_start, marker_str_at, owners_end};
use super::super::spans::Conventions;
use super::super::tree::{Kind, Node};
use super::Reader;
// Ordered maps: a handful of keys looked up once per entry, where hashing each
// lookup costs more than comparing; the mode taken from them does not depend
// on the order.
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub(super) struct Stats {
    bullets: BTreeMap<String, usize>,
    ordered_spaces: BTreeMap<usize, usize>,
    nested: BTreeMap<usize, usize>,
    en_dash: usize,
    hyphen: usize,
    upper_x: usize,
    lower_x: usize,
}

impl Stats {
    pub(super) fn conventions(&self, crlf: bool) -> Conventions {
        let mode = |m: &BTreeMap<usize, usize>, d: usize| {
            m.iter()
                .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
                .map_or(d, |(k, _)| *k)
        };
        Conventions {
            bullet: self
                .bullets
                .iter()
                .max_by_key(|(k, n)| (**n, std::cmp::Reverse((*k).clone())))
                .map_or_else(|| "- ".to_string(), |(k, _)| k.clone()),
            ordered_spaces: mode(&self.ordered_spaces, 1),
            nested: mode(&self.nested, 2),
            dash: if self.hyphen > self.en_dash {
                " - "
            } else {
                " – "
            }
            .to_string(),
            check: if self.upper_x > self.lower_x {
                'X'
            } else {
                'x'
            },
            decisions: false,
            allowance: None,
            gap_after_heading: true,
            crlf,
        }
    }
}

impl Reader<'_> {
    pub(super) fn stats_walk(&mut self, nodes: &[Node], parent: Option<(usize, usize)>) {
        for n in nodes {
            match n.kind {
                Kind::Entry => {
                    let ls = line_start(self.src, n.range.start);
                    let (marker, content) = marker_str_at(self.src, n.range.start);
                    let indent = content - marker.len() - ls;
                    let m = marker.trim_end();
                    if m.ends_with(['.', ')']) {
                        *self
                            .stats
                            .ordered_spaces
                            .entry(marker.len() - m.len())
                            .or_default() += 1;
                    } else if marker.len() > m.len() {
                        // A handful of bullet forms over thousands of entries: the
                        // key is allocated only the first time it is seen.
                        match self.stats.bullets.get_mut(marker) {
                            Some(n) => *n += 1,
                            None => {
                                self.stats.bullets.insert(marker.to_string(), 1);
                            }
                        }
                    }
                    if let Some((pi, _)) = parent
                        && indent > pi
                    {
                        *self.stats.nested.entry(indent - pi).or_default() += 1;
                    }
                    let text = &self.src[content..line_end(self.src, content)];
                    if let Some((_, true)) = checkbox_at(text) {
                        if text.starts_with("[X]") {
                            self.stats.upper_x += 1;
                        } else {
                            self.stats.lower_x += 1;
                        }
                    }
                    let after = text
                        .get(checkbox_at(text).map_or(0, |(l, _)| l + 1)..)
                        .unwrap_or("");
                    if let Some(t) = owners_end(after) {
                        if after[..t].ends_with(" – ") {
                            self.stats.en_dash += 1;
                        } else if after[..t].ends_with(" - ") {
                            self.stats.hyphen += 1;
                        }
                    }
                    self.stats_walk(&n.children, Some((indent, content - ls)));
                }
                _ => self.stats_walk(&n.children, parent),
            }
        }
    }
}
