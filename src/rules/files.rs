//! Scans named by the manifest: inside its folder, of a type we can attach, present
//! when the stage needs them.

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
    let path = base.join(rel);
    let Ok(meta) = std::fs::metadata(&path) else {
        return Err(ScanProblem::Missing);
    };
    if !meta.is_file() {
        return Err(ScanProblem::NotAFile);
    }
    let real = std::fs::canonicalize(&path).map_err(|_| ScanProblem::Missing)?;
    let real_base = std::fs::canonicalize(base).map_err(|_| ScanProblem::Missing)?;
    if !real.starts_with(&real_base) {
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

pub(super) fn check(view: &View<'_>, ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let needs_scans = ctx.stage >= Stage::Petition;
    for s in view.specialists() {
        let pointer = s.pointer("/passport/scan");
        match s.str("/passport/scan") {
            Some(path) => file_problem(ctx.base_dir, path, &pointer, &format!("the passport scan of {}", s.label()), out),
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
            ctx.base_dir,
            path,
            "/visa_support/copy",
            "the copy of the visa support",
            out,
        );
    }
}

fn file_problem(base: &Path, path: &str, pointer: &str, what: &str, out: &mut Vec<Diagnostic>) {
    let outside = |message: String, help: &str| {
        Diagnostic::error("scan-outside", message)
            .help(help)
            .at(pointer)
    };
    match resolve_scan(base, path) {
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
