//! The heading tree of a document: each heading with the blocks under it and
//! its sub-sections.

use super::super::lines::line_start;
use super::super::tree::{Kind, Node};

/// A heading with the blocks under it and its sub-sections.
#[derive(Debug)]
pub(crate) struct Section<'a> {
    pub heading: &'a Node,
    pub level: u8,
    pub body: Vec<&'a Node>,
    pub subs: Vec<Section<'a>>,
    /// Where the section ends (the next heading of the same or a higher level).
    pub end: usize,
}

/// Splits top-level blocks into what comes before the first heading and the
/// heading tree.
pub(crate) fn build_sections<'a>(
    src: &str,
    nodes: &'a [Node],
) -> (Vec<&'a Node>, Vec<Section<'a>>) {
    let mut pre = Vec::new();
    let mut top: Vec<Section<'a>> = Vec::new();
    let mut stack: Vec<Section<'a>> = Vec::new();
    fn close<'a>(stack: &mut Vec<Section<'a>>, top: &mut Vec<Section<'a>>, end: usize) {
        if let Some(mut s) = stack.pop() {
            s.end = end;
            match stack.last_mut() {
                Some(p) => p.subs.push(s),
                None => top.push(s),
            }
        }
    }
    for node in nodes {
        if let Kind::Heading(level) = node.kind {
            let at = line_start(src, node.range.start);
            while stack.last().is_some_and(|s| s.level >= level) {
                close(&mut stack, &mut top, at);
            }
            stack.push(Section {
                heading: node,
                level,
                body: Vec::new(),
                subs: Vec::new(),
                end: src.len(),
            });
        } else {
            match stack.last_mut() {
                Some(s) => s.body.push(node),
                None => pre.push(node),
            }
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut top, src.len());
    }
    (pre, top)
}

pub(crate) fn heading_text(src: &str, node: &Node) -> String {
    node.inline
        .as_ref()
        .map(|r| src[r.clone()].trim().to_string())
        .unwrap_or_default()
}

pub(super) fn all_headings(src: &str, sections: &[Section]) -> Vec<String> {
    let mut out = Vec::new();
    for s in sections {
        out.push(heading_text(src, s.heading));
        out.extend(all_headings(src, &s.subs));
    }
    out
}
