//! The timer: the time in UTC (and local time when it differs), the phase, the
//! meeting's elapsed and left time, the item discussed now by name with its time
//! against its allowance,
//! the projected end, and a bar that turns yellow 10 minutes before the end and red
//! past it. When the projected end slips past the hard stop, a third line says by
//! how much and what to defer ([`timing::replan`]). A meeting not started and
//! dated another day shows when it is planned, in days from today.

use chrono::{DateTime, Duration, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::timing::{
    self, EndForecast, Phase, PlanMemo, allowance, clock_text, elapsed, forecast_end_with,
    item_spent, left, phase,
};
use crate::model::Meeting;
use crate::tui::view::{View, Zone};
use crate::tui::widgets::{
    FrameMemo, Theme, alarm, fit, pane_block, plain_title, printable, shown_title, warn, width,
};

/// Minutes left at which the bar turns yellow.
pub const WARN_MINUTES: i64 = 10;

/// `17:34:12 UTC`, with the local time beside it when the zone is not UTC.
pub fn wall_clock(now: DateTime<Utc>, zone: Zone) -> String {
    let mut s = now.format("%H:%M:%S UTC").to_string();
    if let Some(offset) = zone.offset(now) {
        s.push_str(&format!(
            " · {} local",
            now.with_timezone(&offset).format("%H:%M")
        ));
    }
    s
}

/// The style of the bar: the theme's gauge colours, fine, near the end (10
/// minutes left) and past it.
pub fn bar_style(theme: &Theme, left: Duration) -> Style {
    let gauge = if left < Duration::zero() {
        theme.gauge_over
    } else if left <= Duration::minutes(WARN_MINUTES) {
        theme.gauge_warn
    } else {
        theme.gauge_ok
    };
    Style { bg: None, ..gauge }
}

/// What the timer shows of the plan: the end it forecasts, and the re-plan
/// line. Both walk the whole agenda: worked out once for a frame, and kept
/// while the meeting, the discussion and the clock's second are the same.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub forecast: EndForecast,
    /// See [`deferral_line`].
    pub deferral: Option<String>,
}

impl Plan {
    /// The plan at the app's time.
    pub fn of(app: &App) -> Plan {
        Plan::of_with(app, &mut PlanMemo::default())
    }

    /// [`Plan::of`], with what `memo` kept of the agenda's sections from the
    /// last plan (see [`PlanMemo`]).
    pub fn of_with(app: &App, memo: &mut PlanMemo) -> Plan {
        let forecast = forecast_end_with(&app.meeting, app.current.as_ref(), app.now, memo);
        Plan {
            forecast,
            deferral: deferral_from(app, forecast, memo),
        }
    }
}

/// The re-plan line, when the open items' allowances run past the hard stop and
/// some item can be deferred: `12′ over · defer: Funding drive (info, 5′), CNA
/// (@tux absent, 10′)`.
pub fn deferral_line(app: &App) -> Option<String> {
    Plan::of(app).deferral
}

/// [`deferral_line`], from the end forecast at the app's time.
fn deferral_from(app: &App, forecast: EndForecast, memo: &mut PlanMemo) -> Option<String> {
    // While the meeting runs: before it, the agenda is still the chair's to plan.
    if !matches!(
        phase(&app.meeting, app.now),
        Phase::Meeting | Phase::Overtime
    ) {
        return None;
    }
    let plan = timing::replan_with(&app.meeting, app.current.as_ref(), app.now, forecast, memo)?;
    if plan.defer.is_empty() {
        return None;
    }
    let items: Vec<String> = plan
        .defer
        .iter()
        .map(|d| {
            let why = match d.reason {
                timing::DeferReason::Information => "info".to_string(),
                timing::DeferReason::OwnerAbsent => {
                    let owners = app
                        .meeting
                        .item(&d.path)
                        .map(|i| i.owners.iter().map(|h| format!("@{h}")).collect::<Vec<_>>())
                        .unwrap_or_default();
                    format!("{} absent", owners.join(" "))
                }
            };
            format!(
                "{} ({why}, {}′)",
                printable(&plain_title(&d.title)),
                d.left.num_minutes().max(1)
            )
        })
        .collect();
    let freed: Duration = plan.defer.iter().map(|d| d.left).sum();
    let still = (plan.over - freed).num_minutes();
    let rest = if still > 0 {
        format!(" · still {still}′ over")
    } else {
        String::new()
    };
    Some(format!(
        "{}′ over · defer: {}{rest}",
        plan.over.num_minutes(),
        items.join(", ")
    ))
}

/// When a meeting not started (nor ended) and dated another day than `now` is
/// planned, and how far that is from today: `planned Thu 2026-02-19 17:00 UTC`
/// and `3 days ago`. An old agenda opened again, or one prepared ahead, would
/// otherwise count hundreds of days in hours; this is what starting it asks about.
pub fn another_day(m: &Meeting, now: DateTime<Utc>) -> Option<(String, String)> {
    if m.actual.start.is_some() || m.actual.end.is_some() || !timing::dated_another_day(m, now) {
        return None;
    }
    let days = (m.meeting_time.date_naive() - now.date_naive()).num_days();
    let when = match days {
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    };
    let planned = format!("planned {} UTC", m.meeting_time.format("%a %Y-%m-%d %H:%M"));
    Some((planned, when))
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &View) {
    draw_with(
        frame,
        area,
        app,
        view,
        (&Plan::of(app), &mut FrameMemo::default()),
    );
}

/// Draws the pane with the plan already worked out (the layout needs its
/// deferral line too, and it walks the whole agenda).
pub fn draw_with(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &View,
    (plan, frames): (&Plan, &mut FrameMemo),
) {
    Look::of(area, app, view, plan).draw(frame, area, &view.theme, frames);
}

/// What the pane shows in an area, row by row, as text and styles: worked out
/// without drawing, so that a change of the meeting that leaves the timer
/// showing the same (an item checked whose section keeps its allowance, say)
/// leaves the pane as it is on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    /// The wall clock, in the frame's top left.
    clock: String,
    /// The phase, in the frame's top right.
    phase: (String, Style),
    /// The facts row: what the phase counts, the item, the projected end.
    facts: String,
    /// The bar row, under it.
    bar: Bar,
    /// The re-plan row, when there is room and something to defer.
    deferral: Option<String>,
}

/// The bar: the share of the timebox used, with what is left written after it.
#[derive(Debug, Clone, PartialEq)]
struct Bar {
    filled: usize,
    empty: usize,
    style: Style,
    label: (String, Style),
}

impl Look {
    /// What the pane shows in `area` at the app's time, with `plan`.
    pub fn of(area: Rect, app: &App, view: &View, plan: &Plan) -> Look {
        let theme = &view.theme;
        let m = &app.meeting;
        let now = app.now;
        let phase = phase(m, now);
        let elapsed = elapsed(m, now);
        let left = left(m, now);
        let timebox = Duration::minutes(i64::from(m.timebox));
        let another_day = another_day(m, now);
        let inner = pane_block(theme, false).inner(area);
        let label = match another_day {
            Some(_) => "not started",
            None => phase.label(),
        };
        let phase_style = match phase {
            Phase::Overtime => alarm(theme).add_modifier(Modifier::BOLD),
            Phase::Meeting if left <= Duration::minutes(WARN_MINUTES) => {
                warn(theme).add_modifier(Modifier::BOLD)
            }
            _ => theme.text.add_modifier(Modifier::BOLD),
        };
        let bar = {
            let (ratio, label) = match phase {
                _ if let Some((_, when)) = &another_day => (0.0, when.clone()),
                Phase::BeforeStart | Phase::PreMeeting => (
                    0.0,
                    format!("starts in {}", clock_text(m.meeting_time - now)),
                ),
                Phase::Meeting => (
                    elapsed.num_seconds() as f64 / timebox.num_seconds().max(1) as f64,
                    format!("{} left", clock_text(left)),
                ),
                Phase::Overtime => (1.0, format!("{} over", clock_text(-left))),
                Phase::After => (
                    (elapsed.num_seconds() as f64 / timebox.num_seconds().max(1) as f64).min(1.0),
                    match (m.actual.end, timing::end(m, now)) {
                        (Some(end), _) => format!("ended at {}", end.format("%H:%M UTC")),
                        (None, Some(end)) => {
                            format!("planned end {}", end.format("%Y-%m-%d %H:%M UTC"))
                        }
                        (None, None) => "ended".to_string(),
                    },
                ),
            };
            let bar_width = usize::from(inner.width).saturating_sub(width(&label) + 2);
            let filled =
                ((ratio.clamp(0.0, 1.0) * bar_width as f64).round() as usize).min(bar_width);
            let label_style = if phase == Phase::Overtime {
                alarm(theme).add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            Bar {
                filled,
                empty: bar_width - filled,
                style: bar_style(theme, left),
                label: (label, label_style),
            }
        };
        Look {
            clock: format!(" {} ", wall_clock(now, view.zone)),
            phase: (format!(" {} ", label), phase_style),
            facts: facts(
                app,
                (phase, elapsed, timebox),
                &another_day,
                plan,
                inner.width,
            ),
            bar,
            deferral: (inner.height >= 3)
                .then(|| {
                    plan.deferral
                        .as_ref()
                        .map(|d| fit(d, usize::from(inner.width)))
                })
                .flatten(),
        }
    }

    /// Draws the pane as it looks, in `area`.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, frames: &mut FrameMemo) {
        let block = pane_block(theme, false)
            .title(self.clock.clone())
            .title_top(Line::styled(self.phase.0.clone(), self.phase.1).right_aligned());
        let inner = frames.draw(frame.buffer_mut(), area, block, theme.base);
        let row = |at: u16| Rect {
            y: inner.y + at,
            height: 1,
            ..inner
        };
        if inner.height == 0 {
            return;
        }
        frame.render_widget(Paragraph::new(Line::raw(self.facts.as_str())), row(0));
        if inner.height < 2 {
            return;
        }
        let bar = &self.bar;
        let line = Line::from(vec![
            Span::styled("█".repeat(bar.filled), bar.style),
            Span::styled("░".repeat(bar.empty), theme.dim),
            Span::raw("  "),
            Span::styled(bar.label.0.as_str(), bar.label.1),
        ]);
        frame.render_widget(Paragraph::new(line), row(1));
        if let Some(defer) = &self.deferral {
            frame.render_widget(
                Paragraph::new(Line::styled(defer.as_str(), warn(theme))),
                row(2),
            );
        }
    }
}

/// The facts row, `width` wide: what the phase is counting, the item discussed
/// now, the projected end; in short forms when the long ones do not fit.
fn facts(
    app: &App,
    (phase, elapsed, timebox): (Phase, Duration, Duration),
    another_day: &Option<(String, String)>,
    plan: &Plan,
    width_of_row: u16,
) -> String {
    let m = &app.meeting;
    let now = app.now;
    let mut facts: Vec<String> = Vec::new();
    match phase {
        _ if let Some((planned, _)) = another_day => facts.push(planned.clone()),
        Phase::BeforeStart => {
            facts.push(format!(
                "socializing in {}",
                clock_text(m.pre_meeting_start() - now)
            ));
            facts.push(format!("meeting at {}", m.meeting_time.format("%H:%M UTC")));
        }
        Phase::PreMeeting => {
            facts.push(format!(
                "meeting starts in {}",
                clock_text(m.meeting_time - now)
            ));
            facts.push(format!("at {}", m.meeting_time.format("%H:%M UTC")));
        }
        Phase::Meeting | Phase::Overtime | Phase::After => {
            facts.push(format!(
                "meeting {} of {}",
                clock_text(elapsed),
                clock_text(timebox)
            ));
        }
    }
    // The item discussed now: its time here, its name put in below with the
    // room the other facts leave.
    let mut item_at = None;
    if let Some(d) = &app.current
        && let Some(item) = m.item(&d.path)
    {
        let spent = Duration::seconds(item_spent(item, &d.path, Some(d), now));
        // Its own title (owners only when it has none): the words that say
        // which item it is.
        let title = plain_title(&item.title);
        let name = if title.is_empty() {
            shown_title(item)
        } else {
            title
        };
        item_at = Some((facts.len(), name));
        match allowance(item) {
            Some(a) => facts.push(format!("{}/{a}:00", clock_text(spent))),
            None => facts.push(clock_text(spent)),
        }
    }
    // The end: the timebox's, or (marked `~`) the projection when the open items'
    // allowances run past it. In overtime the box's end is past: the bar says by
    // how much.
    match (phase, plan.forecast) {
        _ if another_day.is_some() => {}
        (Phase::After, _) | (Phase::Overtime, EndForecast::Timebox(_)) => {}
        (_, EndForecast::Timebox(end)) => facts.push(format!("ends {}", end.format("%H:%M"))),
        (_, EndForecast::Over(end)) => {
            let over = (end - timing::timebox_end(m)).num_minutes();
            facts.push(format!("ends ~{}, {over}′ over", end.format("%H:%M")));
        }
    }
    // A date the agenda did not give is a guess until the secretary sets it.
    if m.date_assumed {
        facts.insert(
            0,
            format!("date assumed {}", m.meeting_time.format("%Y-%m-%d")),
        );
        if let Some((at, _)) = &mut item_at {
            *at += 1;
        }
    }
    // On a narrow screen the words go and the figures stay.
    let shorten = |f: &String| {
        f.replace("meeting starts in ", "starts in ")
            .replace("socializing in ", "social in ")
            .replace("meeting at ", "")
            .replace("meeting ", "")
            .replace(" of ", "/")
            .replace(", ", " +")
            .replace("′ over", "′")
            .replace("ends ~", "end ")
            .replace("ends ", "end ")
            .replace("planned ", "")
    };
    let room = usize::from(width_of_row);
    let Some((at, name)) = item_at else {
        let long = facts.join(" · ");
        return if width(&long) <= room {
            long
        } else {
            fit(
                &facts.iter().map(shorten).collect::<Vec<_>>().join(" · "),
                room,
            )
        };
    };
    // The item's name has what the others' short forms leave (the
    // secretary's own text is never shortened by scribe's words).
    let mut short: Vec<String> = facts.iter().map(shorten).collect();
    let others = width(&short.join(" · "));
    let name_room = room.saturating_sub(others + 3);
    let name = if name_room >= 8 && !name.is_empty() {
        format!("▶ {}", fit(&name, name_room - 2))
    } else {
        "item".to_string()
    };
    facts[at] = format!("{name} {}", facts[at]);
    short[at] = facts[at].clone();
    let long = facts.join(" · ");
    if width(&long) <= room {
        long
    } else {
        fit(&short.join(" · "), room)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// The timer pane's rows, 70 columns wide, for a meeting planned at
    /// `planned` seen at `now`.
    fn timer_rows(planned: &str, now: &str) -> Vec<String> {
        let app = App::new(Meeting::new("m", at(planned)), at(now));
        let view = crate::workload::live_view();
        let mut terminal = Terminal::new(TestBackend::new(70, 4)).unwrap();
        terminal
            .draw(|f| draw(f, Rect::new(0, 0, 70, 4), &app, &view))
            .unwrap();
        (terminal.backend().buffer().content().chunks(70))
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
            .collect()
    }

    #[test]
    fn a_meeting_of_another_day_not_started_shows_its_date_not_a_countdown() {
        let rows = timer_rows("2026-02-19T17:00:00Z", "2026-12-02T10:05:00Z");
        let screen = rows.join("\n");
        assert!(rows[0].contains("not started"), "{screen}");
        assert!(
            rows[1].contains("planned Thu 2026-02-19 17:00 UTC"),
            "{screen}"
        );
        assert!(rows[2].contains("286 days ago"), "{screen}");
        assert!(!screen.contains("60:00"), "no timebox used: {screen}");
        let rows = timer_rows("2026-12-05T17:00:00Z", "2026-12-02T10:05:00Z");
        assert!(rows[1].contains("planned Sat 2026-12-05 17:00 UTC"));
        assert!(rows[2].contains("in 3 days"), "{}", rows.join("\n"));
        assert!(!rows.join("\n").contains("3d 6h"));
    }

    #[test]
    fn days_away_are_counted_in_calendar_days() {
        let meeting = |planned: &str| Meeting::new("m", at(planned));
        let now = at("2026-12-02T23:30:00Z");
        let when = |planned: &str| another_day(&meeting(planned), now).map(|(_, w)| w);
        assert_eq!(when("2026-12-03T17:00:00Z").as_deref(), Some("tomorrow"));
        assert_eq!(when("2026-12-01T09:00:00Z").as_deref(), Some("yesterday"));
        assert_eq!(when("2026-11-22T17:00:00Z").as_deref(), Some("10 days ago"));
        // Today, or just after midnight with the socializing begun: the countdown.
        assert_eq!(when("2026-12-02T08:00:00Z"), None);
        let socializing = at("2026-12-02T23:50:00Z");
        assert_eq!(
            another_day(&meeting("2026-12-03T00:15:00Z"), socializing),
            None
        );
        // Started (or ended) on another day: the meeting's own times.
        let mut started = meeting("2026-02-19T17:00:00Z");
        started.actual.start = Some(now);
        assert_eq!(another_day(&started, now), None);
        let rows = timer_rows("2026-12-02T17:00:00Z", "2026-12-02T16:12:30Z");
        assert!(
            rows[1].contains("socializing in 17:30"),
            "{}",
            rows.join("\n")
        );
    }
}
