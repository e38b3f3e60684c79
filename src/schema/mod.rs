//! The JSON Schemas of `schemas/`, embedded and compiled once per process, and the
//! translation of their violations into diagnostics located in the manifest.
//!
//! [`compile`] holds the schemas and prints them for editors; [`validate`] checks a
//! manifest and drops repeated reports; [`translate`] words one violation, with the
//! field's wording from its annotations ([`wording`]) and its place in the schema tree
//! ([`navigate`]).

mod compile;
mod navigate;
mod translate;
mod validate;
mod wording;

pub use compile::{KNOWN_VERSIONS, MANIFEST_V1, STAGES_V1, document};
pub use navigate::{node_at, resolve};
pub use validate::{check, check_stage};
