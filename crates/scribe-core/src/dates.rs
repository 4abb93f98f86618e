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
    /// `26th October 2024`, `13 Sep 2024`, `9 June, 2022`
    DayMonth {
        abbrev: bool,
        ordinal: bool,
        year: bool,
        /// A comma before the year (`9 June, 2022`).
        comma: bool,
    },
    /// `2019/06/11`, `2020/6/25`, `2019.11.14`, `2024 08 30`: year first, with the
    /// separator, month and day with two digits when `padded`.
    YearMonthDay { sep: char, padded: bool },
    /// `20210622`
    Compact,
    /// `7/28/17`, `10/29/2020`: month first, with a slash (the US form).
    MonthDayYear { short_year: bool, padded: bool },
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
            let year_tok = year_at(k + 1, tok.range.end, &[' ', ',']);
            let comma = year_tok.is_some() && text[tok.range.end..].starts_with(',');
            named.push(WrittenDate {
                range: prev.range.start..year_tok.map_or(tok.range.end, |t| t.range.end),
                year: year_tok.and_then(|t| year_of(t.text)),
                month,
                day,
                style: DateStyle::DayMonth {
                    abbrev,
                    ordinal,
                    year: year_tok.is_some(),
                    comma,
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

/// A run of ASCII digits starting at `at` (at most `max` long): its value and length.
fn number_at(bytes: &[u8], at: usize, max: usize) -> Option<(u32, usize)> {
    let len = bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if len == 0 || len > max {
        return None;
    }
    Some((
        std::str::from_utf8(&bytes[at..at + len])
            .ok()?
            .parse()
            .ok()?,
        len,
    ))
}

/// Numeric dates that only a title, a heading or a file name is trusted to hold
/// (in running text they could be anything): `2019/06/11`, `2020/6/25`,
/// `2019.11.14`, `2024 08 30`, `20210622` and the US `7/28/17`.
fn loose_numeric(text: &str) -> Vec<WrittenDate> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for i in 0..bytes.len() {
        if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        let Some((a, alen)) = number_at(bytes, i, 8) else {
            continue;
        };
        // 20210622
        if alen == 8 && boundary_alpha(bytes, i + 8) {
            out.push(WrittenDate {
                range: i..i + 8,
                year: i32::try_from(a / 10000).ok(),
                month: a / 100 % 100,
                day: a % 100,
                style: DateStyle::Compact,
            });
            continue;
        }
        let Some(&sep) = bytes.get(i + alen) else {
            continue;
        };
        if !matches!(sep, b'/' | b'.' | b' ') || alen > 4 {
            continue;
        }
        let Some((b, blen)) = number_at(bytes, i + alen + 1, 2) else {
            continue;
        };
        let c_at = i + alen + 1 + blen;
        if bytes.get(c_at) != Some(&sep) {
            continue;
        }
        let Some((c, clen)) = number_at(bytes, c_at + 1, 4) else {
            continue;
        };
        let end = c_at + 1 + clen;
        if !boundary_alpha(bytes, end) {
            continue;
        }
        if alen == 4 && clen <= 2 {
            out.push(WrittenDate {
                range: i..end,
                year: i32::try_from(a).ok(),
                month: b,
                day: c,
                style: DateStyle::YearMonthDay {
                    sep: sep as char,
                    padded: blen == 2 && clen == 2,
                },
            });
        } else if sep == b'/' && alen <= 2 && (clen == 2 || clen == 4) {
            let year = if clen == 2 { 2000 + c } else { c };
            out.push(WrittenDate {
                range: i..end,
                year: i32::try_from(year).ok(),
                month: a,
                day: b,
                style: DateStyle::MonthDayYear {
                    short_year: clen == 2,
                    padded: alen == 2 && blen == 2,
                },
            });
        }
    }
    out
}

fn boundary_alpha(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// Like [`find_date`], and also the numeric forms only a title, a heading or a
/// file name is trusted to hold (see `loose_numeric`).
pub(crate) fn find_date_loose(text: &str, default_year: Option<i32>) -> Option<FoundDate> {
    let strict = find_date(text, default_year);
    let loose = loose_numeric(text)
        .iter()
        .find_map(|w| w.on_calendar(default_year));
    strict
        .into_iter()
        .chain(loose)
        .min_by_key(|f| f.range.start)
}

/// The first day of a quarter named in `text` (`Q3 2016`, `2016 Q3`, `2016/Q3`),
/// the year from the text or `default_year`.
pub(crate) fn find_quarter(text: &str, default_year: Option<i32>) -> Option<NaiveDate> {
    let toks = tokens(text);
    for (k, t) in toks.iter().enumerate() {
        let q = match t.text.as_bytes() {
            [b'Q' | b'q', d @ b'1'..=b'4'] => u32::from(d - b'0'),
            _ => continue,
        };
        let year = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| toks.get(j))
            .find_map(|t| year_of(t.text))
            .or(default_year)?;
        return NaiveDate::from_ymd_opt(year, q * 3 - 2, 1);
    }
    None
}

/// The last year (four digits, 1900–2999) written in `text` as a word of its own.
pub(crate) fn find_year(text: &str) -> Option<i32> {
    tokens(text).iter().rev().find_map(|t| year_of(t.text))
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
            comma,
        } => {
            let mut s = date.day().to_string();
            if *ordinal {
                s += ordinal_suffix(date.day());
            }
            s += " ";
            s += &month_name(date.month(), *abbrev);
            if *year {
                if *comma {
                    s.push(',');
                }
                s += &format!(" {}", date.year());
            }
            s
        }
        DateStyle::YearMonthDay { sep, padded } => {
            if *padded {
                format!(
                    "{}{sep}{:02}{sep}{:02}",
                    date.year(),
                    date.month(),
                    date.day()
                )
            } else {
                format!("{}{sep}{}{sep}{}", date.year(), date.month(), date.day())
            }
        }
        DateStyle::Compact => date.format("%Y%m%d").to_string(),
        DateStyle::MonthDayYear { short_year, padded } => {
            let year = if *short_year {
                format!("{:02}", date.year().rem_euclid(100))
            } else {
                date.year().to_string()
            };
            if *padded {
                format!("{:02}/{:02}/{year}", date.month(), date.day())
            } else {
                format!("{}/{}/{year}", date.month(), date.day())
            }
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
    fn other_groups_forms_are_found_and_rewritten_alike() {
        for (text, date) in [
            ("SPDX AI Team Minutes, 9 June, 2022", d(2022, 6, 9)),
            ("Day Two—14 March 2024", d(2024, 3, 14)),
            ("Meeting 2019/06/11", d(2019, 6, 11)),
            ("Thursday 2020/6/25", d(2020, 6, 25)),
            ("# 2019.11.14", d(2019, 11, 14)),
            ("sync 2024 08 30", d(2024, 8, 30)),
            ("# 20210622", d(2021, 6, 22)),
            ("Friday 7/28/17", d(2017, 7, 28)),
            ("on 10/29/2020", d(2020, 10, 29)),
        ] {
            let found = find_date_loose(text, None).unwrap_or_else(|| panic!("no date in {text}"));
            assert_eq!(found.date, date, "{text}");
            assert_eq!(
                format_date(found.date, &found.style),
                &text[found.range.clone()],
                "{text}"
            );
        }
        // Running text does not take a number for a date.
        assert_eq!(find_date("see PR 20210622 and 2019/06/11", None), None);
        assert_eq!(find_date_loose("release 1.2.3", None), None);
        assert_eq!(find_date_loose("issue #12345678", None), None);
        // "April 4th" takes the year of the folder.
        let april = find_date_loose("WG April 4th", Some(2023)).unwrap();
        assert_eq!(april.date, d(2023, 4, 4));
        assert_eq!(
            find_quarter("meeting-notes/2016/Q3/", None),
            Some(d(2016, 7, 1))
        );
        assert_eq!(find_quarter("Q1 planning", Some(2024)), Some(d(2024, 1, 1)));
        assert_eq!(find_quarter("Q5 2024", None), None);
        assert_eq!(find_year("2023/WG-04-04.md"), Some(2023));
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
