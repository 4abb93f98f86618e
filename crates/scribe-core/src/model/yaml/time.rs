//! Times as a meeting file writes them (`2024-05-15 17:00 UTC`), read and written
//! through serde.

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use std::fmt;

/// A time as written in a meeting file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeSpec {
    /// A full date and time with a zone.
    At(DateTime<Utc>),
    /// A time of day in UTC, on the meeting's date (`at: 17:12`).
    TimeOfDay(NaiveTime),
}

pub(super) const TIME_EXAMPLE: &str =
    "`2024-05-15 17:00 UTC` or RFC 3339 like `2024-05-15T19:00:00+02:00`";

fn parse_naive(text: &str) -> Option<NaiveDateTime> {
    const FORMATS: [&str; 5] = [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
    ];
    FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
}

/// Reads a date and time with a zone; with `allow_time_of_day`, also a bare
/// `HH:MM` (UTC on the meeting's date).
pub(crate) fn parse_time(text: &str, allow_time_of_day: bool) -> Result<TimeSpec, String> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(TimeSpec::At(dt.with_timezone(&Utc)));
    }
    for suffix in [" UTC", "UTC", " Z", "Z"] {
        if let Some(naive) = t
            .strip_suffix(suffix)
            .and_then(|rest| parse_naive(rest.trim_end()))
        {
            return Ok(TimeSpec::At(Utc.from_utc_datetime(&naive)));
        }
    }
    const OFFSET_FORMATS: [&str; 6] = [
        "%Y-%m-%d %H:%M %:z",
        "%Y-%m-%d %H:%M:%S %:z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M%:z",
    ];
    if let Some(dt) = OFFSET_FORMATS
        .iter()
        .find_map(|f| DateTime::parse_from_str(t, f).ok())
    {
        return Ok(TimeSpec::At(dt.with_timezone(&Utc)));
    }
    if parse_naive(t).is_some() {
        return Err(format!(
            "the time `{t}` has no time zone; expected {TIME_EXAMPLE} (add ` UTC` or an offset)"
        ));
    }
    if allow_time_of_day {
        let bare = t.strip_suffix("UTC").map(str::trim_end).unwrap_or(t);
        for f in ["%H:%M", "%H:%M:%S"] {
            if let Ok(time) = NaiveTime::parse_from_str(bare, f) {
                return Ok(TimeSpec::TimeOfDay(time));
            }
        }
        return Err(format!(
            "`{t}` is not a time; expected a time of day like `17:12` (UTC) or {TIME_EXAMPLE}"
        ));
    }
    Err(format!(
        "`{t}` is not a date and time; expected {TIME_EXAMPLE}"
    ))
}

/// Writes a time the way people write it in meeting files.
pub(crate) fn format_time(t: &DateTime<Utc>) -> String {
    if t.timestamp_subsec_nanos() == 0 && t.format("%S").to_string() == "00" {
        t.format("%Y-%m-%d %H:%M UTC").to_string()
    } else {
        t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
}

struct TimeVisitor {
    allow_time_of_day: bool,
}

impl Visitor<'_> for TimeVisitor {
    type Value = TimeSpec;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a date and time like {TIME_EXAMPLE}")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<TimeSpec, E> {
        parse_time(v, self.allow_time_of_day).map_err(E::custom)
    }
}

/// serde `with` module for a required UTC time.
pub(crate) mod utc_time {
    use super::*;
    pub(crate) fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_time(t))
    }
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        match d.deserialize_str(TimeVisitor {
            allow_time_of_day: false,
        })? {
            TimeSpec::At(t) => Ok(t),
            // Not produced when time of day is not allowed.
            TimeSpec::TimeOfDay(_) => Err(de::Error::custom("expected a date, not only a time")),
        }
    }
}

/// serde `with` module for an optional UTC time.
pub(crate) mod opt_utc_time {
    use super::*;
    pub(crate) fn serialize<S: Serializer>(
        t: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&format_time(t)),
            None => s.serialize_none(),
        }
    }
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        utc_time::deserialize(d).map(Some)
    }
}

pub(super) fn time_spec<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TimeSpec>, D::Error> {
    d.deserialize_str(TimeVisitor {
        allow_time_of_day: true,
    })
    .map(Some)
}
