//! Meeting files in the form scribe writes, read directly: block mappings and
//! sequences, one scalar per line, plain or in single quotes. The YAML library
//! reads a long meeting file by first turning all of it into events, which is
//! most of scribe's start-up and several times the file's size in memory; the
//! form scribe writes needs none of that.
//!
//! This is a serde [`Deserializer`], so the meeting's own `Deserialize` code
//! (its checks, defaults and error texts) runs exactly as under the library. It
//! takes only what it is sure the library reads the same way; at anything else
//! (a comment, a flow collection, a multi-line or double-quoted scalar, `null`,
//! a tab, an anchor) it gives up, and so does any error the meeting's own code
//! raises: the caller then reads the whole file with the library, which also
//! gives the error its line and column. Tests hold it to the library's result on
//! generated and mangled files.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::{Style, printable, style};

/// `T` read from `src`, or `None` when the text is not in the form read here or
/// `T`'s own code refuses it (the library then says why).
pub(crate) fn read<'de, T: de::Deserialize<'de>>(src: &'de str) -> Option<T> {
    read_with(Reader::new(src))
}

/// `T` read from `src` as [`read`] does, except that the notes of the
/// agenda's items after its first are passed over and read as none: what the
/// first screen of a session shows (its first item and its notes, the whole
/// agenda's titles, checks and times) without the bulk of a long meeting file.
/// Only a preview: the meeting the session works on is read whole.
pub(crate) fn read_preview<'de, T: de::Deserialize<'de>>(src: &'de str) -> Option<T> {
    let mut reader = Reader::new(src);
    reader.preview = true;
    read_with(reader)
}

fn read_with<'de, T: de::Deserialize<'de>>(mut reader: Reader<'de>) -> Option<T> {
    let src = reader.src;
    // A carriage return breaks a line for the library, alone as before a line
    // feed; lines here end at line feeds, and a preview passes over the notes
    // it does not read without looking into them: such a text is the library's.
    if src.contains('\r') {
        return None;
    }
    let value = T::deserialize(Node {
        reader: &mut reader,
        at: At::Top,
    })
    .ok()?;
    // All of the text was read: nothing after the top-level mapping.
    (reader.pos == src.len()).then_some(value)
}

/// Why the direct reader gave up; never shown (the library reads the file
/// again and says what is wrong), so it carries nothing.
#[derive(Debug)]
pub(crate) struct NotDirect;

impl fmt::Display for NotDirect {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not in the form scribe writes")
    }
}

impl std::error::Error for NotDirect {}

impl de::Error for NotDirect {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotDirect
    }
}

type Result<T> = std::result::Result<T, NotDirect>;

/// The text and how far it has been read: always inside the current line,
/// whose bounds are found once (a meeting file has tens of thousands of short
/// lines, and each is looked at several times).
struct Reader<'de> {
    src: &'de str,
    pos: usize,
    /// Where the current line starts, and where it ends (at its `\n`, or the
    /// text's end).
    line_start: usize,
    line_end: usize,
    /// How many collections are open around the reader.
    depth: usize,
    /// Reading a preview (see [`read_preview`]).
    preview: bool,
    /// The top-level key whose value is being read.
    top_key: &'de str,
    /// In a preview, past the agenda's first item: a `notes:` block is passed over.
    pass_over_notes: bool,
}

/// How deeply the direct reader nests before it leaves a file to the library
/// (whose nesting check then runs): a real meeting needs a dozen levels, and at
/// this depth the check, which counts at most about two levels per collection
/// here, is still far from refusing the file. It also bounds the recursion.
const MAX_DEPTH: usize = 64;

/// One line: its indentation (spaces) and its content after them.
struct Line<'de> {
    indent: usize,
    content: &'de str,
}

impl<'de> Reader<'de> {
    fn new(src: &'de str) -> Reader<'de> {
        let mut reader = Reader {
            src,
            pos: 0,
            line_start: 0,
            line_end: 0,
            depth: 0,
            preview: false,
            top_key: "",
            pass_over_notes: false,
        };
        reader.line_end = reader.end_of_line_from(0);
        reader
    }

    /// Moves past the lines of a block value whose key is at `indent` (the
    /// reader at the line after the key's): those indented deeper, and the
    /// entries of a sequence at the key's own indentation. What they hold is
    /// not looked at.
    fn pass_over_block(&mut self, indent: usize) {
        while !self.at_end() {
            let line = self.line();
            let inside =
                line.indent > indent || (line.indent == indent && line.content.starts_with("- "));
            if !inside || line.content.is_empty() {
                return;
            }
            self.rest_of_line();
        }
    }

    /// A vector search: faster than a loop over the bytes even on lines of a
    /// few dozen bytes, and it runs on every line.
    fn end_of_line_from(&self, start: usize) -> usize {
        memchr::memchr(b'\n', &self.src.as_bytes()[start..]).map_or(self.src.len(), |n| start + n)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    /// The column the reader is at in its line.
    fn column(&self) -> usize {
        self.pos - self.line_start
    }

    /// The current line from the reader on, without moving.
    fn rest(&self) -> &'de str {
        &self.src[self.pos..self.line_end]
    }

    /// The line starting at the reader, without moving.
    fn line(&self) -> Line<'de> {
        let text = self.rest();
        // Counted as bytes: a blank is one byte, and what follows the blanks
        // starts a character.
        let indent = text.bytes().take_while(|&b| b == b' ').count();
        Line {
            indent,
            content: &text[indent..],
        }
    }

    /// The rest of the current line, moving to the start of the next one.
    fn rest_of_line(&mut self) -> &'de str {
        let rest = self.rest();
        let next = (self.line_end + 1).min(self.src.len());
        self.pos = next;
        self.line_start = next;
        self.line_end = self.end_of_line_from(next);
        rest
    }
}

/// A key as scribe's files spell them: a word of letters, digits, `_` and `-`,
/// then `:` and a space or the end of the line. Gives the key and whether its
/// value follows on the same line.
fn key_of(content: &str) -> Option<(&str, bool)> {
    // Bytes, not characters: every byte of a character beyond ASCII ends the
    // word, as the character would.
    let bytes = content.as_bytes();
    let word = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(bytes.len());
    if word == 0 || !(bytes[0].is_ascii_alphabetic() || bytes[0] == b'_') {
        return None;
    }
    match &content.as_bytes()[word..] {
        [b':'] => Some((&content[..word], false)),
        [b':', b' ', ..] => Some((&content[..word], true)),
        _ => None,
    }
}

/// Where a node starts.
#[derive(Clone, Copy)]
enum At {
    /// The whole text: a mapping at the left edge.
    Top,
    /// After `key: ` or `- `, on the same line (`in_sequence`: after `- `,
    /// where a mapping may start with its first key).
    Inline { in_sequence: bool },
    /// On the lines below `key:` at indentation `indent`: a sequence there or
    /// deeper, or a mapping deeper.
    Below { indent: usize },
    /// A block a preview passed over: read as an empty sequence.
    PassedOver,
}

/// A scalar's text: borrowed from the file, or unquoted into a new string.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

/// What a node is, found by looking at its first line.
enum Shape<'de> {
    /// Plain text (which the library may read as a boolean or a number).
    Plain(&'de str),
    /// Text in single quotes: always a string.
    Quoted(Text<'de>),
    Sequence {
        indent: usize,
    },
    Mapping {
        indent: usize,
        first_inline: bool,
    },
    /// `[]`
    EmptySequence,
    /// `{}`
    EmptyMapping,
}

/// A node to be read: a serde deserializer.
struct Node<'a, 'de> {
    reader: &'a mut Reader<'de>,
    at: At,
}

impl<'de> Node<'_, 'de> {
    /// What the node is; a scalar is read (the reader moves to the next line),
    /// a collection is left for its access to read.
    fn shape(&mut self) -> Result<Shape<'de>> {
        let reader = &mut *self.reader;
        match self.at {
            At::PassedOver => Ok(Shape::EmptySequence),
            At::Top => {
                let line = reader.line();
                if line.indent != 0 || key_of(line.content).is_none() {
                    return Err(NotDirect);
                }
                Ok(Shape::Mapping {
                    indent: 0,
                    first_inline: false,
                })
            }
            At::Below { indent } => {
                if reader.at_end() {
                    return Err(NotDirect);
                }
                let line = reader.line();
                if line.content.starts_with("- ") && line.indent >= indent {
                    Ok(Shape::Sequence {
                        indent: line.indent,
                    })
                } else if line.indent > indent && key_of(line.content).is_some() {
                    Ok(Shape::Mapping {
                        indent: line.indent,
                        first_inline: false,
                    })
                } else {
                    Err(NotDirect)
                }
            }
            At::Inline { in_sequence } => {
                if in_sequence && key_of(reader.rest()).is_some() {
                    return Ok(Shape::Mapping {
                        indent: reader.column(),
                        first_inline: true,
                    });
                }
                let rest = reader.rest_of_line();
                match rest {
                    "[]" => Ok(Shape::EmptySequence),
                    "{}" => Ok(Shape::EmptyMapping),
                    _ if rest.starts_with('\'') => single_quoted(rest).map(Shape::Quoted),
                    _ if plain(rest) => Ok(Shape::Plain(rest)),
                    _ => Err(NotDirect),
                }
            }
        }
    }

    fn scalar(&mut self) -> Result<Shape<'de>> {
        match self.shape()? {
            shape @ (Shape::Plain(_) | Shape::Quoted(_)) => Ok(shape),
            _ => Err(NotDirect),
        }
    }
}

/// Whether `text` (the rest of a line) is plain text the library reads as
/// exactly itself, a boolean or a whole number: what the writer writes plain.
fn plain(text: &str) -> bool {
    style(text) == Some(Style::Plain) || boolean(text).is_some() || whole_number(text).is_some()
}

fn boolean(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A whole number in plain decimal, as the writer writes numbers (no sign, no
/// leading zero, no `_`: other spellings are left to the library).
fn whole_number(text: &str) -> Option<u64> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !digits || (text.len() > 1 && text.starts_with('0')) {
        return None;
    }
    text.parse().ok()
}

/// The text between single quotes that take up all of `rest`, with `''` read
/// as `'`; only printable characters.
fn single_quoted(rest: &str) -> Result<Text<'_>> {
    let inner = rest
        .strip_prefix('\'')
        .and_then(|r| r.strip_suffix('\''))
        .ok_or(NotDirect)?;
    // Folded without stopping at the first byte beyond: a loop that compiles to
    // vector instructions, over every quoted scalar of the file.
    let ascii = inner
        .bytes()
        .fold(true, |ascii, b| ascii & matches!(b, b' '..=b'~'));
    if !(ascii || inner.chars().all(printable)) {
        return Err(NotDirect);
    }
    // Quotes inside come in pairs; a lone one would end the scalar early.
    if !inner.contains('\'') {
        return Ok(Text::Borrowed(inner));
    }
    let mut out = String::with_capacity(inner.len());
    let mut parts = inner.split('\'');
    out.push_str(parts.next().unwrap_or_default());
    loop {
        match (parts.next(), parts.next()) {
            (None, _) => return Ok(Text::Owned(out)),
            (Some(""), Some(after)) => {
                out.push('\'');
                out.push_str(after);
            }
            _ => return Err(NotDirect),
        }
    }
}

fn visit_text<'de, V: Visitor<'de>>(text: Text<'de>, visitor: V) -> Result<V::Value> {
    match text {
        Text::Borrowed(text) => visitor.visit_borrowed_str(text),
        Text::Owned(text) => visitor.visit_string(text),
    }
}

impl<'de> Node<'_, 'de> {
    fn visit_collection<V: Visitor<'de>>(self, shape: Shape<'de>, visitor: V) -> Result<V::Value> {
        let reader = self.reader;
        if reader.depth >= MAX_DEPTH {
            return Err(NotDirect);
        }
        reader.depth += 1;
        let value = match shape {
            Shape::Sequence { indent } => visitor.visit_seq(Sequence {
                reader: &mut *reader,
                indent,
                read: 0,
            }),
            Shape::Mapping {
                indent,
                first_inline,
            } => visitor.visit_map(Mapping {
                reader: &mut *reader,
                indent,
                first_inline,
                value_at: None,
            }),
            Shape::EmptySequence => visitor.visit_seq(Empty),
            Shape::EmptyMapping => visitor.visit_map(Empty),
            Shape::Plain(_) | Shape::Quoted(_) => Err(NotDirect),
        };
        reader.depth -= 1;
        value
    }
}

impl<'de> Deserializer<'de> for Node<'_, 'de> {
    type Error = NotDirect;

    /// As the library resolves a plain scalar: a boolean, a whole number, or
    /// text (what it reads as null or a fraction is not taken here).
    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            Shape::Plain(text) => match (boolean(text), whole_number(text)) {
                (Some(b), _) => visitor.visit_bool(b),
                (_, Some(n)) => visitor.visit_u64(n),
                _ => visitor.visit_borrowed_str(text),
            },
            Shape::Quoted(text) => visit_text(text, visitor),
            shape => self.visit_collection(shape, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            Shape::Plain(text) => visitor.visit_bool(boolean(text).ok_or(NotDirect)?),
            _ => Err(NotDirect),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            Shape::Plain(text) => {
                let n = whole_number(text).ok_or(NotDirect)?;
                visitor.visit_i64(i64::try_from(n).map_err(|_| NotDirect)?)
            }
            _ => Err(NotDirect),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            Shape::Plain(text) => visitor.visit_u64(whole_number(text).ok_or(NotDirect)?),
            _ => Err(NotDirect),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    /// Any scalar as text, as the library gives it.
    fn deserialize_str<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        match self.scalar()? {
            Shape::Plain(text) => visitor.visit_borrowed_str(text),
            Shape::Quoted(text) => visit_text(text, visitor),
            _ => Err(NotDirect),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    /// Always something: what the library reads as null is not taken here.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            shape @ (Shape::Sequence { .. } | Shape::EmptySequence) => {
                self.visit_collection(shape, visitor)
            }
            _ => Err(NotDirect),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            shape @ (Shape::Mapping { .. } | Shape::EmptyMapping) => {
                self.visit_collection(shape, visitor)
            }
            _ => Err(NotDirect),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    /// A unit variant written as its name; other enum forms are left to the
    /// library.
    fn deserialize_enum<V: Visitor<'de>>(
        mut self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.scalar()? {
            Shape::Plain(text) => visitor.visit_enum(UnitVariant(text)),
            _ => Err(NotDirect),
        }
    }

    // Not in the meeting's form: left to the library.
    serde::forward_to_deserialize_any! {
        i128 u128 f32 f64 char bytes byte_buf unit unit_struct newtype_struct
        tuple tuple_struct ignored_any
    }
}

/// A unit variant named by plain text.
struct UnitVariant<'de>(&'de str);

impl<'de> EnumAccess<'de> for UnitVariant<'de> {
    type Error = NotDirect;
    type Variant = Self;
    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self)> {
        let name = de::value::BorrowedStrDeserializer::<NotDirect>::new(self.0);
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'de> VariantAccess<'de> for UnitVariant<'de> {
    type Error = NotDirect;
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _: S) -> Result<S::Value> {
        Err(NotDirect)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(NotDirect)
    }
    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(NotDirect)
    }
}

/// A block sequence: `- ` entries at `indent`.
struct Sequence<'a, 'de> {
    reader: &'a mut Reader<'de>,
    indent: usize,
    /// How many entries have been read.
    read: usize,
}

impl<'de> SeqAccess<'de> for Sequence<'_, 'de> {
    type Error = NotDirect;
    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        if self.reader.at_end() {
            return Ok(None);
        }
        let line = self.reader.line();
        if line.indent < self.indent
            || (line.indent == self.indent && !line.content.starts_with('-'))
        {
            // The sequence is over: a key of the mapping around it follows.
            return Ok(None);
        }
        if line.indent > self.indent || !line.content.starts_with("- ") {
            return Err(NotDirect);
        }
        self.reader.pos += line.indent + 2;
        // The top-level agenda's second item on (the top mapping and this
        // sequence are the two collections open).
        let reader = &mut *self.reader;
        if reader.preview && reader.depth == 2 && reader.top_key == "agenda" && self.read == 1 {
            reader.pass_over_notes = true;
        }
        self.read += 1;
        seed.deserialize(Node {
            reader: self.reader,
            at: At::Inline { in_sequence: true },
        })
        .map(Some)
    }
}

/// A block mapping: keys at `indent`, the first one perhaps after a `- `.
struct Mapping<'a, 'de> {
    reader: &'a mut Reader<'de>,
    indent: usize,
    /// The first key is where the reader is, inside a line.
    first_inline: bool,
    /// Where the value of the key just read starts.
    value_at: Option<At>,
}

impl<'de> MapAccess<'de> for Mapping<'_, 'de> {
    type Error = NotDirect;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let reader = &mut *self.reader;
        let content = if std::mem::take(&mut self.first_inline) {
            reader.rest()
        } else {
            if reader.at_end() {
                return Ok(None);
            }
            let line = reader.line();
            if line.indent < self.indent {
                return Ok(None);
            }
            if line.indent > self.indent {
                return Err(NotDirect);
            }
            reader.pos += line.indent;
            line.content
        };
        let (key, inline) = key_of(content).ok_or(NotDirect)?;
        if reader.depth == 1 {
            reader.top_key = key;
            reader.pass_over_notes = false;
        }
        if inline {
            reader.pos += key.len() + 2;
            self.value_at = Some(At::Inline { in_sequence: false });
        } else if reader.pass_over_notes && key == "notes" {
            reader.rest_of_line();
            reader.pass_over_block(self.indent);
            self.value_at = Some(At::PassedOver);
        } else {
            reader.rest_of_line();
            self.value_at = Some(At::Below {
                indent: self.indent,
            });
        }
        let key = de::value::BorrowedStrDeserializer::<NotDirect>::new(key);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value> {
        let at = self.value_at.take().ok_or(NotDirect)?;
        seed.deserialize(Node {
            reader: self.reader,
            at,
        })
    }
}

/// `[]` or `{}`.
struct Empty;

impl<'de> SeqAccess<'de> for Empty {
    type Error = NotDirect;
    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, _: S) -> Result<Option<S::Value>> {
        Ok(None)
    }
}

impl<'de> MapAccess<'de> for Empty {
    type Error = NotDirect;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _: K) -> Result<Option<K::Value>> {
        Ok(None)
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, _: S) -> Result<S::Value> {
        Err(NotDirect)
    }
}

#[cfg(test)]
mod tests;
