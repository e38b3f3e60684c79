//! `render --emit-typst DIR`: each document's Typst project written to a folder, so the
//! Typst CLI (or `typst watch`) compiles exactly what kzinvite compiles.

use std::path::Path;

use anyhow::Context as _;

use super::engine::TypstProject;

/// The list of a case's projects: `<folder>\t<main file>` per document, the folder
/// relative to the case's.
pub const LIST_FILE: &str = "projects.tsv";

/// Writes a case's projects under `dir` (emptied first: a document the stage no longer
/// renders must not linger), one folder `NN-<document>/` each, and [`LIST_FILE`].
pub fn write_projects(dir: &Path, projects: &[TypstProject]) -> anyhow::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("emptying {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut list = String::new();
    for project in projects {
        let file_name = project.id.file_name();
        let folder = file_name.trim_end_matches(".pdf");
        let root = dir.join(folder);
        // Virtual paths are relative and normalized (no `..`): everything stays under `root`.
        for (path, bytes) in &project.files {
            let file = root.join(path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
            }
            std::fs::write(&file, bytes).with_context(|| format!("writing {}", file.display()))?;
        }
        list.push_str(&format!("{folder}\t{}\n", project.main));
    }
    let list_path = dir.join(LIST_FILE);
    std::fs::write(&list_path, list).with_context(|| format!("writing {}", list_path.display()))
}
