//! A stand-in Markdown renderer for the minutes, used until the crate's own
//! renderer (`render::render`) and Markdown writer are wired into the TUI: the
//! minutes writer takes the renderer as a function, so swapping is one line in
//! [`super::MinutesSink::standard`].
//!
//! It follows the seed minutes' shape (front matter, time headings, attendee lists
//! with "(arrived late)" / "(left early)", `###` sections, nested bullets) without
//! claiming to reproduce them byte for byte.

use std::fmt::Write;

use crate::model::{Attendance, Item, Meeting, Note};

/// The minutes of `m` as Markdown.
pub fn render(m: &Meeting) -> String {
    let mut out = String::new();
    let start = m.actual.start.unwrap_or(m.meeting_time);
    let end = m.actual.end.unwrap_or_else(|| m.planned_end());
    let _ = writeln!(out, "---\nlayout: single\ntoc: true");
    let _ = writeln!(
        out,
        "meeting_time: {}",
        m.meeting_time.format("%B %-d, %Y %H:%M UTC")
    );
    let _ = writeln!(out, "title: {}\n---", m.title);
    let _ = writeln!(
        out,
        "## {} UTC – Pre-meeting socializing\n",
        m.pre_meeting_start().format("%H:%M")
    );
    let _ = writeln!(out, "## {} UTC – Meeting start\n", start.format("%H:%M"));
    if !m.chairs.is_empty() || !m.secretary.is_empty() {
        let _ = writeln!(out, "### Welcome\n");
        let _ = writeln!(out, "*   Meeting chairs: {}", handles(&m.chairs));
        let _ = writeln!(out, "*   Meeting secretary: {}\n", handles(&m.secretary));
    }
    let list = |out: &mut String, title: &str, f: &dyn Fn(&Attendance) -> Option<&'static str>| {
        let _ = writeln!(out, "### {title}");
        for p in &m.roster {
            if let Some(suffix) = f(&p.attendance) {
                let _ = writeln!(out, "*   @{}{suffix}", p.handle);
            }
        }
        out.push('\n');
    };
    list(&mut out, "Attendees", &|a| match a {
        Attendance::Present => Some(""),
        Attendance::ArrivedLate { .. } => Some(" (arrived late)"),
        Attendance::LeftEarly { .. } => Some(" (left early)"),
        _ => None,
    });
    list(&mut out, "Regrets", &|a| {
        matches!(a, Attendance::Regrets).then_some("")
    });
    list(&mut out, "Absents", &|a| {
        matches!(a, Attendance::Absent | Attendance::Expected).then_some("")
    });
    for section in &m.agenda {
        let _ = writeln!(out, "### {}\n", section.title);
        write_notes(&mut out, &section.notes, 0);
        for (i, item) in section.items.iter().enumerate() {
            write_item(&mut out, item, 0, section.numbered.then_some(i + 1));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {} UTC – Meeting end\n", end.format("%H:%M"));
    let after = end + chrono::Duration::minutes(i64::from(m.after));
    let _ = writeln!(out, "## {} UTC – End", after.format("%H:%M"));
    out
}

fn handles(list: &[String]) -> String {
    list.iter()
        .map(|h| format!("@{h}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn checkbox(checked: Option<bool>) -> &'static str {
    match checked {
        Some(true) => "[x] ",
        Some(false) => "[ ] ",
        None => "",
    }
}

fn write_item(out: &mut String, item: &Item, depth: usize, number: Option<usize>) {
    let indent = "    ".repeat(depth);
    let marker = number.map_or_else(|| "*  ".to_string(), |n| format!("{n}."));
    let mut title = item.title.clone();
    if let Some(link) = &item.link {
        title = format!("[{title}]({link})");
    }
    if !item.owners.is_empty() {
        title = format!("{} – {title}", handles(&item.owners));
    }
    let _ = writeln!(out, "{indent}{marker} {}{title}", checkbox(item.checked));
    write_notes(out, &item.notes, depth + 1);
    for (i, sub) in item.items.iter().enumerate() {
        write_item(out, sub, depth + 1, item.numbered.then_some(i + 1));
    }
}

fn write_notes(out: &mut String, notes: &[Note], depth: usize) {
    for note in notes {
        let _ = writeln!(
            out,
            "{}*   {}{}",
            "    ".repeat(depth),
            checkbox(note.checked),
            note.text
        );
        write_notes(out, &note.notes, depth + 1);
    }
}
