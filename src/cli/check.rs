//! `scribe check`'s one-screen summary of a meeting: what it holds, whether its
//! plan fits the timebox, who is on the roster, and where the minutes will go.

use std::path::Path;

use crate::model::{Attendance, Item, Meeting, Shared};

/// Counts of checkboxes over items below the sections.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ItemCounts {
    /// Items below the sections, at any depth.
    pub items: usize,
    /// Items checked `[x]`.
    pub done: usize,
    /// Items with an empty checkbox `[ ]`.
    pub open: usize,
}

fn count_items(items: &[Shared<Item>], counts: &mut ItemCounts) {
    for item in items {
        counts.items += 1;
        match item.checked {
            Some(true) => counts.done += 1,
            Some(false) => counts.open += 1,
            None => {}
        }
        count_items(&item.items, counts);
    }
}

/// The checkbox counts of a meeting's agenda.
pub fn item_counts(m: &Meeting) -> ItemCounts {
    let mut counts = ItemCounts::default();
    for section in &m.agenda {
        count_items(&section.items, &mut counts);
    }
    counts
}

/// Minutes planned for a section: its own allowance, else the sum of its items'.
fn planned_minutes(item: &Item) -> Option<u32> {
    item.minutes.or_else(|| {
        let parts: Vec<u32> = item
            .items
            .iter()
            .filter_map(|item| planned_minutes(item))
            .collect();
        (!parts.is_empty()).then(|| parts.iter().sum())
    })
}

/// The one-screen summary printed by `scribe check`: where the minutes will go
/// (`output`), and warnings (a date the file does not give, an agenda not found)
/// that say what to do; the file is still ok.
pub fn summary(path: &Path, m: &Meeting, output: &Path) -> String {
    let mut out = format!("{}: ok\n", path.display());
    if m.date_assumed {
        out.push_str(&format!(
            "Warning:  no meeting date found in the file; taken as {} (give it with \
             --date YYYY-MM-DD, or set it in the meeting with the set-date key)\n",
            m.meeting_time.format("%Y-%m-%d")
        ));
    }
    if m.agenda.is_empty() && m.roster.is_empty() {
        out.push_str(
            "Warning:  no agenda items and no roster found; scribe adds what is taken \
             in the meeting at the end of the file\n",
        );
    }
    out.push_str(&format!(
        "Meeting:  {} — {}, timebox {} min ({} min before, {} min after)\n",
        m.title,
        m.meeting_time.format("%Y-%m-%d %H:%M UTC"),
        m.timebox,
        m.pre_meeting,
        m.after
    ));
    let counts = item_counts(m);
    out.push_str(&format!(
        "Agenda:   {} sections, {} items: {} done, {} open, {} without checkbox\n",
        m.agenda.len(),
        counts.items,
        counts.done,
        counts.open,
        counts.items - counts.done - counts.open
    ));
    let planned: Vec<Option<u32>> = m.agenda.iter().map(|item| planned_minutes(item)).collect();
    let plan: u32 = planned.iter().flatten().sum();
    let unplanned = planned.iter().filter(|p| p.is_none()).count();
    let verdict = match plan.cmp(&m.timebox) {
        std::cmp::Ordering::Greater => format!("{} min over", plan - m.timebox),
        std::cmp::Ordering::Less => format!("{} min to spare", m.timebox - plan),
        std::cmp::Ordering::Equal => "fits exactly".to_string(),
    };
    out.push_str(&format!(
        "Timebox:  plan {plan} min of {} min ({verdict}){}\n",
        m.timebox,
        if unplanned > 0 {
            format!("; {unplanned} sections without an allowance")
        } else {
            String::new()
        }
    ));
    let count = |f: fn(&Attendance) -> bool| m.roster.iter().filter(|p| f(&p.attendance)).count();
    out.push_str(&format!(
        "Roster:   {} people: {} present, {} arrived late, {} left early, {} regrets, {} absent, {} not marked\n",
        m.roster.len(),
        count(|a| matches!(a, Attendance::Present)),
        count(|a| matches!(a, Attendance::ArrivedLate { .. })),
        count(|a| matches!(a, Attendance::LeftEarly { .. })),
        count(|a| matches!(a, Attendance::Regrets)),
        count(|a| matches!(a, Attendance::Absent)),
        count(|a| matches!(a, Attendance::Expected)),
    ));
    let handles = |hs: &[String]| {
        if hs.is_empty() {
            "(none)".to_string()
        } else {
            hs.iter()
                .map(|h| format!("@{h}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    out.push_str(&format!(
        "Chairs:   {}; secretary {}\n",
        handles(&m.chairs),
        handles(&m.secretary)
    ));
    out.push_str(&format!("Minutes:  {}\n", output.display()));
    // One screen: long agendas show their first sections and a count.
    const SHOWN_SECTIONS: usize = 14;
    for (section, minutes) in m.agenda.iter().zip(&planned).take(SHOWN_SECTIONS) {
        let mut counts = ItemCounts::default();
        count_items(&section.items, &mut counts);
        out.push_str(&format!(
            "  {:>4}  {}{}\n",
            minutes.map_or("  -".to_string(), |n| format!("{n}m")),
            section.title,
            if counts.items > 0 {
                format!("  ({}/{} done)", counts.done, counts.items)
            } else {
                String::new()
            }
        ));
    }
    if m.agenda.len() > SHOWN_SECTIONS {
        out.push_str(&format!(
            "  … and {} more sections\n",
            m.agenda.len() - SHOWN_SECTIONS
        ));
    }
    out
}
