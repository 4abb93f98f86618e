//! The README's commented meeting file is a valid meeting file, so the
//! documentation of the format cannot drift from the reader.

use std::path::Path;

use scribe::meeting_file::parse_meeting;
use scribe::model::Attendance;

#[test]
fn readme_meeting_file_example_parses() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("```yaml\n").expect("a yaml example") + "```yaml\n".len();
    let end = start + readme[start..].find("```").expect("end of the example");
    let m = parse_meeting(&readme[start..end], Path::new("README.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.roster.len(), 4);
    assert!(matches!(
        m.person("book").map(|p| p.attendance),
        Some(Attendance::ArrivedLate { at: Some(_) })
    ));
    assert_eq!(m.agenda.len(), 4);
    assert!(m.actual.start.is_some() && m.next.time.is_some());
    assert_eq!(m.style, scribe::model::Style::Seed);
    assert!(m.output.is_some());
}

/// The README's configuration example is a valid `config.yaml` that sets every
/// setting away from nothing (each key present), so it documents the real keys.
#[test]
fn readme_config_example_parses() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let heading = readme
        .find("## Configuration")
        .expect("a configuration section");
    let start =
        heading + readme[heading..].find("```yaml\n").expect("a yaml example") + "```yaml\n".len();
    let end = start + readme[start..].find("```").expect("end of the example");
    let example = &readme[start..end];
    let config = scribe::config::Config::parse(example, Path::new("README.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    // A value the README calls the default is the default `scribe config` shows.
    let defaults = scribe::config::Config::default();
    for line in example.lines().filter(|l| l.contains("(the default)")) {
        let key = line.split(':').next().unwrap_or_default();
        let same = match key {
            "show_local_time" => config.show_local_time == defaults.show_local_time,
            "mouse" => config.mouse == defaults.mouse,
            other => panic!("README calls `{other}` the default: add it here"),
        };
        assert!(same, "README: {line}");
    }
    for key in [
        "style",
        "keymap",
        "theme",
        "output_folder",
        "show_local_time",
        "mouse",
        "carried_threshold",
    ] {
        assert!(
            example.contains(&format!("\n{key}:")) || example.starts_with(&format!("{key}:")),
            "{key} is documented"
        );
    }
}
