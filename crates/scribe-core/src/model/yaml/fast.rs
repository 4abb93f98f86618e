//! The agenda of a meeting file written straight as text, for the long agendas
//! of imported documents, where the YAML library's event by event emitter is
//! most of `scribe import`'s time. Only text the emitter is known to write as it
//! is (plain) or in single quotes is written here; anything else (line breaks,
//! control characters, empty text, what YAML would read as a number or a
//! boolean) makes [`agenda_yaml`] give up, and the library writes the whole
//! file. Tests compare both on the corpus and on generated text.
//!
//! [`read`] reads that form back, for the same reason at start-up.

use crate::model::{Item, ListStyle, Note, Shared};
use std::fmt::Write;

/// The agenda as the YAML library writes it under `agenda:` (a block sequence
/// at the key's indentation), or `None` when some text is not simple.
pub(crate) fn agenda_yaml(items: &[Shared<Item>]) -> Option<String> {
    let mut out = String::with_capacity(items.len() * 64);
    for item in items {
        write_item(&mut out, item, 0)?;
    }
    Some(out)
}

fn write_item(out: &mut String, item: &Item, indent: usize) -> Option<()> {
    // Every field, named: a field added to `Item` does not compile here until
    // it is written as its `Serialize` impl writes it.
    let &Item {
        ref title,
        ref link,
        ref owners,
        checked,
        minutes,
        numbered,
        ref notes,
        ref items,
        spent_seconds,
        heading,
        block,
        ref list,
    } = item;
    let plain = link.is_none()
        && owners.is_empty()
        && checked.is_none()
        && minutes.is_none()
        && !numbered
        && notes.is_empty()
        && items.is_empty()
        && spent_seconds == 0
        && heading.is_none()
        && !block
        && list.is_none();
    pad(out, indent);
    out.push_str("- ");
    if plain {
        scalar(out, title)?;
        out.push('\n');
        return Some(());
    }
    // The mapping's first key follows the dash; the others line up under it.
    let inner = indent + 2;
    out.push_str("title: ");
    scalar(out, title)?;
    out.push('\n');
    if let Some(link) = &link {
        key(out, inner, "link");
        scalar(out, link)?;
        out.push('\n');
    }
    if !owners.is_empty() {
        key_block(out, inner, "owners");
        for owner in owners {
            pad(out, inner);
            out.push_str("- ");
            scalar(out, owner)?;
            out.push('\n');
        }
    }
    if let Some(checked) = checked {
        key(out, inner, "checked");
        out.push_str(if checked { "true\n" } else { "false\n" });
    }
    if let Some(minutes) = minutes {
        key(out, inner, "minutes");
        let _ = writeln!(out, "{minutes}");
    }
    flag(out, inner, "numbered", numbered);
    if !notes.is_empty() {
        key_block(out, inner, "notes");
        for note in notes.iter() {
            write_note(out, note, inner)?;
        }
    }
    if !items.is_empty() {
        key_block(out, inner, "items");
        for sub in items.iter() {
            write_item(out, sub, inner)?;
        }
    }
    if spent_seconds != 0 {
        key(out, inner, "spent_seconds");
        let _ = writeln!(out, "{}", spent_seconds);
    }
    if let Some(heading) = heading {
        key(out, inner, "heading");
        let _ = writeln!(out, "{heading}");
    }
    flag(out, inner, "block", block);
    if let Some(list) = list {
        list_style(out, inner, list)?;
    }
    Some(())
}

fn write_note(out: &mut String, note: &Note, indent: usize) -> Option<()> {
    // Every field, named, as in `write_item`; `check_upper` is not written to
    // YAML (it is a form of Markdown documents).
    let &Note {
        ref text,
        checked,
        check_upper: _,
        decision,
        ref notes,
        block,
        ref list,
    } = note;
    pad(out, indent);
    out.push_str("- ");
    if checked.is_none() && !decision && notes.is_empty() && !block && list.is_none() {
        scalar(out, text)?;
        out.push('\n');
        return Some(());
    }
    let inner = indent + 2;
    out.push_str("text: ");
    scalar(out, text)?;
    out.push('\n');
    if let Some(checked) = checked {
        key(out, inner, "checked");
        out.push_str(if checked { "true\n" } else { "false\n" });
    }
    flag(out, inner, "decision", decision);
    if !notes.is_empty() {
        key_block(out, inner, "notes");
        for sub in notes {
            write_note(out, sub, inner)?;
        }
    }
    flag(out, inner, "block", block);
    if let Some(list) = list {
        list_style(out, inner, list)?;
    }
    Some(())
}

/// A list style: a mapping indented under its key (an empty one is left to the
/// library).
fn list_style(out: &mut String, indent: usize, list: &ListStyle) -> Option<()> {
    if !list.ordered && list.start.is_none() && !list.loose {
        return None;
    }
    key_block(out, indent, "list");
    if list.ordered {
        key(out, indent + 2, "ordered");
        out.push_str("true\n");
    }
    if let Some(start) = list.start {
        key(out, indent + 2, "start");
        let _ = writeln!(out, "{start}");
    }
    if list.loose {
        key(out, indent + 2, "loose");
        out.push_str("true\n");
    }
    Some(())
}

/// `name: true` when `on` (a flag the library leaves out when false).
fn flag(out: &mut String, indent: usize, name: &str, on: bool) {
    if on {
        key(out, indent, name);
        out.push_str("true\n");
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn key(out: &mut String, indent: usize, name: &str) {
    pad(out, indent);
    out.push_str(name);
    out.push_str(": ");
}

/// A key whose value is a block (a sequence at the key's indentation, or a
/// mapping below it).
fn key_block(out: &mut String, indent: usize, name: &str) {
    pad(out, indent);
    out.push_str(name);
    out.push_str(":\n");
}

/// Writes `text` as the YAML library would, plain or single-quoted; `None`
/// when it is not simple enough to be sure how.
fn scalar(out: &mut String, text: &str) -> Option<()> {
    match style(text)? {
        Style::Plain => out.push_str(text),
        Style::Quoted => {
            out.push('\'');
            for part in text.split_inclusive('\'') {
                out.push_str(part);
                if part.ends_with('\'') {
                    out.push('\'');
                }
            }
            out.push('\'');
        }
    }
    Some(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Quoted,
}

/// How the emitter (libyaml's analysis of a scalar in block context, with
/// Unicode allowed and no line width) writes `text`, after the serializer has
/// quoted what would read back as null, a boolean or a number.
///
/// It looks at bytes: every byte it compares with is ASCII, and no byte of a
/// character beyond ASCII is one (this runs on every scalar of a meeting file
/// read or written).
fn style(text: &str) -> Option<Style> {
    let bytes = text.as_bytes();
    // Printable characters only, no line breaks, no blank at either end.
    let (&first, &last) = (bytes.first()?, bytes.last()?);
    if first == b' ' || last == b' ' {
        return None;
    }
    // One pass over the bytes, without branches: whether all are printable
    // ASCII, whether there is a blank, and whether an indicator sits inside
    // (`: ` or ` #`; a `:` at the end is followed by no blank either).
    let (mut ascii, mut blank, mut inside, mut before) = (true, false, last == b':', 0u8);
    for &b in bytes {
        ascii &= matches!(b, b' '..=b'~');
        blank |= b == b' ';
        inside |= (before == b':' && b == b' ') | (before == b' ' && b == b'#');
        before = b;
    }
    if !(ascii || text.chars().all(printable)) {
        return None;
    }
    // Indicators that keep a scalar from being plain in block context.
    let indicator = inside
        || text.starts_with("---")
        || text.starts_with("...")
        || matches!(
            first,
            b'#' | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
        )
        || (matches!(first, b'?' | b'-') && bytes.get(1).is_none_or(|&b| b == b' '));
    if indicator {
        return Some(Style::Quoted);
    }
    // What the serializer would read as another type is quoted by it: null,
    // booleans and numbers (all of which start so, or are one word).
    if !blank
        && (matches!(first, b'0'..=b'9' | b'+' | b'-' | b'.' | b'~')
            || matches!(
                text,
                "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
            ))
    {
        return None;
    }
    Some(Style::Plain)
}

/// Whether libyaml counts `c` as printable: no characters beyond U+FFFD, and
/// U+2028 and U+2029 are line breaks to it.
fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

pub(crate) mod read;

#[cfg(test)]
mod tests;
