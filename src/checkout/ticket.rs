//! A ticket for an agenda item, from the live meeting: its history is read from
//! the folder of minutes the meeting sits in (first seen, meetings carried,
//! owners, the minutes where it appeared), then the ticket is opened with
//! `gh issue create` when the GitHub CLI is there and logged in, else its text
//! is written beside the minutes, ready to paste.

use std::path::{Path, PathBuf};

use super::{Error, TICKET_DRAFT_SUFFIX, folder_of, gh_issue_create, gh_ready, printable};
use crate::history::{self, extract, ticket::Ticket};

/// What became of a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Made {
    /// `gh issue create` opened it: its link.
    Opened { title: String, url: String },
    /// No `gh` (or not logged in): its text was written to `file`, to paste.
    Drafted {
        title: String,
        body: String,
        file: PathBuf,
        /// Why `gh` was not used, when it was there and failed.
        gh_error: Option<String>,
    },
}

/// The ticket for the item titled `title` of the minutes at `minutes`: the
/// item as the folder's ledger follows it (by its title in these minutes),
/// or, for an item the folder has never seen, a ticket naming this meeting.
pub fn draft(minutes: &Path, title: &str) -> Ticket {
    let dir = folder_of(minutes);
    let key = extract::normalise(title);
    let name = minutes
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Ok((all, _)) = history::read_folder(&dir) {
        let ledger = history::build(&all);
        let here = ledger.meeting_index(&name);
        let found = ledger.items.iter().position(|t| {
            t.appearances
                .iter()
                .any(|a| Some(a.meeting) == here && a.entry.key == key)
        });
        if let Some(summary) = found.and_then(|i| ledger.summaries().into_iter().nth(i)) {
            return history::ticket::draft(&summary, None);
        }
    }
    let plain = title.trim().to_string();
    Ticket {
        title: plain.clone(),
        body: format!("{plain}\n\n- First on the agenda: {name}\n"),
    }
}

/// Where the text of a ticket for `title` is written beside `minutes`.
pub fn draft_path(minutes: &Path, title: &str) -> PathBuf {
    let stem = minutes
        .file_stem()
        .map_or_else(|| "minutes".into(), |s| s.to_string_lossy().into_owned());
    let slug: String = extract::normalise(title)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    let slug: String = slug.chars().take(48).collect();
    let slug = if slug.is_empty() { "item".into() } else { slug };
    minutes.with_file_name(format!("{stem}.{slug}{TICKET_DRAFT_SUFFIX}"))
}

/// Opens `ticket` with `gh issue create` (run in the minutes' folder, so it
/// goes to that repository), else writes it beside `minutes` (see
/// [`draft_path`]).
pub fn make(minutes: &Path, item_title: &str, ticket: &Ticket) -> Result<Made, Error> {
    let mut gh_error = None;
    if gh_ready() {
        let out = gh_issue_create(Some(&folder_of(minutes)), ticket);
        match out {
            Ok(out) if out.status.success() => {
                let stdout = String::from_utf8_lossy(&out.stdout);
                if let Some(url) = stdout.lines().rev().map(str::trim).find(|l| !l.is_empty()) {
                    return Ok(Made::Opened {
                        title: ticket.title.clone(),
                        url: printable(url),
                    });
                }
                gh_error = Some("gh issue create printed no link".to_string());
            }
            Ok(out) => {
                gh_error = Some(printable(String::from_utf8_lossy(&out.stderr).trim()));
            }
            Err(e) => gh_error = Some(format!("cannot run gh: {e}")),
        }
    }
    let file = draft_path(minutes, item_title);
    let text = format!("Title: {}\n\n{}", ticket.title, ticket.body);
    crate::write::write_atomic(&file, text.as_bytes())
        .map_err(|e| Error::Other(format!("cannot write {}: {e}", file.display())))?;
    Ok(Made::Drafted {
        title: ticket.title.clone(),
        body: ticket.body.clone(),
        file,
        gh_error,
    })
}

/// The note an item gets for its ticket, in the group's form: a Markdown link
/// named for the issue (`Ticket: [#7](…/issues/7)`), or the link as it is.
pub fn link_note(url: &str) -> String {
    let url = url.trim();
    match url.rsplit_once("/issues/") {
        Some((_, number)) if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) => {
            format!("Ticket: [#{number}]({url})")
        }
        _ => format!("Ticket: {url}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tickets_note_names_the_issue() {
        assert_eq!(
            link_note("https://github.com/o/r/issues/7\n"),
            "Ticket: [#7](https://github.com/o/r/issues/7)"
        );
        assert_eq!(
            link_note("https://tracker.example/T-3"),
            "Ticket: https://tracker.example/T-3"
        );
    }

    #[test]
    fn a_draft_sits_beside_the_minutes_under_a_name_from_the_item() {
        assert_eq!(
            draft_path(
                Path::new("/m/cpansec-minutes-2026-02-19.md"),
                "@tux – Team document template wanted; help needed"
            ),
            PathBuf::from(
                "/m/cpansec-minutes-2026-02-19.team-document-template-wanted-help-needed.ticket.txt"
            )
        );
        assert_eq!(
            draft_path(Path::new("m.md"), "@@@"),
            PathBuf::from("m.item.ticket.txt")
        );
    }
}
