//! `diff --redact`: a case's differences with passport numbers and dates of birth masked
//! everywhere they appear — causes, notes, redline segments, table-row keys.

use super::model::{CaseDiff, Cause};
use super::redline::{BlockKind, Change, Segment, SegmentOp};
use crate::redact::Redactor;

/// Masks every secret `redactor` knows in `case`, in place.
pub fn redact_case(case: &mut CaseDiff, redactor: &Redactor) {
    for cause in &mut case.causes {
        match cause {
            Cause::Field { old, new, .. } => {
                for value in [old, new].into_iter().flatten() {
                    redactor.value(value);
                }
            }
            Cause::Option { old, new, .. } => {
                redactor.value(old);
                redactor.value(new);
            }
            Cause::Template { .. } => {}
        }
    }
    for note in &mut case.notes {
        *note = redactor.text(note);
    }
    let changes = case
        .documents
        .iter_mut()
        .filter_map(|d| d.redline.as_mut())
        .flat_map(|r| r.changes.iter_mut());
    for change in changes {
        redact_change(change, redactor);
    }
}

/// A change whose text holds a secret is shown whole, masked, as OLD deleted and NEW
/// inserted: a character-level redline inside a passport number would spell it out.
pub fn redact_change(change: &mut Change, redactor: &Redactor) {
    if let BlockKind::TableRow { key: Some(key), .. } = &mut change.block {
        *key = redactor.text(key);
    }
    let (old, new) = (change.old_text(), change.new_text());
    if !(redactor.finds(&old) || redactor.finds(&new)) {
        return;
    }
    let (old, new) = (redactor.text(&old), redactor.text(&new));
    let segment = |op, text: String| Segment { op, text };
    change.segments = if old == new {
        vec![segment(SegmentOp::Equal, old)]
    } else {
        [(SegmentOp::Delete, old), (SegmentOp::Insert, new)]
            .into_iter()
            .filter(|(_, text)| !text.is_empty())
            .map(|(op, text)| segment(op, text))
            .collect()
    };
}
