//! `packet.json`: what a packet holds and what it was rendered from, typed both ways.
//! kzinvite writes it with every packet and reads it back to tell whether a packet is
//! up to date (and, later, to compare two packets). Its `format` says which layout a
//! file has, so a later kzinvite can tell an old packet from a damaged one.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::blocks::Block;
use crate::documents::DocumentId;
use crate::hash::sha256_hex;
use crate::language::Language;
use crate::limits::{MAX_PACKET_FILE, MAX_PACKET_JSON};
use crate::render::fonts::FontFingerprint;
use crate::render::{DocumentInputs, PdfStandard, RenderedCase, Skipped};
use crate::report::JsonDiagnostic;
use crate::stage::Stage;

/// The layout of `packet.json` this kzinvite writes. 1: the first with a `format` field
/// (kzinvite 0.2); a file without one comes from kzinvite 0.1. 2: each document's `text`,
/// the normalized manifest (`manifest.value`) and the run's `warnings`, for `diff`.
pub const FORMAT: u32 = 2;

/// The oldest format `diff` still reads (without text: see [`PacketMeta::has_text`]).
pub const OLDEST_READ: u32 = 1;

/// The name of the file in every packet.
pub const FILE_NAME: &str = "packet.json";

/// The whole of `packet.json`; fields in the order they are written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PacketMeta {
    /// See [`FORMAT`]; `0` when the file has none (kzinvite 0.1).
    #[serde(default)]
    pub format: u32,
    pub id: String,
    pub stage: Stage,
    /// The language of the documents to state bodies.
    pub language: Language,
    pub tool: Tool,
    pub manifest: ManifestRef,
    /// The warnings of the run that rendered the packet (format 2).
    #[serde(default)]
    pub warnings: Vec<JsonDiagnostic>,
    pub documents: Vec<DocumentEntry>,
    pub specialists: FileEntry,
    pub skipped: Vec<Skipped>,
    /// Everything the packet was made from: the same inputs give the same packet.
    pub inputs: Inputs,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    /// Always `kzinvite`.
    pub name: String,
    pub version: String,
}

impl Tool {
    pub fn this() -> Tool {
        Tool {
            name: "kzinvite".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// The manifest as given on the command line, and the hash of its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestRef {
    pub path: String,
    pub sha256: String,
    /// The normalized manifest, the JSON attached to the PDFs (format 2; `null` before).
    #[serde(default)]
    pub value: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentEntry {
    pub id: DocumentId,
    /// `05-border-notice.pdf`, inside the packet.
    pub file: String,
    pub pages: usize,
    pub sha256: String,
    pub inputs: DocumentInputs,
    /// The text as laid out (format 2; empty before).
    #[serde(default)]
    pub text: Vec<Block>,
}

/// A file of the packet and the hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub file: String,
    pub sha256: String,
}

/// What decides whether a packet is up to date: everything that goes into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inputs {
    /// The kzinvite version.
    pub tool: String,
    pub manifest_sha256: String,
    /// Every scan the manifest names, by its path as written.
    pub scans: Vec<ScanHash>,
    pub options: Options,
    /// `--today`, ISO.
    pub today: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanHash {
    pub path: String,
    /// Empty when the file could not be read (validation reports it).
    pub sha256: String,
}

/// The render options that shape a packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    pub lang: Option<Language>,
    pub draft: bool,
    pub only: Vec<DocumentId>,
    pub pdf_standard: Option<PdfStandard>,
    /// The stage whose documents were rendered.
    pub stage: Stage,
    /// The effective templates and logo, embedded or under `--templates`.
    pub templates: String,
    /// The embedded fonts, then each `--font-path` file, by content.
    pub fonts: Vec<FontFingerprint>,
}

impl PacketMeta {
    /// `packet.json` for a case rendered in memory from `inputs`, with the run's warnings.
    pub fn new(
        id: &str,
        manifest: ManifestRef,
        warnings: Vec<JsonDiagnostic>,
        rendered: &RenderedCase,
        inputs: Inputs,
    ) -> Self {
        PacketMeta {
            format: FORMAT,
            id: id.to_owned(),
            stage: rendered.stage,
            language: rendered.language,
            tool: Tool::this(),
            manifest,
            warnings,
            documents: rendered
                .documents
                .iter()
                .map(|d| DocumentEntry {
                    id: d.id,
                    file: d.file.clone(),
                    pages: d.pages,
                    sha256: sha256_hex(&d.pdf),
                    inputs: d.inputs.clone(),
                    // Positions are for the review page only: packet.json stays as it was.
                    text: d.text.iter().cloned().map(|b| b.at(None)).collect(),
                })
                .collect(),
            specialists: FileEntry {
                file: "specialists.xlsx".into(),
                sha256: sha256_hex(&rendered.specialists_xlsx),
            },
            skipped: rendered.skipped.clone(),
            inputs,
        }
    }

    /// Whether the packet records its documents' text (format 2 on).
    pub fn has_text(&self) -> bool {
        self.format >= 2
    }
}

/// Why a folder's `packet.json` cannot be read back.
#[derive(Debug, thiserror::Error)]
pub enum MetaError {
    #[error("has no packet.json (or it is not a regular file under 16 MiB)")]
    Missing,
    #[error("packet.json is not JSON: {0}")]
    NotJson(serde_json::Error),
    #[error("packet.json was not written by kzinvite")]
    NotOurs,
    #[error(
        "packet.json has format {found}, which this kzinvite does not read (it writes format {FORMAT}); render the case again with this kzinvite"
    )]
    Format { found: u32 },
    #[error("packet.json is damaged or was edited by hand: {0}")]
    Damaged(serde_json::Error),
}

/// The minimum every `packet.json` kzinvite ever wrote has, whatever its format.
#[derive(Deserialize)]
struct Header {
    tool: HeaderTool,
    #[serde(default)]
    format: u32,
}

#[derive(Deserialize)]
struct HeaderTool {
    name: String,
}

/// Reads the `packet.json` of the packet folder `target`, in the format this kzinvite writes.
pub fn read_meta(target: &Path) -> Result<PacketMeta, MetaError> {
    read_meta_since(target, FORMAT)
}

/// Reads `packet.json` in any format from `oldest` to [`FORMAT`]; the fields a format
/// lacks are empty (`diff` reads format 1 packets and says their text is missing).
pub fn read_meta_since(target: &Path, oldest: u32) -> Result<PacketMeta, MetaError> {
    let text = read_regular(&target.join(FILE_NAME), MAX_PACKET_JSON).ok_or(MetaError::Missing)?;
    // Read twice from the bytes, never through a `Value` tree: the header skims the file
    // (`diff` reads a thousand packets), and syntax errors show there first.
    let header: Header = serde_json::from_slice(&text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => MetaError::NotOurs,
        _ => MetaError::NotJson(e),
    })?;
    if header.tool.name != "kzinvite" {
        return Err(MetaError::NotOurs);
    }
    if !(oldest..=FORMAT).contains(&header.format) {
        return Err(MetaError::Format {
            found: header.format,
        });
    }
    serde_json::from_slice(&text).map_err(MetaError::Damaged)
}

/// Whether `target` holds a packet kzinvite wrote, in any format: such a folder may be
/// replaced by a new packet; anything else there is the user's.
pub fn written_by_kzinvite(target: &Path) -> bool {
    matches!(
        read_meta(target),
        Ok(_) | Err(MetaError::Format { .. } | MetaError::Damaged(_))
    )
}

/// Whether `target` holds a complete packet made from exactly these inputs: its
/// `packet.json` records them and every file it lists has the recorded hash.
pub fn is_up_to_date(target: &Path, inputs: &Inputs) -> bool {
    let Ok(existing) = read_meta(target) else {
        return false;
    };
    if existing.inputs != *inputs {
        return false;
    }
    let files = existing
        .documents
        .iter()
        .map(|d| (&d.file, &d.sha256))
        .chain(std::iter::once((
            &existing.specialists.file,
            &existing.specialists.sha256,
        )));
    for (name, sha) in files {
        if !is_plain_name(name) {
            return false;
        }
        match read_regular(&target.join(name), MAX_PACKET_FILE) {
            Some(bytes) if sha256_hex(&bytes) == *sha => {}
            _ => return false,
        }
    }
    true
}

/// A name `packet.json` may list: a file directly inside the packet.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', ':', '\0'])
}

/// The bytes of a regular file (never a device or a link to one), if under `limit`.
fn read_regular(path: &Path, limit: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > limit {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 <= limit).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs() -> Inputs {
        Inputs {
            tool: "0.2.0".into(),
            manifest_sha256: "x".into(),
            scans: Vec::new(),
            options: Options {
                lang: None,
                draft: false,
                only: Vec::new(),
                pdf_standard: None,
                stage: Stage::Request,
                templates: "t".into(),
                fonts: Vec::new(),
            },
            today: "2026-01-15".into(),
        }
    }

    fn meta(documents: Vec<DocumentEntry>, specialists: FileEntry) -> PacketMeta {
        PacketMeta {
            format: FORMAT,
            id: "A-5".into(),
            stage: Stage::Request,
            language: Language::Ru,
            tool: Tool::this(),
            manifest: ManifestRef {
                path: "case.yaml".into(),
                sha256: "x".into(),
                value: serde_json::Value::Null,
            },
            warnings: Vec::new(),
            documents,
            specialists,
            skipped: Vec::new(),
            inputs: inputs(),
        }
    }

    fn entry(file: &str) -> DocumentEntry {
        DocumentEntry {
            id: DocumentId::AkimatRequest,
            file: file.into(),
            pages: 1,
            sha256: "00".into(),
            inputs: DocumentInputs {
                template: "documents/akimat-request.ru.typ".into(),
                template_sha256: String::new(),
                library_sha256: String::new(),
                context_sha256: String::new(),
            },
            text: Vec::new(),
        }
    }

    #[test]
    fn up_to_date_reads_only_files_inside_the_packet() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("A-5");
        std::fs::create_dir(&target)?;
        let specialists = FileEntry {
            file: "../outside".into(),
            sha256: "00".into(),
        };
        let written = meta(vec![entry("/dev/zero")], specialists);
        std::fs::write(target.join(FILE_NAME), serde_json::to_vec(&written)?)?;
        assert_eq!(read_meta(&target)?, written);
        assert!(!is_up_to_date(&target, &inputs()));
        Ok(())
    }

    #[test]
    fn old_and_damaged_packets_are_told_apart() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let write = |text: &str| std::fs::write(dir.path().join(FILE_NAME), text);
        // kzinvite 0.1 wrote no `format`: recognised as ours, not readable as today's.
        write(r#"{"id": "A", "tool": {"name": "kzinvite", "version": "0.1.0"}}"#)?;
        assert!(matches!(
            read_meta(dir.path()),
            Err(MetaError::Format { found: 0 })
        ));
        assert!(written_by_kzinvite(dir.path()));
        write(r#"{"format": 2, "tool": {"name": "kzinvite"}, "id": 7}"#)?;
        assert!(matches!(read_meta(dir.path()), Err(MetaError::Damaged(_))));
        assert!(written_by_kzinvite(dir.path()));
        write(r#"{"tool": {"name": "someone else"}}"#)?;
        assert!(!written_by_kzinvite(dir.path()));
        write("not json")?;
        assert!(!written_by_kzinvite(dir.path()));
        Ok(())
    }
}
