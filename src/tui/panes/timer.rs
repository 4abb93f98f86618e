//! The timer: the time in UTC (and local time when it differs), the phase, the
//! meeting's elapsed and left time, the item discussed now by name with its time
//! against its allowance,
//! the projected end, and a bar that turns yellow 10 minutes before the end and red
//! past it. When the projected end slips past the hard stop, a third line says by
//! how much and what to defer ([`timing::replan`]).

use chrono::{DateTime, Duration, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::timing::{
    self, EndForecast, Phase, allowance, clock_text, elapsed, forecast_end, item_spent, left, phase,
};
use crate::tui::view::{View, Zone};
use crate::tui::widgets::{
    Theme, alarm, block, fit, plain_title, printable, shown_title, warn, width,
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

/// The re-plan line, when the open items' allowances run past the hard stop and
/// some item can be deferred: `12′ over · defer: Funding drive (info, 5′), CNA
/// (@tux absent, 10′)`.
pub fn deferral_line(app: &App) -> Option<String> {
    // While the meeting runs: before it, the agenda is still the chair's to plan.
    if !matches!(
        phase(&app.meeting, app.now),
        Phase::Meeting | Phase::Overtime
    ) {
        return None;
    }
    let plan = timing::replan(&app.meeting, app.current.as_ref(), app.now)?;
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

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, view: &View) {
    draw_with(frame, area, app, view, deferral_line(app).as_deref());
}

/// Draws the pane with the deferral line already worked out (the layout needs
/// it too, and it walks the whole agenda).
pub fn draw_with(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    view: &View,
    deferral: Option<&str>,
) {
    let theme = &view.theme;
    let m = &app.meeting;
    let now = app.now;
    let phase = phase(m, now);
    let elapsed = elapsed(m, now);
    let left = left(m, now);
    let timebox = Duration::minutes(i64::from(m.timebox));

    let title = format!(" {} ", wall_clock(now, view.zone));
    let phase_style = match phase {
        Phase::Overtime => alarm(theme).add_modifier(Modifier::BOLD),
        Phase::Meeting if left <= Duration::minutes(WARN_MINUTES) => {
            warn(theme).add_modifier(Modifier::BOLD)
        }
        _ => theme.text.add_modifier(Modifier::BOLD),
    };
    let block = block(theme, false)
        .title(title)
        .title_top(Line::styled(format!(" {} ", phase.label()), phase_style).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }

    // The facts line: what the phase is counting, the item, the projected end.
    let mut facts: Vec<String> = Vec::new();
    match phase {
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
    match (phase, forecast_end(m, app.current.as_ref(), now)) {
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
    };
    let mut short: Vec<String> = facts.iter().map(shorten).collect();
    let item_index = item_at.as_ref().map(|(at, _)| *at);
    if let Some((at, name)) = item_at {
        // The item's name has what the others' short forms leave (the
        // secretary's own text is never shortened by scribe's words).
        let others = width(&short.join(" · "));
        let room = usize::from(inner.width).saturating_sub(others + 3);
        let name = if room >= 8 && !name.is_empty() {
            format!("▶ {}", fit(&name, room - 2))
        } else {
            "item".to_string()
        };
        facts[at] = format!("{name} {}", facts[at]);
    }
    if let Some(at) = item_index {
        short[at] = facts[at].clone();
    }
    let long = facts.join(" · ");
    let facts = if width(&long) <= usize::from(inner.width) {
        long
    } else {
        fit(&short.join(" · "), usize::from(inner.width))
    };
    frame.render_widget(
        Paragraph::new(Line::raw(facts)),
        Rect { height: 1, ..inner },
    );
    if inner.height < 2 {
        return;
    }

    // The bar: the share of the timebox used, with what is left written after it.
    let (ratio, label) = match phase {
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
                (None, Some(end)) => format!("planned end {}", end.format("%Y-%m-%d %H:%M UTC")),
                (None, None) => "ended".to_string(),
            },
        ),
    };
    let bar_width = usize::from(inner.width).saturating_sub(width(&label) + 2);
    let filled = ((ratio.clamp(0.0, 1.0) * bar_width as f64).round() as usize).min(bar_width);
    let bar = bar_style(theme, left);
    let line = Line::from(vec![
        Span::styled("█".repeat(filled), bar),
        Span::styled("░".repeat(bar_width - filled), theme.dim),
        Span::raw("  "),
        Span::styled(
            label,
            if phase == Phase::Overtime {
                alarm(theme).add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            },
        ),
    ]);
    frame.render_widget(
        Paragraph::new(line),
        Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        },
    );
    if inner.height >= 3
        && let Some(defer) = deferral
    {
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit(defer, usize::from(inner.width)),
                warn(theme),
            )),
            Rect {
                y: inner.y + 2,
                height: 1,
                ..inner
            },
        );
    }
}
