//! `kzinvite validate`: check manifests, report diagnostics, never write files.

use std::io::Write;

use std::path::PathBuf;

use super::batch::load_and_check;
use super::editor;
use super::ordered::for_each_ordered;
use super::outcome::{Outcome, catch_bug};
use super::settings::Settings;
use crate::diagnostic::WarningPolicy;
use crate::discover;
use crate::language::Language;
use crate::progress::Progress;
use crate::report::{self, FileReport, ReportOptions, Summary};

/// `kzinvite validate`, resolved.
#[derive(Debug, Clone)]
pub struct ValidateConfig {
    pub paths: Vec<PathBuf>,
    pub format: report::Format,
    pub deny_warnings: bool,
    /// `--allow`, `--deny`.
    pub policy: WarningPolicy,
    /// `--lang`: check the translations the letters in this language need.
    pub lang: Option<Language>,
    /// `--shard K/N` (1-based).
    pub shard: Option<(usize, usize)>,
}

pub fn run(args: &ValidateConfig, settings: &Settings) -> anyhow::Result<Outcome> {
    let inputs = discover::shard(discover::manifests(&args.paths, None)?, args.shard);
    let options = settings.check_options(args.lang);
    let report_options = ReportOptions {
        color: settings.color,
        deny_warnings: args.deny_warnings,
        quiet: settings.quiet,
    };
    let mut reporter = report::reporter(args.format, report_options);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let progress = Progress::new(
        settings.interactive && inputs.len() > 1,
        inputs.len() as u64,
        "validating",
    );
    // The first failure to write the report, unless the reader only stopped early.
    let mut write_failed: Option<std::io::Error> = None;
    let mut note = |result: std::io::Result<()>| {
        if let Err(e) = result
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            write_failed.get_or_insert(e);
        }
    };
    let mut bugs = Vec::new();
    let mut schemas = StaleSchemas::default();
    for_each_ordered(
        &inputs,
        settings.jobs,
        |input| {
            let checked = catch_bug(|| load_and_check(input, &options, &args.policy).report);
            progress.inc();
            checked.map_err(|bug| format!("{}: {bug}", input.display))
        },
        |file| {
            let file = match file {
                Ok(file) => file,
                Err(bug) => return bugs.push(bug),
            };
            summary.add(&file, args.deny_warnings);
            schemas.look(&file);
            note(progress.suspend(|| reporter.file(&mut out, &file)));
        },
    );
    progress.finish();
    note(reporter.finish(&mut out, &summary));
    note(out.flush());
    if !settings.quiet {
        for line in &schemas.notes {
            eprintln!("{line}");
        }
    }
    // A closed pipe (`| head`) is not the manifests' fault: the verdict stands. A report
    // that could not be written (a full disk) leaves the run unanswered: exit 2.
    if let Some(e) = write_failed {
        anyhow::bail!("cannot write the report: {e}");
    }
    if !bugs.is_empty() {
        // Exit 2: the files named were not checked, whatever the report says of the rest.
        anyhow::bail!("{}", bugs.join("\n"));
    }
    Ok(Outcome::from_ok(summary.invalid == 0))
}

/// The schema files the manifests' modelines point at, each looked at once, and the
/// notes for those that are not this kzinvite's schema.
#[derive(Default)]
struct StaleSchemas {
    seen: std::collections::HashSet<PathBuf>,
    notes: Vec<String>,
}

impl StaleSchemas {
    fn look(&mut self, file: &FileReport) {
        let Some(text) = &file.text else { return };
        let Some(schema) = editor::modeline_schema(std::path::Path::new(&file.path), text) else {
            return;
        };
        if self.seen.insert(schema.clone())
            && let Some(note) = editor::stale_note(&schema)
        {
            self.notes.push(note);
        }
    }
}
