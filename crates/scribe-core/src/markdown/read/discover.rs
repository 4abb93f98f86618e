//! What a document says about its meeting outside the agenda: the front matter's
//! fields, the next meeting's time from the sentence announcing it, and the timed
//! headings (`## 17:00 UTC – Meeting start`), and the meeting's date when only
//! the text or the path gives it.

use std::ops::Range;
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::super::spans::Timed;
use crate::dates::{find_date, find_date_loose, find_quarter, find_time, find_year};

/// `t` moved by whole days to be closest to `reference` (headings give only times).
pub(super) fn nearest(t: DateTime<Utc>, reference: DateTime<Utc>) -> DateTime<Utc> {
    let mut t = t;
    while t - reference > Duration::hours(12) {
        t -= Duration::days(1);
    }
    while reference - t > Duration::hours(12) {
        t += Duration::days(1);
    }
    t
}

/// The next meeting's time from the sentence announcing it.
pub(crate) fn next_time(text: &str, meeting_time: DateTime<Utc>) -> Option<DateTime<Utc>> {
    use chrono::Datelike;
    let d = find_date(text, Some(meeting_time.year()))?;
    let mut date = d.date;
    if date < meeting_time.date_naive()
        && !text[d.range.clone()].contains(&meeting_time.year().to_string())
    {
        date = date.with_year(date.year() + 1)?;
    }
    let time = find_time(&text[d.range.end..])
        .or_else(|| find_time(text))
        .map_or(meeting_time.time(), |(_, t)| t);
    Some(Utc.from_utc_datetime(&date.and_time(time)))
}

/// For a timed heading (`17:00 UTC – Meeting start`): which one it is (`None` for
/// other timed headings). Not a timed heading: `None` outside.
pub(super) fn timed_kind(text: &str) -> Option<Option<Timed>> {
    let (r, _) = find_time(text)?;
    if r.start > 0 {
        return None;
    }
    let rest = text[r.end..].trim_start();
    let rest = rest.strip_prefix("UTC").unwrap_or(rest).trim_start();
    let label = rest.strip_prefix(['–', '-', '—'])?.trim().to_lowercase();
    Some(
        if label.contains("pre-meeting") || label.contains("pre meeting") {
            Some(Timed::PreMeeting)
        } else if label.contains("meeting start") || label == "start" {
            Some(Timed::Start)
        } else if label.contains("meeting end") {
            Some(Timed::MeetingEnd)
        } else if label == "end" {
            Some(Timed::End)
        } else {
            None
        },
    )
}

/// Where the label of a timed heading starts (`Pre-meeting socializing` in
/// `16:30 UTC – Pre-meeting socializing`), as a byte offset into `text`.
pub(super) fn timed_label_start(text: &str) -> Option<usize> {
    let (r, _) = find_time(text)?;
    let rest = &text[r.end..];
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("UTC").unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix(['–', '-', '—'])?;
    let rest = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    Some(text.len() - rest.len())
}

pub(super) fn unquote(v: &str) -> &str {
    let v = v.trim();
    if v.len() >= 2
        && ((v.starts_with('"') && v.ends_with('"')) || (v.starts_with('\'') && v.ends_with('\'')))
    {
        &v[1..v.len() - 1]
    } else {
        v
    }
}

/// The front matter's `key: value` fields and where the body starts.
pub(super) fn front_matter(src: &str, start: usize) -> (Vec<(String, Range<usize>)>, usize) {
    let rest = &src[start..];
    let first_len = if rest.starts_with("---\n") {
        4
    } else if rest.starts_with("---\r\n") {
        5
    } else {
        return (Vec::new(), start);
    };
    let mut fields = Vec::new();
    let mut pos = start + first_len;
    while pos < src.len() {
        let end = src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1);
        let line = src[pos..end].trim_end_matches(['\n', '\r']);
        if line == "---" || line == "..." {
            return (fields, end);
        }
        if let Some(colon) = line.find(':')
            && !line.starts_with([' ', '\t', '#', '-'])
        {
            let key = line[..colon].trim().to_string();
            let value = &line[colon + 1..];
            let lead = value.len() - value.trim_start().len();
            let vs = pos + colon + 1 + lead;
            let ve = pos + line.trim_end().len();
            fields.push((key, vs..ve.max(vs)));
        }
        pos = end;
    }
    // No closing line: not front matter after all.
    (Vec::new(), start)
}

/// The meeting's date when neither front matter nor a `meeting_time` gives it,
/// and whether it is assumed. In order: a date in the title, headings or file name
/// (`candidates`, the first heading first); then the same with the looser numeric
/// forms, the path's folders (`2023-07-20/notes.md`) and the start of the text,
/// a date without a year taking the path's year (`2023/WG April 4th`); then a
/// quarter (its first day, assumed); else `today`, assumed.
pub(super) fn meeting_date(
    path: &Path,
    body: &str,
    candidates: &[String],
    today: NaiveDate,
) -> (NaiveDate, bool) {
    if let Some(d) = candidates.iter().find_map(|c| find_date(c, None)) {
        return (d.date, false);
    }
    let path_text = path.to_string_lossy();
    let year = find_year(&path_text);
    let mut head_end = body.len().min(4000);
    while !body.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &body[..head_end];
    // Folders nearest the file first: `2023-07-20/notes.md`.
    let folders: Vec<String> = path
        .ancestors()
        .skip(1)
        .take(3)
        .filter_map(|p| p.file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let loose = candidates
        .iter()
        .chain(&folders)
        .find_map(|c| find_date_loose(c, year))
        .or_else(|| find_date(head, year));
    if let Some(d) = loose {
        return (d.date, false);
    }
    match candidates
        .iter()
        .find_map(|c| find_quarter(c, year))
        .or_else(|| find_quarter(&path_text, year))
    {
        Some(q) => (q, true),
        None => (today, true),
    }
}
