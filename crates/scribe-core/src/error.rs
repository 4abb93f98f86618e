//! The one error type for bad user data: a file, a position in it and what was
//! expected there.
//!
//! Every reader (YAML meeting file, Markdown agenda) reports problems with the
//! user's files through [`InputError`], so the CLI can print them the same way
//! (`path:line:column: message`) and exit with status 2.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem with a user's input file, at a known position (1-based line and
/// column; line 1, column 1 when the problem concerns the whole file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct InputError {
    /// The file that has the problem.
    pub path: PathBuf,
    /// The line (1-based).
    pub line: usize,
    /// The column (1-based, in characters).
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl InputError {
    /// An error at a position in `path`.
    pub fn at(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        InputError {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    /// An error about the file as a whole (it is empty, too big, not text...).
    /// Written as line 1, column 1 so that editors can still jump to it.
    pub fn whole_file(path: &Path, message: impl Into<String>) -> Self {
        InputError::at(path, 1, 1, message)
    }
}

/// 1-based line and column (in characters) of byte `offset` of `bytes`, for
/// errors that point into a file.
pub fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}
