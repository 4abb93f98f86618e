//! The item ledger over a folder of minutes (`scribe history`): 10, 50 and 100
//! meetings, each 100 times the reference minutes (`workload::meeting(100)`,
//! about 1,000 items and 20,000 note lines) rendered to Markdown, with a date
//! a fortnight apart and a few items reworded, checked or dropped per meeting so
//! that every matching rule is exercised. Target: 100 meetings under a second.
//!
//! `build` times the ledger from parsed minutes; `parse_and_build` adds reading
//! each Markdown file with `markdown::Document` (what `scribe history` does after
//! reading the files). Run with `cargo bench --bench history`.

use std::path::Path;

use chrono::Duration;
use divan::Bencher;
use scribe::history::{self, Minutes};
use scribe::markdown::Document;
use scribe::minutes::to_markdown;
use scribe::model::{Item, Shared, Style};
use scribe::workload;

const MEETINGS: [usize; 3] = [10, 50, 100];

fn main() {
    divan::main();
}

/// The Markdown minutes of `n` meetings: the scale-100 meeting, one every
/// fourteen days, in the checkbox style, with meeting `i` rewording, checking
/// and dropping a few items (different ones each time).
fn folder(n: usize) -> Vec<(String, String)> {
    let base = workload::meeting(100);
    let mut seq = workload::Sequence(0x4157);
    (0..n)
        .map(|i| {
            let mut m = base.clone();
            m.meeting_time += Duration::days(14 * i as i64);
            let items: Vec<&mut Shared<Item>> = m
                .agenda
                .iter_mut()
                .flat_map(|s| s.items.iter_mut())
                .collect();
            let count = items.len();
            for (k, item) in items.into_iter().enumerate() {
                if count > 0 && seq.next(20) == 0 {
                    match k % 3 {
                        0 => item.title.push_str(" (reworded)"),
                        1 => item.checked = Some(true),
                        _ => item.title = format!("{} {}", seq.words(4), k),
                    }
                }
            }
            let file = format!("minutes-{}.md", m.meeting_time.format("%Y-%m-%d"));
            (file, to_markdown(&m, Style::Checkbox))
        })
        .collect()
}

fn parse(files: &[(String, String)]) -> Vec<Minutes> {
    let mut minutes: Vec<Minutes> = files
        .iter()
        .map(|(name, text)| {
            Minutes::from_document(&Document::parse(Path::new(name), text.as_bytes()).unwrap())
        })
        .collect();
    history::sort_minutes(&mut minutes);
    minutes
}

#[divan::bench(args = MEETINGS, sample_count = 5, sample_size = 1)]
fn build(bencher: Bencher, meetings: usize) {
    let minutes = parse(&folder(meetings));
    bencher.bench_local(|| history::build(divan::black_box(&minutes)));
}

#[divan::bench(args = MEETINGS, sample_count = 1, sample_size = 1)]
fn parse_and_build(bencher: Bencher, meetings: usize) {
    let files = folder(meetings);
    bencher.bench_local(|| history::build(&parse(divan::black_box(&files))));
}
