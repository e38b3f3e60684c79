//! The boundary every reader produces: a [`Document`] (a JSON value plus the source map
//! from JSON pointer to where each value stands in the file), the [`Format`] it was read
//! from, and the [`LoadError`] for a file that yields no document at all.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::location::SourceMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Excel,
}

impl Format {
    /// The format a path's extension names, if it is a manifest at all.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "xlsx" => Some(Format::Excel),
            _ => None,
        }
    }
}

/// A manifest as read: its data, where each value came from, and the text for snippets.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub format: Format,
    pub value: Value,
    pub map: SourceMap,
    /// The source text (YAML), for printing snippets; `None` for workbooks.
    pub text: Option<Arc<str>>,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// Problems found while reading that still left a usable document
    /// (duplicate keys, cells that could not be read).
    pub findings: Vec<Diagnostic>,
}

/// Why a manifest could not be turned into a document at all.
#[derive(Debug)]
pub enum LoadError {
    /// The path cannot be read (missing, permission, a folder…): a tool-level failure.
    Io(std::io::Error),
    /// The content is not a manifest the readers accept: one diagnostic, with the
    /// source text when there is one.
    Invalid {
        diagnostic: Box<Diagnostic>,
        text: Option<Arc<str>>,
    },
}

impl LoadError {
    pub fn invalid(diagnostic: Diagnostic, text: Option<Arc<str>>) -> Self {
        LoadError::Invalid {
            diagnostic: Box::new(diagnostic),
            text,
        }
    }
}
