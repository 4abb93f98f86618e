//! One journal line read as a [`Record`]: the JSON of each record, with its
//! fields read directly rather than through serde's `flatten` (which buffers
//! every field of every record first), and its time read as the journal writes
//! it before any other form.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{Entry, NoteAdded, Pasted, Record};

/// One line of the journal as it is written: a [`Record`] without serde's
/// `flatten`, which buffers every field of every record before reading it (a
/// long journal reads several times faster this way).
#[derive(Deserialize)]
struct Line<A> {
    #[serde(deserialize_with = "rfc3339")]
    at: DateTime<Utc>,
    kind: Kind,
    action: Option<A>,
    text: Option<String>,
    path: Option<Vec<usize>>,
    actions: Option<usize>,
    input: Option<PathBuf>,
    output: Option<PathBuf>,
    version: Option<u32>,
}

/// A record's time as the journal writes it (RFC 3339, the strict form is
/// read several times faster than chrono's default, which accepts more), or
/// in any form chrono's `DateTime<Utc>` reads.
fn rfc3339<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
    match DateTime::parse_from_rfc3339(&text) {
        Ok(at) => Ok(at.to_utc()),
        Err(_) => text.parse().map_err(serde::de::Error::custom),
    }
}

/// The `kind` of a journal line.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Open,
    Action,
    Paste,
    Note,
    Undo,
    Redo,
    Close,
}

/// Reads one journal line as a [`Record`] (what `serde_json` gives for a
/// `Record`, faster; a line missing what its kind needs is an error).
pub fn parse_line<A: DeserializeOwned>(text: &str) -> Result<Record<A>, serde_json::Error> {
    use serde::de::Error as _;
    let line: Line<A> = serde_json::from_str(text)?;
    let missing = |field| serde_json::Error::missing_field(field);
    let entry = match line.kind {
        Kind::Open => Entry::open(
            line.input.ok_or_else(|| missing("input"))?,
            line.output.ok_or_else(|| missing("output"))?,
            line.version.unwrap_or_default(),
        ),
        Kind::Action => Entry::Action {
            action: line.action.ok_or_else(|| missing("action"))?,
        },
        Kind::Paste => Entry::Paste(Box::new(Pasted {
            text: line.text.ok_or_else(|| missing("text"))?,
        })),
        Kind::Note => Entry::Note(Box::new(NoteAdded {
            path: line.path.ok_or_else(|| missing("path"))?,
            text: line.text.ok_or_else(|| missing("text"))?,
        })),
        Kind::Undo => Entry::Undo {
            actions: line.actions.unwrap_or(1),
        },
        Kind::Redo => Entry::Redo,
        Kind::Close => Entry::Close,
    };
    Ok(Record {
        at: line.at.into(),
        entry,
    })
}
