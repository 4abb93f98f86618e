//! A Markdown document's lists as the secretary arranges them: a list made
//! numbered or bulleted (`#`) is written with the other marker on every entry,
//! numbered from 1, its nested lines still nested; a heading item stays a heading
//! wherever it is added or moved. What was written is read back with
//! pulldown-cmark, independently of scribe's reader, to see which list kind a
//! reader of the Markdown gets.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use scribe::markdown::Document;
use scribe::model::{Item, Meeting, Note};
use std::path::Path;

fn doc(text: &str) -> Document {
    Document::parse(Path::new("minutes.md"), text.as_bytes()).expect("parses")
}

fn section<'a>(m: &'a mut Meeting, title: &str) -> &'a mut Item {
    m.agenda
        .iter_mut()
        .find(|i| i.title == title)
        .unwrap_or_else(|| panic!("no section {title:?}"))
}

/// The lists of `text` as pulldown-cmark reads them: (ordered, start number,
/// depth, entries' first text).
fn lists(text: &str) -> Vec<(bool, Option<u64>, usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut entry_text: Vec<Option<String>> = Vec::new();
    for event in Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(Tag::List(start)) => {
                out.push((start.is_some(), start, open.len(), Vec::new()));
                open.push(out.len() - 1);
            }
            Event::End(TagEnd::List(_)) => {
                open.pop();
            }
            Event::Start(Tag::Item) => entry_text.push(None),
            Event::Text(t) => {
                if let Some(slot @ None) = entry_text.last_mut() {
                    *slot = Some(t.to_string());
                }
            }
            Event::End(TagEnd::Item) => {
                let t = entry_text.pop().flatten().unwrap_or_default();
                if let Some(&l) = open.last() {
                    out[l].3.push(t.trim().to_string());
                }
            }
            _ => {}
        }
    }
    out
}

const EVENTS: &str = "\
## Upcoming events and deadlines
1. [ ] (Germany) PTS 2025
1. [ ] (Germany) GPW 2025
1. [ ] (USA) TPRC 2025

## Operating changes
- [ ] @sjn - Since perl.social is dead
";

#[test]
fn a_numbered_list_made_bulleted_gets_bullets_and_its_notes_stay_nested() {
    let d = doc(EVENTS);
    let mut m = d.meeting();
    let events = section(&mut m, "Upcoming events and deadlines");
    assert!(events.numbered, "the reader sees the numbers");
    events.numbered = false;
    events.items[0].notes.push(Note::new("@tux is going"));
    let out = d.rewrite_string(&m);
    assert_eq!(
        out,
        "\
## Upcoming events and deadlines
- [ ] (Germany) PTS 2025
  - @tux is going
- [ ] (Germany) GPW 2025
- [ ] (USA) TPRC 2025

## Operating changes
- [ ] @sjn - Since perl.social is dead
"
    );
    let read = lists(&out);
    assert!(!read[0].0, "bulleted: {read:?}");
    assert_eq!(read[0].3.len(), 3, "one list of three: {read:?}");
    assert_eq!(
        (read[1].2, read[1].3.clone()),
        (1, vec!["@tux is going".to_string()])
    );
}

#[test]
fn a_bulleted_list_made_numbered_counts_from_one_and_moves_nested_lines_right() {
    let text = "\
## Welcome
- Meeting chair: @ann
- First
  - a note
  - [ ] another
- Second
- Third

## Next
- Other
";
    let d = doc(text);
    let mut m = d.meeting();
    let welcome = section(&mut m, "Welcome");
    assert!(!welcome.numbered);
    welcome.numbered = true;
    // An item added after the first, and a note under the second.
    welcome.items.insert(1, Item::new("Inserted").into());
    welcome.items[2].notes.push(Note::new("new note"));
    let out = d.rewrite_string(&m);
    assert_eq!(
        out,
        "\
## Welcome
1. Meeting chair: @ann
2. First
   - a note
   - [ ] another
3. Inserted
4. Second
   - new note
5. Third

## Next
- Other
"
    );
    let read = lists(&out);
    assert!(read[0].0, "{read:?}");
    assert_eq!(read[0].1, Some(1));
    assert_eq!(read[0].3.len(), 5, "one list of five: {read:?}");
    // The notes are nested (depth 1), under the right entries.
    assert_eq!(read[1].2, 1);
    assert_eq!(read[1].3, vec!["a note".to_string(), "another".to_string()]);
    assert_eq!(read[2].3, vec!["new note".to_string()]);
    // Read back by scribe, the list is numbered and nothing was lost.
    let again = doc(&out).meeting();
    let w = again.agenda.iter().find(|i| i.title == "Welcome").unwrap();
    assert!(w.numbered);
    assert_eq!(w.items.len(), 4);
    assert_eq!(w.items[0].notes.len(), 2);
}

#[test]
fn toggled_twice_the_document_is_unchanged() {
    let d = doc(EVENTS);
    let mut m = d.meeting();
    let events = section(&mut m, "Upcoming events and deadlines");
    events.numbered = !events.numbered;
    events.numbered = !events.numbered;
    assert_eq!(d.rewrite_string(&m), EVENTS);
}

const TLDR: &str = "\
## Special
- @sjn - Introduces the new format

### TL;DR
- When an item is done: check the box
";

#[test]
fn a_heading_moved_to_first_place_stays_a_heading() {
    let d = doc(TLDR);
    let mut m = d.meeting();
    let special = section(&mut m, "Special");
    assert_eq!(special.items[1].heading, Some(3));
    let tldr = special.items.remove(1);
    special.items.insert(0, tldr);
    let out = d.rewrite_string(&m);
    assert!(
        out.lines().any(|l| l == "### TL;DR"),
        "the heading is written as one:\n{out}"
    );
    assert!(!out.contains("- TL;DR"), "no list entry of it:\n{out}");
    assert!(
        out.find("### TL;DR").unwrap() < out.find("Introduces").unwrap(),
        "first:\n{out}"
    );
}

#[test]
fn a_new_heading_added_first_is_a_heading() {
    let d = doc(TLDR);
    let mut m = d.meeting();
    let special = section(&mut m, "Special");
    let mut new = Item::new("Before all");
    new.heading = Some(3);
    special.items.insert(0, new.into());
    let out = d.rewrite_string(&m);
    assert!(
        out.starts_with("## Special\n\n### Before all\n\n- @sjn - Introduces"),
        "{out}"
    );
    // pulldown-cmark reads a heading there.
    let headings = Parser::new(&out)
        .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    assert_eq!(headings, 3, "{out}");
}

/// A document that writes its boxes `[x]`, with one `[X]` among them.
const BOXES: &str = "\
## CNA
- [ ] @stigtsp - Presentation of CNA work so far
  - [X] Board update on CNAs
  - [ ] Quality

## Next
- [x] Other
- [x] More
";

#[test]
fn a_box_typed_as_x_upper_is_written_so_and_the_group_form_stays() {
    use scribe::app::notes::{lines_to_notes, notes_to_lines};
    let d = doc(BOXES);
    let mut m = d.meeting();
    let item = &mut section(&mut m, "CNA").items[0];
    let mut lines = notes_to_lines(&item.notes);
    // The secretary checks "Quality" and types two notes, one with `[X]`.
    lines[1] = "- [x] Quality".into();
    lines.push("- [X] Voted: unanimous in favor".into());
    lines.push("- [x] Demo done".into());
    item.notes = lines_to_notes(&lines).into();
    let out = d.rewrite_string(&m);
    assert_eq!(
        out,
        "\
## CNA
- [ ] @stigtsp - Presentation of CNA work so far
  - [X] Board update on CNAs
  - [x] Quality
  - [X] Voted: unanimous in favor
  - [x] Demo done

## Next
- [x] Other
- [x] More
"
    );
    // Typed again after the editor showed it, `[X]` stays.
    let shown = notes_to_lines(&item_notes(&m));
    assert_eq!(shown[2], "- [X] Voted: unanimous in favor");
    assert_eq!(lines_to_notes(&shown), item_notes(&m));
}

fn item_notes(m: &Meeting) -> Vec<Note> {
    m.agenda[0].items[0].notes.to_vec()
}

/// The group's agenda of 2025-03-12 opened as the app opens it, `#` on an
/// upcoming event: the written list is bulleted, as in the real minutes, and
/// `#` again gives back the numbers.
#[test]
fn toggling_the_events_of_the_real_agenda_writes_bullets_then_numbers() {
    use scribe::app::{Action, App, update};
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cpansec-agenda-2025-03-12.md");
    let d = Document::parse(&path, &std::fs::read(&path).unwrap()).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2025-03-12T17:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut app = App::new(d.meeting(), now);
    // Select "(Germany) PTS 2025", under "Upcoming events and deadlines".
    while !app
        .selected_item()
        .is_some_and(|i| i.title.contains("PTS 2025"))
    {
        update(&mut app, Action::Down, now);
    }
    let events_of = |out: &str| -> (bool, Vec<String>) {
        let at = out.find("### Upcoming events").unwrap();
        let end = out[at..].find("## Operating").unwrap() + at;
        let read = lists(&out[at..end]);
        (read[0].0, read[0].3.clone())
    };
    update(&mut app, Action::ToggleNumbered, now);
    let out = d.rewrite_string(&app.meeting);
    let (ordered, entries) = events_of(&out);
    assert!(!ordered, "bulleted:\n{out}");
    assert_eq!(entries.len(), 4);
    assert!(out.contains("\n- [ ] (Germany) [PTS 2025]"), "{out}");
    update(&mut app, Action::ToggleNumbered, now);
    let out = d.rewrite_string(&app.meeting);
    assert!(events_of(&out).0, "numbered again:\n{out}");
    assert_eq!(
        out,
        String::from_utf8(std::fs::read(&path).unwrap()).unwrap()
    );
}

#[test]
fn a_section_added_before_the_first_is_written_first() {
    let text = "---\ntitle: Minutes\n---\n\n## Welcome\n- Hello\n\n## Next\n- Other\n";
    let d = doc(text);
    let mut m = d.meeting();
    let mut opening = Item::new("Opening");
    opening.heading = Some(2);
    m.agenda.insert(0, opening.into());
    let out = d.rewrite_string(&m);
    assert_eq!(
        out,
        "---\ntitle: Minutes\n---\n\n## Opening\n\n## Welcome\n- Hello\n\n## Next\n- Other\n"
    );
    let again = doc(&out).meeting();
    let titles: Vec<&str> = again.agenda.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Opening", "Welcome", "Next"]);
}

/// A section whose list holds lines that are no entries of the meeting (the
/// chair and secretary, which go to the roster), in a document that mostly
/// writes `- `: a note or an item given to the section continues that list
/// with its bullet, nested lines and all, instead of starting a list of
/// another bullet after it (a second list, as Markdown reads it).
#[test]
fn a_first_child_after_lines_of_the_roster_continues_their_list() {
    let text = "\
## Welcome

*   Meeting chair: @sjn
*   Meeting secretary: @tux
    * and @stigtsp

## Work
- [ ] One
- [ ] Two
- [ ] Three
";
    let d = doc(text);
    for add_item in [false, true] {
        let mut m = d.meeting();
        let welcome = section(&mut m, "Welcome");
        if add_item {
            welcome.items.push(Item::new("Introductions").into());
        } else {
            welcome.notes.push(Note::new("Long note typed live"));
        }
        let out = d.rewrite_string(&m);
        let added = if add_item {
            "Introductions"
        } else {
            "Long note typed live"
        };
        assert!(
            out.contains(&format!("    * and @stigtsp\n*   {added}")),
            "{out}"
        );
        let read = lists(&out);
        assert_eq!(read[0].3.len(), 3, "one list of three: {read:?}");
        assert_eq!(read[0].3[2], added, "{read:?}");
        // The rest of the document is as it was.
        assert_eq!(out.replace(&format!("*   {added}\n"), ""), text);
        // Read back, the addition is the section's last entry (a section's
        // entries read as its items).
        let back = doc(&out).meeting();
        let welcome = back.agenda.iter().find(|i| i.title == "Welcome").unwrap();
        assert_eq!(welcome.items.last().map(|i| i.title.as_str()), Some(added));
    }
}
