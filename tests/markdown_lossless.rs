//! The Markdown document is read and written format-preserving: an unchanged
//! meeting gives back every file byte for byte, and a change rewrites only its own
//! lines. Checked against the real minutes in tests/corpus and tests/seed, with a
//! line diff written here independently of the code under test.

use scribe::markdown::Document;
use scribe::model::{Attendance, Item, Meeting, Note, Shared};
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("test folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
}

fn repo_files() -> Vec<PathBuf> {
    let mut files = md_files(&manifest().join("tests/corpus"));
    files.extend(md_files(&manifest().join("tests/seed")));
    files
}

/// The repository's minutes, plus those in `SCRIBE_MORE_MINUTES` (a folder) when
/// set, to try the rules on more of the group's minutes than are kept here.
fn all_files() -> Vec<PathBuf> {
    let mut files = repo_files();
    if let Some(dir) = std::env::var_os("SCRIBE_MORE_MINUTES") {
        files.extend(md_files(Path::new(&dir)));
    }
    files
}

/// `rel`: below the crate root, or an absolute path.
fn load(rel: impl AsRef<Path>) -> (Vec<u8>, Document) {
    let path = manifest().join(rel);
    let bytes = std::fs::read(&path).expect("test file");
    let doc = Document::parse(&path, &bytes).expect("parses");
    (bytes, doc)
}

/// The file as text, its document, and the meeting read from it, to be changed
/// and written back against the original text.
fn load_for_edit(rel: impl AsRef<Path>) -> (String, Document, Meeting) {
    let (bytes, doc) = load(rel);
    let src = String::from_utf8(bytes).expect("utf8");
    let meeting = doc.meeting();
    (src, doc, meeting)
}

/// Lines removed from `a` and added in `b` (longest common subsequence of lines).
fn line_diff(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = a.split_inclusive('\n').collect();
    let b: Vec<&str> = b.split_inclusive('\n').collect();
    let mut l = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            l[i][j] = if a[i] == b[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || l[i][j + 1] >= l[i + 1][j]) {
            added.push(b[j].to_string());
            j += 1;
        } else {
            removed.push(a[i].to_string());
            i += 1;
        }
    }
    (removed, added)
}

fn render(doc: &Document, m: &Meeting) -> String {
    String::from_utf8(doc.rewrite(m)).expect("UTF-8 output")
}

/// Reading the written file back gives the changed meeting.
fn reparses_to(out: &str, m: &Meeting) {
    let doc = Document::parse(Path::new("rendered.md"), out.as_bytes()).expect("output parses");
    assert_eq!(
        &doc.meeting(),
        m,
        "reading the output back gives the meeting written"
    );
}

fn find_item<'a>(items: &'a mut [Shared<Item>], title: &str) -> Option<&'a mut Item> {
    for it in items {
        if it.title.contains(title) {
            return Some(&mut **it);
        }
        if let Some(found) = find_item(&mut it.items, title) {
            return Some(found);
        }
    }
    None
}

fn item<'a>(m: &'a mut Meeting, title: &str) -> &'a mut Item {
    find_item(&mut m.agenda, title).unwrap_or_else(|| panic!("item {title}"))
}

fn person<'a>(m: &'a mut Meeting, handle: &str) -> &'a mut scribe::model::Person {
    m.roster
        .iter_mut()
        .find(|p| p.handle == handle)
        .unwrap_or_else(|| panic!("person {handle}"))
}

#[test]
fn every_corpus_file_is_written_back_byte_for_byte() {
    assert_eq!(
        repo_files().len(),
        21,
        "20 corpus files (README included) and the seed"
    );
    let files = all_files();
    for path in files {
        let bytes = std::fs::read(&path).expect("file");
        let doc = Document::parse(&path, &bytes)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        let meeting = doc.meeting();
        assert!(
            doc.rewrite(&meeting) == bytes,
            "{} changed on an unchanged round trip",
            path.display()
        );
        // A clone (as the TUI would hold) is just as unchanged.
        assert!(doc.rewrite(&meeting.clone()) == bytes);
    }
}

#[test]
fn a_byte_order_mark_and_crlf_are_kept() {
    let (bytes, doc) = load("tests/corpus/cpansec-minutes-2024-05-15.md");
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    assert_eq!(doc.meeting().title, "Minutes 2024-05-15");
    let crlf = String::from_utf8(bytes)
        .expect("utf8")
        .replace('\n', "\r\n");
    let doc = Document::parse(Path::new("crlf.md"), crlf.as_bytes()).expect("parses");
    assert_eq!(render(&doc, &doc.meeting()), crlf);
    let mut m = doc.meeting();
    item(&mut m, "CNA progress update")
        .notes
        .push(Note::new("Still waiting for MITRE"));
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&crlf, &out);
    assert!(removed.is_empty());
    assert_eq!(added, vec!["    *   Still waiting for MITRE\r\n"]);
    assert!(
        !out.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );

    let mut m = doc.meeting();
    person(&mut m, "stigtsp").attendance = Attendance::ArrivedLate { at: None };
    person(&mut m, "tinita").attendance = Attendance::Present;
    m.actual.start = Some(m.meeting_time + chrono::Duration::minutes(2));
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&crlf, &out);
    assert_eq!(
        removed,
        [
            "## 17:00 UTC – Meeting start\r\n",
            "*   @stigtsp\r\n",
            "*   @tinita\r\n",
            "## 18:00 UTC – Meeting end\r\n",
            "## 18:30 UTC – End\r\n"
        ]
    );
    // The end headings follow the late start until the end is recorded.
    assert_eq!(
        added,
        [
            "## 17:02 UTC – Meeting start\r\n",
            "*   @stigtsp (arrived late)\r\n",
            "*   @tinita\r\n",
            "## 18:02 UTC – Meeting end\r\n",
            "## 18:32 UTC – End\r\n"
        ]
    );
}

#[test]
fn the_seed_meeting_is_read_with_its_details() {
    let (_, doc) = load("tests/seed/minutes-2024-05-15.md");
    let m = doc.meeting();
    assert_eq!(m.meeting_time.to_rfc3339(), "2024-05-15T17:00:00+00:00");
    assert_eq!(m.chairs, ["timlegge", "tux"]);
    assert_eq!(m.secretary, ["sjn"]);
    assert_eq!(m.next.chairs, ["oalders"]);
    assert_eq!(m.next.secretary, ["sjn"]);
    assert_eq!(
        m.next.text.as_deref(),
        Some("Next meeting is June 5th @ 16:00 UTC on TPRF Slack #cpan-security channel")
    );
    assert_eq!(
        m.next.time.map(|t| t.to_rfc3339()).as_deref(),
        Some("2024-06-05T16:00:00+00:00")
    );
    let att = |h: &str| m.person(h).map(|p| p.attendance);
    assert_eq!(att("timlegge"), Some(Attendance::LeftEarly { at: None }));
    assert_eq!(att("book"), Some(Attendance::ArrivedLate { at: None }));
    assert_eq!(att("tinita"), Some(Attendance::Regrets));
    assert_eq!(att("stigtsp"), Some(Attendance::Present));
    let titles: Vec<&str> = m.agenda.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            // Reachable like any section; its location line is the meeting's.
            "Meeting details",
            "Welcome",
            "Approve previous meeting minutes",
            "Quick summary of current work",
            "Ongoing and updated vulnerabilities",
            "Operating changes",
            "Upcoming events and deadlines",
            "Elect next meeting chair and secretary",
            "Next meeting date, time and location"
        ]
    );
    let ops = &m.agenda[5].items[0];
    assert_eq!(ops.owners, ["timlegge"]);
    assert_eq!(ops.title, "CNA progress update");
    assert_eq!(
        m.agenda[3].items[0].link.as_deref(),
        Some("https://github.com/orgs/CPAN-Security/projects/1")
    );
}

#[test]
fn checking_an_item_changes_exactly_one_line() {
    for (file, title) in [
        (
            "tests/corpus/cpansec-minutes-2025-03-12.md",
            "need to push GDT's PURL update",
        ),
        (
            "tests/corpus/cpansec-minutes-2025-06-04.md",
            "Minimal (TLDR) version of policy wanted",
        ),
        (
            "tests/corpus/cpansec-minutes-2025-02-19.md",
            "Explore options with Ovid's company",
        ),
    ] {
        let (src, doc, mut m) = load_for_edit(file);
        let it = item(&mut m, title);
        assert_eq!(it.checked, Some(false), "{file}: {title} starts unchecked");
        it.checked = Some(true);
        let out = render(&doc, &m);
        let (removed, added) = line_diff(&src, &out);
        assert_eq!(removed.len(), 1, "{file}");
        assert_eq!(added.len(), 1, "{file}");
        assert!(removed[0].contains(title));
        assert_eq!(added[0], removed[0].replacen("[ ]", "[x]", 1), "{file}");
        reparses_to(&out, &m);
        // And unchecking again gives the original back.
        item(&mut m, title).checked = Some(false);
        assert_eq!(render(&doc, &m), src);
    }
}

#[test]
fn unchecking_keeps_the_rest_of_the_line() {
    let (src, doc, mut m) = load_for_edit("tests/corpus/cpansec-minutes-2025-03-12.md");
    item(&mut m, "we need tools for working with SBOMs").checked = Some(false);
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(
        removed,
        ["- [x] @tux - we need tools for working with SBOMs. *correct* SBOMs.\n"]
    );
    assert_eq!(
        added,
        ["- [ ] @tux - we need tools for working with SBOMs. *correct* SBOMs.\n"]
    );
    reparses_to(&out, &m);
}

#[test]
fn checking_an_item_without_checkbox_adds_one() {
    let (src, doc, mut m) = load_for_edit("tests/seed/minutes-2024-05-15.md");
    item(&mut m, "CPAN Security Patch Tooling").checked = Some(true);
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(removed.len(), 1);
    assert_eq!(
        added,
        [
            "5.  [x] [CPAN Security Patch Tooling](https://github.com/orgs/CPAN-Security/projects/11)\n"
        ]
    );
    reparses_to(&out, &m);
}

#[test]
fn adding_notes_inserts_lines_and_changes_nothing_else() {
    // Seed style: `*   ` bullets, four-space nesting.
    let (src, doc, mut m) = load_for_edit("tests/seed/minutes-2024-05-15.md");
    item(&mut m, "CNA progress update")
        .notes
        .push(Note::new("@timlegge to follow up"));
    item(&mut m, "CPAN Transparency Logs")
        .notes
        .push(Note::new("No activity"));
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert!(removed.is_empty(), "nothing removed: {removed:?}");
    assert_eq!(
        added,
        ["    *   No activity\n", "    *   @timlegge to follow up\n"]
    );
    let pos = out
        .find("    *   @timlegge to follow up")
        .expect("inserted");
    let before = &out[..pos];
    assert!(
        before.ends_with("to initiate the process\n"),
        "after the item's last note"
    );
    reparses_to(&out, &m);

    // 2025 style: `- ` bullets and checkboxes, notes nested under an entry.
    let (src, doc, mut m) = load_for_edit("tests/corpus/cpansec-minutes-2025-03-12.md");
    let it = item(&mut m, "Minimal (TLDR) version of policy wanted");
    assert!(it.notes.is_empty());
    it.notes.push(Note {
        checked: Some(false),
        ..Note::new("@stigtsp - draft sent to the list")
    });
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert!(removed.is_empty());
    assert_eq!(added.len(), 1);
    assert!(added[0].ends_with("- [ ] @stigtsp - draft sent to the list\n"));
    assert!(added[0].starts_with("  ") || added[0].starts_with("   "));
    reparses_to(&out, &m);
}

#[test]
fn editing_a_note_rewrites_only_its_line() {
    let (src, doc, mut m) = load_for_edit("tests/corpus/cpansec-minutes-2024-11-15.md");
    let it = item(&mut m, "Recruitment");
    it.items[0].title = "New members! Thibault and Robert".to_string();
    let n = item(&mut m, "TLS/HTTPS/CSPRNG/DSA in core");
    n.items[1].notes[0].text = "@leont and @timlegge met with the PSC".to_string();
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(removed.len(), 2);
    assert_eq!(
        added,
        [
            "    * @leont and @timlegge met with the PSC\n",
            "*   New members! Thibault and Robert\n"
        ]
    );
    reparses_to(&out, &m);
}

#[test]
fn liquid_typed_by_the_secretary_is_neutralised_but_the_template_stays() {
    let (src, doc, mut m) = load_for_edit("tests/seed/minutes-2024-05-15.md");
    item(&mut m, "securing cpanm")
        .notes
        .push(Note::new("see {{ site.url }} and {% include x %}"));
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert!(removed.is_empty());
    assert_eq!(
        added,
        ["    *   {% raw %}see {{ site.url }} and {% include x %}{% endraw %}\n"]
    );
    assert!(out.contains("{{ page.meeting_time | date_to_string: \"ordinal\", \"US\" }}"));
}

#[test]
fn attendance_changes_move_names_in_the_documents_own_layout() {
    // Seed: one name per line under ### Attendees / ### Regrets / ### Absents.
    let (src, doc, mut m) = load_for_edit("tests/seed/minutes-2024-05-15.md");
    person(&mut m, "stigtsp").attendance = Attendance::ArrivedLate { at: None };
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(removed, ["*   @stigtsp\n"]);
    assert_eq!(added, ["*   @stigtsp (arrived late)\n"]);
    reparses_to(&out, &m);

    let mut m = doc.meeting();
    person(&mut m, "tux").attendance = Attendance::LeftEarly { at: None };
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(
        (removed.as_slice(), added.as_slice()),
        (
            &["*   @tux\n".to_string()][..],
            &["*   @tux (left early)\n".to_string()][..]
        )
    );

    // Regrets → present: the line moves to the end of the attendees.
    let mut m = doc.meeting();
    person(&mut m, "tinita").attendance = Attendance::Present;
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(removed, ["*   @tinita\n"]);
    assert_eq!(added, ["*   @tinita\n"]);
    assert!(out.contains("*   @leont (arrived late)\n*   @tinita\n\n### Regrets\n*   @oalders\n"));
    let mut expected = m.clone();
    // The roster is read in document order.
    let p = expected.roster.remove(6);
    expected.roster.insert(6, p);
    reparses_to(&out, &expected);

    // Present → absent: into the empty ### Absents section.
    let mut m = doc.meeting();
    person(&mut m, "stigtsp").attendance = Attendance::Absent;
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(removed, ["*   @stigtsp\n"]);
    assert_eq!(added, ["*   @stigtsp\n"]);
    // As the document writes its other lists: names right under the heading.
    assert!(out.contains("### Absents\n*   @stigtsp\n\n\n### Approve"));
}

#[test]
fn attendance_changes_in_names_on_one_line() {
    // 2025 style: "-   Attendees" with "    * @a, @b" below.
    let (src, doc, mut m) = load_for_edit("tests/corpus/cpansec-minutes-2025-03-12.md");
    person(&mut m, "leont").attendance = Attendance::ArrivedLate { at: None };
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(
        removed,
        [
            "    * @sjn, @tux, @thibaultduponcelle, @stigtsp, @timlegge, @atoomic\n",
            "    * @leont\n"
        ]
    );
    assert_eq!(
        added,
        [
            "    * @sjn, @tux, @thibaultduponcelle, @stigtsp, @timlegge, @atoomic, @leont (arrived late)\n",
            "    * …\n"
        ]
    );
    // 2024 style: "- Present: @a, @b" / "- Regrets: @c".
    let (src, doc, mut m) = load_for_edit("tests/corpus/cpansec-minutes-2024-01-06.md");
    person(&mut m, "petek").attendance = Attendance::Regrets;
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(removed.len(), 2);
    assert_eq!(
        added,
        [
            "- Present: @stigtsp, @sjn, @timlegge\n",
            "- Regrets: @leont, @tux, @jjatria, @oalders, @petek\n"
        ]
    );
    reparses_to(&out, &{
        let mut e = m.clone();
        let p = e.roster.remove(1);
        e.roster.push(p);
        e
    });
}

#[test]
fn actual_start_and_end_rewrite_the_timed_headings() {
    let (src, doc, mut m) = load_for_edit("tests/seed/minutes-2024-05-15.md");
    m.actual.start = Some(m.meeting_time + chrono::Duration::minutes(4));
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    // The end headings follow the late start until the end is recorded.
    assert_eq!(
        removed,
        [
            "## 17:00 UTC – Meeting start\n",
            "## 18:00 UTC – Meeting end\n",
            "## 18:30 UTC – End\n"
        ]
    );
    assert_eq!(
        added,
        [
            "## 17:04 UTC – Meeting start\n",
            "## 18:04 UTC – Meeting end\n",
            "## 18:34 UTC – End\n"
        ]
    );
    reparses_to(&out, &m);

    let mut m = doc.meeting();
    m.actual.end = Some(m.meeting_time + chrono::Duration::minutes(57));
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(
        removed,
        ["## 18:00 UTC – Meeting end\n", "## 18:30 UTC – End\n"]
    );
    assert_eq!(
        added,
        ["## 17:57 UTC – Meeting end\n", "## 18:27 UTC – End\n"]
    );
    reparses_to(&out, &m);
}

#[test]
fn adding_an_item_follows_the_list_style() {
    let (src, doc, mut m) = load_for_edit("tests/seed/minutes-2024-05-15.md");
    let ops = item(&mut m, "Operating changes");
    ops.items.push(
        Item {
            owners: vec!["sjn".into()],
            notes: vec![Note::new("Agreed")].into(),
            ..Item::new("Meeting time change")
        }
        .into(),
    );
    let upcoming = item(&mut m, "Upcoming events and deadlines");
    upcoming.items.push(Item::new("FOSDEM 2025").into());
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert!(removed.is_empty());
    assert_eq!(
        added,
        [
            "*   @sjn – Meeting time change\n",
            "    *   Agreed\n",
            "6.  FOSDEM 2025\n"
        ]
    );
    reparses_to(&out, &m);

    // A 2025 style item under a `####` heading section.
    let (src, doc, mut m) = load_for_edit("tests/corpus/cpansec-minutes-2025-03-12.md");
    item(&mut m, "Recruitment").items.push(
        Item {
            checked: Some(false),
            owners: vec!["tux".into()],
            ..Item::new("ask at LPW")
        }
        .into(),
    );
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert!(removed.is_empty());
    assert_eq!(added, ["- [ ] @tux - ask at LPW\n"]);
    reparses_to(&out, &m);
}

#[test]
fn chairs_and_next_meeting_lines_are_rewritten_in_place() {
    let (src, doc, mut m) = load_for_edit("tests/seed/minutes-2024-05-15.md");
    m.next.chairs = vec!["tux".into()];
    m.secretary = vec!["sjn".into(), "book".into()];
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(
        removed,
        ["*   Meeting secretary: @sjn\n", "*   Chair: @oalders\n"]
    );
    assert_eq!(
        added,
        ["*   Meeting secretary: @sjn, @book\n", "*   Chair: @tux\n"]
    );
    reparses_to(&out, &m);
}

#[test]
fn errors_name_the_file_line_and_column() {
    let bytes = b"---\ntitle: x\n---\n## Minutes\n\n- caf\xe9\n";
    let e = Document::parse(Path::new("bad.md"), bytes).expect_err("not UTF-8");
    assert_eq!((e.line, e.column), (6, 6));
    assert!(e.to_string().starts_with("bad.md:6:6: "), "{e}");
    // No date anywhere: the meeting is dated the day it is opened, as a guess.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 2, 3).unwrap();
    let doc = Document::parse_on(Path::new("agenda.md"), b"## Agenda\n\n- item\n", today)
        .expect("a file without a date opens");
    assert_eq!(doc.meeting().meeting_time.date_naive(), today);
    assert!(doc.meeting().date_assumed);
    // A date in the file name is enough.
    let doc = Document::parse(Path::new("agenda-2025-03-26.md"), b"## Agenda\n\n- item\n")
        .expect("reads");
    assert_eq!(
        doc.meeting().meeting_time.to_rfc3339(),
        "2025-03-26T00:00:00+00:00"
    );
    assert!(!doc.meeting().date_assumed);
}

#[test]
fn attendance_without_lists_gets_its_own_sections() {
    // README-like agenda with a Welcome section and no attendance lists.
    let src = "---\ntitle: Agenda\nmeeting_time: 2025-03-26 17:00 UTC\n---\n\n## Welcome\n- Meeting chair: @sjn\n\n## Agenda\n- [ ] item\n";
    let doc = Document::parse(Path::new("agenda.md"), src.as_bytes()).expect("reads");
    let mut m = doc.meeting();
    assert!(m.roster.is_empty());
    m.roster.push(scribe::model::Person {
        handle: "tux".into(),
        name: None,
        attendance: Attendance::Present,
    });
    m.roster.push(scribe::model::Person {
        handle: "sjn".into(),
        name: None,
        attendance: Attendance::Regrets,
    });
    let out = render(&doc, &m);
    let (removed, added) = line_diff(src, &out);
    assert!(removed.is_empty());
    assert_eq!(
        added,
        [
            "## Attendees\n",
            "- @tux\n",
            "\n",
            "## Regrets\n",
            "- @sjn\n",
            "\n"
        ]
    );
    reparses_to(&out, &m);
}

#[test]
fn the_location_line_is_rewritten_in_place() {
    let (src, doc, mut m) = load_for_edit("tests/seed/minutes-2024-05-15.md");
    assert_eq!(
        m.location.as_deref(),
        Some("On TPRF's Slack server, in #cpan-security, w/video.")
    );
    m.location = Some("In #cpansec-discussion on Matrix".into());
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(
        removed,
        ["*   **Location**: On TPRF's Slack server, in #cpan-security, w/video.\n"]
    );
    assert_eq!(
        added,
        ["*   **Location**: In #cpansec-discussion on Matrix\n"]
    );
    reparses_to(&out, &m);
}

#[test]
fn checkbox_styles_of_the_document_are_followed() {
    // The meetings page writes checked boxes as `[X]`: a new checked entry does too.
    let (src, doc, mut m) = load_for_edit("tests/corpus/README.md");
    item(&mut m, "TL;DR").items.push(
        Item {
            checked: Some(true),
            ..Item::new("Keep the agenda short")
        }
        .into(),
    );
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert!(removed.is_empty());
    assert_eq!(added, ["- [X] Keep the agenda short\n"]);

    // `[]` is an open box too; checking it writes a proper `[x]`.
    let src = "---\nmeeting_time: 2025-03-26 17:00 UTC\n---\n## Agenda\n- [] @sjn - open item\n- [x] done item\n";
    let doc = Document::parse(Path::new("agenda.md"), src.as_bytes()).expect("reads");
    let mut m = doc.meeting();
    let open = &mut m.agenda[0].items[0];
    assert_eq!(
        (open.checked, open.owners.clone(), open.title.as_str()),
        (Some(false), vec!["sjn".to_string()], "open item")
    );
    open.checked = Some(true);
    let out = render(&doc, &m);
    assert_eq!(line_diff(src, &out).1, ["- [x] @sjn - open item\n"]);
    reparses_to(&out, &m);
}

#[test]
fn names_without_handles_and_placeholder_entries() {
    // 2024-03-13: "#### Regrets" with plain names, "#### Absents" with an empty entry.
    let (src, doc, m0) = load_for_edit("tests/corpus/cpansec-minutes-2024-03-13.md");
    let peter = m0.person("Peter Krawczyk").expect("read by name");
    assert_eq!(peter.attendance, Attendance::Regrets);
    let ingy = m0.person("ingydotnet").expect("handle in parentheses");
    assert_eq!(ingy.name.as_deref(), Some("Ingy döt Net"));
    let mut m = m0.clone();
    person(&mut m, "Peter Krawczyk").attendance = Attendance::Present;
    person(&mut m, "oalders").attendance = Attendance::Absent;
    let out = render(&doc, &m);
    let (removed, added) = line_diff(&src, &out);
    assert_eq!(
        removed,
        ["- Olaf Alders (@oalders)\n", "- Peter Krawczyk\n", "  -\n"]
    );
    assert_eq!(
        added,
        ["- Peter Krawczyk\n", "  - Olaf Alders (@oalders)\n"],
        "names keep how they were written; the empty entry is replaced"
    );
}

/// Where an entity is: item indexes from the top, then note indexes.
#[derive(Debug, Clone)]
struct EntityPath {
    items: Vec<usize>,
    notes: Vec<usize>,
}

fn entity_paths(items: &[Shared<Item>], prefix: &[usize], out: &mut Vec<EntityPath>) {
    fn notes(ns: &[Note], items: &[usize], prefix: &[usize], out: &mut Vec<EntityPath>) {
        for (k, n) in ns.iter().enumerate() {
            let mut p = prefix.to_vec();
            p.push(k);
            out.push(EntityPath {
                items: items.to_vec(),
                notes: p.clone(),
            });
            notes(&n.notes, items, &p, out);
        }
    }
    for (k, it) in items.iter().enumerate() {
        let mut p = prefix.to_vec();
        p.push(k);
        out.push(EntityPath {
            items: p.clone(),
            notes: Vec::new(),
        });
        notes(&it.notes, &p, &[], out);
        entity_paths(&it.items, &p, out);
    }
}

fn checked_of<'a>(m: &'a mut Meeting, e: &EntityPath) -> (&'a mut Option<bool>, String) {
    let item = m.item_mut(&e.items).expect("item path");
    if e.notes.is_empty() {
        return (&mut item.checked, item.title.clone());
    }
    let mut note = &mut item.notes[e.notes[0]];
    for &k in &e.notes[1..] {
        note = &mut note.notes[k];
    }
    (&mut note.checked, note.text.clone())
}

fn heading_titles(items: &[Shared<Item>], out: &mut Vec<String>) {
    for it in items {
        if it.heading.is_some() {
            out.push(it.title.clone());
        }
        heading_titles(&it.items, out);
    }
}

#[test]
fn toggling_any_checkbox_in_any_corpus_file_changes_one_line() {
    let mut toggled = 0;
    for path in all_files() {
        let (src, doc, m0) = load_for_edit(&path);
        let mut headings = Vec::new();
        heading_titles(
            &scribe::markdown::import_meeting(&doc).agenda,
            &mut headings,
        );
        let mut paths = Vec::new();
        entity_paths(&m0.agenda, &[], &mut paths);
        for e in paths {
            let mut m = m0.clone();
            let (checked, text) = checked_of(&mut m, &e);
            *checked = Some(!checked.unwrap_or(false));
            let out = render(&doc, &m);
            let (removed, added) = line_diff(&src, &out);
            // A section: a heading of the document (as the import sees it) holds its title.
            let first_line = text.lines().next().unwrap_or("");
            let heading = e.notes.is_empty() && headings.iter().any(|h| h.contains(first_line));
            if removed.is_empty() && added.is_empty() && heading {
                continue; // Section headings carry no checkbox in the document.
            }
            assert_eq!(
                (removed.len(), added.len()),
                (1, 1),
                "{}: {text}: {removed:?} → {added:?}",
                path.display()
            );
            let again = Document::parse(&path, out.as_bytes()).expect("output parses");
            assert_eq!(
                again.meeting().agenda,
                m.agenda,
                "{}: {text}",
                path.display()
            );
            toggled += 1;
        }
    }
    assert!(toggled > 1000, "{toggled} boxes toggled");
}

#[test]
fn adding_a_note_anywhere_in_any_corpus_file_only_inserts_lines() {
    let mut added_notes = 0;
    for path in all_files() {
        let (src, doc, m0) = load_for_edit(&path);
        let mut paths = Vec::new();
        entity_paths(&m0.agenda, &[], &mut paths);
        for e in paths.iter().filter(|e| {
            !e.notes.is_empty() || m0.item(&e.items).is_some_and(|i| i.items.is_empty())
        }) {
            let mut m = m0.clone();
            let item = m.item_mut(&e.items).expect("item");
            if e.notes.is_empty() {
                item.notes.push(Note::new("a new note"));
            } else {
                let mut n = &mut item.notes[e.notes[0]];
                for &k in &e.notes[1..] {
                    n = &mut n.notes[k];
                }
                n.notes.push(Note::new("a new note"));
            }
            let out = render(&doc, &m);
            let (removed, added) = line_diff(&src, &out);
            assert!(
                removed.is_empty(),
                "{}: {e:?} removed {removed:?}",
                path.display()
            );
            assert!(
                added.iter().any(|l| l.trim_end().ends_with(" a new note")),
                "{}: {e:?}: {added:?}",
                path.display()
            );
            assert!(
                added
                    .iter()
                    .all(|l| l.trim().is_empty() || l.trim_end().ends_with(" a new note"))
            );
            added_notes += 1;
        }
    }
    assert!(added_notes > 1000, "{added_notes} notes added");
}

#[test]
fn every_attendance_change_in_every_corpus_file_reads_back() {
    let mut changes = 0;
    for path in all_files() {
        let (src, doc, m0) = load_for_edit(&path);
        for k in 0..m0.roster.len() {
            for att in [
                Attendance::Present,
                Attendance::Regrets,
                Attendance::Absent,
                Attendance::ArrivedLate { at: None },
                Attendance::LeftEarly { at: None },
            ] {
                if m0.roster[k].attendance == att {
                    continue;
                }
                let mut m = m0.clone();
                m.roster[k].attendance = att;
                let out = render(&doc, &m);
                let (removed, added) = line_diff(&src, &out);
                assert!(
                    // (3 when the name was written in two lists.)
                    removed.len() <= 3 && added.len() <= 4,
                    "{}: {} → {att:?}: {removed:?} {added:?}",
                    path.display(),
                    m.roster[k].handle
                );
                let again = Document::parse(&path, out.as_bytes())
                    .expect("output parses")
                    .meeting();
                let read = again.person(&m.roster[k].handle).map(|p| p.attendance);
                assert_eq!(
                    read,
                    Some(att),
                    "{}: {}",
                    path.display(),
                    m.roster[k].handle
                );
                for p in &m.roster {
                    assert_eq!(
                        again.person(&p.handle).map(|q| q.attendance),
                        Some(p.attendance),
                        "{}",
                        path.display()
                    );
                }
                assert_eq!(again.agenda, m.agenda);
                changes += 1;
            }
        }
    }
    assert!(changes > 400, "{changes}");
}

#[test]
fn a_missing_list_is_added_in_the_documents_layout() {
    let (src, doc, mut m) = load_for_edit("tests/corpus/cpansec-minutes-2024-01-06.md");
    person(&mut m, "petek").attendance = Attendance::Absent;
    let out = render(&doc, &m);
    let (_, added) = line_diff(&src, &out);
    assert_eq!(
        added,
        [
            "- Present: @stigtsp, @sjn, @timlegge\n",
            "- Absents: @petek\n"
        ]
    );

    let (src, doc, mut m) = load_for_edit("tests/corpus/cpansec-minutes-2024-11-15.md");
    person(&mut m, "tux").attendance = Attendance::Absent;
    let out = render(&doc, &m);
    let (_, added) = line_diff(&src, &out);
    assert_eq!(
        added,
        [
            "    * @sjn, @stigtsp, @thibaultduponchelle, @timlegge\n",
            "*   Absents\n",
            "    * @tux\n"
        ]
    );
}

#[test]
fn names_with_letters_that_change_length_in_lower_case() {
    // 'İ' is two bytes, its lower case three: positions must not be mixed up.
    let src = "---\nmeeting_time: 2025-03-26 17:00 UTC\n---\n### Attendees\n- İİ Ümit (@umit) (arrived late)\n- KİM (left early)\n";
    let doc = Document::parse(Path::new("a.md"), src.as_bytes()).expect("reads");
    let m = doc.meeting();
    assert_eq!(
        m.person("umit").map(|p| p.attendance),
        Some(Attendance::ArrivedLate { at: None })
    );
    assert_eq!(
        m.person("KİM").map(|p| p.attendance),
        Some(Attendance::LeftEarly { at: None })
    );
    assert_eq!(render(&doc, &m), src);
}

/// A note typed under Welcome goes after the chair and secretary lines, in the
/// same list, not between the heading and them (2025 style: `## Welcome` followed
/// by `-   Meeting chair: …` and `-   Meeting scribe: …`).
#[test]
fn a_note_under_welcome_goes_after_the_chair_lines() {
    let (src, doc, mut meeting) = load_for_edit("tests/corpus/cpansec-minutes-2025-03-12.md");
    let welcome = meeting
        .agenda
        .iter()
        .position(|s| s.title == "Welcome")
        .expect("a Welcome section");
    assert!(meeting.agenda[welcome].notes.is_empty());
    meeting.agenda[welcome]
        .notes
        .push(Note::new("@sjn opened the meeting"));
    let out = doc.rewrite_string(&meeting);
    let (removed, added) = line_diff(&src, &out);
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(added.len(), 1, "{added:?}");
    let scribe_line = "-   Meeting scribe: @sjn, @tux\n";
    let at = out.find(scribe_line).expect("the scribe line") + scribe_line.len();
    assert!(
        out[at..].starts_with(added[0].as_str()),
        "added right after the scribe line:\n{}",
        &out[at.saturating_sub(120)..(at + 80).min(out.len())]
    );
    // It reads back as the Welcome section's first entry (a section's list entries
    // read as its items), the chair lines unchanged.
    let again = Document::parse(Path::new("again.md"), out.as_bytes()).expect("parses");
    let reread = again.meeting();
    assert_eq!(
        reread.agenda[welcome]
            .items
            .first()
            .map(|i| i.title.as_str()),
        Some("@sjn opened the meeting")
    );
    assert_eq!(reread.chairs, meeting.chairs);
    assert_eq!(reread.secretary, meeting.secretary);
}
