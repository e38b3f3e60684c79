//! Passport scans and other annexes on disk: where a path really leads (never out of
//! the manifest's folder), what the file is by content, and whether it is within the
//! limits. The rules turn a [`ScanProblem`] into a diagnostic; rendering reads the file
//! at the path resolved here. A leaf of the crate: it uses only `limits`.

mod cache;
mod folder;
mod kind;
mod opened;
mod read;
#[cfg(test)]
mod tests;

pub use cache::ScanCache;
pub use folder::{ScanFolder, inspect_scan, named, resolve_scan};
pub use kind::{Scan, ScanKind, ScanProblem, sniff};
