//! The `scribe` binary, run for real: exit statuses, messages on stderr, and
//! no output file created or changed when the input is bad.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn scribe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scribe"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the scribe binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn html(markdown: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(markdown));
    out
}

#[test]
fn check_prints_a_summary_of_a_good_file() {
    let o = scribe(&["check", "examples/demo.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("examples/demo.yaml: ok\n"), "{out}");
    assert!(
        out.contains("Agenda:   7 sections, 12 items: 0 done, 12 open, 0 without checkbox"),
        "{out}"
    );
    assert!(
        out.contains("Timebox:  plan 60 min of 60 min (fits exactly)"),
        "{out}"
    );
    assert!(out.contains("Roster:   6 people: 0 present, 0 arrived late, 0 left early, 1 regrets, 0 absent, 5 not marked"), "{out}");
    assert!(out.lines().count() <= 24, "fits on one screen");
}

#[test]
fn check_of_a_bad_file_exits_2_with_the_position() {
    let o = scribe(&["check", "tests/bad/unknown_key.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(o.stdout, b"");
    let err = stderr(&o);
    assert!(
        err.starts_with("tests/bad/unknown_key.yaml:3:1: unknown field `timebx`"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("did you mean `timebox`?"), "{err}");
}

#[test]
fn render_to_stdout_gives_the_seed_minutes() {
    let o = scribe(&["render", "examples/cpansec-2024-05-15.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let seed = std::fs::read_to_string(manifest("tests/seed/minutes-2024-05-15.md")).unwrap();
    assert_eq!(html(&stdout(&o)), html(&seed));
}

#[test]
fn render_to_a_file_writes_it_and_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minutes.md");
    let o = scribe(&[
        "render",
        "examples/demo.yaml",
        "--style",
        "checkbox",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(o.stdout, b"");
    let written = std::fs::read_to_string(&out).unwrap();
    let to_stdout = stdout(&scribe(&[
        "render",
        "examples/demo.yaml",
        "--style",
        "checkbox",
    ]));
    assert_eq!(written, to_stdout);
    assert!(written.contains("## Agenda\n"));
}

#[test]
fn bad_input_creates_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minutes.md");
    let o = scribe(&[
        "render",
        "tests/bad/timebox_zero.yaml",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with(
        "tests/bad/timebox_zero.yaml:3:10: timebox: the timebox must be at least 1 minute, found 0"
    ));
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
}

#[test]
fn bad_input_leaves_an_existing_output_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minutes.md");
    std::fs::write(&out, "earlier minutes\n").unwrap();
    for bad in [
        "tests/bad/binary.yaml",
        "tests/bad/empty.yaml",
        "tests/bad/not_utf8.yaml",
    ] {
        let o = scribe(&["render", bad, "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&o).starts_with(&format!("{bad}:")),
            "{bad}: {}",
            stderr(&o)
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "earlier minutes\n");
    }
}

#[test]
fn missing_input_exits_2() {
    let o = scribe(&["check", "no-such-meeting.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("no-such-meeting.yaml:1:1: cannot open the file: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unwritable_output_exits_1_and_says_why() {
    let o = scribe(&[
        "render",
        "examples/demo.yaml",
        "-o",
        "no/such/folder/minutes.md",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("scribe: cannot write no/such/folder/minutes.md: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn import_refuses_a_yaml_file() {
    let o = scribe(&["import", "examples/demo.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("this is already a YAML meeting file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn next_refuses_a_yaml_file() {
    let o = scribe(&["next", "examples/demo.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("expected Markdown minutes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_style_is_a_usage_error() {
    let o = scribe(&["render", "examples/demo.yaml", "--style", "fancy"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("possible values: seed, checkbox"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_subcommand_has_an_example_in_its_help() {
    for sub in [
        "run",
        "keys",
        "check",
        "render",
        "import",
        "next",
        "history",
        "decisions",
    ] {
        let o = scribe(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        assert!(
            stdout(&o).contains(&format!("Example:\n  scribe {sub} ")),
            "{sub}: {}",
            stdout(&o)
        );
    }
}

/// `-o`'s default differs by input: a Markdown agenda is written over, a meeting
/// file gets `<file>-minutes.md`; the help must not promise the latter for both.
#[test]
fn run_help_says_a_markdown_agenda_is_its_own_output() {
    let o = scribe(&["run", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    // Joined across clap's line wrapping.
    let help = stdout(&o).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("for a Markdown agenda (.md), the agenda itself"),
        "{help}"
    );
    assert!(
        help.contains("for a meeting file (.yaml), its `output`, else `<file>-minutes.md`"),
        "{help}"
    );
}

/// Without a terminal (as here, with output captured) the demo's minutes are
/// printed rather than the live interface opened.
#[test]
fn no_subcommand_prints_the_demo_minutes() {
    let o = scribe(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("---\nlayout: single\ntoc: true\nmeeting_time: June 4th, 2025 16:00 UTC\n"),
        "{out}"
    );
    assert!(out.ends_with("## 17:30 UTC – End\n"), "{out}");
}

#[test]
fn check_summary_of_a_long_agenda_fits_one_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.yaml");
    let sections: String = (1..=40).map(|i| format!("  - Section {i}\n")).collect();
    std::fs::write(
        &path,
        format!("title: Long\nmeeting_time: 2024-05-15 17:00 UTC\nagenda:\n{sections}"),
    )
    .unwrap();
    let o = scribe(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Agenda:   40 sections, 0 items"), "{out}");
    assert!(out.ends_with("  … and 26 more sections\n"), "{out}");
    assert!(out.lines().count() <= 24, "{out}");
}

// ----------------------------------------------------------------------------
// Markdown input

fn corpus_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(manifest("tests/corpus"))
        .unwrap()
        .map(|e| format!("tests/corpus/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".md") && !f.ends_with("README.md"))
        .collect();
    files.sort();
    files.push("tests/seed/minutes-2024-05-15.md".into());
    files
}

fn html_with_front_matter(markdown: &str) -> String {
    let options = scribe::markdown::markdown_options()
        | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = String::new();
    let text = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
    pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new_ext(text, options));
    out
}

#[test]
fn check_reads_every_minutes_file_of_the_corpus() {
    for file in corpus_files() {
        let o = scribe(&["check", &file]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        assert!(stdout(&o).starts_with(&format!("{file}: ok\n")));
    }
}

#[test]
fn import_then_render_gives_back_the_same_document() {
    let dir = tempfile::tempdir().unwrap();
    for file in corpus_files() {
        let yaml = dir.path().join("meeting.yaml");
        let o = scribe(&["import", &file, "-o", yaml.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let o = scribe(&["render", yaml.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let original = std::fs::read_to_string(manifest(&file)).unwrap();
        assert_eq!(
            html_with_front_matter(&stdout(&o)),
            html_with_front_matter(&original),
            "{file}"
        );
    }
}

#[test]
fn next_drops_what_was_checked_and_keeps_what_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("agenda.md");
    let o = scribe(&[
        "next",
        "tests/corpus/cpansec-minutes-2025-05-07.md",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let agenda = std::fs::read_to_string(&out).unwrap();
    // Done at that meeting, without open sub-items: gone.
    assert!(
        !agenda.contains("CPAN Testers work happening at PTS"),
        "{agenda}"
    );
    // Open: stays, with its note.
    assert!(agenda.contains("- [ ] @tux - XML::LibXML touches CVE issues in Alien\n  - @stigtsp - probably not a CVE for the CPAN module\n"), "{agenda}");
    assert!(
        agenda.contains("meeting_time: 2025-05-21 16:00 UTC"),
        "{agenda}"
    );
}

#[test]
fn bad_markdown_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.md");
    for (name, bytes) in [
        ("empty.md", &b""[..]),
        ("binary.md", &b"# Minutes\n\x00\x01"[..]),
        ("latin1.md", &b"# Minutes 2024-05-15\n\nCaf\xe9\n"[..]),
    ] {
        let input = dir.path().join(name);
        std::fs::write(&input, bytes).unwrap();
        for command in ["check", "render", "import", "next"] {
            let mut args = vec![command, input.to_str().unwrap()];
            if command != "check" {
                args.extend(["-o", out.to_str().unwrap()]);
            }
            let o = scribe(&args);
            assert_eq!(o.status.code(), Some(2), "{command} {name}: {}", stderr(&o));
            assert!(
                stderr(&o).starts_with(&format!("{}:", input.display())),
                "{}",
                stderr(&o)
            );
            assert!(!out.exists(), "{command} {name}");
        }
    }
}

#[test]
fn output_onto_the_input_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("meeting.yaml");
    std::fs::copy(manifest("examples/demo.yaml"), &meeting).unwrap();
    let before = std::fs::read(&meeting).unwrap();
    let o = scribe(&[
        "render",
        meeting.to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is the input file itself; expected another output file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&meeting).unwrap(), before);
}

/// `scribe render MINUTES.md` without `--style` gives back the input's bytes: the
/// group's minutes of every era, and the seed, are not rewritten in another layout.
#[test]
fn render_of_unchanged_markdown_gives_back_its_bytes() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files.push(manifest("tests/seed/minutes-2024-05-15.md"));
    assert!(files.len() > 10, "the corpus is there");
    for file in files {
        let o = scribe(&["render", file.to_str().unwrap()]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}: {}",
            file.display(),
            stderr(&o)
        );
        assert!(
            o.stdout == std::fs::read(&file).unwrap(),
            "{}: the output differs from the input",
            file.display()
        );
    }
}

#[test]
fn check_warns_of_an_assumed_date_and_takes_one_with_date() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("agenda.md");
    std::fs::write(
        &file,
        "# TSC meeting\n\n## Agenda\n\n- Welcome\n- Releases\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let o = scribe(&["check", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Warning:  no meeting date found"), "{out}");
    assert!(out.contains("1 sections, 2 items"), "{out}");
    let o = scribe(&["check", f, "--date", "2024-06-09"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains("Warning"), "{out}");
    assert!(out.contains("— 2024-06-09 00:00 UTC"), "{out}");
    // A file that is not text is still refused.
    std::fs::write(&file, b"# x\n\x00\x01\x02").unwrap();
    let o = scribe(&["check", f]);
    assert_ne!(o.status.code(), Some(0));
}
