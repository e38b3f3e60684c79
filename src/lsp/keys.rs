//! The source map inverted: which key or scalar value stands at a position, as a JSON
//! pointer, for hover. Built from a parsed document by walking its value and asking the
//! map where each node is (so it holds at most [`MAX_NODES`](crate::limits::MAX_NODES)
//! entries), then answered by binary search.

use std::sync::Arc;

use lsp_types::{Position, Range};
use serde_json::Value;

use super::text::LineIndex;
use crate::location::Location;
use crate::pointer::pointer_join;
use crate::source::Document;

/// Keys and scalars of one version of a document, by character span.
#[derive(Debug)]
pub struct KeyIndex {
    /// The text the spans are offsets into, to check them against a newer text.
    text: Arc<str>,
    lines: LineIndex,
    /// Sorted by start; spans do not overlap.
    entries: Vec<Entry>,
}

/// A key (`bin:` names `/inviting_party/bin`) or a scalar value, and where it stands.
#[derive(Debug, Clone)]
pub struct Entry {
    pub start: usize,
    pub end: usize,
    pub pointer: String,
}

impl KeyIndex {
    /// `offset`: characters before the text the document was parsed from (a byte order
    /// mark the reader skipped).
    pub fn build(doc: &Document, text: Arc<str>, lines: LineIndex, offset: usize) -> KeyIndex {
        let mut entries = Vec::new();
        walk(doc, &doc.value, String::new(), offset, &mut entries);
        entries.sort_by_key(|e| (e.start, e.end));
        // A span inside another one (an alias's copy) would break the search: keep the first.
        entries.dedup_by(|later, earlier| later.start < earlier.end);
        KeyIndex {
            text,
            lines,
            entries,
        }
    }

    /// What stands at `position` of `current` (the document's text now, which may be
    /// newer than the indexed one), with its range in `current`. An entry counts only
    /// if `current` still holds the same characters there: after an edit elsewhere that
    /// moved it, hover answers nothing rather than the wrong field.
    pub fn at(
        &self,
        current: &str,
        current_lines: &LineIndex,
        position: Position,
    ) -> Option<(&Entry, Range)> {
        let offset = current_lines.char_offset(current, position);
        let i = self.entries.partition_point(|e| e.start <= offset);
        let entry = self.entries.get(i.checked_sub(1)?)?;
        if offset > entry.end {
            return None;
        }
        let here = |text: &str, lines: &LineIndex| {
            let from = lines.byte_of_char(text, entry.start);
            let to = lines.byte_of_char(text, entry.end);
            text.get(from..to).map(str::to_owned)
        };
        let indexed = here(&self.text, &self.lines)?;
        (here(current, current_lines)? == indexed)
            .then(|| (entry, current_lines.range(current, entry.start, entry.end)))
    }
}

fn walk(doc: &Document, value: &Value, pointer: String, offset: usize, out: &mut Vec<Entry>) {
    let span = |location: Option<Location>| match location {
        Some(Location::Text { start, end, .. }) if end > start => {
            Some((start + offset, end + offset))
        }
        _ => None,
    };
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_pointer = pointer_join(&pointer, key);
                if let Some((start, end)) = span(doc.map.locate_key(&child_pointer)) {
                    out.push(Entry {
                        start,
                        end,
                        pointer: child_pointer.clone(),
                    });
                }
                walk(doc, child, child_pointer, offset, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(doc, child, pointer_join(&pointer, i), offset, out);
            }
        }
        _ => {
            if let Some((start, end)) = span(doc.map.locate(&pointer)) {
                out.push(Entry {
                    start,
                    end,
                    pointer,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> KeyIndex {
        let doc = crate::source::yaml::parse(text.as_bytes()).unwrap_or_else(|_| panic!("parses"));
        KeyIndex::build(&doc, Arc::from(text), LineIndex::new(text), 0)
    }

    #[test]
    fn keys_and_values_are_found_by_position() {
        let text = "inviting_party:\n  bin: \"123\"\nlist: [a, b]\n";
        let keys = index(text);
        let lines = LineIndex::new(text);
        let at = |line, character| {
            keys.at(text, &lines, Position::new(line, character))
                .map(|(e, _)| e.pointer.clone())
        };
        assert_eq!(at(1, 3), Some("/inviting_party/bin".into()));
        assert_eq!(at(1, 8), Some("/inviting_party/bin".into()));
        assert_eq!(at(0, 0), Some("/inviting_party".into()));
        assert_eq!(at(2, 10), Some("/list/1".into()));
        assert_eq!(at(1, 0), None);
        assert_eq!(at(99, 99), None);
    }

    #[test]
    fn a_moved_entry_is_not_answered_from_an_older_index() {
        let old = "a: 1\nbin: 2\n";
        let keys = index(old);
        let new = "aa: 1\nbin: 2\n";
        let lines = LineIndex::new(new);
        // `bin` moved by one character: the old span now holds `\nbi`.
        assert!(keys.at(new, &lines, Position::new(1, 1)).is_none());
        let same = "a: 1\nbin: 3\n";
        let lines = LineIndex::new(same);
        assert!(keys.at(same, &lines, Position::new(1, 1)).is_some());
    }
}
