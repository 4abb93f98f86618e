//! The demo meeting opened by `scribe` with no argument: `examples/demo.yaml`,
//! embedded, with its clock set from the moment it opens — socializing already
//! running, the meeting itself two minutes later — so a new user sees the clock live.

use chrono::{DateTime, Duration, SubsecRound, Utc};

use std::path::Path;

use crate::meeting_file::parse_meeting;
use crate::model::Meeting;

/// The demo meeting file, embedded.
pub const DEMO_YAML: &str = include_str!("../../examples/demo.yaml");

/// Where the demo's minutes go (in the current folder).
pub const DEMO_OUTPUT: &str = "scribe-demo-minutes.md";

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
