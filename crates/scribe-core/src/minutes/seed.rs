//! The seed style: the layout of the group's 2024 minutes
//! (`tests/seed/minutes-2024-05-15.md`).

use super::{
    ListStyle, Out, Role, after_end_time, attendee_label, duration_text, elect_body, end_time,
    hhmm, next_meeting_text, ordinal_time, role, roster_lists, section_with_role, sections,
    start_time, welcome_body, write_entry, write_section_body, yaml_title,
};
use crate::liquid::neutralise_liquid;
use crate::model::{Item, Meeting};

const STYLE: ListStyle = ListStyle {
    bullet: "*   ",
    number_gap: "  ",
    owner_separator: " – ",
    box_whole_lists: true,
};

/// The template's "Time" line: Jekyll fills in the page's meeting time. This
/// Liquid is the template's own and stays live.
const TIME_LINE: &str = "*   **Time**: on {{ page.meeting_time | date_to_string: \"ordinal\", \"US\" }}, at {{ page.meeting_time | date: \"%H:%M %Z\" }}. ([Other timezones](https://www.timeanddate.com/worldclock/meetingdetails.html?{{ page.meeting_time | date: \"year=%Y&month=%m&day=%d&hour=%H&min=%M&sec=0\" }}&p1=256&p2=250&p3=233&p4=1129&p5=187); [iCal download](https://www.timeanddate.com/scripts/ics.php?type=meet&p1=256&p2=250&p3=233&p4=1129&p5=187&{{ page.meeting_time | date: \"year=%Y&month=%m&day=%d&hour=%H&min=%M&sec=0\" }}))";

/// The pre-meeting heading's label. The group's template has a no-break space
/// after the dash here, and the minutes keep the template's bytes.
const PRE_MEETING_LABEL: &str = "–\u{a0}Pre-meeting socializing";

pub(super) fn render(m: &Meeting, out: &mut Out) {
    front_matter(out, m);
    details(out, m);
    if m.pre_meeting > 0 {
        out.push_str(&format!(
            "## {} UTC {PRE_MEETING_LABEL}\n\n",
            hhmm(m.pre_meeting_start())
        ));
    }
    out.push_str(&format!(
        "## {} UTC – Meeting start\n\n",
        hhmm(start_time(m))
    ));
    welcome(out, m);
    roster(out, m);

    let mut elect_written = false;
    let mut next_written = false;
    for section in sections(m) {
        match role(section) {
            Role::Welcome | Role::Roster => {}
            Role::Elect => {
                elect(out, m, Some(section));
                elect_written = true;
            }
            Role::Next => {
                next(out, m, Some(section));
                next_written = true;
            }
            Role::Plain => plain_section(out, section),
        }
    }
    if !elect_written && (!m.next.chairs.is_empty() || !m.next.secretary.is_empty()) {
        elect(out, m, None);
    }
    if !next_written && next_meeting_text(m).is_some() {
        next(out, m, None);
    }

    out.push_str(&format!("## {} UTC – Meeting end\n\n", hhmm(end_time(m))));
    out.push_str(&format!("## {} UTC – End\n", hhmm(after_end_time(m))));
}

fn front_matter(out: &mut Out, m: &Meeting) {
    out.push_str("---\n");
    out.push_str(&super::jekyll_fields(m));
    out.push_str(&format!("meeting_time: {}\n", ordinal_time(m.meeting_time)));
    out.push_str(&format!("title: {}\n", yaml_title(&m.title)));
    out.push_str(&super::extra_fields(m));
    out.push_str("---\n");
}

fn details(out: &mut Out, m: &Meeting) {
    out.push_str("## Meeting details\n\n");
    out.push_str(TIME_LINE);
    out.push('\n');
    let mut duration = format!("*   **Duration**: {}, timeboxed.", duration_text(m.timebox));
    if m.pre_meeting > 0 {
        duration.push_str(&format!(
            " We start {}min earlier for introductions/socializing.",
            m.pre_meeting
        ));
    }
    out.push_str(&duration);
    out.push('\n');
    if let Some(location) = &m.location {
        out.push_str(&format!(
            "*   **Location**: {}\n",
            neutralise_liquid(location)
        ));
    }
    out.push('\n');
}

fn heading(out: &mut Out, section: &Item) {
    let title = match &section.link {
        Some(link) => format!(
            "[{}]({})",
            neutralise_liquid(&section.title),
            neutralise_liquid(link)
        ),
        None => neutralise_liquid(&section.title),
    };
    out.push_str(&format!("### {title}\n\n"));
}

fn welcome(out: &mut Out, m: &Meeting) {
    let section = section_with_role(m, Role::Welcome);
    match section {
        Some(s) => heading(out, s),
        None => out.push_str("### Welcome\n\n"),
    }
    welcome_body(out, m, section, &STYLE);
}

/// Attendees, Regrets and Absents. The seed puts these lists right under their
/// headings.
fn roster(out: &mut Out, m: &Meeting) {
    let lists = roster_lists(m);
    for (title, people) in [
        ("Attendees", &lists.attendees),
        ("Regrets", &lists.regrets),
        ("Absents", &lists.absents),
    ] {
        out.push_str(&format!("### {title}\n"));
        for p in people.iter() {
            write_entry(out, 0, STYLE.bullet, None, &attendee_label(p));
        }
        out.push('\n');
    }
    // Notes typed under roster sections of an imported agenda.
    for section in sections(m).into_iter().filter(|s| role(s) == Role::Roster) {
        if !section.notes.is_empty() || !section.items.is_empty() {
            write_section_body(out, section, &STYLE);
            out.push('\n');
        }
    }
}

fn plain_section(out: &mut Out, section: &Item) {
    heading(out, section);
    if !section.notes.is_empty() || !section.items.is_empty() {
        write_section_body(out, section, &STYLE);
        out.push('\n');
    }
    out.item_done();
}

fn elect(out: &mut Out, m: &Meeting, section: Option<&Item>) {
    match section {
        Some(s) => heading(out, s),
        None => out.push_str("### Elect next meeting chair and secretary\n\n"),
    }
    elect_body(out, m, section, &STYLE);
}

fn next(out: &mut Out, m: &Meeting, section: Option<&Item>) {
    match section {
        Some(s) => heading(out, s),
        None => out.push_str("### Next meeting date, time and location\n\n"),
    }
    if let Some(text) = next_meeting_text(m) {
        write_entry(out, 0, STYLE.bullet, None, &text);
    }
    if let Some(s) = section {
        write_section_body(out, s, &STYLE);
    }
    out.push('\n');
}
