//! File writing that never destroys a user's file.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

/// Writes `bytes` to a new file at `path`; refuses if another file is there. Writing
/// the same content again is a no-op, so scripts can re-run.
pub fn write_new_or_same(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Ok(meta) = std::fs::metadata(path) {
        // Compared only when it can be equal: a device (`/dev/zero`) would be read forever.
        let same = meta.is_file()
            && meta.len() == bytes.len() as u64
            && std::fs::read(path).is_ok_and(|existing| existing == bytes);
        if same {
            return Ok(());
        }
        bail!(
            "{} already exists and differs: not overwritten (remove it or pick another path)",
            path.display()
        );
    }
    write_new(path, bytes)
}

/// Replaces the file at `path` (or creates it) with `bytes`, atomically: readers see the
/// old file or the new one, never half of one. Only for files kzinvite itself wrote.
pub fn replace(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = staged(path, bytes)?;
    tmp.persist(path)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

/// Creates `path` exclusively (never overwrites) and writes `bytes`, via a temporary file
/// in the same folder so a crash never leaves half a file under the final name.
pub fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = staged(path, bytes)?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("{} already exists: not overwritten", path.display())
        } else {
            anyhow::anyhow!("cannot write {}: {}", path.display(), e.error)
        }
    })?;
    Ok(())
}

/// `bytes` written and synced in a temporary file beside `path`, not yet in place.
fn staged(path: &Path, bytes: &[u8]) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".kzinvite-")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes)?;
    // tempfile creates 0600; a file the user asked for is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .ok();
    }
    tmp.as_file().sync_all().ok();
    Ok(tmp)
}
