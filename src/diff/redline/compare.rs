//! The comparison itself: paragraphs aligned, changes assembled, layout notes, counts.

use super::align;
use super::changes;
use super::layout;
use super::links;
use super::model::{Block, ChangeKind, Redline, Summary};

/// Compares two versions of one document. Pure and deterministic: whitespace reflow,
/// soft hyphens and line-break hyphens are no change, and `compare(x, x)` is empty.
pub fn compare(old: &[Block], new: &[Block]) -> Redline {
    let old_prepared: Vec<links::Prepared> = old.iter().map(links::Prepared::new).collect();
    let new_prepared: Vec<links::Prepared> = new.iter().map(links::Prepared::new).collect();
    let alignment = align::align(&old_prepared, &new_prepared);
    let outcome = changes::assemble(old, new, &old_prepared, &new_prepared, &alignment);
    let layout = layout::notes(old, new, &outcome.steady);
    let mut summary = Summary {
        rows_renumbered: outcome.rows_renumbered,
        ..Summary::default()
    };
    for change in &outcome.changes {
        match change.kind {
            ChangeKind::Inserted => summary.inserted += 1,
            ChangeKind::Deleted => summary.deleted += 1,
            ChangeKind::Edited => summary.edited += 1,
            ChangeKind::Moved | ChangeKind::MovedEdited => summary.moved += 1,
            ChangeKind::RowMoved { .. } => summary.rows_moved += 1,
        }
        summary.invisible += change.invisible.iter().map(|i| i.count).sum::<usize>();
    }
    summary.layout_notes = layout.len();
    Redline {
        changes: outcome.changes,
        layout,
        summary,
    }
}
