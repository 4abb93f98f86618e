//! Whether two lines of different meetings are the same item, and why.
//!
//! Every link the ledger makes carries its [`Reason`], so a reader can check it
//! and a test can name it. The rules, strongest first:
//!
//! 1. the same title once normalised (links, emphasis, handles, boxes,
//!    punctuation and case set aside; see [`super::extract::normalise`]); a
//!    title of one or two words ("no news", "1d/w") says too little, and also
//!    needs the same heading above it or an owner in common;
//! 2. the same link target (`[PTS 2025](https://…)`: an event whose dates
//!    were reworded, a project whose name was changed);
//! 3. titles this similar on their own ([`SIMILAR`], Sørensen–Dice over character
//!    pairs, which forgives a reworded word or an added clause);
//! 4. titles fairly similar ([`SIMILAR_WITH_OWNER`]) with an owner in common;
//! 5. with an owner in common, every word of the shorter title (at least
//!    [`MIN_CONTAINED_WORDS`]) found in the longer: "Team document template
//!    wanted" and "Team document template wanted; help needed".
//!
//! Scores and thresholds were set against the hand-checked pairs of the group's
//! minutes (`tests/fixtures/history/pairs.tsv`).

use std::fmt;

use serde::Serialize;

use super::extract::{Entry, normalise};

/// Similarity at which two titles are the same item whoever owns them.
pub const SIMILAR: f64 = 0.8;
/// Similarity at which two titles with an owner in common are the same item.
pub const SIMILAR_WITH_OWNER: f64 = 0.6;
/// The fewest words a title contained in another must have.
pub const MIN_CONTAINED_WORDS: usize = 3;

/// Why two lines are the same item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum Reason {
    /// The same title once normalised.
    SameTitle,
    /// Both titles link to the same place.
    SameLink { link: String },
    /// Similar titles ([`SIMILAR`] or more).
    Similar { score: f64 },
    /// Fairly similar titles and an owner in common.
    SimilarSameOwner { score: f64, owner: String },
    /// The shorter title's words all in the longer one, and an owner in common.
    ContainedSameOwner { owner: String },
}

impl Reason {
    /// How strong the link is, for choosing between candidates: 1 for the same
    /// title, else the similarity (a containment counts as [`SIMILAR`]).
    pub fn strength(&self) -> f64 {
        match self {
            Reason::SameTitle => 1.0,
            Reason::SameLink { .. } => 0.95,
            Reason::Similar { score } | Reason::SimilarSameOwner { score, .. } => *score,
            Reason::ContainedSameOwner { .. } => SIMILAR,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::SameTitle => write!(f, "same title after normalising"),
            Reason::SameLink { link } => write!(f, "same link {link}"),
            Reason::Similar { score } => write!(f, "title similarity {score:.2}"),
            Reason::SimilarSameOwner { score, owner } => {
                write!(f, "title similarity {score:.2} and same owner @{owner}")
            }
            Reason::ContainedSameOwner { owner } => write!(
                f,
                "one title's words all in the other and same owner @{owner}"
            ),
        }
    }
}

/// Why `earlier` and `later` are the same item, or `None` when they are not.
pub fn reason(earlier: &Entry, later: &Entry) -> Option<Reason> {
    if earlier.key == later.key {
        let says_enough = earlier.key.split(' ').count() >= MIN_CONTAINED_WORDS;
        let same_place = match (earlier.section.last(), later.section.last()) {
            (Some(a), Some(b)) => normalise(a) == normalise(b),
            _ => false,
        };
        if says_enough || same_place || common_owner(earlier, later).is_some() {
            return Some(Reason::SameTitle);
        }
        return None;
    }
    if let (Some(a), Some(b)) = (first_link(&earlier.title), first_link(&later.title)) {
        if a == b {
            return Some(Reason::SameLink {
                link: a.to_string(),
            });
        }
    }
    // Dice over character pairs cannot reach the thresholds when one title is
    // less than a third of the other; skip the work (the ledger compares many).
    let (short, long) = if earlier.key.len() <= later.key.len() {
        (&earlier.key, &later.key)
    } else {
        (&later.key, &earlier.key)
    };
    let owner = common_owner(earlier, later);
    if let Some(owner) = &owner {
        if contained(short, long) {
            return Some(Reason::ContainedSameOwner {
                owner: owner.clone(),
            });
        }
    }
    if short.len() * 3 < long.len() {
        return None;
    }
    let score = round2(strsim::sorensen_dice(&earlier.key, &later.key));
    if score >= SIMILAR {
        return Some(Reason::Similar { score });
    }
    match owner {
        Some(owner) if score >= SIMILAR_WITH_OWNER => {
            Some(Reason::SimilarSameOwner { score, owner })
        }
        _ => None,
    }
}

/// The target of the first Markdown link of `title` (`[text](target)`).
fn first_link(title: &str) -> Option<&str> {
    let start = title.find("](")? + 2;
    let len = title[start..].find(')')?;
    let target = title[start..start + len].trim();
    (!target.is_empty()).then_some(target)
}

/// Scores are shown with two decimals; comparing the rounded value keeps what is
/// shown and what was decided the same.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The first owner of `a` that `b` has too (compared without case).
fn common_owner(a: &Entry, b: &Entry) -> Option<String> {
    a.owners
        .iter()
        .find(|o| b.owners.iter().any(|p| p.eq_ignore_ascii_case(o)))
        .cloned()
}

/// Whether every word of `short` (which has at least [`MIN_CONTAINED_WORDS`])
/// is a word of `long`.
fn contained(short: &str, long: &str) -> bool {
    let words: Vec<&str> = short.split(' ').collect();
    if words.len() < MIN_CONTAINED_WORDS {
        return false;
    }
    let long_words: Vec<&str> = long.split(' ').collect();
    words.iter().all(|w| long_words.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, owners: &[&str]) -> Entry {
        Entry {
            title: title.to_string(),
            key: normalise(title),
            owners: owners.iter().map(|o| o.to_string()).collect(),
            checked: Some(false),
            section: Vec::new(),
            anchor: String::new(),
        }
    }

    #[test]
    fn each_rule_names_itself() {
        let a = entry("Team document template wanted; Help needed", &["tux"]);
        let b = entry("**Team document template wanted**, help needed!", &["Tux"]);
        assert_eq!(reason(&a, &b), Some(Reason::SameTitle));

        let c = entry("Team document template wanted", &["tux"]);
        let r = reason(&c, &a).unwrap();
        assert_eq!(
            r,
            Reason::ContainedSameOwner {
                owner: "tux".into()
            }
        );
        assert_eq!(
            r.to_string(),
            "one title's words all in the other and same owner @tux"
        );

        let d = entry("Minimal (TLDR) version of policy wanted", &["stigtsp"]);
        let e = entry("Minimal (TL;DR) version of the policy is wanted", &[]);
        let Some(Reason::Similar { score }) = reason(&d, &e) else {
            panic!("{:?}", reason(&d, &e));
        };
        assert!(score >= SIMILAR);
        assert_eq!(
            reason(&d, &e).unwrap().to_string(),
            format!("title similarity {score:.2}")
        );
    }

    #[test]
    fn a_short_title_needs_the_same_place_or_owner() {
        let mut a = entry("no news", &[]);
        let mut b = entry("No news!", &[]);
        a.section = vec!["Agenda".into(), "PAUSE".into()];
        b.section = vec!["Agenda".into(), "CPAN Testers".into()];
        assert_eq!(reason(&a, &b), None);
        b.section = vec!["Agenda".into(), "PAUSE".into()];
        assert_eq!(reason(&a, &b), Some(Reason::SameTitle));
        let c = entry("1d/w", &["stigtsp"]);
        let d = entry("1d/w", &["leont"]);
        assert_eq!(reason(&c, &d), None);
        assert_eq!(reason(&c, &c.clone()), Some(Reason::SameTitle));
    }

    #[test]
    fn the_same_link_is_the_same_item() {
        let a = entry("[PTS 2025](https://pts.example/2025) - May 1st to 4th", &[]);
        let b = entry(
            "(Germany) [PTS 2025](https://pts.example/2025) - 2025-05-01 … 04",
            &[],
        );
        assert_eq!(
            reason(&a, &b).map(|r| r.to_string()),
            Some("same link https://pts.example/2025".to_string())
        );
    }

    #[test]
    fn a_shared_owner_lowers_the_bar_but_does_not_remove_it() {
        let a = entry("CNA progress update", &["timlegge"]);
        let b = entry("CNA progress, next steps", &["timlegge"]);
        assert!(matches!(
            reason(&a, &b),
            Some(Reason::SimilarSameOwner { .. })
        ));
        let c = entry("CNA progress, next steps", &["sjn"]);
        assert_eq!(reason(&a, &c), None);
        let d = entry("Clarify the purpose of the mailing list", &["timlegge"]);
        assert_eq!(reason(&a, &d), None);
    }
}
