//! What the documents of one case share, read once per case: the plan, the language,
//! the manifest to attach and the annexed scans, each under its virtual path.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context as _, anyhow};
use serde_json::Value;
use time::Date;
use typst::foundations::Bytes;
use typst::syntax::FileId;

use super::context::{self, Annex};
use super::fonts::Fonts;
use super::linebreaks::Measurer;
use super::options::{PdfStandard, RenderOptions};
use super::plan::{Plan, Skipped};
use super::world::file_id;
use crate::documents::DocumentId;
use crate::language::Language;
use crate::model::Case;
use crate::scan::{ScanKind, resolve_scan};
use crate::stage::Stage;

/// What the documents of one case share: the plan, the language, the annexed scans and
/// the manifest to attach, read once per case.
pub struct Prepared {
    pub lang: Language,
    pub plan: Vec<DocumentId>,
    pub skipped: Vec<Skipped>,
    pub attach_manifest: bool,
    /// The case's files by virtual path: the manifest to attach, the scans.
    pub files: HashMap<FileId, Bytes>,
    pub scans: Vec<Annex>,
    pub visa_copy: Option<Annex>,
    pub logo: Option<String>,
    /// The table texts measured once for all the documents: they set the same names and
    /// positions.
    pub measurer: Measurer,
}

impl Prepared {
    /// What every document of a case shares: the plan, the language, the annexed
    /// scans and the manifest to attach, read once per case.
    pub fn prepare(
        case: &Case,
        manifest: &Value,
        base_dir: &Path,
        plan: Plan,
        options: &RenderOptions,
        logo: Option<&str>,
        fonts: &Fonts,
    ) -> anyhow::Result<Prepared> {
        let lang = options.lang.unwrap_or(case.language);
        let Plan {
            render: plan,
            skipped,
        } = plan;
        let attach_manifest = options.pdf_standard != Some(PdfStandard::A2b);
        let manifest_bytes = Bytes::new(serde_json::to_vec_pretty(&normalized(manifest))?);
        let mut files: HashMap<typst::syntax::FileId, Bytes> = HashMap::new();
        files.insert(file_id("/manifest.json"), manifest_bytes);
        let mut scans = Vec::new();
        let mut visa_copy = None;
        if plan.contains(&DocumentId::MigrationPetition) {
            for (i, s) in case.approved().enumerate() {
                let Some(path) = &s.passport.scan else {
                    continue;
                };
                let label = format!("{} ({})", s.full_name(), s.passport.number);
                scans.push(load_annex(
                    base_dir,
                    path,
                    &format!("/scans/{i}"),
                    label,
                    &mut files,
                )?);
            }
        }
        if let Some(support) = case
            .visa_support
            .as_ref()
            .filter(|_| plan.iter().any(|d| d.stage() == Stage::Notification))
            && let Some(copy) = &support.copy
        {
            visa_copy = Some(load_annex(
                base_dir,
                copy,
                "/scans/visa-support",
                support.number.clone(),
                &mut files,
            )?);
        }
        let logo = logo.map(|name| format!("/{name}"));
        Ok(Prepared {
            lang,
            plan,
            skipped,
            attach_manifest,
            files,
            scans,
            visa_copy,
            logo,
            measurer: Measurer::new(fonts),
        })
    }

    /// What the context of each of the case's documents is built from.
    pub fn inputs<'a>(
        &'a self,
        case: &'a Case,
        today: Date,
        draft: bool,
        fonts: &'a Fonts,
    ) -> context::Inputs<'a> {
        context::Inputs {
            case,
            lang: self.lang,
            today,
            draft,
            attach_manifest: self.attach_manifest,
            scans: &self.scans,
            visa_copy: self.visa_copy.as_ref(),
            logo: self.logo.as_deref(),
            fonts,
            measurer: &self.measurer,
        }
    }
}

/// The manifest as attached to every PDF: keys sorted, so the same case gives the same
/// bytes whether it was written in YAML or in Excel, in whatever key order.
pub fn normalized(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), normalized(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        other => other.clone(),
    }
}

/// Reads a scan for annexing: its bytes under a virtual path, with its page count.
fn load_annex(
    base_dir: &Path,
    relative: &str,
    stem: &str,
    label: String,
    files: &mut HashMap<FileId, Bytes>,
) -> anyhow::Result<Annex> {
    let (path, kind) =
        resolve_scan(base_dir, relative).map_err(|p| anyhow!("scan {relative}: {p:?}"))?;
    let bytes =
        Bytes::new(std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?);
    let (ext, kind_name, pages) = match kind {
        ScanKind::Pdf => {
            let pdf = hayro_syntax::Pdf::new(std::sync::Arc::new(bytes.to_vec()))
                .map_err(|e| anyhow!("scan {relative} is not a readable PDF: {e:?}"))?;
            ("pdf", "pdf", pdf.pages().len())
        }
        ScanKind::Jpeg => ("jpg", "image", 1),
        ScanKind::Png => ("png", "image", 1),
    };
    let virtual_path = format!("{stem}.{ext}");
    files.insert(file_id(&virtual_path), bytes);
    Ok(Annex {
        path: virtual_path,
        kind: kind_name,
        pages,
        label,
    })
}
