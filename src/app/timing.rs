//! The meeting's clock arithmetic: which phase it is in, how long it has run and
//! has left, and when it will end if the open items take their allowances.
//!
//! Everything is a pure function of the meeting, the item being discussed and "now".

use std::collections::HashSet;
use std::ops::Range;

use chrono::{DateTime, Duration, Utc};

use super::sections::PerSection;
use crate::model::{Attendance, Item, ItemPath, Meeting, Person, Shared, Watch};

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
        let sum: u32 = item.items.iter().filter_map(|item| allowance(item)).sum();
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
    open_remaining_with(m, current, now, &mut PlanMemo::default())
}

/// [`open_remaining`], with the sections' parts kept in `memo`.
fn open_remaining_with(
    m: &Meeting,
    current: Option<&Discussion>,
    now: DateTime<Utc>,
    memo: &mut PlanMemo,
) -> Duration {
    let secs = (0..m.agenda.len())
        .map(|i| memo.section(m, i, current, now).remaining)
        .fold(0i64, i64::saturating_add);
    Duration::seconds(secs)
}

/// The seconds of the open allowances of `item` and under it, as
/// [`open_remaining`] counts them; `spent` is at `item`, and is left past
/// everything under it.
fn remaining_of(item: &Item, spent: &mut InOrder<'_>) -> i64 {
    let (subtree, size) = spent.take();
    if is_done(item) {
        spent.pass_over(size);
        return 0;
    }
    if let Some(minutes) = item.minutes {
        spent.pass_over(size);
        return (i64::from(minutes) * 60 - subtree).max(0);
    }
    item.items
        .iter()
        .map(|child| remaining_of(child, spent))
        .fold(0, i64::saturating_add)
}

/// Each entry's seconds spent, on it and under it ([`subtree_spent`]), and
/// how many entries it and those under it are, in agenda order (an entry
/// before those under it): summed in one walk, bottom up, for the walks of
/// the plan that would sum an entry's subtree again at every level above it.
fn spent_in_order(
    items: &[Shared<Item>],
    (path, first): (&mut ItemPath, usize),
    (current, now): (Option<&Discussion>, DateTime<Utc>),
    out: &mut Vec<(i64, usize)>,
) -> i64 {
    let mut total = 0i64;
    for (i, item) in items.iter().enumerate() {
        path.push(first + i);
        let at = out.len();
        out.push((0, 1));
        let under = spent_in_order(&item.items, (path, 0), (current, now), out);
        let spent = item_spent(item, path, current, now).saturating_add(under);
        out[at] = (spent, out.len() - at);
        total = total.saturating_add(spent);
        path.pop();
    }
    total
}

/// A walk through [`spent_in_order`]'s list, entry by entry in agenda order.
struct InOrder<'a> {
    spent: &'a [(i64, usize)],
    at: usize,
}

impl InOrder<'_> {
    /// The next entry's seconds spent (on it and under it) and how many
    /// entries it and those under it are; the walk goes on to the first of those.
    fn take(&mut self) -> (i64, usize) {
        let taken = self.spent.get(self.at).copied().unwrap_or((0, 1));
        self.at += 1;
        taken
    }

    /// Passes over the entries under the one just taken, `size` of them with it.
    fn pass_over(&mut self, size: usize) {
        self.at += size.saturating_sub(1);
    }
}

/// What the plan keeps of a long agenda from one working-out to the next: each
/// section's part (its open allowances and the entries that would give time
/// back), while the section is the same (see [`PerSection`]); the part of a
/// section with an item under discussion, while the discussion and the
/// clock's time are too. Checking an item works out its section again, not the
/// agenda.
#[derive(Debug, Default)]
pub struct PlanMemo {
    sections: PerSection<SectionPlan, Option<(Discussion, DateTime<Utc>)>>,
    /// The handles of those marked away (see [`away_handles`]), while the
    /// roster is the one they were found in: a check does not go through it.
    away: Option<(Watch<Vec<Person>>, HashSet<String>)>,
}

/// One section's part of the plan.
#[derive(Debug)]
struct SectionPlan {
    /// Some open item in it has an allowance.
    open_allowance: bool,
    /// Seconds of its open allowances (see [`open_remaining`]).
    remaining: i64,
    /// The paths of its open entries that would give time back, from the
    /// agenda's top (the section's index first), one after the other.
    paths: Vec<usize>,
    /// Those entries, in agenda order.
    entries: Vec<Entry>,
    /// Which of them are only for information (see [`only_information`]), in
    /// agenda order: the re-plan goes through these for information items,
    /// and an agenda of a thousand entries with none such is not gone through.
    information: Vec<usize>,
    /// Which of them have owners, in agenda order: those the re-plan goes
    /// through when someone is away.
    owned: Vec<usize>,
}

/// An open entry that would give time back, as the re-plan looks at it.
#[derive(Debug)]
struct Entry {
    /// Where its path is in its section's `paths`.
    at: Range<usize>,
    /// How much time (see [`deferrable`]).
    left: Duration,
}

impl PlanMemo {
    /// The part of the section at `i` of the agenda, worked out again unless
    /// the memo has it.
    fn section(
        &mut self,
        m: &Meeting,
        i: usize,
        current: Option<&Discussion>,
        now: DateTime<Utc>,
    ) -> &SectionPlan {
        self.sections
            .get(&m.agenda, i, running_in(i, current, now), |section| {
                SectionPlan::of(section, i, current, now)
            })
    }

    /// Every section's part, in agenda order.
    fn all(
        &mut self,
        m: &Meeting,
        current: Option<&Discussion>,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = &SectionPlan> + Clone {
        self.sections.update(
            &m.agenda,
            |i| running_in(i, current, now),
            |i, section| SectionPlan::of(section, i, current, now),
        );
        self.sections.values()
    }
}

/// What a section's part of the plan depends on besides the section: when an
/// item in the section at `i` is being discussed, its time runs, and the part
/// is worked out for that discussion at `now`.
fn running_in(
    i: usize,
    current: Option<&Discussion>,
    now: DateTime<Utc>,
) -> Option<(Discussion, DateTime<Utc>)> {
    current
        .filter(|d| d.path.first() == Some(&i))
        .map(|d| (d.clone(), now))
}

impl SectionPlan {
    /// Its entries (their indices) that may be deferred for `reason`.
    fn deferrable_for(&self, reason: DeferReason) -> &[usize] {
        match reason {
            DeferReason::Information => &self.information,
            DeferReason::OwnerAbsent => &self.owned,
        }
    }

    /// The part of `section`, at `i` of the agenda.
    fn of(
        section: &Shared<Item>,
        i: usize,
        current: Option<&Discussion>,
        now: DateTime<Utc>,
    ) -> SectionPlan {
        let (mut paths, mut open) = (Vec::new(), Vec::new());
        let mut spent = Vec::new();
        let section = std::slice::from_ref(section);
        spent_in_order(section, (&mut Vec::new(), i), (current, now), &mut spent);
        deferrable(
            section,
            (&mut Vec::new(), i),
            None,
            &mut InOrder {
                spent: &spent,
                at: 0,
            },
            (&mut paths, &mut open),
        );
        let (mut information, mut owned) = (Vec::new(), Vec::new());
        let entries = (open.into_iter().enumerate())
            .map(|(i, (at, item, left))| {
                if only_information(item, at.len()) {
                    information.push(i);
                }
                // An owned entry's owners are looked up only when some are away.
                if !item.owners.is_empty() {
                    owned.push(i);
                }
                Entry { at, left }
            })
            .collect();
        SectionPlan {
            open_allowance: has_open_allowance(section),
            remaining: remaining_of(
                &section[0],
                &mut InOrder {
                    spent: &spent,
                    at: 0,
                },
            ),
            paths,
            entries,
            information,
            owned,
        }
    }
}

/// True when some open item has an allowance (the only thing an end can be
/// projected from).
pub fn has_open_allowance(items: &[Shared<Item>]) -> bool {
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
    projected_end_with(m, current, now, &mut PlanMemo::default())
}

/// [`projected_end`], with the sections' parts kept in `memo`.
fn projected_end_with(
    m: &Meeting,
    current: Option<&Discussion>,
    now: DateTime<Utc>,
    memo: &mut PlanMemo,
) -> Option<DateTime<Utc>> {
    let open = (0..m.agenda.len()).any(|i| memo.section(m, i, current, now).open_allowance);
    open.then(|| now.max(start(m)) + open_remaining_with(m, current, now, memo))
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
    forecast_end_with(m, current, now, &mut PlanMemo::default())
}

/// [`forecast_end`], with the sections' parts kept in `memo` (see [`PlanMemo`]).
pub fn forecast_end_with(
    m: &Meeting,
    current: Option<&Discussion>,
    now: DateTime<Utc>,
    memo: &mut PlanMemo,
) -> EndForecast {
    let planned = timebox_end(m);
    match projected_end_with(m, current, now, memo) {
        Some(end) if (end - planned).num_minutes() > 0 => EndForecast::Over(end),
        _ => EndForecast::Timebox(planned),
    }
}

/// Why an item is proposed for deferral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeferReason {
    /// Only for information: no checkbox and no owner (the group's convention).
    Information,
    /// Its owners are all absent.
    OwnerAbsent,
}

/// An open item whose remaining allowance would bring the meeting back
/// towards its hard stop if it went to the next meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deferrable {
    pub path: ItemPath,
    pub title: String,
    /// What is left of its allowance.
    pub left: Duration,
    pub reason: DeferReason,
}

/// The re-plan when the projected end is past the hard stop: by how much, and
/// what to defer — items only for information first, then items whose owners
/// are all absent — until the slip is covered (or the candidates run out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replan {
    pub over: Duration,
    pub defer: Vec<Deferrable>,
}

/// True for someone marked as not taking part: regrets, absent, left early.
fn is_away(attendance: &Attendance) -> bool {
    matches!(
        attendance,
        Attendance::Regrets | Attendance::Absent | Attendance::LeftEarly { .. }
    )
}

/// The re-plan at `now`, when the open items' allowances run past the timebox.
/// The item being discussed is never proposed.
pub fn replan(m: &Meeting, current: Option<&Discussion>, now: DateTime<Utc>) -> Option<Replan> {
    replan_from(m, current, now, forecast_end(m, current, now))
}

/// [`replan`], the forecast at `now` already worked out (it walks the agenda).
pub fn replan_from(
    m: &Meeting,
    current: Option<&Discussion>,
    now: DateTime<Utc>,
    forecast: EndForecast,
) -> Option<Replan> {
    replan_with(m, current, now, forecast, &mut PlanMemo::default())
}

/// [`replan_from`], with the sections' parts kept in `memo` (see [`PlanMemo`]).
pub fn replan_with(
    m: &Meeting,
    current: Option<&Discussion>,
    now: DateTime<Utc>,
    forecast: EndForecast,
    memo: &mut PlanMemo,
) -> Option<Replan> {
    let EndForecast::Over(end) = forecast else {
        return None;
    };
    let over = end - timebox_end(m);
    let away = match memo.away.take() {
        Some((roster, away)) if roster.sees(&m.roster) => away,
        _ => away_handles(&m.roster),
    };
    // A handle is copied to be looked up only when it has capitals.
    let is_away_handle = |h: &str| {
        if h.bytes().any(|b| b.is_ascii_uppercase()) {
            away.contains(&h.to_ascii_lowercase())
        } else {
            away.contains(h)
        }
    };
    let absent = |owners: &[String]| {
        !owners.is_empty() && !away.is_empty() && owners.iter().all(|h| is_away_handle(h))
    };
    let candidates = {
        // Each section's entries, worked out again where the memo has none (and
        // none kept for sections the agenda no longer has); those that may be
        // deferred for `reason`.
        let parts = memo.all(m, current, now);
        let all = |reason: DeferReason| {
            parts.clone().flat_map(move |part| {
                part.deferrable_for(reason).iter().map(|&i| {
                    let entry = &part.entries[i];
                    (&part.paths[entry.at.clone()], entry)
                })
            })
        };
        let mut candidates: Vec<Deferrable> = Vec::new();
        // The candidates' paths, and every path above one of them: an item is
        // covered when it or an item above it is a candidate, or one under it is.
        // Looked up, not searched, so a long agenda costs no more than its length.
        let mut chosen: HashSet<&[usize]> = HashSet::new();
        let mut above: HashSet<&[usize]> = HashSet::new();
        let mut offered = Duration::zero();
        'reasons: for reason in [DeferReason::Information, DeferReason::OwnerAbsent] {
            // With nobody away, no owner is.
            if reason == DeferReason::OwnerAbsent && away.is_empty() {
                break;
            }
            for (path, entry) in all(reason) {
                if current.is_some_and(|d| d.path.starts_with(path) || path.starts_with(&d.path)) {
                    continue;
                }
                let fits = match reason {
                    DeferReason::Information => true,
                    DeferReason::OwnerAbsent => m.item(path).is_some_and(|i| absent(&i.owners)),
                };
                // Deferring an item defers what is under it: no double count.
                let covered = || {
                    above.contains(path) || (1..=path.len()).any(|n| chosen.contains(&path[..n]))
                };
                if fits && !covered() {
                    chosen.insert(path);
                    above.extend((0..path.len()).map(|n| &path[..n]));
                    candidates.push(Deferrable {
                        path: path.to_vec(),
                        title: m.item(path).map(|i| i.title.clone()).unwrap_or_default(),
                        left: entry.left,
                        reason,
                    });
                    // The candidates offered so far cover the slip: those after
                    // them would not be proposed.
                    offered += entry.left;
                    if offered >= over {
                        break 'reasons;
                    }
                }
            }
        }
        candidates
    };
    memo.away = Some((m.roster.watch(), away));
    let mut freed = Duration::zero();
    let defer = candidates
        .into_iter()
        .take_while(|c| {
            let needed = freed < over;
            freed += c.left;
            needed
        })
        .collect();
    Some(Replan { over, defer })
}

/// The handles, in lower case, of those marked absent: regrets, absent, left
/// early. A person not marked yet may still come, and a handle off the roster
/// says nothing. Looked up once each, not the roster walked for every item.
fn away_handles(roster: &[Person]) -> HashSet<String> {
    roster
        .iter()
        .filter(|p| is_away(&p.attendance))
        .map(|p| p.handle.to_ascii_lowercase())
        .collect()
}

/// Only for information, by the group's convention: no checkbox and no owner,
/// and nothing under it that has one. A section without entries (Welcome, the
/// next meeting's date) is the meeting's procedure, not information to defer.
fn only_information(item: &Item, depth: usize) -> bool {
    item.checked.is_none()
        && item.owners.is_empty()
        && (depth > 1 || !item.items.is_empty())
        && item.items.iter().all(|i| only_information(i, depth + 1))
}

/// The open entries that would give time back (see [`deferrable`]), in agenda
/// order, and their paths one after the other, from one walk of the whole
/// agenda (the tests' reference for what [`PlanMemo`] keeps).
#[cfg(test)]
fn open_entries<'a>(
    m: &'a Meeting,
    current: Option<&Discussion>,
    now: DateTime<Utc>,
) -> (Vec<usize>, Vec<Open<'a>>) {
    let (mut paths, mut all) = (Vec::new(), Vec::new());
    let mut spent = Vec::new();
    spent_in_order(&m.agenda, (&mut Vec::new(), 0), (current, now), &mut spent);
    deferrable(
        &m.agenda,
        (&mut Vec::new(), 0),
        None,
        &mut InOrder {
            spent: &spent,
            at: 0,
        },
        (&mut paths, &mut all),
    );
    (paths, all)
}

/// An open entry that would give time back: where its path is in the list of
/// all paths, the entry, and how much time.
type Open<'a> = (Range<usize>, &'a Item, Duration);

/// Every open item that would give time back if deferred, with how much: what
/// is left of its own allowance, or else its share of the allowance it is
/// counted in (split evenly between the open entries under it). Each is
/// written to `out` as where its path is in `paths`, the item, and that time.
/// `items` are at `path` from index `first` on, and `spent` at the first of them.
fn deferrable<'a>(
    items: &'a [Shared<Item>],
    (path, first): (&mut ItemPath, usize),
    share: Option<Duration>,
    spent: &mut InOrder<'_>,
    (paths, out): (&mut Vec<usize>, &mut Vec<Open<'a>>),
) {
    let open = items.iter().filter(|i| !is_done(i)).count().max(1);
    let share = share.map(|s| s / i32::try_from(open).unwrap_or(i32::MAX));
    for (i, item) in items.iter().enumerate() {
        let (subtree, size) = spent.take();
        if is_done(item) {
            spent.pass_over(size);
            continue;
        }
        path.push(first + i);
        let left = match item.minutes {
            Some(minutes) => Some(Duration::seconds(
                (i64::from(minutes) * 60 - subtree).max(0),
            )),
            None => share,
        };
        if let Some(left) = left.filter(|l| *l > Duration::zero()) {
            // Borrowed, not copied: an entry's copy would copy all under it.
            let start = paths.len();
            paths.extend_from_slice(path);
            out.push((start..paths.len(), item, left));
        }
        deferrable(&item.items, (path, 0), left, spent, (paths, out));
        path.pop();
    }
}

/// The checkbox items never discussed: open, and no time spent on them or under
/// them. Only asked when the item timer was used at all in the meeting (else
/// every item would look undiscussed).
pub fn never_discussed(m: &Meeting) -> Vec<ItemPath> {
    fn used(items: &[Shared<Item>]) -> bool {
        items.iter().any(|i| i.spent_seconds > 0 || used(&i.items))
    }
    if !used(&m.agenda) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (s, section) in m.agenda.iter().enumerate() {
        for (i, item) in section.items.iter().enumerate() {
            let path = vec![s, i];
            if item.checked == Some(false) && !used(std::slice::from_ref(item)) {
                out.push(path);
            }
        }
    }
    out
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
    use crate::app::tests::every_path;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn meeting() -> Meeting {
        let mut m = Meeting::new("t", at("2024-05-15T17:00:00Z"));
        let mut section = Item::new("Operating changes");
        section.items = vec![Item::new("a"), Item::new("b")].into();
        section.items[0].minutes = Some(5);
        section.items[1].minutes = Some(10);
        m.agenda = vec![section, Item::new("Welcome")].into();
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
        bare.agenda = vec![Item::new("Welcome"), Item::new("Other business")].into();
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

    /// A meeting 20 minutes from its stop with 35 minutes of open allowances:
    /// an information item (5′), an item of an absent owner (10′), one of a
    /// present owner (10′), one being discussed (10′).
    fn running_late() -> (Meeting, Discussion, DateTime<Utc>) {
        use crate::model::{Attendance, Person};
        let mut m = Meeting::new("t", at("2024-05-15T17:00:00Z"));
        let mut section = Item::new("Work");
        let mut info = Item::new("News");
        info.minutes = Some(5);
        let mut absent = Item::new("CNA");
        absent.owners = vec!["tux".into()];
        absent.checked = Some(false);
        absent.minutes = Some(10);
        let mut present = Item::new("Funding");
        present.owners = vec!["sjn".into()];
        present.checked = Some(false);
        present.minutes = Some(10);
        let mut now_item = Item::new("SBOM");
        now_item.checked = Some(false);
        now_item.minutes = Some(10);
        section.items = vec![now_item, absent, info, present].into();
        m.agenda = vec![section].into();
        m.roster = vec![
            Person {
                handle: "sjn".into(),
                name: None,
                attendance: Attendance::Present,
            },
            Person {
                handle: "tux".into(),
                name: None,
                attendance: Attendance::Regrets,
            },
        ]
        .into();
        m.actual.start = Some(at("2024-05-15T17:00:00Z"));
        let current = Discussion {
            path: vec![0, 0],
            since: at("2024-05-15T17:40:00Z"),
        };
        (m, current, at("2024-05-15T17:40:00Z"))
    }

    #[test]
    fn a_slip_proposes_information_items_first_then_absent_owners() {
        let (m, current, now) = running_late();
        // 40 min in, 35 min of allowances open: ends 18:15, 15 min over.
        let plan = replan(&m, Some(&current), now).unwrap();
        assert_eq!(plan.over, Duration::minutes(15));
        let proposed: Vec<(&str, DeferReason)> = plan
            .defer
            .iter()
            .map(|d| (d.title.as_str(), d.reason))
            .collect();
        // 5′ + 10′ cover the 15′; the present owner's item and the item under
        // discussion are not proposed.
        assert_eq!(
            proposed,
            [
                ("News", DeferReason::Information),
                ("CNA", DeferReason::OwnerAbsent)
            ]
        );
        // A smaller slip takes fewer: 5 minutes over → the information item only.
        let plan = replan(&m, Some(&current), at("2024-05-15T17:30:00Z")).unwrap();
        assert_eq!(plan.over, Duration::minutes(5));
        assert_eq!(plan.defer.len(), 1);
        // Within the box: no re-plan.
        assert_eq!(replan(&m, Some(&current), at("2024-05-15T17:20:00Z")), None);
        // A handle is the same person in any case.
        let mut shouting = m.clone();
        for person in &mut shouting.roster {
            person.handle = person.handle.to_uppercase();
        }
        let plan = replan(&shouting, Some(&current), now).unwrap();
        assert_eq!(plan.defer[1].reason, DeferReason::OwnerAbsent);
    }

    /// The re-plan as first written: every candidate searched for each item,
    /// all of them collected before the slip is counted.
    fn replan_by_search(
        m: &Meeting,
        current: Option<&Discussion>,
        now: DateTime<Utc>,
    ) -> Vec<Deferrable> {
        let Some(plan) = replan(m, current, now) else {
            return Vec::new();
        };
        let away: Vec<String> = m
            .roster
            .iter()
            .filter(|p| is_away(&p.attendance))
            .map(|p| p.handle.to_ascii_lowercase())
            .collect();
        let absent = |owners: &[String]| {
            !owners.is_empty()
                && owners
                    .iter()
                    .all(|h| away.contains(&h.to_ascii_lowercase()))
        };
        let (paths, all) = open_entries(m, current, now);
        let mut candidates: Vec<Deferrable> = Vec::new();
        for reason in [DeferReason::Information, DeferReason::OwnerAbsent] {
            for (at, item, left) in &all {
                let path = &paths[at.clone()];
                if current.is_some_and(|d| d.path.starts_with(path) || path.starts_with(&d.path)) {
                    continue;
                }
                let fits = match reason {
                    DeferReason::Information => only_information(item, path.len()),
                    DeferReason::OwnerAbsent => absent(&item.owners),
                };
                let covered = candidates
                    .iter()
                    .any(|c| path.starts_with(&c.path) || c.path.starts_with(path));
                if fits && !covered {
                    candidates.push(Deferrable {
                        path: path.to_vec(),
                        title: item.title.clone(),
                        left: *left,
                        reason,
                    });
                }
            }
        }
        let mut freed = Duration::zero();
        candidates
            .into_iter()
            .take_while(|c| {
                let needed = freed < plan.over;
                freed += c.left;
                needed
            })
            .collect()
    }

    #[test]
    fn the_replan_of_a_long_agenda_is_the_replan_found_by_search() {
        let mut m = crate::workload::meeting(10);
        // Some owners away, so that both reasons have candidates.
        for (i, person) in m.roster.iter_mut().enumerate() {
            if i % 3 == 0 {
                person.attendance = Attendance::Regrets;
            }
        }
        let start = m.meeting_time;
        let mut proposed = 0;
        for (minutes, discussed) in [(0, 0), (20, 1), (45, 2), (70, 3), (120, 4), (300, 1)] {
            let current = Discussion {
                path: vec![discussed, 0],
                since: start,
            };
            let now = start + Duration::minutes(minutes);
            for current in [None, Some(&current)] {
                let fast = replan(&m, current, now)
                    .map(|p| p.defer)
                    .unwrap_or_default();
                assert_eq!(fast, replan_by_search(&m, current, now), "{minutes} min");
                proposed += fast.len();
            }
        }
        assert!(proposed > 0, "the meetings asked for no re-plan");
    }

    #[test]
    fn an_item_without_allowance_offers_its_share_and_procedure_is_kept() {
        let (mut m, current, now) = running_late();
        let mut welcome = Item::new("Welcome");
        welcome.minutes = Some(5);
        let mut summary = Item::new("Quick summary");
        summary.minutes = Some(15);
        for owner in ["sjn", "tux", "sjn"] {
            let mut item = Item::new(format!("work of {owner}"));
            item.owners = vec![owner.to_string()];
            item.checked = Some(false);
            summary.items.push(item.into());
        }
        m.agenda.insert(0, welcome.into());
        m.agenda.push(summary.into());
        let current = Discussion {
            path: vec![1, 0],
            ..current
        };
        // 40 min in, 55 min open: 35 over. Welcome (procedure) is never offered;
        // @tux's summary entry offers its third of the 15 minutes.
        let plan = replan(&m, Some(&current), now).unwrap();
        assert_eq!(plan.over, Duration::minutes(35));
        let proposed: Vec<(&str, i64)> = plan
            .defer
            .iter()
            .map(|d| (d.title.as_str(), d.left.num_minutes()))
            .collect();
        assert_eq!(proposed, [("News", 5), ("CNA", 10), ("work of tux", 5)]);
    }

    #[test]
    fn never_discussed_are_open_checkbox_items_without_time() {
        let (mut m, _, _) = running_late();
        // Nobody used the item timer: nothing to ask.
        assert_eq!(never_discussed(&m), Vec::<ItemPath>::new());
        m.agenda[0].items[0].spent_seconds = 300;
        m.agenda[0].items[3].checked = Some(true);
        // CNA (open, no time); News has no checkbox; Funding is checked.
        assert_eq!(never_discussed(&m), vec![vec![0, 1]]);
    }

    /// The plan worked out with the sections' parts kept from the plans before
    /// is the plan worked out afresh, whatever changed in between: items
    /// checked, allowances and time changed, the discussion moved or the clock
    /// on, sections added, taken away or moved, an earlier copy of the
    /// meeting back (as undo makes it).
    #[test]
    fn a_plan_kept_from_the_last_is_the_plan_worked_out_afresh() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let step = (0..8u8, any::<prop::sample::Index>(), 0..900i64);
        TestRunner::new(Config::with_cases(200))
            .run(&prop::collection::vec(step, 1..40), |steps| {
                let mut m = crate::workload::meeting(1);
                m.actual.start = Some(m.meeting_time);
                let mut now = m.meeting_time + Duration::minutes(30);
                let mut current: Option<Discussion> = None;
                let mut memo = PlanMemo::default();
                let mut earlier = m.clone();
                for (kind, at, n) in steps {
                    let all = every_path(&m.agenda);
                    let path = at.get(&all).clone();
                    match kind {
                        0 => {
                            if let Some(item) = m.item_mut(&path) {
                                item.checked = item.checked.map(|c| !c);
                            }
                        }
                        1 => {
                            if let Some(item) = m.item_mut(&path) {
                                item.minutes = (n % 3 > 0).then_some((n % 20) as u32);
                            }
                        }
                        2 => {
                            if let Some(item) = m.item_mut(&path) {
                                item.spent_seconds += n as u64;
                            }
                        }
                        3 => {
                            current = (n % 4 > 0).then(|| Discussion {
                                path: path.clone(),
                                since: now - Duration::seconds(n),
                            });
                        }
                        4 => now += Duration::seconds(n),
                        5 => {
                            let i = path[0];
                            match n % 3 {
                                0 if m.agenda.len() > 1 => {
                                    m.agenda.remove(i);
                                }
                                1 => {
                                    let copy = m.agenda[i].clone();
                                    m.agenda.insert(i, copy);
                                }
                                _ => {
                                    let last = m.agenda.len() - 1;
                                    m.agenda.swap(i, last);
                                }
                            }
                            current = None;
                        }
                        6 => earlier = m.clone(),
                        _ => {
                            m = earlier.clone();
                            current = None;
                        }
                    }
                    let current = current.as_ref().filter(|d| m.item(&d.path).is_some());
                    let kept = forecast_end_with(&m, current, now, &mut memo);
                    let fresh = forecast_end(&m, current, now);
                    prop_assert_eq!(kept, fresh);
                    prop_assert_eq!(
                        replan_with(&m, current, now, kept, &mut memo),
                        replan_from(&m, current, now, fresh)
                    );
                }
                Ok(())
            })
            .expect("the same plan");
    }

    /// A section's part of the plan, summed in one walk ([`spent_in_order`]),
    /// is what the definitions give, each entry's subtree summed where it is
    /// looked at: its open allowances left, and its entries that would give
    /// time back, for agendas of checked and open entries with and without
    /// allowances, nested, some under discussion.
    #[test]
    fn a_sections_part_of_the_plan_is_what_the_definitions_give() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        fn remaining(
            item: &Item,
            path: &mut ItemPath,
            current: Option<&Discussion>,
            now: DateTime<Utc>,
        ) -> i64 {
            if is_done(item) {
                return 0;
            }
            if let Some(minutes) = item.minutes {
                return (i64::from(minutes) * 60 - subtree_spent(item, path, current, now)).max(0);
            }
            let mut secs = 0;
            for (i, child) in item.items.iter().enumerate() {
                path.push(i);
                secs += remaining(child, path, current, now);
                path.pop();
            }
            secs
        }
        type Entries = Vec<(ItemPath, i64)>;
        fn entries(
            items: &[Shared<Item>],
            (path, first): (&mut ItemPath, usize),
            share: Option<Duration>,
            (current, now): (Option<&Discussion>, DateTime<Utc>),
            out: &mut Entries,
        ) {
            let open = items.iter().filter(|i| !is_done(i)).count().max(1);
            let share = share.map(|s| s / i32::try_from(open).unwrap());
            for (i, item) in items.iter().enumerate() {
                if is_done(item) {
                    continue;
                }
                path.push(first + i);
                let left = match item.minutes {
                    Some(m) => Some(Duration::seconds(
                        (i64::from(m) * 60 - subtree_spent(item, path, current, now)).max(0),
                    )),
                    None => share,
                };
                if let Some(left) = left.filter(|l| *l > Duration::zero()) {
                    out.push((path.clone(), left.num_seconds()));
                }
                entries(&item.items, (path, 0), left, (current, now), out);
                path.pop();
            }
        }
        let leaf = (0..3u8, 0..25u32, 0..1500u64).prop_map(|(check, minutes, spent)| {
            let mut item = Item::new("entry");
            item.checked = [None, Some(false), Some(true)][usize::from(check)];
            item.minutes = (minutes < 20).then_some(minutes % 10);
            item.spent_seconds = spent;
            item
        });
        let tree = leaf.prop_recursive(4, 40, 5, |inner| {
            (inner.clone(), prop::collection::vec(inner, 0..5)).prop_map(|(mut item, items)| {
                item.items = items.into();
                item
            })
        });
        let agenda = prop::collection::vec(tree, 1..5);
        TestRunner::new(Config::with_cases(500))
            .run(
                &(agenda, any::<prop::sample::Index>(), 0..4u8, 0..900i64),
                |(agenda, at, running, since)| {
                    let mut m = crate::workload::meeting(1);
                    m.agenda = agenda.into();
                    let all = every_path(&m.agenda);
                    let now = Utc::now();
                    let current = (running > 0).then(|| Discussion {
                        path: at.get(&all).clone(),
                        since: now - Duration::seconds(since),
                    });
                    for (i, section) in m.agenda.iter().enumerate() {
                        let part = SectionPlan::of(section, i, current.as_ref(), now);
                        let meant = remaining(section, &mut vec![i], current.as_ref(), now);
                        prop_assert_eq!(part.remaining, meant);
                        let mut meant = Entries::new();
                        entries(
                            std::slice::from_ref(section),
                            (&mut Vec::new(), i),
                            None,
                            (current.as_ref(), now),
                            &mut meant,
                        );
                        let got: Entries = part
                            .entries
                            .iter()
                            .map(|e| (part.paths[e.at.clone()].to_vec(), e.left.num_seconds()))
                            .collect();
                        prop_assert_eq!(got, meant);
                    }
                    Ok(())
                },
            )
            .expect("the definitions");
    }

    /// A memo of a longer agenda proposes nothing of sections the agenda no
    /// longer has, whatever forecast it is given.
    #[test]
    fn a_plan_kept_proposes_nothing_of_sections_gone() {
        let (mut m, _, now) = running_late();
        let mut memo = PlanMemo::default();
        let over = EndForecast::Over(now + Duration::hours(2));
        let proposed = replan_with(&m, None, now, over, &mut memo).expect("a re-plan");
        assert!(!proposed.defer.is_empty());
        m.agenda = Vec::<Item>::new().into();
        assert_eq!(
            replan_with(&m, None, now, over, &mut memo),
            replan_from(&m, None, now, over)
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
