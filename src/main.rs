//! The `scribe` binary: the live interface (the default, or `scribe run`) and the
//! CLI subcommands.

use std::process::ExitCode;

use clap::Parser;

use scribe::cli::{Cli, Command, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Run(cli.run));
    match run(&command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // A message may quote a file's text: never raw to the terminal.
            eprintln!("{}", scribe::text::printable(&failure.to_string()));
            failure.exit_code()
        }
    }
}
