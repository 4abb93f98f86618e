//! The group's memory across meetings: an item ledger over a folder of minutes
//! (each item followed from meeting to meeting, with its age, owners and when it
//! was closed) and a register of the decisions taken (see [`decisions`]).
//!
//! Everything here is a pure function of the parsed minutes ([`Minutes`]) apart
//! from [`read_folder`], the one place that reads files.
//!
//! How the ledger is built: meetings are taken in date order, and each followed
//! line of a meeting ([`extract::entries`]) is linked to an item of the ledger
//! not yet seen in that meeting — first by the same normalised title (any earlier
//! meeting), then by similarity ([`matching::reason`]) with items seen in the last
//! [`FUZZY_WINDOW`] meetings, strongest link first, each item taking at most one
//! line per meeting. A line linked to nothing starts a new item. Each appearance
//! keeps the [`matching::Reason`] of its link, so every match can be explained.
//! [`ticket`] drafts a ticket for an item carried too long.

pub mod decisions;
pub mod extract;
pub mod matching;
mod report;
pub mod ticket;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::InputError;
use crate::markdown::Document;
use crate::model::Meeting;

pub use extract::Entry;
pub use matching::Reason;
pub use report::{ItemSummary, OwnerChange, clip, table, to_json};

/// How many meetings back a reworded line is looked for (an exact title is
/// looked for in all earlier meetings).
pub const FUZZY_WINDOW: usize = 6;

/// Default age (meetings carried open) from which `scribe next` warns.
pub const DEFAULT_CARRIED_THRESHOLD: usize = 4;

/// One minutes file of the folder, parsed.
#[derive(Debug, Clone)]
pub struct Minutes {
    /// The file's name within the folder (what links to it use).
    pub file: String,
    /// The meeting's date.
    pub date: NaiveDate,
    /// The meeting as read.
    pub meeting: Meeting,
}

impl Minutes {
    /// The minutes of a parsed Markdown document.
    pub fn from_document(doc: &Document) -> Minutes {
        let meeting = doc.meeting();
        Minutes {
            file: doc
                .path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            date: meeting.meeting_time.date_naive(),
            meeting,
        }
    }
}

/// A file of the folder that is not minutes (no meeting date), and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// Reads every Markdown file (`.md`, `.markdown`) directly in `dir` as minutes,
/// sorted by meeting date (then file name). A `README` or `index` page is left out; files that are not minutes (no
/// meeting date can be found, not UTF-8) are returned as [`Skipped`]: a folder
/// of minutes holds a README or an index page too. Only a folder that cannot be
/// read is an error. Symbolic links and subfolders are not followed.
pub fn read_folder(dir: &Path) -> Result<(Vec<Minutes>, Vec<Skipped>), InputError> {
    read_folder_of(dir, None)
}

/// [`read_folder`], with `known` — a file of `dir` already read, such as the
/// minutes a command was given — taken as read instead of read a second time
/// (at 100 times a real meeting, reading a file is most of `scribe next`).
pub fn read_folder_with(
    dir: &Path,
    known: Option<&Document>,
) -> Result<(Vec<Minutes>, Vec<Skipped>), InputError> {
    read_folder_of(dir, known.map(Known::Read))
}

/// [`read_folder`] without the file named `skip` (the one being opened, which
/// its caller has read already): a long file is not read and parsed twice.
fn read_folder_except(
    dir: &Path,
    skip: &std::ffi::OsStr,
) -> Result<(Vec<Minutes>, Vec<Skipped>), InputError> {
    read_folder_of(dir, Some(Known::LeftOut(skip)))
}

/// A file of the folder its caller has dealt with already.
enum Known<'a> {
    /// Read already: this document stands for it.
    Read(&'a Document),
    /// Named so: it is not among the minutes read.
    LeftOut(&'a std::ffi::OsStr),
}

/// [`read_folder`], with `known` dealt with as it says.
fn read_folder_of(
    dir: &Path,
    known: Option<Known<'_>>,
) -> Result<(Vec<Minutes>, Vec<Skipped>), InputError> {
    let skip = match known {
        Some(Known::LeftOut(name)) => Some(name),
        _ => None,
    };
    // The same file whatever the spelling of its path (`minutes.md`, `./minutes.md`).
    let known = match known {
        Some(Known::Read(doc)) => doc.path().canonicalize().ok().map(|at| (at, doc)),
        _ => None,
    };
    let listing = std::fs::read_dir(dir)
        .map_err(|e| InputError::whole_file(dir, format!("cannot read the folder: {e}")))?;
    let mut paths: Vec<PathBuf> = listing
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown"))
        })
        .collect();
    // A README or index page beside the minutes describes them; its dates
    // (the next meeting's) would make it look like a meeting.
    paths.retain(|p| {
        let stem = p.file_stem().map(|s| s.to_string_lossy().to_lowercase());
        !matches!(stem.as_deref(), Some("readme" | "index")) && p.file_name() != skip
    });
    paths.sort();
    let mut minutes = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if let Some((at, doc)) = &known
            && path.canonicalize().is_ok_and(|p| p == *at)
        {
            place(path, doc, &mut minutes, &mut skipped);
            continue;
        }
        // A file over the size limit is skipped as scribe refuses it anywhere
        // else: it is not read whole to date a meeting.
        let parsed = crate::meeting_file::read_input_file(&path)
            .and_then(|bytes| Document::parse(&path, &bytes));
        match parsed {
            Ok(doc) => place(path, &doc, &mut minutes, &mut skipped),
            Err(e) => skipped.push(Skipped {
                path,
                reason: e.to_string(),
            }),
        }
    }
    sort_minutes(&mut minutes);
    Ok((minutes, skipped))
}

/// A document of the folder among the minutes, or skipped: a file without a
/// date of its own is dated today by the reader; it cannot be placed among
/// meetings.
fn place(path: PathBuf, doc: &Document, minutes: &mut Vec<Minutes>, skipped: &mut Vec<Skipped>) {
    if doc.date_assumed() {
        skipped.push(Skipped {
            reason: format!(
                "{}: no meeting date found in the file or its name",
                path.display()
            ),
            path,
        });
    } else {
        minutes.push(Minutes::from_document(doc));
    }
}

/// Sorts minutes by date, then file name (the order the ledger reads them in).
pub fn sort_minutes(minutes: &mut [Minutes]) {
    minutes.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.file.cmp(&b.file)));
}

/// One meeting of the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRef {
    pub file: String,
    pub date: NaiveDate,
    /// Whether the meeting's minutes use checkboxes (which decides what is open).
    pub uses_boxes: bool,
}

/// One appearance of an item in one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Appearance {
    /// Index of the meeting in [`Ledger::meetings`].
    pub meeting: usize,
    /// The line as it was in that meeting.
    pub entry: Entry,
    /// Why this line is the item of the previous appearance; `None` for the first.
    pub link: Option<Reason>,
}

/// One item followed across meetings.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    /// Its appearances, in meeting order, at most one per meeting.
    pub appearances: Vec<Appearance>,
}

/// Every item of a folder of minutes, followed across its meetings.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// The meetings, in date order.
    pub meetings: Vec<MeetingRef>,
    /// The items, in the order they first appeared.
    pub items: Vec<Thread>,
}

impl Thread {
    /// The latest appearance.
    pub fn last(&self) -> &Appearance {
        // A thread is created with its first appearance and never emptied.
        &self.appearances[self.appearances.len() - 1]
    }
}

/// Builds the ledger of `minutes` (sorted by date first, see [`sort_minutes`]).
pub fn build(minutes: &[Minutes]) -> Ledger {
    let mut ledger = Ledger {
        meetings: Vec::with_capacity(minutes.len()),
        items: Vec::new(),
    };
    // The character pairs of each item's latest title (for the similarity
    // score), made when first needed: most lines match by their title.
    let mut item_pairs: Vec<Option<matching::Pairs>> = Vec::new();
    // Normalised title of each item's latest appearance → items, for rule 1.
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (m, minute) in minutes.iter().enumerate() {
        let entries = extract::entries(&minute.meeting);
        ledger.meetings.push(MeetingRef {
            file: minute.file.clone(),
            date: minute.date,
            uses_boxes: extract::uses_boxes(&entries),
        });
        let mut taken = vec![false; ledger.items.len()];
        let mut links: Vec<Option<(usize, Reason)>> = vec![None; entries.len()];

        // Rule 1: the same title; an item with an owner in common first, then
        // the most recently seen.
        for (e, entry) in entries.iter().enumerate() {
            let Some(candidates) = by_key.get(&entry.key) else {
                continue;
            };
            let best = candidates
                .iter()
                .copied()
                .filter(|&t| !taken[t])
                .filter(|&t| matching::same_title(&ledger.items[t].last().entry, entry))
                .max_by_key(|&t| {
                    let last = ledger.items[t].last();
                    let shares_owner = last
                        .entry
                        .owners
                        .iter()
                        .any(|o| entry.owners.iter().any(|p| p.eq_ignore_ascii_case(o)));
                    (shares_owner, last.meeting, std::cmp::Reverse(t))
                });
            if let Some(t) = best {
                taken[t] = true;
                links[e] = Some((t, Reason::SameTitle));
            }
        }

        // The other rules for the rest, against items seen recently and not yet taken.
        let recent: Vec<usize> = (0..ledger.items.len())
            .filter(|&t| !taken[t] && ledger.items[t].last().meeting + FUZZY_WINDOW >= m)
            .collect();
        // Made only when there is an item to compare with: a line that starts
        // an item gets its pairs later, when first needed (`item_pairs`).
        let entry_pairs: Vec<Option<matching::Pairs>> = entries
            .iter()
            .zip(&links)
            .map(|(e, link)| {
                (link.is_none() && !recent.is_empty()).then(|| matching::Pairs::of(&e.key))
            })
            .collect();
        if entry_pairs.iter().any(Option::is_some) {
            for &t in &recent {
                if item_pairs[t].is_none() {
                    item_pairs[t] = Some(matching::Pairs::of(&ledger.items[t].last().entry.key));
                }
            }
        }
        let mut pairs: Vec<(f64, usize, usize, Reason)> = Vec::new();
        for (e, entry) in entries.iter().enumerate() {
            let Some(later_pairs) = &entry_pairs[e] else {
                continue;
            };
            for &t in &recent {
                let earlier = &ledger.items[t].last().entry;
                let Some(earlier_pairs) = &item_pairs[t] else {
                    continue;
                };
                if let Some(reason) =
                    matching::reason_with(earlier, earlier_pairs, entry, later_pairs)
                {
                    pairs.push((reason.strength(), e, t, reason));
                }
            }
        }
        // Strongest first; between equals, the most recently seen item, then
        // document order, so the result does not depend on sorting stability.
        pairs.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| {
                    ledger.items[b.2]
                        .last()
                        .meeting
                        .cmp(&ledger.items[a.2].last().meeting)
                })
                .then_with(|| a.1.cmp(&b.1))
                .then_with(|| a.2.cmp(&b.2))
        });
        for (_, e, t, reason) in pairs {
            if links[e].is_none() && !taken[t] {
                taken[t] = true;
                links[e] = Some((t, reason));
            }
        }

        for ((entry, link), entry_pairs) in entries.into_iter().zip(links).zip(entry_pairs) {
            let key = entry.key.clone();
            match link {
                Some((t, reason)) => {
                    let old_key = &ledger.items[t].last().entry.key;
                    if *old_key != key {
                        if let Some(list) = by_key.get_mut(old_key) {
                            list.retain(|&x| x != t);
                        }
                        by_key.entry(key).or_default().push(t);
                        item_pairs[t] = entry_pairs;
                    }
                    ledger.items[t].appearances.push(Appearance {
                        meeting: m,
                        entry,
                        link: Some(reason),
                    });
                }
                None => {
                    ledger.items.push(Thread {
                        appearances: vec![Appearance {
                            meeting: m,
                            entry,
                            link: None,
                        }],
                    });
                    by_key.entry(key).or_default().push(ledger.items.len() - 1);
                    item_pairs.push(entry_pairs);
                }
            }
        }
    }
    ledger
}

impl Ledger {
    /// The summary of each item, in the order they first appeared.
    pub fn summaries(&self) -> Vec<ItemSummary> {
        self.items
            .iter()
            .map(|t| report::summary(self, t))
            .collect()
    }

    /// Items open in the latest meeting and carried open for at least
    /// `threshold` meetings, longest carried first.
    pub fn carried_past(&self, threshold: usize) -> Vec<Carried> {
        match self.meetings.len().checked_sub(1) {
            Some(latest) => self.carried_at(latest, threshold),
            None => Vec::new(),
        }
    }

    /// The item whose title contains `text` (without case): of several, the open
    /// one carried longest, then the one seen last.
    pub fn find(&self, text: &str) -> Option<ItemSummary> {
        let needle = text.to_lowercase();
        self.summaries()
            .into_iter()
            .filter(|s| s.title.to_lowercase().contains(&needle))
            .max_by(|a, b| {
                (a.open, a.carried, a.last)
                    .cmp(&(b.open, b.carried, b.last))
                    .then_with(|| b.first.cmp(&a.first))
            })
    }

    /// The index of the meeting read from `file` (its name in the folder).
    pub fn meeting_index(&self, file: &str) -> Option<usize> {
        self.meetings.iter().position(|m| m.file == file)
    }

    /// Items open in meeting `meeting` that had been open for at least
    /// `threshold` meetings in a row by then, longest carried first.
    pub fn carried_at(&self, meeting: usize, threshold: usize) -> Vec<Carried> {
        let open = |a: &Appearance| a.entry.is_open(self.meetings[a.meeting].uses_boxes);
        let mut out: Vec<Carried> = self
            .items
            .iter()
            .filter_map(|t| {
                let at = t.appearances.iter().position(|a| a.meeting == meeting)?;
                let run = t.appearances[..=at]
                    .iter()
                    .rev()
                    .take_while(|a| open(a))
                    .count();
                (run >= threshold && run > 0).then(|| {
                    let a = &t.appearances[at];
                    Carried {
                        title: a.entry.title.clone(),
                        owners: a.entry.owners.clone(),
                        carried: run,
                        since: self.meetings[t.appearances[at + 1 - run].meeting].date,
                    }
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.carried
                .cmp(&a.carried)
                .then_with(|| a.since.cmp(&b.since))
        });
        out
    }
}

/// How many meetings in a row each open item of one meeting has been carried,
/// by normalised title: what the live agenda shows beside an item ("carried
/// 9×"). Looked up by title rather than position, so items added, moved or
/// deleted during the meeting keep theirs or have none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ages {
    by_key: HashMap<String, usize>,
}

impl Ages {
    /// The ages of the open items of meeting `meeting` of `ledger`.
    pub fn at(ledger: &Ledger, meeting: usize) -> Ages {
        let mut by_key = HashMap::new();
        for c in ledger.carried_at(meeting, 1) {
            // Two open lines with one title: the older age is the one to see.
            let age = by_key.entry(extract::normalise(&c.title)).or_insert(0);
            *age = (*age).max(c.carried);
        }
        Ages { by_key }
    }

    /// The age of the item titled `title` (owners not included), if it is open
    /// and was in the minutes.
    pub fn of(&self, title: &str) -> Option<usize> {
        self.by_key.get(&extract::normalise(title)).copied()
    }

    /// True when no item has an age (no folder, or nothing open).
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// The ages of the open items of the minutes or agenda `file`, from the other
/// minutes of its folder; empty when the folder holds no other minutes or
/// cannot be read (the live meeting runs the same without them).
pub fn ages_of_file(file: &Path) -> Ages {
    match std::fs::read(file) {
        Ok(bytes) => ages_of(file, &bytes),
        Err(_) => Ages::default(),
    }
}

/// The ages of the open items of the minutes or agenda `file` as if it held
/// `bytes` (the live meeting's base, whatever the file says by now), from the
/// other minutes of its folder; empty as [`ages_of_file`].
pub fn ages_of(file: &Path, bytes: &[u8]) -> Ages {
    ages_beside(file, || match Document::parse(file, bytes) {
        Ok(doc) if !doc.date_assumed() => Some(Minutes::from_document(&doc)),
        _ => None,
    })
}

/// The ages of the open items of `doc` (parsed already, from the file it names),
/// from the other minutes of its folder; empty as [`ages_of_file`].
pub fn ages_of_document(doc: &Document) -> Ages {
    ages_beside(doc.path(), || {
        (!doc.date_assumed()).then(|| Minutes::from_document(doc))
    })
}

/// The ages of the open items of `this` (the minutes of `file`, made only when
/// its folder holds other minutes: a lone file has no history to age from).
fn ages_beside(file: &Path, this: impl FnOnce() -> Option<Minutes>) -> Ages {
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Some(name) = file.file_name() else {
        return Ages::default();
    };
    let Ok((mut minutes, _)) = read_folder_except(dir, name) else {
        return Ages::default();
    };
    if minutes.is_empty() {
        return Ages::default();
    }
    let Some(this) = this() else {
        return Ages::default();
    };
    let name = this.file.clone();
    minutes.push(this);
    sort_minutes(&mut minutes);
    let ledger = build(&minutes);
    match ledger.meeting_index(&name) {
        Some(at) => Ages::at(&ledger, at),
        None => Ages::default(),
    }
}

/// An item carried open for many meetings (what `scribe next` warns about).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    pub title: String,
    pub owners: Vec<String>,
    /// How many meetings in a row it has been open.
    pub carried: usize,
    /// The date of the first of those meetings.
    pub since: NaiveDate,
}

impl Carried {
    /// One line for the terminal: `5× since 2025-02-19  @tux – title`.
    pub fn line(&self) -> String {
        let owners: Vec<String> = self.owners.iter().map(|o| format!("@{o}")).collect();
        let who = if owners.is_empty() {
            String::new()
        } else {
            format!("{} – ", owners.join(", "))
        };
        report::clip(
            &format!(
                "{}× since {}  {who}{}",
                self.carried, self.since, self.title
            ),
            110,
        )
    }
}

#[cfg(test)]
mod tests;
