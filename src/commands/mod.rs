//! One module per subcommand; each returns what `main` maps to an exit code.

pub mod convert;
pub mod init;
pub mod render;
pub mod schema;
pub mod status;
pub mod validate;

use std::path::Path;

use crate::check::{self, CheckOptions};
use crate::cli::Settings;
use crate::diagnostic::Diagnostic;
use crate::discover::Input;
use crate::report::FileReport;
use crate::source::{self, Document, LoadError};

/// How a command ended, for the exit code (cli.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything valid and written: exit 0.
    Success,
    /// A manifest invalid or a packet not written: exit 1.
    Failure,
}

impl Outcome {
    pub fn from_ok(ok: bool) -> Self {
        if ok {
            Outcome::Success
        } else {
            Outcome::Failure
        }
    }
}

pub fn check_options(settings: &Settings) -> CheckOptions {
    CheckOptions {
        today: settings.today,
        stage: settings.stage,
    }
}

/// A manifest read and checked; `document` and `stage` are `None` when it could not be
/// read. The diagnostics live in `report` only (moved there, not copied).
pub struct Loaded {
    pub document: Option<Document>,
    /// The stage the manifest reached by its content.
    pub stage: Option<crate::stage::Stage>,
    pub report: FileReport,
}

/// Reads and checks one input. Never fails: problems become diagnostics.
pub fn load_and_check(input: &Input, options: &CheckOptions) -> Loaded {
    match source::load(&input.path) {
        Ok(doc) => {
            let checked = check::check(&doc, options);
            let report = FileReport {
                path: input.display.clone(),
                stage: Some(checked.stage),
                diagnostics: checked.diagnostics.into_vec(),
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

/// Runs `f`; a panic — a bug in kzinvite — comes back as its message, so that one file
/// that trips it is reported and the rest of the batch still runs.
pub fn catch_bug<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_owned());
        format!("internal error (a bug in kzinvite, please report it with this file): {message}")
    })
}

/// Writes a command's whole output to stdout. A reader that stops early (`| head`) is
/// not an error; a full disk is.
pub fn print(bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("cannot write to standard output"))
        }
        _ => Ok(()),
    }
}

pub fn io_diagnostic(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("io", format!("cannot read {}: {e}", path.display()))
        .help("check that the file exists and that you may read it")
}

/// Most workers a run starts, whatever `--jobs` asks: more threads than this only
/// compete for the same cores and memory.
pub const MAX_JOBS: usize = 256;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_message() {
        assert_eq!(catch_bug(|| 7), Ok(7));
        let bug = catch_bug(|| -> u8 { panic!("index out of bounds") });
        let message = bug.expect_err("a panic");
        assert!(message.starts_with("internal error"), "{message}");
        assert!(message.contains("index out of bounds"), "{message}");
    }
}
