//! Hostile input: every file under `tests/bad/`, and huge, deep and wide files
//! generated here, goes through the real binary (`check`, `render -o`, and the live
//! interface's loader). Each is refused with an error naming the file (exit status
//! 2), or handled safely; none crashes, and none changes an existing file.
//! Text that would attack a terminal is never drawn raw, and Liquid in user text is
//! never left for Jekyll to run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use scribe::app::{Action, App};
use scribe::input::{Source, load_input};
use scribe::keymap::Keymap;
use scribe::minutes::to_markdown;
use scribe::model::Style;
use scribe::services::session::Session;
use scribe::tui::view::{SaveStatus, View, Zone};

/// The files under `tests/bad/` that scribe accepts, because nothing is wrong with
/// them but what they say: they must be handled safely instead.
const ACCEPTED: &[&str] = &[
    "liquid_injection.yaml",
    "liquid_injection.md",
    "terminal_escapes.yaml",
    "terminal_escapes.md",
];

const PREVIOUS: &str = "previous minutes, which must survive\n";

fn scribe(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scribe"))
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .unwrap()
}

/// How one input fared.
#[derive(Debug, PartialEq)]
enum Outcome {
    Refused,
    Accepted,
}

/// Runs `check`, `render -o` over an existing file, and the live interface's
/// loader (without a terminal) on `input`; checks that nothing crashed and no file
/// changed but a rendered output. Returns whether it was refused.
fn exercise(dir: &Path, input: &Path) -> Outcome {
    let name = input.file_name().unwrap().to_string_lossy().into_owned();
    let input_before = std::fs::read(input).unwrap();
    let existing = dir.join("existing.md");
    std::fs::write(&existing, PREVIOUS).unwrap();
    let input_arg = input.to_str().unwrap();

    let started = Instant::now();
    let check = scribe(dir, &["check", input_arg]);
    let render_out = scribe(dir, &["render", input_arg, "-o", "existing.md"]);
    let live = scribe(dir, &["run", input_arg, "-o", "existing.md"]);
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "{name}: took {:?}",
        started.elapsed()
    );
    for (what, out) in [("check", &check), ("render", &render_out), ("run", &live)] {
        // A signal (a crash, a stack overflow) gives no exit code.
        let code = out.status.code();
        assert!(
            matches!(code, Some(0..=2)),
            "{name}: `scribe {what}` crashed ({:?}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("panicked"),
            "{name}: `scribe {what}` panicked:\n{err}"
        );
    }
    assert_eq!(
        std::fs::read(input).unwrap(),
        input_before,
        "{name}: the input changed"
    );
    // The live interface never starts without a terminal, so never writes.
    assert!(!live.status.success(), "{name}: ran without a terminal");
    if check.status.success() {
        assert!(
            render_out.status.success(),
            "{name}: checked but not rendered"
        );
        let written = std::fs::read_to_string(&existing).unwrap();
        assert_ne!(written, PREVIOUS, "{name}: rendered over the old minutes");
        Outcome::Accepted
    } else {
        assert_eq!(
            check.status.code(),
            Some(2),
            "{name}: bad input is status 2"
        );
        for out in [&check, &render_out] {
            let err = String::from_utf8_lossy(&out.stderr);
            // `path:line:column: message`: the error says where.
            let located = err.lines().next().is_some_and(|first| {
                let rest = first.split_once(&*name).map_or("", |(_, r)| r);
                let mut parts = rest.trim_start_matches(':').splitn(3, ':');
                parts.next().is_some_and(|l| l.parse::<usize>().is_ok())
                    && parts.next().is_some_and(|c| c.parse::<usize>().is_ok())
            });
            assert!(
                located,
                "{name}: the error names file, line and column:\n{err}"
            );
        }
        assert_eq!(
            std::fs::read_to_string(&existing).unwrap(),
            PREVIOUS,
            "{name}: a refused input replaced the old minutes"
        );
        Outcome::Refused
    }
}

fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad")
}

#[test]
fn every_checked_in_bad_file_is_refused_or_handled_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut tried = 0;
    for entry in std::fs::read_dir(bad_dir()).unwrap() {
        let source = entry.unwrap().path();
        let name = source.file_name().unwrap().to_string_lossy().into_owned();
        let input = dir.path().join(&name);
        std::fs::copy(&source, &input).unwrap();
        let expected = if ACCEPTED.contains(&name.as_str()) {
            Outcome::Accepted
        } else {
            Outcome::Refused
        };
        assert_eq!(exercise(dir.path(), &input), expected, "{name}");
        tried += 1;
    }
    assert!(tried >= 25, "only {tried} bad files");
}

/// Writes a generated file into `dir`.
fn generated(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn huge_deep_and_wide_files_are_refused_or_handled() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let head = "title: Big\nmeeting_time: 2024-05-15T17:00:00Z\n";

    // 50 MB: over the size limit, refused before it is parsed.
    let mut big = head.to_string();
    big.push_str("agenda:\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str("  - title: An agenda item with a fairly long title to fill the file\n");
    }
    assert_eq!(
        exercise(d, &generated(d, "50mb.yaml", big.as_bytes())),
        Outcome::Refused
    );
    let mut big_md = String::from("# Minutes 2024-05-15\n\n");
    while big_md.len() < 50 * 1024 * 1024 {
        big_md.push_str("* a note of the meeting, repeated to fill fifty megabytes\n");
    }
    assert_eq!(
        exercise(d, &generated(d, "50mb.md", big_md.as_bytes())),
        Outcome::Refused
    );

    // 10,000 levels of nesting, as YAML flow collections and as nested items.
    let deep_flow = format!(
        "{head}agenda: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert_eq!(
        exercise(d, &generated(d, "deep_flow.yaml", deep_flow.as_bytes())),
        Outcome::Refused
    );
    let deep_items = format!(
        "{head}agenda: {}{}\n",
        "[{title: x, items: ".repeat(10_000),
        "[]}]".repeat(10_000)
    );
    assert_eq!(
        exercise(d, &generated(d, "deep_items.yaml", deep_items.as_bytes())),
        Outcome::Refused
    );
    // Markdown: a list item holding a list, 10,000 deep; and 10,000 block quotes.
    let deep_list = format!("# Minutes 2024-05-15\n\n{}deep\n", "- ".repeat(10_000));
    assert_eq!(
        exercise(d, &generated(d, "deep_list.md", deep_list.as_bytes())),
        Outcome::Refused
    );
    let deep_quote = format!("# Minutes 2024-05-15\n\n{}* deep\n", "> ".repeat(10_000));
    exercise(d, &generated(d, "deep_quote.md", deep_quote.as_bytes()));
    let mut indented = String::from("# Minutes 2024-05-15\n\n");
    for level in 0..10_000usize {
        indented.push_str(&" ".repeat((level * 2).min(20_000)));
        indented.push_str("- x\n");
        if indented.len() > 8 * 1024 * 1024 {
            break;
        }
    }
    assert_eq!(
        exercise(d, &generated(d, "deep_indented.md", indented.as_bytes())),
        Outcome::Refused
    );

    // 100,000 items: read and written, in reasonable time.
    let mut wide = format!("{head}agenda:\n");
    for i in 0..100_000 {
        wide.push_str(&format!("  - title: Item {i}\n"));
    }
    assert_eq!(
        exercise(d, &generated(d, "100k.yaml", wide.as_bytes())),
        Outcome::Accepted
    );
    let mut wide_md = String::from("# Minutes 2024-05-15\n\n### Agenda\n\n");
    for i in 0..100_000 {
        wide_md.push_str(&format!("* [ ] Item {i}\n"));
    }
    assert_eq!(
        exercise(d, &generated(d, "100k.md", wide_md.as_bytes())),
        Outcome::Accepted
    );
}

fn view() -> View {
    View {
        output: "minutes.md".into(),
        keymap: Keymap::default_map(),
        zone: Zone::Utc,
        theme: scribe::theme::Theme::dark(),
        save: SaveStatus::default(),
        panel: None,
    }
}

/// Draws `app` and returns every cell's symbol, checking none holds a control
/// character.
fn drawn(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 36)).unwrap();
    terminal
        .draw(|f| scribe::tui::draw::draw(f, app, &view()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut screen = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol
                    .chars()
                    .any(|c| c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)),
                "control character {symbol:?} drawn at {x},{y}:\n{screen}"
            );
            screen.push_str(symbol);
        }
        screen.push('\n');
    }
    screen
}

#[test]
fn terminal_escapes_in_user_text_are_never_drawn_raw() {
    for name in ["terminal_escapes.yaml", "terminal_escapes.md"] {
        let meeting = match load_input(&bad_dir().join(name)).unwrap() {
            Source::Yaml(m) => *m,
            Source::Markdown(doc) => doc.meeting(),
        };
        let now = meeting.meeting_time;
        let mut session = Session::new(App::new(meeting, now), None);
        let screen = drawn(&session.app);
        assert!(
            screen.contains("Clipboard"),
            "{name}: the item is shown:\n{screen}"
        );
        // The notes editor, the roster and the help show the same text.
        for action in [
            Action::EditNotes,
            Action::LeaveEditor,
            Action::FocusRoster,
            Action::Down,
            Action::Help,
        ] {
            session.apply(action, now);
            drawn(&session.app);
        }
        // Escapes typed or pasted into the notes are not drawn raw either.
        session.apply(Action::FocusAgenda, now);
        session.apply(Action::EditNotes, now);
        session.paste("\u{1b}[2J\u{1b}]52;c;eA==\u{7}pasted\u{9b}1m", now);
        let screen = drawn(&session.app);
        assert!(screen.contains("pasted"), "{name}:\n{screen}");
    }
}

/// The Liquid written into `tests/bad/liquid_injection.*`.
const INJECTED: &[&str] = &[
    "{{ site.github.token }}",
    "{% include",
    "{% for p in",
    "{{ p.content }}",
    "{{ 'x'",
    "{{{ triple",
    "{%- raw",
    "{{ site.title",
    "{{ page.content }}",
    "{{ site\n",
];

#[test]
fn liquid_in_user_text_is_never_left_for_jekyll_to_run() {
    for name in ["liquid_injection.yaml", "liquid_injection.md"] {
        let path = bad_dir().join(name);
        let (meeting, minutes) = match load_input(&path).unwrap() {
            Source::Yaml(m) => {
                let text = to_markdown(&m, Style::Seed);
                (*m, text)
            }
            // A Markdown document keeps the bytes of what the meeting did not
            // change (the group's own text); what scribe writes from the model is
            // checked here.
            Source::Markdown(doc) => {
                let m = doc.meeting();
                let text = to_markdown(&m, Style::Seed);
                (m, text)
            }
        };
        assert!(!meeting.agenda.is_empty(), "{name}");
        for style_text in [minutes.clone(), to_markdown(&meeting, Style::Checkbox)] {
            // Outside `{% raw %}…{% endraw %}` and the literal-brace output, no
            // Liquid is left.
            let mut rest = String::new();
            let mut text = style_text.as_str();
            while let Some(start) = text.find("{% raw %}") {
                rest.push_str(&text[..start]);
                let after = &text[start + "{% raw %}".len()..];
                let end = after
                    .find("{% endraw %}")
                    .unwrap_or_else(|| panic!("{name}: an unclosed raw block:\n{style_text}"));
                text = &after[end + "{% endraw %}".len()..];
            }
            rest.push_str(text);
            // The front matter is YAML to Jekyll, not Liquid; the body must hold
            // none of the injected Liquid outside raw blocks (scribe's own
            // template Liquid, such as the meeting time, is expected there).
            let body = match rest.strip_prefix("---\n") {
                Some(fm) => fm.split_once("\n---\n").map_or(fm, |(_, b)| b).to_string(),
                None => rest.clone(),
            };
            for injected in INJECTED {
                assert!(
                    !body.contains(injected),
                    "{name}: {injected:?} left for Liquid to run:\n{style_text}"
                );
            }
        }
    }
}
