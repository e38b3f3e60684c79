//! Scans named by the manifest: inside its folder, of a type we can attach, present
//! when the stage needs them.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::path::PathBuf;

use super::context::RuleContext;
use super::view::View;
use crate::diagnostic::{Diagnostic, clip_text};
use crate::limits::{MAX_CASE_SCAN_BYTES, MAX_SCAN_BYTES, MAX_SCAN_PIXELS};
use crate::scan::{Scan, ScanFolder, ScanKind, ScanProblem};
use crate::stage::Stage;

pub(super) fn check(view: &View<'_>, ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let needs_scans = ctx.stage >= Stage::Petition;
    let mut total = ScanTotal::default();
    let mut folder = ScanFolder::cached(ctx.base_dir, ctx.scans);
    // 500 specialists may name one file: inspect it once.
    let mut inspected: HashMap<&str, Result<Scan, ScanProblem>> = HashMap::new();
    let mut inspect = |path| {
        inspected
            .entry(path)
            .or_insert_with(|| folder.inspect(path))
            .clone()
    };
    for s in view.specialists() {
        let pointer = s.pointer("/passport/scan");
        match s.str("/passport/scan") {
            Some(path) => total.add(file_problem(inspect(path), path, &pointer, format_args!("the passport scan of {}", s.who()), out)),
            None if needs_scans && view.is_approved(&s) => out.push(
                Diagnostic::error("scan-missing", format!("{} has no passport scan", s.label()))
                    .help("the Migration Service needs a scan of every approved specialist's passport: add passport.scan (a pdf, jpg or png beside the manifest)")
                    .at(pointer),
            ),
            None => {}
        }
    }
    if let Some(path) = view.str("/visa_support/copy") {
        total.add(file_problem(
            inspect(path),
            path,
            "/visa_support/copy",
            "the copy of the visa support",
            out,
        ));
    }
    if total.bytes > MAX_CASE_SCAN_BYTES {
        out.push(
            Diagnostic::error(
                "scan-too-large",
                format!(
                    "the scans of this case add up to {}, over the {} one packet may hold",
                    mib(total.bytes),
                    mib(MAX_CASE_SCAN_BYTES)
                ),
            )
            .help("scan at 300 dpi and save as JPEG or compressed PDF; a passport page needs well under 1 MiB")
            .at("/specialists"),
        );
    }
}

/// The bytes of the distinct scan files a case names.
#[derive(Default)]
struct ScanTotal {
    seen: HashSet<PathBuf>,
    bytes: u64,
}

impl ScanTotal {
    fn add(&mut self, scan: Option<Scan>) {
        if let Some(scan) = scan
            && self.seen.insert(scan.path)
        {
            self.bytes = self.bytes.saturating_add(scan.bytes);
        }
    }
}

/// `12.5 MiB`.
fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Reports what is wrong with a scan path; the scan when nothing is.
fn file_problem(
    inspected: Result<Scan, ScanProblem>,
    path: &str,
    pointer: &str,
    what: impl std::fmt::Display,
    out: &mut Vec<Diagnostic>,
) -> Option<Scan> {
    let problem = match inspected {
        Ok(scan) => return Some(scan),
        Err(problem) => problem,
    };
    let outside = |message: String, help: &str| {
        Diagnostic::error("scan-outside", message)
            .help(help)
            .at(pointer)
    };
    let shown = clip_text(path, 200);
    out.push(match problem {
        ScanProblem::Absolute => outside(
            format!("{what} is given as an absolute path `{shown}`"),
            "give the path relative to the manifest's folder, e.g. scans/wang-lei.pdf, so the case can be moved and shared",
        ),
        ScanProblem::Escapes => outside(
            format!("{what} `{shown}` lies outside the manifest's folder"),
            "copy the file into the case folder (e.g. scans/) and point to the copy",
        ),
        ScanProblem::WrongType => outside(
            format!("{what} `{shown}` is not a PDF, JPEG or PNG file by its content"),
            "export the scan as PDF, JPEG or PNG; renaming a file does not change its type",
        ),
        ScanProblem::Unreadable(kind) => outside(
            format!(
                "{what} `{shown}` starts like a {} file but cannot be read: it is {}",
                kind.name(),
                if kind == ScanKind::Pdf { "damaged, cut short, encrypted or without pages" } else { "damaged or cut short" }
            ),
            "scan or export the page again and check that the file opens",
        ),
        ScanProblem::TooLarge { bytes } => Diagnostic::error(
            "scan-too-large",
            format!(
                "{what} `{shown}` has {}, over the limit of {} for one scan",
                mib(bytes),
                mib(MAX_SCAN_BYTES)
            ),
        )
        .help("scan at 300 dpi and save as JPEG or compressed PDF; a passport page needs well under 1 MiB")
        .at(pointer),
        ScanProblem::TooManyPixels { width, height } => Diagnostic::error(
            "scan-too-large",
            format!(
                "{what} `{shown}` is an image of {width} × {height} pixels, over the limit of {} million",
                MAX_SCAN_PIXELS / 1_000_000
            ),
        )
        .help("scan at 300 dpi (a passport page is then about 1500 × 1000 pixels) or scale the image down")
        .at(pointer),
        ScanProblem::Missing => {
            Diagnostic::error("scan-missing", format!("{what} `{shown}` does not exist"))
                .help("check the file name and that the file is in the manifest's folder")
                .at(pointer)
        }
        ScanProblem::NotAFile => Diagnostic::error(
            "scan-missing",
            format!("{what} `{shown}` is a folder, pipe or device, not a file"),
        )
        .help("point to the scan file itself, in the manifest's folder")
        .at(pointer),
    });
    None
}
