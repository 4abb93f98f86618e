//! The whole meeting from the keyboard: the group's agenda for 2025-03-12, as
//! committed before the meeting (`tests/fixtures/cpansec-agenda-2025-03-12.md`,
//! from the group's repository history), is opened in the real `scribe` binary in
//! a pseudo-terminal, and the keys a secretary would press during that meeting
//! turn it into that meeting's minutes. The result is compared with the real
//! minutes (`tests/corpus/cpansec-minutes-2025-03-12.md`) line by line.
//!
//! The secretary navigates as on the screen: `j` until the notes pane's title
//! names the wanted item. Every key sent is counted, and before each step the
//! test waits until scribe's journal holds a record for every key sent (each key
//! is an action journaled before it shows) rather than sleeping: it holds on a
//! loaded machine. The test prints the figures
//! (keys, lines of the real minutes not produced, differences by kind) and holds
//! them to what scribe reaches now, so that they can only get better.

mod common;

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::{PATIENCE, Pty};

/// How long a `j` that changed nothing on screen is given to show before the
/// selection is taken to be at the bottom of the tree.
const BOTTOM_AFTER: Duration = Duration::from_millis(1500);

/// Keys as a terminal sends them.
const BACKSPACE: &str = "\x7f";
const ESC: &str = "\x1b";
const ENTER: &str = "\r";
const SHIFT_TAB: &str = "\x1b[Z";
const CTRL_U: &str = "\x15";
const CTRL_K: &str = "\x0b";
const CTRL_SPACE: &str = "\x00";
const HOME: &str = "\x1b[H";
const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const END: &str = "\x1b[F";

struct Terminal {
    pty: Pty,
    /// The journal, and how far it was read: every key is an action journaled
    /// before it shows, so the records say which keys scribe has taken.
    journal: PathBuf,
    read_to: u64,
    records: usize,
    /// Keys sent in this session.
    sent: usize,
    keys: usize,
    /// Of those: Backspace (erasing a title in the prompt, or an editor's
    /// automatic line start), and moves through the agenda.
    backspaces: usize,
    moves: usize,
}

impl Terminal {
    fn start(dir: &Path, file: &str, now: &str) -> Terminal {
        let mut pty = Pty::spawn(dir, &[file], 200, 60, |cmd| {
            cmd.env("SCRIBE_FIXED_NOW", now);
        });
        pty.pause = Duration::ZERO;
        pty.wait_for(&format!("{file} · saved"));
        let journal = std::fs::read_dir(dir.join("data/scribe/journal"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .expect("a journal");
        let read_to = std::fs::metadata(&journal).unwrap().len();
        Terminal {
            pty,
            journal,
            read_to,
            records: 0,
            sent: 0,
            keys: 0,
            backspaces: 0,
            moves: 0,
        }
    }

    fn contents(&self) -> String {
        self.pty.contents()
    }

    fn wait_for(&self, text: &str) {
        self.pty.wait_for(text);
    }

    /// Waits until scribe has taken every key sent (each is one journal
    /// record), and drawn what they did.
    fn sync(&mut self) {
        let deadline = Instant::now() + PATIENCE;
        while self.records < self.sent {
            let mut f = std::fs::File::open(&self.journal).unwrap();
            f.seek(SeekFrom::Start(self.read_to)).unwrap();
            let mut new = Vec::new();
            f.read_to_end(&mut new).unwrap();
            // Whole lines only: a record being written is counted when done.
            let done = new.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            self.records += new[..done].iter().filter(|&&b| b == b'\n').count();
            self.read_to += done as u64;
            assert!(
                Instant::now() < deadline,
                "scribe took {} of {} keys; the journal ends:\n{}\n{}",
                self.records,
                self.sent,
                std::fs::read_to_string(&self.journal)
                    .unwrap_or_default()
                    .lines()
                    .rev()
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n"),
                self.contents()
            );
            if self.records < self.sent {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        // One record per key: more would make this wait end before a key is taken.
        assert_eq!(self.records, self.sent, "a key was journaled twice");
        // Journaled comes before drawn: let the screen catch up.
        std::thread::sleep(Duration::from_millis(30));
    }

    /// One key (as the terminal sends it), counted.
    fn key(&mut self, bytes: &str) {
        self.keys += 1;
        self.sent += 1;
        match bytes {
            BACKSPACE => self.backspaces += 1,
            "j" | "g" => self.moves += 1,
            _ => {}
        }
        self.pty.send(bytes);
        if bytes == ESC {
            // Esc alone must not merge with the next key into Alt-key: the next
            // key goes once scribe has read it.
            self.sync();
        }
    }

    /// Text typed character by character (each a key).
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mut b = [0u8; 4];
            self.key(c.encode_utf8(&mut b));
        }
    }

    /// What the notes pane's title names: the selected item.
    fn selected(&self) -> String {
        let screen = self.contents();
        let line = screen
            .lines()
            .find(|l| l.contains(" Notes · "))
            .unwrap_or("")
            .to_string();
        let after = line.split(" Notes · ").nth(1).unwrap_or("");
        let crumb = after.split(" ─").next().unwrap_or("");
        crumb.rsplit(" › ").next().unwrap_or("").trim().to_string()
    }

    /// `j` until the selected item's title contains `fragment` (from the top
    /// again once, when the bottom is reached).
    fn go(&mut self, fragment: &str) {
        let mut wrapped = false;
        self.sync();
        for _ in 0..400 {
            let now = self.selected();
            if now.contains(fragment) {
                return;
            }
            self.key("j");
            self.sync();
            if self.selected() == now {
                // Drawn late (a loaded machine), or the bottom of the tree (where
                // `j` changes nothing): only a wait long enough for the first
                // tells them apart, as taking the bottom for a late draw would
                // go back to the top and find an earlier item of that name.
                let waited = Instant::now();
                while self.selected() == now && waited.elapsed() < BOTTOM_AFTER {
                    std::thread::sleep(Duration::from_millis(20));
                }
                if self.selected() != now {
                    continue;
                }
                assert!(!wrapped, "no item {fragment:?} in the agenda");
                wrapped = true;
                self.key("g");
                self.sync();
            }
        }
        panic!("no item {fragment:?}:\n{}", self.contents());
    }

    /// `a` (after), `I` (before) or `A` (under) with a title.
    fn add(&mut self, key: &str, title: &str) {
        self.sync();
        self.key(key);
        self.sync();
        self.wait_for("New ");
        self.type_text(title);
        self.key(ENTER);
        self.wait_shown(title);
    }

    /// Waits until the prompt is gone and the start of `title` is drawn (when it
    /// starts with plain text, which the tree shows as typed).
    fn wait_shown(&mut self, title: &str) {
        self.sync();
        let start: String = title
            .trim_start_matches('#')
            .trim_start()
            .chars()
            .take(12)
            .collect();
        let plain = !start.contains(['[', '*', '_', '`']);
        self.pty.wait_until(&format!("{title:?} drawn"), |screen| {
            let prompt = [
                "New item",
                "New sub-item",
                "Title: ",
                "Add person",
                "Front matter",
            ]
            .iter()
            .any(|p| screen.contains(p));
            !prompt && (!plain || screen.contains(&start))
        });
    }

    /// `R`, the prompt cleared with Ctrl-U, the new title.
    fn rename(&mut self, title: &str) {
        self.key("R");
        self.sync();
        self.wait_for("Title: ");
        self.key(CTRL_U);
        self.type_text(title);
        self.key(ENTER);
        self.wait_shown(title);
    }

    /// Opens the notes editor (on a fresh `- ` line after the item's notes)
    /// and types `lines` (editor syntax: two spaces per level, `- `, an
    /// optional `[x] `/`[ ] `).
    fn notes(&mut self, lines: &[&str]) {
        self.open_editor();
        self.type_lines((0, false), lines);
        self.leave_editor();
    }

    fn open_editor(&mut self) {
        self.sync();
        self.key(ENTER);
        self.sync();
        self.wait_for(" editing ┛");
    }

    fn leave_editor(&mut self) {
        self.key(ESC);
        self.pty
            .wait_until("the editor closed", |s| !s.contains(" editing ┛"));
    }

    /// Opens the notes editor, erases the `count` lines of notes it holds (and
    /// the fresh line it opens on) line by line, and types `lines`.
    fn notes_anew(&mut self, count: usize, lines: &[&str]) {
        self.open_editor();
        self.erase_lines(count);
        self.type_lines((0, false), lines);
        self.leave_editor();
    }

    /// From the end of the editor's last line: each line emptied (Home,
    /// Ctrl-K) and joined to the one before (Backspace), `count` lines up.
    fn erase_lines(&mut self, count: usize) {
        for _ in 0..count {
            self.key(HOME);
            self.key(CTRL_K);
            self.key(BACKSPACE);
        }
        self.key(HOME);
        self.key(CTRL_K);
    }

    /// Types `lines` from a line the editor started as `- ` at depth `at.0`
    /// (with `[ ] ` when `at.1`): its depth set with Tab / Shift-Tab, its box
    /// with Ctrl-Space (or erased), and the rest typed. Each Enter starts the
    /// next line like the one before it.
    fn type_lines(&mut self, at: (usize, bool), lines: &[&str]) {
        let (mut depth, mut boxed) = at;
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.key(ENTER);
            }
            let want = (line.len() - line.trim_start().len()) / 2;
            let body = line
                .trim_start()
                .strip_prefix("- ")
                .unwrap_or(line.trim_start());
            while depth < want {
                self.key("\t");
                depth += 1;
            }
            while depth > want {
                self.key(SHIFT_TAB);
                depth -= 1;
            }
            let mark = ["[ ] ", "[x] ", "[X] "]
                .into_iter()
                .find(|m| body.starts_with(m));
            let text = match (boxed, mark) {
                (true, None) => {
                    for _ in 0.."[ ] ".len() {
                        self.key(BACKSPACE);
                    }
                    body
                }
                (true, Some("[ ] ")) => &body[4..],
                (true, Some("[x] ")) => {
                    self.key(CTRL_SPACE);
                    &body[4..]
                }
                // `[X]` is typed: the box's own key writes `[x]`.
                (true, Some(_)) => {
                    for _ in 0.."] ".len() + 1 {
                        self.key(BACKSPACE);
                    }
                    &body[1..]
                }
                (false, _) => body,
            };
            self.type_text(text);
            boxed = mark.is_some();
        }
    }

    /// `x` twice: the selected item's box goes (open → checked → none).
    fn unbox(&mut self) {
        self.key("x");
        self.key("x");
        self.sync();
    }

    fn quit(&mut self) {
        self.sync();
        self.key("q");
        let status = self.pty.wait_exit();
        assert!(status.success(), "scribe failed:\n{}", self.contents());
    }
}

/// The meeting of 2025-03-12 as its secretary would type it.
fn take_the_meeting(t: &mut Terminal) {
    t.key("S");
    // The group's minutes are `layout: single` (its agenda was `page`).
    t.key("M");
    t.sync();
    t.wait_for("Front matter");
    t.type_text("layout: single");
    t.key(ENTER);
    t.wait_for("Front matter: layout: single");

    // Before the meeting.
    t.go("Discuss organizing projects");
    t.add(
        "a",
        "Check and resolve technical (A/V) issues before the meeting starts",
    );
    t.add("a", "Come as you are!");

    // Who is here, and who chairs and writes: the roster.
    t.sync();
    t.key("\t");
    t.wait_for("Roster");
    for (handle, keys) in [
        ("sjn", "ps"),
        ("tux", "ps"),
        ("thibaultduponcelle", "p"),
        ("stigtsp", "p"),
        ("timlegge", "pc"),
        ("atoomic", "p"),
        ("leont", "r"),
    ] {
        t.key("+");
        t.wait_for("Add person: @");
        t.type_text(handle);
        t.key(ENTER);
        // The new person is selected.
        t.wait_shown(&format!("@{handle}"));
        for k in keys.chars() {
            t.key(&k.to_string());
        }
        t.sync();
    }
    t.key(SHIFT_TAB);
    t.sync();

    // The approval line.
    t.go("Previous meeting minutes was approved");
    t.rename(
        "Previous meeting minutes was approved by @thibaultduponchelle and @timlegge, and merged by @sjn",
    );

    // A special section after the welcome, with a sub-heading.
    t.key("g");
    t.go("Welcome");
    t.add(
        "a",
        "Special: How the new meeting agenda/minutes format works",
    );
    t.add(
        "A",
        "@sjn - Introduces the new format for the agenda/minutes document",
    );
    t.go("Introduces the new format");
    t.key(" ");
    t.notes(&[
        "- [x] @sjn - added the detailed format to [README.md](README)",
        "- TL;DR is below",
    ]);
    t.go("Special: How the new");
    t.add("A", "### TL;DR");
    t.go("TL;DR");
    for (title, check) in [
        (
            "When an item (task, topic or event) is done, discussed or attended: Summarize and check the box",
            true,
        ),
        (
            "When an item needs to be done/discussed/attended, add @names and notes, and leave box unchecked",
            false,
        ),
        (
            "When writing minutes from an agenda, let items, summaries and notes with checked boxes remain",
            true,
        ),
        (
            "When creating an agenda from the previous minutes, remove items, summaries and notes with checked boxes",
            true,
        ),
        (
            "Items without checkboxes or @names are for information or finding volunteers",
            false,
        ),
        (
            "Create tickets items are around for too long, or no-one volunteers",
            false,
        ),
    ] {
        t.go("TL;DR");
        t.add("A", title);
        if check {
            t.go(&title[..30]);
            t.key(" ");
        }
    }
    // Boxed like the one before it: the group wrote none.
    t.go("Items without checkboxes");
    t.unbox();
    t.go("When creating an agenda from the previous");
    t.notes(&["- Sub-items without checkboxes are summaries or notes to the previous item"]);

    // Metadata & SBOM.
    t.go("we need tools for working with SBOMs");
    t.key(" ");
    t.notes(&[
            "- @sjn - @gdt has written some modules for generating CycloneDX 1.6 documents from CPAN Metadata: [SBOM::CycloneDX](https://github.com/giterlizzi/perl-SBOM-CycloneDX) and [App::CPAN::SBOM](https://github.com/giterlizzi/perl-App-CPAN-SBOM)",
            "- [ ] @sjn and @tux will check them out and comment on usability",
        ],
    );
    t.go("wants some feedback on his starjacking");
    // The agenda's note above the fresh line is checked (Up, its box,
    // back down), and the notes go under it.
    t.open_editor();
    for k in [UP, CTRL_SPACE, DOWN, END] {
        t.key(k);
    }
    t.type_lines(
        (0, false),
        &[
            "  - Had a quick chat. The starjacking study seemed good to @sjn; Let's add it.",
            "  - [x] @thibaultduponcelle adds the starjacking study to the website repo",
            "  - [ ] @sjn and @thibaultduponchelle will improve the docs, including professionalizing the format/layout",
        ],
    );
    t.leave_editor();
    t.go("starting on the final stretch");
    t.rename("starting soon on the final stretch - project- & ecosystem-supplied status fields.");
    t.unbox();
    t.notes(&[
            "- [x] @sjn - Support indicator discussion ongoing with the Common Lifecycle Enumeration folks",
            "- [ ] @sjn - Discussion about how to communicate Ecosystem or other _Force Majeure_ events",
        ],
    );

    // Compliance.
    t.go("Team document template wanted");
    t.notes(&[
        "- [ ] @timlegge has started on something; happy to discuss with @tux; PR in the works",
    ]);
    t.add(
        "a",
        "@sjn - Alternative documents needed for non-Europeans (requested by jnap)",
    );
    t.go("Alternative documents needed");
    t.notes(&["- @sjn can help with a CRA perspective"]);

    // Outreach.
    t.go("Create document on what CPANSec-relevant");
    t.notes(&["- Everyone, please add tasks!"]);

    // CNA.
    t.go("Should CPANSec follow");
    t.key("D");
    t.key("D");
    t.sync();
    t.go("updates from MITRE");
    t.key("D");
    t.key("D");
    t.sync();
    t.go("CNA Organization");
    t.add("A", "@stigtsp, @timlegge - Presentation of CNA work so far");
    t.go("Presentation of CNA work");
    t.key(" ");
    t.notes(&[
        "- Discussions with other OSS CNAs last friday",
        "  - Good discussion",
        "  - Board update on CNAs",
        "  - Discussion of CVE quality",
        "  - Discussion of CVSS - almost always wrong",
        "  - EOL is a challenge",
        "  - Common Tooling would be good",
        "- Concerns about CVSS: we decided not to add CVSS to our CVEs for most cases",
        "- Discussion on changing CNA root from MITRE to RedHat",
        "  - [X] Voted on changing CNA of last resort: Unanimous in favor of moving to Red Hat",
        "- Demo of processes we have in place so far",
        "- We need more help from others in the triage group:",
        "  - [ ] @timlegge, @stigtsp - Analysing vulnerabilities",
        "  - [ ] @timlegge, @stigtsp - Integrating CVE process more with triage",
    ]);

    // Funding drive.
    t.go("who is open to do (funded) work?");
    t.rename("who is open (or willing to commit) to do funded work? (e.g. X days per week)");
    t.unbox();
    t.notes_anew(
        2,
        &[
            "- [x] @stigtsp 1d/w",
            "- [ ] @leont (? - please contact @sjn)",
            "- [ ] @garu (? - please contact @sjn)",
            "- [ ] Others? (contact @sjn!)",
        ],
    );

    // CPAN Steward org.
    t.go("Discussions on TPRF slack");
    t.rename("Discussions on TPRF slack #cpansec-steward; Mostly @sjn making noise;");
    t.unbox();
    t.notes(&["- [ ] @sjn - Contributors who care about governance needed"]);
    t.go("has been asked by BSI");
    t.rename(
        "@sjn has been asked by BSI and FSFE to help with perspectives and questions for a questionnaire.",
    );
    t.unbox();
    t.notes(&[
            "- [x] @sjn - first round of feedback submitted; second round started, deadline ultimo March",
            "- [ ] @sjn - Organize some discussions around the second round of feedback to BSI/FSFE, in #cpansec-steward",
        ],
    );
    t.go("CPAN Steward org");
    t.add("a", "#### CRA Standardization on Vulnerability handling");
    t.go("CRA Standardization");
    t.add("A", "@sjn - The EU Commission has tasked CEN/CENELEC & ETSI with standardization around 41 different activities related to the Cyber Resilience Act. One of these is related to _Vulnerability handling_");
    t.go("The EU Commission has tasked");
    t.notes(&[
            "- I think we'd do well to try to contribute to especially this process, to ensure that the coming standards and guidelines for handling vulnerabilities are well-aligned with our (Open Source Ecosystems) particular needs.",
            "- [x] Volunteers needed! @sjn has too much to do, and this is important and may shape our workload for many years, depending on what we do (or don't do).",
            "  - @stigtsp can join for a meeting, and take it from there",
            "- [ ] @all - Watch the [CEN/CENELEC introduction webinar on this matter](https://www.youtube.com/watch?v=KVr9zSZ0nUU) (Duration: 1h 20min; [Slides etc.](https://www.cencenelec.eu/news-and-events/events/2025/2025-03-10_webinar_cyber-resilience-act/))",
        ],
    );
    t.go("CRA Standardization");
    t.add("a", "#### PTS Funding");
    t.go("PTS Funding");
    t.add("A", "@sjn - BooK has asked for help raising funds.");
    t.go("BooK has asked for help");
    t.notes(&[
            "- [x] @sjn - Pad for ongoing work: https://cryptpad.fr/pad/#/3/pad/edit/a8adbd63e478caf94037ffcd162c9612/",
            "- [ ] Volunteers needed",
        ],
    );

    // Secure by default.
    t.go("no progress");
    t.rename("share ongoings & blockers");
    t.go("working on RNG-related ongoing issues");
    t.key(" ");
    t.notes(&["- Work is tracked in the CNA/CVE non-public repo"]);

    // The four topics looking for volunteers.
    for section in [
        "Provenance & Supply Chain Security",
        "Security Patch Tooling",
        "Software Composition Analysis",
        "Transparency Logs",
    ] {
        t.go(section);
        t.go("(Volunteers/funding needed)");
        t.rename("(Volunteers/tuits/funding needed - this topic is available for adoption!)");
        if section == "Security Patch Tooling" {
            t.notes(&["- Possible candidates: @atoomic, @thibaultduponchelle"]);
        }
    }

    // Any other business.
    t.go("CVE portal setup");
    t.rename("CVE portal setup report");
    t.go("domain name; we're using");
    t.key("R");
    t.sync();
    t.wait_for("Title: ");
    t.type_text(" @stigtsp reports");
    t.key(ENTER);
    t.wait_shown("@stigtsp reports");
    t.add(
        "a",
        "@stigtsp - Can someone look at the cpansa-feed, it's broken for a while now :-(",
    );
    t.go("look at the cpansa-feed");
    t.notes(&["- Volunteers needed! This is important."]);

    // Upcoming events: the list becomes bulleted, and an event goes first.
    t.go("Upcoming events and deadlines");
    t.go("(Germany) PTS 2025");
    t.key("#");
    t.sync();
    t.wait_for("are bulleted");
    t.add(
        "I",
        "(Sweden) [FOSS North](https://foss-north.se/2025/schedule.html) - Monday 2025-04-14 … Tuesday 2025-04-15 in Gothenburg, Sweden",
    );
    t.go("FOSS North");
    t.notes(&["- @sjn participates"]);
    t.go("(Germany) PTS 2025");
    t.notes(&[
        "- @tux, @stigtsp, @leont, @garu ?, @sjn,  @thibaultduponcelle, @timlegge are going",
    ]);
    t.go("(Germany) GPW 2025");
    t.rename(
        "(Germany) [German Perl Workshop 2025](https://act.yapc.eu/gpw2025/) - Monday 2025-05-12 … Wednesday 2025-05-14 in Munich, Germany. ([CfP is open](https://act.yapc.eu/gpw2025/cfp.html))",
    );
    t.notes(&["- @sjn is going, submitted a talk"]);
    t.add("a", "(Norway) [Internet Governance Forum 2025](https://www.intgovforum.org/) - Monday 2025-06-23 … Saturday 2025-06-28 in Lillestrøm, Norway; ([Call for Sessions](https://www.intgovforum.org/en/content/igf-2025-call-for-session-proposals))");
    t.go("Internet Governance Forum");
    t.notes(&["- @sjn may be going (TBD)"]);
    t.go("Sikkerhetfesivalen");
    t.rename(
        "(Norway) [Sikkerhetfesivalen 2025](https://sikkerhetsfestivalen.no/) - Monday 2025-08-25 … Wednesday 2025-08-27 in Lillehammer, Norway. ([CfP is open](https://sikkerhetsfestivalen.no/alle-nyheter/2024/11/22/hvordan-skape-et-vinnende-foredrag-for-sikkerhetsfestivalen-2025))",
    );
    t.key(" ");
    t.notes(&["- Deadline passed; @sjn not likely to participate"]);
    t.add("a", "(Croatia) [EuroBSDCon 2025](https://events.eurobsdcon.org/2025/) - Thursday 2025-09-25 … Sunday 2025-09-28 in Zagreb, Croatia; ([CfP is open](https://events.eurobsdcon.org/2025/cfp); Deadline: 2025-06-21)");
    t.add(
        "a",
        "(Belgium) OpenSSF EU Policy Summit - 2025-10-30, in Ghent, Belgium;",
    );
    t.add("a", "(World) [CPAN 30 year anniversary](https://github.com/neilb/history-of-cpan/blob/master/history.md#the-cpan-years) - Sunday 2025-10-26");

    // Operating changes.
    t.go("Since perl.social is dead");
    t.key(" ");
    // The agenda's note under it goes: it became an item of its own.
    t.open_editor();
    t.erase_lines(1);
    t.leave_editor();
    t.add("a", "@sjn - investigates alternatives");
    t.go("investigates alternatives");
    t.unbox();
    t.notes(&[
            "- [x] @sjn - Cryptpad investigated, and not usable for calendar stuff. [New calendar URL set up directly in google calendar](https://calendar.google.com/calendar/u/0/embed?src=691584e3db7d0a877b43482fc996eaae9984cf8ba0b769d5d00d042a32f9c66e@group.calendar.google.com) by @sjn, and added to the meetings page.",
            "- [x] @sjn - New Mastodon account created on https://fosstodon.org/@cpansec - please subscribe!",
        ],
    );
    t.add("a", "@sjn - Create a list of common/shared CPANSec resources & contact points/people to a private repo on GitHub.");
    t.go("Create a list of common/shared");
    t.key(" ");
    t.notes(&["- @sjn - Done; Please check it out (look for it on GitHub), and help keep it correct and up-to-date!"]);
}

/// Lines of `real` that `ours` lacks, as a multiset difference.
fn missing<'a>(real: &'a str, ours: &str) -> Vec<&'a str> {
    let mut have: HashMap<&str, usize> = HashMap::new();
    for l in ours.lines() {
        *have.entry(l).or_default() += 1;
    }
    let mut out = Vec::new();
    for l in real.lines() {
        match have.get_mut(l) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(l),
        }
    }
    out
}

/// The kind of a difference: the same words written differently (and how),
/// or a line that is not there at all.
fn kind(line: &str, ours: &str) -> &'static str {
    let norm = |l: &str| -> String {
        let t = l.trim_start();
        let t = t
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['-', '*', '.', ' '])
            .to_string();
        t.replace('–', "-")
            .replace('\u{a0}', " ")
            .replace("[X]", "[x]")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    if line.trim().is_empty() {
        return "blank lines";
    }
    let n = norm(line);
    let how = |ours: &str| -> &'static str {
        if ours.trim_start() == line.trim_start() {
            "indentation of a nested entry"
        } else if ours.replace('–', "-") == line.replace('–', "-") {
            "dash (– or -)"
        } else if ours.replace("[X]", "[x]") == line.replace("[X]", "[x]") {
            "checked box ([X] or [x])"
        } else if ours.trim_start().get(1..) == line.trim_start().get(1..) {
            "list marker (* or -)"
        } else {
            "written differently (several of these)"
        }
    };
    if let Some(l) = ours.lines().find(|l| norm(l) == n) {
        return how(l);
    }
    let unboxed = |s: &str| s.replace("[ ] ", "").replace("[x] ", "");
    if ours.lines().any(|l| unboxed(&norm(l)) == unboxed(&n)) {
        return "checkbox added or removed";
    }
    "not produced"
}

#[test]
fn the_agenda_of_2025_03_12_becomes_its_minutes_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = common::test_file("fixtures/cpansec-agenda-2025-03-12.md");
    let file = "cpansec-minutes-2025-03-12.md";
    std::fs::copy(&agenda, dir.path().join(file)).unwrap();
    let real = common::read_test_file("corpus/cpansec-minutes-2025-03-12.md");

    let mut t = Terminal::start(dir.path(), file, "2025-03-12T17:00:00Z");
    take_the_meeting(&mut t);
    t.quit();
    let mut keys = t.keys;
    let (backspaces, moves) = (t.backspaces, t.moves);
    // The meeting ends at 18:10: E, on the minutes as written.
    let mut t = Terminal::start(dir.path(), file, "2025-03-12T18:10:00Z");
    // E asks to be pressed again.
    t.key("E");
    t.key("E");
    t.wait_for("Meeting ended at 18:10");
    t.quit();
    keys += t.keys;

    let ours = std::fs::read_to_string(dir.path().join(file)).unwrap();
    let not_made = missing(&real, &ours);
    let extra = missing(&ours, &real);
    let mut kinds: HashMap<&str, usize> = HashMap::new();
    for l in &not_made {
        *kinds.entry(kind(l, &ours)).or_default() += 1;
    }
    let produced = not_made
        .iter()
        .filter(|l| kind(l, &ours) != "not produced")
        .count();
    let lost: Vec<&&str> = not_made
        .iter()
        .filter(|l| kind(l, &ours) == "not produced")
        .collect();
    eprintln!("keys: {keys} ({backspaces} Backspace, {moves} j/g)");
    eprintln!(
        "lines of the real minutes: {}; not in ours: {} ({} written differently, {} not produced)",
        real.lines().count(),
        not_made.len(),
        produced,
        lost.len()
    );
    eprintln!("by kind: {kinds:?}");
    eprintln!("lines of ours not in the real minutes: {}", extra.len());
    for l in &lost {
        eprintln!("  not produced: {l}");
    }
    for l in &extra {
        eprintln!("  extra: {l}");
    }
    if let Ok(path) = std::env::var("SCRIBE_E2E_OUT") {
        std::fs::write(path, &ours).unwrap();
    }
    // What scribe reaches now; these may only go down. Every line of the real
    // minutes is produced; what differs is the group's own hand: nested notes
    // indented 3 or 4 spaces where its agenda indents 2 (31), en dashes made
    // hyphens in timed headings and one title (5), `[X]` on items checked with
    // Space where the document writes `[x]` (3), one `*` entry made `-` (1).
    assert!(lost.is_empty(), "{} lines not produced", lost.len());
    assert!(not_made.len() <= 40, "{} lines differ", not_made.len());
    for (what, most) in [
        ("indentation of a nested entry", 31),
        ("dash (– or -)", 5),
        ("checked box ([X] or [x])", 3),
        ("list marker (* or -)", 1),
    ] {
        let n = kinds.remove(what).unwrap_or(0);
        assert!(n <= most, "{n} lines differ by {what}");
    }
    assert!(kinds.is_empty(), "other differences: {kinds:?}");
    // Titles are cleared with Ctrl-U and note lines started with Tab and the
    // box key: Backspace only takes a box away.
    assert!(keys <= 8101, "{keys} keys");
    assert!(backspaces <= 15, "{backspaces} Backspaces");
    // The places the agenda holds are filled as the group filled them.
    for line in [
        "-   Meeting chair: @timlegge",
        "-   Meeting scribe: @sjn, @tux",
        "### TL;DR",
        "-   Check and resolve technical (A/V) issues before the meeting starts",
        "## 18:10 UTC – Meeting end",
    ] {
        assert!(ours.lines().any(|l| l == line), "{line:?} not written");
    }
}
