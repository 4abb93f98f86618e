//! Prints pulldown-cmark events with their byte ranges (a debugging aid).
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = std::fs::read_to_string(path).expect("text");
    for (e, r) in pulldown_cmark::Parser::new(&text).into_offset_iter() {
        println!("{r:?} {e:?} {:?}", &text[r.clone()]);
    }
}
