//! What a document says before its agenda is read: the block tree, the front
//! matter, the title and the meeting's date and time. The full reader starts
//! from it; the import, which keeps the blocks and takes only the title and
//! time from the reading, needs nothing more ([`import_outline`]).

use super::super::tree::parse_blocks;
use super::discover::{front_matter, meeting_date, timed_kind, unquote};
use super::roster::roster_kind;
use super::sections::{Section, all_headings, build_sections, heading_text};
use super::{Reader, Timed};
use crate::dates::{DateStyle, find_date, find_time};
use crate::error::InputError;
use crate::markdown::tree::Node;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use std::ops::Range;
use std::path::Path;

/// The document up to its agenda.
pub(crate) struct Outline {
    pub crlf: bool,
    pub body_start: usize,
    pub front: Vec<(String, Range<usize>)>,
    pub nodes: Vec<Node>,
    pub title: String,
    pub date: NaiveDate,
    /// The time of day, when the front matter gives it.
    pub time: Option<NaiveTime>,
    pub date_assumed: bool,
    /// Where the front matter writes the date, and how.
    pub front_time: Option<(Range<usize>, DateStyle)>,
    /// Where the front matter writes the title.
    pub front_title: Option<Range<usize>>,
}

/// Reads the outline of `src` (valid UTF-8); a date the document does not say is
/// `today`, marked as assumed. Fails only on blocks nested absurdly deep.
pub(crate) fn outline(path: &Path, src: &str, today: NaiveDate) -> Result<Outline, InputError> {
    let crlf = src.contains("\r\n");
    let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let (front, body_start) = front_matter(src, bom);
    let nodes = parse_blocks(src, body_start).map_err(|at| {
        let before = &src[..at.min(src.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        InputError::at(
            path,
            line,
            column,
            format!(
                "lists nested more than {} blocks deep; expected minutes or an agenda nested a few levels",
                super::super::tree::MAX_NESTING
            ),
        )
    })?;
    let fm = |k: &str| {
        front
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, r)| (r.clone(), unquote(&src[r.clone()]).to_string()))
    };
    // The meeting date and time: front matter first, then other places.
    let mut time_source: Option<(NaiveDate, Option<NaiveTime>)> = None;
    let mut front_time = None;
    if let Some((r, v)) = fm("meeting_time")
        && let Some(d) = find_date(&v, None)
    {
        let t = find_time(&v).map(|(_, t)| t);
        time_source = Some((d.date, t));
        let off =
            r.start + (src[r.clone()].len() - src[r.clone()].trim_start_matches(['"', '\'']).len());
        front_time = Some((off + d.range.start..off + d.range.end, d.style));
    }
    let title_front = fm("title");
    let front_title = title_front.as_ref().map(|(r, _)| r.clone());
    let (_, sections) = build_sections(src, &nodes);
    let first_heading_text = sections
        .first()
        .map(|s| heading_text(src, s.heading))
        .unwrap_or_default();
    let mut date_assumed = false;
    if time_source.is_none() {
        let candidates: Vec<String> = [
            title_front.as_ref().map(|(_, v)| v.clone()),
            Some(first_heading_text.clone()),
            path.file_name().map(|f| f.to_string_lossy().into_owned()),
        ]
        .into_iter()
        .flatten()
        .chain(front.iter().map(|(_, r)| src[r.clone()].to_string()))
        .chain(all_headings(src, &sections))
        .collect();
        let (date, assumed) = meeting_date(path, &src[body_start..], &candidates, today);
        time_source = Some((date, None));
        date_assumed = assumed;
    }
    let (date, time) = time_source.unwrap_or((today, None));
    let title = title_front
        .map(|(_, v)| v)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            if first_heading_text.is_empty() {
                path.file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
            } else {
                first_heading_text
            }
        });
    Ok(Outline {
        crlf,
        body_start,
        front,
        nodes,
        title,
        date,
        time,
        date_assumed,
        front_time,
        front_title,
    })
}

impl Outline {
    /// The meeting's time: the front matter's, else the start heading's
    /// (`start`), else the first time near the top of the body, else midnight.
    pub(crate) fn meeting_time(&self, src: &str, start: Option<NaiveTime>) -> DateTime<Utc> {
        let time = self
            .time
            .or(start)
            .or_else(|| {
                let limit = src.len().min(self.body_start + 2000);
                let mut end = limit;
                while !src.is_char_boundary(end) {
                    end -= 1;
                }
                find_time(&src[self.body_start..end]).map(|(_, t)| t)
            })
            .unwrap_or_default();
        Utc.from_utc_datetime(&self.date.and_time(time))
    }
}

/// The outline and the meeting's time, as [`super::read`] finds them, without
/// reading the agenda, roster and the rest: the time of the meeting's start
/// heading is found by the same walk over the sections.
pub(crate) fn import_outline(
    path: &Path,
    src: &str,
    today: NaiveDate,
) -> Result<(Outline, DateTime<Utc>), InputError> {
    let o = outline(path, src, today)?;
    let start = if o.time.is_some() {
        None
    } else {
        let reader = Reader::new(src);
        let sections = build_sections(src, &o.nodes).1;
        // The title heading is read as the meeting's details, never as a roster.
        let title_at = sections
            .first()
            .filter(|s| s.level == 1)
            .map(|s| s.heading.range.start);
        first_start(&reader, &sections, title_at)
    };
    let time = o.meeting_time(src, start);
    Ok((o, time))
}

/// The time of the first meeting start heading among the sections the reader
/// visits (`Reader::sections`): every one, except below an attendance section
/// read as a roster, whose sub-sections are rosters too.
fn first_start(
    reader: &Reader,
    sections: &[Section],
    title_at: Option<usize>,
) -> Option<NaiveTime> {
    for s in sections {
        let text = heading_text(reader.src, s.heading);
        let timed = timed_kind(&text);
        if timed == Some(Some(Timed::Start))
            && let Some((_, t)) = find_time(&text)
        {
            return Some(t);
        }
        let lower = text.to_lowercase();
        let details = timed.is_none()
            && (title_at == Some(s.heading.range.start)
                || lower.contains("meeting details")
                || lower.contains("meeting time"));
        let roster = timed.is_none()
            && !details
            && roster_kind(&text).is_some()
            && reader.looks_like_roster(s);
        if !roster && let Some(t) = first_start(reader, &s.subs, title_at) {
            return Some(t);
        }
    }
    None
}
