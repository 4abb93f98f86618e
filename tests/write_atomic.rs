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

/// New output files get the mode the user's umask gives (0666 & !umask), like any
/// file the user creates; an existing file keeps its own mode when replaced.
#[cfg(unix)]
#[test]
fn new_output_files_follow_the_umask_and_existing_ones_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_scribe");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for (umask, expected) in [("022", 0o644), ("027", 0o640), ("077", 0o600)] {
        let out = dir.path().join(format!("minutes-{umask}.md"));
        let agenda = dir.path().join(format!("agenda-{umask}.md"));
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && \"$0\" render examples/demo.yaml -o \"$1\" && \
                 \"$0\" next tests/seed/minutes-2024-05-15.md -o \"$2\""
            ))
            .arg(bin)
            .arg(&out)
            .arg(&agenda)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(mode(&out), expected, "render -o with umask {umask}");
        assert_eq!(mode(&agenda), expected, "next -o with umask {umask}");
    }
    let existing = dir.path().join("minutes-022.md");
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o604)).unwrap();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 077 && \"$0\" render examples/demo.yaml -o \"$1\"")
        .arg(bin)
        .arg(&existing)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&existing), 0o604, "the replaced file keeps its mode");
}
