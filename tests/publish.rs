//! `scribe publish` on a copy of a group-style repository (the corpus under
//! `meetings/`, its index page included) with a local bare remote: the branch
//! named for the meeting reaches the remote with one commit holding the minutes
//! and the index (entry and next meeting time), and the site builds with
//! Jekyll. A dirty checkout, a detached HEAD, a "no" and a failed push leave
//! the checkout as it was and push nothing. The same from the live screen at
//! the end of a meeting, in a pseudo-terminal (`E E`, `P`, `y`; a ticket with
//! `t`), with a stand-in `gh` named by `SCRIBE_GH`, and without one.
//!
//! Needs `git` on PATH (and `jekyll` for the build, as `tests/jekyll.rs`).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

const NAME: &str = "cpansec-minutes-2026-02-19.md";
const BRANCH: &str = "cpansec-minutes-2026-02-19";

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Secretary")
        .env("GIT_AUTHOR_EMAIL", "secretary@example.org")
        .env("GIT_COMMITTER_NAME", "Secretary")
        .env("GIT_COMMITTER_EMAIL", "secretary@example.org")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .trim_end()
        .to_string()
}

fn corpus(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .join(name),
    )
    .unwrap()
}

/// A group's repository: `meetings/` holds the corpus and its index, pushed to
/// a bare remote; the new minutes are written, not committed.
struct Repo {
    _dir: tempfile::TempDir,
    work: PathBuf,
    remote: PathBuf,
}

fn repo() -> Repo {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("remote.git");
    let work = dir.path().join("site");
    git(
        dir.path(),
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            remote.to_str().unwrap(),
        ],
    );
    git(
        dir.path(),
        &["init", "-q", "-b", "main", work.to_str().unwrap()],
    );
    let meetings = work.join("meetings");
    std::fs::create_dir(&meetings).unwrap();
    let corpus_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for entry in std::fs::read_dir(corpus_dir).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, meetings.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::create_dir(work.join("_layouts")).unwrap();
    std::fs::write(
        work.join("_layouts/single.html"),
        "<html><head><title>{{ page.title }}</title></head><body>{{ content }}</body></html>\n",
    )
    .unwrap();
    git(&work, &["add", "."]);
    git(&work, &["commit", "-q", "-m", "The group's site"]);
    git(
        &work,
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    git(&work, &["push", "-q", "origin", "main"]);
    // The meeting just ended: the 2025-02-19 minutes, a year on.
    let minutes = corpus("cpansec-minutes-2025-02-19.md")
        .replace("2025-02-19", "2026-02-19")
        .replace("Wednesday 2025-03-12", "Thursday 2026-03-05");
    std::fs::write(meetings.join(NAME), minutes).unwrap();
    Repo {
        _dir: dir,
        work,
        remote,
    }
}

fn publish(repo: &Repo, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_scribe"))
        .arg("publish")
        .arg(format!("meetings/{NAME}"))
        .args(args)
        .current_dir(&repo.work)
        .env("GIT_AUTHOR_NAME", "Secretary")
        .env("GIT_AUTHOR_EMAIL", "secretary@example.org")
        .env("GIT_COMMITTER_NAME", "Secretary")
        .env("GIT_COMMITTER_EMAIL", "secretary@example.org")
        // No `gh` here: the compare link (or the remote) is printed instead.
        .env("PATH", std::env::var("PATH").unwrap())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Everything a secretary could lose: the status, HEAD, the branches and the
/// work tree's files.
fn snapshot(repo: &Repo) -> (String, String, String, String, String) {
    (
        git(
            &repo.work,
            &["status", "--porcelain", "--untracked-files=all"],
        ),
        git(&repo.work, &["rev-parse", "HEAD"]),
        git(&repo.work, &["branch", "--list"]),
        std::fs::read_to_string(repo.work.join("meetings/README.md")).unwrap(),
        std::fs::read_to_string(repo.work.join("meetings").join(NAME)).unwrap(),
    )
}

fn remote_branches(repo: &Repo) -> String {
    git(
        &repo.remote,
        &["for-each-ref", "--format=%(refname:short)", "refs/heads"],
    )
}

#[test]
fn the_minutes_reach_the_remote_as_one_commit_on_their_branch() {
    let repo = repo();
    let before = snapshot(&repo);
    let started = Instant::now();
    let out = publish(&repo, &["--yes"], "");
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    eprintln!("scribe publish took {} ms", took.as_millis());

    // One commit on top of main, with the minutes and the index.
    assert_eq!(
        git(
            &repo.remote,
            &["rev-list", "--count", &format!("main..{BRANCH}")]
        ),
        "1"
    );
    let files = git(
        &repo.remote,
        &["diff-tree", "--no-commit-id", "--name-only", "-r", BRANCH],
    );
    assert_eq!(files, format!("meetings/README.md\nmeetings/{NAME}"));
    let minutes = git(
        &repo.remote,
        &["show", &format!("{BRANCH}:meetings/{NAME}")],
    );
    assert_eq!(minutes, before.4.trim_end());
    let index = git(
        &repo.remote,
        &["show", &format!("{BRANCH}:meetings/README.md")],
    );
    let old_index = corpus("README.md");
    assert_eq!(
        index,
        old_index
            .replace(
                "[2026-02-10](cpansec-minutes-2026-02-19.md)",
                "[2026-02-19](cpansec-minutes-2026-02-19.md)"
            )
            .replace(
                "next_meeting_time: April 2nd 2026 16:00 UTC",
                "next_meeting_time: March 5th 2026 17:00 UTC"
            )
            .trim_end()
    );
    // The pull request's text: decisions, action items by person, who attended.
    let message = git(&repo.remote, &["log", "-1", "--format=%B", BRANCH]);
    let decisions = message.find("## Decisions").unwrap();
    let actions = message.find("## Action items").unwrap();
    let attended = message.find("## Attended").unwrap();
    assert!(decisions < actions && actions < attended, "{message}");
    assert!(message.contains("### @sjn"), "{message}");
    assert!(
        message.contains("@sjn, @leont, @thibaultduponchelle, @stigtsp, @timlegge"),
        "{message}"
    );
    assert!(
        stdout.contains(&format!("Open a pull request from {BRANCH} into main")),
        "{stdout}"
    );

    // The checkout is as it was, with the branch now known locally.
    let after = snapshot(&repo);
    assert_eq!(
        (&after.0, &after.1, &after.3, &after.4),
        (&before.0, &before.1, &before.3, &before.4)
    );
    assert!(after.2.contains(BRANCH));

    // The published site builds with Jekyll.
    let site = tempfile::tempdir().unwrap();
    git(
        site.path(),
        &[
            "clone",
            "-q",
            "-b",
            BRANCH,
            repo.remote.to_str().unwrap(),
            "src",
        ],
    );
    common::ensure_jekyll();
    let build = Command::new("jekyll")
        .args(["build", "--disable-disk-cache", "--source"])
        .arg(site.path().join("src"))
        .arg("--destination")
        .arg(site.path().join("out"))
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let page = std::fs::read_to_string(site.path().join("out/meetings/index.html")).unwrap();
    // The index's own Liquid reads the new next meeting time.
    assert!(page.contains("on Mar 5th, 2026, at 17:00 UTC"), "{page}");
    assert!(
        page.contains("year=2026&amp;month=03&amp;day=05&amp;hour=17"),
        "{page}"
    );
}

#[test]
fn nothing_is_pushed_without_a_yes() {
    let repo = repo();
    let before = snapshot(&repo);
    let out = publish(&repo, &[], "n\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not pushed"));
    assert_eq!(remote_branches(&repo), "main");
    assert_eq!(snapshot(&repo), before);
    // No terminal and no answer: no.
    let out = publish(&repo, &[], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(remote_branches(&repo), "main");
    // "y" pushes.
    let out = publish(&repo, &[], "y\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(remote_branches(&repo).contains(BRANCH));
}

#[test]
fn a_dirty_checkout_is_refused() {
    let repo = repo();
    std::fs::write(
        repo.work.join("meetings/cpansec-minutes-2025-01-08.md"),
        "edited\n",
    )
    .unwrap();
    let before = snapshot(&repo);
    let out = publish(&repo, &["--yes"], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains(
            "the checkout has changes besides the minutes: meetings/cpansec-minutes-2025-01-08.md"
        ),
        "{stderr}"
    );
    assert_eq!(remote_branches(&repo), "main");
    assert_eq!(snapshot(&repo), before);
}

#[test]
fn a_detached_head_is_refused() {
    let repo = repo();
    git(&repo.work, &["checkout", "-q", "--detach"]);
    let before = snapshot(&repo);
    let out = publish(&repo, &["--yes"], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("detached HEAD"), "{stderr}");
    assert_eq!(remote_branches(&repo), "main");
    assert_eq!(snapshot(&repo), before);
}

#[test]
fn a_failed_push_is_said_and_changes_nothing() {
    let repo = repo();
    // The remote refuses every push.
    let hook = repo.remote.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'pushes are closed' >&2\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let before = snapshot(&repo);
    let out = publish(&repo, &["--yes"], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("the push to origin failed"), "{stderr}");
    assert!(stderr.contains("pushes are closed"), "{stderr}");
    assert_eq!(remote_branches(&repo), "main");
    assert_eq!(snapshot(&repo), before);
}

#[test]
fn the_next_agenda_goes_in_the_same_commit_when_asked() {
    let repo = repo();
    let out = publish(
        &repo,
        &["--yes", "--next-agenda", "meetings/agenda-2026-03-05.md"],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = git(
        &repo.remote,
        &["diff-tree", "--no-commit-id", "--name-only", "-r", BRANCH],
    );
    assert_eq!(
        files,
        format!("meetings/README.md\nmeetings/agenda-2026-03-05.md\nmeetings/{NAME}")
    );
    // The agenda is what `scribe next` makes of the minutes.
    let next = Command::new(env!("CARGO_BIN_EXE_scribe"))
        .args(["next", &format!("meetings/{NAME}")])
        .current_dir(&repo.work)
        .output()
        .unwrap();
    let agenda = git(
        &repo.remote,
        &["show", &format!("{BRANCH}:meetings/agenda-2026-03-05.md")],
    );
    assert_eq!(agenda, String::from_utf8(next.stdout).unwrap().trim_end());
    // Not written into the work tree: the checkout stays as it was.
    assert!(!repo.work.join("meetings/agenda-2026-03-05.md").exists());
}

/// scribe live in a pseudo-terminal on the new minutes of the group's
/// repository, with `SCRIBE_GH` naming a stand-in `gh` that records its
/// arguments and prints the links GitHub's would.
struct Live {
    screen: common::PtyScreen,
    input: Box<dyn std::io::Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Live {
    fn start(repo: &Repo, gh: &Path, args: &[&str]) -> Live {
        use portable_pty::{CommandBuilder, PtySize, native_pty_system};
        let (rows, cols) = (45, 150);
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_scribe"));
        cmd.arg(format!("meetings/{NAME}"));
        cmd.args(args);
        cmd.cwd(&repo.work);
        cmd.env("TERM", "xterm-256color");
        cmd.env("SCRIBE_FIXED_NOW", "2026-02-19T18:10:00Z");
        let home = repo.work.parent().unwrap().join("home");
        cmd.env("HOME", &home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("SCRIBE_GH", gh);
        for (k, v) in [
            ("GIT_AUTHOR_NAME", "Secretary"),
            ("GIT_AUTHOR_EMAIL", "secretary@example.org"),
            ("GIT_COMMITTER_NAME", "Secretary"),
            ("GIT_COMMITTER_EMAIL", "secretary@example.org"),
        ] {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let (screen, _) = common::mirror_pty(pty.master.try_clone_reader().unwrap(), rows, cols);
        let input = pty.master.take_writer().unwrap();
        Live {
            screen,
            input,
            child,
            _master: pty.master,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + std::time::Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the screen never showed {text:?}:\n{}", self.contents());
    }

    fn send(&mut self, keys: &str) {
        self.input.write_all(keys.as_bytes()).unwrap();
        self.input.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
}

/// A stand-in `gh`, logged in, that appends its arguments (one a line, then
/// `--`) to `log` and prints the link of what it was asked to open.
#[cfg(unix)]
fn fake_gh(dir: &Path) -> (PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let log = dir.join("gh-args");
    let gh = dir.join("gh");
    std::fs::write(
        &gh,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" -- >> '{log}'\n\
             case \"$1 $2\" in\n\
             'pr create') echo https://github.com/o/r/pull/5 ;;\n\
             'issue create') echo https://github.com/o/r/issues/7 ;;\n\
             esac\nexit 0\n",
            log = log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    (gh, log)
}

/// The secretary's end of the meeting, from the keyboard: `t` on the item
/// carried longest opens its ticket with gh and adds the link to the item;
/// `E E` shows the lint findings of the minutes just written; `P` shows what
/// would be published and `y` pushes it: the remote has the branch, one commit,
/// and gh opened the pull request, whose link the screen shows.
#[cfg(unix)]
#[test]
fn the_live_screen_ends_the_meeting_with_a_ticket_the_checks_and_a_pushed_branch() {
    let repo = repo();
    let bin = tempfile::tempdir().unwrap();
    let (gh, log) = fake_gh(bin.path());
    let mut live = Live::start(&repo, &gh, &[]);
    live.wait_for("Minutes 2026-02-19");

    // The carried view's first row is the item carried longest.
    live.send("f");
    live.wait_for("agenda: carried ≥4×");
    live.send("t");
    live.wait_for("The item has its link: Ticket: [#7](https://github.com/o/r/issues/7)");
    live.send("\x1b");
    std::thread::sleep(std::time::Duration::from_millis(200));

    live.send("E");
    let ended = Instant::now();
    live.send("E");
    live.wait_for("Lint: ");
    let lint_shown = ended.elapsed();
    let screen = live.contents();
    let findings = screen
        .lines()
        .find(|l| l.contains("Lint: "))
        .unwrap()
        .to_string();
    eprintln!("lint panel title: {}", findings.trim());
    live.send("P");
    live.wait_for("Publish: push for review?");
    assert!(
        live.contents()
            .contains(&format!("Branch {BRANCH} from main"))
    );
    live.send("y");
    live.wait_for("Pull request: https://github.com/o/r/pull/5");
    let pushed = ended.elapsed();
    eprintln!(
        "E to the lint findings: {} ms; E to the pushed branch and its pull request (keys P and y included): {} ms",
        lint_shown.as_millis(),
        pushed.as_millis()
    );

    assert_eq!(
        git(
            &repo.remote,
            &["rev-list", "--count", &format!("main..{BRANCH}")]
        ),
        "1"
    );
    let minutes = git(
        &repo.remote,
        &["show", &format!("{BRANCH}:meetings/{NAME}")],
    );
    assert!(
        minutes.contains("Explore options with Ovid's company\n    - Ticket: [#7](https://github.com/o/r/issues/7)"),
        "{minutes}"
    );
    let args = std::fs::read_to_string(&log).unwrap();
    assert!(
        args.contains("issue\ncreate\n--title\nExplore options with Ovid's company\n--body\n"),
        "{args}"
    );
    assert!(
        args.contains(&format!(
            "pr\ncreate\n--base\nmain\n--head\n{BRANCH}\n--title\nMinutes 2026-02-19\n--body\n## Decisions"
        )),
        "{args}"
    );
    live.send("\x1b");
    live.send("q");
    let deadline = Instant::now() + std::time::Duration::from_secs(20);
    while live.child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "scribe did not quit");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Without gh: `t` writes the ticket's text beside the minutes and the link
/// typed into the panel goes to the item; `F` writes the safe fixes (the
/// minutes through the journal, the index page beside them); a dirty checkout
/// is said and nothing is pushed; once clean, `P y` pushes and the screen says
/// where to open the pull request. Killed and resumed, the fixed minutes are
/// scribe's own (nothing is diverted).
#[cfg(unix)]
#[test]
fn without_gh_the_ticket_is_drafted_and_a_dirty_checkout_is_said() {
    let repo = repo();
    let minutes_path = repo.work.join("meetings").join(NAME);
    let planted = std::fs::read_to_string(&minutes_path).unwrap().replacen(
        "- [ ] @sjn – who is open",
        "-[ ] @sjn – who is open",
        1,
    );
    std::fs::write(&minutes_path, planted).unwrap();
    let other = repo.work.join("meetings/cpansec-minutes-2025-01-08.md");
    let other_text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, format!("{other_text}\nedited\n")).unwrap();
    let no_gh = repo.work.parent().unwrap().join("no-such-gh");
    let mut live = Live::start(&repo, &no_gh, &[]);
    live.wait_for("Minutes 2026-02-19");

    live.send("f");
    live.wait_for("agenda: carried ≥4×");
    live.send("t");
    live.wait_for("Ticket: no gh here, open it by hand");
    let draft = repo
        .work
        .join("meetings/cpansec-minutes-2026-02-19.explore-options-with-ovid-s-company.ticket.txt");
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(
        text.starts_with("Title: Explore options with Ovid's company\n"),
        "{text}"
    );
    assert!(
        text.contains("](cpansec-minutes-2025-02-19.md#funding-drive)"),
        "{text}"
    );
    live.send("https://github.com/o/r/issues/9\r");
    live.wait_for("Added: Ticket: [#9](https://github.com/o/r/issues/9)");

    live.send("E");
    live.send("E");
    live.wait_for("safe fixes");
    live.send("F");
    let deadline = Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let text = std::fs::read_to_string(&minutes_path).unwrap();
        if text.contains("\n- [ ] @sjn – who is open") {
            assert!(text.contains("    - Ticket: [#9](https://github.com/o/r/issues/9)"));
            break;
        }
        assert!(Instant::now() < deadline, "not fixed:\n{text}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    live.wait_for("README.md: the safe fixes are written");
    let index = std::fs::read_to_string(repo.work.join("meetings/README.md")).unwrap();
    assert!(index.contains("[2026-02-19](cpansec-minutes-2026-02-19.md)"));

    live.send("\x1b");
    live.send("P");
    live.wait_for("Publish: nothing was changed");
    live.wait_for("meetings/cpansec-minutes-2025-01-08.md");
    assert_eq!(remote_branches(&repo), "main");
    live.send("\x1b");
    std::fs::write(&other, other_text).unwrap();
    live.send("P");
    live.wait_for("Publish: push for review?");
    live.send("y");
    live.wait_for(&format!("Open a pull request from {BRANCH} into main on"));
    assert!(remote_branches(&repo).contains(BRANCH));
    // The ticket's text is scribe's, not the group's: it is not published.
    let files = git(
        &repo.remote,
        &["diff-tree", "--no-commit-id", "--name-only", "-r", BRANCH],
    );
    assert_eq!(files, format!("meetings/README.md\nmeetings/{NAME}"));

    // Killed, and resumed: the fixes are replayed, so the minutes on disk are
    // scribe's own and are written on, not set aside.
    live.child.kill().unwrap();
    let _ = live.child.wait();
    let fixed = std::fs::read_to_string(&minutes_path).unwrap();
    let mut again = Live::start(&repo, &no_gh, &["--resume"]);
    again.wait_for("Resumed");
    assert!(!again.contents().contains("changed since scribe wrote it"));
    again.send("q");
    let deadline = Instant::now() + std::time::Duration::from_secs(20);
    while again.child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "scribe did not quit");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(std::fs::read_to_string(&minutes_path).unwrap(), fixed);
}
