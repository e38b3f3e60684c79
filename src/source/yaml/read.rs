//! YAML bytes → [`Document`]: decoded to text, then composed into a value and its source
//! map.

use std::sync::Arc;

use super::compose::{Composed, compose};
use super::decode::decode;
use crate::source::document::{Document, Format, LoadError};

/// Parses a YAML manifest. Problems that leave a usable document (duplicate keys) are
/// returned in `Document::findings`; others end the read with one diagnostic.
pub fn parse(bytes: &[u8]) -> Result<Document, LoadError> {
    let text: Arc<str> = Arc::from(decode(bytes)?);
    match compose(&text) {
        Ok(Composed {
            value,
            map,
            findings,
        }) => Ok(Document {
            path: Default::default(),
            format: Format::Yaml,
            value,
            map,
            text: Some(text),
            sha256: String::new(),
            findings,
        }),
        Err(diagnostic) => Err(LoadError::invalid(*diagnostic, Some(text))),
    }
}
