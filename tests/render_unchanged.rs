//! The minutes of a long meeting with awkward notes (Liquid, a paragraph of several
//! lines with a blank line, empty and blank notes, trailing whitespace, text that
//! looks like a checkbox) are byte for byte what scribe wrote before the renderer
//! was made faster: the expected files were written by `scribe render` of that
//! earlier version, from the meeting file beside them.

use std::path::Path;

use scribe::meeting_file::load_meeting;
use scribe::minutes::to_markdown;
use scribe::model::Style;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn check(style: Style, expected: &str) {
    let meeting = load_meeting(&fixture("render-scale3.yaml")).expect("fixture loads");
    let expected = std::fs::read_to_string(fixture(expected)).expect("fixture reads");
    let written = to_markdown(&meeting, style);
    assert!(
        written == expected,
        "the minutes differ from before; first differing line: {:?}",
        written.lines().zip(expected.lines()).find(|(a, b)| a != b)
    );
}

#[test]
fn seed_style_minutes_are_unchanged() {
    check(Style::Seed, "render-scale3-seed.md");
}

#[test]
fn checkbox_style_minutes_are_unchanged() {
    check(Style::Checkbox, "render-scale3-checkbox.md");
}
