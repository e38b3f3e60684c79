//! What every command over many manifests shares: read and check one input into a
//! report, and run a function over all inputs in parallel with results in input order.

use std::path::Path;

use crate::check::{self, CheckOptions};
use crate::diagnostic::{Diagnostic, WarningPolicy};
use crate::discover::Input;
use crate::report::FileReport;
use crate::source::{self, Document, LoadError};
use crate::stage::Stage;

/// A manifest read and checked; `document` and `stage` are `None` when it could not be
/// read. The diagnostics live in `report` only (moved there, not copied).
pub struct Loaded {
    pub document: Option<Document>,
    /// The stage the manifest reached by its content.
    pub stage: Option<Stage>,
    pub report: FileReport,
}

/// Reads and checks one input, the warning policy applied. Never fails: problems become
/// diagnostics.
pub fn load_and_check(input: &Input, options: &CheckOptions, policy: &WarningPolicy) -> Loaded {
    match source::load(&input.path) {
        Ok(doc) => {
            let checked = check::check(&doc, options);
            let report = FileReport {
                path: input.display.clone(),
                stage: Some(checked.stage),
                diagnostics: policy.apply(checked.diagnostics.into_vec()),
                text: doc.text.clone(),
            };
            Loaded {
                document: Some(doc),
                stage: Some(checked.stage),
                report,
            }
        }
        Err(LoadError::Io(e)) => Loaded {
            document: None,
            stage: None,
            report: FileReport {
                path: input.display.clone(),
                stage: None,
                diagnostics: vec![io_diagnostic(&input.path, &e)],
                text: None,
            },
        },
        Err(LoadError::Invalid { diagnostic, text }) => Loaded {
            document: None,
            stage: None,
            report: FileReport {
                path: input.display.clone(),
                stage: None,
                diagnostics: vec![*diagnostic],
                text,
            },
        },
    }
}

pub fn io_diagnostic(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("io", format!("cannot read {}: {e}", path.display()))
        .help("check that the file exists and that you may read it")
}
