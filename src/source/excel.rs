//! Excel workbooks ⇄ documents (placeholder until the Excel reader lands).

use serde_json::Value;

use super::{Document, LoadError};
use crate::diagnostic::Diagnostic;

pub fn parse(_bytes: &[u8]) -> Result<Document, LoadError> {
    Err(LoadError::invalid(
        Diagnostic::error("excel-format", "Excel manifests are not supported yet"),
        None,
    ))
}

pub fn blank_workbook() -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("Excel workbooks are not supported yet")
}

pub fn write_workbook(_value: &Value) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("Excel workbooks are not supported yet")
}
