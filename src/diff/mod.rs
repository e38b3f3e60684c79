//! `kzinvite diff OLD NEW`: what differs between two versions of a packet, or of a
//! folder of packets — per case, per document the [`redline`] of its text, and the
//! causes (manifest fields, templates, options, tool version). Reads, never writes.
//!
//! [`packets`] reads and pairs the two sides, [`cases`] compares one case with
//! [`causes`], [`model`] is the result (the JSON shape is documented there), [`report`]
//! its text, [`json`] its JSON written case by case.

pub mod cases;
pub mod causes;
pub mod json;
pub mod masked;
pub mod model;
pub mod packets;
pub mod redline;
pub mod report;

pub use cases::{TEXT_MISSING, compare_case};
pub use masked::redact_case;
pub use model::{Counts, DiffReport, Status};
pub use packets::{Entry, Packet, Pair, Pending, Side, SideError, load, pair};
