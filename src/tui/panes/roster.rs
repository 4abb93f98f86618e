//! The roster: everyone expected, with their attendance, and counts in the title.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::buffer::Cell;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget as _};

use crate::app::{App, Pane};
use crate::model::{Attendance, Meeting, Person, Watch};
use crate::tui::view::{View, Zone};
use crate::tui::widgets::window_start;
use crate::tui::widgets::{self, Over, alarm, fit, pane_block, printable, warn, width};

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

/// The roster's rows as last drawn, kept from frame to frame so that a row
/// whose look did not change is copied rather than drawn again: marking
/// someone present draws their row and the title, moving into or out of the
/// roster only the selected row (and the frame). An empty memo draws every row.
#[derive(Debug, Default)]
pub struct Memo {
    /// The width of the rows, the theme and the time zone they were drawn in.
    place: Option<(u16, crate::theme::Theme, Zone)>,
    /// The title, and the roster it counts.
    title: Option<(Watch<Vec<Person>>, String)>,
    /// Each row from the top of the pane, as last drawn.
    rows: Vec<Row>,
    /// The pane's frames as drawn lately.
    frames: widgets::FrameMemo,
}

/// One row as last drawn: what it showed, and its cells.
#[derive(Debug)]
struct Row {
    person: Person,
    role: &'static str,
    /// Whether the row is selected, and the pane focused then.
    selected: Option<bool>,
    cells: Vec<Cell>,
}

/// Draws the pane; `memo` holds the rows of the frames before (see [`Memo`]),
/// and `over` says whether it is drawn over the last of them (see [`Over`]).
pub fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &View,
    (memo, mut over): (&mut Memo, Over<'_>),
) {
    let theme = &view.theme;
    let focused = app.focus == Pane::Roster;
    let roster = &app.meeting.roster;
    let title = match &memo.title {
        Some((counted, title)) if counted.sees(roster) => title.clone(),
        _ => {
            let text = title(&app.meeting);
            memo.title = Some((roster.watch(), text.clone()));
            text
        }
    };
    let block = pane_block(theme, focused).title(title);
    if roster.is_empty() {
        memo.rows.clear();
        if over.is_some() {
            widgets::fill(frame.buffer_mut(), area, theme.base);
        }
        let hint = Paragraph::new("Nobody yet: press + to add a person.")
            .style(theme.dim)
            .block(block);
        frame.render_widget(hint, area);
        return;
    }
    // Only the rows in view are drawn, the selection kept in view as in the agenda.
    let buf = frame.buffer_mut();
    let inner = memo.frames.draw(buf, area, block, theme.base);
    if memo.place != Some((inner.width, *theme, view.zone)) {
        memo.rows.clear();
        memo.place = Some((inner.width, *theme, view.zone));
    }
    let height = usize::from(inner.height);
    let selected = app.roster_cursor.min(roster.len() - 1);
    let first = window_start(selected, roster.len(), height);
    let shown = roster.iter().skip(first).take(height);
    let rows = shown.len();
    memo.rows.truncate(rows);
    let cols = usize::from(inner.width);
    for (row, (y, person)) in (inner.top()..inner.bottom()).zip(shown).enumerate() {
        let role = roles(&app.meeting, &person.handle);
        let chosen = (selected == first + row).then_some(focused);
        let at = buf.index_of(inner.x, y);
        let row_area = Rect::new(inner.x, y, inner.width, 1);
        if let Some(kept) = memo.rows.get(row)
            && kept.person == *person
            && kept.role == role
            && kept.selected == chosen
        {
            widgets::keep_row(buf, &mut over, row_area, &kept.cells);
            continue;
        }
        if over.is_some() {
            widgets::fill(buf, row_area, theme.base);
        }
        row_line(person, role, cols, view).render(row_area, buf);
        if let Some(focused) = chosen {
            buf.set_style(row_area, widgets::selected(theme, focused));
        }
        let cells = &buf.content[at..at + cols];
        match memo.rows.get_mut(row) {
            Some(kept) => {
                kept.person.clone_from(person);
                kept.role = role;
                kept.selected = chosen;
                kept.cells.clone_from_slice(cells);
            }
            None => memo.rows.push(Row {
                person: person.clone(),
                role,
                selected: chosen,
                cells: cells.to_vec(),
            }),
        }
    }
    // Under the last row the pane is blank, whatever was drawn there last.
    if over.is_some() {
        widgets::blank_below(buf, inner, rows, theme.base);
    }
}

/// One person's row, `room` columns wide: attendance symbol, handle, role,
/// then what the attendance says (when they came or left) at the right edge.
fn row_line(person: &Person, role: &str, room: usize, view: &View) -> Line<'static> {
    let theme = &view.theme;
    let (symbol, words, tone) = presentation(person.attendance, view.zone);
    // The role follows the handle; the handle gives way first.
    let role_width = if role.is_empty() { 0 } else { width(role) + 1 };
    let words_width = if words.is_empty() {
        0
    } else {
        width(&words) + 1
    };
    let handle = fit(
        &printable(&person.mention()),
        room.saturating_sub(2 + role_width + words_width),
    );
    let pad = room.saturating_sub(2 + width(&handle) + role_width + width(&words));
    Line::from(vec![
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
    ])
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
