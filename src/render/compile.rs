//! One document's Typst source compiled in-process: layout, then PDF export with the
//! run's PDF standard; Typst's errors shown in the template they come from
//! ([`super::diagnose`]).

use std::collections::HashMap;

use anyhow::anyhow;
use time::Date;
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::FileId;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

use super::diagnose::{TemplateFiles, typst_errors};
use super::options::PdfStandard;
use super::world::{ContextFiles, DocWorld, Shared};

/// What Typst compiles for one document: the rendered template at its virtual path and
/// the serialized context it reads.
#[derive(Clone)]
pub struct DocumentSource {
    /// `/documents/border-notice.ru.typ`.
    pub main: String,
    pub markup: String,
    pub context: ContextFiles,
}

/// A compiled document: its pages as laid out and the exported PDF.
pub struct Compiled {
    pub document: PagedDocument,
    pub pdf: Vec<u8>,
}

/// Lays out and exports one document.
pub fn compile(
    shared: &Shared,
    source: DocumentSource,
    files: &HashMap<FileId, Bytes>,
    datetime: Datetime,
    standard: Option<PdfStandard>,
    ident: String,
    templates: &dyn TemplateFiles,
) -> anyhow::Result<Compiled> {
    let DocumentSource {
        main,
        markup,
        context,
    } = source;
    let world = DocWorld::new(shared, &main, markup, files, context, datetime);
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled
        .output
        .map_err(|errors| anyhow::Error::new(typst_errors(&world, &errors, templates)))?;
    let standards = match standard {
        None => PdfStandards::default(),
        Some(PdfStandard::A2b) => {
            PdfStandards::new(&[typst_pdf::PdfStandard::A_2b]).map_err(|e| anyhow!("{e:?}"))?
        }
        Some(PdfStandard::A3b) => {
            PdfStandards::new(&[typst_pdf::PdfStandard::A_3b]).map_err(|e| anyhow!("{e:?}"))?
        }
    };
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        timestamp: Some(Timestamp::new_utc(datetime)),
        standards,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|errors| anyhow::Error::new(typst_errors(&world, &errors, templates)))?;
    Ok(Compiled { document, pdf })
}

pub fn typst_date(today: Date) -> anyhow::Result<Datetime> {
    Datetime::from_ymd(today.year(), u8::from(today.month()), today.day())
        .ok_or_else(|| anyhow!("--today is out of range"))
}
