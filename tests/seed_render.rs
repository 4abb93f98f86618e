//! The seed style reproduces the group's real minutes of 2024-05-15 from
//! `examples/cpansec-2024-05-15.yaml`: same CommonMark HTML, and the same lines
//! apart from how many blank lines separate blocks.

use std::path::Path;

use scribe::meeting_file::load_meeting;
use scribe::minutes::to_markdown;
use scribe::model::Style;

fn manifest(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn html(markdown: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(markdown));
    out
}

/// Lines with every run of blank lines made one blank line.
fn collapsed_lines(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() && out.last().is_some_and(|l| l.trim().is_empty()) {
            continue;
        }
        out.push(if line.trim().is_empty() { "" } else { line });
    }
    out
}

fn rendered_and_seed() -> (String, String) {
    let meeting = load_meeting(&manifest("examples/cpansec-2024-05-15.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let seed = std::fs::read_to_string(manifest("tests/seed/minutes-2024-05-15.md")).unwrap();
    (to_markdown(&meeting, Style::Seed), seed)
}

#[test]
fn seed_style_gives_the_seed_html() {
    let (rendered, seed) = rendered_and_seed();
    assert_eq!(html(&rendered), html(&seed));
}

#[test]
fn seed_style_gives_the_seed_lines_apart_from_blank_runs() {
    let (rendered, seed) = rendered_and_seed();
    let (got, want) = (collapsed_lines(&rendered), collapsed_lines(&seed));
    for (i, (g, w)) in got.iter().zip(want.iter()).enumerate() {
        assert_eq!(g, w, "line {} of the collapsed texts differs", i + 1);
    }
    assert_eq!(got.len(), want.len());
}

#[test]
fn seed_style_ends_like_the_seed() {
    let (rendered, seed) = rendered_and_seed();
    assert!(rendered.ends_with('\n') && !rendered.ends_with("\n\n"));
    assert_eq!(rendered.lines().last(), seed.lines().last());
}

fn headings(markdown: &str) -> Vec<&str> {
    markdown.lines().filter(|l| l.starts_with("## ")).collect()
}

#[test]
fn recorded_start_and_end_move_the_time_headings() {
    let mut meeting = load_meeting(&manifest("examples/cpansec-2024-05-15.yaml")).unwrap();
    // Started four minutes late and ran ten minutes over.
    meeting.actual.start = Some(meeting.meeting_time + chrono::Duration::minutes(4));
    meeting.actual.end = Some(meeting.planned_end() + chrono::Duration::minutes(10));
    assert_eq!(
        headings(&to_markdown(&meeting, Style::Seed)),
        [
            "## Meeting details",
            "## 16:30 UTC –\u{a0}Pre-meeting socializing",
            "## 17:04 UTC – Meeting start",
            "## 18:10 UTC – Meeting end",
            "## 18:40 UTC – End",
        ]
    );
}

#[test]
fn no_socializing_means_no_pre_meeting_heading() {
    let mut meeting = load_meeting(&manifest("examples/cpansec-2024-05-15.yaml")).unwrap();
    meeting.pre_meeting = 0;
    meeting.timebox = 90;
    meeting.after = 0;
    let out = to_markdown(&meeting, Style::Seed);
    assert_eq!(
        headings(&out),
        [
            "## Meeting details",
            "## 17:00 UTC – Meeting start",
            "## 18:30 UTC – Meeting end",
            "## 18:30 UTC – End",
        ]
    );
    assert!(out.contains("\n*   **Duration**: 1 hour 30 minutes, timeboxed.\n"));
}

#[test]
fn notes_under_item_ten_and_later_stay_nested() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut meeting = load_meeting(&manifest("examples/cpansec-2024-05-15.yaml")).unwrap();
    let quick = meeting.item_mut(&[2]).unwrap();
    assert!(quick.numbered && quick.items.len() >= 11);
    quick.items[9].notes.push(scribe::model::Note::new(
        "a note under item 10\nthat runs on",
    ));
    let out = to_markdown(&meeting, Style::Seed);
    assert!(out.contains(
        "\n10.  CPAN CVE Registration\n     *   a note under item 10\n         that runs on\n"
    ));
    // In the parse, the note is a list inside item 10, not a new paragraph.
    let mut depth = 0;
    let mut depth_of_note = None;
    for event in Parser::new(&out) {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Text(t) if t.starts_with("a note under item 10") => depth_of_note = Some(depth),
            _ => {}
        }
    }
    assert_eq!(depth_of_note, Some(2));
}

#[test]
fn seed_read_from_markdown_renders_back_as_the_seed() {
    let path = manifest("tests/seed/minutes-2024-05-15.md");
    let seed = std::fs::read_to_string(&path).unwrap();
    let doc =
        scribe::markdown::Document::parse(&path, seed.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let rendered = to_markdown(&doc.meeting(), Style::Seed);
    let (got, want) = (collapsed_lines(&rendered), collapsed_lines(&seed));
    assert_eq!(got.len(), want.len());
    let differing: Vec<(&str, &str)> = got
        .iter()
        .zip(&want)
        .filter(|(g, w)| g != w)
        .map(|(g, w)| (*g, *w))
        .collect();
    // The one line written with a hyphen instead of the usual dash between owner
    // and title: the model keeps the owner, not the separator.
    assert_eq!(
        differing,
        [("*   @tux – Test::CVE", "*   @tux - Test::CVE")]
    );
}
