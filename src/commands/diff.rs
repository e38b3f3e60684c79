//! `kzinvite diff OLD NEW`: two packets, two folders of packets, or manifests rendered in
//! memory (validated as `render` validates them, nothing written) compared; exit 0 when
//! nothing differs, 1 when something does, 2 when they cannot be compared.
//!
//! Case pairs are read, compared and written in parallel windows, in id order, so memory
//! stays that of a few packets however many the folders hold.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::in_memory::{self, check_for_render};
use super::outcome::Outcome;
use super::settings::Settings;
use crate::diagnostic::WarningPolicy;
use crate::diff::{self, Counts, Packet, Pending, Side, SideError};
use crate::discover::Input;
use crate::limits::MAX_JOBS;
use crate::redact::Redactor;
use crate::render::{Engine, RenderOptions};
use crate::report::{FileReport, ReportOptions, Reporter, Summary, TextReporter};
use crate::review::{self, Against, Review};
use crate::source::Format;

/// How the differences are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Json,
    /// The review page of NEW with the redline against OLD (one pair of packets).
    Html,
}

/// `kzinvite diff`, resolved.
#[derive(Debug, Clone)]
pub struct DiffConfig {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: DiffFormat,
    /// How a manifest side is rendered (`render`'s options; packets are as rendered).
    pub options: RenderOptions,
    /// `--out FILE` for `--format html` (else standard output).
    pub out: Option<PathBuf>,
    /// `--redact`: passport numbers and dates of birth masked.
    pub redact: bool,
}

pub fn run(config: &DiffConfig, settings: &Settings) -> anyhow::Result<Outcome> {
    let mut engine = None;
    let old = side(&config.old, config, settings, &mut engine)?;
    let new = side(&config.new, config, settings, &mut engine)?;
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(invalid), _) | (_, Err(invalid)) => anyhow::bail!(
            "{invalid}: the manifest does not validate (its diagnostics are above): fix it, then compare again"
        ),
    };
    let pending = diff::pair(old, new, &config.old, &config.new)?;
    if config.format == DiffFormat::Html {
        return html_page(pending, config);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let json = config.format == DiffFormat::Json;
    let color = settings.color;
    let mut counts = Counts::default();
    let mut write = |bytes: &[u8]| match out.write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("cannot write to standard output"))
        }
        _ => Ok(()),
    };
    if json {
        write(diff::json::HEAD.as_bytes())?;
    }
    let compared = for_each_case(pending, settings.jobs, |pair| {
        let pair = pair.open()?;
        let mut case = diff::compare_case(&pair);
        if config.redact {
            diff::redact_case(&mut case, &redactor(&pair));
        }
        let text = if json {
            diff::json::case(&case)
        } else {
            diff::report::case(&case, color)
        };
        Ok((case.status, text))
    });
    let mut failed: Option<SideError> = None;
    for result in compared {
        match result {
            Ok((status, text)) => {
                if json && counts.total() > 0 {
                    write(b",")?;
                }
                counts.add(status);
                write(text.as_bytes())?;
            }
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    let tail = if json {
        diff::json::tail(&counts)
    } else {
        diff::report::summary(&counts)
    };
    if failed.is_none() {
        write(tail.as_bytes())?;
    }
    let flushed = out.flush();
    if let Some(e) = failed {
        return Err(e.into());
    }
    if let Err(e) = flushed
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(anyhow::Error::new(e).context("cannot write to standard output"));
    }
    Ok(Outcome::from_ok(counts.total() == counts.unchanged))
}

/// `--format html`: the review page of the one pair's NEW packet with the redline against OLD.
fn html_page(mut pending: Vec<Pending>, config: &DiffConfig) -> anyhow::Result<Outcome> {
    let (Some(pair), 0) = (pending.pop(), pending.len()) else {
        anyhow::bail!(
            "{}: --format html shows one pair of packets; for folders use `kzinvite review --against`",
            config.new.display()
        );
    };
    let pair = pair.open()?;
    let Some(new) = &pair.new else {
        anyhow::bail!("{}: no packet", config.new.display());
    };
    let mut case = diff::compare_case(&pair);
    let redactor = redactor(&pair);
    if config.redact {
        diff::redact_case(&mut case, &redactor);
    }
    let differs = case.status != diff::Status::Unchanged;
    let mut page = Review::packet(new.meta.clone());
    page.against = Some(Against {
        path: config.old.display().to_string(),
        diff: case,
    });
    if config.redact {
        review::redact(&mut page, &redactor);
    }
    let html = review::case_page(&page);
    match &config.out {
        Some(file) => super::review::write_page(file, &html)?,
        None => super::outcome::print(html.as_bytes())?,
    }
    Ok(Outcome::from_ok(!differs))
}

/// What `--redact` masks in a pair: the passport numbers and birth dates of both manifests.
fn redactor(pair: &diff::Pair) -> Redactor {
    let sides = [&pair.old, &pair.new];
    Redactor::of_manifests(sides.into_iter().flatten().map(|p| &p.meta.manifest.value))
}

/// One side: a manifest rendered in memory (`Err(path)` when it does not validate, its
/// diagnostics printed on stderr as `validate` prints them), or packets on disk.
fn side(
    path: &Path,
    config: &DiffConfig,
    settings: &Settings,
    engine: &mut Option<Engine>,
) -> anyhow::Result<Result<Side, String>> {
    if !(path.is_file() && Format::of(path).is_some()) {
        return Ok(Ok(diff::load(path)?));
    }
    let engine = match engine {
        Some(engine) => engine,
        None => engine.insert(in_memory::engine(config.options.clone())?),
    };
    let input = Input {
        path: path.to_owned(),
        display: path.display().to_string(),
    };
    let check = settings.check_options(config.options.lang);
    let checked = check_for_render(engine, &input, &check, &WarningPolicy::default(), false);
    let Some(validated) = checked.validated else {
        print_invalid(&checked.report, settings);
        return Ok(Err(input.display));
    };
    let case = validated.case()?;
    let inputs = validated.inputs(&case, engine, settings);
    let (_, meta) = validated
        .render(&case, inputs, engine, &input.display, settings)
        .with_context(|| format!("rendering {} in memory", input.display))?;
    Ok(Ok(Side::One(Box::new(Packet {
        path: input.path,
        meta,
        source: Some(validated.doc.map),
    }))))
}

/// The diagnostics of a manifest that does not validate, on stderr as `validate` prints them.
fn print_invalid(report: &FileReport, settings: &Settings) {
    let mut reporter = TextReporter::new(ReportOptions {
        color: settings.color,
        deny_warnings: false,
        quiet: settings.quiet,
    });
    let mut summary = Summary::default();
    summary.add(report, false);
    let mut err = std::io::stderr().lock();
    let _ = reporter.file(&mut err, report);
    let _ = reporter.finish(&mut err, &summary);
    let _ = err.flush();
}

/// Runs `compare` over the pairs on `jobs` workers, in windows of a few pairs per worker,
/// and yields the results in pair order.
fn for_each_case<T: Send>(
    pending: Vec<Pending>,
    jobs: usize,
    compare: impl Fn(Pending) -> Result<T, SideError> + Sync,
) -> impl Iterator<Item = Result<T, SideError>> {
    use rayon::prelude::*;
    let jobs = jobs.clamp(1, MAX_JOBS).min(pending.len().max(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .ok();
    let window = jobs * 16;
    let mut pending = pending.into_iter();
    std::iter::from_fn(move || {
        let chunk: Vec<Pending> = pending.by_ref().take(window).collect();
        if chunk.is_empty() {
            return None;
        }
        let results: Vec<Result<T, SideError>> = match &pool {
            Some(pool) => pool.install(|| chunk.into_par_iter().map(&compare).collect()),
            None => chunk.into_iter().map(&compare).collect(),
        };
        Some(results)
    })
    .flatten()
}
