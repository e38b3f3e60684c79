//! What a review page is made from: the case as its packet records it (or would), each
//! document's laid-out text with page images when there are some, the scan thumbnails,
//! and, with `--against`, the differences from an older packet.

use std::collections::BTreeMap;

use crate::blocks::Block;
use crate::diff::model::CaseDiff;
use crate::documents::DocumentId;
use crate::packet::PacketMeta;
use crate::render::{PageImage, RenderedCase, Thumbnail};

/// One case's review page, before it is written.
#[derive(Debug, Clone)]
pub struct Review {
    /// `packet.json` as it is (a packet on disk) or would be (a layout made in memory).
    pub meta: PacketMeta,
    pub documents: Vec<ReviewDocument>,
    pub thumbnails: Vec<Thumbnail>,
    /// Why there are no thumbnails, when there are none and the case has scans.
    pub thumbnails_note: Option<Note>,
    pub against: Option<Against>,
    /// Where each manifest field stands in the manifest file, by JSON pointer
    /// (`case.yaml:52:15`, `case.xlsx Project!B4`), when the file was read in this run.
    pub locations: BTreeMap<String, String>,
    /// Set by [`super::redact`]: the page says so on top.
    pub redacted: bool,
}

/// The comparison shown with `--against`.
#[derive(Debug, Clone)]
pub struct Against {
    /// The old packet's folder, as given.
    pub path: String,
    pub diff: CaseDiff,
}

#[derive(Debug, Clone)]
pub struct ReviewDocument {
    pub id: DocumentId,
    pub file: String,
    pub pages: usize,
    /// The text in reading order (with positions when laid out in this run).
    pub text: Vec<Block>,
    /// One per page, `None` where the page is not shown (see `images_note`).
    pub images: Vec<Option<PageImage>>,
    pub images_note: Option<Note>,
}

/// Why something is not on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// A packet on disk keeps no page images.
    NotInPacket,
    /// Left out under `--redact`.
    Redacted,
}

impl Review {
    /// A case laid out in this run: its documents with their page images.
    pub fn rendered(meta: PacketMeta, rendered: RenderedCase) -> Review {
        let documents = rendered
            .documents
            .into_iter()
            .map(|d| {
                let images: Vec<Option<PageImage>> = match d.images {
                    Some(images) => images.into_iter().map(Some).collect(),
                    None => vec![None; d.pages],
                };
                ReviewDocument {
                    id: d.id,
                    file: d.file,
                    pages: d.pages,
                    text: d.text,
                    images,
                    images_note: None,
                }
            })
            .collect();
        Review {
            meta,
            documents,
            thumbnails: rendered.thumbnails,
            thumbnails_note: None,
            against: None,
            locations: BTreeMap::new(),
            redacted: false,
        }
    }

    /// A packet read from disk: its text, no images (packets do not keep them).
    pub fn packet(meta: PacketMeta) -> Review {
        let documents = meta
            .documents
            .iter()
            .map(|d| ReviewDocument {
                id: d.id,
                file: d.file.clone(),
                pages: d.pages,
                text: d.text.clone(),
                images: vec![None; d.pages],
                images_note: Some(Note::NotInPacket),
            })
            .collect();
        Review {
            meta,
            documents,
            thumbnails: Vec::new(),
            thumbnails_note: Some(Note::NotInPacket),
            against: None,
            locations: BTreeMap::new(),
            redacted: false,
        }
    }

    /// The page's file name in `--out`: `<id>.html` (an id with other characters than
    /// letters, digits, `-`, `_` and `.` has them replaced, as a file name must not lead elsewhere).
    pub fn file_name(&self) -> String {
        let id = &self.meta.id;
        let plain = !id.starts_with('.')
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if plain {
            format!("{id}.html")
        } else {
            format!("{}.html", super::escape::anchor(id))
        }
    }
}
