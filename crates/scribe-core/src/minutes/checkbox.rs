//! The checkbox style: the layout of the group's minutes since 2025 (see the
//! "Meeting agenda/minutes format" section of `tests/corpus/README.md`).
//!
//! Preliminaries (welcome, attendance, approving the previous minutes) come
//! first; then `## Agenda` with one `###` per section. A section whose items
//! end in topics (sub-items, no checkbox of their own) writes each topic as a
//! `####` heading with its sub-items as `- [x]`/`- [ ]` entries; other sections
//! list their items directly. The next meeting gets its own `##` heading at the
//! end.

use super::{
    ListStyle, Out, Role, after_end_time, attendee_label, elect_body, end_time, hhmm, item_text,
    next_meeting_text, role, roster_lists, section_with_role, sections, start_time, welcome_body,
    write_entry, write_items, write_notes, write_section_body, yaml_title,
};
use crate::liquid::neutralise_liquid;
use crate::model::{Item, Meeting, Shared};

const STYLE: ListStyle = ListStyle {
    bullet: "- ",
    number_gap: " ",
    owner_separator: " - ",
    box_whole_lists: false,
};

pub(super) fn render(m: &Meeting, out: &mut Out) {
    out.push_str("---\n");
    out.push_str(&super::jekyll_fields(m));
    out.push_str(&format!(
        "meeting_time: {}\n",
        m.meeting_time.format("%Y-%m-%d %H:%M UTC")
    ));
    out.push_str(&format!("title: {}\n", yaml_title(&m.title)));
    out.push_str(&super::extra_fields(m));
    out.push_str("---\n\n");

    let date = m.meeting_time.format("%Y-%m-%d");
    out.push_str(&format!("## Agenda & Meeting Details {date}\n"));
    let mut when = format!("{date} {} UTC", hhmm(m.meeting_time));
    if let Some(location) = &m.location {
        when.push(' ');
        when.push_str(&location_phrase(&neutralise_liquid(location)));
    }
    write_entry(out, 0, STYLE.bullet, None, &when);
    out.push('\n');

    if m.pre_meeting > 0 {
        out.push_str(&format!(
            "## {} UTC - Pre-meeting socializing\n\n",
            hhmm(m.pre_meeting_start())
        ));
    }
    out.push_str(&format!(
        "## {} UTC - Meeting start\n\n",
        hhmm(start_time(m))
    ));
    welcome(out, m);
    roster(out, m);

    // Sections before the agenda proper: approving the previous minutes.
    let mut rest = sections(m)
        .into_iter()
        .filter(|s| !matches!(role(s), Role::Welcome | Role::Roster));
    let mut pending = rest.next();
    while let Some(section) = pending {
        if role(section) == Role::Plain && is_preliminary(section) {
            plain_section(out, section);
            pending = rest.next();
        } else {
            break;
        }
    }

    out.push_str("## Agenda\n\n");
    let mut elect_written = false;
    let mut next_section = None;
    while let Some(section) = pending {
        match role(section) {
            Role::Elect => {
                elect(out, m, Some(section));
                elect_written = true;
            }
            Role::Next => next_section = Some(section),
            _ => plain_section(out, section),
        }
        pending = rest.next();
    }
    if !elect_written && (!m.next.chairs.is_empty() || !m.next.secretary.is_empty()) {
        elect(out, m, None);
    }

    if next_section.is_some() || next_meeting_text(m).is_some() {
        out.push_str("## Next meeting date, time and location\n");
        if let Some(text) = next_meeting_text(m) {
            write_entry(out, 0, STYLE.bullet, None, &text);
        }
        if let Some(s) = next_section {
            write_section_body(out, s, &STYLE);
        }
        out.push('\n');
    }

    out.push_str(&format!("## {} UTC - Meeting end\n\n", hhmm(end_time(m))));
    out.push_str(&format!("## {} UTC - End\n", hhmm(after_end_time(m))));
}

/// The location as it follows the meeting's time: "on #cpansec-discussion on
/// Matrix". A location typed as a phrase of its own ("On TPRF's Slack server",
/// "in the Matrix channel", "via Jitsi") keeps its own preposition, in lower case
/// mid-sentence, rather than getting a second "on".
fn location_phrase(location: &str) -> String {
    const PREPOSITIONS: [&str; 5] = ["on", "in", "at", "via", "over"];
    let location = location.trim_start();
    let first = location.split_whitespace().next().unwrap_or("");
    match PREPOSITIONS.iter().find(|p| first.eq_ignore_ascii_case(p)) {
        Some(preposition) => format!("{preposition}{}", &location[first.len()..]),
        None => format!("on {location}"),
    }
}

/// Sections that the 2025 minutes put before `## Agenda`.
fn is_preliminary(section: &Item) -> bool {
    section.title.trim().to_lowercase().starts_with("approve")
}

fn title_text(item: &Item) -> String {
    item_text(item, &STYLE)
}

fn welcome(out: &mut Out, m: &Meeting) {
    let section = section_with_role(m, Role::Welcome);
    out.push_str(&match section {
        Some(s) => format!("### {}\n", title_text(s)),
        None => "### Welcome\n".to_string(),
    });
    welcome_body(out, m, section, &STYLE);
}

fn roster(out: &mut Out, m: &Meeting) {
    let lists = roster_lists(m);
    out.push_str("### Attendees, absents & regrets\n");
    for (label, people) in [
        ("Attendees", &lists.attendees),
        ("Regrets", &lists.regrets),
        ("Absents", &lists.absents),
    ] {
        let child = write_entry(out, 0, STYLE.bullet, None, label);
        if !people.is_empty() {
            let names: Vec<String> = people.iter().map(|p| attendee_label(p)).collect();
            write_entry(out, child, STYLE.bullet, None, &names.join(", "));
        }
    }
    for section in sections(m).into_iter().filter(|s| role(s) == Role::Roster) {
        write_section_body(out, section, &STYLE);
    }
    out.push('\n');
}

fn plain_section(out: &mut Out, section: &Item) {
    out.push_str(&format!("### {}\n", title_text(section)));
    write_notes(out, &section.notes, 0, &STYLE);
    match topics_start(section) {
        Some(first_topic) => {
            write_items(
                out,
                &section.items[..first_topic],
                section.numbered,
                0,
                &STYLE,
            );
            for item in &section.items[first_topic..] {
                out.push('\n');
                out.push_str(&format!("#### {}\n", title_text(item)));
                item_body(out, item);
                out.item_done();
            }
        }
        None => write_items(out, &section.items, section.numbered, 0, &STYLE),
    }
    out.push('\n');
    out.item_done();
}

/// Where a section's topics start, when its items are written as the 2025
/// minutes do: first any plain entries, then topics as `####` headings with
/// their entries under them. A topic has no checkbox (a heading cannot show
/// one) and is a heading in the minutes it was read from, or has sub-items.
/// Every item from the first topic on must be a topic too: the items of a
/// section are siblings and must not switch from list entries to headings
/// halfway (an empty `#### CPAN CVE Registration` after numbered projects).
/// Otherwise the section stays one nested list, which loses nothing.
fn topics_start(section: &Item) -> Option<usize> {
    let is_topic =
        |i: &Shared<Item>| i.checked.is_none() && (i.heading.is_some() || !i.items.is_empty());
    let first = section.items.iter().position(is_topic)?;
    section.items[first..].iter().all(is_topic).then_some(first)
}

/// Under a `####` item heading: its notes, then its sub-items. (A heading
/// has no checkbox; the 2025 minutes put checkboxes on the entries below it.)
fn item_body(out: &mut Out, item: &Item) {
    write_notes(out, &item.notes, 0, &STYLE);
    write_items(out, &item.items, item.numbered, 0, &STYLE);
}

fn elect(out: &mut Out, m: &Meeting, section: Option<&Item>) {
    out.push_str(&match section {
        Some(s) => format!("### {}\n", title_text(s)),
        None => "### Elect next meeting chair and secretary\n".to_string(),
    });
    elect_body(out, m, section, &STYLE);
}
