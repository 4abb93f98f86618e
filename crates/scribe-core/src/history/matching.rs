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
pub const SIMILAR: f64 = 0.85;
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

/// A title's character pairs (spaces left out), sorted: what the similarity
/// score counts, made once per line rather than once per comparison.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pairs(Vec<u64>);

impl Pairs {
    /// The pairs of a normalised title.
    pub fn of(key: &str) -> Pairs {
        let chars: Vec<char> = key.chars().filter(|c| !c.is_whitespace()).collect();
        let mut pairs: Vec<u64> = chars
            .windows(2)
            .map(|w| (u64::from(u32::from(w[0])) << 32) | u64::from(u32::from(w[1])))
            .collect();
        pairs.sort_unstable();
        Pairs(pairs)
    }

    /// Sørensen–Dice similarity: twice the pairs in common over all pairs (as
    /// `strsim::sorensen_dice`, which the tests compare it with).
    pub fn similarity(&self, other: &Pairs) -> f64 {
        let (a, b) = (&self.0, &other.0);
        // Titles of one character have no pairs (equal titles never get here:
        // they are the same title).
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (2 * common) as f64 / (a.len() + b.len()) as f64
    }

    /// The highest similarity two titles with these many pairs can have.
    fn bound(&self, other: &Pairs) -> f64 {
        let (a, b) = (self.0.len(), other.0.len());
        if a + b == 0 {
            1.0
        } else {
            (2 * a.min(b)) as f64 / (a + b) as f64
        }
    }
}

/// Why `earlier` and `later` are the same item, or `None` when they are not.
pub fn reason(earlier: &Entry, later: &Entry) -> Option<Reason> {
    reason_with(
        earlier,
        &Pairs::of(&earlier.key),
        later,
        &Pairs::of(&later.key),
    )
}

/// [`reason`] with the titles' pairs made already.
pub fn reason_with(
    earlier: &Entry,
    earlier_pairs: &Pairs,
    later: &Entry,
    later_pairs: &Pairs,
) -> Option<Reason> {
    if earlier.key == later.key {
        return same_title(earlier, later).then_some(Reason::SameTitle);
    }
    if let (Some(a), Some(b)) = (first_link(&earlier.title), first_link(&later.title))
        && a == b
    {
        return Some(Reason::SameLink {
            link: a.to_string(),
        });
    }
    // Dice over character pairs cannot reach the thresholds when one title is
    // less than a third of the other; skip the work (the ledger compares many).
    let (short, long) = if earlier.key.len() <= later.key.len() {
        (&earlier.key, &later.key)
    } else {
        (&later.key, &earlier.key)
    };
    let owner = common_owner(earlier, later);
    if let Some(owner) = &owner
        && contained(short, long)
    {
        return Some(Reason::ContainedSameOwner {
            owner: owner.clone(),
        });
    }
    let needed = if owner.is_some() {
        SIMILAR_WITH_OWNER
    } else {
        SIMILAR
    };
    if earlier_pairs.bound(later_pairs) < needed - 0.005 {
        return None;
    }
    let score = round2(earlier_pairs.similarity(later_pairs));
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

/// Whether two lines with the same normalised title are the same item. A title
/// of one or two words ("no progress", "1d/w") is a status line: the same only
/// under the same heading, and not when each names different owners.
pub fn same_title(earlier: &Entry, later: &Entry) -> bool {
    if earlier.key.split(' ').count() >= MIN_CONTAINED_WORDS {
        return true;
    }
    let same_place = match (earlier.section.last(), later.section.last()) {
        (Some(a), Some(b)) => normalise(a) == normalise(b),
        _ => false,
    };
    let owners_differ = !earlier.owners.is_empty()
        && !later.owners.is_empty()
        && common_owner(earlier, later).is_none();
    same_place && !owners_differ
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
        let mut c = entry("1d/w", &["stigtsp"]);
        let mut d = entry("1d/w", &["leont"]);
        c.section = vec!["Funding".into()];
        d.section = vec!["Funding".into()];
        assert_eq!(reason(&c, &d), None, "the same place, but other owners");
        assert_eq!(reason(&c, &c.clone()), Some(Reason::SameTitle));
        let mut e = entry("No progress", &["sjn"]);
        let mut f = entry("no progress", &["sjn"]);
        e.section = vec!["CPAN::Meta".into()];
        f.section = vec!["PackageURL guide".into()];
        assert_eq!(reason(&e, &f), None, "the same owner, but another topic");
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
    fn the_similarity_is_sorensen_dice() {
        for (a, b) in [
            (
                "team document template wanted",
                "team document template wanted help needed",
            ),
            ("cna progress update", "cna progress next steps"),
            ("a", "b"),
            ("ab", "ab"),
            (
                "german tech sovereignity fund",
                "german sovereign tech fund",
            ),
        ] {
            let ours = Pairs::of(a).similarity(&Pairs::of(b));
            let theirs = strsim::sorensen_dice(a, b);
            assert!(
                (ours - theirs).abs() < 1e-9,
                "{a} / {b}: {ours} vs {theirs}"
            );
        }
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
