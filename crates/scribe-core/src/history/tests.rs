//! Ledger and register tests on small folders of minutes written here.

use super::*;
use crate::markdown::Document;

fn minutes(file: &str, text: &str) -> Minutes {
    let doc = Document::parse(Path::new(file), text.as_bytes()).unwrap();
    Minutes::from_document(&doc)
}

fn meeting_text(date: &str, body: &str) -> String {
    format!("---\nmeeting_time: {date} 16:00 UTC\ntitle: Minutes\n---\n{body}")
}

#[test]
fn an_item_is_followed_through_rewording_moves_and_an_empty_box() {
    let folder = vec![
        minutes(
            "m1.md",
            &meeting_text(
                "2025-01-08",
                "## Agenda\n### Policy\n- [ ] @tux - Team document template wanted\n- [ ] @sjn - Explore options with a company\n",
            ),
        ),
        minutes(
            "m2.md",
            &meeting_text(
                "2025-01-22",
                // Moved to another section, reworded, and the box typed `[]`.
                "## Agenda\n### Guidance\n- [] @tux - Team document template wanted; help needed\n- [x] @sjn - Explore options with a company\n",
            ),
        ),
        minutes(
            "m3.md",
            &meeting_text(
                "2025-02-05",
                "## Agenda\n### Guidance\n- [ ] @tux - Team document template wanted; Help needed\n",
            ),
        ),
    ];
    let ledger = build(&folder);
    let s = ledger.summaries();
    assert_eq!(s.len(), 2, "{s:#?}");
    let team = &s[0];
    assert_eq!(team.meetings, 3);
    assert_eq!(team.carried, 3);
    assert!(team.open && team.in_latest);
    assert_eq!(team.first.to_string(), "2025-01-08");
    assert_eq!(
        team.appearances[1].checked,
        Some(false),
        "`[]` is an open box"
    );
    assert_eq!(
        team.appearances[1].link.as_deref(),
        Some("one title's words all in the other and same owner @tux")
    );
    assert_eq!(team.appearances[1].anchor, "guidance");
    let explore = &s[1];
    assert!(!explore.open);
    assert_eq!(
        explore.closed.map(|d| d.to_string()).as_deref(),
        Some("2025-01-22")
    );
    assert_eq!(ledger.carried_past(3).len(), 1);
    assert_eq!(ledger.carried_past(4).len(), 0);
}

#[test]
fn two_different_items_stay_apart_and_owners_change_over_time() {
    let folder = vec![
        minutes(
            "a.md",
            &meeting_text(
                "2025-01-08",
                "## Agenda\n- [ ] @sjn - Write the CNA workflow guide\n- [ ] @robrwo - Review PAUSE rules\n",
            ),
        ),
        minutes(
            "b.md",
            &meeting_text(
                "2025-01-22",
                "## Agenda\n- [ ] @timlegge - Write the CNA workflow guide\n- [ ] @robrwo - Pentest PAUSE upload forms\n",
            ),
        ),
    ];
    let s = build(&folder).summaries();
    assert_eq!(s.len(), 3, "{s:#?}");
    assert_eq!(s[0].owners, ["sjn", "timlegge"]);
    assert_eq!(s[0].owner_history.len(), 2);
}

#[test]
fn the_register_finds_each_form_once() {
    let folder = vec![
        minutes(
            "a.md",
            &meeting_text(
                "2025-01-08",
                "## Approve previous meeting minutes\n- Previous meeting minutes were approved by @sjn\n\
                 ## Operating changes\n- @sjn - Proposal: new channel\n  - Vote: unanimous in favor\n\
                 - Decision: move the meeting to Wednesdays\n- We decided to close the project\n\
                 - Keep the old logo\n  - Use it on the site (decision)\n- To be decided next time\n",
            ),
        ),
        minutes(
            "b.md",
            &meeting_text(
                "2025-01-22",
                "## Operating changes\n- Decision: move the meeting to Wednesdays\n- Agreed: two chairs per meeting\n",
            ),
        ),
    ];
    let found = decisions::decisions(&folder);
    let texts: Vec<(&str, &str)> = found.iter().map(|d| (d.text.as_str(), d.form)).collect();
    assert_eq!(
        texts,
        [
            ("Vote: unanimous in favor", "wording"),
            ("Decision: move the meeting to Wednesdays", "label"),
            ("We decided to close the project", "wording"),
            ("Use it on the site", "marked"),
            ("Agreed: two chairs per meeting", "label"),
        ]
    );
    assert_eq!(
        found[0].under.as_deref(),
        Some("@sjn – Proposal: new channel")
    );
    assert_eq!(found[0].link(), "a.md#operating-changes");
    let page = decisions::to_markdown(&found);
    assert!(page.starts_with("---\nlayout: single\ntoc: true\ntitle: Decision register\n---\n"));
    assert!(page.contains(
        "- @sjn – Proposal: new channel — Vote: unanimous in favor ([Operating changes](a.md#operating-changes))\n"
    ));
}

#[test]
fn text_from_the_minutes_is_kept_from_liquid_and_the_terminal() {
    let folder = vec![minutes(
        "a.md",
        &meeting_text(
            "2025-01-08",
            "## Changes\n- Agreed: use {{ site.title }} \u{1b}[31m here\n",
        ),
    )];
    let page = decisions::to_markdown(&decisions::decisions(&folder));
    assert!(!page.contains('\u{1b}'));
    assert!(page.contains("{% raw %}"), "{page}");
    let table = table(&build(&folder));
    assert!(!table.contains('\u{1b}'));
}

#[test]
fn a_ticket_carries_the_history_owners_and_links() {
    let folder = vec![
        minutes(
            "m1.md",
            &meeting_text(
                "2025-01-08",
                "## Guidance\n- [ ] @tux - Team [document](https://x.example/t) template wanted\n",
            ),
        ),
        minutes(
            "m2.md",
            &meeting_text(
                "2025-01-22",
                "## Guidance\n- [ ] @timlegge - Team [document](https://x.example/t) template wanted\n",
            ),
        ),
    ];
    let item = &build(&folder).summaries()[0];
    let t = ticket::draft(item, Some("https://site.example/meetings/"));
    assert_eq!(t.title, "Team document template wanted");
    assert!(
        t.body
            .contains("- In 2 meetings' minutes; open, carried 2 meetings in a row\n"),
        "{}",
        t.body
    );
    assert!(t.body.contains("- Owners: @tux, @timlegge\n"), "{}", t.body);
    assert!(
        t.body
            .contains("- Owners over time: 2025-01-08 @tux; 2025-01-22 @timlegge\n"),
        "{}",
        t.body
    );
    assert!(t.body.contains(
        "- [2025-01-22](https://site.example/meetings/m2.md#guidance): [ ] Team [document](https://x.example/t) template wanted\n"
    ), "{}", t.body);
}

#[test]
fn a_folder_read_with_a_known_file_takes_it_as_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let first = meeting_text("2024-05-01", "## Items\n\n- [ ] Old item\n");
    let second = meeting_text("2024-05-15", "## Items\n\n- [ ] Old item\n- [x] Done\n");
    std::fs::write(dir.path().join("a.md"), &first).unwrap();
    std::fs::write(dir.path().join("b.md"), &second).unwrap();
    std::fs::write(dir.path().join("notes.md"), "# Notes\n\nno date here\n").unwrap();
    let all = |known: Option<&Document>| format!("{:?}", read_folder_with(dir.path(), known));
    let plain = all(None);
    assert_eq!(plain, format!("{:?}", read_folder(dir.path())));
    // The known file, by another spelling of its path: the same result as
    // reading it from the folder, for minutes and for a file skipped.
    let b = dir.path().join("sub/../b.md");
    let doc = Document::parse(&b, second.as_bytes()).unwrap();
    assert_eq!(all(Some(&doc)), plain);
    let notes = dir.path().join("notes.md");
    let doc = Document::parse(&notes, b"# Notes\n\nno date here\n").unwrap();
    assert_eq!(all(Some(&doc)), plain);
    // Taken as read, not read again: the document's text wins over the file's.
    let changed = meeting_text("2024-05-15", "## Items\n\n- [ ] Another item\n");
    let doc = Document::parse(&b, changed.as_bytes()).unwrap();
    let (minutes, _) = read_folder_with(dir.path(), Some(&doc)).unwrap();
    let titles: Vec<&str> = minutes[1].meeting.agenda[0]
        .items
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(titles, ["Another item"]);
    assert_eq!(minutes.len(), 2);
}
