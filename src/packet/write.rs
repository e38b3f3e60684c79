//! Writing a packet: `OUT/<id>/NN-<doc>.pdf`, `specialists.xlsx`, `packet.json` —
//! built in a temporary folder beside the target and renamed into place only when
//! complete, so an interrupted or failed run never leaves a partial packet under its
//! final name and never destroys the previous one.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::meta::{is_plain_name, written_by_kzinvite};

const TMP_PREFIX: &str = ".kzinvite-tmp-";
const OLD_PREFIX: &str = ".kzinvite-old-";

/// Whether a previous packet may be replaced by a new one at `target`: a folder this
/// tool wrote, or an empty one. Anything else there is the user's and is never removed.
fn replaceable(target: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(target) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    written_by_kzinvite(target)
        || std::fs::read_dir(target).is_ok_and(|mut entries| entries.next().is_none())
}

/// Writes the files as `out/<id>/`, atomically replacing a previous packet.
pub fn write(out: &Path, id: &str, files: &[(String, Vec<u8>)]) -> anyhow::Result<PathBuf> {
    stage(out, id, files)?.commit()
}

/// A packet written in full in a temporary folder beside its target, not yet in place.
/// Dropped without [`Staged::commit`], it is removed; if the process dies first, the
/// next run's [`recover`] removes it.
pub struct Staged {
    dir: tempfile::TempDir,
    out: PathBuf,
    id: String,
}

/// Writes the files of `out/<id>/` into a temporary folder in `out`, each synced to disk.
pub fn stage(out: &Path, id: &str, files: &[(String, Vec<u8>)]) -> anyhow::Result<Staged> {
    if !is_plain_name(id) || id.starts_with('.') {
        bail!("`{id}` cannot name a folder");
    }
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the output folder {}", out.display()))?;
    let dir = tempfile::Builder::new()
        .prefix(&format!("{TMP_PREFIX}{id}-"))
        .tempdir_in(out)
        .with_context(|| format!("cannot write in {}", out.display()))?;
    for (name, bytes) in files {
        let path = dir.path().join(name);
        let mut file = std::fs::File::create(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        std::io::Write::write_all(&mut file, bytes)
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    sync_dir(dir.path());
    Ok(Staged {
        dir,
        out: out.to_path_buf(),
        id: id.to_owned(),
    })
}

impl Staged {
    /// Moves the packet into place as `out/<id>/`, replacing a previous packet; on
    /// failure the previous packet stays as it was.
    pub fn commit(self) -> anyhow::Result<PathBuf> {
        let Staged { dir, out, id } = self;
        let target = out.join(&id);
        let old = if std::fs::symlink_metadata(&target).is_ok() {
            if !replaceable(&target) {
                bail!(
                    "{} exists and is not a packet kzinvite wrote: it is left as it is, and this packet is not written (move it away, or render into another --out)",
                    target.display()
                );
            }
            let old = out.join(format!("{OLD_PREFIX}{id}-{}", std::process::id()));
            if std::fs::symlink_metadata(&old).is_ok() {
                std::fs::remove_dir_all(&old).ok();
            }
            std::fs::rename(&target, &old).with_context(|| {
                format!("cannot move the previous packet {} aside", target.display())
            })?;
            Some(old)
        } else {
            None
        };
        let staged = dir.keep();
        if let Err(e) = std::fs::rename(&staged, &target) {
            // Put the previous packet back; the new one is removed.
            if let Some(old) = &old {
                std::fs::rename(old, &target).ok();
            }
            std::fs::remove_dir_all(&staged).ok();
            bail!("cannot move the new packet into {}: {e}", target.display());
        }
        sync_dir(&out);
        if let Some(old) = old {
            std::fs::remove_dir_all(&old).ok();
        }
        Ok(target)
    }
}

/// Makes renames and new entries in a folder durable (best effort: not every
/// platform can open a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        d.sync_all().ok();
    }
}

/// Holds the output folder for one run, so that two runs writing into it take turns
/// and [`recover`] never mistakes another live run's files for leftovers. Released
/// when dropped, and by the system when the process dies.
pub struct OutLock {
    _dir: Option<std::fs::File>,
}

/// Creates `out` if needed and locks it, waiting for another run that holds it. Where
/// the folder cannot be created or locked the run goes on unlocked: each packet then
/// fails, or succeeds, on its own.
pub fn lock(out: &Path) -> OutLock {
    let dir = std::fs::create_dir_all(out)
        .and_then(|()| std::fs::File::open(out))
        .ok();
    let dir = dir.filter(|d| match d.try_lock() {
        Ok(()) => true,
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another kzinvite writing into {} to finish…",
                out.display()
            );
            d.lock().is_ok()
        }
        Err(std::fs::TryLockError::Error(_)) => false,
    });
    OutLock { _dir: dir }
}

/// Cleans up after runs that were killed: staged packets are removed, a previous
/// packet moved aside and never replaced is put back. Call it holding [`lock`].
pub fn recover(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name.starts_with(TMP_PREFIX) {
            std::fs::remove_dir_all(&path).ok();
        } else if let Some(rest) = name.strip_prefix(OLD_PREFIX) {
            // `<id>-<pid>`: ids may contain `-`, the pid never does.
            let Some((id, _pid)) = rest.rsplit_once('-') else {
                continue;
            };
            if !is_plain_name(id) || id.starts_with('.') {
                continue;
            }
            let target = out.join(id);
            if std::fs::symlink_metadata(&target).is_ok() {
                std::fs::remove_dir_all(&path).ok();
            } else {
                std::fs::rename(&path, &target).ok();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packet(text: &str) -> Vec<(String, Vec<u8>)> {
        vec![
            ("x.txt".into(), text.as_bytes().to_vec()),
            (
                "packet.json".into(),
                br#"{"tool": {"name": "kzinvite"}}"#.to_vec(),
            ),
        ]
    }

    fn names(dir: &Path) -> std::io::Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(dir)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        names.sort();
        Ok(names)
    }

    #[test]
    fn replaces_atomically_and_recovers() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let out = dir.path();
        write(out, "A-1", &packet("one"))?;
        write(out, "A-1", &packet("two"))?;
        assert_eq!(std::fs::read(out.join("A-1/x.txt"))?, b"two");
        // A run killed between moving the old packet aside and renaming the new one.
        std::fs::rename(out.join("A-1"), out.join(".kzinvite-old-A-1-999"))?;
        std::fs::create_dir(out.join(".kzinvite-tmp-A-1-xyz"))?;
        // Names that are not ours, or would lead out of the folder, are left alone.
        std::fs::create_dir(out.join(".kzinvite-old-..-999"))?;
        recover(out);
        assert_eq!(std::fs::read(out.join("A-1/x.txt"))?, b"two");
        assert_eq!(names(out)?, [".kzinvite-old-..-999", "A-1"]);
        Ok(())
    }

    #[test]
    fn never_replaces_what_it_did_not_write() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let out = dir.path();
        // `--out` is the case folder and the id names the user's own folder.
        std::fs::create_dir(out.join("scans"))?;
        std::fs::write(out.join("scans/wang-lei.pdf"), b"%PDF-1.7")?;
        std::fs::write(out.join("A-2"), b"a file")?;
        assert!(write(out, "scans", &packet("one")).is_err());
        assert!(write(out, "A-2", &packet("one")).is_err());
        assert_eq!(std::fs::read(out.join("scans/wang-lei.pdf"))?, b"%PDF-1.7");
        assert_eq!(std::fs::read(out.join("A-2"))?, b"a file");
        // An empty folder is taken over; a staged packet that is not committed vanishes.
        std::fs::create_dir(out.join("A-3"))?;
        write(out, "A-3", &packet("one"))?;
        drop(stage(out, "A-4", &packet("one"))?);
        assert_eq!(names(out)?, ["A-2", "A-3", "scans"]);
        Ok(())
    }
}
