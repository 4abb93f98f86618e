//! The roster: everyone expected, with their attendance, and counts in the title.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use crate::app::{App, Pane};
use crate::model::{Attendance, Meeting};
use crate::tui::view::{View, Zone};
use crate::tui::widgets::window_start;
use crate::tui::widgets::{self, alarm, fit, pane_block, printable, warn, width};

/// How an attendance looks: the symbol's style among the theme's roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Alarm,
}

/// The symbol, the words after the handle, and the tone for an attendance.
pub fn presentation(attendance: Attendance, zone: Zone) -> (&'static str, String, Tone) {
    let time = |at: Option<DateTime<Utc>>| {
        at.map(|t| {
            let mut s = t.format("%H:%M").to_string();
            if let Some(offset) = zone.offset(t) {
                s.push_str(&format!(" ({})", t.with_timezone(&offset).format("%H:%M")));
            }
            s
        })
        .unwrap_or_default()
    };
    match attendance {
        Attendance::Expected => ("·", String::new(), Tone::Plain),
        Attendance::Present => ("●", String::new(), Tone::Good),
        Attendance::Regrets => ("○", "regrets".into(), Tone::Plain),
        Attendance::Absent => ("✗", "absent".into(), Tone::Alarm),
        Attendance::ArrivedLate { at } => ("◐", format!("arrived {}", time(at)), Tone::Warn),
        Attendance::LeftEarly { at } => ("◑", format!("left {}", time(at)), Tone::Warn),
    }
}

/// The person's roles in this meeting, as the roster marks them: `chair`,
/// `scribe` (the secretary; the minutes' other word for it), or both.
pub fn roles(m: &Meeting, handle: &str) -> &'static str {
    let bare = |h: &str| h.trim_start_matches('@').to_lowercase();
    let key = bare(handle);
    let has = |list: &[String]| list.iter().any(|h| bare(h) == key);
    match (has(&m.chairs), has(&m.secretary)) {
        (true, true) => "chair+scribe",
        (true, false) => "chair",
        (false, true) => "scribe",
        (false, false) => "",
    }
}

/// The pane title: how many are present, sent regrets, are absent, are not marked.
pub fn title(m: &Meeting) -> String {
    let count = |f: fn(&Attendance) -> bool| m.roster.iter().filter(|p| f(&p.attendance)).count();
    let present = count(Attendance::attended);
    let regrets = count(|a| matches!(a, Attendance::Regrets));
    let absent = count(|a| matches!(a, Attendance::Absent));
    let unmarked = count(Attendance::is_expected);
    let mut parts = vec![format!("{present} present")];
    // "1 regret", "2 regrets"; present, absent and ? read right at any count.
    match regrets {
        0 => {}
        1 => parts.push("1 regret".to_string()),
        n => parts.push(format!("{n} regrets")),
    }
    if absent > 0 {
        parts.push(format!("{absent} absent"));
    }
    if unmarked > 0 {
        parts.push(format!("{unmarked} ?"));
    }
    format!(" Roster  {} ", parts.join(" · "))
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &View) {
    let theme = &view.theme;
    let focused = app.focus == Pane::Roster;
    let block = pane_block(theme, focused).title(title(&app.meeting));
    if app.meeting.roster.is_empty() {
        let hint = Paragraph::new("Nobody yet: press + to add a person.")
            .style(theme.dim)
            .block(block);
        frame.render_widget(hint, area);
        return;
    }
    let inner_width = usize::from(area.width.saturating_sub(2));
    // Only the rows in view are built, the selection kept in view as in the agenda.
    let height = usize::from(area.height.saturating_sub(2));
    let selected = app.roster_cursor.min(app.meeting.roster.len() - 1);
    let first = window_start(selected, app.meeting.roster.len(), height);
    let items: Vec<ListItem<'_>> = app
        .meeting
        .roster
        .iter()
        .skip(first)
        .take(height)
        .map(|person| {
            let (symbol, words, tone) = presentation(person.attendance, view.zone);
            // The role follows the handle; the handle gives way first.
            let role = roles(&app.meeting, &person.handle);
            let role_width = if role.is_empty() { 0 } else { width(role) + 1 };
            let handle = fit(
                &printable(&person.mention()),
                inner_width.saturating_sub(
                    2 + role_width
                        + if words.is_empty() {
                            0
                        } else {
                            width(&words) + 1
                        },
                ),
            );
            let pad = inner_width.saturating_sub(2 + width(&handle) + role_width + width(&words));
            ListItem::new(Line::from(vec![
                Span::styled(
                    symbol,
                    match tone {
                        Tone::Plain => theme.dim,
                        Tone::Good => theme.checked,
                        Tone::Warn => warn(theme),
                        Tone::Alarm => alarm(theme),
                    },
                ),
                Span::raw(" "),
                Span::styled(handle, theme.text),
                Span::styled(
                    if role.is_empty() {
                        String::new()
                    } else {
                        format!(" {role}")
                    },
                    theme.current,
                ),
                Span::raw(" ".repeat(pad)),
                Span::styled(words, theme.dim),
            ]))
        })
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(widgets::selected(theme, focused));
    let mut state = ListState::default().with_selected(Some(selected - first));
    frame.render_stateful_widget(list, area, &mut state);
}

#[cfg(test)]
mod tests {
    use super::title;
    use crate::model::{Attendance, Meeting, Person};

    #[test]
    fn the_title_counts_in_the_singular_and_the_plural() {
        let mut m = Meeting::new("t", chrono::Utc::now());
        let person = |handle: &str, attendance| Person {
            handle: handle.into(),
            name: None,
            attendance,
        };
        m.roster = vec![
            person("a", Attendance::Present),
            person("b", Attendance::Regrets),
            person("c", Attendance::Absent),
            person("d", Attendance::Expected),
        ]
        .into();
        assert_eq!(title(&m), " Roster  1 present · 1 regret · 1 absent · 1 ? ");
        m.roster.push(person("e", Attendance::Regrets));
        m.roster.push(person("f", Attendance::Present));
        assert_eq!(
            title(&m),
            " Roster  2 present · 2 regrets · 1 absent · 1 ? "
        );
        m.roster.retain(|p| p.attendance == Attendance::Present);
        assert_eq!(title(&m), " Roster  2 present ");
    }
}
