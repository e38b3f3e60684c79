//! `kzinvite diff OLD NEW`: what differs between two versions of a packet — per case,
//! per document, the [`redline`] of its text, and the causes (manifest fields, templates,
//! options, tool version).

pub mod redline;
