//! The render engine: what every document of a run shares (fonts, templates, the Typst
//! library), built once; [`Engine::render_case`] renders one validated case into memory.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, Source};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};

use super::compile::{DocumentSource, compile, typst_date};
use super::context::{self, CaseContext, Context, Inputs};
use super::diagnose::{TemplateFile, TemplateFiles};
use super::fonts::Fonts;
use super::glyphs;
use super::images::{PageImage, Thumbnail, page_images, thumbnails};
use super::list;
use super::options::RenderOptions;
use super::plan::{Plan, Skipped};
use super::prepare::Prepared;
use super::templates::Templates;
use super::text::document_text;
use super::world::{ContextFiles, Shared, file_id};
use crate::blocks::Block;
use crate::diagnostic::Diagnostic;
use crate::documents::DocumentId;
use crate::hash::sha256_hex;
use crate::language::Language;
use crate::model::Case;
use crate::stage::Stage;

/// One rendered document.
#[derive(Debug, Clone)]
pub struct RenderedDocument {
    pub id: DocumentId,
    pub file: String,
    pub pages: usize,
    pub pdf: Vec<u8>,
    pub inputs: DocumentInputs,
    /// The text as laid out, from the same layout as the PDF (see [`super::text`]).
    pub text: Vec<Block>,
    /// Its pages as images, when [`RenderOptions::page_images`] asks for them.
    pub images: Option<Vec<PageImage>>,
}

/// What one document was compiled from, by hash: packet.json's `documents[].inputs`,
/// so that a comparison of two packets can tell a template change from a data change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInputs {
    /// The template's name under `templates/` (`documents/border-notice.ru.typ`).
    pub template: String,
    pub template_sha256: String,
    /// The Typst library (`lib/*.typ`) and the logo, together.
    pub library_sha256: String,
    /// The document's `/context.json` (its `/case.json` and `/letter.json` together):
    /// every value from the manifest it prints.
    pub context_sha256: String,
}

/// What rendering one case produced, in memory.
#[derive(Debug, Clone)]
pub struct RenderedCase {
    pub stage: Stage,
    pub language: Language,
    pub documents: Vec<RenderedDocument>,
    pub skipped: Vec<Skipped>,
    pub specialists_xlsx: Vec<u8>,
    /// The annexed scans as thumbnails, when [`RenderOptions::page_images`] asks for them.
    pub thumbnails: Vec<Thumbnail>,
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

/// Shared state for rendering many cases.
pub struct Engine {
    shared: Shared,
    templates: Templates,
    options: RenderOptions,
    /// SHA-256 of the library modules and the logo (see [`DocumentInputs`]).
    library_sha256: String,
}

impl Engine {
    pub fn new(options: RenderOptions) -> anyhow::Result<Engine> {
        let templates = Templates::load(options.templates.as_deref())?;
        let fonts = Fonts::load(&options.font_paths)?;
        let (sources, files, library_sha256) = template_parts(&templates);
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
            library_sha256,
        })
    }

    /// Reads the templates again (`watch`, after a `--templates` file changed), keeping
    /// the loaded fonts and the Typst library: what Typst memoized over them stays valid.
    /// On an error the engine keeps its previous templates.
    pub fn reload_templates(&mut self) -> anyhow::Result<()> {
        let templates = Templates::load(self.options.templates.as_deref())?;
        let (sources, files, library_sha256) = template_parts(&templates);
        self.shared.sources = sources;
        self.shared.files = files;
        self.library_sha256 = library_sha256;
        self.templates = templates;
        Ok(())
    }

    pub fn options(&self) -> &RenderOptions {
        &self.options
    }

    pub fn fonts(&self) -> &Fonts {
        &self.shared.fonts
    }

    /// The fingerprint of the effective templates (embedded and overrides) and the logo.
    pub fn templates_fingerprint(&self) -> &str {
        &self.templates.fingerprint
    }

    /// `glyph-coverage`: text values with characters no font can draw. Returns the
    /// warnings and the manifest with those characters left out.
    pub fn glyph_coverage(&self, manifest: &Value) -> (Vec<Diagnostic>, Value) {
        glyphs::glyph_coverage(&self.shared.fonts, manifest)
    }

    /// The documents to render at `stage` with the run's `--only`, and those left out.
    pub fn plan(&self, stage: Stage) -> Plan {
        Plan::new(stage, &self.options.only)
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
        let contexts = CaseContexts::new(&inputs, &prepared.plan)?;
        let mut documents = Vec::with_capacity(prepared.plan.len());
        for &doc in &prepared.plan {
            let rendered = contexts
                .document(&inputs, doc)
                .and_then(|data| {
                    self.render_document(doc, &data, &prepared.files, datetime, &case.id)
                })
                .with_context(|| format!("rendering {}", doc.file_name()))?;
            documents.push(rendered);
        }
        let specialists_xlsx = list::workbook(case, prepared.lang, today)?;
        let thumbnails = match self.options.page_images {
            Some(ppi) => {
                let scans: Vec<_> = prepared.scans.iter().chain(&prepared.visa_copy).collect();
                thumbnails(&self.shared, &prepared.files, &scans, datetime, ppi)?
            }
            None => Vec::new(),
        };
        Ok(RenderedCase {
            stage,
            language: prepared.lang,
            documents,
            skipped: prepared.skipped,
            specialists_xlsx,
            thumbnails,
        })
    }

    /// The exact Typst project each planned document compiles: its main file (the
    /// rendered template), `/case.json`, `/letter.json` and `/context.json`, the library
    /// modules, the logo, the manifest and the annexed scans, by virtual path. Written to a
    /// folder, `typst compile --root DIR DIR/<main>` compiles the same document
    /// (benchmarks compare against it).
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
        let contexts = CaseContexts::new(&inputs, &prepared.plan)?;
        let path_of = |id: &typst::syntax::FileId| id.get().vpath().get_without_slash().to_owned();
        let mut projects = Vec::new();
        for &doc in &prepared.plan {
            let data = contexts.document(&inputs, doc)?;
            let (main, markup) = self.markup(doc, &data.context)?;
            let mut files: Vec<(String, Vec<u8>)> = vec![
                (main.trim_start_matches('/').to_owned(), markup.into_bytes()),
                ("case.json".into(), data.files.case.to_vec()),
                ("letter.json".into(), data.files.letter.to_vec()),
                ("context.json".into(), data.files.whole.to_vec()),
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

    /// What every document of a case shares, read once per case.
    fn prepare(
        &self,
        case: &Case,
        manifest: &Value,
        base_dir: &Path,
        stage: Stage,
    ) -> anyhow::Result<Prepared> {
        let logo = self.templates.logo.as_ref().map(|(name, _)| name.as_str());
        Prepared::prepare(
            case,
            manifest,
            base_dir,
            self.plan(stage),
            &self.options,
            logo,
            &self.shared.fonts,
        )
    }

    /// The template of `doc` in the context's language, rendered: (virtual path, markup).
    fn markup(&self, doc: DocumentId, ctx: &Context<'_, '_>) -> anyhow::Result<(String, String)> {
        let name = format!("documents/{}.{}.typ", doc.as_str(), ctx.case.lang);
        let markup = self.templates.render(&name, ctx)?;
        Ok((format!("/{name}"), markup))
    }

    fn render_document(
        &self,
        doc: DocumentId,
        data: &DocumentData<'_, '_>,
        files: &HashMap<FileId, Bytes>,
        datetime: Datetime,
        case_id: &str,
    ) -> anyhow::Result<RenderedDocument> {
        let (main, markup) = self.markup(doc, &data.context)?;
        let template = main.trim_start_matches('/').to_owned();
        let inputs = DocumentInputs {
            template_sha256: self
                .templates
                .hashes
                .get(&template)
                .cloned()
                .unwrap_or_default(),
            template: template.clone(),
            library_sha256: self.library_sha256.clone(),
            context_sha256: sha256_hex(data.files.whole.as_slice()),
        };
        let source = DocumentSource {
            main,
            markup,
            context: data.files.clone(),
        };
        let ident = format!("{case_id}/{}", doc.as_str());
        let for_errors = ErrorFiles {
            templates: &self.templates,
            main: &template,
        };
        let compiled = compile(
            &self.shared,
            source,
            files,
            datetime,
            self.options.pdf_standard,
            ident,
            &for_errors,
        )?;
        let images = match self.options.page_images {
            Some(ppi) => Some(page_images(&compiled.document, ppi)?),
            None => None,
        };
        Ok(RenderedDocument {
            id: doc,
            file: doc.file_name(),
            pages: compiled.document.pages().len(),
            text: document_text(&compiled.document),
            pdf: compiled.pdf,
            inputs,
            images,
        })
    }
}

/// The case's context in each language its planned documents are in, built and
/// serialized once: its documents share the one `/case.json` (see [`ContextFiles`]).
struct CaseContexts<'a> {
    by_language: Vec<(CaseContext<'a>, Bytes)>,
}

/// One document's context: as minijinja sees it, and as the files Typst reads.
struct DocumentData<'c, 'a> {
    context: Context<'c, 'a>,
    files: ContextFiles,
}

impl<'a> CaseContexts<'a> {
    fn new(inputs: &Inputs<'a>, plan: &[DocumentId]) -> anyhow::Result<Self> {
        let mut by_language: Vec<(CaseContext<'a>, Bytes)> = Vec::new();
        for &doc in plan {
            let lang = context::language(inputs, doc);
            if by_language.iter().all(|(case, _)| case.lang != lang) {
                let case = context::case(inputs, lang);
                let json = Bytes::new(serde_json::to_vec(&case)?);
                by_language.push((case, json));
            }
        }
        Ok(CaseContexts { by_language })
    }

    fn document<'c>(
        &'c self,
        inputs: &Inputs<'a>,
        doc: DocumentId,
    ) -> anyhow::Result<DocumentData<'c, 'a>> {
        let lang = context::language(inputs, doc);
        let Some((case, case_json)) = self.by_language.iter().find(|(c, _)| c.lang == lang) else {
            anyhow::bail!(
                "no context in {lang} for {}: a bug of kzinvite",
                doc.as_str()
            );
        };
        let own = context::letter(inputs, doc);
        let letter = serde_json::to_vec(&own)?;
        let whole = context::joined(&letter, case_json.as_slice());
        Ok(DocumentData {
            context: Context { own, case },
            files: ContextFiles {
                case: case_json.clone(),
                letter: Bytes::new(letter),
                whole: Bytes::new(whole),
            },
        })
    }
}

/// What the compiler reads of a template set: the library modules and the logo by file
/// id, and the SHA-256 over both (see [`DocumentInputs`]).
fn template_parts(
    templates: &Templates,
) -> (HashMap<FileId, Source>, HashMap<FileId, Bytes>, String) {
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
    let library: Vec<u8> = templates
        .hashes
        .iter()
        .filter(|(name, _)| name.starts_with("lib/"))
        .flat_map(|(name, hash)| [name.as_bytes(), b"\0", hash.as_bytes(), b"\n"].concat())
        .chain(
            templates
                .logo
                .iter()
                .flat_map(|(_, bytes)| sha256_hex(bytes).into_bytes()),
        )
        .collect();
    (sources, files, sha256_hex(&library))
}

/// The template files a document's Typst errors may point into.
struct ErrorFiles<'a> {
    templates: &'a Templates,
    /// The document template's name (`documents/border-notice.ru.typ`).
    main: &'a str,
}

impl TemplateFiles for ErrorFiles<'_> {
    fn main_template(&self) -> Option<TemplateFile> {
        self.templates.file(self.main)
    }

    fn module(&self, id: FileId) -> Option<TemplateFile> {
        let name = id.get().vpath().get_without_slash().to_owned();
        self.templates
            .typst_modules
            .contains_key(&name)
            .then(|| self.templates.file(&name))
            .flatten()
    }
}
