//! Entry points for fuzzing the readers of user files: the YAML meeting loader,
//! the Markdown reader and importer, and the keymap loader.
//!
//! Each takes arbitrary bytes, must never panic, and checks what must hold when the
//! input is accepted. The `cargo fuzz` targets in `fuzz/` call these, and so does
//! the proptest-driven fuzzing in `tests/fuzz_inputs.rs` (which also replays every
//! crasher kept in `tests/fuzz_crashers/`), so both fuzz the same code.

use std::path::Path;

use crate::input::{Source, parse_input};
use crate::keymap::{Context, Keymap};
use crate::markdown::{Document, import_meeting};
use crate::minutes::to_markdown;
use crate::model::Style;

/// A YAML meeting file: refused with an error, or read into a meeting that renders
/// in both styles and reads back from its own YAML.
pub fn yaml_meeting(data: &[u8]) {
    let path = Path::new("fuzz.yaml");
    if let Ok(Source::Yaml(meeting)) = parse_input(path, data) {
        let _ = to_markdown(&meeting, Style::Seed);
        let _ = to_markdown(&meeting, Style::Checkbox);
        let yaml = crate::meeting_file::to_yaml(&meeting);
        // What scribe writes it must read (a refusal is a bug, not a panic: the
        // fuzzers report it the same way).
        if let Err(e) = crate::meeting_file::parse_meeting(&yaml, path) {
            panic!("scribe cannot read back its own YAML: {e}\n{yaml}");
        }
    }
}

/// A Markdown agenda or minutes: read, imported, written back unchanged when the
/// meeting is unchanged, and rendered after an import.
pub fn markdown(data: &[u8]) {
    let path = Path::new("fuzz.md");
    let Ok(doc) = Document::parse(path, data) else {
        return;
    };
    let meeting = doc.meeting();
    let written = doc.rewrite(&meeting);
    assert!(
        written == data || std::str::from_utf8(data).is_err(),
        "an unchanged meeting must give back the document's bytes"
    );
    let imported = import_meeting(&doc);
    let _ = to_markdown(&imported, Style::Seed);
    let _ = to_markdown(&imported, Style::Checkbox);
}

/// A keymap file: refused with an error naming a line, or a keymap whose every
/// binding resolves.
pub fn keymap(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz-keymap.yaml");
    match Keymap::parse(text, path) {
        Ok(keymap) => {
            for context in Context::ALL {
                for (action, keys) in keymap.grouped(context) {
                    for key in keys {
                        assert_eq!(keymap.get(context, key), Some(action));
                    }
                }
            }
        }
        Err(e) => assert!(e.line >= 1, "an error names a line: {e}"),
    }
    let mut overlaid = Keymap::default_map();
    let _ = overlaid.overlay_yaml(text, path);
}
