//! Pairing the entries of a list as read with those of the list as it is now,
//! by key (an item's title, a note's text): kept, edited in place, removed,
//! added.

/// Pairs of (old index, new index) aligning two sequences: equal keys are matched
/// in order (longest common subsequence); between matches, the remaining entries
/// are paired in order as edits, and the rest are removals or additions.
pub(super) fn align(old: &[&str], new: &[&str]) -> Vec<(Option<usize>, Option<usize>)> {
    let (n, m) = (old.len(), new.len());
    // One table, row by row (`at(i, j)`), of u32: a section of a long agenda
    // has hundreds of items, and a table of rows each allocated apart, of
    // usize, would be several times the memory for the same lengths.
    let w = m + 1;
    let at = |i: usize, j: usize| i * w + j;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if old[i] == new[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let mut anchors = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if old[i] == new[j] {
            anchors.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    anchors.push((n, m));
    // Between matches, an entry is taken as edited into the one at its place
    // only when neither key is found on the other side: a key found there was
    // moved, and is a removal here and an addition there.
    let old_keys: std::collections::HashSet<&str> = old.iter().copied().collect();
    let new_keys: std::collections::HashSet<&str> = new.iter().copied().collect();
    let mut out = Vec::new();
    let (mut pi, mut pj) = (0, 0);
    for (ai, aj) in anchors {
        let (gi, gj) = (ai - pi, aj - pj);
        for k in 0..gi.max(gj) {
            let o = (k < gi).then_some(pi + k);
            let m = (k < gj).then_some(pj + k);
            match (o, m) {
                (Some(o), Some(m)) if new_keys.contains(old[o]) || old_keys.contains(new[m]) => {
                    out.push((Some(o), None));
                    out.push((None, Some(m)));
                }
                _ => out.push((o, m)),
            }
        }
        if ai < n && aj < m {
            out.push((Some(ai), Some(aj)));
        }
        pi = ai + 1;
        pj = aj + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::align;

    #[test]
    fn align_pairs_changes_in_place() {
        assert_eq!(
            align(&["a", "b", "c"], &["a", "x", "c", "d"]),
            vec![
                (Some(0), Some(0)),
                (Some(1), Some(1)),
                (Some(2), Some(2)),
                (None, Some(3))
            ]
        );
        assert_eq!(
            align(&["a", "b"], &["b"]),
            vec![(Some(0), None), (Some(1), Some(0))]
        );
    }

    /// A key found on the other side was moved: it is not taken as an edit of
    /// the entry at its place (`p` moved to the end, `q` added where it was).
    #[test]
    fn align_leaves_a_moved_key_unpaired() {
        assert_eq!(
            align(&["a", "p", "z"], &["a", "q", "z", "p"]),
            vec![
                (Some(0), Some(0)),
                (Some(1), None),
                (None, Some(1)),
                (Some(2), Some(2)),
                (None, Some(3)),
            ]
        );
    }
}
