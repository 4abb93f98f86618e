//! The dates of the minutes: the file name against `meeting_time` and the title,
//! the next meeting after this one, and every weekday written before a date.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};

use super::text::{Lines, date_in_name};
use super::{Edit, Finding, Target};
use crate::dates::{FoundDate, format_date};

/// The next meeting as the minutes state it.
#[derive(Debug, Clone)]
pub struct NextMeeting {
    /// The line that says it.
    pub line: usize,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

/// The first date of `text`; a date written without a year is taken in the
/// year that puts it nearest to `near` (a "January 8" written on December 11 is
/// next year's; a "March 10" written on March 27 is this year's, in the past).
fn date_from(text: &str, near: NaiveDate) -> Option<FoundDate> {
    let found = crate::dates::find_date(text, Some(near.year()))?;
    let year_written = crate::dates::find_date(text, None).is_some_and(|f| f.range == found.range);
    if year_written {
        return Some(found);
    }
    let nearest = [-1, 0, 1]
        .into_iter()
        .filter_map(|dy| found.date.with_year(found.date.year() + dy))
        .min_by_key(|d| (*d - near).num_days().abs())?;
    Some(FoundDate {
        date: nearest,
        ..found
    })
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The file name's date against the dates of `meeting_time` and `title`.
pub fn file_date(name: &str, doc: &Lines) -> Vec<Finding> {
    let Some(file_date) = date_in_name(name) else {
        return Vec::new();
    };
    let dated = |key: &str| {
        let (line, value) = doc.front_matter_value(key)?;
        let found = crate::dates::find_date(value, None)?;
        Some((line, value, found))
    };
    let time = dated("meeting_time");
    let title = dated("title");
    let agrees = |d: &Option<(usize, &str, FoundDate)>| {
        d.as_ref().map(|(_, _, f)| f.date) == Some(file_date)
    };
    let mut out = Vec::new();
    for (key, this, other) in [("meeting_time", &time, &title), ("title", &title, &time)] {
        let Some((line, value, found)) = this else {
            continue;
        };
        if found.date == file_date {
            continue;
        }
        // The file name and the other field agree: this field was copied from
        // another meeting, and the file name's date is the one meant.
        let safe = agrees(other);
        let full = doc.line(*line);
        let start = value.as_ptr() as usize - full.as_ptr() as usize;
        let fixed = format!(
            "{}{}{}",
            &full[..start + found.range.start],
            format_date(file_date, &found.style),
            &full[start + found.range.end..]
        );
        out.push(Finding {
            target: Target::Minutes,
            line: *line,
            message: format!(
                "{key} says {} but the file name says {file_date}",
                found.date
            ),
            suggestion: if safe {
                format!("`{fixed}`")
            } else {
                format!("`{fixed}`, or rename the file if {} is right", found.date)
            },
            edit: safe.then_some(Edit::Replace(fixed)),
        });
    }
    out
}

/// Where the minutes say when the next meeting is: a line with "next meeting"
/// and a date after it, or the first date in a section about the next meeting.
pub fn next_meeting(doc: &Lines, meeting: NaiveDate) -> Option<NextMeeting> {
    let mut in_section = false;
    for (n, line) in doc.body() {
        let lower = line.to_lowercase();
        if line.trim_start().starts_with('#') {
            in_section = lower.contains("next meeting") && !lower.contains("agenda");
            continue;
        }
        let text = match lower.find("next meeting") {
            Some(at) => &line[at..],
            None if in_section => line,
            None => continue,
        };
        if let Some(found) = date_from(text, meeting) {
            let time = crate::dates::find_time(&text[found.range.end..]).map(|(_, t)| t);
            return Some(NextMeeting {
                line: n,
                date: found.date,
                time,
            });
        }
    }
    None
}

/// The next meeting, when stated, is after this one.
pub fn next_meeting_after(doc: &Lines, meeting: NaiveDate) -> Option<Finding> {
    let next = next_meeting(doc, meeting)?;
    if next.date > meeting {
        return None;
    }
    let fortnight = meeting + Duration::days(14);
    Some(Finding {
        target: Target::Minutes,
        line: next.line,
        message: format!(
            "the next meeting ({}) is not after this meeting ({meeting})",
            next.date
        ),
        suggestion: format!(
            "write the date agreed (two weeks after this meeting is {} {fortnight})",
            weekday_name(fortnight.weekday())
        ),
        edit: None,
    })
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Every weekday written right before a date ("Friday 2025-01-08", "Saturday
/// January 6th, 2024") is that date's weekday.
pub fn weekdays(doc: &Lines, meeting: Option<NaiveDate>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (n, line) in doc.body() {
        let lower = line.to_ascii_lowercase();
        for (word, day) in WEEKDAYS {
            for (at, _) in lower.match_indices(word) {
                let starts_word = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphabetic();
                let after = &line[at + word.len()..];
                if !starts_word || after.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    continue;
                }
                let rest = after.trim_start_matches([',', ' ']);
                let rest = rest.strip_prefix("the ").unwrap_or(rest);
                let found = match meeting {
                    Some(m) => date_from(rest, m),
                    None => crate::dates::find_date(rest, None),
                };
                let Some(found) = found.filter(|f| f.range.start == 0) else {
                    continue;
                };
                let actual = found.date.weekday();
                if actual == day {
                    continue;
                }
                let shift =
                    (day.num_days_from_monday() as i64 - actual.num_days_from_monday() as i64 + 10)
                        .rem_euclid(7)
                        - 3;
                let nearest = found.date + Duration::days(shift);
                out.push(Finding {
                    target: Target::Minutes,
                    line: n,
                    message: format!(
                        "{} {} is a {}",
                        weekday_name(day),
                        &rest[found.range.clone()],
                        weekday_name(actual)
                    ),
                    suggestion: format!(
                        "write {}, or the date of the {} meant ({nearest}?)",
                        weekday_name(actual),
                        weekday_name(day)
                    ),
                    edit: None,
                });
            }
        }
    }
    out
}
