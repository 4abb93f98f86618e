//! Ledger tests on small folders of minutes written here.

use super::*;
use crate::markdown::Document;

fn minutes(file: &str, text: &str) -> Minutes {
    let doc = Document::parse(Path::new(file), text.as_bytes()).unwrap();
    Minutes::from_document(&doc)
}

#[test]
fn placeholder() {
    let m = minutes("a.md", "---\nmeeting_time: 2025-01-08 16:00 UTC\n---\n## Agenda\n- [ ] @tux - thing to do\n");
    let l = build(&[m]);
    assert_eq!(l.items.len(), 1);
}
