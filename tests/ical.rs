//! The next meeting's iCalendar file, parsed back with an independent iCalendar
//! parser (the `ical` crate) and checked against RFC 5545's rules and against the
//! seed minutes' own "Next meeting" line.

mod common;

use std::io::BufReader;

use chrono::{TimeZone, Utc};
use scribe::ical;
use scribe::model::Meeting;

/// RFC 5545 §3.3.11: TEXT values escape `\`, `;`, `,` and newlines.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses `ics` with the `ical` crate and returns the properties of its one
/// VEVENT (name → unescaped value) and of the VCALENDAR.
fn parse_single_event(
    ics: &str,
) -> (
    std::collections::BTreeMap<String, String>,
    std::collections::BTreeMap<String, String>,
) {
    let mut calendars = ::ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("the calendar parses");
    assert!(calendars.next().is_none(), "exactly one calendar");
    assert_eq!(calendar.events.len(), 1, "exactly one event");
    let props = |list: &[::ical::property::Property]| {
        list.iter()
            .map(|p| (p.name.clone(), unescape(p.value.as_deref().unwrap_or(""))))
            .collect()
    };
    (
        props(&calendar.events[0].properties),
        props(&calendar.properties),
    )
}

/// RFC 5545 §3.1: lines end in CRLF and are at most 75 octets, longer ones folded.
fn assert_content_lines(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
}

fn seed_meeting() -> Meeting {
    let seed = common::read_test_file("seed/minutes-2024-05-15.md");
    // The seed's own sentence and location, as written (lines 112 and 10).
    let next_line = seed
        .lines()
        .find_map(|l| {
            l.trim_start_matches(['*', ' '])
                .strip_prefix("Next meeting is")
                .map(|_| l)
        })
        .expect("the seed has a Next meeting line");
    let location = seed
        .lines()
        .find_map(|l| l.strip_prefix("*   **Location**: "))
        .expect("the seed has a location");
    let mut meeting = Meeting::new(
        "Minutes 2024-05-15",
        Utc.with_ymd_and_hms(2024, 5, 15, 17, 0, 0).unwrap(),
    );
    meeting.location = Some(location.to_string());
    meeting.next.text = Some(next_line.trim_start_matches(['*', ' ']).to_string());
    meeting.next.chairs = vec!["oalders".into()];
    meeting.next.secretary = vec!["sjn".into()];
    meeting
}

/// Seed line 112: "Next meeting is June 5th @ 16:00 UTC on TPRF Slack #cpan-security
/// channel", in May 2024 minutes; the meeting is timeboxed to one hour (line 9).
#[test]
fn seed_next_meeting_becomes_a_valid_event() {
    let meeting = seed_meeting();
    let event = ical::next_meeting_event(&meeting).expect("the seed names the next meeting");
    let made = Utc.with_ymd_and_hms(2024, 5, 15, 18, 5, 0).unwrap();
    let ics = ical::to_ical(&event, made);

    assert_content_lines(&ics);
    let (vevent, vcalendar) = parse_single_event(&ics);
    assert_eq!(vcalendar.get("VERSION").map(String::as_str), Some("2.0"));
    assert!(
        vcalendar
            .get("PRODID")
            .is_some_and(|p| p.contains("scribe"))
    );

    assert_eq!(vevent["DTSTART"], "20240605T160000Z");
    assert_eq!(vevent["DTEND"], "20240605T170000Z");
    assert_eq!(vevent["DTSTAMP"], "20240515T180500Z");
    assert_eq!(vevent["SUMMARY"], "Meeting 2024-06-05");
    assert_eq!(vevent["LOCATION"], "TPRF Slack #cpan-security channel");
    assert_eq!(
        vevent["DESCRIPTION"],
        "Next meeting is June 5th @ 16:00 UTC on TPRF Slack #cpan-security channel\n\
         Chair: @oalders\nSecretary: @sjn"
    );
    assert_eq!(vevent["UID"], "20240605T160000Z-meeting-2024-06-05@scribe");

    // The same next meeting made later keeps its UID (calendars update, not duplicate).
    let again = ical::to_ical(&event, made + chrono::Duration::hours(2));
    assert_eq!(parse_single_event(&again).0["UID"], vevent["UID"]);
}

/// With `next.time` from the meeting file and no place in the text, the event is
/// at that time in the meeting's own location (seed line 10), commas escaped.
#[test]
fn explicit_time_and_meeting_location() {
    let mut meeting = seed_meeting();
    meeting.next.text = None;
    meeting.timebox = 45;
    meeting.next.time = Some(Utc.with_ymd_and_hms(2024, 6, 5, 16, 30, 0).unwrap());
    let event = ical::next_meeting_event(&meeting).unwrap();
    let ics = ical::to_ical(&event, Utc.with_ymd_and_hms(2024, 5, 16, 0, 0, 0).unwrap());

    assert_content_lines(&ics);
    assert!(ics.contains("LOCATION:On TPRF's Slack server\\, in #cpan-security\\, w/video."));
    let (vevent, _) = parse_single_event(&ics);
    assert_eq!(vevent["DTSTART"], "20240605T163000Z");
    assert_eq!(vevent["DTEND"], "20240605T171500Z");
    assert_eq!(
        vevent["LOCATION"],
        "On TPRF's Slack server, in #cpan-security, w/video."
    );
}

/// 2024-04-10 line 97 names no date: the error says so and quotes the line.
#[test]
fn next_meeting_without_a_date_is_an_error() {
    let minutes = common::read_test_file("corpus/cpansec-minutes-2024-04-10.md");
    let line = minutes
        .lines()
        .find(|l| l.contains("Next meeting is"))
        .expect("line 97");
    let mut meeting = Meeting::new(
        "Minutes 2024-04-10",
        Utc.with_ymd_and_hms(2024, 4, 10, 17, 0, 0).unwrap(),
    );
    meeting.next.text = Some(line.trim_start_matches(['*', ' ']).to_string());
    let err = ical::next_meeting_event(&meeting).unwrap_err();
    assert!(matches!(err, ical::IcalError::NoDate { .. }));
    assert!(err.to_string().contains("in-person at PTS"), "{err}");

    meeting.next.text = None;
    assert_eq!(
        ical::next_meeting_event(&meeting).unwrap_err(),
        ical::IcalError::NoNextMeeting
    );
}

/// The seed read by scribe's Markdown reader (what `scribe ical MINUTES.md` sees):
/// the "Next meeting is …" line (112) and the next chair and secretary elected in
/// lines 107-108 make the event.
#[test]
fn seed_read_by_scribes_markdown_reader() {
    let path = common::test_file("seed/minutes-2024-05-15.md");
    let bytes = std::fs::read(&path).unwrap();
    let meeting = scribe::markdown::Document::parse(&path, &bytes)
        .unwrap_or_else(|e| panic!("{e}"))
        .meeting();
    let event = ical::next_meeting_event(&meeting).expect("the seed names the next meeting");
    let ics = ical::to_ical(&event, Utc.with_ymd_and_hms(2024, 5, 15, 18, 5, 0).unwrap());
    assert_content_lines(&ics);
    let (vevent, _) = parse_single_event(&ics);
    assert_eq!(vevent["DTSTART"], "20240605T160000Z");
    assert_eq!(vevent["DTEND"], "20240605T170000Z");
    assert_eq!(vevent["LOCATION"], "TPRF Slack #cpan-security channel");
    assert_eq!(vevent["SUMMARY"], "Meeting 2024-06-05");
    assert!(
        vevent["DESCRIPTION"].ends_with("\nChair: @oalders\nSecretary: @sjn"),
        "{}",
        vevent["DESCRIPTION"]
    );
}
