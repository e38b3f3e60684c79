//! `kzinvite render`: validate, then render every document the stage unlocks into
//! `OUT/<id>/`, many cases in parallel; an invalid manifest renders nothing.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use super::in_memory::{self, Checked, Validated, check_for_render};
use super::ordered::{self, for_each_ordered};
use super::outcome::{Outcome, catch_bug};
use super::settings::Settings;
use crate::check::CheckOptions;
use crate::diagnostic::WarningPolicy;
use crate::discover;
use crate::packet;
use crate::progress::Progress;
use crate::render::{Engine, RenderOptions};
use crate::report::{FileReport, ReportOptions, Reporter, TextReporter};
use crate::review::{self, IndexRow, Review};

/// How one case ended.
pub(super) enum Ended {
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
    /// A bug in kzinvite (a panic) while processing this case: exit 2.
    Bug {
        message: String,
    },
}

/// What a worker hands back: how the case ended, or its packet staged beside its folder,
/// to be moved into place in input order once no earlier manifest claims its id.
pub(super) enum CaseResult {
    Staged {
        id: String,
        documents: usize,
        pages: usize,
        staged: packet::Staged,
        /// With `--review`: the page, written beside the packet once it is in place.
        review: Option<ReviewPage>,
    },
    Ended(Ended),
}

pub(super) struct Processed {
    pub(super) report: FileReport,
    /// The manifest's `id` when it has one: the folder it claims in `OUT`.
    pub(super) id: Option<String>,
    /// The scan paths the manifest names, as written (what `watch` follows).
    pub(super) scans: Vec<String>,
    pub(super) result: CaseResult,
}

/// `kzinvite render`, resolved.
#[derive(Debug, Clone)]
pub struct RenderConfig {
    pub paths: Vec<PathBuf>,
    /// Each case goes to `out/<id>/`.
    pub out: PathBuf,
    pub options: RenderOptions,
    /// Render even packets that are up to date.
    pub force: bool,
    /// `--emit-typst DIR`: each document's Typst project under `DIR/<id>/`, besides the packet.
    pub emit_typst: Option<PathBuf>,
    pub deny_warnings: bool,
    /// `--allow`, `--deny`.
    pub policy: WarningPolicy,
    /// `--shard K/N` (1-based).
    pub shard: Option<(usize, usize)>,
    /// `--review`: also `OUT/<id>.review.html` and `OUT/review-index.html`; `Some(true)`
    /// with `--redact`.
    pub review: Option<bool>,
}

impl Processed {
    /// A case whose processing panicked: a bug of ours, reported with the manifest's name.
    pub(super) fn bug(input: &discover::Input, message: String) -> Processed {
        Processed {
            report: FileReport {
                path: input.display.clone(),
                stage: None,
                diagnostics: Vec::new(),
                text: None,
            },
            id: None,
            scans: Vec::new(),
            result: CaseResult::Ended(Ended::Bug { message }),
        }
    }
}

/// A case's review page, made on the worker.
pub(super) struct ReviewPage {
    file: String,
    html: String,
    row: IndexRow,
}

pub fn run(args: &RenderConfig, settings: &Settings) -> anyhow::Result<Outcome> {
    let inputs = discover::shard(
        discover::manifests(&args.paths, Some(&args.out))?,
        args.shard,
    );
    let engine = in_memory::engine(args.options.clone())?;
    // Another run writing into the same folder finishes first; what is left over in it
    // then belongs to runs that died.
    let _lock = packet::lock(&args.out);
    packet::recover(&args.out);
    let check = settings.check_options(args.options.lang);
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
    // Which manifest, first in input order, has each id: only it may write `OUT/<id>`.
    let mut claimed: HashMap<String, String> = HashMap::new();
    let (mut rendered, mut up_to_date, mut invalid, mut failed) = (0usize, 0usize, 0usize, 0usize);
    let mut bugs = 0usize;
    let mut review_rows: Vec<IndexRow> = Vec::new();
    // Every worker evicts after each of its cases, so while one case is rendered the
    // others evict about once each: what its first document made must outlive that to
    // serve its later ones. One more eviction than workers keeps it (and what every case
    // uses, refreshed in each); more only makes the caches, and each eviction's walk
    // over them, larger (age 4 on one worker: +4 % CPU, +65 % memory; BENCHMARKS.md).
    let evict_age = ordered::workers(settings.jobs, inputs.len()) + 1;
    for_each_ordered(
        &inputs,
        settings.jobs,
        |input| {
            let processed = catch_bug(|| process(&engine, input, args, settings, &check))
                .unwrap_or_else(|message| Processed::bug(input, message));
            progress.inc();
            // Typst memoizes across documents, but cases share little (each has its own
            // names and dates): after every case, drop what was not used since the last
            // few evictions. Done here, on the worker, so memory stays that of a few cases
            // however large the batch and the output window.
            comemo::evict(evict_age);
            processed
        },
        |p| {
            let first = p.id.as_ref().and_then(|id| {
                let first = claimed.get(id).cloned();
                claimed
                    .entry(id.clone())
                    .or_insert_with(|| p.report.path.clone());
                first.map(|first| (id, first))
            });
            let result = match (p.result, first) {
                // A later manifest with a claimed id is refused; its staged copy is dropped.
                (_, Some((id, first))) => Ended::Failed {
                    message: format!(
                        "{first} in this run has the same id {id}: this packet is not written and {} stays the first one's — give each case its own id",
                        args.out.join(id).display()
                    ),
                },
                (
                    CaseResult::Staged {
                        id,
                        documents,
                        pages,
                        staged,
                        review,
                    },
                    None,
                ) => match staged.commit().and_then(|_| {
                    review.map_or(Ok(()), |page| {
                        super::review::write_page(&args.out.join(&page.file), &page.html)?;
                        review_rows.push(page.row);
                        Ok(())
                    })
                }) {
                    Ok(()) => Ended::Rendered {
                        id,
                        documents,
                        pages,
                    },
                    Err(e) => Ended::Failed {
                        message: format!("{e:#}"),
                    },
                },
                (CaseResult::Ended(ended), None) => ended,
            };
            let line = match &result {
                Ended::Rendered {
                    id,
                    documents,
                    pages,
                } => {
                    rendered += 1;
                    format!(
                        "rendered {} → {} ({}, {})",
                        p.report.path,
                        args.out.join(id).display(),
                        counted(*documents, "document", "documents"),
                        counted(*pages, "page", "pages"),
                    )
                }
                Ended::UpToDate { id } => {
                    up_to_date += 1;
                    format!(
                        "up to date {} → {}",
                        p.report.path,
                        args.out.join(id).display()
                    )
                }
                Ended::Invalid => {
                    invalid += 1;
                    format!(
                        "not rendered {}: the manifest has errors (see above)",
                        p.report.path
                    )
                }
                Ended::Failed { message } => {
                    failed += 1;
                    format!("failed {}: {message}", p.report.path)
                }
                Ended::Bug { message } => {
                    failed += 1;
                    bugs += 1;
                    format!("failed {}: {message}", p.report.path)
                }
            };
            progress.suspend(|| {
                let _ = reporter.file(&mut out, &p.report);
                let fine = matches!(result, Ended::Rendered { .. } | Ended::UpToDate { .. });
                if !settings.quiet || !fine {
                    let _ = writeln!(out, "{line}");
                }
            });
        },
    );
    progress.finish();
    if let Some(redacted) = args.review {
        let index = args.out.join("review-index.html");
        super::review::write_page(&index, &review::index_page(&review_rows, redacted))?;
    }
    let total = inputs.len();
    let _ = writeln!(
        out,
        "{total} manifest{}: {rendered} rendered, {up_to_date} up to date, {invalid} invalid, {failed} failed",
        if total == 1 { "" } else { "s" }
    );
    let _ = out.flush();
    if bugs > 0 {
        anyhow::bail!(
            "{bugs} case{} hit a bug in kzinvite (see above)",
            if bugs == 1 { "" } else { "s" }
        );
    }
    Ok(Outcome::from_ok(invalid == 0 && failed == 0))
}

pub(super) fn process(
    engine: &Engine,
    input: &discover::Input,
    args: &RenderConfig,
    settings: &Settings,
    check: &CheckOptions,
) -> Processed {
    let Checked {
        report,
        id,
        scans,
        validated,
    } = check_for_render(engine, input, check, &args.policy, args.deny_warnings);
    let Some(validated) = validated else {
        return Processed {
            report,
            id,
            scans,
            result: CaseResult::Ended(Ended::Invalid),
        };
    };
    let result = render_one(engine, &validated, input, args, settings).unwrap_or_else(|e| {
        CaseResult::Ended(Ended::Failed {
            message: format!("{e:#}"),
        })
    });
    Processed {
        report,
        id,
        scans,
        result,
    }
}

fn render_one(
    engine: &Engine,
    validated: &Validated,
    input: &discover::Input,
    args: &RenderConfig,
    settings: &Settings,
) -> anyhow::Result<CaseResult> {
    let case = validated.case()?;
    if let Some(dir) = &args.emit_typst {
        let stage = validated.stage(settings);
        let projects = engine.typst_projects(
            &case,
            &validated.clean,
            validated.base_dir(),
            stage,
            settings.today,
        )?;
        crate::render::write_projects(&dir.join(&case.id), &projects)?;
    }
    let inputs = validated.inputs(&case, engine, settings);
    let target = args.out.join(&case.id);
    // The review page needs the layout: with `--review` every case is laid out again.
    if !args.force && args.review.is_none() && packet::is_up_to_date(&target, &inputs) {
        return Ok(CaseResult::Ended(Ended::UpToDate { id: case.id }));
    }
    let (rendered, meta) = validated.render(&case, inputs, engine, &input.display, settings)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let pages = rendered.documents.iter().map(|d| d.pages).sum();
    let documents = rendered.documents.len();
    for d in &rendered.documents {
        files.push((d.file.clone(), d.pdf.clone()));
    }
    files.push(("specialists.xlsx".into(), rendered.specialists_xlsx.clone()));
    files.push((
        packet::meta::FILE_NAME.into(),
        serde_json::to_vec_pretty(&meta)?,
    ));
    let staged = packet::stage(&args.out, &case.id, &files)?;
    let review = args.review.map(|redacted| {
        let mut page = Review::rendered(meta, rendered);
        page.locations = super::review::locations(&validated.doc, &input.display);
        if redacted {
            let redactor = crate::redact::Redactor::of_manifests([&page.meta.manifest.value]);
            review::redact(&mut page, &redactor);
        }
        let file = format!("{}.review.html", case.id);
        let row = IndexRow::of(&page, &file);
        ReviewPage {
            html: review::case_page(&page),
            file,
            row,
        }
    });
    Ok(CaseResult::Staged {
        id: case.id,
        documents,
        pages,
        staged,
        review,
    })
}

/// `1 document`, `7 documents`.
pub(super) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
