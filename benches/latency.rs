//! The real binary in a pseudo-terminal, scribe beside vim, at 1×, 10× and 100× the
//! reference minutes: what the secretary feels under the fingers.
//!
//! Run with `cargo bench --bench latency`. For each meeting size, scribe and then
//! vim (`vim -u NONE`, on a file of the same size) are run through the same
//! harness, one after the other, so that both see the same machine. Measured:
//!
//! - first full screen: from spawn to the last byte of the first complete frame;
//! - typing: printable keys typed one at a time into the notes editor (vim: insert
//!   mode), each timed from the write of the key to the last byte of the screen
//!   update it caused (p50 / p90 / p99);
//! - structural keys: scribe's Space (check an item), Enter and Esc (into and out
//!   of the editor), Tab and p / r / x (attendance in the roster), against vim's
//!   `dd` (timed on the second `d`) and `o`;
//! - bytes written to the terminal per typed key (everything written between one
//!   key and the next);
//! - CPU per typed key: the program's user + system time (`/proc/PID/stat`)
//!   over the typing, divided by the keys;
//! - peak RSS (`VmHWM`), and the time from the quit keys to the process's exit.
//!
//! Settable through the environment (the defaults meet the targets' counts):
//! `SCRIBE_BENCH_KEYS` typed keys per program and size (2000),
//! `SCRIBE_BENCH_ROUNDS` rounds of structural keys (40), `SCRIBE_BENCH_SCALES`
//! (`1,10,100`), `SCRIBE_BENCH_REPEATS` runs of the whole (1; medians and the
//! spread are reported), `SCRIBE_BIN` another build of scribe, and
//! `SCRIBE_BENCH_DUMP` a path to write each typed key's latency and bytes to (one
//! file per program, the program's name appended), and
//! `SCRIBE_BIN_BEFORE` a second build measured in the same run (say, before a
//! change): at each size the two run back to back, in turns (which one goes
//! first alternates between repeats), and the report gives after / before. The figures are printed as a table and written to
//! `target/bench-report.md`, with the machine's load: a shared machine slows both
//! programs alike, so the ratios are the figures to read.
//!
//! Only the screen update a key caused is timed. scribe runs with its clock
//! stopped (`SCRIBE_FIXED_NOW`), so the timer's once-a-second redraw never happens.
//! Output arrives in bursts (a frame may be written in chunks microseconds apart;
//! a burst ends at a gap of [`BURST_GAP`]); the key's update is the first burst
//! after the write that changes what is visible (text, colours or cursor, on a
//! `vt100` emulation of the screen). Bursts after it, before the next key, are
//! counted, not timed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

#[path = "common/pty.rs"]
mod pty;
use pty::{BURST_GAP, Live as Session};

/// Output quiet for this long means the program has finished reacting to a key
/// (its update and anything that follows it); the next key is sent then.
const QUIET: Duration = Duration::from_millis(20);
/// How long a structural key may take to show before it is taken as showing
/// nothing (attendance set to what it already was).
const NO_CHANGE: Duration = Duration::from_secs(1);
/// The stopped clock scribe runs with: half an hour into the meeting.
const FIXED_NOW: &str = "2024-05-15T17:30:00Z";
/// Clock ticks per second of `/proc/PID/stat` times (`CLK_TCK`, 100 on Linux).
const TICKS_PER_SECOND: f64 = 100.0;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Figures for one program at one size, in one run.
#[derive(Debug, Default, Clone)]
struct Figures {
    first_screen: Duration,
    typing: Vec<Duration>,
    /// Structural keys by name.
    structural: BTreeMap<&'static str, Vec<Duration>>,
    /// Structural keys that showed nothing.
    unchanged: usize,
    bytes_per_key: f64,
    /// Bytes written for each typed key (its update and anything after it).
    key_bytes: Vec<usize>,
    cpu_per_key: Duration,
    peak_rss_kib: Option<u64>,
    quit: Duration,
    /// Keys after whose update more output came before the next key.
    later_updates: usize,
}

fn percentile(values: &[Duration], p: f64) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

impl Session {
    /// Waits until the screen shows what `ready` looks for; the time of the last
    /// byte of the burst that made it so.
    fn wait_for(&mut self, patience: Duration, ready: impl Fn(&Self) -> bool) -> Option<Instant> {
        let deadline = Instant::now() + patience;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let last = self.burst(left)?;
            if ready(self) {
                return Some(last);
            }
        }
    }

    /// What is visible: text with its colours and attributes, and the cursor (a
    /// space typed at the end of a line changes only where the cursor is).
    fn look(&self) -> (String, (u16, u16), bool) {
        let screen = self.screen.screen();
        (
            screen.contents_formatted(),
            screen.cursor_position(),
            screen.hide_cursor(),
        )
    }

    /// Waits for output to go quiet for [`QUIET`]; how many bursts came.
    fn settle(&mut self) -> usize {
        let mut bursts = 0;
        while self.burst(QUIET).is_some() {
            bursts += 1;
        }
        bursts
    }

    /// Sends `key` and times it to the first burst that changes the screen, then
    /// waits for quiet; None when nothing changed within `patience`. Whether more
    /// came after the update.
    fn timed(&mut self, key: &[u8], patience: Duration) -> (Option<Duration>, bool) {
        let before = self.look();
        let sent = self.send(key);
        let shown = self.wait_for(patience, |s| s.look() != before);
        let later = self.settle() > 0;
        (shown.map(|at| at.saturating_duration_since(sent)), later)
    }

    fn status_field(&self, field: &str) -> Option<u64> {
        self.proc_field("status", field)
    }

    /// User + system CPU time so far.
    fn cpu(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap_or_default();
        // Fields after the command name (which may hold spaces) in parentheses.
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after.split_whitespace().collect();
        // utime and stime are fields 14 and 15; `fields[0]` is field 3.
        let ticks: u64 = [11, 12]
            .iter()
            .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
            .sum();
        Duration::from_secs_f64(ticks as f64 / TICKS_PER_SECOND)
    }
}

/// How to run one program.
struct Program<'a> {
    name: &'static str,
    path: &'a Path,
    args: Vec<String>,
    env: &'a [(&'a str, &'a str)],
    /// Text on the screen once the first full frame is drawn.
    first_frame: String,
    /// Keys that open the editor on the notes (insert mode).
    enter: &'a [u8],
    /// Keys that leave the editor (not timed).
    leave: &'a [u8],
    /// One round of structural keys: (name, keys sent first untimed, timed key).
    round: &'a [(&'static str, &'a [u8], &'a [u8])],
    /// Keys that quit, the last one timed to the exit.
    quit: &'a [&'a [u8]],
}

/// Runs one program: first screen, typing, structural keys, quitting.
fn measure(program: &Program<'_>, dir: &Path, keys: usize, rounds: usize) -> Figures {
    let name = program.name;
    let args: Vec<&str> = program.args.iter().map(String::as_str).collect();
    let start = Instant::now();
    let mut session = Session::spawn(program.path, &args, dir, program.env);
    let first_frame = session
        .wait_for(Duration::from_secs(60), |session| {
            session
                .screen
                .screen()
                .contents()
                .contains(&program.first_frame)
        })
        .unwrap_or_else(|| {
            panic!(
                "{name} did not show {:?} within 60 s; screen:\n{}",
                program.first_frame,
                session.screen.screen().contents()
            )
        });
    let mut figures = Figures {
        first_screen: first_frame - start,
        ..Figures::default()
    };
    session.settle();
    session.send(program.enter);
    session.settle();

    let text = b"the quick brown fox jumps over the lazy dog ";
    let (cpu_before, bytes_before) = (session.cpu(), session.bytes);
    for i in 0..keys {
        let key = text[i % text.len()];
        let bytes = session.bytes;
        let (shown, later) = session.timed(&[key], Duration::from_secs(10));
        figures.key_bytes.push(session.bytes - bytes);
        let shown = shown.unwrap_or_else(|| {
            panic!(
                "{name} did not show key {i}; screen:\n{}",
                session.screen.screen().contents()
            )
        });
        figures.typing.push(shown);
        figures.later_updates += usize::from(later);
    }
    if let Some(dump) = std::env::var_os("SCRIBE_BENCH_DUMP") {
        // One line per typed key, to see which keys are slow: index, µs, bytes.
        let lines: String = (figures.typing.iter().zip(&figures.key_bytes))
            .enumerate()
            .map(|(i, (t, b))| format!("{name}\t{i}\t{}\t{b}\n", t.as_micros()))
            .collect();
        let mut dump = PathBuf::from(dump);
        dump.as_mut_os_string().push(format!(".{name}"));
        std::fs::write(&dump, lines).expect("write the dump");
    }
    figures.cpu_per_key = (session.cpu().saturating_sub(cpu_before)) / keys.max(1) as u32;
    figures.bytes_per_key = (session.bytes - bytes_before) as f64 / keys.max(1) as f64;
    session.send(program.leave);
    session.settle();

    for _ in 0..rounds {
        for (key_name, first, key) in program.round {
            if !first.is_empty() {
                session.send(first);
                session.settle();
            }
            match session.timed(key, NO_CHANGE) {
                (Some(latency), _) => figures
                    .structural
                    .entry(key_name)
                    .or_default()
                    .push(latency),
                (None, _) => figures.unchanged += 1,
            }
        }
    }
    figures.peak_rss_kib = session.status_field("VmHWM:");

    let (last, before) = program.quit.split_last().expect("quit keys");
    for keys in before {
        session.send(keys);
        session.settle();
    }
    let sent = session.send(last);
    // The exit is waited for on a thread, so a program that never quits is seen.
    let (tx, rx) = mpsc::channel();
    let mut child = session.child;
    thread::spawn(move || {
        let _ = child.wait();
        let _ = tx.send(Instant::now());
    });
    figures.quit = match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(at) => at.saturating_duration_since(sent),
        Err(_) => panic!("{name} did not quit within 30 s"),
    };
    figures
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// The median of a figure over repeats, with its spread when there are several.
fn summary(values: &[f64], digits: usize) -> String {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    if sorted.len() > 1 {
        format!(
            "{median:.digits$} ({:.digits$}–{:.digits$})",
            sorted[0],
            sorted[sorted.len() - 1]
        )
    } else {
        format!("{median:.digits$}")
    }
}

fn median_bytes(values: &[usize]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or(0) as f64
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

fn as_ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn main() {
    // `cargo bench` passes harness flags such as `--bench`; nothing to parse.
    let keys = setting("SCRIBE_BENCH_KEYS", 2000);
    let rounds = setting("SCRIBE_BENCH_ROUNDS", 40);
    let repeats = setting("SCRIBE_BENCH_REPEATS", 1).max(1);
    let scales: Vec<usize> = std::env::var("SCRIBE_BENCH_SCALES")
        .unwrap_or_else(|_| "1,10,100".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    // SCRIBE_BIN measures another build of scribe (say, before a change).
    let scribe = std::env::var_os("SCRIBE_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_scribe")),
        PathBuf::from,
    );
    let before = std::env::var_os("SCRIBE_BIN_BEFORE").map(PathBuf::from);
    let vim_found = std::process::Command::new("vim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let load_before = loadavg();

    // Figures by (scale, program), one per repeat.
    let mut results: BTreeMap<(usize, &'static str), Vec<Figures>> = BTreeMap::new();
    let mut sizes = BTreeMap::new();
    for repeat in 0..repeats {
        for &scale in &scales {
            let dir = tempfile::tempdir().expect("temp dir");
            let meeting = scribe::workload::meeting(scale);
            let yaml_path = dir.path().join("meeting.yaml");
            std::fs::write(&yaml_path, yaml_serde::to_string(&meeting).expect("yaml"))
                .expect("write");
            sizes.insert(scale, std::fs::metadata(&yaml_path).map_or(0, |m| m.len()));
            // vim opens a file of the same size.
            let vim_path = dir.path().join("meeting.md");
            std::fs::copy(&yaml_path, &vim_path).expect("copy");
            // The build before the change, if any, and this one, in turns.
            let mut builds: Vec<(&'static str, &Path)> = vec![("scribe", scribe.as_path())];
            if let Some(before) = &before {
                builds.insert(repeat % 2, ("before", before.as_path()));
            }
            for (name, path) in builds {
                eprintln!("repeat {}/{repeats}, scale {scale}: {name}", repeat + 1);
                // Each build in a folder of its own: its own journal and minutes.
                let run_dir = dir.path().join(name);
                std::fs::create_dir_all(&run_dir).expect("run dir");
                let yaml_path = run_dir.join("meeting.yaml");
                std::fs::copy(dir.path().join("meeting.yaml"), &yaml_path).expect("copy");
                let out_path = run_dir.join("minutes.md");
                let figures = measure(
                    &Program {
                        name,
                        path,
                        args: vec![
                            yaml_path.to_string_lossy().into_owned(),
                            "-o".into(),
                            out_path.to_string_lossy().into_owned(),
                        ],
                        env: &[("SCRIBE_FIXED_NOW", FIXED_NOW)],
                        first_frame: "Roster".into(),
                        // Third working section, its first item, its notes.
                        enter: b"]]]j\r",
                        leave: b"\x1b",
                        round: &[
                            ("Space", b"", b" "),
                            ("Space", b"", b" "),
                            ("Enter", b"", b"\r"),
                            ("Esc", b"", b"\x1b"),
                            ("Tab", b"", b"\t"),
                            ("p/r/x", b"", b"r"),
                            ("p/r/x", b"", b"x"),
                            ("p/r/x", b"", b"p"),
                            ("Tab", b"", b"\t"),
                        ],
                        quit: &[b"q"],
                    },
                    &run_dir,
                    keys,
                    rounds,
                );
                results.entry((scale, name)).or_default().push(figures);
            }
            if !vim_found {
                continue;
            }
            let first_line = std::fs::read_to_string(&vim_path)
                .ok()
                .and_then(|t| {
                    t.lines()
                        .next()
                        .map(|l| l.chars().take(40).collect::<String>())
                })
                .unwrap_or_default();
            eprintln!("repeat {}/{repeats}, scale {scale}: vim", repeat + 1);
            let figures = measure(
                &Program {
                    name: "vim",
                    path: Path::new("vim"),
                    args: vec![
                        "-u".into(),
                        "NONE".into(),
                        "-n".into(),
                        vim_path.to_string_lossy().into_owned(),
                    ],
                    env: &[],
                    first_frame: first_line,
                    // The end of the file, a new line, insert mode.
                    enter: b"Go",
                    leave: b"\x1b",
                    // `o` opens a line in insert mode; Esc and `dd` take it away.
                    round: &[("o", b"", b"o"), ("dd", b"\x1bd", b"d")],
                    quit: &[b"\x1b", b":q!", b"\r"],
                },
                dir.path(),
                keys,
                rounds,
            );
            results.entry((scale, "vim")).or_default().push(figures);
        }
    }
    let load_after = loadavg();

    let mut report = String::new();
    report.push_str(&format!(
        "# scribe beside vim: {keys} typed keys, {rounds} rounds of structural keys, \
         {repeats} repeat(s)\n\nMachine load (1, 5, 15 min): {load_before} before, \
         {load_after} after, on {} CPUs. Figures are medians over repeats, with the \
         spread (min–max) when there are several; both programs ran one after the \
         other on the same machine, so the ratios are what to read.\n\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    ));
    report.push_str(
        "| scale | program | first screen ms | typed p50 ms | p90 ms | p99 ms | \
         bytes/key mean | median | CPU ms/key | peak RSS MiB | quit ms |\n",
    );
    report.push_str("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let pick = |runs: &[Figures], f: &dyn Fn(&Figures) -> f64| -> Vec<f64> {
        runs.iter().map(f).collect()
    };
    for &scale in &scales {
        for program in ["before", "scribe", "vim"] {
            let Some(runs) = results.get(&(scale, program)) else {
                continue;
            };
            report.push_str(&format!(
                "| {scale}× | {program} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                summary(&pick(runs, &|f| as_ms(f.first_screen)), 1),
                summary(&pick(runs, &|f| as_ms(percentile(&f.typing, 0.5))), 3),
                summary(&pick(runs, &|f| as_ms(percentile(&f.typing, 0.9))), 3),
                summary(&pick(runs, &|f| as_ms(percentile(&f.typing, 0.99))), 3),
                summary(&pick(runs, &|f| f.bytes_per_key), 1),
                summary(&pick(runs, &|f| median_bytes(&f.key_bytes)), 0),
                summary(&pick(runs, &|f| as_ms(f.cpu_per_key)), 3),
                summary(
                    &pick(runs, &|f| f.peak_rss_kib.unwrap_or(0) as f64 / 1024.0),
                    1
                ),
                summary(&pick(runs, &|f| as_ms(f.quit)), 1),
            ));
        }
    }

    // scribe beside vim, and beside the build before the change when there is one.
    for (title, of, to) in [
        ("scribe / vim", "scribe", "vim"),
        ("scribe (before) / vim", "before", "vim"),
        ("scribe after / before", "scribe", "before"),
    ] {
        if !scales
            .iter()
            .any(|&scale| results.contains_key(&(scale, of)) && results.contains_key(&(scale, to)))
        {
            continue;
        }
        report.push_str(&format!("\n## {title} (medians)\n\n"));
        report.push_str(
            "| scale | first screen | typed p50 | p90 | p99 | bytes/key | CPU/key | peak RSS |\n",
        );
        report.push_str("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for &scale in &scales {
            let (Some(s), Some(v)) = (results.get(&(scale, of)), results.get(&(scale, to))) else {
                continue;
            };
            let ratio = |f: &dyn Fn(&Figures) -> f64| {
                format!("{:.2}×", median(&pick(s, f)) / median(&pick(v, f)))
            };
            report.push_str(&format!(
                "| {scale}× | {} | {} | {} | {} | {} | {} | {} |\n",
                ratio(&|f| as_ms(f.first_screen)),
                ratio(&|f| as_ms(percentile(&f.typing, 0.5))),
                ratio(&|f| as_ms(percentile(&f.typing, 0.9))),
                ratio(&|f| as_ms(percentile(&f.typing, 0.99))),
                ratio(&|f| f.bytes_per_key),
                ratio(&|f| as_ms(f.cpu_per_key)),
                ratio(&|f| f.peak_rss_kib.unwrap_or(0) as f64),
            ));
        }
    }

    report.push_str("\n## Structural keys, p50 / p90 ms (all repeats together)\n\n");
    report.push_str("| scale | program | key | count | p50 | p90 | p99 |\n");
    report.push_str("|---:|---|---|---:|---:|---:|---:|\n");
    for &scale in &scales {
        for program in ["before", "scribe", "vim"] {
            let Some(runs) = results.get(&(scale, program)) else {
                continue;
            };
            let mut by_key: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
            for run in runs {
                for (key, values) in &run.structural {
                    by_key.entry(key).or_default().extend(values);
                }
            }
            for (key, values) in by_key {
                report.push_str(&format!(
                    "| {scale}× | {program} | {key} | {} | {} | {} | {} |\n",
                    values.len(),
                    ms(percentile(&values, 0.5)),
                    ms(percentile(&values, 0.9)),
                    ms(percentile(&values, 0.99)),
                ));
            }
        }
    }
    report.push_str("\nMeeting files: ");
    report.push_str(
        &sizes
            .iter()
            .map(|(scale, bytes)| format!("{scale}× {bytes} bytes"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let unchanged: usize = results.values().flatten().map(|f| f.unchanged).sum();
    let later: BTreeMap<&str, usize> = results.iter().fold(BTreeMap::new(), |mut acc, (k, v)| {
        *acc.entry(k.1).or_default() += v.iter().map(|f| f.later_updates).sum::<usize>();
        acc
    });
    report.push_str(&format!(
        ".\n\nLatency: from the write of a key to the last byte of the screen update it \
         caused (the first burst of output, chunks < {} ms apart, that changed what is \
         visible: text, colours or cursor); the next key is sent after {} ms of quiet. \
         scribe runs with its clock stopped (SCRIBE_FIXED_NOW={FIXED_NOW}), so no timer \
         redraws. Bytes per key: all written from one typed key to the next (mean, and \
         median: a line that wraps or scrolls rewrites much of the pane). CPU per key is \
         user + system time of the whole process over the typing ({}-ms ticks; scribe's \
         includes its writer thread). \
         Structural keys that showed nothing within {} ms (attendance already so, \
         none expected): {unchanged}. Typed keys followed by a later update before the next \
         key (not timed): {later:?}.{}\n",
        BURST_GAP.as_millis(),
        QUIET.as_millis(),
        (1000.0 / TICKS_PER_SECOND) as u32,
        NO_CHANGE.as_millis(),
        if vim_found {
            ""
        } else {
            " vim was not found: scribe alone."
        },
    ));
    print!("{report}");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&target);
    match std::fs::write(target.join("bench-report.md"), &report) {
        Ok(()) => println!("(written to target/bench-report.md)"),
        Err(e) => eprintln!("could not write target/bench-report.md: {e}"),
    }
}
