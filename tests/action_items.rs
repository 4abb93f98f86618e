//! `scribe actions` on the group's real minutes: the expected lists were read off
//! the minutes by hand (line numbers refer to the files in `tests/corpus/` and
//! `tests/seed/`), not produced by the code under test.

mod common;

use scribe::action_items::{self, ActionReport};

fn people(report: &ActionReport) -> Vec<(String, Vec<String>)> {
    report
        .by_person
        .iter()
        .map(|p| {
            (
                p.handle.clone(),
                p.actions.iter().map(|a| a.text.clone()).collect(),
            )
        })
        .collect()
}

/// The lines owned by `handle`, in the order they stand (none: empty).
fn lines_of(report: &ActionReport, handle: &str) -> Vec<String> {
    report
        .by_person
        .iter()
        .find(|p| p.handle == handle)
        .map(|p| p.actions.iter().map(|a| a.text.clone()).collect())
        .unwrap_or_default()
}

/// Each decision with the heading or line it stands under.
fn decisions_in_context(report: &ActionReport) -> Vec<(&str, &str)> {
    report
        .decisions
        .iter()
        .map(|d| (d.text.as_str(), d.context.last().map_or("", String::as_str)))
        .collect()
}

/// 2024-04-10's three votes (lines 71, 77, 79), each under the proposal it decides.
const VOTES_2024_04_10: [(&str, &str); 3] = [
    (
        "Vote: Unanimously **in favor**.",
        "@sjn – Proposal: New project for ongoing CVE visibility work",
    ),
    (
        "Vote: Unanimously **in favor**.",
        "@sjn – Proposal: New project for getting upstream to discover and accept security patches that already are being applied downstream.",
    ),
    (
        "Vote: Unanimously **in favor**.",
        "@sjn – Proposal: Decide on Code of Conduct. Let's use the same as TPRF",
    ),
];

fn owned(handle: &str, lines: &[&str]) -> (String, Vec<String>) {
    (
        handle.to_string(),
        lines.iter().map(|l| l.to_string()).collect(),
    )
}

/// The people and lines of 2026-01-08 (lines 16-39), read off by hand.
fn people_2026_01_08() -> Vec<(String, Vec<String>)> {
    vec![
        owned(
            "jjatria",
            &[
                "Feedback from end of december meeting (@sjn, @thibaultduponchelle, @stigsp) related to Purl",
                "2 different *incompatible* use cases for Purl, need to remove AUTHOR from spec",
                "Need to sync with @giterlizzi",
                "Wants to participate to retro, waiting for @giterlizzi",
                "Signed pre release disclosure information",
            ],
        ),
        owned(
            "sjn",
            &[
                "Had long discussion with Michael",
                "Attending various OpenSSF meetings",
                "FOSDEM extra day for OpenSSF, will attend if first choices are not available",
            ],
        ),
        owned(
            "thibaultduponchelle",
            &[
                "Released CPAN::Tarball::Patch (in: tarball -> out: tarball)",
                "Reviewed more compression confusions technics with installers and PAUSE",
                "Will maybe attend some OpenSSF meetings -> @sjn: \"please announce yourself as CPANSec\"",
                "Demo new exploratory project related to CPAN Patch tooling: enthusiastic feedback! (but SBOM, but $VERSION...)",
            ],
        ),
        owned(
            "timlegge",
            &[
                "Attended OpenSSF vulnerability disclosure meeting",
                "CNA business as usual",
                "Shared details about pre-release disclosure information and signatories (private channel, private emails...)",
                "2025 retro ongoing",
            ],
        ),
    ]
}

/// 2026-01-08 has no checkboxes; under "## Minutes" each person is a bare `- @handle`
/// line with their report nested below (lines 16-39). Every nested line belongs to
/// the handle above it, including "Will maybe attend some OpenSSF meetings -> @sjn:
/// …", which quotes @sjn but is @thibaultduponchelle's line. The "## Attending" list
/// is the roster, and nothing there records a decision.
#[test]
fn minutes_without_checkboxes_group_each_persons_report_lines() {
    let meeting = common::meeting_from_minutes("corpus/cpansec-minutes-2026-01-08.md");
    let report = action_items::report(&meeting);

    assert!(!report.uses_checkboxes);
    assert_eq!(people(&report), people_2026_01_08());
    assert!(report.unassigned.is_empty());
    assert!(report.decisions.is_empty());
    assert_eq!(
        report.by_person[1].actions[0].context,
        vec!["Minutes".to_string(), "@sjn".to_string()]
    );
}

/// 2024-04-10, "Operating changes" (lines 66-81): three proposals, each followed by
/// "Vote: Unanimously **in favor**." (lines 71, 77, 79); line 37 records that the
/// previous minutes were approved. "Proposal: Decide on Code of Conduct" (line 78)
/// proposes a decision but is not one, and "will be decided then" (line 97) is future.
#[test]
fn votes_are_listed_as_decisions_with_the_proposal_they_decide() {
    let meeting = common::meeting_from_minutes("corpus/cpansec-minutes-2024-04-10.md");
    let report = action_items::report(&meeting);

    let decisions = decisions_in_context(&report);
    assert_eq!(
        decisions[0],
        (
            "Previous meeting minutes were approved in PR#56 by @ingydotnet, @oalders and @timlegge",
            "Approve previous meeting minutes"
        )
    );
    assert_eq!(decisions[1..], VOTES_2024_04_10);

    // @timlegge's `@owner` lines (lines 62, 69, 75, 81): no checkboxes in these minutes.
    assert_eq!(
        lines_of(&report, "timlegge"),
        [
            "@timlegge working on blog post laying out this work and why we're doing it.",
            "@timlegge - no problems with this",
            "@timlegge - Given we're all volunteers, this may be quite a bit of work.",
            "@timlegge - to find out what's involved",
        ]
    );
}

/// 2025-03-12 uses checkboxes: only unchecked lines are open. @timlegge is named
/// first on the unchecked lines 82, 113, 114 and 157; "[x] @stigtsp, @timlegge -
/// Presentation of CNA work so far" (line 104) is done. @tux owns lines 64 (with
/// @sjn) and 81; line 82 only mentions him after its owner. Decisions: line 34
/// (minutes approved), 108 ("we decided not to add CVSS"), 110 ("Voted on …").
#[test]
fn minutes_with_checkboxes_list_only_unchecked_lines() {
    let meeting = common::meeting_from_minutes("corpus/cpansec-minutes-2025-03-12.md");
    let report = action_items::report(&meeting);
    assert!(report.uses_checkboxes);

    assert_eq!(
        lines_of(&report, "timlegge"),
        [
            "@timlegge has started on something; happy to discuss with @tux; PR in the works",
            "@timlegge, @stigtsp - Analysing vulnerabilities",
            "@timlegge, @stigtsp - Integrating CVE process more with triage",
            "@timlegge - Crypt::Bcrypt issues around password length",
        ]
    );
    assert_eq!(
        lines_of(&report, "tux"),
        [
            "@sjn and @tux will check them out and comment on usability",
            "@tux - Team document template wanted; Help needed",
        ]
    );
    assert!(
        report
            .by_person
            .iter()
            .flat_map(|p| &p.actions)
            .chain(&report.unassigned)
            .all(|a| a.checked == Some(false)),
        "every open action is an unchecked line"
    );

    let decisions: Vec<&str> = report.decisions.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        decisions,
        vec![
            "Previous meeting minutes was approved by @thibaultduponchelle and @timlegge, and merged by @sjn",
            "Concerns about CVSS: we decided not to add CVSS to our CVEs for most cases",
            "Voted on changing CNA of last resort: Unanimous in favor of moving to Red Hat",
        ]
    );
    assert_eq!(report.decisions[2].checked, Some(true));
}

/// The seed: "@BooK takes the project management job" (line 88) and "@sjn (or
/// @book, …)" (line 79) are the same person as roster entry "@book (arrived late)"
/// (line 28); the vote on line 55 is both @stigtsp's line and a decision.
#[test]
fn seed_groups_handles_without_case_and_lists_the_vote() {
    let meeting = common::meeting_from_minutes("seed/minutes-2024-05-15.md");
    let report = action_items::report(&meeting);

    let book = report
        .by_person
        .iter()
        .find(|p| p.handle.eq_ignore_ascii_case("book"))
        .expect("book has lines");
    assert_eq!(book.handle, "book", "spelled as on the roster");
    let lines: Vec<&str> = book.actions.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        lines,
        vec![
            "@sjn (or @book, if he can come) – HTTPS/TLS-out-of-the-box project for perl5.42. PSC mentioned @leont may want to lead the project as a CPANSec thing? (need confirmation)",
            "@BooK takes the project management job, with commitment to complete the whole project by PSC's deadline",
        ]
    );
    let vote = "@stigtsp – new project for \"CPAN Secure by Default\" (vote: unanimous in favor)";
    assert!(report.decisions.iter().any(|d| d.text == vote));
    let stigtsp = report
        .by_person
        .iter()
        .find(|p| p.handle == "stigtsp")
        .expect("stigtsp has lines");
    assert!(stigtsp.actions.iter().any(|a| a.text == vote));
    assert_eq!(
        report
            .by_person
            .iter()
            .find(|p| p.handle == "tux")
            .map(|p| p.actions.len()),
        Some(1),
        "@tux - Test::CVE (line 93) is @tux's only line"
    );

    // The Markdown lists each person once, as a heading, with their lines under it,
    // and parses back (CommonMark) into exactly those headings and list entries.
    let markdown = action_items::to_markdown(&report);
    let parser = pulldown_cmark::Parser::new(&markdown);
    let mut headings = Vec::new();
    let mut in_heading = false;
    let mut items = 0;
    for event in parser {
        match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. }) => {
                in_heading = true;
                headings.push(String::new())
            }
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Heading(_)) => in_heading = false,
            pulldown_cmark::Event::Text(t) if in_heading => {
                headings.last_mut().unwrap().push_str(&t)
            }
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Item) => items += 1,
            _ => {}
        }
    }
    let mut expected = vec!["Action items, by person".to_string()];
    expected.extend(report.by_person.iter().map(|p| format!("@{}", p.handle)));
    expected.push("Decisions".to_string());
    assert_eq!(headings, expected);
    let entries: usize = report
        .by_person
        .iter()
        .map(|p| p.actions.len())
        .sum::<usize>()
        + report.unassigned.len()
        + report.decisions.len();
    assert_eq!(items, entries);

    // JSON carries the same groups.
    let json: serde_json::Value = serde_json::from_str(&action_items::to_json(&report)).unwrap();
    assert_eq!(
        json["by_person"].as_array().map(Vec::len),
        Some(report.by_person.len())
    );
    assert_eq!(json["decisions"][1]["text"], vote);
}

/// The meeting as scribe's own Markdown reader reads it (what `scribe actions
/// MINUTES.md` sees).
fn read_with_scribe(relative: &str) -> scribe::markdown::Document {
    let path = common::test_file(relative);
    let bytes = std::fs::read(&path).unwrap();
    scribe::markdown::Document::parse(&path, &bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// Through scribe's Markdown reader the lists are the ones read off by hand
/// above, each line quoted as the minutes write it: line 157's "@timlegge -
/// Crypt::Bcrypt …" keeps its hyphen.
#[test]
fn scribes_markdown_reader_gives_the_same_lists() {
    let report = action_items::report_for_document(&read_with_scribe(
        "corpus/cpansec-minutes-2026-01-08.md",
    ));
    assert_eq!(people(&report), people_2026_01_08());
    assert!(report.unassigned.is_empty() && report.decisions.is_empty());

    let report = action_items::report_for_document(&read_with_scribe(
        "corpus/cpansec-minutes-2024-04-10.md",
    ));
    assert_eq!(decisions_in_context(&report)[1..], VOTES_2024_04_10);

    let report = action_items::report_for_document(&read_with_scribe(
        "corpus/cpansec-minutes-2025-03-12.md",
    ));
    assert!(report.uses_checkboxes);
    assert_eq!(
        lines_of(&report, "timlegge"),
        [
            "@timlegge has started on something; happy to discuss with @tux; PR in the works",
            "@timlegge, @stigtsp - Analysing vulnerabilities",
            "@timlegge, @stigtsp - Integrating CVE process more with triage",
            "@timlegge - Crypt::Bcrypt issues around password length",
        ]
    );
    // "Voted on …" (line 110) sits under "Discussion on changing CNA root from
    // MITRE to RedHat" (line 109).
    let vote = report
        .decisions
        .iter()
        .find(|d| d.text.starts_with("Voted on changing CNA"))
        .expect("the vote is listed");
    assert_eq!(
        vote.context.last().map(String::as_str),
        Some("Discussion on changing CNA root from MITRE to RedHat")
    );
}

/// The note "Official commitment CPANSec is confirmed." (seed line 87), wherever
/// a layout puts its section.
fn commitment_note(m: &mut scribe::model::Meeting) -> &mut scribe::model::Note {
    fn in_notes(notes: &mut [scribe::model::Note]) -> Option<&mut scribe::model::Note> {
        notes
            .iter_mut()
            .find(|n| n.text == "Official commitment CPANSec is confirmed.")
    }
    fn in_items(
        items: &mut [scribe::model::Shared<scribe::model::Item>],
    ) -> Option<&mut scribe::model::Note> {
        for item in items {
            let item = &mut **item;
            if let Some(note) = in_notes(&mut item.notes) {
                return Some(note);
            }
            if let Some(note) = in_items(&mut item.items) {
                return Some(note);
            }
        }
        None
    }
    in_items(&mut m.agenda).expect("the commitment note")
}

/// A note marked as a decision (the TUI's ⚑) is written into the minutes as a
/// trailing "(decision)", in both styles and in a Markdown document that marks
/// decisions so (not in one that never does), and read back as marked; `scribe actions` lists it under the decisions. The vote
/// typed as text ("(vote: unanimous in favor)", seed line 55) stays as typed.
#[test]
fn a_marked_decision_survives_the_minutes_and_is_listed() {
    use scribe::markdown::Document;
    use scribe::minutes::to_markdown;
    use scribe::model::Style;
    let path = common::test_file("seed/minutes-2024-05-15.md");
    let doc = Document::parse(&path, &std::fs::read(&path).unwrap()).unwrap();
    let mut marked = doc.meeting();
    assert!(!commitment_note(&mut marked).decision);
    commitment_note(&mut marked).decision = true;

    let seed = to_markdown(&marked, Style::Seed);
    let checkbox = to_markdown(&marked, Style::Checkbox);
    let lossless = doc.rewrite_string(&marked);
    for (name, minutes) in [("seed", &seed), ("checkbox", &checkbox)] {
        assert_eq!(
            minutes
                .lines()
                .filter(|l| l.ends_with("Official commitment CPANSec is confirmed. (decision)"))
                .count(),
            1,
            "{name}"
        );
        assert!(
            minutes.contains("(vote: unanimous in favor)\n")
                && !minutes.contains("favor) (decision)"),
            "{name}"
        );
        let reread = Document::parse(&path, minutes.as_bytes())
            .unwrap()
            .meeting();
        let mut reread_mut = reread.clone();
        let note = commitment_note(&mut reread_mut);
        assert!(note.decision, "{name}");
        assert_eq!(
            note.text, "Official commitment CPANSec is confirmed.",
            "{name}"
        );
        let report = action_items::report(&reread);
        assert!(
            report
                .decisions
                .iter()
                .any(|d| d.text == "Official commitment CPANSec is confirmed."),
            "{name}: {:?}",
            report.decisions
        );
    }
    // The group's own document never annotates decisions: it is written as the
    // group writes it, unchanged (the mark stays in the session).
    assert_eq!(lossless, doc.source());
    // Where a document does annotate them, the mark is written and read back.
    let annotated = doc.source().replace(
        "(vote: unanimous in favor)",
        "(vote: unanimous in favor) (decision)",
    );
    let adoc = Document::parse(&path, annotated.as_bytes()).unwrap();
    let mut amarked = adoc.meeting();
    commitment_note(&mut amarked).decision = true;
    let written = adoc.rewrite_string(&amarked);
    assert!(written.contains("Official commitment CPANSec is confirmed. (decision)\n"));
    let again = Document::parse(&path, written.as_bytes()).unwrap();
    assert_eq!(again.meeting(), amarked);
}

/// Minutes scribe wrote quote the secretary's text as typed: a note with Liquid in
/// it is written neutralised for Jekyll (`{% raw %}`), and `scribe actions` on
/// those minutes shows the text without the escapes.
#[test]
fn actions_quote_scribes_own_minutes_without_liquid_escapes() {
    use scribe::minutes::to_markdown;
    use scribe::model::Style;
    let mut m = scribe::meeting_file::load_meeting(&common::test_file(
        "../examples/cpansec-2024-05-15.yaml",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let typed = "@tux - try `{{ page.meeting_time }}` in the template";
    m.agenda
        .iter_mut()
        .find(|s| s.title == "Operating changes")
        .expect("Operating changes")
        .items[0]
        .notes
        .push(scribe::model::Note::new(typed));
    for style in [Style::Seed, Style::Checkbox] {
        let written = to_markdown(&m, style);
        assert!(written.contains("{% raw %}"), "neutralised in the minutes");
        let doc = scribe::markdown::Document::parse(
            std::path::Path::new("minutes.md"),
            written.as_bytes(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let report = action_items::report_for_document(&doc);
        let tux: Vec<&str> = report
            .by_person
            .iter()
            .filter(|p| p.handle == "tux")
            .flat_map(|p| p.actions.iter().map(|a| a.text.as_str()))
            .collect();
        assert!(tux.contains(&typed), "{style:?}: {tux:?}");
        assert!(
            !action_items::to_markdown(&report).contains("raw %}"),
            "{style:?}"
        );
    }
}
