//! Reading manifests: bytes from disk become a [`Document`] — a JSON value plus a
//! [`SourceMap`] from JSON pointer to where each value stands in the file.

pub mod excel;
pub mod yaml;
pub mod yaml_out;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::Diagnostic;

/// Largest manifest file read at all (rules.md: `yaml-limits`).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

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

/// Where a value stands in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A span of a text file: 1-based line and column, character offsets for snippets.
    Text {
        line: usize,
        column: usize,
        start: usize,
        end: usize,
    },
    /// A cell of a workbook, e.g. `Specialists!F7`.
    Cell { sheet: String, row: u32, col: u32 },
}

impl Location {
    pub fn sort_key(&self) -> (String, usize, usize) {
        match self {
            Location::Text { line, column, .. } => (String::new(), *line, *column),
            Location::Cell { sheet, row, col } => (sheet.clone(), *row as usize, *col as usize),
        }
    }

    /// `F7` for a cell location (0-based row and column inside).
    pub fn cell_name(&self) -> Option<String> {
        match self {
            Location::Cell { row, col, .. } => Some(format!("{}{}", column_name(*col), row + 1)),
            Location::Text { .. } => None,
        }
    }
}

/// Spreadsheet column letters for a 0-based column index: 0 → A, 26 → AA.
pub fn column_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Pointer-keyed map. foldhash: a fast hasher (every node of every manifest is
/// inserted), still seeded per process so crafted keys cannot force collisions.
type PointerMap = HashMap<String, Location, foldhash::fast::RandomState>;

/// JSON pointer → location of the value, and of the key that names it.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    values: PointerMap,
    keys: PointerMap,
}

impl SourceMap {
    pub fn insert_value(&mut self, pointer: String, location: Location) {
        self.values.insert(pointer, location);
    }

    pub fn insert_key(&mut self, pointer: String, location: Location) {
        self.keys.insert(pointer, location);
    }

    /// The location of the value at `pointer`, or of its nearest ancestor that has one
    /// (a missing key is reported at the mapping where it belongs).
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        let mut p = pointer;
        loop {
            if let Some(loc) = self.values.get(p) {
                return Some(loc.clone());
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }

    /// The location of the key naming `pointer`'s value, else the value's.
    pub fn locate_key(&self, pointer: &str) -> Option<Location> {
        self.keys
            .get(pointer)
            .cloned()
            .or_else(|| self.locate(pointer))
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
