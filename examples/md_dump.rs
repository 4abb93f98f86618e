//! Prints the meeting read from a Markdown file as YAML (a debugging aid).
fn main() {
    for arg in std::env::args().skip(1) {
        let path = std::path::Path::new(&arg);
        let bytes = std::fs::read(path).expect("readable file");
        match scribe::markdown::Document::parse(path, &bytes) {
            Ok(doc) => println!(
                "# {arg}\n{}",
                yaml_serde::to_string(&doc.meeting()).expect("yaml")
            ),
            Err(e) => println!("# {arg}\nERROR {e}"),
        }
    }
}
