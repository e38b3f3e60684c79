//! Block alignment: which OLD block became which NEW block, and whether it stayed in place.
//!
//! Owns the paragraph-level matching: table rows paired by passport number, a patience
//! diff over block texts, then among the blocks left: the same text or the same look
//! (invisible characters folded) out of place as moves, near (≥ 80 %) matches as edited
//! moves, similar blocks in the same gap as in-place edits; and the final decision of
//! which pairs are "in sequence" (in every longest common subsequence) or moved.

use std::collections::HashMap;
use std::hash::Hash;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::links::{Class, Links, Prepared};
use super::resemblance::{Sides, link_similar};
use super::text::fold;

/// Whether a matched pair kept its place among the other matched blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    InSequence,
    Moved,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Pair {
    pub old: usize,
    pub new: usize,
    pub placement: Placement,
}

/// The matching of OLD blocks to NEW blocks; pairs sorted by OLD index.
#[derive(Debug)]
pub(crate) struct Alignment {
    pub pairs: Vec<Pair>,
    pub old_to_new: Vec<Option<usize>>,
    pub new_to_old: Vec<Option<usize>>,
}

/// The token a block is aligned by: its passport number when that is unique on both sides.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Anchor<'a> {
    Key(&'a str),
    Text(Class, &'a str),
}

pub(crate) fn align(old: &[Prepared], new: &[Prepared]) -> Alignment {
    let unique = unique_keys(old, new);
    let old_anchors: Vec<Option<Anchor>> = old.iter().map(|p| Some(anchor(p, &unique))).collect();
    let new_anchors: Vec<Option<Anchor>> = new.iter().map(|p| Some(anchor(p, &unique))).collect();
    let mut links = Links::new(old.len(), new.len());
    for op in capture_diff_slices(Algorithm::Patience, &old_anchors, &new_anchors) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            (0..len).for_each(|k| links.link(old_index + k, new_index + k));
        }
    }
    // The gap a block falls in, between two blocks matched in sequence: same gap = same place.
    let gaps = (gaps(&links.old_to_new), gaps(&links.new_to_old));
    link_equal(&old_anchors, &new_anchors, &mut links);
    // Folding costs: only the blocks still unmatched are folded.
    let old_folds = folds(old, &links.old_to_new);
    let new_folds = folds(new, &links.new_to_old);
    link_equal(&looks(old, &old_folds), &looks(new, &new_folds), &mut links);
    let sides = Sides {
        old,
        new,
        old_folds: &old_folds,
        new_folds: &new_folds,
    };
    link_similar(&sides, (&gaps.0, &gaps.1), &mut links);
    let pairs = place(&links.old_to_new);
    Alignment {
        pairs,
        old_to_new: links.old_to_new,
        new_to_old: links.new_to_old,
    }
}

fn anchor<'a>(p: &'a Prepared, unique: &HashMap<&str, (usize, usize)>) -> Anchor<'a> {
    match p.key.as_deref() {
        Some(key) if unique.contains_key(key) => Anchor::Key(key),
        _ => Anchor::Text(p.class, p.content.as_str()),
    }
}

/// Passport numbers that occur exactly once in OLD and once in NEW.
fn unique_keys<'a>(old: &'a [Prepared], new: &'a [Prepared]) -> HashMap<&'a str, (usize, usize)> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for p in old {
        if let Some(key) = p.key.as_deref() {
            counts.entry(key).or_default().0 += 1;
        }
    }
    for p in new {
        if let Some(key) = p.key.as_deref() {
            counts.entry(key).or_default().1 += 1;
        }
    }
    counts.retain(|_, c| *c == (1, 1));
    counts
}

fn gaps(matched: &[Option<usize>]) -> Vec<usize> {
    let mut seen = 0;
    matched
        .iter()
        .map(|m| {
            let gap = seen;
            seen += usize::from(m.is_some());
            gap
        })
        .collect()
}

fn folds(blocks: &[Prepared], matched: &[Option<usize>]) -> Vec<Option<String>> {
    let fold_free = |(p, m): (&Prepared, &Option<usize>)| m.is_none().then(|| fold(&p.content));
    blocks.iter().zip(matched).map(fold_free).collect()
}

/// What a block looks like, for the blocks folded.
fn looks<'a>(blocks: &'a [Prepared], folds: &'a [Option<String>]) -> Vec<Option<(Class, &'a str)>> {
    blocks
        .iter()
        .zip(folds)
        .map(|(p, f)| f.as_deref().map(|f| (p.class, f)))
        .collect()
}

/// Unmatched blocks with equal keys (`None` = not a candidate), out of place: moves.
fn link_equal<K: Hash + Eq>(old: &[Option<K>], new: &[Option<K>], links: &mut Links) {
    let mut waiting: HashMap<&K, Vec<usize>> = HashMap::new();
    for (j, key) in new.iter().enumerate().rev() {
        if let (Some(key), Some(None)) = (key, links.new_to_old.get(j)) {
            waiting.entry(key).or_default().push(j);
        }
    }
    for (i, key) in old.iter().enumerate() {
        let unmatched = links.old_to_new.get(i) == Some(&None);
        let found = key
            .as_ref()
            .filter(|_| unmatched)
            .and_then(|k| waiting.get_mut(k));
        if let Some(j) = found.and_then(Vec::pop) {
            links.link(i, j);
        }
    }
}

/// Marks as in sequence the pairs that belong to every longest increasing run of NEW
/// positions; a pair that only some runs contain (one of two swapped rows) has moved.
fn place(old_to_new: &[Option<usize>]) -> Vec<Pair> {
    let linked: Vec<(usize, usize)> = old_to_new
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.map(|j| (i, j)))
        .collect();
    let seq: Vec<i64> = linked.iter().map(|&(_, j)| j as i64).collect();
    let ending = lis_ending_at(&seq);
    let reversed: Vec<i64> = seq.iter().rev().map(|v| -v).collect();
    let mut starting = lis_ending_at(&reversed);
    starting.reverse();
    let best = ending.iter().copied().max().unwrap_or(0);
    let on_some: Vec<bool> = ending
        .iter()
        .zip(&starting)
        .map(|(e, s)| e + s - 1 == best)
        .collect();
    let mut per_length = vec![0usize; best + 1];
    for (e, on) in ending.iter().zip(&on_some) {
        if *on && let Some(c) = per_length.get_mut(*e) {
            *c += 1;
        }
    }
    linked
        .iter()
        .zip(ending.iter().zip(&on_some))
        .map(|(&(old, new), (e, on))| {
            let every = *on && per_length.get(*e) == Some(&1);
            let placement = if every {
                Placement::InSequence
            } else {
                Placement::Moved
            };
            Pair {
                old,
                new,
                placement,
            }
        })
        .collect()
}

/// Length of the longest strictly increasing subsequence ending at each element.
fn lis_ending_at(seq: &[i64]) -> Vec<usize> {
    let mut tails: Vec<i64> = Vec::new();
    seq.iter()
        .map(|&v| {
            let at = tails.partition_point(|&t| t < v);
            if at == tails.len() {
                tails.push(v);
            } else if let Some(t) = tails.get_mut(at) {
                *t = v;
            }
            at + 1
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placements(old_to_new: &[Option<usize>]) -> Vec<Placement> {
        place(old_to_new).iter().map(|p| p.placement).collect()
    }

    #[test]
    fn swapped_pair_both_moved_far_move_alone() {
        use Placement::{InSequence as S, Moved as M};
        assert_eq!(placements(&[Some(1), Some(0), Some(2)]), vec![M, M, S]);
        assert_eq!(
            placements(&[Some(1), Some(2), Some(3), Some(0)]),
            vec![S, S, S, M]
        );
        assert_eq!(placements(&[Some(0), None, Some(1)]), vec![S, S]);
    }
}
