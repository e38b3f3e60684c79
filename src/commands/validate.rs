//! `kzinvite validate`: check manifests, report diagnostics, never write files.

use std::io::Write;

use super::{Outcome, catch_bug, check_options, for_each_ordered, load_and_check};
use crate::cli::{Settings, ValidateArgs};
use crate::discover;
use crate::progress::Progress;
use crate::report::{self, ReportOptions, Summary};

pub fn run(args: &ValidateArgs, settings: &Settings) -> anyhow::Result<Outcome> {
    let inputs = discover::shard(discover::manifests(&args.paths.paths, None)?, args.shard);
    let options = check_options(settings);
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
    let mut write_failed = false;
    let mut bugs = Vec::new();
    for_each_ordered(
        &inputs,
        settings.jobs,
        |input| {
            let checked = catch_bug(|| load_and_check(input, &options).report);
            progress.inc();
            checked.map_err(|bug| format!("{}: {bug}", input.display))
        },
        |file| {
            let file = match file {
                Ok(file) => file,
                Err(bug) => return bugs.push(bug),
            };
            summary.add(&file, args.deny_warnings);
            if progress.suspend(|| reporter.file(&mut out, &file)).is_err() {
                write_failed = true;
            }
        },
    );
    progress.finish();
    if reporter.finish(&mut out, &summary).is_err() || out.flush().is_err() {
        write_failed = true;
    }
    // A closed pipe (`| head`) is not the manifests' fault; the verdict stands.
    let _ = write_failed;
    if !bugs.is_empty() {
        // Exit 2: the files named were not checked, whatever the report says of the rest.
        anyhow::bail!("{}", bugs.join("\n"));
    }
    Ok(Outcome::from_ok(summary.invalid == 0))
}
