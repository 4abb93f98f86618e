//! `scribe lint` on the group's own minutes: each mistake the group corrected by
//! hand in review is planted in a copy of a corpus file, in a copy of the corpus
//! folder, and must be reported at its line (and nothing else new); the safe
//! fixes must give back the corpus file byte for byte. What a finding says about
//! rendering is checked against a CommonMark parse with pulldown-cmark.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pulldown_cmark::{Event, Options, Parser, Tag};

const MINUTES: &str = "cpansec-minutes-2025-02-19.md";

/// A copy of `tests/corpus` in a temporary folder.
fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for entry in std::fs::read_dir(corpus).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn scribe(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scribe"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn lint(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<String>) {
    let mut all = vec!["lint"];
    all.extend_from_slice(args);
    let out = scribe(dir, &all);
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    (out.status.code(), lines)
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn corpus_file(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .join(name),
    )
    .unwrap()
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let needle = needle.lines().next().unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// Plants a mistake (`from` → `to`) in the copy of [`MINUTES`]; returns the
/// findings that are new against the unplanted file, and the planted line.
fn plant(dir: &Path, from: &str, to: &str) -> (Vec<String>, usize) {
    let (_, before) = lint(dir, &[MINUTES]);
    let text = read(dir, MINUTES);
    assert!(text.contains(from), "{from:?} is not in {MINUTES}");
    let line = line_of(&text, from);
    std::fs::write(dir.join(MINUTES), text.replacen(from, to, 1)).unwrap();
    let (code, after) = lint(dir, &[MINUTES]);
    assert_eq!(code, Some(1));
    let new = after.into_iter().filter(|l| !before.contains(l)).collect();
    (new, line)
}

/// `--fix` gives the corpus file back, byte for byte.
fn fix_restores(dir: &Path, name: &str) {
    lint(dir, &["--fix", MINUTES]);
    assert_eq!(read(dir, name), corpus_file(name), "{name} after --fix");
}

#[test]
fn a_meeting_time_copied_from_the_previous_meeting_is_found_and_fixed() {
    let dir = corpus_copy();
    let (new, line) = plant(
        dir.path(),
        "meeting_time: 2025-02-19 17:00 UTC",
        "meeting_time: 2025-02-05 17:00 UTC",
    );
    assert_eq!(
        new,
        [format!(
            "{MINUTES}:{line}: meeting_time says 2025-02-05 but the file name says 2025-02-19; \
             fix (--fix): `meeting_time: 2025-02-19 17:00 UTC`"
        )]
    );
    fix_restores(dir.path(), MINUTES);
}

#[test]
fn a_next_meeting_before_this_one_is_found() {
    let dir = corpus_copy();
    // "Next meeting is March 10" written on the February 19 minutes' successor:
    // a date without a year, in the past.
    let (new, line) = plant(
        dir.path(),
        "Next meeting is Wednesday 2025-03-12",
        "Next meeting is February 10",
    );
    assert_eq!(new.len(), 1, "{new:?}");
    assert!(
        new[0].starts_with(&format!(
            "{MINUTES}:{line}: the next meeting (2025-02-10) is not after this meeting (2025-02-19)"
        )),
        "{new:?}"
    );
}

#[test]
fn a_weekday_that_does_not_match_its_date_is_found() {
    let dir = corpus_copy();
    let (new, line) = plant(
        dir.path(),
        "Next meeting is Wednesday 2025-03-12",
        "Next meeting is Thursday 2025-03-12",
    );
    assert_eq!(
        new,
        [format!(
            "{MINUTES}:{line}: Thursday 2025-03-12 is a Wednesday; \
             fix: write Wednesday, or the date of the Thursday meant (2025-03-13?)"
        )]
    );
}

#[test]
fn an_unknown_handle_is_found_with_the_closest_known_one() {
    let dir = corpus_copy();
    let (new, line) = plant(
        dir.path(),
        "Meeting chair: @timlegge",
        "Meeting chair: @timlege",
    );
    assert_eq!(
        new,
        [format!(
            "{MINUTES}:{line}: @timlege is not in the group's other minutes or the roster; \
             fix: did you mean @timlegge? (if @timlege is new, add it to the roster)"
        )]
    );
    // A short form: `@thibd` for `@thibaultduponchelle`.
    let (new, _) = plant(dir.path(), "@leont - no progress", "@thibd - no progress");
    assert!(
        new[0].contains("did you mean @thibaultduponchelle?"),
        "{new:?}"
    );
}

#[test]
fn a_handle_on_the_roster_file_is_known() {
    let dir = corpus_copy();
    plant(
        dir.path(),
        "Meeting chair: @timlegge",
        "Meeting chair: @newcomer",
    );
    std::fs::write(dir.path().join("roster.txt"), "newcomer\n@someone\n").unwrap();
    let (_, with_roster) = lint(dir.path(), &["--roster", "roster.txt", MINUTES]);
    assert!(
        !with_roster.iter().any(|l| l.contains("@newcomer")),
        "{with_roster:?}"
    );
}

/// The headings and task list markers of `markdown`, as CommonMark reads it.
fn headings_and_boxes(markdown: &str) -> (usize, usize) {
    let options = Options::ENABLE_TASKLISTS | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let headings = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    let boxes = events
        .iter()
        .filter(|e| matches!(e, Event::TaskListMarker(_)))
        .count();
    (headings, boxes)
}

#[test]
fn an_empty_list_item_that_makes_a_heading_is_found_and_removed() {
    let dir = corpus_copy();
    let from = "- [ ] @sjn - look at the next events for opportunities\n";
    let (new, line) = plant(dir.path(), from, &format!("{from}    -\n"));
    let planted = read(dir.path(), MINUTES);
    // CommonMark does make a heading of it.
    assert_eq!(
        headings_and_boxes(&planted).0,
        headings_and_boxes(&corpus_file(MINUTES)).0 + 1
    );
    assert_eq!(new.len(), 1, "{new:?}");
    assert!(
        new[0].starts_with(&format!(
            "{MINUTES}:{}: an empty list item `-` under",
            line + 1
        )),
        "{new:?}"
    );
    fix_restores(dir.path(), MINUTES);
}

#[test]
fn a_rule_without_its_blank_line_is_found() {
    let dir = corpus_copy();
    let from = "### Recruitment\n";
    let (new, line) = plant(dir.path(), from, &format!("Some text\n---\n{from}"));
    assert_eq!(
        new,
        [format!(
            "{MINUTES}:{}: `---` right under `Some text` makes it a heading; \
             fix: put a blank line before `---` for a rule, or remove the line",
            line + 1
        )]
    );
}

#[test]
fn checkboxes_without_their_spaces_are_found_and_fixed() {
    let dir = corpus_copy();
    let corpus = corpus_file(MINUTES);
    let (new, line) = plant(
        dir.path(),
        "- [x] @timlegge - Crypt::Random release",
        "- [x]@timlegge - Crypt::Random release",
    );
    assert_eq!(
        new,
        [format!(
            "{MINUTES}:{line}: the checkbox does not render as one: no space after the box; \
             fix (--fix): `- [x] @timlegge - Crypt::Random release`"
        )]
    );
    let (new, _) = plant(
        dir.path(),
        "- [ ] @sjn - Explore options",
        "- [] @sjn - Explore options",
    );
    assert!(
        new.iter().any(|l| l.contains("the box `[]` has no space")),
        "{new:?}"
    );
    // Both really lost their checkbox.
    let planted = read(dir.path(), MINUTES);
    assert_eq!(
        headings_and_boxes(&planted).1 + 2,
        headings_and_boxes(&corpus).1
    );
    fix_restores(dir.path(), MINUTES);
}

#[test]
fn liquid_in_typed_text_is_found_and_kept_from_running() {
    let dir = corpus_copy();
    let from = "- [ ] @sjn - look at the next events for opportunities";
    let planted_line = format!("{from} {{{{ maybe }}}} 100{{% of them");
    let (new, line) = plant(dir.path(), from, &planted_line);
    assert_eq!(
        new,
        [format!(
            "{MINUTES}:{line}: `{{{{` or `{{%` here would be run by Jekyll's Liquid; \
             fix (--fix): wrap the text in `{{% raw %}}…{{% endraw %}}`"
        )]
    );
    lint(dir.path(), &["--fix", MINUTES]);
    let fixed = read(dir.path(), MINUTES);
    let fixed_line = fixed.lines().nth(line - 1).unwrap();
    assert!(fixed_line.starts_with("- [ ] {% raw %}"), "{fixed_line}");
    assert_eq!(scribe::liquid::restore_liquid(fixed_line), planted_line);
}

#[test]
fn the_index_entry_is_put_back_where_it_was() {
    let dir = corpus_copy();
    let entry = "* [2025-02-19](cpansec-minutes-2025-02-19.md)\n";
    let index = read(dir.path(), "README.md");
    let line = line_of(&index, "cpansec-minutes-2025-02-19.md");
    std::fs::write(dir.path().join("README.md"), index.replacen(entry, "", 1)).unwrap();
    let (code, findings) = lint(dir.path(), &[MINUTES]);
    assert_eq!(code, Some(1));
    assert!(
        findings.contains(&format!(
            "README.md:{line}: README.md does not list {MINUTES}; fix (--fix): add `{}`",
            entry.trim()
        )),
        "{findings:?}"
    );
    fix_restores(dir.path(), "README.md");
}

#[test]
fn an_index_entry_under_the_wrong_date_is_fixed() {
    let dir = corpus_copy();
    let index = read(dir.path(), "README.md");
    let wrong = index.replacen(
        "[2025-02-19](cpansec-minutes-2025-02-19.md)",
        "[2025-02-10](cpansec-minutes-2025-02-19.md)",
        1,
    );
    std::fs::write(dir.path().join("README.md"), wrong).unwrap();
    let (_, findings) = lint(dir.path(), &[MINUTES]);
    assert!(
        findings.iter().any(|l| l.contains(
            "cpansec-minutes-2025-02-19.md is listed as 2025-02-10 but the meeting was on 2025-02-19"
        )),
        "{findings:?}"
    );
    fix_restores(dir.path(), "README.md");
}

/// The group's latest minutes, as they would be for 2026-02-19: the
/// 2025-02-19 minutes with the year moved on.
fn latest_minutes(dir: &Path) -> PathBuf {
    let text = corpus_file(MINUTES)
        .replace("2025-02-19", "2026-02-19")
        .replace("Wednesday 2025-03-12", "Thursday 2026-03-05");
    let path = dir.join("cpansec-minutes-2026-02-19.md");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_index_slip_of_the_real_repository_is_found() {
    // The group's index lists `[2026-02-10](cpansec-minutes-2026-02-19.md)`.
    let dir = corpus_copy();
    latest_minutes(dir.path());
    let index = read(dir.path(), "README.md");
    let line = line_of(&index, "cpansec-minutes-2026-02-19.md");
    let (_, findings) = lint(dir.path(), &["cpansec-minutes-2026-02-19.md"]);
    assert!(
        findings.contains(&format!(
            "README.md:{line}: cpansec-minutes-2026-02-19.md is listed as 2026-02-10 but the \
             meeting was on 2026-02-19; fix (--fix): `* [2026-02-19](cpansec-minutes-2026-02-19.md)`"
        )),
        "{findings:?}"
    );
}

#[test]
fn the_index_next_meeting_time_is_the_next_meeting() {
    let dir = corpus_copy();
    latest_minutes(dir.path());
    let name = "cpansec-minutes-2026-02-19.md";
    // The index announces a later meeting (April 2nd): maybe a rescheduling, so
    // it is reported but not changed.
    let line = line_of(&read(dir.path(), "README.md"), "next_meeting_time:");
    let (_, findings) = lint(dir.path(), &["--fix", name]);
    assert!(
        findings.contains(&format!(
            "README.md:{line}: next_meeting_time is `April 2nd 2026 16:00 UTC` but the latest minutes \
             say the next meeting is 2026-03-05 17:00; fix: `next_meeting_time: March 5th 2026 17:00 UTC`"
        )),
        "{findings:?}"
    );
    // Left over from this meeting: fixed, in the index's own way of writing dates.
    let index = read(dir.path(), "README.md");
    let stale = index.replace("April 2nd 2026 16:00 UTC", "February 19th 2026 17:00 UTC");
    std::fs::write(dir.path().join("README.md"), &stale).unwrap();
    let (_, findings) = lint(dir.path(), &["--fix", name]);
    assert!(
        !findings.iter().any(|l| l.contains("next_meeting_time")),
        "{findings:?}"
    );
    let fixed = read(dir.path(), "README.md");
    assert_eq!(
        fixed,
        stale
            .replace("February 19th 2026 17:00 UTC", "March 5th 2026 17:00 UTC")
            .replace(
                "[2026-02-10](cpansec-minutes-2026-02-19.md)",
                "[2026-02-19](cpansec-minutes-2026-02-19.md)"
            )
    );
}

#[test]
fn what_lint_finds_in_the_real_corpus() {
    let dir = corpus_copy();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("cpansec-minutes-"))
        .collect();
    let mut args: Vec<&str> = names.iter().map(String::as_str).collect();
    args.sort();
    let (code, findings) = lint(dir.path(), &args);
    assert_eq!(code, Some(1));
    // 2025-01-08 is a Wednesday (the 2024-12-11 minutes say Friday).
    assert!(findings.iter().any(|l| {
        l.starts_with("cpansec-minutes-2024-12-11.md:95: Friday 2025-01-08 is a Wednesday")
    }));
    // The index has no entry for the 2024-06-19 minutes.
    assert!(!read(dir.path(), "README.md").contains("cpansec-minutes-2024-06-19.md"));
    assert!(
        findings
            .iter()
            .any(|l| l.contains("README.md does not list cpansec-minutes-2024-06-19.md"))
    );
    // Three checkboxes of 2025-04-09 hold a non-breaking space: CommonMark reads
    // no task list marker on those lines.
    let text = read(dir.path(), "cpansec-minutes-2025-04-09.md");
    for line in [151, 160, 190] {
        let source = text.lines().nth(line - 1).unwrap();
        assert_eq!(headings_and_boxes(source).1, 0, "{source}");
        assert!(
            findings.iter().any(|l| l.starts_with(&format!(
                "cpansec-minutes-2025-04-09.md:{line}: the checkbox does not render as one"
            ))),
            "{line}"
        );
    }
    // `@tib` in the 2025-09-17 minutes is @thibaultduponchelle.
    assert!(findings.iter().any(|l| {
        l.starts_with("cpansec-minutes-2025-09-17.md:23: @tib (3 times)")
            && l.contains("did you mean @thibaultduponchelle?")
    }));
    // A file without mistakes: exit 0, nothing printed.
    assert_eq!(
        lint(dir.path(), &["cpansec-minutes-2025-01-08.md"]),
        (Some(0), Vec::new())
    );
}

#[test]
fn bad_input_exits_2_and_changes_nothing() {
    let dir = corpus_copy();
    let out = scribe(dir.path(), &["lint", "--fix", "no-such-minutes.md"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(dir.path().join("bad-2025-01-01.md"), b"# ok\n\xff\xfe\n").unwrap();
    let out = scribe(dir.path(), &["lint", "--fix", "bad-2025-01-01.md"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad-2025-01-01.md:2:1"), "{stderr}");
    assert_eq!(read(dir.path(), "README.md"), corpus_file("README.md"));
}
