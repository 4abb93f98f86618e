//! Dates and times as the group writes them in free text ("May 15th, 2024",
//! "2025-03-12", "29-08-2024", "17:00 UTC", "1700 UTC"), found together with where
//! they are and how they were written, so that a date can be replaced by another
//! one written the same way. The Markdown reader and writer and the next meeting's
//! calendar entry all read dates and times here, so they agree on what a sentence
//! says.

use chrono::{Datelike, NaiveDate, NaiveTime};
use std::ops::Range;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// How a date was written, so that another date can be written the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateStyle {
    /// `2025-03-12`
    Iso,
    /// `29-08-2024` (day first, with the given separator)
    DayMonthYear(char),
    /// `May 15th, 2024`, `June 5th`, `July 18, 2024`, `Feb 24th 2024`
    MonthDay {
        /// Length of the month word (3 for "Feb", 0 for the full name).
        abbrev: bool,
        ordinal: bool,
        comma: bool,
        year: bool,
        /// Day written with two digits ("July 03").
        padded: bool,
    },
    /// `26th October 2024`, `13 Sep 2024`
    DayMonth {
        abbrev: bool,
        ordinal: bool,
        year: bool,
    },
}

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundDate {
    pub range: Range<usize>,
    pub date: NaiveDate,
    pub style: DateStyle,
}

#[derive(Debug, Clone)]
struct Token<'a> {
    range: Range<usize>,
    text: &'a str,
}

/// Words and numbers of `text` with their byte ranges (letters and digits only).
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Token {
                range: s..i,
                text: &text[s..i],
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            range: s..text.len(),
            text: &text[s..],
        });
    }
    out
}

fn month_of(word: &str) -> Option<(u32, bool)> {
    let w = word.to_ascii_lowercase();
    for (i, m) in MONTHS.iter().enumerate() {
        if w == *m {
            return Some((i as u32 + 1, false));
        }
        if w.len() == 3 && m.starts_with(&w) || (w == "sept" && i == 8) {
            return Some((i as u32 + 1, true));
        }
    }
    None
}

/// A day number, possibly with an ordinal suffix ("5th"): (day, had suffix, padded).
fn day_of(word: &str) -> Option<(u32, bool, bool)> {
    let digits: String = word.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let ordinal = match rest.to_ascii_lowercase().as_str() {
        "" => false,
        "st" | "nd" | "rd" | "th" => true,
        _ => return None,
    };
    let day: u32 = digits.parse().ok()?;
    (1..=31)
        .contains(&day)
        .then_some((day, ordinal, digits.len() == 2 && digits.starts_with('0')))
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2999).contains(y))
}

fn digits_at(bytes: &[u8], at: usize, n: usize) -> Option<u32> {
    let slice = bytes.get(at..at + n)?;
    if !slice.iter().all(|b| b.is_ascii_digit()) {
        return None;
    }
    std::str::from_utf8(slice).ok()?.parse().ok()
}

fn boundary(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_none_or(|b| !b.is_ascii_digit())
}

/// A date as written, before it is checked against the calendar: `year` is `None`
/// when the text gives none ("June 5th"), and the day may not exist ("February 30th").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WrittenDate {
    pub range: Range<usize>,
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    pub style: DateStyle,
}

impl WrittenDate {
    /// The date on the calendar, the year missing from the text taken as `year`.
    fn on_calendar(&self, year: Option<i32>) -> Option<FoundDate> {
        let date = NaiveDate::from_ymd_opt(self.year.or(year)?, self.month, self.day)?;
        Some(FoundDate {
            range: self.range.clone(),
            date,
            style: self.style.clone(),
        })
    }
}

/// Everything in `text` written like a date: first the numeric ones (2025-03-12,
/// 29-08-2024) in the order they stand, then those with a month name, month by
/// month, "May 15th" before "15th May" for the same month word.
fn written_dates(text: &str) -> (Vec<WrittenDate>, Vec<WrittenDate>) {
    let mut numeric = Vec::new();
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        if i > 0 && bytes[i - 1].is_ascii_digit() {
            continue;
        }
        if let (Some(y), Some(m), Some(d)) = (
            digits_at(bytes, i, 4),
            digits_at(bytes, i + 5, 2),
            digits_at(bytes, i + 8, 2),
        ) && bytes[i + 4] == b'-'
            && bytes[i + 7] == b'-'
            && boundary(bytes, i + 10)
        {
            numeric.push(WrittenDate {
                range: i..i + 10,
                year: i32::try_from(y).ok(),
                month: m,
                day: d,
                style: DateStyle::Iso,
            });
        }
        if let (Some(d), Some(m), Some(y)) = (
            digits_at(bytes, i, 2),
            digits_at(bytes, i + 3, 2),
            digits_at(bytes, i + 6, 4),
        ) && bytes[i + 2] == bytes[i + 5]
            && (bytes[i + 2] == b'-' || bytes[i + 2] == b'.' || bytes[i + 2] == b'/')
            && boundary(bytes, i + 10)
        {
            numeric.push(WrittenDate {
                range: i..i + 10,
                year: i32::try_from(y).ok(),
                month: m,
                day: d,
                style: DateStyle::DayMonthYear(bytes[i + 2] as char),
            });
        }
    }
    let mut named = Vec::new();
    let toks = tokens(text);
    // A year is a four-digit number that is not a time of day ("July 03, 2024 1700
    // UTC" has the year 2024; "June 5th 2000 UTC" has none).
    let year_at = |k: usize, after: usize, separators: &[char]| {
        toks.get(k).filter(|t| {
            year_of(t.text).is_some()
                && text[after..t.range.start]
                    .chars()
                    .all(|c| separators.contains(&c))
                && utc_marker(text, t.range.end).is_none()
        })
    };
    for (k, tok) in toks.iter().enumerate() {
        let Some((month, abbrev)) = month_of(tok.text) else {
            continue;
        };
        // "May 15th, 2024" / "June 5th"
        if let Some(next) = toks.get(k + 1)
            && let Some((day, ordinal, padded)) = day_of(next.text)
            && !in_clock(text, &next.range)
            && text[tok.range.end..next.range.start]
                .chars()
                .all(|c| c == ' ' || c == '.')
        {
            let comma = text[next.range.end..].starts_with(',');
            let year_tok = year_at(k + 2, next.range.end, &[' ', ',']);
            named.push(WrittenDate {
                range: tok.range.start..year_tok.map_or(next.range.end, |t| t.range.end),
                year: year_tok.and_then(|t| year_of(t.text)),
                month,
                day,
                style: DateStyle::MonthDay {
                    abbrev,
                    ordinal,
                    comma: comma && year_tok.is_some(),
                    year: year_tok.is_some(),
                    padded,
                },
            });
        }
        // "26th October 2024"
        if k > 0
            && let Some(prev) = toks.get(k - 1)
            && let Some((day, ordinal, _)) = day_of(prev.text)
            && !in_clock(text, &prev.range)
            && text[prev.range.end..tok.range.start]
                .chars()
                .all(|c| c == ' ')
        {
            let year_tok = year_at(k + 1, tok.range.end, &[' ']);
            named.push(WrittenDate {
                range: prev.range.start..year_tok.map_or(tok.range.end, |t| t.range.end),
                year: year_tok.and_then(|t| year_of(t.text)),
                month,
                day,
                style: DateStyle::DayMonth {
                    abbrev,
                    ordinal,
                    year: year_tok.is_some(),
                },
            });
        }
    }
    (numeric, named)
}

/// Whether the number at `range` is the hour or the minutes of a time of day
/// ("5th September 16:00" names no September 16th).
fn in_clock(text: &str, range: &Range<usize>) -> bool {
    text[..range.start].ends_with(':') || text[range.end..].starts_with(':')
}

/// Finds the first date in `text` that is on the calendar. Dates without a year
/// take `default_year` (none: they are passed over).
pub(crate) fn find_date(text: &str, default_year: Option<i32>) -> Option<FoundDate> {
    let (numeric, named) = written_dates(text);
    let first_numeric = numeric.iter().find_map(|w| w.on_calendar(default_year));
    let first_named = named.iter().find_map(|w| w.on_calendar(default_year));
    first_numeric
        .into_iter()
        .chain(first_named)
        .min_by_key(|f| f.range.start)
}

/// The first thing in `text` written like a date, whether or not the calendar has
/// it: for reading a sentence that must name one date, where a mistyped date is an
/// error to report rather than something to skip.
pub(crate) fn first_written_date(text: &str) -> Option<WrittenDate> {
    let (numeric, named) = written_dates(text);
    // The same choice as `find_date`'s, so both read a sentence alike.
    numeric
        .into_iter()
        .next()
        .into_iter()
        .chain(named.into_iter().next())
        .min_by_key(|w| w.range.start)
}

fn ordinal_suffix(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    }
}

fn month_name(month: u32, abbrev: bool) -> String {
    let full = MONTHS[(month as usize).saturating_sub(1) % 12];
    let mut name: String = full[..1].to_ascii_uppercase() + &full[1..];
    if abbrev {
        name.truncate(3);
    }
    name
}

/// Writes `date` in `style`.
pub(crate) fn format_date(date: NaiveDate, style: &DateStyle) -> String {
    match style {
        DateStyle::Iso => date.format("%Y-%m-%d").to_string(),
        DateStyle::DayMonthYear(sep) => format!(
            "{:02}{sep}{:02}{sep}{}",
            date.day(),
            date.month(),
            date.year()
        ),
        DateStyle::MonthDay {
            abbrev,
            ordinal,
            comma,
            year,
            padded,
        } => {
            let mut s = month_name(date.month(), *abbrev);
            if *padded {
                s += &format!(" {:02}", date.day());
            } else {
                s += &format!(" {}", date.day());
            }
            if *ordinal {
                s += ordinal_suffix(date.day());
            }
            if *year {
                if *comma {
                    s.push(',');
                }
                s += &format!(" {}", date.year());
            }
            s
        }
        DateStyle::DayMonth {
            abbrev,
            ordinal,
            year,
        } => {
            let mut s = date.day().to_string();
            if *ordinal {
                s += ordinal_suffix(date.day());
            }
            s += " ";
            s += &month_name(date.month(), *abbrev);
            if *year {
                s += &format!(" {}", date.year());
            }
            s
        }
    }
}

/// Where a UTC marker right after `at` ends: "UTC", "GMT" or "Z" in any case,
/// glued to the time or after spaces, as a word of its own.
fn utc_marker(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let word_start = at + (rest.len() - rest.trim_start().len());
    let word_len = text[word_start..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(text.len() - word_start);
    let word = &text[word_start..word_start + word_len];
    ["UTC", "GMT", "Z"]
        .iter()
        .any(|m| word.eq_ignore_ascii_case(m))
        .then_some(word_start + word_len)
}

/// A time of day found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundTime {
    /// The clock as written ("17:00", "1700"), without its zone.
    pub range: Range<usize>,
    pub time: NaiveTime,
    /// Where the UTC marker after the clock ends, when there is one.
    pub utc_end: Option<usize>,
    /// Written inside parentheses (an aside, such as a conversion to local time).
    pub in_parens: bool,
    /// Followed by another time zone ("18:00 Europe/Amsterdam", "19:00 CEST").
    pub other_zone: bool,
}

/// Every time of day in `text`: `17:00`, `9:30`, `17:00UTC`, and `1700` only when
/// marked UTC (else it could be a year).
pub(crate) fn times(text: &str) -> Vec<FoundTime> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    for i in 0..bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if i > 0 && bytes[i - 1].is_ascii_digit() {
            continue;
        }
        let (range, h, m) = if let (Some(h), Some(m)) =
            (digits_at(bytes, i, 2), digits_at(bytes, i + 3, 2))
            && bytes[i + 2] == b':'
            && boundary(bytes, i + 5)
        {
            (i..i + 5, h, m)
        } else if let (Some(h), Some(m)) = (digits_at(bytes, i, 1), digits_at(bytes, i + 2, 2))
            && bytes[i + 1] == b':'
            && boundary(bytes, i + 4)
        {
            (i..i + 4, h, m)
        } else if let (Some(h), Some(m)) = (digits_at(bytes, i, 2), digits_at(bytes, i + 2, 2))
            && boundary(bytes, i + 4)
            // A word of its own: the year of "29-08-2024 UTC" is no time.
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || b"-./:".contains(&bytes[i - 1])))
            && utc_marker(text, i + 4).is_some()
        {
            (i..i + 4, h, m)
        } else {
            continue;
        };
        let Some(time) = NaiveTime::from_hms_opt(h, m, 0) else {
            continue;
        };
        let utc_end = utc_marker(text, range.end);
        let after = text[range.end..].trim_start();
        let next_word = after
            .find(|c: char| !(c.is_alphanumeric() || "/:-_".contains(c)))
            .map_or(after, |end| &after[..end]);
        let other_zone = utc_end.is_none()
            && (next_word.contains('/')
                || ((2..=5).contains(&next_word.len())
                    && next_word.chars().all(|c| c.is_ascii_uppercase())));
        out.push(FoundTime {
            range,
            time,
            utc_end,
            in_parens: depth > 0,
            other_zone,
        });
    }
    out
}

/// Finds a time of day: `17:00`, `17:00UTC`, `1700 UTC`. A time marked UTC wins
/// over one that is not.
pub(crate) fn find_time(text: &str) -> Option<(Range<usize>, NaiveTime)> {
    let all = times(text);
    let first_utc = all.iter().find(|t| t.utc_end.is_some());
    first_utc.or(all.first()).map(|t| (t.range.clone(), t.time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn written_forms_of_the_corpus_are_found_and_rewritten_alike() {
        for (text, date) in [
            ("May 15th, 2024 17:00 UTC", d(2024, 5, 15)),
            ("2025-03-12 17:00 UTC", d(2025, 3, 12)),
            ("July 18, 2024 17:00 UTC", d(2024, 7, 18)),
            (
                "Next meeting is 29-08-2024 (29th Aug) @ 16:00UTC",
                d(2024, 8, 29),
            ),
            ("July 03, 2024 1700 UTC", d(2024, 7, 3)),
            ("Saturday 26th October 2024", d(2024, 10, 26)),
            ("April 2nd 2026 16:00 UTC", d(2026, 4, 2)),
        ] {
            let found = find_date(text, None).unwrap_or_else(|| panic!("no date in {text}"));
            assert_eq!(found.date, date, "{text}");
            assert_eq!(
                format_date(found.date, &found.style),
                &text[found.range.clone()]
            );
        }
        let june = find_date("Next meeting is June 5th @ 16:00 UTC", Some(2024)).unwrap();
        assert_eq!(june.date, d(2024, 6, 5));
        assert_eq!(format_date(d(2024, 6, 19), &june.style), "June 19th");
    }

    #[test]
    fn a_number_of_a_time_of_day_is_no_year_and_no_day() {
        // "2000 UTC" is eight in the evening, not the year 2000.
        let found = find_date("June 5th 2000 UTC", Some(2024)).unwrap();
        assert_eq!((found.date, found.range), (d(2024, 6, 5), 0..8));
        // "16:00" after a month names no 16th.
        let found = find_date("5th September 16:00 UTC", Some(2024)).unwrap();
        assert_eq!(found.date, d(2024, 9, 5));
        assert_eq!(find_date("September 16:00 UTC", Some(2024)), None);
        // The year of a numeric date is no "HHMM UTC" time.
        assert_eq!(find_time("29-08-2024 UTC"), None);
    }

    #[test]
    fn a_mistyped_date_is_written_but_not_on_the_calendar() {
        let written = first_written_date("February 30th @ 16:00 UTC").unwrap();
        assert_eq!((written.month, written.day, written.year), (2, 30, None));
        assert_eq!(find_date("February 30th @ 16:00 UTC", Some(2024)), None);
    }

    #[test]
    fn utc_markers_and_asides() {
        for text in ["16:00 utc", "16:00GMT", "16:00 Z", "16:00 UTC."] {
            let t = &times(text)[0];
            assert_eq!(t.utc_end, Some(text.trim_end_matches('.').len()), "{text}");
        }
        let all = times("17:00 UTCon (18:00 Europe/Amsterdam) 19:00 CEST");
        let flags: Vec<_> = all
            .iter()
            .map(|t| (t.utc_end.is_some(), t.in_parens, t.other_zone))
            .collect();
        assert_eq!(
            flags,
            [
                (false, false, false),
                (false, true, true),
                (false, false, true)
            ]
        );
    }

    #[test]
    fn times_prefer_utc() {
        let (r, t) = find_time("at 12:00 UTC").unwrap();
        assert_eq!((r, t), (3..8, NaiveTime::from_hms_opt(12, 0, 0).unwrap()));
        let (_, t) = find_time("July 03, 2024 1700 UTC").unwrap();
        assert_eq!(t, NaiveTime::from_hms_opt(17, 0, 0).unwrap());
        let (_, t) = find_time("@ 16:00UTC (18:00 Europe/Amsterdam)").unwrap();
        assert_eq!(t, NaiveTime::from_hms_opt(16, 0, 0).unwrap());
    }
}
