//! What the ledger says about each item, and the ledger as a table and as JSON
//! (`scribe history DIR [--json]`).

use chrono::NaiveDate;
use serde::Serialize;

use super::{Ledger, Thread};

/// One item of the ledger, summed up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemSummary {
    /// The title as the latest minutes write it (owners left out).
    pub title: String,
    /// The date of the first and the latest meeting it appears in.
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// How many meetings (minutes files) it appears in.
    pub meetings: usize,
    /// Whether it is open (an unchecked box; an `@owner` line in minutes without
    /// boxes) where it last appears.
    pub open: bool,
    /// Whether it appears in the latest minutes of the folder.
    pub in_latest: bool,
    /// How many meetings in a row it has appeared open, up to its last appearance
    /// (0 when it is not open there).
    pub carried: usize,
    /// The date of the meeting where it was checked off, when it ends checked.
    pub closed: Option<NaiveDate>,
    /// Everyone who owned it, in the order they first did.
    pub owners: Vec<String>,
    /// Its owners at each meeting where they changed, from the first.
    pub owner_history: Vec<OwnerChange>,
    /// Where it appeared, in meeting order, with why each line is this item.
    pub appearances: Vec<AppearanceSummary>,
}

/// The owners an item had from a meeting on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnerChange {
    pub date: NaiveDate,
    pub owners: Vec<String>,
}

/// One appearance, as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppearanceSummary {
    pub date: NaiveDate,
    pub file: String,
    /// The anchor of the heading the line is under, for `file#anchor` links.
    pub anchor: String,
    pub title: String,
    pub checked: Option<bool>,
    /// Why this line is the item of the previous appearance (absent for the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

pub(super) fn summary(ledger: &Ledger, thread: &Thread) -> ItemSummary {
    let meeting = |i: usize| &ledger.meetings[i];
    let first = thread.appearances[0].meeting;
    let last = thread.last();
    let open_at = |a: &super::Appearance| a.entry.is_open(meeting(a.meeting).uses_boxes);
    let carried = thread
        .appearances
        .iter()
        .rev()
        .take_while(|a| open_at(a))
        .count();
    let closed = if last.entry.checked == Some(true) {
        thread
            .appearances
            .iter()
            .rev()
            .take_while(|a| a.entry.checked == Some(true))
            .last()
            .map(|a| meeting(a.meeting).date)
    } else {
        None
    };
    let mut owners: Vec<String> = Vec::new();
    let mut owner_history: Vec<OwnerChange> = Vec::new();
    for a in &thread.appearances {
        for o in &a.entry.owners {
            if !owners.iter().any(|x| x.eq_ignore_ascii_case(o)) {
                owners.push(o.clone());
            }
        }
        let changed = owner_history.last().is_none_or(|c| {
            !c.owners.iter().map(|o| o.to_lowercase()).eq(a
                .entry
                .owners
                .iter()
                .map(|o| o.to_lowercase()))
        });
        if changed && !(owner_history.is_empty() && a.entry.owners.is_empty()) {
            owner_history.push(OwnerChange {
                date: meeting(a.meeting).date,
                owners: a.entry.owners.clone(),
            });
        }
    }
    ItemSummary {
        title: last.entry.title.clone(),
        first: meeting(first).date,
        last: meeting(last.meeting).date,
        meetings: thread.appearances.len(),
        open: open_at(last),
        in_latest: last.meeting + 1 == ledger.meetings.len(),
        carried,
        closed,
        owners,
        owner_history,
        appearances: thread
            .appearances
            .iter()
            .map(|a| AppearanceSummary {
                date: meeting(a.meeting).date,
                file: meeting(a.meeting).file.clone(),
                anchor: a.entry.anchor.clone(),
                title: a.entry.title.clone(),
                checked: a.entry.checked,
                link: a.link.as_ref().map(ToString::to_string),
            })
            .collect(),
    }
}

/// The ledger as pretty-printed JSON: an array with one object per item, in the
/// order the items first appeared.
pub fn to_json(ledger: &Ledger) -> String {
    // Plain strings, numbers and dates: serialising cannot fail.
    serde_json::to_string_pretty(&ledger.summaries()).unwrap_or_default() + "\n"
}

/// The ledger as a text table for the terminal: open items first, longest
/// carried first, then the others by how many meetings they appear in. Titles
/// are cut to fit and control characters from the files are replaced.
pub fn table(ledger: &Ledger) -> String {
    let mut rows = ledger.summaries();
    rows.sort_by(|a, b| {
        b.open
            .cmp(&a.open)
            .then_with(|| b.carried.cmp(&a.carried))
            .then_with(|| b.meetings.cmp(&a.meetings))
            .then_with(|| a.first.cmp(&b.first))
    });
    let mut out = format!(
        "{} meetings, {} items, {} open\n\n",
        ledger.meetings.len(),
        rows.len(),
        rows.iter().filter(|r| r.open).count()
    );
    out.push_str("CARRIED  MEETINGS  FIRST       LAST        STATE   OWNERS               TITLE\n");
    for r in &rows {
        let state = match (r.open, r.closed) {
            (true, _) => "open".to_string(),
            (false, Some(_)) => "closed".to_string(),
            (false, None) => "-".to_string(),
        };
        let owners: Vec<String> = r.owners.iter().map(|o| format!("@{o}")).collect();
        out.push_str(&format!(
            "{:>7}  {:>8}  {}  {}  {:<6}  {:<20} {}\n",
            if r.carried > 0 {
                format!("{}×", r.carried)
            } else {
                String::new()
            },
            r.meetings,
            r.first,
            r.last,
            state,
            clip(&owners.join(","), 20),
            clip(&r.title, 70),
        ));
    }
    out
}

/// `text` on one line, printable, at most `width` characters (with `…`).
pub fn clip(text: &str, width: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() <= width {
        clean
    } else {
        let mut s: String = clean.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}
