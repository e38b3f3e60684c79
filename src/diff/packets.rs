//! The two sides of `diff`: a packet folder (`OUT/<id>/`) or a folder of packets (`OUT/`),
//! read from their `packet.json`, and the cases paired by id.

use std::path::{Path, PathBuf};

use crate::packet::PacketMeta;
use crate::packet::meta::{FILE_NAME, MetaError, OLDEST_READ, read_meta_since};

/// One packet as read from disk.
#[derive(Debug, Clone)]
pub struct Packet {
    pub path: PathBuf,
    pub meta: PacketMeta,
}

/// What one command-line argument named.
#[derive(Debug, Clone)]
pub enum Side {
    One(Box<Packet>),
    Many(Vec<Packet>),
}

/// A case on either side, or both.
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

/// Reads a packet folder, or every packet directly inside a folder (by name).
pub fn load(path: &Path) -> Result<Side, SideError> {
    if !path.is_dir() {
        return Err(error(
            path,
            "is not a folder: give a packet folder (OUT/<id>/, with packet.json) or a folder of them (the --out of render)",
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
    folders
        .iter()
        .map(|f| read(f))
        .collect::<Result<_, _>>()
        .map(Side::Many)
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
    })
}

/// The cases of both sides paired by id, in id order; two single packets must be of
/// one case.
pub fn pair(
    old: Side,
    new: Side,
    old_path: &Path,
    new_path: &Path,
) -> Result<Vec<Pair>, SideError> {
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
            Ok(vec![Pair {
                id: a.meta.id.clone(),
                old: Some(*a),
                new: Some(*b),
            }])
        }
        (Side::Many(a), Side::Many(b)) => Ok(by_id(a, b)),
        (Side::One(_), Side::Many(_)) | (Side::Many(_), Side::One(_)) => Err(error(
            new_path,
            format!(
                "one of {} and this is a packet, the other a folder of packets: give two of a kind",
                old_path.display()
            ),
        )),
    }
}

fn by_id(old: Vec<Packet>, new: Vec<Packet>) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = old
        .into_iter()
        .map(|p| Pair {
            id: p.meta.id.clone(),
            old: Some(p),
            new: None,
        })
        .collect();
    for p in new {
        match pairs
            .iter_mut()
            .find(|pair| pair.id == p.meta.id && pair.new.is_none())
        {
            Some(pair) => pair.new = Some(p),
            None => pairs.push(Pair {
                id: p.meta.id.clone(),
                old: None,
                new: Some(p),
            }),
        }
    }
    pairs.sort_by(|a, b| a.id.cmp(&b.id));
    pairs
}
