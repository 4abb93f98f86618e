//! Checks Markdown minutes files: they parse, round-trip unchanged byte for byte,
//! import to the same HTML, and give a next agenda that parses (a debugging aid
//! for trying scribe on more minutes than the test corpus).
use pulldown_cmark::{Options, Parser, html};
use scribe::markdown::{
    Document, document_to_markdown, import_meeting, markdown_options, next_agenda,
};

fn to_html(t: &str) -> String {
    let t = t.strip_prefix('\u{feff}').unwrap_or(t);
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(
            t,
            markdown_options() | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
        ),
    );
    out
}

fn main() {
    let (mut ok, mut total) = (0, 0);
    for arg in std::env::args().skip(1) {
        total += 1;
        let path = std::path::Path::new(&arg);
        let bytes = std::fs::read(path).expect("file");
        let doc = match Document::parse(path, &bytes) {
            Ok(d) => d,
            Err(e) => {
                println!("PARSE {e}");
                continue;
            }
        };
        let m = doc.meeting();
        if doc.rewrite(&m) != bytes {
            println!("ROUNDTRIP {arg}");
            continue;
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let imported = document_to_markdown(&import_meeting(&doc));
        if to_html(&imported) != to_html(&text) {
            println!("IMPORT {arg}");
            continue;
        }
        let next = next_agenda(&doc, &m);
        if let Err(e) = Document::parse(path, next.as_bytes()) {
            println!("NEXT {arg}: {e}");
            continue;
        }
        // Simple changes read back as made, touching one line or adding one.
        let mut changed = m.clone();
        fn first_entry(
            items: &mut [scribe::model::Shared<scribe::model::Item>],
        ) -> Option<&mut scribe::model::Item> {
            for it in items {
                if it.checked.is_some() {
                    return Some(it);
                }
                if let Some(f) = first_entry(&mut it.items) {
                    return Some(f);
                }
            }
            None
        }
        if let Some(it) = first_entry(&mut changed.agenda) {
            it.checked = Some(!it.checked.unwrap_or(false));
            it.notes.push(scribe::model::Note::new("added note"));
        }
        for p in changed.roster.iter_mut().take(1) {
            p.attendance = scribe::model::Attendance::LeftEarly { at: None };
        }
        let out = doc.rewrite(&changed);
        match Document::parse(path, &out) {
            Ok(d) if d.meeting().agenda == changed.agenda => {}
            Ok(d) => {
                println!("CHANGE {arg}: agenda differs after reading back");
                if std::env::var("SHOW").is_ok() {
                    let a = yaml_serde::to_string(&changed.agenda).unwrap_or_default();
                    let b = yaml_serde::to_string(&d.meeting().agenda).unwrap_or_default();
                    std::fs::write("/tmp/want.yaml", a).ok();
                    std::fs::write("/tmp/got.yaml", b).ok();
                    std::fs::write("/tmp/out.md", &out).ok();
                }
                continue;
            }
            Err(e) => {
                println!("CHANGE {arg}: {e}");
                continue;
            }
        }
        ok += 1;
    }
    println!("{ok}/{total} ok");
}
