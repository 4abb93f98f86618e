//! Where the minutes of a meeting go: beside the meeting file, in the configured
//! folder, or where the file's `output:` says — never outside the file's own
//! folder, whatever a file from a stranger asks for.

use std::path::{Path, PathBuf};

use crate::error::InputError;
use crate::model::Meeting;

/// The minutes' path for a meeting file: `<stem>-minutes.md` beside it, or in
/// `folder` when one is configured.
pub fn default_output(input: &Path, folder: Option<&Path>) -> PathBuf {
    let stem = input
        .file_stem()
        .map_or_else(|| "meeting".into(), |s| s.to_string_lossy().into_owned());
    let name = format!("{stem}-minutes.md");
    match folder {
        Some(folder) => folder.join(name),
        None => input.with_file_name(name),
    }
}

/// Where the minutes of `input` go without `-o`: for a meeting file its `output:`
/// (inside its folder, see [`contained`]), else `<stem>-minutes.md` beside it
/// (or in the configured `folder`); a Markdown agenda is the document being
/// filled in, so its minutes are written over it.
pub fn minutes_path(
    input: &Path,
    bytes: &[u8],
    meeting: &Meeting,
    yaml: bool,
    folder: Option<&Path>,
) -> Result<PathBuf, InputError> {
    match (yaml, &meeting.output) {
        (false, _) => Ok(input.to_path_buf()),
        (true, Some(out)) => contained(input, bytes, out),
        (true, None) => Ok(default_output(input, folder)),
    }
}

/// The meeting file's `output:` joined to its folder, refused when it would land
/// outside that folder once symbolic links are followed (`..` and absolute
/// paths are refused when the file is read). A file from a stranger must never
/// make scribe write over, say, `~/.bashrc`.
fn contained(input: &Path, bytes: &[u8], out: &Path) -> Result<PathBuf, InputError> {
    let folder = match input.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let joined = input.parent().unwrap_or(Path::new("")).join(out);
    let refuse = |why: String| {
        // The line of the `output:` key, for the message.
        let text = String::from_utf8_lossy(bytes);
        let line = text
            .lines()
            .position(|l| l.starts_with("output:"))
            .map_or(1, |i| i + 1);
        InputError::at(
            input,
            line,
            1,
            format!(
                "`output: {}` {why}; expected a file in the meeting file's folder (use `-o` to write elsewhere)",
                out.display()
            ),
        )
    };
    let home =
        std::fs::canonicalize(folder).map_err(|e| refuse(format!("cannot be checked ({e})")))?;
    // The file itself if it exists (a link is followed), else its folder.
    let resolved = match std::fs::canonicalize(&joined) {
        Ok(path) => path,
        Err(_) => match (joined.parent(), joined.file_name()) {
            (Some(dir), Some(name)) => std::fs::canonicalize(dir)
                .map(|d| d.join(name))
                .map_err(|e| refuse(format!("names a folder that cannot be used ({e})")))?,
            _ => return Err(refuse("names no file".into())),
        },
    };
    if !resolved.starts_with(&home) {
        return Err(refuse(format!(
            "leads through a symbolic link to {}, outside this file's folder",
            resolved.display()
        )));
    }
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_output_sits_beside_the_input() {
        assert_eq!(
            default_output(Path::new("/m/2024-05-15.yaml"), None),
            PathBuf::from("/m/2024-05-15-minutes.md")
        );
        assert_eq!(
            default_output(Path::new("/m/2024-05-15.yaml"), Some(Path::new("/out"))),
            PathBuf::from("/out/2024-05-15-minutes.md")
        );
    }
}
