//! Excel workbooks ⇄ manifests (manifest.md, "Excel layout").
//!
//! [`parse`] reads a workbook into the same [`Document`](super::Document) the YAML reader
//! builds — a JSON value plus a source map to `Sheet!Cell` — so schema and rules apply
//! unchanged. [`write_workbook`] and [`blank_workbook`] write the template people fill.
//! Both sides take the fields from the manifest schema ([`layout`]).

mod builder;
mod cell;
mod entry;
mod formats;
mod grid;
mod guard;
mod header;
pub mod layout;
mod read;
mod sheets;
mod value;
mod write;

pub use read::parse;
pub use write::{blank_workbook, write_workbook};
