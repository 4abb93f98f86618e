//! The item ledger and the decision register on the group's minutes
//! (`tests/corpus`), checked against pairs of lines judged by hand
//! (`tests/fixtures/history/pairs.tsv`), and `scribe history` / `scribe
//! decisions` / `scribe next` from the command line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scribe::history::{self, Ledger};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn ledger() -> Ledger {
    let (minutes, skipped) = history::read_folder(&corpus()).unwrap();
    assert_eq!(minutes.len(), 19, "the corpus has 19 minutes files");
    assert!(
        skipped.is_empty(),
        "README.md is left out by name, not skipped"
    );
    history::build(&minutes)
}

fn scribe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scribe"))
        .args(args)
        .env(
            "HOME",
            std::env::temp_dir().join("scribe-history-test-home"),
        )
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("scribe-history-test-home/config"),
        )
        .output()
        .unwrap()
}

/// One hand-checked pair: (expected same, earlier line, later line), a line
/// being (file, owners, title).
type Line = (String, String, String);

fn pairs() -> Vec<(bool, Line, Line)> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history/pairs.tsv"),
    )
    .unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 7, "bad fixture line: {l}");
            let line = |i: usize| (f[i].to_string(), f[i + 1].to_string(), f[i + 2].to_string());
            (f[0] == "same", line(1), line(4))
        })
        .collect()
}

/// The item (index in the ledger) holding the line `(file, owners, title)`.
fn item_of(ledger: &Ledger, (file, owners, title): &Line) -> usize {
    let mut found = Vec::new();
    for (t, thread) in ledger.items.iter().enumerate() {
        for a in &thread.appearances {
            let e = &a.entry;
            let own = if e.owners.is_empty() {
                "-".to_string()
            } else {
                e.owners.join(",")
            };
            if ledger.meetings[a.meeting].file == *file && e.title == *title && own == *owners {
                found.push(t);
            }
        }
    }
    assert_eq!(
        found.len(),
        1,
        "line {file} {owners} {title:?} found {found:?}"
    );
    found[0]
}

/// Precision and recall of the ledger's links on the hand-checked pairs.
#[test]
fn ledger_matches_agree_with_the_hand_checked_pairs() {
    let ledger = ledger();
    let pairs = pairs();
    let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    let mut items = std::collections::BTreeSet::new();
    // The same counts over the pairs whose titles differ once normalised (the
    // ones a plain comparison would miss): true and false positives, false negatives.
    let (mut hard_tp, mut hard_fp, mut hard_fn) = (0, 0, 0);
    for (expected, a, b) in &pairs {
        let (ia, ib) = (item_of(&ledger, a), item_of(&ledger, b));
        if history::extract::normalise(&a.2) != history::extract::normalise(&b.2) {
            match (*expected, ia == ib) {
                (true, true) => hard_tp += 1,
                (false, true) => hard_fp += 1,
                (true, false) => hard_fn += 1,
                (false, false) => {}
            }
        }
        items.insert(ia);
        items.insert(ib);
        match (*expected, ia == ib) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                wrong.push(format!("linked, should not be: {:?} / {:?}", a.2, b.2));
            }
            (true, false) => {
                fn_ += 1;
                wrong.push(format!("not linked, should be: {:?} / {:?}", a.2, b.2));
            }
            (false, false) => tn += 1,
        }
    }
    let precision = f64::from(tp) / f64::from(tp + fp);
    let recall = f64::from(tp) / f64::from(tp + fn_);
    eprintln!(
        "{} pairs over {} items: tp {tp} fp {fp} fn {fn_} tn {tn}; precision {precision:.3} recall {recall:.3}\n\
         reworded pairs: tp {hard_tp} fp {hard_fp} fn {hard_fn}\n{}",
        pairs.len(),
        items.len(),
        wrong.join("\n")
    );
    assert!(items.len() >= 50, "at least 50 items checked by hand");
    assert!(tn >= 25, "the fixture has pairs that must stay apart");
    assert!(precision >= 0.97, "precision {precision:.3}");
    assert!(recall >= 0.9, "recall {recall:.3}");
}

/// The lines the issue names are followed across the five meetings of 2025
/// where the corpus has them, each link with a reason.
#[test]
fn the_longest_carried_items_of_the_corpus() {
    let ledger = ledger();
    let summaries = ledger.summaries();
    let team = summaries
        .iter()
        .find(|s| s.title == "Team document template wanted; Help needed")
        .unwrap();
    // The five 2025 minutes from 2025-02-19 to 2025-06-04 all carry it unchecked.
    assert_eq!(team.meetings, 5);
    assert_eq!(team.carried, 5);
    assert!(team.open);
    assert!(!team.in_latest, "the 2026 minutes no longer list it");
    assert_eq!(team.first.to_string(), "2025-02-19");
    assert_eq!(team.last.to_string(), "2025-06-04");
    assert_eq!(team.owners, ["tux"]);
    for a in &team.appearances[1..] {
        assert_eq!(a.link.as_deref(), Some("same title after normalising"));
    }
    assert_eq!(
        team.appearances[0].anchor,
        "cpan-authors-security-policy-guidelines"
    );
}

#[test]
fn history_json_has_the_fields_the_issue_asks_for() {
    let out = scribe(&["history", corpus().to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = items.as_array().unwrap();
    assert!(items.len() > 100);
    for item in items {
        for key in ["title", "first", "last", "meetings", "open", "owners"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    let table = scribe(&["history", corpus().to_str().unwrap()]);
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(text.starts_with("19 meetings, "), "{text}");
}

#[test]
fn a_folder_without_minutes_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("notes.md"),
        "# Just notes\n\nNo date here.\n",
    )
    .unwrap();
    let out = scribe(&["history", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no minutes found"), "{err}");
    assert!(err.contains("notes.md"), "the skipped file is named: {err}");
    let missing = scribe(&["decisions", dir.path().join("nope").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
}

/// A file that is not text, with a name that would colour the terminal, is
/// skipped with a note that shows neither raw; the minutes beside it are read.
#[cfg(unix)]
#[test]
fn a_strangers_file_in_the_folder_is_skipped_safely() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x\u{1b}[31mred.md"),
        [0xff, 0xfe, 0x00, 0x1b],
    )
    .unwrap();
    std::fs::write(
        dir.path().join("m.md"),
        "---\nmeeting_time: 2025-01-08 16:00 UTC\n---\n## Agenda\n- [ ] @tux - \u{1b}[2J wipe\n",
    )
    .unwrap();
    let out = scribe(&["history", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("skipped (not minutes)") && err.contains("red.md"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "{err:?}");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("wipe") && !table.contains('\u{1b}'),
        "{table:?}"
    );
}

#[test]
fn next_warns_about_items_carried_past_the_threshold_without_changing_the_agenda() {
    let home = tempfile::tempdir().unwrap();
    let file = corpus().join("cpansec-minutes-2025-06-04.md");
    let run = |config: Option<&str>| {
        let conf_dir = home.path().join("config/scribe");
        std::fs::create_dir_all(&conf_dir).unwrap();
        let conf = conf_dir.join("config.yaml");
        match config {
            Some(text) => std::fs::write(&conf, text).unwrap(),
            None => {
                let _ = std::fs::remove_file(&conf);
            }
        }
        Command::new(env!("CARGO_BIN_EXE_scribe"))
            .args(["next", file.to_str().unwrap()])
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .output()
            .unwrap()
    };
    let default = run(None);
    assert!(default.status.success());
    let err = String::from_utf8_lossy(&default.stderr);
    assert!(err.contains("carried 4 meetings or more"), "{err}");
    assert!(
        err.contains("5× since 2025-02-19  @tux – Team document template wanted; Help needed"),
        "{err}"
    );
    let stricter = run(Some("carried_threshold: 5\n"));
    let err5 = String::from_utf8_lossy(&stricter.stderr);
    assert!(err5.contains("carried 5 meetings or more"), "{err5}");
    assert!(!err5.contains("4× since"), "{err5}");
    // The agenda itself is the same whatever the threshold.
    assert_eq!(default.stdout, stricter.stdout);
    assert!(!String::from_utf8_lossy(&default.stdout).contains("carried"));
}

#[test]
fn next_warns_in_a_folder_of_just_as_many_minutes_as_the_threshold() {
    // The five meetings from 2025-02-19 to 2025-06-04, in which the template
    // item stays open: carried 5 meetings in a folder of 5 minutes, which is
    // enough for a threshold of 5 and not for one of 6.
    let dir = tempfile::tempdir().unwrap();
    for date in [
        "2025-02-19",
        "2025-03-12",
        "2025-04-09",
        "2025-05-07",
        "2025-06-04",
    ] {
        let name = format!("cpansec-minutes-{date}.md");
        std::fs::copy(corpus().join(&name), dir.path().join(&name)).unwrap();
    }
    let home = tempfile::tempdir().unwrap();
    let conf_dir = home.path().join("config/scribe");
    std::fs::create_dir_all(&conf_dir).unwrap();
    let file = dir.path().join("cpansec-minutes-2025-06-04.md");
    let warnings = |threshold: usize| {
        std::fs::write(
            conf_dir.join("config.yaml"),
            format!("carried_threshold: {threshold}\n"),
        )
        .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_scribe"))
            .args(["next", file.to_str().unwrap()])
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let at_five = warnings(5);
    assert!(
        at_five.contains("5× since 2025-02-19  @tux – Team document template wanted; Help needed"),
        "{at_five}"
    );
    assert_eq!(warnings(6), "");
}

/// The live agenda of minutes in a folder with earlier minutes shows how long
/// each open item has been carried; a checked one and a new one show no age.
#[test]
fn the_agenda_pane_shows_an_open_items_age() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use scribe::app::App;
    use scribe::keymap::Keymap;
    use scribe::markdown::Document;
    use scribe::theme::Theme;
    use scribe::tui::view::{SaveStatus, View, Zone};

    let dir = tempfile::tempdir().unwrap();
    let body = |date: &str, extra: &str| {
        format!(
            "---\nmeeting_time: {date} 16:00 UTC\ntitle: Minutes\n---\n## Agenda\n\
             - [ ] @tux - Team document template wanted\n- [x] @sjn - Explore options\n{extra}"
        )
    };
    for date in ["2025-01-08", "2025-01-22"] {
        std::fs::write(
            dir.path().join(format!("m-{date}.md")),
            body(date, "- [ ] @sjn - Explore options\n"),
        )
        .unwrap();
    }
    let live = dir.path().join("m-2025-02-05.md");
    let text = body("2025-02-05", "- [ ] @leont - A new item\n");
    std::fs::write(&live, &text).unwrap();

    let ages = history::ages_of_file(&live);
    assert_eq!(ages.of("Team document template wanted"), Some(3));
    assert_eq!(ages.of("A new item"), Some(1));
    assert_eq!(ages.of("Explore options"), None, "checked in the live file");

    let doc = Document::parse(&live, text.as_bytes()).unwrap();
    // The same ages from the document read already (as the live meeting does).
    let from_doc = history::ages_of_document(&doc);
    assert_eq!(from_doc.of("Team document template wanted"), Some(3));
    assert_eq!(from_doc.of("A new item"), Some(1));
    assert_eq!(from_doc.of("Explore options"), None);
    let meeting = doc.meeting();
    let now = meeting.meeting_time;
    let view = View {
        output: live.clone(),
        keymap: Keymap::default_map(),
        zone: Zone::Utc,
        theme: Theme::dark(),
        save: SaveStatus::default(),
        panel: None,
    };
    let mut app = App::new(meeting, now);
    app.ages = ages;
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal
        .draw(|f| scribe::tui::draw::draw(f, &app, &view))
        .unwrap();
    let screen: Vec<String> = terminal
        .backend()
        .buffer()
        .content()
        .chunks(120)
        .map(|row| row.iter().map(|c| c.symbol()).collect())
        .collect();
    // The agenda pane is the left column, up to its top-right corner.
    let agenda_width = screen[0]
        .chars()
        .position(|c| c == '┓' || c == '┐')
        .unwrap()
        + 1;
    let agenda: Vec<String> = screen
        .iter()
        .map(|r| r.chars().take(agenda_width).collect())
        .collect();
    let row_of = |needle: &str| {
        agenda
            .iter()
            .find(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not on screen:\n{}", screen.join("\n")))
            .clone()
    };
    let team = row_of("Team document templat");
    assert!(team.contains("carried 3×"), "{team}");
    assert!(!row_of("A new item").contains("carried"));
    assert!(!row_of("Explore options").contains("carried"));

    // `f`: only the items carried 3 meetings or more, and the status line says so.
    app.carried_threshold = 3;
    scribe::app::update(&mut app, scribe::app::Action::CycleAgendaView, now);
    assert_eq!(
        app.message.take().as_deref(),
        Some("Agenda: only the item carried 3 meetings or more")
    );
    terminal
        .draw(|f| scribe::tui::draw::draw(f, &app, &view))
        .unwrap();
    let screen: Vec<String> = terminal
        .backend()
        .buffer()
        .content()
        .chunks(120)
        .map(|row| row.iter().map(|c| c.symbol()).collect())
        .collect();
    let shown = screen.join("\n");
    assert!(shown.contains("Team document templat"), "{shown}");
    assert!(!shown.contains("A new item"), "{shown}");
    assert!(!shown.contains("Explore options"), "{shown}");
    assert!(
        screen[29].contains("agenda: carried ≥3× (f: next view)"),
        "{}",
        screen[29]
    );
}

/// `--ticket` drafts the ticket; with `--gh` it goes to `gh issue create` (a
/// stand-in `gh` here records what it was given).
#[cfg(unix)]
#[test]
fn a_ticket_is_drafted_or_handed_to_gh() {
    use std::os::unix::fs::PermissionsExt;
    let draft = scribe(&[
        "history",
        corpus().to_str().unwrap(),
        "--ticket",
        "team document",
    ]);
    assert!(draft.status.success());
    let text = String::from_utf8(draft.stdout).unwrap();
    assert!(
        text.starts_with("Title: Team document template wanted; Help needed\n"),
        "{text}"
    );
    assert!(text.contains(
        "- [2025-02-19](cpansec-minutes-2025-02-19.md#cpan-authors-security-policy-guidelines): [ ] Team document template wanted; Help needed\n"
    ), "{text}");

    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("args");
    let gh = bin.path().join("gh");
    std::fs::write(
        &gh,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\necho https://github.com/o/r/issues/7\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new(env!("CARGO_BIN_EXE_scribe"))
        .args([
            "history",
            corpus().to_str().unwrap(),
            "--ticket",
            "team document",
            "--gh",
        ])
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, b"https://github.com/o/r/issues/7\n");
    let args = std::fs::read_to_string(&log).unwrap();
    assert!(
        args.starts_with(
            "issue\ncreate\n--title\nTeam document template wanted; Help needed\n--body\n"
        ),
        "{args}"
    );

    let none = scribe(&[
        "history",
        corpus().to_str().unwrap(),
        "--ticket",
        "no such item anywhere",
    ]);
    assert_eq!(none.status.code(), Some(1));
}

/// The decision register of the corpus, as checked by hand against the minutes
/// (`tests/fixtures/history/decisions.md`); every link in it names a file of the
/// corpus and the id of one of that file's headings.
#[test]
fn the_decision_register_of_the_corpus() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let out = scribe(&["decisions", corpus().to_str().unwrap()]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    let expected = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history/decisions.md"),
    )
    .unwrap();
    assert_eq!(page, expected);

    // GitHub's heading ids, from the headings pulldown-cmark finds in a file.
    let heading_ids = |file: &str| -> Vec<String> {
        let text = std::fs::read_to_string(corpus().join(file)).unwrap();
        let mut ids = Vec::new();
        let mut current: Option<String> = None;
        for event in Parser::new_ext(&text, scribe::markdown::markdown_options()) {
            match event {
                Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
                Event::Text(t) | Event::Code(t) if current.is_some() => {
                    current.as_mut().unwrap().push_str(&t)
                }
                Event::End(TagEnd::Heading(_)) => {
                    let text = current.take().unwrap();
                    let id: String = text
                        .trim()
                        .to_lowercase()
                        .chars()
                        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
                        .map(|c| if c == ' ' { '-' } else { c })
                        .collect();
                    ids.push(id);
                }
                _ => {}
            }
        }
        ids
    };
    let mut links = 0;
    for event in Parser::new(&page) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            // Links quoted from the minutes' own text go elsewhere.
            if dest_url.contains("://") {
                continue;
            }
            let (file, anchor) = dest_url.split_once('#').unwrap_or((&dest_url, ""));
            assert!(corpus().join(file).is_file(), "{dest_url}");
            if !anchor.is_empty() {
                assert!(
                    heading_ids(file).iter().any(|id| id == anchor),
                    "{dest_url}"
                );
            }
            links += 1;
        }
    }
    // 8 meetings with decisions, 11 decisions.
    assert_eq!(links, 19, "a link per meeting and per decision");
    let json = scribe(&["decisions", corpus().to_str().unwrap(), "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for row in rows.as_array().unwrap() {
        for key in ["date", "text", "file", "link"] {
            assert!(row.get(key).is_some(), "{key} missing in {row}");
        }
    }
}

/// Minutes alone in their folder have no history: no item shows an age, read
/// from the file or from the document read already.
#[test]
fn minutes_alone_in_their_folder_have_no_ages() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("m-2025-02-05.md");
    let text = "---\nmeeting_time: 2025-02-05 16:00 UTC\ntitle: Minutes\n---\n## Agenda\n\
                - [ ] @tux - Team document template wanted\n";
    std::fs::write(&live, text).unwrap();
    // A README beside them is no meeting.
    std::fs::write(dir.path().join("README.md"), text).unwrap();
    assert_eq!(
        history::ages_of_file(&live).of("Team document template wanted"),
        None
    );
    let doc = scribe::markdown::Document::parse(&live, text.as_bytes()).unwrap();
    assert_eq!(
        history::ages_of_document(&doc).of("Team document template wanted"),
        None
    );
    // With earlier minutes beside them, the item's age counts them.
    let earlier = text.replace("2025-02-05", "2025-01-22");
    std::fs::write(dir.path().join("m-2025-01-22.md"), earlier).unwrap();
    assert_eq!(
        history::ages_of_document(&doc).of("Team document template wanted"),
        Some(2)
    );
}

/// A file in the folder over the size limit is skipped, as scribe refuses it
/// anywhere else, and not read whole to date a meeting.
#[test]
fn a_file_over_the_size_limit_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let text = "---\nmeeting_time: 2025-02-05 16:00 UTC\ntitle: Minutes\n---\n## Agenda\n\
                - [ ] @tux - Team document template wanted\n";
    std::fs::write(dir.path().join("m-2025-02-05.md"), text).unwrap();
    let mut big = text.replace("2025-02-05", "2025-01-22");
    let limit = scribe::meeting_file::MAX_FILE_BYTES as usize;
    while big.len() <= limit {
        big.push_str("- [ ] @tux - A note repeated past the size limit of a file\n");
    }
    std::fs::write(dir.path().join("m-2025-01-22.md"), big).unwrap();
    let (minutes, skipped) = history::read_folder(dir.path()).unwrap();
    assert_eq!(minutes.len(), 1);
    assert_eq!(skipped.len(), 1);
    assert!(
        skipped[0].reason.contains("over the limit"),
        "{}",
        skipped[0].reason
    );
}
