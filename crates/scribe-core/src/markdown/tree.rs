//! The block structure of a Markdown text, as pulldown-cmark sees it, with the byte
//! range of every block: headings, lists, list entries, paragraphs and other blocks
//! (code, quotes, tables, HTML, rules), which are kept whole.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The Markdown extensions used everywhere (reading, and HTML comparisons), so that
/// both sides of every comparison see the same syntax.
pub(crate) fn options() -> Options {
    Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES
}

/// What kind of block a [`Node`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Heading(u8),
    List {
        ordered: bool,
        start: u64,
        loose: bool,
    },
    Entry,
    Paragraph,
    /// Inline text of a tight list entry after a nested block (pulldown-cmark writes
    /// no paragraph tags in tight lists).
    TightText,
    /// A block kept whole: code, quote, table, HTML, rule, footnote, ...
    Other,
}

/// A block with its byte range in the text, and for headings, paragraphs and
/// entries the range of their inline text.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: Kind,
    pub range: Range<usize>,
    pub inline: Option<Range<usize>>,
    pub children: Vec<Node>,
}

impl Node {
    fn new(kind: Kind, range: Range<usize>) -> Self {
        Node {
            kind,
            range,
            inline: None,
            children: Vec::new(),
        }
    }
}

fn extend(slot: &mut Option<Range<usize>>, r: &Range<usize>) {
    *slot = Some(match slot.take() {
        None => r.clone(),
        Some(s) => s.start.min(r.start)..s.end.max(r.end),
    });
}

/// How deep blocks (lists, entries, paragraphs) may nest: far beyond any agenda,
/// and shallow enough that walking the tree can never overflow the stack.
pub(crate) const MAX_NESTING: usize = 200;

/// Parses `text[start..]` into top-level blocks; ranges are offsets into `text`.
/// Blocks nested deeper than [`MAX_NESTING`] are refused with the offset where the
/// nesting went too deep.
pub(crate) fn parse_blocks(text: &str, start: usize) -> Result<Vec<Node>, usize> {
    let body = &text[start..];
    // The blocks still open, each with where its children start in `done`.
    let mut open: Vec<(Node, usize)> = Vec::new();
    // Finished blocks whose parent is still open (or top-level ones): a parent
    // takes its children from here when it closes, in a Vec of their exact
    // number. Most entries of minutes hold one nested list of an entry or two,
    // for which a Vec grown child by child would reserve room for four.
    let mut done: Vec<Node> = Vec::new();
    // Depth inside a block kept whole (its inner events are not needed).
    let mut skip = 0usize;
    for (event, r) in Parser::new_ext(body, options()).into_offset_iter() {
        let r = r.start + start..r.end + start;
        if skip > 0 {
            match event {
                Event::Start(_) => skip += 1,
                Event::End(_) => {
                    skip -= 1;
                    if skip == 0 {
                        // The kept-whole block is finished.
                        close(&mut open, &mut done);
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Paragraph => Some(Kind::Paragraph),
                    Tag::Heading { level, .. } => Some(Kind::Heading(level as u8)),
                    Tag::List(first) => Some(Kind::List {
                        ordered: first.is_some(),
                        start: first.unwrap_or(1),
                        loose: false,
                    }),
                    Tag::Item => Some(Kind::Entry),
                    Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::FootnoteDefinition(_)
                    | Tag::DefinitionList
                    | Tag::DefinitionListTitle
                    | Tag::DefinitionListDefinition
                    | Tag::Table(_)
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::TableCell
                    | Tag::MetadataBlock(_) => {
                        open.push((Node::new(Kind::Other, r.clone()), done.len()));
                        skip = 1;
                        None
                    }
                    // Inline tags.
                    _ => {
                        inline(&mut open, &mut done, &with_escape(text, r.clone()));
                        None
                    }
                };
                if let Some(kind) = kind {
                    if open.len() >= MAX_NESTING {
                        return Err(r.start);
                    }
                    open.push((Node::new(kind, r), done.len()));
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::List(_) | TagEnd::Item) => {
                close(&mut open, &mut done);
            }
            Event::Rule => done.push(Node::new(Kind::Other, r)),
            _ => inline(&mut open, &mut done, &with_escape(text, r)),
        }
    }
    while !open.is_empty() {
        close(&mut open, &mut done);
    }
    // Nothing is open: what is left are the top-level blocks.
    Ok(done)
}

/// Closes the innermost open block: it takes its children from `done` and
/// is done itself.
fn close(open: &mut Vec<(Node, usize)>, done: &mut Vec<Node>) {
    let Some((mut node, first)) = open.pop() else {
        return;
    };
    node.children = done.drain(first..).collect();
    if let Kind::List { loose, .. } = &mut node.kind {
        *loose = node
            .children
            .iter()
            .any(|e| e.children.iter().any(|c| c.kind == Kind::Paragraph));
    }
    done.push(node);
}

/// An inline range that starts at an escaped character (`\<link\>`) gives the
/// character alone: the range takes its backslash back, so that text read from
/// the source is the Markdown as written.
fn with_escape(text: &str, r: Range<usize>) -> Range<usize> {
    let b = text.as_bytes();
    if r.start > 0
        && b.get(r.start - 1) == Some(&b'\\')
        && b.get(r.start).is_some_and(u8::is_ascii_punctuation)
        && (r.start < 2 || b[r.start - 2] != b'\\')
    {
        r.start - 1..r.end
    } else {
        r
    }
}

fn inline(open: &mut [(Node, usize)], done: &mut Vec<Node>, r: &Range<usize>) {
    let Some((node, first)) = open.last_mut() else {
        return;
    };
    match node.kind {
        Kind::Heading(_) | Kind::Paragraph => extend(&mut node.inline, r),
        Kind::Entry => {
            // The entry's children so far are `done[first..]`.
            if done.len() == *first {
                extend(&mut node.inline, r);
            } else {
                match done.last_mut() {
                    Some(last) if last.kind == Kind::TightText => {
                        extend(&mut last.inline, r);
                        last.range = last.range.start.min(r.start)..last.range.end.max(r.end);
                    }
                    _ => {
                        let mut t = Node::new(Kind::TightText, r.clone());
                        t.inline = Some(r.clone());
                        done.push(t);
                    }
                }
            }
        }
        _ => {}
    }
}
