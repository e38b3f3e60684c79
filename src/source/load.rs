//! One manifest file from disk: its bytes read within [`MAX_FILE_BYTES`], hashed, and
//! handed to the reader its extension names.

use std::path::Path;

use super::document::{Document, Format, LoadError};
use super::{excel, yaml};
use crate::diagnostic::Diagnostic;
use crate::limits::MAX_FILE_BYTES;
use crate::location::Location;

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
