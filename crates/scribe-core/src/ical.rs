//! The next meeting as an iCalendar (RFC 5545) file, for `scribe ical`.
//!
//! The time comes from the meeting file's `next.time` when set, otherwise from the
//! minutes' own sentence, which the group writes in many ways:
//!
//! - "Next meeting is June 5th @ 16:00 UTC on TPRF Slack #cpan-security channel"
//! - "Next meeting is March 27 @ 17:00UTC on TPRF Slack."
//! - "Next meeting is 29-08-2024 (29th Aug) @ 16:00UTC in #cpansec-discussion on Matrix"
//! - "Next meeting is Wednesday 2024-11-27 @ 17:00UTC in #cpansec-discussion on Matrix
//!   (18:00 Europe/Amsterdam)"
//! - "July 03, 2024 1700 UTC", "Aug 1, 2024 at 17:00 UTC, #cpansec-discussion on matrix.org"
//!
//! A date without a year is in the year of the meeting that announced it (or the
//! next year when that date has already passed, as in a December meeting announcing
//! "January 8th"). The group's times are UTC; a time marked with another zone
//! ("18:00 Europe/Amsterdam") is a courtesy conversion and is skipped. The location
//! is what follows the time ("on TPRF Slack #cpan-security channel"), else the
//! meeting's own location. The event lasts the meeting's timebox.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::dates;
use crate::model::Meeting;

/// Why no calendar entry could be made for the next meeting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IcalError {
    /// Neither `next.time` nor `next.text` is known.
    #[error(
        "nothing is known about the next meeting: expected a \"Next meeting is …\" line in the \
         minutes or `next: {{time: …}}` in the meeting file"
    )]
    NoNextMeeting,
    /// The text names no date the parser understands.
    #[error(
        "no date in the next meeting's text {text:?}: expected e.g. \"June 5th\", \"2024-06-05\", \
         \"29-08-2024\" or \"Aug 1, 2024\""
    )]
    NoDate {
        /// The sentence that was read.
        text: String,
    },
    /// The text names no time of day in UTC.
    #[error("no UTC time of day in the next meeting's text {text:?}: expected e.g. \"16:00 UTC\"")]
    NoTime {
        /// The sentence that was read.
        text: String,
    },
    /// The date does not exist ("February 30th").
    #[error("{date:?} is not a date on the calendar, in the next meeting's text {text:?}")]
    BadDate {
        /// The date as written.
        date: String,
        /// The sentence that was read.
        text: String,
    },
}

/// What the next meeting's sentence says: when, and where if it says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextMeetingText {
    /// Start of the meeting, in UTC.
    pub start: DateTime<Utc>,
    /// The place, as written after the time ("TPRF Slack #cpan-security channel").
    pub location: Option<String>,
}

/// The next meeting as one calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextMeetingEvent {
    /// Start, in UTC.
    pub start: DateTime<Utc>,
    /// End: start plus the timebox.
    pub end: DateTime<Utc>,
    /// The event's title.
    pub summary: String,
    /// Where, as plain text.
    pub location: Option<String>,
    /// The announcement and who chairs and takes the minutes.
    pub description: String,
    /// A stable identifier: the same next meeting always gets the same UID, so
    /// importing the file again updates the event instead of adding a second one.
    pub uid: String,
}

/// The next meeting of `meeting` as an event.
pub fn next_meeting_event(meeting: &Meeting) -> Result<NextMeetingEvent, IcalError> {
    let next = &meeting.next;
    let parsed = next
        .text
        .as_ref()
        .map(|text| parse_next_text(text, meeting.meeting_time));
    let (start, text_location) = match (next.time, parsed) {
        // An explicit time wins; the sentence may still say where.
        (Some(time), Some(Ok(p))) => (time, p.location),
        (Some(time), _) => (time, None),
        (None, Some(parsed)) => {
            let p = parsed?;
            (p.start, p.location)
        }
        (None, None) => return Err(IcalError::NoNextMeeting),
    };
    let location = text_location.or_else(|| meeting.location.as_deref().map(plain_text));
    let end = start + Duration::minutes(i64::from(meeting.timebox));

    let mut description = Vec::new();
    if let Some(text) = &next.text {
        description.push(plain_text(text));
    }
    if !next.chairs.is_empty() {
        description.push(format!("Chair: {}", handles(&next.chairs)));
    }
    if !next.secretary.is_empty() {
        description.push(format!("Secretary: {}", handles(&next.secretary)));
    }
    let summary = next_title(&meeting.title, meeting.meeting_time, start);
    let uid = format!(
        "{}-{}@scribe",
        start.format("%Y%m%dT%H%M%SZ"),
        slug(&summary)
    );
    Ok(NextMeetingEvent {
        start,
        end,
        summary,
        location,
        description: description.join("\n"),
        uid,
    })
}

/// The event as an iCalendar file (CRLF line ends, lines folded at 75 octets);
/// `now` is its DTSTAMP, when the file was made.
pub fn to_ical(event: &NextMeetingEvent, now: DateTime<Utc>) -> String {
    let mut vevent = Event::new();
    vevent
        .uid(&event.uid)
        .timestamp(now)
        .starts(event.start)
        .ends(event.end)
        .summary(&event.summary);
    if let Some(location) = &event.location {
        vevent.location(location);
    }
    if !event.description.is_empty() {
        vevent.description(&event.description);
    }
    // Calendar::new() would add its own PRODID; scribe names itself instead.
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property((
            "PRODID",
            concat!("-//scribe//scribe ", env!("CARGO_PKG_VERSION"), "//EN"),
        ))
        .append_property(("CALSCALE", "GREGORIAN"))
        .push(vevent.done());
    calendar.done().to_string()
}

/// Reads the next meeting's sentence; dates without a year are placed on or after
/// `announced` (the meeting that announced it).
pub fn parse_next_text(text: &str, announced: DateTime<Utc>) -> Result<NextMeetingText, IcalError> {
    let written = dates::first_written_date(text).ok_or_else(|| IcalError::NoDate {
        text: text.to_string(),
    })?;
    let date = match written.year {
        Some(year) => NaiveDate::from_ymd_opt(year, written.month, written.day),
        None => place_date(written.month, written.day, announced),
    }
    .ok_or_else(|| IcalError::BadDate {
        date: text[written.range.clone()].to_string(),
        text: text.to_string(),
    })?;
    let (time, time_end) = meeting_time(text).ok_or_else(|| IcalError::NoTime {
        text: text.to_string(),
    })?;
    let start = Utc.from_utc_datetime(&date.and_time(time));
    Ok(NextMeetingText {
        start,
        location: location_after(&text[time_end..]),
    })
}

/// A date written without a year: the first one on or after the announcing meeting.
fn place_date(month: u32, day: u32, announced: DateTime<Utc>) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(announced.year(), month, day);
    match this_year {
        Some(d) if d >= announced.date_naive() => Some(d),
        _ => NaiveDate::from_ymd_opt(announced.year() + 1, month, day),
    }
}

/// The meeting's time of day and where its text ends: the first time marked UTC
/// ("16:00 UTC", "16:00UTC", "1700 UTC"), else the first `HH:MM` outside
/// parentheses that is not marked with another zone.
fn meeting_time(text: &str) -> Option<(NaiveTime, usize)> {
    let times = dates::times(text);
    let utc = times.iter().find_map(|t| Some((t.time, t.utc_end?)));
    utc.or_else(|| {
        times
            .iter()
            .find(|t| !t.in_parens && !t.other_zone)
            .map(|t| (t.time, t.range.end))
    })
}

/// The place named after the time: "on TPRF Slack #cpan-security channel",
/// "in #cpansec-discussion on Matrix (18:00 Europe/Amsterdam)" → without the
/// leading preposition and the parenthesised asides.
fn location_after(rest: &str) -> Option<String> {
    let mut without_parens = String::new();
    let mut depth = 0usize;
    for c in rest.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => without_parens.push(c),
            _ => {}
        }
    }
    let mut place = without_parens
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    loop {
        let trimmed = place
            .trim_start_matches([',', '-', '–', ';', ' '])
            .to_string();
        let stripped = ["on ", "in ", "at ", "via "].iter().find_map(|p| {
            let head = trimmed.get(..p.len())?;
            head.eq_ignore_ascii_case(p)
                .then(|| trimmed[p.len()..].to_string())
        });
        match stripped {
            Some(s) => place = s,
            None => {
                place = trimmed;
                break;
            }
        }
    }
    let place = plain_text(place.trim_end_matches(['.', ',', ';', ' ']));
    (!place.is_empty()).then_some(place)
}

/// Markdown inline text as plain text: `[text](url)` keeps both, emphasis goes.
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event as MdEvent, Parser, Tag, TagEnd};
    let mut out = String::new();
    let mut link_targets = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            MdEvent::Text(t) | MdEvent::Code(t) => out.push_str(&t),
            MdEvent::SoftBreak | MdEvent::HardBreak => out.push(' '),
            MdEvent::Start(Tag::Link { dest_url, .. }) => link_targets.push(dest_url),
            MdEvent::End(TagEnd::Link) => {
                if let Some(url) = link_targets.pop()
                    && !out.ends_with(url.as_ref())
                {
                    out.push_str(&format!(" ({url})"));
                }
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

fn handles(list: &[String]) -> String {
    list.iter()
        .map(|h| format!("@{h}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The next meeting's title from this one's: "Minutes 2024-05-15" → "Meeting
/// 2024-06-05"; "CPANSec bi-weekly minutes" → "CPANSec bi-weekly meeting".
fn next_title(title: &str, this_meeting: DateTime<Utc>, next: DateTime<Utc>) -> String {
    let dated = title.replace(
        &this_meeting.format("%Y-%m-%d").to_string(),
        &next.format("%Y-%m-%d").to_string(),
    );
    let words: Vec<String> = dated
        .split(' ')
        .map(|w| match w {
            "minutes" => "meeting".to_string(),
            "Minutes" => "Meeting".to_string(),
            "MINUTES" => "MEETING".to_string(),
            other => other.to_string(),
        })
        .collect();
    let mut summary = words.join(" ");
    if !summary.contains(&next.format("%Y-%m-%d").to_string()) {
        summary = format!("{summary} {}", next.format("%Y-%m-%d"));
    }
    summary
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    /// Every "Next meeting is …" sentence of the corpus, with the meeting that
    /// announced it, and the time and place read off it by hand.
    #[test]
    fn corpus_sentences() {
        let cases = [
            (
                "Next meeting is June 5th @ 16:00 UTC on TPRF Slack #cpan-security channel",
                at(2024, 5, 15, 17, 0),
                at(2024, 6, 5, 16, 0),
                Some("TPRF Slack #cpan-security channel"),
            ),
            (
                "Next meeting is March 27 @ 17:00UTC on TPRF Slack.",
                at(2024, 3, 13, 17, 0),
                at(2024, 3, 27, 17, 0),
                Some("TPRF Slack"),
            ),
            (
                "Next meeting is 29-08-2024 (29th Aug) @ 16:00UTC in #cpansec-discussion on Matrix",
                at(2024, 8, 15, 16, 0),
                at(2024, 8, 29, 16, 0),
                Some("#cpansec-discussion on Matrix"),
            ),
            (
                "Next meeting is 2024-10-16 (16 Oct 2024) @ 16:00UTC in #cpansec-discussion on Matrix (18:00 Europe/Amsterdam)",
                at(2024, 10, 2, 16, 0),
                at(2024, 10, 16, 16, 0),
                Some("#cpansec-discussion on Matrix"),
            ),
            (
                "Next meeting is Friday 2025-01-08 (8 Jan 2025) @ 16:00UTC (17:00 Europe/Amsterdam) in #cpansec-discussion on Matrix",
                at(2024, 12, 11, 16, 0),
                at(2025, 1, 8, 16, 0),
                Some("#cpansec-discussion on Matrix"),
            ),
            (
                "July 03, 2024 1700 UTC",
                at(2024, 6, 19, 17, 0),
                at(2024, 7, 3, 17, 0),
                None,
            ),
            (
                "Aug 1, 2024 at 17:00 UTC, #cpansec-discussion on matrix.org",
                at(2024, 7, 18, 17, 0),
                at(2024, 8, 1, 17, 0),
                Some("#cpansec-discussion on matrix.org"),
            ),
            (
                "Time: Feb 24th 2024, at 15:00 UTC on TPRF Slack",
                at(2024, 2, 10, 15, 0),
                at(2024, 2, 24, 15, 0),
                Some("TPRF Slack"),
            ),
            // No year, announced in December: the next January.
            (
                "Next meeting is January 8th @ 16:00 UTC",
                at(2024, 12, 11, 16, 0),
                at(2025, 1, 8, 16, 0),
                None,
            ),
        ];
        for (text, announced, start, location) in cases {
            let parsed = parse_next_text(text, announced).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(parsed.start, start, "{text}");
            assert_eq!(parsed.location.as_deref(), location, "{text}");
        }
    }

    #[test]
    fn sentences_without_date_or_time_are_errors_naming_the_text() {
        let text =
            "Next meeting is in-person at PTS. New online meeting date will be decided then.";
        let err = parse_next_text(text, at(2024, 4, 10, 17, 0)).unwrap_err();
        assert_eq!(err, IcalError::NoDate { text: text.into() });
        assert!(err.to_string().contains("in-person at PTS"));

        let err = parse_next_text("Next meeting is June 5th", at(2024, 5, 15, 17, 0)).unwrap_err();
        assert!(matches!(err, IcalError::NoTime { .. }));
        // Only a local time: not the meeting's UTC time.
        let err = parse_next_text("June 5th (18:00 Europe/Amsterdam)", at(2024, 5, 15, 17, 0))
            .unwrap_err();
        assert!(matches!(err, IcalError::NoTime { .. }));

        let err = parse_next_text("February 30th @ 16:00 UTC", at(2024, 1, 1, 0, 0)).unwrap_err();
        assert!(matches!(err, IcalError::BadDate { .. }));
    }

    proptest::proptest! {
        /// Whatever the secretary typed, reading it gives a result or an error,
        /// never a panic.
        #[test]
        fn any_text_reads_without_panicking(text in "\\PC{0,80}") {
            let _ = parse_next_text(&text, at(2024, 5, 15, 17, 0));
        }

        #[test]
        fn dates_and_times_in_any_surroundings(
            before in "[^0-9]{0,20}",
            after in "[^0-9(]{0,20}",
            day in 1u32..=28,
            month in 1u32..=12,
            hour in 0u32..24,
            minute in 0u32..60,
        ) {
            let text = format!(
                "{before} 2025-{month:02}-{day:02} @ {hour:02}:{minute:02} UTC {after}"
            );
            let parsed = parse_next_text(&text, at(2024, 5, 15, 17, 0)).unwrap();
            proptest::prop_assert_eq!(parsed.start, at(2025, month, day, hour, minute));
        }
    }

    #[test]
    fn titles_and_uids_follow_the_next_meeting() {
        let this = at(2024, 5, 15, 17, 0);
        let next = at(2024, 6, 5, 16, 0);
        assert_eq!(
            next_title("Minutes 2024-05-15", this, next),
            "Meeting 2024-06-05"
        );
        assert_eq!(
            next_title("CPANSec bi-weekly minutes", this, next),
            "CPANSec bi-weekly meeting 2024-06-05"
        );
        assert_eq!(slug("Meeting 2024-06-05"), "meeting-2024-06-05");
    }
}
