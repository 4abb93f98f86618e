//! Import: every corpus document becomes a meeting that survives YAML and is
//! written back as a document CommonMark renders to the same HTML as the original
//! (pulldown-cmark's HTML renderer, same options on both sides).

use pulldown_cmark::{Options, Parser, html};
use scribe::markdown::{
    Document, document_to_markdown, import_markdown_on, import_meeting, markdown_options,
};
use scribe::model::Meeting;
use std::path::PathBuf;

fn to_html(markdown: &str) -> String {
    // The byte order mark is not Markdown content; it is dropped before rendering.
    // Front matter is recognised as metadata on both sides (it renders to nothing).
    let text = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(
            text,
            markdown_options() | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
        ),
    );
    out
}

fn files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["tests/corpus", "tests/seed"] {
        for e in std::fs::read_dir(root.join(dir)).expect("test folder") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_corpus_file_imports_to_yaml_and_back_to_the_same_html() {
    let files = files();
    assert_eq!(files.len(), 21);
    let mut failures = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("file");
        let original = String::from_utf8(bytes.clone()).expect("utf8");
        let doc = Document::parse(path, &bytes).expect("parses");
        let imported = import_meeting(&doc);
        let yaml = yaml_serde::to_string(&imported).expect("serialises");
        let back: Meeting = yaml_serde::from_str(&yaml).expect("reads back");
        assert_eq!(back, imported, "{}: YAML round trip", path.display());
        let written = document_to_markdown(&back);
        if to_html(&written) != to_html(&original) {
            failures.push(path.display().to_string());
        }
    }
    assert!(failures.is_empty(), "HTML differs for {failures:?}");
}

#[test]
fn import_keeps_the_document_structure() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/cpansec-minutes-2025-03-12.md");
    let bytes = std::fs::read(&path).expect("file");
    let doc = Document::parse(&path, &bytes).expect("parses");
    let m = import_meeting(&doc);
    assert_eq!(m.layout, scribe::model::Layout::Document);
    assert!(m.front_matter.contains(&"layout: single".to_string()));
    // "[TOC]" is a paragraph before the first heading.
    assert!(m.agenda[0].block);
    assert_eq!(m.agenda[0].title, "[TOC]");
    let agenda = m
        .agenda
        .iter()
        .find(|i| i.title == "Agenda")
        .expect("## Agenda");
    assert_eq!(agenda.heading, Some(2));
    let meta = &agenda.items[0];
    assert_eq!(meta.heading, Some(3));
    let spec = &meta.items[0];
    assert_eq!(
        (spec.heading, spec.title.as_str()),
        (Some(4), "CPAN::Meta::Spec, Requirements and PURLs")
    );
    assert_eq!(spec.items[0].checked, Some(false));
    assert_eq!(
        spec.items[0].title,
        "@sjn - started on writing an overview of issues to be resolved before PTS"
    );
}

/// Reference definitions, which no block holds, come back as one block at the
/// end; a document without any gets none (and the same HTML either way).
#[test]
fn reference_definitions_come_back_at_the_end() {
    let import = |text: &str| {
        let doc = Document::parse(&PathBuf::from("2024-05-15.md"), text.as_bytes()).unwrap();
        document_to_markdown(&import_meeting(&doc))
    };
    let with = "# Minutes\n\n- see [the policy][p] and [the list]\n\n[p]: https://x.org/p \"Policy\"\n[the list]:\n  <https://x.org/l>\n";
    let out = import(with);
    assert_eq!(to_html(&out), to_html(with));
    assert!(
        out.trim_end().ends_with("[the list]: <https://x.org/l>"),
        "{out}"
    );
    let without = "# Minutes\n\n- see [the policy] (not a link)\n- a: [b] : c\n";
    let out = import(without);
    assert_eq!(to_html(&out), to_html(without));
    assert!(!out.contains("]: <"), "{out}");
}

/// Every Markdown file the tests hold, in any folder below `tests/`.
fn all_markdown(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("test folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            all_markdown(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

#[test]
fn the_import_reading_only_what_it_uses_gives_the_same_meeting() {
    // `scribe import` reads only the blocks, title and time of a document; it
    // must make the meeting that importing the whole reading makes.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    let same = |name: &str, bytes: &[u8]| {
        for at in [PathBuf::from(name), PathBuf::from("notes.md")] {
            let whole = Document::parse_on(&at, bytes, today).map(|d| import_meeting(&d));
            let fast = import_markdown_on(&at, bytes, today);
            assert_eq!(fast, whole, "{name} read as {}", at.display());
        }
    };
    let mut files = Vec::new();
    all_markdown(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests"),
        &mut files,
    );
    assert!(files.len() > 70, "{} files", files.len());
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        same(&p.file_name().unwrap().to_string_lossy(), &bytes);
    }
    // Long generated minutes, in both layouts.
    for scale in [1, 10] {
        let meeting = scribe::workload::meeting(scale);
        for style in [scribe::model::Style::Seed, scribe::model::Style::Checkbox] {
            let text = scribe::minutes::to_markdown(&meeting, style);
            same("minutes.md", text.as_bytes());
        }
    }
    // Where the time of day comes from without front matter: the start heading
    // (also inside sections and after the title), not one under an attendance
    // section read as a roster; else the top of the text.
    for text in [
        "# Minutes 2024-05-15\n\nDoors open at 08:00 UTC.\n\n## 16:30 UTC – Pre-meeting\n\n## 17:05 UTC – Meeting start\n\n- [ ] a\n",
        "# Minutes\n\nDoors open at 08:00 UTC.\n\n## Attendees\n\n- @a\n- @b\n\n### 17:05 UTC – Meeting start\n",
        "# Minutes\n\nDoors open at 08:00 UTC.\n\n## Attendees\n\n- @a\n- @b\n\n### 17:05 UTC – Meeting start\n\n- x\n",
        "# Minutes\n\nDoors open at 08:00 UTC.\n\n## Attendees\n\n- agenda item one here\n\n### 17:05 UTC – Meeting start\n\n- x\n",
        "# Attendees\n\nDoors open at 08:00 UTC.\n\n## 18:10 UTC – Meeting start\n\n- @a\n",
        "Doors open at 08:00 UTC.\n\n## Meeting details\n\n### 09:15 UTC – Meeting start\n\n## 10:00 UTC – Meeting end\n",
        "Starts at 14:30 on 2024-05-15.\n\n- a\n",
        "---\ntitle: T\nmeeting_time: 2024-05-15 17:00 UTC\n---\n## 17:05 UTC – Meeting start\n",
        "\u{feff}# Minutes\r\n\r\nDoors open at 08:00 UTC.\r\n\r\n## 17:05 UTC – Meeting start\r\n",
    ] {
        same("minutes.md", text.as_bytes());
    }
    // Errors are the same too: not UTF-8, nested too deep.
    same("bad.md", b"# a\n\xff\n");
    same("deep.md", "- ".repeat(300).as_bytes());
}

#[test]
fn imported_meetings_are_written_as_the_yaml_library_writes_them() {
    // `to_yaml` writes long agendas directly; the text must be the library's.
    let mut files = Vec::new();
    all_markdown(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests"),
        &mut files,
    );
    let mut meetings: Vec<Meeting> = files
        .iter()
        .filter_map(|p| Document::parse(p, &std::fs::read(p).unwrap()).ok())
        .map(|d| import_meeting(&d))
        .collect();
    for scale in [1, 10] {
        let meeting = scribe::workload::meeting(scale);
        meetings.push(meeting.clone());
        for style in [scribe::model::Style::Seed, scribe::model::Style::Checkbox] {
            let text = scribe::minutes::to_markdown(&meeting, style);
            let doc = Document::parse(&PathBuf::from("minutes.md"), text.as_bytes()).unwrap();
            meetings.push(import_meeting(&doc));
        }
    }
    for m in &meetings {
        assert_eq!(
            scribe::meeting_file::to_yaml(m),
            yaml_serde::to_string(m).unwrap(),
            "{}",
            m.title
        );
    }
}
