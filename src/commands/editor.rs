//! Editor set-up that works out of the box and stays true: the manifests kzinvite writes
//! point yaml-language-server at a schema file beside them (`.kzinvite/manifest.schema.json`,
//! written with them), never at an address that does not resolve; `validate` says when
//! such a file is older than the schema this kzinvite carries, and how to refresh it.

use std::path::{Path, PathBuf};

use crate::fsutil::write_new;
use crate::schema;

/// Where the schema file stands, relative to the folder of the manifests it serves.
pub const SCHEMA_FILE: &str = ".kzinvite/manifest.schema.json";

/// The first line of every YAML manifest kzinvite writes.
pub const MODELINE: &str = "# yaml-language-server: $schema=.kzinvite/manifest.schema.json";

/// The modeline's key, as yaml-language-server reads it.
const MODELINE_KEY: &str = "yaml-language-server: $schema=";

/// Largest file read as a schema to compare (the schema is about 40 KiB).
const MAX_SCHEMA_BYTES: u64 = 1024 * 1024;

/// The schema as `kzinvite schema` prints it and editors read it.
pub fn schema_text() -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(&schema::document(None))? + "\n")
}

/// Writes the schema file into `dir` unless one is there; returns its path. An existing
/// file is left as it is (a stale one is reported by `validate`).
pub fn write_schema_beside(dir: &Path) -> anyhow::Result<PathBuf> {
    let path = dir.join(SCHEMA_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        write_new(&path, schema_text()?.as_bytes())?;
    }
    Ok(path)
}

/// Whether the file at `path` is a manifest schema some kzinvite wrote (so it may be
/// replaced by this one's), judged by its `$id`.
pub fn is_our_schema(path: &Path) -> bool {
    read_small(path)
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .is_some_and(|v| {
            v.get("$id").is_some() && v.get("$id") == schema::document(None).get("$id")
        })
}

/// The schema path a manifest's modeline names (`# yaml-language-server: $schema=…`
/// among its first lines), resolved against the manifest's folder; `None` for an
/// address (`https://…`) or no modeline.
pub fn modeline_schema(manifest: &Path, text: &str) -> Option<PathBuf> {
    let line = text
        .lines()
        .take(5)
        .find_map(|l| l.trim_start_matches('\u{feff}').trim().strip_prefix('#'))?;
    let target = line.trim().strip_prefix(MODELINE_KEY)?.trim();
    if target.is_empty() || target.contains("://") {
        return None;
    }
    let base = manifest.parent().unwrap_or(Path::new("."));
    Some(base.join(target))
}

/// A note when the schema file a manifest points its editor at is not the schema of this
/// kzinvite: an older one lacks the fields a newer kzinvite added.
pub fn stale_note(schema_file: &Path) -> Option<String> {
    let current = schema_text().ok()?;
    let existing = read_small(schema_file)?;
    if existing == current.as_bytes() || !is_our_schema(schema_file) {
        return None;
    }
    Some(format!(
        "note: {} is not the schema of this kzinvite {} (an upgrade changed it): editors check against the old one; refresh it with `kzinvite schema --path {}`",
        schema_file.display(),
        env!("CARGO_PKG_VERSION"),
        schema_file.display()
    ))
}

fn read_small(path: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.len() <= MAX_SCHEMA_BYTES)
        .then(|| std::fs::read(path).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modelines_resolve_beside_the_manifest() {
        let m = Path::new("cases/a/case.yaml");
        assert_eq!(
            modeline_schema(m, &format!("{MODELINE}\nmanifest_version: 1\n")),
            Some(PathBuf::from("cases/a/.kzinvite/manifest.schema.json"))
        );
        let url = "# yaml-language-server: $schema=https://example.org/s.json\n";
        assert_eq!(modeline_schema(m, url), None);
        assert_eq!(modeline_schema(m, "manifest_version: 1\n"), None);
    }

    #[test]
    fn only_a_different_kzinvite_schema_is_stale() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = write_schema_beside(dir.path())?;
        assert_eq!(stale_note(&path), None);
        let mut old: serde_json::Value = serde_json::from_str(&schema_text()?)?;
        old["properties"]
            .as_object_mut()
            .map(|p| p.remove("letters"));
        std::fs::write(&path, serde_json::to_vec_pretty(&old)?)?;
        let note = stale_note(&path).unwrap_or_default();
        assert!(note.contains("kzinvite schema --path"), "{note}");
        std::fs::write(&path, br#"{"$id": "https://example.org/other.json"}"#)?;
        assert_eq!(
            stale_note(&path),
            None,
            "someone else's schema is not ours to judge"
        );
        Ok(())
    }
}
