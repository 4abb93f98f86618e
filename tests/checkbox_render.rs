//! The checkbox style (the group's 2025 layout), checked against a CommonMark
//! parse: sections are `###` headings, grouped items `####` headings, and every
//! item and note is a list entry with the model's checkbox, text and nesting.
//! Snapshots of the demo meeting in both styles guard the exact layout.

mod common;

use std::path::Path;

use common::liquid_model::render_liquid_allowing;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use scribe::liquid::restore_liquid;
use scribe::meeting_file::load_meeting;
use scribe::minutes::to_markdown;
use scribe::model::Style;
use scribe::model::{Attendance, Item, Meeting, Note, Shared};

fn demo() -> Meeting {
    load_meeting(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo.yaml"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The demo after an hour of meeting: attendance taken, items checked, notes
/// typed (nested, multi-line, one with Liquid in it), one item grouped.
fn demo_after_meeting() -> Meeting {
    let mut m = demo();
    for p in &mut m.roster {
        p.attendance = match p.handle.as_str() {
            "leont" => Attendance::Regrets,
            "stigtsp" => Attendance::ArrivedLate { at: None },
            "robrwo" => Attendance::Expected,
            _ => Attendance::Present,
        };
    }
    let ops = m.item_mut(&[3]).unwrap();
    ops.items[0].checked = Some(true);
    ops.items[0].notes = vec![Note {
        text: "@stigtsp and @timlegge discussed it a little".into(),
        checked: None,
        notes: [Note {
            text: "@timlegge to follow up".into(),
            checked: Some(false),
            ..Note::default()
        }]
        .into(),
        ..Note::default()
    }]
    .into();
    ops.items[1].notes = vec![Note::new(
        "Draft rules in the wiki:\nsee {{ site.wiki }} page",
    )]
    .into();
    ops.items[2].items = vec![
        Item {
            title: "First post on CVE workflow".into(),
            owners: vec!["robrwo".into()],
            checked: Some(true),
            ..Item::default()
        },
        Item {
            title: "Call for authors".into(),
            checked: Some(false),
            ..Item::default()
        },
    ]
    .into();
    m.item_mut(&[1, 0]).unwrap().checked = Some(true);
    // A section of topics, as in the 2025 minutes: no checkbox on the topic,
    // checkboxes on what is to be done under it.
    let topic = |title: &str, items: Vec<Item>| Item {
        title: title.into(),
        items: items.into(),
        ..Item::default()
    };
    let task = |owner: &str, title: &str, checked: bool| Item {
        title: title.into(),
        owners: vec![owner.into()],
        checked: Some(checked),
        ..Item::default()
    };
    m.agenda.insert(
        4,
        Item {
            title: "Current matters".into(),
            items: vec![
                topic(
                    "CPAN Testers",
                    vec![task(
                        "tux",
                        "CPAN Testers work happening at PTS; We should contribute!",
                        true,
                    )],
                ),
                topic(
                    "BSON::XS - vulnerable deps",
                    vec![task("stigtsp", "let's create a CVE", false)],
                ),
            ]
            .into(),
            notes: vec![Note::new("Two topics this time")].into(),
            ..Item::default()
        }
        .into(),
    );
    m.next.chairs = vec!["timlegge".into()];
    m.next.secretary = vec!["sjn".into()];
    m.next.text = Some("Next meeting is Wednesday 2025-06-18 @ 16:00 UTC".into());
    m
}

/// One list entry as CommonMark sees it.
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    checked: Option<bool>,
    text: String,
    children: Vec<Entry>,
}

#[derive(Debug, PartialEq, Eq)]
enum Block {
    Heading(u8, String),
    List(Vec<Entry>),
}

/// Headings and lists of a document, with the plain text of each.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut heading: Option<(u8, String)> = None;
    // Open lists, each with its entries; the innermost is last.
    let mut lists: Vec<Vec<Entry>> = Vec::new();
    let mut text_target: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let n = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                heading = Some((n, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((n, t)) = heading.take() {
                    out.push(Block::Heading(n, restore_liquid(&t)));
                }
            }
            Event::Start(Tag::List(_)) => lists.push(Vec::new()),
            Event::End(TagEnd::List(_)) => {
                let mut done = lists.pop().unwrap();
                // User text was written neutralised for Liquid.
                for entry in &mut done {
                    entry.text = restore_liquid(&entry.text);
                }
                match lists.last_mut().and_then(|l| l.last_mut()) {
                    Some(parent) => parent.children = done,
                    None => out.push(Block::List(done)),
                }
            }
            Event::Start(Tag::Item) => lists.last_mut().unwrap().push(Entry {
                checked: None,
                text: String::new(),
                children: Vec::new(),
            }),
            Event::TaskListMarker(checked) => {
                lists.last_mut().unwrap().last_mut().unwrap().checked = Some(checked);
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                } else if let Some(entry) = lists.last_mut().and_then(|l| l.last_mut()) {
                    entry.text.push_str(&t);
                } else {
                    text_target.get_or_insert_with(String::new).push_str(&t);
                }
            }
            Event::SoftBreak => {
                if let Some(entry) = lists.last_mut().and_then(|l| l.last_mut()) {
                    entry.text.push('\n');
                }
            }
            _ => {}
        }
    }
    out
}

fn owners_prefix(owners: &[String]) -> String {
    let at: Vec<String> = owners.iter().map(|h| format!("@{h}")).collect();
    match at.as_slice() {
        [] => String::new(),
        [one] => format!("{one} - "),
        [rest @ .., last] => format!("{} and {last} - ", rest.join(", ")),
    }
}

fn note_entry(n: &Note) -> Entry {
    Entry {
        checked: n.checked,
        text: n.text.clone(),
        children: n.notes.iter().map(note_entry).collect(),
    }
}

fn item_entry(i: &Item) -> Entry {
    Entry {
        checked: i.checked,
        // Links show as their text in the parse.
        text: format!("{}{}", owners_prefix(&i.owners), i.title),
        children: i
            .notes
            .iter()
            .map(note_entry)
            .chain(i.items.iter().map(|i| item_entry(i)))
            .collect(),
    }
}

fn section_blocks<'a>(parsed: &'a [Block], title: &str) -> Vec<&'a Block> {
    let start = parsed
        .iter()
        .position(|b| *b == Block::Heading(3, title.to_string()))
        .unwrap_or_else(|| panic!("no ### {title}"));
    parsed[start + 1..]
        .iter()
        .take_while(|b| !matches!(b, Block::Heading(n, _) if *n <= 3))
        .collect()
}

#[test]
fn every_section_is_a_level_three_heading_after_the_agenda_heading() {
    let m = demo_after_meeting();
    let parsed = blocks(&to_markdown(&m, Style::Checkbox));
    let agenda = parsed
        .iter()
        .position(|b| *b == Block::Heading(2, "Agenda".into()))
        .expect("## Agenda");
    for section in &m.agenda[2..m.agenda.len() - 1] {
        let at = parsed
            .iter()
            .position(|b| *b == Block::Heading(3, section.title.clone()))
            .unwrap_or_else(|| panic!("### {}", section.title));
        assert!(at > agenda, "{} comes after ## Agenda", section.title);
    }
    // The next meeting is its own level-two heading, with the text typed.
    let next = parsed
        .iter()
        .position(|b| *b == Block::Heading(2, "Next meeting date, time and location".into()))
        .expect("## Next meeting");
    assert_eq!(
        parsed[next + 1],
        Block::List(vec![Entry {
            checked: None,
            text: "Next meeting is Wednesday 2025-06-18 @ 16:00 UTC".into(),
            children: vec![]
        }])
    );
}

#[test]
fn flat_sections_list_items_with_their_checkboxes_and_notes() {
    let m = demo_after_meeting();
    let parsed = blocks(&to_markdown(&m, Style::Checkbox));
    // Quick summary (numbered) and Operating changes, whose items have
    // checkboxes and so stay one list even where they have sub-items.
    for section in [&m.agenda[2], &m.agenda[3]] {
        assert_eq!(
            section_blocks(&parsed, &section.title),
            vec![&Block::List(
                section.items.iter().map(|i| item_entry(i)).collect()
            )],
            "{}",
            section.title
        );
    }
    assert!(!m.agenda[3].items[2].items.is_empty());
}

#[test]
fn topic_section_writes_items_as_level_four_headings() {
    let m = demo_after_meeting();
    let parsed = blocks(&to_markdown(&m, Style::Checkbox));
    let ops = &m.agenda[4];
    assert_eq!(ops.title, "Current matters");
    let mut expected = vec![Block::List(ops.notes.iter().map(note_entry).collect())];
    for item in &ops.items {
        expected.push(Block::Heading(
            4,
            format!("{}{}", owners_prefix(&item.owners), item.title),
        ));
        let entries: Vec<Entry> = item
            .notes
            .iter()
            .map(note_entry)
            .chain(item.items.iter().map(|i| item_entry(i)))
            .collect();
        if !entries.is_empty() {
            expected.push(Block::List(entries));
        }
    }
    let got: Vec<&Block> = section_blocks(&parsed, &ops.title);
    assert_eq!(got, expected.iter().collect::<Vec<_>>());
}

#[test]
fn checked_items_are_checked_task_list_items_in_the_html() {
    let m = demo_after_meeting();
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        Parser::new_ext(&to_markdown(&m, Style::Checkbox), Options::ENABLE_TASKLISTS),
    );
    fn count(items: &[Shared<Item>], notes_too: bool, want: bool) -> usize {
        items
            .iter()
            .map(|i| {
                usize::from(i.checked == Some(want))
                    + count(&i.items, notes_too, want)
                    + if notes_too {
                        count_notes(&i.notes, want)
                    } else {
                        0
                    }
            })
            .sum()
    }
    fn count_notes(notes: &[Note], want: bool) -> usize {
        notes
            .iter()
            .map(|n| usize::from(n.checked == Some(want)) + count_notes(&n.notes, want))
            .sum()
    }
    let checked = count(&m.agenda, true, true);
    let open = count(&m.agenda, true, false);
    assert_eq!(
        html.matches("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>")
            .count(),
        checked
    );
    assert_eq!(
        html.matches("<input disabled=\"\" type=\"checkbox\"/>")
            .count(),
        open
    );
    assert!(
        checked >= 3 && open >= 10,
        "the test meeting has both kinds"
    );
}

#[test]
fn roster_is_listed_by_attendance() {
    let m = demo_after_meeting();
    let parsed = blocks(&to_markdown(&m, Style::Checkbox));
    let entries = |label: &str, names: &str| Entry {
        checked: None,
        text: label.into(),
        children: if names.is_empty() {
            vec![]
        } else {
            vec![Entry {
                checked: None,
                text: names.into(),
                children: vec![],
            }]
        },
    };
    assert_eq!(
        section_blocks(&parsed, "Attendees, absents & regrets"),
        vec![&Block::List(vec![
            entries(
                "Attendees",
                "@tux, @sjn, @timlegge, @stigtsp (arrived late)"
            ),
            entries("Regrets", "@leont"),
            entries("Absents", "Robert Rothenberg (@robrwo)"),
        ])]
    );
}

#[test]
fn user_liquid_is_not_live_in_either_style() {
    let m = demo_after_meeting();
    for style in [Style::Seed, Style::Checkbox] {
        let out = to_markdown(&m, style);
        // Only the seed template's own meeting-time variables may run.
        let published = render_liquid_allowing(&out, |v| v.starts_with("{{ page.meeting_time"))
            .unwrap_or_else(|e| panic!("{style:?}: {e}"));
        assert!(published.contains("see {{ site.wiki }} page"), "{style:?}");
        assert!(out.contains("{% raw %}"), "{style:?}");
    }
}

#[test]
fn demo_checkbox_snapshot() {
    insta::assert_snapshot!(to_markdown(&demo(), Style::Checkbox));
}

#[test]
fn demo_seed_snapshot() {
    insta::assert_snapshot!(to_markdown(&demo(), Style::Seed));
}

#[test]
fn demo_after_meeting_checkbox_snapshot() {
    insta::assert_snapshot!(to_markdown(&demo_after_meeting(), Style::Checkbox));
}

#[test]
fn demo_after_meeting_seed_snapshot() {
    insta::assert_snapshot!(to_markdown(&demo_after_meeting(), Style::Seed));
}

/// Level-3 and level-4 headings, in order, between `## Agenda` and the next
/// level-2 heading.
fn agenda_headings(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .skip_while(|l| l.trim_end() != "## Agenda")
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("### ") || l.starts_with("#### "))
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// Every task-list entry of a document: its checkbox and text.
fn tasks(markdown: &str) -> Vec<(bool, String)> {
    let options = scribe::markdown::markdown_options();
    let mut out = Vec::new();
    let mut current: Option<(bool, String)> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::TaskListMarker(checked) => {
                if let Some(done) = current.take() {
                    out.push(done);
                }
                current = Some((checked, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak => {
                if let Some((_, text)) = current.as_mut() {
                    text.push(' ');
                }
            }
            Event::Start(Tag::List(_)) | Event::End(TagEnd::Item) => {
                if let Some(done) = current.take() {
                    out.push(done);
                }
            }
            _ => {}
        }
    }
    out.sort();
    out
}

#[test]
fn minutes_of_2025_read_from_markdown_come_out_in_their_own_layout() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/cpansec-minutes-2025-05-07.md");
    let original = std::fs::read_to_string(&path).unwrap();
    let doc = scribe::markdown::Document::parse(&path, original.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    let rendered = to_markdown(&doc.meeting(), Style::Checkbox);
    // "Any Other Business" is a level-two heading there (after the agenda) and
    // the last section here.
    let mut headings = agenda_headings(&rendered);
    let aob = headings.iter().position(|h| h == "### Any Other Business");
    headings.truncate(aob.expect("Any Other Business is a section"));
    assert_eq!(headings, agenda_headings(&original));
    assert!(agenda_headings(&original).len() > 20);
    // Every checkbox of the original, with its text, and no other.
    assert_eq!(tasks(&rendered), tasks(&original));
}

/// A section's items are laid out one way: all `####` topic headings, or all
/// entries of one list. The 2024-05-15 meeting's "Quick summary of current work"
/// has eleven projects, two with sub-items: they stay one numbered list, not three
/// entries followed by eight headings (an empty "#### CPAN CVE Registration").
#[test]
fn every_item_of_a_section_is_laid_out_the_same_way() {
    let m = load_meeting(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cpansec-2024-05-15.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let parsed = blocks(&to_markdown(&m, Style::Checkbox));
    let mut checked_sections = 0;
    for section in m.agenda.iter().filter(|s| !s.items.is_empty()) {
        let blocks = section_blocks(&parsed, &section.title);
        let topic_headings = blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading(4, _)))
            .count();
        let lists: Vec<&Vec<Entry>> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::List(entries) => Some(entries),
                _ => None,
            })
            .collect();
        if topic_headings == 0 {
            // One list, after the section's notes: every item an entry of it.
            let items = lists.last().expect("the items' list");
            assert_eq!(items.len(), section.items.len(), "{}", section.title);
        } else {
            assert_eq!(topic_headings, section.items.len(), "{}", section.title);
            assert!(lists.len() <= section.items.len() + 1, "{}", section.title);
        }
        checked_sections += 1;
    }
    assert!(checked_sections >= 3);
    let summary = section_blocks(&parsed, "Quick summary of current work");
    assert!(
        !summary.iter().any(|b| matches!(b, Block::Heading(4, _))),
        "{summary:?}"
    );
}

/// Seed style: the 2024 layout has no checkboxes until the secretary checks an
/// item off; then that item's whole list gets boxes, checked for done and `[ ]`
/// for the rest (open, not information), and other lists stay without. Read back,
/// `scribe actions` still finds the `@owner` lines of those minutes, and not the
/// lines of the checked item.
#[test]
fn seed_style_boxes_a_whole_list_once_an_item_of_it_is_checked() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cpansec-2024-05-15.yaml");
    let mut m = load_meeting(&path).unwrap_or_else(|e| panic!("{e}"));
    let summary = m
        .agenda
        .iter()
        .position(|s| s.title == "Quick summary of current work")
        .expect("the summary section");
    m.item_mut(&[summary, 3]).unwrap().checked = Some(true);
    let written = to_markdown(&m, Style::Seed);

    let parsed = blocks(&written);
    let lists: Vec<&Block> = section_blocks(&parsed, "Quick summary of current work");
    let [Block::List(projects)] = lists.as_slice() else {
        panic!("one list: {lists:?}")
    };
    let boxes: Vec<Option<bool>> = projects.iter().map(|e| e.checked).collect();
    let mut expected = vec![Some(false); m.agenda[summary].items.len()];
    expected[3] = Some(true);
    assert_eq!(boxes, expected);
    // Sub-items of the checked project are a list of their own, without boxes.
    assert!(projects[3].children.iter().all(|e| e.checked.is_none()));
    for section in ["Operating changes", "Upcoming events and deadlines"] {
        for block in section_blocks(&parsed, section) {
            if let Block::List(entries) = block {
                assert!(entries.iter().all(|e| e.checked.is_none()), "{section}");
            }
        }
    }

    let doc = scribe::markdown::Document::parse(Path::new("minutes.md"), written.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    let report = scribe::action_items::report(&doc.meeting());
    assert!(!report.uses_checkboxes);
    let lines = |handle: &str| common::action_lines(&report, handle);
    assert!(
        lines("timlegge").contains(&"@timlegge – CNA progress update".to_string()),
        "{:?}",
        lines("timlegge")
    );
    // "@sjn – Set up project: CVE Registration" is under the checked project: done.
    assert!(
        !lines("sjn").iter().any(|l| l.contains("CVE Registration")),
        "{:?}",
        lines("sjn")
    );
    assert!(
        lines("sjn")
            .iter()
            .any(|l| l.contains("Charter simplification"))
    );
}

/// The 2024-05-15 location "On TPRF's Slack server, …" follows the time with its
/// own preposition: "17:00 UTC on TPRF's Slack server", not "on On TPRF's".
#[test]
fn a_location_with_its_own_preposition_gets_no_second_on() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cpansec-2024-05-15.yaml");
    let mut m = load_meeting(&path).unwrap_or_else(|e| panic!("{e}"));
    let written = to_markdown(&m, Style::Checkbox);
    assert!(
        written.contains(
            "\n- 2024-05-15 17:00 UTC on TPRF's Slack server, in #cpan-security, w/video.\n"
        ),
        "{}",
        written.lines().take(12).collect::<Vec<_>>().join("\n")
    );
    m.location = Some("#cpansec-discussion on Matrix".into());
    assert!(
        to_markdown(&m, Style::Checkbox)
            .contains("\n- 2024-05-15 17:00 UTC on #cpansec-discussion on Matrix\n")
    );
}
