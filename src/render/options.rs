//! The settings of a render run, resolved from the command line by `cli`.

use std::path::PathBuf;

use crate::documents::DocumentId;
use crate::language::Language;

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
    /// Page images at this many pixels per inch, and scan thumbnails, for the review
    /// page (`None`: none, and rendering costs nothing more).
    pub page_images: Option<f32>,
}
