//! Synthetic meetings for benchmarks: a realistic meeting `scale` times the seed.
//!
//! At scale 1 the meeting is about the size of the reference minutes (8 sections,
//! 10 items, 2 people, 200 note lines); at scale 100 it has about 1,000 items in 8
//! sections, 200 people and 20,000 note lines. The content is deterministic (a fixed
//! pseudo-random sequence) so that benchmark runs compare like with like.
//!
//! The history of such a meeting taken live (the journal benchmarks replay) is made
//! in the `scribe` crate, which owns actions and the journal.

use chrono::{TimeZone, Utc};

use crate::model::{Attendance, Item, Meeting, Note, Person, Shared};

/// The section titles of the group's agenda.
const SECTIONS: [&str; 8] = [
    "Welcome",
    "Approve previous meeting minutes",
    "Quick summary of current work",
    "Ongoing and updated vulnerabilities",
    "Operating changes",
    "Upcoming events and deadlines",
    "Elect next meeting chair and secretary",
    "Next meeting date, time and location",
];

const WORDS: [&str; 24] = [
    "CNA", "progress", "update", "review", "mailing", "list", "charter", "draft", "rules", "SBOM",
    "metadata", "PAUSE", "release", "policy", "CVE", "triage", "follow", "up", "funding",
    "outreach", "docs", "tooling", "vote", "proposal",
];

/// A small deterministic pseudo-random sequence (64-bit LCG).
pub struct Sequence(pub u64);

impl Sequence {
    /// The next number below `below`.
    pub fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below.max(1) as u64) as usize
    }

    /// `n` words of the agenda's vocabulary.
    pub fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.next(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Builds a meeting `scale` times the seed (scale 0 is treated as 1).
pub fn meeting(scale: usize) -> Meeting {
    let scale = scale.max(1);
    let mut seq = Sequence(0x5c51_be00 ^ scale as u64);
    let time = Utc
        .with_ymd_and_hms(2024, 5, 15, 17, 0, 0)
        .single()
        .expect("a valid fixed date");
    let mut meeting = Meeting::new(format!("Minutes at scale {scale}"), time);
    meeting.location = Some("On TPRF's Slack server, in #cpan-security, w/video.".into());

    let people = 2 * scale;
    meeting.roster = (0..people)
        .map(|i| Person {
            handle: format!("person{i}"),
            name: None,
            attendance: match i % 5 {
                0 => Attendance::Regrets,
                1 => Attendance::Expected,
                _ => Attendance::Present,
            },
        })
        .collect();
    meeting.chairs = vec!["person2".into()];
    meeting.secretary = vec!["person3".into()];

    let items = 10 * scale;
    let notes_per_item = 20;
    meeting.agenda = SECTIONS
        .iter()
        .map(|title| Item {
            title: (*title).to_string(),
            minutes: Some(5),
            ..Item::default()
        })
        .collect();
    for i in 0..items {
        let section = 2 + i % 4; // the working sections of the agenda
        let owner = format!("person{}", seq.next(people));
        let mut item = Item {
            title: seq.words(5),
            owners: vec![owner],
            checked: Some(seq.next(3) == 0),
            minutes: Some(1 + seq.next(5) as u32),
            ..Item::default()
        };
        // Notes nest two levels: a note line with a few lines under it.
        let mut written = 0;
        while written < notes_per_item {
            let mut note = Note::new(format!("@person{} {}", seq.next(people), seq.words(8)));
            written += 1;
            let children = seq.next(3).min(notes_per_item - written);
            note.notes = (0..children).map(|_| Note::new(seq.words(6))).collect();
            written += children;
            item.notes.push(note);
        }
        meeting.agenda[section].items.push(item.into());
    }
    meeting
}

/// The scale-`scale` meeting as the group's own Markdown agenda document (the
/// checkbox style of the 2025 minutes), for the Markdown document benchmarks.
pub fn markdown_agenda(scale: usize) -> String {
    crate::minutes::to_markdown(&meeting(scale), crate::model::Style::Checkbox)
}

/// Counts of what a meeting holds: (items below sections, people, note lines).
pub fn size(meeting: &Meeting) -> (usize, usize, usize) {
    fn notes(list: &[Note]) -> usize {
        list.iter().map(|n| 1 + notes(&n.notes)).sum()
    }
    fn walk(items: &[Shared<Item>]) -> (usize, usize) {
        items.iter().fold((0, 0), |(i, n), item| {
            let (ci, cn) = walk(&item.items);
            (i + 1 + ci, n + notes(&item.notes) + cn)
        })
    }
    let (items, note_lines) = meeting
        .agenda
        .iter()
        .map(|section| {
            let (i, n) = walk(&section.items);
            (i, n + notes(&section.notes))
        })
        .fold((0, 0), |(a, b), (i, n)| (a + i, b + n));
    (items, meeting.roster.len(), note_lines)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_100_has_the_promised_size() {
        let m = meeting(100);
        assert_eq!(m.agenda.len(), 8);
        assert_eq!(size(&m), (1000, 200, 20_000));
    }

    #[test]
    fn the_same_scale_gives_the_same_meeting() {
        assert_eq!(meeting(3), meeting(3));
        assert_ne!(meeting(3), meeting(4));
    }
}
