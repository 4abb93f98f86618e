//! Writing files so that the file on disk is always whole: the old version or
//! the new one, never half of either.
//!
//! The bytes go to a temporary file in the same folder (a rename is only atomic
//! within one file system), which is flushed to disk and then renamed over the
//! target; the folder is flushed too so that the rename itself survives a crash.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Replaces the file at `path` with `bytes`, atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// Replaces the file at `path` with what `fill` writes into the temporary
/// file, atomically. When `fill` fails, the temporary file is removed and the
/// file at `path` is untouched.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    write_atomic_if(path, |file| fill(file).map(|()| true))
}

/// [`write_atomic_with`], where `fill` also says whether what it wrote should
/// replace the file at all: when it says no, the temporary file is removed
/// (never flushed) and the file at `path` is untouched, its time too.
pub fn write_atomic_if(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> io::Result<bool>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))?;
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(file_name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the usual mode for the user's umask (0666 & !umask), as any
    // editor would create it, rather than tempfile's private 0600: the kernel
    // applies the umask when the file is created with 0666, so the umask is never
    // read or changed (changing it would race with other threads).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    if !fill(temp.as_file_mut())? {
        return Ok(());
    }
    temp.as_file().sync_all()?;
    // Keep the permissions of the file being replaced (a temp file is 0600).
    if let Ok(meta) = fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Flushes a folder's entries to disk (Unix); elsewhere renames are durable
/// without it or it cannot be done.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fill_that_says_no_leaves_the_file_and_its_time_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        write_atomic(&path, b"first").unwrap();
        let before = fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_atomic_if(&path, |file| file.write_all(b"second").map(|()| false)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first");
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
