//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=code::message`.

use std::io::{self, Write};

use super::reporter::{FileReport, Reporter, Summary};
use crate::diagnostic::Severity;
use crate::location::Location;

#[derive(Default)]
pub struct GithubReporter;

/// Escapes data for a workflow command message (`%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command property (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for GithubReporter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for d in &report.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut props = vec![format!("file={}", escape_property(&report.path))];
            match &d.location {
                Some(Location::Text { line, column, .. }) => {
                    props.push(format!("line={line}"));
                    props.push(format!("col={column}"));
                }
                Some(loc @ Location::Cell { sheet, .. }) => {
                    let cell = format!("{sheet}!{}", loc.cell_name().unwrap_or_default());
                    props.push(format!(
                        "title={}",
                        escape_property(&format!("{} ({cell})", d.code))
                    ));
                }
                None => {}
            }
            if !props.iter().any(|p| p.starts_with("title=")) {
                props.push(format!("title={}", escape_property(&d.code)));
            }
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                "::{level} {}::{}",
                props.join(","),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(out, "{}", summary.line())
    }
}
