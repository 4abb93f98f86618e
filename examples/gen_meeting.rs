//! Writes a synthetic meeting file `--scale N` times the reference minutes to stdout
//! (or `-o FILE`), for benchmarks and for trying scribe on a long meeting.
//!
//!     cargo run --example gen_meeting -- --scale 100 -o big.yaml

use std::path::PathBuf;

use clap::Parser;

/// Generate a meeting file N times the size of the reference minutes.
#[derive(Parser)]
struct Args {
    /// How many times the reference minutes (100: ~1,000 items, 200 people, 20,000 note lines).
    #[arg(long, default_value_t = 1)]
    scale: usize,
    /// Where to write the YAML meeting file (stdout when absent).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let meeting = scribe::workload::meeting(args.scale);
    let yaml = yaml_serde::to_string(&meeting)?;
    match args.output {
        Some(path) => std::fs::write(&path, yaml)?,
        None => print!("{yaml}"),
    }
    let (items, people, notes) = scribe::workload::size(&meeting);
    eprintln!(
        "scale {}: {items} items, {people} people, {notes} note lines",
        args.scale
    );
    Ok(())
}
