//! Prints the next agenda made from a minutes file (a debugging aid).
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path).expect("file");
    let doc = scribe::markdown::Document::parse(path.as_ref(), &bytes).expect("parses");
    print!("{}", scribe::markdown::next_agenda(&doc, &doc.meeting()));
}
