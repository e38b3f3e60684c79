//! JSON value → YAML text, for `convert` (serde_yaml is deprecated; the output needs
//! little of it). Keys follow the schema's order; small leaf mappings are written in flow
//! style as in the example manifests; multi-line text is a literal `|` block.
//!
//! Quoting is conservative: a string is plain only when no YAML reader — 1.2 core schema
//! or 1.1 (`yes`, `on`, dates, sexagesimal numbers) — could take it for anything but that
//! string. Whatever starts with a digit, a sign or an indicator is double-quoted, so BINs,
//! phone numbers and dates stay text everywhere.

mod emit;
mod quote;
#[cfg(test)]
mod tests;

pub use emit::{manifest, to_yaml};
pub use quote::string;
