//! Rendering: a validated case → the documents its stage unlocks, as PDF, through
//! minijinja templates producing Typst markup compiled in-process.
//!
//! [`Engine`] holds what every document shares (fonts, templates, the Typst library)
//! and is built once per run; [`Engine::render_case`] renders one case into memory;
//! [`packet`] writes it atomically.

pub mod context;
pub mod fonts;
pub mod list;
pub mod packet;
pub mod templates;
pub mod words;
pub mod world;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};
use serde_json::Value;
use time::Date;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::Source;
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

use crate::diagnostic::Diagnostic;
use crate::documents::DocumentId;
use crate::language::Language;
use crate::model::Case;
use crate::pointer::{pointer_display, pointer_join};
use crate::scan::{ScanKind, resolve_scan};
use crate::stage::Stage;
use context::{Annex, Context};
use fonts::Fonts;
use templates::Templates;
use world::{DocWorld, Shared, file_id};

/// Archival PDF/A levels `--pdf-standard` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PdfStandard {
    /// PDF/A-2b: no attachments, so the manifest is left out.
    #[serde(rename = "a-2b")]
    A2b,
    /// PDF/A-3b: the manifest stays attached.
    #[serde(rename = "a-3b")]
    A3b,
}

impl PdfStandard {
    pub const ALL: [PdfStandard; 2] = [PdfStandard::A2b, PdfStandard::A3b];

    pub fn as_str(self) -> &'static str {
        match self {
            PdfStandard::A2b => "a-2b",
            PdfStandard::A3b => "a-3b",
        }
    }
}

/// Render settings of a run, resolved from the command line.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// `--lang`: the language of documents to state bodies, over the manifest's.
    pub lang: Option<Language>,
    pub draft: bool,
    /// Only these documents (empty: all that the stage unlocks).
    pub only: Vec<DocumentId>,
    pub templates: Option<PathBuf>,
    pub font_paths: Vec<PathBuf>,
    pub pdf_standard: Option<PdfStandard>,
}

/// One rendered document.
#[derive(Debug, Clone)]
pub struct RenderedDocument {
    pub id: DocumentId,
    pub file: String,
    pub pages: usize,
    pub pdf: Vec<u8>,
}

/// A document the stage (or `--only`) left out, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Skipped {
    pub id: DocumentId,
    pub reason: String,
}

/// What rendering one case produced, in memory.
#[derive(Debug, Clone)]
pub struct RenderedCase {
    pub stage: Stage,
    pub language: Language,
    pub documents: Vec<RenderedDocument>,
    pub skipped: Vec<Skipped>,
    pub specialists_xlsx: Vec<u8>,
}

/// Shared state for rendering many cases.
pub struct Engine {
    shared: Shared,
    templates: Templates,
    options: RenderOptions,
}

impl Engine {
    pub fn new(options: RenderOptions) -> anyhow::Result<Engine> {
        let templates = Templates::load(options.templates.as_deref())?;
        let fonts = Fonts::load(&options.font_paths)?;
        let sources = templates
            .typst_modules
            .iter()
            .map(|(name, text)| {
                let id = file_id(&format!("/{name}"));
                (id, Source::new(id, text.clone()))
            })
            .collect();
        let mut files = HashMap::new();
        if let Some((name, bytes)) = &templates.logo {
            files.insert(file_id(&format!("/{name}")), Bytes::new(bytes.clone()));
        }
        let shared = Shared {
            library: LazyHash::new(Library::default()),
            fonts,
            sources,
            files,
        };
        Ok(Engine {
            shared,
            templates,
            options,
        })
    }

    pub fn options(&self) -> &RenderOptions {
        &self.options
    }

    pub fn fonts(&self) -> &Fonts {
        &self.shared.fonts
    }

    /// `glyph-coverage`: text values with characters no font can draw. Returns the
    /// warnings and the manifest with those characters left out.
    pub fn glyph_coverage(&self, manifest: &Value) -> (Vec<Diagnostic>, Value) {
        let mut out = Vec::new();
        let mut clean = manifest.clone();
        strip_uncovered(&mut clean, "", &self.shared.fonts, &mut out);
        (out, clean)
    }

    /// The documents to render at `stage` with the run's `--only`, and those left out.
    pub fn plan(&self, stage: Stage) -> (Vec<DocumentId>, Vec<Skipped>) {
        let mut render = Vec::new();
        let mut skipped = Vec::new();
        for doc in DocumentId::ALL {
            if doc.stage() > stage {
                let needs = match doc.stage() {
                    Stage::Petition => "needs ic_decision (stage petition)",
                    _ => "needs visa_support (stage notification)",
                };
                skipped.push(Skipped {
                    id: doc,
                    reason: needs.into(),
                });
            } else if !self.options.only.is_empty() && !self.options.only.contains(&doc) {
                skipped.push(Skipped {
                    id: doc,
                    reason: "not asked for (--only)".into(),
                });
            } else {
                render.push(doc);
            }
        }
        (render, skipped)
    }

    /// Renders every planned document of a validated case.
    pub fn render_case(
        &self,
        case: &Case,
        manifest: &Value,
        base_dir: &Path,
        stage: Stage,
        today: Date,
    ) -> anyhow::Result<RenderedCase> {
        let prepared = self.prepare(case, manifest, base_dir, stage)?;
        let datetime = typst_date(today)?;
        let inputs = prepared.inputs(case, today, self.options.draft, &self.shared.fonts);
        let mut documents = Vec::with_capacity(prepared.plan.len());
        for &doc in &prepared.plan {
            let ctx = context::build(&inputs, doc);
            let pdf = self
                .render_document(doc, &ctx, &prepared.files, datetime, &case.id)
                .with_context(|| format!("rendering {}", doc.file_name()))?;
            documents.push(pdf);
        }
        let specialists_xlsx = list::workbook(case, prepared.lang, today)?;
        Ok(RenderedCase {
            stage,
            language: prepared.lang,
            documents,
            skipped: prepared.skipped,
            specialists_xlsx,
        })
    }

    /// The exact Typst project each planned document compiles: its main file (the
    /// rendered template), `/context.json`, the library modules, the logo, the manifest
    /// and the annexed scans, by virtual path. Written to a folder, `typst compile
    /// --root DIR DIR/<main>` compiles the same document (benchmarks compare against it).
    pub fn typst_projects(
        &self,
        case: &Case,
        manifest: &Value,
        base_dir: &Path,
        stage: Stage,
        today: Date,
    ) -> anyhow::Result<Vec<TypstProject>> {
        let prepared = self.prepare(case, manifest, base_dir, stage)?;
        let inputs = prepared.inputs(case, today, self.options.draft, &self.shared.fonts);
        let path_of = |id: &typst::syntax::FileId| id.get().vpath().get_without_slash().to_owned();
        let mut projects = Vec::new();
        for &doc in &prepared.plan {
            let ctx = context::build(&inputs, doc);
            let (main, markup) = self.markup(doc, &ctx)?;
            let mut files: Vec<(String, Vec<u8>)> = vec![
                (main.trim_start_matches('/').to_owned(), markup.into_bytes()),
                ("context.json".into(), serde_json::to_vec(&ctx)?),
            ];
            for (id, source) in &self.shared.sources {
                files.push((path_of(id), source.text().as_bytes().to_vec()));
            }
            for (id, bytes) in self.shared.files.iter().chain(&prepared.files) {
                files.push((path_of(id), bytes.to_vec()));
            }
            files.sort();
            projects.push(TypstProject {
                id: doc,
                main: main.trim_start_matches('/').to_owned(),
                files,
            });
        }
        Ok(projects)
    }

    /// What every document of a case shares: the plan, the language, the annexed
    /// scans and the manifest to attach, read once per case.
    fn prepare(
        &self,
        case: &Case,
        manifest: &Value,
        base_dir: &Path,
        stage: Stage,
    ) -> anyhow::Result<Prepared> {
        let lang = self.options.lang.unwrap_or(case.language);
        let (plan, skipped) = self.plan(stage);
        let attach_manifest = self.options.pdf_standard != Some(PdfStandard::A2b);
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
        let logo = self
            .templates
            .logo
            .as_ref()
            .map(|(name, _)| format!("/{name}"));
        Ok(Prepared {
            lang,
            plan,
            skipped,
            attach_manifest,
            files,
            scans,
            visa_copy,
            logo,
        })
    }

    /// The template of `doc` in the context's language, rendered: (virtual path, markup).
    fn markup(&self, doc: DocumentId, ctx: &Context<'_>) -> anyhow::Result<(String, String)> {
        let name = format!("documents/{}.{}.typ", doc.as_str(), ctx.lang);
        let markup = self.templates.render(&name, ctx)?;
        Ok((format!("/{name}"), markup))
    }

    fn render_document(
        &self,
        doc: DocumentId,
        ctx: &Context<'_>,
        files: &HashMap<typst::syntax::FileId, Bytes>,
        datetime: Datetime,
        case_id: &str,
    ) -> anyhow::Result<RenderedDocument> {
        let (main, markup) = self.markup(doc, ctx)?;
        let context = Bytes::new(serde_json::to_vec(ctx)?);
        let world = DocWorld::new(&self.shared, &main, markup, files, context, datetime);
        let compiled = typst::compile::<PagedDocument>(&world);
        let document = compiled
            .output
            .map_err(|errors| anyhow!(describe_typst(&world, &errors)))?;
        let standards =
            match self.options.pdf_standard {
                None => PdfStandards::default(),
                Some(PdfStandard::A2b) => PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
                    .map_err(|e| anyhow!("{e:?}"))?,
                Some(PdfStandard::A3b) => PdfStandards::new(&[typst_pdf::PdfStandard::A_3b])
                    .map_err(|e| anyhow!("{e:?}"))?,
            };
        let options = PdfOptions {
            ident: Smart::Custom(format!("{case_id}/{}", doc.as_str())),
            timestamp: Some(Timestamp::new_utc(datetime)),
            standards,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options)
            .map_err(|errors| anyhow!(describe_typst(&world, &errors)))?;
        Ok(RenderedDocument {
            id: doc,
            file: doc.file_name(),
            pages: document.pages().len(),
            pdf,
        })
    }
}

/// One document as a stand-alone Typst project (see [`Engine::typst_projects`]).
#[derive(Debug, Clone)]
pub struct TypstProject {
    pub id: DocumentId,
    /// The main file's path inside the project (`documents/akimat-request.ru.typ`).
    pub main: String,
    /// Every file the document may read, by path inside the project.
    pub files: Vec<(String, Vec<u8>)>,
}

/// What the documents of one case share (see [`Engine::prepare`]).
struct Prepared {
    lang: Language,
    plan: Vec<DocumentId>,
    skipped: Vec<Skipped>,
    attach_manifest: bool,
    files: HashMap<typst::syntax::FileId, Bytes>,
    scans: Vec<Annex>,
    visa_copy: Option<Annex>,
    logo: Option<String>,
}

impl Prepared {
    fn inputs<'a>(
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
        }
    }
}

fn typst_date(today: Date) -> anyhow::Result<Datetime> {
    Datetime::from_ymd(today.year(), u8::from(today.month()), today.day())
        .ok_or_else(|| anyhow!("--today is out of range"))
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
    files: &mut HashMap<typst::syntax::FileId, Bytes>,
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

fn describe_typst(world: &DocWorld<'_>, errors: &[SourceDiagnostic]) -> String {
    let mut out = Vec::new();
    for e in errors.iter().filter(|e| e.severity == TypstSeverity::Error) {
        let mut where_ = String::from("template");
        if let Some(id) = e.span.id() {
            let path = id.get().vpath().get_without_slash().to_owned();
            if let (Ok(source), Some(range)) =
                (typst::World::source(world, id), world.range(e.span))
            {
                let line = source.lines().byte_to_line(range.start).unwrap_or(0);
                let text = source.text().lines().nth(line).unwrap_or_default().trim();
                where_ = format!("templates/{path}:{} (`{text}`)", line + 1);
            } else {
                where_ = format!("templates/{path}");
            }
        }
        let hints: Vec<String> = e.hints.iter().map(|h| format!("hint: {}", h.v)).collect();
        out.push(format!(
            "{where_}: {}{}",
            e.message,
            if hints.is_empty() {
                String::new()
            } else {
                format!(" ({})", hints.join("; "))
            }
        ));
    }
    if out.is_empty() {
        "Typst compilation failed".into()
    } else {
        out.join("\n")
    }
}

/// Removes characters no font covers from every string, recording a warning for each.
fn strip_uncovered(value: &mut Value, pointer: &str, fonts: &Fonts, out: &mut Vec<Diagnostic>) {
    match value {
        Value::String(s) => {
            let missing = fonts.uncovered(s);
            if !missing.is_empty() {
                let shown: String = missing.iter().take(8).collect();
                out.push(
                    Diagnostic::warning(
                        "glyph-coverage",
                        format!("no available font can draw `{shown}` in {}: left out of the documents", pointer_display(pointer)),
                    )
                    .help("add a font that covers these characters with --font-path (e.g. Noto Sans CJK for Chinese), or write the text in Latin or Cyrillic")
                    .at(pointer),
                );
                let kept: String = s.chars().filter(|c| fonts.covers(*c)).collect();
                *s = kept.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                strip_uncovered(item, &pointer_join(pointer, i), fonts, out);
            }
        }
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for k in keys {
                let child = pointer_join(pointer, &k);
                if let Some(v) = map.get_mut(&k) {
                    strip_uncovered(v, &child, fonts, out);
                }
                // An optional text left empty is dropped rather than printed blank.
                if map
                    .get(&k)
                    .and_then(Value::as_str)
                    .is_some_and(str::is_empty)
                    && k == "native_name"
                {
                    map.remove(&k);
                }
            }
        }
        _ => {}
    }
}
