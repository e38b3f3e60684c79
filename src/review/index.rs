//! The index page of a batch: one row per case — id, stage, warnings, changes (with
//! `--against`) — each linking to the case's page beside it.

use std::fmt::Write as _;

use super::escape::{attr, text};
use super::i18n::strings;
use super::model::Review;
use super::page::head;
use crate::diff::model::Status;
use crate::language::Language;

/// One row of the index: what it shows of a case and the file name of its page.
#[derive(Debug, Clone)]
pub struct IndexRow {
    pub id: String,
    pub stage: usize,
    pub warnings: usize,
    pub changes: Option<Status>,
    pub href: String,
    pub language: Language,
}

impl IndexRow {
    pub fn of(review: &Review, href: &str) -> IndexRow {
        IndexRow {
            id: review.meta.id.clone(),
            stage: review.meta.stage as usize,
            warnings: review.meta.warnings.len(),
            changes: review.against.as_ref().map(|a| a.diff.status),
            href: href.to_owned(),
            language: review.meta.language,
        }
    }
}

/// The index, in the language most of its cases have (Russian on a tie).
pub fn index_page(rows: &[IndexRow], redacted: bool) -> String {
    let kk = rows.iter().filter(|r| r.language == Language::Kk).count();
    let ui = if kk * 2 > rows.len() {
        Language::Kk
    } else {
        Language::Ru
    };
    let t = strings(ui);
    let mut out = String::new();
    head(&mut out, t, t.index_title);
    let _ = write!(
        out,
        "<header><h1>{} ({})</h1>",
        text(t.index_title),
        rows.len()
    );
    if redacted {
        let _ = write!(out, "<p class=\"banner\">{}</p>", text(t.redacted));
    }
    let with_changes = rows.iter().any(|r| r.changes.is_some());
    let _ = write!(
        out,
        "</header><table class=\"index\"><tr><th>{}</th><th>{}</th><th>{}</th>",
        text(t.case),
        text(t.stage),
        text(t.warnings)
    );
    if with_changes {
        let _ = write!(out, "<th>{}</th>", text(t.changes));
    }
    out.push_str("<th></th></tr>");
    for row in rows {
        let stage = t.stages.get(row.stage).copied().unwrap_or_default();
        let _ = write!(
            out,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td>",
            attr(&row.href),
            text(&row.id),
            text(stage),
            row.warnings
        );
        if with_changes {
            let said = match row.changes {
                Some(Status::Changed) => "±",
                Some(Status::Added) => "+",
                Some(Status::Removed) => "−",
                Some(Status::Unchanged) => "=",
                None => "",
            };
            let _ = write!(out, "<td>{said}</td>");
        }
        let _ = write!(
            out,
            "<td><a href=\"{}\">{}</a></td></tr>",
            attr(&row.href),
            text(t.open)
        );
    }
    out.push_str("</table></main></body></html>\n");
    out
}
