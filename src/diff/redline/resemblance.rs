//! Blocks that are alike without being equal: edited in place, or moved and edited.
//!
//! Owns the word similarity between two blocks (characters for very short ones, so a
//! changed date still pairs) and the best-first pairing of the blocks left unmatched:
//! in the same gap from 40 % alike, anywhere else from 80 %.

use similar::{Algorithm, capture_diff_slices, get_diff_ratio};
use unicode_segmentation::UnicodeSegmentation;

use super::links::{Links, Prepared};

/// Word similarity from which an out-of-place block counts as moved rather than new.
const MOVE_SIMILARITY: f32 = 0.8;
/// Word similarity from which two blocks in the same gap count as one edited block.
const EDIT_SIMILARITY: f32 = 0.4;
/// Above this many candidate pairs only blocks near each other in the same gap are compared.
const PAIR_BUDGET: usize = 10_000;
/// Over budget, how far apart (among the unmatched blocks of a gap) two blocks may stand.
const WINDOW: usize = 16;
/// Two different passport numbers this alike are one number corrected, not two people.
const KEY_SIMILARITY: f32 = 0.7;
/// Blocks of at most this many words are compared by characters.
const SHORT_WORDS: usize = 3;

/// Both versions' blocks with the folds of those still unmatched.
pub(crate) struct Sides<'a> {
    pub old: &'a [Prepared],
    pub new: &'a [Prepared],
    pub old_folds: &'a [Option<String>],
    pub new_folds: &'a [Option<String>],
}

/// Pairs the remaining blocks by word similarity, best first.
pub(crate) fn link_similar(
    sides: &Sides,
    (old_gap, new_gap): (&[usize], &[usize]),
    links: &mut Links,
) {
    let (old, new) = (sides.old, sides.new);
    let free_old: Vec<usize> = links.free_old().collect();
    let free_new: Vec<usize> = links.free_new().collect();
    if free_old.is_empty() || free_new.is_empty() {
        return;
    }
    let old_words: Vec<Vec<&str>> = free_old
        .iter()
        .map(|&i| fold_at(sides.old_folds, i).unicode_words().collect())
        .collect();
    let new_words: Vec<Vec<&str>> = free_new
        .iter()
        .map(|&j| fold_at(sides.new_folds, j).unicode_words().collect())
        .collect();
    let in_budget = free_old.len() * free_new.len() <= PAIR_BUDGET;
    let (old_rank, new_rank) = (ranks(old_gap, &free_old), ranks(new_gap, &free_new));
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for ((&i, ow), &old_rank) in free_old.iter().zip(&old_words).zip(&old_rank) {
        for ((&j, nw), &new_rank) in free_new.iter().zip(&new_words).zip(&new_rank) {
            let (Some(o), Some(n)) = (old.get(i), new.get(j)) else {
                continue;
            };
            let same_gap = old_gap.get(i) == new_gap.get(j);
            let near = same_gap && old_rank.abs_diff(new_rank) <= WINDOW;
            if o.class != n.class || !(in_budget || near) || !same_person(o, n) {
                continue;
            }
            let needed = if same_gap {
                EDIT_SIMILARITY
            } else {
                MOVE_SIMILARITY
            };
            let (short, long) = (ow.len().min(nw.len()), ow.len().max(nw.len()));
            // Even a perfect match of the shorter one cannot reach the ratio: skip the diff.
            if long > SHORT_WORDS && ((2 * short) as f32 / (short + long) as f32) < needed {
                continue;
            }
            let score = similarity(
                ow,
                nw,
                fold_at(sides.old_folds, i),
                fold_at(sides.new_folds, j),
            );
            if score >= needed {
                candidates.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    // Best first; a block already linked to a better partner is skipped by `link`.
    for (_, i, j) in candidates {
        links.link(i, j);
    }
}

/// The rank of each unmatched block among the unmatched blocks of its gap.
fn ranks(gap: &[usize], free: &[usize]) -> Vec<usize> {
    let mut current = (None, 0);
    free.iter()
        .map(|&k| {
            let g = gap.get(k);
            current = if current.0 == Some(g) {
                (current.0, current.1 + 1)
            } else {
                (Some(g), 0)
            };
            current.1
        })
        .collect()
}

/// Rows with two different passport numbers are one person only if the numbers are alike.
fn same_person(old: &Prepared, new: &Prepared) -> bool {
    match (old.key.as_deref(), new.key.as_deref()) {
        (Some(a), Some(b)) => char_ratio(a, b) >= KEY_SIMILARITY,
        _ => true,
    }
}

fn char_ratio(a: &str, b: &str) -> f32 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    get_diff_ratio(
        &capture_diff_slices(Algorithm::Myers, &a, &b),
        a.len(),
        b.len(),
    )
}

fn fold_at(folds: &[Option<String>], k: usize) -> &str {
    folds.get(k).and_then(Option::as_deref).unwrap_or_default()
}

/// Word-level ratio; short blocks (a date, a heading number) are compared by characters.
fn similarity(old_words: &[&str], new_words: &[&str], old_fold: &str, new_fold: &str) -> f32 {
    if old_words.len().max(new_words.len()) <= SHORT_WORDS {
        return char_ratio(old_fold, new_fold);
    }
    let ops = capture_diff_slices(Algorithm::Myers, old_words, new_words);
    get_diff_ratio(&ops, old_words.len(), new_words.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(old: &str, new: &str) -> f32 {
        let (o, n): (Vec<&str>, Vec<&str>) =
            (old.unicode_words().collect(), new.unicode_words().collect());
        similarity(&o, &n, old, new)
    }

    #[test]
    fn words_for_paragraphs_characters_for_short_blocks() {
        assert!(score("12.03.2026", "13.03.2026") > 0.8);
        let long =
            "Принимающая сторона гарантирует выезд специалиста по окончании срока пребывания";
        assert!(score(long, &long.replace("выезд", "отъезд")) >= MOVE_SIMILARITY);
        assert!(score(long, "Оплата труда производится в тенге ежемесячно") < EDIT_SIMILARITY);
    }
}
