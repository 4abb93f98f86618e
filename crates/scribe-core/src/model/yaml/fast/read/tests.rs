//! The direct reader held to the YAML library: whatever it reads, the library
//! reads as the same meeting, on the files in the repository, on generated
//! meetings and on those meetings' text mangled; and it does read the form
//! scribe writes.

use super::{read, read_preview};
use crate::model::yaml::fast::tests::{LEFT, TAKEN, item, meeting, with_text};
use crate::model::yaml::fast_yaml;
use crate::model::{Item, Meeting};
use proptest::prelude::*;

/// What the library reads from `text`, when it reads a meeting.
fn library(text: &str) -> Option<Meeting> {
    yaml_serde::from_str::<Meeting>(text).ok()
}

/// `m` as a preview reads it: the agenda's items after the first (and all
/// their sub-items) without notes.
fn preview_of(m: &Meeting) -> Meeting {
    fn clear(item: &mut Item) {
        item.notes = Vec::new().into();
        item.items.iter_mut().for_each(|sub| clear(sub));
    }
    let mut m = m.clone();
    m.agenda.iter_mut().skip(1).for_each(|item| clear(item));
    m
}

/// Reads `text` directly; when that gives a meeting, the library must give the
/// same one. Gives whether the direct reader took the text. The preview of
/// the text is held to the library's meeting too: it reads every text the
/// direct reader does, and what it reads of a meeting is exactly that
/// meeting's preview.
fn agrees(text: &str) -> bool {
    let library = library(text);
    if let (Some(preview), Some(whole)) = (read_preview::<Meeting>(text), &library) {
        assert_eq!(preview, preview_of(whole), "{text}");
    }
    match read::<Meeting>(text) {
        Some(direct) => {
            assert_eq!(Some(&direct), library.as_ref(), "{text}");
            assert_eq!(read_preview::<Meeting>(text), Some(preview_of(&direct)));
            true
        }
        None => false,
    }
}

fn files(dir: &str) -> Vec<(std::path::PathBuf, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            out.push((path, text));
        }
    }
    assert!(!out.is_empty(), "no YAML files in {}", dir.display());
    out
}

#[test]
fn files_in_the_repository_read_as_the_library_reads_them() {
    let mut taken = 0;
    for dir in [
        "../../examples",
        "../../tests/bad",
        "../../tests/fixtures",
        "../../tests/fuzz_crashers/yaml_meeting",
    ] {
        for (path, text) in files(dir) {
            agrees(&text);
            // Written back by scribe, meetings of simple text are in the form
            // read here.
            if let Some(m) = library(&text) {
                let written = crate::meeting_file::to_yaml(&m);
                let simple = fast_yaml(&m).is_some() && !written.contains('"');
                if agrees(&written) {
                    taken += 1;
                } else {
                    assert!(!simple, "{} as written: {written}", path.display());
                }
            }
        }
    }
    assert!(taken >= 3, "{taken} files read directly");
}

#[test]
fn imported_minutes_are_read_as_the_library_reads_them() {
    // Minutes of the group and of others, made meeting files by `scribe
    // import`: what the reader meets most.
    let (mut imported, mut taken) = (0, 0);
    for dir in ["../../tests/corpus", "../../tests/corpus-other"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let Ok(m) = crate::markdown::import_markdown_on(&path, &bytes, day) else {
                continue;
            };
            imported += 1;
            let written = crate::meeting_file::to_yaml(&m);
            taken += usize::from(agrees(&written));
        }
    }
    assert!(imported >= 20, "{imported} files imported");
    // Most minutes hold only simple text (the rest have a tab, a line break
    // or a character YAML quotes in a note).
    assert!(2 * taken >= imported, "{taken} of {imported} read directly");
}

#[test]
fn files_by_hand_are_left_to_the_library() {
    // Comments, blank lines and double quotes, as in the demo meeting.
    let demo = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/demo.yaml"),
    )
    .unwrap();
    assert!(library(&demo).is_some());
    assert!(!agrees(&demo));
}

/// A small meeting file around `agenda` (the lines after `agenda:`).
fn with_agenda(agenda: &str) -> String {
    format!("title: T\nmeeting_time: 2024-05-15 17:00 UTC\nagenda:\n{agenda}")
}

#[test]
fn each_form_is_read_or_left_as_the_library_reads_it() {
    let taken = [
        "- plain\n",
        "- 'it''s'\n",
        "- ''''\n",
        "- 'a: b'\n",
        "- a:b\n",
        "- title: x\n  notes:\n  - one\n  - two\n",
        "- title: x\n  notes:\n    - deeper sequence\n",
        "- title: x\n  items: []\n",
        "- title: x\n  list: {}\n",
        "- title: x\n  list:\n    ordered: true\n    start: 3\n",
        "- title: x\n  minutes: 5\n  checked: false\n",
        "- title: x\n  owners: '@a, @b'\n",
        "- true story\n",
        "- 12 angry men\n",
        "- yes\n",
        "- nan\n",
        "- title: no newline at the end",
        "  - indented under the key\n",
    ];
    for agenda in taken {
        assert!(agrees(&with_agenda(agenda)), "not taken: {agenda:?}");
    }
    let left = [
        // Not in the form: left to the library, whatever it makes of them.
        "- plain # comment\n",
        "- trailing \n",
        "- \"double\"\n",
        "- |\n  block\n",
        "- title: x\n  minutes: 05\n",
        "- title: x\n  minutes: 0x5\n",
        "- title: x\n  checked: yes\n",
        "- title: x\n  checked: True\n",
        "- title: x\n  link: null\n",
        "- title: x\n  link: ~\n",
        "- title: x\n  link:\n",
        "- title: x\n\n",
        "- title: x\r\n",
        "-\ttab\n",
        "- title:\tx\n",
        "- title: x\n   notes: []\n",
        "- title: x\n  notes: [a]\n",
        "- - nested\n",
        "- &anchor a\n- *anchor\n",
        "- !tag a\n",
        "- plain\n  continued\n",
        "- 'two\n  lines'\n",
        "- 'unclosed\n",
        "- 'a'b'\n",
        "- ok\n---\n",
        "- ok\n...\n",
        // Refused by the meeting's own code: the library says why.
        "- title: x\n  minutes: 0\n",
        "- title: x\n  unknown: 1\n",
        "- title: x\n  title: y\n",
        "[]\n",
    ];
    for agenda in left {
        assert!(!agrees(&with_agenda(agenda)), "taken: {agenda:?}");
    }
    // The head too: a handle twice on the roster, a time without its zone.
    let twice = "title: T\nmeeting_time: 2024-05-15 17:00 UTC\nroster:\n- a\n- A\nagenda:\n- x\n";
    assert!(library(twice).is_none() && !agrees(twice));
    let zone = "title: T\nmeeting_time: 2024-05-15 17:00\nagenda:\n- x\n";
    assert!(library(zone).is_none() && !agrees(zone));
}

#[test]
fn text_on_the_edges_of_the_rules_reads_as_the_library_reads_it() {
    for text in TAKEN.iter().chain(LEFT) {
        let m = with_text(text);
        let written = yaml_serde::to_string(&m).unwrap();
        let taken = agrees(&written);
        // What the writer writes directly, the reader reads directly (when it
        // is a meeting: not every text is a handle).
        if fast_yaml(&m).is_some() && library(&written).is_some() {
            assert!(taken, "not read directly: {text:?}");
        }
    }
}

/// Characters that matter to YAML, for mangling a meeting file.
fn mangle() -> impl Strategy<Value = Vec<(usize, usize, &'static str)>> {
    let piece = prop::sample::select(vec![
        " ", "  ", "\n", "- ", "-", ":", ": ", "#", " #", "'", "''", "\"", "\t", "x", "[]", "{}",
        "&a ", "*a", "!", "|", ">", "~", "null", "true", "0", "07", "---", "\r", "\n\n", "é",
    ]);
    prop::collection::vec((any::<usize>(), 0usize..3, piece), 1..4)
}

/// A generated agenda made to read, in the form read here: without owners
/// (generated text is seldom a handle), and text the writer leaves to the
/// library made simple. Mangling it then gives text near a meeting file's.
fn simple(items: &mut [crate::model::Item]) {
    fn text(text: &mut String) {
        if crate::model::yaml::fast::style(text).is_none() {
            *text = "simple".into();
        }
    }
    fn notes(list: &mut [crate::model::Note]) {
        for note in list {
            text(&mut note.text);
            notes(&mut note.notes);
        }
    }
    fn item(it: &mut crate::model::Item) {
        text(&mut it.title);
        it.link.as_mut().map(text);
        it.owners.clear();
        notes(&mut it.notes);
        for sub in it.items.iter_mut() {
            item(sub);
        }
    }
    items.iter_mut().for_each(item);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn generated_meetings_read_as_the_library_reads_them(
        agenda in prop::collection::vec(item(), 1..4)
    ) {
        let m = meeting(agenda);
        let written = yaml_serde::to_string(&m).unwrap();
        let taken = agrees(&written);
        if fast_yaml(&m).is_some() && library(&written).is_some() {
            prop_assert!(taken, "not read directly: {written}");
        }
    }

    #[test]
    fn mangled_meetings_read_as_the_library_reads_them_or_are_left_to_it(
        agenda in prop::collection::vec(item(), 1..3),
        edits in mangle(),
    ) {
        let mut agenda = agenda;
        simple(&mut agenda);
        let mut text = yaml_serde::to_string(&meeting(agenda)).unwrap();
        for (at, cut, piece) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, piece);
        }
        agrees(&text);
    }
}

/// A meeting whose agenda nests `depth` items, each the only sub-item of the
/// one before, with a note at the bottom.
fn nested(depth: usize) -> String {
    let mut text = String::from("title: T\nmeeting_time: 2024-05-15 17:00 UTC\nagenda:\n");
    for level in 0..depth {
        let pad = " ".repeat(level * 2);
        text.push_str(&format!("{pad}- title: level {level}\n{pad}  items:\n"));
    }
    text.push_str(&format!("{}- bottom\n", " ".repeat(depth * 2)));
    text
}

#[test]
fn deep_files_are_left_to_the_library_before_its_nesting_check_would_refuse_them() {
    // Real meetings nest a dozen levels: read directly.
    assert!(agrees(&nested(12)));
    for depth in [30, 31, 32, 33, 60, 99, 100, 101, 150, 5_000] {
        let text = nested(depth);
        if read::<Meeting>(&text).is_some() {
            assert!(
                crate::meeting_file::nesting::too_deep(&text).is_none(),
                "read directly at depth {depth}, which the nesting check refuses"
            );
        }
    }
    // Far beyond the limit: given up on at once, not read into a deep stack.
    assert!(read::<Meeting>(&nested(5_000)).is_none());
    assert!(crate::meeting_file::nesting::too_deep(&nested(5_000)).is_some());
}
