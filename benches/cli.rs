//! The one-shot commands beside `cmark`: `scribe check`, `render`, `import` and
//! `next` at 1×, 10× and 100× the reference meeting, against cmark's parse of
//! the same Markdown (the target: at 100×, each within 2× of cmark).
//!
//! Run with `cargo bench --bench cli`. For each scale, `scribe::workload::meeting`
//! is written as a YAML meeting file (`meeting.yaml`) and as the minutes `scribe
//! render` makes of it (`minutes.md`, the seed style), which `import` and `next`
//! read as the format-preserving document. Timed as whole processes, one after the
//! other in round robin (so a busy machine slows all alike):
//!
//! - `scribe check meeting.yaml`, `scribe render meeting.yaml -o x.md`,
//!   `scribe import minutes.md -o m.yaml`, `scribe next minutes.md -o a.md`;
//! - `cmark minutes.md` and `cmark meeting.yaml` (the YAML's bytes read as
//!   Markdown: the same input size as `check` and `render` read);
//! - `scribe --version` and `cmark --version`: the cost of starting a process.
//!
//! `check` and `render` are paired with cmark on `meeting.yaml` (the bytes they
//! read), `import` and `next` with cmark on `minutes.md`; the table gives both
//! ratios and marks the paired one. In process, the library functions behind each
//! command are timed beside `pulldown_cmark::Parser` over the same text (events
//! counted), to tell the start of a process from the work.
//!
//! Settable through the environment: `SCRIBE_BENCH_SCALES` (`1,10,100`),
//! `SCRIBE_BENCH_REPEATS` runs of each (11; at least 10), and `SCRIBE_BIN` another
//! build of scribe (say, before a change), timed in the same round robin beside
//! this one. The commands run with `HOME` and the XDG folders in a temporary
//! folder, so no user config changes what they do. The table is printed and
//! written to `target/cli-bench-report.md`, with the machine's load.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use scribe::input::{Source, parse_input};
use scribe::markdown::{import_meeting, next_agenda};
use scribe::meeting_file::to_yaml;
use scribe::minutes::to_markdown;
use scribe::model::Style;

const CMARK: &str = "/usr/bin/cmark";

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// One process to time: its label and command line.
struct Run {
    label: String,
    program: PathBuf,
    args: Vec<OsString>,
}

impl Run {
    fn new(label: impl Into<String>, program: &Path, args: &[&str]) -> Run {
        Run {
            label: label.into(),
            program: program.to_path_buf(),
            args: args.iter().map(OsString::from).collect(),
        }
    }

    /// Runs it once with stdout discarded; its wall time. A failure stops the
    /// bench: a command that fails fast would look fast.
    fn time(&self, cwd: &Path, home: &Path) -> Duration {
        let start = Instant::now();
        let out = Command::new(&self.program)
            .args(&self.args)
            .current_dir(cwd)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.label));
        let took = start.elapsed();
        assert!(
            out.status.success(),
            "{} failed ({}): {}",
            self.label,
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        took
    }
}

/// Median, min and max in milliseconds.
fn stats(values: &[Duration]) -> (f64, f64, f64) {
    let mut ms: Vec<f64> = values.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[0], ms[ms.len() - 1])
}

fn cell(values: &[Duration]) -> String {
    let (median, min, max) = stats(values);
    format!("{median:.1} ({min:.1}–{max:.1})")
}

fn median_ms(values: Option<&Vec<Duration>>) -> Option<f64> {
    values.filter(|v| !v.is_empty()).map(|v| stats(v).0)
}

/// The files of one scale: inputs in `in/` (the folder `next` reads for the
/// history of its items holds only the minutes), outputs in `out/`.
struct Files {
    dir: tempfile::TempDir,
    yaml: String,
    markdown: String,
}

fn files(scale: usize) -> Files {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["in", "out", "home"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
    }
    let meeting = scribe::workload::meeting(scale);
    let yaml = yaml_serde::to_string(&meeting).expect("yaml");
    let markdown = to_markdown(&meeting, Style::Seed);
    std::fs::write(dir.path().join("in/meeting.yaml"), &yaml).expect("write");
    std::fs::write(dir.path().join("in/minutes.md"), &markdown).expect("write");
    Files {
        dir,
        yaml,
        markdown,
    }
}

/// The process runs of one scale, for each build of scribe.
fn runs(scribes: &[(String, PathBuf)], cmark: bool) -> Vec<Run> {
    let mut out = Vec::new();
    for (build, bin) in scribes {
        let b = |cmd: &str| format!("{build}: {cmd}");
        out.push(Run::new(b("check"), bin, &["check", "in/meeting.yaml"]));
        out.push(Run::new(
            b("render"),
            bin,
            &["render", "in/meeting.yaml", "-o", "out/x.md"],
        ));
        out.push(Run::new(
            b("import"),
            bin,
            &["import", "in/minutes.md", "-o", "out/m.yaml"],
        ));
        out.push(Run::new(
            b("next"),
            bin,
            &["next", "in/minutes.md", "-o", "out/a.md"],
        ));
        out.push(Run::new(b("--version"), bin, &["--version"]));
    }
    if cmark {
        let c = Path::new(CMARK);
        out.push(Run::new("cmark minutes.md", c, &["in/minutes.md"]));
        out.push(Run::new("cmark meeting.yaml", c, &["in/meeting.yaml"]));
        out.push(Run::new("cmark --version", c, &["--version"]));
    }
    out
}

/// The library work behind each command, and pulldown-cmark over the same text.
fn in_process(f: &Files, scale: usize, repeats: usize) -> BTreeMap<&'static str, Vec<Duration>> {
    let yaml_path = f.dir.path().join("in/meeting.yaml");
    let md_path = f.dir.path().join("in/minutes.md");
    let in_dir = f.dir.path().join("in");
    let events = |text: &str| {
        pulldown_cmark::Parser::new_ext(text, scribe::markdown::markdown_options()).count()
    };
    let read = |path: &Path, text: &str| parse_input(path, text.as_bytes()).expect("input");
    type Step<'a> = (&'static str, Box<dyn Fn() -> usize + 'a>);
    let steps: Vec<Step> = vec![
        (
            "pulldown-cmark events, minutes.md",
            Box::new(|| events(&f.markdown)),
        ),
        (
            "pulldown-cmark events, meeting.yaml",
            Box::new(|| events(&f.yaml)),
        ),
        (
            "read meeting.yaml (YAML → meeting)",
            Box::new(|| match read(&yaml_path, &f.yaml) {
                Source::Yaml(m) => m.agenda.len(),
                Source::Markdown(_) => unreachable!(),
            }),
        ),
        (
            "read minutes.md (Document::parse)",
            Box::new(|| match read(&md_path, &f.markdown) {
                Source::Markdown(d) => d.source().len(),
                Source::Yaml(_) => unreachable!(),
            }),
        ),
        (
            "check: read + summary",
            Box::new(|| match read(&yaml_path, &f.yaml) {
                Source::Yaml(m) => scribe::cli::summary(&yaml_path, &m, Path::new("x.md")).len(),
                Source::Markdown(_) => unreachable!(),
            }),
        ),
        (
            "render: read + to_markdown",
            Box::new(|| match read(&yaml_path, &f.yaml) {
                Source::Yaml(m) => to_markdown(&m, Style::Seed).len(),
                Source::Markdown(_) => unreachable!(),
            }),
        ),
        (
            "import: read + import_meeting + to_yaml",
            Box::new(|| match read(&md_path, &f.markdown) {
                Source::Markdown(d) => to_yaml(&import_meeting(&d)).len(),
                Source::Yaml(_) => unreachable!(),
            }),
        ),
        (
            "next: read + next_agenda",
            Box::new(|| match read(&md_path, &f.markdown) {
                Source::Markdown(d) => next_agenda(&d, &d.meeting()).len(),
                Source::Yaml(_) => unreachable!(),
            }),
        ),
        (
            "next: the folder's history (carried items)",
            Box::new(|| {
                let (minutes, _) = scribe::history::read_folder(&in_dir).expect("folder");
                let ledger = scribe::history::build(&minutes);
                ledger.carried_at(0, 3).len()
            }),
        ),
    ];
    let mut times: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    for run in 0..repeats {
        eprintln!("scale {scale}: in process, run {}/{repeats}", run + 1);
        for (name, step) in &steps {
            let start = Instant::now();
            std::hint::black_box(step());
            times.entry(name).or_default().push(start.elapsed());
        }
    }
    times
}

fn main() {
    // `cargo bench` passes harness flags such as `--bench`; nothing to parse.
    let repeats = setting("SCRIBE_BENCH_REPEATS", 11).max(10);
    let scales: Vec<usize> = std::env::var("SCRIBE_BENCH_SCALES")
        .unwrap_or_else(|_| "1,10,100".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let mut scribes = vec![(
        "scribe".to_string(),
        PathBuf::from(env!("CARGO_BIN_EXE_scribe")),
    )];
    // SCRIBE_BIN: another build, timed beside this one in the same round robin.
    if let Some(other) = std::env::var_os("SCRIBE_BIN") {
        scribes.push(("SCRIBE_BIN".to_string(), PathBuf::from(other)));
    }
    let cmark = Command::new(CMARK)
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let load_before = loadavg();

    let mut report = String::new();
    let mut process_rows = String::new();
    let mut library_rows = String::new();
    let mut sizes = Vec::new();
    for &scale in &scales {
        let f = files(scale);
        sizes.push(format!(
            "{scale}×: meeting.yaml {} bytes, minutes.md {} bytes",
            f.yaml.len(),
            f.markdown.len()
        ));
        let home = f.dir.path().join("home");
        let runs = runs(&scribes, cmark);
        let mut times: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
        // One warm-up run of each (page cache, first exec), not counted.
        for r in &runs {
            r.time(f.dir.path(), &home);
        }
        for round in 0..repeats {
            eprintln!("scale {scale}: processes, round {}/{repeats}", round + 1);
            // The order turns each round, so none always follows the same one.
            for i in 0..runs.len() {
                let r = &runs[(i + round) % runs.len()];
                let took = r.time(f.dir.path(), &home);
                times.entry(r.label.as_str()).or_default().push(took);
            }
        }
        let md = median_ms(times.get("cmark minutes.md"));
        let yaml = median_ms(times.get("cmark meeting.yaml"));
        let ratio = |ms: f64, base: Option<f64>| {
            base.map_or("–".to_string(), |b| format!("{:.2}×", ms / b))
        };
        for r in &runs {
            let t = &times[r.label.as_str()];
            let ms = stats(t).0;
            let paired = if r.label.ends_with("check") || r.label.ends_with("render") {
                Some(("meeting.yaml", yaml))
            } else if r.label.ends_with("import") || r.label.ends_with("next") {
                Some(("minutes.md", md))
            } else {
                None
            };
            let verdict = match paired {
                Some((name, Some(base))) => format!(
                    "{name}: {}",
                    if ms <= 2.0 * base {
                        "within 2×"
                    } else {
                        "over 2×"
                    }
                ),
                Some((name, None)) => format!("{name}: no cmark"),
                None => String::new(),
            };
            process_rows.push_str(&format!(
                "| {scale}× | {} | {} | {} | {} | {verdict} |\n",
                r.label,
                cell(t),
                ratio(ms, md),
                ratio(ms, yaml),
            ));
        }
        let lib = in_process(&f, scale, repeats);
        let base = median_ms(lib.get("pulldown-cmark events, minutes.md"));
        for (name, t) in &lib {
            library_rows.push_str(&format!(
                "| {scale}× | {name} | {} | {} |\n",
                cell(t),
                ratio(stats(t).0, base)
            ));
        }
    }
    let load_after = loadavg();

    report.push_str(&format!(
        "# scribe's one-shot commands beside cmark, {repeats} runs each\n\n\
         Machine load (1, 5, 15 min): {load_before} before, {load_after} after, on {} CPUs. \
         Wall time in ms: median (min–max). Processes ran in round robin, so load \
         hits all alike; the ratios are what to read.\n\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    ));
    report.push_str(
        "## Whole processes\n\n\
         `check` and `render` read meeting.yaml and are paired with cmark on those bytes; \
         `import` and `next` read minutes.md and are paired with cmark on it. \
         The target: the paired ratio within 2× at 100×.\n\n\
         | scale | run | ms | / cmark minutes.md | / cmark meeting.yaml | paired with, verdict |\n\
         |---:|---|---:|---:|---:|---|\n",
    );
    report.push_str(&process_rows);
    if !cmark {
        report.push_str(&format!(
            "\ncmark was not found at {CMARK} (Debian package `cmark`): no ratios.\n"
        ));
    }
    report.push_str(
        "\n## In process (this build's library)\n\n\
         | scale | step | ms | / pulldown-cmark minutes.md |\n|---:|---|---:|---:|\n",
    );
    report.push_str(&library_rows);
    report.push_str(&format!("\nInputs: {}.\n", sizes.join("; ")));
    if scribes.len() > 1 {
        report.push_str(&format!("\nSCRIBE_BIN = {}.\n", scribes[1].1.display()));
    }
    print!("{report}");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&target);
    match std::fs::write(target.join("cli-bench-report.md"), &report) {
        Ok(()) => println!("(written to target/cli-bench-report.md)"),
        Err(e) => eprintln!("could not write target/cli-bench-report.md: {e}"),
    }
}
