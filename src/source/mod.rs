//! Reading manifests: bytes from disk become a [`Document`] — a JSON value plus a
//! [`SourceMap`](crate::location::SourceMap) from JSON pointer to where each value stands in the file.

pub mod excel;
pub mod yaml;
pub mod yaml_out;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::limits::MAX_FILE_BYTES;
use crate::location::{Location, SourceMap};

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

/// Reads and parses one manifest file.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    let format = Format::of(path).unwrap_or(Format::Yaml);
    let bytes = read_limited(path, format)?;
    let sha256 = crate::hash::sha256_hex(&bytes);
    let mut doc = match format {
        Format::Yaml => yaml::parse(&bytes)?,
        Format::Excel => excel::parse(&bytes)?,
    };
    doc.path = path.to_path_buf();
    doc.sha256 = sha256;
    Ok(doc)
}

/// The file's bytes, refused without reading them when there are more than
/// [`MAX_FILE_BYTES`]. The size is taken from the open file, and at most one byte past
/// the limit is ever read, so a file that grows meanwhile cannot slip through.
fn read_limited(path: &Path, format: Format) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(LoadError::Io)?;
    let meta = file.metadata().map_err(LoadError::Io)?;
    if meta.is_dir() {
        return Err(LoadError::Io(std::io::Error::other("is a folder")));
    }
    if !meta.is_file() {
        // A device or a pipe could block or never end: only regular files are manifests.
        return Err(LoadError::Io(std::io::Error::other(
            "not a regular file (a device, pipe or socket)",
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(format, meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(LoadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(format, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(format: Format, size: u64) -> LoadError {
    let diagnostic = Diagnostic::error(
        match format {
            Format::Yaml => "yaml-limits",
            Format::Excel => "excel-format",
        },
        format!(
            "the file is larger than 10 MiB ({size} bytes or more; the limit is {MAX_FILE_BYTES}): not read"
        ),
    )
    .help("a manifest describes one case; split it, or move large attachments out of it");
    let diagnostic = match format {
        Format::Yaml => diagnostic.located(Location::Text {
            line: 1,
            column: 1,
            start: 0,
            end: 0,
        }),
        Format::Excel => diagnostic,
    };
    LoadError::invalid(diagnostic, None)
}
