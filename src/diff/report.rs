//! The `diff` report as text for a reader: per case its status, causes and changed
//! documents with their redlines (coloured when asked), then the counts.

use std::fmt::Write as _;

use serde_json::Value;

use super::model::{CaseDiff, Cause, Counts, DiffReport, Status, TemplatePart};
use super::redline::render_text;

pub fn text(report: &DiffReport, color: bool) -> String {
    let mut out = String::new();
    for c in &report.cases {
        out.push_str(&case(c, color));
    }
    out.push_str(&summary(&report.summary));
    out
}

/// One case: its status, causes and changed documents.
pub fn case(case: &CaseDiff, color: bool) -> String {
    let mut out = String::new();
    case_text(case, color, &mut out);
    out
}

/// The closing line: the counts.
pub fn summary(s: &Counts) -> String {
    format!(
        "{} case(s): {} changed, {} added, {} removed, {} unchanged\n",
        s.total(),
        s.changed,
        s.added,
        s.removed,
        s.unchanged
    )
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Added => "added",
        Status::Removed => "removed",
        Status::Changed => "changed",
        Status::Unchanged => "unchanged",
    }
}

fn case_text(case: &CaseDiff, color: bool, out: &mut String) {
    let _ = write!(out, "case {}: {}", case.id, status(case.status));
    match (&case.old, &case.new, case.status) {
        (_, Some(new), Status::Added) => {
            let _ = write!(out, " ({new})");
        }
        (Some(old), _, Status::Removed) => {
            let _ = write!(out, " ({old})");
        }
        _ => {}
    }
    out.push('\n');
    for note in &case.notes {
        let _ = writeln!(out, "  note: {note}");
    }
    if !case.causes.is_empty() {
        out.push_str("  causes:\n");
        for cause in &case.causes {
            let _ = writeln!(out, "    {}", cause_text(cause));
        }
    }
    let mut unchanged = 0;
    for doc in &case.documents {
        if doc.status == Status::Unchanged {
            unchanged += 1;
            continue;
        }
        let pages = match (doc.pages.old, doc.pages.new) {
            (Some(a), Some(b)) if a != b => format!(" (pages {a} → {b})"),
            _ => String::new(),
        };
        let _ = writeln!(out, "  {}: {}{pages}", doc.file, status(doc.status));
        if let Some(redline) = &doc.redline {
            for line in render_text(redline, color).lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    if unchanged > 0 {
        let _ = writeln!(out, "  {unchanged} document(s) unchanged");
    }
}

fn cause_text(cause: &Cause) -> String {
    let shown = |v: &Option<Value>| v.as_ref().map_or("(absent)".to_owned(), Value::to_string);
    match cause {
        Cause::Field {
            pointer,
            old,
            new,
            location,
            ..
        } => {
            let at = location
                .as_ref()
                .map_or(String::new(), |l| format!("  ({l})"));
            format!(
                "{}: {} → {}{at}",
                crate::pointer::pointer_display(pointer),
                shown(old),
                shown(new)
            )
        }
        Cause::Template {
            document,
            template,
            what,
        } => match what {
            TemplatePart::Template => format!("template of {document} changed ({template})"),
            TemplatePart::Library => format!("Typst library of {document} changed (lib/)"),
        },
        Cause::Option { name, old, new } => {
            let kind = match name.as_str() {
                "tool" => "tool version",
                "today" => "--today",
                _ => "option",
            };
            format!("{kind} {name}: {old} → {new}")
        }
    }
}
