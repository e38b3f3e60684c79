//! Redline between two versions of one document of an invitation packet.
//!
//! Owns the pure comparison behind `kzinvite diff OLD NEW`: the input model (a document
//! as laid-out [`Block`]s), the output model ([`Redline`]), and [`compare`], which aligns
//! paragraphs first, then words inside changed paragraphs, then characters inside
//! numbers, dates and passport-like ids. It finds moved paragraphs and reordered table
//! rows, flags changes a reader cannot see, and keeps layout notes apart from text
//! changes. Nothing here reads files or knows about Typst or PDF; the input model lives in
//! [`crate::blocks`] so that rendering, below this layer, can produce it.
//!
//! # Output shape (stable; field names are the JSON keys)
//!
//! ```text
//! Redline { changes: [Change], layout: [LayoutNote], summary: Summary }
//! Change  { kind: {type: inserted|deleted|edited|moved|moved_edited
//!                  | row_moved {old_number, new_number, edited}},
//!           block: BlockKind (NEW's, OLD's for a deletion),
//!           old: {index, page} | null, new: {index, page} | null,
//!           segments: [{op: equal|insert|delete, text}],
//!           invisible: [InvisibleChange] }
//! InvisibleChange { kind: space_variant|zero_width|look_alike, old, new,
//!                   old_code_points: ["U+0020"], new_code_points: ["U+00A0"],
//!                   description, count }
//! LayoutNote { type: page_count {old, new}
//!                  | page_shift {first_new_index, last_new_index, old_page, new_page, blocks}
//!                  | signature_alone {page} }
//! Summary { inserted, deleted, edited, moved, rows_moved, rows_renumbered, invisible,
//!           layout_notes }
//! BlockKind { type: paragraph|heading|signature|other | table_row {key, number} }
//! ```
//! Indices are 0-based positions in the input slices; pages are 1-based. `segments`
//! always spell out both texts: equal + delete segments give OLD's display text, equal +
//! insert segments give NEW's (see [`display_text`]); an insertion is one insert segment,
//! a deletion one delete segment, an unchanged move one equal segment.

mod align;
mod changes;
mod compare;
mod layout;
mod links;
mod model;
mod render;
mod resemblance;
mod segments;
mod text;

pub use compare::compare;
pub use model::{
    Block, BlockKind, Change, ChangeKind, InvisibleChange, InvisibleKind, LayoutNote, Position,
    Redline, Segment, SegmentOp, Summary,
};
pub use render::render_text;
pub use text::display_text;
