//! The decision register: every decision and vote recorded in a folder of
//! minutes, with its date and a link to where the minutes record it
//! (`scribe decisions DIR`).
//!
//! A line is a decision when the secretary marked it so ([`Note::decision`],
//! written " (decision)"), when it starts with a label groups use for one
//! (`Decision:`, `Decided:`, `Agreed:`, `Resolved:`, `Resolution:`), or when its
//! wording records one ([`records_decision`]: "(vote: unanimous in favor)",
//! "We decided to …", "Motion to …", "Agreed on policy …"). The approval of the
//! previous meeting's minutes is left out: every meeting has one, and it is
//! procedure rather than something the group decided. A decision line carried
//! into later minutes unchanged is listed once, at the meeting that took it.

use chrono::NaiveDate;
use serde::Serialize;

use super::Minutes;
use super::extract::{anchor_of, normalise};
use crate::action_items::{owner_handles, records_decision};
use crate::liquid::{neutralised, restore_liquid};
use crate::model::{Item, Note};

/// Labels that start a decision line (compared without case, emphasis removed).
const LABELS: [&str; 5] = [
    "decision:",
    "decided:",
    "agreed:",
    "resolved:",
    "resolution:",
];

/// One decision, where the minutes record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The meeting's date.
    pub date: NaiveDate,
    /// The minutes file (its name within the folder).
    pub file: String,
    /// The anchor of the heading the line is under (empty when none).
    pub anchor: String,
    /// The headings above the line, outermost first.
    pub section: Vec<String>,
    /// The line as the minutes write it (owners included), as Markdown.
    pub text: String,
    /// The line it is nested under, when it is a note of a list line: a vote
    /// ("Vote: Unanimously in favor") says what was voted on only there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub under: Option<String>,
    /// Handles that own the line.
    pub owners: Vec<String>,
    /// How the line records a decision: `marked`, `label`, or `wording`.
    pub form: &'static str,
}

impl Decision {
    /// The link to the line's place in the minutes: `file#anchor`.
    pub fn link(&self) -> String {
        if self.anchor.is_empty() {
            self.file.clone()
        } else {
            format!("{}#{}", self.file, self.anchor)
        }
    }
}

/// How `text` records a decision, if it does: `label` for a leading
/// "Decision:"-like label, `wording` for a vote or "we decided".
pub fn decision_form(text: &str) -> Option<&'static str> {
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect::<String>()
        .to_lowercase();
    let body = super::extract::strip_owner_prefix(&plain);
    if LABELS.iter().any(|l| body.starts_with(l)) {
        return Some("label");
    }
    if records_decision(&plain) && !is_minutes_approval(&plain) {
        return Some("wording");
    }
    None
}

/// "Previous meeting minutes were approved by …": every meeting's procedure.
fn is_minutes_approval(plain: &str) -> bool {
    plain.contains("minutes") && plain.contains("approv")
}

/// Every decision of `minutes` (in date order), in the order the minutes record them.
pub fn decisions(minutes: &[Minutes]) -> Vec<Decision> {
    let mut all = Vec::new();
    for m in minutes {
        let mut walk = Walk {
            minutes: m,
            out: &mut all,
            section: Vec::new(),
            anchor: String::new(),
            seen: std::collections::HashMap::new(),
            parents: Vec::new(),
        };
        for item in &m.meeting.agenda {
            walk.item(item, true);
        }
    }
    // The same line (and the line above it) in later minutes is the decision
    // carried along, not taken again.
    let mut taken = std::collections::HashSet::new();
    all.retain(|d: &Decision| {
        let key = (
            normalise(&d.text),
            d.under.as_deref().map(normalise).unwrap_or_default(),
        );
        taken.insert(key)
    });
    all
}

struct Walk<'a> {
    minutes: &'a Minutes,
    out: &'a mut Vec<Decision>,
    section: Vec<String>,
    anchor: String,
    /// Heading ids so far, for GitHub's `-1`, `-2` suffixes.
    seen: std::collections::HashMap<String, usize>,
    /// The list lines above the one walked (innermost last).
    parents: Vec<String>,
}

impl Walk<'_> {
    fn item(&mut self, item: &Item, top: bool) {
        if item.block {
            return;
        }
        let heading = item.heading.is_some() || top;
        let saved = self.anchor.clone();
        if heading {
            let title = restore_liquid(&item.title);
            let base = anchor_of(&title);
            let n = self.seen.entry(base.clone()).or_insert(0);
            self.anchor = if *n == 0 { base } else { format!("{base}-{n}") };
            *n += 1;
            self.section.push(title);
        } else {
            let title = match &item.link {
                Some(link) => format!("[{}]({link})", item.title),
                None => item.title.clone(),
            };
            let text = if item.owners.is_empty() {
                title
            } else {
                let owners: Vec<String> = item.owners.iter().map(|o| format!("@{o}")).collect();
                format!("{} – {title}", owners.join(", "))
            };
            let text = restore_liquid(&text);
            if let Some(form) = decision_form(&text) {
                self.push(text.clone(), form);
            }
            self.parents.push(text);
        }
        for note in &item.notes {
            self.note(note);
        }
        if !heading {
            self.parents.pop();
        }
        for sub in &item.items {
            self.item(sub, false);
        }
        if heading {
            self.section.pop();
        }
        self.anchor = saved;
    }

    fn note(&mut self, note: &Note) {
        if !note.block {
            let (text, marked) = Note::split_decision(&note.text);
            let text = restore_liquid(text.trim());
            if note.decision || marked {
                self.push(text.clone(), "marked");
            } else if let Some(form) = decision_form(&text) {
                self.push(text.clone(), form);
            }
            self.parents.push(text);
        }
        for child in &note.notes {
            self.note(child);
        }
        if !note.block {
            self.parents.pop();
        }
    }

    fn push(&mut self, text: String, form: &'static str) {
        self.out.push(Decision {
            date: self.minutes.date,
            file: self.minutes.file.clone(),
            anchor: self.anchor.clone(),
            section: self.section.clone(),
            owners: owner_handles(&text),
            under: self.parents.last().cloned(),
            text,
            form,
        });
    }
}

/// The register as pretty-printed JSON: an array with one object per decision.
pub fn to_json(decisions: &[Decision]) -> String {
    #[derive(Serialize)]
    struct Row<'a> {
        #[serde(flatten)]
        decision: &'a Decision,
        link: String,
    }
    let rows: Vec<Row> = decisions
        .iter()
        .map(|d| Row {
            decision: d,
            link: d.link(),
        })
        .collect();
    // Plain strings and dates: serialising cannot fail.
    serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
}

/// The register as a page of the group's site: Jekyll front matter like their
/// minutes, a section per meeting (oldest first), each decision followed by a
/// link to its place in the minutes. Text from the minutes is kept from Liquid
/// and control characters are dropped.
pub fn to_markdown(decisions: &[Decision]) -> String {
    let mut out = String::from("---\nlayout: single\ntoc: true\ntitle: Decision register\n---\n\n");
    out.push_str(
        "Decisions and votes recorded in the meeting minutes, oldest first, \
         each with a link to where the minutes record it.\n",
    );
    if decisions.is_empty() {
        out.push_str("\nNo decisions recorded yet.\n");
    }
    let mut current: Option<(NaiveDate, &str)> = None;
    for d in decisions {
        if current != Some((d.date, d.file.as_str())) {
            current = Some((d.date, d.file.as_str()));
            out.push_str(&format!(
                "\n## {}\n\nMinutes: [{}]({})\n\n",
                d.date,
                clean(&d.file),
                link_target(&d.file)
            ));
        }
        let place = d.section.last().map_or("minutes", String::as_str);
        let line = match &d.under {
            Some(under) => format!("{} — {}", clean(under), clean(&d.text)),
            None => clean(&d.text),
        };
        out.push_str(&format!(
            "- {} ([{}]({}))\n",
            neutralised(&line),
            neutralised(&clean(&plain_link_text(place))),
            link_target(&d.link())
        ));
    }
    out
}

/// Text on one line without control characters.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A heading's text for use inside a link: its own links reduced to their text
/// and brackets dropped, so the link stays one link (and a ticket's title is
/// plain text).
pub(super) fn plain_link_text(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("](") {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.replace(['[', ']'], "")
}

/// A file name as a link target: spaces and parentheses escaped so the Markdown
/// link holds.
fn link_target(target: &str) -> String {
    clean(target)
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}
