//! Small agendas in the forms other groups write (not CPANSec's): each form is
//! read, kept byte for byte and filled in its own place. The real files of the
//! forms are in `tests/corpus-other/` (see `corpus_other.rs`).

use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use scribe::app::{Action, App, Key, KeyCode, update};
use scribe::markdown::Document;
use scribe::model::{Attendance, Meeting};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 3).unwrap()
}

fn read(path: &str, text: &str) -> Document {
    let doc = Document::parse_on(Path::new(path), text.as_bytes(), today()).expect("opens");
    assert_eq!(
        doc.rewrite_string(&doc.meeting()),
        text,
        "kept byte for byte"
    );
    doc
}

fn app(m: Meeting) -> App {
    App::new(m, Utc.with_ymd_and_hms(2026, 2, 3, 12, 0, 0).unwrap())
}

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        let now = app.now;
        update(app, *a, now);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(|c| Action::Type(Key::char(c))).collect()
}

/// The lines removed from `a` and added in `b`, by a longest common subsequence.
fn diff(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let al: Vec<&str> = a.lines().collect();
    let bl: Vec<&str> = b.lines().collect();
    let (n, m) = (al.len(), bl.len());
    let mut l = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            l[i][j] = if al[i] == bl[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && al[i] == bl[j] {
            i += 1;
            j += 1;
        } else if j < m && (i == n || l[i][j + 1] >= l[i + 1][j]) {
            added.push(bl[j].to_string());
            j += 1;
        } else {
            removed.push(al[i].to_string());
            i += 1;
        }
    }
    (removed, added)
}

#[test]
fn the_secretary_sets_an_assumed_date_with_a_key() {
    let doc = read("agenda.md", "# TSC\n\n## Agenda\n\n- Releases\n");
    assert!(doc.meeting().date_assumed);
    let mut a = app(doc.meeting());
    run(&mut a, &[Action::SetDate]);
    run(&mut a, &[Action::Type(Key::plain(KeyCode::Backspace)); 10]);
    run(&mut a, &typed("2024-06-09"));
    run(&mut a, &[Action::Confirm]);
    assert_eq!(
        a.meeting.meeting_time.date_naive().to_string(),
        "2024-06-09"
    );
    assert!(!a.meeting.date_assumed);
    // Something that is no date changes nothing and says so.
    run(&mut a, &[Action::SetDate]);
    run(&mut a, &typed("x"));
    run(&mut a, &[Action::Confirm]);
    assert_eq!(
        a.meeting.meeting_time.date_naive().to_string(),
        "2024-06-09"
    );
    assert!(a.message.as_deref().unwrap_or("").contains("not a date"));
}

fn titles(m: &Meeting) -> Vec<String> {
    fn walk(
        items: &[scribe::model::Shared<scribe::model::Item>],
        depth: usize,
        out: &mut Vec<String>,
    ) {
        for i in items {
            out.push(format!("{}{}", "  ".repeat(depth), i.title));
            walk(&i.items, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&m.agenda, 0, &mut out);
    out
}

#[test]
fn several_top_level_headings_are_sections_under_the_title() {
    let doc = read(
        "2023-03-01.md",
        "# TSC meeting 2023-03-01\n\nNotes taken live.\n\n# Announcements\n\n- [x] New release\n- [ ] Website\n\n# Discussion\n\n## Roadmap\n\n- Plans\n",
    );
    assert_eq!(
        titles(&doc.meeting()),
        [
            "Announcements",
            "  New release",
            "  Website",
            "Discussion",
            "  Roadmap",
            "    Plans"
        ]
    );
}

#[test]
fn one_big_list_under_the_title_is_the_agenda() {
    let doc = read(
        "sync.md",
        "# Sync 2024-08-30\n\n* Council: Ann, Bert\n* Topic one\n    * Ann: a remark\n* Topic two\n",
    );
    let m = doc.meeting();
    assert_eq!(titles(&m), ["Topic one", "Topic two"]);
    assert_eq!(m.agenda[0].notes[0].text, "Ann: a remark");
    assert_eq!(roster(&m), ["Ann", "Bert"]);
}

#[test]
fn numbered_agendas_and_headings_at_any_level() {
    let doc = read(
        "notes/2016-09-05.md",
        "## js-ipfs sync\n\n#### Agenda\n\n1. Releases\n2. Roadmap\n   - later\n\n#### Notes\n\n- none\n",
    );
    assert_eq!(
        titles(&doc.meeting()),
        [
            "js-ipfs sync",
            "  Agenda",
            "    Releases",
            "    Roadmap",
            "  Notes",
            "    none"
        ]
    );
    let doc = read("2019-08-22.md", "Agenda:\n\n1) Welcome\n2) CI\n");
    assert_eq!(titles(&doc.meeting()), ["Welcome", "CI"]);
}

#[test]
fn next_drops_done_boxes_at_any_heading_level() {
    let src = "# WG 2020-05-06\n\n### Items\n\n- [x] Done thing\n  - detail\n- [ ] Open thing\n\n### Other\n\n#### Deep\n\n- [X] Also done\n- [ ] Still open\n";
    let doc = read("wg.md", src);
    let next = scribe::markdown::next_agenda(&doc, &doc.meeting());
    assert!(
        !next.contains("Done thing") && !next.contains("Also done"),
        "{next}"
    );
    assert!(
        next.contains("- [ ] Open thing") && next.contains("- [ ] Still open"),
        "{next}"
    );
}

fn roster(m: &Meeting) -> Vec<String> {
    m.roster
        .iter()
        .map(|p| match p.attendance {
            Attendance::Present => p.mention(),
            a => format!("{} {a:?}", p.mention()),
        })
        .collect()
}

#[test]
fn attendees_in_every_common_form() {
    for (name, src, want) in [
        (
            "prose lines",
            "# TAG 2019-06-12\n\nPresent: Peter, Kenneth, Ann Lee\n\nRegrets: Sangwhan\n\n## Topic\n\n- item\n",
            vec!["Peter", "Kenneth", "Ann Lee", "Sangwhan Regrets"],
        ),
        (
            "bold label over a list",
            "# Call 2016-08-15\n\n**Moderator:** @flying\n**Attendees:**\n- @ann\n- @bert\n\n## Agenda\n\n1. Roll call\n",
            vec!["@ann", "@bert"],
        ),
        (
            "names with handles, links and roles",
            "# 2021-03-16\n\n## Present\n\n* Bert Moss (@bmoss)\n* Dana Ray @dray (chair)\n* [Ann Lee](https://github.com/annlee)\n* Chen Wu\n* Eve Park (Guest – project collaborator)\n\n## Agenda\n\n- item\n",
            vec!["@bmoss", "@dray", "@annlee", "Chen Wu", "Eve Park"],
        ),
        (
            "one odd line does not sink the list",
            "# 2020-10-06\n\n## Attendance\n\n* [Please add yourself]\n* David Wheeler, Linux Foundation\n* Host: Dan\n* Phil Estes, IBM\n\n## Agenda\n\n* item\n",
            vec!["David Wheeler", "Phil Estes"],
        ),
        (
            "roll call with boxes",
            "# 2025-11-12\n\n## Roll call\n\n* [ ] Bob Martin\n* [x] Alfred Strauch - Org\n\n## Agenda\n\n1. item\n",
            vec!["Bob Martin Expected", "Alfred Strauch"],
        ),
        (
            "table with a name column",
            "# 2023-03-01\n\n## Attendees\n\n| Name | Initials | GH Username |\n| --- | --- | --- |\n| Ann Lee | AL | @annlee |\n| Chen Wu | CW | |\n\n## Agenda\n\n- item\n",
            vec!["@annlee", "Chen Wu"],
        ),
        (
            "HTML table exported from an office suite",
            "# 2024-01-09\n\n## Attendance (please mark an X)\n\n<table>\n  <tr>\n   <td>\n   </td>\n   <td><strong>Name/Affiliation</strong>\n   </td>\n   <td><strong>GH ID</strong>\n   </td>\n  </tr>\n  <tr>\n   <td>x\n   </td>\n   <td>Arnaud Le Hors (IBM)\n   </td>\n   <td>lehors\n   </td>\n  </tr>\n</table>\n\n## Agenda\n\n- item\n",
            vec!["@lehors"],
        ),
        (
            "members and apologies in one big list",
            "# Sync 2024-06-21\n\n- Team members: Josh, Felix\n- Apologies: Mara (travelling)\n- Topic\n",
            vec!["Josh", "Felix", "Mara Regrets"],
        ),
    ] {
        let doc = read("minutes.md", src);
        assert_eq!(roster(&doc.meeting()), want, "{name}");
    }
}

/// The group's agenda holds the attendance lists with a lone placeholder marker;
/// people added with `+` and marked go into those lists, in their form.
#[test]
fn attendees_and_regrets_fill_the_groups_own_lists() {
    let src = "# Minutes 2025-03-12\n\n## Welcome\n\n### Attendees, absents & regrets\n-   Attendees\n    * \n-   Regrets\n    * \n\n### Approve previous meeting minutes\n\n## Agenda\n\n### Topic\n-   [ ] item\n";
    let doc = read("cpansec-minutes-2025-03-12.md", src);
    let m = doc.meeting();
    assert!(
        !titles(&m).iter().any(|t| t.contains("Attendees")),
        "the lists are no agenda items: {:?}",
        titles(&m)
    );
    let mut a = app(m);
    for (handle, mark) in [
        ("sjn", Action::Present),
        ("tux", Action::Present),
        ("leont", Action::Regrets),
    ] {
        run(&mut a, &[Action::AddPerson]);
        run(&mut a, &typed(handle));
        run(&mut a, &[Action::Confirm]);
        let i = a
            .meeting
            .roster
            .iter()
            .position(|p| p.handle == handle)
            .unwrap();
        a.roster_cursor = i;
        run(&mut a, &[mark]);
    }
    let out = doc.rewrite_string(&a.meeting);
    let (removed, added) = diff(src, &out);
    assert_eq!(removed, ["    * ", "    * "]);
    assert_eq!(added, ["    * @sjn, @tux", "    * @leont"], "{out}");
    assert!(
        !out.lines().any(|l| l.starts_with('#')
            && matches!(l.trim_start_matches('#').trim(), "Attendees" | "Regrets")),
        "no new sections: {out}"
    );
    // Read back: the same people, and the next change goes in the same place.
    let back = Document::parse_on(Path::new("x.md"), out.as_bytes(), today()).unwrap();
    assert_eq!(roster(&back.meeting()), ["@sjn", "@tux", "@leont Regrets"]);
}

#[test]
fn people_added_follow_the_lists_form() {
    // One per bullet, names without handles written as names.
    let src = "# 2024-08-20\n\n## Present\n\n* Tobie Langel\n* Ulises Gascon (@ulisesgascon)\n\n## Agenda\n\n- item\n";
    let doc = read("m.md", src);
    let mut m = doc.meeting();
    m.roster.push(scribe::model::Person {
        handle: "Chen Wu".into(),
        name: Some("Chen Wu".into()),
        attendance: Attendance::Present,
    });
    m.roster.push(scribe::model::Person {
        handle: "mhdawson".into(),
        name: None,
        attendance: Attendance::Present,
    });
    let out = doc.rewrite_string(&m);
    assert_eq!(
        diff(src, &out),
        (vec![], vec!["* Chen Wu".into(), "* @mhdawson".into()])
    );
    // One comma-separated line.
    let src = "# TAG 2019-06-12\n\nPresent: Peter, Kenneth\n\nRegrets:\n\n## Topic\n\n- item\n";
    let doc = read("m.md", src);
    let mut m = doc.meeting();
    m.roster[1].attendance = Attendance::Regrets;
    m.roster.push(scribe::model::Person {
        handle: "Alice".into(),
        name: Some("Alice".into()),
        attendance: Attendance::Present,
    });
    let out = doc.rewrite_string(&m);
    assert_eq!(
        diff(src, &out),
        (
            vec!["Present: Peter, Kenneth".into(), "Regrets:".into()],
            vec!["Present: Peter, Alice".into(), "Regrets: Kenneth".into()]
        ),
        "{out}"
    );
    // A roll call ticks the box.
    let src = "# 2025-11-12\n\n## Roll call\n\n* [ ] Bob Martin\n* [x] Alfred Strauch\n\n## Agenda\n\n1. item\n";
    let doc = read("m.md", src);
    let mut m = doc.meeting();
    m.roster[0].attendance = Attendance::Present;
    let out = doc.rewrite_string(&m);
    assert_eq!(
        diff(src, &out),
        (
            vec!["* [ ] Bob Martin".into()],
            vec!["* [x] Bob Martin".into()]
        )
    );
}

/// Import keeps what CommonMark keeps: link and image reference definitions,
/// escapes at the start of an entry, a list starting on its entry's line
/// (`* 1. Vote`), an entry whose text is a setext heading over a lone `-`, a
/// tight list holding two lists one after the other, continuation lines that
/// look like list items or quotes.
#[test]
fn import_keeps_reference_definitions_and_escapes() {
    let src = "# Notes 2022-09-20\n\n- I pushed a [rendered copy] here ![logo][img]\n    * \\<link to preso\\>\n    * What do you want?\n        * 1. Vote\n        * 2. Start\n    * [x] improper ctypes\n        - \n        - background:\n\n[rendered copy]: http://example.com/a \"Preview\"\n[img]: <data:image/png;base64,AAAA>\n";
    let doc = read("m.md", src);
    let imported = scribe::markdown::document_to_markdown(&scribe::markdown::import_meeting(&doc));
    let html = |t: &str| {
        let mut out = String::new();
        pulldown_cmark::html::push_html(
            &mut out,
            pulldown_cmark::Parser::new_ext(
                t,
                scribe::markdown::markdown_options()
                    | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
            ),
        );
        out
    };
    assert_eq!(html(&imported), html(src), "{imported}");
    // Over-indented continuation lines stay in their paragraph.
    let src = "# Call 2017-07-28\n\n1. Metropolis updates.\n  **a. Questions.**\n        - EIP 96 comments\n        > quoted\n2. Testing\n";
    let doc = read("m.md", src);
    let imported = scribe::markdown::document_to_markdown(&scribe::markdown::import_meeting(&doc));
    assert_eq!(html(&imported), html(src), "{imported}");
    // Two lists one after the other inside a tight list stay tight.
    let src = "# Notes 2019-11-14\n\n* [x] WIP\n    - some work\n        - a place\n    * [ ] Tier 1\n* [ ] Next\n";
    let doc = read("m.md", src);
    let imported = scribe::markdown::document_to_markdown(&scribe::markdown::import_meeting(&doc));
    assert_eq!(html(&imported), html(src), "{imported}");
}

#[test]
fn a_name_typed_for_a_person_is_shown_and_written_without_at() {
    let src = "# 2024-08-20\n\n## Present\n\n* Tobie Langel\n\n## Agenda\n\n- item\n";
    let doc = read("m.md", src);
    let mut a = app(doc.meeting());
    run(&mut a, &[Action::AddPerson]);
    run(&mut a, &typed("Chen Wu"));
    run(&mut a, &[Action::Confirm]);
    let chen = a.meeting.person("Chen Wu").unwrap();
    assert_eq!(chen.mention(), "Chen Wu");
    let out = doc.rewrite_string(&a.meeting);
    assert_eq!(diff(src, &out), (vec![], vec!["* Chen Wu".into()]));
}

#[test]
fn people_named_in_notes_are_no_roster_unless_labelled_so() {
    let src = "# Sync 2024-08-30\n\n- Record attendance\n    - Council: Mara, Eric Huss\n    - Observers: TC\n- Events\n    - Attendees we know of: @stigtsp, @sjn\n";
    let doc = read("m.md", src);
    let m = doc.meeting();
    assert_eq!(roster(&m), ["Mara", "Eric Huss", "TC"]);
    assert_eq!(
        m.agenda[1].notes[0].text,
        "Attendees we know of: @stigtsp, @sjn"
    );
}

#[test]
fn next_drops_done_boxes_inside_quotes() {
    let src = "# Lang 2022-09-20\n\n## Proposals\n\n- [ ] RFC 3245\n\n    > Review by the tagged members:\n    >\n    > * [ ] @cramertj\n    > * [x] @joshtriplett\n    > * [x] @nikomatsakis\n";
    let doc = read("m.md", src);
    let next = scribe::markdown::next_agenda(&doc, &doc.meeting());
    assert_eq!(
        diff(src, &next).0,
        [
            "# Lang 2022-09-20",
            "    > * [x] @joshtriplett",
            "    > * [x] @nikomatsakis"
        ],
        "{next}"
    );
}

#[test]
fn a_person_read_from_a_table_who_sends_regrets_is_written_in_a_list() {
    let src = "# 2023-03-01\n\n## Attendees\n\n| Name | GH Username |\n| --- | --- |\n| Ann Lee | @annlee |\n| Bert Moss | @bmoss |\n\n## Agenda\n\n- item\n";
    let doc = read("m.md", src);
    let mut m = doc.meeting();
    m.roster[1].attendance = Attendance::Regrets;
    let out = doc.rewrite_string(&m);
    let (removed, added) = diff(src, &out);
    assert!(removed.is_empty(), "the table stays: {out}");
    assert!(added.contains(&"- Bert Moss (@bmoss)".to_string()), "{out}");
    let back = Document::parse_on(Path::new("m.md"), out.as_bytes(), today()).unwrap();
    assert_eq!(
        back.meeting().person("bmoss").map(|p| p.attendance),
        Some(Attendance::Regrets),
        "{out}"
    );
}

#[test]
fn a_person_without_a_handle_is_written_by_name_in_either_style() {
    let doc = read(
        "m.md",
        "# 2024-08-20\n\n## Present\n\n* Chen Wu\n* Ann (@ann)\n\n## Agenda\n\n- item\n",
    );
    let m = doc.meeting();
    for style in [scribe::model::Style::Seed, scribe::model::Style::Checkbox] {
        let out = scribe::minutes::to_markdown(&m, style);
        assert!(out.contains("Chen Wu") && !out.contains("@Chen"), "{out}");
    }
}
