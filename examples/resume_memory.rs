//! Where the memory of a resume from a snapshot goes, at scale 100: live heap
//! bytes (a counting allocator: now, and the most during the phase) and the
//! process's VmRSS and VmHWM after each phase of a resume.
//!
//! `cargo run --release --example resume_memory -- setup DIR` writes a meeting
//! (its base copy, as a resume reads it), the workload's journal of 50,000
//! actions and, after a full replay, its snapshot;
//! `... -- measure DIR` then resumes that journal from the snapshot, as after a
//! kill, and replays the history before the snapshot for undo.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use scribe::app::Action;
use scribe::services::journal::{Journal, Record, fnv1a64, read};
use scribe::services::snapshot;

/// The system allocator, counting the bytes it holds.
struct Counting;
static CUR: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        let now = CUR.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(now, Relaxed);
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        CUR.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if new > l.size() {
            let now = CUR.fetch_add(new - l.size(), Relaxed) + new - l.size();
            PEAK.fetch_max(now, Relaxed);
        } else {
            CUR.fetch_sub(l.size() - new, Relaxed);
        }
        q
    }
}

#[global_allocator]
static A: Counting = Counting;

fn status(field: &str) -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = s.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<f64>()
        .unwrap()
        / 1024.0
}

fn phase(name: &str) {
    let mib = |b: usize| b as f64 / 1048576.0;
    println!(
        "{name:40} live {:6.1} MiB  peak in phase {:6.1} MiB  VmRSS {:5.1}  VmHWM {:5.1}",
        mib(CUR.load(Relaxed)),
        mib(PEAK.load(Relaxed)),
        status("VmRSS:"),
        status("VmHWM:")
    );
    PEAK.store(CUR.load(Relaxed), Relaxed);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(&args[2]);
    let journal = dir.join("m.jsonl");
    let base = dir.join("m.base");
    if args[1] == "setup" {
        std::fs::create_dir_all(dir).unwrap();
        let meeting = scribe::workload::meeting(100);
        std::fs::write(&base, yaml_serde::to_string(&meeting).unwrap()).unwrap();
        let mut lines = String::new();
        for r in scribe::workload::journal(100) {
            lines.push_str(&serde_json::to_string(&r).unwrap());
            lines.push('\n');
        }
        std::fs::write(&journal, lines).unwrap();
    }
    phase("start");
    // As a resume reads it: the base copy, parsed, then let go.
    let text = std::fs::read_to_string(&base).unwrap();
    let base_hash = fnv1a64(text.as_bytes());
    let meeting = scribe::meeting_file::parse_meeting(&text, &base).unwrap();
    drop(text);
    let app = scribe::workload::live_app(meeting);
    phase("base parsed");
    let records: Vec<Record<Action>> = read(&journal).unwrap().last_session;
    phase("records read");
    let mut session = snapshot::resume(app, records, Journal::open(&journal).unwrap(), base_hash);
    println!("from snapshot: {}", session.resumed_from_snapshot());
    phase("resumed (first frame)");
    if args[1] == "setup" {
        session.apply(Action::LeaveEditor, session.app.now);
        session.apply(Action::Cancel, session.app.now);
        session.snapshot_soon();
        session.wait_for_snapshots();
        return;
    }
    session.sync_if_due();
    phase("first turn of the replay before it");
    while session.history_before_snapshot_pending() {
        std::thread::sleep(std::time::Duration::from_millis(20));
        session.sync_if_due();
    }
    phase("replay before the snapshot taken in");
}
