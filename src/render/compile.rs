//! One document's Typst source compiled in-process: layout, then PDF export with the
//! run's PDF standard; Typst's errors turned into messages that name the template.

use std::collections::HashMap;

use anyhow::anyhow;
use time::Date;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::FileId;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

use super::options::PdfStandard;
use super::world::{DocWorld, Shared};

/// What Typst compiles for one document: the rendered template at its virtual path and
/// the serialized context it reads as `/context.json`.
#[derive(Debug, Clone)]
pub struct DocumentSource {
    /// `/documents/border-notice.ru.typ`.
    pub main: String,
    pub markup: String,
    /// `/context.json`.
    pub context: Vec<u8>,
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
) -> anyhow::Result<Compiled> {
    let DocumentSource {
        main,
        markup,
        context,
    } = source;
    let world = DocWorld::new(shared, &main, markup, files, Bytes::new(context), datetime);
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled
        .output
        .map_err(|errors| anyhow!(describe_typst(&world, &errors)))?;
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
        .map_err(|errors| anyhow!(describe_typst(&world, &errors)))?;
    Ok(Compiled { document, pdf })
}

pub fn typst_date(today: Date) -> anyhow::Result<Datetime> {
    Datetime::from_ymd(today.year(), u8::from(today.month()), today.day())
        .ok_or_else(|| anyhow!("--today is out of range"))
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
