//! Which files a run works on: paths as given, folders walked (sorted, hidden folders,
//! `~$` lock files and the output folder skipped, links not followed out of the tree).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::source::Format;

/// A manifest to process and how to name it in reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The path as the user gave it, or joined under the folder they gave.
    pub display: String,
}

/// A path on the command line that does not exist or cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct BadPath {
    pub path: String,
    pub reason: String,
}

/// Expands files and folders into manifests, in argument order, folders sorted by path.
pub fn manifests(paths: &[PathBuf], exclude: Option<&Path>) -> Result<Vec<Input>, BadPath> {
    let exclude = exclude.and_then(|p| std::fs::canonicalize(p).ok());
    let mut out = Vec::new();
    for path in paths {
        let display = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| BadPath {
            path: display.clone(),
            reason: match e.kind() {
                std::io::ErrorKind::NotFound => "no such file or folder".into(),
                _ => e.to_string(),
            },
        })?;
        if meta.is_file() {
            out.push(Input {
                path: path.clone(),
                display,
            });
            continue;
        }
        if !meta.is_dir() {
            // A device or a pipe (`/dev/zero`, a FIFO) would block or never end.
            return Err(BadPath {
                path: display,
                reason: "not a regular file or folder".into(),
            });
        }
        let root = std::fs::canonicalize(path).map_err(|e| BadPath {
            path: display.clone(),
            reason: e.to_string(),
        })?;
        // Not sorted while walking: a case folder holds a `scans/` folder of twenty
        // passport scans per manifest, and sorting its 20,000 names cost as much as the
        // rest of the walk. The manifests found are sorted instead, by path, which is the
        // order a walk sorted by name would give (paths compare component by component).
        let walker = WalkDir::new(path)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let excluded = exclude.as_ref().is_some_and(|x| {
                    e.file_type().is_dir() && std::fs::canonicalize(e.path()).is_ok_and(|p| &p == x)
                });
                !hidden && !excluded
            });
        let mut found = Vec::new();
        // The folder that cannot be read first in path order, as a sorted walk meets it.
        let mut unreadable: Option<(PathBuf, BadPath)> = None;
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let at = e.path().map_or_else(|| path.clone(), Path::to_path_buf);
                    if unreadable.as_ref().is_none_or(|(first, _)| at < *first) {
                        let bad = BadPath {
                            path: at.display().to_string(),
                            reason: e
                                .io_error()
                                .map_or_else(|| e.to_string(), ToString::to_string),
                        };
                        unreadable = Some((at, bad));
                    }
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy();
            if name.starts_with("~$") || Format::of(entry.path()).is_none() {
                continue;
            }
            let is_file = if entry.path_is_symlink() {
                // A link is taken only when it stays inside the folder given.
                std::fs::canonicalize(entry.path())
                    .is_ok_and(|real| real.starts_with(&root) && real.is_file())
            } else {
                entry.file_type().is_file()
            };
            if is_file {
                found.push(entry.into_path());
            }
        }
        if let Some((_, bad)) = unreadable {
            return Err(bad);
        }
        found.sort_unstable();
        out.extend(found.into_iter().map(|path| Input {
            display: path.display().to_string(),
            path,
        }));
    }
    Ok(out)
}

/// Keeps shard `k` of `n` (1-based): every n-th input from the k-th, so shards are
/// balanced and stable as long as the file list is.
pub fn shard(inputs: Vec<Input>, shard: Option<(usize, usize)>) -> Vec<Input> {
    match shard {
        None => inputs,
        Some((k, n)) => inputs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k - 1)
            .map(|(_, x)| x)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_skips_hidden_and_locks() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let d = dir.path();
        std::fs::create_dir_all(d.join("b"))?;
        std::fs::create_dir_all(d.join("a"))?;
        std::fs::create_dir_all(d.join(".git"))?;
        for f in [
            // A folder before the files whose names it begins, as a walk sorted by name
            // meets them (`a/` < `a-b` < `a.yml`, though `-` < `.` < `/` as text).
            "a/x.yaml",
            "a-b.yaml",
            "b/2.yaml",
            "a.yml",
            "c.xlsx",
            "~$c.xlsx",
            ".git/x.yaml",
            "notes.txt",
        ] {
            std::fs::write(d.join(f), "")?;
        }
        let found = manifests(&[d.to_path_buf()], None)?;
        let names: Vec<String> = found
            .iter()
            .map(|i| {
                i.path
                    .strip_prefix(d)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            names,
            ["a/x.yaml", "a-b.yaml", "a.yml", "b/2.yaml", "c.xlsx"]
        );
        assert!(manifests(&[d.join("missing.yaml")], None).is_err());
        let sharded = shard(found, Some((2, 2)));
        assert_eq!(sharded.len(), 2);
        Ok(())
    }
}
