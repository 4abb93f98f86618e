//! Proptest-driven fuzzing of the readers of user files (the YAML meeting loader,
//! the Markdown reader and importer, the keymap loader) through the same entry
//! points as the `cargo fuzz` targets in `fuzz/` (`scribe::fuzzing`), and replay of
//! every crasher ever found, kept in `tests/fuzz_crashers/<target>/`.
//!
//! The default run is short; `FUZZ_CASES=200000 cargo test --release --test
//! fuzz_inputs` is a long one.

use std::path::Path;

use proptest::prelude::*;
use scribe::fuzzing;

fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

/// Lines that look like a meeting file, in any order and indentation.
fn yaml_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "title: ",
        "meeting_time: 2024-05-15T17:00:00Z",
        "meeting_time: ",
        "timebox: 60",
        "timebox: -1",
        "timebox: x",
        "pre_meeting: 30",
        "roster:",
        "agenda:",
        "items:",
        "notes:",
        "- handle: tux",
        "- handle: ",
        "  attendance: regrets",
        "  attendance: {arrived_late: 17:10}",
        "attendance: late",
        "- title: Welcome",
        "  minutes: 3",
        "  minutes: 0",
        "checked: true",
        "checked: maybe",
        "owners: [a, b]",
        "chairs: [tux]",
        "secretary: sjn",
        "style: checkbox",
        "style: nope",
        "output: x.md",
        "- text: hi",
        "  - ",
        "- ",
        "? ",
        ": ",
        "&a ",
        "*a",
        "!!binary ",
        "!tag ",
        "{{ x }}",
        "{% raw %}",
        "\u{1b}[31m",
        "\"",
        "'",
        "[",
        "]",
        "{",
        "}",
        "#",
        "|",
        ">",
        "\t",
        "\n",
        "  ",
        "    ",
        "é",
        "\u{0}",
        "~",
        "null",
        "1e999",
        "0x10",
        "---",
        "...",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|p| p.concat())
}

/// Lines that look like the group's Markdown agendas and minutes.
fn markdown_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "---\n",
        "layout: post\n",
        "title: x\n",
        "# Minutes\n",
        "## 17:00 UTC – Start\n",
        "### Attendees\n",
        "### Regrets\n",
        "- ",
        "* ",
        "*   ",
        "1. ",
        "  ",
        "    ",
        "\t",
        "[ ] ",
        "[x] ",
        "[X] ",
        "@sjn",
        "@tux (arrived late)",
        " – ",
        "\n",
        "\r\n",
        "\n\n",
        "```\n",
        "> ",
        "<!-- x -->",
        "|a|b|\n",
        "{{ site }}",
        "{% if %}",
        "\u{feff}",
        "\u{1b}]0;x\u{7}",
        "Welcome",
        "Vote: unanimous",
        "**Date**: 2024-05-15\n",
        "[a](b)",
        "\\",
        "`",
        "<",
        "&amp;",
        "é",
        "字",
        "\u{0}",
    ]);
    prop::collection::vec(piece, 0..80).prop_map(|p| p.concat())
}

/// Lines that look like a keymap file.
fn keymap_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "global:\n",
        "agenda:\n",
        "roster:\n",
        "editor:\n",
        "prompt:\n",
        "nowhere:\n",
        "  q: quit\n",
        "  u: undo\n",
        "  Ctrl-r: redo\n",
        "  Ctrl-: up\n",
        "  Alt-Shift-x: down\n",
        "  F99: help\n",
        "  F0: help\n",
        "  \"?\": help\n",
        "  Space: toggle-check\n",
        "  Shift-Tab: prev-pane\n",
        "  x: fly\n",
        "  x: null\n",
        "  x: [a]\n",
        "  : \n",
        "  é: up\n",
        "  Ctrl-Alt-Delete: quit\n",
        "  Enter: new-line\n",
        "- a\n",
        "x: 1\n",
        "\t",
        "  ",
        "#\n",
        "\u{1b}",
        "{",
        "}",
        "\n",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn yaml_loader_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        fuzzing::yaml_meeting(&data);
    }

    #[test]
    fn yaml_loader_meeting_like(text in yaml_like()) {
        fuzzing::yaml_meeting(text.as_bytes());
    }

    #[test]
    fn markdown_reader_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        fuzzing::markdown(&data);
    }

    #[test]
    fn markdown_reader_minutes_like(text in markdown_like()) {
        fuzzing::markdown(text.as_bytes());
    }

    #[test]
    fn keymap_loader_bytes(data in prop::collection::vec(any::<u8>(), 0..200)) {
        fuzzing::keymap(&data);
    }

    #[test]
    fn keymap_loader_keymap_like(text in keymap_like()) {
        fuzzing::keymap(text.as_bytes());
    }
}

/// A fuzzing entry point.
type Target = fn(&[u8]);

/// Every crasher found by a fuzzer stays a test.
#[test]
fn kept_crashers_no_longer_crash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_crashers");
    let targets: [(&str, Target); 3] = [
        ("yaml_meeting", fuzzing::yaml_meeting),
        ("markdown", fuzzing::markdown),
        ("keymap", fuzzing::keymap),
    ];
    let mut replayed = 0;
    for (name, target) in targets {
        let Ok(entries) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{} crashes {name}", path.display());
            replayed += 1;
        }
    }
    // The seeds kept with the crashers are replayed too: the folder is not empty.
    assert!(
        replayed > 0,
        "no crasher or seed found under {}",
        root.display()
    );
}
