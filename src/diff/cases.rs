//! One case compared: its documents paired by id and judged on their text and page
//! counts (never their bytes), each changed one with its redline, and the causes.

use super::causes::{causes, locate};
use super::model::{CaseDiff, Cause, DocumentDiff, Pages, Status};
use super::packets::Pair;
use super::redline::compare;
use crate::packet::meta::DocumentEntry;

/// Said for a packet of format 1, whose `packet.json` has no text.
pub const TEXT_MISSING: &str =
    "text missing: rendered by an older kzinvite — render it again to compare text";

pub fn compare_case(pair: &Pair) -> CaseDiff {
    let path =
        |p: &Option<super::packets::Packet>| p.as_ref().map(|p| p.path.display().to_string());
    let (old_path, new_path) = (path(&pair.old), path(&pair.new));
    let (Some(old), Some(new)) = (&pair.old, &pair.new) else {
        return CaseDiff {
            id: pair.id.clone(),
            status: if pair.old.is_some() {
                Status::Removed
            } else {
                Status::Added
            },
            old: old_path,
            new: new_path,
            causes: Vec::new(),
            notes: Vec::new(),
            documents: Vec::new(),
        };
    };
    let new_packet = new;
    let (old, new) = (&old.meta, &new.meta);
    let with_text = old.has_text() && new.has_text();
    let mut notes = Vec::new();
    if !with_text {
        notes.push(TEXT_MISSING.to_owned());
    }
    let mut documents: Vec<DocumentDiff> = Vec::new();
    for n in &new.documents {
        let o = old.documents.iter().find(|o| o.id == n.id);
        documents.push(document(o, Some(n), with_text));
    }
    for o in &old.documents {
        if !new.documents.iter().any(|n| n.id == o.id) {
            documents.push(document(Some(o), None, with_text));
        }
    }
    let mut causes = causes(old, new);
    if causes.iter().any(|c| matches!(c, Cause::Field { .. }))
        && let Some(map) = new_packet.source_map()
    {
        locate(&mut causes, &new.manifest.path, &map);
    }
    let changed = !causes.is_empty() || documents.iter().any(|d| d.status != Status::Unchanged);
    CaseDiff {
        id: pair.id.clone(),
        status: if changed {
            Status::Changed
        } else {
            Status::Unchanged
        },
        old: old_path,
        new: new_path,
        causes,
        notes,
        documents,
    }
}

fn document(
    old: Option<&DocumentEntry>,
    new: Option<&DocumentEntry>,
    with_text: bool,
) -> DocumentDiff {
    let pages = Pages {
        old: old.map(|d| d.pages),
        new: new.map(|d| d.pages),
    };
    let (id, file) = match new.or(old) {
        Some(d) => (d.id.as_str().to_owned(), d.file.clone()),
        None => (String::new(), String::new()),
    };
    let (status, redline) = match (old, new) {
        // Most documents of a changed case are the same: equal blocks need no alignment.
        (Some(o), Some(n)) if with_text && o.pages == n.pages && o.text == n.text => {
            (Status::Unchanged, None)
        }
        (Some(o), Some(n)) if with_text => {
            let redline = compare(&o.text, &n.text);
            let same = redline.is_empty() && o.pages == n.pages;
            (
                if same {
                    Status::Unchanged
                } else {
                    Status::Changed
                },
                (!same).then_some(redline),
            )
        }
        // Without text only the bytes can tell.
        (Some(o), Some(n)) if o.sha256 == n.sha256 => (Status::Unchanged, None),
        (Some(_), Some(_)) => (Status::Changed, None),
        (Some(_), None) => (Status::Removed, None),
        _ => (Status::Added, None),
    };
    DocumentDiff {
        id,
        file,
        status,
        pages,
        redline,
    }
}
