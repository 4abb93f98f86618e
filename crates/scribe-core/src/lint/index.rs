//! The folder's index page: it links the minutes under the meeting's date, in
//! the section of the meeting's year, and its `next_meeting_time` is the next
//! meeting the latest minutes announce.
//!
//! The index is read by its forms, not by one group's page: an entry is any line
//! linking to a file whose name holds a date (`[2025-02-19](minutes-2025-02-19.md)`),
//! a year section is any heading whose text is a year.

use chrono::{Datelike, NaiveDate};

use super::dates_check::NextMeeting;
use super::text::{Lines, date_in_name};
use super::{Edit, Finding, IndexPage, Target};
use crate::dates::{find_date, find_time, format_date};

/// One line of the index that links to dated minutes.
#[derive(Debug)]
struct Entry<'a> {
    line: usize,
    text: &'a str,
    /// Byte range of the link text and of the link target in `text`.
    label: std::ops::Range<usize>,
    target: std::ops::Range<usize>,
    /// The date in the target's file name.
    date: NaiveDate,
    /// The year of the section the line is in.
    section: Option<i32>,
}

/// A heading whose text is a year (`### 2025`): its line, marks and year.
struct YearHeading<'a> {
    line: usize,
    marks: &'a str,
    year: i32,
}

/// A file name without folders and extension.
fn stem(path: &str) -> &str {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    base.rsplit_once('.').map_or(base, |(s, _)| s)
}

fn year_heading(n: usize, line: &str) -> Option<YearHeading<'_>> {
    let marks_len = line.chars().take_while(|&c| c == '#').count();
    let year = line[marks_len..].trim();
    (marks_len > 0 && year.len() == 4)
        .then(|| year.parse().ok())
        .flatten()
        .map(|year| YearHeading {
            line: n,
            marks: &line[..marks_len],
            year,
        })
}

/// The entries and year headings of the index.
fn read<'a>(index: &Lines<'a>) -> (Vec<Entry<'a>>, Vec<YearHeading<'a>>) {
    let mut entries = Vec::new();
    let mut headings = Vec::new();
    let mut section = None;
    for (n, line) in index.body() {
        if let Some(h) = year_heading(n, line) {
            section = Some(h.year);
            headings.push(h);
            continue;
        }
        if line.trim_start().starts_with('#') {
            section = None;
            continue;
        }
        let Some(mid) = line.find("](") else { continue };
        let Some(open) = line[..mid].rfind('[') else {
            continue;
        };
        let Some(close) = line[mid + 2..].find(')') else {
            continue;
        };
        let target = mid + 2..mid + 2 + close;
        let Some(date) = date_in_name(&line[target.clone()]) else {
            continue;
        };
        entries.push(Entry {
            line: n,
            text: line,
            label: open + 1..mid,
            target,
            date,
            section,
        });
    }
    (entries, headings)
}

/// The dates of the minutes the index links to.
pub fn listed_dates(index: &str) -> Vec<NaiveDate> {
    read(&Lines::new(index)).0.iter().map(|e| e.date).collect()
}

/// `template` (an entry line) rewritten to link `name` under `date`.
fn entry_like(template: &Entry, name: &str, date: NaiveDate) -> String {
    let t = template.text;
    let label = &t[template.label.clone()];
    let new_label = match find_date(label, None) {
        Some(f) => format!(
            "{}{}{}",
            &label[..f.range.start],
            format_date(date, &f.style),
            &label[f.range.end..]
        ),
        None => date.to_string(),
    };
    let target = &t[template.target.clone()];
    let old_stem = stem(target);
    let stem_at = target.rfind(old_stem).unwrap_or(0);
    let new_target = format!(
        "{}{}{}",
        &target[..stem_at],
        stem(name),
        &target[stem_at + old_stem.len()..]
    );
    format!(
        "{}{new_label}{}{new_target}{}",
        &t[..template.label.start],
        &t[template.label.end..template.target.start],
        &t[template.target.end..]
    )
}

/// The index line for `name` on `date`, written like the index's other entries
/// (`* [2025-02-19](cpansec-minutes-2025-02-19.md)` when it has none).
pub fn index_entry_line(index: &str, name: &str, date: NaiveDate) -> String {
    let lines = Lines::new(index);
    let (entries, _) = read(&lines);
    match entries.first() {
        Some(t) => entry_like(t, name, date),
        None => format!("* [{date}]({name})"),
    }
}

/// Where a new entry dated `date` goes among `entries` (the index's order,
/// newest or oldest first, is kept): the line it goes before.
fn place(entries: &[&Entry], date: NaiveDate) -> Option<usize> {
    let first = entries.first()?;
    let last = entries.last()?;
    let newest_first = first.date > last.date;
    let before = entries.iter().find(|e| {
        if newest_first {
            e.date < date
        } else {
            e.date > date
        }
    });
    Some(before.map_or(last.line + 1, |e| e.line))
}

/// The index's entry for the minutes `name` of the meeting on `date`.
pub fn entry(name: &str, date: NaiveDate, index: IndexPage) -> Vec<Finding> {
    let lines = Lines::new(index.text);
    let (entries, headings) = read(&lines);
    let ours: Vec<&Entry> = entries
        .iter()
        .filter(|e| stem(&e.text[e.target.clone()]) == stem(name))
        .collect();
    let mut out = Vec::new();
    if ours.is_empty() {
        out.push(missing_entry(name, date, index, &entries, &headings));
    }
    for e in ours {
        let label = &e.text[e.label.clone()];
        if let Some(f) = find_date(label, None)
            && f.date != date
        {
            let fixed = format!(
                "{}{}{}",
                &e.text[..e.label.start + f.range.start],
                format_date(date, &f.style),
                &e.text[e.label.start + f.range.end..]
            );
            out.push(Finding {
                target: Target::Index,
                line: e.line,
                message: format!(
                    "{} is listed as {} but the meeting was on {date}",
                    name, f.date
                ),
                suggestion: format!("`{}`", fixed.trim()),
                edit: Some(Edit::Replace(fixed)),
            });
        }
        if let Some(year) = e.section
            && year != date.year()
        {
            out.push(Finding {
                target: Target::Index,
                line: e.line,
                message: format!("{name} is listed under {year}"),
                suggestion: format!("move the line under the heading {}", date.year()),
                edit: None,
            });
        }
    }
    out
}

fn missing_entry(
    name: &str,
    date: NaiveDate,
    index: IndexPage,
    entries: &[Entry],
    headings: &[YearHeading],
) -> Finding {
    let line = match entries.first() {
        Some(t) => entry_like(t, name, date),
        None => format!("* [{date}]({name})"),
    };
    let in_year: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.section == Some(date.year()))
        .collect();
    let all: Vec<&Entry> = entries.iter().collect();
    let edit = if !in_year.is_empty() {
        place(&in_year, date).map(|at| (at, vec![line.clone()]))
    } else if headings.is_empty() {
        place(&all, date).map(|at| (at, vec![line.clone()]))
    } else {
        // A new year section, placed among the others in their order.
        let newest_first = headings.first().map(|h| h.year) > headings.last().map(|h| h.year);
        headings
            .iter()
            .find(|h| {
                if newest_first {
                    h.year < date.year()
                } else {
                    h.year > date.year()
                }
            })
            .map(|h| {
                (
                    h.line,
                    vec![
                        format!("{} {}", h.marks, date.year()),
                        line.clone(),
                        String::new(),
                    ],
                )
            })
    };
    let at = edit.as_ref().map_or(1, |(at, _)| *at);
    Finding {
        target: Target::Index,
        line: at,
        message: format!("{} does not list {name}", index.name),
        suggestion: format!("add `{}`", line.trim()),
        edit: edit.map(|(_, lines)| Edit::InsertBefore(lines)),
    }
}

/// The index's `next_meeting_time` against the next meeting the minutes of
/// `meeting` announce (when these are the latest minutes). Fixed without asking
/// only when the index's date is not after this meeting, i.e. left over: a later
/// date may be a rescheduling made on the index (`force` fixes it anyway).
pub fn next_meeting_time(
    index: IndexPage,
    meeting: NaiveDate,
    next: Option<NextMeeting>,
    force: bool,
) -> Option<Finding> {
    let next = next?;
    let lines = Lines::new(index.text);
    let (line, value) = lines.front_matter_value("next_meeting_time")?;
    let full = lines.line(line);
    let value_at = value.as_ptr() as usize - full.as_ptr() as usize;
    let said = match (next.date, next.time) {
        (d, Some(t)) => format!("{d} {}", t.format("%H:%M")),
        (d, None) => d.to_string(),
    };
    let Some(found) = find_date(value, None) else {
        return Some(Finding {
            target: Target::Index,
            line,
            message: format!("next_meeting_time `{value}` has no date"),
            suggestion: format!("write the next meeting, {said} UTC"),
            edit: None,
        });
    };
    let time = find_time(value);
    let time_differs = matches!((&time, next.time), (Some((_, t)), Some(n)) if *t != n);
    if found.date == next.date && !time_differs {
        return None;
    }
    // Later range first, so the earlier one's offsets stay true.
    let mut replacements = vec![(found.range.clone(), format_date(next.date, &found.style))];
    if let (Some((range, _)), Some(t)) = (time, next.time) {
        replacements.push((range, t.format("%H:%M").to_string()));
    }
    replacements.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut fixed = full.to_string();
    for (range, text) in replacements {
        fixed.replace_range(value_at + range.start..value_at + range.end, &text);
    }
    let safe = force || found.date <= meeting;
    Some(Finding {
        target: Target::Index,
        line,
        message: format!(
            "next_meeting_time is `{value}` but the latest minutes say the next meeting is {said}"
        ),
        suggestion: format!("`{fixed}`"),
        edit: safe.then_some(Edit::Replace(fixed)),
    })
}
