//! Excel workbooks ⇄ manifests (manifest.md, "Excel layout").
//!
//! [`parse`] reads a workbook into the same [`Document`](super::Document) the YAML reader
//! builds — a JSON value plus a source map to `Sheet!Cell` — so schema and rules apply
//! unchanged. Both sides take the fields from the manifest schema ([`layout`]).

mod cell;
mod guard;
pub mod layout;
mod read;

use serde_json::Value;

pub use guard::{MAX_ENTRIES, MAX_SHARED_STRINGS, MAX_UNPACKED_BYTES};
pub use read::{MAX_CELLS, MAX_SHEETS, parse};

pub fn blank_workbook() -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("writing Excel workbooks is not supported yet")
}

pub fn write_workbook(_value: &Value) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("writing Excel workbooks is not supported yet")
}
