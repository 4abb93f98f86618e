//! The YAML meeting file: reading it with errors that point at the line and
//! column of the problem, and writing it back.
//!
//! The file is the serde form of [`crate::model::Meeting`]; the spelling of each
//! field is in `model::yaml`. Here are the checks on the file as a whole (size,
//! text, emptiness) and the translation of YAML errors into [`InputError`]s,
//! with a "did you mean" hint for misspelt keys.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::error::{InputError, line_col};
use crate::model::Meeting;

pub(crate) mod nesting;
pub use nesting::MAX_NESTING;
use nesting::too_deep;

/// Files larger than this are refused before reading: a meeting file is a few
/// kilobytes, so anything this big is the wrong file.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads and checks the meeting file at `path`.
pub fn load_meeting(path: &Path) -> Result<Meeting, InputError> {
    let bytes = read_input_file(path)?;
    let text = input_text(path, &bytes)?;
    parse_meeting(text, path)
}

/// Reads a user's input file whole, refusing one that is too big before
/// reading it.
pub fn read_input_file(path: &Path) -> Result<Vec<u8>, InputError> {
    let file = fs::File::open(path)
        .map_err(|e| InputError::whole_file(path, format!("cannot open the file: {e}")))?;
    let size = file
        .metadata()
        .map_err(|e| InputError::whole_file(path, format!("cannot read the file: {e}")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(InputError::whole_file(
            path,
            format!(
                "the file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes ({} MB); expected a meeting file of a few kilobytes",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    // Sized for the whole file (and the one byte that tells it grew): read in
    // large pieces into one buffer, not a buffer doubled from 32 bytes up.
    let mut bytes = Vec::with_capacity(usize::try_from(size).map_or(0, |n| n + 1));
    // Reads at most one byte past the limit, in case the file grew meanwhile.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::whole_file(path, format!("cannot read the file: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::whole_file(
            path,
            format!(
                "the file is over the limit of {} MB; expected a meeting file of a few kilobytes",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
}

/// The bytes of an input file as text: UTF-8, without a byte order mark, and
/// not binary.
pub fn input_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // `contains` finds a byte a word at a time; the position is looked for only
    // in a file that has one.
    if bytes.contains(&0)
        && let Some(nul) = bytes.iter().position(|&b| b == 0)
    {
        let (line, column) = line_col(bytes, nul);
        return Err(InputError::at(
            path,
            line,
            column,
            "the file is binary (it has a NUL byte); expected a UTF-8 text file",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(bytes, e.valid_up_to());
        InputError::at(
            path,
            line,
            column,
            format!(
                "the file is not valid UTF-8 (byte 0x{:02X}); expected a UTF-8 text file",
                bytes.get(e.valid_up_to()).copied().unwrap_or(0)
            ),
        )
    })
}

/// Reads a meeting from the YAML text `src`; `path` names the file in errors.
pub fn parse_meeting(src: &str, path: &Path) -> Result<Meeting, InputError> {
    let src = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    if src.contains('\0') {
        return Err(InputError::whole_file(
            path,
            "the file is binary (it has a NUL byte); expected a UTF-8 text file",
        ));
    }
    let is_blank = src
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---");
    if is_blank {
        return Err(InputError::whole_file(
            path,
            "the file is empty; expected a meeting with `title`, `meeting_time` and `agenda`",
        ));
    }
    // The form scribe writes is read directly (most of start-up otherwise; it
    // limits its own nesting); anything else, and any error, is the library's
    // to read and report, after the nesting check it needs.
    let meeting = match crate::model::yaml::read_direct::<Meeting>(src) {
        Some(meeting) => meeting,
        None => {
            if let Some((line, column)) = too_deep(src) {
                return Err(InputError::at(
                    path,
                    line,
                    column,
                    format!(
                        "nested deeper than {MAX_NESTING} levels here; expected a meeting file nested a few levels deep"
                    ),
                ));
            }
            yaml_serde::from_str::<Meeting>(src).map_err(|e| yaml_error(path, &e))?
        }
    };
    refuse_escaped_nul(src, path, &meeting)?;
    Ok(meeting)
}

/// What the first screen of a session on `src` shows, read quickly: the
/// meeting as [`parse_meeting`] reads it, except that the agenda's items after
/// the first have no notes (on a long meeting, most of the file). `None` when
/// the file is not in the form scribe writes, which the preview does not try
/// to read otherwise, nor to explain: [`parse_meeting`] does, and its meeting
/// is the one a session works on.
pub fn preview_meeting(src: &str) -> Option<Meeting> {
    let src = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    if src.contains('\0') {
        return None;
    }
    crate::model::yaml::read_preview::<Meeting>(src)
}

/// A NUL written as an escape in a quoted string (`"\0"`, `"\x00"`,
/// `"\u0000"`) is refused like a raw one: it would end up in the minutes as a
/// byte no Markdown tool expects.
fn refuse_escaped_nul(src: &str, path: &Path, meeting: &Meeting) -> Result<(), InputError> {
    // Without one of these escapes in the text no NUL can be in the meeting (a raw
    // one is refused before): the meeting is not written out to look for one.
    // One pass over the backslashes (a meeting file has few) finds the first.
    let Some(at) = src.match_indices('\\').map(|(at, _)| at).find(|&at| {
        ["\\0", "\\x00", "\\u0000", "\\U00000000"]
            .iter()
            .any(|escape| src[at..].starts_with(escape))
    }) else {
        return Ok(());
    };
    let has_nul = serde_json::to_string(meeting).is_ok_and(|json| json.contains("\\u0000"));
    if !has_nul {
        return Ok(());
    }
    let (line, column) = line_col(src.as_bytes(), at);
    Err(InputError::at(
        path,
        line,
        column,
        "a NUL character (`\\0`) in the text; expected text without control characters",
    ))
}

/// Writes the meeting as YAML, in the same form that [`parse_meeting`] reads.
pub fn to_yaml(m: &Meeting) -> String {
    // A long agenda of plain text is written directly (the library's emitter
    // takes most of an import's time), giving the library's text.
    if let Some(text) = crate::model::yaml::fast_yaml(m) {
        return text;
    }
    // The model holds only strings, numbers and lists, which YAML can always
    // express; the fallback keeps this total all the same.
    yaml_serde::to_string(m).unwrap_or_else(|e| format!("# cannot write this meeting: {e}\n"))
}

/// An [`InputError`] from a YAML error: its position, and its message without
/// the position (which the error's own Display appends) plus a hint.
fn yaml_error(path: &Path, e: &yaml_serde::Error) -> InputError {
    let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let message = e.to_string();
    let mut message = strip_positions(&message);
    let syntax_error = e.to_string().contains(", while ");
    if syntax_error {
        message.push_str(" (YAML syntax: check the indentation and quoting here)");
    }
    if message == "EOF while parsing a value" {
        message = "the file is empty; expected a meeting with `title`, `meeting_time` and `agenda`"
            .to_string();
    }
    if let Some(hint) = missing_field_hint(&message) {
        message.push_str(hint);
    }
    if let Some(hint) = did_you_mean(&message) {
        message.push_str(&format!(" — did you mean `{hint}`?"));
    }
    InputError::at(path, line, column, message)
}

/// The message without the " at line N column M" parts that the YAML
/// library writes into it (the position is reported separately).
fn strip_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + " at line ".len()..];
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        let tail = &tail[digits..];
        match tail.strip_prefix(" column ") {
            Some(col) if digits > 0 => {
                let col_digits = col.chars().take_while(char::is_ascii_digit).count();
                rest = &col[col_digits..];
            }
            _ => {
                out.push_str(" at line ");
                rest = &rest[at + " at line ".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What to write for a field that is missing.
fn missing_field_hint(message: &str) -> Option<&'static str> {
    let field = message.split("missing field `").nth(1)?.split('`').next()?;
    Some(match field {
        "title" => "; expected a `title:`, e.g. `title: Minutes 2024-05-15`",
        "meeting_time" => "; expected a `meeting_time:`, e.g. `meeting_time: 2024-05-15 17:00 UTC`",
        "agenda" => "; expected an `agenda:` with a list of sections, e.g. `- title: Welcome`",
        "handle" => "; expected a `handle:`, e.g. `handle: \"@sjn\"`",
        "text" => "; expected the note's `text:`",
        _ => return None,
    })
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown
/// variant"), the expected name closest to the unknown one, if any is close.
fn did_you_mean(message: &str) -> Option<String> {
    let start = message
        .find("unknown field `")
        .map(|i| i + "unknown field `".len())
        .or_else(|| {
            message
                .find("unknown variant `")
                .map(|i| i + "unknown variant `".len())
        })?;
    let rest = &message[start..];
    let end = rest.find('`')?;
    let unknown = &rest[..end];
    let expected = &rest[end + 1..];
    let expected = &expected[expected.find("expected")?..];
    let candidates = expected.split('`').skip(1).step_by(2);
    let (best, distance) = candidates
        .map(|c| (c, strsim::damerau_levenshtein(&unknown.to_lowercase(), c)))
        .min_by_key(|&(_, d)| d)?;
    // Close enough to be a typo: a couple of edits, more for long names.
    let limit = (unknown.chars().count() / 3).max(2);
    (distance <= limit).then(|| best.to_string())
}
