//! Reading the roster's lists in each form a group writes them: a section of
//! names, a label entry with its names (on its line, nested below it, or a lone
//! placeholder marker), a labelled paragraph line (`Present: Ann, Bert`), a roll
//! call with boxes, and a table with a name column. An entry that is no name
//! (`Host: Ann`, `[Please add yourself]`) is left alone and does not stop the
//! list from being read.

use std::ops::Range;

use super::super::lines::{byte_in_source, line_end, line_start, owners_end, whole_lines};
use super::super::spans::{ListKind, NewListStyle, RosterLayout, RosterList};
use super::super::tree::{Kind, Node};
use super::roster::{
    dangling_marker, handles, is_placeholder, name_tokens, names_only, person_token, plain_name,
    roster_kind, roster_label,
};
use super::{EntryParts, Reader, Section, heading_text};
use crate::model::Attendance;

/// What an entry of an attendance list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Placeholder,
    Label,
    Other,
}

fn entries_of(node: &Node) -> impl Iterator<Item = &Node> {
    node.children
        .iter()
        .filter(|n| matches!(n.kind, Kind::List { .. }))
        .flat_map(|n| n.children.iter())
}

/// Whether a text is one person's name with what follows it (`Ann Lee, Org`,
/// `Ann Lee - Org`, `[Ann Lee](https://github.com/annlee)`): at most four words
/// before it, no colon, no bracketed placeholder.
fn one_name(text: &str) -> bool {
    if text.contains('\n') {
        return false;
    }
    // `DJC: Daniel J. Ching (@carterbox), NVIDIA`: one handle names the person.
    let before_comma = text.split(", ").next().unwrap_or(text);
    if handles(text).len() == 1 && before_comma.split_whitespace().count() <= 6 {
        return true;
    }
    let name = plain_name(text);
    !name.is_empty()
        && name.split_whitespace().count() <= 4
        && !name.contains([':', '[', ']'])
        && name.chars().any(char::is_alphabetic)
}

impl Reader<'_> {
    fn role(&self, e: &Node) -> Role {
        let parts = self.entry(e);
        if roster_label(&parts.text).is_some() {
            return Role::Label;
        }
        if is_placeholder(&parts.text) {
            return Role::Placeholder;
        }
        let nested = e
            .children
            .iter()
            .any(|c| matches!(c.kind, Kind::List { .. }));
        let owner_form = owners_end(&parts.text).is_some_and(|t| t < parts.text.len());
        if nested || owner_form {
            return Role::Other;
        }
        if names_only(&parts.text) || one_name(&parts.text) {
            Role::Name
        } else {
            Role::Other
        }
    }

    /// Whether a section titled like an attendance list holds names: at least as
    /// many names, labels and placeholders as other entries (some minutes put
    /// agenda items under a misplaced "Attending" heading; some put `Host: Ann`
    /// among the names).
    pub(super) fn looks_like_roster(&self, s: &Section) -> bool {
        let (mut ok, mut other) = (0, 0);
        for list in s
            .body
            .iter()
            .filter(|n| matches!(n.kind, Kind::List { .. }))
        {
            for e in &list.children {
                match self.role(e) {
                    Role::Other => other += 1,
                    _ => ok += 1,
                }
            }
        }
        ok >= other && s.subs.iter().all(|sub| self.looks_like_roster(sub))
    }

    pub(super) fn roster_section(&mut self, s: &Section, kind: Option<ListKind>) {
        let heading_line = whole_lines(self.src, &s.heading.range);
        let mut plain: Vec<&Node> = Vec::new();
        let mut labels = false;
        for (i, block) in s.body.iter().enumerate() {
            match block.kind {
                Kind::List { .. } => {
                    for e in &block.children {
                        match self.role(e) {
                            Role::Label => {
                                labels |= self.roster_entry(e, false);
                            }
                            Role::Name | Role::Placeholder => plain.push(e),
                            Role::Other => {}
                        }
                    }
                }
                Kind::Paragraph => {
                    let next = s.body.get(i + 1).copied();
                    if !self.roster_paragraph(block, next)
                        && let Some(kind) = kind
                        && let Some(r) = block.inline.clone()
                        && names_only(&self.src[r.clone()])
                    {
                        // Names alone under the heading: `Ann, Bert, Chen`.
                        let list = self.inline_list(kind, r);
                        self.map.roster.push(list);
                    }
                }
                Kind::Other => {
                    if let Some(list) = self.roster_table(kind.unwrap_or(ListKind::Present), block)
                    {
                        self.map.roster.push(list);
                    }
                }
                _ => {}
            }
        }
        if let Some(kind) = kind
            && (!plain.is_empty() || !labels)
        {
            let bullet = self.stats.conventions(false).bullet;
            let boxed = plain.iter().any(|e| self.entry(e).span.checkbox_len > 0);
            let list = if boxed {
                self.roll_call(kind, &plain, heading_line.end, bullet.clone())
            } else {
                self.entries_list(kind, &plain, heading_line.end, bullet.clone(), false)
            };
            self.map.roster.push(list);
            if s.subs.is_empty() {
                self.map.new_list = Some(NewListStyle::Heading {
                    level: s.level,
                    insert_at: s.end,
                    bullet,
                });
            }
        }
        for sub in &s.subs {
            let text = heading_text(self.src, sub.heading);
            let kind = roster_kind(&text).flatten().unwrap_or(ListKind::Present);
            self.roster_section(sub, Some(kind));
        }
    }

    /// A label entry (`-   Attendees` with names nested below, `- Regrets: @a`,
    /// `- **Attendees:**`, `-   Attendees` over a lone `    * `) read as a list.
    /// Outside attendance sections (`strict`) only when what follows the label
    /// are names. Returns whether the entry was read.
    pub(super) fn roster_entry(&mut self, e: &Node, strict: bool) -> bool {
        let parts = self.entry(e);
        self.roster_entry_read(e, &parts, strict)
    }

    /// [`Reader::roster_entry`] with the entry already read (a note is read
    /// once, whether it turns out to be a roster or a note).
    pub(super) fn roster_entry_read(&mut self, e: &Node, parts: &EntryParts, strict: bool) -> bool {
        let Some((k, names_at)) = roster_label(&parts.text) else {
            return false;
        };
        let label_prefix = self.src[parts.span.own.start..parts.span.content_start].to_string();
        let nested: Vec<&Node> = entries_of(e).collect();
        let colon = parts.text[..names_at].contains(':');
        let names = parts.text[names_at..].to_string();
        let dangling = dangling_marker(&parts.text);
        // Outside attendance sections a label is a short one ("Council:",
        // "Team members:"); "Attendees we know of:" in a note is about something else.
        let label_words = parts.text[..names_at]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count();
        if strict && label_words > 2 {
            return false;
        }
        if strict && !dangling {
            let names_ok = if names.trim().is_empty() {
                let n = nested.iter().filter(|n| self.role(n) == Role::Name).count();
                n > 0 && n * 2 >= nested.len()
            } else {
                names_only(&names)
            };
            if !names_ok {
                return false;
            }
        }
        let (list, names_prefix, same_line) = if dangling {
            // The lone marker line is where the names go, on one line.
            let last = parts.span.text.end.saturating_sub(1);
            let ph_start = line_start(self.src, last);
            let ph_line = &self.src[ph_start..line_end(self.src, last)];
            let content = ph_line.trim_end_matches(['\n', '\r']);
            let at = ph_start + content.len();
            let marker_end = content.trim_end().len();
            let mut prefix = content[..marker_end].to_string();
            prefix.push(' ');
            let list = RosterList {
                kind: k,
                layout: RosterLayout::Inline {
                    names: at..at,
                    sep: ", ".to_string(),
                },
                members: Vec::new(),
            };
            (list, Some(prefix), false)
        } else if names_at < parts.text.len() || nested.is_empty() {
            let names_at_src =
                parts.span.text.start + byte_in_source(self.src, &parts.span.text, names_at);
            let end = parts.span.text.end.max(names_at_src);
            // Names after the label, up to the end of its text (closing `**` aside).
            let text = &self.src[names_at_src..end];
            let end = names_at_src + text.trim_end_matches(['*', '_', ' ']).len();
            (
                self.inline_list(k, names_at_src..end.max(names_at_src)),
                None,
                true,
            )
        } else {
            let first = self.entry(nested[0]);
            let prefix = self.src[first.span.own.start..first.span.content_start].to_string();
            let names: Vec<&Node> = nested
                .iter()
                .copied()
                .filter(|n| self.role(n) != Role::Other)
                .collect();
            let boxed = names.iter().any(|n| self.entry(n).span.checkbox_len > 0);
            let list = if boxed {
                self.roll_call(k, &names, parts.span.own.end, prefix.clone())
            } else {
                self.entries_list(k, &names, parts.span.own.end, prefix.clone(), true)
            };
            (list, Some(prefix), false)
        };
        let names_prefix = names_prefix.unwrap_or_else(|| {
            format!(
                "{}{}",
                " ".repeat(parts.span.content_col()),
                label_prefix.trim_start()
            )
        });
        // A list found among notes or items is no model for a new list when an
        // attendance section gave one already.
        if !strict || self.map.new_list.is_none() {
            self.map.new_list = Some(NewListStyle::Labeled {
                insert_at: parts.span.whole.end,
                label_prefix,
                names_prefix,
                colon,
                same_line,
            });
        }
        self.map.roster.push(list);
        true
    }

    /// Labelled lines of a paragraph (`Present: Ann, Bert`, `**Attendees:**`
    /// over a list, `Regrets:` alone). Returns whether it held one; a bare label
    /// on the paragraph's last line takes the list after it (`next`).
    pub(super) fn roster_paragraph(&mut self, node: &Node, next: Option<&Node>) -> bool {
        let Some(r) = node.inline.clone() else {
            return false;
        };
        let mut found = false;
        let mut at = r.start;
        let src = self.src;
        while at < r.end {
            let end = line_end(src, at).min(r.end);
            let line = &src[at..end];
            let content = line.trim_end_matches(['\n', '\r', ' ', '\t', '\\']);
            let last_line = end >= r.end;
            if let Some((k, names_at)) = roster_label(content) {
                let names = &content[names_at..];
                let names_t = names.trim_end_matches(['*', '_', ' ']);
                if !names_t.trim().is_empty() && names_only(names_t.trim_end_matches(',')) {
                    let mut names_end = at + names_at + names_t.len();
                    // A list wrapped over lines: `Ann (Org),` / `Bert (Org)`.
                    let mut cont = end;
                    while names_t.trim_end().ends_with(',') && cont < r.end {
                        let ce = line_end(src, cont).min(r.end);
                        let c = src[cont..ce].trim_end_matches(['\n', '\r', ' ', '\t', '\\']);
                        if roster_label(c).is_some() || !names_only(c.trim().trim_end_matches(','))
                        {
                            break;
                        }
                        names_end = cont + c.len();
                        cont = ce;
                        if !c.trim_end().ends_with(',') {
                            break;
                        }
                    }
                    let list = self.inline_list(k, at + names_at..names_end);
                    self.map.roster.push(list);
                    found = true;
                    at = cont.max(end);
                    continue;
                } else if names_t.trim().is_empty() {
                    if last_line
                        && let Some(list_node) =
                            next.filter(|n| matches!(n.kind, Kind::List { .. }))
                    {
                        let entries: Vec<&Node> = list_node
                            .children
                            .iter()
                            .filter(|n| self.role(n) != Role::Other)
                            .collect();
                        if !entries.is_empty() {
                            let first = self.entry(entries[0]);
                            let prefix =
                                src[first.span.own.start..first.span.content_start].to_string();
                            let boxed = entries.iter().any(|n| self.entry(n).span.checkbox_len > 0);
                            let list = if boxed {
                                self.roll_call(k, &entries, first.span.own.start, prefix)
                            } else {
                                self.entries_list(k, &entries, first.span.own.start, prefix, true)
                            };
                            self.map.roster.push(list);
                            self.consumed.push(list_node.range.start);
                            return true;
                        }
                    }
                    // `Regrets:` with nobody yet: names go after the label.
                    let pos = at + content.len();
                    self.map.roster.push(RosterList {
                        kind: k,
                        layout: RosterLayout::Inline {
                            names: pos..pos,
                            sep: ", ".to_string(),
                        },
                        members: Vec::new(),
                    });
                    found = true;
                }
            }
            at = end;
        }
        found
    }

    /// Names on one line (`@a, @b`), from `range` of the source.
    pub(super) fn inline_list(&mut self, kind: ListKind, range: Range<usize>) -> RosterList {
        let text = &self.src[range.clone()];
        let sep = if text.contains(", ") || !text.contains(',') {
            ", "
        } else {
            ","
        };
        let members = name_tokens(text)
            .into_iter()
            .map(|t| {
                let tok = text[t].to_string();
                self.member(kind, &tok)
            })
            .collect();
        RosterList {
            kind,
            layout: RosterLayout::Inline {
                names: range,
                sep: sep.to_string(),
            },
            members,
        }
    }

    /// Entries with one name each (or a single entry holding several names).
    pub(super) fn entries_list(
        &mut self,
        kind: ListKind,
        entries: &[&Node],
        insert_at: usize,
        prefix: String,
        labeled: bool,
    ) -> RosterList {
        if entries.len() == 1 {
            let parts = self.entry(entries[0]);
            if name_tokens(&parts.text).len() > 1 && names_only(&parts.text) {
                return self.inline_list(kind, parts.span.text.clone());
            }
        }
        let mut lines = Vec::new();
        let mut members = Vec::new();
        let mut placeholder = None;
        let mut prefix = prefix;
        let mut insert_at = insert_at;
        for e in entries {
            let parts = self.entry(e);
            prefix = self.src[parts.span.own.start..parts.span.content_start].to_string();
            if !prefix.ends_with([' ', '\t']) {
                // An empty entry ("  -"): names need a space after the marker.
                prefix.push(' ');
            }
            insert_at = parts.span.whole.end;
            if is_placeholder(&parts.text) {
                placeholder = Some(parts.span.whole.clone());
                continue;
            }
            // One name per entry, possibly with a stray separator ("@sjn, ").
            let tokens = name_tokens(&parts.text);
            let token = match tokens.as_slice() {
                [one] => parts.text[one.clone()].to_string(),
                _ => parts.text.clone(),
            };
            members.push(self.member(kind, &token));
            lines.push(parts.span.whole.clone());
        }
        RosterList {
            kind,
            layout: RosterLayout::Lines {
                lines,
                insert_at,
                prefix,
                placeholder,
                labeled,
            },
            members,
        }
    }

    /// A roll call: entries with a box, ticked for those present.
    fn roll_call(
        &mut self,
        kind: ListKind,
        entries: &[&Node],
        insert_at: usize,
        prefix: String,
    ) -> RosterList {
        let mut boxes = Vec::new();
        let mut members = Vec::new();
        let mut insert_at = insert_at;
        let mut prefix = prefix;
        for e in entries {
            let parts = self.entry(e);
            let Some(b) = parts.span.checkbox() else {
                continue;
            };
            prefix = self.src[parts.span.own.start..parts.span.content_start].to_string();
            insert_at = parts.span.whole.end;
            let (handle, base, note) = person_token(&parts.text);
            let att = match parts.checked {
                Some(true) => Self::attendance(kind, note),
                _ => Attendance::Expected,
            };
            members.push(self.member_as(&parts.text, handle, base, att));
            boxes.push(b);
        }
        RosterList {
            kind,
            layout: RosterLayout::RollCall {
                boxes,
                insert_at,
                prefix,
            },
            members,
        }
    }

    /// A table with a name column (and maybe a handle column, and a column
    /// marked `x` for those present), read as it is.
    fn roster_table(&mut self, kind: ListKind, node: &Node) -> Option<RosterList> {
        let text = &self.src[node.range.clone()];
        let rows: Vec<Vec<String>> = if text.trim_start().starts_with('<') {
            html_rows(text)
        } else {
            text.lines()
                .filter(|l| l.trim_start().starts_with('|'))
                .map(|l| {
                    let t = l.trim().trim_start_matches('|');
                    let t = t.strip_suffix('|').unwrap_or(t);
                    t.split('|').map(|c| c.trim().to_string()).collect()
                })
                .collect()
        };
        let (header, body) = rows.split_first()?;
        let lower: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
        let name_col = lower
            .iter()
            .position(|h| h.contains("name") && !h.contains("user"))?;
        let handle_col = lower.iter().position(|h| {
            h.contains("github")
                || h.starts_with("gh")
                || h.contains("handle")
                || h.contains("username")
        });
        let mark_col = lower
            .iter()
            .position(|h| matches!(h.as_str(), "" | "x" | "present" | "here" | "attended"));
        let mut members = Vec::new();
        for row in body {
            if row
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue;
            }
            let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", String::as_str);
            let name = plain_name(cell(Some(name_col)));
            let raw_handle = cell(handle_col);
            let handle = handles(raw_handle).into_iter().next().or_else(|| {
                let h = raw_handle.trim_matches(|c: char| c == '`' || c.is_whitespace());
                (!h.is_empty()
                    && h.chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_'))
                .then(|| h.to_string())
            });
            // A row that names nobody ("17 people in total").
            if handle.is_none() && (name.is_empty() || name.chars().any(|c| c.is_ascii_digit())) {
                continue;
            }
            let att = match mark_col {
                Some(_)
                    if !cell(mark_col)
                        .chars()
                        .any(|c| matches!(c, 'x' | 'X' | '✓' | '✔')) =>
                {
                    Attendance::Expected
                }
                _ => Self::attendance(kind, None),
            };
            self.reading_table = true;
            let member = match handle {
                Some(h) => {
                    let base = if name.is_empty() {
                        format!("@{h}")
                    } else {
                        format!("{name} (@{h})")
                    };
                    self.member_as(&base.clone(), h, base, att)
                }
                None => self.member_as(&name.clone(), name.clone(), name, att),
            };
            self.reading_table = false;
            members.push(member);
        }
        (!members.is_empty()).then_some(RosterList {
            kind,
            layout: RosterLayout::Table,
            members,
        })
    }

    /// The tables of a section named like an attendance list that also holds
    /// other things (an agenda under "Attendance").
    pub(super) fn roster_tables(&mut self, s: &Section, kind: Option<ListKind>) {
        for block in s.body.iter().filter(|b| b.kind == Kind::Other) {
            if let Some(list) = self.roster_table(kind.unwrap_or(ListKind::Present), block) {
                self.map.roster.push(list);
            }
        }
    }

    /// Roster lists in a block outside attendance sections: labelled list
    /// entries and paragraph lines. Returns whether the block was one.
    pub(super) fn roster_block(&mut self, node: &Node, next: Option<&Node>) -> bool {
        match node.kind {
            Kind::Paragraph => self.roster_paragraph(node, next),
            _ => false,
        }
    }
}

/// The rows of an HTML table (`<tr><td>Ann Lee</td>…`, as a document exported
/// from an office suite writes them), each cell as its text without tags.
fn html_rows(text: &str) -> Vec<Vec<String>> {
    let lower = text.to_ascii_lowercase();
    let starts = |pat: &str, within: std::ops::Range<usize>| -> Vec<usize> {
        lower[within.clone()]
            .match_indices(pat)
            .map(|(i, _)| within.start + i)
            .collect()
    };
    let row_starts = starts("<tr", 0..text.len());
    let mut rows = Vec::new();
    for (k, &r) in row_starts.iter().enumerate() {
        let end = row_starts.get(k + 1).copied().unwrap_or(text.len());
        let mut cells: Vec<usize> = starts("<td", r..end);
        cells.extend(starts("<th", r..end));
        cells.sort_unstable();
        let row = cells
            .iter()
            .enumerate()
            .map(|(j, &c)| {
                let cell_end = cells.get(j + 1).copied().unwrap_or(end);
                let raw = &text[c..cell_end];
                let mut out = String::new();
                let mut in_tag = false;
                for ch in raw.chars() {
                    match ch {
                        '<' => in_tag = true,
                        '>' => in_tag = false,
                        c if !in_tag => out.push(c),
                        _ => {}
                    }
                }
                out.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .collect();
        rows.push(row);
    }
    rows
}
