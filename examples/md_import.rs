//! Prints a Markdown file imported and written back in the document layout, or
//! with `--html`, the HTML of the original and of the written document (a debugging aid).
use pulldown_cmark::{Options, Parser, html};
fn to_html(t: &str) -> String {
    let t = t.strip_prefix('\u{feff}').unwrap_or(t);
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(
            t,
            scribe::markdown::markdown_options() | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
        ),
    );
    out
}
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let mode = std::env::args().nth(2).unwrap_or_default();
    let text = std::fs::read_to_string(&path).expect("text");
    let doc = scribe::markdown::Document::parse(path.as_ref(), text.as_bytes()).expect("parses");
    let written = scribe::markdown::render_document(&scribe::markdown::import_meeting(&doc));
    match mode.as_str() {
        "--html-original" => print!("{}", to_html(&text)),
        "--html-written" => print!("{}", to_html(&written)),
        _ => print!("{written}"),
    }
}
