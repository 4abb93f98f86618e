//! The `scribe` binary. (The full CLI with its subcommands is defined in `cli`;
//! until it is wired in, this opens the live interface on a meeting file or the
//! demo: `scribe [FILE] [-o OUT.md] [--keymap FILE]`, and `scribe keys`.)

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut opts = scribe::tui::RunOptions::default();
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-o" | "--output") => opts.output = args.next().map(PathBuf::from),
            Some("--keymap") => opts.keymap = args.next().map(PathBuf::from),
            Some("keys") => {
                let map = scribe::keymap::Keymap::load(
                    opts.keymap.as_deref(),
                    scribe::keymap::user_keymap_path().as_deref(),
                )?;
                print!("{}", scribe::keymap::describe(&map));
                return Ok(());
            }
            _ => opts.input = Some(PathBuf::from(arg)),
        }
    }
    // Scripted runs and end-to-end tests stop the clock at a given time.
    if let Some(t) = std::env::var_os("SCRIBE_FIXED_NOW") {
        let t = t.to_string_lossy();
        let t = chrono::DateTime::parse_from_rfc3339(&t)
            .map_err(|e| anyhow::anyhow!("SCRIBE_FIXED_NOW={t}: {e}"))?;
        opts.fixed_now = Some(t.with_timezone(&chrono::Utc));
    }
    scribe::tui::run(opts)
}
