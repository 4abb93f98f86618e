//! Every `@handle` in the minutes is one the group knows: seen in its other
//! minutes or on the roster. An unknown one is reported once, where it first
//! appears, with the known handle it most likely meant.

use std::collections::{BTreeMap, BTreeSet};

use super::text::Lines;
use super::{Finding, Folder, Target};
use crate::action_items::handles_in;

/// The handles known to the group, lowercased (handles are not case-sensitive).
fn known(folder: &Folder) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let all = folder
        .other_minutes
        .iter()
        .flat_map(|text| handles_in(text))
        .chain(folder.roster.iter().cloned());
    for handle in all {
        out.entry(handle.to_lowercase()).or_insert(handle);
    }
    out
}

/// Whether `short` can be read as an abbreviation of `long`: its letters appear
/// in `long` in order, starting with the same one (`tib` → `thibaultduponchelle`).
fn abbreviates(short: &str, long: &str) -> bool {
    if short.len() < 3 || short.len() >= long.len() || short.chars().next() != long.chars().next()
    {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// The known handle closest to `handle`, if any is close enough to suggest.
pub fn closest<'k>(handle: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let handle = handle.to_lowercase();
    known
        .filter_map(|k| {
            let lower = k.to_lowercase();
            let similarity = strsim::jaro_winkler(&handle, &lower);
            let close = similarity >= 0.85
                || strsim::damerau_levenshtein(&handle, &lower) <= 1
                || abbreviates(&handle, &lower);
            close.then_some((similarity, k))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Findings for the handles of `doc` the group does not know. Without other
/// minutes and without a roster there is nothing to know handles from, and
/// nothing is reported.
pub fn unknown_handles(doc: &Lines, folder: &Folder) -> Vec<Finding> {
    let known = known(folder);
    if known.is_empty() {
        return Vec::new();
    }
    // handle (lowercase) → (first line, spelling, count)
    let mut unknown: BTreeMap<String, (usize, String, usize)> = BTreeMap::new();
    for (n, line) in doc.body() {
        for handle in handles_in(line) {
            let key = handle.to_lowercase();
            if known.contains_key(&key) {
                continue;
            }
            unknown.entry(key).or_insert((n, handle, 0)).2 += 1;
        }
    }
    let mut seen = BTreeSet::new();
    let mut out: Vec<Finding> = unknown
        .into_values()
        .filter(|(_, h, _)| seen.insert(h.clone()))
        .map(|(line, handle, count)| {
            let times = if count > 1 {
                format!(" ({count} times)")
            } else {
                String::new()
            };
            let suggestion = match closest(&handle, known.values().map(String::as_str)) {
                Some(k) => format!("did you mean @{k}? (if @{handle} is new, add it to the roster)"),
                None => format!("if @{handle} is new to the group, add it to the roster"),
            };
            Finding {
                target: Target::Minutes,
                line,
                message: format!(
                    "@{handle}{times} is not in the group's other minutes or the roster"
                ),
                suggestion,
                edit: None,
            }
        })
        .collect();
    out.sort_by_key(|f| f.line);
    out
}
