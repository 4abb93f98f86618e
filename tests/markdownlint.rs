//! Markdown written by scribe adds no lint problems that its input did not have,
//! checked with markdownlint (markdownlint-cli2, the linter of the Markdown
//! ecosystem: VS Code's extension and GitHub Actions use the same rules).
//!
//! The group's own minutes break several default rules (`*   ` list markers,
//! four-space nesting, long lines, double blank lines), so a raw problem count
//! says nothing about scribe. Instead each rule's count on scribe's output is
//! compared with its count on the input the output came from: scribe may keep the
//! group's style, never add a new kind or more of a problem. Checked on the seed
//! meeting rendered in the seed style (against the seed minutes), on the demo
//! meeting in both styles (against the group's minutes of that style), on
//! `scribe actions` output (against the minutes it lists), and on the group's own
//! Markdown written back after a meeting changed it (no finding of a kind the
//! document did not already have).
//!
//! Needs `tools/markdownlint/node_modules`: installed on first use with
//! `npm ci --prefix tools/markdownlint` (pinned by its package-lock.json).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use scribe::action_items;
use scribe::meeting_file::load_meeting;
use scribe::minutes::to_markdown;
use scribe::model::Style;

fn linter() -> PathBuf {
    common::ensure_markdownlint();
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tools/markdownlint/node_modules/.bin/markdownlint-cli2")
}

/// Problems markdownlint finds in `markdown`: the rule (`MD030`) and what it says
/// about the case (`Spaces after list markers [Expected: 1; Actual: 3]`), with
/// the parts that name one place rather than a habit left out (the quoted
/// `[Context: …]`, and the length of a long line).
fn lint_findings(markdown: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.md");
    std::fs::write(&file, markdown).unwrap();
    let config =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/markdownlint/.markdownlint-cli2.yaml");
    let output = Command::new(linter())
        .arg("--config")
        .arg(&config)
        .arg("doc.md")
        .current_dir(dir.path())
        .output()
        .expect("markdownlint-cli2 runs");
    let report = String::from_utf8_lossy(&output.stderr);
    let mut findings = Vec::new();
    for line in report.lines() {
        let Some(rest) = line.strip_prefix("doc.md:") else {
            continue;
        };
        // "179:1 error MD007/ul-indent Unordered list indentation [Expected: 2; Actual: 4]"
        let start = rest
            .find(" MD")
            .unwrap_or_else(|| panic!("unexpected markdownlint line: {line}"));
        let finding = &rest[start + 1..];
        let (name, detail) = finding.split_once(' ').unwrap_or((finding, ""));
        let rule = name.split('/').next().unwrap_or(name).to_string();
        let mut detail = match detail.find(" [Context: ") {
            Some(at) => detail[..at].to_string(),
            None => detail.to_string(),
        };
        if rule == "MD013"
            && let Some(at) = detail.find("; Actual: ")
        {
            detail.truncate(at);
            detail.push(']');
        }
        findings.push((rule, detail));
    }
    // Exit 1 means problems found; anything else but 0 is the tool failing.
    match output.status.code() {
        Some(0) => assert!(findings.is_empty(), "{report}"),
        Some(1) => assert!(!findings.is_empty(), "{report}"),
        _ => panic!("markdownlint-cli2 failed:\n{report}"),
    }
    findings
}

/// Problems markdownlint finds in `markdown`, counted by rule (`MD030`, …).
fn lint_counts(markdown: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for (rule, _) in lint_findings(markdown) {
        *counts.entry(rule).or_insert(0) += 1;
    }
    counts
}

/// The rules whose count grew from `input` to `output`, with both counts.
fn new_problems(input: &str, output: &str) -> Vec<(String, usize, usize)> {
    let before = lint_counts(input);
    let after = lint_counts(output);
    after
        .into_iter()
        .filter_map(|(rule, n)| {
            let had = before.get(&rule).copied().unwrap_or(0);
            (n > had).then_some((rule, had, n))
        })
        .collect()
}

/// The harness reads markdownlint's findings: on a small document whose problems
/// are known by construction, and on the seed, whose double blank lines (MD012:
/// one finding per blank line after the first) are counted here independently.
#[test]
fn lint_counts_are_markdownlints_findings() {
    let known = "# Title\n\n\n* a\n*   b\n";
    let counts = lint_counts(known);
    assert_eq!(
        counts,
        BTreeMap::from([("MD012".to_string(), 1), ("MD030".to_string(), 1)])
    );

    let seed = common::read_test_file("seed/minutes-2024-05-15.md");
    let mut extra_blank_lines = 0;
    let mut run = 0;
    for line in seed.lines() {
        if line.trim().is_empty() {
            run += 1;
            if run >= 2 {
                extra_blank_lines += 1;
            }
        } else {
            run = 0;
        }
    }
    assert!(extra_blank_lines > 0);
    assert_eq!(lint_counts(&seed).get("MD012"), Some(&extra_blank_lines));
}

/// `scribe actions` output, made from the group's minutes, adds no problem the
/// minutes did not have. Line length (MD013) is left out here only: each entry
/// quotes a line of the minutes as typed (the group does not wrap lines) and adds
/// where it sits, so a longer line is the minutes' own text, not a new problem.
#[test]
fn action_lists_add_no_markdown_problems() {
    for file in [
        "seed/minutes-2024-05-15.md",
        "corpus/cpansec-minutes-2024-04-10.md",
        "corpus/cpansec-minutes-2025-03-12.md",
        "corpus/cpansec-minutes-2026-01-08.md",
    ] {
        let input = common::read_test_file(file);
        let meeting = common::meeting_from_minutes(file);
        let output = action_items::to_markdown(&action_items::report(&meeting));
        let found: Vec<_> = new_problems(&input, &output)
            .into_iter()
            .filter(|(rule, _, _)| rule != "MD013")
            .collect();
        assert_eq!(
            found,
            vec![],
            "{file}: (rule, input count, output count)\n{output}"
        );
    }
}

fn render_example(name: &str, style: Style) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let meeting = load_meeting(&path).unwrap_or_else(|e| panic!("{e}"));
    to_markdown(&meeting, style)
}

/// The rules `markdown` breaks, without counts.
fn rules(markdown: &str) -> Vec<String> {
    lint_counts(markdown).into_keys().collect()
}

/// The seed meeting as a meeting file, rendered in the seed style, has no more
/// findings of any rule than the seed minutes themselves.
#[test]
fn seed_style_output_of_the_seed_meeting_adds_no_problems() {
    let input = common::read_test_file("seed/minutes-2024-05-15.md");
    let output = render_example("cpansec-2024-05-15.yaml", Style::Seed);
    assert_eq!(
        new_problems(&input, &output),
        vec![],
        "(rule, count in the seed, count in scribe's output)"
    );
}

/// The demo meeting has other content than any minutes of the group, so counts
/// cannot be compared; it may break only rules that the group's minutes of the
/// same style break too (the seed for the seed style, the 2025 minutes for the
/// checkbox style).
#[test]
fn demo_output_breaks_no_rule_the_groups_minutes_keep() {
    let cases = [
        (Style::Seed, "seed/minutes-2024-05-15.md"),
        (Style::Checkbox, "corpus/cpansec-minutes-2025-03-12.md"),
    ];
    for (style, reference) in cases {
        let allowed = rules(&common::read_test_file(reference));
        let output = render_example("demo.yaml", style);
        let new: Vec<String> = rules(&output)
            .into_iter()
            .filter(|r| !allowed.contains(r))
            .collect();
        assert_eq!(new, Vec::<String>::new(), "{style:?} style vs {reference}");
    }
}

/// The secretary's usual flow: the group's agenda (here the 2025-03-12 minutes)
/// read by scribe, the meeting checks off an item and adds a note, and scribe
/// writes the document back with only those lines changed. The minutes grew, so
/// counts may grow with them; what may not appear is a finding the agenda did not
/// already have: a new line must follow a habit of the document (here a note
/// indented by four spaces, "[Expected: 2; Actual: 4]", as 21 of its lines are).
#[test]
fn minutes_written_back_from_the_groups_markdown_add_no_new_kind_of_problem() {
    let relative = "corpus/cpansec-minutes-2025-03-12.md";
    let path = common::test_file(relative);
    let bytes = std::fs::read(&path).unwrap();
    let doc = scribe::markdown::Document::parse(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let mut meeting = doc.meeting();

    // Check the first open item of every section that has one, and note who spoke.
    let mut changed = 0;
    for section in &mut meeting.agenda {
        if let Some(item) = section.items.iter_mut().find(|i| i.checked == Some(false)) {
            item.checked = Some(true);
            item.notes.push(scribe::model::Note::new(
                "@sjn - discussed; follow-up next time",
            ));
            changed += 1;
        }
    }
    assert!(changed > 0, "the agenda has open items");
    let input = common::read_test_file(relative);
    let output = doc.rewrite_string(&meeting);
    assert_ne!(output, input, "the meeting changed the minutes");

    let habits = lint_findings(&input);
    let new: Vec<(String, String)> = lint_findings(&output)
        .into_iter()
        .filter(|f| !habits.contains(f))
        .collect();
    assert_eq!(new, vec![], "findings the agenda did not have");
}

/// The comparison does catch a problem the input did not have.
#[test]
fn a_new_problem_is_reported() {
    let input = "# Minutes\n\n- one\n- two\n";
    let output = "# Minutes\n\n- one\n* two\n\n\n";
    let found = new_problems(input, output);
    let rules: Vec<&str> = found.iter().map(|(r, _, _)| r.as_str()).collect();
    assert!(rules.contains(&"MD004"), "{found:?}");
    assert!(rules.contains(&"MD012"), "{found:?}");
}
