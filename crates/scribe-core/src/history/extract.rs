//! The lines of one meeting that the ledger follows, read from its agenda tree.
//!
//! Followed are the list entries of the agenda (the numbered or bulleted lines
//! under a section or topic heading) and, deeper down, every note line with a
//! checkbox: under the group's convention a box marks a task or topic whatever
//! its depth, while a nested line without one is a summary of the line above.
//! Headings are topics, not tasks, and are not followed; they give each line its
//! place (`section`) and the anchor a link to it points at.
//!
//! A box typed `[]` (no space) is not a task-list box for CommonMark, so the
//! model keeps it in the text; here it counts as an unchecked box.

use crate::action_items::owner_handles;
use crate::liquid::restore_liquid;
use crate::model::{Item, Meeting, Note};

/// One followed line of one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The line's text without owners, checkbox or list marker, as Markdown.
    pub title: String,
    /// The title normalised for matching (see [`normalise`]).
    pub key: String,
    /// Handles (without `@`) who own the line, as the line names them.
    pub owners: Vec<String>,
    /// The checkbox: `None` when the line has none.
    pub checked: Option<bool>,
    /// The titles of the headings above the line, outermost first.
    pub section: Vec<String>,
    /// The anchor (`id`) of the nearest heading above the line, as GitHub and
    /// Jekyll make it from the heading's text; empty when there is none.
    pub anchor: String,
}

impl Entry {
    /// Whether the line is an open task: an unchecked box, or, in minutes that do
    /// not use boxes, a line with an owner.
    pub fn is_open(&self, uses_boxes: bool) -> bool {
        match self.checked {
            Some(checked) => !checked,
            None => !uses_boxes && !self.owners.is_empty(),
        }
    }
}

/// The followed lines of `meeting`, in document order. Lines whose title says
/// nothing once normalised (`…`, `no update`-like one-word lines) are left out:
/// no two of them can be told apart.
pub fn entries(meeting: &Meeting) -> Vec<Entry> {
    let mut walk = Walk {
        out: Vec::new(),
        anchors: Anchors::default(),
        section: Vec::new(),
        anchor: String::new(),
    };
    for section in &meeting.agenda {
        walk.item(section, true);
    }
    walk.out
}

/// Whether the minutes use the checkbox convention: some line has a box.
pub fn uses_boxes(entries: &[Entry]) -> bool {
    entries.iter().any(|e| e.checked.is_some())
}

struct Walk {
    out: Vec<Entry>,
    anchors: Anchors,
    section: Vec<String>,
    anchor: String,
}

impl Walk {
    fn item(&mut self, item: &Item, top: bool) {
        if item.block {
            return;
        }
        let heading = item.heading.is_some() || top;
        let saved_anchor = self.anchor.clone();
        if heading {
            let text = restore_liquid(&item.title);
            self.anchor = self.anchors.next(&text);
            self.section.push(text);
        } else {
            let owners = if item.owners.is_empty() {
                owner_handles(&item.title)
            } else {
                item.owners.clone()
            };
            let title = if item.owners.is_empty() {
                strip_owner_prefix(&item.title)
            } else {
                item.title.trim()
            };
            self.push(title, owners, item.checked);
        }
        for note in &item.notes {
            self.note(note, !heading);
        }
        for sub in &item.items {
            self.item(sub, false);
        }
        if heading {
            self.section.pop();
        }
        self.anchor = saved_anchor;
    }

    /// `under_line`: the note is nested under a list line (not a heading), where
    /// only boxed lines are followed.
    fn note(&mut self, note: &Note, under_line: bool) {
        if note.block {
            return;
        }
        // Most notes are summaries under a line, without a box: they are passed
        // over reading as little of them as possible (a meeting has thousands).
        let boxed = note.checked.is_some() || empty_box(&note.text).is_some();
        if boxed || !under_line {
            let (text, _) = Note::split_decision(&note.text);
            let title = strip_owner_prefix(text);
            self.push(title, owner_handles(text), note.checked);
        }
        for child in &note.notes {
            self.note(child, true);
        }
    }

    fn push(&mut self, title: &str, owners: Vec<String>, checked: Option<bool>) {
        let (title, checked) = match empty_box(title) {
            Some(rest) if checked.is_none() => (rest, Some(false)),
            _ => (title, checked),
        };
        let title = restore_liquid(title.trim());
        let key = normalise(&title);
        if key.len() < 3 {
            return;
        }
        self.out.push(Entry {
            key,
            title,
            owners,
            checked,
            section: self.section.clone(),
            anchor: self.anchor.clone(),
        });
    }
}

/// The rest of `text` after a leading `[]` box, if it has one.
fn empty_box(text: &str) -> Option<&str> {
    text.trim_start().strip_prefix("[]")
}

/// `text` without the owners it starts with and the separator after them, the
/// way [`owner_handles`] reads owners: `@a, @b – title`, `Contact @a - title`
/// and `@a puts together …` give `title`, `title` and `puts together …`. Text
/// that names no owner first is returned trimmed.
pub fn strip_owner_prefix(text: &str) -> &str {
    const SEPARATORS: [&str; 4] = [" - ", " – ", " — ", ": "];
    let text = text.trim();
    if owner_handles(text).is_empty() {
        return text;
    }
    if let Some((at, sep)) = SEPARATORS
        .iter()
        .filter_map(|s| text.find(s).map(|at| (at, s.len())))
        .min()
    {
        let before = &text[..at];
        let other_words = before
            .split_whitespace()
            .filter(|w| {
                !w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@')
                    .starts_with('@')
            })
            .filter(|w| !matches!(w.to_lowercase().as_str(), "and" | "or" | "&" | "+"))
            .count();
        if other_words <= 2 {
            return text[at + sep..].trim();
        }
    }
    // No separator after the owners: drop the handles the line starts with.
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '(' | ')' | '+' | '&' | '/' | '*')
        });
        let trimmed = ["and ", "or "]
            .iter()
            .find_map(|j| {
                trimmed
                    .strip_prefix(j)
                    .filter(|r| r.trim_start().starts_with('@'))
            })
            .unwrap_or(trimmed);
        let Some(handle) = trimmed.strip_prefix('@') else {
            break;
        };
        let end = handle
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(handle.len());
        rest = &handle[end..];
    }
    rest.trim()
}

/// A title reduced to what matching compares: Markdown links and emphasis
/// reduced to their text, `@handles` removed (owners are compared apart),
/// a leading box dropped, lower case, punctuation as spaces, spaces collapsed.
pub fn normalise(title: &str) -> String {
    let text = link_texts(title);
    let text = text.trim_start();
    let text = ["[ ]", "[x]", "[X]", "[]"]
        .iter()
        .find_map(|b| text.strip_prefix(b))
        .unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        if c == '@' && !previous.is_some_and(|p| p.is_alphanumeric() || p == '/' || p == '.') {
            while chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '_' || *n == '-')
            {
                chars.next();
            }
            previous = Some(' ');
            out.push(' ');
            continue;
        }
        previous = Some(c);
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[text](url)` reduced to `text`, and `<url>` to `url`.
fn link_texts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("](") {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.replace('[', " ")
}

/// The anchors of a document's headings, as GitHub and Jekyll (kramdown's GFM
/// ids) make them: lower case, punctuation dropped, spaces as `-`, and `-1`,
/// `-2` … after the second and later headings with the same id.
#[derive(Default)]
struct Anchors {
    seen: std::collections::HashMap<String, usize>,
}

impl Anchors {
    fn next(&mut self, heading: &str) -> String {
        let base = anchor_of(heading);
        let count = self.seen.entry(base.clone()).or_insert(0);
        let id = if *count == 0 {
            base
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        id
    }
}

/// The GitHub id of a heading: its text (links reduced to their text) in lower
/// case, without punctuation other than `-` and `_`, spaces as `-`.
pub fn anchor_of(heading: &str) -> String {
    link_texts(heading)
        .replace(']', "")
        .trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().collect::<String>())
            } else if c == ' ' {
                Some("-".to_string())
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_stripped_from_the_front_only() {
        assert_eq!(
            strip_owner_prefix("@robrwo puts together a proposal"),
            "puts together a proposal"
        );
        assert_eq!(
            strip_owner_prefix("@tux - Team document template wanted"),
            "Team document template wanted"
        );
        assert_eq!(
            strip_owner_prefix("@sjn and @leont discussed at PTS"),
            "discussed at PTS"
        );
        assert_eq!(
            strip_owner_prefix("Ask @sjn for access"),
            "Ask @sjn for access"
        );
        assert_eq!(
            strip_owner_prefix("Contact @timlegge, @stigtsp - Integrating CVE process"),
            "Integrating CVE process"
        );
        assert_eq!(
            strip_owner_prefix("(Berlin, Germany) GPW 2025 - Monday"),
            "(Berlin, Germany) GPW 2025 - Monday"
        );
    }

    #[test]
    fn normalising_drops_links_handles_boxes_and_punctuation() {
        assert_eq!(
            normalise("[]  **Team** document template wanted; Help needed (@timlegge)"),
            "team document template wanted help needed"
        );
        assert_eq!(
            normalise("[Security Patch Tooling](https://github.com/x/11) POC"),
            "security patch tooling poc"
        );
        assert_eq!(normalise("mail sjn@example.org"), "mail sjn example org");
    }

    #[test]
    fn anchors_follow_github() {
        assert_eq!(
            anchor_of("CPAN Author's Security Policy Guidelines"),
            "cpan-authors-security-policy-guidelines"
        );
        assert_eq!(
            anchor_of("[Security Patch Tooling](https://github.com/x)"),
            "security-patch-tooling"
        );
        assert_eq!(
            anchor_of("Attendees, absents & regrets"),
            "attendees-absents--regrets"
        );
        let mut anchors = Anchors::default();
        assert_eq!(anchors.next("Notes"), "notes");
        assert_eq!(anchors.next("Notes"), "notes-1");
    }
}
