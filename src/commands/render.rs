//! `kzinvite render`: validate, then render every document the stage unlocks into
//! `OUT/<id>/`, many cases in parallel; an invalid manifest renders nothing.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use anyhow::Context;
use serde_json::json;

use super::{Outcome, check_options, for_each_ordered, load_and_check};
use crate::cli::{RenderArgs, Settings};
use crate::discover;
use crate::documents::DocumentId;
use crate::hash::sha256_hex;
use crate::model::Case;
use crate::progress::Progress;
use crate::render::{Engine, RenderOptions, packet};
use crate::report::{FileReport, ReportOptions, Reporter, TextReporter};
use crate::rules::files::ScanRoot;

/// How one case ended.
enum CaseResult {
    Rendered {
        id: String,
        documents: usize,
        pages: usize,
    },
    UpToDate {
        id: String,
    },
    Invalid,
    Failed {
        message: String,
    },
    /// Rendered; its packet is being written (see [`Writers`]).
    Writing {
        id: String,
        documents: usize,
        pages: usize,
        done: mpsc::Receiver<Result<(), String>>,
    },
}

impl CaseResult {
    /// Waits for the packet's write, if one is under way.
    fn written(self) -> CaseResult {
        match self {
            CaseResult::Writing {
                id,
                documents,
                pages,
                done,
            } => match done.recv() {
                Ok(Ok(())) => CaseResult::Rendered {
                    id,
                    documents,
                    pages,
                },
                Ok(Err(message)) => CaseResult::Failed { message },
                Err(_) => CaseResult::Failed {
                    message: "the packet writer stopped".into(),
                },
            },
            other => other,
        }
    }
}

/// Threads that write packets: writing waits on the disk (`fsync`), and meanwhile the
/// render workers keep the cores busy. One queue per thread, picked by case id, so two
/// packets with the same id are written one after the other.
struct Writers {
    queues: Vec<mpsc::Sender<WriteJob>>,
}

struct WriteJob {
    out: PathBuf,
    id: String,
    files: Vec<(String, Vec<u8>)>,
    done: mpsc::SyncSender<Result<(), String>>,
}

impl Writers {
    /// Threads for writing: more than the workers, since they mostly wait.
    fn threads(jobs: usize) -> usize {
        (jobs * 2).clamp(2, 8)
    }

    fn spawn<'scope>(scope: &'scope std::thread::Scope<'scope, '_>, threads: usize) -> Writers {
        let queues = (0..threads)
            .map(|_| {
                let (tx, rx) = mpsc::channel::<WriteJob>();
                scope.spawn(move || {
                    for job in rx {
                        let result = packet::write(&job.out, &job.id, &job.files)
                            .map(|_| ())
                            .map_err(|e| format!("{e:#}"));
                        let _ = job.done.send(result);
                    }
                });
                tx
            })
            .collect();
        Writers { queues }
    }

    /// Queues a packet; the receiver tells when it is written.
    fn write(
        &self,
        out: &Path,
        id: &str,
        files: Vec<(String, Vec<u8>)>,
    ) -> mpsc::Receiver<Result<(), String>> {
        let (done, receiver) = mpsc::sync_channel(1);
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        id.hash(&mut hasher);
        let queue = &self.queues[hasher.finish() as usize % self.queues.len()];
        let job = WriteJob {
            out: out.to_path_buf(),
            id: id.to_owned(),
            files,
            done,
        };
        if let Err(mpsc::SendError(job)) = queue.send(job) {
            let _ = job.done.send(Err("the packet writer stopped".into()));
        }
        receiver
    }
}

struct Processed {
    report: FileReport,
    result: CaseResult,
}

pub fn run(args: &RenderArgs, settings: &Settings) -> anyhow::Result<Outcome> {
    let only = args
        .only
        .iter()
        .map(|s| s.trim().parse::<DocumentId>().map_err(anyhow::Error::msg))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let options = RenderOptions {
        lang: args.lang,
        draft: args.draft,
        only,
        templates: args.templates.clone(),
        font_paths: args.font_path.clone(),
        pdf_standard: args.pdf_standard,
    };
    let inputs = discover::shard(
        discover::manifests(&args.paths.paths, Some(&args.out))?,
        args.shard,
    );
    let engine = Engine::new(options).context("preparing templates and fonts")?;
    packet::recover(&args.out);
    let check = check_options(settings);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut reporter = TextReporter::new(ReportOptions {
        color: settings.color,
        deny_warnings: args.deny_warnings,
        quiet: settings.quiet,
    });
    let progress = Progress::new(
        settings.interactive && inputs.len() > 1,
        inputs.len() as u64,
        "rendering",
    );
    let mut seen_ids: HashSet<String> = HashSet::new();
    let (mut rendered, mut up_to_date, mut invalid, mut failed) = (0usize, 0usize, 0usize, 0usize);
    let mut since_evict = 0usize;
    let evict_every: usize = std::env::var("KZINVITE_EVICT_EVERY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    let evict_age: usize = std::env::var("KZINVITE_EVICT_AGE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    std::thread::scope(|scope| {
        let writers = Writers::spawn(scope, Writers::threads(settings.jobs));
        for_each_ordered(
            &inputs,
            settings.jobs,
            |input| process(&engine, &writers, input, args, settings, &check),
            |p| {
                progress.inc();
                let mut result = p.result.written();
                // Two manifests with one id would write one folder: the second is refused.
                if let CaseResult::Rendered { id, .. } | CaseResult::UpToDate { id } = &result
                    && !seen_ids.insert(id.clone())
                {
                    result = CaseResult::Failed {
                        message: format!(
                            "another manifest in this run has the id {id}; its packet was overwritten by this one — give each case its own id"
                        ),
                    };
                }
                let line = match &result {
                    CaseResult::Rendered {
                        id,
                        documents,
                        pages,
                    } => {
                        rendered += 1;
                        format!(
                            "rendered {} → {} ({documents} documents, {pages} pages)",
                            p.report.path,
                            args.out.join(id).display()
                        )
                    }
                    CaseResult::UpToDate { id } => {
                        up_to_date += 1;
                        format!(
                            "up to date {} → {}",
                            p.report.path,
                            args.out.join(id).display()
                        )
                    }
                    CaseResult::Invalid => {
                        invalid += 1;
                        format!(
                            "not rendered {}: the manifest has errors (see above)",
                            p.report.path
                        )
                    }
                    CaseResult::Failed { message } => {
                        failed += 1;
                        format!("failed {}: {message}", p.report.path)
                    }
                    CaseResult::Writing { .. } => unreachable!("waited for above"),
                };
                progress.suspend(|| {
                    let _ = reporter.file(&mut out, &p.report);
                    if !settings.quiet
                        || matches!(result, CaseResult::Invalid | CaseResult::Failed { .. })
                    {
                        let _ = writeln!(out, "{line}");
                    }
                });
                since_evict += 1;
                if since_evict >= evict_every {
                    // Typst memoizes across documents; keep what recent cases used, drop the rest.
                    comemo::evict(evict_age);
                    since_evict = 0;
                }
            },
        );
        // Dropping the queues ends the writer threads once they are done.
        drop(writers);
    });
    progress.finish();
    let total = inputs.len();
    let _ = writeln!(
        out,
        "{total} manifest{}: {rendered} rendered, {up_to_date} up to date, {invalid} invalid, {failed} failed",
        if total == 1 { "" } else { "s" }
    );
    let _ = out.flush();
    Ok(Outcome::from_ok(invalid == 0 && failed == 0))
}

fn process(
    engine: &Engine,
    writers: &Writers,
    input: &discover::Input,
    args: &RenderArgs,
    settings: &Settings,
    check: &crate::check::CheckOptions,
) -> Processed {
    let loaded = load_and_check(input, check);
    let mut report = loaded.report;
    let (Some(doc), Some(derived)) = (loaded.document, loaded.stage) else {
        return Processed {
            report,
            result: CaseResult::Invalid,
        };
    };
    if !report.is_valid(args.deny_warnings) {
        return Processed {
            report,
            result: CaseResult::Invalid,
        };
    }
    let (mut glyphs, clean) = engine.glyph_coverage(&doc.value);
    for d in &mut glyphs {
        d.location = doc.map.locate(&d.pointer);
    }
    let glyph_warnings = !glyphs.is_empty();
    report.diagnostics.extend(glyphs);
    if glyph_warnings && args.deny_warnings {
        return Processed {
            report,
            result: CaseResult::Invalid,
        };
    }
    let result = match render_one(
        engine, writers, &doc, &clean, derived, input, args, settings,
    ) {
        Ok(r) => r,
        Err(e) => CaseResult::Failed {
            message: format!("{e:#}"),
        },
    };
    Processed { report, result }
}

#[allow(clippy::too_many_arguments)]
fn render_one(
    engine: &Engine,
    writers: &Writers,
    doc: &crate::source::Document,
    clean: &serde_json::Value,
    derived: crate::stage::Stage,
    input: &discover::Input,
    args: &RenderArgs,
    settings: &Settings,
) -> anyhow::Result<CaseResult> {
    let case = Case::from_value(clean).context("reading the validated manifest")?;
    // `--stage` below the reached stage renders only that stage's documents.
    let stage = settings.stage.map_or(derived, |s| s.min(derived));
    let base_dir = doc
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let scans = scan_hashes(&case, base_dir);
    let options = json!({
        "lang": args.lang,
        "draft": args.draft,
        "only": engine.options().only.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        "pdf_standard": args.pdf_standard,
        "stage": stage.as_str(),
        "templates": templates_fingerprint(args.templates.as_deref()),
        "fonts": args.font_path.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
    });
    let today = crate::rules::iso(settings.today);
    let inputs = packet::fingerprint(&doc.sha256, &scans, &options, &today);
    let target = args.out.join(&case.id);
    if !args.force && packet::is_up_to_date(&target, &inputs) {
        return Ok(CaseResult::UpToDate { id: case.id });
    }
    let rendered = engine.render_case(&case, clean, base_dir, stage, settings.today)?;
    let meta = packet::packet_json(&case.id, &input.display, &doc.sha256, &rendered, &inputs);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let pages = rendered.documents.iter().map(|d| d.pages).sum();
    let documents = rendered.documents.len();
    for d in &rendered.documents {
        files.push((d.file.clone(), d.pdf.clone()));
    }
    files.push(("specialists.xlsx".into(), rendered.specialists_xlsx.clone()));
    files.push(("packet.json".into(), serde_json::to_vec_pretty(&meta)?));
    let done = writers.write(&args.out, &case.id, files);
    Ok(CaseResult::Writing {
        id: case.id,
        documents,
        pages,
        done,
    })
}

/// Hashes of the scans the documents annex (their content decides the PDFs).
fn scan_hashes(case: &Case, base_dir: &Path) -> Vec<(String, String)> {
    let paths = case
        .specialists
        .iter()
        .filter_map(|s| s.passport.scan.clone())
        .chain(case.visa_support.as_ref().and_then(|v| v.copy.clone()));
    let root = ScanRoot::new(base_dir);
    paths
        .map(|p| {
            let hash = root
                .resolve(&p)
                .ok()
                .and_then(|(real, _)| std::fs::read(real).ok())
                .map(|b| sha256_hex(&b))
                .unwrap_or_default();
            (p, hash)
        })
        .collect()
}

/// A hash over the override templates' names and contents.
fn templates_fingerprint(dir: Option<&Path>) -> Option<String> {
    let dir = dir?;
    let mut all = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            all.extend_from_slice(entry.path().to_string_lossy().as_bytes());
            all.extend(std::fs::read(entry.path()).unwrap_or_default());
        }
    }
    Some(sha256_hex(&all))
}
