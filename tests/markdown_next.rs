//! The next agenda made from minutes, checked against an independent line-based
//! reading of the group's rule (corpus README): checked entries go with everything
//! under them unless something open is below; open entries stay; sections left
//! empty go; every other line stays byte-identical, apart from the meeting details
//! that are reset.

use scribe::markdown::{Document, next_agenda};
use std::path::PathBuf;

fn load(rel: &str) -> (String, Document) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    let bytes = std::fs::read(&path).expect("test file");
    let doc = Document::parse(&path, &bytes).expect("parses");
    (String::from_utf8(bytes).expect("utf8"), doc)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Box {
    Open,
    Checked,
    None,
}

/// A line read simply: indentation (spaces), whether it is a list entry, its box,
/// and heading level.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    indent: usize,
    entry: bool,
    checkbox: Box,
    heading: Option<usize>,
}

fn read_lines(src: &str) -> Vec<Line> {
    src.lines()
        .map(|l| {
            let indent = l.len() - l.trim_start_matches(' ').len();
            let t = &l[indent..];
            let heading = (t.starts_with('#') && indent < 4)
                .then(|| t.chars().take_while(|c| *c == '#').count());
            let after_marker = if let Some(r) = t.strip_prefix("- ").or(t.strip_prefix("* ")) {
                Some(r.trim_start())
            } else {
                let digits = t.chars().take_while(char::is_ascii_digit).count();
                (digits > 0)
                    .then(|| t[digits..].strip_prefix(". "))
                    .flatten()
                    .map(str::trim_start)
            };
            let checkbox = match after_marker {
                Some(r) if r.starts_with("[ ]") || r.starts_with("[]") => Box::Open,
                Some(r) if r.starts_with("[x]") || r.starts_with("[X]") => Box::Checked,
                _ => Box::None,
            };
            Line {
                text: l.to_string(),
                indent,
                entry: after_marker.is_some(),
                checkbox,
                heading,
            }
        })
        .collect()
}

/// Lines under entry `i`: the following lines indented more (blank lines
/// included when more indented lines follow them).
fn descendants(lines: &[Line], i: usize) -> std::ops::Range<usize> {
    let mut end = i + 1;
    let mut j = i + 1;
    while j < lines.len() {
        let l = &lines[j];
        if l.text.trim().is_empty() {
            j += 1;
            continue;
        }
        if l.heading.is_some() || l.indent <= lines[i].indent {
            break;
        }
        j += 1;
        end = j;
    }
    i + 1..end
}

/// The lines the README's rule removes, found without the code under test.
fn dropped_by_rule(lines: &[Line]) -> Vec<bool> {
    let mut dropped = vec![false; lines.len()];
    for i in 0..lines.len() {
        if !lines[i].entry {
            continue;
        }
        let below = descendants(lines, i);
        let open_below = below.clone().any(|j| lines[j].checkbox == Box::Open);
        if open_below {
            continue;
        }
        // The nearest entry above with a box decides for entries without one.
        let decides = if lines[i].checkbox != Box::None {
            lines[i].checkbox
        } else {
            (0..i)
                .rev()
                .find(|&a| {
                    lines[a].entry
                        && descendants(lines, a).contains(&i)
                        && lines[a].checkbox != Box::None
                })
                .map_or(Box::None, |a| lines[a].checkbox)
        };
        if decides == Box::Checked {
            dropped[i] = true;
            for j in below {
                dropped[j] = true;
            }
        }
    }
    // Headings whose whole section went.
    for i in 0..lines.len() {
        let Some(level) = lines[i].heading else {
            continue;
        };
        let end = (i + 1..lines.len())
            .find(|&j| lines[j].heading.is_some_and(|l| l <= level))
            .unwrap_or(lines.len());
        let content: Vec<usize> = (i + 1..end)
            .filter(|&j| !lines[j].text.trim().is_empty() && lines[j].heading.is_none())
            .collect();
        if !content.is_empty() && content.iter().all(|&j| dropped[j]) {
            dropped[i] = true;
            for j in i + 1..end {
                if lines[j].heading.is_some() {
                    dropped[j] = true;
                }
            }
        }
    }
    dropped
}

/// Lines the next agenda resets rather than keeps: meeting details, roster names,
/// chairs, approval, times and the next meeting's line.
fn is_reset(line: &str, old_date: &str, new_date: &str) -> bool {
    let t = line.trim();
    line.contains(old_date)
        || line.contains(new_date)
        || t.starts_with("title:")
        || t.contains("Meeting chair")
        || t.contains("Meeting scribe")
        || t.contains("Meeting secretary")
        || (t.starts_with('#') && t.contains(" UTC"))
        || t.starts_with("- Next meeting is")
        || t.starts_with("* Next meeting is")
        || t.contains("meeting minutes was approved")
        || ((t.starts_with("- ") || t.starts_with("* "))
            && t[2..].trim_start().starts_with(['@', '…', '(']))
        || ((t.starts_with("- ") || t.starts_with("* "))
            && ["Attendees", "Regrets", "Partly", "Absents", "Present"]
                .iter()
                .any(|label| t[2..].trim_start().starts_with(label)))
}

fn check_file(rel: &str, new_date: &str) -> (String, String) {
    let (src, doc) = load(rel);
    let old_date = doc.meeting().meeting_time.format("%Y-%m-%d").to_string();
    let out = next_agenda(&doc, &doc.meeting());
    let lines = read_lines(&src);
    let dropped = dropped_by_rule(&lines);
    assert!(dropped.iter().any(|d| *d), "{rel}: something is checked");
    let roster_or_reset = |l: &str| is_reset(l, &old_date, new_date);
    let expected: Vec<&str> = lines
        .iter()
        .zip(&dropped)
        .filter(|(l, d)| !**d && !l.text.trim().is_empty() && !roster_or_reset(&l.text))
        .map(|(l, _)| l.text.as_str())
        .collect();
    let actual: Vec<&str> = out
        .lines()
        .filter(|l| !l.trim().is_empty() && !roster_or_reset(l))
        .collect();
    assert_eq!(
        expected, actual,
        "{rel}: kept lines are exactly those the rule keeps, unchanged"
    );
    // Every open box of the minutes is still in the agenda.
    for l in lines.iter().filter(|l| l.checkbox == Box::Open) {
        assert!(
            out.lines().any(|o| o == l.text),
            "{rel}: open item kept: {}",
            l.text
        );
    }
    // The meeting moved to the date the minutes gave, and the next one 14 days on.
    assert!(
        out.contains(&format!("meeting_time: {new_date} ")),
        "{rel}: new date in front matter"
    );
    (src, out)
}

#[test]
fn next_agenda_of_the_2025_checkbox_minutes_follows_the_rule() {
    for (rel, new_date) in [
        ("tests/corpus/cpansec-minutes-2025-02-19.md", "2025-03-12"),
        ("tests/corpus/cpansec-minutes-2025-03-12.md", "2025-03-26"),
        ("tests/corpus/cpansec-minutes-2025-04-09.md", "2025-04-23"),
        ("tests/corpus/cpansec-minutes-2025-05-07.md", "2025-05-21"),
        ("tests/corpus/cpansec-minutes-2025-06-04.md", "2025-06-18"),
        // No "Next meeting" section: 14 days later.
        ("tests/corpus/cpansec-minutes-2025-09-17.md", "2025-10-01"),
    ] {
        check_file(rel, new_date);
    }
}

#[test]
fn specific_lines_of_the_2025_minutes() {
    let (_, out) = check_file("tests/corpus/cpansec-minutes-2025-02-19.md", "2025-03-12");
    // Sections whose items were all done are gone.
    assert!(!out.contains("### NIS2 consultation"));
    assert!(!out.contains("### Author guide to generating random values for security"));
    assert!(out.contains("### CPAN Steward org\n- [ ] @sjn - Discussions on TPRF slack"));
    assert!(!out.contains("[x] @elbeho and @markov invited"));
    assert!(out.contains("- [ ] @sjn - Explore options with Ovid's company\n"));
    assert!(out.contains("* Next meeting is Wednesday 2025-03-26 @ 17:00UTC"));
    assert!(
        out.contains("## 17:00 UTC – Meeting start\n"),
        "actual start reset"
    );
    assert!(out.contains("*   Meeting chair:\n*   Meeting scribe:\n"));
    assert!(out.contains("*   Attendees\n    * …\n*   Regrets\n    * …\n"));

    let (_, out) = check_file("tests/corpus/cpansec-minutes-2025-03-12.md", "2025-03-26");
    // A checked item with an open sub-item stays, with the open sub-item only.
    assert!(out.contains(
        "- [x] @tux - we need tools for working with SBOMs. *correct* SBOMs.\n   - [ ] @sjn and @tux will check them out and comment on usability\n"
    ));
    assert!(out.contains("## Agenda & Meeting Details 2025-03-26\n- 2025-03-26 17:00 UTC on"));
}

#[test]
fn a_new_meeting_time_is_written_wherever_the_details_give_it() {
    // The minutes of 2025-04-09 (17:00 UTC) announce the next meeting at 16:00 UTC.
    let (src, out) = check_file("tests/corpus/cpansec-minutes-2025-04-09.md", "2025-04-23");
    assert!(src.contains("- 2025-04-09 17:00 UTC on #cpansec-discussion on Matrix\n"));
    assert!(out.contains("meeting_time: 2025-04-23 16:00 UTC\n"));
    assert!(out.contains("## Agenda & Meeting Details 2025-04-23\n- 2025-04-23 16:00 UTC on #cpansec-discussion on Matrix\n"));
    assert!(out.contains("## 15:30 UTC -\u{a0}Pre-meeting socializing\n"));
    assert!(out.contains("## 16:00 UTC - Meeting start\n"));
    assert!(out.contains("- Next meeting is Wednesday 2025-05-07 @ 16:00UTC"));
}

#[test]
fn minutes_without_checkboxes_keep_titles_and_lose_notes() {
    let (src, doc) = load("tests/seed/minutes-2024-05-15.md");
    let out = next_agenda(&doc, &doc.meeting());
    assert!(out.contains("meeting_time: June 5th, 2024 16:00 UTC\ntitle: Minutes 2024-06-05\n"));
    // (The seed writes a no-break space after the dash of this heading.)
    assert!(
        out.contains(
            "## 15:30 UTC –\u{a0}Pre-meeting socializing\n\n## 16:00 UTC – Meeting start\n"
        )
    );
    assert!(out.contains("*   Meeting chairs: @oalders\n*   Meeting secretary: @sjn\n"));
    assert!(out.contains("### Attendees\n\n### Regrets\n\n### Absents\n"));
    assert!(out.contains("*   @timlegge – CNA progress update\n*   @sjn – Clarify the purpose"));
    assert!(!out.contains("Charter simplification committed"));
    assert!(out.contains(
        "*   Next meeting is June 19th @ 16:00 UTC on TPRF Slack #cpan-security channel\n"
    ));
    // Every section heading and every item title line of the minutes is still there.
    for l in src.lines() {
        if l.starts_with('#') && !l.contains("UTC") {
            assert!(out.lines().any(|o| o == l), "heading kept: {l}");
        }
        if (l.starts_with("*   @") && l.contains(" – ")) || l.starts_with("1.  [") {
            assert!(out.lines().any(|o| o == l), "item kept: {l}");
        }
    }
    // And no note line (nested entry) is left.
    assert!(!out.lines().any(|l| l.starts_with("    *")));
}

/// `scribe next` leaves "Meeting chair:" and "Meeting scribe:" empty; the chair
/// and secretary set during the meeting (the roster's keys) are written into
/// exactly those two lines of the agenda, and every other byte stays.
#[test]
fn chair_and_secretary_fill_the_empty_lines_of_a_next_agenda() {
    let (_, minutes) = load("tests/corpus/cpansec-minutes-2025-06-04.md");
    let agenda = next_agenda(&minutes, &minutes.meeting());
    let chair_line = "\n-   Meeting chair:\n";
    let scribe_line = "\n-   Meeting scribe:\n";
    assert!(agenda.contains(chair_line) && agenda.contains(scribe_line));

    let path = PathBuf::from("agenda-2025-06-18.md");
    let doc = Document::parse(&path, agenda.as_bytes()).expect("the next agenda parses");
    let mut meeting = doc.meeting();
    assert!(meeting.chairs.is_empty() && meeting.secretary.is_empty());
    meeting.chairs = vec!["sjn".into(), "tux".into()];
    meeting.secretary = vec!["timlegge".into()];
    let written = doc.rewrite_string(&meeting);
    let expected = agenda
        .replacen(chair_line, "\n-   Meeting chair: @sjn, @tux\n", 1)
        .replacen(scribe_line, "\n-   Meeting scribe: @timlegge\n", 1);
    assert_eq!(written, expected);

    // Read back, the same people; taken off again, the lines are empty again.
    let again = Document::parse(&path, written.as_bytes()).expect("parses");
    assert_eq!(again.meeting().chairs, ["sjn", "tux"]);
    assert_eq!(again.meeting().secretary, ["timlegge"]);
    assert_eq!(again.rewrite_string(&doc.meeting()), agenda);

    // The seed style writes them in its Welcome section.
    let seed = scribe::minutes::to_markdown(&meeting, scribe::model::Style::Seed);
    assert!(
        seed.contains("\n*   Meeting chairs: @sjn, @tux\n"),
        "{seed}"
    );
    assert!(
        seed.contains("\n*   Meeting secretary: @timlegge\n"),
        "{seed}"
    );
}
