//! Shell completions and the man page, generated from the clap command that
//! defines the CLI, so they always list exactly the subcommands and options the
//! binary accepts (`scribe completions bash|zsh|fish`, `scribe man`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use clap_complete::Shell;

/// Writes the completion script for `shell` to `out`. The command's name is the
/// program name completed (`scribe`).
pub fn completions(cmd: &mut clap::Command, shell: Shell, out: &mut dyn Write) {
    let name = cmd.get_name().to_string();
    clap_complete::generate(shell, cmd, name, out);
}

/// Writes the man page (roff, section 1) of `cmd` to `out`, with its subcommands
/// listed in it.
pub fn man_page(cmd: &clap::Command, out: &mut dyn Write) -> io::Result<()> {
    clap_mangen::Man::new(for_man(cmd)).render(out)
}

/// The command as documented in man pages: without clap's `help` subcommand, which
/// would otherwise be listed as a `scribe-help(1)` page that says nothing `--help`
/// does not.
fn for_man(cmd: &clap::Command) -> clap::Command {
    cmd.clone().disable_help_subcommand(true)
}

/// Writes the man pages of `cmd` and of each of its subcommands (`scribe.1`,
/// `scribe-render.1`, …) into `dir`, as the main page refers to them; returns
/// the files written, sorted.
pub fn write_man_pages(cmd: &clap::Command, dir: &Path) -> io::Result<Vec<PathBuf>> {
    clap_mangen::generate_to(for_man(cmd), dir)?;
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "1"))
        .collect();
    pages.sort();
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, Command};
    use std::process::Command as Process;

    /// A small command shaped like scribe's.
    fn cli() -> Command {
        Command::new("scribe")
            .version("0.1.0")
            .about("Take the minutes of a timeboxed meeting live, in a terminal")
            .subcommand(
                Command::new("render")
                    .about("Write the minutes of a meeting file")
                    .arg(Arg::new("MEETING").required(true))
                    .arg(
                        Arg::new("style")
                            .long("style")
                            .value_parser(["seed", "checkbox"])
                            .help("Output style"),
                    ),
            )
            .subcommand(
                Command::new("actions")
                    .about("List open action items by person")
                    .arg(
                        Arg::new("json")
                            .long("json")
                            .action(clap::ArgAction::SetTrue),
                    ),
            )
    }

    fn generated(shell: Shell) -> String {
        let mut out = Vec::new();
        completions(&mut cli(), shell, &mut out);
        String::from_utf8(out).expect("completion scripts are UTF-8")
    }

    /// Runs bash's own completion machinery on the generated script: what bash
    /// would offer after `scribe <words>` with the cursor at the end.
    fn bash_offers(words: &[&str]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("scribe.bash");
        std::fs::write(&script, generated(Shell::Bash)).unwrap();
        let mut all = vec!["scribe"];
        all.extend_from_slice(words);
        let line = all.join(" ");
        let quoted: Vec<String> = all.iter().map(|w| format!("'{w}'")).collect();
        let driver = format!(
            "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{}'\nCOMP_POINT={}\n\
             _scribe scribe '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            script.display(),
            quoted.join(" "),
            all.len() - 1,
            line,
            line.len(),
            all[all.len() - 1],
            all[all.len().saturating_sub(2)],
        );
        let output = Process::new("bash")
            .arg("-c")
            .arg(driver)
            .output()
            .expect("bash runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_string)
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn bash_completes_subcommands_and_option_values() {
        let script = generated(Shell::Bash);
        let syntax = Process::new("bash")
            .arg("-n")
            .arg("-c")
            .arg(&script)
            .output()
            .expect("bash runs");
        assert!(syntax.status.success(), "bash -n rejects the script");

        assert_eq!(bash_offers(&["re"]), vec!["render"]);
        assert_eq!(bash_offers(&["ac"]), vec!["actions"]);
        let mut styles = bash_offers(&["render", "--style", ""]);
        styles.sort();
        assert_eq!(styles, vec!["checkbox", "seed"]);
        assert_eq!(bash_offers(&["actions", "--j"]), vec!["--json"]);
    }

    #[test]
    fn zsh_and_fish_scripts_name_the_program_and_subcommands() {
        let zsh = generated(Shell::Zsh);
        assert!(
            zsh.starts_with("#compdef scribe\n"),
            "zsh autoloads by #compdef"
        );
        assert!(zsh.contains("'render:Write the minutes of a meeting file'"));
        let fish = generated(Shell::Fish);
        assert!(fish.contains("complete -c scribe"));
        assert!(fish.contains("-a \"actions\" -d 'List open action items by person'"));
        assert!(fish.contains("-l style -d 'Output style' -r -f -a \"seed\\t''\ncheckbox\\t''\""));
    }

    #[test]
    fn man_pages_for_every_subcommand_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let pages = write_man_pages(&cli(), dir.path()).unwrap();
        let names: Vec<String> = pages
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .collect();
        assert_eq!(
            names,
            vec!["scribe-actions.1", "scribe-render.1", "scribe.1"]
        );
        let render = std::fs::read_to_string(&pages[1]).unwrap();
        assert!(render.contains("Output style"));
    }
}
