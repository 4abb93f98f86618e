//! `scribe publish`: the minutes, the index entry, the index's next meeting time
//! and, if asked, the next agenda, as one commit on a branch named for the
//! meeting, pushed to the group's remote, with the pull request opened by `gh`
//! (or its compare link printed).
//!
//! The commit is built with git's plumbing in a temporary index (`read-tree`,
//! `hash-object`, `update-index`, `write-tree`, `commit-tree`), so the secretary's
//! work tree, index and current branch are never touched: whatever fails — a
//! refused push, a rejected one — the checkout is as it was. The local branch is
//! made only once the push has succeeded.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Error, folder_of, gh_ready, printable, read_folder};
use crate::action_items::report_for_document;
use crate::input::{Source, load_input};
use crate::lint::{Folder, IndexPage, Target, lint, meeting_date, published_index};
use crate::markdown::{Document, next_agenda};
use crate::model::Attendance;

/// The arguments of `scribe publish`.
#[derive(Debug, Clone, clap::Args)]
pub struct PublishArgs {
    /// The minutes (Markdown), in the group's git checkout.
    pub file: PathBuf,
    /// Push without asking (for scripts).
    #[arg(long)]
    pub yes: bool,
    /// The remote to push to (default: the current branch's remote, else `origin`).
    #[arg(long, value_name = "NAME")]
    pub remote: Option<String>,
    /// Also commit the next meeting's agenda (as `scribe next` makes it) at this path.
    #[arg(long, value_name = "AGENDA.md")]
    pub next_agenda: Option<PathBuf>,
}

/// Runs `git` in `dir` with `args` (and `stdin`), and returns its trimmed
/// output, or its error message. git never asks on the terminal (a password
/// prompt would wait for ever, and under the live interface garble its screen):
/// a push that needs credentials git cannot find fails and says so.
fn git(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &Path)],
    stdin: Option<&[u8]>,
) -> Result<String, String> {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).args(args);
    cmd.env("GIT_TERMINAL_PROMPT", "0");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| format!("cannot run git: {e}"))?;
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(bytes)
            .map_err(|e| format!("cannot write to git: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("git did not finish: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
    } else {
        Err(printable(String::from_utf8_lossy(&out.stderr).trim()))
    }
}

/// A git failure, said with what was being done.
fn fail(what: &str) -> impl Fn(String) -> Error + '_ {
    move |e| Error::Other(format!("{what}: {e}"))
}

/// A path relative to the checkout's top, with `/` separators, as git names it.
fn in_repo(top: &Path, path: &Path) -> Result<String, Error> {
    let abs = std::fs::canonicalize(path)
        .or_else(|_| {
            // A file still to be made (the next agenda): its folder exists.
            let parent = std::fs::canonicalize(folder_of(path))?;
            Ok::<_, std::io::Error>(parent.join(path.file_name().unwrap_or_default()))
        })
        .map_err(|e| Error::Other(format!("{}: {e}", path.display())))?;
    let rel = abs.strip_prefix(top).map_err(|_| {
        Error::Other(format!(
            "{} is not inside the checkout {}",
            path.display(),
            top.display()
        ))
    })?;
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/"))
}

/// The pull request's text: decisions, then action items by person, then who
/// attended.
pub fn pull_request_text(doc: &Document) -> String {
    let report = report_for_document(doc);
    let meeting = doc.meeting();
    let mut out = String::new();
    out.push_str("## Decisions\n\n");
    if report.decisions.is_empty() {
        out.push_str("None recorded.\n");
    }
    for d in &report.decisions {
        out.push_str(&format!("- {}\n", d.text));
    }
    out.push_str("\n## Action items\n");
    for person in &report.by_person {
        out.push_str(&format!("\n### @{}\n\n", person.handle));
        for a in &person.actions {
            out.push_str(&format!("- {}\n", a.text));
        }
    }
    if !report.unassigned.is_empty() {
        out.push_str("\n### Unassigned\n\n");
        for a in &report.unassigned {
            out.push_str(&format!("- {}\n", a.text));
        }
    }
    if report.by_person.is_empty() && report.unassigned.is_empty() {
        out.push_str("\nNone open.\n");
    }
    let present: Vec<String> = meeting
        .roster
        .iter()
        .filter(|p| {
            matches!(
                p.attendance,
                Attendance::Present | Attendance::ArrivedLate { .. }
            )
        })
        .map(|p| format!("@{}", p.handle))
        .collect();
    out.push_str("\n## Attended\n\n");
    if present.is_empty() {
        out.push_str("Not recorded.\n");
    } else {
        out.push_str(&format!("{}\n", present.join(", ")));
    }
    out
}

/// `https://github.com/OWNER/REPO/compare/BASE...BRANCH?expand=1` for a GitHub
/// remote URL (https or ssh).
fn compare_link(url: &str, base: &str, branch: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://github.com/")
        .or_else(|| url.strip_prefix("git@github.com:"))
        .or_else(|| url.strip_prefix("ssh://git@github.com/"))?;
    let repo = rest.trim_end_matches('/').trim_end_matches(".git");
    Some(format!(
        "https://github.com/{repo}/compare/{base}...{branch}?expand=1"
    ))
}

/// Asks the secretary before pushing. Without a terminal and without `--yes`,
/// the answer is no: nothing is pushed on a guess.
fn confirm(question: &str) -> bool {
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => false,
        Ok(_) => matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"),
    }
}

/// A publication made ready: the commit exists in the repository's objects,
/// nothing else has changed (no branch, no push). What the secretary is asked
/// to say yes to.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The checkout's top folder.
    pub top: PathBuf,
    /// The branch the minutes go into (the checkout's current branch).
    pub base: String,
    /// The branch made for the meeting.
    pub branch: String,
    /// The remote pushed to, and its URL.
    pub remote: String,
    pub remote_url: String,
    /// The commit made (not yet on any branch).
    pub commit: String,
    /// The files the commit changes, as git names them.
    pub files: Vec<String>,
    /// The pull request's title and text.
    pub title: String,
    pub body: String,
    /// The lint findings about the minutes, as `file:line: message` lines.
    pub findings: Vec<String>,
}

/// What a push gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pushed {
    /// How long the push (and the pull request) took, in milliseconds.
    pub millis: u128,
    /// The pull request `gh` opened (its link), when it did.
    pub pull_request: Option<String>,
    /// Where to open the pull request by hand, when `gh` did not: the compare
    /// link of a GitHub remote, else a sentence naming the branches.
    pub open_by_hand: Option<String>,
}

/// Makes the commit of the minutes at `path` (the minutes, the index entry and
/// next meeting time, and the next agenda at `next_agenda` when given) and says
/// where it would go. Changes nothing the secretary can see: a dirty checkout,
/// a detached HEAD, an existing branch or no remote is refused here.
pub fn plan(
    path: &Path,
    remote: Option<&str>,
    next_agenda_path: Option<&Path>,
) -> Result<Plan, Error> {
    let Source::Markdown(doc) = load_input(path)? else {
        return Err(Error::Other(format!(
            "{}: publish takes Markdown minutes; write them with `scribe render` first",
            path.display()
        )));
    };
    let text = doc.source().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let date = meeting_date(&name, &text).ok_or_else(|| {
        Error::Other(format!(
            "{}: no meeting date (neither in the file name nor in meeting_time)",
            path.display()
        ))
    })?;
    let dir = folder_of(path);

    let top = PathBuf::from(
        git(&dir, &["rev-parse", "--show-toplevel"], &[], None)
            .map_err(fail("not in a git checkout"))?,
    );
    let top = std::fs::canonicalize(&top).unwrap_or(top);
    let base = git(&top, &["symbolic-ref", "--short", "-q", "HEAD"], &[], None).map_err(|_| {
        Error::Other(
            "the checkout is on a detached HEAD: switch to the branch the minutes go into \
             (e.g. `git switch main`); nothing was changed"
                .to_string(),
        )
    })?;

    // The index page with this meeting's entry and next meeting time.
    let files = read_folder(path, &[])?;
    let index_name = files
        .index
        .as_ref()
        .and_then(|(p, _)| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = Folder {
        file_names: files.names.iter().map(String::as_str).collect(),
        other_minutes: files.others.iter().map(String::as_str).collect(),
        roster: Vec::new(),
        index: files.index.as_ref().map(|(_, t)| IndexPage {
            name: &index_name,
            text: t,
        }),
    };
    let findings: Vec<String> = lint(&name, &text, &folder)
        .iter()
        .filter(|f| f.target == Target::Minutes)
        .map(|f| {
            format!(
                "{}:{}",
                printable(&path.display().to_string()),
                printable(&f.to_string())
            )
        })
        .collect();

    let mut contents: Vec<(String, Vec<u8>)> =
        vec![(in_repo(&top, path)?, text.clone().into_bytes())];
    if let (Some((index_path, index_text)), Some(fixed)) =
        (&files.index, published_index(&name, &text, &folder))
        && &fixed != index_text
    {
        contents.push((in_repo(&top, index_path)?, fixed.into_bytes()));
    }
    if let Some(agenda) = next_agenda_path {
        let agenda_text = next_agenda(&doc, &doc.meeting());
        contents.push((in_repo(&top, agenda)?, agenda_text.into_bytes()));
    }

    // Only the files being published may differ from HEAD; scribe's own
    // drafts beside the minutes (a ticket's text, see `ticket_draft_path`)
    // are not the group's and are left out of it.
    let status = git(
        &top,
        &["status", "--porcelain=v1", "--untracked-files=all"],
        &[],
        None,
    )
    .map_err(fail("git status failed"))?;
    let ours: Vec<String> = contents.iter().map(|(p, _)| p.clone()).collect();
    let others: Vec<&str> = status
        .lines()
        .filter_map(|l| l.get(3..))
        .map(|p| p.rsplit(" -> ").next().unwrap_or(p).trim_matches('"'))
        .filter(|p| !ours.iter().any(|o| o == p))
        .filter(|p| !p.ends_with(super::TICKET_DRAFT_SUFFIX))
        .collect();
    if !others.is_empty() {
        return Err(Error::Other(format!(
            "the checkout has changes besides the minutes: {}; commit or stash them first \
             (nothing was changed)",
            printable(&others.join(", "))
        )));
    }

    let branch = name.trim_end_matches(".md").to_string();
    if git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "-q",
            &format!("refs/heads/{branch}"),
        ],
        &[],
        None,
    )
    .is_ok()
    {
        return Err(Error::Other(format!(
            "a branch {branch} already exists; delete or rename it first (nothing was changed)"
        )));
    }
    let remote = match remote {
        Some(r) => r.to_string(),
        None => git(
            &top,
            &["config", &format!("branch.{base}.remote")],
            &[],
            None,
        )
        .ok()
        .or_else(|| {
            let remotes = git(&top, &["remote"], &[], None).ok()?;
            let list: Vec<&str> = remotes.lines().collect();
            if list.contains(&"origin") {
                Some("origin".to_string())
            } else if list.len() == 1 {
                Some(list[0].to_string())
            } else {
                None
            }
        })
        .ok_or_else(|| Error::Other("no remote to push to; give one with --remote".to_string()))?,
    };
    let remote_url = git(&top, &["remote", "get-url", &remote], &[], None)
        .map_err(fail(&format!("no remote {remote}")))?;

    // The commit, made in a temporary index: the secretary's own index and work
    // tree are not touched.
    let scratch =
        tempfile::tempdir().map_err(|e| Error::Other(format!("no temporary folder: {e}")))?;
    let index_file = scratch.path().join("index");
    let env: [(&str, &Path); 1] = [("GIT_INDEX_FILE", &index_file)];
    git(&top, &["read-tree", "HEAD"], &env, None).map_err(fail("git read-tree failed"))?;
    for (rel, bytes) in &contents {
        let oid = git(&top, &["hash-object", "-w", "--stdin"], &[], Some(bytes))
            .map_err(fail("git hash-object failed"))?;
        git(
            &top,
            &[
                "update-index",
                "--add",
                "--cacheinfo",
                &format!("100644,{oid},{rel}"),
            ],
            &env,
            None,
        )
        .map_err(fail("git update-index failed"))?;
    }
    let tree = git(&top, &["write-tree"], &env, None).map_err(fail("git write-tree failed"))?;
    let title = doc.meeting().title;
    let title = if title.trim().is_empty() {
        format!("Minutes {date}")
    } else {
        title
    };
    let body = pull_request_text(&doc);
    let message = format!("{title}\n\n{body}");
    let commit = git(
        &top,
        &["commit-tree", &tree, "-p", "HEAD", "-F", "-"],
        &[],
        Some(message.as_bytes()),
    )
    .map_err(fail("git commit-tree failed"))?;
    Ok(Plan {
        top,
        base,
        branch,
        remote,
        remote_url,
        commit,
        files: ours,
        title,
        body,
        findings,
    })
}

/// Pushes the planned commit to its branch on the remote, makes the branch
/// locally, and opens the pull request with `gh` when it is there and logged
/// in. A failed push changes nothing in the checkout.
pub fn push(plan: &Plan) -> Result<Pushed, Error> {
    let started = std::time::Instant::now();
    let Plan {
        top,
        base,
        branch,
        remote,
        ..
    } = plan;
    git(
        top,
        &[
            "push",
            "--quiet",
            remote,
            &format!("{}:refs/heads/{branch}", plan.commit),
        ],
        &[],
        None,
    )
    .map_err(|e| {
        Error::Other(format!(
            "the push to {remote} failed; nothing was changed in the checkout:\n{e}"
        ))
    })?;
    // The branch exists locally too now, for amending after review.
    let _ = git(top, &["branch", branch, &plan.commit], &[], None);
    let mut pull_request = None;
    if gh_ready() {
        let created = Command::new(super::gh_program())
            .current_dir(top)
            .args([
                "pr",
                "create",
                "--base",
                base,
                "--head",
                branch,
                "--title",
                &plan.title,
                "--body",
                &plan.body,
            ])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output();
        // gh prints the pull request's link last.
        pull_request = created
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| {
                String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .rev()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .map(printable)
            });
    }
    let open_by_hand = pull_request.is_none().then(|| {
        compare_link(&plan.remote_url, base, branch).unwrap_or_else(|| {
            format!(
                "Open a pull request from {branch} into {base} on {}",
                printable(&plan.remote_url)
            )
        })
    });
    Ok(Pushed {
        millis: started.elapsed().as_millis(),
        pull_request,
        open_by_hand,
    })
}

/// Runs `scribe publish`.
pub fn publish(args: &PublishArgs) -> Result<(), Error> {
    let plan = plan(
        &args.file,
        args.remote.as_deref(),
        args.next_agenda.as_deref(),
    )?;
    for line in &plan.findings {
        eprintln!("{line}");
    }
    eprintln!(
        "scribe: branch {} from {}, one commit with: {}",
        plan.branch,
        plan.base,
        printable(&plan.files.join(", "))
    );
    let question = format!(
        "Push {} to {} ({})?",
        plan.branch,
        plan.remote,
        printable(&plan.remote_url)
    );
    if !args.yes && !confirm(&question) {
        return Err(Error::Other("not pushed; nothing was changed".to_string()));
    }
    let pushed = push(&plan)?;
    eprintln!(
        "scribe: pushed {} to {} in {} ms",
        plan.branch, plan.remote, pushed.millis
    );
    if let Some(link) = &pushed.pull_request {
        println!("Pull request: {link}");
        return Ok(());
    }
    if gh_ready() {
        eprintln!("scribe: gh could not open the pull request");
    }
    match &pushed.open_by_hand {
        Some(link) if link.starts_with("https://") => {
            println!("Open the pull request: {link}")
        }
        Some(sentence) => println!("{sentence}"),
        None => {}
    }
    println!("\n{}\n\n{}", plan.title, plan.body);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::compare_link;

    #[test]
    fn compare_links_for_github_remotes() {
        for url in [
            "https://github.com/CPAN-Security/security.metacpan.org.git",
            "git@github.com:CPAN-Security/security.metacpan.org.git",
            "ssh://git@github.com/CPAN-Security/security.metacpan.org",
        ] {
            assert_eq!(
                compare_link(url, "main", "m-2026-02-19").as_deref(),
                Some(
                    "https://github.com/CPAN-Security/security.metacpan.org/compare/main...m-2026-02-19?expand=1"
                ),
                "{url}"
            );
        }
        assert_eq!(compare_link("/tmp/remote.git", "main", "b"), None);
    }
}
