//! `kzinvite review PATH... --out DIR`: each manifest validated as `render` validates it,
//! laid out in memory (no packet written) and written as `DIR/<id>.html`, with
//! `DIR/index.html` for the batch; `--against OLD` adds the redline against an older
//! packet (or an output folder of them, matched by case id), `--redact` masks it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::Value;

use super::in_memory::{self, check_for_render};
use super::outcome::Outcome;
use super::settings::Settings;
use crate::diagnostic::WarningPolicy;
use crate::diff::packets::{Packet, Pair};
use crate::diff::{self, Side};
use crate::discover;
use crate::location::location_suffix;
use crate::pointer::pointer_join;
use crate::redact::Redactor;
use crate::render::RenderOptions;
use crate::report::{ReportOptions, Reporter, TextReporter};
use crate::review::{self, Against, IndexRow, Review};
use crate::source::Document;

/// Page images at screen resolution.
pub const SCREEN_PPI: f32 = 96.0;

/// `kzinvite review`, resolved.
#[derive(Debug, Clone)]
pub struct ReviewConfig {
    pub paths: Vec<PathBuf>,
    pub out: PathBuf,
    pub options: RenderOptions,
    /// `--against OLD`: a packet folder or an output folder of packets.
    pub against: Option<PathBuf>,
    pub redact: bool,
    pub deny_warnings: bool,
    pub policy: WarningPolicy,
}

pub fn run(config: &ReviewConfig, settings: &Settings) -> anyhow::Result<Outcome> {
    let inputs = discover::manifests(&config.paths, Some(&config.out))
        .map_err(|e| anyhow::anyhow!("{}: {}", e.path, e.reason))?;
    let against = match &config.against {
        Some(path) => Some((path.clone(), diff::load(path).map_err(anyhow::Error::new)?)),
        None => None,
    };
    let mut options = config.options.clone();
    options.page_images = Some(SCREEN_PPI);
    let engine = in_memory::engine(options)?;
    std::fs::create_dir_all(&config.out)
        .with_context(|| format!("creating {}", config.out.display()))?;
    let check = settings.check_options(config.options.lang);
    let mut out = std::io::stdout().lock();
    let mut reporter = TextReporter::new(ReportOptions {
        color: settings.color,
        deny_warnings: config.deny_warnings,
        quiet: settings.quiet,
    });
    let (mut rows, mut failed) = (Vec::new(), 0usize);
    for input in &inputs {
        let checked =
            check_for_render(&engine, input, &check, &config.policy, config.deny_warnings);
        let _ = reporter.file(&mut out, &checked.report);
        let Some(validated) = checked.validated else {
            failed += 1;
            let _ = writeln!(
                out,
                "not reviewed {}: the manifest has errors (see above)",
                input.display
            );
            continue;
        };
        let case = validated.case()?;
        let inputs = validated.inputs(&case, &engine, settings);
        let (rendered, meta) = validated
            .render(&case, inputs, &engine, &input.display, settings)
            .with_context(|| format!("rendering {}", input.display))?;
        let doc = validated.doc;
        let mut page = Review::rendered(meta, rendered);
        page.locations = locations(&doc, &input.display);
        if let Some((path, side)) = &against {
            page.against = Some(compare(path, side, &page, &input.display)?);
        }
        if config.redact {
            let old = page
                .against
                .as_ref()
                .map(|_| old_manifest(against.as_ref(), &page.meta.id));
            let redactor = Redactor::of_manifests(
                std::iter::once(&page.meta.manifest.value).chain(old.iter().flatten()),
            );
            review::redact(&mut page, &redactor);
        }
        let file = page.file_name();
        let target = config.out.join(&file);
        match write_page(&target, &review::case_page(&page)) {
            Ok(()) => {
                if !settings.quiet {
                    let _ = writeln!(out, "reviewed {} → {}", input.display, target.display());
                }
                rows.push(IndexRow::of(&page, &file));
            }
            Err(e) => {
                failed += 1;
                let _ = writeln!(out, "failed {}: {e:#}", input.display);
            }
        }
    }
    let index = config.out.join("index.html");
    write_page(&index, &review::index_page(&rows, config.redact))?;
    let _ = writeln!(
        out,
        "{} reviewed, {failed} not → {}",
        rows.len(),
        index.display()
    );
    Ok(Outcome::from_ok(failed == 0))
}

/// Where every value of the manifest stands in its file, by JSON pointer.
pub(super) fn locations(doc: &Document, display: &str) -> BTreeMap<String, String> {
    fn walk(
        value: &Value,
        at: &str,
        doc: &Document,
        display: &str,
        out: &mut BTreeMap<String, String>,
    ) {
        if let Some(loc) = doc.map.locate(at) {
            out.insert(at.to_owned(), location_suffix(display, Some(&loc)));
        }
        match value {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| walk(v, &pointer_join(at, k), doc, display, out)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(k, v)| walk(v, &pointer_join(at, k), doc, display, out)),
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    walk(&doc.value, "", doc, review::page::short(display), &mut out);
    out
}

/// The redline of this case against its old packet; a single old packet must be of this case.
fn compare(path: &Path, side: &Side, page: &Review, display: &str) -> anyhow::Result<Against> {
    let id = &page.meta.id;
    let old = match side {
        Side::One(p) if &p.meta.id == id => Some((**p).clone()),
        Side::One(p) => bail!(
            "{}: is the packet of case {}, {display} is of case {id}: give the old packet of this case, or an output folder of packets",
            path.display(),
            p.meta.id
        ),
        Side::Many(_) => side.find(id)?,
    };
    let new = Packet {
        path: PathBuf::from(display),
        meta: page.meta.clone(),
        source: None,
    };
    let pair = Pair {
        id: id.clone(),
        old,
        new: Some(new),
    };
    Ok(Against {
        path: path.display().to_string(),
        diff: diff::compare_case(&pair),
    })
}

fn old_manifest(against: Option<&(PathBuf, Side)>, id: &str) -> Option<Value> {
    let (_, side) = against?;
    let old = side.find(id).ok()??;
    Some(old.meta.manifest.value)
}

/// Writes a page, replacing only a file kzinvite wrote (it carries the generator mark).
pub(super) fn write_page(path: &Path, html: &str) -> anyhow::Result<()> {
    if let Ok(existing) = std::fs::read(path) {
        let head = &existing[..existing.len().min(2048)];
        if !String::from_utf8_lossy(head).contains(review::GENERATOR) {
            bail!(
                "{} exists and kzinvite did not write it: not overwritten (remove it or pick another --out)",
                path.display()
            );
        }
    }
    crate::fsutil::replace(path, html.as_bytes())
}
