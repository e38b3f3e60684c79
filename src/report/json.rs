//! One JSON document on stdout, in exactly the shape of cli.md; streamed file by file.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::reporter::{FileReport, ReportOptions, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::location::Location;
use crate::stage::Stage;

pub struct JsonReporter {
    options: ReportOptions,
    started: bool,
}

impl JsonReporter {
    pub fn new(options: ReportOptions) -> Self {
        JsonReporter {
            options,
            started: false,
        }
    }
}

/// One file of the `--format json` report (cli.md), as it is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonFile {
    pub path: String,
    pub valid: bool,
    pub stage: Option<Stage>,
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// One diagnostic of the JSON report: `line`/`column` for YAML, `sheet`/`cell` for Excel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonDiagnostic {
    pub severity: Severity,
    pub code: String,
    pub message: String,
    pub help: Option<String>,
    pub pointer: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub sheet: Option<String>,
    pub cell: Option<String>,
}

/// The counts that close the JSON report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSummary {
    pub files: usize,
    pub valid: usize,
    pub invalid: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl JsonFile {
    pub fn of(report: &FileReport, deny_warnings: bool) -> JsonFile {
        JsonFile {
            path: report.path.clone(),
            valid: report.is_valid(deny_warnings),
            stage: report.stage,
            diagnostics: report.diagnostics.iter().map(JsonDiagnostic::of).collect(),
        }
    }
}

impl JsonDiagnostic {
    pub fn of(d: &Diagnostic) -> JsonDiagnostic {
        let (line, column, sheet, cell) = match &d.location {
            Some(Location::Text { line, column, .. }) => (Some(*line), Some(*column), None, None),
            Some(loc @ Location::Cell { sheet, .. }) => {
                (None, None, Some(sheet.clone()), loc.cell_name())
            }
            None => (None, None, None, None),
        };
        JsonDiagnostic {
            severity: d.severity,
            code: d.code.clone(),
            message: d.message.clone(),
            help: d.help.clone(),
            pointer: d.pointer.clone(),
            line,
            column,
            sheet,
            cell,
        }
    }
}

impl Reporter for JsonReporter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        out.write_all(if self.started {
            b",\n"
        } else {
            b"{\"version\":1,\n \"files\":[\n"
        })?;
        self.started = true;
        serde_json::to_writer(&mut *out, &JsonFile::of(report, self.options.deny_warnings))?;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
        if !self.started {
            out.write_all(b"{\"version\":1,\n \"files\":[")?;
        }
        let summary = serde_json::to_string(&JsonSummary {
            files: s.files,
            valid: s.valid,
            invalid: s.invalid,
            errors: s.errors,
            warnings: s.warnings,
        })?;
        writeln!(out, "],\n \"summary\":{summary}}}")
    }
}
