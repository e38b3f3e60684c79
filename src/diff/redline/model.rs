//! The redline's output model: changes, segments, invisible changes, layout notes and
//! their counts (the JSON shape in the facade's docs).

use serde::Serialize;

pub use crate::blocks::{Block, BlockKind};

/// Everything that differs between two versions of a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Redline {
    /// Text changes in NEW's reading order; deletions stand where they were in OLD.
    pub changes: Vec<Change>,
    /// Layout notes, kept apart from the text changes.
    pub layout: Vec<LayoutNote>,
    pub summary: Summary,
}

impl Redline {
    /// True when the two versions read and lay out the same.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.layout.is_empty() && self.summary.rows_renumbered == 0
    }
}

/// One changed block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// The block's kind in NEW (in OLD for a deletion).
    pub block: BlockKind,
    pub old: Option<Position>,
    pub new: Option<Position>,
    /// The redline itself, at the finest level computed.
    pub segments: Vec<Segment>,
    /// Changes a reader cannot see, spelled out.
    pub invisible: Vec<InvisibleChange>,
}

impl Change {
    /// OLD's display text, rebuilt from the segments.
    pub fn old_text(&self) -> String {
        self.side_text(SegmentOp::Delete)
    }

    /// NEW's display text, rebuilt from the segments.
    pub fn new_text(&self) -> String {
        self.side_text(SegmentOp::Insert)
    }

    fn side_text(&self, side: SegmentOp) -> String {
        let kept = self
            .segments
            .iter()
            .filter(|s| s.op == SegmentOp::Equal || s.op == side);
        kept.map(|s| s.text.as_str()).collect()
    }
}

/// How a block changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChangeKind {
    Inserted,
    Deleted,
    Edited,
    Moved,
    MovedEdited,
    /// A table row that moved among the others; `edited` when its text changed as well
    /// (its "№" cell excepted).
    RowMoved {
        old_number: Option<u32>,
        new_number: Option<u32>,
        edited: bool,
    },
}

/// Where a block stands in one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 0-based index in that version's block list.
    pub index: usize,
    /// 1-based page where the block starts.
    pub page: u32,
}

/// A run of text that is kept, inserted or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub op: SegmentOp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentOp {
    Equal,
    Insert,
    Delete,
}

/// A change a reader cannot see: the character(s) on each side and what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvisibleChange {
    pub kind: InvisibleKind,
    /// The character in OLD ("" when one was added).
    pub old: String,
    /// The character in NEW ("" when one was removed).
    pub new: String,
    pub old_code_points: Vec<String>,
    pub new_code_points: Vec<String>,
    /// E.g. "Latin «A» (U+0041) replaced by Cyrillic «А» (U+0410)".
    pub description: String,
    /// How many times this same swap occurs in the block.
    pub count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvisibleKind {
    /// A space swapped for a no-break, narrow, figure… space or back.
    SpaceVariant,
    /// A zero-width character added or removed.
    ZeroWidth,
    /// A letter swapped for its look-alike in another script.
    LookAlike,
}

/// A difference in how the document is laid out, not in what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LayoutNote {
    /// The last page a block starts on changed.
    PageCount { old: u32, new: u32 },
    /// A run of unchanged or moved blocks, in NEW's order, that all start `new_page -
    /// old_page` pages off; `old_page`/`new_page` are those of the run's first block.
    PageShift {
        first_new_index: usize,
        last_new_index: usize,
        old_page: u32,
        new_page: u32,
        blocks: usize,
    },
    /// In NEW the signature block (with at most the executor line) is alone on `page`;
    /// in OLD it was not alone on any page.
    SignatureAlone { page: u32 },
}

/// Counts of the changes; `moved` counts `moved` and `moved_edited`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub inserted: usize,
    pub deleted: usize,
    pub edited: usize,
    pub moved: usize,
    pub rows_moved: usize,
    /// Rows that kept their place and text but got another "№"; not listed as changes.
    pub rows_renumbered: usize,
    /// Invisible character changes, each occurrence counted.
    pub invisible: usize,
    pub layout_notes: usize,
}
