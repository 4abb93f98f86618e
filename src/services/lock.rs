//! One scribe per meeting: an exclusive lock beside the journal, holding the pid.
//!
//! The lock is an OS file lock (`flock`), so it is released when the holder dies,
//! however it dies: a lock file left by a killed process is simply taken over. The pid
//! written into the file is only there to name the other process in the message.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another live scribe holds it.
    #[error(
        "another scribe (pid {pid}) already has this meeting open (lock file {path}); \
         quit it first, or if it is frozen, end it with `kill {pid}`"
    )]
    Held { pid: String, path: PathBuf },
    /// The lock file could not be opened or written.
    #[error("cannot use the lock file {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// A held lock; released on drop (and by the OS when the process dies).
#[derive(Debug)]
pub struct MeetingLock {
    _file: File,
    path: PathBuf,
}

impl MeetingLock {
    /// Takes the lock at `path`, writing this process's pid into it.
    pub fn acquire(path: &Path) -> Result<MeetingLock, LockError> {
        let io_err = |source| LockError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent() {
            super::journal::private_dir(dir).map_err(io_err)?;
        }
        let mut file = super::journal::open_private(
            path,
            OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false),
        )
        .map_err(io_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                // Best effort: the holder may be writing its pid right now.
                let _ = file.read_to_string(&mut pid);
                // The file is only ever a pid; anything else is shown as unknown
                // rather than printed (it could hold terminal escapes).
                let pid = match pid.trim() {
                    p if !p.is_empty()
                        && p.len() <= 20
                        && p.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        p.to_string()
                    }
                    _ => "unknown".to_string(),
                };
                return Err(LockError::Held {
                    pid,
                    path: path.to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io_err(e)),
        }
        file.set_len(0).map_err(io_err)?;
        file.seek(SeekFrom::Start(0)).map_err(io_err)?;
        write!(file, "{}", std::process::id()).map_err(io_err)?;
        file.flush().map_err(io_err)?;
        Ok(MeetingLock {
            _file: file,
            path: path.to_path_buf(),
        })
    }

    /// Where the lock file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_with_the_first_ones_pid() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.lock");
        let first = MeetingLock::acquire(&path).unwrap();
        let err = MeetingLock::acquire(&path).unwrap_err();
        match &err {
            LockError::Held { pid, .. } => assert_eq!(pid, &std::process::id().to_string()),
            other => panic!("expected Held, got {other:?}"),
        }
        assert!(err.to_string().contains("another scribe"));
        drop(first);
        // Released: the next one gets it.
        MeetingLock::acquire(&path).unwrap();
    }

    #[test]
    fn a_stale_lock_file_of_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.lock");
        // A lock file left behind with a pid but no OS lock held.
        std::fs::write(&path, "999999").unwrap();
        let lock = MeetingLock::acquire(&path).unwrap();
        assert_eq!(
            std::fs::read_to_string(lock.path()).unwrap(),
            std::process::id().to_string()
        );
    }
}
