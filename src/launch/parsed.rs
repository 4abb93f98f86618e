//! Meeting files kept parsed: a YAML meeting file read once is kept in the data
//! folder as the meeting it says, in JSON, so that opening it again (resuming
//! after a crash, above all) reads that instead of the YAML.
//!
//! Reading a long meeting file's YAML takes tens of milliseconds and a buffer
//! several times the file's size; its JSON takes a few milliseconds and no
//! buffer. A kept copy is used only for exactly the bytes it was made from (the
//! file's path, length and hash are in its first line), and is kept only when it
//! reads back as exactly the same meeting, so it never says anything the file
//! does not. It is made on a thread of its own, after the first frame.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::model::Meeting;
use crate::services::journal::{fnv1a64, private_dir, write_private_unsynced};

/// What the first line of a kept meeting starts with (its format's version).
const HEADER: &str = "scribe-parsed-meeting 1";

/// A meeting file's bytes, as a kept copy names them.
pub struct Key {
    path: PathBuf,
    header: String,
    /// The file's length: about that of its meeting in JSON.
    len: usize,
}

impl Key {
    /// The key of `bytes` read from `input`, with the kept copies in `data_dir`.
    pub fn new(data_dir: &Path, input: &Path, bytes: &[u8]) -> Key {
        let name = fnv1a64(input.as_os_str().as_encoded_bytes());
        Key {
            path: data_dir.join("parsed").join(format!("{name:016x}.json")),
            header: format!("{HEADER} {:016x} {}\n", fnv1a64(bytes), bytes.len()),
            len: bytes.len(),
        }
    }

    /// The meeting kept for these bytes, if there is one and it reads.
    pub fn read(&self) -> Option<Meeting> {
        let kept = std::fs::read(&self.path).ok()?;
        let json = kept.strip_prefix(self.header.as_bytes())?;
        serde_json::from_slice(json).ok()
    }

    /// `meeting` to be kept for these bytes once [`ToKeep::start`] is called:
    /// writing it out and reading it back takes as long again as the first frame,
    /// and as much memory as the meeting, so it waits until that frame is shown.
    pub fn keep_later(self, meeting: Meeting) -> ToKeep {
        ToKeep { key: self, meeting }
    }

    /// Keeps `meeting` for these bytes, on a thread of its own (best effort: a
    /// meeting not kept is read from its file next time).
    pub fn keep(self, meeting: Meeting) {
        let _ = std::thread::Builder::new()
            .name("keep-parsed".into())
            .spawn(move || {
                // One buffer, the header then the JSON written after it, sized
                // for a meeting as long as its file: no copy and no doubling of
                // a long meeting's JSON.
                let mut kept = Vec::with_capacity(self.header.len() + self.len + self.len / 8);
                let _ = kept.write_all(self.header.as_bytes());
                if serde_json::to_writer(&mut kept, &meeting).is_err() {
                    return;
                }
                // Only a copy that reads back as the same meeting is kept.
                let json = &kept[self.header.len()..];
                if serde_json::from_slice::<Meeting>(json).ok().as_ref() != Some(&meeting) {
                    return;
                }
                if let Some(dir) = self.path.parent()
                    && private_dir(dir).is_ok()
                {
                    let _ = write_private_unsynced(&self.path, &kept);
                }
            });
    }
}

/// A meeting read from its YAML, to be kept once the first frame is on screen.
pub struct ToKeep {
    key: Key,
    meeting: Meeting,
}

impl ToKeep {
    /// Starts keeping it, on a thread of its own.
    pub fn start(self) {
        self.key.keep(self.meeting);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_meeting_is_read_for_the_same_bytes_only() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = crate::workload::meeting(2);
        let bytes = b"the file's bytes";
        let input = Path::new("/m/meeting.yaml");
        let key = Key::new(dir.path(), input, bytes);
        assert!(key.read().is_none());
        key.keep(meeting.clone());
        let key = Key::new(dir.path(), input, bytes);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while key.read().is_none() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(key.read(), Some(meeting));
        // Other bytes, or the same bytes of another file: not this copy.
        assert!(
            Key::new(dir.path(), input, b"the file's bytes!")
                .read()
                .is_none()
        );
        assert!(
            Key::new(dir.path(), Path::new("/m/other.yaml"), bytes)
                .read()
                .is_none()
        );
    }
}
