//! Where a scan path really leads: resolved inside the manifest's folder (never out of
//! it, links followed), the folder part once per folder, the file opened there once.

use foldhash::{HashMap, HashMapExt};
use std::path::{Component, Path, PathBuf};

use super::cache::ScanCache;
use super::kind::{Scan, ScanKind, ScanProblem};
use super::opened::Opened;
use super::read::read_scan;

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
/// whole file only for a PDF within the size limit; images only up to their size.
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
        let (real, opened) = self.real_path(&self.base.join(rel), relative)?;
        let real_base = self.real_base.as_deref().ok_or(ScanProblem::Missing)?;
        if !real.starts_with(real_base) {
            return Err(ScanProblem::Escapes);
        }
        let opened = match opened {
            Some(opened) => opened,
            None => Opened::at(&real)?,
        };
        match self.cache {
            Some(cache) => cache.inspect(real, opened),
            None => read_scan(real, opened),
        }
    }

    /// `path` with every link resolved, as `canonicalize` gives it, with the folder
    /// part resolved once per folder. A file that is itself a link, or a path that does
    /// not end in a plain name, is resolved whole. With the real path comes the file,
    /// when it was opened there already (`None`: to be opened at the real path).
    fn real_path(
        &mut self,
        path: &Path,
        relative: &str,
    ) -> Result<(PathBuf, Option<Opened>), ScanProblem> {
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
        match Opened::unless_link(&candidate)? {
            Some(opened) => Ok((candidate, Some(opened))),
            None => whole(),
        }
    }
}
