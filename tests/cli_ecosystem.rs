//! The ecosystem subcommands on the real binary: `scribe actions`, `ical`,
//! `completions`, `man` and `config`, run as a user would, their output checked
//! against the meeting file they read (`examples/cpansec-2024-05-15.yaml`, the
//! seed meeting) and against independent tools (an iCalendar parser, bash's
//! completion machinery, the man formatter).

use std::io::BufReader;
use std::path::Path;
use std::process::{Command, Output};

mod common;

const SEED_MEETING: &str = "examples/cpansec-2024-05-15.yaml";

/// Runs scribe with no user config (a config directory that does not exist), so
/// that the tester's own `config.yaml` cannot change the results.
fn scribe(args: &[&str]) -> Output {
    let no_config = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/no-user-config");
    Command::new(env!("CARGO_BIN_EXE_scribe"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", no_config)
        .output()
        .expect("scribe runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// In the meeting file, `@tux - Test::CVE` (line 110) is @tux's only line, and
/// two lines record decisions: the approval of the previous minutes (line 28) and
/// the vote on "CPAN Secure by Default" (line 55, owned by @stigtsp).
#[test]
fn actions_lists_owners_lines_and_decisions_as_json_and_markdown() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&scribe(&["actions", SEED_MEETING, "--json"])))
            .expect("valid JSON");
    let tux = json["by_person"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["handle"] == "tux")
        .expect("tux has a line");
    assert_eq!(tux["actions"].as_array().map(Vec::len), Some(1));
    assert_eq!(tux["actions"][0]["text"], "@tux - Test::CVE");
    assert_eq!(tux["actions"][0]["context"][0], "Operating changes");
    let decisions: Vec<&str> = json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["text"].as_str())
        .collect();
    assert_eq!(
        decisions,
        vec![
            "Previous meeting minutes were approved in PR#65 by @oalders, @timlegge and @stigtsp",
            "@stigtsp – new project for \"CPAN Secure by Default\" (vote: unanimous in favor)",
        ]
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("actions.md");
    stdout(&scribe(&[
        "actions",
        SEED_MEETING,
        "-o",
        out.to_str().unwrap(),
    ]));
    let markdown = std::fs::read_to_string(&out).unwrap();
    assert!(markdown.starts_with("# Action items, by person\n\nFrom: Minutes 2024-05-15\n"));
    assert!(markdown.contains("\n## @tux\n\n- @tux - Test::CVE (Operating changes)\n"));
}

/// The meeting file's `next.text` (line 131): June 5th @ 16:00 UTC, one hour.
#[test]
fn ical_writes_the_next_meeting_as_a_parseable_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("next.ics");
    stdout(&scribe(&[
        "ical",
        SEED_MEETING,
        "-o",
        out.to_str().unwrap(),
    ]));
    let ics = std::fs::read_to_string(&out).unwrap();
    let calendar = ical::IcalParser::new(BufReader::new(ics.as_bytes()))
        .next()
        .expect("a calendar")
        .expect("it parses");
    let event = &calendar.events[0];
    let value = |name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_else(|| panic!("no {name} in\n{ics}"))
    };
    assert_eq!(value("DTSTART"), "20240605T160000Z");
    assert_eq!(value("DTEND"), "20240605T170000Z");
    assert_eq!(value("LOCATION"), "TPRF Slack #cpan-security channel");
    assert!(!value("DTSTAMP").is_empty());
    assert!(!value("UID").is_empty());

    // The demo meeting says nothing about its successor: bad input, status 2.
    let failed = scribe(&["ical", "examples/demo.yaml"]);
    assert_eq!(failed.status.code(), Some(2));
    let message = String::from_utf8_lossy(&failed.stderr);
    assert!(
        message.starts_with("examples/demo.yaml:1:1: nothing is known about the next meeting"),
        "{message}"
    );
}

/// Bash, given the script `scribe completions bash` prints, offers scribe's own
/// subcommands and options.
#[test]
fn bash_completion_offers_the_real_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("scribe.bash");
    std::fs::write(&script, stdout(&scribe(&["completions", "bash"]))).unwrap();
    let complete = |line: &str| -> Vec<String> {
        let words: Vec<&str> = line.split(' ').collect();
        let driver = format!(
            "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{line}'\nCOMP_POINT={}\n\
             _scribe scribe '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            script.display(),
            words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" "),
            words.len() - 1,
            line.len(),
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let out = Command::new("bash").arg("-c").arg(driver).output().unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    assert_eq!(complete("scribe ic"), vec!["ical"]);
    assert_eq!(complete("scribe actions --js"), vec!["--json"]);
    let shells = complete("scribe completions ");
    for shell in ["bash", "zsh", "fish"] {
        assert!(shells.contains(&shell.to_string()), "{shell} in {shells:?}");
    }

    for shell in ["zsh", "fish"] {
        assert!(stdout(&scribe(&["completions", shell])).contains("scribe"));
    }
}

#[test]
fn man_pages_cover_every_subcommand() {
    let page = stdout(&scribe(&["man"]));
    assert!(page.contains(".TH scribe 1"));
    for sub in ["actions", "ical", "completions", "man", "config", "render"] {
        assert!(
            page.contains(&format!("scribe\\-{sub}(1)")),
            "{sub} in\n{page}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let listed = stdout(&scribe(&["man", "--dir", dir.path().to_str().unwrap()]));
    for sub in ["actions", "ical", "completions", "man", "config", "render"] {
        let file = dir.path().join(format!("scribe-{sub}.1"));
        assert!(file.is_file(), "{}", file.display());
        assert!(listed.contains(&file.display().to_string()));
    }
}

fn scribe_config(config_home: &Path, data_home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scribe"))
        .arg("config")
        .env("XDG_CONFIG_HOME", config_home)
        .env("XDG_DATA_HOME", data_home)
        .env_remove("NO_COLOR")
        .output()
        .expect("scribe runs")
}

#[test]
fn config_shows_paths_and_values_and_rejects_unknown_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (config_home, data_home) = (dir.path().join("config"), dir.path().join("data"));
    let file = config_home.join("scribe/config.yaml");

    let shown = stdout(&scribe_config(&config_home, &data_home));
    assert!(shown.contains(&format!(
        "config file:      {}  (not found: all defaults)",
        file.display()
    )));
    assert!(shown.contains(&format!(
        "data directory:   {}",
        data_home.join("scribe").display()
    )));
    assert!(shown.contains("theme:           dark  (default)"));

    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "theme: light\nmouse: false\n").unwrap();
    let shown = stdout(&scribe_config(&config_home, &data_home));
    assert!(shown.contains("theme:           light\n"), "{shown}");
    assert!(shown.contains("mouse:           false\n"), "{shown}");

    std::fs::write(&file, "theme: light\nmosue: false\n").unwrap();
    let failed = scribe_config(&config_home, &data_home);
    assert_eq!(failed.status.code(), Some(2));
    let message = String::from_utf8_lossy(&failed.stderr);
    assert!(
        message.starts_with(&format!("{}:2:1: unknown field `mosue`", file.display())),
        "{message}"
    );
}

/// `style: checkbox` in config.yaml makes `scribe render` write the checkbox
/// style unless `--style` says otherwise: the same bytes as `--style checkbox`.
#[test]
fn render_takes_its_default_style_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let (config_home, data_home) = (dir.path().join("config"), dir.path().join("data"));
    let file = config_home.join("scribe/config.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "style: checkbox\n").unwrap();
    let render = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_scribe"))
            .arg("render")
            .arg("examples/demo.yaml")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_CONFIG_HOME", &config_home)
            .env("XDG_DATA_HOME", &data_home)
            .output()
            .expect("scribe runs");
        stdout(&output)
    };
    let configured = render(&[]);
    assert_eq!(
        configured,
        stdout(&scribe(&[
            "render",
            "examples/demo.yaml",
            "--style",
            "checkbox"
        ]))
    );
    assert_ne!(configured, render(&["--style", "seed"]));
    assert_eq!(
        render(&["--style", "seed"]),
        stdout(&scribe(&["render", "examples/demo.yaml"]))
    );
}

/// The page `scribe man` prints is formatted by the system's man formatter
/// (groff via `man -l`), which must show the name line and the subcommands.
#[test]
fn man_page_renders_with_the_system_formatter() {
    common::ensure_man();
    let page = stdout(&scribe(&["man"]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scribe.1");
    std::fs::write(&file, &page).unwrap();
    let output = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANWIDTH", "100")
        .env("MAN_KEEP_FORMATTING", "0")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("man runs");
    assert!(output.status.success());
    // Plain text, without overstrike bold/underline sequences.
    let mut shown = String::new();
    for c in String::from_utf8_lossy(&output.stdout).chars() {
        if c == '\u{8}' {
            shown.pop();
        } else {
            shown.push(c);
        }
    }
    assert!(
        shown.contains("scribe - Take the minutes of a timeboxed meeting live, in a terminal"),
        "{shown}"
    );
    assert!(shown.contains("scribe-render(1)"), "{shown}");
    assert!(
        shown.contains("List the open action items by person"),
        "{shown}"
    );
    assert!(shown.contains("v0.1.0"), "{shown}");
    assert!(
        !shown.contains("scribe-help(1)"),
        "no page is written for it"
    );
}
