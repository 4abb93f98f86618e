//! A ticket for an item carried too long (the group's README: "create tickets
//! for items that are around for too long, or no-one volunteers"): a title and
//! a body with the item's history, owners and links to the minutes where it
//! appeared, ready for `gh issue create` or to paste.

use super::report::ItemSummary;

/// A ticket's title and Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub title: String,
    pub body: String,
}

/// The ticket for `item`. Links to the minutes are `base/file#anchor` when a
/// `base` URL is given (where the minutes are published), else `file#anchor`.
/// Text from the minutes is kept on one line without control characters.
pub fn draft(item: &ItemSummary, base: Option<&str>) -> Ticket {
    let one_line = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .trim()
            .to_string()
    };
    let title = one_line(&super::decisions::plain_link_text(&item.title));
    let owners = if item.owners.is_empty() {
        "no owner yet (volunteers wanted)".to_string()
    } else {
        item.owners
            .iter()
            .map(|o| format!("@{o}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let state = if item.open {
        format!("open, carried {} meetings in a row", item.carried)
    } else if let Some(closed) = item.closed {
        format!("closed on {closed}")
    } else {
        "no checkbox".to_string()
    };
    let mut body = format!(
        "{}\n\n- First on the agenda: {}\n- Last on the agenda: {}\n- In {} meetings' minutes; {state}\n- Owners: {owners}\n",
        one_line(&item.title),
        item.first,
        item.last,
        item.meetings,
    );
    if item.owner_history.len() > 1 {
        body.push_str("- Owners over time:");
        for change in &item.owner_history {
            let who: Vec<String> = change.owners.iter().map(|o| format!("@{o}")).collect();
            let who = if who.is_empty() {
                "none".to_string()
            } else {
                who.join(", ")
            };
            body.push_str(&format!(" {} {who};", change.date));
        }
        body.pop();
        body.push('\n');
    }
    body.push_str("\n## In the minutes\n\n");
    for a in &item.appearances {
        let target = match (base, a.anchor.is_empty()) {
            (Some(b), false) => format!("{}/{}#{}", b.trim_end_matches('/'), a.file, a.anchor),
            (Some(b), true) => format!("{}/{}", b.trim_end_matches('/'), a.file),
            (None, false) => format!("{}#{}", a.file, a.anchor),
            (None, true) => a.file.clone(),
        };
        let check = match a.checked {
            Some(true) => "[x] ",
            Some(false) => "[ ] ",
            None => "",
        };
        body.push_str(&format!(
            "- [{}]({}): {check}{}\n",
            a.date,
            target.replace(' ', "%20"),
            one_line(&a.title)
        ));
    }
    Ticket { title, body }
}
