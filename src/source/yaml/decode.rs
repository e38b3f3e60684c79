//! Bytes → text: a byte order mark is dropped, and what is not UTF-8 text (UTF-16, a bad
//! byte, a NUL) ends the read with a `yaml-syntax` diagnostic located in characters.

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::source::document::LoadError;

/// The text of a YAML file, without its UTF-8 byte order mark.
pub(super) fn decode(bytes: &[u8]) -> Result<&str, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Text without a zero byte (nearly every file: found at memchr's speed) needs neither
    // the count below nor the search for a NUL after decoding.
    let has_nul = bytes.contains(&0);
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        // UTF-16 without a byte order mark: ASCII text with a zero byte beside each letter.
        || has_nul && bytes.len() >= 8 && bytes.iter().filter(|b| **b == 0).count() * 3 >= bytes.len();
    let help = if utf16 {
        "the file is UTF-16 text: save it as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)"
    } else {
        "save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)"
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        // Everything before the bad byte is valid UTF-8: count characters, like the parser.
        let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        let (line, column, start) = position(&good);
        LoadError::invalid(
            Diagnostic::error(
                "yaml-syntax",
                format!("the file is not UTF-8 text: invalid byte at line {line}, column {column}"),
            )
            .help(help)
            .located(one_character(line, column, start)),
            // Shown with U+FFFD in place of the bad bytes, so the reader sees where they are.
            Some(Arc::from(String::from_utf8_lossy(bytes).as_ref())),
        )
    })?;
    // YAML text never holds a NUL, and the parser takes one inside quotes for the end of
    // the file ("unexpected end of stream" at the wrong place): say what it is.
    let nul_at = if has_nul { text.find('\0') } else { None };
    if let Some(at) = nul_at {
        let (line, column, start) = position(&text[..at]);
        return Err(LoadError::invalid(
            Diagnostic::error(
                "yaml-syntax",
                format!(
                    "the file holds a NUL character (a zero byte) at line {line}, column {column}"
                ),
            )
            .help(if utf16 {
                help
            } else {
                "remove it: YAML is text, and a zero byte means the file is binary or damaged"
            })
            .located(one_character(line, column, start)),
            Some(Arc::from(text)),
        ));
    }
    Ok(text)
}

/// Line, column (1-based) and character offset of the end of `before`, the text that
/// precedes a position.
fn position(before: &str) -> (usize, usize, usize) {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column, before.chars().count())
}

fn one_character(line: usize, column: usize, start: usize) -> Location {
    Location::Text {
        line,
        column,
        start,
        end: start + 1,
    }
}
