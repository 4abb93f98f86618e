//! The seed style reproduces the group's real minutes of 2024-05-15 from
//! `examples/cpansec-2024-05-15.yaml`: same CommonMark HTML, and the same lines
//! apart from how many blank lines separate blocks.

use std::path::Path;

use scribe::meeting_file::load_meeting;
use scribe::render::{Style, render};

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
    (render(&meeting, Style::Seed), seed)
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
