//! Rendering a meeting as Markdown minutes: a pure function of the model.
//!
//! Two styles: [`Style::Seed`], the group's 2024 layout (Jekyll front matter,
//! meeting details, time-stamped headings, numbered or bulleted items), and
//! [`Style::Checkbox`], the 2025 layout (`## Agenda`, `####` item headings,
//! `- [x]` task items). Shared here: times, the roster, how sections are
//! recognised, and writing nested lists. All text the secretary typed goes
//! through [`crate::liquid::neutralise_liquid`]; the template's own Liquid does
//! not.

mod checkbox;
mod seed;

use chrono::{DateTime, Datelike, Duration, Utc};

use crate::liquid::neutralise_liquid;
use crate::model::{Attendance, Item, Meeting, Note, Person, Shared, Style};

/// The minutes of `m` in `style`, as Markdown for Jekyll. A meeting imported
/// as a whole Markdown document (`layout: document`) has headings and blocks
/// rather than sections and items; it is written back as that document.
pub fn to_markdown(m: &Meeting, style: Style) -> String {
    let mut text = String::with_capacity(room_for(m));
    markdown_pieces(m, style, &mut |piece| text.push_str(piece));
    text
}

/// The minutes [`to_markdown`] makes, handed to `sink` a piece at a time, in
/// order: a piece ends between two items once it holds [`PIECE`] bytes. The
/// minutes writer hashes and writes them as they come, so that a long meeting's
/// minutes (1.3 MB at a hundred times the reference ones) are never held whole.
pub fn markdown_pieces(m: &Meeting, style: Style, sink: &mut dyn FnMut(&str)) {
    if m.layout == crate::model::Layout::Document {
        return sink(&crate::markdown::document_to_markdown(m));
    }
    let mut out = Out {
        text: String::with_capacity(room_for(m).min(2 * PIECE)),
        sink,
    };
    match style {
        Style::Seed => seed::render(m, &mut out),
        Style::Checkbox => checkbox::render(m, &mut out),
    }
    (out.sink)(&out.text);
}

/// About how many bytes of the minutes [`markdown_pieces`] gathers before
/// handing them on: large enough that a piece is few calls per meeting, small
/// beside the minutes of a long one.
pub const PIECE: usize = 64 * 1024;

/// The minutes' text as it is made: the renderers write into it as into a
/// `String`, and where an item ends ([`Out::item_done`]) what it holds goes to
/// the sink once it is a [`PIECE`] long.
struct Out<'s> {
    text: String,
    sink: &'s mut dyn FnMut(&str),
}

impl Out<'_> {
    fn item_done(&mut self) {
        if self.text.len() >= PIECE {
            (self.sink)(&self.text);
            self.text.clear();
        }
    }
}

impl std::ops::Deref for Out<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl std::ops::DerefMut for Out<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

/// About how long the minutes of `m` are, a little over: a short meeting's text
/// is made in one string of this size, rather than one that doubles as it grows.
fn room_for(m: &Meeting) -> usize {
    // Each line's own text, plus its marker, indentation and line break.
    const LINE: usize = 24;
    fn notes(list: &[Note]) -> usize {
        list.iter()
            .map(|n| n.text.len() + LINE + notes(&n.notes))
            .sum()
    }
    fn items(list: &[Shared<Item>]) -> usize {
        list.iter()
            .map(|i| {
                i.title.len()
                    + i.link.as_ref().map_or(0, String::len)
                    + LINE * (1 + i.owners.len())
                    + notes(&i.notes)
                    + items(&i.items)
            })
            .sum()
    }
    // The front matter, details and headings around them.
    4096 + m.roster.len() * LINE + items(&m.agenda)
}

// ---------------------------------------------------------------------------
// Times

/// `17:00`.
/// The Jekyll fields the group's minutes start with (`layout: single`,
/// `toc: true`), each as the meeting's front matter sets it when it does.
fn jekyll_fields(m: &Meeting) -> String {
    ["layout: single", "toc: true"]
        .iter()
        .map(|default| {
            let key = default.split(':').next().unwrap_or_default();
            let set = m.front_matter.iter().find(|l| field_key(l) == Some(key));
            format!("{}\n", set.map_or(*default, String::as_str))
        })
        .collect()
}

/// Front matter fields the meeting sets beyond those of [`jekyll_fields`] and
/// the title and time.
fn extra_fields(m: &Meeting) -> String {
    m.front_matter
        .iter()
        .filter(|l| {
            !matches!(
                field_key(l),
                None | Some("layout" | "toc" | "title" | "meeting_time")
            )
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The key of a front matter line; none for a line that is no one-line
/// `key: value` field (it is not written: a meeting file must not be able to
/// end the front matter early).
fn field_key(line: &str) -> Option<&str> {
    if line.chars().any(char::is_control) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim();
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then_some(key)
}

fn hhmm(t: DateTime<Utc>) -> String {
    t.format("%H:%M").to_string()
}

/// When the meeting started: as recorded, else as planned.
fn start_time(m: &Meeting) -> DateTime<Utc> {
    m.actual.start.unwrap_or(m.meeting_time)
}

/// When the meeting ended: as recorded, else at the end of the timebox.
fn end_time(m: &Meeting) -> DateTime<Utc> {
    m.actual.end.unwrap_or_else(|| m.planned_end())
}

/// When the period after the meeting ends.
fn after_end_time(m: &Meeting) -> DateTime<Utc> {
    end_time(m) + Duration::minutes(i64::from(m.after))
}

/// `May 15th, 2024 17:00 UTC`, the front matter's meeting time in the seed.
fn ordinal_time(t: DateTime<Utc>) -> String {
    let day = t.day();
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!(
        "{} {day}{suffix}, {}",
        t.format("%B"),
        t.format("%Y %H:%M UTC")
    )
}

/// `1 hour`, `1 hour 30 minutes`, `45 minutes`.
fn duration_text(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = match h {
        0 => String::new(),
        1 => "1 hour".to_string(),
        h => format!("{h} hours"),
    };
    let mins = match m {
        0 => String::new(),
        1 => "1 minute".to_string(),
        m => format!("{m} minutes"),
    };
    match (hours.is_empty(), mins.is_empty()) {
        (false, false) => format!("{hours} {mins}"),
        (false, true) => hours,
        _ => mins,
    }
}

// ---------------------------------------------------------------------------
// Sections with a fixed role

/// What a top-level agenda section is for. Some sections are filled from the
/// meeting's details rather than typed items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// `Welcome`: chairs and secretary.
    Welcome,
    /// `Attendees`, `Regrets`, `Absents`: written from the roster.
    Roster,
    /// `Elect next meeting chair and secretary`.
    Elect,
    /// `Next meeting date, time and location`.
    Next,
    /// Any other section.
    Plain,
}

fn role(section: &Item) -> Role {
    let t = section.title.trim().to_lowercase();
    if t.starts_with("welcome") {
        Role::Welcome
    } else if t.starts_with("attendees") || t == "regrets" || t == "absents" {
        Role::Roster
    } else if t.starts_with("elect ") {
        Role::Elect
    } else if t.starts_with("next meeting") {
        Role::Next
    } else {
        Role::Plain
    }
}

fn section_with_role(m: &Meeting, wanted: Role) -> Option<&Item> {
    sections(m).into_iter().find(|s| role(s) == wanted)
}

/// The agenda's sections in order. Minutes read from the 2025 layout hold the
/// sections under an `## Agenda` entry; both styles write their own agenda
/// heading, so that entry's items are taken as the sections themselves.
///
/// The meeting details and the pre-meeting block, which a Markdown document
/// holds as sections the secretary can reach, are written by both styles from
/// the meeting itself, not as agenda sections.
fn sections(m: &Meeting) -> Vec<&Item> {
    let mut out = Vec::new();
    for section in m.agenda.iter().filter(|s| !is_meeting_block(s)) {
        let is_container = section.title.trim().eq_ignore_ascii_case("agenda")
            && section.notes.is_empty()
            && !section.items.is_empty();
        if is_container {
            out.extend(section.items.iter().map(|item| &**item));
        } else {
            out.push(section);
        }
    }
    out
}

/// The meeting details or the pre-meeting block, as a Markdown document's
/// section (`## Meeting details`, `## 16:30 UTC – Pre-meeting socializing`).
fn is_meeting_block(section: &Item) -> bool {
    let t = section.title.trim().to_lowercase();
    t.contains("meeting details") || t.starts_with("pre-meeting") || t.starts_with("pre meeting")
}

// ---------------------------------------------------------------------------
// People

/// `@sjn`, or `@sjn and @tux`, or `@a, @b and @c`.
fn handles_text(handles: &[String]) -> String {
    let at: Vec<String> = handles
        .iter()
        .map(|h| format!("@{}", neutralise_liquid(h)))
        .collect();
    match at.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `@a, @b` as the seed writes chairs.
fn handles_list(handles: &[String]) -> String {
    handles
        .iter()
        .map(|h| format!("@{}", neutralise_liquid(h)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How an attendee is written: `@book (arrived late)`.
fn attendee_label(p: &Person) -> String {
    let who = match &p.name {
        // Someone the agenda names without a handle: the name alone.
        Some(name) if !p.has_handle() => neutralise_liquid(name),
        Some(name) => format!(
            "{} (@{})",
            neutralise_liquid(name),
            neutralise_liquid(&p.handle)
        ),
        None => format!("@{}", neutralise_liquid(&p.handle)),
    };
    match p.attendance {
        Attendance::ArrivedLate { .. } => format!("{who} (arrived late)"),
        Attendance::LeftEarly { .. } => format!("{who} (left early)"),
        _ => who,
    }
}

/// The roster split as the minutes list it. People still `Expected` did not
/// come, so they are absents.
struct RosterLists<'a> {
    attendees: Vec<&'a Person>,
    regrets: Vec<&'a Person>,
    absents: Vec<&'a Person>,
}

fn roster_lists(m: &Meeting) -> RosterLists<'_> {
    let mut lists = RosterLists {
        attendees: Vec::new(),
        regrets: Vec::new(),
        absents: Vec::new(),
    };
    for p in &m.roster {
        match p.attendance {
            a if a.attended() => lists.attendees.push(p),
            Attendance::Regrets => lists.regrets.push(p),
            _ => lists.absents.push(p),
        }
    }
    lists
}

/// The sentence about the next meeting: as typed, else made from its time.
fn next_meeting_text(m: &Meeting) -> Option<String> {
    if let Some(text) = &m.next.text {
        return Some(neutralise_liquid(text));
    }
    m.next.time.map(|t| {
        format!(
            "Next meeting is {} {} @ {} UTC",
            t.format("%B"),
            ordinal_day(t.day()),
            hhmm(t)
        )
    })
}

fn ordinal_day(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

// ---------------------------------------------------------------------------
// Lists

/// How a style writes list items.
struct ListStyle {
    /// The bullet with its spacing (`*   ` or `- `).
    bullet: &'static str,
    /// Spaces after a number's dot (`1.  ` or `1. `).
    number_gap: &'static str,
    /// Between owners and title (` – ` or ` - `).
    owner_separator: &'static str,
    /// Whether a list of items in which one has a checkbox gives every item one
    /// (an unboxed item written `[ ]`). The seed's layout has no checkboxes, so
    /// boxes appear only once the secretary checks something, and then for the
    /// whole list: checked is done, the rest is open, as the group's convention
    /// reads them (the next agenda drops what is checked). The checkbox style
    /// writes each item's own box: there a line without one is information.
    box_whole_lists: bool,
}

/// An item's line text: owners, then the title (as a link when it has one).
fn item_text(item: &Item, style: &ListStyle) -> String {
    let title = match &item.link {
        Some(link) => format!(
            "[{}]({})",
            neutralise_liquid(&item.title),
            neutralise_liquid(link)
        ),
        None => neutralise_liquid(&item.title),
    };
    if item.owners.is_empty() {
        title
    } else {
        format!(
            "{}{}{title}",
            handles_text(&item.owners),
            style.owner_separator
        )
    }
}

/// Writes one list entry at `indent` and returns the column where its content
/// starts (where nested entries go). Lines after the first are indented to that
/// column so they stay in the entry.
fn write_entry(
    out: &mut String,
    indent: usize,
    marker: &str,
    checked: Option<bool>,
    text: &str,
) -> usize {
    // Written straight into `out` (no intermediate strings): the minutes of a long
    // meeting are tens of thousands of entries, re-rendered while the meeting runs.
    let content = indent + marker.chars().count();
    push_spaces(out, indent);
    let first_start = out.len();
    out.push_str(marker);
    match checked {
        Some(true) => out.push_str("[x] "),
        Some(false) => out.push_str("[ ] "),
        None => {}
    }
    let mut lines = text.split('\n');
    out.push_str(lines.next().unwrap_or(""));
    // The first line (marker included) without its trailing whitespace.
    let kept = out[first_start..].trim_end().len();
    out.truncate(first_start + kept);
    out.push('\n');
    for line in lines {
        if !line.trim().is_empty() {
            push_spaces(out, content);
            out.push_str(line);
        }
        out.push('\n');
    }
    content
}

/// Appends `n` spaces.
fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_notes(out: &mut String, notes: &[Note], indent: usize, style: &ListStyle) {
    for note in notes {
        let child = write_entry(
            out,
            indent,
            style.bullet,
            note.checked,
            &crate::liquid::neutralised(&note.written_text()),
        );
        write_notes(out, &note.notes, child, style);
    }
}

/// Writes `items` as a list (numbered or bulleted), each with its notes and
/// sub-items nested under it.
fn write_items(
    out: &mut Out,
    items: &[Shared<Item>],
    numbered: bool,
    indent: usize,
    style: &ListStyle,
) {
    let boxed_list = style.box_whole_lists && items.iter().any(|i| i.checked.is_some());
    for (i, item) in items.iter().enumerate() {
        let checked = match item.checked {
            None if boxed_list => Some(false),
            checked => checked,
        };
        let marker = if numbered {
            format!("{}.{}", i + 1, style.number_gap)
        } else {
            style.bullet.to_string()
        };
        let child = write_entry(out, indent, &marker, checked, &item_text(item, style));
        write_notes(out, &item.notes, child, style);
        write_items(out, &item.items, item.numbered, child, style);
        out.item_done();
    }
}

/// A section's body: its notes, then its items.
fn write_section_body(out: &mut Out, section: &Item, style: &ListStyle) {
    write_notes(out, &section.notes, 0, style);
    write_items(out, &section.items, section.numbered, 0, style);
}

/// The Welcome section's body, alike in every style: the chair and secretary
/// lines (plural when there are several), then whatever else the section holds.
fn welcome_body(out: &mut Out, m: &Meeting, section: Option<&Item>, style: &ListStyle) {
    let chairs = if m.chairs.len() > 1 {
        "chairs"
    } else {
        "chair"
    };
    let secretaries = if m.secretary.len() > 1 {
        "secretaries"
    } else {
        "secretary"
    };
    write_entry(
        out,
        0,
        style.bullet,
        None,
        &format!("Meeting {chairs}: {}", handles_list(&m.chairs)),
    );
    write_entry(
        out,
        0,
        style.bullet,
        None,
        &format!("Meeting {secretaries}: {}", handles_list(&m.secretary)),
    );
    if let Some(s) = section {
        write_section_body(out, s, style);
    }
    out.push('\n');
}

/// The "Elect next meeting chair and secretary" section's body, alike in every
/// style: who was elected (plural when several), then what else the section holds.
fn elect_body(out: &mut Out, m: &Meeting, section: Option<&Item>, style: &ListStyle) {
    for (one, several, handles) in [
        ("Chair", "Chairs", &m.next.chairs),
        ("Secretary", "Secretaries", &m.next.secretary),
    ] {
        if handles.is_empty() {
            continue;
        }
        let label = if handles.len() > 1 { several } else { one };
        write_entry(
            out,
            0,
            style.bullet,
            None,
            &format!("{label}: {}", handles_list(handles)),
        );
    }
    if let Some(s) = section {
        write_section_body(out, s, style);
    }
    out.push('\n');
}

/// The front matter's title: YAML, quoted when a plain scalar would not read
/// back as the same text.
fn yaml_title(title: &str) -> String {
    let plain = !title.is_empty()
        && title.trim() == title
        && !title.contains(": ")
        && !title.contains(" #")
        && !title.ends_with(':')
        && !title.contains(['\n', '"', '\''])
        && !title.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`',
        ]);
    if plain {
        return title.to_string();
    }
    let mut quoted = String::from("\"");
    for c in title.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let t = |d: u32| {
            chrono::NaiveDate::from_ymd_opt(2024, 5, d)
                .unwrap()
                .and_hms_opt(17, 0, 0)
                .unwrap()
                .and_utc()
        };
        assert_eq!(ordinal_time(t(15)), "May 15th, 2024 17:00 UTC");
        assert_eq!(ordinal_time(t(1)), "May 1st, 2024 17:00 UTC");
        assert_eq!(ordinal_time(t(2)), "May 2nd, 2024 17:00 UTC");
        assert_eq!(ordinal_time(t(3)), "May 3rd, 2024 17:00 UTC");
        assert_eq!(ordinal_time(t(11)), "May 11th, 2024 17:00 UTC");
        assert_eq!(ordinal_time(t(22)), "May 22nd, 2024 17:00 UTC");
    }

    #[test]
    fn front_matter_set_by_the_secretary_is_written_and_nothing_else() {
        let mut m = Meeting::new("Minutes", chrono::Utc::now());
        for style in [Style::Seed, Style::Checkbox] {
            let head = |m: &Meeting| {
                to_markdown(m, style)
                    .lines()
                    .take_while(|l| !l.starts_with("meeting_time"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            m.front_matter.clear();
            assert_eq!(head(&m), "---\nlayout: single\ntoc: true");
            m.front_matter = vec![
                "layout: page".into(),
                "comments: false".into(),
                "x: y\n---\n# injected".into(),
                "bad key: z".into(),
            ];
            assert_eq!(head(&m), "---\nlayout: page\ntoc: true");
            let text = to_markdown(&m, style);
            let front: Vec<&str> = text.lines().skip(1).take_while(|l| *l != "---").collect();
            assert_eq!(front.last(), Some(&"comments: false"), "{style:?}");
            assert!(!text.contains("# injected"));
            assert!(!text.contains("bad key"));
        }
    }

    #[test]
    fn durations() {
        assert_eq!(duration_text(60), "1 hour");
        assert_eq!(duration_text(90), "1 hour 30 minutes");
        assert_eq!(duration_text(45), "45 minutes");
        assert_eq!(duration_text(120), "2 hours");
    }

    #[test]
    fn titles_that_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_title("Minutes 2024-05-15"), "Minutes 2024-05-15");
        assert_eq!(yaml_title("Minutes: May"), "\"Minutes: May\"");
        assert_eq!(yaml_title("@sjn's \"notes\""), "\"@sjn's \\\"notes\\\"\"");
    }

    #[test]
    fn a_long_meetings_minutes_come_in_pieces_none_of_them_long() {
        let m = crate::workload::meeting(100);
        for style in [Style::Seed, Style::Checkbox] {
            let mut pieces = Vec::new();
            markdown_pieces(&m, style, &mut |piece| pieces.push(piece.len()));
            let whole: usize = pieces.iter().sum();
            assert!(whole > 1_000_000, "{style:?}: {whole} bytes in all");
            assert!(pieces.len() >= whole / (2 * PIECE), "{style:?}: {pieces:?}");
            let longest = pieces.iter().max().copied().unwrap_or(0);
            assert!(longest < 2 * PIECE, "{style:?}: a piece of {longest} bytes");
        }
    }
}
