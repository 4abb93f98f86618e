//! What the journal costs a keystroke, on this machine's disk.
//!
//! Run with `cargo bench --bench journal [DIR]` (DIR defaults to the system's temp
//! folder; give a folder on the disk that holds your data directory). It appends
//! typing records the way the live interface does and times each append:
//!
//! - policy: the line is written at once, fsync at most once a second (scribe's),
//!   typed at 100 keys a second so that the once-a-second syncs fall on some keys;
//! - fsync each: fdatasync after every key (what power-loss safety per key would cost).

use std::time::{Duration, Instant};

use chrono::Utc;
use scribe::app::{Action, Key};
use scribe::services::journal::{Entry, Journal, Record};

const KEYS: usize = 400;

fn run(
    dir: &std::path::Path,
    name: &str,
    pace: Duration,
    each: impl Fn(&mut Journal, &Record<Action>),
) {
    let path = dir.join(format!("bench-{name}.jsonl"));
    let _ = std::fs::remove_file(&path);
    let mut journal = Journal::open(&path).expect("journal");
    let mut times = Vec::with_capacity(KEYS);
    for i in 0..KEYS {
        let c = char::from(b'a' + (i % 26) as u8);
        let record = Record {
            at: Utc::now().into(),
            entry: Entry::Action {
                action: Action::Type(Key::char(c)),
            },
        };
        let start = Instant::now();
        each(&mut journal, &record);
        times.push(start.elapsed());
        std::thread::sleep(pace);
    }
    let _ = std::fs::remove_file(&path);
    times.sort();
    let mean = times.iter().sum::<Duration>() / KEYS as u32;
    let pct = |p: f64| times[((KEYS as f64 * p) as usize).min(KEYS - 1)];
    println!(
        "{name:<12} mean {:>9.1?}  p50 {:>9.1?}  p99 {:>9.1?}  max {:>9.1?}",
        mean,
        pct(0.5),
        pct(0.99),
        times[KEYS - 1]
    );
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map_or_else(std::env::temp_dir, std::path::PathBuf::from);
    println!(
        "journal append per keystroke, {KEYS} keys, in {}",
        dir.display()
    );
    run(&dir, "policy", Duration::from_millis(10), |j, r| {
        j.append(r, false).expect("append")
    });
    run(&dir, "fsync each", Duration::ZERO, |j, r| {
        j.append(r, true).expect("append")
    });
}
