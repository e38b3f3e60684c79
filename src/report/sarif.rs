//! SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::reporter::{FileReport, Reporter, Summary};
use crate::diagnostic::Severity;
use crate::location::Location;

#[derive(Default)]
pub struct SarifReporter {
    results: Vec<Value>,
}

impl Reporter for SarifReporter {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for d in &report.diagnostics {
            let mut location =
                json!({ "physicalLocation": { "artifactLocation": { "uri": report.path } } });
            match &d.location {
                Some(Location::Text { line, column, .. }) => {
                    location["physicalLocation"]["region"] =
                        json!({ "startLine": line, "startColumn": column });
                }
                Some(loc @ Location::Cell { sheet, .. }) => {
                    let cell = format!("{sheet}!{}", loc.cell_name().unwrap_or_default());
                    location["logicalLocations"] =
                        json!([{ "fullyQualifiedName": cell, "kind": "element" }]);
                }
                None => {}
            }
            let text = match &d.help {
                Some(help) => format!("{} (help: {help})", d.message),
                None => d.message.clone(),
            };
            self.results.push(json!({
                "ruleId": d.code,
                "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": { "text": text },
                "locations": [location],
                "properties": { "pointer": d.pointer },
            }));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let rules: Vec<Value> = crate::rules::RULES
            .iter()
            .map(|r| json!({ "id": r.code, "shortDescription": { "text": r.checks } }))
            .collect();
        let doc = json!({
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [{
                "tool": { "driver": { "name": "kzinvite", "version": env!("CARGO_PKG_VERSION"), "rules": rules } },
                "results": std::mem::take(&mut self.results),
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
