//! JUnit XML: one testcase per manifest, a failure per error, for CI test reports.
//! The totals belong in the opening `<testsuite>` element, so each case is kept as a
//! short string until the end (diagnostics and sources are not kept).

use std::io::{self, Write};

use super::reporter::{FileReport, ReportOptions, Reporter, Summary};
use crate::diagnostic::Severity;
use crate::location::location_suffix;

pub struct JunitReporter {
    options: ReportOptions,
    cases: Vec<String>,
}

impl JunitReporter {
    pub fn new(options: ReportOptions) -> Self {
        JunitReporter {
            options,
            cases: Vec::new(),
        }
    }
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

impl Reporter for JunitReporter {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let mut case = format!(
            "    <testcase classname=\"kzinvite.validate\" name=\"{}\">\n",
            xml(&report.path)
        );
        for d in &report.diagnostics {
            let at = location_suffix(&report.path, d.location.as_ref());
            let body = match &d.help {
                Some(h) => format!("{at}\n{}\nhelp: {h}", d.message),
                None => format!("{at}\n{}", d.message),
            };
            let fails = d.severity == Severity::Error || self.options.deny_warnings;
            if fails {
                case.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    xml(&d.code),
                    xml(&d.message),
                    xml(&body)
                ));
            }
        }
        let warnings: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| {
                format!(
                    "warning[{}]: {} ({})",
                    d.code,
                    d.message,
                    location_suffix(&report.path, d.location.as_ref())
                )
            })
            .collect();
        if !warnings.is_empty() {
            case.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                xml(&warnings.join("\n"))
            ));
        }
        case.push_str("    </testcase>\n");
        self.cases.push(case);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let failures = summary.invalid;
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"kzinvite\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
            summary.files
        )?;
        writeln!(
            out,
            "  <testsuite name=\"kzinvite validate\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
            summary.files
        )?;
        for case in self.cases.drain(..) {
            out.write_all(case.as_bytes())?;
        }
        writeln!(out, "  </testsuite>\n</testsuites>")
    }
}
