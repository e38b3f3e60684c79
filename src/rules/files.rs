//! Scans named by the manifest: inside its folder, of a type we can attach, present
//! when the stage needs them.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use super::{RuleContext, View};
use crate::diagnostic::Diagnostic;
use crate::stage::Stage;

/// The kinds of file that can be annexed to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKind {
    Pdf,
    Jpeg,
    Png,
}

/// Sniffs the file type from its first bytes.
pub fn sniff(head: &[u8]) -> Option<ScanKind> {
    if head.starts_with(b"%PDF-") {
        Some(ScanKind::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ScanKind::Jpeg)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ScanKind::Png)
    } else {
        None
    }
}

/// Why a scan path is not acceptable.
#[derive(Debug, PartialEq, Eq)]
pub enum ScanProblem {
    Absolute,
    Escapes,
    Missing,
    NotAFile,
    WrongType,
}

/// Resolves a scan path inside `base`; the file's real location must stay inside it.
pub fn resolve_scan(base: &Path, relative: &str) -> Result<(PathBuf, ScanKind), ScanProblem> {
    ScanRoot::new(base).resolve(relative)
}

/// The folder scans are resolved in, remembering real (symlink-free) paths of the
/// folders already seen: a manifest names many scans in one or two folders, and
/// resolving each path from scratch costs a `readlink` per path component.
pub struct ScanRoot<'a> {
    base: &'a Path,
    real_base: OnceCell<Option<PathBuf>>,
    real_dirs: RefCell<HashMap<PathBuf, Option<PathBuf>>>,
}

impl<'a> ScanRoot<'a> {
    pub fn new(base: &'a Path) -> Self {
        ScanRoot {
            base,
            real_base: OnceCell::new(),
            real_dirs: RefCell::new(HashMap::new()),
        }
    }

    /// Like [`resolve_scan`], with this root's cache.
    pub fn resolve(&self, relative: &str) -> Result<(PathBuf, ScanKind), ScanProblem> {
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
        let path = self.base.join(rel);
        let real = self.real_file(&path)?;
        let real_base = self
            .real_base
            .get_or_init(|| std::fs::canonicalize(self.base).ok())
            .as_ref()
            .ok_or(ScanProblem::Missing)?;
        if !real.starts_with(real_base) {
            return Err(ScanProblem::Escapes);
        }
        let mut head = [0u8; 8];
        let n = {
            use std::io::Read;
            let mut f = std::fs::File::open(&real).map_err(|_| ScanProblem::Missing)?;
            f.read(&mut head).unwrap_or(0)
        };
        let kind = sniff(&head[..n]).ok_or(ScanProblem::WrongType)?;
        Ok((real, kind))
    }

    /// The real path of a regular file: its folder's real path (cached) and its name,
    /// unless the file itself is a symbolic link, which is followed from scratch.
    fn real_file(&self, path: &Path) -> Result<PathBuf, ScanProblem> {
        let link = std::fs::symlink_metadata(path).map_err(|_| ScanProblem::Missing)?;
        let (parent, name) = match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) if !link.file_type().is_symlink() => (parent, name),
            _ => {
                let meta = std::fs::metadata(path).map_err(|_| ScanProblem::Missing)?;
                if !meta.is_file() {
                    return Err(ScanProblem::NotAFile);
                }
                return std::fs::canonicalize(path).map_err(|_| ScanProblem::Missing);
            }
        };
        if !link.is_file() {
            return Err(ScanProblem::NotAFile);
        }
        let mut dirs = self.real_dirs.borrow_mut();
        let dir = dirs
            .entry(parent.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(parent).ok())
            .as_ref()
            .ok_or(ScanProblem::Missing)?;
        Ok(dir.join(name))
    }
}

pub(super) fn check(view: &View<'_>, ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let needs_scans = ctx.stage >= Stage::Petition;
    let root = ScanRoot::new(ctx.base_dir);
    for s in view.specialists() {
        let pointer = s.pointer("/passport/scan");
        match s.str("/passport/scan") {
            Some(path) => file_problem(&root, path, &pointer, &format!("the passport scan of {}", s.label()), out),
            None if needs_scans && view.is_approved(&s) => out.push(
                Diagnostic::error("scan-missing", format!("{} has no passport scan", s.label()))
                    .help("the Migration Service needs a scan of every approved specialist's passport: add passport.scan (a pdf, jpg or png beside the manifest)")
                    .at(pointer),
            ),
            None => {}
        }
    }
    if let Some(path) = view.str("/visa_support/copy") {
        file_problem(
            &root,
            path,
            "/visa_support/copy",
            "the copy of the visa support",
            out,
        );
    }
}

fn file_problem(
    root: &ScanRoot<'_>,
    path: &str,
    pointer: &str,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let outside = |message: String, help: &str| {
        Diagnostic::error("scan-outside", message)
            .help(help)
            .at(pointer)
    };
    match root.resolve(path) {
        Ok(_) => {}
        Err(ScanProblem::Absolute) => out.push(outside(
            format!("{what} is given as an absolute path `{path}`"),
            "give the path relative to the manifest's folder, e.g. scans/wang-lei.pdf, so the case can be moved and shared",
        )),
        Err(ScanProblem::Escapes) => out.push(outside(
            format!("{what} `{path}` lies outside the manifest's folder"),
            "copy the file into the case folder (e.g. scans/) and point to the copy",
        )),
        Err(ScanProblem::WrongType) => out.push(outside(
            format!("{what} `{path}` is not a PDF, JPEG or PNG file by its content"),
            "export the scan as PDF, JPEG or PNG; renaming a file does not change its type",
        )),
        Err(ScanProblem::Missing | ScanProblem::NotAFile) => out.push(
            Diagnostic::error("scan-missing", format!("{what} `{path}` does not exist"))
                .help("check the file name and that the file is in the manifest's folder")
                .at(pointer),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(ScanKind::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ScanKind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), Some(ScanKind::Png));
        assert_eq!(sniff(b"GIF89a"), None);
    }
}
