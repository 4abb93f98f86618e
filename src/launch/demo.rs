//! The demo meeting opened by `scribe` with no argument: `examples/demo.yaml`,
//! embedded, with its clock set from the moment it opens — socializing already
//! running, the meeting itself two minutes later — so a new user sees the clock live.

use chrono::{DateTime, Duration, SubsecRound, Utc};

use std::path::{Path, PathBuf};

use crate::meeting_file::parse_meeting;
use crate::model::Meeting;

/// The demo meeting file, embedded.
pub const DEMO_YAML: &str = include_str!("../../examples/demo.yaml");

/// The name of the demo's minutes file.
pub const DEMO_OUTPUT: &str = "scribe-demo-minutes.md";

/// Where the demo's minutes go: a `demo` folder in scribe's data folder (or the
/// system's temporary folder without one), never the folder scribe was started
/// in — that may be a repository, where a stray file is a nuisance. The status
/// line and the exit message name the file.
pub fn output_path(data_dir: Option<&Path>) -> std::io::Result<PathBuf> {
    let folder = match data_dir {
        Some(dir) => dir.join("demo"),
        None => std::env::temp_dir().join("scribe-demo"),
    };
    std::fs::create_dir_all(&folder)?;
    Ok(folder.join(DEMO_OUTPUT))
}

/// The name the demo meeting goes by in a journal: its base is its YAML.
pub const DEMO_BASE_NAME: &str = "scribe-demo.yaml";

/// Minutes from opening the demo to its meeting start.
pub const DEMO_LEAD_MINUTES: i64 = 2;

/// The demo meeting, starting [`DEMO_LEAD_MINUTES`] after `now`.
pub fn demo_meeting(now: DateTime<Utc>) -> Meeting {
    let mut meeting =
        parse_meeting(DEMO_YAML, Path::new("examples/demo.yaml")).unwrap_or_else(|_| {
            // The embedded file is checked by a test; this keeps the binary usable anyway.
            Meeting::new("Minutes (demo)", now)
        });
    meeting.meeting_time = now.trunc_subsecs(0) + Duration::minutes(DEMO_LEAD_MINUTES);
    meeting.title = format!("Minutes {} (demo)", meeting.meeting_time.format("%Y-%m-%d"));
    // Times of day in the file (a late arrival at 16:12) belong to its own date.
    meeting.roster.iter_mut().for_each(|p| {
        if let crate::model::Attendance::ArrivedLate { at }
        | crate::model::Attendance::LeftEarly { at } = &mut p.attendance
        {
            *at = None;
        }
    });
    meeting
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_writes_its_minutes_in_the_data_folder_not_the_current_one() {
        let data = tempfile::tempdir().unwrap();
        let out = output_path(Some(data.path())).unwrap();
        assert_eq!(out, data.path().join("demo").join(DEMO_OUTPUT));
        assert!(out.parent().unwrap().is_dir());
        let tmp = output_path(None).unwrap();
        assert!(tmp.starts_with(std::env::temp_dir()), "{}", tmp.display());
    }
    use crate::app::timing::{Phase, phase};

    #[test]
    fn the_demo_opens_in_socializing_two_minutes_before_the_meeting() {
        let now = DateTime::parse_from_rfc3339("2026-11-27T09:13:27.5Z")
            .unwrap()
            .with_timezone(&Utc);
        let m = parse_meeting(DEMO_YAML, Path::new("examples/demo.yaml"))
            .expect("demo.yaml is a meeting");
        assert!(m.agenda.len() >= 5 && m.roster.len() >= 5);
        let demo = demo_meeting(now);
        assert_eq!(phase(&demo, now), Phase::PreMeeting);
        assert_eq!(
            demo.meeting_time - now.trunc_subsecs(0),
            Duration::minutes(2)
        );
        assert_eq!(phase(&demo, demo.meeting_time), Phase::Meeting);
        assert_eq!(demo.title, "Minutes 2026-11-27 (demo)");
    }
}
