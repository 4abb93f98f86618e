//! Writing the roster back: people whose attendance changed move between the
//! document's attendee, regrets and absents lists, in the form each list already
//! has (one per bullet, or one comma-separated line), and the chair and secretary
//! lines follow the meeting.

use std::collections::HashMap;

use super::super::lines::line_start;
use super::super::spans::{ListKind, NewListStyle, RosterLayout, RosterList};
use super::Writer;
use crate::liquid::neutralise_liquid;
use crate::model::{Attendance, Meeting};

pub(super) fn handles_text(handles: &[String], sep: &str) -> String {
    handles
        .iter()
        .map(|h| format!("@{h}"))
        .collect::<Vec<_>>()
        .join(sep)
}

pub(super) fn category(att: Attendance) -> Option<ListKind> {
    match att {
        Attendance::Present | Attendance::ArrivedLate { .. } | Attendance::LeftEarly { .. } => {
            Some(ListKind::Present)
        }
        Attendance::Regrets => Some(ListKind::Regrets),
        Attendance::Absent | Attendance::Expected => Some(ListKind::Absent),
    }
}

pub(super) fn annotation(att: Attendance) -> &'static str {
    match att {
        Attendance::ArrivedLate { .. } => " (arrived late)",
        Attendance::LeftEarly { .. } => " (left early)",
        _ => "",
    }
}

pub(super) fn same_kind(list: ListKind, cat: ListKind) -> bool {
    list == cat || (list == ListKind::Partly && cat == ListKind::Present)
}

pub(super) fn list_label(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Present | ListKind::Partly => "Attendees",
        ListKind::Regrets => "Regrets",
        ListKind::Absent => "Absents",
    }
}

impl Writer<'_> {
    /// Chairs, secretaries and the next meeting's lines.
    pub(super) fn people_lines(&mut self, old: &Meeting, new: &Meeting) {
        // Borrowed for as long as the document, not copied (the map holds every
        // entity's span).
        let doc = self.doc;
        let map = &doc.map;
        for (a, b, lv) in [
            (&old.chairs, &new.chairs, &map.chairs),
            (&old.secretary, &new.secretary, &map.secretary),
            (&old.next.chairs, &new.next.chairs, &map.next_chairs),
            (
                &old.next.secretary,
                &new.next.secretary,
                &map.next_secretary,
            ),
        ] {
            if a != b
                && let Some(lv) = lv
            {
                let mut text = handles_text(b, &lv.sep);
                let mut range = lv.value.clone();
                if text.is_empty() {
                    // No names: no trailing space after the label either.
                    let before = &self.src()[..range.start];
                    range.start -= before.len() - before.trim_end_matches([' ', '\t']).len();
                } else if range.is_empty() && !self.src()[..range.start].ends_with(' ') {
                    text.insert(0, ' ');
                }
                self.edit(range, text);
            }
        }
        if old.location != new.location
            && let Some(r) = map.location.clone()
        {
            let text = new.location.clone().unwrap_or_default();
            self.edit(r, neutralise_liquid(&text));
        }
        if old.next.text != new.next.text
            && let Some(r) = map.next_text.clone()
        {
            let text = new.next.text.clone().unwrap_or_default();
            self.edit(r, neutralise_liquid(&text));
        }
    }

    pub(super) fn roster(&mut self, old: &Meeting, new: &Meeting) {
        if old.roster == new.roster {
            return;
        }
        let doc = self.doc;
        let lists = &doc.map.roster;
        let key = |h: &str| h.to_lowercase();
        // Where each person was and how they were written.
        let mut first_list: HashMap<String, usize> = HashMap::new();
        let mut written: HashMap<String, (String, String)> = HashMap::new();
        for (li, l) in lists.iter().enumerate() {
            for m in &l.members {
                first_list.entry(key(&m.handle)).or_insert(li);
                written
                    .entry(key(&m.handle))
                    .or_insert((m.base.clone(), m.token.clone()));
            }
        }
        let has_absent = lists.iter().any(|l| l.kind == ListKind::Absent);
        // Which list each person goes to (None: a list that does not exist yet).
        let mut placed: Vec<(String, Option<usize>, ListKind)> = Vec::new();
        for p in &new.roster {
            let Some(cat) = category(p.attendance) else {
                continue;
            };
            if p.attendance == Attendance::Expected && !has_absent {
                continue;
            }
            let k = key(&p.handle);
            // scribe writes no tables: someone read from one stays there while
            // their attendance is unchanged, and goes to a list when it changes.
            let table = |li: usize| matches!(lists[li].layout, RosterLayout::Table);
            let in_table = first_list.get(&k).is_some_and(|&li| table(li));
            if in_table && old.person(&p.handle).map(|o| o.attendance) == Some(p.attendance) {
                continue;
            }
            let writable = |kind: fn(ListKind, ListKind) -> bool| {
                (0..lists.len()).find(|&i| !table(i) && kind(lists[i].kind, cat))
            };
            let target = match first_list.get(&k) {
                Some(&li) if same_kind(lists[li].kind, cat) && !table(li) => Some(li),
                _ => writable(|a, b| a == b).or_else(|| writable(same_kind)),
            };
            placed.push((k, target, cat));
        }
        let token_for = |handle: &str| -> String {
            let k = key(handle);
            let p = new.person(handle);
            let o = old.person(handle);
            let att = p.map_or(Attendance::Present, |p| p.attendance);
            match written.get(&k) {
                Some((_, token)) if o.map(|o| o.attendance) == Some(att) => token.clone(),
                Some((base, _)) => format!("{base}{}", annotation(att)),
                None => format!(
                    "{}{}",
                    p.map_or_else(|| format!("@{handle}"), |p| p.mention()),
                    annotation(att)
                ),
            }
        };
        for (li, l) in lists.iter().enumerate() {
            match &l.layout {
                RosterLayout::Table => continue,
                RosterLayout::RollCall {
                    boxes,
                    insert_at,
                    prefix,
                } => {
                    self.roll_call(old, new, l, li, &placed, boxes, *insert_at, prefix);
                    continue;
                }
                _ => {}
            }
            let mut tokens: Vec<(String, String)> = Vec::new();
            for m in &l.members {
                let k = key(&m.handle);
                let here = placed.iter().any(|(h, t, _)| *h == k && *t == Some(li));
                // A name written in a second list too stays there while that
                // person's attendance does not change.
                let unchanged_duplicate = first_list.get(&k) != Some(&li)
                    && new.person(&m.handle).map(|p| p.attendance)
                        == old.person(&m.handle).map(|p| p.attendance)
                    && new.person(&m.handle).is_some();
                if unchanged_duplicate {
                    tokens.push((k.clone(), m.token.clone()));
                } else if here && !tokens.iter().any(|(h, _)| *h == k) {
                    tokens.push((k.clone(), token_for(&m.handle)));
                }
            }
            for p in &new.roster {
                let k = key(&p.handle);
                if placed.iter().any(|(h, t, _)| *h == k && *t == Some(li))
                    && !tokens.iter().any(|(h, _)| *h == k)
                {
                    tokens.push((k.clone(), token_for(&p.handle)));
                }
            }
            let orig: Vec<&str> = l.members.iter().map(|m| m.token.as_str()).collect();
            let now: Vec<&str> = tokens.iter().map(|(_, t)| t.as_str()).collect();
            if orig == now {
                continue;
            }
            match &l.layout {
                RosterLayout::Inline { names, sep } => {
                    let mut range = names.clone();
                    let before = &self.src()[line_start(self.src(), names.start)..names.start];
                    // Names after a label (`- Regrets: @a`) are simply left out when
                    // there are none; a line of names alone keeps the group's `…`.
                    let labeled = before.chars().any(char::is_alphabetic);
                    let mut text = if !now.is_empty() {
                        now.join(sep)
                    } else if labeled {
                        range.start -= before.len() - before.trim_end_matches([' ', '\t']).len();
                        String::new()
                    } else {
                        "…".to_string()
                    };
                    if !text.is_empty()
                        && range.is_empty()
                        && !self.src()[..range.start].ends_with([' ', '\t'])
                    {
                        text.insert(0, ' ');
                    }
                    self.edit(range, text);
                }
                RosterLayout::RollCall { .. } | RosterLayout::Table => {}
                RosterLayout::Lines {
                    lines,
                    insert_at,
                    prefix,
                    placeholder,
                    labeled,
                } => {
                    // Members in their lines: kept, rewritten or removed.
                    for (m, line) in l.members.iter().zip(lines) {
                        let k = key(&m.handle);
                        match tokens.iter().find(|(h, _)| *h == k) {
                            Some((_, t)) if *t == m.token => {}
                            Some((_, t)) => {
                                let own_prefix = self.src()[line.clone()]
                                    .trim_end_matches(['\n', '\r'])
                                    .strip_suffix(m.token.as_str())
                                    .map(str::to_string);
                                let text = match own_prefix {
                                    Some(p) => format!("{p}{t}\n"),
                                    None => format!("{prefix}{t}\n"),
                                };
                                self.edit(line.clone(), text);
                            }
                            None if tokens.is_empty() && *labeled && Some(line) == lines.last() => {
                                self.edit(line.clone(), format!("{prefix}…\n"));
                            }
                            None => self.edit(line.clone(), String::new()),
                        }
                    }
                    let incoming: Vec<&(String, String)> = tokens
                        .iter()
                        .filter(|(h, _)| !l.members.iter().any(|m| key(&m.handle) == *h))
                        .collect();
                    if !incoming.is_empty() {
                        let text: String = incoming
                            .iter()
                            .map(|(_, t)| format!("{prefix}{t}\n"))
                            .collect();
                        match placeholder {
                            Some(ph) if tokens.len() == incoming.len() => {
                                self.edit(ph.clone(), text);
                            }
                            _ => {
                                // After the last name line, else where the list starts.
                                let at = lines.last().map_or(*insert_at, |l| l.end);
                                self.edit(at..at, text);
                            }
                        }
                    }
                }
            }
        }
        // People whose list does not exist yet.
        for kind in [ListKind::Present, ListKind::Regrets, ListKind::Absent] {
            let tokens: Vec<String> = placed
                .iter()
                .filter(|(_, t, c)| t.is_none() && *c == kind)
                .filter_map(|(h, _, _)| new.roster.iter().find(|p| key(&p.handle) == *h))
                .map(|p| token_for(&p.handle))
                .collect();
            if tokens.is_empty() {
                continue;
            }
            match self.doc.map.new_list.clone() {
                Some(NewListStyle::Heading {
                    level,
                    insert_at,
                    bullet,
                }) => {
                    let mut text = String::new();
                    if !self.src()[..insert_at].ends_with("\n\n") {
                        text.push('\n');
                    }
                    text.push_str(&format!(
                        "{} {}\n",
                        "#".repeat(level as usize),
                        list_label(kind)
                    ));
                    for t in &tokens {
                        text.push_str(&format!("{bullet}{t}\n"));
                    }
                    text.push('\n');
                    self.edit(insert_at..insert_at, text);
                }
                Some(NewListStyle::Labeled {
                    insert_at,
                    label_prefix,
                    names_prefix,
                    colon,
                    same_line,
                }) => {
                    let label = format!(
                        "{label_prefix}{}{}",
                        list_label(kind),
                        if colon { ":" } else { "" }
                    );
                    let text = if same_line {
                        format!("{label} {}\n", tokens.join(", "))
                    } else {
                        format!("{label}\n{names_prefix}{}\n", tokens.join(", "))
                    };
                    self.edit(insert_at..insert_at, text);
                }
                None => {
                    // The document has no attendance lists at all: they go in their
                    // own section after the Welcome section (or before the first one).
                    let (at, level) = self.roster_fallback();
                    let mut text = String::new();
                    if !self.src()[..at].ends_with("\n\n") && at > 0 {
                        text.push('\n');
                    }
                    text.push_str(&format!("{} {}\n", "#".repeat(level), list_label(kind)));
                    for t in &tokens {
                        text.push_str(&format!("{}{t}\n", self.doc.conv.bullet));
                    }
                    text.push('\n');
                    self.edit(at..at, text);
                }
            }
        }
    }
}

impl Writer<'_> {
    /// A roll call: each member's box ticked when they attended; people placed in
    /// it who have no entry yet get one, ticked.
    #[allow(clippy::too_many_arguments)]
    fn roll_call(
        &mut self,
        old: &Meeting,
        new: &Meeting,
        list: &RosterList,
        li: usize,
        placed: &[(String, Option<usize>, ListKind)],
        boxes: &[std::ops::Range<usize>],
        insert_at: usize,
        prefix: &str,
    ) {
        let attended = |m: &Meeting, h: &str| m.person(h).is_some_and(|p| p.attendance.attended());
        for (m, r) in list.members.iter().zip(boxes) {
            let (was, is) = (attended(old, &m.handle), attended(new, &m.handle));
            if was != is {
                let orig = &self.src()[r.clone()];
                let mark = match (is, orig) {
                    (true, "[X]") => "[X]",
                    (true, _) => "[x]",
                    (false, _) => "[ ]",
                };
                self.edit(r.clone(), mark.to_string());
            }
        }
        let mut text = String::new();
        for p in &new.roster {
            let k = p.handle.to_lowercase();
            let member = list.members.iter().any(|m| m.handle.to_lowercase() == k);
            if !member && placed.iter().any(|(h, t, _)| *h == k && *t == Some(li)) {
                text.push_str(&format!("{prefix}[x] {}\n", p.mention()));
            }
        }
        if !text.is_empty() {
            self.edit(insert_at..insert_at, text);
        }
    }

    /// Where new attendance sections go when the document has none, and their level.
    fn roster_fallback(&self) -> (usize, usize) {
        let spans = &self.doc.map.items;
        let agenda = &self.doc.meeting.agenda;
        let welcome = agenda
            .iter()
            .zip(spans)
            .find(|(i, s)| s.heading.is_some() && i.title.to_lowercase().contains("welcome"));
        if let Some((_, s)) = welcome {
            return (s.whole.end, usize::from(s.heading.unwrap_or(3)));
        }
        match spans.iter().find(|s| s.heading.is_some()) {
            Some(s) => (s.whole.start, usize::from(s.heading.unwrap_or(3))),
            None => (self.src().len(), 3),
        }
    }
}
