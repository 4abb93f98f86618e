//! Open action items and decisions of a meeting, grouped by person — the
//! "Action items, by person" list MeetBot users expect — for `scribe actions`.
//!
//! The group's minutes carry their tasks in two conventions:
//!
//! - since 2025 (`corpus/README.md`, "Meeting agenda/minutes format") a line with an
//!   unchecked box `[ ]` is open, a checked one `[x]` is done, and lines without a box
//!   are summaries or information;
//! - before that there are no boxes, and a task is a line starting with the `@owner`
//!   who owns or reported it (`@timlegge – CNA progress update`).
//!
//! So when a meeting follows the checkbox convention (a note line has a box, or a
//! list mixes boxed and unboxed lines), its open actions are its unchecked lines.
//! Otherwise they are its `@owner` lines, less those checked off, themselves or
//! with a line above them: minutes in the earlier layout where the secretary
//! checked items off, whose whole lists then have boxes. Each action is listed under every
//! handle that owns it (a line naming several appears under each), and lines with no
//! owner go to "Unassigned". Decisions and votes are listed as well: lines the
//! secretary marked as a decision ([`Note::decision`]) and lines whose wording records
//! one ("vote: unanimous in favor", "Voted on …", "we decided …", "Motion to …").

use std::collections::BTreeMap;

use serde::Serialize;

use crate::liquid::restore_liquid;
use crate::markdown::Document;
use crate::model::{Item, Meeting, Note, Shared};

/// Everything `scribe actions` reports for one meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionReport {
    /// The meeting's title.
    pub meeting: String,
    /// Whether the meeting uses checkboxes, which decides what counts as open.
    pub uses_checkboxes: bool,
    /// Open actions of each person, persons sorted by handle (without case).
    pub by_person: Vec<PersonActions>,
    /// Open actions that name no owner.
    pub unassigned: Vec<Entry>,
    /// Decisions and votes, in the order of the minutes.
    pub decisions: Vec<Entry>,
}

/// The open actions of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonActions {
    /// The handle without `@`, spelled as on the roster when the person is on it.
    pub handle: String,
    /// The person's actions, in the order of the minutes.
    pub actions: Vec<Entry>,
}

/// One line of the minutes (an agenda item or a note) listed in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The line as Markdown inline text, as it reads in the minutes (owners included).
    pub text: String,
    /// The line's checkbox, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<bool>,
    /// Handles (without `@`) that own the line; empty when unassigned.
    pub owners: Vec<String>,
    /// Where the line sits: the titles of its section and items and the text of
    /// the notes it is nested under, outermost first.
    pub context: Vec<String>,
}

/// Collects the open actions and the decisions of `meeting`.
pub fn report(meeting: &Meeting) -> ActionReport {
    report_with_source(meeting, None)
}

/// [`report`] of Markdown minutes, quoting their lines as the secretary typed
/// them: each entry as the file writes it (its own owner separator), and with
/// the Liquid escapes scribe writes into minutes (`{% raw %}`) undone.
pub fn report_for_document(doc: &Document) -> ActionReport {
    report_with_source(&doc.meeting(), Some(doc))
}

fn report_with_source(meeting: &Meeting, source: Option<&Document>) -> ActionReport {
    let mut walker = Walker {
        uses_checkboxes: uses_box_convention(&meeting.agenda),
        actions: Vec::new(),
        decisions: Vec::new(),
        source,
        path: Vec::new(),
    };
    let mut context = Vec::new();
    for (i, section) in meeting.agenda.iter().enumerate() {
        walker.path = vec![i];
        walker.item(section, &mut context, &[], false);
    }

    // Group by handle without case (`@BooK` and `@book` are one person), keeping
    // the roster's spelling, else the first one seen.
    let mut groups: BTreeMap<String, PersonActions> = BTreeMap::new();
    let mut unassigned = Vec::new();
    for entry in walker.actions {
        if entry.owners.is_empty() {
            unassigned.push(entry);
            continue;
        }
        for owner in &entry.owners {
            let handle = meeting
                .person(owner)
                .map_or_else(|| owner.clone(), |p| p.handle.clone());
            let group = groups
                .entry(owner.to_lowercase())
                .or_insert_with(|| PersonActions {
                    handle,
                    actions: Vec::new(),
                });
            // A line naming the same person twice is still one action of theirs.
            if group.actions.last() != Some(&entry) {
                group.actions.push(entry.clone());
            }
        }
    }

    ActionReport {
        meeting: meeting.title.clone(),
        uses_checkboxes: walker.uses_checkboxes,
        by_person: groups.into_values().collect(),
        unassigned,
        decisions: walker.decisions,
    }
}

/// The report as Markdown: one `##` section per person, then "Unassigned" and
/// "Decisions" when they have entries. Line texts are written as they read in
/// the minutes, so links and emphasis survive.
pub fn to_markdown(report: &ActionReport) -> String {
    let mut out = String::new();
    out.push_str("# Action items, by person\n\n");
    out.push_str(&format!("From: {}\n", report.meeting));
    if report.by_person.is_empty() && report.unassigned.is_empty() {
        out.push_str("\nNo open action items.\n");
    }
    for person in &report.by_person {
        out.push_str(&format!("\n## @{}\n\n", person.handle));
        for entry in &person.actions {
            push_entry(&mut out, entry);
        }
    }
    if !report.unassigned.is_empty() {
        out.push_str("\n## Unassigned\n\n");
        for entry in &report.unassigned {
            push_entry(&mut out, entry);
        }
    }
    if !report.decisions.is_empty() {
        out.push_str("\n## Decisions\n\n");
        for entry in &report.decisions {
            push_entry(&mut out, entry);
        }
    }
    out
}

/// The report as pretty-printed JSON (the shape of [`ActionReport`]).
pub fn to_json(report: &ActionReport) -> String {
    // Serialising plain strings, vectors and options cannot fail.
    serde_json::to_string_pretty(report).unwrap_or_default() + "\n"
}

fn push_entry(out: &mut String, entry: &Entry) {
    out.push_str("- ");
    match entry.checked {
        Some(true) => out.push_str("[x] "),
        Some(false) => out.push_str("[ ] "),
        None => {}
    }
    out.push_str(entry.text.trim());
    if !entry.context.is_empty() {
        out.push_str(" (");
        out.push_str(&entry.context.join(" › "));
        out.push(')');
    }
    out.push('\n');
}

/// Walks the agenda tree, collecting actions and decisions with their context.
struct Walker<'a> {
    uses_checkboxes: bool,
    actions: Vec<Entry>,
    decisions: Vec<Entry>,
    /// The Markdown the meeting was read from, whose lines are quoted as written.
    source: Option<&'a Document>,
    /// Where the item being walked is in the agenda.
    path: Vec<usize>,
}

impl Walker<'_> {
    /// A line's text as the secretary typed it: Markdown read back has scribe's
    /// Liquid escapes undone.
    fn as_typed(&self, text: &str) -> String {
        match self.source {
            Some(_) => restore_liquid(text),
            None => text.to_string(),
        }
    }

    /// `done_above`: a line above this one is checked, so this one is done with it.
    fn item(
        &mut self,
        item: &Item,
        context: &mut Vec<String>,
        inherited: &[String],
        done_above: bool,
    ) {
        let text = match self.source.and_then(|d| d.item_source_text(&self.path)) {
            Some(written) => restore_liquid(&written),
            None => item_line(item),
        };
        let mut owners = if item.owners.is_empty() {
            owner_handles(&self.as_typed(&item.title))
        } else {
            item.owners.clone()
        };
        if owners.is_empty() {
            owners = inherited.to_vec();
        }
        let entry = Entry {
            text: text.clone(),
            checked: item.checked,
            owners,
            context: context.clone(),
        };
        // Sections (top level) and topic headings (`#### CPAN Testers`) are not
        // tasks, nor are paragraphs and other blocks of an imported document:
        // only list lines count.
        let list_line = !context.is_empty() && item.heading.is_none() && !item.block;
        if list_line && self.is_open(&entry, done_above) {
            self.actions.push(entry.clone());
        }
        let done_above = done_above || item.checked == Some(true);
        if records_decision(&item.title) {
            self.decisions.push(entry.clone());
        }
        context.push(text);
        // A line that is only handles (`- @sjn` with the person's report nested
        // under it, as in the 2026 minutes) gives its owners to the lines below.
        let inherited = if only_handles(&entry.text) {
            entry.owners
        } else {
            Vec::new()
        };
        for note in &item.notes {
            self.note(note, context, &inherited, done_above);
        }
        for (i, sub) in item.items.iter().enumerate() {
            self.path.push(i);
            self.item(sub, context, &inherited, done_above);
            self.path.pop();
        }
        context.pop();
    }

    fn note(
        &mut self,
        note: &Note,
        context: &mut Vec<String>,
        inherited: &[String],
        done_above: bool,
    ) {
        let text = self.as_typed(note.text.trim());
        let mut owners = owner_handles(&text);
        if owners.is_empty() {
            owners = inherited.to_vec();
        }
        let entry = Entry {
            text,
            checked: note.checked,
            owners,
            context: context.clone(),
        };
        if !note.block && self.is_open(&entry, done_above) {
            self.actions.push(entry.clone());
        }
        let done_above = done_above || note.checked == Some(true);
        if note.decision || records_decision(&entry.text) {
            self.decisions.push(entry.clone());
        }
        let inherited = if only_handles(&entry.text) {
            entry.owners
        } else {
            Vec::new()
        };
        context.push(entry.text);
        for child in &note.notes {
            self.note(child, context, &inherited, done_above);
        }
        context.pop();
    }

    /// Whether a line is an open action under the meeting's convention.
    fn is_open(&self, entry: &Entry, done_above: bool) -> bool {
        if self.uses_checkboxes {
            // Only an unchecked box is open; a line without one is information.
            return entry.checked == Some(false);
        }
        // `@owner` lines are tasks, unless checked off, themselves or with a line
        // above them (the next agenda drops those).
        entry.checked != Some(true)
            && !done_above
            && !entry.owners.is_empty()
            && !only_handles(&entry.text)
    }
}

/// Whether minutes follow the checkbox convention, where a line without a box is
/// information: some note line has a box, or a list mixes boxed and unboxed
/// items. Minutes in the earlier layout where the secretary only checked items
/// off (whole lists boxed, as the seed style writes them) still carry their
/// tasks as `@owner` lines.
fn uses_box_convention(items: &[Shared<Item>]) -> bool {
    let boxed = items.iter().filter(|i| i.checked.is_some()).count();
    (boxed > 0 && boxed < items.len())
        || items
            .iter()
            .any(|i| i.notes.iter().any(note_has_checkbox) || uses_box_convention(&i.items))
}

fn note_has_checkbox(note: &Note) -> bool {
    note.checked.is_some() || note.notes.iter().any(note_has_checkbox)
}

/// An item's line as the minutes show it: `@a, @b – [title](link)`.
fn item_line(item: &Item) -> String {
    let title = match &item.link {
        Some(link) => format!("[{}]({})", item.title, link),
        None => item.title.clone(),
    };
    let owners: Vec<String> = item.owners.iter().map(|h| format!("@{h}")).collect();
    match (owners.is_empty(), title.trim().is_empty()) {
        (true, _) => title,
        // `- @sjn` with the person's lines nested under it.
        (false, true) => owners.join(", "),
        (false, false) => format!("{} – {}", owners.join(", "), title),
    }
}

/// The `@handle`s in `text`, in order, without `@`.
///
/// A handle is `@` followed by letters, digits, `_` or `-`, where the `@` does not
/// follow a letter, digit, `/` or `.` (so `user@example.org` and
/// `https://fosstodon.org/@cpansec` are not handles).
pub fn handles_in(text: &str) -> Vec<String> {
    let mut handles = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let starts_handle = c == '@'
            && !previous.is_some_and(|p| p.is_alphanumeric() || matches!(p, '/' | '.' | '_'));
        previous = Some(c);
        if !starts_handle {
            continue;
        }
        let start = at + 1;
        let mut end = start;
        while let Some(&(i, n)) = chars.peek() {
            if n.is_ascii_alphanumeric() || n == '_' || n == '-' {
                end = i + n.len_utf8();
                previous = Some(n);
                chars.next();
            } else {
                break;
            }
        }
        // "@sjn-" in "@sjn- text" is a handle followed by a dash.
        let handle = text[start..end].trim_end_matches('-');
        if !handle.is_empty() {
            handles.push(handle.to_string());
        }
    }
    handles
}

/// The owners of a line: the handles before its owner separator (`@a, @b – …`,
/// `@a: "…"`, `Contact @a, @b - …`), or, when it has none, the handles it starts
/// with (`@a and @b discussed …`). Handles mentioned later in the text
/// (`… thanks to @ingy`) are not owners.
pub fn owner_handles(text: &str) -> Vec<String> {
    const SEPARATORS: [&str; 4] = [" - ", " – ", " — ", ": "];
    let text = text.trim();
    let separator = SEPARATORS.iter().filter_map(|s| text.find(s)).min();
    // The part before the separator names owners only when it is short
    // ("Contact @a, @b - …"); "Will maybe attend … -> @sjn: …" quotes @sjn.
    let mut owners = match separator {
        Some(end) if other_words(&text[..end]) <= 2 => handles_in(&text[..end]),
        _ => leading_handles(text),
    };
    // "@stigtsp and @stigtsp" or "@tux, @Tux": one owner.
    let mut seen = Vec::new();
    owners.retain(|h| {
        let key = h.to_lowercase();
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    owners
}

/// The handles at the start of `text`, joined by commas, `and`, `&`, `+`, `/`,
/// `or` or parentheses.
fn leading_handles(text: &str) -> Vec<String> {
    let mut handles = Vec::new();
    for word in text.split_whitespace() {
        // A slash right before `@` is part of a path or address ("/@a"), which
        // `handles_in` does not take for a handle: it is not taken off here.
        let word = (word.trim_start_matches(|c| is_joiner_punctuation(c) && c != '/'))
            .trim_end_matches(is_joiner_punctuation);
        if word.trim_matches(is_joiner_punctuation).is_empty()
            || matches!(word.to_lowercase().as_str(), "and" | "or")
        {
            continue;
        }
        match handles_in(word).as_slice() {
            [one] if word.starts_with('@') => handles.push(one.clone()),
            _ => break,
        }
    }
    handles
}

/// How many words of `text` are neither handles nor joiners like `and`.
fn other_words(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| is_joiner_punctuation(c) || c == '?'))
        .filter(|w| {
            !w.is_empty()
                && !w.starts_with('@')
                && !matches!(w.to_lowercase().as_str(), "and" | "or")
        })
        .count()
}

/// Punctuation around handles in an owner list: `@a, @b`, `(@a)`, `+@b`,
/// `@a & @b`, and emphasis (`**@a**`).
fn is_joiner_punctuation(c: char) -> bool {
    matches!(c, ',' | '(' | ')' | '+' | '&' | '/' | '*' | '`')
}

/// True when the line is nothing but handles (`@sjn`, `@stigtsp and @tux`).
fn only_handles(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return false;
    }
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| is_joiner_punctuation(c) || c == ':'))
        .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "and" | "or"))
        .all(|w| w.starts_with('@') && handles_in(w).len() == 1)
}

/// Whether the wording of a line records a decision or a vote: "(vote: unanimous
/// in favor)", "Vote: Unanimously **in favor**", "4 votes Aye", "2 voted in favor",
/// "Voted on …", "we decided not to …", "Motion to approve …", "Agreed on policy",
/// "minutes were approved". Future tense ("to be decided", "will be decided",
/// "Discuss and decide") is not a decision.
pub fn records_decision(text: &str) -> bool {
    // Emphasis does not change the words: "**in favor**".
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has_word = |w: &str| words.contains(&w);
    let follows = |before: &str, w: &str| words.windows(2).any(|p| p[0] == before && p[1] == w);

    if plain.contains("vote:") || plain.contains("votes:") {
        return true;
    }
    if has_word("voted") || has_word("unanimous") || has_word("unanimously") {
        return true;
    }
    // "4 votes Aye, 0 votes Nay"
    if words
        .windows(2)
        .any(|p| p[0].chars().all(|c| c.is_ascii_digit()) && matches!(p[1], "vote" | "votes"))
    {
        return true;
    }
    if follows("in", "favor") || follows("in", "favour") || follows("motion", "to") {
        return true;
    }
    if has_word("decided") && !follows("be", "decided") {
        return true;
    }
    if has_word("agreed") && !follows("be", "agreed") && !follows("not", "agreed") {
        return true;
    }
    has_word("approved") && !follows("be", "approved") && !follows("not", "approved")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn meeting() -> Meeting {
        Meeting::new(
            "Minutes test",
            Utc.with_ymd_and_hms(2024, 5, 15, 17, 0, 0).unwrap(),
        )
    }

    #[test]
    fn handles_skip_emails_and_urls() {
        assert_eq!(
            handles_in(
                "@ingy, @stigtsp and mail sjn@example.org or https://fosstodon.org/@cpansec.rss"
            ),
            vec!["ingy", "stigtsp"]
        );
        assert_eq!(handles_in("(+@timlegge, +@garu)"), vec!["timlegge", "garu"]);
        assert_eq!(handles_in("ref @tux's checklist"), vec!["tux"]);
    }

    #[test]
    fn owners_are_the_handles_before_the_separator() {
        assert_eq!(
            owner_handles("@stigtsp – New public Matrix channel thanks to @ingy and @stigtsp"),
            vec!["stigtsp"]
        );
        assert_eq!(
            owner_handles("@stigtsp (+@timlegge, +@garu) - Help with perlsecpolicy"),
            vec!["stigtsp", "timlegge", "garu"]
        );
        assert_eq!(
            owner_handles("Contact @timlegge, @stigtsp - Analysing vulnerabilities"),
            vec!["timlegge", "stigtsp"]
        );
        assert_eq!(
            owner_handles("@sjn and @leont discussed at PTS, decided to"),
            vec!["sjn", "leont"]
        );
        assert_eq!(
            owner_handles("@timlegge: \"PAUSE is slow\""),
            vec!["timlegge"]
        );
        assert_eq!(owner_handles("Chair: @oalders"), Vec::<String>::new());
        assert_eq!(
            owner_handles("Previous meeting minutes were approved in PR#65 by @oalders"),
            Vec::<String>::new()
        );
        assert_eq!(
            owner_handles("Others? (contact @sjn!)"),
            Vec::<String>::new()
        );
        assert_eq!(
            owner_handles("Will maybe attend some OpenSSF meetings -> @sjn: \"please announce\""),
            Vec::<String>::new()
        );
        assert_eq!(
            owner_handles("@garu (? - please contact @sjn)"),
            vec!["garu"]
        );
        // A handle after a slash is not one (as `handles_in` reads it).
        assert_eq!(owner_handles("/@a"), Vec::<String>::new());
        assert_eq!(owner_handles("@a / @b – topic"), vec!["a", "b"]);
    }

    proptest::proptest! {
        /// Any typed line is read without panicking, and every owner found is a
        /// handle that the line names.
        #[test]
        fn any_line_reads_without_panicking(text in "\\PC{0,80}") {
            let owners = owner_handles(&text);
            let named = handles_in(&text);
            for owner in &owners {
                proptest::prop_assert!(named.contains(owner), "{owner} not in {named:?}");
            }
            let _ = records_decision(&text);
            let mut m = meeting();
            let mut section = Item::new("Section");
            let mut note = Note::new(text.clone());
            note.checked = Some(false);
            section.notes.push(note);
            section.items.push(Item::new(text).into());
            m.agenda.push(section.into());
            let r = report(&m);
            let _ = to_markdown(&r);
            let _ = to_json(&r);
        }
    }

    #[test]
    fn decisions_are_recognised_by_wording() {
        for yes in [
            "@stigtsp – new project for \"CPAN Secure by Default\" (vote: unanimous in favor)",
            "Vote: Unanimously **in favor**.",
            "4 votes Aye, 0 votes Nay. We'll proceed with an announcement.",
            "Change of name: CPAN Security Group (short: CPANSec) – 2 voted in favor, 4 abstained",
            "Voted on changing CNA of last resort: Unanimous in favor of moving to Red Hat",
            "Concerns about CVSS: we decided not to add CVSS to our CVEs for most cases",
            "Motion to approve all four minutes from @sjn",
        ] {
            assert!(records_decision(yes), "{yes}");
        }
        for no in [
            "@sjn - Create document on what CPANSec-relevant issues need to be decided on/discussed at PTS",
            "Next meeting is in-person at PTS. New online meeting date will be decided then.",
            "@sjn – Proposal: Decide on Code of Conduct. Let's use the same as TPRF",
            "We'll also need to decide who is our single point of contact to PSC.",
            "@stigtsp – We decide with a straw poll on IRC",
        ] {
            assert!(!records_decision(no), "{no}");
        }
    }

    #[test]
    fn items_with_owners_group_under_each_owner_and_marked_notes_are_decisions() {
        let mut m = meeting();
        let mut section = Item::new("Operating changes");
        let mut item = Item::new("HTTPS/TLS-out-of-the-box project");
        item.owners = vec!["sjn".into(), "BooK".into()];
        let mut marked = Note::new("Official commitment CPANSec is confirmed.");
        marked.decision = true;
        item.notes.push(marked);
        section.items.push(item.into());
        m.agenda.push(section.into());
        m.roster.push(crate::model::Person {
            handle: "book".into(),
            name: None,
            attendance: crate::model::Attendance::Present,
        });

        let r = report(&m);
        assert!(!r.uses_checkboxes);
        let handles: Vec<&str> = r.by_person.iter().map(|p| p.handle.as_str()).collect();
        // Sorted without case; spelled as on the roster.
        assert_eq!(handles, vec!["book", "sjn"]);
        assert_eq!(r.by_person[0].actions, r.by_person[1].actions);
        assert_eq!(
            r.by_person[0].actions[0].text,
            "@sjn, @BooK – HTTPS/TLS-out-of-the-box project"
        );
        assert_eq!(r.by_person[0].actions[0].context, vec!["Operating changes"]);
        assert_eq!(r.decisions.len(), 1);
        assert_eq!(
            r.decisions[0].text,
            "Official commitment CPANSec is confirmed."
        );
        assert_eq!(
            r.decisions[0].context,
            vec![
                "Operating changes".to_string(),
                "@sjn, @BooK – HTTPS/TLS-out-of-the-box project".to_string()
            ]
        );
    }

    /// `- @sjn` read as an item with an owner and no title, the person's report
    /// lines nested under it as sub-items and notes (2026-01-08 minutes).
    #[test]
    fn an_owner_only_item_gives_its_owner_to_the_lines_below() {
        let mut m = meeting();
        let mut section = Item::new("Minutes");
        let mut person = Item::new("");
        person.owners = vec!["timlegge".into()];
        person.items.push(Item::new("CNA business as usual").into());
        person.notes.push(Note::new("2025 retro ongoing"));
        section.items.push(person.into());
        m.agenda.push(section.into());

        let r = report(&m);
        assert_eq!(r.by_person.len(), 1);
        let lines: Vec<&str> = r.by_person[0]
            .actions
            .iter()
            .map(|a| a.text.as_str())
            .collect();
        assert_eq!(lines, vec!["2025 retro ongoing", "CNA business as usual"]);
        assert_eq!(
            r.by_person[0].actions[0].context,
            vec!["Minutes", "@timlegge"]
        );
    }

    #[test]
    fn checked_lines_are_done_and_unboxed_lines_are_notes_when_boxes_are_used() {
        let mut m = meeting();
        let mut section = Item::new("Funding drive");
        let mut done = Note::new("@stigtsp 1d/w");
        done.checked = Some(true);
        let mut open = Note::new("@garu (? - please contact @sjn)");
        open.checked = Some(false);
        let summary = Note::new("@sjn - No progress");
        section.notes = vec![done, open, summary].into();
        m.agenda.push(section.into());

        let r = report(&m);
        assert!(r.uses_checkboxes);
        assert_eq!(r.by_person.len(), 1);
        assert_eq!(r.by_person[0].handle, "garu");
        assert_eq!(r.by_person[0].actions[0].checked, Some(false));
        assert!(r.unassigned.is_empty());
    }

    #[test]
    fn markdown_and_json_carry_the_same_entries() {
        let mut m = meeting();
        let mut section = Item::new("Any Other Business");
        let mut open = Note::new("(Volunteer needed) - Write a guide");
        open.checked = Some(false);
        section.notes.push(open);
        m.agenda.push(section.into());
        let r = report(&m);

        let md = to_markdown(&r);
        assert_eq!(
            md,
            "# Action items, by person\n\nFrom: Minutes test\n\n## Unassigned\n\n\
             - [ ] (Volunteer needed) - Write a guide (Any Other Business)\n"
        );
        let json: serde_json::Value = serde_json::from_str(&to_json(&r)).unwrap();
        assert_eq!(
            json["unassigned"][0]["text"],
            "(Volunteer needed) - Write a guide"
        );
        assert_eq!(json["unassigned"][0]["checked"], false);
        assert_eq!(json["by_person"].as_array().map(Vec::len), Some(0));
    }
}
