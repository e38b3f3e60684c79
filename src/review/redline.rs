//! `--against`: the redline of `diff` on the review page — the list of changes and their
//! causes on top, each change numbered (`#c-1`…) where it stands in the text, with its
//! insertions and deletions marked and invisible changes called out.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::escape::{attr, text};
use super::i18n::Strings;
use super::model::{Against, Review};
use crate::diff::model::{Cause, DocumentDiff, Status, TemplatePart};
use crate::diff::redline::{Change, ChangeKind, LayoutNote, SegmentOp};

/// The numbered changes of one document: by NEW's block index, and the deletions by the
/// NEW block they follow (`None`: before the first).
#[derive(Debug, Default)]
pub struct Marks<'a> {
    pub at: BTreeMap<usize, (usize, &'a Change)>,
    pub deleted_after: BTreeMap<Option<usize>, Vec<(usize, &'a Change)>>,
}

/// Every document's marks, numbered across the page in document order.
pub fn marks<'a>(review: &Review, against: &'a Against) -> BTreeMap<String, Marks<'a>> {
    let mut out: BTreeMap<String, Marks<'a>> = BTreeMap::new();
    let mut number = 0;
    for doc in &review.documents {
        let Some(diff) = against
            .diff
            .documents
            .iter()
            .find(|d| d.id == doc.id.as_str())
        else {
            continue;
        };
        let marks = out.entry(diff.id.clone()).or_default();
        let mut last_new = None;
        for change in diff.redline.iter().flat_map(|r| &r.changes) {
            number += 1;
            match change.new {
                Some(p) => {
                    marks.at.insert(p.index, (number, change));
                    last_new = Some(p.index);
                }
                None => marks
                    .deleted_after
                    .entry(last_new)
                    .or_default()
                    .push((number, change)),
            }
        }
    }
    out
}

/// The section on top: what the page is compared with, the causes, then per document
/// its status and links to its changes.
pub fn changes_section(
    out: &mut String,
    review: &Review,
    against: &Against,
    marks: &BTreeMap<String, Marks<'_>>,
    t: &Strings,
) {
    let diff = &against.diff;
    let _ = write!(
        out,
        "<section id=\"changes\"><h2>{} <small>{} {}</small></h2>",
        text(t.changes),
        text(t.against),
        text(&against.path)
    );
    for note in &diff.notes {
        let _ = write!(out, "<p class=\"note\">{}</p>", text(note));
    }
    if diff.status == Status::Unchanged {
        let _ = write!(out, "<p>{}</p>", text(t.no_changes));
    }
    if !diff.causes.is_empty() {
        let _ = write!(
            out,
            "<h3>{}</h3><table class=\"causes\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            text(t.causes),
            text(t.field),
            text(t.old),
            text(t.new),
            text(t.location)
        );
        for cause in &diff.causes {
            cause_row(out, cause, review, t);
        }
        out.push_str("</table>");
    }
    out.push_str("<ul class=\"doc-changes\">");
    for doc in &diff.documents {
        let _ = write!(
            out,
            "<li><span class=\"status {}\">{}</span> {}",
            status_class(doc.status),
            status_name(doc.status),
            text(&doc.file)
        );
        if let Some(m) = marks.get(&doc.id) {
            let numbers: Vec<usize> =
                m.at.values()
                    .map(|(n, _)| *n)
                    .chain(m.deleted_after.values().flatten().map(|(n, _)| *n))
                    .collect();
            let mut numbers = numbers;
            numbers.sort_unstable();
            for n in numbers {
                let _ = write!(out, " <a href=\"#c-{n}\">#{n}</a>");
            }
        }
        layout_notes(out, doc, t);
        out.push_str("</li>");
    }
    out.push_str("</ul></section>");
}

fn cause_row(out: &mut String, cause: &Cause, review: &Review, t: &Strings) {
    let show = |v: &Option<serde_json::Value>| match v {
        None => "—".to_owned(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let (what, old, new, location) = match cause {
        Cause::Field {
            pointer,
            field,
            old,
            new,
            location,
        } => {
            let at = location
                .clone()
                .or_else(|| review.locations.get(pointer).cloned())
                .unwrap_or_else(|| pointer.clone());
            (field.clone(), show(old), show(new), at)
        }
        Cause::Template {
            document,
            template,
            what,
        } => {
            let label = match what {
                TemplatePart::Template => t.template_changed,
                TemplatePart::Library => t.library_changed,
            };
            (
                format!("{label}: {document}"),
                String::new(),
                String::new(),
                format!("templates/{template}"),
            )
        }
        Cause::Option { name, old, new } => (
            format!("{}: {name}", t.option_changed),
            old.to_string(),
            new.to_string(),
            String::new(),
        ),
    };
    let _ = write!(
        out,
        "<tr><td>{}</td><td class=\"old\">{}</td><td class=\"new\">{}</td><td><code>{}</code></td></tr>",
        text(&what),
        text(&old),
        text(&new),
        text(&location)
    );
    if let Some(swaps) = unseen(&old, &new) {
        let _ = write!(
            out,
            "<tr><td colspan=\"4\" class=\"invisible\">⚠ {}: {}</td></tr>",
            text(t.invisible),
            text(&swaps)
        );
    }
}

/// Two values that read the same but differ (a Cyrillic «е» for a Latin «e», a no-break
/// space): the characters that differ, by code point.
fn unseen(old: &str, new: &str) -> Option<String> {
    let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    if old == new || a.len() != b.len() {
        return None;
    }
    let swaps: Vec<String> = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| {
            format!(
                "«{x}» U+{:04X} → «{y}» U+{:04X}",
                u32::from(*x),
                u32::from(*y)
            )
        })
        .collect();
    let looks_alike = a
        .iter()
        .zip(&b)
        .all(|(x, y)| x == y || !(x.is_ascii() && y.is_ascii()));
    looks_alike.then(|| swaps.join(", "))
}

fn layout_notes(out: &mut String, doc: &DocumentDiff, t: &Strings) {
    let notes = doc.redline.iter().flat_map(|r| &r.layout);
    for note in notes {
        let said = match note {
            LayoutNote::PageCount { old, new } => format!("{} {old} → {new}", t.page),
            LayoutNote::PageShift {
                old_page,
                new_page,
                blocks,
                ..
            } => format!("{blocks} ¶: {} {old_page} → {new_page}", t.page),
            LayoutNote::SignatureAlone { page } => format!("✍ {} {page}", t.page),
        };
        let _ = write!(
            out,
            " <span class=\"layout\">{}: {}</span>",
            text(t.layout),
            text(&said)
        );
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Added => "added",
        Status::Removed => "removed",
        Status::Changed => "changed",
        Status::Unchanged => "unchanged",
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Added => "+",
        Status::Removed => "−",
        Status::Changed => "±",
        Status::Unchanged => "=",
    }
}

/// One changed block: its number, what happened, its text with the segments marked and
/// every invisible change spelled out.
pub fn change_html(out: &mut String, number: usize, change: &Change, t: &Strings) {
    let kind = match change.kind {
        ChangeKind::Inserted => t.inserted.to_owned(),
        ChangeKind::Deleted => t.deleted.to_owned(),
        ChangeKind::Edited => t.edited.to_owned(),
        ChangeKind::Moved => t.moved.to_owned(),
        ChangeKind::MovedEdited => t.moved_edited.to_owned(),
        ChangeKind::RowMoved {
            old_number,
            new_number,
            ..
        } => {
            let n = |v: Option<u32>| v.map_or_else(|| "?".to_owned(), |v| v.to_string());
            format!("{} № {} → № {}", t.row_moved, n(old_number), n(new_number))
        }
    };
    let class = match change.kind {
        ChangeKind::Inserted => "inserted",
        ChangeKind::Deleted => "deleted",
        _ => "edited",
    };
    let _ = write!(
        out,
        "<div class=\"block change {class}\" id=\"c-{number}\"><span class=\"tag\">#{number} {}</span> ",
        text(&kind)
    );
    for segment in &change.segments {
        let tag = match segment.op {
            SegmentOp::Equal => "span",
            SegmentOp::Insert => "ins",
            SegmentOp::Delete => "del",
        };
        let _ = write!(out, "<{tag}>{}</{tag}>", text(&segment.text));
    }
    for inv in &change.invisible {
        let codes = format!(
            "{} → {}",
            inv.old_code_points.join(" "),
            inv.new_code_points.join(" ")
        );
        let _ = write!(
            out,
            "<p class=\"invisible\" title=\"{}\">⚠ {}: {} ×{} <code>{}</code></p>",
            attr(&inv.description),
            text(t.invisible),
            text(&inv.description),
            inv.count,
            text(&codes)
        );
    }
    out.push_str("</div>");
}
