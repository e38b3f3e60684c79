//! The text of a laid-out document as blocks (paragraphs, headings, table rows, the
//! signature) in reading order: what rendering extracts, packets keep and `diff` compares.

use serde::{Deserialize, Serialize};

/// One paragraph of a document as laid out, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// The paragraph's text, line breaks from reflow already joined.
    pub text: String,
    /// 1-based page where the block starts.
    pub page: u32,
    /// What the block is in the document.
    pub kind: BlockKind,
    /// Where the block stands on its page, from the layout; packets do not store it
    /// (the review page marks changes with it, from a layout made in memory).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<Rect>,
}

/// A rectangle on a page, in whole points from the top left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
}

impl Rect {
    /// The smallest rectangle holding both.
    pub fn union(self, other: Rect) -> Rect {
        let (x, y) = (self.x.min(other.x), self.y.min(other.y));
        let right = (self.x + self.width).max(other.x + other.width);
        let bottom = (self.y + self.height).max(other.y + other.height);
        Rect {
            x,
            y,
            width: right - x,
            height: bottom - y,
        }
    }
}

/// What a block is; table rows carry the specialist's passport number and row number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A row of the specialists table: `key` is the passport number, `number` the "№" cell.
    TableRow {
        key: Option<String>,
        number: Option<u32>,
    },
    /// The signature block (position, name, signature line).
    Signature,
    Other,
}

impl Block {
    /// A block of any kind.
    pub fn new(kind: BlockKind, text: impl Into<String>, page: u32) -> Self {
        Self {
            text: text.into(),
            page,
            kind,
            bbox: None,
        }
    }

    /// The block with its position on the page.
    pub fn at(mut self, bbox: Option<Rect>) -> Self {
        self.bbox = bbox;
        self
    }

    /// A paragraph.
    pub fn paragraph(text: impl Into<String>, page: u32) -> Self {
        Self::new(BlockKind::Paragraph, text, page)
    }

    /// A row of the specialists table.
    pub fn row(text: impl Into<String>, page: u32, key: Option<&str>, number: Option<u32>) -> Self {
        let kind = BlockKind::TableRow {
            key: key.map(str::to_owned),
            number,
        };
        Self::new(kind, text, page)
    }
}
