//! What every command over many manifests shares: read and check one input into a
//! report, and run a function over all inputs in parallel with results in input order.

use std::path::Path;

use crate::check::{self, CheckOptions};
use crate::diagnostic::{Diagnostic, WarningPolicy};
use crate::discover::Input;
use crate::limits::MAX_JOBS;
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

/// Runs `f` over `inputs` on `jobs` workers, handing results to `sink` in input order.
/// Works in windows of a few results per worker so memory stays bounded.
pub fn for_each_ordered<T: Send>(
    inputs: &[Input],
    jobs: usize,
    f: impl Fn(&Input) -> T + Sync,
    mut sink: impl FnMut(T),
) {
    use rayon::prelude::*;
    // Never more workers than files to work on (`--jobs 100000` on one file).
    let jobs = jobs.clamp(1, MAX_JOBS).min(inputs.len().max(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build();
    let window = (jobs.max(1) * 16).max(16);
    let run = |chunk: &[Input]| -> Vec<T> { chunk.par_iter().map(&f).collect() };
    for chunk in inputs.chunks(window) {
        let results = match &pool {
            Ok(pool) => pool.install(|| run(chunk)),
            Err(_) => chunk.iter().map(&f).collect(),
        };
        results.into_iter().for_each(&mut sink);
    }
}
