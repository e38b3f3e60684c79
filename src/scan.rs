//! Passport scans and other annexes on disk: where a path really leads (never out of
//! the manifest's folder), what the file is by content, and whether it is within the
//! limits. The rules turn a [`ScanProblem`] into a diagnostic; rendering reads the file
//! at the path resolved here. A leaf.

use foldhash::{HashMap, HashMapExt};
use std::io::{BufRead, Read};
use std::path::{Component, Path, PathBuf};

use crate::limits::{MAX_CACHED_SCANS, MAX_SCAN_BYTES, MAX_SCAN_PIXELS};

/// The kinds of file that can be annexed to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKind {
    Pdf,
    Jpeg,
    Png,
}

impl ScanKind {
    pub fn name(self) -> &'static str {
        match self {
            ScanKind::Pdf => "PDF",
            ScanKind::Jpeg => "JPEG",
            ScanKind::Png => "PNG",
        }
    }
}

/// Sniffs the file type from its first bytes.
pub fn sniff(head: &[u8]) -> Option<ScanKind> {
    if head.starts_with(b"%PDF-") {
        Some(ScanKind::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ScanKind::Jpeg)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ScanKind::Png)
    } else {
        None
    }
}

/// Why a scan path is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanProblem {
    Absolute,
    Escapes,
    Missing,
    NotAFile,
    WrongType,
    /// Starts like a PDF, JPEG or PNG but cannot be read: damaged, truncated, encrypted.
    Unreadable(ScanKind),
    TooLarge {
        bytes: u64,
    },
    TooManyPixels {
        width: u64,
        height: u64,
    },
}

/// A scan that may be annexed: where it really is, its type and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub path: PathBuf,
    pub kind: ScanKind,
    pub bytes: u64,
}

/// The scan paths a manifest value names, as written (`specialists[].passport.scan`,
/// `visa_support.copy`), valid or not: what `watch` follows beside the manifest.
pub fn named(manifest: &serde_json::Value) -> Vec<String> {
    let specialists = manifest
        .get("specialists")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.pointer("/passport/scan"));
    specialists
        .chain(manifest.pointer("/visa_support/copy"))
        .filter_map(serde_json::Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// Resolves a scan path inside `base`; the file's real location must stay inside it.
pub fn resolve_scan(base: &Path, relative: &str) -> Result<(PathBuf, ScanKind), ScanProblem> {
    inspect_scan(base, relative).map(|scan| (scan.path, scan.kind))
}

/// Resolves a scan path inside `base` and checks the file: inside the folder (symlinks
/// followed), a PDF, JPEG or PNG by content, readable, within the size limits. Reads the
/// whole file only for a PDF under [`MAX_SCAN_BYTES`]; images only up to their size.
pub fn inspect_scan(base: &Path, relative: &str) -> Result<Scan, ScanProblem> {
    ScanFolder::new(base).inspect(relative)
}

/// The folder a manifest's scans are relative to, with the real paths of the folders
/// met so far: a case names twenty scans in one `scans/` folder, and resolving each
/// path whole would ask the kernel about every component of it twenty times.
pub struct ScanFolder<'a> {
    base: &'a Path,
    /// `base` with links resolved; `None` when it cannot be.
    real_base: Option<PathBuf>,
    /// Real paths of the folders holding scans, by their path as written.
    folders: HashMap<PathBuf, Option<PathBuf>>,
    /// What files were found to be, kept across checks (the language server's).
    cache: Option<&'a ScanCache>,
}

impl<'a> ScanFolder<'a> {
    pub fn new(base: &'a Path) -> ScanFolder<'a> {
        ScanFolder::cached(base, None)
    }

    /// A folder whose files are read once while their size and time stay the same.
    pub fn cached(base: &'a Path, cache: Option<&'a ScanCache>) -> ScanFolder<'a> {
        ScanFolder {
            base,
            real_base: std::fs::canonicalize(base).ok(),
            folders: HashMap::new(),
            cache,
        }
    }

    /// See [`inspect_scan`].
    pub fn inspect(&mut self, relative: &str) -> Result<Scan, ScanProblem> {
        let rel = Path::new(relative);
        if rel.is_absolute()
            || relative.starts_with('/')
            || relative.starts_with('\\')
            || relative.contains(':')
        {
            return Err(ScanProblem::Absolute);
        }
        if rel.components().any(|c| matches!(c, Component::ParentDir)) {
            return Err(ScanProblem::Escapes);
        }
        // Where links lead first: a link out of the folder is refused whatever it reaches.
        let (real, regular) = self.real_path(&self.base.join(rel), relative)?;
        let real_base = self.real_base.as_deref().ok_or(ScanProblem::Missing)?;
        if !real.starts_with(real_base) {
            return Err(ScanProblem::Escapes);
        }
        match self.cache {
            Some(cache) => cache.inspect(real),
            None => read_scan(real, regular),
        }
    }

    /// `path` with every link resolved, as `canonicalize` gives it, with the folder
    /// part resolved once per folder. A file that is itself a link, or a path that does
    /// not end in a plain name, is resolved whole. With the real path comes its size when
    /// it was already seen to be a regular file (`None`: not looked at yet).
    fn real_path(
        &mut self,
        path: &Path,
        relative: &str,
    ) -> Result<(PathBuf, Option<u64>), ScanProblem> {
        let whole = || {
            std::fs::canonicalize(path)
                .map(|real| (real, None))
                .map_err(|_| ScanProblem::Missing)
        };
        let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
            return whole();
        };
        if relative.ends_with(['/', '\\']) || relative.ends_with("/.") {
            return whole();
        }
        let real_folder = self
            .folders
            .entry(folder.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(folder).ok())
            .as_ref()
            .ok_or(ScanProblem::Missing)?;
        let candidate = real_folder.join(name);
        let meta = std::fs::symlink_metadata(&candidate).map_err(|_| ScanProblem::Missing)?;
        if meta.file_type().is_symlink() {
            return whole();
        }
        Ok((candidate, meta.is_file().then_some(meta.len())))
    }
}

/// What scans were found to be, by real path, size and modification time: a checker
/// that sees the same manifest again (the language server, on every keystroke) reads a
/// file again only when one of them changed. Bounded: past [`MAX_CACHED_SCANS`] files it
/// starts afresh.
#[derive(Debug, Default)]
pub struct ScanCache {
    files: std::sync::Mutex<HashMap<PathBuf, Cached>>,
}

#[derive(Debug, Clone)]
struct Cached {
    bytes: u64,
    modified: Option<std::time::SystemTime>,
    found: Result<Scan, ScanProblem>,
}

impl ScanCache {
    pub fn new() -> ScanCache {
        ScanCache::default()
    }

    /// The file at `real` inspected, or as it was when its size and time were these.
    fn inspect(&self, real: PathBuf) -> Result<Scan, ScanProblem> {
        let Ok(meta) = std::fs::metadata(&real) else {
            return Err(ScanProblem::Missing);
        };
        if !meta.is_file() {
            return Err(ScanProblem::NotAFile);
        }
        let (bytes, modified) = (meta.len(), meta.modified().ok());
        let files = || {
            self.files
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(c) = files().get(&real)
            && c.bytes == bytes
            && c.modified == modified
            && modified.is_some()
        {
            return c.found.clone();
        }
        let found = read_scan(real.clone(), Some(bytes));
        let mut cached = files();
        if cached.len() >= MAX_CACHED_SCANS {
            cached.clear();
        }
        let found_again = found.clone();
        cached.insert(
            real,
            Cached {
                bytes,
                modified,
                found,
            },
        );
        found_again
    }
}

/// Opens the scan at its real path and checks type, size and readability, reading the
/// file once: whole for a PDF (it is parsed), up to the frame header for an image.
/// `regular`: the size of the file, when the path was already seen to be a regular file
/// (no need to ask the kernel again: one `stat` less for each of 20,000 scans).
fn read_scan(real: PathBuf, regular: Option<u64>) -> Result<Scan, ScanProblem> {
    // Never opened unless a regular file: a pipe would block, a device never end.
    let len = match regular {
        Some(len) => len,
        None => {
            let meta = std::fs::metadata(&real).map_err(|_| ScanProblem::Missing)?;
            if !meta.is_file() {
                return Err(ScanProblem::NotAFile);
            }
            meta.len()
        }
    };
    let file = std::fs::File::open(&real).map_err(|_| ScanProblem::Missing)?;
    // Never more than the limit, even if the file grew since it was measured.
    let mut limited = std::io::BufReader::new(file.take(MAX_SCAN_BYTES + 1));
    let head = limited.fill_buf().map_err(|_| ScanProblem::Missing)?;
    let kind = sniff(head).ok_or(ScanProblem::WrongType)?;
    if len > MAX_SCAN_BYTES {
        return Err(ScanProblem::TooLarge { bytes: len });
    }
    let size = match kind {
        ScanKind::Pdf => {
            // The size is known: the read stops there, without asking the file once more
            // for its end (one `read` for a scan that fits the buffer instead of two —
            // 20,000 scans per 1,000 manifests). A file grown since is read to its old
            // size, within the limit checked above; one shrunk, to its new.
            let mut bytes = Vec::with_capacity(len as usize);
            limited
                .by_ref()
                .take(len)
                .read_to_end(&mut bytes)
                .map_err(|_| ScanProblem::Missing)?;
            let readable = hayro_syntax::Pdf::new(std::sync::Arc::new(bytes))
                .is_ok_and(|pdf| !pdf.pages().is_empty());
            readable.then_some(None)
        }
        ScanKind::Png => png_size(&mut limited).map(Some),
        ScanKind::Jpeg => jpeg_size(&mut limited).map(Some),
    };
    match size {
        None | Some(Some((0, _) | (_, 0))) => return Err(ScanProblem::Unreadable(kind)),
        Some(Some((width, height))) if width.saturating_mul(height) > MAX_SCAN_PIXELS => {
            return Err(ScanProblem::TooManyPixels { width, height });
        }
        Some(_) => {}
    }
    Ok(Scan {
        path: real,
        kind,
        bytes: len,
    })
}

/// Width and height from a PNG's header (the `IHDR` chunk must come first).
fn png_size(r: &mut impl Read) -> Option<(u64, u64)> {
    let mut head = [0u8; 24];
    r.read_exact(&mut head).ok()?;
    if &head[12..16] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    Some((be(&head[16..20]), be(&head[20..24])))
}

/// Width and height from a JPEG's frame header, walking the segments before it.
fn jpeg_size(r: &mut impl Read) -> Option<(u64, u64)> {
    let byte = |r: &mut dyn Read| {
        let mut b = [0u8; 1];
        r.read_exact(&mut b).ok().map(|_| b[0])
    };
    if (byte(r)?, byte(r)?) != (0xFF, 0xD8) {
        return None;
    }
    loop {
        if byte(r)? != 0xFF {
            return None;
        }
        let mut marker = byte(r)?;
        while marker == 0xFF {
            marker = byte(r)?;
        }
        match marker {
            // Markers without a length: restart markers, TEM.
            0xD0..=0xD7 | 0x01 => continue,
            // End of image or start of scan before any frame header: no size.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let length = u16::from_be_bytes([byte(r)?, byte(r)?]);
        let body = u64::from(length.checked_sub(2)?);
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let mut frame = [0u8; 5];
            r.read_exact(&mut frame).ok()?;
            let height = u16::from_be_bytes([frame[1], frame[2]]);
            let width = u16::from_be_bytes([frame[3], frame[4]]);
            return Some((u64::from(width), u64::from(height)));
        }
        let skipped = std::io::copy(&mut r.by_ref().take(body), &mut std::io::sink()).ok()?;
        if skipped != body {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(ScanKind::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ScanKind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), Some(ScanKind::Png));
        assert_eq!(sniff(b"GIF89a"), None);
    }

    /// A PNG header declaring `width` × 1 pixels.
    fn png(width: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(1u32.to_be_bytes());
        bytes
    }

    #[test]
    fn a_cached_scan_is_read_again_when_it_changes() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("scan.png");
        std::fs::write(&file, png(10))?;
        let cache = ScanCache::new();
        let inspect = || ScanFolder::cached(dir.path(), Some(&cache)).inspect("scan.png");
        let first = inspect();
        assert_eq!(first.as_ref().map(|s| s.kind), Ok(ScanKind::Png));
        assert_eq!(inspect(), first);
        // Another size: read again (now zero pixels wide, unreadable).
        std::fs::write(&file, [png(0), b"more".to_vec()].concat())?;
        assert_eq!(inspect(), Err(ScanProblem::Unreadable(ScanKind::Png)));
        std::fs::remove_file(&file)?;
        assert_eq!(inspect(), Err(ScanProblem::Missing));
        Ok(())
    }
}
