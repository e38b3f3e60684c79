//! Writing a packet: `OUT/<id>/NN-<doc>.pdf`, `specialists.xlsx`, `packet.json` —
//! built in a temporary folder beside the target and renamed into place only when
//! complete, so an interrupted or failed run never leaves a partial packet under its
//! final name and never destroys the previous one.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use super::RenderedCase;
use crate::hash::sha256_hex;

const TMP_PREFIX: &str = ".kzinvite-tmp-";
const OLD_PREFIX: &str = ".kzinvite-old-";

/// What decides whether a packet is up to date: everything that goes into it.
pub fn fingerprint(
    manifest_sha256: &str,
    scans: &[(String, String)],
    options: &Value,
    today: &str,
) -> Value {
    json!({
        "tool": env!("CARGO_PKG_VERSION"),
        "manifest_sha256": manifest_sha256,
        "scans": scans.iter().map(|(p, h)| json!({"path": p, "sha256": h})).collect::<Vec<_>>(),
        "options": options,
        "today": today,
    })
}

/// `packet.json` for a rendered case.
pub fn packet_json(
    id: &str,
    manifest_path: &str,
    manifest_sha256: &str,
    rendered: &RenderedCase,
    inputs: &Value,
) -> Value {
    json!({
        "id": id,
        "stage": rendered.stage.as_str(),
        "language": rendered.language.as_str(),
        "tool": { "name": "kzinvite", "version": env!("CARGO_PKG_VERSION") },
        "manifest": { "path": manifest_path, "sha256": manifest_sha256 },
        "documents": rendered.documents.iter().map(|d| json!({
            "id": d.id.as_str(), "file": d.file, "pages": d.pages, "sha256": sha256_hex(&d.pdf),
        })).collect::<Vec<_>>(),
        "specialists": { "file": "specialists.xlsx", "sha256": sha256_hex(&rendered.specialists_xlsx) },
        "skipped": rendered.skipped.iter().map(|s| json!({ "id": s.id.as_str(), "reason": s.reason })).collect::<Vec<_>>(),
        "inputs": inputs,
    })
}

/// Whether `OUT/<id>` holds a complete packet made from exactly these inputs.
pub fn is_up_to_date(target: &Path, inputs: &Value) -> bool {
    let Ok(text) = std::fs::read(target.join("packet.json")) else {
        return false;
    };
    let Ok(existing) = serde_json::from_slice::<Value>(&text) else {
        return false;
    };
    if existing.get("inputs") != Some(inputs) {
        return false;
    }
    let files = existing["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(std::iter::once(&existing["specialists"]));
    for f in files {
        let (Some(name), Some(sha)) = (f["file"].as_str(), f["sha256"].as_str()) else {
            return false;
        };
        match std::fs::read(target.join(name)) {
            Ok(bytes) if sha256_hex(&bytes) == sha => {}
            _ => return false,
        }
    }
    true
}

/// Writes the files as `out/<id>/`, atomically replacing a previous packet.
pub fn write(out: &Path, id: &str, files: &[(String, Vec<u8>)]) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the output folder {}", out.display()))?;
    let tmp = tempfile::Builder::new()
        .prefix(&format!("{TMP_PREFIX}{id}-"))
        .tempdir_in(out)
        .with_context(|| format!("cannot write in {}", out.display()))?;
    for (name, bytes) in files {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        if let Ok(f) = std::fs::File::open(&path) {
            f.sync_all().ok();
        }
    }
    let target = out.join(id);
    let old = if target.exists() {
        let old = out.join(format!("{OLD_PREFIX}{id}-{}", std::process::id()));
        if old.exists() {
            std::fs::remove_dir_all(&old).ok();
        }
        std::fs::rename(&target, &old).with_context(|| {
            format!("cannot move the previous packet {} aside", target.display())
        })?;
        Some(old)
    } else {
        None
    };
    let staged = tmp.keep();
    if let Err(e) = std::fs::rename(&staged, &target) {
        // Put the previous packet back; the new one stays staged for inspection.
        if let Some(old) = &old {
            std::fs::rename(old, &target).ok();
        }
        std::fs::remove_dir_all(&staged).ok();
        bail!("cannot move the new packet into {}: {e}", target.display());
    }
    if let Some(old) = old {
        std::fs::remove_dir_all(&old).ok();
    }
    Ok(target)
}

/// Cleans up after runs that were killed: staged packets are removed, a previous
/// packet moved aside and never replaced is put back.
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
            let target = out.join(id);
            if target.exists() {
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

    #[test]
    fn replaces_atomically_and_recovers() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let out = dir.path();
        write(out, "A-1", &[("x.txt".into(), b"one".to_vec())])?;
        write(out, "A-1", &[("x.txt".into(), b"two".to_vec())])?;
        assert_eq!(std::fs::read(out.join("A-1/x.txt"))?, b"two");
        // A run killed between moving the old packet aside and renaming the new one.
        std::fs::rename(out.join("A-1"), out.join(".kzinvite-old-A-1-999"))?;
        std::fs::create_dir(out.join(".kzinvite-tmp-A-1-xyz"))?;
        recover(out);
        assert_eq!(std::fs::read(out.join("A-1/x.txt"))?, b"two");
        let left: Vec<_> = std::fs::read_dir(out)?
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1);
        Ok(())
    }
}
