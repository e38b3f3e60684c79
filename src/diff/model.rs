//! What `diff` found, as one serializable tree: the JSON of `--format json` and what the
//! text report reads.
//!
//! # JSON shape (stable; field names are the keys)
//!
//! ```text
//! { "format": 1,
//!   "cases": [Case],
//!   "summary": { "added": n, "removed": n, "changed": n, "unchanged": n } }
//! Case     { "id", "status": "added"|"removed"|"changed"|"unchanged",
//!            "old": "path"|null, "new": "path"|null,
//!            "causes": [Cause], "notes": ["…"], "documents": [Document] }
//! Cause    { "type": "field", "pointer": "/project/entry_date", "field": "project.entry_date",
//!                              "old": json|null, "new": json|null,
//!                              "location": "case.yaml:12:15"|"case.xlsx Project!B4"|null }
//!        | { "type": "template", "document": "border-notice", "template": "documents/…",
//!                                "what": "template"|"library" }
//!        | { "type": "option", "name": "draft"|"lang"|"only"|"pdf_standard"|"stage"
//!                              |"templates"|"fonts"|"today"|"tool", "old": json, "new": json }
//! Document { "id": "border-notice", "file": "05-border-notice.pdf",
//!            "status": "added"|"removed"|"changed"|"unchanged",
//!            "pages": {"old": n|null, "new": n|null},
//!            "redline": Redline|null }   (see `diff::redline`; for "changed" only)
//! ```
//! A case present on one side only has no documents listed; `notes` says what could
//! not be compared (a packet rendered by an older kzinvite has no text).

use serde::Serialize;
use serde_json::Value;

use super::redline::Redline;

/// The version of this JSON shape.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    pub format: u32,
    pub cases: Vec<CaseDiff>,
    pub summary: Counts,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub unchanged: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Changed,
    Unchanged,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseDiff {
    pub id: String,
    pub status: Status,
    pub old: Option<String>,
    pub new: Option<String>,
    pub causes: Vec<Cause>,
    pub notes: Vec<String>,
    pub documents: Vec<DocumentDiff>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Cause {
    /// A manifest field that differs (`old`/`new` null when absent on that side).
    Field {
        pointer: String,
        field: String,
        old: Option<Value>,
        new: Option<Value>,
        /// Where the field stands in NEW's manifest (`case.yaml:12:15`, `case.xlsx
        /// Specialists!F7`), when that is known.
        location: Option<String>,
    },
    /// A document's template or the shared Typst library changed.
    Template {
        document: String,
        template: String,
        what: TemplatePart,
    },
    /// A render option, `--today` or the tool version changed.
    Option {
        name: String,
        old: Value,
        new: Value,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TemplatePart {
    Template,
    Library,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentDiff {
    pub id: String,
    pub file: String,
    pub status: Status,
    pub pages: Pages,
    pub redline: Option<Redline>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Pages {
    pub old: Option<usize>,
    pub new: Option<usize>,
}

impl Counts {
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Added => self.added += 1,
            Status::Removed => self.removed += 1,
            Status::Changed => self.changed += 1,
            Status::Unchanged => self.unchanged += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.added + self.removed + self.changed + self.unchanged
    }
}

impl DiffReport {
    pub fn new(cases: Vec<CaseDiff>) -> DiffReport {
        let mut summary = Counts::default();
        for case in &cases {
            summary.add(case.status);
        }
        DiffReport {
            format: FORMAT,
            cases,
            summary,
        }
    }

    /// Whether anything differs (diff(1)'s exit 1).
    pub fn differs(&self) -> bool {
        self.cases.iter().any(|c| c.status != Status::Unchanged)
    }
}
