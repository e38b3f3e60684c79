//! One JSON document on stdout, in exactly the shape of cli.md; streamed file by file.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{FileReport, ReportOptions, Reporter, Summary};
use crate::source::Location;

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

/// The JSON form of one file's report.
pub fn file_json(report: &FileReport, deny_warnings: bool) -> Value {
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column, sheet, cell) = match &d.location {
                Some(Location::Text { line, column, .. }) => {
                    (json!(line), json!(column), Value::Null, Value::Null)
                }
                Some(loc @ Location::Cell { sheet, .. }) => (
                    Value::Null,
                    Value::Null,
                    json!(sheet),
                    json!(loc.cell_name()),
                ),
                None => (Value::Null, Value::Null, Value::Null, Value::Null),
            };
            json!({
                "severity": d.severity.as_str(),
                "code": d.code,
                "message": d.message,
                "help": d.help,
                "pointer": d.pointer,
                "line": line,
                "column": column,
                "sheet": sheet,
                "cell": cell,
            })
        })
        .collect();
    json!({
        "path": report.path,
        "valid": report.is_valid(deny_warnings),
        "stage": report.stage.map(|s| s.as_str()),
        "diagnostics": diagnostics,
    })
}

impl Reporter for JsonReporter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        out.write_all(if self.started {
            b",\n"
        } else {
            b"{\"version\":1,\n \"files\":[\n"
        })?;
        self.started = true;
        serde_json::to_writer(&mut *out, &file_json(report, self.options.deny_warnings))?;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
        if !self.started {
            out.write_all(b"{\"version\":1,\n \"files\":[")?;
        }
        let summary = json!({
            "files": s.files, "valid": s.valid, "invalid": s.invalid,
            "errors": s.errors, "warnings": s.warnings,
        });
        writeln!(out, "],\n \"summary\":{summary}}}")
    }
}
