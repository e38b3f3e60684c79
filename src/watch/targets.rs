//! What a watch run follows and what a changed path means: each case's manifest and the
//! scans it names, the `--templates` folder, the `--font-path` fonts and the folders
//! given on the command line (new manifests appear there). Paths are compared as
//! [`key`]s: absolute, the folder's links resolved, so an editor's `rename` onto the
//! file and the name the user typed meet.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::render::templates::LOGO_NAMES;
use crate::source::Format;

/// A path as compared with event paths: absolute, its folder canonical when it exists
/// (the file itself may be gone: deleted, or between an editor's write and rename).
pub fn key(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

/// A folder to watch, recursively or not.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Watch {
    pub folder: PathBuf,
    pub recursive: bool,
}

/// Why a case is rendered again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// The manifest was saved (or deleted, or came back).
    Manifest,
    /// A scan it names changed.
    Scan(PathBuf),
    /// A file under `--templates` changed: every case.
    Template(PathBuf),
    /// A font under `--font-path` changed: every case.
    Font(PathBuf),
}

/// What one batch of changed paths calls for.
#[derive(Debug, Default)]
pub struct Affected {
    /// A template changed: reload the templates.
    pub templates: Option<PathBuf>,
    /// A font changed: load the fonts again (and the templates with them).
    pub fonts: Option<PathBuf>,
    /// A manifest file appeared under a folder given on the command line.
    pub new_manifests: bool,
    /// The cases to render again, by index, with what triggered each.
    pub cases: BTreeMap<usize, Cause>,
}

/// The files a run follows.
#[derive(Debug, Default)]
pub struct Targets {
    /// Per case, in input order: its manifest's key and the keys of its scans.
    cases: Vec<(PathBuf, BTreeSet<PathBuf>)>,
    templates: Option<PathBuf>,
    fonts: Vec<PathBuf>,
    /// Folders given as PATH: walked for manifests, watched recursively.
    folders: Vec<PathBuf>,
    /// The output folder: packets written there are never new manifests.
    out: PathBuf,
}

impl Targets {
    pub fn new(
        folders: &[PathBuf],
        templates: Option<&Path>,
        fonts: &[PathBuf],
        out: &Path,
    ) -> Targets {
        Targets {
            cases: Vec::new(),
            templates: templates.map(canonical),
            fonts: fonts.iter().map(|p| canonical(p)).collect(),
            folders: folders
                .iter()
                .filter(|p| p.is_dir())
                .map(|p| canonical(p))
                .collect(),
            out: canonical(out),
        }
    }

    /// Adds a case (its index is the number of cases before it); returns the index.
    pub fn add_case(&mut self, manifest: &Path) -> usize {
        self.cases.push((key(manifest), BTreeSet::new()));
        self.cases.len() - 1
    }

    /// Whether this manifest is followed already.
    pub fn has_manifest(&self, manifest: &Path) -> bool {
        let manifest = key(manifest);
        self.cases.iter().any(|(m, _)| *m == manifest)
    }

    /// The scans case `index` names now, relative to its manifest's folder.
    pub fn set_scans(&mut self, index: usize, scans: &[String]) {
        let Some((manifest, followed)) = self.cases.get_mut(index) else {
            return;
        };
        let base = manifest.parent().unwrap_or(Path::new("/")).to_path_buf();
        *followed = scans
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| key(&base.join(s)))
            .collect();
    }

    /// The folders to watch: each manifest's and scan's folder, the templates and font
    /// folders and the PATH folders recursively.
    pub fn watches(&self) -> BTreeSet<Watch> {
        let flat = |p: &Path| {
            p.parent().map(|folder| Watch {
                folder: folder.to_path_buf(),
                recursive: false,
            })
        };
        let deep = |p: &Path| Watch {
            folder: p.to_path_buf(),
            recursive: true,
        };
        let mut watches: BTreeSet<Watch> = self
            .cases
            .iter()
            .flat_map(|(m, scans)| std::iter::once(m).chain(scans))
            .filter_map(|p| flat(p))
            .collect();
        watches.extend(self.templates.as_deref().map(deep));
        // A font file is watched through its folder, also while it is gone.
        for font in &self.fonts {
            if font.is_dir() {
                watches.insert(deep(font));
            } else {
                watches.extend(flat(font));
            }
        }
        watches.extend(self.folders.iter().map(|f| deep(f)));
        // A folder watched recursively needs no flat watch of its own.
        let deep_folders: BTreeSet<PathBuf> = watches
            .iter()
            .filter(|w| w.recursive)
            .map(|w| w.folder.clone())
            .collect();
        watches.retain(|w| w.recursive || !deep_folders.contains(&w.folder));
        watches
    }

    /// The files now inside watched folders that came back (their events were missed).
    pub fn files_under(&self, folders: &[PathBuf]) -> Vec<PathBuf> {
        self.watches()
            .into_iter()
            .filter(|w| folders.contains(&w.folder))
            .flat_map(|w| {
                walkdir::WalkDir::new(&w.folder)
                    .max_depth(if w.recursive { usize::MAX } else { 1 })
                    .into_iter()
                    .filter_map(Result::ok)
                    .map(walkdir::DirEntry::into_path)
            })
            .collect()
    }

    /// What the changed paths call for.
    pub fn classify(&self, changed: &[PathBuf]) -> Affected {
        let mut affected = Affected::default();
        for path in changed {
            let path = key(path);
            if let Some(dir) = &self.templates
                && path.starts_with(dir)
                && is_template_file(&path)
            {
                affected.templates.get_or_insert(path.clone());
            }
            if self.fonts.iter().any(|f| path.starts_with(f)) && is_font_file(&path) {
                affected.fonts.get_or_insert(path.clone());
            }
            for (index, (manifest, scans)) in self.cases.iter().enumerate() {
                if *manifest == path {
                    affected.cases.insert(index, Cause::Manifest);
                } else if scans.contains(&path) {
                    affected
                        .cases
                        .entry(index)
                        .or_insert_with(|| Cause::Scan(path.clone()));
                }
            }
            // A packet's `specialists.xlsx` is no new manifest (`--out` may be a PATH folder).
            let new = self.folders.iter().any(|f| path.starts_with(f))
                && !path.starts_with(&self.out)
                && Format::of(&path).is_some()
                && !self.cases.iter().any(|(m, _)| *m == path);
            affected.new_manifests |= new;
        }
        let everything = affected
            .fonts
            .clone()
            .map(Cause::Font)
            .or_else(|| affected.templates.clone().map(Cause::Template));
        if let Some(cause) = everything {
            for index in 0..self.cases.len() {
                affected.cases.insert(index, cause.clone());
            }
        }
        affected
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| key(path))
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// A file the template set is made of (editors' swap and backup files are not).
fn is_template_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    (extension(path) == "typ" && !name.starts_with('.')) || LOGO_NAMES.contains(&name)
}

fn is_font_file(path: &Path) -> bool {
    matches!(extension(path).as_str(), "ttf" | "otf" | "ttc" | "otc")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reaches_the_cases_that_read_it() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        for sub in ["a", "b", "t/documents", "out"] {
            std::fs::create_dir_all(root.join(sub))?;
        }
        let mut targets = Targets::new(&[], Some(&root.join("t")), &[], &root.join("out"));
        let a = targets.add_case(&root.join("a/case.yaml"));
        let b = targets.add_case(&root.join("b/case.yaml"));
        targets.set_scans(b, &["../a/scan.pdf".into()]);
        let affected = targets.classify(&[root.join("a/scan.pdf"), root.join("a/case.yaml")]);
        assert_eq!(affected.cases.get(&a), Some(&Cause::Manifest));
        assert!(matches!(affected.cases.get(&b), Some(Cause::Scan(_))));
        assert!(affected.templates.is_none());
        let affected = targets.classify(&[root.join("t/documents/.x.typ.swp")]);
        assert!(affected.cases.is_empty());
        let affected = targets.classify(&[root.join("t/documents/x.typ")]);
        assert_eq!(affected.cases.len(), 2);
        // a/ and b/ flat (b's scan is in a/), the templates recursively.
        assert_eq!(targets.watches().len(), 3, "{:?}", targets.watches());
        let mut targets = Targets::new(&[root.to_path_buf()], None, &[], &root.join("out"));
        assert!(
            !targets
                .classify(&[root.join("out/K-1/specialists.xlsx")])
                .new_manifests
        );
        assert!(targets.classify(&[root.join("b/new.yaml")]).new_manifests);
        targets.add_case(&root.join("b/new.yaml"));
        assert!(!targets.classify(&[root.join("b/new.yaml")]).new_manifests);
        // A font file is watched through its folder: once deleted, its return is heard.
        std::fs::create_dir_all(root.join("fonts"))?;
        let font = root.join("fonts/extra.otf");
        let targets = Targets::new(&[], None, std::slice::from_ref(&font), &root.join("out"));
        let fonts = Watch {
            folder: std::fs::canonicalize(root.join("fonts"))?,
            recursive: false,
        };
        assert_eq!(targets.watches(), BTreeSet::from([fonts]));
        assert!(targets.classify(&[font]).fonts.is_some());
        Ok(())
    }
}
