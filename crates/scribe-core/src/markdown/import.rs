//! Import of any Markdown document into the meeting model, and the generic
//! "as imported" writer: every heading, list entry and other block becomes an entry
//! of the agenda tree in document order, so that writing the model back gives a
//! document that CommonMark renders to the same HTML.

use super::Document;
use super::lines::{inline_text, line_end, line_start, marker_str_at};
use super::read::{build_sections, heading_text, import_outline};
use super::tree::{Kind, Node};
use crate::error::InputError;
use crate::model::{Item, Layout, ListStyle, Meeting, Note};
use std::path::Path;

/// The whole document as a meeting in the `document` layout: title and meeting time
/// as read, other front matter lines kept, and the agenda tree holding every
/// heading (with its level), list entry (with checkbox and list style) and other
/// block (paragraphs, code, quotes, tables, HTML as Markdown source).
pub fn import_meeting(doc: &Document) -> Meeting {
    let read = &doc.meeting;
    let parts = Parts {
        src: &doc.src,
        nodes: &doc.nodes,
        front: &doc.front,
    };
    parts.import(read.title.clone(), read.meeting_time)
}

/// [`import_meeting`] of the document `bytes` at `path`
/// (`import_meeting(&Document::parse(path, bytes)?)`), without reading the
/// document's agenda, roster and conventions into a model the import does not
/// use: only its blocks, and its title and time as [`Document::parse`] reads them.
pub fn import_markdown(path: &Path, bytes: &[u8]) -> Result<Meeting, InputError> {
    import_markdown_on(path, bytes, chrono::Utc::now().date_naive())
}

/// [`import_markdown`] with the day a meeting without a written date is assumed
/// to be on (see [`Document::parse_on`]).
pub fn import_markdown_on(
    path: &Path,
    bytes: &[u8],
    today: chrono::NaiveDate,
) -> Result<Meeting, InputError> {
    let src = super::utf8(path, bytes)?;
    let (outline, time) = import_outline(path, src, today)?;
    let parts = Parts {
        src,
        nodes: &outline.nodes,
        front: &outline.front,
    };
    Ok(parts.import(outline.title.clone(), time))
}

/// What the import reads of a document: its text, blocks and front matter.
struct Parts<'a> {
    src: &'a str,
    nodes: &'a [Node],
    front: &'a [(String, std::ops::Range<usize>)],
}

impl Parts<'_> {
    fn import(&self, title: String, meeting_time: chrono::DateTime<chrono::Utc>) -> Meeting {
        let mut m = Meeting::new(title, meeting_time);
        m.layout = Layout::Document;
        m.front_matter = self
            .front
            .iter()
            .filter(|(k, _)| k != "title" && k != "meeting_time")
            .map(|(_, r)| {
                let line_from = line_start(self.src, r.start);
                self.src[line_from..r.end].to_string()
            })
            .collect();
        let (pre, sections) = build_sections(self.src, self.nodes);
        let mut items = blocks(self.src, &pre, 0);
        items.extend(sections.iter().map(|s| section(self.src, s)));
        if let Some(defs) = reference_definitions(self.src) {
            items.push(defs);
        }
        m.agenda = items.into();
        m
    }
}

/// The document's link and image reference definitions (`[x]: https://…`), which
/// CommonMark reads from anywhere in the document and which no block holds: one
/// block at the end, in the order they were written.
fn reference_definitions(src: &str) -> Option<Item> {
    // A definition's label ends in `]:`; without one there is none, and no
    // need to parse the whole document again (most of a long import).
    if !src.contains("]:") {
        return None;
    }
    let opts = super::tree::options() | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let parser = pulldown_cmark::Parser::new_ext(src, opts);
    let mut defs: Vec<(usize, String)> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| {
            let dest: String = def
                .dest
                .chars()
                .flat_map(|c| match c {
                    '<' | '>' | '\\' => vec!['\\', c],
                    c => vec![c],
                })
                .collect();
            let mut line = format!("[{}]: <{dest}>", label.replace(['[', ']'], ""));
            if let Some(title) = &def.title {
                let t = title.replace('\\', "\\\\").replace('"', "\\\"");
                line.push_str(&format!(" \"{t}\""));
            }
            (def.span.start, line)
        })
        .collect();
    if defs.is_empty() {
        return None;
    }
    defs.sort();
    Some(Item {
        title: defs
            .into_iter()
            .map(|(_, l)| l)
            .collect::<Vec<_>>()
            .join("\n"),
        block: true,
        ..Item::default()
    })
}

fn section(src: &str, s: &super::read::Section) -> Item {
    let mut item = Item::new(heading_text(src, s.heading));
    item.heading = Some(s.level);
    // Collected at once: a section without entries keeps the shared empty list.
    item.items = blocks(src, &s.body, 0)
        .into_iter()
        .chain(s.subs.iter().map(|sub| section(src, sub)))
        .collect();
    item
}

/// Markdown source of a block, with `col` columns of container indentation removed.
fn block_source(src: &str, node: &Node, col: usize) -> String {
    let start = line_start(src, node.range.start);
    let raw = &src[start..node.range.end.min(src.len())];
    let mut lines: Vec<String> = raw
        .split_inclusive('\n')
        .map(|l| {
            let l = l.trim_end_matches(['\n', '\r']);
            let lead = l.len() - l.trim_start_matches(' ').len();
            l[lead.min(col)..].to_string()
        })
        .collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// A task list checkbox (as CommonMark extensions see it) at the start of a text.
fn task(text: &str) -> Option<(bool, usize)> {
    for (pat, checked) in [("[ ] ", false), ("[x] ", true), ("[X] ", true)] {
        if text.starts_with(pat) && !text[pat.len()..].trim().is_empty() {
            return Some((checked, pat.len()));
        }
    }
    None
}

/// One entry of the tree, before it becomes an item or a note.
struct Entry {
    text: String,
    checked: Option<bool>,
    block: bool,
    list: Option<ListStyle>,
    children: Vec<Entry>,
}

fn entries<'n>(src: &str, nodes: impl IntoIterator<Item = &'n Node>, col: usize) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut prev_entry = false;
    for node in nodes {
        match &node.kind {
            Kind::List {
                ordered,
                start,
                loose,
            } => {
                let style = ListStyle {
                    ordered: *ordered,
                    // A CommonMark list number has at most nine digits: it fits.
                    start: (*ordered && *start != 1)
                        .then(|| u32::try_from(*start).ok())
                        .flatten(),
                    loose: *loose,
                };
                for (k, e) in node.children.iter().enumerate() {
                    let (_, content) = marker_str_at(src, e.range.start);
                    let content_col = src[line_start(src, content)..content].chars().count();
                    // The children after the first paragraph when it is the entry's text.
                    let mut kids: &[Node] = &e.children;
                    let first = e.inline.clone().or_else(|| match kids.first() {
                        Some(c)
                            if c.kind == Kind::Paragraph
                                && c.range.start <= line_end(src, content) =>
                        {
                            let r = c.inline.clone();
                            kids = &kids[1..];
                            r
                        }
                        // `- [x] title` over a lone `-`: CommonMark reads a setext
                        // heading in the entry; its source, underline and all, is
                        // the entry's text.
                        Some(c)
                            if matches!(c.kind, Kind::Heading(_))
                                && c.range.start <= line_end(src, content)
                                && !src[c.range.start..].starts_with('#') =>
                        {
                            let r = content..c.range.end;
                            kids = &kids[1..];
                            Some(r)
                        }
                        _ => None,
                    });
                    let mut text = first.map(|r| inline_text(src, &r)).unwrap_or_default();
                    let mut checked = None;
                    if let Some((c, len)) = task(&text) {
                        checked = Some(c);
                        text = text[len..].to_string();
                    }
                    let list =
                        (k == 0 && (style != ListStyle::default() || prev_entry)).then_some(style);
                    out.push(Entry {
                        text,
                        checked,
                        block: false,
                        list,
                        children: entries(src, kids, content_col),
                    });
                }
                prev_entry = true;
            }
            Kind::Heading(_) | Kind::Paragraph | Kind::TightText | Kind::Other | Kind::Entry => {
                let text = if node.kind == Kind::TightText {
                    node.inline
                        .as_ref()
                        .map(|r| inline_text(src, r))
                        .unwrap_or_default()
                } else {
                    block_source(src, node, col)
                };
                out.push(Entry {
                    text,
                    checked: None,
                    block: true,
                    list: None,
                    children: Vec::new(),
                });
                prev_entry = false;
            }
        }
    }
    out
}

fn to_note(e: Entry) -> Note {
    Note {
        text: e.text,
        checked: e.checked,
        notes: e.children.into_iter().map(to_note).collect(),
        block: e.block,
        list: e.list,
        ..Note::default()
    }
}

fn blocks(src: &str, nodes: &[&Node], col: usize) -> Vec<Item> {
    entries(src, nodes.iter().copied(), col)
        .into_iter()
        .map(|e| Item {
            title: e.text,
            checked: e.checked,
            block: e.block,
            list: e.list,
            notes: crate::model::notes_of(e.children.into_iter().map(to_note).collect()),
            ..Item::default()
        })
        .collect()
}

/// A node of the tree to write, from an item or a note.
struct View {
    heading: Option<u8>,
    block: bool,
    list: Option<ListStyle>,
    checked: Option<bool>,
    text: String,
    numbered: bool,
    children: Vec<View>,
}

impl View {
    fn of_item(item: &Item) -> View {
        let mut text = match &item.link {
            Some(l) => format!("[{}]({l})", item.title),
            None => item.title.clone(),
        };
        if !item.owners.is_empty() {
            let owners: Vec<String> = item.owners.iter().map(|o| format!("@{o}")).collect();
            text = if text.is_empty() {
                owners.join(", ")
            } else {
                format!("{} – {text}", owners.join(", "))
            };
        }
        let mut children: Vec<View> = item.notes.iter().map(View::of_note).collect();
        children.extend(item.items.iter().map(|item| View::of_item(item)));
        View {
            heading: item.heading,
            block: item.block,
            list: item.list,
            checked: item.checked,
            text,
            numbered: item.numbered,
            children,
        }
    }
    fn of_note(note: &Note) -> View {
        View {
            heading: None,
            block: note.block,
            list: note.list,
            checked: note.checked,
            text: note.text.clone(),
            numbered: false,
            children: note.notes.iter().map(View::of_note).collect(),
        }
    }
}

/// Writes `text` with every line after the first indented by `indent` columns
/// (the first line's indentation is written by the caller).
fn push_indented(out: &mut String, text: &str, indent: usize) {
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&" ".repeat(indent));
            }
        }
        out.push_str(line);
    }
    out.push('\n');
}

/// An entry's text: like [`push_indented`], and a continuation line that would
/// start a block of its own at that indentation (`- EIP 96`, `> quoted`, `# x`)
/// gets four more spaces, which keeps it in the paragraph as it was.
fn push_text_indented(out: &mut String, text: &str, indent: usize) {
    let shifted: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(k, line)| {
            if k > 0 && starts_block(line) {
                format!("    {line}")
            } else {
                line.to_string()
            }
        })
        .collect();
    push_indented(out, &shifted.join("\n"), indent);
}

/// Whether a line would interrupt a paragraph: a list item with text, a quote,
/// an ATX heading, a code fence or an HTML block.
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    let bullet = t.len() > 2 && t.starts_with(['-', '*', '+']) && t[1..].starts_with([' ', '\t']);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let ordered = (1..=9).contains(&digits)
        && t[digits..].starts_with(['.', ')'])
        && t[digits + 1..].starts_with([' ', '\t'])
        && !t[digits + 1..].trim().is_empty();
    let atx = {
        let h = t.chars().take_while(|c| *c == '#').count();
        (1..=6).contains(&h) && (t.len() == h || t[h..].starts_with([' ', '\t']))
    };
    (bullet && !t[2..].trim().is_empty())
        || ordered
        || t.starts_with('>')
        || atx
        || t.starts_with("```")
        || t.starts_with("~~~")
        || t.starts_with('<')
}

fn blank_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
}

/// Writes a sequence of siblings at `indent` columns. `loose`: the container is an
/// entry of a loose list (its blocks are separated by blank lines).
fn write_views(out: &mut String, views: &[View], indent: usize, numbered: bool, loose: bool) {
    // The list being written: (style, next number, bullet char / delimiter).
    let mut current: Option<(ListStyle, u64, char)> = None;
    let mut last_marker: Option<char> = None;
    for (k, v) in views.iter().enumerate() {
        let first = k == 0;
        if let Some(level) = v.heading {
            blank_line(out);
            out.push_str(&" ".repeat(indent));
            if v.text.contains('\n') && level <= 2 {
                // A heading over several lines can only be a setext heading.
                push_indented(out, &v.text, indent);
                out.push_str(&" ".repeat(indent));
                out.push_str(if level == 1 { "===" } else { "---" });
            } else {
                out.push_str(&"#".repeat(usize::from(level.clamp(1, 6))));
                if !v.text.is_empty() {
                    out.push(' ');
                    out.push_str(&v.text.replace('\n', " "));
                }
            }
            out.push('\n');
            write_views(out, &v.children, indent, v.numbered, true);
            current = None;
            continue;
        }
        if v.block {
            if !first || loose {
                blank_line(out);
            }
            out.push_str(&" ".repeat(indent));
            push_indented(out, &v.text, indent);
            current = None;
            continue;
        }
        // A list entry: continue the current list or start a new one.
        let starts_list = v.list.is_some() || current.is_none();
        if starts_list {
            let style = v.list.unwrap_or(ListStyle {
                ordered: numbered,
                ..ListStyle::default()
            });
            let default_char = if style.ordered { '.' } else { '-' };
            // A list right after another list needs another marker to stay separate.
            let ch = match (current.is_some(), last_marker) {
                (true, Some(c)) => match c {
                    '.' => ')',
                    ')' => '.',
                    '-' => '*',
                    _ => '-',
                },
                _ => default_char,
            };
            let ch = if style.ordered && !matches!(ch, '.' | ')') {
                '.'
            } else if !style.ordered && matches!(ch, '.' | ')') {
                '-'
            } else {
                ch
            };
            // A list right after another in a tight list needs no blank line (its
            // other marker separates them), and a blank line would loosen the list.
            if (!first && (current.is_none() || style.loose)) || loose {
                blank_line(out);
            }
            current = Some((style, u64::from(style.start.unwrap_or(1)), ch));
        } else if current.is_some_and(|(s, _, _)| s.loose) {
            blank_line(out);
        }
        let Some((style, number, ch)) = current else {
            continue;
        };
        let marker = if style.ordered {
            format!("{number}{ch}")
        } else {
            ch.to_string()
        };
        last_marker = Some(ch);
        current = Some((style, number + 1, ch));
        let content_indent = indent + marker.chars().count() + 1;
        out.push_str(&" ".repeat(indent));
        out.push_str(&marker);
        let mut text = String::new();
        if let Some(c) = v.checked {
            text.push_str(if c { "[x]" } else { "[ ]" });
            if !v.text.is_empty() {
                text.push(' ');
            }
        }
        text.push_str(&v.text);
        let list_first = v
            .children
            .first()
            .is_some_and(|c| !c.block && c.heading.is_none());
        if text.is_empty() && list_first && !style.loose {
            // `* 1. Vote`: a list that starts on the entry's own line stays there
            // (an empty `-` line could read as a setext underline).
            let mut inner = String::new();
            write_views_in_entry(&mut inner, &v.children, content_indent, false);
            out.push(' ');
            out.push_str(&inner[content_indent.min(inner.len())..]);
            continue;
        }
        if !text.is_empty() {
            out.push(' ');
            push_text_indented(out, &text, content_indent);
        } else {
            out.push('\n');
        }
        if !v.children.is_empty() {
            if style.loose {
                blank_line(out);
            }
            write_views_in_entry(out, &v.children, content_indent, style.loose);
        }
    }
}

/// Children of an entry: the first one follows the entry's text directly.
fn write_views_in_entry(out: &mut String, views: &[View], indent: usize, loose: bool) {
    let mut rest_start = 0;
    if let Some(v) = views.first()
        && v.block
        && !loose
    {
        out.push_str(&" ".repeat(indent));
        push_indented(out, &v.text, indent);
        rest_start = 1;
    }
    write_views(out, &views[rest_start..], indent, false, loose);
}

/// Writes a meeting in the generic "as imported" layout: front matter, then the
/// agenda tree as headings (items with a `heading` level), list entries (with
/// checkboxes, numbered or bulleted, tight or loose) and blocks written as their
/// Markdown source.
pub fn document_to_markdown(m: &Meeting) -> String {
    let mut out = String::from("---\n");
    for line in &m.front_matter {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&format!("title: {}\n", yaml_scalar(&m.title)));
    out.push_str(&format!(
        "meeting_time: {}\n",
        m.meeting_time.format("%Y-%m-%d %H:%M UTC")
    ));
    out.push_str("---\n\n");
    let views: Vec<View> = m.agenda.iter().map(|item| View::of_item(item)).collect();
    write_views(&mut out, &views, 0, false, false);
    out
}

/// A YAML scalar for a front matter line: quoted when plain text would not read back.
fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with([
            '"', '\'', '[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '#', '-', '?', ':', ' ',
        ])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with([':', ' ']);
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}
