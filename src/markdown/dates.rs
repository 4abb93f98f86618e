//! Dates and times as the group writes them in free text ("May 15th, 2024",
//! "2025-03-12", "29-08-2024", "17:00 UTC", "1700 UTC"), found together with where
//! they are and how they were written, so that a date can be replaced by another
//! one written the same way.

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

/// Finds the first date in `text`. Dates without a year take `default_year`.
pub(crate) fn find_date(text: &str, default_year: Option<i32>) -> Option<FoundDate> {
    let mut found: Vec<FoundDate> = Vec::new();
    let bytes = text.as_bytes();
    // Numeric forms: 2025-03-12 and 29-08-2024.
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
            && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
        {
            found.push(FoundDate {
                range: i..i + 10,
                date,
                style: DateStyle::Iso,
            });
            break;
        }
        if let (Some(d), Some(m), Some(y)) = (
            digits_at(bytes, i, 2),
            digits_at(bytes, i + 3, 2),
            digits_at(bytes, i + 6, 4),
        ) && bytes[i + 2] == bytes[i + 5]
            && (bytes[i + 2] == b'-' || bytes[i + 2] == b'.' || bytes[i + 2] == b'/')
            && boundary(bytes, i + 10)
            && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
        {
            found.push(FoundDate {
                range: i..i + 10,
                date,
                style: DateStyle::DayMonthYear(bytes[i + 2] as char),
            });
            break;
        }
    }
    // Written forms with a month name.
    let toks = tokens(text);
    for (k, tok) in toks.iter().enumerate() {
        let Some((month, abbrev)) = month_of(tok.text) else {
            continue;
        };
        // "May 15th, 2024" / "June 5th"
        if let Some(next) = toks.get(k + 1)
            && let Some((day, ordinal, padded)) = day_of(next.text)
            && text[tok.range.end..next.range.start]
                .chars()
                .all(|c| c == ' ' || c == '.')
        {
            let after_day = &text[next.range.end..];
            let comma = after_day.starts_with(',');
            let year_tok = toks.get(k + 2).filter(|t| {
                year_of(t.text).is_some()
                    && text[next.range.end..t.range.start]
                        .chars()
                        .all(|c| c == ' ' || c == ',')
            });
            let year = year_tok.and_then(|t| year_of(t.text)).or(default_year);
            if let Some(y) = year
                && let Some(date) = NaiveDate::from_ymd_opt(y, month, day)
            {
                let end = year_tok.map_or(next.range.end, |t| t.range.end);
                found.push(FoundDate {
                    range: tok.range.start..end,
                    date,
                    style: DateStyle::MonthDay {
                        abbrev,
                        ordinal,
                        comma: comma && year_tok.is_some(),
                        year: year_tok.is_some(),
                        padded,
                    },
                });
                break;
            }
        }
        // "26th October 2024"
        if k > 0
            && let Some(prev) = toks.get(k - 1)
            && let Some((day, ordinal, _)) = day_of(prev.text)
            && text[prev.range.end..tok.range.start]
                .chars()
                .all(|c| c == ' ')
        {
            let year_tok = toks.get(k + 1).filter(|t| {
                year_of(t.text).is_some()
                    && text[tok.range.end..t.range.start].chars().all(|c| c == ' ')
            });
            let year = year_tok.and_then(|t| year_of(t.text)).or(default_year);
            if let Some(y) = year
                && let Some(date) = NaiveDate::from_ymd_opt(y, month, day)
            {
                let end = year_tok.map_or(tok.range.end, |t| t.range.end);
                found.push(FoundDate {
                    range: prev.range.start..end,
                    date,
                    style: DateStyle::DayMonth {
                        abbrev,
                        ordinal,
                        year: year_tok.is_some(),
                    },
                });
                break;
            }
        }
    }
    found.into_iter().min_by_key(|f| f.range.start)
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

/// Finds a time of day: `17:00`, `17:00UTC`, `1700 UTC`. A time followed by "UTC"
/// wins over one that is not.
pub(crate) fn find_time(text: &str) -> Option<(Range<usize>, NaiveTime)> {
    let bytes = text.as_bytes();
    let mut first_plain = None;
    for i in 0..bytes.len() {
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
            && text[i + 4..].trim_start().starts_with("UTC")
        {
            (i..i + 4, h, m)
        } else {
            continue;
        };
        let Some(time) = NaiveTime::from_hms_opt(h, m, 0) else {
            continue;
        };
        if text[range.end..].trim_start().starts_with("UTC") {
            return Some((range, time));
        }
        if first_plain.is_none() {
            first_plain = Some((range, time));
        }
    }
    first_plain
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
    fn times_prefer_utc() {
        let (r, t) = find_time("at 12:00 UTC").unwrap();
        assert_eq!((r, t), (3..8, NaiveTime::from_hms_opt(12, 0, 0).unwrap()));
        let (_, t) = find_time("July 03, 2024 1700 UTC").unwrap();
        assert_eq!(t, NaiveTime::from_hms_opt(17, 0, 0).unwrap());
        let (_, t) = find_time("@ 16:00UTC (18:00 Europe/Amsterdam)").unwrap();
        assert_eq!(t, NaiveTime::from_hms_opt(16, 0, 0).unwrap());
    }
}
