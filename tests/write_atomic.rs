//! A failed write never leaves a half-written file: the old file stays as it
//! was and no temporary file is left behind.

use std::fs;
use std::io::{self, Write};

use scribe::write::{write_atomic, write_atomic_with};

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn failure_half_way_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.md");
    write_atomic(&path, b"old minutes\n").unwrap();
    let result = write_atomic_with(&path, |file| {
        file.write_all(b"new minu")?;
        Err(io::Error::other("disk full"))
    });
    assert_eq!(result.unwrap_err().to_string(), "disk full");
    assert_eq!(fs::read(&path).unwrap(), b"old minutes\n");
    assert_eq!(entries(dir.path()), ["minutes.md"]);
}

#[test]
fn target_that_cannot_be_replaced_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    // A folder with content where the file should go: the rename must fail.
    let path = dir.path().join("minutes.md");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep"), b"kept").unwrap();
    assert!(write_atomic(&path, b"new").is_err());
    assert_eq!(fs::read(path.join("keep")).unwrap(), b"kept");
    assert_eq!(entries(dir.path()), ["minutes.md"]);
}

#[cfg(unix)]
#[test]
fn read_only_folder_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.md");
    write_atomic(&path, b"old minutes\n").unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores folder permissions; then there is nothing to refuse the write.
    let privileged = fs::write(dir.path().join("probe"), b"").is_ok();
    let result = write_atomic(&path, b"new minutes\n");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if privileged {
        assert!(result.is_ok());
        assert_eq!(fs::read(&path).unwrap(), b"new minutes\n");
    } else {
        assert!(result.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old minutes\n");
        assert_eq!(entries(dir.path()), ["minutes.md"]);
    }
}

#[cfg(unix)]
#[test]
fn permissions_of_the_replaced_file_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.md");
    fs::write(&path, b"old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    write_atomic(&path, b"new").unwrap();
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o644
    );
}
