//! The two sides of `diff`: a packet folder (`OUT/<id>/`), a folder of packets (`OUT/`)
//! or a manifest rendered in memory (by `commands::diff`), and the cases paired by id.
//! A folder of packets is listed, not read: each pair is read when it is compared, so
//! memory stays that of a few packets however many the folders hold.

use std::path::{Path, PathBuf};

use crate::location::SourceMap;
use crate::packet::PacketMeta;
use crate::packet::meta::{FILE_NAME, MetaError, OLDEST_READ, read_meta_since};

/// One packet as read from disk, or made in memory from a manifest.
#[derive(Debug, Clone)]
pub struct Packet {
    /// The packet folder, or the manifest it was made from.
    pub path: PathBuf,
    pub meta: PacketMeta,
    /// Where each field stands, for a packet made from a manifest in this run.
    pub source: Option<SourceMap>,
}

/// What one command-line argument named: one packet, or the packet folders of an
/// output folder by name (`OUT/<id>/`, as `render` writes them).
#[derive(Debug, Clone)]
pub enum Side {
    One(Box<Packet>),
    Many(Vec<PathBuf>),
}

impl Side {
    /// The packet of case `id` on this side: the one packet if it is of that case, else
    /// the folder of that name, read (`Ok(None)` when there is none).
    pub fn find(&self, id: &str) -> Result<Option<Packet>, SideError> {
        match self {
            Side::One(p) => Ok((p.meta.id == id).then(|| (**p).clone())),
            Side::Many(folders) => folders
                .iter()
                .find(|f| name(f) == id)
                .map(|f| read(f))
                .transpose(),
        }
    }
}

/// A case on either side, or both, not read yet.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: String,
    pub old: Option<Entry>,
    pub new: Option<Entry>,
}

/// A packet already read, or a packet folder to read.
#[derive(Debug, Clone)]
pub enum Entry {
    Read(Box<Packet>),
    Folder(PathBuf),
}

/// A case on either side, or both, read.
#[derive(Debug, Clone)]
pub struct Pair {
    pub id: String,
    pub old: Option<Packet>,
    pub new: Option<Packet>,
}

/// Why a side cannot be compared (exit 2); the message names the path and what to do.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct SideError {
    pub path: String,
    pub reason: String,
}

fn error(path: &Path, reason: impl Into<String>) -> SideError {
    SideError {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

/// Reads a packet folder, or lists every packet folder directly inside a folder.
pub fn load(path: &Path) -> Result<Side, SideError> {
    if !path.is_dir() {
        return Err(error(
            path,
            "is not a folder nor a manifest: give a packet folder (OUT/<id>/, with packet.json), a folder of them (the --out of render), or a manifest (.yaml, .yml, .xlsx)",
        ));
    }
    if path.join(FILE_NAME).exists() {
        return read(path).map(|p| Side::One(Box::new(p)));
    }
    let entries = std::fs::read_dir(path).map_err(|e| error(path, e.to_string()))?;
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.join(FILE_NAME).exists())
        .collect();
    folders.sort();
    if folders.is_empty() {
        return Err(error(
            path,
            "is not a packet: it has no packet.json, nor folders with one; give a folder `kzinvite render --out` wrote, or one of its OUT/<id>/ folders",
        ));
    }
    Ok(Side::Many(folders))
}

fn read(folder: &Path) -> Result<Packet, SideError> {
    let meta = read_meta_since(folder, OLDEST_READ).map_err(|e| {
        let what = match &e {
            MetaError::Missing | MetaError::NotJson(_) | MetaError::Damaged(_) => {
                format!("{e}; render the case again")
            }
            _ => e.to_string(),
        };
        error(folder, what)
    })?;
    Ok(Packet {
        path: folder.to_owned(),
        meta,
        source: None,
    })
}

/// The name of a packet folder: the case id `render` gave it.
fn name(folder: &Path) -> String {
    folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The cases of both sides paired by id, in id order. Two single packets must be of one
/// case; a manifest against a folder of packets is paired with its case's packet there.
pub fn pair(
    old: Side,
    new: Side,
    old_path: &Path,
    new_path: &Path,
) -> Result<Vec<Pending>, SideError> {
    let one = |p: Box<Packet>| Some(Entry::Read(p));
    match (old, new) {
        (Side::One(a), Side::One(b)) => {
            if a.meta.id != b.meta.id {
                return Err(error(
                    new_path,
                    format!(
                        "is the packet of case {}, {} is of case {}: compare two versions of one case, or two output folders",
                        b.meta.id,
                        old_path.display(),
                        a.meta.id
                    ),
                ));
            }
            Ok(vec![Pending {
                id: a.meta.id.clone(),
                old: one(a),
                new: one(b),
            }])
        }
        (Side::Many(a), Side::Many(b)) => Ok(by_name(a, b)),
        (Side::One(a), Side::Many(b)) if a.source.is_some() => Ok(vec![Pending {
            id: a.meta.id.clone(),
            new: named(b, &a.meta.id),
            old: one(a),
        }]),
        (Side::Many(a), Side::One(b)) if b.source.is_some() => Ok(vec![Pending {
            id: b.meta.id.clone(),
            old: named(a, &b.meta.id),
            new: one(b),
        }]),
        (Side::One(_), Side::Many(_)) | (Side::Many(_), Side::One(_)) => Err(error(
            new_path,
            format!(
                "one of {} and this is a packet, the other a folder of packets: give two of a kind (or a manifest against a folder of packets)",
                old_path.display()
            ),
        )),
    }
}

/// The packet folder of case `id` among `folders`, if there is one.
fn named(folders: Vec<PathBuf>, id: &str) -> Option<Entry> {
    folders
        .into_iter()
        .find(|f| name(f) == id)
        .map(Entry::Folder)
}

/// Folders of both sides paired by name (both lists sorted), in name order.
fn by_name(old: Vec<PathBuf>, new: Vec<PathBuf>) -> Vec<Pending> {
    let mut out = Vec::with_capacity(old.len().max(new.len()));
    let (mut old, mut new) = (old.into_iter().peekable(), new.into_iter().peekable());
    loop {
        let order = match (old.peek(), new.peek()) {
            (Some(a), Some(b)) => name(a).cmp(&name(b)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => break,
        };
        let (a, b) = match order {
            std::cmp::Ordering::Less => (old.next(), None),
            std::cmp::Ordering::Greater => (None, new.next()),
            std::cmp::Ordering::Equal => (old.next(), new.next()),
        };
        let id = a
            .as_ref()
            .or(b.as_ref())
            .map(|f| name(f))
            .unwrap_or_default();
        out.push(Pending {
            id,
            old: a.map(Entry::Folder),
            new: b.map(Entry::Folder),
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

impl Pending {
    /// Reads the packets not read yet; a packet folder must hold the packet of the case
    /// it is named after.
    pub fn open(self) -> Result<Pair, SideError> {
        let open = |entry: Option<Entry>| -> Result<Option<Packet>, SideError> {
            match entry {
                None => Ok(None),
                Some(Entry::Read(p)) => Ok(Some(*p)),
                Some(Entry::Folder(folder)) => {
                    let packet = read(&folder)?;
                    if packet.meta.id != self.id {
                        return Err(error(
                            &folder,
                            format!(
                                "holds the packet of case {}, but is named {}: render writes each case to OUT/<id>/; rename the folder {} or render again",
                                packet.meta.id, self.id, packet.meta.id
                            ),
                        ));
                    }
                    Ok(Some(packet))
                }
            }
        };
        Ok(Pair {
            old: open(self.old)?,
            new: open(self.new)?,
            id: self.id,
        })
    }
}

impl Packet {
    /// Where each field stands in this packet's manifest: known for a manifest given in
    /// this run; else read from the manifest `packet.json` names, when that file is still
    /// there and unchanged since the render.
    pub fn source_map(&self) -> Option<std::borrow::Cow<'_, SourceMap>> {
        if let Some(map) = &self.source {
            return Some(std::borrow::Cow::Borrowed(map));
        }
        let manifest = &self.meta.manifest;
        let path = Path::new(&manifest.path);
        if manifest.path.is_empty() || !path.is_file() {
            return None;
        }
        let doc = crate::source::load(path).ok()?;
        (doc.sha256 == manifest.sha256).then_some(std::borrow::Cow::Owned(doc.map))
    }
}
