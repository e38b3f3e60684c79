//! What every reporter receives — one [`FileReport`] at a time, in argument order, then
//! the run's [`Summary`] — and the [`Reporter`] trait they implement.

use std::io::{self, Write};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::stage::Stage;

/// The outcome of checking one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user gave it (or as walked from a folder they gave).
    pub path: String,
    /// The stage reached; `None` when the file could not be read as a manifest.
    pub stage: Option<Stage>,
    pub diagnostics: Vec<Diagnostic>,
    /// YAML source for snippets.
    pub text: Option<Arc<str>>,
}

impl FileReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Valid: no errors, and no warnings either when warnings are denied.
    pub fn is_valid(&self, deny_warnings: bool) -> bool {
        self.errors() == 0 && !(deny_warnings && self.warnings() > 0)
    }
}

/// Counts over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub valid: usize,
    pub invalid: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn add(&mut self, report: &FileReport, deny_warnings: bool) {
        self.files += 1;
        if report.is_valid(deny_warnings) {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
        self.errors += report.errors();
        self.warnings += report.warnings();
    }

    /// `3 files: 2 valid, 1 invalid (4 errors, 1 warning)`.
    pub fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}: {} valid, {} invalid ({}, {})",
            plural(self.files, "file", "files"),
            self.valid,
            self.invalid,
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
        )
    }
}

/// Settings every reporter may read.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    pub color: bool,
    pub deny_warnings: bool,
    pub quiet: bool,
}

pub trait Reporter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}
