//! From an alignment to the list of changes a reader goes through.
//!
//! Owns the classification of each matched pair (unchanged, renumbered row, edited,
//! moved, moved and edited, moved row), the insertions and deletions left over, and the
//! reading order: NEW's order, with each deletion placed after the block that preceded
//! it in OLD.

use super::align::{Alignment, Placement};
use super::links::Prepared;
use super::model::{Block, BlockKind, Change, ChangeKind, Position, Segment, SegmentOp};
use super::segments::{diff, invisible};

/// The changes, plus what the layout notes and the summary need.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub changes: Vec<Change>,
    /// (OLD index, NEW index) of blocks whose text did not change, in NEW's order.
    pub steady: Vec<(usize, usize)>,
    pub rows_renumbered: usize,
}

/// Sorts changes into NEW's reading order: (NEW position, 0 before / 1 at / 2 after it, OLD index).
type ReadingOrder = (usize, u8, usize);

pub(crate) fn assemble(
    old: &[Block],
    new: &[Block],
    old_prepared: &[Prepared],
    new_prepared: &[Prepared],
    alignment: &Alignment,
) -> Outcome {
    let mut outcome = Outcome::default();
    let mut placed: Vec<(ReadingOrder, Change)> = Vec::new();
    for pair in &alignment.pairs {
        let (Some(ob), Some(nb)) = (old.get(pair.old), new.get(pair.new)) else {
            continue;
        };
        let (Some(o), Some(n)) = (old_prepared.get(pair.old), new_prepared.get(pair.new)) else {
            continue;
        };
        let edited = o.content != n.content;
        let kind = match (pair.placement, row_numbers(ob, nb), edited) {
            (Placement::InSequence, numbers, false) => {
                let renumbered = numbers.is_some_and(|(a, b)| a != b) || o.text != n.text;
                outcome.rows_renumbered += usize::from(renumbered);
                outcome.steady.push((pair.old, pair.new));
                continue;
            }
            (Placement::InSequence, _, true) => ChangeKind::Edited,
            (Placement::Moved, Some((old_number, new_number)), edited) => ChangeKind::RowMoved {
                old_number,
                new_number,
                edited,
            },
            (Placement::Moved, None, false) => ChangeKind::Moved,
            (Placement::Moved, None, true) => ChangeKind::MovedEdited,
        };
        if !edited {
            outcome.steady.push((pair.old, pair.new));
        }
        let segments = if o.text == n.text {
            whole(SegmentOp::Equal, &n.text)
        } else {
            diff(&o.text, &n.text)
        };
        let change = Change {
            kind,
            block: nb.kind.clone(),
            old: Some(position(pair.old, ob)),
            new: Some(position(pair.new, nb)),
            invisible: invisible(&segments),
            segments,
        };
        placed.push(((pair.new, 1, 0), change));
    }
    for (j, (block, prepared)) in new.iter().zip(new_prepared).enumerate() {
        if alignment.new_to_old.get(j) == Some(&None) {
            let change = alone(
                ChangeKind::Inserted,
                block,
                None,
                Some(position(j, block)),
                &prepared.text,
            );
            placed.push(((j, 1, 0), change));
        }
    }
    let mut anchor: Option<usize> = None;
    for (i, (block, prepared)) in old.iter().zip(old_prepared).enumerate() {
        match alignment.old_to_new.get(i).copied().flatten() {
            Some(j) if in_sequence(alignment, i) => anchor = Some(j),
            Some(_) => {}
            None => {
                let change = alone(
                    ChangeKind::Deleted,
                    block,
                    Some(position(i, block)),
                    None,
                    &prepared.text,
                );
                let order = anchor.map_or((0, 0, i), |a| (a, 2, i));
                placed.push((order, change));
            }
        }
    }
    placed.sort_by_key(|(order, _)| *order);
    outcome.changes = placed.into_iter().map(|(_, change)| change).collect();
    outcome.steady.sort_by_key(|&(_, j)| j);
    outcome
}

fn in_sequence(alignment: &Alignment, old: usize) -> bool {
    // Pairs are sorted by OLD index, so a binary search finds the pair of `old`.
    let found = alignment.pairs.binary_search_by_key(&old, |p| p.old).ok();
    found
        .and_then(|k| alignment.pairs.get(k))
        .is_some_and(|p| p.placement == Placement::InSequence)
}

/// The "№" of both rows when both blocks are table rows.
fn row_numbers(old: &Block, new: &Block) -> Option<(Option<u32>, Option<u32>)> {
    match (&old.kind, &new.kind) {
        (BlockKind::TableRow { number: a, .. }, BlockKind::TableRow { number: b, .. }) => {
            Some((*a, *b))
        }
        _ => None,
    }
}

fn position(index: usize, block: &Block) -> Position {
    Position {
        index,
        page: block.page,
    }
}

fn whole(op: SegmentOp, text: &str) -> Vec<Segment> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Segment {
            op,
            text: text.to_owned(),
        }]
    }
}

/// An inserted or deleted block: one segment with its whole text.
fn alone(
    kind: ChangeKind,
    block: &Block,
    old: Option<Position>,
    new: Option<Position>,
    text: &str,
) -> Change {
    let op = if kind == ChangeKind::Deleted {
        SegmentOp::Delete
    } else {
        SegmentOp::Insert
    };
    Change {
        kind,
        block: block.kind.clone(),
        old,
        new,
        segments: whole(op, text),
        invisible: Vec::new(),
    }
}
