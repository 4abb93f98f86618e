//! Checking finished minutes for the mistakes that are otherwise corrected by hand
//! in review: a `meeting_time` copied from the previous meeting, a next meeting
//! before this one or on the wrong weekday, a mistyped `@handle`, Markdown that
//! renders differently from what was typed, and an index page that lists the file
//! under the wrong date or announces the wrong next meeting.
//!
//! Everything here is a pure function of texts: the minutes, the other minutes of
//! the same folder, the roster and the index page are read by the caller (the
//! `scribe lint` and `scribe publish` commands), so each check is tested on text
//! alone. A [`Finding`] names its file and line, says what is wrong and how to put
//! it right; the fixes that cannot change what anybody meant carry an [`Edit`]
//! that [`apply_fixes`] applies.

mod dates_check;
mod handles;
mod index;
mod render;
mod text;

use std::fmt;

use chrono::NaiveDate;

pub use index::index_entry_line;

/// Which file a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The minutes being checked.
    Minutes,
    /// The folder's index page (`README.md` or `index.md`).
    Index,
}

/// A change to one line that puts a finding right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// The line becomes this text (its line ending is kept).
    Replace(String),
    /// The line is removed.
    Delete,
    /// These lines go before the line (a line past the end appends them).
    InsertBefore(Vec<String>),
}

/// One problem found, with where it is and how to put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file the line is in.
    pub target: Target,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// How to put it right, in words.
    pub suggestion: String,
    /// The change that puts it right, when it is safe to make without asking.
    pub edit: Option<Edit>,
}

impl fmt::Display for Finding {
    /// `line: message; fix: suggestion`: the caller puts the file name in front.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let marker = if self.edit.is_some() { " (--fix)" } else { "" };
        write!(
            f,
            "{}: {}; fix{marker}: {}",
            self.line, self.message, self.suggestion
        )
    }
}

/// The group's index page: its file name and text.
#[derive(Debug, Clone, Copy)]
pub struct IndexPage<'a> {
    /// The file name as it sits in the folder (`README.md`).
    pub name: &'a str,
    /// The page's text.
    pub text: &'a str,
}

/// What the minutes are checked against: the folder they sit in.
#[derive(Debug, Clone, Default)]
pub struct Folder<'a> {
    /// The file names in the folder (the minutes' own name included).
    pub file_names: Vec<&'a str>,
    /// The texts of the group's other minutes in the folder.
    pub other_minutes: Vec<&'a str>,
    /// Handles from a roster file, without `@`.
    pub roster: Vec<String>,
    /// The index page, when the folder has one.
    pub index: Option<IndexPage<'a>>,
}

/// Checks the minutes `text`, whose file name is `name`, against `folder`.
/// Findings come in file order: the minutes' first, then the index page's.
pub fn lint(name: &str, text: &str, folder: &Folder) -> Vec<Finding> {
    let doc = text::Lines::new(text);
    let meeting_date = date_of(name, &doc);
    let mut findings = Vec::new();
    findings.extend(dates_check::file_date(name, &doc));
    if let Some(date) = meeting_date {
        findings.extend(dates_check::next_meeting_after(&doc, date));
    }
    findings.extend(dates_check::weekdays(&doc, meeting_date));
    findings.extend(handles::unknown_handles(&doc, folder));
    findings.extend(render::traps(&doc));
    findings.sort_by_key(|f| f.line);
    if let (Some(index), Some(date)) = (folder.index, meeting_date) {
        let next = dates_check::next_meeting(&doc, date);
        let mut on_index = index::entry(name, date, index);
        if is_latest(date, folder, index) {
            on_index.extend(index::next_meeting_time(index, date, next, false));
        }
        on_index.sort_by_key(|f| f.line);
        findings.extend(on_index);
    }
    findings
}

/// The index page as it is published with the minutes `text` of the file
/// `name`: listing them under their date and, when they are the latest,
/// announcing the next meeting they state (even over a later date: the
/// secretary publishing the minutes has the last word). `None` without an index
/// or a meeting date.
pub fn published_index(name: &str, text: &str, folder: &Folder) -> Option<String> {
    let index = folder.index?;
    let doc = text::Lines::new(text);
    let date = date_of(name, &doc)?;
    let mut findings = index::entry(name, date, index);
    if is_latest(date, folder, index) {
        let next = dates_check::next_meeting(&doc, date);
        findings.extend(index::next_meeting_time(index, date, next, true));
    }
    Some(apply_fixes(index.text, &findings, Target::Index))
}

/// The minutes `text` of the file `name` with the safe fixes made (what
/// `scribe lint --fix` writes into the minutes): none of them depends on the
/// folder, so this is a function of the text alone, and applying it twice
/// changes nothing more.
pub fn fix_minutes(name: &str, text: &str) -> String {
    apply_fixes(text, &lint(name, text, &Folder::default()), Target::Minutes)
}

/// The date of the meeting whose minutes `text` are in the file `name`: the date
/// in the file name, else `meeting_time`'s.
pub fn meeting_date(name: &str, text: &str) -> Option<NaiveDate> {
    date_of(name, &text::Lines::new(text))
}

fn date_of(name: &str, doc: &text::Lines) -> Option<NaiveDate> {
    text::date_in_name(name).or_else(|| {
        doc.front_matter_value("meeting_time")
            .and_then(|(_, value)| crate::dates::find_date(value, None))
            .map(|found| found.date)
    })
}

/// Whether the meeting on `date` is the folder's latest, so that the index's next
/// meeting should be the one these minutes announce.
fn is_latest(date: NaiveDate, folder: &Folder, index: IndexPage) -> bool {
    let listed = index::listed_dates(index.text);
    folder
        .file_names
        .iter()
        .filter_map(|n| text::date_in_name(n))
        .chain(listed)
        .all(|other| other <= date)
}

/// `text` with the edits of the `findings` about `target` applied (at most one
/// per line, the first). Line endings are kept; inserted lines take the file's.
pub fn apply_fixes(text: &str, findings: &[Finding], target: Target) -> String {
    let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<(String, String)> = text
        .split_inclusive('\n')
        .map(|l| {
            let body = l.trim_end_matches(['\n', '\r']);
            (body.to_string(), l[body.len()..].to_string())
        })
        .collect();
    let mut edits: Vec<(usize, &Edit)> = Vec::new();
    for f in findings.iter().filter(|f| f.target == target) {
        if let Some(edit) = &f.edit
            && !edits.iter().any(|(line, _)| *line == f.line)
        {
            edits.push((f.line, edit));
        }
    }
    // Bottom up, so that line numbers above stay true.
    edits.sort_by_key(|(line, _)| std::cmp::Reverse(*line));
    for (line, edit) in edits {
        let i = line.saturating_sub(1);
        match edit {
            Edit::Replace(new) => {
                if let Some(l) = lines.get_mut(i) {
                    l.0 = new.clone();
                }
            }
            Edit::Delete => {
                if i < lines.len() {
                    lines.remove(i);
                }
            }
            Edit::InsertBefore(new) => {
                let at = i.min(lines.len());
                if at == lines.len()
                    && let Some(last) = lines.last_mut()
                    && last.1.is_empty()
                {
                    last.1 = ending.to_string();
                }
                for (k, l) in new.iter().enumerate() {
                    lines.insert(at + k, (l.clone(), ending.to_string()));
                }
            }
        }
    }
    lines.into_iter().map(|(body, end)| body + &end).collect()
}

#[cfg(test)]
mod tests;
