//! The meeting's clock arithmetic: which phase it is in, how long it has run and
//! has left, and when it will end if the open items take their allowances.
//!
//! Everything is a pure function of the meeting, the item being discussed and "now".

use chrono::{DateTime, Duration, Utc};

use crate::model::{Item, ItemPath, Meeting};

/// The part of the meeting's day we are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Before the socializing begins.
    BeforeStart,
    /// Socializing before the timeboxed meeting.
    PreMeeting,
    /// Within the timebox.
    Meeting,
    /// Past the timebox, not yet ended.
    Overtime,
    /// The meeting was ended, or is long past: its timebox and the period after
    /// it are over and nobody recorded an end (an old agenda or minutes opened
    /// again).
    After,
}

impl Phase {
    /// How the timer pane names the phase.
    pub fn label(self) -> &'static str {
        match self {
            Phase::BeforeStart => "before start",
            Phase::PreMeeting => "pre-meeting",
            Phase::Meeting => "meeting",
            Phase::Overtime => "overtime",
            Phase::After => "ended",
        }
    }
}

/// When the timeboxed meeting starts: the recorded start, else the planned one.
pub fn start(m: &Meeting) -> DateTime<Utc> {
    m.actual.start.unwrap_or(m.meeting_time)
}

/// When the timebox ends: start plus the timebox (a late start moves the end).
pub fn timebox_end(m: &Meeting) -> DateTime<Utc> {
    start(m) + Duration::minutes(i64::from(m.timebox))
}

/// When the meeting ended, as far as is known at `now`: the recorded end, or —
/// once the timebox and the period after it are over without one — the end of
/// the timebox. A meeting does not run over by more than its after-period
/// without the secretary noticing, so past that it is an old meeting, not
/// overtime.
pub fn end(m: &Meeting, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    m.actual.end.or_else(|| {
        let planned = timebox_end(m);
        (now >= planned + Duration::minutes(i64::from(m.after))).then_some(planned)
    })
}

/// True when the meeting is dated another day (UTC) than `now` and `now` is not
/// within its own planned span (socializing to the end of the period after):
/// starting it now would put today's time under another day's headings. A
/// meeting just after midnight whose socializing began the day before is not
/// "another day".
pub fn dated_another_day(m: &Meeting, now: DateTime<Utc>) -> bool {
    let planned_span = m.pre_meeting_start()
        ..m.meeting_time + Duration::minutes(i64::from(m.timebox) + i64::from(m.after));
    m.meeting_time.date_naive() != now.date_naive() && !planned_span.contains(&now)
}

/// The phase at `now`.
pub fn phase(m: &Meeting, now: DateTime<Utc>) -> Phase {
    if end(m, now).is_some_and(|end| now >= end) {
        Phase::After
    } else if m.actual.start.is_none() && now < m.pre_meeting_start() {
        Phase::BeforeStart
    } else if m.actual.start.is_none() && now < m.meeting_time {
        Phase::PreMeeting
    } else if now < timebox_end(m) {
        Phase::Meeting
    } else {
        Phase::Overtime
    }
}

/// Meeting time elapsed at `now` in whole seconds (zero before the start; stops
/// at the end). Whole seconds because [`left`] is the timebox minus this: the two
/// shown side by side then always add up to the timebox (6.5 s would read 0:06
/// elapsed and 59:53 left).
pub fn elapsed(m: &Meeting, now: DateTime<Utc>) -> Duration {
    let until = end(m, now).map_or(now, |end| end.min(now));
    Duration::seconds((until - start(m)).num_seconds().max(0))
}

/// Time left in the timebox at `now` (negative in overtime).
pub fn left(m: &Meeting, now: DateTime<Utc>) -> Duration {
    Duration::minutes(i64::from(m.timebox)) - elapsed(m, now)
}

/// The item being discussed now and since when its timer runs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Discussion {
    pub path: ItemPath,
    pub since: DateTime<Utc>,
}

/// Seconds spent on the item at `path` (with the running timer) — not its sub-items.
pub fn item_spent(
    item: &Item,
    path: &[usize],
    current: Option<&Discussion>,
    now: DateTime<Utc>,
) -> i64 {
    let running = current
        .filter(|d| d.path == path)
        .map_or(0, |d| (now - d.since).num_seconds().max(0));
    i64::try_from(item.spent_seconds)
        .unwrap_or(i64::MAX)
        .saturating_add(running)
}

/// Seconds spent on the item at `path` and everything under it.
pub fn subtree_spent(
    item: &Item,
    path: &mut ItemPath,
    current: Option<&Discussion>,
    now: DateTime<Utc>,
) -> i64 {
    let mut total = item_spent(item, path, current, now);
    for (i, child) in item.items.iter().enumerate() {
        path.push(i);
        total = total.saturating_add(subtree_spent(child, path, current, now));
        path.pop();
    }
    total
}

/// The minutes allowed for an item: its own allowance, else the sum of its
/// sub-items' allowances, else none.
pub fn allowance(item: &Item) -> Option<u32> {
    item.minutes.or_else(|| {
        let sum: u32 = item.items.iter().filter_map(allowance).sum();
        (sum > 0).then_some(sum)
    })
}

/// True when the item is checked.
pub fn is_done(item: &Item) -> bool {
    item.checked == Some(true)
}

/// Checked / all items under `item` (all depths).
pub fn done_count(item: &Item) -> (usize, usize) {
    item.items.iter().fold((0, 0), |(done, total), child| {
        let (d, t) = done_count(child);
        (done + d + usize::from(is_done(child)), total + t + 1)
    })
}

/// The time the still-open items are expected to take: for each open item with
/// an allowance, what is left of it; items under an allowance are counted in it.
pub fn open_remaining(m: &Meeting, current: Option<&Discussion>, now: DateTime<Utc>) -> Duration {
    fn walk(
        items: &[Item],
        path: &mut ItemPath,
        current: Option<&Discussion>,
        now: DateTime<Utc>,
    ) -> i64 {
        let mut secs = 0i64;
        for (i, item) in items.iter().enumerate() {
            path.push(i);
            if !is_done(item) {
                if let Some(minutes) = item.minutes {
                    let spent = subtree_spent(item, path, current, now);
                    secs += (i64::from(minutes) * 60 - spent).max(0);
                } else {
                    secs += walk(&item.items, path, current, now);
                }
            }
            path.pop();
        }
        secs
    }
    Duration::seconds(walk(&m.agenda, &mut Vec::new(), current, now))
}

/// True when some open item has an allowance (the only thing an end can be
/// projected from).
pub fn has_open_allowance(items: &[Item]) -> bool {
    items
        .iter()
        .any(|item| !is_done(item) && (item.minutes.is_some() || has_open_allowance(&item.items)))
}

/// When the meeting ends if the open items take what is left of their
/// allowances; `None` when no open item has an allowance: "now plus nothing"
/// would claim the meeting ends this minute.
pub fn projected_end(
    m: &Meeting,
    current: Option<&Discussion>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    has_open_allowance(&m.agenda).then(|| now.max(start(m)) + open_remaining(m, current, now))
}

/// The end the timer shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndForecast {
    /// The timebox's end: nothing says the meeting will run past it (open items
    /// fit in it, or no open item has an allowance).
    Timebox(DateTime<Utc>),
    /// The open items' allowances run past the timebox by a minute or more:
    /// the projected end.
    Over(DateTime<Utc>),
}

/// The end to show at `now`. A meeting is timeboxed, so the projection only
/// matters when it runs past the box; otherwise the box's end is the honest
/// answer (never a time before it, never "now" for a meeting with nothing left
/// to project from).
pub fn forecast_end(m: &Meeting, current: Option<&Discussion>, now: DateTime<Utc>) -> EndForecast {
    let planned = timebox_end(m);
    match projected_end(m, current, now) {
        Some(end) if (end - planned).num_minutes() > 0 => EndForecast::Over(end),
        _ => EndForecast::Timebox(planned),
    }
}

/// `m:ss` (up to 99:59, so a 60-minute timebox reads `60:00`) or `h:mm:ss`, with a
/// minus sign when negative.
pub fn clock_text(d: Duration) -> String {
    let secs = d.num_seconds();
    let sign = if secs < 0 { "-" } else { "" };
    let secs = secs.unsigned_abs();
    if secs >= 2 * 86400 {
        // Long past or far ahead (an old meeting file): days and hours say enough.
        format!("{sign}{}d {}h", secs / 86400, secs / 3600 % 24)
    } else if secs >= 6000 {
        format!(
            "{sign}{}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    } else {
        format!("{sign}{}:{:02}", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn meeting() -> Meeting {
        let mut m = Meeting::new("t", at("2024-05-15T17:00:00Z"));
        let mut section = Item::new("Operating changes");
        section.items = vec![Item::new("a"), Item::new("b")];
        section.items[0].minutes = Some(5);
        section.items[1].minutes = Some(10);
        m.agenda = vec![section, Item::new("Welcome")];
        m.agenda[1].minutes = Some(2);
        m
    }

    #[test]
    fn phases_follow_the_clock_and_the_recorded_times() {
        let mut m = meeting();
        assert_eq!(phase(&m, at("2024-05-15T16:29:59Z")), Phase::BeforeStart);
        assert_eq!(phase(&m, at("2024-05-15T16:30:00Z")), Phase::PreMeeting);
        assert_eq!(phase(&m, at("2024-05-15T17:00:00Z")), Phase::Meeting);
        assert_eq!(phase(&m, at("2024-05-15T18:00:00Z")), Phase::Overtime);
        m.actual.start = Some(at("2024-05-15T17:05:00Z"));
        assert_eq!(phase(&m, at("2024-05-15T18:04:59Z")), Phase::Meeting);
        assert_eq!(left(&m, at("2024-05-15T18:04:00Z")), Duration::minutes(1));
        // Overtime lasts as long as the period after the meeting (30 min); an
        // unended meeting past that is an old one, ended when its timebox did.
        assert_eq!(phase(&m, at("2024-05-15T18:34:59Z")), Phase::Overtime);
        assert_eq!(phase(&m, at("2024-05-15T18:35:00Z")), Phase::After);
        assert_eq!(
            elapsed(&m, at("2025-09-17T18:00:00Z")),
            Duration::minutes(60)
        );
        m.actual.end = Some(at("2024-05-15T18:10:00Z"));
        assert_eq!(phase(&m, at("2024-05-15T18:10:00Z")), Phase::After);
        assert_eq!(
            elapsed(&m, at("2024-05-15T19:00:00Z")),
            Duration::minutes(65)
        );
    }

    #[test]
    fn allowances_and_counts_sum_over_the_tree() {
        let mut m = meeting();
        assert_eq!(allowance(&m.agenda[0]), Some(15));
        m.agenda[0].items[0].checked = Some(true);
        assert_eq!(done_count(&m.agenda[0]), (1, 2));
        let now = at("2024-05-15T17:10:00Z");
        let current = Discussion {
            path: vec![0, 1],
            since: at("2024-05-15T17:06:00Z"),
        };
        // b: 10 min allowed, 4 spent → 6 left; Welcome 2 → projected 17:18.
        assert_eq!(
            projected_end(&m, Some(&current), now),
            Some(at("2024-05-15T17:18:00Z"))
        );
        assert_eq!(
            subtree_spent(&m.agenda[0], &mut vec![0], Some(&current), now),
            240
        );
    }

    #[test]
    fn the_end_shown_is_the_timebox_unless_open_allowances_run_past_it() {
        let timebox_end = EndForecast::Timebox(at("2024-05-15T18:00:00Z"));
        // No allowances at all, before the start: the timebox's end, not the start.
        let mut bare = Meeting::new("t", at("2024-05-15T17:00:00Z"));
        bare.agenda = vec![Item::new("Welcome"), Item::new("Other business")];
        assert_eq!(projected_end(&bare, None, at("2024-05-15T16:40:00Z")), None);
        assert_eq!(
            forecast_end(&bare, None, at("2024-05-15T16:40:00Z")),
            timebox_end
        );
        // Allowances that fit in the box (17 min): still the box's end.
        let mut m = meeting();
        assert_eq!(
            forecast_end(&m, None, at("2024-05-15T17:10:00Z")),
            timebox_end
        );
        // Started, everything checked, a minute in: nothing is left to project
        // from; the end is not "now".
        m.actual.start = Some(at("2024-05-15T17:00:00Z"));
        m.agenda[0].checked = Some(true);
        m.agenda[1].checked = Some(true);
        assert!(!has_open_allowance(&m.agenda));
        assert_eq!(
            forecast_end(&m, None, at("2024-05-15T17:01:00Z")),
            timebox_end
        );
        // Open allowances past the box: the projection, 12 minutes over.
        m.agenda[1].checked = None;
        m.agenda[1].minutes = Some(20);
        assert_eq!(
            forecast_end(&m, None, at("2024-05-15T17:52:00Z")),
            EndForecast::Over(at("2024-05-15T18:12:00Z"))
        );
        // Under a minute over is not worth a warning.
        assert_eq!(
            forecast_end(&m, None, at("2024-05-15T17:40:30Z")),
            timebox_end
        );
    }

    #[test]
    fn elapsed_and_left_add_up_to_the_timebox_as_shown() {
        let m = meeting();
        let timebox = Duration::minutes(60);
        for ms in [0, 1, 499, 500, 999, 6_500, 59_999, 1_234_567] {
            let now = at("2024-05-15T17:00:00Z") + Duration::milliseconds(ms);
            let (e, l) = (elapsed(&m, now), left(&m, now));
            assert_eq!(e + l, timebox, "{ms} ms");
            // As the timer writes them: m:ss each.
            let secs = |text: String| {
                let (min, sec) = text.split_once(':').unwrap();
                min.parse::<i64>().unwrap() * 60 + sec.parse::<i64>().unwrap()
            };
            assert_eq!(secs(clock_text(e)) + secs(clock_text(l)), 3600, "{ms} ms");
        }
        let now = at("2024-05-15T17:00:06.5Z");
        assert_eq!(
            (clock_text(elapsed(&m, now)), clock_text(left(&m, now))),
            ("0:06".to_string(), "59:54".to_string())
        );
    }

    #[test]
    fn clock_text_has_hours_only_when_needed() {
        assert_eq!(clock_text(Duration::seconds(754)), "12:34");
        assert_eq!(clock_text(Duration::seconds(-61)), "-1:01");
        assert_eq!(clock_text(Duration::seconds(3600)), "60:00");
        assert_eq!(clock_text(Duration::seconds(7325)), "2:02:05");
        assert_eq!(clock_text(Duration::hours(22215)), "925d 15h");
    }
}
