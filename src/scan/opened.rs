//! A scan file opened once, without following a link where asked, with its metadata
//! from the open file: what is measured, typed and read is one and the same regular file.

use std::path::Path;

use super::kind::ScanProblem;

/// A regular file opened, and what the kernel says of it: the same file is measured,
/// typed and read, whatever is renamed over its path meanwhile.
#[derive(Debug)]
pub(super) struct Opened {
    pub(super) file: std::fs::File,
    pub(super) meta: std::fs::Metadata,
}

impl Opened {
    /// Opens the file at `path`, links followed (`path` is a real path, resolved).
    pub(super) fn at(path: &Path) -> Result<Opened, ScanProblem> {
        Opened::open(path, false)?.ok_or(ScanProblem::Missing)
    }

    /// Opens the file at `path` unless its last part is a link (`None`: to be resolved).
    pub(super) fn unless_link(path: &Path) -> Result<Option<Opened>, ScanProblem> {
        Opened::open(path, true)
    }

    /// Never blocks, nor takes a terminal: a pipe opens at once and is refused as not a
    /// file before anything is read from it (a device would never end).
    #[cfg(unix)]
    fn open(path: &Path, refuse_link: bool) -> Result<Option<Opened>, ScanProblem> {
        use std::os::unix::fs::OpenOptionsExt;
        let link = if refuse_link { libc::O_NOFOLLOW } else { 0 };
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | link)
            .open(path);
        let file = match file {
            Ok(file) => file,
            // What `O_NOFOLLOW` answers for a link.
            Err(e) if refuse_link && e.raw_os_error() == Some(libc::ELOOP) => return Ok(None),
            Err(_) => return Err(ScanProblem::Missing),
        };
        let meta = file.metadata().map_err(|_| ScanProblem::Missing)?;
        if !meta.is_file() {
            return Err(ScanProblem::NotAFile);
        }
        Ok(Some(Opened { file, meta }))
    }

    /// Elsewhere a link is told by its metadata, and only a regular file is opened.
    #[cfg(not(unix))]
    fn open(path: &Path, refuse_link: bool) -> Result<Option<Opened>, ScanProblem> {
        let meta = if refuse_link {
            std::fs::symlink_metadata(path)
        } else {
            std::fs::metadata(path)
        };
        let meta = meta.map_err(|_| ScanProblem::Missing)?;
        if meta.file_type().is_symlink() {
            return Ok(None);
        }
        if !meta.is_file() {
            return Err(ScanProblem::NotAFile);
        }
        let file = std::fs::File::open(path).map_err(|_| ScanProblem::Missing)?;
        Ok(Some(Opened { file, meta }))
    }
}
