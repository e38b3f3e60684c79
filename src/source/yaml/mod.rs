//! YAML → [`Document`](super::Document), keeping the position of every key and value.
//!
//! Built on `saphyr-parser`'s event stream (a maintained YAML 1.2 parser whose events
//! carry spans) instead of a DOM, so that one pass can enforce the limits (depth, alias
//! budget), reject duplicate keys, and record a JSON pointer → location for each node.
//! The stages: [`decode`] (bytes → text), [`compose`] (events → JSON value and source
//! map), [`scalars`] (YAML 1.2 core schema: `2026-03-15` stays text, `no` stays text,
//! `1985` is a number); [`errors`] words what ends a read.

mod compose;
mod decode;
mod errors;
mod read;
mod scalars;
#[cfg(test)]
mod tests;

pub use read::parse;
