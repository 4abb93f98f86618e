//! Every `@handle` in the minutes is one the group knows: seen in its other
//! minutes or on the roster. An unknown one is reported once, where it first
//! appears, with the known handle it most likely meant.

use std::collections::{BTreeMap, BTreeSet};

use super::text::Lines;
use super::{Finding, Folder, Target};
use crate::action_items::handles_in;

/// A handle the group knows, and in how many of its files it appears (the
/// roster counts as many: it is written with care).
#[derive(Debug)]
struct Known {
    spelling: String,
    files: usize,
}

/// Files a handle is in before a close handle in fewer files is taken for its
/// misspelling.
const WELL_KNOWN: usize = 3;

/// The handles known to the group by their lowercase form (handles are not
/// case-sensitive).
fn known(folder: &Folder) -> BTreeMap<String, Known> {
    let mut out: BTreeMap<String, Known> = BTreeMap::new();
    let mut add = |handles: Vec<String>, weight: usize| {
        let mut seen = BTreeSet::new();
        for handle in handles {
            let key = handle.to_lowercase();
            if seen.insert(key.clone()) {
                out.entry(key)
                    .or_insert(Known {
                        spelling: handle,
                        files: 0,
                    })
                    .files += weight;
            }
        }
    };
    for text in &folder.other_minutes {
        add(handles_in(text), 1);
    }
    add(folder.roster.clone(), WELL_KNOWN);
    out
}

/// Whether `short` can be read as an abbreviation of `long`: its letters appear
/// in `long` in order, starting with the same one (`tib` → `thibaultduponchelle`).
fn abbreviates(short: &str, long: &str) -> bool {
    if short.len() < 3 || short.len() >= long.len() || short.chars().next() != long.chars().next() {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// How close `handle` is to `known` (both lowercase), when close enough to
/// suggest: Jaro-Winkler similarity, with one typo or an abbreviation always
/// close.
fn closeness(handle: &str, known: &str) -> Option<f64> {
    let similarity = strsim::jaro_winkler(handle, known);
    let close = similarity >= 0.85
        || strsim::damerau_levenshtein(handle, known) <= 1
        || abbreviates(handle, known);
    close.then_some(similarity)
}

/// The known handle `handle` most likely means, among those in more than
/// `more_than` files: of the closest ones (within 0.05 of the best), the one in
/// the most files, since a misspelling gets copied from agenda to agenda too.
fn closest<'k>(
    handle: &str,
    known: &'k BTreeMap<String, Known>,
    more_than: usize,
) -> Option<&'k str> {
    let handle = handle.to_lowercase();
    let close: Vec<(f64, &Known)> = known
        .iter()
        .filter(|(k, v)| v.files > more_than && **k != handle)
        .filter_map(|(k, v)| closeness(&handle, k).map(|c| (c, v)))
        .collect();
    let best = close.iter().map(|(c, _)| *c).fold(f64::NAN, f64::max);
    close
        .into_iter()
        .filter(|(c, _)| *c >= best - 0.05)
        .max_by_key(|(_, v)| v.files)
        .map(|(_, v)| v.spelling.as_str())
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
    // A known handle close to one in more than twice as many files is taken
    // for a misspelling copied along (`@thibaultduponcelle`), not for a person.
    let misspelt = |key: &str| {
        let Some(this) = known.get(key) else {
            return false;
        };
        known.iter().any(|(other, k)| {
            k.files >= WELL_KNOWN
                && k.files > 2 * this.files
                && other != key
                // `@tim` is somebody else than `@timlegge`; `@stigstp` is not.
                && (!abbreviates(key, other) || strsim::damerau_levenshtein(key, other) <= 2)
                && closeness(key, other).is_some()
        })
    };
    for (n, line) in doc.body() {
        for handle in handles_in(line) {
            let key = handle.to_lowercase();
            if known.contains_key(&key) && !misspelt(&key) {
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
            let files = known.get(&handle.to_lowercase()).map(|k| k.files);
            let rare = files.is_some();
            let suggestion = match closest(&handle, &known, files.map_or(0, |f| 2 * f)) {
                Some(k) => {
                    format!("did you mean @{k}? (if @{handle} is new, add it to the roster)")
                }
                None => format!("if @{handle} is new to the group, add it to the roster"),
            };
            Finding {
                target: Target::Minutes,
                line,
                message: if rare {
                    format!("@{handle}{times} is rare in the group's minutes, like a misspelling")
                } else {
                    format!("@{handle}{times} is not in the group's other minutes or the roster")
                },
                suggestion,
                edit: None,
            }
        })
        .collect();
    out.sort_by_key(|f| f.line);
    out
}
