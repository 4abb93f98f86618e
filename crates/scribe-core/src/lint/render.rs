//! Markdown that renders differently from what the secretary typed: an empty
//! list item or a `---` right under text (CommonMark makes the text a heading), a
//! checkbox without its spaces (it stays literal `[x]` text), and Liquid in typed
//! text (Jekyll would run it).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::text::{Lines, list_marker, split_indent};
use super::{Edit, Finding, Target};
use crate::liquid::neutralise_liquid;

/// All the rendering traps of `doc`.
pub fn traps(doc: &Lines) -> Vec<Finding> {
    let mut out = setext_headings(doc);
    out.extend(doc.body().filter_map(|(n, line)| checkbox(n, line)));
    out.extend(liquid(doc));
    out
}

/// Text turned into a heading by the line under it. A setext heading underlined
/// with `-` is reported everywhere (the group writes `#` headings; a lone `-` is
/// an empty list item, `---` a rule that lacks its blank line); one underlined
/// with `=` only inside a list item, where nobody means a heading.
fn setext_headings(doc: &Lines) -> Vec<Finding> {
    let fm_end = doc.front_matter_end();
    let body_start = doc
        .text
        .split_inclusive('\n')
        .take(fm_end)
        .map(str::len)
        .sum::<usize>();
    let body = &doc.text[body_start..];
    let line_of = |offset: usize| fm_end + 1 + body[..offset].matches('\n').count();
    let mut out = Vec::new();
    let mut depth = 0usize;
    for (event, range) in
        Parser::new_ext(body, crate::markdown::markdown_options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Item) => depth += 1,
            Event::End(TagEnd::Item) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) => {
                let source = body[range.clone()].trim_end();
                if source.trim_start().starts_with('#') {
                    continue;
                }
                let Some(underline_at) = source.rfind('\n') else {
                    continue;
                };
                let underline = source[underline_at + 1..].trim();
                let line = line_of(range.start + underline_at + 1);
                let text_line = line - 1;
                let heading = doc.line(text_line).trim();
                if underline.starts_with('=') && depth == 0 {
                    continue;
                }
                let (message, suggestion, edit) = if underline == "-" {
                    (
                        format!("an empty list item `-` under `{heading}` makes it a heading"),
                        "remove the empty item, or write its text".to_string(),
                        Some(Edit::Delete),
                    )
                } else {
                    (
                        format!("`{underline}` right under `{heading}` makes it a heading"),
                        format!(
                            "put a blank line before `{underline}` for a rule, or remove the line"
                        ),
                        None,
                    )
                };
                out.push(Finding {
                    target: Target::Minutes,
                    line,
                    message,
                    suggestion,
                    edit,
                });
            }
            _ => {}
        }
    }
    out
}

/// A list item's checkbox written so that it does not render as one: `-[ ]`,
/// `[]`, `[  ]`, `[x]text`, or with a non-breaking space in or after the box
/// (GitHub's task lists want an ASCII space or tab).
fn checkbox(n: usize, line: &str) -> Option<Finding> {
    let (indent, rest) = split_indent(line);
    let (marker_len, spaced) = list_marker(rest)?;
    let after = rest[marker_len..].trim_start_matches([' ', '\t']);
    let close = after.strip_prefix('[')?.find(']')? + 1;
    let inner = &after[1..close];
    let tail = &after[close + 1..];
    let mark = match inner.trim() {
        "" => " ",
        "x" => "x",
        "X" => "X",
        _ => return None,
    };
    // `- [x](url)` is a link and `- [x]: url` a reference, not a checkbox.
    if inner.chars().count() > 3 || tail.starts_with(['(', '[', ':']) {
        return None;
    }
    let text = tail.trim_start_matches([' ', '\t', '\u{a0}']);
    let problem = if !spaced {
        "no space after the list marker"
    } else if inner.is_empty() {
        "the box `[]` has no space in it"
    } else if inner.contains('\u{a0}') {
        "the box holds a non-breaking space, not a space"
    } else if inner.len() > 1 {
        "the box holds more than one space"
    } else if tail.starts_with('\u{a0}') {
        "a non-breaking space follows the box, not a space"
    } else if !tail.is_empty() && !tail.starts_with([' ', '\t']) {
        "no space after the box"
    } else {
        return None;
    };
    let separator = if text.is_empty() { "" } else { " " };
    let fixed = format!("{indent}{} [{mark}]{separator}{text}", &rest[..marker_len]);
    Some(Finding {
        target: Target::Minutes,
        line: n,
        message: format!("the checkbox does not render as one: {problem}"),
        suggestion: format!("`{}`", fixed.trim_start()),
        edit: Some(Edit::Replace(fixed)),
    })
}

/// Liquid the page's layout means: Jekyll's variables (`{{ page.meeting_time }}`
/// in the group's "Meeting details") and its tags (`{% include … %}`). Anything
/// else between `{{ }}` or after `{%` was typed as text.
fn deliberate_liquid(at: &str) -> bool {
    const VARIABLES: [&str; 6] = [
        "page.",
        "site.",
        "layout.",
        "include.",
        "jekyll.",
        "paginator.",
    ];
    const TAGS: [&str; 16] = [
        "include",
        "include_relative",
        "if",
        "elsif",
        "else",
        "endif",
        "unless",
        "endunless",
        "for",
        "endfor",
        "assign",
        "capture",
        "endcapture",
        "link",
        "post_url",
        "comment",
    ];
    if let Some(expr) = at.strip_prefix("{{") {
        let expr = expr.trim_start_matches('-').trim_start();
        return expr.find("}}").is_some() && VARIABLES.iter().any(|v| expr.starts_with(v));
    }
    let Some((name, _)) = liquid_tag(at) else {
        return false;
    };
    let word = name.split_whitespace().next().unwrap_or("");
    TAGS.contains(&word) || word == "endcomment"
}

/// The Liquid tag (`raw`, `endraw`, …) at the start of `text` (`{% raw %}`), and
/// its length.
fn liquid_tag(text: &str) -> Option<(&str, usize)> {
    let inner = text.strip_prefix("{%")?;
    let end = inner.find("%}")?;
    let name = inner[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
    Some((name, 2 + end + 2))
}

/// Lines with `{{` or `{%` outside `{% raw %}` blocks. Jekyll runs Liquid before
/// Markdown, in code spans and code blocks too, so every line after the front
/// matter is read.
fn liquid(doc: &Lines) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut in_raw = false;
    for n in doc.front_matter_end() + 1..=doc.len() {
        let line = doc.line(n);
        let raw_at_start = in_raw;
        let mut has_raw_tag = false;
        let mut flagged = false;
        let mut i = 0;
        while i < line.len() {
            let here = &line[i..];
            if let Some((name, len)) = liquid_tag(here)
                && (name == "raw" || name == "endraw")
            {
                in_raw = name == "raw";
                has_raw_tag = true;
                i += len;
                continue;
            }
            if !in_raw
                && (here.starts_with("{{") || here.starts_with("{%"))
                && !deliberate_liquid(here)
            {
                flagged = true;
            }
            i += here.chars().next().map_or(1, char::len_utf8);
        }
        if !flagged {
            continue;
        }
        let edit = (!raw_at_start && !has_raw_tag).then(|| {
            let content_at = content_start(line);
            Edit::Replace(format!(
                "{}{}",
                &line[..content_at],
                neutralise_liquid(&line[content_at..])
            ))
        });
        out.push(Finding {
            target: Target::Minutes,
            line: n,
            message: "`{{` or `{%` here would be run by Jekyll's Liquid".to_string(),
            suggestion: "wrap the text in `{% raw %}…{% endraw %}`".to_string(),
            edit,
        });
    }
    out
}

/// Where a line's text starts, after its indentation, heading marks, list
/// marker and checkbox: Liquid is neutralised there so the Markdown around the
/// text stays as it is.
fn content_start(line: &str) -> usize {
    let (indent, rest) = split_indent(line);
    let mut at = indent.len();
    let mut rest = rest;
    let skip = |rest: &mut &str, at: &mut usize, n: usize| {
        let trimmed = rest[n..].trim_start_matches([' ', '\t']);
        *at += rest.len() - trimmed.len();
        *rest = trimmed;
    };
    let hashes = rest.chars().take_while(|&c| c == '#').count();
    if hashes > 0 && rest[hashes..].starts_with(' ') {
        skip(&mut rest, &mut at, hashes);
    } else if let Some((len, true)) = list_marker(rest) {
        skip(&mut rest, &mut at, len);
        for box_ in ["[ ]", "[x]", "[X]"] {
            if rest.starts_with(box_) {
                skip(&mut rest, &mut at, 3);
                break;
            }
        }
    } else if rest.starts_with('>') {
        skip(&mut rest, &mut at, 1);
    }
    at
}
