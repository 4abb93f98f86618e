//! The `scribe` binary: the CLI subcommands, and with no subcommand the
//! bundled demo meeting.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use scribe::cli::{Cli, run};
use scribe::meeting_file::parse_meeting;
use scribe::render::{Style, render};

/// The demo meeting, built into the binary so that `cargo run` works anywhere.
const DEMO_MEETING: &str = include_str!("../examples/demo.yaml");

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => match run(command) {
            Ok(()) => ExitCode::SUCCESS,
            Err(failure) => {
                eprintln!("{failure}");
                failure.exit_code()
            }
        },
        None => demo(),
    }
}

/// Prints the demo meeting's minutes (until the TUI opens it instead).
fn demo() -> ExitCode {
    match parse_meeting(DEMO_MEETING, Path::new("examples/demo.yaml")) {
        Ok(meeting) => {
            let minutes = render(&meeting, Style::Seed);
            // A closed pipe is not worth a message.
            let _ = std::io::stdout().write_all(minutes.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
