//! Scans remembered across checks by real path, size and modification time (the
//! language server's): a file is read again only when one of them changed.

use foldhash::HashMap;
use std::path::PathBuf;

use super::kind::{Scan, ScanProblem};
use super::opened::Opened;
use super::read::read_scan;
use crate::limits::MAX_CACHED_SCANS;

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
    pub(super) fn inspect(&self, real: PathBuf, opened: Opened) -> Result<Scan, ScanProblem> {
        let (bytes, modified) = (opened.meta.len(), opened.meta.modified().ok());
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
        let found = read_scan(real.clone(), opened);
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
